package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrChallenge is the error of every request to a host that answered with
// a bot challenge.
var ErrChallenge = errors.New("bot challenge")

// magic tells a record's file type from its first bytes: a service's
// status code and content type are not trusted.
var magic = []struct {
	prefix, ext, name string
}{
	{"%PDF-", ".pdf", "PDF"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc", "Word document (.doc)"},
	{"PK\x03\x04", ".docx", "Word document (.docx)"},
	{"\xffWPC", ".wpd", "WordPerfect document"},
}

// sniffLen is how many bytes sniff needs.
const sniffLen = 8

func sniff(b []byte) (ext, name string, ok bool) {
	for _, m := range magic {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return m.ext, m.name, true
		}
	}
	return "", "", false
}

// attempt is the answer to one request.
type attempt struct {
	status      int
	finalURL    string
	contentType string
	outcome     Outcome // Fetched, NotPublished, NotInLanguage or Failed
	retry       bool    // a Failed attempt worth retrying
	pause       bool    // the server asked us to slow down (429, 503)
	wait        time.Duration
	waitSet     bool // wait came from Retry-After
	challenge   bool
	err         error
	note        string
	path        string
	ext         string
	bytes       int64
	sha         string
}

// fromSource gets a record from one source, retrying what is worth it.
// The download goes to a hidden part file beside the final one, kept
// across attempts and runs so that the next request asks only for the
// rest (Range), and renamed to the final name once complete and checked.
func (f *Fetcher) fromSource(ctx context.Context, src Source, sym, lang, stem string) Result {
	res := Result{Symbol: sym, Language: lang, Source: string(src.Kind), URL: src.URL(sym, lang)}
	h := f.hosts[src.Host()]
	if err := h.err(); err != nil {
		res.Outcome, res.Err = Failed, err
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, f.o.FileTimeout)
	defer cancel()
	deadline := f.o.Clock.Now().Add(f.o.FileTimeout)
	part := filepath.Join(f.o.Out, "."+stem+"."+string(src.Kind)+".part")
	for try := 0; ; try++ {
		if err := h.acquire(ctx); err != nil {
			res.Outcome, res.Err = Failed, f.ctxErr(ctx, err)
			return res
		}
		a := f.get(ctx, res.URL, part, stem)
		h.release()
		f.log(src, sym, lang, res.URL, a)
		switch {
		case a.challenge:
			err := fmt.Errorf("%s answers with a bot challenge (HTTP 202, x-amzn-waf-action: challenge): %w; not asked again in this run", src.Host(), ErrChallenge)
			if h.block(err) {
				f.notice(err.Error())
			}
			res.Outcome, res.Err = Failed, err
			return res
		case a.outcome == Fetched:
			res.Outcome, res.Path, res.Bytes, res.PDF = Fetched, a.path, a.bytes, a.ext == ".pdf"
			res.Note = a.note
			return res
		case a.outcome != Failed:
			res.Outcome, res.Note = a.outcome, a.note
			return res
		case !a.retry || ctx.Err() != nil:
			res.Outcome, res.Err = Failed, f.ctxErr(ctx, a.err)
			return res
		case try >= f.o.Retries:
			res.Outcome, res.Err = Failed, fmt.Errorf("%w (gave up after %d retries)", a.err, try)
			return res
		}
		wait := a.wait
		if !a.waitSet {
			wait = backoff(try, f.o.Backoff, f.o.MaxBackoff, f.o.Rand)
		} else if wait > f.o.MaxRetryAfter {
			res.Outcome, res.Err = Failed, fmt.Errorf("%w; the server asks to wait %s, more than %s", a.err, wait, f.o.MaxRetryAfter)
			return res
		}
		if f.o.Clock.Now().Add(wait).After(deadline) {
			res.Outcome, res.Err = Failed, fmt.Errorf("%w; a retry would pass the time allowed for one file (%s)", a.err, f.o.FileTimeout)
			return res
		}
		if a.pause {
			// The whole host is asked to slow down: every request
			// waits, this one in acquire.
			h.pause(wait)
		} else if err := f.o.Clock.Sleep(ctx, wait); err != nil {
			res.Outcome, res.Err = Failed, f.ctxErr(ctx, err)
			return res
		}
	}
}

