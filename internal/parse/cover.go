package parse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

// cover reads the cover page at the start of lines: symbol, body, session,
// meeting number, date and time, place, status, the President and the
// members of the Council, the agenda. It returns the lines that remain:
// what the cover page does not explain is left for the parser.
func (p *parser) cover(lines []layout.Line) []layout.Line {
	c := p.g.Cover
	if len(c) == 0 {
		return lines
	}
	// The cover ends where the meeting begins: its first speaker label,
	// or the line saying it opened or, for a resumed part, resumed.
	end := len(lines)
	for i, l := range lines {
		if l.Styled && l.PageStart && i > 0 {
			end = i // a styled page knows where the cover page ends
			break
		}
		if _, ok := p.g.MatchLabel(l.Text); ok {
			end = i
			break
		}
		if m, ok := p.g.Procedural(l.Text); ok && (m.Event == grammar.EventOpened || m.Event == grammar.EventResumed) {
			end = i
			break
		}
	}
	if end > 120 {
		end = 120 // a cover page is never this long
	}
	var rest []layout.Line
	inAgenda, inBoilerplate, presPending := false, false, false
	var agenda []string
	found := 0
	match := func(field, s string) map[string]string {
		re := c[field]
		if re == nil {
			return nil
		}
		sm := re.FindStringSubmatch(s)
		if sm == nil {
			return nil
		}
		out := map[string]string{}
		for i, n := range re.SubexpNames() {
			if n != "" && sm[i] != "" {
				out[n] = sm[i]
			}
		}
		return out
	}
	for _, l := range lines[:end] {
		s := p.g.Fold(l.Text)
		if inBoilerplate {
			if c["boilerplate_end"] != nil && c["boilerplate_end"].MatchString(s) {
				inBoilerplate = false
			}
			continue
		}
		if g := match("boilerplate", s); g != nil {
			inBoilerplate = !(c["boilerplate_end"] != nil && c["boilerplate_end"].MatchString(s))
			inAgenda = false
			found++
			continue
		}
		switch {
		case match("symbol", s) != nil:
			p.setSymbol(match("symbol", s)["symbol"])
		case match("ignore", s) != nil:
		case match("body", s) != nil:
			g := match("body", s)
			p.m.Body = g["body"]
			if g["status"] != "" {
				p.m.Status = strings.ToLower(g["status"])
			}
		case match("time", s) != nil && p.m.Scheduled == "":
			p.m.Scheduled = p.g.Clock(match("time", s), "")
		case match("president_name", s) != nil:
			name := strings.TrimSpace(strings.TrimRight(match("president_name", s)["name"], ". "))
			p.m.President = &record.Party{Name: name}
			presPending = true
		case presPending && match("country", s) != nil:
			country := match("country", s)["country"]
			if e, ok := p.lookup(strings.TrimSpace(country)); ok {
				p.presCode, p.presSure = e.Code, true
			} else {
				p.warn(l.No, record.WarnUnknownAffiliation, "the President's country %q is not in the gazetteer", country)
			}
			presPending = false
		case match("session", s) != nil:
			p.m.Session = match("session", s)["session"]
		case match("meeting", s) != nil:
			p.m.Meeting, _ = strconv.Atoi(match("meeting", s)["meeting"])
		case match("date", s) != nil && p.coverDate == "":
			g := match("date", s)
			p.coverDay(g)
		case match("meeting_date", s) != nil && p.coverDate == "":
			g := match("meeting_date", s)
			p.m.Meeting, _ = strconv.Atoi(g["meeting"])
			p.coverDay(g)
		case match("place", s) != nil:
			p.m.Place = match("place", s)["place"]
		case match("status", s) != nil:
			p.m.Status = strings.ToLower(match("status", s)["status"])
		case match("president", s) != nil:
			g := match("president", s)
			name := strings.TrimSpace(strings.TrimRight(g["name"], ". "))
			p.m.President = &record.Party{Name: name}
			if e, ok := p.lookup(strings.TrimSpace(g["country"])); ok {
				p.presCode, p.presSure = e.Code, true
			} else {
				p.warn(l.No, record.WarnUnknownAffiliation, "the President's country %q is not in the gazetteer", g["country"])
			}
		case match("member", s) != nil:
			g := match("member", s)
			country := strings.TrimSpace(strings.TrimRight(g["country"], ". "))
			name := strings.TrimSpace(g["name"])
			mem := record.Member{Country: country, Name: name}
			if e, ok := p.lookup(country); ok {
				mem.Code = e.Code
			} else {
				p.warn(l.No, record.WarnUnknownAffiliation, "Council member %q is not in the gazetteer", country)
			}
			p.m.Members = append(p.m.Members, mem)
		case match("agenda", s) != nil:
			inAgenda = true
		case inAgenda:
			agenda = append(agenda, l.Text)
		default:
			rest = append(rest, l)
			continue
		}
		found++
	}
	if found == 0 {
		return lines // no cover page after all
	}
	p.hasCover = true
	if len(agenda) > 0 {
		// The cover's agenda is the list of items; the same titles are
		// printed again as headings before the debate, where the parser
		// attaches documents to them.
		p.coverAgenda = agenda
	}
	return append(rest, lines[end:]...)
}

// coverDay sets the cover's date (and time, when printed) from a match
// with groups day, month (a name, any case) and year.
func (p *parser) coverDay(g map[string]string) {
	d, _ := strconv.Atoi(g["day"])
	y, _ := strconv.Atoi(g["year"])
	month := g["month"]
	if month != "" {
		month = strings.ToUpper(month[:1]) + strings.ToLower(month[1:])
	}
	mo := p.g.Months[month]
	if validDate(y, mo, d) {
		p.coverDate = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		if t := p.g.Clock(g, ""); t != "" {
			p.m.Scheduled = t
		}
	}
}
