package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

const aknNS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// aknWork is a record's Work IRI in AKN4UN's form:
// /akn/un/debate/verbatimRecord/{organ}/{date}/{number}, the number being
// the symbol with "/" made "-" and spaces "_" as AKN4UN substitutes them.
func aknWork(m *record.Meeting) string {
	date := m.Date
	if date == "" {
		date = "1900-01-01" // AKN4UN's date for a document without one
	}
	return "/akn/un/debate/verbatimRecord/" + bodyOf(m.Symbol).akn + "/" + date + "/" + aknNumber(m.Symbol)
}

func aknNumber(symbol string) string {
	return strings.NewReplacer("/", "-", " ", "_").Replace(oneLine(symbol))
}

// aknRoles name the roles of the speeches (speech/@as).
var aknRoles = map[string]string{
	record.RolePresident: "President", record.RoleMember: "Member", record.RoleNonMember: "Non-member",
	record.RoleBriefer: "Briefer", record.RoleSecretaryGeneral: "Secretary-General",
	record.RoleObserver: "Observer", record.RoleOther: "Other",
}

// writeAKN writes one meeting (part) as an Akoma Ntoso <debate> laid out
// as AKN4UN lays out a verbatim record: FRBR identification, the people,
// organizations and roles in <references>, the cover page's facts in
// <preface>, a <debateSection> per agenda item with the speeches (<from>
// the label, the paragraphs with their cited documents as <ref>),
// procedural text as <narrative>, votes as <summary>, and the
// adjournment in a closing section.
func writeAKN(w io.Writer, m *record.Meeting, date string) error {
	m = narrow(m)
	x := newXML(w)
	b := bodyOf(m.Symbol)
	lang := lang3(m.Language)
	if lang == "" {
		lang = "und"
	}
	work := aknWork(m)
	expr := work + "/" + lang + "@"
	mdate := m.Date
	if mdate == "" {
		mdate = "1900-01-01"
	}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	x.indent()
	x.tag("akomaNtoso", []string{"xmlns", aknNS})
	x.raw(">")
	x.depth++
	x.start("debate", "name", "verbatimRecord")
	x.start("meta")
	x.start("identification", "source", "#verbatim")
	x.start("FRBRWork")
	x.leaf("FRBRthis", "", "value", work+"/!main")
	x.leaf("FRBRuri", "", "value", work)
	x.leaf("FRBRdate", "", "date", mdate, "name", "meeting")
	x.leaf("FRBRauthor", "", "href", "#"+b.akn)
	x.leaf("FRBRcountry", "", "value", "un")
	x.leaf("FRBRsubtype", "", "value", "verbatimRecord")
	x.leaf("FRBRnumber", "", "value", aknNumber(m.Symbol), "showAs", oneLine(m.Symbol))
	x.end("FRBRWork")
	x.start("FRBRExpression")
	x.leaf("FRBRthis", "", "value", expr+"/!main")
	x.leaf("FRBRuri", "", "value", expr)
	x.leaf("FRBRdate", "", "date", mdate, "name", "meeting")
	x.leaf("FRBRauthor", "", "href", "#"+b.akn)
	x.leaf("FRBRlanguage", "", "language", lang)
	x.end("FRBRExpression")
	x.start("FRBRManifestation")
	x.leaf("FRBRthis", "", "value", expr+"/!main.xml")
	x.leaf("FRBRuri", "", "value", expr+".akn")
	x.leaf("FRBRdate", "", "date", date, "name", "markup")
	x.leaf("FRBRauthor", "", "href", "#verbatim")
	x.leaf("FRBRformat", "", "value", "xml")
	x.end("FRBRManifestation")
	x.end("identification")
	aknReferences(x, m, b)
	x.end("meta")
	aknPreface(x, m, b)
	aknBody(x, m)
	x.end("debate")
	x.end("akomaNtoso")
	x.raw("\n")
	return x.flush()
}

// aknBy is who a speech is by: the person when the record names one,
// else what the speaker represents, else the role.
func aknBy(m *record.Meeting, sp *record.Speech) string {
	if id := personID(m, sp); id != "" {
		return id
	}
	if id := orgID(affil(sp).Code); id != "" {
		return id
	}
	return "role." + sp.Role
}

