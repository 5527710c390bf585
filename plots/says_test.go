package plots

import (
	"strings"
	"testing"
)

// The volume chart's title says what is plotted, and its caption says
// what the data show: a sweep where interdiction rises with the traffic
// is not captioned as one where it falls.
func TestVolumeCaptionFollowsData(t *testing.T) {
	head := "volume_factor,interdiction_rate,interdiction_rate_lo,interdiction_rate_hi,wait_mean_min_truck,share_inspected\n"
	for _, c := range []struct{ rows, want string }{
		{"1,0.05,0.04,0.06,2,0.1\n3,0.063,0.05,0.07,30,0.08\n", "The share of the contraband seized rises from 5.0% at 1× the traffic to 6.3% at 3×"},
		{"1,0.05,0.04,0.06,2,0.1\n3,0.02,0.01,0.03,30,0.08\n", "The share of the contraband seized falls from 5.0% at 1× the traffic to 2.0% at 3×"},
	} {
		f, err := volumeCurve(map[string][]byte{"volume.csv": []byte(head + c.rows)})
		if err != nil || f == nil {
			t.Fatalf("volumeCurve: %v", err)
		}
		if !strings.Contains(f.caption, c.want) || !strings.Contains(f.caption, "The mean truck wait rises from 2.0 min") {
			t.Errorf("caption %q, want %q", f.caption, c.want)
		}
		if strings.Contains(strings.ToLower(f.title), "defeat") {
			t.Errorf("title states a conclusion: %q", f.title)
		}
	}
}

// The frontier's caption names the policy its data put first per dollar
// of delay, and the one that seizes most.
func TestFrontierCaptionFollowsData(t *testing.T) {
	got := frontierSays([]string{"baseline", "targeted", "everything"}, []float64{2, 1, 300}, []float64{40, 300, 500}, "kg", "million USD")
	want := "In this sweep targeted seizes the most per dollar of delay (300 kg for 1 million USD); everything seizes the most (500, for 300 million USD)."
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
