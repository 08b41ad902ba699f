package people

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// term is one holder of an office named alone in the records.
type term struct {
	office, first, last, name, nameZh string
}

var (
	officeOnce  sync.Once
	officeTerms []term
	officeErr   error
)

func terms() []term {
	officeOnce.Do(func() { officeTerms, officeErr = loadOffices() })
	if officeErr != nil {
		panic(officeErr) // embedded data: a build defect, caught by the tests
	}
	return officeTerms
}

func loadOffices() ([]term, error) {
	var out []term
	err := eachLine("data/offices.txt", func(n int, line string) error {
		f := strings.Split(line, "|")
		if len(f) != 5 {
			return fmt.Errorf("line %d: want office|first|last|name|Chinese name", n)
		}
		t := term{f[0], f[1], f[2], f[3], f[4]}
		for i, d := range []string{t.first, t.last} {
			if i == 1 && d == "" {
				continue // in office
			}
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return fmt.Errorf("line %d: date %q", n, d)
			}
		}
		if t.name == "" || (t.last != "" && t.last < t.first) {
			return fmt.Errorf("line %d: no name, or a term that ends before it starts", n)
		}
		for _, o := range out {
			if o.office == t.office && (o.last == "" || o.last >= t.first) {
				return fmt.Errorf("line %d: overlaps the term of %s", n, o.name)
			}
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// holder is the person holding office on date (YYYY-MM-DD); nil when the
// date is unknown or outside every term.
func holder(office, date string) *Person {
	if len(date) < 10 {
		return nil
	}
	for _, t := range terms() {
		if t.office == office && t.first <= date && (t.last == "" || date <= t.last) {
			return &Person{Key: nameKey(t.name) + ".un", Name: t.name, NameZh: t.nameZh, Affiliation: "UN"}
		}
	}
	return nil
}
