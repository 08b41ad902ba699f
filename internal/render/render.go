// Package render writes a record.Meeting for people and programs: JSON
// (the public contract), a Markdown transcript, and plain text.
package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
	"github.com/verbatim-un/verbatim/record"
)

// JSON writes one meeting, or an array when there are several.
func JSON(w io.Writer, ms []*record.Meeting, array bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if array {
		if ms == nil {
			ms = []*record.Meeting{}
		}
		return enc.Encode(ms)
	}
	return enc.Encode(ms[0])
}

// words are the few interface words of a transcript, in the record's
// language where known, else English.
var words = map[string]map[string]string{
	"en": {"agenda": "Agenda", "documents": "Documents", "opened": "Opened", "closed": "Closed",
		"spoke": "spoke in", "behalf": "on behalf of", "national": "in national capacity",
		"unclassified": "Unclassified text", "warnings": "Warnings", "favour": "In favour", "against": "Against",
		"abstaining": "Abstaining", "vote": "Vote", "without": "adopted without a vote", "invited": "Invited under rule", "date": "Date"},
	"zh": {"agenda": "议程", "documents": "文件", "opened": "开会", "closed": "散会",
		"spoke": "发言语言", "behalf": "代表", "national": "以本国代表身份",
		"unclassified": "未归类文本", "warnings": "警告", "favour": "赞成", "against": "反对",
		"abstaining": "弃权", "vote": "表决", "without": "未经表决获得通过", "invited": "根据议事规则第", "date": "日期"},
}

func word(lang, key string) string {
	if w, ok := words[lang][key]; ok {
		return w
	}
	return words["en"][key]
}

// Markdown writes a readable transcript: agenda items as headings, one
// block per speech with speaker, affiliation and language, procedural acts
// in italics where they happened.
func Markdown(w io.Writer, m *record.Meeting) error {
	bw := bufio.NewWriter(w)
	l := m.Language
	title := m.Symbol
	if title == "" {
		title = "Meeting record"
	}
	fmt.Fprintf(bw, "# %s\n\n", title)
	var meta []string
	if m.Body != "" {
		meta = append(meta, m.Body)
	}
	if m.Date != "" {
		meta = append(meta, m.Date)
	}
	if m.Opened != "" {
		meta = append(meta, word(l, "opened")+" "+m.Opened)
	}
	if m.Closed != "" {
		meta = append(meta, word(l, "closed")+" "+m.Closed)
	}
	if len(meta) > 0 {
		fmt.Fprintf(bw, "%s\n\n", strings.Join(meta, " · "))
	}
	if len(m.Agenda) > 0 {
		fmt.Fprintf(bw, "## %s\n\n", word(l, "agenda"))
		for i, it := range m.Agenda {
			fmt.Fprintf(bw, "%d. %s", i+1, it.Title)
			if it.Subtitle != "" {
				fmt.Fprintf(bw, " — %s", strings.ReplaceAll(it.Subtitle, "\n", " "))
			}
			fmt.Fprintln(bw)
			for _, n := range it.Notes {
				fmt.Fprintf(bw, "   - %s\n", n)
			}
		}
		fmt.Fprintln(bw)
	}
	item := 0
	ev := 0
	txt := 0
	flush := func(after int, inSpeech int) {
		for ev < len(m.Events) && m.Events[ev].After <= after && m.Events[ev].Speech == inSpeech {
			writeEvent(bw, l, m.Events[ev])
			ev++
		}
		for txt < len(m.Unclassified) && m.Unclassified[txt].After <= after && inSpeech == 0 {
			fmt.Fprintf(bw, "> %s\n\n", m.Unclassified[txt].Text)
			txt++
		}
	}
	flush(0, 0)
	for _, sp := range m.Speeches {
		flush(sp.Seq-1, 0)
		if sp.Item != item && sp.Item > 0 && sp.Item <= len(m.Agenda) {
			item = sp.Item
			fmt.Fprintf(bw, "## %s\n\n", m.Agenda[item-1].Title)
		}
		fmt.Fprintf(bw, "### %d. %s\n\n", sp.Seq, speakerLine(l, sp))
		for _, p := range sp.Paragraphs {
			fmt.Fprintf(bw, "%s\n\n", p)
		}
		flush(sp.Seq, sp.Seq)
	}
	flush(len(m.Speeches), 0)
	for ev < len(m.Events) { // anything out of order still gets printed
		writeEvent(bw, l, m.Events[ev])
		ev++
	}
	if len(m.Warnings) > 0 {
		fmt.Fprintf(bw, "## %s\n\n", word(l, "warnings"))
		for _, w := range m.Warnings {
			if w.Line > 0 {
				fmt.Fprintf(bw, "- line %d: %s\n", w.Line, w.Message)
			} else {
				fmt.Fprintf(bw, "- %s\n", w.Message)
			}
		}
	}
	return bw.Flush()
}

