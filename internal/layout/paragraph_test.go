package layout

import (
	"reflect"
	"testing"
)

// linesOf numbers texts as consecutive source lines from 1.
func linesOf(texts ...string) []Line {
	out := make([]Line, len(texts))
	for i, s := range texts {
		out[i] = Line{Text: s, No: i + 1}
	}
	return out
}

// The Han cases are set in a column ten characters wide: a first line is
// eight (two cells of indent), a full line ten.
var (
	// Two paragraphs, each ending on a short line that closes a sentence.
	twoParas = []string{
		"本组织必须加强同区域",
		"组织的合作，以便更好",
		"地应对威胁。",
		"我们还认为，各国应当",
		"履行其承诺。",
	}
	firstPara = "本组织必须加强同区域组织的合作，以便更好地应对威胁。"
)

func TestParagraphsHan(t *testing.T) {
	tests := []struct {
		name     string
		lines    []string
		headings int
		breaks   []int // lines before which breakBefore is true
		want     []Para
	}{
		{
			name:  "short last line ending a sentence ends a paragraph",
			lines: twoParas,
			want: []Para{
				{Text: firstPara, Line: 1, Lines: 3},
				{Text: "我们还认为，各国应当履行其承诺。", Line: 4, Lines: 2},
			},
		},
		{
			name: "indented first line after a full line ending with 。 starts a paragraph",
			lines: []string{
				"我们欢迎昨天通过的决",
				"议，并呼吁各方执行。",
				"感谢秘书长的通报",
				"和各位通报人的发言。",
			},
			want: []Para{
				{Text: "我们欢迎昨天通过的决议，并呼吁各方执行。", Line: 1, Lines: 2},
				{Text: "感谢秘书长的通报和各位通报人的发言。", Line: 3, Lines: 2},
			},
		},
		{
			// The same sentence end before a full line: the shape cannot
			// tell, so the lines stay together.
			name: "full line ending with 。 before a full line runs on",
			lines: []string{
				"我们欢迎昨天通过的决",
				"议，并呼吁各方执行。",
				"感谢秘书长所作的通报",
				"和各位通报人的发言。",
			},
			want: []Para{
				{Text: "我们欢迎昨天通过的决议，并呼吁各方执行。感谢秘书长所作的通报和各位通报人的发言。", Line: 1, Lines: 4},
			},
		},
		{
			// An indented first line that happens to end a sentence,
			// followed by a full line, is not a paragraph of its own.
			name: "indented first line ending a sentence runs on",
			lines: append(twoParas[:3:3],
				"我谨发言如下两点。",
				"第一，冲突各方必须立",
				"即停止敌对行动。"),
			want: []Para{
				{Text: firstPara, Line: 1, Lines: 3},
				{Text: "我谨发言如下两点。第一，冲突各方必须立即停止敌对行动。", Line: 4, Lines: 3},
			},
		},
		{
			name:  "a line ending with an opening bracket runs on",
			lines: append(twoParas[:3:3], "请参阅《", "联合国宪章》第八章。"),
			want: []Para{
				{Text: firstPara, Line: 1, Lines: 3},
				{Text: "请参阅《联合国宪章》第八章。", Line: 4, Lines: 2},
			},
		},
		{
			// The contrast: the same short line without the bracket.
			name:  "a very short line ends a paragraph even without punctuation",
			lines: append(twoParas[:3:3], "请参阅", "联合国宪章的第八章。"),
			want: []Para{
				{Text: firstPara, Line: 1, Lines: 3},
				{Text: "请参阅", Line: 4, Lines: 1},
				{Text: "联合国宪章的第八章。", Line: 5, Lines: 1},
			},
		},
		{
			name: "a short line without punctuation stays with the next",
			lines: []string{
				"本组织必须加强同区域",
				"组织的合作，以便更好",
				"地应对各种威胁",
				"我们还认为，各国应当",
				"履行其承诺。",
			},
			want: []Para{
				{Text: "本组织必须加强同区域组织的合作，以便更好地应对各种威胁我们还认为，各国应当履行其承诺。", Line: 1, Lines: 5},
			},
		},
		{
			// A line short only because the next word (here a Latin
			// acronym) would not fit says nothing about a paragraph end.
			name:  "a sentence end short because the next word did not fit runs on",
			lines: append(twoParas[:4:4], "合作并执行决议。", "UNAMA的任务很重要。"),
			want: []Para{
				{Text: firstPara, Line: 1, Lines: 3},
				{Text: "我们还认为，各国应当合作并执行决议。UNAMA的任务很重要。", Line: 4, Lines: 3},
			},
		},
		{
			name:  "the same sentence end before a Chinese word ends the paragraph",
			lines: append(twoParas[:4:4], "合作并执行决议。", "联合国的任务很重要。"),
			want: []Para{
				{Text: firstPara, Line: 1, Lines: 3},
				{Text: "我们还认为，各国应当合作并执行决议。", Line: 4, Lines: 2},
				{Text: "联合国的任务很重要。", Line: 6, Lines: 1},
			},
		},
		{
			name:     "a heading shorter than the column ends in the headings zone",
			lines:    append([]string{"维护国际和平与安全"}, twoParas...),
			headings: 1,
			want: []Para{
				{Text: "维护国际和平与安全", Line: 1, Lines: 1},
				{Text: firstPara, Line: 2, Lines: 3},
				{Text: "我们还认为，各国应当履行其承诺。", Line: 5, Lines: 2},
			},
		},
		{
			// Outside the headings zone the same line is prose that
			// runs on.
			name:  "the same line outside the headings zone runs on",
			lines: append([]string{"维护国际和平与安全"}, twoParas...),
			want: []Para{
				{Text: "维护国际和平与安全" + firstPara, Line: 1, Lines: 4},
				{Text: "我们还认为，各国应当履行其承诺。", Line: 5, Lines: 2},
			},
		},
		{
			name:     "a full-width heading line continues the heading",
			lines:    append([]string{"联合国与区域组织合作", "的问题"}, twoParas...),
			headings: 2,
			want: []Para{
				{Text: "联合国与区域组织合作的问题", Line: 1, Lines: 2},
				{Text: firstPara, Line: 3, Lines: 3},
				{Text: "我们还认为，各国应当履行其承诺。", Line: 6, Lines: 2},
			},
		},
		{
			name:   "breakBefore forces a break",
			lines:  twoParas,
			breaks: []int{1},
			want: []Para{
				{Text: "本组织必须加强同区域", Line: 1, Lines: 1},
				{Text: "组织的合作，以便更好地应对威胁。", Line: 2, Lines: 2},
				{Text: "我们还认为，各国应当履行其承诺。", Line: 4, Lines: 2},
			},
		},
		{
			// No width is common: text never wrapped to a column.
			name: "unwrapped text is one paragraph a line",
			lines: []string{
				"上午10时开会。",
				"议程通过。",
				"联合国与区域和次区域组织在维护国际和平与安全方面的合作",
				"主席：我宣布会议开始，现在请秘书长发言。",
				"秘书长：我感谢安理会给我这个机会。",
			},
			want: []Para{
				{Text: "上午10时开会。", Line: 1, Lines: 1},
				{Text: "议程通过。", Line: 2, Lines: 1},
				{Text: "联合国与区域和次区域组织在维护国际和平与安全方面的合作", Line: 3, Lines: 1},
				{Text: "主席：我宣布会议开始，现在请秘书长发言。", Line: 4, Lines: 1},
				{Text: "秘书长：我感谢安理会给我这个机会。", Line: 5, Lines: 1},
			},
		},
		{
			// Two full lines are not enough to call a width a column.
			name:  "two full lines do not make a column",
			lines: twoParas[:3],
			want: []Para{
				{Text: "本组织必须加强同区域", Line: 1, Lines: 1},
				{Text: "组织的合作，以便更好", Line: 2, Lines: 1},
				{Text: "地应对威胁。", Line: 3, Lines: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var bb func(int) bool
			if tt.breaks != nil {
				bb = func(i int) bool {
					for _, b := range tt.breaks {
						if b == i {
							return true
						}
					}
					return false
				}
			}
			got := Paragraphs(linesOf(tt.lines...), Han, tt.headings, bb)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// A blank line before a line breaks the paragraph however the lines look.
func TestParagraphsBlankBefore(t *testing.T) {
	lines := linesOf(twoParas...)
	lines[1].BlankBefore = true
	got := Paragraphs(lines, Han, 0, nil)
	want := []Para{
		{Text: "本组织必须加强同区域", Line: 1, Lines: 1},
		{Text: "组织的合作，以便更好地应对威胁。", Line: 2, Lines: 2},
		{Text: "我们还认为，各国应当履行其承诺。", Line: 4, Lines: 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
	if got := Paragraphs(nil, Han, 0, nil); got != nil {
		t.Errorf("no lines: got %+v, want nil", got)
	}
}

func TestParagraphsLatin(t *testing.T) {
	lines := linesOf(
		"The Security Council must strengthen its",
		"partnership with regional and subregional",
		"organizations in the maintenance of peace",
		"and security, as Chapter VIII of the",
		"Charter envisages.",
		"We all believe that the peace-",
		"keeping operations deployed in the field",
		"need robust and realistic mandates, with",
		"adequate resources and clear exit",
		"strategies that the host States support",
		"fully.",
		"Finally, I thank all the briefers today.",
	)
	want := []Para{
		{Text: "The Security Council must strengthen its partnership with regional and subregional " +
			"organizations in the maintenance of peace and security, as Chapter VIII of the Charter envisages.", Line: 1, Lines: 5},
		// The hyphen between two lower-case letters is undone; a line
		// short only because "strategies" did not fit runs on.
		{Text: "We all believe that the peace-keeping operations deployed in the field need robust and realistic " +
			"mandates, with adequate resources and clear exit strategies that the host States support fully.", Line: 6, Lines: 6},
		{Text: "Finally, I thank all the briefers today.", Line: 12, Lines: 1},
	}
	got := Paragraphs(lines, Latin, 0, nil)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
}
