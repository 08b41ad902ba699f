package align

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/record"
)

// long is a meeting of n turns: the President gives the floor to a
// delegate, who speaks, turn after turn; lacking removes the delegates'
// turns at those indexes.
func long(lang string, n int, lacking ...int) *record.Meeting {
	skip := map[int]bool{}
	for _, k := range lacking {
		skip[k] = true
	}
	codes := []string{"CHN", "FRA", "RUS", "GBR", "USA", "SEN", "DEU", "BRA", "IND", "JPN"}
	var sps []record.Speech
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			sps = append(sps, sp(record.RolePresident, "MEX", "es", words(8+i%5)))
			continue
		}
		if skip[i] {
			continue
		}
		sps = append(sps, sp(record.RoleMember, codes[(i/2)%len(codes)], "en", words(30+(i*7)%50, fmt.Sprint(i))))
	}
	return meeting(lang, sps...)
}

// A band gives the same alignment as the whole grid when the path stays
// inside it.
func TestBandSameAlignment(t *testing.T) {
	a, b := long("en", 300), long("fr", 300, 41, 43, 201)
	full := AlignPair(a, b)
	defer func(n int) { maxCells = n }(maxCells)
	maxCells = 2000
	if nb := newBand(len(a.Speeches), len(b.Speeches)); nb.cells > 2*maxCells {
		t.Fatalf("band of %d cells", nb.cells)
	}
	banded := AlignPair(a, b)
	if !reflect.DeepEqual(full, banded) {
		t.Error("the band's alignment differs from the whole grid's")
	}
	skips := 0
	for _, l := range banded.Links {
		if len(l.B) == 0 {
			skips++
		}
	}
	if skips != 3 {
		t.Errorf("%d speeches found lacking, want 3", skips)
	}
}

// Two versions of a meeting of 20,000 turns align in bounded memory and
// time.
func TestBandLongMeeting(t *testing.T) {
	if testing.Short() {
		t.Skip("a long meeting")
	}
	a, b := long("en", 20000), long("fr", 20000, 9001)
	start := time.Now()
	p := AlignPair(a, b)
	if len(p.Links) != 20000 {
		t.Errorf("%d links", len(p.Links))
	}
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestBandReachesEveryCell(t *testing.T) {
	defer func(n int) { maxCells = n }(maxCells)
	maxCells = 50
	for _, nm := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 40}, {40, 1}, {30, 33}, {100, 7}, {7, 100}} {
		b := newBand(nm[0], nm[1])
		if b.lo[0] != 0 || b.hi[nm[0]] != nm[1] {
			t.Errorf("%v: band misses a corner", nm)
		}
		for i := 1; i <= nm[0]; i++ {
			if b.lo[i] > b.hi[i-1] || b.lo[i] < b.lo[i-1] {
				t.Errorf("%v: row %d [%d,%d] after [%d,%d]", nm, i, b.lo[i], b.hi[i], b.lo[i-1], b.hi[i-1])
			}
		}
	}
}
