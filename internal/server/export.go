package server

import (
	"archive/zip"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/verbatim-un/verbatim/internal/export"
	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/internal/store"
	"github.com/verbatim-un/verbatim/record"
)

// Limits on exports, which read much more than a page of results.
const (
	ExportTimeout = time.Hour // a whole store takes minutes
	MaxExports    = 2         // at once; more get 503
	exportStall   = 30 * time.Second
)

var exportTypes = map[string]string{
	"csv":   "text/csv; charset=utf-8",
	"tsv":   "text/tab-separated-values; charset=utf-8",
	"jsonl": "application/jsonl; charset=utf-8",
	"tei":   "application/tei+xml; charset=utf-8",
	"akn":   "application/akn+xml; charset=utf-8",
	"md":    "text/markdown; charset=utf-8",
	"text":  "text/plain; charset=utf-8",
}

// isExport tells the middleware which requests may run long.
func isExport(r *http.Request) bool {
	return r.URL.Path == "/api/export" ||
		strings.HasPrefix(r.URL.Path, "/api/meetings/") && r.URL.Query().Get("format") != "" && r.URL.Query().Get("format") != "json"
}

func exportOptions(r *http.Request) (export.Options, error) {
	q := r.URL.Query()
	o := export.Options{Format: q.Get("format"), Layout: q.Get("layout")}
	if err := export.CheckOptions(o); err != nil {
		param := "format"
		if o.Layout != "" && o.Format != "" {
			param = "layout"
		}
		return o, badParam(param, strings.TrimPrefix(err.Error(), export.ErrFormat.Error()+": "))
	}
	return o, nil
}

// acquire takes one of the export slots, or says the server is busy.
func (s *Server) acquire(w http.ResponseWriter) bool {
	select {
	case s.exports <- struct{}{}:
		return true
	default:
		w.Header().Set("Retry-After", "60")
		writeError(w, http.StatusServiceUnavailable, "too many exports at once: try again later", "")
		return false
	}
}

func (s *Server) release() { <-s.exports }

// apiMeetingExport serves one meeting part in an export format.
func (s *Server) apiMeetingExport(w http.ResponseWriter, r *http.Request, m *record.Meeting) {
	o, err := exportOptions(r)
	if err == nil && o.Layout != "" {
		err = badParam("layout", "layout applies to /api/export")
	}
	if err != nil {
		s.fail(w, err)
		return
	}
	src := func(yield func(*record.Meeting, error) bool) { yield(m, nil) }
	w.Header().Set("Content-Type", exportTypes[o.Format])
	w.Header().Set("Content-Disposition", `attachment; filename="`+export.FileName(m, o.Format)+`"`)
	if _, err := export.Write(w, src, o); err != nil {
		s.abort(r, err)
	}
}

// apiExport streams everything a search (or, without q, the filters)
// selects: one file, or a zip of files for the formats that write a file
// per meeting.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	f, err := filterFrom(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	o, err := exportOptions(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if strings.TrimSpace(f.Query) != "" {
		if _, err := search.Parse(f.Query); err != nil {
			s.fail(w, err)
			return
		}
	}
	f.Limit, f.Offset = 0, 0
	if !s.acquire(w) {
		return
	}
	defer s.release()
	ctx := r.Context()
	src := s.st.Export(ctx, f)
	out := &stallWriter{w: w, rc: http.NewResponseController(w)}
	name := "verbatim-export"
	if export.PerMeeting(o) && o.Format != "md" && o.Format != "text" {
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`-`+o.Format+`.zip"`)
		z := zip.NewWriter(out)
		_, err = export.WriteFiles(export.ZipSink{Z: z}, src, o)
		if err == nil {
			err = z.Close()
		}
	} else {
		ext := map[string]string{"text": "txt"}[o.Format]
		if ext == "" {
			ext = o.Format
		}
		w.Header().Set("Content-Type", exportTypes[o.Format])
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.`+ext+`"`)
		_, err = export.Write(out, src, o)
	}
	if err != nil {
		s.abort(r, err)
	}
}

// abort ends a response that failed after it began: the client sees a
// truncated transfer, not a complete file.
func (s *Server) abort(r *http.Request, err error) {
	if status, _, _ := errStatus(err); status == http.StatusInternalServerError {
		s.log.Error("export failed", "path", r.URL.Path, "err", err)
	}
	panic(http.ErrAbortHandler)
}

// stallWriter moves the connection's write deadline on while an export
// keeps writing: the server's deadline is meant for pages, and a client
// that stops reading still times out.
type stallWriter struct {
	w    http.ResponseWriter
	rc   *http.ResponseController
	last time.Time
}

func (s *stallWriter) Write(p []byte) (int, error) {
	if now := time.Now(); now.Sub(s.last) > time.Second {
		s.rc.SetWriteDeadline(now.Add(exportStall))
		s.last = now
	}
	return s.w.Write(p)
}

// download is a link to an export of what a page shows.
type download struct{ Format, URL string }

func downloads(path string, v url.Values) []download {
	var out []download
	for _, f := range export.Formats {
		q := url.Values{}
		for k, vs := range v {
			q[k] = vs
		}
		q.Set("format", f)
		out = append(out, download{f, path + "?" + q.Encode()})
	}
	return out
}

// filterValues are a search's parameters, without its paging.
func filterValues(f store.Filter) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Query, "lang": f.Language, "country": f.Country, "speaker": f.Speaker,
		"role": f.Role, "body": f.Body, "from": f.From, "to": f.To, "symbol": f.Symbol,
		"language": f.Delivery, "person": f.Person} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.IncludeChair {
		v.Set("include_chair", "true")
	}
	return v
}
