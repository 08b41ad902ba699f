package index_test

import (
	"testing"

	"github.com/verbatim-un/verbatim/internal/index/indextest"
)

func TestIndexAgainstOracle(t *testing.T) {
	indextest.Oracle(t, indextest.Small, func(*testing.T) indextest.DB { return indextest.NewMem() })
}

// TestIndexAgainstOracleLarge reaches the second merge tier.
func TestIndexAgainstOracleLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	indextest.Oracle(t, indextest.Large, func(*testing.T) indextest.DB { return indextest.NewMem() })
}
