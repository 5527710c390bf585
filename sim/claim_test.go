package sim

import (
	"testing"
	"unsafe"
)

// A waiting claim on a FIFO resource is 16 bytes (a waiting vehicle
// should cost a few tens of bytes): its time and its index. A request
// with its own Action (40 bytes) was what every waiting vehicle cost
// before Claim; this fails if fields creep back into waiter.
func TestWaiterSize(t *testing.T) {
	if n := unsafe.Sizeof(waiter{}); n > 16 {
		t.Fatalf("waiter is %d bytes, want at most 16", n)
	}
}

// Claims and Requests mixed on one FIFO resource are granted in the order
// they were made, each with its own Action and argument, and the waits
// are those of the requests.
func TestClaimAndRequestKeepOneOrder(t *testing.T) {
	env := NewEnv()
	r := NewResource(env, 1)
	var got []int
	var fns []string
	claimFn := func(i int) {
		got = append(got, i)
		fns = append(fns, "claim")
		env.Timeout(1, func(int) { r.Release() }, 0)
	}
	ownFn := func(i int) {
		got = append(got, i)
		fns = append(fns, "own")
		env.Timeout(1, func(int) { r.Release() }, 0)
	}
	r.SetGrant(claimFn)
	s := NewStream(1, 0, "claim")
	var want []int
	var wantFn []string
	for i := 0; i < 3000; i++ { // at time 0: the first is granted, the rest wait
		if s.Bernoulli(0.3) {
			r.Request(i, 0, ownFn)
			wantFn = append(wantFn, "own")
		} else {
			r.Claim(i)
			wantFn = append(wantFn, "claim")
		}
		want = append(want, i)
	}
	if r.QueueLen() != 2999 {
		t.Fatalf("queue %d, want 2999", r.QueueLen())
	}
	env.Run()
	if len(got) != len(want) {
		t.Fatalf("%d grants, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] || fns[i] != wantFn[i] {
			t.Fatalf("grant %d: %d by %s, want %d by %s", i, got[i], fns[i], want[i], wantFn[i])
		}
	}
	// The k-th waits k seconds: mean (n−1)/2.
	if w := r.Waits(); w.N() != 3000 || w.Mean() != 1499.5 || w.Max() != 2999 {
		t.Fatalf("waits n=%d mean=%v max=%v, want 3000, 1499.5, 2999", w.N(), w.Mean(), w.Max())
	}
}

// Claim without SetGrant is a programming error.
func TestClaimWithoutGrantPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	NewResource(NewEnv(), 1).Claim(0)
}
