// Command verbatim turns UN meeting records into structured, searchable
// data.
//
//	verbatim parse [--format json|md|text] [-o FILE] FILE...
//	verbatim ingest [--db PATH] PATH...
//	verbatim search [--db PATH] [filters] QUERY
//	verbatim show [--db PATH] SYMBOL
//	verbatim stats [--db PATH] [--by country|role|language|year]
//	verbatim serve [--db PATH] [--addr ADDR]
//	verbatim check [--db PATH] [--quick]
//
// Exit status: 0 on success, 1 when an input cannot be read or is not a
// record, 2 on usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `verbatim turns UN meeting records (verbatim records of the Security Council
and the General Assembly; Chinese and English today) into structured data.

Usage:
  verbatim <command> [flags] [arguments]

Commands:
  parse    read records (text or PDF) and print them as JSON, Markdown or text
  ingest   parse records and store them in the database (default ./verbatim.db)
  search   full-text search of the stored speeches, with filters
  show     print a stored meeting
  stats    count stored speeches by country, role, language or year
  serve    serve the stored records over HTTP: a JSON API and web pages
  check    check a database: SQLite's integrity and the full-text index

Run "verbatim <command> --help" for a command's flags.
`

// errUsage marks errors that are the caller's mistake (exit 2).
var errUsage = errors.New("usage")

// errFailed marks a run in which some input failed after its error was
// already reported (exit 1).
var errFailed = errors.New("failed")

type command struct {
	name  string
	short string
	run   func(args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

var commands = []command{
	{"parse", "read records and print them", runParse},
	{"ingest", "parse records and store them in the database", runIngest},
	{"search", "full-text search of the stored speeches", runSearch},
	{"show", "print a stored meeting", runShow},
	{"stats", "count stored speeches by country, role, language or year", runStats},
	{"serve", "serve the stored records: JSON API and web pages", runServe},
	{"check", "check a database and its full-text index", runCheck},
}

// defaultDB is the database every command uses unless --db says otherwise.
const defaultDB = "verbatim.db"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			err := c.run(args[1:], stdin, stdout, stderr)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				if msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": "); msg != errUsage.Error() {
					fmt.Fprintf(stderr, "verbatim %s: %s\n", c.name, msg)
				}
				return 2
			case errors.Is(err, errFailed):
				return 1
			default:
				fmt.Fprintf(stderr, "verbatim %s: %v\n", c.name, err)
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "verbatim: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// parseFlags parses flags that may come before, between or after the
// positional arguments ("verbatim parse rec.txt --format md"); "--" ends
// the flags and a lone "-" is an argument (standard input).
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// flagSetWith carries a flag set built by a helper that also declared the
// shared filter flags.
type flagSetWith struct{ *flag.FlagSet }
