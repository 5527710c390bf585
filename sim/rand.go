package sim

// Stream is one named source of random numbers for one replication.
//
// Every stochastic element of the model (arrivals at a port, booth
// service times, referrals to secondary inspection) draws from its own
// Stream. Seeding each stream from a hash of (seed, replication, name),
// instead of splitting one generator in draw order, is what keeps
// common random numbers working across scenarios: adding a new stream,
// or drawing more often from one, never shifts the numbers another
// stream produces (Law, Simulation Modeling and Analysis, 5th ed.,
// §11.2 on synchronisation of random numbers).
//
// The generator is PCG-DXSM (O'Neill 2014), math/rand/v2's PCG, and the
// normal and exponential draws are math/rand/v2's ziggurats, all copied
// into gorand.go to run on the Stream's own 128 bits of state instead of
// through rand.Rand's interface: the same numbers, without an indirect
// call per draw. A Stream is not safe for concurrent use. It holds no
// pointer, so a copy is a second generator at the same point of the
// sequence.
type Stream struct {
	hi, lo uint64 // the PCG state, as math/rand/v2's PCG{hi, lo}
	// To 64 bytes: the streams of ports on two cores never share a
	// cache line (internal/cacheline). Drawing writes the state, about seven
	// times a vehicle.
	_ [48]byte
}

// NewStream returns the stream called name in the given replication of
// an experiment with the given master seed.
//
// The two 64-bit PCG seeds are derived by hashing name with FNV-1a and
// folding in seed and replication through the splitmix64 finaliser
// (Steele, Lea & Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014). Each fold is a bijective avalanche mix, so
// a change in any input changes about half of the seed bits.
func NewStream(seed uint64, replication int, name string) *Stream {
	h := fnv1a64(name)
	k := splitmix64(seed ^ 0x6a09e667f3bcc909) // frac(√2), a nothing-up-my-sleeve domain separator
	k = splitmix64(k ^ uint64(int64(replication)))
	k = splitmix64(k ^ h)
	return &Stream{hi: splitmix64(k + 0x9e3779b97f4a7c15), lo: splitmix64(k + 0x3c6ef372fe94f82a)}
}

// fnv1a64 is the 64-bit FNV-1a hash (Fowler, Noll & Vo; IETF draft
// draft-eastlake-fnv). It is written out rather than taken from
// hash/fnv so that NewStream does not allocate a hasher.
func fnv1a64(s string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// splitmix64 is the finalising mix of SplitMix64 (Steele et al. 2014,
// constants from Stafford's "Mix13"). It is a bijection on uint64.
func splitmix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Reseed restarts the stream at a state derived from key and step, without
// allocating. It gives an entity its own short sequence of numbers — a
// vehicle's draws at its k-th inspection — that does not depend on how many
// numbers other entities drew before it, so two policies compared on the
// same seed inspect the same vehicle with the same luck (common random
// numbers that survive a change in who gets inspected).
func (s *Stream) Reseed(key, step uint64) {
	k := splitmix64(key ^ splitmix64(step+0x632be59bd9b4e019))
	s.hi, s.lo = splitmix64(k+0x9e3779b97f4a7c15), splitmix64(k+0x3c6ef372fe94f82a)
}
