package record

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestWarningCodesDocumented: docs/record.md lists exactly the warning
// codes of this package, so that the contract and the code cannot drift.
func TestWarningCodesDocumented(t *testing.T) {
	b, err := os.ReadFile("../docs/record.md")
	if err != nil {
		t.Fatal(err)
	}
	sec := regexp.MustCompile(`(?s)\n## Warnings\n(.*?)(?:\n## |$)`).FindSubmatch(b)
	if sec == nil {
		t.Fatal("docs/record.md has no section \"## Warnings\"")
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|").FindAllSubmatch(sec[1], -1) {
		documented = append(documented, string(m[1]))
	}
	for _, c := range WarningCodes {
		if !slices.Contains(documented, c) {
			t.Errorf("warning code %q is not listed in docs/record.md", c)
		}
	}
	for _, c := range documented {
		if !slices.Contains(WarningCodes, c) {
			t.Errorf("docs/record.md lists warning code %q, which record does not define", c)
		}
	}
	if len(documented) == 0 {
		t.Error("no warning codes found in docs/record.md")
	}
}
