package export

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

const (
	teiNS       = "http://www.tei-c.org/ns/1.0"
	teiLicence  = "http://creativecommons.org/licenses/by/4.0/"
	teiRootName = "Verbatim-UN.xml"
	teiRootID   = "Verbatim-UN"
)

// speakerType is ParlaMint's type of a speaker: the chair, a member of
// the body (regular), or anyone else (guest).
func speakerType(role string) string {
	switch role {
	case record.RolePresident:
		return "chair"
	case record.RoleMember:
		return "regular"
	}
	return "guest"
}

// personID identifies a speaker across files: the name's letters and the
// code of what the speaker represents ("p.Delattre.FRA"); "" when the
// record names no person (the root then has nobody to point to, and the
// speech keeps only its role, as ParlaMint advises).
func personID(m *record.Meeting, sp *record.Speech) string {
	name := xmlID(personName(m, sp))
	if name == "" {
		return ""
	}
	id := "p." + name
	if c := xmlID(affil(sp).Code); c != "" {
		id += "." + c
	}
	return id
}

func orgID(code string) string {
	if c := xmlID(code); c != "" {
		return "org." + c
	}
	return ""
}

// writeTEI writes one meeting (part) as a ParlaMint TEI component and
// returns the words of its speeches (teiRoot.meeting collects, apart,
// what the corpus root lists).
func writeTEI(w io.Writer, m *record.Meeting, date string) (int, error) {
	m = narrow(m)
	id := stem(m)
	lang := m.Language
	if lang == "" {
		lang = "und"
	}
	// The body first, into a buffer: the header counts its elements.
	var body bytes.Buffer
	bx := newXML(&body)
	bx.depth = 1
	words := teiBody(bx, m, id)
	if err := bx.flush(); err != nil {
		return 0, err
	}

	x := newXML(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	x.indent()
	x.tag("TEI", []string{"xmlns", teiNS, "xml:id", id, "xml:lang", lang, "ana", "#parla.sitting #reference"})
	x.raw(">")
	x.depth++
	x.start("teiHeader")
	teiFileDesc(x, m, date, len(m.Speeches), words)
	x.start("encodingDesc")
	x.start("projectDesc")
	x.leaf("p", "Verbatim turns UN meeting records into structured data; this file is a meeting record it read, in the ParlaMint encoding.", "xml:lang", "en")
	x.end("projectDesc")
	x.start("tagsDecl")
	x.start("namespace", "name", teiNS)
	for _, gi := range bx.order {
		x.leaf("tagUsage", "", "gi", gi, "occurs", strconv.Itoa(bx.counts[gi]))
	}
	x.end("namespace")
	x.end("tagsDecl")
	x.end("encodingDesc")
	x.start("profileDesc")
	x.start("settingDesc")
	x.start("setting")
	if m.Place != "" {
		x.leaf("name", oneLine(m.Place), "type", "city")
	}
	x.leaf("name", orDefault(oneLine(m.Body), "United Nations"), "type", "org")
	teiDate(x, m.Date)
	x.end("setting")
	x.end("settingDesc")
	x.end("profileDesc")
	x.end("teiHeader")
	x.raw(body.String())
	x.end("TEI")
	x.raw("\n")
	return words, x.flush()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// teiDate writes a date element; a record without a date says only that
// it is not older than the United Nations.
func teiDate(x *xmlWriter, date string) {
	if date == "" {
		x.leaf("date", "", "notBefore", "1946")
		return
	}
	x.leaf("date", date, "when", date)
}

func teiFileDesc(x *xmlWriter, m *record.Meeting, date string, speeches, words int) {
	x.start("fileDesc")
	x.start("titleStmt")
	title := fmt.Sprintf("United Nations %s, %s", orDefault(oneLine(m.Body), "meeting"), oneLine(m.Symbol))
	if m.Date != "" {
		title += ", " + m.Date
	}
	x.leaf("title", title+" [Verbatim]", "type", "main", "xml:lang", "en")
	var items []string
	for _, it := range m.Agenda {
		if t := itemTitle(it); t != "" {
			items = append(items, t)
		}
	}
	if len(items) > 0 {
		x.leaf("title", strings.Join(items, "; "), "type", "sub")
	}
	corresp := "#" + bodyOf(m.Symbol).akn
	meeting := strconv.Itoa(m.Meeting)
	if m.Meeting == 0 {
		meeting = ""
	}
	x.leaf("meeting", orDefault(meeting, oneLine(m.Symbol)), "n", meeting, "corresp", corresp, "ana", "#parla.meeting")
	if m.Session != "" {
		x.leaf("meeting", oneLine(m.Session), "n", oneLine(m.Session), "corresp", corresp, "ana", "#parla.session")
	}
	x.end("titleStmt")
	x.start("editionStmt")
	x.leaf("edition", "1.0")
	x.end("editionStmt")
	x.start("extent")
	x.leaf("measure", fmt.Sprintf("%d speeches", speeches), "unit", "speeches", "quantity", strconv.Itoa(speeches), "xml:lang", "en")
	x.leaf("measure", fmt.Sprintf("%d words", words), "unit", "words", "quantity", strconv.Itoa(words), "xml:lang", "en")
	x.end("extent")
	x.start("publicationStmt")
	x.start("publisher")
	x.leaf("orgName", "Verbatim", "xml:lang", "en")
	x.end("publisher")
	x.leaf("idno", undocs(m.Language, m.Symbol), "type", "URI", "subtype", "undocs")
	x.start("availability", "status", "free")
	x.leaf("licence", teiLicence)
	x.leaf("p", "The record is a document of the United Nations, read and encoded by Verbatim; the licence is the one ParlaMint requires of its files.", "xml:lang", "en")
	x.end("availability")
	x.leaf("date", date, "when", date)
	x.end("publicationStmt")
	x.start("sourceDesc")
	x.start("bibl")
	x.leaf("title", fmt.Sprintf("Verbatim record %s", oneLine(m.Symbol)), "type", "main", "xml:lang", "en")
	x.leaf("idno", undocs(m.Language, m.Symbol), "type", "URI", "subtype", "undocs")
	if m.Date != "" {
		x.leaf("date", m.Date, "when", m.Date)
	}
	x.end("bibl")
	x.end("sourceDesc")
	x.end("fileDesc")
}

// teiBody writes <text>: a debateSection per run of speeches under one
// agenda item, procedural acts as notes (with their time) and votes as
// incidents where they happened. It returns the words of the speeches.
func teiBody(x *xmlWriter, m *record.Meeting, id string) int {
	x.start("text", "ana", "#reference")
	x.start("body")
	ev, txt := 0, 0
	nwords := 0
	// notes writes the acts and unclassified text placed before speech
	// seq (after all speeches when seq is past the end).
	notes := func(before int) {
		for ev < len(m.Events) && m.Events[ev].After < before {
			if e := m.Events[ev]; e.Speech == 0 {
				teiEvent(x, m, e)
			}
			ev++
		}
		for txt < len(m.Unclassified) && m.Unclassified[txt].After < before {
			if t := strings.TrimSpace(m.Unclassified[txt].Text); t != "" {
				x.leaf("note", t, "type", "unclassified")
			}
			txt++
		}
	}
	if len(m.Speeches) == 0 {
		x.start("div", "type", "commentSection")
		n := x.counts["note"] + x.counts["incident"]
		notes(1 << 30)
		if x.counts["note"]+x.counts["incident"] == n {
			x.leaf("note", "The record has no speeches.", "type", "editorial", "xml:lang", "en")
		}
		x.end("div")
		x.end("body")
		x.end("text")
		return 0
	}
	item := -1
	for i := range m.Speeches {
		sp := &m.Speeches[i]
		if i == 0 || sp.Item != item && sp.Item > 0 {
			if i > 0 {
				x.end("div")
			}
			item = sp.Item
			x.start("div", "type", "debateSection")
			if t := topic(m, sp.Item); t != "" && (sp.Item > 0 || len(m.Agenda) == 1) {
				x.leaf("head", t)
			}
		}
		notes(sp.Seq)
		if l := oneLine(sp.Label); l != "" {
			x.leaf("note", l, "type", "speaker")
		}
		who := personID(m, sp)
		if who != "" {
			who = "#" + who
		}
		ana := "#" + speakerType(sp.Role)
		if sp.Language != "" {
			ana += " #delivery." + xmlID(sp.Language)
		}
		x.start("u", "xml:id", fmt.Sprintf("%s.u%d", id, sp.Seq), "who", who, "ana", ana)
		n := 0
		for _, p := range sp.Paragraphs {
			if strings.TrimSpace(p) == "" {
				continue
			}
			n++
			x.leaf("seg", p, "xml:id", fmt.Sprintf("%s.seg%d.%d", id, sp.Seq, n))
			nwords += words(p)
		}
		if n == 0 {
			x.leaf("seg", "", "xml:id", fmt.Sprintf("%s.seg%d.1", id, sp.Seq))
		}
		x.end("u")
		// Votes taken within a speech follow it.
		for _, e := range m.Events {
			if e.Speech == sp.Seq && e.Type == record.EventVote {
				teiEvent(x, m, e)
			}
		}
	}
	notes(1 << 30)
	x.end("div")
	x.end("body")
	x.end("text")
	return nwords
}

// teiEvent writes a procedural act: a note with its time, and for a vote
// an incident that says the outcome.
func teiEvent(x *xmlWriter, m *record.Meeting, e record.Event) {
	text := strings.TrimSpace(e.Text)
	typ := e.Type
	if !validNCName(typ) {
		typ = "event"
	}
	if e.Time != "" && m.Date != "" && len(e.Time) == 5 {
		x.indent()
		x.tag("note", []string{"type", typ})
		x.raw(">")
		x.inline("time", e.Time, "when", m.Date+"T"+e.Time+":00")
		if text != "" {
			x.text(" " + text)
		}
		x.raw("</note>")
	} else if text != "" {
		x.leaf("note", text, "type", typ)
	}
	if e.Vote != nil {
		x.start("incident", "type", "action")
		x.leaf("desc", voteDesc(e.Vote), "xml:lang", "en")
		x.end("incident")
	}
}

func validNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	return true
}

// voteDesc says a vote's outcome in one line of English.
func voteDesc(v *record.Vote) string {
	var b strings.Builder
	b.WriteString("Vote")
	if d := oneLine(orDefault(v.Draft, v.Title)); d != "" {
		b.WriteString(" on " + d)
	}
	if v.Method != "" {
		b.WriteString(" (" + v.Method + ")")
	}
	if v.Method != "without-vote" {
		fmt.Fprintf(&b, ": %d in favour, %d against, %d abstaining", v.Yes, v.No, v.Abstain)
	}
	switch {
	case v.Adopted != nil && *v.Adopted && v.Resolution != "":
		b.WriteString("; adopted as " + oneLine(v.Resolution))
	case v.Adopted != nil && *v.Adopted:
		b.WriteString("; adopted")
	case v.Adopted != nil:
		b.WriteString("; not adopted")
	}
	return b.String()
}

// teiRoot gathers, while the components are written, what the corpus
// root lists: the files, and the people and organizations they point to.
// It grows with the number of meetings and of distinct speakers, not of
// speeches.
type teiRoot struct {
	files             []string
	persons           map[string]teiPerson
	orgs              map[string]record.Affiliation
	languages         map[string]bool
	speeches, words   int
	first, last, lang string
}

type teiPerson struct {
	name, org, kind string
}

func newTEIRoot() *teiRoot {
	return &teiRoot{persons: map[string]teiPerson{}, orgs: map[string]record.Affiliation{}, languages: map[string]bool{}}
}

func (r *teiRoot) include(name string) { r.files = append(r.files, name) }

// meeting notes what a component written from m points to.
func (r *teiRoot) meeting(m *record.Meeting, words int) {
	r.speeches += len(m.Speeches)
	r.words += words
	for i := range m.Speeches {
		sp := &m.Speeches[i]
		r.speech(personID(m, sp), m, sp)
	}
}

// speech notes the speaker (id "" for none), what the speaker represents
// and the language of delivery.
func (r *teiRoot) speech(id string, m *record.Meeting, sp *record.Speech) {
	if sp.Language != "" {
		r.languages[sp.Language] = true
	}
	a := affil(sp)
	if _, ok := r.orgs[a.Code]; !ok && a.Code != "" {
		r.orgs[a.Code] = a
	}
	if _, ok := r.persons[id]; !ok && id != "" {
		r.persons[id] = teiPerson{name: oneLine(personName(m, sp)), org: a.Code, kind: a.Kind}
	}
}

// write writes the corpus root: a teiCorpus whose header lists the
// taxonomies the components' ana attributes point to, the organizations
// (states by ISO 3166 alpha-3) and the people, then includes the
// components.
func (r *teiRoot) write(w io.Writer, date string) error {
	x := newXML(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	x.indent()
	x.tag("teiCorpus", []string{"xmlns", teiNS, "xmlns:xi", "http://www.w3.org/2001/XInclude", "xml:id", teiRootID, "xml:lang", "en"})
	x.raw(">")
	x.depth++
	x.start("teiHeader")
	x.start("fileDesc")
	x.start("titleStmt")
	x.leaf("title", "United Nations meeting records [Verbatim]", "type", "main", "xml:lang", "en")
	x.leaf("meeting", "United Nations", "ana", "#parla.meeting")
	x.end("titleStmt")
	x.start("editionStmt")
	x.leaf("edition", "1.0")
	x.end("editionStmt")
	x.start("extent")
	x.leaf("measure", fmt.Sprintf("%d speeches", r.speeches), "unit", "speeches", "quantity", strconv.Itoa(r.speeches), "xml:lang", "en")
	x.leaf("measure", fmt.Sprintf("%d words", r.words), "unit", "words", "quantity", strconv.Itoa(r.words), "xml:lang", "en")
	x.end("extent")
	x.start("publicationStmt")
	x.start("publisher")
	x.leaf("orgName", "Verbatim", "xml:lang", "en")
	x.end("publisher")
	x.start("availability", "status", "free")
	x.leaf("licence", teiLicence)
	x.leaf("p", "The records are documents of the United Nations, read and encoded by Verbatim.", "xml:lang", "en")
	x.end("availability")
	x.leaf("date", date, "when", date)
	x.end("publicationStmt")
	x.start("sourceDesc")
	x.start("bibl")
	x.leaf("title", "Verbatim records of the United Nations", "type", "main", "xml:lang", "en")
	x.leaf("idno", "https://undocs.org/", "type", "URI", "subtype", "undocs")
	x.end("bibl")
	x.end("sourceDesc")
	x.end("fileDesc")
	x.start("encodingDesc")
	x.start("projectDesc")
	x.leaf("p", "Verbatim turns UN meeting records into structured data; these files are the records it read, in the ParlaMint encoding.", "xml:lang", "en")
	x.end("projectDesc")
	x.start("classDecl")
	taxonomy(x, "parla.legislature", "Legislature", [][3]string{
		{"parla.sitting", "Sitting", "a meeting, or one part of a resumed meeting"},
		{"parla.meeting", "Meeting", "a numbered meeting of a United Nations organ"},
		{"parla.session", "Session", "a session of the General Assembly, a year of the Security Council"},
		{"reference", "Reference", "the record as published"},
	})
	taxonomy(x, "speaker_types", "Types of speakers", [][3]string{
		{"chair", "Chair", "the President of the meeting"},
		{"regular", "Regular", "the representative of a member of the organ"},
		{"guest", "Guest", "anyone else: invited states, briefers, officials, observers"},
	})
	var langs []string
	for l := range r.languages {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	var cats [][3]string
	for _, l := range langs {
		cats = append(cats, [3]string{"delivery." + xmlID(l), langName(l), "delivered in " + langName(l) + " (" + l + ")"})
	}
	if len(cats) > 0 {
		taxonomy(x, "delivery", "Language of delivery", cats)
	}
	x.end("classDecl")
	x.end("encodingDesc")
	x.start("profileDesc")
	x.start("particDesc")
	if len(r.orgs) > 0 {
		x.start("listOrg")
		for _, code := range sortedKeys(r.orgs) {
			a := r.orgs[code]
			role := "internationalOrganisation"
			if a.Kind == record.KindState {
				role = "country"
			}
			x.start("org", "xml:id", orgID(code), "role", role)
			x.leaf("orgName", orDefault(countryOrg(&record.Speech{Affiliation: &a}), code), "full", "yes", "xml:lang", "en")
			x.leaf("orgName", code, "full", "abb")
			x.end("org")
		}
		x.end("listOrg")
	}
	if len(r.persons) > 0 {
		x.start("listPerson")
		for _, id := range sortedKeys(r.persons) {
			p := r.persons[id]
			x.start("person", "xml:id", id)
			x.start("persName")
			x.leaf("term", orDefault(p.name, id))
			x.end("persName")
			if p.org != "" {
				x.leaf("affiliation", "", "ref", "#"+orgID(p.org), "role", "representative")
			}
			x.end("person")
		}
		x.end("listPerson")
	}
	x.end("particDesc")
	x.end("profileDesc")
	x.end("teiHeader")
	for _, f := range r.files {
		x.leaf("xi:include", "", "href", f)
	}
	x.end("teiCorpus")
	x.raw("\n")
	return x.flush()
}

func taxonomy(x *xmlWriter, id, desc string, cats [][3]string) {
	x.start("taxonomy", "xml:id", id)
	x.start("desc", "xml:lang", "en")
	x.leaf("term", desc)
	x.end("desc")
	for _, c := range cats {
		x.start("category", "xml:id", c[0])
		x.indent()
		x.tag("catDesc", []string{"xml:lang", "en"})
		x.raw(">")
		x.inline("term", c[1])
		x.text(": " + c[2])
		x.raw("</catDesc>")
		x.end("category")
	}
	x.end("taxonomy")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
