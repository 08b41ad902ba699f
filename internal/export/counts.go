package export

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/search"
)

// counts are the corpus's tokens, types and sentences, by Verbatim's
// rule (not quanteda's, which its authors used): a token is a run of
// letters and digits (apostrophes and hyphens inside a word, points
// and commas inside a number kept), a single CJK character, or a
// punctuation mark; types are distinct tokens after case folding; a
// sentence ends at . ! ? 。！？ (a run of them once) or at the end of a
// text that does not end with one.
type counts struct {
	tokens, types, sentences int
	words                    int // tokens but punctuation marks
}

// counter counts texts one after another, reusing its memory: the
// distinct tokens of a text live in one arena, found through an
// open-addressing table of their hashes, so that counting types
// allocates nothing per token.
type counter struct {
	slots []typeSlot // len a power of two; hash 0 marks a free slot
	used  int
	arena []byte
	buf   []byte
	han   [(hanLast - hanFirst + 64) / 64]uint64 // the CJK Unified Ideographs seen
}

// The block of CJK Unified Ideographs, nearly all of a Chinese text:
// their types are kept in a bitmap.
const hanFirst, hanLast = 0x4E00, 0x9FFF

type typeSlot struct {
	hash     uint64
	off, len int32
}

// addType notes a folded token; it reports whether it is new.
func (c *counter) addType(tok []byte) bool {
	h := uint64(14695981039346656037)
	for _, b := range tok {
		h = (h ^ uint64(b)) * 1099511628211
	}
	return c.addHashed(tok, h)
}

// addHashed is addType with the token's FNV-1a hash already computed.
func (c *counter) addHashed(tok []byte, h uint64) bool {
	if 2*(c.used+1) > len(c.slots) {
		c.grow()
	}
	h |= 1
	mask := uint64(len(c.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.hash == 0 {
			*s = typeSlot{hash: h, off: int32(len(c.arena)), len: int32(len(tok))}
			c.arena = append(c.arena, tok...)
			c.used++
			return true
		}
		if s.hash == h && string(c.arena[s.off:s.off+s.len]) == string(tok) {
			return false
		}
	}
}

func (c *counter) grow() {
	old := c.slots
	c.slots = make([]typeSlot, max(1024, 2*len(old)))
	mask := uint64(len(c.slots) - 1)
	for _, s := range old {
		if s.hash == 0 {
			continue
		}
		i := s.hash & mask
		for c.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		c.slots[i] = s
	}
}

func (c *counter) reset() {
	clear(c.han[:])
	clear(c.slots)
	c.used = 0
	c.arena = c.arena[:0]
}

func count(text string) counts {
	var c counter
	return c.count(text)
}

// words counts the words of a text as count does, cheaply: runs of
// letters and digits, and CJK characters one by one.
func words(text string) int {
	n := 0
	in := false
	for _, r := range text {
		switch {
		case search.IsCJK(r):
			n++
			in = false
		case isWordRune(r) || in && (r == '\'' || r == '’' || r == '-' || r == '.' || r == ','):
			if !in {
				n++
			}
			in = true
		default:
			in = false
		}
	}
	return n
}

func (c *counter) count(text string) counts {
	var n counts
	c.reset()
	add := func(tok string, caseless bool) {
		n.tokens++
		c.buf = c.buf[:0]
		if caseless {
			c.buf = append(c.buf, tok...)
		} else if ascii(tok) {
			h := uint64(14695981039346656037)
			for i := 0; i < len(tok); i++ {
				b := tok[i]
				if 'A' <= b && b <= 'Z' {
					b += 'a' - 'A'
				}
				c.buf = append(c.buf, b)
				h = (h ^ uint64(b)) * 1099511628211
			}
			if c.addHashed(c.buf, h) {
				n.types++
			}
			return
		} else {
			for _, r := range tok {
				c.buf = utf8.AppendRune(c.buf, unicode.ToLower(r))
			}
		}
		if c.addType(c.buf) {
			n.types++
		}
	}
	open := false // inside a sentence not yet ended
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r >= hanFirst && r <= hanLast:
			n.tokens++
			if k := r - hanFirst; c.han[k/64]&(1<<(k%64)) == 0 {
				c.han[k/64] |= 1 << (k % 64)
				n.types++
			}
			n.words++
			open = true
			i += size
		case search.IsCJK(r):
			add(text[i:i+size], true)
			n.words++
			open = true
			i += size
		case isWordRune(r):
			j := i + size
			prev := r
			for j < len(text) {
				if b := text[j]; 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' {
					prev = rune(b)
					j++
					continue
				}
				q, qs := utf8.DecodeRuneInString(text[j:])
				if q >= utf8.RuneSelf && (isWordRune(q) || unicode.Is(unicode.Mn, q)) {
					prev = q
					j += qs
					continue
				}
				// A point or comma between digits stays in the number; an
				// apostrophe or hyphen between letters stays in the word.
				if j+qs < len(text) {
					next, ns := utf8.DecodeRuneInString(text[j+qs:])
					if (q == '.' || q == ',') && unicode.IsDigit(prev) && unicode.IsDigit(next) ||
						(q == '\'' || q == '’' || q == '-') && unicode.IsLetter(next) && !search.IsCJK(next) {
						prev = next
						j += qs + ns
						continue
					}
				}
				break
			}
			add(text[i:j], false)
			n.words++
			open = true
			i = j
		case r == ' ' || r == '\n':
			i++
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			add(text[i:i+size], true)
			if strings.ContainsRune(".!?。！？", r) {
				if open {
					n.sentences++
				}
				open = false
			}
			i += size
		default:
			i += size
		}
	}
	if open {
		n.sentences++
	}
	return n
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !search.IsCJK(r)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
