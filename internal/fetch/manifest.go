package fetch

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"sync"
	"time"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.jsonl"

// Entry is one line of the manifest: one answer of a service.
type Entry struct {
	Time        time.Time `json:"time"`
	Symbol      string    `json:"symbol"`
	Language    string    `json:"language"`
	Source      string    `json:"source"`    // ods, undocs
	URL         string    `json:"url"`       // asked
	FinalURL    string    `json:"final_url"` // after redirects
	Status      int       `json:"status"`    // HTTP status; 0 when none came
	Bytes       int64     `json:"bytes"`
	SHA256      string    `json:"sha256,omitempty"`
	ContentType string    `json:"content_type,omitempty"`
	File        string    `json:"file,omitempty"` // name in the folder, when stored
	Outcome     string    `json:"outcome"`
	Note        string    `json:"note,omitempty"`
}

// manifest appends entries, one write a line, so that a killed run leaves
// whole lines.
type manifest struct {
	mu sync.Mutex
	f  *os.File
}

func openManifest(path string) (*manifest, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	// A line a killed run cut short is ended, so that the next entry
	// starts a line of its own.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
			if _, err := f.Write([]byte("\n")); err != nil {
				f.Close()
				return nil, err
			}
		}
	}
	return &manifest{f: f}, nil
}

func (m *manifest) add(e Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, err = m.f.Write(append(b, '\n'))
	return err
}

func (m *manifest) close() error { return m.f.Close() }

// ReadManifest reads a manifest's entries; lines cut short by a crash
// are skipped.
func ReadManifest(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Entry
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			var e Entry
			if json.Unmarshal(line, &e) == nil {
				out = append(out, e)
			}
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}
