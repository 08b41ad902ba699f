package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadOnlyFolder: a database in a folder this user cannot write is
// read (search, show, stats, serve), not refused. Run as root, which
// writes anywhere, the commands run as the user nobody.
func TestReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	db := filepath.Join(ro, "v.db")
	recs := ingestRecords(t, db, 3)
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })

	command := func(args ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "VERBATIM_TEST_MAIN=1")
		return cmd
	}
	if os.Getuid() == 0 {
		// nobody must reach the folder and run a copy of this binary.
		bin := filepath.Join(dir, "verbatim.test")
		b, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bin, b, 0o755); err != nil {
			t.Fatal(err)
		}
		for d := dir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
			os.Chmod(d, 0o755)
		}
		command = func(args ...string) *exec.Cmd {
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "VERBATIM_TEST_MAIN=1", "HOME="+os.TempDir())
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			return cmd
		}
		probe := command("parse", "-o", filepath.Join(ro, "probe.json"), filepath.Join(recs, "r00000.txt"))
		if err := probe.Run(); err == nil {
			t.Fatal("the user nobody could write the read-only folder")
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--db", db, "对话"}, "S/PV.2000"},
		{[]string{"show", "--db", db, "S/PV.20001"}, "# S/PV.20001"},
		{[]string{"stats", "--db", db}, "3"},
		{[]string{"check", "--db", db}, "ok"},
	} {
		var out, errOut bytes.Buffer
		cmd := command(tt.args...)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil || !strings.Contains(out.String(), tt.want) {
			t.Errorf("%v: %v\n%s%s", tt.args, err, out.String(), errOut.String())
		}
	}
	cmd := command("serve", "-q", "--db", db, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	_, url, ok := strings.Cut(strings.TrimSpace(line), " on ")
	if err != nil || !ok {
		t.Fatalf("serve: %q %v %s", line, err, errOut.String())
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url + "readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("serve /readyz: %d %s", resp.StatusCode, body)
	}
}
