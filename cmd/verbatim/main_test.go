package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/verbatim-un/verbatim/internal/source"
)

const fixture = "../../internal/parse/testdata/zh/vote.txt"

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestParseExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	binary := write("binary.txt", []byte("\x00\x01\x02\x7fELF\x00\x00garbage\x00"))
	notrec := write("plain.txt", []byte("这是一段普通的文字。\n没有发言人。\n"))
	fakePDF := write("fake.pdf", []byte("这只是一段假装成PDF文件的文字。\n"))
	truncated := write("cut.pdf", []byte("%PDF-1.7\n1 0 obj\n<<"))
	encrypted := write("locked.pdf", encryptedPDF())
	binaryPDF := write("noise.pdf", []byte("\x00\x01\x02\x03garbage\x00\xff\xfe\x00"))
	line := "The President: The meeting is called to order.\n"
	huge := write("huge.txt", []byte(strings.Repeat(line, source.MaxText/len(line)+1)))

	tests := []struct {
		name     string
		args     []string
		code     int
		errMatch string
	}{
		{"no args", []string{}, 2, "Usage"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad jobs", []string{"ingest", "--jobs", "0", fixture}, 2, "--jobs must be at least 1"},
		{"parse no files", []string{"parse"}, 2, "no input files"},
		{"bad format", []string{"parse", "--format", "xml", fixture}, 2, "unknown format"},
		{"bad flag", []string{"parse", "--nope", fixture}, 2, "unknown flag: --nope"},
		{"missing file", []string{"parse", filepath.Join(dir, "absent.txt")}, 1, "no such file"},
		{"directory", []string{"parse", dir}, 1, "is a directory"},
		{"empty", []string{"parse", empty}, 1, "input is empty"},
		{"binary", []string{"parse", binary}, 1, "not text"},
		{"not a record", []string{"parse", notrec}, 1, "not a UN meeting record"},
		{"text named .pdf", []string{"parse", fakePDF}, 1, "not a UN meeting record"},
		{"truncated pdf", []string{"parse", truncated}, 1, "PDF is damaged or truncated"},
		{"encrypted pdf", []string{"parse", encrypted}, 1, "PDF is encrypted"},
		{"binary named .pdf", []string{"parse", binaryPDF}, 1, "not text"},
		{"text over the limit", []string{"parse", huge}, 1, "text is larger than 8 MiB"},
		{"ok", []string{"parse", fixture}, 0, ""},
		{"one bad of two", []string{"parse", "-q", fixture, empty}, 1, "input is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.errMatch != "" && !strings.Contains(stderr, tt.errMatch) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.errMatch)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
				t.Errorf("error is not one line: %q", stderr)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr shows a panic: %q", stderr)
			}
		})
	}
}

// encryptedPDF builds a one-page PDF protected by a user password (RC4,
// revision 2): readers that try the empty password are refused.
func encryptedPDF() []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	obj("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	obj("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	obj("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n")
	h := strings.Repeat("0123456789abcdef", 4)
	obj("4 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <" + h + "> /U <" + h + "> /P -4 >>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 5\n0000000000 65535 f \n")
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestHelpOnEveryCommand(t *testing.T) {
	code, out, _ := runCLI(t, "", "--help")
	if code != 0 || !strings.Contains(out, "parse") {
		t.Errorf("verbatim --help: exit %d, %q", code, out)
	}
	for _, c := range newRoot(&cli{}).Commands() {
		name := c.Name()
		code, out, _ := runCLI(t, "", name, "--help")
		if code != 0 || !strings.Contains(out, "Usage:\n  verbatim "+name) {
			t.Errorf("verbatim %s --help: exit %d, %q", name, code, out)
		}
	}
	if code, out, _ := runCLI(t, "", "--version"); code != 0 || !strings.HasPrefix(out, "verbatim version ") {
		t.Errorf("verbatim --version: exit %d, %q", code, out)
	}
}

func TestParseOutputs(t *testing.T) {
	// One input: one JSON object.
	code, out, _ := runCLI(t, "", "parse", "-q", fixture)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatalf("not a JSON object: %v", err)
	}
	for _, k := range []string{"symbol", "body", "language", "date", "opened", "closed", "agenda", "events", "speeches", "references", "warnings"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	// Two inputs (one from standard input, flags after the files): an array.
	stdin, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, string(stdin), "parse", fixture, "-", "-q")
	var arr []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &arr) != nil || len(arr) != 2 {
		t.Fatalf("two inputs: exit %d, output %.200q", code, out)
	}
	// Markdown transcript and -o.
	dst := filepath.Join(t.TempDir(), "out.md")
	code, out, _ = runCLI(t, "", "parse", "--format", "md", "-o", dst, "-q", fixture)
	if code != 0 || out != "" {
		t.Fatalf("md -o: exit %d, stdout %q", code, out)
	}
	md, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## 中东局势", "### 1. 主席", "[RUS]", "2801"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	code, out, _ = runCLI(t, "", "parse", "--format", "text", "-q", fixture)
	if code != 0 || !strings.Contains(out, "内本齐亚先生 (俄罗斯联邦):") {
		t.Errorf("text format: exit %d, %.300q", code, out)
	}
}

func TestWarningsGoToStderr(t *testing.T) {
	code, _, stderr := runCLI(t, "", "parse", "../../internal/parse/testdata/zh/behalf.txt")
	if code != 0 || !strings.Contains(stderr, "warning:") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestParseOutputNotRegular: -o onto a file that is not a regular one
// (a named pipe here, /dev/null in use) writes to it and leaves it in
// place: an atomic rename would replace it by a file.
func TestParseOutputNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "out")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	code, _, errOut := runCLI(t, "", "parse", "--format", "text", "-o", fifo, "../../internal/parse/testdata/zh/labels.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Stat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced: %v %v", fi.Mode(), err)
	}
	select {
	case b := <-got:
		if len(b) == 0 {
			t.Error("nothing read from the pipe")
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing written to the pipe")
	}
}
