package layout

import (
	"reflect"
	"strings"
	"testing"
)

// norm makes empty and nil slices compare equal, so that a case can leave
// the furniture it does not expect unset.
func norm(f Furniture) Furniture {
	for _, p := range []*[]string{&f.Symbols, &f.Dates, &f.Titles, &f.Jobs} {
		if len(*p) == 0 {
			*p = nil
		}
	}
	return f
}

func TestClean(t *testing.T) {
	const (
		head     = "S/PV.7796  联合国与区域组织的合作  28/10/2016"
		headDate = "28/10/2016  联合国与区域组织的合作  S/PV.7796"
	)
	oneHead := Furniture{Symbols: []string{"S/PV.7796"}, Dates: []string{"28/10/2016"},
		Titles: []string{"联合国与区域组织的合作"}, Removed: 1}
	tests := []struct {
		name  string
		in    string
		sc    Script
		lines []Line
		furn  Furniture
	}{
		{
			name: "running head, symbol first",
			in:   "主席：我宣布会议开始。\n" + head + "\n安全理事会现在开始审议议程项目。\n",
			sc:   Han,
			lines: []Line{
				{Text: "主席：我宣布会议开始。", No: 1, PageStart: true},
				// The line after removed furniture starts a page.
				{Text: "安全理事会现在开始审议议程项目。", No: 3, PageStart: true},
			},
			furn: oneHead,
		},
		{
			name: "running head, date first",
			in:   "主席：我宣布会议开始。\n" + headDate + "\n安全理事会现在开始审议议程项目。",
			sc:   Han,
			lines: []Line{
				{Text: "主席：我宣布会议开始。", No: 1, PageStart: true},
				{Text: "安全理事会现在开始审议议程项目。", No: 3, PageStart: true},
			},
			furn: oneHead,
		},
		{
			name: "General Assembly head with a resumption",
			in:   "大会主席：请坐。\nA/71/PV.40 (Resumption 1)  大会第七十一届会议  03/11/2016\n我们开始审议议程项目。",
			sc:   Han,
			lines: []Line{
				{Text: "大会主席：请坐。", No: 1, PageStart: true},
				{Text: "我们开始审议议程项目。", No: 3, PageStart: true},
			},
			furn: Furniture{Symbols: []string{"A/71/PV.40 (Resumption 1)"}, Dates: []string{"03/11/2016"},
				Titles: []string{"大会第七十一届会议"}, Removed: 1},
		},
		{
			name: "folios in both orders, most frequent job first, largest page count",
			in:   "第一页的文字。\n24/29 16-34838\n第二页的文字。\n16-34838 3/31\n第三页的文字。\n16-34839 (C) 5/29\n第四页的文字。",
			sc:   Han,
			lines: []Line{
				{Text: "第一页的文字。", No: 1, PageStart: true},
				{Text: "第二页的文字。", No: 3, PageStart: true},
				{Text: "第三页的文字。", No: 5, PageStart: true},
				{Text: "第四页的文字。", No: 7, PageStart: true},
			},
			furn: Furniture{Jobs: []string{"16-34838", "16-34839"}, Pages: 31, Removed: 3},
		},
		{
			name: "symbol counts rank the typo last; equal titles rank alphabetically",
			in: "S/PV.7796  乙标题  28/10/2016\n甲。\nS/PV.7796  甲标题  28/10/2016\n乙。\n" +
				"S/PV.7769  丙标题  28/10/2016\n丙。",
			sc: Han,
			lines: []Line{
				{Text: "甲。", No: 2, PageStart: true},
				{Text: "乙。", No: 4, PageStart: true},
				{Text: "丙。", No: 6, PageStart: true},
			},
			furn: Furniture{Symbols: []string{"S/PV.7796", "S/PV.7769"}, Dates: []string{"28/10/2016"},
				Titles: []string{"丙标题", "乙标题", "甲标题"}, Removed: 3},
		},
		{
			name: "fractions, resolution numbers and a bare symbol are not furniture",
			in:   "三分之二即2/3的成员国支持第2254（2015）号决议。\nS/PV.7796号记录载有发言。\n编号16-3483不是作业号。",
			sc:   Han,
			lines: []Line{
				{Text: "三分之二即2/3的成员国支持第2254（2015）号决议。", No: 1, PageStart: true},
				{Text: "S/PV.7796号记录载有发言。", No: 2},
				{Text: "编号16-3483不是作业号。", No: 3},
			},
		},
		{
			name: "folio glued into a sentence: Han joins without a space",
			in:   "安全理事会必须与区域组织16-34838 3/29密切合作。",
			sc:   Han,
			lines: []Line{
				{Text: "安全理事会必须与区域组织密切合作。", No: 1, PageStart: true},
			},
			furn: Furniture{Jobs: []string{"16-34838"}, Pages: 29, Removed: 1},
		},
		{
			name: "folio glued between Latin words in Han text keeps one space",
			in:   "我们欢迎OSCE 24/29 16-34838 and the African Union的合作。",
			sc:   Han,
			lines: []Line{
				{Text: "我们欢迎OSCE and the African Union的合作。", No: 1, PageStart: true},
			},
			furn: Furniture{Jobs: []string{"16-34838"}, Pages: 29, Removed: 1},
		},
		{
			name: "running head glued into a sentence",
			in:   "各方应当" + head + "继续对话。",
			sc:   Han,
			lines: []Line{
				{Text: "各方应当继续对话。", No: 1, PageStart: true},
			},
			furn: oneHead,
		},
		{
			name: "head learned from its own line is cut where it is glued",
			in:   "甲。\n" + head + "\n乙方应当" + head + "继续对话。",
			sc:   Han,
			lines: []Line{
				{Text: "甲。", No: 1, PageStart: true},
				{Text: "乙方应当继续对话。", No: 3, PageStart: true},
			},
			furn: Furniture{Symbols: []string{"S/PV.7796"}, Dates: []string{"28/10/2016"},
				Titles: []string{"联合国与区域组织的合作"}, Removed: 2},
		},
		{
			name: "folio glued into Latin text joins with a space",
			in:   "The Council must 16-34838 3/29 act now.",
			sc:   Latin,
			lines: []Line{
				{Text: "The Council must act now.", No: 1, PageStart: true},
			},
			furn: Furniture{Jobs: []string{"16-34838"}, Pages: 29, Removed: 1},
		},
		{
			name: "barcode line dropped, next line starts a page",
			in:   "第一页最后一行。\n*1634838*\n第二页第一行。",
			sc:   Han,
			lines: []Line{
				{Text: "第一页最后一行。", No: 1, PageStart: true},
				{Text: "第二页第一行。", No: 3, PageStart: true},
			},
			furn: Furniture{Removed: 1},
		},
		{
			name: "a real blank line is a paragraph break",
			in:   "第一段。\n\n第二段。\n第二段续。",
			sc:   Han,
			lines: []Line{
				{Text: "第一段。", No: 1, PageStart: true},
				{Text: "第二段。", No: 3, BlankBefore: true},
				{Text: "第二段续。", No: 4},
			},
		},
		{
			name: "blank lines around furniture are not a paragraph break",
			in:   "第一页最后一行。\n\n16-34838 3/29\n\n" + head + "\n第二页第一行。",
			sc:   Han,
			lines: []Line{
				{Text: "第一页最后一行。", No: 1, PageStart: true},
				{Text: "第二页第一行。", No: 6, PageStart: true},
			},
			furn: Furniture{Symbols: []string{"S/PV.7796"}, Dates: []string{"28/10/2016"},
				Titles: []string{"联合国与区域组织的合作"}, Jobs: []string{"16-34838"}, Pages: 29, Removed: 2},
		},
		{
			name: "form feed starts a page",
			in:   "第一页最后一行。\n\f第二页第一行。\n第二页第二行。",
			sc:   Han,
			lines: []Line{
				{Text: "第一页最后一行。", No: 1, PageStart: true},
				{Text: "第二页第一行。", No: 2, PageStart: true},
				{Text: "第二页第二行。", No: 3},
			},
		},
		{
			name: "leading space or ideographic space starts a page",
			in:   "第一行。\n 第二行。\n第三行。\n\u3000第四行。",
			sc:   Han,
			lines: []Line{
				{Text: "第一行。", No: 1, PageStart: true},
				{Text: "第二行。", No: 2, PageStart: true},
				{Text: "第三行。", No: 3},
				{Text: "第四行。", No: 4, PageStart: true},
			},
		},
		{
			name: "CRLF line ends are trimmed",
			in:   "第一行。\r\n第二行。\r\n",
			sc:   Han,
			lines: []Line{
				{Text: "第一行。", No: 1, PageStart: true},
				{Text: "第二行。", No: 2},
			},
		},
		{
			name: "spaces between Han characters go, spaces between Latin words stay",
			in:   "概 念 说 明 ：the  African   Union 的 立 场",
			sc:   Han,
			lines: []Line{
				{Text: "概念说明：the African Union的立场", No: 1, PageStart: true},
			},
		},
		{
			name: "Latin text keeps its spaces as printed",
			in:   "Mr.  Smith (United Kingdom):  I thank you.",
			sc:   Latin,
			lines: []Line{
				{Text: "Mr.  Smith (United Kingdom):  I thank you.", No: 1, PageStart: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := Clean(tt.in, tt.sc)
			if !reflect.DeepEqual(doc.Lines, tt.lines) {
				t.Errorf("lines:\n got %+v\nwant %+v", doc.Lines, tt.lines)
			}
			if got := norm(doc.Furniture); !reflect.DeepEqual(got, tt.furn) {
				t.Errorf("furniture:\n got %+v\nwant %+v", got, tt.furn)
			}
		})
	}
}

// TestCleanDoubleSpaced: when extraction puts a blank line after every line,
// a single blank line means nothing and only two blank lines break a
// paragraph; with too few lines to tell, every blank line counts.
func TestCleanDoubleSpaced(t *testing.T) {
	texts := []string{"甲行。", "乙行。", "丙行。", "丁行。", "戊行。", "己行。", "庚行。", "辛行。", "壬行。", "癸行。", "子行。", "丑行。"}
	tests := []struct {
		name  string
		n     int   // how many lines
		extra int   // index of the line preceded by two blank lines, -1 for none
		want  []int // indexes of the lines with BlankBefore
	}{
		{"twelve lines, one double blank", 12, 7, []int{7}},
		{"twelve lines, no double blank", 12, -1, nil},
		{"eleven lines are enough", 11, 3, []int{3}},
		{"ten lines are too few: every blank counts", 10, 3, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for i, s := range texts[:tt.n] {
				if i == tt.extra {
					b.WriteString("\n")
				}
				b.WriteString(s + "\n\n")
			}
			doc := Clean(b.String(), Han)
			if len(doc.Lines) != tt.n {
				t.Fatalf("got %d lines, want %d", len(doc.Lines), tt.n)
			}
			var got []int
			for i, l := range doc.Lines {
				if l.Text != texts[i] {
					t.Errorf("line %d = %q, want %q", i, l.Text, texts[i])
				}
				if l.BlankBefore {
					got = append(got, i)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("BlankBefore on %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHanSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"概 念 说 明", "概念说明"},
		{"会议。  他还说", "会议。他还说"},
		{"第 2254 （2015） 号决议", "第2254（2015）号决议"},
		{"2016 年 10 月", "2016年10月"},
		{"S/2016/867  and   S/2016/868", "S/2016/867 and S/2016/868"},
		{"the OSCE 和 the African Union", "the OSCE和the African Union"},
		{"联合\t国", "联合国"},
		// Every kind of white space extraction leaves is recognised.
		{"联合\u00a0国", "联合国"},
		{"联合\u1680国", "联合国"},
		{"联合\u2003国", "联合国"},
		{"联合\u202f国", "联合国"},
		{"联合\u205f国", "联合国"},
		{"联合\u3000国", "联合国"},
		{"UN\u3000\u3000Women", "UN Women"},
		{"没有空格的句子。", "没有空格的句子。"},
		{"“和平” 与 “安全”", "“和平”与“安全”"},
	}
	for _, tt := range tests {
		if got := hanSpaces(tt.in); got != tt.want {
			t.Errorf("hanSpaces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		in   string
		sc   Script
		want float64
	}{
		{"联合国", Han, 3},
		{"UN", Han, 1},
		{"S/PV.7796", Han, 4.5},
		{"（以英语发言）：", Han, 8},
		{"“和平”", Han, 4},
		{"——", Han, 2},
		{"ＡＢ", Han, 2},
		{"第2254号", Han, 4},
		{"", Han, 0},
		{"peace", Latin, 5},
		{"联合国", Latin, 3},
		{"Mr. Smith", Latin, 9},
	}
	for _, tt := range tests {
		if got := Width(tt.in, tt.sc); got != tt.want {
			t.Errorf("Width(%q, %v) = %v, want %v", tt.in, tt.sc, got, tt.want)
		}
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		prev, next string
		sc         Script
		want       string
	}{
		{"安全理事会", "决定", Han, "安全理事会决定"},
		{"我们欢迎the", "OSCE的工作", Han, "我们欢迎the OSCE的工作"},
		{"欧洲安全与合作组织（OSCE", "）", Han, "欧洲安全与合作组织（OSCE）"},
		{"第2254", "号决议", Han, "第2254号决议"},
		{"OSCE", "2016年", Han, "OSCE2016年"},
		{"", "开头", Han, "开头"},
		{"结尾", "", Han, "结尾"},
		{"the", "Council", Latin, "the Council"},
		// Hyphenation is undone only between two lower-case letters.
		// Without knowing how the record spells the word, a line-end
		// hyphen between lower-case letters is kept.
		{"the peace-", "keeping operations", Latin, "the peace-keeping operations"},
		{"the Secretary-", "General", Latin, "the Secretary-General"},
		{"the pre-", "2015 period", Latin, "the pre-2015 period"},
		// A hyphen after a digit is a dash or a range: joined with a space.
		{"in 1990-", "1995", Latin, "in 1990- 1995"},
		{"-", "and", Latin, "- and"},
		{"", "start", Latin, "start"},
	}
	for _, tt := range tests {
		if got := Join(tt.prev, tt.next, tt.sc); got != tt.want {
			t.Errorf("Join(%q, %q, %v) = %q, want %q", tt.prev, tt.next, tt.sc, got, tt.want)
		}
	}
}

// TestCleanGluedFolioKeepsTextDigits: a folio glued into a sentence must
// not take the sentence's digits; the page count learned from whole-line
// folios says which digits are the folio's.
func TestCleanGluedFolioKeepsTextDigits(t *testing.T) {
	tests := []struct {
		in, want string
		pages    int
	}{
		{"1/6 25-01234\n其中载有2025年32/6 25-01234 S/PV.9999  非洲和平与安全  14/03/2025\n", "其中载有2025年3", 6},
		{"1/29 16-34838\n安理会第2334号决议16-34838 3/292025年通过。\n", "安理会第2334号决议2025年通过。", 29},
		{"1/7 25-01234\n成员注意S/2025/1002/7 25-01234\n", "成员注意S/2025/100", 7},
	}
	for _, tt := range tests {
		d := Clean(tt.in, Han)
		if n := len(d.Lines); n == 0 || d.Lines[n-1].Text != tt.want || d.Furniture.Pages != tt.pages {
			t.Errorf("Clean(%q) = %+v, pages %d; want %q, pages %d", tt.in, d.Lines, d.Furniture.Pages, tt.want, tt.pages)
		}
	}
}

// TestHyphens: a line-end hyphen is dropped when the record writes the
// word solid elsewhere or the second part is a suffix, and kept when the
// record writes the compound with its hyphen or nothing says otherwise.
func TestHyphens(t *testing.T) {
	lines := []Line{{Text: "peacekeeping and cross-border work, a follow-up"}}
	h := newHyphens(lines)
	for _, tt := range []struct {
		first, second string
		broken        bool
	}{
		{"peace", "keeping", true},    // written solid in the record
		{"cross", "border", false},    // written with its hyphen
		{"follow", "up", false},       // idem
		{"develop", "ment", true},     // a suffix
		{"imple", "mentation", false}, // unknown: kept
		{"co", "penholders", false},   // unknown: kept
		{"organi", "zations.", true},  // a suffix before punctuation
	} {
		if got := h.broken(tt.first, tt.second); got != tt.broken {
			t.Errorf("broken(%q, %q) = %v, want %v", tt.first, tt.second, got, tt.broken)
		}
	}
	var nilH *hyphens
	if nilH.broken("develop", "ment") {
		t.Error("without knowledge a hyphen must be kept")
	}
}
