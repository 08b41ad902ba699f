package layout

import "testing"

func TestScratchGlue(t *testing.T) {
	for _, in := range []string{
		"其中载有2025年32/6 25-01234 S/PV.9999  非洲和平与安全  14/03/2025",
		"成员注意S/2025/1002/7 25-01234",
		"成员注意S/2025/100 2/7 25-01234",
		"安理会第2334号决议16-34838 3/292025年通过。",
		"安理会第2334号决议16-34838 3/29 2025年通过。",
	} {
		d := Clean(in, Han)
		t.Logf("%q -> %+v %+v", in, d.Lines, d.Furniture)
	}
}
