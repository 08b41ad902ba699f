package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// Every blob the index hands to its storage is sealed:
//
//	'V' 'X' kind version payload crc32c(everything before it, little-endian)
//
// so that a reader knows what it holds and that it is whole, and refuses
// a format it does not know rather than misreading it. The first index
// format had no envelope; its dictionaries cannot begin with "VX"
// (0x56 0x58 would be 86 terms in 88 blocks, and 86 terms take 3).
const (
	formatVersion = 1
	sealHead      = 4
	sealTail      = 4
	sealSize      = sealHead + sealTail

	kindDict  = 'D'
	kindCols  = 'C'
	kindChunk = 'P'
)

// ErrFormat marks a segment written in a format this build does not read
// (an older Verbatim's, without envelope, or a newer one's): the store
// rebuilds the index from its records.
var ErrFormat = errors.New("index: segment of another format")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sealHeader starts a blob of kind.
func sealHeader(b []byte, kind byte) []byte {
	return append(b, 'V', 'X', kind, formatVersion)
}

// sealClose appends the checksum of b, which starts with sealHeader.
func sealClose(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

func seal(kind byte, payload []byte) []byte {
	b := make([]byte, 0, len(payload)+sealSize)
	return sealClose(append(sealHeader(b, kind), payload...))
}

// unseal checks a blob of kind and returns its payload, a view of b.
func unseal(kind byte, b []byte) ([]byte, error) {
	if len(b) < sealSize || b[0] != 'V' || b[1] != 'X' {
		return nil, fmt.Errorf("%w: no envelope (an older index)", ErrFormat)
	}
	if b[3] != formatVersion {
		return nil, fmt.Errorf("%w: version %d, this build reads %d", ErrFormat, b[3], formatVersion)
	}
	if b[2] != kind {
		return nil, fmt.Errorf("%w: a blob of kind %q where %q belongs", ErrCorrupt, b[2], kind)
	}
	n := len(b) - sealTail
	if crc32.Checksum(b[:n], castagnoli) != binary.LittleEndian.Uint32(b[n:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	return b[sealHead:n], nil
}
