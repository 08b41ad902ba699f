package record

// Warning codes: what a Warning is about. Listed, with what each means,
// in docs/record.md; a consumer may filter on them, so they are part of
// the contract like the JSON field names.
const (
	WarnUnclassifiedText   = "unclassified-text"   // text outside any speech kept as printed
	WarnUnknownAffiliation = "unknown-affiliation" // a state or organization not in the gazetteer
	WarnUnknownLanguage    = "unknown-language"    // a language note not understood
	WarnUnknownSpeaker     = "unknown-speaker"     // a named speaker neither affiliated nor invited
	WarnAmbiguousSpeaker   = "ambiguous-speaker"   // a name that matches several invitees
	WarnUnknownInvitee     = "unknown-invitee"     // an invitee or its organization not in the gazetteer
	WarnVoteList           = "vote-list"           // names in a vote list not in the gazetteer
	WarnPresidentCountry   = "president-country"   // the presiding state could not be found
	WarnBadSymbol          = "bad-symbol"          // a running head's symbol that does not parse
	WarnNoSymbol           = "no-symbol"           // the record's symbol was not found
	WarnNoDate             = "no-date"             // the meeting's date was not found
	WarnTextQuality        = "text-quality"        // the text layer runs words together or reads poorly
)

// WarningCodes lists every warning code, in the order of docs/record.md.
var WarningCodes = []string{
	WarnUnclassifiedText, WarnUnknownAffiliation, WarnUnknownLanguage, WarnUnknownSpeaker,
	WarnAmbiguousSpeaker, WarnUnknownInvitee, WarnVoteList, WarnPresidentCountry,
	WarnBadSymbol, WarnNoSymbol, WarnNoDate, WarnTextQuality,
}
