// Package export writes meetings in the formats researchers already
// work with: CSV and TSV whose first columns are those of the UN Security
// Council Debates corpus (and that corpus's folder layout), JSON Lines,
// ParlaMint TEI, Akoma Ntoso (AKN4UN), Markdown and plain text.
//
// Exports stream: meetings come one at a time from a Source (the store's
// Export, or records parsed from files) and are written as they come, so
// memory does not grow with the number of meetings. The formats and their
// columns are documented in docs/exports.md.
package export

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/verbatim-un/verbatim/record"
)

// Source yields meetings, each with the speeches to export.
type Source = iter.Seq2[*record.Meeting, error]

// Formats are the formats Write and WriteFiles know.
var Formats = []string{"csv", "tsv", "jsonl", "tei", "akn", "md", "text"}

// Options say what to write.
type Options struct {
	Format string // one of Formats
	Layout string // "" or "scd": the Security Council Debates corpus's folders (tsv only)
	// Date is the date of the export that the TEI and AKN headers carry
	// (YYYY-MM-DD); today's when empty.
	Date string
	// Progress, when set, is called after each meeting with the totals so
	// far.
	Progress func(Stats)
}

// Stats count what an export wrote.
type Stats struct {
	Meetings, Speeches int
	Files              int
}

// Errors for a format asked of the wrong kind of output.
var (
	ErrFormat  = errors.New("unknown export format")
	ErrOneFile = errors.New("this format writes one file per meeting: give a directory")
)

// CheckOptions reports whether o names a known format and layout.
func CheckOptions(o Options) error {
	known := false
	for _, f := range Formats {
		known = known || f == o.Format
	}
	if !known {
		return fmt.Errorf("%w %q (want %s)", ErrFormat, o.Format, strings.Join(Formats, ", "))
	}
	switch o.Layout {
	case "":
	case "scd":
		if o.Format != "tsv" {
			return fmt.Errorf("%w: the scd layout is TSV (--format tsv)", ErrFormat)
		}
	default:
		return fmt.Errorf("%w: unknown layout %q (want scd)", ErrFormat, o.Layout)
	}
	return nil
}

// PerMeeting reports whether a format writes one file per meeting when
// it writes to a directory.
func PerMeeting(o Options) bool {
	switch o.Format {
	case "tei", "akn", "md", "text":
		return true
	}
	return o.Layout == "scd"
}

func (o Options) date() string {
	if o.Date != "" {
		return o.Date
	}
	return time.Now().UTC().Format("2006-01-02")
}

// Write writes the meetings of src to one stream: CSV, TSV and JSON Lines
// a row a speech; Markdown and text one transcript after another; TEI and
// AKN only when src yields a single meeting (ErrOneFile otherwise).
func Write(w io.Writer, src Source, o Options) (Stats, error) {
	if err := CheckOptions(o); err != nil {
		return Stats{}, err
	}
	if o.Layout != "" {
		return Stats{}, ErrOneFile
	}
	var st Stats
	switch o.Format {
	case "csv", "tsv":
		tsv := o.Format == "tsv"
		header := newTable(w, tsv, true)
		if err := header.close(); err != nil {
			return st, err
		}
		err := writeRows(w, src, o, func() rowRenderer { return &table{tsv: tsv, columns: header.columns} }, &st)
		return st, err
	case "jsonl":
		err := writeRows(w, src, o, func() rowRenderer { return &jsonl{} }, &st)
		return st, err
	}
	for m, err := range src {
		if err != nil {
			return st, err
		}
		switch o.Format {
		case "md", "text":
			err = writeTranscript(w, m, o.Format, st.Meetings > 0)
		case "tei", "akn":
			if st.Meetings > 0 {
				return st, ErrOneFile
			}
			if o.Format == "tei" {
				_, err = writeTEI(w, m, o.date())
			} else {
				err = writeAKN(w, m, o.date())
			}
		}
		if err != nil {
			return st, err
		}
		st.Meetings++
		st.Speeches += len(m.Speeches)
		if o.Progress != nil {
			o.Progress(st)
		}
	}
	return st, nil
}

// speechWriter writes a row (or line) for each speech of a meeting.
type speechWriter interface {
	meeting(m *record.Meeting) error
	close() error
}

// Sink receives the files of an export: a directory, or a zip archive
// being streamed. Files are written one at a time: each is closed before
// the next is created.
type Sink interface {
	Create(name string) (io.WriteCloser, error) // name is slash-separated, relative
}

