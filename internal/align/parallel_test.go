package align

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/record"
)

// parallelLines reads the UN Parallel Corpus dev set's sentences in one
// language: line i of every language is the same sentence.
func parallelLines(t *testing.T, lang string) []string {
	t.Helper()
	f, err := os.Open(corpus.Path(t, filepath.Join("parallel", "UNv1.0.devset."+lang)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimSpace(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestParallelSentences measures the alignment on real translations: the
// 4,000 sentences of the six-language dev set, cut into speeches of eight
// sentences (a paragraph each) that all have the same speaker, so that
// only length and anchors tell them apart — harder than a meeting, where
// speakers differ. The other version lacks every tenth speech, prints
// sentences 2 and 3 of every third speech as one paragraph, and lacks
// sentence 5 of every seventh.
func TestParallelSentences(t *testing.T) {
	en := parallelLines(t, "en")
	const per = 8
	for _, lang := range []string{"zh", "fr", "es", "ru", "ar"} {
		t.Run(lang, func(t *testing.T) {
			other := parallelLines(t, lang)
			if len(other) != len(en) {
				t.Fatalf("%d lines, English %d", len(other), len(en))
			}
			a := &record.Meeting{Symbol: "X", Language: "en"}
			b := &record.Meeting{Symbol: "X", Language: lang}
			wantSpeech := map[int]int{}       // a seq → b seq
			wantPara := map[ParaRef]ParaRef{} // a paragraph → b paragraph
			for k := 0; (k+1)*per <= len(en); k++ {
				speaker := record.Speech{Role: record.RoleMember, Language: "en",
					Affiliation: &record.Affiliation{Code: "FRA", Kind: record.KindState}}
				sa := speaker
				sa.Seq = len(a.Speeches) + 1
				sa.Paragraphs = append([]string{}, en[k*per:(k+1)*per]...)
				a.Speeches = append(a.Speeches, sa)
				if k%10 == 9 {
					continue
				}
				sb := speaker
				sb.Seq = len(b.Speeches) + 1
				wantSpeech[sa.Seq] = sb.Seq
				for i := 0; i < per; i++ {
					s := other[k*per+i]
					switch {
					case k%7 == 3 && i == 5:
						continue // lacking
					case k%3 == 1 && i == 2:
						sb.Paragraphs = append(sb.Paragraphs, s+" "+other[k*per+3])
						wantPara[ParaRef{sa.Seq, 2}] = ParaRef{sb.Seq, len(sb.Paragraphs) - 1}
						wantPara[ParaRef{sa.Seq, 3}] = ParaRef{sb.Seq, len(sb.Paragraphs) - 1}
						continue
					case k%3 == 1 && i == 3:
						continue // printed with sentence 2
					}
					sb.Paragraphs = append(sb.Paragraphs, s)
					wantPara[ParaRef{sa.Seq, i}] = ParaRef{sb.Seq, len(sb.Paragraphs) - 1}
				}
				b.Speeches = append(b.Speeches, sb)
			}
			p := AlignPair(a, b)
			speechOK, paraOK := 0, 0
			for _, l := range p.Links {
				if len(l.A) != 1 || len(l.B) != 1 {
					continue
				}
				if wantSpeech[l.A[0]] != l.B[0] {
					continue
				}
				speechOK++
				for _, pp := range l.Paragraphs {
					for _, ra := range pp.A {
						for _, rb := range pp.B {
							if wantPara[ra] == rb {
								paraOK++
								break
							}
						}
					}
				}
			}
			wantParas := len(wantPara)
			sAcc := float64(speechOK) / float64(len(wantSpeech))
			pAcc := float64(paraOK) / float64(wantParas)
			t.Logf("en–%s: speeches %d/%d paired right (%.3f), paragraphs %d/%d (%.3f)",
				lang, speechOK, len(wantSpeech), sAcc, paraOK, wantParas, pAcc)
			if sAcc < 0.95 || pAcc < 0.95 {
				t.Errorf("en–%s: speeches %.3f, paragraphs %.3f paired right; want at least 0.95 each", lang, sAcc, pAcc)
			}
		})
	}
}
