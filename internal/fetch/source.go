package fetch

import (
	"fmt"
	"net/url"
	"strings"
)

// Languages are the six official languages, as the services name them.
var Languages = []string{"ar", "en", "es", "fr", "ru", "zh"}

// ParseLangs reads --lang: codes separated by commas, or "all".
func ParseLangs(s string) ([]string, error) {
	if strings.EqualFold(strings.TrimSpace(s), "all") {
		return append([]string(nil), Languages...), nil
	}
	var out []string
	seen := map[string]bool{}
	for _, l := range strings.Split(s, ",") {
		l = strings.ToLower(strings.TrimSpace(l))
		if l == "" || seen[l] {
			continue
		}
		ok := false
		for _, k := range Languages {
			ok = ok || k == l
		}
		if !ok {
			return nil, fmt.Errorf("language %q: want one of %s, or all", l, strings.Join(Languages, ","))
		}
		seen[l] = true
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no language in %q", s)
	}
	return out, nil
}

// Kind is a document service's way of addressing a record.
type Kind string

const (
	// ODS is the Official Document System's symbol endpoint:
	// <base>/api/symbol/access?s=<symbol>&l=<lang>&t=pdf, which redirects
	// to the stored file.
	ODS Kind = "ods"
	// Undocs is the Library's resolver: <base>/<lang>/<symbol>, which
	// streams the file.
	Undocs Kind = "undocs"
)

// Source is one service at a base URL (the real one, a mirror, or a test
// server).
type Source struct {
	Kind Kind
	Base *url.URL
}

// DefaultSources are asked in this order: ODS first (the system of
// record), undocs.org when ODS fails.
var DefaultSources = []string{"ods=https://documents.un.org", "undocs=https://undocs.org"}

// ParseSource reads KIND=BASE (ods=https://documents.un.org).
func ParseSource(s string) (Source, error) {
	k, base, ok := strings.Cut(s, "=")
	if !ok {
		return Source{}, fmt.Errorf("source %q: want KIND=URL, KIND one of ods, undocs", s)
	}
	kind := Kind(strings.ToLower(strings.TrimSpace(k)))
	if kind != ODS && kind != Undocs {
		return Source{}, fmt.Errorf("source %q: unknown kind %q; want ods or undocs", s, k)
	}
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(base), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Source{}, fmt.Errorf("source %q: %q is not an http(s) URL", s, base)
	}
	return Source{Kind: kind, Base: u}, nil
}

// ParseSources reads several --source values; none gives the defaults.
func ParseSources(ss []string) ([]Source, error) {
	if len(ss) == 0 {
		ss = DefaultSources
	}
	var out []Source
	for _, s := range ss {
		for _, part := range strings.Split(s, ",") {
			src, err := ParseSource(part)
			if err != nil {
				return nil, err
			}
			out = append(out, src)
		}
	}
	return out, nil
}

func (s Source) String() string { return string(s.Kind) + "=" + s.Base.String() }

// Host is the host (and port) that politeness is counted by.
func (s Source) Host() string { return s.Base.Host }

// URL is where the source serves a record in a language. The symbol is
// percent-encoded, slashes included for ODS (one client saw 404s
// otherwise); undocs.org takes the symbol's slashes as path separators.
func (s Source) URL(sym, lang string) string {
	base := s.Base.String()
	switch s.Kind {
	case Undocs:
		segs := strings.Split(sym, "/")
		for i, p := range segs {
			segs[i] = url.PathEscape(p)
		}
		return base + "/" + lang + "/" + strings.Join(segs, "/")
	default:
		return base + "/api/symbol/access?s=" + queryEscape(sym) + "&l=" + lang + "&t=pdf"
	}
}

// queryEscape encodes a space as %20, which every server reads as a
// space, rather than "+", which some do not.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
