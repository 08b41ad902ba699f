package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/verbatim-un/verbatim/internal/parse"
)

func TestDebug(t *testing.T) {
	g := testGenerator(t, 7)
	k := 21
	m := g.meeting(k, 1000)
	txt := g.print(k, m)
	os.WriteFile("/tmp/dbg.txt", []byte(txt), 0o644)
	got, _ := parse.Text(txt, parse.Options{})
	for i := range m.Speeches {
		fmt.Printf("%d %q | %q\n", i+1, m.Speeches[i].Label, got.Speeches[i].Label)
	}
}
