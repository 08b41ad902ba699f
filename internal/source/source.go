// Package source turns the bytes of an input file into UTF-8 text.
//
// It is the first stage of the pipeline: everything after it sees only
// valid UTF-8 with "\n" line ends. It detects the encoding (UTF-8 with or
// without BOM, UTF-16 with or without BOM, GB18030/GBK) and refuses input
// that is not text with an error that names the problem in one line.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Size limits. The longest UN verbatim records are under 2 MB of text and
// a few MB of PDF; anything far beyond is not one record. The limits bound
// the memory a record takes to read: parsing needs up to about 55 times
// its text (a text of nothing but document symbols, the worst shape
// measured; a real record about 16 times), so MaxText keeps any accepted
// input under 1 GB (docs/BENCHMARKS.md). A PDF's extracted text is
// bounded by MaxText as well.
const (
	MaxSize = 64 << 20 // bytes of an input file, PDF or text
	MaxText = 8 << 20  // bytes of a record's text, as UTF-8
)

// Encoding names reported in record.Source.Encoding.
const (
	UTF8    = "utf-8"
	UTF8BOM = "utf-8-bom"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
	GB18030 = "gb18030"
)

// Errors callers can test for with errors.Is.
var (
	ErrEmpty  = errors.New("input is empty")
	ErrBinary = errors.New("input is not text")
	ErrTooBig = fmt.Errorf("input is larger than %d MiB", MaxSize>>20)
	// ErrTextTooBig: decoded or extracted text over MaxText.
	ErrTextTooBig = fmt.Errorf("text is larger than %d MiB: no meeting record is this long", MaxText>>20)
	ErrPDF        = errors.New("input is a PDF")
	ErrUnknown    = errors.New("input is not in a supported text encoding (UTF-8, UTF-16, GB18030)")
)

// IsPDF reports whether b starts like a PDF file (the header may follow a
// little junk, as the PDF specification allows within the first 1024 bytes).
func IsPDF(b []byte) bool {
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-"))
}

// Decode returns b as UTF-8 text with line ends normalised to "\n" (CRLF,
// lone CR and the Unicode line separators become LF; form feeds are kept,
// since layout reads them as page breaks), and the name of the encoding it
// found.
func Decode(b []byte) (string, string, error) {
	if len(b) > MaxSize {
		return "", "", ErrTooBig
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "", "", ErrEmpty
	}
	if IsPDF(b) {
		return "", "", ErrPDF
	}
	// No encoding takes more than two bytes for a byte of UTF-8 (UTF-16
	// for ASCII), plus a byte order mark: larger input cannot decode to
	// text within MaxText.
	if len(b) > 2*MaxText+len(utf8BOM) {
		return "", "", ErrTextTooBig
	}
	var text, enc string
	var bad int
	var odd bool
	// Zero bytes are valid UTF-8 but no text holds them: UTF-16
	// without a byte order mark, in a script whose letters are ASCII.
	if ok, n, o := validScan(b); ok && !bytes.HasPrefix(b, utf8BOM) && (n == 0 || bytes.IndexByte(b, 0) < 0) {
		// The common input, UTF-8 without a byte order mark, is checked
		// and scanned in one pass.
		text, enc, bad, odd = string(b), UTF8, n, o
	} else {
		var err error
		if text, enc, err = decode(b); err != nil {
			return "", "", err
		}
		bad, odd = scan(text)
	}
	if strings.TrimSpace(text) == "" {
		return "", "", ErrEmpty
	}
	// Binary that happens to decode is mostly noise; real text has at most
	// a stray control character or replacement character in a hundred.
	if bad*100 > len(text) {
		return "", "", ErrBinary
	}
	if odd {
		text = newlines.Replace(text)
	}
	if err := CheckText(text); err != nil {
		return "", "", err
	}
	return text, enc, nil
}

// CheckText refuses text over MaxText: what a PDF's extractor or a
// decoder produced is bounded the same way.
func CheckText(text string) error {
	if len(text) > MaxText {
		return ErrTextTooBig
	}
	return nil
}

