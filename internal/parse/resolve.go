package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/internal/symbol"
	"github.com/verbatim-un/verbatim/record"
)

// bodies maps the first segment of a symbol to the organ it names.
var bodies = map[string]string{
	"S": "Security Council",
	"A": "General Assembly",
	"E": "Economic and Social Council",
	"T": "Trusteeship Council",
}

var pvRe = regexp.MustCompile(`PV\.(\d+)(?: \(Resumption (\d+)\))?$`)

// metaFromFurniture takes symbol and date from the running heads: many
// records (the Chinese ones among them) print them nowhere else.
func (p *parser) metaFromFurniture(f layout.Furniture) {
	if len(f.Symbols) > 0 {
		p.setSymbol(f.Symbols[0])
	}
	if len(f.Dates) > 0 {
		var d, mo, y int
		if _, err := fmt.Sscanf(f.Dates[0], "%d/%d/%d", &d, &mo, &y); err == nil && validDate(y, mo, d) {
			p.m.Date = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		}
	}
}

func validDate(y, m, d int) bool {
	return y >= 1945 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func (p *parser) setSymbol(s string) {
	sym, err := symbol.Parse(s)
	if err != nil {
		p.warn(0, record.WarnBadSymbol, "running head symbol %q: %v", s, err)
		return
	}
	p.m.Symbol = sym.String()
	if b, ok := bodies[strings.SplitN(p.m.Symbol, "/", 2)[0]]; ok {
		p.m.Body = b
	}
	if m := pvRe.FindStringSubmatch(p.m.Symbol); m != nil {
		p.m.Meeting, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			p.m.Part, _ = strconv.Atoi(m[2])
		}
	}
}

// finish resolves what needs the whole record: the presiding state, the
// roles of speakers, and the briefers' organizations.
func (p *parser) finish() {
	if p.m.Symbol == "" {
		p.warn(0, record.WarnNoSymbol, "the record's symbol was not found")
	}
	if p.m.Date == "" {
		p.warn(0, record.WarnNoDate, "the meeting's date was not found")
	}
	var pres *record.Affiliation
	if p.presCode != "" {
		pres = p.stateAffiliation(p.presCode)
		if p.m.President == nil {
			p.m.President = &record.Party{}
		}
		p.m.President.Affiliation = pres
	}
	if len(p.m.Agenda) == 0 && len(p.coverAgenda) > 0 {
		// A resumed meeting prints its agenda on the cover only: every
		// turn is on that item.
		p.m.Agenda = append(p.m.Agenda, record.Item{Title: strings.Join(p.coverAgenda, " "), Documents: []string{}})
		for i := range p.m.Speeches {
			p.m.Speeches[i].Item = 1
		}
	}
	presidentWarned := false
	for i := range p.m.Speeches {
		sp := &p.m.Speeches[i]
		switch {
		case sp.Role == record.RolePresident:
			if code, ok := p.actingFor[sp.Seq]; ok {
				// A Vice-President in the chair speaks for their state.
				sp.Affiliation = p.stateAffiliation(code)
			} else if pres != nil {
				a := *pres
				sp.Affiliation = &a
			} else if !presidentWarned {
				p.warn(sp.Line, record.WarnPresidentCountry, "the presiding state could not be found in the text")
				presidentWarned = true
			}
		case sp.Role == record.RoleSecretaryGeneral:
			if sp.Affiliation == nil {
				sp.Affiliation = p.codeAffiliation("UN")
			}
		case sp.Role == record.RoleBriefer && sp.Affiliation == nil:
			sp.Affiliation = p.codeAffiliation("UN")
		case sp.Role == "":
			p.resolveRole(sp)
		}
	}
}

func (p *parser) resolveRole(sp *record.Speech) {
	a := sp.Affiliation
	if a == nil || a.Code == "" {
		if iv, ok := p.matchBriefer(sp.Speaker, sp.Line); ok {
			sp.Role = record.RoleBriefer
			if a == nil && iv.Code != "" {
				sp.Affiliation = &record.Affiliation{Name: iv.org, Code: iv.Code, Kind: iv.kind}
			}
			return
		}
		// The President may have announced the speaker by post: "I now
		// give the floor to the Vice-Chair of the Committee on …".
		if a == nil {
			if e, ok := p.orgIn(p.announced[sp.Seq]); ok && e.Kind != gazetteer.State {
				sp.Role = record.RoleBriefer
				sp.Affiliation = &record.Affiliation{Name: gazetteer.Name(e.Code, p.g.Lang), Code: e.Code, Kind: string(e.Kind)}
				return
			}
		}
		sp.Role = record.RoleOther
		if a == nil {
			p.warn(sp.Line, record.WarnUnknownSpeaker, "speaker %s%s has no affiliation and was not invited by name", sp.Speaker, sp.Title)
		}
		return
	}
	switch a.Kind {
	case record.KindState:
		p.announcedBehalf(sp)
		e, _ := gazetteer.ByCode(a.Code)
		switch {
		case e.Status == "observer":
			sp.Role = record.RoleObserver
		case p.m.Body == "Security Council" && len(p.m.Members) > 0:
			// The cover page lists the Council's members.
			sp.Role = record.RoleNonMember
			for _, mem := range p.m.Members {
				if mem.Code == a.Code {
					sp.Role = record.RoleMember
				}
			}
		case p.invited37[a.Code]:
			sp.Role = record.RoleNonMember
		default:
			sp.Role = record.RoleMember
		}
	case record.KindOrganization, record.KindUN:
		if _, ok := p.matchBriefer(sp.Speaker, 0); ok {
			sp.Role = record.RoleBriefer
		} else if a.Kind == record.KindUN {
			sp.Role = record.RoleBriefer
		} else {
			sp.Role = record.RoleObserver
		}
	default:
		sp.Role = record.RoleOther
	}
}

type briefer struct {
	invitee
	org string // the organization's name as printed in the invitation
}

// matchBriefer finds the rule 39 invitee a label names: labels print the
// surname (陈明华 → 陈), invitations the full name.
func (p *parser) matchBriefer(name string, line int) (briefer, bool) {
	key := normName(name)
	if key == "" {
		return briefer{}, false
	}
	var found []briefer
	for _, b := range p.briefers {
		n := normName(b.Name)
		if n == key || strings.HasSuffix(n, "·"+key) || strings.HasSuffix(n, " "+key) {
			found = append(found, b)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	if len(found) > 1 && line > 0 {
		p.warn(line, record.WarnAmbiguousSpeaker, "speaker %s matches %d invitees", name, len(found))
	}
	return briefer{}, false
}

func normName(s string) string {
	return dotReplacer.Replace(strings.TrimSpace(s))
}

// dotReplacer makes every middle dot a name may be printed with "·".
var dotReplacer = strings.NewReplacer("•", "·", "・", "·", "‧", "·", "．", "·")
