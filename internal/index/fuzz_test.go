package index

import "testing"

// FuzzDecode: whatever bytes a damaged database holds, decoding a
// dictionary, a segment's metadata or a term's postings returns an error
// or data, never a panic.
func FuzzDecode(f *testing.F) {
	f.Add(encodeDict([]string{"peace", "security", "和平"}, []entry{{1, 0, 5, 0}, {2, 5, 7, 3}, {1, 12, 4, 9}}))
	m := &meta{strs: []string{"", "zh"}}
	m.add(Doc{Speech: 7, Language: "zh"}, 12, func(s string) uint16 { return map[string]uint16{"": 0, "zh": 1}[s] })
	f.Add(m.encode())
	f.Add(postings{docs: appendDoc(appendDoc(nil, 3, 1), 2, 4), lens: []byte{1, 4}, pos: []byte{5, 1, 1, 1, 1}}.append(nil))
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
		if p, err := splitPostings(b); err == nil {
			eachDoc(p.docs, 1<<20, func(uint32, uint32) {})
			for i := 0; i < len(p.docs); {
				_, _, next, ok := readDoc(p.docs, i)
				if !ok {
					break
				}
				i = next
			}
		}
	})
}