// ctxErr says why a context ended in words a user reads.
func (f *Fetcher) ctxErr(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no complete file within %s", f.o.FileTimeout)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

func (f *Fetcher) log(src Source, sym, lang, url string, a attempt) {
	e := Entry{
		Time: f.o.Clock.Now().UTC(), Symbol: sym, Language: lang, Source: string(src.Kind),
		URL: url, FinalURL: a.finalURL, Status: a.status, Bytes: a.bytes, SHA256: a.sha,
		ContentType: a.contentType, Outcome: a.outcome.String(), Note: a.note,
	}
	if a.path != "" {
		e.File = filepath.Base(a.path)
	}
	switch {
	case a.challenge:
		e.Outcome, e.Note = "challenge", "bot challenge"
	case a.outcome == Failed && a.retry:
		e.Outcome = "retry"
	}
	if a.err != nil && e.Note == "" {
		e.Note = a.err.Error()
	}
	if f.man != nil {
		f.man.add(e)
	}
}

// stallReader aborts a body that stops arriving: each read that brings
// bytes moves the deadline on.
type stallReader struct {
	r     io.Reader
	timer *time.Timer
	d     time.Duration
}

func (s *stallReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.timer.Reset(s.d)
	}
	return n, err
}

// get makes one request and, when it brings a document, writes it to the
// part file and then to its final name.
func (f *Fetcher) get(ctx context.Context, url, part, stem string) (a attempt) {
	a.outcome = Failed
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stalled := fmt.Errorf("no answer or no progress for %s", f.o.RequestTimeout)
	timer := time.AfterFunc(f.o.RequestTimeout, func() { cancel(stalled) })
	defer timer.Stop()
	fail := func(retry bool, err error) attempt {
		if context.Cause(ctx) == stalled {
			err, retry = stalled, true
		}
		a.retry, a.err = retry, err
		return a
	}

	var have int64
	if st, err := os.Stat(part); err == nil {
		have = st.Size()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fail(false, err)
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	req.Header.Set("Accept", "application/pdf, application/msword, */*")
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := f.o.Client.Do(req)
	if err != nil {
		return fail(true, fmt.Errorf("request: %w", unwrapURL(err)))
	}
	defer resp.Body.Close()
	a.status = resp.StatusCode
	a.finalURL = resp.Request.URL.String()
	a.contentType = resp.Header.Get("Content-Type")

	switch code := resp.StatusCode; {
	case code == http.StatusAccepted && strings.EqualFold(resp.Header.Get("x-amzn-waf-action"), "challenge"):
		a.challenge = true
		return a
	case code == http.StatusOK:
		if have > 0 {
			// The server ignored Range: it sends the whole file again.
			have = 0
			a.note = "server ignored Range; downloaded from the start"
		}
	case code == http.StatusPartialContent:
		start, total, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have || have == 0 {
			os.Remove(part)
			return fail(true, fmt.Errorf("HTTP 206 with Content-Range %q for bytes %d-", resp.Header.Get("Content-Range"), have))
		}
		if total >= 0 && resp.ContentLength >= 0 && have+resp.ContentLength != total {
			os.Remove(part)
			return fail(true, fmt.Errorf("HTTP 206: Content-Range %q and Content-Length %d disagree", resp.Header.Get("Content-Range"), resp.ContentLength))
		}
	case code == http.StatusRequestedRangeNotSatisfiable:
		os.Remove(part)
		return fail(true, errors.New("HTTP 416: the partial file is not part of this one; starting again"))
	case code == http.StatusNotFound || code == http.StatusGone:
		a.outcome = NotInLanguage
		return a
	case code == http.StatusBadRequest:
		return fail(false, errors.New("HTTP 400: the service calls the request malformed"))
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		a.wait, a.waitSet = retryAfter(resp.Header, f.o.Clock.Now())
		a.pause = true
		return fail(true, fmt.Errorf("HTTP %d %s", code, http.StatusText(code)))
	case code == http.StatusInternalServerError || code == http.StatusBadGateway ||
		code == http.StatusGatewayTimeout || code == http.StatusRequestTimeout:
		return fail(true, fmt.Errorf("HTTP %d %s", code, http.StatusText(code)))
	default:
		return fail(false, fmt.Errorf("unexpected HTTP %d %s", code, http.StatusText(code)))
	}

	body := io.Reader(&stallReader{r: resp.Body, timer: timer, d: f.o.RequestTimeout})
	var head []byte
	if have == 0 {
		// Look at the first bytes before writing anything: an empty or
		// non-document body is "not published", whatever the status.
		buf := make([]byte, sniffLen)
		n, err := io.ReadFull(body, buf)
		head = buf[:n]
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) ||
			errors.Is(err, io.ErrUnexpectedEOF) && resp.ContentLength > int64(n) {
			return fail(true, fmt.Errorf("reading the answer: %w", err))
		}
		if _, _, ok := sniff(head); !ok {
			a.outcome = NotPublished
			a.note = notDocument(head, a.contentType)
			return a
		}
	}

	flag := os.O_WRONLY | os.O_CREATE | os.O_APPEND
	if have == 0 {
		flag |= os.O_TRUNC
	}
	w, err := os.OpenFile(part, flag, 0o644)
	if err != nil {
		return fail(false, err)
	}
	_, werr := w.Write(head)
	var n int64
	if werr == nil {
		n, werr = io.Copy(w, io.LimitReader(body, f.o.MaxBytes-have-int64(len(head))+1))
	}
	got := have + int64(len(head)) + n
	if serr := w.Sync(); werr == nil {
		werr = serr
	}
	if cerr := w.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		// The part stays for the next attempt to continue from.
		return fail(true, fmt.Errorf("connection cut after %d bytes: %w", got, unwrapURL(werr)))
	}
	if got > f.o.MaxBytes {
		os.Remove(part)
		return fail(false, fmt.Errorf("larger than %d bytes", f.o.MaxBytes))
	}
	return f.finish(a, part, stem)
}

