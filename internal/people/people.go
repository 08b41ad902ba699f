// Package people tells who speaks each turn of a meeting, as one person
// across meetings: the record prints "The President", "The PRESIDENT" or
// "主席" for whoever presides, "David HANNAY" in one record and "David
// Hannay" in another. A person is a folded name (case, diacritics,
// spacing and hyphens of transliterations) with the state or
// organization they speak for; the presiding officer is the person the
// cover page names, and an office named alone (the Secretary-General) is
// its holder on the meeting's date (data/offices.txt). Spellings of one
// name by different transliterations (Nebenzia, Nebenzya) share a
// Variant key when the affiliation agrees (data/variants.txt): the store
// counts them as one person.
//
// Nothing is guessed: a turn whose speaker the record does not name (an
// acting president no "took the Chair" sentence names, a president the
// record names nowhere) has no person.
package people

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/search"
	"github.com/verbatim-un/verbatim/record"
)

//go:embed data/*.txt
var dataFS embed.FS

// Person is someone who speaks, identified across meetings.
type Person struct {
	// Key identifies the person: the folded name, a dot, the affiliation
	// code in lower case ("liujieyi.chn"). For a presiding officer the
	// record does not name, the office, body, state and term
	// ("president.s.rus.2016-10").
	Key         string
	Name        string // as shown: the record's spelling, capitals repaired
	NameZh      string // the Chinese name, where the data has it (office holders)
	Title       string // Mr., 先生 …
	Affiliation string // ISO3 or organization code; "" when unknown
	Office      string // "president" for an unnamed presiding officer
	Term        string // the month (Security Council) or session (General Assembly) of that office
}

// Turn is what Resolve says of one speech.
type Turn struct {
	Person *Person // nil when the record does not say who speaks
	// Chair is a presiding officer's procedural turn (giving the floor,
	// announcing a vote), as opposed to a statement; counts by country
	// leave it out unless asked.
	Chair bool
}

// Resolve returns, for each speech of m in order, who speaks and whether
// it is the chair's procedural turn.
func Resolve(m *record.Meeting) []Turn {
	out := make([]Turn, len(m.Speeches))
	var president *Person
	presidentDone := false
	chairs := chairChanges(m)
	for i, sp := range m.Speeches {
		t := Turn{Chair: sp.Role == record.RolePresident && !sp.NationalCapacity}
		off := office(sp.Speaker)
		if c, ok := chairAt(chairs, i); ok && (off == "president" || off == "acting-president") {
			// A Vice-President has the chair (the record may still
			// label the turns "The President"): the turns are theirs,
			// or nobody's where the record does not name them.
			t.Person, t.Chair = c, true
			out[i] = t
			continue
		}
		switch off {
		case "president":
			if !presidentDone {
				president, presidentDone = presiding(m, sp), true
			}
			t.Person = president
		case "acting-president":
			// No "took the Chair" sentence names who presides: nobody
			// to attribute to.
			t.Chair = true
		case "secretary-general":
			t.Person = holder("secretary-general", m.Date)
		default:
			t.Person = named(sp)
		}
		out[i] = t
	}
	return out
}

// chairChange is a change of chair: from the speech with index from on,
// a Vice-President presides (person nil where the record does not name
// them), or the President again (returned).
type chairChange struct {
	from     int
	person   *Person
	returned bool
}

// chairChanges lists a meeting's chair events in order.
func chairChanges(m *record.Meeting) []chairChange {
	var out []chairChange
	for _, ev := range m.Events {
		if ev.Type != record.EventChair {
			continue
		}
		c := chairChange{from: ev.After, returned: ev.Person == nil}
		if p := ev.Person; p != nil && p.Code != "" {
			// A person is a name and the state they speak for.
			title, bare := splitHonorific(p.Name)
			if k := nameKey(bare); k != "" {
				c.person = &Person{Key: k + "." + strings.ToLower(p.Code), Name: Display(bare), Title: title, Affiliation: p.Code}
			}
		}
		out = append(out, c)
	}
	return out
}

// chairAt tells who presides over speech i when a Vice-President has the
// chair: ok is false while the President does.
func chairAt(chairs []chairChange, i int) (*Person, bool) {
	var cur *chairChange
	for k := range chairs {
		if chairs[k].from <= i {
			cur = &chairs[k]
		}
	}
	if cur == nil || cur.returned {
		return nil, false
	}
	return cur.person, true
}

// Office tells a speaker label that names an office rather than a person
// ("The President", "主席", "The Secretary-General"): the office, else "".
func Office(speaker string) string { return office(speaker) }

// office tells a label that names an office rather than a person
// (data/office_labels.txt).
func office(speaker string) string {
	return officeLabels()[labelKey(speaker)]
}

// labelKey folds a label for comparison: case, accents and spacing.
func labelKey(s string) string {
	return search.Fold(strings.Join(strings.Fields(s), " "))
}

var (
	labelOnce sync.Once
	labelData map[string]string
	labelErr  error
)

func officeLabels() map[string]string {
	labelOnce.Do(func() { labelData, labelErr = loadOfficeLabels() })
	if labelErr != nil {
		panic(labelErr) // embedded data: a build defect, caught by the tests
	}
	return labelData
}

