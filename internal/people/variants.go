package people

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
)

// A variant rule rewrites a folded name (nameKey's letters) the way
// another transliteration of the same name would be written
// (data/variants.txt): Nebenzya and Nebenzia, Vassily and Vasily.
type variantRule struct {
	script   string
	re       *regexp.Regexp
	repl     string
	examples [][2]string
	line     int
}

type variantData struct {
	scripts map[string]string // affiliation code → script
	rules   []variantRule
	digest  string
}

var (
	variantOnce sync.Once
	variantSet  *variantData
	variantErr  error
)

func variants() *variantData {
	variantOnce.Do(func() { variantSet, variantErr = loadVariants() })
	if variantErr != nil {
		panic(variantErr) // embedded data: a build defect, caught by the tests
	}
	return variantSet
}

var replRe = regexp.MustCompile(`^(?:[a-z]|\$\{[1-9]\})*$`)

func loadVariants() (*variantData, error) {
	b, err := dataFS.ReadFile("data/variants.txt")
	if err != nil {
		return nil, err
	}
	return parseVariants(b)
}

func parseVariants(text []byte) (*variantData, error) {
	v := &variantData{scripts: map[string]string{}}
	known := map[string]bool{}
	err := eachLineOf("data/variants.txt", text, func(n int, line string) error {
		f := strings.Fields(line)
		switch {
		case f[0] == "script" && len(f) >= 3:
			if known[f[1]] {
				return fmt.Errorf("line %d: script %s listed twice", n, f[1])
			}
			known[f[1]] = true
			for _, code := range f[2:] {
				if _, ok := gazetteer.ByCode(code); !ok || code != strings.ToUpper(code) {
					return fmt.Errorf("line %d: %q is not a gazetteer code", n, code)
				}
				if s, ok := v.scripts[code]; ok {
					return fmt.Errorf("line %d: %s is already a state of %s", n, code, s)
				}
				v.scripts[code] = f[1]
			}
		case f[0] == "rule" && len(f) >= 5:
			if !known[f[1]] {
				return fmt.Errorf("line %d: script %q not listed before its rules", n, f[1])
			}
			re, err := regexp.Compile(f[2])
			if err != nil {
				return fmt.Errorf("line %d: %v", n, err)
			}
			if re.MatchString("") {
				return fmt.Errorf("line %d: %q matches empty text", n, f[2])
			}
			if !replRe.MatchString(f[3]) {
				return fmt.Errorf("line %d: replacement %q: only a-z and ${n}", n, f[3])
			}
			for _, g := range regexp.MustCompile(`\$\{(\d)\}`).FindAllStringSubmatch(f[3], -1) {
				if int(g[1][0]-'0') > re.NumSubexp() {
					return fmt.Errorf("line %d: replacement %q names a group the pattern lacks", n, f[3])
				}
			}
			r := variantRule{script: f[1], re: re, repl: f[3], line: n}
			for _, ex := range f[4:] {
				a, b, ok := strings.Cut(ex, "=")
				if !ok || a == "" || b == "" {
					return fmt.Errorf("line %d: example %q is not A=B", n, ex)
				}
				r.examples = append(r.examples, [2]string{a, b})
			}
			v.rules = append(v.rules, r)
		default:
			return fmt.Errorf("line %d: want \"script NAME CODE…\" or \"rule SCRIPT PATTERN REPLACEMENT A=B…\"", n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Each rule is needed, and does what its examples say, with the
	// others around it; and the rules, applied again, change nothing.
	for i, r := range v.rules {
		for _, ex := range r.examples {
			a, b := nameKey(ex[0]), nameKey(ex[1])
			if v.apply(r.script, a, -1) != v.apply(r.script, b, -1) {
				return nil, fmt.Errorf("data/variants.txt: line %d: %s and %s stay different", r.line, ex[0], ex[1])
			}
			if v.apply(r.script, a, i) == v.apply(r.script, b, i) {
				return nil, fmt.Errorf("data/variants.txt: line %d: %s and %s are equal without this rule", r.line, ex[0], ex[1])
			}
			for _, x := range []string{a, b} {
				once := v.apply(r.script, x, -1)
				if v.apply(r.script, once, -1) != once {
					return nil, fmt.Errorf("data/variants.txt: line %d: the rules change %s again", r.line, once)
				}
			}
		}
	}
	sum := sha256.Sum256(text)
	v.digest = hex.EncodeToString(sum[:8])
	return v, nil
}

// apply rewrites a folded name by the rules of a script, leaving out
// rule skip (-1: none).
func (v *variantData) apply(script, name string, skip int) string {
	for i, r := range v.rules {
		if i != skip && r.script == script {
			name = r.re.ReplaceAllString(name, r.repl)
		}
	}
	return name
}

// Variant returns the key two spellings of one person share (see
// data/variants.txt) for a person's key (Person.Key): the folded name
// rewritten by the rules of the script its affiliation's names are
// written in, a dot and the affiliation. A key with no rules to apply
// (an office, the UN, a state without rules) is its own variant.
func Variant(key string) string {
	name, code, ok := strings.Cut(key, ".")
	if !ok {
		return key
	}
	v := variants()
	script, ok := v.scripts[strings.ToUpper(code)]
	if !ok {
		return key
	}
	return v.apply(script, name, -1) + "." + code
}

// VariantRules identifies the variant rules in force: a store groups its
// persons again when they change.
func VariantRules() string { return variants().digest }

// Script names the writing system of a name: "han", "cyrillic",
// "arabic", "latin", or "" when it has no letters or letters of several.
// Spellings in two scripts cannot be compared letter by letter; the store
// joins them only through aligned speeches.
func Script(name string) string {
	script := ""
	for _, r := range name {
		var s string
		switch {
		case unicode.Is(unicode.Han, r):
			s = "han"
		case unicode.Is(unicode.Cyrillic, r):
			s = "cyrillic"
		case unicode.Is(unicode.Arabic, r):
			s = "arabic"
		case unicode.Is(unicode.Latin, r):
			s = "latin"
		default:
			continue
		}
		if script != "" && s != script {
			return ""
		}
		script = s
	}
	return script
}
