package fetch

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/symbol"
)

// MaxRange bounds how many meetings one range may name, so that a typo
// (S/PV.1-87000) does not turn into tens of thousands of requests.
const MaxRange = 5000

// rangeRe splits "S/PV.8698-8780" and "A/75/PV.1 - 50" into the first
// symbol and the last number.
var rangeRe = regexp.MustCompile(`^(.*?\d)\s*[-–]\s*(\d+)\s*$`)

// Expand turns the symbols and ranges a user wrote into canonical symbols,
// in order and without repeats. A range is a meeting record's symbol
// followed by "-" and the last meeting number: S/PV.8698-8780,
// A/75/PV.1-50.
func Expand(args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, a := range args {
		syms, err := expandOne(a)
		if err != nil {
			return nil, err
		}
		for _, s := range syms {
			add(s)
		}
	}
	return out, nil
}

func expandOne(a string) ([]string, error) {
	if strings.Contains(a, "^") {
		return nil, fmt.Errorf("symbol %q: \"^\" is not valid in a symbol", a)
	}
	sym, err := symbol.Parse(a)
	if err == nil {
		return []string{sym.String()}, nil
	}
	m := rangeRe.FindStringSubmatch(a)
	if m == nil {
		return nil, err
	}
	first, ferr := symbol.Parse(m[1])
	if ferr != nil {
		return nil, err
	}
	if first.Kind != symbol.Meeting || first.Part != 0 {
		return nil, fmt.Errorf("range %q: ranges are of meeting records (S/PV.8698-8780, A/75/PV.1-50)", a)
	}
	last, _ := strconv.Atoi(m[2])
	lo := first.Meeting
	if last < lo {
		return nil, fmt.Errorf("range %q: %d is before %d", a, last, lo)
	}
	if last-lo >= MaxRange {
		return nil, fmt.Errorf("range %q: %d meetings, more than %d in one range", a, last-lo+1, MaxRange)
	}
	series := first.Series[len(first.Series)-1]
	prefix := strings.TrimSuffix(first.String(), series)
	word := series[:strings.IndexByte(series, '.')+1] // "PV."
	out := make([]string, 0, last-lo+1)
	for n := lo; n <= last; n++ {
		out = append(out, prefix+word+strconv.Itoa(n))
	}
	return out, nil
}

// Resumption returns the symbol of a meeting's k-th resumed part:
// S/PV.8706 (Resumption 1).
func Resumption(sym string, k int) string {
	return sym + " (Resumption " + strconv.Itoa(k) + ")"
}

// isWholeMeeting reports a meeting record's symbol without a part: the
// symbols whose resumed parts are looked for.
func isWholeMeeting(sym string) bool {
	s, err := symbol.Parse(sym)
	return err == nil && s.Kind == symbol.Meeting && s.Part == 0
}

// FileStem names a record's file by symbol and language as the UN names
// them, without the extension: S/PV.8699 (Resumption 1) in English is
// S_PV.8699(Resumption1)-EN.
func FileStem(sym, lang string) string {
	s := strings.ReplaceAll(sym, "/", "_")
	s = strings.ReplaceAll(s, " ", "")
	return s + "-" + strings.ToUpper(lang)
}
