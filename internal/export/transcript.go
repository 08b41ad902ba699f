package export

import (
	"io"

	"github.com/verbatim-un/verbatim/internal/render"
	"github.com/verbatim-un/verbatim/record"
)

// writeTranscript writes a meeting as package render's Markdown or text;
// after a first meeting, a separator.
func writeTranscript(w io.Writer, m *record.Meeting, format string, more bool) error {
	m = narrow(m)
	if more {
		sep := "\n"
		if format == "md" {
			sep = "\n---\n\n"
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
	}
	if format == "md" {
		return render.Markdown(w, m)
	}
	return render.Text(w, m)
}

// narrow leaves out of a meeting narrowed to some speeches the events and
// references that belong to the others.
func narrow(m *record.Meeting) *record.Meeting {
	sel := selected(m)
	n := *m
	n.Events = nil
	for _, e := range m.Events {
		if e.Speech == 0 || sel[e.Speech] {
			n.Events = append(n.Events, e)
		}
	}
	n.References = nil
	for _, r := range m.References {
		if r.Speech == 0 || sel[r.Speech] {
			n.References = append(n.References, r)
		}
	}
	return &n
}
