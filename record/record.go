// Package record is the model of a parsed UN meeting record and its JSON form.
//
// The JSON field names are a public contract (documented in docs/record.md and
// docs/record.schema.json): exports, the store and the API all read them. Add
// fields freely; never rename or remove one.
package record

// Roles a speaker can have in a meeting.
const (
	RolePresident        = "president"
	RoleMember           = "member"
	RoleNonMember        = "non-member"
	RoleBriefer          = "briefer"
	RoleSecretaryGeneral = "secretary-general"
	RoleObserver         = "observer"
	RoleOther            = "other"
)

// Affiliation kinds.
const (
	KindState        = "state"
	KindOrganization = "organization"
	KindUN           = "un"
)

// Event types.
const (
	EventAgendaAdopted = "agenda-adopted"
	EventInvitation    = "invitation"
	EventConsideration = "consideration" // the Council begins its consideration of an item
	EventSuspended     = "suspended"
	EventResumed       = "resumed"
	EventVote          = "vote"
	EventAdjourned     = "adjourned"
	EventOpened        = "opened"
	EventDecided       = "decided" // "It was so decided."
	EventChair         = "chair"   // the chair changes hands: a Vice-President takes it, or the President returns
	EventNote          = "note"    // a stage direction printed in italics that no rule names, kept as printed
)

// Vote methods.
const (
	MethodShowOfHands = "show-of-hands"
	MethodRecorded    = "recorded"
	MethodRollCall    = "roll-call"
	MethodWithoutVote = "without-vote"
)

// Meeting is one verbatim record: one meeting (or one part of a resumed
// meeting) in one language.
type Meeting struct {
	Symbol     string      `json:"symbol"`              // "S/PV.7796"
	Body       string      `json:"body"`                // "Security Council"
	Meeting    int         `json:"meeting,omitempty"`   // meeting number, 7796
	Part       int         `json:"part,omitempty"`      // resumption number, 0 for the first part
	Session    string      `json:"session,omitempty"`   // GA session ("71") or SC year ("Seventy-first year")
	Language   string      `json:"language"`            // ISO 639-1 of the record
	Date       string      `json:"date"`                // YYYY-MM-DD, "" when unknown
	Opened     string      `json:"opened"`              // HH:MM (24-hour), "" when unknown
	Closed     string      `json:"closed"`              // HH:MM (24-hour), "" when unknown
	Scheduled  string      `json:"scheduled,omitempty"` // time printed on the cover page, HH:MM
	Place      string      `json:"place,omitempty"`     // "New York"
	Status     string      `json:"status,omitempty"`    // "provisional" | "official records"
	President  *Party      `json:"president,omitempty"`
	Members    []Member    `json:"members,omitempty"` // Security Council members, from the cover page
	Agenda     []Item      `json:"agenda"`
	Events     []Event     `json:"events"`
	Speeches   []Speech    `json:"speeches"`
	References []Reference `json:"references"`
	Warnings   []Warning   `json:"warnings"`
	// Unclassified is text outside any speech that the parser could not
	// place; it is kept, never dropped.
	Unclassified []Text  `json:"unclassified,omitempty"`
	Source       *Source `json:"source,omitempty"`
}

// Text is a paragraph kept as printed, positioned among the speeches.
type Text struct {
	After int    `json:"after"` // number of speeches before it
	Line  int    `json:"line"`
	Text  string `json:"text"`
}

// Party is a person (or the presidency) with the state or organization they
// represent.
type Party struct {
	Name        string       `json:"name,omitempty"`
	Affiliation *Affiliation `json:"affiliation,omitempty"`
}

// Member is a member of the Council as listed on the cover page.
type Member struct {
	Country string `json:"country"` // as printed
	Code    string `json:"code"`    // ISO 3166 alpha-3
	Name    string `json:"name"`    // the representative, as printed
}

// Item is an agenda item with the documents listed under it.
type Item struct {
	Number    string   `json:"number,omitempty"` // General Assembly agenda item number, "110"
	Title     string   `json:"title"`
	Subtitle  string   `json:"subtitle,omitempty"`
	Documents []string `json:"documents"`       // normalised symbols
	Notes     []string `json:"notes,omitempty"` // the document lines as printed
}