func loadOfficeLabels() (map[string]string, error) {
	out := map[string]string{}
	err := eachLine("data/office_labels.txt", func(n int, line string) error {
		off, label, ok := strings.Cut(line, "|")
		switch {
		case !ok || strings.TrimSpace(label) == "":
			return fmt.Errorf("line %d: want office|label", n)
		case off != "president" && off != "acting-president" && off != "secretary-general":
			return fmt.Errorf("line %d: unknown office %q", n, off)
		}
		k := labelKey(label)
		if prev, dup := out[k]; dup {
			return fmt.Errorf("line %d: %q is already a label of %s", n, label, prev)
		}
		out[k] = off
		return nil
	})
	return out, err
}

// presiding is the person in the chair: the cover page's "President: Mr.
// X (Country)" when the record has it, else the presiding state's
// unnamed officer for the month or session.
func presiding(m *record.Meeting, sp record.Speech) *Person {
	code := ""
	if sp.Affiliation != nil {
		code = sp.Affiliation.Code
	}
	name := ""
	if m.President != nil {
		name = m.President.Name
		if a := m.President.Affiliation; a != nil && a.Code != "" {
			code = a.Code
		}
	}
	// "Mr. A/Ms. B": two people, the record does not say which presided.
	if name != "" && !strings.Contains(name, "/") {
		title, bare := splitHonorific(name)
		if k := nameKey(bare); k != "" {
			return &Person{Key: k + "." + strings.ToLower(code), Name: Display(bare), Title: title, Affiliation: code}
		}
	}
	if code == "" {
		return nil
	}
	body, _, _ := strings.Cut(m.Symbol, "/")
	term := m.Session
	if body == "S" || term == "" {
		term = m.Date
		if len(term) >= 7 {
			term = term[:7]
		}
	}
	if term == "" {
		return nil
	}
	return &Person{
		Key:         "president." + strings.ToLower(body) + "." + strings.ToLower(code) + "." + strings.ToLower(strings.Join(strings.Fields(term), "-")),
		Affiliation: code, Office: "president", Term: term,
	}
}

// named is a speaker the record names.
func named(sp record.Speech) *Person {
	k := nameKey(sp.Speaker)
	if k == "" {
		return nil
	}
	code := ""
	if a := sp.Affiliation; a != nil {
		code = a.Code
		if code == "" {
			// An organization outside the gazetteer: its printed name.
			code = nameKey(a.Name)
		}
	}
	return &Person{Key: k + "." + strings.ToLower(code), Name: Display(sp.Speaker), Title: sp.Title,
		Affiliation: strings.ToUpper(code)}
}

// nameKey folds a name for comparison: case and Latin diacritics folded
// (search.Fold), and everything but letters and digits dropped, so that
// "Ja’afari", "Ja'afari" and "JAAFARI", or "Al-Saadi" and "Al Saadi",
// are one name.
func nameKey(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) }) {
		for _, r := range search.Fold(w) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// Key returns the key of the person named name speaking for code, as
// Resolve makes it.
func Key(name, code string) string {
	k := nameKey(name)
	if k == "" {
		return ""
	}
	return k + "." + strings.ToLower(code)
}

// Display repairs a name printed in capitals, as older records print
// surnames ("David HANNAY", "Mr. INSANALLY"): each word of two letters
// or more that is all upper case is capitalised (Hannay, Aboul-Gheit).
func Display(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if !allUpper(w) {
			continue
		}
		var b strings.Builder
		start := true
		for _, r := range w {
			if start {
				b.WriteRune(r)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = r == '-' || r == '\'' || r == '’'
		}
		words[i] = b.String()
	}
	return strings.Join(words, " ")
}

func allUpper(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// splitHonorific cuts "Mr. Dang" into "Mr." and "Dang", "刘结一先生" into
// "先生" and "刘结一".
func splitHonorific(name string) (title, bare string) {
	name = strings.TrimSpace(name)
	for _, h := range honorifics().before {
		if len(name) > len(h) && strings.EqualFold(name[:len(h)], h) && name[len(h)] == ' ' {
			return name[:len(h)], strings.TrimSpace(name[len(h):])
		}
	}
	for _, h := range honorifics().after {
		if rest, ok := strings.CutSuffix(name, h); ok && rest != "" {
			return h, strings.TrimSpace(rest)
		}
	}
	return "", name
}

type honorificList struct{ before, after []string }

var (
	honorificOnce sync.Once
	honorificData *honorificList
	honorificErr  error
)

func honorifics() *honorificList {
	honorificOnce.Do(func() { honorificData, honorificErr = loadHonorifics() })
	if honorificErr != nil {
		panic(honorificErr) // embedded data: a build defect, caught by the tests
	}
	return honorificData
}

func loadHonorifics() (*honorificList, error) {
	h := &honorificList{}
	err := eachLine("data/honorifics.txt", func(n int, line string) error {
		where, word, ok := strings.Cut(line, " ")
		switch {
		case !ok || word == "":
			return fmt.Errorf("line %d: want \"before|after WORD\"", n)
		case where == "before":
			h.before = append(h.before, word)
		case where == "after":
			h.after = append(h.after, word)
		default:
			return fmt.Errorf("line %d: %q is neither before nor after", n, where)
		}
		return nil
	})
	return h, err
}

func eachLine(name string, f func(n int, line string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	return eachLineOf(name, b, f)
}

func eachLineOf(name string, b []byte, f func(n int, line string) error) error {
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := f(n, line); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return sc.Err()
}
