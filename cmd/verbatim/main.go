// Command verbatim turns UN meeting records into structured, searchable
// data.
//
//	verbatim parse [--format json|md|text] [-o FILE] FILE...
//	verbatim ingest [--db PATH] PATH...
//	verbatim search [--db PATH] [filters] QUERY
//	verbatim show [--db PATH] SYMBOL
//	verbatim stats [--db PATH] [--by country|role|language|year|person]
//	verbatim list [--db PATH] [--lang L] [--body S] [--year YYYY] [--sort newest]
//	verbatim serve [--db PATH] [--addr HOST:PORT]
//	verbatim export --format csv|tsv|jsonl|tei|akn|md|text [filters] [--out FILE|DIR] [QUERY | FILE...]
//	verbatim fetch [--lang CODES] [--out DIR] [--ingest] SYMBOL|RANGE...
//	verbatim check [--db PATH] [--quick]
//	verbatim align [--db PATH] [--langs zh,en,…] [--format json|tmx] [-o FILE] SYMBOL
//
// Exit status: 0 on success, 1 when an input cannot be read or is not a
// record, 2 on usage errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// errUsage marks errors that are the caller's mistake (exit 2).
var errUsage = errors.New("usage")

// errFailed marks a run in which some input failed after its error was
// already reported (exit 1).
var errFailed = errors.New("failed")

// usageError marks err as the caller's mistake.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// defaultDB is the database every command uses unless --db says otherwise.
const defaultDB = "verbatim.db"

// cli is what every command writes to and reads from: the process's
// streams, or buffers in tests.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// version is the module's version when built from a tagged module, else
// the VCS revision the binary was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return "devel-" + rev
}

func newRoot(c *cli) *cobra.Command {
	root := &cobra.Command{
		Use:   "verbatim",
		Short: "Structured, searchable UN meeting records",
		Long: `verbatim turns UN meeting records (verbatim records of the Security Council
and the General Assembly; Chinese and English today) into structured data.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(c.stdin)
	root.SetOut(c.stdout)
	root.SetErr(c.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError("%v", err)
	})
	root.AddCommand(
		parseCommand(c),
		ingestCommand(c),
		searchCommand(c),
		showCommand(c),
		statsCommand(c),
		listCommand(c),
		serveCommand(c),
		exportCommand(c),
		fetchCommand(c),
		checkCommand(c),
		alignCommand(c),
	)
	return root
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot(&cli{stdin, stdout, stderr})
	if len(args) == 0 {
		root.SetOut(stderr)
		root.Usage()
		return 2
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	name := "verbatim"
	if cmd != nil && cmd != root {
		name += " " + cmd.Name()
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFailed):
		return 1
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "%s: %s\n", name, strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		return 2
	case strings.HasPrefix(err.Error(), "unknown command"):
		fmt.Fprintf(stderr, "%s: %v\nRun 'verbatim --help' for the commands.\n", name, err)
		return 2
	default:
		fmt.Fprintf(stderr, "%s: %v\n", name, oneLine(err.Error()))
		return 1
	}
}

// oneLine keeps an error on one line of a log, whatever a file name or a
// tool's message holds.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// noArgs refuses positional arguments as a usage error.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError("unexpected argument %q", args[0])
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
