package source

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/verbatim-un/verbatim/internal/corpus"
)

const sample = "主席（以俄语发言）：我现在请日本代表发言。\r\n别所先生（日本）（以英语发言）：首先，我要感谢 S/2016/867。\n"
const want = "主席（以俄语发言）：我现在请日本代表发言。\n别所先生（日本）（以英语发言）：首先，我要感谢 S/2016/867。\n"

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	latinSample   = "The President: I give the floor to the representative of France.\nThe meeting rose at 12.30 p.m.\n"
	arabicSample  = "الرئيس (تكلم بالفرنسية): أعطي الكلمة لممثل فرنسا.\nرفعت الجلسة الساعة 12/30.\n"
	russianSample = "Председатель: Я предоставляю слово представителю Франции.\nЗаседание закрывается в 12 ч. 30 м.\n"
)

// TestDecodeUTF16Scripts: Latin, Cyrillic and Arabic text in UTF-16
// without a byte order mark; the zero bytes of ASCII characters make
// valid UTF-8 of it, which is not what it is.
func TestDecodeUTF16Scripts(t *testing.T) {
	for _, text := range []string{latinSample, arabicSample, russianSample} {
		for _, e := range []struct {
			enc  encoding.Encoding
			name string
		}{
			{unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), UTF16BE},
			{unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), UTF16LE},
		} {
			got, enc, err := Decode(encode(t, e.enc, text))
			if err != nil || enc != e.name || got != text {
				t.Errorf("%s %.20q: %q, %q, %v", e.name, text, enc, got, err)
			}
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		enc     string
		wantErr error
	}{
		{"utf8", []byte(sample), UTF8, nil},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, sample...), UTF8BOM, nil},
		{"utf16le bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), sample), UTF16LE, nil},
		{"utf16be bom", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), sample), UTF16BE, nil},
		{"utf16le no bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), sample), UTF16LE, nil},
		{"utf16be no bom", encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), sample), UTF16BE, nil},
		{"gb18030", encode(t, simplifiedchinese.GB18030, sample), GB18030, nil},
		{"gbk", encode(t, simplifiedchinese.GBK, sample), GB18030, nil},
		{"empty", nil, "", ErrEmpty},
		{"blank", []byte(" \n\r\n\t"), "", ErrEmpty},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "", ErrPDF},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "", ErrBinary},
		{"elf", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 64)...), "", ErrBinary},
		{"utf8 bom then junk", []byte("\xEF\xBB\xBFab\xff\xfe\xfd"), "", ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.enc {
				t.Errorf("encoding = %q, want %q", enc, tt.enc)
			}
			if got != want {
				t.Errorf("text = %q, want %q", got, want)
			}
		})
	}
}

func TestDecodeRandomBytesIsNotText(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	b := make([]byte, 4096)
	for i := 0; i < 20; i++ {
		r.Read(b)
		if _, _, err := Decode(b); err == nil {
			t.Fatalf("random bytes accepted as text")
		}
	}
}

func TestDecodeKeepsFormFeeds(t *testing.T) {
	got, _, err := Decode([]byte("一\f二\r三"))
	if err != nil {
		t.Fatal(err)
	}
	if got != "一\f二\n三" {
		t.Fatalf("got %q", got)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte{0xFF, 0xFE, 0x41})
	f.Add([]byte{0xFE, 0xFF})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err == nil && s == "" {
			t.Fatal("empty text without error")
		}
	})
}

// TestValidScan checks the one-pass check and scan against utf8.Valid and
// scan on fragments of UTF-8 text cut and mixed at random.
func TestValidScan(t *testing.T) {
	pieces := []string{"主席", "\u3000", "，", "\r", "\n", "\f", "\v", "\x00", "\u0085", "\u0090", "\u00a0",
		"\u2028", "\u2029", "\ufffd", "\ufeff", "a", "—", "\xed\xa0\x80", "\xe0\x80\x80", "\xf0\x9f\x98\x80", "é"}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b []byte
		for range rng.Intn(8) {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		if len(b) > 0 && rng.Intn(3) == 0 {
			b = b[:rng.Intn(len(b))]
		}
		ok, bad, odd := validScan(b)
		if ok != utf8.Valid(b) {
			t.Fatalf("validScan(%q) valid = %v", b, ok)
		}
		if wb, wo := scan(string(b)); ok && (bad != wb || odd != wo) {
			t.Fatalf("validScan(%q) = %d, %v; scan gives %d, %v", b, bad, odd, wb, wo)
		}
	}
}

// TestTextLimit: text up to MaxText is read; one byte more, in any
// encoding, is refused with ErrTextTooBig, and a file over MaxSize with
// ErrTooBig, before any decoding.
func TestTextLimit(t *testing.T) {
	line := []byte("The President: The meeting is called to order.\n")
	at := func(n int) []byte {
		b := bytes.Repeat(line, n/len(line)+1)[:n-1]
		return append(b, '\n')
	}
	utf16 := func(b []byte) []byte {
		return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), string(b))
	}
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"utf-8 at the limit", at(MaxText), nil},
		{"utf-8 one byte over", at(MaxText + 1), ErrTextTooBig},
		{"utf-16 decoding to the limit", utf16(at(MaxText)), nil},
		{"utf-16 decoding to one byte over", utf16(at(MaxText + 1)), ErrTextTooBig},
		{"crlf shrinking to the limit", bytes.ReplaceAll(at(MaxText-1024), []byte("\n"), []byte("\r\n"))[:MaxText+1000], nil},
		{"file over MaxSize", make([]byte, MaxSize+1), ErrTooBig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _, err := Decode(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err == nil && len(text) > MaxText {
				t.Errorf("accepted %d bytes of text, over MaxText", len(text))
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
	if err := CheckText(string(at(MaxText + 1))); !errors.Is(err, ErrTextTooBig) {
		t.Errorf("CheckText over the limit: %v", err)
	}
}

// TestLatinCodePageNotGB: French and Spanish text in windows-1252 is not
// taken for GB18030 (which decodes most of its bytes); Chinese text in
// GB18030 still is. Measured on the parallel sentences.
func TestLatinCodePageNotGB(t *testing.T) {
	for _, lang := range []string{"fr", "es", "en"} {
		b, err := os.ReadFile(corpus.Path(t, "parallel/UNv1.0.devset."+lang))
		if err != nil {
			t.Fatal(err)
		}
		enc, err := encoding.ReplaceUnsupported(charmap.Windows1252.NewEncoder()).Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		if _, name, err := Decode(enc); !errors.Is(err, ErrUnknown) && name != UTF8 {
			t.Errorf("%s in windows-1252: read as %s, err %v", lang, name, err)
		}
	}
	b, err := os.ReadFile(corpus.Path(t, "parallel/UNv1.0.devset.zh"))
	if err != nil {
		t.Fatal(err)
	}
	gb := encode(t, simplifiedchinese.GB18030, string(b))
	if got, name, err := Decode(gb); err != nil || name != GB18030 || got != strings.ReplaceAll(string(b), "\r\n", "\n") {
		t.Errorf("Chinese in GB18030: %s, %v", name, err)
	}
}
