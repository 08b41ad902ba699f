package index_test

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"

	"github.com/verbatim-un/verbatim/internal/index"
	"github.com/verbatim-un/verbatim/internal/index/indextest"
	"github.com/verbatim-un/verbatim/internal/search"
)

// corpus writes a small index of two segments, one with a tombstone.
func corpus(t testing.TB) *indextest.Mem {
	ctx := context.Background()
	db := indextest.NewMem()
	texts := []string{"peace and security", "the rule of law and peace", "维护国际和平与安全", "恐怖主义 terrorism",
		"peace peace peace, security of peace", "安全理事会 rule", "和平解决争端 of law"}
	for batch := range 2 {
		b := index.NewBuilder()
		for i, text := range texts {
			b.Add(index.Doc{ID: int64(batch*100 + i + 1), Date: 20200101, Keywords: []string{"en"}, Refs: []int64{int64(i)}}, text)
		}
		var del []int64
		if batch == 1 {
			del = []int64{2}
		}
		if err := db.Update(ctx, func(st index.Storage) error { _, err := b.Write(ctx, st, del); return err }); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

var corruptQueries = []string{"peace", `"rule of law"`, "恐怖主义", "维护国际和平与安全", "terror*", "和", "peace OR law -security"}

// search runs the queries; a corrupt segment may only give ErrCorrupt or
// ErrFormat.
func searchAll(t *testing.T, db *indextest.Mem) (failed bool) {
	ctx := context.Background()
	for _, qs := range corruptQueries {
		q, err := search.Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		err = db.View(ctx, func(st index.Storage) error {
			_, err := index.New(1<<20).Search(ctx, st, q.Root, index.Filter{}, 3)
			return err
		})
		if err != nil {
			if !errors.Is(err, index.ErrCorrupt) && !errors.Is(err, index.ErrFormat) {
				t.Fatalf("%s: %v, not ErrCorrupt", qs, err)
			}
			failed = true
		}
	}
	return failed
}

// FuzzSearchCorrupt damages a byte of a segment's blobs, with the
// checksum made right again or not, and runs searches over it: they
// return results or ErrCorrupt, never panic.
func FuzzSearchCorrupt(f *testing.F) {
	f.Add(uint16(0), byte(1), true)
	f.Add(uint16(40), byte(0x80), true)
	f.Add(uint16(300), byte(0xff), false)
	f.Add(uint16(9), byte(7), true)
	f.Fuzz(func(t *testing.T, at uint16, x byte, reseal bool) {
		db := corpus(t)
		i := int(at)
		db.Blobs(func(b []byte) {
			if i < 0 {
				return
			}
			if i >= len(b) {
				i -= len(b)
				return
			}
			b[i] ^= x
			if reseal && len(b) >= 8 {
				binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], crc32.MakeTable(crc32.Castagnoli)))
			}
			i = -1
		})
		searchAll(t, db)
	})
}

// TestChecksumCatches: a flipped byte anywhere, checksum left alone, is
// ErrCorrupt for some search, never a wrong answer passed as right.
func TestChecksumCatches(t *testing.T) {
	total := 0
	corpus(t).Blobs(func(b []byte) { total += len(b) })
	for at := 0; at < total; at += 7 {
		db := corpus(t)
		i := at
		db.Blobs(func(b []byte) {
			if i >= 0 && i < len(b) {
				b[i] ^= 0x10
			}
			i -= len(b)
		})
		if !searchAll(t, db) {
			t.Fatalf("byte %d flipped: every search succeeded", at)
		}
	}
}
