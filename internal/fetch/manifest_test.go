package fetch

import (
	"os"
	"path/filepath"
	"testing"
)

// TestManifestCutLine: a line a crash cut short is not an entry, and the
// next run's entries start on a line of their own.
func TestManifestCutLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), ManifestName)
	m, err := openManifest(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, sym := range []string{"S/PV.1", "S/PV.2"} {
		if err := m.add(Entry{Symbol: sym, Language: "en", Outcome: "fetched"}); err != nil {
			t.Fatal(err)
		}
	}
	m.close()
	f, _ := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"symbol":"S/PV.3","lang`)
	f.Close()
	es, err := ReadManifest(p)
	if err != nil || len(es) != 2 || es[1].Symbol != "S/PV.2" {
		t.Errorf("ReadManifest = %+v, %v", es, err)
	}
	if m, err = openManifest(p); err != nil {
		t.Fatal(err)
	}
	m.add(Entry{Symbol: "S/PV.4", Language: "en", Outcome: "fetched"})
	m.close()
	es, err = ReadManifest(p)
	if err != nil || len(es) != 3 || es[2].Symbol != "S/PV.4" {
		t.Errorf("after another run: %+v, %v", es, err)
	}
}
