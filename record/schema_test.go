package record_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/verbatim-un/verbatim/internal/corpus"
	"github.com/verbatim-un/verbatim/internal/ingest"
)

// TestRecordsMatchSchema: the JSON the parser prints for every synthetic
// fixture validates against docs/record.schema.json, the published form of
// the contract.
func TestRecordsMatchSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../docs/record.schema.json")
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	files, _ := filepath.Glob("../internal/parse/testdata/*/*.txt")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	checked := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{File: filepath.Base(f)})
		if err != nil {
			continue // not a record: nothing to validate
		}
		js, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(string(js)))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		checked++
	}
	// The founding sample, through the same check.
	if b, err := os.ReadFile(corpus.Path(t, "zh/S_PV.7796-ZH.txt")); err == nil {
		m, err := ingest.Read(context.Background(), b, ingest.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(m)
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(js)))
		if err := sch.Validate(v); err != nil {
			t.Errorf("S/PV.7796: %v", err)
		}
	}
	if checked < 4 {
		t.Errorf("only %d records validated", checked)
	}
	// And the schema must reject what breaks the contract.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"symbol": "S/PV.1", "language": "zh"}`))
	if sch.Validate(bad) == nil {
		t.Error("a record without its required fields validated")
	}
}
