package grammar

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/layout"
)

func zh(t *testing.T) *Grammar {
	t.Helper()
	g, err := For("zh")
	if err != nil {
		t.Fatalf("For(zh): %v", err)
	}
	return g
}

func TestFor(t *testing.T) {
	g := zh(t)
	if g.Lang != "zh" || g.Script != layout.Han {
		t.Errorf("zh: Lang %q, Script %v", g.Lang, g.Script)
	}
	if g.Roles["主席"] != "president" || g.Roles["秘书长"] != "secretary-general" {
		t.Errorf("zh roles: %v", g.Roles)
	}
	if g.Languages["俄语"] != "ru" || g.Methods["举手"] != "show-of-hands" {
		t.Errorf("zh languages or methods missing: %v %v", g.Languages, g.Methods)
	}
	// Longest first, so that 女爵士 is tried before 爵士.
	for _, list := range [][]string{g.Titles, g.Functions, g.Seps} {
		for i := 1; i < len(list); i++ {
			if utf8.RuneCountInString(list[i]) > utf8.RuneCountInString(list[i-1]) {
				t.Errorf("%q before %q: not longest first", list[i-1], list[i])
			}
		}
	}
	// zh.toml asks every rule to keep a literal outside alternations and
	// optional groups: the cheap test made before running the pattern.
	for _, r := range g.Rules {
		if len(r.needs) == 0 {
			t.Errorf("rule %s (%s) has no literal to test first", r.Event, r.Re)
		}
	}
	// A grammar is compiled once.
	if g2, _ := For("zh"); g2 != g {
		t.Error("For(zh) compiled the grammar twice")
	}
	if _, err := For("xx"); err == nil || err.Error() != `no grammar for language "xx"` {
		t.Errorf("For(xx): err = %v", err)
	}
}

