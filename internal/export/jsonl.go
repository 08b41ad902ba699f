package export

import (
	"bufio"
	"encoding/json"
	"strings"

	"github.com/verbatim-un/verbatim/record"
)

// Line is one line of the JSON Lines export: a speech with its meeting's
// metadata, flat, as pandas.read_json(lines=True), R's jsonlite::stream_in
// and dataset tools read it.
type Line struct {
	Symbol         string   `json:"symbol"`
	MeetingSymbol  string   `json:"meeting_symbol"`
	Body           string   `json:"body"`
	Meeting        int      `json:"meeting"`
	Part           int      `json:"part"`
	Session        string   `json:"session"`
	RecordLanguage string   `json:"record_language"`
	Date           string   `json:"date"`
	Opened         string   `json:"opened"`
	Closed         string   `json:"closed"`
	Place          string   `json:"place"`
	Status         string   `json:"status"`
	AgendaItem     int      `json:"agenda_item"`
	AgendaNumber   string   `json:"agenda_number"`
	Topic          string   `json:"topic"`
	Seq            int      `json:"seq"`
	Speaker        string   `json:"speaker"`
	Title          string   `json:"title"`
	Function       string   `json:"function"`
	Role           string   `json:"role"`
	Country        string   `json:"country"` // as printed
	CountryCode    string   `json:"country_code"`
	EntityKind     string   `json:"entity_kind"`
	NationalCap    bool     `json:"national_capacity"`
	Language       string   `json:"language"` // of delivery
	OnBehalfOf     *string  `json:"on_behalf_of"`
	Label          string   `json:"label"`
	Line           int      `json:"line"`
	CitedSymbols   []string `json:"cited_symbols"`
	Text           string   `json:"text"` // paragraphs joined by "\n"
}

type jsonl struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func (j *jsonl) reset(w *bufio.Writer, first int) {
	j.w = w
	j.enc = json.NewEncoder(w)
	j.enc.SetEscapeHTML(false)
}

func (j *jsonl) meeting(m *record.Meeting) error {
	cites := citations(m)
	for _, sp := range m.Speeches {
		a := affil(&sp)
		l := Line{Symbol: m.Symbol, MeetingSymbol: baseSymbol(m), Body: m.Body, Meeting: m.Meeting, Part: m.Part,
			Session: m.Session, RecordLanguage: m.Language, Date: m.Date, Opened: m.Opened, Closed: m.Closed,
			Place: m.Place, Status: m.Status, AgendaItem: sp.Item, Topic: topic(m, sp.Item),
			Seq: sp.Seq, Speaker: sp.Speaker, Title: sp.Title, Function: sp.Function, Role: sp.Role,
			Country: a.Name, CountryCode: a.Code, EntityKind: a.Kind, NationalCap: sp.NationalCapacity,
			Language: sp.Language, OnBehalfOf: sp.OnBehalfOf, Label: sp.Label, Line: sp.Line,
			CitedSymbols: cites[sp.Seq], Text: strings.Join(sp.Paragraphs, "\n")}
		if sp.Item > 0 && sp.Item <= len(m.Agenda) {
			l.AgendaNumber = m.Agenda[sp.Item-1].Number
		}
		if l.CitedSymbols == nil {
			l.CitedSymbols = []string{}
		}
		if err := j.enc.Encode(&l); err != nil {
			return err
		}
	}
	return nil
}

func (j *jsonl) close() error { return j.w.Flush() }

// Speech turns a line back into the speech it was written from.
func (l *Line) Speech() record.Speech {
	sp := record.Speech{Seq: l.Seq, Speaker: l.Speaker, Title: l.Title, Function: l.Function, Role: l.Role,
		NationalCapacity: l.NationalCap, Language: l.Language, OnBehalfOf: l.OnBehalfOf, Label: l.Label,
		Item: l.AgendaItem, Line: l.Line, Paragraphs: []string{}}
	if l.Country != "" || l.CountryCode != "" || l.EntityKind != "" {
		sp.Affiliation = &record.Affiliation{Name: l.Country, Code: l.CountryCode, Kind: l.EntityKind}
	}
	if l.Text != "" {
		sp.Paragraphs = strings.Split(l.Text, "\n")
	}
	return sp
}