func speakerLine(l string, sp record.Speech) string {
	s := sp.Speaker
	if sp.Title != "" {
		if l == "zh" {
			s += sp.Title
		} else {
			s = sp.Title + " " + s
		}
	}
	var parts []string
	if sp.Affiliation != nil {
		a := sp.Affiliation.Name
		if sp.Affiliation.Code != "" {
			a += " [" + sp.Affiliation.Code + "]"
		}
		parts = append(parts, a)
	}
	parts = append(parts, sp.Role)
	if sp.NationalCapacity {
		parts = append(parts, word(l, "national"))
	}
	if sp.OnBehalfOf != nil {
		parts = append(parts, word(l, "behalf")+" "+*sp.OnBehalfOf)
	}
	parts = append(parts, word(l, "spoke")+" "+sp.Language)
	return fmt.Sprintf("%s (%s)", s, strings.Join(parts, "; "))
}

func writeEvent(w io.Writer, l string, e record.Event) {
	switch e.Type {
	case record.EventVote:
		if e.Vote == nil {
			return
		}
		v := e.Vote
		fmt.Fprintf(w, "*%s", word(l, "vote"))
		if v.Draft != "" {
			fmt.Fprintf(w, " %s", v.Draft)
		}
		if v.Counted() {
			fmt.Fprintf(w, ": %d–%d–%d", v.Yes, v.No, v.Abstain)
		} else {
			// No count was taken: its zeros are not a 0–0–0 result.
			fmt.Fprintf(w, ": %s", word(l, "without"))
		}
		if v.Resolution != "" {
			fmt.Fprintf(w, " → %s", v.Resolution)
		}
		fmt.Fprint(w, "*\n\n")
		for _, row := range []struct {
			k     string
			codes []string
		}{{"favour", v.InFavour}, {"against", v.Against}, {"abstaining", v.Abstaining}} {
			if len(row.codes) > 0 {
				fmt.Fprintf(w, "- %s: %s\n", word(l, row.k), strings.Join(row.codes, ", "))
			}
		}
		fmt.Fprintln(w)
	case record.EventInvitation:
		if e.Speech == 0 {
			fmt.Fprintf(w, "*%s*\n\n", e.Text)
		}
	default:
		if e.Speech == 0 {
			fmt.Fprintf(w, "*%s*\n\n", e.Text)
		}
	}
}

// Text writes a plain transcript: "Speaker (Country): paragraph".
func Text(w io.Writer, m *record.Meeting) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %s %s\n\n", m.Symbol, m.Body, m.Date)
	for _, sp := range m.Speeches {
		who := sp.Speaker + sp.Title
		if m.Language != "zh" && sp.Title != "" {
			who = sp.Title + " " + sp.Speaker
		}
		if sp.Affiliation != nil && sp.Affiliation.Code != "" {
			who += " (" + countryName(sp.Affiliation.Code, m.Language) + ")"
		}
		fmt.Fprintf(bw, "%s:\n", who)
		for _, p := range sp.Paragraphs {
			fmt.Fprintf(bw, "  %s\n", p)
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}

func countryName(code, lang string) string {
	if n := gazetteer.Name(code, lang); n != "" {
		return n
	}
	return code
}
