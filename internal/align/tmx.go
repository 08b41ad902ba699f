package align

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// WriteTMX writes the alignment's units as a TMX 1.4b translation memory:
// one <tu> a unit with at least two languages, a <tuv> a language in the
// order of Languages, the pivot as source language. toolVersion is the
// creationtoolversion the header must carry.
func (a *Alignment) WriteTMX(w io.Writer, toolVersion string) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n")
	fmt.Fprintf(bw, "  <header creationtool=\"Verbatim\" creationtoolversion=%s segtype=\"paragraph\" o-tmf=\"Verbatim\" adminlang=\"en\" srclang=%s datatype=\"plaintext\">\n",
		attr(toolVersion), attr(a.Pivot))
	fmt.Fprintf(bw, "    <prop type=\"x-symbol\">%s</prop>\n  </header>\n  <body>\n", text(a.Symbol))
	for i, u := range a.Units {
		n := 0
		for _, lang := range a.Languages {
			if _, ok := u.Text[lang]; ok {
				n++
			}
		}
		if n < 2 {
			continue
		}
		fmt.Fprintf(bw, "    <tu tuid=%s", attr(strconv.Itoa(i+1)))
		if u.Segtype != "paragraph" {
			fmt.Fprintf(bw, " segtype=%s", attr(u.Segtype))
		}
		bw.WriteString(">\n")
		for _, lang := range a.Languages {
			t, ok := u.Text[lang]
			if !ok {
				continue
			}
			fmt.Fprintf(bw, "      <tuv xml:lang=%s>\n", attr(lang))
			if refs := u.Paras[lang]; len(refs) > 0 {
				fmt.Fprintf(bw, "        <prop type=\"x-speech\">%d</prop>\n", refs[0].Seq)
			}
			fmt.Fprintf(bw, "        <seg>%s</seg>\n      </tuv>\n", text(t))
		}
		bw.WriteString("    </tu>\n")
	}
	bw.WriteString("  </body>\n</tmx>\n")
	return bw.Flush()
}

func attr(s string) string { return `"` + text(s) + `"` }

// text escapes s for XML; characters XML cannot hold become U+FFFD.
func text(s string) string {
	var b bufWriter
	xml.EscapeText(&b, []byte(s))
	return string(b)
}

type bufWriter []byte

func (b *bufWriter) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}
