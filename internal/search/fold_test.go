package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/verbatim-un/verbatim/internal/corpus"
)

// words reads the words of a file of the shared corpus's parallel
// sentences.
func words(t *testing.T, rel string) []string {
	t.Helper()
	f, err := os.Open(corpus.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, strings.FieldsFunc(sc.Text(), func(r rune) bool { return !isWord(r) })...)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFoldParallelRussian: a Russian word written with ё is found by the
// same word written with е, as readers type it.
func TestFoldParallelRussian(t *testing.T) {
	n := 0
	for _, w := range words(t, "parallel/UNv1.0.devset.ru") {
		if !strings.ContainsAny(w, "ёЁ") {
			continue
		}
		n++
		plain := strings.NewReplacer("ё", "е", "Ё", "Е").Replace(w)
		if Fold(w) != Fold(plain) {
			t.Errorf("%q folds to %q, %q to %q", w, Fold(w), plain, Fold(plain))
		}
		if strings.ContainsRune(Fold(w), 'ё') {
			t.Errorf("%q keeps its ё: %q", w, Fold(w))
		}
	}
	if n == 0 {
		t.Fatal("no word with ё in the Russian sentences")
	}
	t.Logf("%d words with ё", n)
}

// TestFoldParallelArabic: an Arabic word is found with and without its
// vowel signs and tatweel, with any alef form, and with taa marbuta or haa.
func TestFoldParallelArabic(t *testing.T) {
	harakat, tatweel, marbuta := 0, 0, 0
	for _, w := range words(t, "parallel/UNv1.0.devset.ar") {
		bare := strings.Map(func(r rune) rune {
			if isArabicMark(r) || r == 'ـ' {
				return -1
			}
			return r
		}, w)
		if bare != w {
			if strings.ContainsRune(w, 'ـ') {
				tatweel++
			} else {
				harakat++
			}
			if Fold(w) != Fold(bare) {
				t.Errorf("%q folds to %q, without its marks %q to %q", w, Fold(w), bare, Fold(bare))
			}
		}
		if strings.ContainsRune(w, 'ة') {
			marbuta++
			if Fold(w) != Fold(strings.ReplaceAll(w, "ة", "ه")) {
				t.Errorf("%q: taa marbuta and haa fold apart", w)
			}
		}
		for _, r := range Fold(w) {
			if isArabicMark(r) || r == 'ـ' || r == 'ة' || r == 'ى' || r == 'أ' || r == 'إ' || r == 'آ' {
				t.Errorf("%q folds to %q, which keeps %q", w, Fold(w), r)
				break
			}
			if unicode.IsUpper(r) {
				t.Errorf("%q folds to upper case", w)
			}
		}
	}
	if harakat == 0 || tatweel == 0 || marbuta == 0 {
		t.Fatalf("the Arabic sentences lack a case: %d with vowel signs, %d with tatweel, %d with taa marbuta", harakat, tatweel, marbuta)
	}
	t.Logf("%d words with vowel signs, %d with tatweel, %d with taa marbuta", harakat, tatweel, marbuta)
}