func aknReferences(x *xmlWriter, m *record.Meeting, b body) {
	x.start("references", "source", "#verbatim")
	x.leaf("TLCOrganization", "", "eId", b.akn, "href", "/ontology/organization/un/"+b.akn, "showAs", orDefault(oneLine(m.Body), b.name))
	x.leaf("TLCOrganization", "", "eId", "verbatim", "href", "/ontology/organization/verbatim", "showAs", "Verbatim")
	orgs := map[string]record.Affiliation{}
	persons := map[string]string{}
	roles := map[string]bool{}
	for i := range m.Speeches {
		sp := &m.Speeches[i]
		a := affil(sp)
		if a.Code != "" {
			orgs[a.Code] = a
		}
		if id := personID(m, sp); id != "" {
			persons[id] = speakerName(m, sp)
		}
		roles[sp.Role] = true
	}
	for _, code := range sortedKeys(orgs) {
		a := orgs[code]
		x.leaf("TLCOrganization", "", "eId", orgID(code), "href", "/ontology/organization/un/"+safeName(code),
			"showAs", orDefault(countryOrg(&record.Speech{Affiliation: &a}), code))
	}
	for _, id := range sortedKeys(persons) {
		x.leaf("TLCPerson", "", "eId", id, "href", "/ontology/person/un/"+id, "showAs", orDefault(oneLine(persons[id]), id))
	}
	for _, r := range sortedKeys(roles) {
		x.leaf("TLCRole", "", "eId", "role."+r, "href", "/ontology/role/un/"+r, "showAs", orDefault(aknRoles[r], r))
	}
	x.end("references")
}

func aknPreface(x *xmlWriter, m *record.Meeting, b body) {
	x.start("preface")
	x.start("p")
	x.indent()
	x.inline("docAuthority", orDefault(oneLine(m.Body), b.name), "refersTo", "#"+b.akn)
	if m.Session != "" {
		x.text(" ")
		x.inline("session", oneLine(m.Session), "refersTo", "#session")
	}
	x.text(" ")
	x.inline("docNumber", oneLine(m.Symbol))
	if m.Status != "" {
		x.text(" ")
		x.inline("docStatus", oneLine(m.Status), "refersTo", "#"+xmlID(m.Status))
	}
	if m.Date != "" {
		x.text(" ")
		x.inline("docDate", m.Date, "date", m.Date)
	}
	if m.Place != "" {
		x.text(" ")
		x.inline("location", oneLine(m.Place), "refersTo", "#"+xmlID(m.Place))
	}
	x.end("p")
	if m.President != nil && m.President.Name != "" {
		x.start("p")
		x.indent()
		x.inline("role", "President", "refersTo", "#role.president")
		x.text(": ")
		x.inline("person", oneLine(m.President.Name), "refersTo", "#role.president", "as", "#role.president")
		if m.President.Affiliation != nil && m.President.Affiliation.Name != "" {
			x.text(" (" + oneLine(m.President.Affiliation.Name) + ")")
		}
		x.end("p")
	}
	x.end("preface")
}

