package server

import (
	"strconv"
	"strings"

	"github.com/verbatim-un/verbatim/internal/gazetteer"
)

// word is an interface word in language ui, the key itself when missing
// (the tests check that both files have the same keys).
func word(ui, key string) string {
	if w, ok := messages[ui][key]; ok {
		return w
	}
	return key
}

// roleName is a speaker's role in the interface language.
func roleName(role, ui string) string { return word(ui, "role_"+role) }

// langName is a language's name (ISO 639-1) in the interface language.
func langName(code, ui string) string {
	if w, ok := messages[ui]["lang_"+code]; ok {
		return w
	}
	return code
}

// bodyName names an organ by its symbol's first segment (S, A, E), else
// shows what the record printed.
func bodyName(code, printed, ui string) string {
	if w, ok := messages[ui]["body_"+strings.ToUpper(code)]; ok {
		return w
	}
	if printed != "" {
		return printed
	}
	return code
}

// bodyCode is the organ of a symbol: S of S/PV.7796.
func bodyCode(symbol string) string {
	c, _, _ := strings.Cut(symbol, "/")
	return c
}

// countryName names a state or organization in the interface language,
// the code when the gazetteer does not know it.
func countryName(code, ui string) string {
	if code == "" {
		return ""
	}
	if n := gazetteer.Name(code, ui); n != "" {
		return n
	}
	return code
}

// dateText writes YYYY-MM-DD as the interface language writes dates: 28
// October 2016, 2016年10月28日. Partial or unknown dates are left as they are.
func dateText(d, ui string) string {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return d
	}
	y, m, day := d[:4], d[5:7], d[8:]
	mi, err1 := strconv.Atoi(m)
	di, err2 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || mi < 1 || mi > 12 {
		return d
	}
	if ui == "zh" {
		return y + "年" + strconv.Itoa(mi) + "月" + strconv.Itoa(di) + "日"
	}
	months := strings.Fields(word("en", "months"))
	if len(months) != 12 {
		return d
	}
	return strconv.Itoa(di) + " " + months[mi-1] + " " + y
}

// scriptLang guesses the language of a text shown outside its record
// (a subject in a listing) from its script: Chinese, Russian, Arabic,
// else English, the languages of the records read today.
func scriptLang(s string) string {
	for _, r := range s {
		switch {
		case r >= 0x2E80 && r <= 0x9FFF:
			return "zh"
		case r >= 0x0400 && r <= 0x04FF:
			return "ru"
		case r >= 0x0600 && r <= 0x06FF:
			return "ar"
		}
	}
	return "en"
}
