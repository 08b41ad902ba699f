package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store"
)

// TestHealth: /healthz and /readyz answer 200 while the database is the
// one opened, and 503 saying why once its file is replaced or deleted.
func TestHealth(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v.db")
	w, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	st, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, _, body := get(t, ts, p); code != 200 || !strings.Contains(body, `"ok"`) {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
	// Replaced: another file renamed over it, as a deployment might.
	other := filepath.Join(dir, "new.db")
	if err := os.WriteFile(other, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, _, body := get(t, ts, p); code != http.StatusServiceUnavailable || !strings.Contains(body, "replaced") {
			t.Errorf("replaced, %s: %d %s", p, code, body)
		}
	}
	os.Remove(path)
	if code, _, body := get(t, ts, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "deleted") {
		t.Errorf("deleted, /readyz: %d %s", code, body)
	}
}
