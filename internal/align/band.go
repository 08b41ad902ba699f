package align

// band is the cells a dynamic programme over an (n+1)×(m+1) grid visits:
// every cell when the grid is small, else a band around the diagonal
// (row i's columns lo[i]..hi[i]), wide enough for the two sides' difference
// in length, so that memory stays bounded for any input.
type band struct {
	lo, hi, start []int // per row: first and last column, index of the first cell
	cells         int
}

// maxCells bounds a programme's cells: about 9 bytes each.
var maxCells = 2_000_000

func newBand(n, m int) band {
	b := band{lo: make([]int, n+1), hi: make([]int, n+1), start: make([]int, n+1)}
	w := m // every column
	if (n+1)*(m+1) > maxCells {
		w = max(n-m, m-n) + 50
		if (n+1)*(2*w+1) > maxCells {
			// Narrower, but never so narrow that one row's columns miss
			// the next row's: every cell stays reachable.
			w = max(2, maxCells/(n+1)/2, (m+n-1)/max(n, 1)+1)
		}
	}
	for i := 0; i <= n; i++ {
		c := m
		if n > 0 {
			c = i * m / n
		}
		b.lo[i], b.hi[i] = max(0, c-w), min(m, c+w)
		b.start[i] = b.cells
		b.cells += b.hi[i] - b.lo[i] + 1
	}
	return b
}

// at is the index of cell (i, j), and whether the band holds it.
func (b band) at(i, j int) (int, bool) {
	if i < 0 || i >= len(b.lo) || j < b.lo[i] || j > b.hi[i] {
		return 0, false
	}
	return b.start[i] + j - b.lo[i], true
}