// finish checks a complete part file and gives it its final name.
func (f *Fetcher) finish(a attempt, part, stem string) attempt {
	fail := func(err error) attempt {
		os.Remove(part)
		a.outcome, a.retry, a.err = Failed, true, err
		return a
	}
	file, err := os.Open(part)
	if err != nil {
		return fail(err)
	}
	defer file.Close()
	head := make([]byte, sniffLen)
	n, _ := io.ReadFull(file, head)
	ext, name, ok := sniff(head[:n])
	if !ok {
		return fail(errors.New("the joined file is not a document; starting again"))
	}
	st, err := file.Stat()
	if err != nil {
		return fail(err)
	}
	if ext == ".pdf" {
		// A PDF ends with %%EOF; without it the file was cut short by a
		// server that did not say how long it was.
		tail := make([]byte, min(st.Size(), 1024))
		if _, err := file.ReadAt(tail, st.Size()-int64(len(tail))); err != nil || !bytes.Contains(tail, []byte("%%EOF")) {
			return fail(errors.New("PDF without its %%EOF end marker: cut short"))
		}
	}
	hash := sha256.New()
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return fail(err)
	}
	if _, err := io.Copy(hash, file); err != nil {
		return fail(err)
	}
	file.Close()
	final := filepath.Join(f.o.Out, stem+ext)
	if err := os.Rename(part, final); err != nil {
		return fail(err)
	}
	syncDir(f.o.Out)
	// A file kept under another type's name by an earlier run is stale.
	for _, e := range keptExts {
		if e != ext {
			os.Remove(filepath.Join(f.o.Out, stem+e))
		}
	}
	a.outcome, a.path, a.ext, a.bytes = Fetched, final, ext, st.Size()
	a.sha = hex.EncodeToString(hash.Sum(nil))
	if ext != ".pdf" {
		note := "kept as " + name + ": not a PDF, so not read or ingested"
		if a.note != "" {
			note = a.note + "; " + note
		}
		a.note = note
	}
	return a
}

var dirSync sync.Mutex

// syncDir makes a rename durable.
func syncDir(dir string) {
	dirSync.Lock()
	defer dirSync.Unlock()
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// notDocument describes a body that is no document.
func notDocument(head []byte, ctype string) string {
	if len(head) == 0 {
		return "empty answer"
	}
	if ctype == "" {
		ctype = "no content type"
	}
	return fmt.Sprintf("answer is not a document (%s, starts %q)", ctype, head)
}

// contentRange reads "bytes START-END/TOTAL" (TOTAL may be "*", given as -1).
func contentRange(v string) (start, total int64, ok bool) {
	v, found := strings.CutPrefix(strings.TrimSpace(v), "bytes ")
	if !found {
		return 0, 0, false
	}
	rng, tot, found := strings.Cut(v, "/")
	if !found {
		return 0, 0, false
	}
	s, _, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	total = -1
	if tot != "*" {
		if total, err = strconv.ParseInt(tot, 10, 64); err != nil {
			return 0, 0, false
		}
	}
	return start, total, true
}

// unwrapURL drops net/url's "Get <url>:" prefix; the URL is reported
// beside the error already.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
