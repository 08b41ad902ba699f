package search

import (
	"sync"

	"github.com/longbridgeapp/opencc"
)

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
)

// Simplify turns traditional Chinese characters into simplified ones, as
// UN Chinese records are written: a query typed in traditional characters
// then finds them. Text without Han characters is returned as it is; if
// the dictionaries cannot be loaded the query is searched as typed.
func Simplify(s string) string {
	hasHan := false
	for _, r := range s {
		if IsCJK(r) {
			hasHan = true
			break
		}
	}
	if !hasHan {
		return s
	}
	t2sOnce.Do(func() {
		c, err := opencc.New("t2s")
		if err == nil {
			t2s = c
		}
	})
	if t2s == nil {
		return s
	}
	out, err := t2s.Convert(s)
	if err != nil {
		return s
	}
	return out
}
