package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

// metaColumns are the columns of the corpus's meta.tsv, a row a meeting
// (part); the first, unnamed, is the row index.
var metaColumns = []string{"", "basename", "date", "topic", "year", "month", "day", "spv", "num_speeches"}

// writeSCD writes the Security Council Debates corpus's layout:
// speeches/<filename> (the label, then the text), speaker.tsv (the
// columns of the TSV export but the text) and meta.tsv. The two tables
// grow while the speeches are written, so they are spooled to temporary
// files and copied in last: a zip stream takes one file at a time.
func writeSCD(sink Sink, src Source, o Options) (Stats, error) {
	var st Stats
	spool := func() (*os.File, *bufio.Writer, error) {
		f, err := os.CreateTemp("", "verbatim-scd-*")
		if err != nil {
			return nil, nil, err
		}
		os.Remove(f.Name()) // gone when closed; the open file stays readable
		return f, bufio.NewWriterSize(f, 64<<10), nil
	}
	sf, _, err := spool()
	if err != nil {
		return st, err
	}
	defer sf.Close()
	mf, mw, err := spool()
	if err != nil {
		return st, err
	}
	defer mf.Close()
	speakers := newTable(sf, true, false)
	meta := &table{w: mw, tsv: true}
	meta.record(metaColumns)
	bases := map[string]bool{} // a meeting's speeches are named after it
	lang := ""
	for m, err := range src {
		if err != nil {
			return st, err
		}
		if lang == "" {
			lang = m.Language
		}
		if m.Language != lang {
			return st, fmt.Errorf("the scd layout holds the records of one language, and %s is in %s after records in %s: choose one with --lang", m.Symbol, m.Language, lang)
		}
		base := scdBase(m)
		if bases[base] {
			return st, errDuplicate(base, m)
		}
		bases[base] = true
		if err := speakers.meeting(m); err != nil {
			return st, err
		}
		year, month, day := datePart(m.Date, 0, 4), datePart(m.Date, 5, 7), datePart(m.Date, 8, 10)
		meta.n++
		meta.record([]string{strconv.Itoa(meta.n), scdBase(m), m.Date, topic(m, 0), year, month, day,
			scdSpv(m.Symbol), strconv.Itoa(len(m.Speeches))})
		for _, sp := range m.Speeches {
			f, err := sink.Create("speeches/" + scdFile(m, sp.Seq))
			if err != nil {
				return st, err
			}
			_, err = io.WriteString(f, speechFile(sp))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return st, err
			}
			st.Files++
		}
		st.Meetings++
		st.Speeches += len(m.Speeches)
		if o.Progress != nil {
			o.Progress(st)
		}
	}
	for _, t := range []struct {
		name string
		f    *os.File
		tab  *table
	}{{"speaker.tsv", sf, speakers}, {"meta.tsv", mf, meta}} {
		if err := t.tab.close(); err != nil {
			return st, err
		}
		if _, err := t.f.Seek(0, io.SeekStart); err != nil {
			return st, err
		}
		out, err := sink.Create(t.name)
		if err != nil {
			return st, err
		}
		_, err = io.Copy(out, t.f)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return st, err
		}
		st.Files++
	}
	return st, nil
}

// speechFile is a speech as the corpus's text files give it: the label
// (the form of address) and the text, a paragraph a line.
func speechFile(sp record.Speech) string {
	text := strings.Join(sp.Paragraphs, "\n")
	if l := oneLine(sp.Label); l != "" {
		text = l + " " + text
	}
	return text + "\n"
}

// scdSpv is the corpus's spv column: the Council's meeting number with
// its resumption (8706Resumption1); other organs keep their whole
// symbol without slashes (A65PV.71).
func scdSpv(symbol string) string {
	return strings.TrimPrefix(scdSymbol(symbol), "SPV.")
}
