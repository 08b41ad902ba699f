package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/verbatim-un/verbatim/internal/align"
	"github.com/verbatim-un/verbatim/record"
)

// ErrFewVersions is returned when fewer than two of the language versions
// asked for are stored: there is nothing to align.
var ErrFewVersions = errors.New("fewer than two language versions stored")

// Align aligns the stored language versions of the meeting (or part) a
// symbol names, in any case: langs in the order given, or every stored
// version (in the UN's order of languages) when langs is empty. A
// language asked for and not stored is an error.
func (s *Store) Align(ctx context.Context, symbol string, langs []string) (*align.Alignment, error) {
	vs, err := s.MeetingVersions(ctx, symbol)
	if err != nil {
		return nil, err
	}
	var stored []string
	canonical := ""
	for _, v := range vs {
		if strings.EqualFold(v.Symbol, strings.TrimSpace(symbol)) {
			stored = append(stored, v.Lang)
			canonical = v.Symbol
		}
	}
	if len(stored) == 0 {
		return nil, notFound(fmt.Sprintf("no meeting %s is stored", strings.TrimSpace(symbol)))
	}
	if len(langs) == 0 {
		for _, l := range align.Official {
			if slices.Contains(stored, l) {
				langs = append(langs, l)
			}
		}
		for _, l := range stored {
			if !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
	}
	var ms []*record.Meeting
	for _, l := range langs {
		if !slices.Contains(stored, l) {
			return nil, notFound(fmt.Sprintf("%s has no %s version stored (stored: %s)", canonical, l, strings.Join(stored, ", ")))
		}
		m, err := s.Meeting(ctx, canonical, l)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	if len(ms) < 2 {
		return nil, fmt.Errorf("%s: %w (stored: %s)", canonical, ErrFewVersions, strings.Join(stored, ", "))
	}
	return align.Align(ms...)
}

// notFound is an ErrNotFound with a message of its own.
type notFound string

func (e notFound) Error() string        { return string(e) }
func (e notFound) Is(target error) bool { return target == ErrNotFound }