// WriteFiles writes the meetings of src as files: one per meeting for
// tei, akn, md and text (and a corpus root for TEI), the corpus's
// speaker.tsv, meta.tsv and speeches/ for the scd layout, else one file
// (speeches.csv, speeches.tsv, speeches.jsonl).
func WriteFiles(sink Sink, src Source, o Options) (Stats, error) {
	if err := CheckOptions(o); err != nil {
		return Stats{}, err
	}
	if o.Layout == "scd" {
		return writeSCD(sink, src, o)
	}
	if !PerMeeting(o) {
		f, err := sink.Create("speeches." + o.Format)
		if err != nil {
			return Stats{}, err
		}
		st, err := Write(f, src, o)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		st.Files = 1
		return st, err
	}
	var st Stats
	names := map[string]bool{}
	var root *teiRoot
	if o.Format == "tei" {
		root = newTEIRoot()
	}
	date := o.date()
	newRender := func() renderFunc {
		return func(m *record.Meeting, _ int, buf *bytes.Buffer) (int, error) {
			switch o.Format {
			case "tei":
				return writeTEI(buf, m, date)
			case "akn":
				return 0, writeAKN(buf, m, date)
			}
			return 0, writeTranscript(buf, m, o.Format, false)
		}
	}
	emit := func(m *record.Meeting, b []byte, words int) error {
		name := FileName(m, o.Format)
		if names[name] {
			return errDuplicate(name, m)
		}
		names[name] = true
		f, err := sink.Create(name)
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if root != nil {
			root.include(name)
			root.meeting(m, words)
		}
		st.Meetings++
		st.Files++
		st.Speeches += len(m.Speeches)
		if o.Progress != nil {
			o.Progress(st)
		}
		return nil
	}
	if err := inOrder(src, newRender, emit, nil); err != nil {
		return st, err
	}
	if root != nil {
		f, err := sink.Create(teiRootName)
		if err != nil {
			return st, err
		}
		err = root.write(f, o.date())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return st, err
		}
		st.Files++
	}
	return st, nil
}

// DirSink writes files under a directory, each through a temporary file
// renamed into place when complete.
type DirSink string

// Create creates a file of the export.
func (d DirSink) Create(name string) (io.WriteCloser, error) {
	p := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".export-*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp's 0600 suits no export
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &dirFile{f: f, final: p}, nil
}

type dirFile struct {
	f     *os.File
	final string
}

func (d *dirFile) Write(p []byte) (int, error) { return d.f.Write(p) }

func (d *dirFile) Close() error {
	if err := d.f.Close(); err != nil {
		os.Remove(d.f.Name())
		return err
	}
	return os.Rename(d.f.Name(), d.final)
}

// ZipSink writes the files into a zip archive, for a download. Close the
// zip.Writer when the export is done.
type ZipSink struct{ Z *zip.Writer }

// Create starts the next entry of the archive.
func (z ZipSink) Create(name string) (io.WriteCloser, error) {
	w, err := z.Z.CreateHeader(&zip.FileHeader{Name: path.Clean(name), Method: zip.Deflate, Modified: time.Now().UTC()})
	if err != nil {
		return nil, err
	}
	return nopCloser{w}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// stem names a meeting's files: the symbol and language as the UN names
// its documents, "S_PV.8706Resumption1-EN".
func stem(m *record.Meeting) string {
	s := safeName(strings.ReplaceAll(m.Symbol, "/", "_"))
	if s == "" {
		s = "record"
	}
	if !unicode.IsLetter(rune(s[0])) {
		s = "M" + s
	}
	if m.Language != "" {
		s += "-" + strings.ToUpper(safeName(m.Language))
	}
	return s
}

// safeName keeps the ASCII letters, digits, dots, underscores and hyphens
// of s: file names and XML identifiers stay portable.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// baseSymbol is the meeting's symbol without its resumption.
func baseSymbol(m *record.Meeting) string {
	if i := strings.Index(m.Symbol, " (Resumption"); i > 0 {
		return m.Symbol[:i]
	}
	return m.Symbol
}

// selected reports, for a meeting narrowed to some speeches, which seqs
// are there: events and references inside other speeches are left out.
func selected(m *record.Meeting) map[int]bool {
	s := make(map[int]bool, len(m.Speeches))
	for _, sp := range m.Speeches {
		s[sp.Seq] = true
	}
	return s
}

// citations returns the distinct symbols each speech cites, in order.
func citations(m *record.Meeting) map[int][]string {
	out := map[int][]string{}
	seen := map[string]bool{}
	for _, r := range m.References {
		if r.Speech == 0 || r.Symbol == "" {
			continue
		}
		k := fmt.Sprint(r.Speech, "\x00", r.Symbol)
		if seen[k] {
			continue
		}
		seen[k] = true
		out[r.Speech] = append(out[r.Speech], r.Symbol)
	}
	return out
}

// oneLine collapses every run of white space, line breaks included, into
// one space: for headings and attributes.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// itemTitle is an agenda item's title as one line; the subtitle stands in
// for a title without letters.
func itemTitle(it record.Item) string {
	t := oneLine(it.Title)
	if !strings.ContainsFunc(t, unicode.IsLetter) {
		t = oneLine(it.Subtitle)
	}
	return t
}

// topic is the title of the agenda item a speech is under, else the
// meeting's first item.
func topic(m *record.Meeting, item int) string {
	if item > 0 && item <= len(m.Agenda) {
		return itemTitle(m.Agenda[item-1])
	}
	if len(m.Agenda) > 0 {
		return itemTitle(m.Agenda[0])
	}
	return ""
}

func errDuplicate(name string, m *record.Meeting) error {
	return fmt.Errorf("two records would be written to %s (%s, %s)", name, m.Symbol, m.Language)
}

// FileName names a meeting's file in a format: "S_PV.8422-EN.csv".
func FileName(m *record.Meeting, format string) string {
	ext := map[string]string{"tei": ".xml", "akn": ".akn.xml", "text": ".txt"}[format]
	if ext == "" {
		ext = "." + format
	}
	return stem(m) + ext
}
