// Package corpus locates the shared corpus of real UN records that tests
// and benchmarks read by path: $VERBATIM_CORPUS, else ../shared/corpus
// beside the repository. The corpus is never copied into the repository.
package corpus

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Dir returns the corpus directory, or an error saying where it looked.
func Dir() (string, error) {
	if d := os.Getenv("VERBATIM_CORPUS"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, nil
		}
		return "", errors.New("VERBATIM_CORPUS=" + d + " is not a directory")
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	d := filepath.Join(root, "..", "shared", "corpus")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d, nil
	}
	return "", errors.New("no corpus: set VERBATIM_CORPUS or place it at " + d)
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Path returns the path of a corpus file for a test, skipping the test
// when the corpus is absent — except under CI=true, where a missing corpus
// fails the test: CI must never pass by skipping.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d, err := Dir()
	if err == nil {
		p := filepath.Join(d, filepath.FromSlash(rel))
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("corpus file %s: %v", rel, err)
	}
	tb.Skipf("corpus file %s not available (%v); set VERBATIM_CORPUS to run this test", rel, err)
	return ""
}

// StandardsPath returns the path of a file of the shared standards
// (schemas and samples of the export formats): $VERBATIM_STANDARDS, else
// ../shared/standards beside the repository. Like Path, it skips the test
// when the file is missing, and fails it under CI=true.
func StandardsPath(tb testing.TB, rel string) string {
	tb.Helper()
	dir := os.Getenv("VERBATIM_STANDARDS")
	var err error
	if dir == "" {
		var root string
		if root, err = repoRoot(); err == nil {
			dir = filepath.Join(root, "..", "shared", "standards")
		}
	}
	if err == nil {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("standards file %s: %v", rel, err)
	}
	tb.Skipf("standards file %s not available (%v); set VERBATIM_STANDARDS to run this test", rel, err)
	return ""
}

// Tool returns the path of a program a test needs (a validator), skipping
// the test when it is not installed — failing it under CI=true, where
// .ci/run installs it.
func Tool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not installed (apt-get install %s)", name, pkg)
	}
	tb.Skipf("%s is not installed (apt-get install %s)", name, pkg)
	return ""
}
