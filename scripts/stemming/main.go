// Command stemming measures what Snowball stemming would change for
// search in English, French, Spanish and Russian, on the six-language
// parallel sentences of the corpus: for each term of terms.tsv, the
// sentences whose pivot side (English; French for English) contains the
// pivot word in any form, by its stem, are the relevant ones, and a
// query for the term's dictionary form is scored four ways on the other
// side — the exact folded form (what the index finds), a prefix query on
// the language's stem, stem equality (what a stemmed index would do), and
// ~word (search.Forms, what the query operator does). It prints recall
// and precision per language as a Markdown table.
//
//	go run ./scripts/stemming [-corpus ../shared/corpus]
package main

import (
	"bufio"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/kljensen/snowball"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/search"
)

//go:embed terms.tsv
var termsTSV string

// langs are the languages measured; each is judged against its pivot's
// side of the sentences (English for the others, French for English).
var langs = []struct {
	code, snowball string
	col            int // the column of terms.tsv
	pivot          string
	pivotCol       int
}{
	{"en", "english", 0, "fr", 1},
	{"fr", "french", 1, "en", 0},
	{"es", "spanish", 2, "en", 0},
	{"ru", "russian", 3, "en", 0},
}

var snowballOf = map[string]string{"en": "english", "fr": "french", "es": "spanish", "ru": "russian"}

func main() {
	dir := flag.String("corpus", "", "corpus directory (default: $VERBATIM_CORPUS or ../shared/corpus)")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "stemming:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if dir == "" {
		d, err := corpus.Dir()
		if err != nil {
			return err
		}
		dir = d
	}
	terms, err := readTerms(termsTSV)
	if err != nil {
		return err
	}
	side := map[string][]sentence{}
	for code, sb := range snowballOf {
		ss, err := sentences(filepath.Join(dir, "parallel", "UNv1.0.devset."+code), sb)
		if err != nil {
			return err
		}
		side[code] = ss
	}
	n := len(side["en"])
	for code, ss := range side {
		if len(ss) != n {
			return fmt.Errorf("%s: %d sentences, English %d", code, len(ss), n)
		}
	}
	fmt.Printf("%d sentences, %d terms\n\n", n, len(terms))
	fmt.Println("| language | query | recall | precision | matches |")
	fmt.Println("|---|---|--:|--:|--:|")
	for _, l := range langs {
		other, pivot := side[l.code], side[l.pivot]
		var score [4]struct{ hit, found, relevant int }
		for _, t := range terms {
			pivotStem := stem(t[l.pivotCol], snowballOf[l.pivot])
			word := fold(t[l.col])
			st := stem(t[l.col], l.snowball)
			forms, _ := search.Forms(t[l.col])
			for i := range other {
				rel := pivot[i].stems[pivotStem]
				exact := other[i].words[word]
				prefix, same, tilde := false, other[i].stems[st], false
				for w := range other[i].words {
					prefix = prefix || strings.HasPrefix(w, st)
					for _, f := range forms {
						tilde = tilde || strings.HasPrefix(w, f)
					}
				}
				for k, m := range [4]bool{exact, prefix, same, tilde} {
					if rel {
						score[k].relevant++
					}
					if m {
						score[k].found++
						if rel {
							score[k].hit++
						}
					}
				}
			}
		}
		for k, name := range [4]string{"exact form", "prefix on the stem", "stem equality", "~word"} {
			s := score[k]
			fmt.Printf("| %s | %s | %.3f | %.3f | %d |\n", l.code, name,
				float64(s.hit)/float64(s.relevant), float64(s.hit)/float64(max(s.found, 1)), s.found)
		}
	}
	return nil
}

type sentence struct{ words, stems map[string]bool }

func sentences(path, lang string) ([]sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sentence
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		s := sentence{words: map[string]bool{}, stems: map[string]bool{}}
		search.Tokens(sc.Text(), func(term string, _ int) { s.words[term] = true })
		for _, w := range strings.FieldsFunc(sc.Text(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
			s.stems[stem(w, lang)] = true
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// fold is the search's own folding of one word.
func fold(w string) string {
	var out string
	search.Tokens(w, func(term string, _ int) { out = term })
	return out
}

// stem stems the word as written (Snowball's rules expect accents), then
// folds the stem the way the search folds words.
func stem(w, lang string) string {
	s, err := snowball.Stem(strings.ToLower(w), lang, false)
	if err != nil {
		s = w
	}
	return search.Fold(s)
}

func readTerms(s string) ([][4]string, error) {
	var out [][4]string
	for n, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("terms.tsv:%d: %d fields, want 4", n+1, len(f))
		}
		out = append(out, [4]string(f))
	}
	return out, nil
}
