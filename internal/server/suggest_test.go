package server

import (
	"net/url"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/store"
)

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		q         string
		filtered  bool
		want, not []string // queries offered, and not offered
	}{
		{"резолюция", false, []string{"~резолюция"}, []string{"резолюция*"}},
		{"sanctions", true, []string{"sanctions", "~sanctions", "sanctions*"}, nil},
		{"安全", false, nil, []string{"~安全"}},
		{"~sanctions", false, nil, []string{"~~sanctions"}},
		{"peace council", false, []string{"peace OR council"}, []string{"~peace council"}},
	} {
		u, _ := url.Parse("/search?q=" + url.QueryEscape(tc.q))
		got := map[string]bool{}
		for _, s := range suggest(u, store.Filter{Query: tc.q}, tc.filtered, "en") {
			h, err := url.Parse(s.Href)
			if err != nil {
				t.Fatal(err)
			}
			got[h.Query().Get("q")] = true
			if !strings.Contains(s.Label, h.Query().Get("q")) {
				t.Errorf("%q: suggestion %q does not show its query %q", tc.q, s.Label, h.Query().Get("q"))
			}
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q: %q not offered (offered %v)", tc.q, w, got)
			}
		}
		for _, w := range tc.not {
			if got[w] {
				t.Errorf("%q: %q offered", tc.q, w)
			}
		}
	}
}