// TestEveryGrammarCompiles loads every file under data/, so that a bad
// pattern fails here rather than when a record in that language arrives.
func TestEveryGrammarCompiles(t *testing.T) {
	langs := Languages()
	if len(langs) == 0 || !contains(langs, "zh") {
		t.Fatalf("Languages() = %v, want zh among them", langs)
	}
	for _, l := range langs {
		g, err := For(l)
		if err != nil {
			t.Errorf("%s: %v", l, err)
			continue
		}
		if g.Lang != l {
			t.Errorf("data/%s.toml says language %q", l, g.Lang)
		}
		if g.Label == nil || len(g.Rules) == 0 {
			t.Errorf("%s: no label pattern or no rules", l)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCompileErrors: a broken grammar file is refused with a message that
// says what is wrong.
func TestCompileErrors(t *testing.T) {
	const base = "language = \"xx\"\nlabel = '^(?P<name>\\p{Han}+)：'\nnote = '^以(.+)发言$'\n[time]\npattern = '(?P<hour>\\d+)时'\n"
	tests := []struct {
		name, file, want string
	}{
		{"valid", "script = \"han\"\n" + base, ""},
		{"unknown key", "colour = 1\nscript = \"han\"\n" + base, "unknown keys [colour]"},
		{"unknown script", "script = \"runic\"\n" + base, `unknown script "runic"`},
		{"bad label", "script = \"han\"\nlanguage = \"xx\"\nlabel = '(?P<name'\nnote = 'x'\n", "label: "},
		{"bad note", "script = \"han\"\nlanguage = \"xx\"\nlabel = 'x'\nnote = '('\n", "note: "},
		{"bad rule", "script = \"han\"\n" + base + "[[rule]]\nevent = \"opened\"\nalone = true\npattern = '{time}开会('\n", "rule opened: "},
		{"not TOML", "script = ", "expected value"},
		// The events and their groups are a closed set: a typo is an
		// error, not a rule that silently never fires.
		{"unknown event", "script = \"han\"\n" + base + "[[rule]]\nevent = \"openned\"\nalone = true\npattern = '{time}开会'\n", `rule openned: unknown event "openned"`},
		{"missing group", "script = \"han\"\n" + base + "[[rule]]\nevent = \"floor\"\npresident = true\npattern = '请(.+)发言'\n", `event floor needs a group named "who"`},
		{"misspelt group", "script = \"han\"\n" + base + "[[rule]]\nevent = \"floor\"\npresident = true\npattern = '请(?P<who>.+)(?P<wh0>x)?发言'\n", `event floor has no use for a group named "wh0"`},
		{"alone event in speech", "script = \"han\"\n" + base + "[[rule]]\nevent = \"opened\"\npattern = '{time}开会'\n", "needs alone = true"},
		{"speech event alone", "script = \"han\"\n" + base + "[[rule]]\nevent = \"floor\"\nalone = true\npattern = '请(?P<who>.+)发言'\n", "cannot be alone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compile([]byte(tt.file))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestMatchLabel(t *testing.T) {
	g := zh(t)
	tests := []struct {
		in   string
		want Label
		ok   bool
	}{
		{"主席（以阿拉伯语发言）：宣布开会。",
			Label{Text: "主席（以阿拉伯语发言）：", Role: "president", Word: "主席", LangAs: "阿拉伯语", Lang: "ar"}, true},
		{"代理主席（以英语发言）：我感谢副秘书长所作的介绍。",
			Label{Text: "代理主席（以英语发言）：", Role: "president", Word: "代理主席", LangAs: "英语", Lang: "en"}, true},
		{"秘书长：我感谢安理会给我这个机会。",
			Label{Text: "秘书长：", Role: "secretary-general", Word: "秘书长"}, true},
		{"常务副秘书长：谢谢主席女士。",
			Label{Text: "常务副秘书长：", Role: "briefer", Word: "常务副秘书长"}, true},
		// A Chinese delegate speaks Chinese: no language note.
		{"孙磊先生（中国）：中国欢迎今天的会议。",
			Label{Text: "孙磊先生（中国）：", Word: "孙磊", Title: "先生", Affil: "中国"}, true},
		{"拉森女士（丹麦）（以英语发言）：丹麦赞同欧洲联盟的立场。",
			Label{Text: "拉森女士（丹麦）（以英语发言）：", Word: "拉森", Title: "女士", Affil: "丹麦", LangAs: "英语", Lang: "en"}, true},
		// ASCII brackets and colon: the patterns see them folded, the
		// label text is the printed prefix, rune for rune.
		{"加西亚·德拉维加先生(秘鲁)（以西班牙语发言）:秘鲁支持这项决议。",
			Label{Text: "加西亚·德拉维加先生(秘鲁)（以西班牙语发言）:", Word: "加西亚·德拉维加", Title: "先生",
				Affil: "秘鲁", LangAs: "西班牙语", Lang: "es"}, true},
		// The longer honorific wins over its suffix.
		{"安娜女爵士（联合王国）：谢谢。",
			Label{Text: "安娜女爵士（联合王国）：", Word: "安娜", Title: "女爵士", Affil: "联合王国"}, true},
		// A language the grammar does not know keeps its name, no code.
		{"卡里米先生（某国）（以克林贡语发言）：谢谢。",
			Label{Text: "卡里米先生（某国）（以克林贡语发言）：", Word: "卡里米", Title: "先生", Affil: "某国", LangAs: "克林贡语"}, true},
		// Not labels.
		{"主席先生，我们认为：各方应当克制。", Label{}, false}, // a comma before the colon
		{"我宣布会议开始。", Label{}, false},          // no colon
		{"我们认为：各方应当克制。", Label{}, false},      // no role, no honorific
		{"会议议程如下：", Label{}, false},
		{"“主席”：这是引语。", Label{}, false},
		{"", Label{}, false},
	}
	for _, tt := range tests {
		got, ok := g.MatchLabel(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MatchLabel(%q)\n got %+v, %v\nwant %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && !strings.HasPrefix(tt.in, got.Text) {
			t.Errorf("MatchLabel(%q): Text %q is not a prefix of the input", tt.in, got.Text)
		}
	}
}

// TestMatchLabelEnglish: label shapes the English records print badly.
func TestMatchLabelEnglish(t *testing.T) {
	g, err := For("en")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want Label
		ok   bool
	}{
		// A colon printed after the name as well as at the end: the
		// label is read whole, with its country and language.
		{"Mr. Ortiz Vela: (Chile) (spoke in Spanish): Thank you.",
			Label{Text: "Mr. Ortiz Vela: (Chile) (spoke in Spanish):", Word: "Ortiz Vela", Title: "Mr.", Affil: "Chile", LangAs: "Spanish", Lang: "es"}, true},
		// A bracket after the label that is no part of it.
		{"Mr. Ortiz Vela: (Applause) We thank you: all of you.",
			Label{Text: "Mr. Ortiz Vela:", Word: "Ortiz Vela", Title: "Mr."}, true},
		// A heading's last words run into a label: "General" is an
		// honorific, but a name never holds a role.
		{"General Assembly The President: I declare open the session.", Label{}, false},
		{"General Assembly The Acting President: Thank you.", Label{}, false},
		{"General Kamara (Sierra Leone): Thank you.",
			Label{Text: "General Kamara (Sierra Leone):", Word: "Kamara", Title: "General", Affil: "Sierra Leone"}, true},
	}
	for _, tt := range tests {
		got, ok := g.MatchLabel(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MatchLabel(%q)\n got %+v, %v\nwant %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if g.IsLabel(tt.in) != tt.ok {
			t.Errorf("IsLabel(%q) = %v, want %v", tt.in, !tt.ok, tt.ok)
		}
	}
}

func TestMayEndLabel(t *testing.T) {
	g := zh(t)
	for in, want := range map[string]bool{
		"（以英语发言）：我谨发言。": true,
		"(France):": true,
		"没有冒号的一行。":  false,
	} {
		if got := g.MayEndLabel(in); got != want {
			t.Errorf("MayEndLabel(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestProcedural(t *testing.T) {
	g := zh(t)
	tests := []struct {
		in     string
		event  string // "" for no match
		groups map[string]string
		text   string // the match, folded
	}{
		{"上午10时40分开会。", "opened", map[string]string{"ampm": "上午", "hour": "10", "min": "40"}, "上午10时40分开会。"},
		// Full-width digits fold to ASCII.
		{"下午１时45分散会。", "adjourned", map[string]string{"ampm": "下午", "hour": "1", "min": "45"}, "下午1时45分散会。"},
		{"下午3时复会。", "resumed", map[string]string{"ampm": "下午", "hour": "3"}, "下午3时复会。"},
		{"议程通过。", "agenda-adopted", map[string]string{}, "议程通过。"},
		{"议程获得通过。", "agenda-adopted", map[string]string{}, "议程获得通过。"},
		{"通过议程", "heading", map[string]string{}, "通过议程"},
		// Suspension and resumption in one sentence: two times.
		{"会议于上午11时5分暂停，下午12时10分复会。", "suspended",
			map[string]string{"ampm": "上午", "hour": "11", "min": "5", "ampm2": "下午", "hour2": "12", "min2": "10"},
			"会议于上午11时5分暂停，下午12时10分复会。"},
		{"进行了举手表决。", "vote-start", map[string]string{"method": "举手"}, "进行了举手表决。"},
		{"进行记录表决。", "vote-start", map[string]string{"method": "记录"}, "进行记录表决。"},
		{"表决。", "vote-start", map[string]string{}, "表决。"},
		{"赞成：中国、法国、俄罗斯联邦", "vote-in-favour", map[string]string{"list": "中国、法国、俄罗斯联邦"}, "赞成：中国、法国、俄罗斯联邦"},
		{"反对：委内瑞拉玻利瓦尔共和国", "vote-against", map[string]string{"list": "委内瑞拉玻利瓦尔共和国"}, "反对：委内瑞拉玻利瓦尔共和国"},
		{"弃权:安哥拉、埃及", "vote-abstaining", map[string]string{"list": "安哥拉、埃及"}, "弃权：安哥拉、埃及"},
		// No part of the day; a full-width first digit still passes the
		// first-rune test made before folding.
		{"１０时开会。", "opened", map[string]string{"hour": "10"}, "10时开会。"},
		{"11时5分会议暂停。", "suspended", map[string]string{"hour": "11", "min": "5"}, "11时5分会议暂停。"},
		{"会议于下午3时复会。", "resumed", map[string]string{"ampm": "下午", "hour": "3"}, "会议于下午3时复会。"},
		{"晚上11时55分散会", "adjourned", map[string]string{"ampm": "晚上", "hour": "11", "min": "55"}, "晚上11时55分散会"},
		// Surrounding white space, ideographic included, is not part of it.
		{"\u3000议程通过。 ", "agenda-adopted", map[string]string{}, "议程通过。"},
		// Not procedural on their own.
		{"安理会现在开始审议议程项目。", "", nil, ""},
		{"议程项目2", "", nil, ""},
		{"主席（以阿拉伯语发言）：上午10时开会。", "", nil, ""},
		{"我们定于上午10时开会。", "", nil, ""},
		{"上午10时开会。会议由主席主持。", "", nil, ""}, // the whole paragraph or nothing
		{"", "", nil, ""},
	}
	for _, tt := range tests {
		m, ok := g.Procedural(tt.in)
		if ok != (tt.event != "") {
			t.Errorf("Procedural(%q): ok = %v, want event %q", tt.in, ok, tt.event)
			continue
		}
		if !ok {
			continue
		}
		if m.Event != tt.event || m.Text != tt.text || m.Start != 0 || !reflect.DeepEqual(m.Groups, tt.groups) {
			t.Errorf("Procedural(%q)\n got %s %q %v start %d\nwant %s %q %v start 0", tt.in, m.Event, m.Text, m.Groups, m.Start, tt.event, tt.text, tt.groups)
		}
	}
}

func TestActs(t *testing.T) {
	g := zh(t)
	type act struct {
		event string
		group string // one group to check, "name=value"
	}
	tests := []struct {
		name      string
		in        string
		president bool
		para      int
		want      []act
	}{
		{"rule 37 invitation", "根据暂行议事规则第37条，我邀请秘鲁和智利代表参加这次会议。", true, 3,
			[]act{{"invitation-37", "list=秘鲁和智利"}}},
		{"a President-only rule in a delegate's turn", "根据暂行议事规则第37条，我邀请秘鲁和智利代表参加这次会议。", false, 1, nil},
		{"rule 39 invitation with a list after a colon", "根据暂行议事规则第39条，我邀请以下两位通报人参加这次会议：非洲联盟代表和欧洲联盟代表。", true, 1,
			[]act{{"invitation-39", "list=非洲联盟代表和欧洲联盟代表"}}},
		{"rule 39 invitation of a person", "根据暂行议事规则第39条，我邀请东南亚国家联盟秘书长陈明华先生参加本次会议。", true, 1,
			[]act{{"invitation-39", "list=东南亚国家联盟秘书长陈明华先生"}}},
		{"consideration", "安理会现在开始审议议程项目。", true, 1,
			[]act{{"consideration", ""}}},
		// Acts come in the order of the text, not of the rules.
		{"adoption before its vote count", "决议草案获得一致通过，成为第2336(2016)号决议。表决结果如下：15票赞成、0票反对、0票弃权。", true, 2,
			[]act{{"adopted", "res=第2336（2016）号决议"}, {"vote-result", "yes=15"}}},
		{"rejection", "决议草案由于一个常任理事国投反对票而未获通过。", true, 1,
			[]act{{"rejected", ""}}},
		{"national capacity", "我谨以秘鲁代表的身份发言。", true, 4,
			[]act{{"national-capacity", "who=秘鲁"}}},
		{"back to the chair", "我现在恢复主席职务。", true, 6,
			[]act{{"resume-chair", ""}}},
		{"presidency named by a delegate", "我们感谢主席国安哥拉召开本次会议。", false, 1,
			[]act{{"presidency", "who=安哥拉召开本次会议"}}},
		{"on behalf of a group in the first paragraph", "我以不结盟运动的名义发言。", false, 1,
			[]act{{"on-behalf", "who=不结盟运动"}}},
		{"on behalf of a group in the second paragraph", "我谨代表非洲集团发言。", false, 2,
			[]act{{"on-behalf", ""}}},
		// On whose behalf a delegate speaks is said at the start.
		{"on behalf of a group too late in the turn", "我以不结盟运动的名义发言。", false, 3, nil},
		// Aligning with a statement made for a group is not speaking for it.
		{"aligning with a group's statement", "我们赞同以东盟名义所作的发言。", false, 1, nil},
		{"aligning with a statement made on behalf", "我们赞同代表非洲集团所作的发言。", false, 1, nil},
		{"a delegation aligning itself", "我国代表团完全赞同欧洲联盟观察员代表欧洲联盟所作的发言。", false, 1, nil},
		{"ordinary speech", "我们对该地区的人道主义局势深感关切。", true, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.Acts(tt.in, tt.president, tt.para)
			if len(ms) != len(tt.want) {
				t.Fatalf("got %d acts %+v, want %d", len(ms), ms, len(tt.want))
			}
			for i, w := range tt.want {
				if ms[i].Event != w.event {
					t.Errorf("act %d: %s, want %s", i, ms[i].Event, w.event)
				}
				if k, v, ok := strings.Cut(w.group, "="); ok && ms[i].Groups[k] != v {
					t.Errorf("act %d: %s = %q, want %q", i, k, ms[i].Groups[k], v)
				}
			}
		})
	}
}

// TestActStart: Start is a rune offset into the paragraph as printed.
func TestActStart(t *testing.T) {
	g := zh(t)
	p := "谢谢大家。我恢复行使安全理事会主席的职能。"
	ms := g.Acts(p, true, 1)
	if len(ms) != 1 || ms[0].Event != "resume-chair" || ms[0].Start != 5 || ms[0].Text != "我恢复行使安全理事会主席的职能" {
		t.Fatalf("got %+v, want resume-chair at rune 5", ms)
	}
}

func TestClock(t *testing.T) {
	g := zh(t)
	tests := []struct {
		groups map[string]string
		suffix string
		want   string
	}{
		{map[string]string{"ampm": "上午", "hour": "10", "min": "40"}, "", "10:40"},
		{map[string]string{"ampm": "下午", "hour": "3"}, "", "15:00"},
		{map[string]string{"ampm": "晚上", "hour": "9", "min": "5"}, "", "21:05"},
		{map[string]string{"ampm": "晚上", "hour": "11", "min": "55"}, "", "23:55"},
		{map[string]string{"hour": "15", "min": "30"}, "", "15:30"},
		// Twelve o'clock: 中午 and 下午 are noon, 上午 is midnight.
		{map[string]string{"ampm": "中午", "hour": "12"}, "", "12:00"},
		{map[string]string{"ampm": "下午", "hour": "12", "min": "10"}, "", "12:10"},
		{map[string]string{"ampm": "上午", "hour": "12", "min": "30"}, "", "00:30"},
		{map[string]string{"ampm": "中午", "hour": "1"}, "", "13:00"},
		// 晚上 and 凌晨 twelve o'clock are midnight.
		{map[string]string{"ampm": "晚上", "hour": "12"}, "", "00:00"},
		{map[string]string{"ampm": "凌晨", "hour": "12", "min": "30"}, "", "00:30"},
		// The second time of a pattern.
		{map[string]string{"ampm": "上午", "hour": "11", "ampm2": "下午", "hour2": "1", "min2": "5"}, "2", "13:05"},
		// Impossible times give nothing rather than a wrong time.
		{map[string]string{"ampm": "下午", "hour": "13"}, "", ""},
		{map[string]string{"hour": "25"}, "", ""},
		{map[string]string{"hour": "10", "min": "75"}, "", ""},
		{map[string]string{"ampm": "上午"}, "", ""},
		{map[string]string{"hour": "10"}, "2", ""},
	}
	for _, tt := range tests {
		if got := g.Clock(tt.groups, tt.suffix); got != tt.want {
			t.Errorf("Clock(%v, %q) = %q, want %q", tt.groups, tt.suffix, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	g := zh(t)
	tests := []struct{ in, want string }{
		{"下午１２时０５分", "下午12时05分"},
		{"(西班牙):", "（西班牙）："},
		{"ＵＮＡＭＡ和ｕｎ", "UNAMA和un"},
		{"Ｓ／ＰＶ．７７９６", "S/PV.7796"},
		{"１６－３４８３８", "16-34838"},
		{"联合\u3000国", "联合 国"},
		{"（已是全角）：", "（已是全角）："},
	}
	for _, tt := range tests {
		got := g.Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Rune for rune: offsets in the folded text are offsets in the
		// original.
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
			t.Errorf("Fold(%q) changed the rune count", tt.in)
		}
	}
}

func TestMentionsDraft(t *testing.T) {
	g := zh(t)
	for in, want := range map[string]bool{
		"安理会现在将对S/2016/920号文件所载决议草案进行表决。": true,
		"安理会第2334（2016）号决议要求各方停止活动。":      false,
	} {
		if got := g.MentionsDraft(in); got != want {
			t.Errorf("MentionsDraft(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestClockEnglish(t *testing.T) {
	g, err := For("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		groups map[string]string
		want   string
	}{
		{map[string]string{"ampm": "a.m.", "hour": "10", "min": "05"}, "10:05"},
		{map[string]string{"ampm": "p. m", "hour": "3"}, "15:00"},
		{map[string]string{"ampm": "p.m.", "hour": "12", "min": "15"}, "12:15"},
		{map[string]string{"ampm": "a.m.", "hour": "12"}, "00:00"},
		{map[string]string{"noon": "noon"}, "12:00"},
	} {
		if got := g.Clock(tt.groups, ""); got != tt.want {
			t.Errorf("Clock(%v) = %q, want %q", tt.groups, got, tt.want)
		}
	}
}

// TestNationalCapacityIsNotOnBehalf: "以中国代表的身份发言" is the President
// speaking for a state, not a delegate speaking for a group.
func TestNationalCapacityIsNotOnBehalf(t *testing.T) {
	g := zh(t)
	var events []string
	for _, a := range g.Acts("我现在以中国代表的身份发言。", true, 1) {
		events = append(events, a.Event)
	}
	if len(events) != 1 || events[0] != "national-capacity" {
		t.Errorf("acts = %v, want only national-capacity", events)
	}
}

func TestNominatives(t *testing.T) {
	ru, err := For("ru")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ genitive, want string }{
		{"Сенегала", "Сенегал"},
		{"Германии", "Германия"},
		{"Франции", "Франция"},
		{"Китая", "Китай"},
		{"Мексики", "Мексика"},
		{"Российской Федерации", "Российская Федерация"},
		{"Группы африканских государств", "Группа африканских государств"},
	} {
		got := ru.Nominatives(tc.genitive)
		if !slices.Contains(got, tc.want) {
			t.Errorf("Nominatives(%q) = %q, want it to hold %q", tc.genitive, got, tc.want)
		}
		if len(got) > maxNominatives {
			t.Errorf("Nominatives(%q): %d readings, want at most %d", tc.genitive, len(got), maxNominatives)
		}
	}
	// Languages that decline no names read none.
	en, err := For("en")
	if err != nil {
		t.Fatal(err)
	}
	if got := en.Nominatives("Senegal"); got != nil {
		t.Errorf("en Nominatives = %q, want nil", got)
	}
}

// TestArabic: labels, both digit forms and the marks print may set.
func TestArabic(t *testing.T) {
	g, err := For("ar")
	if err != nil {
		t.Fatal(err)
	}
	labels := []struct {
		in   string
		want Label
		ok   bool
	}{
		{"السيد أورلوف (الاتحاد الروسي) (تكلم بالروسية): شكرا.",
			Label{Text: "السيد أورلوف (الاتحاد الروسي) (تكلم بالروسية):", Word: "أورلوف", Title: "السيد", Affil: "الاتحاد الروسي", LangAs: "بالروسية", Lang: "ru"}, true},
		// Feminine verb, shadda kept in the text.
		{"السيدة فاطمة الزهراء (المغرب) (تكلّمت بالإنكليزية): شكرا.",
			Label{Text: "السيدة فاطمة الزهراء (المغرب) (تكلّمت بالإنكليزية):", Word: "فاطمة الزهراء", Title: "السيدة", Affil: "المغرب", LangAs: "بالإنكليزية", Lang: "en"}, true},
		{"الرئيس (تكلم بالفرنسية): أعطي الكلمة لممثل الصين.",
			Label{Text: "الرئيس (تكلم بالفرنسية):", Role: "president", Word: "الرئيس", LangAs: "بالفرنسية", Lang: "fr"}, true},
		{"الأمين العام: شكرا.", Label{Text: "الأمين العام:", Role: "secretary-general", Word: "الأمين العام"}, true},
		{"نحن نرى ما يلي: السلام أولا.", Label{}, false},
	}
	for _, tt := range labels {
		got, ok := g.MatchLabel(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MatchLabel(%q)\n got %+v, %v\nwant %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for _, tt := range []struct{ in, event, clock string }{
		{"افتتحت الجلسة الساعة 10/05.", EventOpened, "10:05"},
		{"افتتحت الجلسة الساعة ١٠/٠٥.", EventOpened, "10:05"},
		{"رفعت الجلسة الساعة 15:35.", EventAdjourned, "15:35"},
		{"عُلقت الجلسة الساعة ۱۱/۰۵.", EventSuspended, "11:05"},
	} {
		m, ok := g.Procedural(tt.in)
		if !ok || m.Event != tt.event || g.Clock(m.Groups, "") != tt.clock {
			t.Errorf("Procedural(%q) = %v %v, %q; want %s at %s", tt.in, m.Event, ok, g.Clock(m.Groups, ""), tt.event, tt.clock)
		}
	}
	if m, ok := g.Procedural("أُجري تصويت برفع الأيدي."); !ok || g.Methods[m.Groups["method"]] != "show-of-hands" {
		t.Errorf("show of hands: %+v %v", m, ok)
	}
	// Unanimity, and the floor given with الآن on either side.
	for _, tt := range []struct{ text, event, group, want string }{
		{"لقد اعتُمد مشروع القرار بالإجماع بوصفه القرار 2334 (2016).", EventAdopted, "res", "القرار 2334 (2016)"},
		{"أعطي الكلمة الآن لممثل الصين.", EventFloor, "who", "ممثل الصين"},
		{"أعطي الآن الكلمة لممثلة المكسيك.", EventFloor, "who", "ممثلة المكسيك"},
		{"سأدلي الآن ببيان بصفتي ممثل فرنسا.", EventNationalCap, "who", "فرنسا"},
	} {
		acts := g.Acts(tt.text, true, 1)
		if len(acts) != 1 || acts[0].Event != tt.event || acts[0].Groups[tt.group] != tt.want {
			t.Errorf("Acts(%q) = %+v, want %s with %s %q", tt.text, acts, tt.event, tt.group, tt.want)
		}
	}
	if got := g.Fold("المؤيدون: الصين، فرنسا؛ ٣"); got != "المؤيدون: الصين, فرنسا; 3" {
		t.Errorf("Fold = %q", got)
	}
	for _, tt := range []struct {
		text             string
		yes, no, abstain int
	}{
		{"نتيجة التصويت كما يلي: 3 أصوات مؤيدة، وصوت واحد معارض، وامتناع عضوين عن التصويت.", 3, 1, 2},
		{"نتيجة التصويت كما يلي: ١٤ صوتا مؤيدا، ولا أحد معارض، وامتناع عضو واحد عن التصويت.", 14, 0, 1},
		{"نتيجة التصويت كما يلي: 9 أصوات مؤيدة، و 4 أصوات معارضة، وامتناع 2 عن التصويت.", 0, 0, 0}, // "2" without a noun: not read
		{"نتيجة التصويت كما يلي: 12 صوتا مؤيدا، وصوتان معارضان، وامتناع 1 عضو عن التصويت.", 12, 2, 1},
	} {
		acts := g.Acts(tt.text, true, 1)
		n := func(k string) int {
			if v, ok := g.Numbers[acts[0].Groups[k]]; ok {
				return v
			}
			var x int
			fmt.Sscan(acts[0].Groups[k], &x)
			return x
		}
		if tt.yes == 0 {
			if len(acts) != 0 {
				t.Errorf("%q read as %+v", tt.text, acts)
			}
			continue
		}
		if len(acts) != 1 || n("yes") != tt.yes || n("no") != tt.no || n("abstain") != tt.abstain {
			t.Errorf("%q: %+v", tt.text, acts)
		}
	}
}

// TestLabelFunctionHoldsNoRole: a change of chair run into the next
// label is not a label with a function.
func TestLabelFunctionHoldsNoRole(t *testing.T) {
	g, err := For("en")
	if err != nil {
		t.Fatal(err)
	}
	if g.IsLabel("Mr. Baptiste (Haiti), Vice President, took the chair. The Acting President: We have heard the last speaker.") {
		t.Error("a change of chair and the next label read as one label")
	}
	if !g.IsLabel("Mr. Garayev (Azerbaijan), Rapporteur of the Third Committee: I present the report.") {
		t.Error("a label with a function no longer reads")
	}
}
