package grammar

import (
	"fmt"
	"slices"
	"strings"
)

// The events a grammar rule may record. The set is closed: a rule naming
// any other event is refused when its grammar loads, so that a typo in a
// data file fails a test instead of switching a rule off.
const (
	// Alone: whole paragraphs outside speeches.
	EventOpened         = "opened"
	EventAdjourned      = "adjourned"
	EventSuspended      = "suspended"
	EventResumed        = "resumed"
	EventAgendaAdopted  = "agenda-adopted"
	EventHeading        = "heading"
	EventAgendaItem     = "agenda-item"
	EventVoteStart      = "vote-start"
	EventVoteInFavour   = "vote-in-favour"
	EventVoteAgainst    = "vote-against"
	EventVoteAbstaining = "vote-abstaining"
	EventGAAdopted      = "ga-adopted"
	EventDecided        = "decided"
	EventChairTaken     = "chair-taken"
	EventChairReturned  = "chair-returned"
	// Inside speeches.
	EventConsideration = "consideration"
	EventInvitation37  = "invitation-37"
	EventInvitation39  = "invitation-39"
	EventVoteResult    = "vote-result"
	EventAdopted       = "adopted"
	EventRejected      = "rejected"
	EventFloor         = "floor"
	EventPresidency    = "presidency"
	EventNationalCap   = "national-capacity"
	EventResumeChair   = "resume-chair"
	EventOnBehalf      = "on-behalf"
)

// eventSpec says where an event's rules apply and which named groups
// their patterns must have (needs) or may have (may).
type eventSpec struct {
	alone bool
	needs []string
	may   []string
}

// timeGroups are the groups of {time}, {time2} and a printed "noon".
var timeGroups = []string{"hour", "min", "ampm", "noon", "hour2", "min2", "ampm2", "noon2"}

var events = map[string]eventSpec{
	EventOpened:         {alone: true, needs: []string{"hour"}, may: timeGroups},
	EventAdjourned:      {alone: true, needs: []string{"hour"}, may: timeGroups},
	EventSuspended:      {alone: true, needs: []string{"hour"}, may: timeGroups},
	EventResumed:        {alone: true, needs: []string{"hour"}, may: timeGroups},
	EventAgendaAdopted:  {alone: true},
	EventHeading:        {alone: true},
	EventAgendaItem:     {alone: true, needs: []string{"num"}, may: []string{"cont"}},
	EventVoteStart:      {alone: true, needs: []string{"method"}},
	EventVoteInFavour:   {alone: true, needs: []string{"list"}},
	EventVoteAgainst:    {alone: true, needs: []string{"list"}},
	EventVoteAbstaining: {alone: true, needs: []string{"list"}},
	EventGAAdopted:      {alone: true, needs: []string{"what", "verb"}, may: []string{"yes", "no", "abstain", "res"}},
	EventDecided:        {alone: true, may: []string{"res"}},
	EventChairTaken:     {alone: true, needs: []string{"who", "state"}},
	EventChairReturned:  {alone: true},
	EventConsideration:  {},
	EventInvitation37:   {needs: []string{"list"}},
	EventInvitation39:   {needs: []string{"list"}},
	EventVoteResult:     {needs: []string{"yes"}, may: []string{"no", "abstain"}},
	EventAdopted:        {needs: []string{"res"}},
	EventRejected:       {},
	EventFloor:          {needs: []string{"who"}},
	EventPresidency:     {needs: []string{"who"}},
	EventNationalCap:    {needs: []string{"who"}},
	EventResumeChair:    {},
	EventOnBehalf:       {needs: []string{"who"}},
}

// Events lists the event names a rule may use, sorted.
func Events() []string {
	out := make([]string, 0, len(events))
	for e := range events {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// checkRule refuses a rule whose event is not in the closed set, that
// applies where its event cannot (a whole-paragraph event inside
// speeches, or the reverse), or whose pattern lacks a group the event
// needs or has one it does not know.
func checkRule(event string, alone bool, groups []string) error {
	spec, ok := events[event]
	if !ok {
		return fmt.Errorf("unknown event %q (known: %s)", event, strings.Join(Events(), ", "))
	}
	if alone != spec.alone {
		if spec.alone {
			return fmt.Errorf("event %s matches whole paragraphs: it needs alone = true", event)
		}
		return fmt.Errorf("event %s is found inside speeches: it cannot be alone", event)
	}
	for _, n := range spec.needs {
		if !slices.Contains(groups, n) {
			return fmt.Errorf("event %s needs a group named %q", event, n)
		}
	}
	for _, g := range groups {
		if g != "" && !slices.Contains(spec.needs, g) && !slices.Contains(spec.may, g) {
			return fmt.Errorf("event %s has no use for a group named %q", event, g)
		}
	}
	return nil
}