// Affiliation is the state, organization or UN entity a speaker represents.
type Affiliation struct {
	Name string `json:"name"` // as printed, or the gazetteer name when inferred
	Code string `json:"code"` // ISO 3166 alpha-3 for states, short code otherwise; "" if unknown
	Kind string `json:"kind"` // state | organization | un
}

// Invitee is one party invited to participate under rule 37 or 39.
type Invitee struct {
	Name  string `json:"name"`            // as printed
	Code  string `json:"code"`            // ISO3 for a state, organization code for a person's organization
	Title string `json:"title,omitempty"` // for persons: the function they hold, as printed
}

// Event is a procedural act. Type-specific fields are omitted when empty.
type Event struct {
	Type     string    `json:"type"`
	Speech   int       `json:"speech"`         // seq of the speech the event occurs in (0 outside speeches)
	After    int       `json:"after"`          // number of speeches begun before it (its place in the transcript)
	Time     string    `json:"time,omitempty"` // HH:MM for opened/suspended/resumed/adjourned
	Rule     int       `json:"rule,omitempty"` // 37 or 39 for invitations
	Invitees []Invitee `json:"invitees,omitempty"`
	Item     string    `json:"item,omitempty"` // agenda item for consideration events
	Vote     *Vote     `json:"vote,omitempty"`
	Text     string    `json:"text"` // the sentence as printed
}

// Vote is the outcome of a vote on a draft.
type Vote struct {
	Draft      string   `json:"draft,omitempty"`      // symbol of the draft voted on
	Title      string   `json:"title,omitempty"`      // the draft as named in the record: "Draft resolution I"
	Resolution string   `json:"resolution,omitempty"` // symbol of the resolution adopted
	Method     string   `json:"method,omitempty"`     // show-of-hands | recorded | without-vote
	InFavour   []string `json:"in_favour"`            // ISO3 codes
	Against    []string `json:"against"`
	Abstaining []string `json:"abstaining"`
	Yes        int      `json:"yes"`
	No         int      `json:"no"`
	Abstain    int      `json:"abstain"`
	Adopted    *bool    `json:"adopted,omitempty"`
}

// Counted reports whether the vote has counts to show: a decision taken
// without a vote has none, and its zeros are no 0–0–0 result.
func (v *Vote) Counted() bool { return v.Method != MethodWithoutVote }

// Speech is one turn at the floor, in order.
type Speech struct {
	Seq              int          `json:"seq"`
	Speaker          string       `json:"speaker"`            // name as printed, "主席", "The President"
	Title            string       `json:"title,omitempty"`    // 先生, Mr., ...
	Function         string       `json:"function,omitempty"` // "Rapporteur of the Third Committee"
	Role             string       `json:"role"`
	NationalCapacity bool         `json:"national_capacity"`
	Affiliation      *Affiliation `json:"affiliation"`
	Language         string       `json:"language"`     // ISO 639-1 of delivery
	OnBehalfOf       *string      `json:"on_behalf_of"` // group code, or null
	Label            string       `json:"label"`        // the label as printed, for provenance
	Item             int          `json:"item"`         // index+1 into Agenda of the item under consideration, 0 if none
	Line             int          `json:"line"`         // 1-based source line where the turn begins
	Paragraphs       []string     `json:"paragraphs"`
}

// Reference is a UN document cited in the record.
type Reference struct {
	Symbol string `json:"symbol"` // normalised
	Text   string `json:"text"`   // as printed
	Speech int    `json:"speech"` // seq, 0 outside speeches
}

// Warning is something the parser could not classify or doubts; the text it
// concerns is kept in the record.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"` // 1-based line in the decoded source text
}

// Source says where a record came from and how it was read.
type Source struct {
	File      string `json:"file,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	Encoding  string `json:"encoding,omitempty"`
	Extractor string `json:"extractor,omitempty"`
}
