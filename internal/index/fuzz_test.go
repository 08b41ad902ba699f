package index

import "testing"

// FuzzDecode: whatever bytes a damaged database holds, decoding a
// dictionary, a segment's columns or a term's postings returns an error
// or data, never a panic.
func FuzzDecode(f *testing.F) {
	f.Add(encodeDict([]string{"peace", "security", "和平"}, []entry{{1, 0, 5, 0}, {2, 5, 7, 3}, {1, 12, 4, 9}}))
	m := &meta{}
	m.add(Doc{ID: 7, Keywords: []string{"zh"}, Refs: []int64{3}}, 12, &interner{})
	m.strs = []string{"zh"}
	f.Add(m.encode())
	f.Add(postings{docs: appendDoc(appendDoc(nil, 3, 1), 2, 4), lens: []byte{1, 4}, pos: []byte{5, 1, 1, 1, 1}}.append(nil))
	f.Add(seal(kindChunk, []byte{1, 2, 3}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := decodeDict(b); err == nil {
			d.lookup("peace")
			d.lookup("")
			d.prefix("p", func(string, entry) {})
			it := d.iterFrom(0)
			for it.next() {
			}
		}
		decodeMeta(b)
		unseal(kindChunk, b)
		if p, err := splitPostings(b); err == nil {
			it := docIter{ds: p.docs, n: 1 << 20}
			var docs, tfs [7]uint32
			last, first := uint32(0), true
			for n := it.fill(docs[:], tfs[:]); n > 0; n = it.fill(docs[:], tfs[:]) {
				for i, d := range docs[:n] {
					if d >= it.n || tfs[i] == 0 || !first && d < last {
						t.Fatalf("document %d tf %d after %d", d, tfs[i], last)
					}
					last, first = d, false
				}
			}
		}
	})
}
