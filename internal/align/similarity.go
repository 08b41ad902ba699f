package align

// Weights of the evidence two turns are compared on. Who speaks counts
// most: a version's turns differ in their words, rarely in their speakers.
const (
	wIdentity = 0.5
	wLength   = 0.25
	wAnchors  = 0.25

	// A turn split in one version and not in the other is less certain
	// than a one-to-one pair on the same evidence: where the split falls
	// is a guess.
	mergeFactor = 0.9
)

// similarity of two turns in [0,1]: see Alignment for how it is computed.
func similarity(a, b turn) float64 {
	id := 0.0
	for i := range a.seqs {
		for j := range b.seqs {
			id += identity(a, i, b, j)
		}
	}
	id /= float64(len(a.seqs) * len(b.seqs))

	length := 1.0
	if hi := max(a.share, b.share); hi > 0 {
		length = min(a.share, b.share) / hi
	}
	s := wIdentity*id + wLength*length
	if d, ok := dice(a.anchors, b.anchors); ok {
		s += wAnchors * d
	} else {
		s /= wIdentity + wLength
	}
	if len(a.seqs)+len(b.seqs) > 2 {
		s *= mergeFactor
	}
	return s
}

// identity compares who speaks: affiliation, role, language of delivery,
// national capacity and the group spoken for.
func identity(a turn, i int, b turn, j int) float64 {
	s := 0.4*agree(a.codes[i], b.codes[j]) + 0.2*same(a.roles[i] == b.roles[j])
	s += 0.25 * agree(a.langs[i], b.langs[j])
	s += 0.075*same(a.capacity[i] == b.capacity[j]) + 0.075*same(a.behalf[i] == b.behalf[j])
	return s
}

// agree is 1 for two equal values, 0 for two different ones and ½ when
// either is unknown.
func agree(x, y string) float64 {
	switch {
	case x == "" || y == "":
		return 0.5
	case x == y:
		return 1
	}
	return 0
}

func same(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
