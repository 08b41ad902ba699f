package reflow

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/verbatim-un/verbatim/internal/grammar"
	"github.com/verbatim-un/verbatim/internal/layout"
	"github.com/verbatim-un/verbatim/record"
)

func TestWrap(t *testing.T) {
	han := Options{Script: layout.Han, Width: 10, Indent: 2}
	tests := []struct {
		name string
		in   string
		o    Options
		want []string
	}{
		{"first line indented, then the full column", "安全理事会今天讨论区域组织的作用。", han,
			[]string{"安全理事会今天讨", "论区域组织的作用。"}},
		// The full stop would start the second line: it stays on the
		// first, past the column.
		{"closing punctuation never starts a line", "我们欢迎这项决定。各国应当合作。", han,
			[]string{"我们欢迎这项决定。", "各国应当合作。"}},
		{"a run of closing punctuation stays together", "我们欢迎这项决定”。这很重要。", han,
			[]string{"我们欢迎这项决定”。", "这很重要。"}},
		{"the enumeration comma stays too", "联合王国和俄罗斯、法国和美国", han,
			[]string{"联合王国和俄罗斯、", "法国和美国"}},
		// A symbol is one token, measured at half a cell a character.
		{"a symbol is never split", "我们欢迎S/RES/2334(2016)号决议", han,
			[]string{"我们欢迎", "S/RES/2334(2016)号决", "议"}},
		{"a token wider than the column stands alone", "见https://www.un.org/securitycouncil/content。", han,
			[]string{"见", "https://www.un.org/securitycouncil/content。"}},
		{"no width: one line", "安全理事会今天讨论区域组织的作用。", Options{Script: layout.Han, Indent: 2},
			[]string{"安全理事会今天讨论区域组织的作用。"}},
		{"Latin words", "The Security Council reaffirms its commitment to peace.",
			Options{Script: layout.Latin, Width: 20},
			[]string{"The Security Council", "reaffirms its", "commitment to peace."}},
		{"Latin words with an indent", "The Security Council reaffirms its commitment to peace.",
			Options{Script: layout.Latin, Width: 20, Indent: 4},
			[]string{"The Security", "Council reaffirms", "its commitment to", "peace."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.in, tt.o); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestWrapProperties checks, for many column widths, what wrap promises:
// no text lost, no closing punctuation at a line start, no Latin token
// split, no line over the column but for trailing closing punctuation or
// a single token too wide for any line.
func TestWrapProperties(t *testing.T) {
	paras := []string{
		"根据暂行议事规则第37条，我邀请乌克兰、德国和波兰代表参加本次会议。",
		"安理会面前有S/2025/100号文件，其中载有2025年3月1日秘书长给安全理事会主席的信。",
		"我们欢迎欧洲安全与合作组织（OSCE）和非洲联盟（AU）之间的合作，以及“联合国—非洲联盟”联合框架。",
		"决议草案获得一致通过，成为第2770（2025）号决议。",
	}
	for _, p := range paras {
		for width := 4.0; width <= 30; width++ {
			o := Options{Script: layout.Han, Width: width, Indent: 2}
			lines := wrap(p, o)
			if got := strings.Join(lines, ""); got != p {
				t.Errorf("width %v: text changed:\n got %q\nwant %q", width, got, p)
			}
			limit := width - 2
			for i, l := range lines {
				first, _ := utf8.DecodeRuneInString(l)
				if i > 0 && isClosing(string(first)) {
					t.Errorf("width %v: line %d %q starts with closing punctuation", width, i, l)
				}
				if i > 0 {
					last, _ := utf8.DecodeLastRuneInString(lines[i-1])
					if last < 0x80 && first < 0x80 && last != ' ' && first != ' ' {
						t.Errorf("width %v: token split between %q and %q", width, lines[i-1], l)
					}
				}
				body := strings.TrimRight(l, "。，、；：？！）」』”’》〉…")
				if layout.Width(body, layout.Han) > limit && len(tokens(body, layout.Han)) > 1 {
					t.Errorf("width %v: line %d %q is wider than %v", width, i, l, limit)
				}
				limit = width
			}
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		sc   layout.Script
		want []string
	}{
		{"第2334(2016)号", layout.Han, []string{"第", "2334(2016)", "号"}},
		{"the OSCE和", layout.Han, []string{"the", " ", "OSCE", "和"}},
		{"“和平”", layout.Han, []string{"“", "和", "平", "”"}},
		{"  peace and  security ", layout.Latin, []string{"peace", "and", "security"}},
	}
	for _, tt := range tests {
		if got := tokens(tt.in, tt.sc); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// small is a meeting short enough that every paragraph fits a line when
// printed unwrapped: six lines.
func small() *record.Meeting {
	return &record.Meeting{
		Symbol: "S/PV.9999",
		Date:   "2025-03-14",
		Agenda: []record.Item{{Title: "非洲和平与安全"}},
		Events: []record.Event{
			{Type: record.EventOpened, Text: "上午10时开会。"},
			{Type: record.EventAgendaAdopted, Text: "议程通过。"},
			{Type: record.EventAdjourned, After: 2, Text: "上午11时散会。"},
		},
		Speeches: []record.Speech{
			{Seq: 1, Label: "主席：", Paragraphs: []string{"我宣布会议开始。"}},
			{Seq: 2, Label: "孙磊先生（中国）：", Paragraphs: []string{"中国欢迎今天的会议。"}},
		},
	}
}

func TestPrint(t *testing.T) {
	const (
		l0   = "上午10时开会。"
		l1   = "议程通过。"
		l2   = "非洲和平与安全"
		l3   = "主席：我宣布会议开始。"
		l4   = "孙磊先生（中国）：中国欢迎今天的会议。"
		l5   = "上午11时散会。"
		head = "S/PV.9999  非洲和平与安全  14/03/2025"
	)
	paged := Options{Script: layout.Han, PageLines: 2, Furniture: true, HeadTitle: "非洲和平与安全", Job: "25-01234"}
	with := func(f func(o *Options)) Options { o := paged; f(&o); return o }
	lines := func(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"unwrapped, no pages", Options{Script: layout.Han}, lines(l0, l1, l2, l3, l4, l5)},
		// The folio closes a page, alternating sides; the running head
		// opens the next; the last page has no folio.
		{"furniture between pages", paged, lines(l0, l1, "25-01234 1/3", head, l2, l3, "2/3 25-01234", head, l4, l5)},
		{"date-first running head", with(func(o *Options) { o.DateFirst = true }),
			lines(l0, l1, "25-01234 1/3", "14/03/2025  非洲和平与安全  S/PV.9999", l2, l3, "2/3 25-01234",
				"14/03/2025  非洲和平与安全  S/PV.9999", l4, l5)},
		{"form feeds open pages", with(func(o *Options) { o.FormFeed = true }),
			lines(l0, l1, "25-01234 1/3", "\f"+head, l2, l3, "2/3 25-01234", "\f"+head, l4, l5)},
		{"form feeds without furniture", with(func(o *Options) { o.FormFeed, o.Furniture = true, false }),
			lines(l0, l1, "\f"+l2, l3, "\f"+l4, l5)},
		{"leading space on a page's first line", with(func(o *Options) { o.LeadSpace = true }),
			lines(l0, l1, "25-01234 1/3", head, " "+l2, l3, "2/3 25-01234", head, " "+l4, l5)},
		{"blank line after every line", with(func(o *Options) { o.BlankLines, o.Furniture = true, false }),
			lines(l0, "", l1, "", l2, "", l3, "", l4, "", l5, "")},
		{"CRLF", with(func(o *Options) { o.CRLF = true }),
			strings.ReplaceAll(lines(l0, l1, "25-01234 1/3", head, l2, l3, "2/3 25-01234", head, l4, l5), "\n", "\r\n")},
		// Folio and head ride on the end of the page's last line.
		{"furniture glued to the last line of a page", with(func(o *Options) { o.Glue = true }),
			lines(l0, l1+"1/3 25-01234 "+head, l2, l3+"2/3 25-01234 "+head, l4, l5)},
		{"one page", with(func(o *Options) { o.PageLines = 40 }), lines(l0, l1, l2, l3, l4, l5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Print(small(), tt.o); got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestPrintOrder: what goes where. Agenda subtitles and notes are heading
// lines; an event's lines are its own; events inside a speech are part of
// its paragraphs and not printed again; unclassified text keeps its place.
func TestPrintOrder(t *testing.T) {
	m := &record.Meeting{
		Agenda: []record.Item{{Title: "非洲和平与安全", Subtitle: "区域组织的作用\n第二行", Notes: []string{"秘书长的报告（S/2025/100）"}}},
		Events: []record.Event{
			{Type: record.EventOpened, Text: "上午10时开会。"},
			{Type: record.EventInvitation, Text: "根据第37条发出邀请。"},
			{Type: record.EventVote, Speech: 1, After: 1, Text: "不应再次印出。"},
			{Type: record.EventSuspended, After: 1, Text: "会议暂停。\n会议复会。"},
		},
		Speeches: []record.Speech{
			{Seq: 1, Label: "主席：", Paragraphs: []string{"第一段。", "第二段。"}},
			{Seq: 2, Paragraphs: []string{"没有标签的发言。"}},
		},
		Unclassified: []record.Text{{After: 1, Text: "未归类的文字。"}, {After: 2, Text: "最后的文字。"}},
	}
	want := strings.Join([]string{
		"上午10时开会。",
		"非洲和平与安全", "区域组织的作用", "第二行", "秘书长的报告（S/2025/100）",
		"根据第37条发出邀请。",
		"主席：第一段。", "第二段。",
		"会议暂停。", "会议复会。",
		"未归类的文字。",
		"没有标签的发言。",
		"最后的文字。",
	}, "\n") + "\n"
	if got := Print(m, Options{Script: layout.Han}); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// roundTrip is a meeting whose paragraphs wrap over several lines at any
// of the widths below.
func roundTrip() *record.Meeting {
	return &record.Meeting{
		Symbol: "S/PV.9999",
		Date:   "2025-03-14",
		Agenda: []record.Item{{Title: "非洲和平与安全"}},
		Events: []record.Event{
			{Type: record.EventOpened, Text: "上午10时开会。"},
			{Type: record.EventAgendaAdopted, Text: "议程通过。"},
			{Type: record.EventAdjourned, After: 2, Text: "上午11时15分散会。"},
		},
		Speeches: []record.Speech{
			{Seq: 1, Label: "主席（以英语发言）：", Paragraphs: []string{
				"我宣布会议开始。安全理事会现在开始审议其议程上的项目。我欢迎秘书长出席本次会议，现在请他发言。" +
					"安理会成员面前有秘书长关于非洲联盟与联合国之间合作的报告，各位代表已经收到这份报告的副本。" +
					"在我们开始讨论之前，我要提醒各位发言者尽量把发言限制在五分钟以内，以便所有希望发言的代表都能发言。",
				"我谨提请安理会成员注意S/2025/100号文件，其中载有2025年3月1日秘书长给安全理事会主席的信。" +
					"这封信介绍了非洲联盟和平与安全理事会最近的工作，也提出了今后在预防冲突、调解和建设和平方面加强协作的若干建议，" +
					"安理会成员不妨加以审议。",
			}},
			{Seq: 2, Label: "孙磊先生（中国）：", Paragraphs: []string{
				"中国感谢主席召开这次重要会议，也感谢秘书长所作的通报。当前，非洲大陆的和平与安全形势总体稳定，" +
					"但一些地区的冲突仍在持续，恐怖主义威胁依然存在，气候变化和粮食不安全也给许多国家带来了新的挑战。",
				"第一，各方应当坚持通过对话和谈判解决分歧，避免局势进一步升级。国际社会应当尊重非洲国家的主权和领土完整，" +
					"支持非洲人以非洲方式解决非洲问题，并在维和行动的授权、经费和能力建设方面给予切实支持。",
				"第二，国际社会应当加大对该地区的人道主义援助，帮助当地人民渡过难关。联合国各机构应当与区域组织加强协调，" +
					"避免工作重叠，把有限的资源用在最需要的地方，特别是妇女、儿童和流离失所者。",
			}},
		},
	}
}

// TestRoundTrip prints a meeting in many shapes and reads it back with
// layout: the same paragraphs come out, and the furniture is recognised.
// Breaks are forced before speaker labels and procedural lines, as the
// parser does; everything else comes from the shape of the lines.
func TestRoundTrip(t *testing.T) {
	g, err := grammar.For("zh")
	if err != nil {
		t.Fatal(err)
	}
	m := roundTrip()
	want := []string{"上午10时开会。", "议程通过。", "非洲和平与安全"}
	for _, sp := range m.Speeches {
		for i, p := range sp.Paragraphs {
			if i == 0 {
				p = sp.Label + p
			}
			want = append(want, p)
		}
	}
	want = append(want, "上午11时15分散会。")

	base := Options{Script: layout.Han, Indent: 2, HeadTitle: "非洲和平与安全", Job: "25-01234", Furniture: true}
	tests := []struct {
		name string
		opts func(o *Options)
	}{
		{"width 10, 16 lines a page", func(o *Options) { o.Width, o.PageLines = 10, 16 }},
		{"width 12, 9 lines, date first", func(o *Options) { o.Width, o.PageLines, o.DateFirst = 12, 9, true }},
		{"width 16, 8 lines, form feeds, CRLF", func(o *Options) { o.Width, o.PageLines, o.FormFeed, o.CRLF = 16, 8, true, true }},
		{"width 20, 7 lines, blank lines, leading spaces", func(o *Options) {
			o.Width, o.PageLines, o.BlankLines, o.LeadSpace = 20, 7, true, true
		}},
		{"width 14, 11 lines, glued furniture", func(o *Options) { o.Width, o.PageLines, o.Glue = 14, 11, true }},
		{"width 25, no pages", func(o *Options) { o.Width = 25 }},
		{"unwrapped", func(o *Options) { o.PageLines = 3 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base
			tt.opts(&o)
			text := Print(m, o)
			doc := layout.Clean(text, layout.Han)
			breakBefore := func(i int) bool {
				s := doc.Lines[i].Text
				if _, ok := g.MatchLabel(s); ok {
					return true
				}
				_, ok := g.Procedural(s)
				return ok
			}
			var got []string
			for _, p := range layout.Paragraphs(doc.Lines, layout.Han, 3, breakBefore) {
				got = append(got, p.Text)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("paragraphs:\n got %q\nwant %q\ntext:\n%s", got, want, text)
			}
			f := doc.Furniture
			if o.PageLines > 0 && strings.Count(text, "25-01234") > 0 {
				pages := strings.Count(text, "25-01234") + 1
				wantF := fmt.Sprint([]string{"S/PV.9999"}, []string{"14/03/2025"}, []string{"非洲和平与安全"}, []string{"25-01234"}, pages)
				if gotF := fmt.Sprint(f.Symbols, f.Dates, f.Titles, f.Jobs, f.Pages); gotF != wantF {
					t.Errorf("furniture %s, want %s", gotF, wantF)
				}
			}
		})
	}
}
