package align

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/record"
)

func TestTMXValidates(t *testing.T) {
	dtd := corpus.StandardsPath(t, "tmx/tmx14.dtd")
	xmllint := corpus.Tool(t, "xmllint", "libxml2-utils")
	a, err := Align(versions(t, "zh", "en", "fr", "es", "ru", "ar")...)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.WriteTMX(&b, "test"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "S_PV.9992.tmx")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--dtdvalid", dtd, p).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
	// The validator must be able to say no.
	bad := strings.Replace(b.String(), "<seg>", "<segment>", 1)
	if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(xmllint, "--noout", "--dtdvalid", dtd, p).Run(); err == nil {
		t.Error("xmllint accepts a TMX with an unknown element")
	}

	doc := parseTMX(t, b.Bytes())
	h := doc.Header
	if h.Tool != "Verbatim" || h.Segtype != "paragraph" || h.Datatype != "plaintext" || h.Srclang != "zh" {
		t.Errorf("header %+v", h)
	}
	// Germany's speech (zh 6) is in five languages: ru lacks it.
	found := false
	for _, tu := range doc.Units {
		for _, v := range tu.Variants {
			if strings.Contains(v.Seg, "韦伯") || strings.HasPrefix(v.Seg, "德国今年") {
				found = true
				if len(tu.Variants) != 5 {
					t.Errorf("Germany's unit has %d variants, want 5", len(tu.Variants))
				}
				for _, v := range tu.Variants {
					if v.Lang == "ru" {
						t.Error("Germany's unit has a Russian variant")
					}
				}
			}
		}
	}
	if !found {
		t.Error("no unit for Germany's speech")
	}
	// The Senegalese speech's two Chinese paragraphs are one paragraph in
	// English: one unit holds both.
	for _, tu := range doc.Units {
		for _, v := range tu.Variants {
			if v.Lang == "en" && strings.HasPrefix(v.Seg, "I have the honour") {
				zh := variant(tu, "zh")
				if !strings.Contains(zh, "我荣幸地") || !strings.Contains(zh, "第2417（2018）号决议") || strings.Count(zh, "\n") != 1 {
					t.Errorf("Senegal's zh variant %q", zh)
				}
			}
		}
	}
	if len(doc.Units) < 13 {
		t.Errorf("%d units, want at least one a row", len(doc.Units))
	}
}

func TestTMXEscapes(t *testing.T) {
	a, err := Align(
		meeting("en", sp(record.RoleMember, "CHN", "zh", `Tom & "Jerry" <b> it's`+"\x01")),
		meeting("fr", sp(record.RoleMember, "CHN", "zh", "l’été > hiver")))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.WriteTMX(&b, `v"1<`); err != nil {
		t.Fatal(err)
	}
	doc := parseTMX(t, b.Bytes())
	if len(doc.Units) != 1 {
		t.Fatalf("%d units", len(doc.Units))
	}
	if got := variant(doc.Units[0], "en"); got != `Tom & "Jerry" <b> it's`+"\uFFFD" {
		t.Errorf("en seg %q", got)
	}
	if got := variant(doc.Units[0], "fr"); got != "l’été > hiver" {
		t.Errorf("fr seg %q", got)
	}
}

type tmxDoc struct {
	Header struct {
		Tool     string `xml:"creationtool,attr"`
		Segtype  string `xml:"segtype,attr"`
		Datatype string `xml:"datatype,attr"`
		Srclang  string `xml:"srclang,attr"`
	} `xml:"header"`
	Units []tmxUnit `xml:"body>tu"`
}

type tmxUnit struct {
	Variants []struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Seg  string `xml:"seg"`
	} `xml:"tuv"`
}

func parseTMX(t *testing.T, b []byte) tmxDoc {
	t.Helper()
	var d tmxDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("TMX does not parse: %v", err)
	}
	return d
}

func variant(tu tmxUnit, lang string) string {
	for _, v := range tu.Variants {
		if v.Lang == lang {
			return v.Seg
		}
	}
	return ""
}

// The JSON form carries the fields docs/align.md documents.
func TestJSON(t *testing.T) {
	a, err := Align(versions(t, "en", "ru")...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]json.RawMessage
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"symbol", "languages", "pivot", "rows", "pairs", "units", "warnings"} {
		if _, ok := back[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	var again Alignment
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Rows, a.Rows) || !reflect.DeepEqual(again.Units, a.Units) || !reflect.DeepEqual(again.Pairs, a.Pairs) {
		t.Error("JSON does not read back to the same alignment")
	}
	if len(a.Warnings) != 1 || a.Warnings[0].Language != "ru" {
		t.Errorf("warnings %v", a.Warnings)
	}
}