func aknBody(x *xmlWriter, m *record.Meeting) {
	x.start("debateBody")
	cites := map[int][]record.Reference{}
	for _, r := range m.References {
		if r.Speech > 0 && r.Text != "" {
			cites[r.Speech] = append(cites[r.Speech], r)
		}
	}
	sect := 0
	open := false
	n := 0 // elements in the open section, for eIds
	ev, txt := 0, 0
	openSect := func(name, head string) {
		if open {
			x.end("debateSection")
		}
		sect++
		n = 0
		x.start("debateSection", "eId", fmt.Sprintf("dbsect_%d", sect), "name", name)
		if head != "" {
			x.leaf("heading", head)
		}
		open = true
	}
	var adjourned []record.Event
	acts := func(before int) {
		for ev < len(m.Events) && m.Events[ev].After < before {
			e := m.Events[ev]
			ev++
			if e.Speech != 0 {
				continue
			}
			if e.Type == record.EventAdjourned {
				adjourned = append(adjourned, e)
				continue
			}
			if !open {
				openSect("opening", "")
			}
			aknAct(x, m, e)
		}
		for txt < len(m.Unclassified) && m.Unclassified[txt].After < before {
			if t := strings.TrimSpace(m.Unclassified[txt].Text); t != "" {
				if !open {
					openSect("opening", "")
				}
				x.leaf("narrative", t, "refersTo", "#unclassified")
			}
			txt++
		}
	}
	item := -1
	for i := range m.Speeches {
		sp := &m.Speeches[i]
		if i == 0 || sp.Item != item && sp.Item > 0 {
			acts(sp.Seq) // what came before the item's first speech stays with the previous section
			item = sp.Item
			openSect("agendaItem", topic(m, sp.Item))
		}
		acts(sp.Seq)
		n++
		x.start("speech", "eId", fmt.Sprintf("dbsect_%d__speech_%d", sect, n), "by", "#"+aknBy(m, sp), "as", "#role."+sp.Role)
		if l := oneLine(sp.Label); l != "" {
			x.leaf("from", l)
		}
		paras := 0
		for _, p := range sp.Paragraphs {
			if strings.TrimSpace(p) == "" {
				continue
			}
			paras++
			x.indent()
			x.raw("<p>")
			aknText(x, p, cites[sp.Seq])
			x.raw("</p>")
		}
		if paras == 0 {
			x.leaf("p", "")
		}
		x.end("speech")
		for _, e := range m.Events {
			if e.Speech == sp.Seq && e.Type == record.EventVote {
				aknAct(x, m, e)
			}
		}
	}
	acts(1 << 30)
	if len(adjourned) > 0 || !open {
		openSect("conclusion", "")
		for i, e := range adjourned {
			x.start("adjournment", "eId", fmt.Sprintf("adjournment_%d", i+1))
			x.indent()
			x.raw("<p>")
			x.text(oneLine(e.Text))
			if e.Time != "" && m.Date != "" {
				x.text(" ")
				x.inline("recordedTime", e.Time, "time", m.Date+"T"+e.Time+":00", "type", "endEvent")
			}
			x.raw("</p>")
			x.end("adjournment")
		}
		if len(adjourned) == 0 {
			x.leaf("narrative", "The record has no speeches.", "refersTo", "#editorial")
		}
	}
	x.end("debateSection")
	x.end("debateBody")
}

// aknAct writes a procedural act as printed (a narrative, with its time);
// a vote adds a summary of its outcome.
func aknAct(x *xmlWriter, m *record.Meeting, e record.Event) {
	text := oneLine(e.Text)
	if text == "" && e.Vote == nil {
		return
	}
	if text != "" {
		x.indent()
		x.tag("narrative", []string{"refersTo", "#" + orDefault(xmlID(e.Type), "event")})
		x.raw(">")
		if e.Time != "" && m.Date != "" {
			typ := "startEvent"
			if e.Type == record.EventSuspended {
				typ = "endEvent"
			}
			x.inline("recordedTime", e.Time, "time", m.Date+"T"+e.Time+":00", "type", typ)
			x.text(" ")
		}
		x.text(text)
		x.raw("</narrative>")
	}
	if e.Vote != nil {
		x.leaf("summary", voteDesc(e.Vote), "refersTo", "#vote")
	}
}

// aknText writes a paragraph with each cited document, as printed, made
// a <ref> to the document.
func aknText(x *xmlWriter, p string, refs []record.Reference) {
	type span struct {
		at, end int
		ref     record.Reference
	}
	var spans []span
	for _, r := range refs {
		for from := 0; ; {
			i := strings.Index(p[from:], r.Text)
			if i < 0 {
				break
			}
			spans = append(spans, span{from + i, from + i + len(r.Text), r})
			from += i + len(r.Text)
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].at != spans[j].at {
			return spans[i].at < spans[j].at
		}
		return spans[i].end > spans[j].end
	})
	at := 0
	for _, s := range spans {
		if s.at < at {
			continue // overlaps one already linked
		}
		x.text(p[at:s.at])
		x.inline("ref", p[s.at:s.end], "href", undocs("", s.ref.Symbol))
		at = s.end
	}
	x.text(p[at:])
}