func decode(b []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		if !utf8.Valid(b[3:]) {
			return "", "", fmt.Errorf("%w: UTF-8 byte order mark followed by invalid UTF-8", ErrUnknown)
		}
		return string(b[3:]), UTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), b, UTF16LE)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), b, UTF16BE)
	}
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return string(b), UTF8, nil
	}
	// UTF-16 without a byte order mark: text in any script has many zero
	// bytes in one of the two byte lanes (ASCII spaces, digits, newlines).
	if e, name, ok := sniffUTF16(b); ok {
		return decodeWith(e, b, name)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", "", ErrBinary
	}
	// GB18030 is a superset of GBK and GB2312 and maps every byte
	// sequence; bytes that are not GB18030 become U+FFFD, which
	// looksLikeText then counts against the input.
	s, _, err := decodeWith(simplifiedchinese.GB18030, b, GB18030)
	if err != nil {
		return "", "", err
	}
	if strings.Count(s, "\uFFFD")*100 > utf8.RuneCountInString(s) || latinInGB(s) {
		return "", "", ErrUnknown
	}
	return s, GB18030, nil
}

// latinInGB reports GB18030 text that reads as Latin-script text in a
// single-byte code page (windows-1252 "sesión" decodes to "sesi贸n"): most
// of its Chinese characters follow an ASCII letter, glued inside words,
// where Chinese prose has them next to each other. Such input is refused
// rather than read as mojibake.
func latinInGB(s string) bool {
	var wide, glued int
	prev := rune(' ')
	for _, r := range s {
		if r >= 0x80 {
			wide++
			if prev < 0x80 && ('a' <= prev && prev <= 'z' || 'A' <= prev && prev <= 'Z') {
				glued++
			}
		}
		prev = r
	}
	return wide > 0 && glued*2 > wide
}

func decodeWith(e encoding.Encoding, b []byte, name string) (string, string, error) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrUnknown, name, err)
	}
	if !utf8.Valid(out) {
		return "", "", fmt.Errorf("%w: %s decoding gave invalid text", ErrUnknown, name)
	}
	return string(out), name, nil
}

func sniffUTF16(b []byte) (encoding.Encoding, string, bool) {
	n := len(b) &^ 1
	if n < 4 {
		return nil, "", false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	// One lane must be mostly zero where the other is mostly not; CJK
	// text still has some zero low bytes (言 is U+8A00), hence the ratio.
	case odd*10 > pairs && even*4 < odd:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), UTF16LE, true
	case even*10 > pairs && odd*4 < even:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), UTF16BE, true
	}
	return nil, "", false
}

// special marks the bytes that scan must look at; all others are plain
// text (printable ASCII, and UTF-8 bytes of ordinary characters).
var special = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t[0x7F], t[0xC2], t[0xE2], t[0xEF] = true, true, true, true
	return t
}()

// scan reads the text once for what Decode needs to know: how many bytes
// are noise (control characters — single bytes —, C1 controls C2 80-9F,
// U+FFFD EF BF BD) and whether any line end is not LF (CR, VT, NEL C2 85,
// LINE and PARAGRAPH SEPARATOR E2 80 A8/A9).
func scan(s string) (bad int, oddNewline bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !special[c] {
			continue
		}
		switch {
		case c == '\n' || c == '\t' || c == '\f':
		case c == '\r' || c == '\v':
			oddNewline = true
		case c < 0x20 || c == 0x7F:
			bad++
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0x85:
			oddNewline = true
		case c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xA0:
			bad++
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			oddNewline = true
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2] == 0xBD:
			bad++
		}
	}
	return bad, oddNewline
}

// utf8BOM is the UTF-8 byte order mark.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// validScan is utf8.Valid(b) and, when b is valid, scan(string(b)), in one
// pass over b. Most of a Chinese text is three-byte characters in
// U+3000-U+9FFF (lead bytes E3-E9, valid with any continuation bytes),
// none of which scan looks at.
func validScan(b []byte) (valid bool, bad int, oddNewline bool) {
	n := len(b)
	for i := 0; i < n; {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				switch c {
				case '\n', '\t', '\f':
				case '\r', '\v':
					oddNewline = true
				default:
					bad++
				}
			}
			i++
			continue
		}
		if c >= 0xE3 && c <= 0xE9 && i+2 < n && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false, 0, false
		}
		switch {
		case r == 0x85, r == 0x2028, r == 0x2029: // NEL, LINE and PARAGRAPH SEPARATOR
			oddNewline = true
		case r >= 0x80 && r < 0xA0, r == utf8.RuneError: // C1 controls, U+FFFD
			bad++
		}
		i += size
	}
	return true, bad, oddNewline
}

// newlines maps every line end to LF.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\v", "\n",
	"\u2028", "\n", "\u2029", "\n", "\u0085", "\n")
