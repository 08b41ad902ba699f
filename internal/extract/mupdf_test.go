package extract

import (
	"strings"
	"testing"
)

// A page of mutool's stext.json as it prints it: a run per font, a
// space run of its own, a label's name in bold and the rest of its line
// in regular type, a line starting with a stray space glyph.
const stextSample = `{"file":"x.pdf","pages":[{"blocks":[
{"type":"text","bbox":{"x":59,"y":54,"w":492,"h":11},"lines":[
 {"wmode":0,"bbox":{"x":59,"y":56,"w":40,"h":9},"font":{"name":"DWHBYH+TimesNewRomanPS-BoldMT","family":"serif","weight":"bold","style":"normal","size":8},"x":59,"y":63,"text":"S/PV.9001"},
 {"wmode":0,"bbox":{"x":100,"y":56,"w":2,"h":9},"font":{"name":"DWHBYH+TimesNewRomanPS-BoldMT","family":"serif","weight":"bold","style":"normal","size":8},"x":100,"y":63,"text":" "},
 {"wmode":0,"bbox":{"x":259,"y":54,"w":92,"h":11},"font":{"name":"JFELEV+TimesNewRomanPSMT","family":"serif","weight":"normal","style":"normal","size":10},"x":259,"y":63,"text":"A title"}]},
{"type":"image","bbox":{"x":0,"y":0,"w":10,"h":10}},
{"type":"text","bbox":{"x":77,"y":200,"w":200,"h":11},"lines":[
 {"wmode":0,"bbox":{"x":77,"y":200,"w":62,"h":10},"font":{"name":"ABCDEF+Bold","family":"serif","weight":"bold","style":"normal","size":10},"x":77,"y":209,"text":"Mr. Jones "},
 {"wmode":0,"bbox":{"x":143,"y":200,"w":159,"h":10},"font":{"name":"ABCDEG+Roman","family":"serif","weight":"normal","style":"normal","size":10},"x":143,"y":209,"text":"(France): Thank you."},
 {"wmode":0,"bbox":{"x":59,"y":212,"w":3,"h":10},"font":{"name":"ABCDEG+Roman","family":"serif","weight":"normal","style":"normal","size":10},"x":59,"y":221,"text":" "},
 {"wmode":0,"bbox":{"x":77,"y":212,"w":150,"h":10},"font":{"name":"ABCDEH+Italic","family":"serif","weight":"normal","style":"italic","size":10},"x":77,"y":221,"text":"The meeting rose."}]}]}]}`

func TestDecodeSText(t *testing.T) {
	d, err := decodeSText([]byte(stextSample), []pageSize{{612, 792}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 1 || d.Pages[0].Width != 612 || d.Pages[0].Height != 792 {
		t.Fatalf("pages %+v", d.Pages)
	}
	ls := d.Pages[0].Lines
	var got []string
	for i := range ls {
		got = append(got, ls[i].Text())
	}
	want := []string{"S/PV.9001 A title", "Mr. Jones (France): Thank you.", "The meeting rose."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines %q, want %q", got, want)
	}
	if ls[1].BoldPrefix() != len("Mr. Jones ") || ls[1].Spans[0].Font != "Bold" {
		t.Errorf("label: bold prefix %d, font %q", ls[1].BoldPrefix(), ls[1].Spans[0].Font)
	}
	if ls[2].X0 != 77 || !ls[2].Italic() {
		t.Errorf("a line starting with a stray space: X0 %v (want 77), italic %v", ls[2].X0, ls[2].Italic())
	}
	if ls[1].Baseline != 209 || ls[1].Block != 2 {
		t.Errorf("baseline %v block %d", ls[1].Baseline, ls[1].Block)
	}
	// Without page sizes the text's extent stands in.
	d, err = decodeSText([]byte(stextSample), nil)
	if err != nil || d.Pages[0].Width == 0 || d.Pages[0].Height == 0 {
		t.Errorf("no sizes: %v %+v", err, d.Pages[0])
	}
	if _, err := decodeSText([]byte(`{"pages":[{"blocks":[`), nil); err == nil {
		t.Error("truncated JSON decoded without an error")
	}
}

func TestMutoolErrors(t *testing.T) {
	in := "warning: ICC support is not available\nerror: cannot find startxref\nwarning: trying to repair\nerror: cannot draw 'x.pdf'\n"
	if got := mutoolErrors(in); got != "cannot find startxref" {
		t.Errorf("mutoolErrors = %q", got)
	}
}
