package render_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/verbatim-un/verbatim/internal/render"
	"github.com/verbatim-un/verbatim/record"
)

func ptr[T any](v T) *T { return &v }

// meeting is a small Chinese record with every part a transcript shows:
// agenda items, events outside and inside speeches, a vote, unclassified
// text and warnings.
func meeting() *record.Meeting {
	return &record.Meeting{
		Symbol:   "S/PV.9999",
		Body:     "安全理事会",
		Language: "zh",
		Date:     "2025-03-14",
		Opened:   "10:00",
		Closed:   "11:05",
		Agenda: []record.Item{
			{Title: "维持国际和平与安全", Subtitle: "区域组织的作用\n第二行", Notes: []string{"2025年3月1日秘书长的信（S/2025/100）"}},
			{Title: "非洲和平与安全"},
		},
		Events: []record.Event{
			{Type: record.EventOpened, Time: "10:00", Text: "上午10时开会。"},
			{Type: record.EventAgendaAdopted, Text: "议程通过。"},
			// Inside a speech an invitation is part of the paragraph: not
			// printed again.
			{Type: record.EventInvitation, Speech: 1, After: 1, Rule: 37, Text: "根据暂行议事规则第37条，我邀请乌克兰代表参加本次会议。"},
			{Type: record.EventVote, Speech: 1, After: 1, Text: "表决结果如下：13票赞成、0票反对、2票弃权。",
				Vote: &record.Vote{Draft: "S/2025/150", Resolution: "S/RES/2770 (2025)", Yes: 13, No: 0, Abstain: 2,
					InFavour: []string{"CHN", "FRA"}, Abstaining: []string{"RUS", "DZA"}}},
			{Type: record.EventSuspended, After: 1, Time: "10:30", Text: "上午10时30分会议暂停。"},
			{Type: record.EventAdjourned, After: 2, Time: "11:05", Text: "上午11时5分散会。"},
		},
		Speeches: []record.Speech{
			{Seq: 1, Speaker: "主席", Role: record.RolePresident, Language: "ru", Label: "主席（以俄语发言）：", Item: 1,
				Paragraphs: []string{"我宣布会议开始。", "安理会现在开始审议议程项目1。"}},
			{Seq: 2, Speaker: "拉森", Title: "女士", Role: record.RoleMember, Language: "en", Item: 2,
				Affiliation: &record.Affiliation{Name: "丹麦", Code: "DNK", Kind: record.KindState},
				OnBehalfOf:  ptr("EU"), Label: "拉森女士（丹麦）（以英语发言）：",
				Paragraphs: []string{"丹麦赞同这项决议。"}},
		},
		Unclassified: []record.Text{{After: 1, Line: 40, Text: "（下文未能归类）"}},
		Warnings: []record.Warning{
			{Code: "unclassified", Message: "无法识别的段落", Line: 40},
			{Code: "no-cover", Message: "没有封面"},
		},
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name string
		m    *record.Meeting
		want string
	}{
		{"Chinese record", meeting(), `# S/PV.9999

安全理事会 · 2025-03-14 · 开会 10:00 · 散会 11:05

## 议程

1. 维持国际和平与安全 — 区域组织的作用 第二行
   - 2025年3月1日秘书长的信（S/2025/100）
2. 非洲和平与安全

*上午10时开会。*

*议程通过。*

## 维持国际和平与安全

### 1. 主席 (president; 发言语言 ru)

我宣布会议开始。

安理会现在开始审议议程项目1。

*表决 S/2025/150: 13–0–2 → S/RES/2770 (2025)*

- 赞成: CHN, FRA
- 弃权: RUS, DZA

*上午10时30分会议暂停。*

> （下文未能归类）

## 非洲和平与安全

### 2. 拉森女士 (丹麦 [DNK]; member; 代表 EU; 发言语言 en)

丹麦赞同这项决议。

*上午11时5分散会。*

## 警告

- line 40: 无法识别的段落
- 没有封面
`},
		// A language without interface words falls back to English; the
		// title goes before a Latin name; no symbol gives a generic title.
		{"fallback words and Latin names", &record.Meeting{
			Language: "fr",
			Speeches: []record.Speech{
				{Seq: 1, Speaker: "Dupont", Title: "M.", Role: record.RolePresident, NationalCapacity: true, Language: "fr",
					Affiliation: &record.Affiliation{Name: "France", Code: "FRA", Kind: record.KindState},
					Paragraphs:  []string{"Je vous remercie."}},
				{Seq: 2, Speaker: "Amani", Role: record.RoleBriefer, Language: "",
					Affiliation: &record.Affiliation{Name: "Some Organization", Kind: record.KindOrganization},
					Paragraphs:  []string{"Thank you."}},
			},
			Warnings: []record.Warning{{Code: "language", Message: "unknown language note"}},
		}, `# Meeting record

### 1. M. Dupont (France [FRA]; president; in national capacity; spoke in fr)

Je vous remercie.

### 2. Amani (Some Organization; briefer; spoke in )

Thank you.

## Warnings

- unknown language note
`},
		// A vote outside speeches prints its count even without country
		// lists; a vote event without a vote prints nothing; an event
		// placed past the last speech is still printed.
		{"vote outside speeches, late event", &record.Meeting{
			Symbol:   "S/PV.1",
			Language: "en",
			Events: []record.Event{
				{Type: record.EventVote, After: 0, Vote: &record.Vote{Yes: 15}},
				{Type: record.EventVote, After: 0},
				{Type: record.EventAdjourned, After: 5, Text: "The meeting rose at 1 p.m."},
			},
		}, "# S/PV.1\n\n*Vote: 15–0–0*\n\n\n*The meeting rose at 1 p.m.*\n\n"},
		// An adoption without a vote has no count: no 0–0–0.
		{"adopted without a vote", &record.Meeting{
			Symbol:   "A/99/PV.1",
			Language: "en",
			Events: []record.Event{
				{Type: record.EventVote, Vote: &record.Vote{Draft: "A/99/L.1", Resolution: "A/RES/99/1", Method: record.MethodWithoutVote}},
			},
		}, "# A/99/PV.1\n\n*Vote A/99/L.1: adopted without a vote → A/RES/99/1*\n\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := render.Markdown(&b, tt.m); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		m    *record.Meeting
		want string
	}{
		// Country names come from the gazetteer in the record's language.
		{"Chinese record", meeting(), `S/PV.9999 安全理事会 2025-03-14

主席:
  我宣布会议开始。
  安理会现在开始审议议程项目1。

拉森女士 (丹麦):
  丹麦赞同这项决议。

`},
		{"Latin names, unknown code, no code", &record.Meeting{
			Symbol: "S/PV.1", Body: "Security Council", Language: "en", Date: "2025-03-14",
			Speeches: []record.Speech{
				{Seq: 1, Speaker: "Smith", Title: "Mr.", Affiliation: &record.Affiliation{Name: "Denmark", Code: "DNK"},
					Paragraphs: []string{"Thank you, Madam President."}},
				{Seq: 2, Speaker: "Amani", Affiliation: &record.Affiliation{Name: "Atlantis", Code: "ATL"},
					Paragraphs: []string{"First.", "Second."}},
				{Seq: 3, Speaker: "Chen", Title: "Ms.", Affiliation: &record.Affiliation{Name: "Some Organization"}},
			},
		}, `S/PV.1 Security Council 2025-03-14

Mr. Smith (Denmark):
  Thank you, Madam President.

Amani (ATL):
  First.
  Second.

Ms. Chen:

`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := render.Text(&b, tt.m); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	small := &record.Meeting{Symbol: "S/PV.1", Body: "安全理事会", Language: "zh",
		Warnings: []record.Warning{{Code: "c", Message: "<b> & </b>"}}}
	// HTML characters are written as they are, not as \u003c.
	const smallJSON = `{
  "symbol": "S/PV.1",
  "body": "安全理事会",
  "language": "zh",
  "date": "",
  "opened": "",
  "closed": "",
  "agenda": null,
  "events": null,
  "speeches": null,
  "references": null,
  "warnings": [
    {
      "code": "c",
      "message": "<b> & </b>"
    }
  ]
}
`
	second := &record.Meeting{Symbol: "S/PV.2", Language: "zh"}
	tests := []struct {
		name  string
		ms    []*record.Meeting
		array bool
		want  string
	}{
		{"one meeting is an object", []*record.Meeting{small}, false, smallJSON},
		{"no meetings as an array", nil, true, "[]\n"},
		{"several meetings are an array", []*record.Meeting{small, second}, true, ""},
		{"one meeting as an array", []*record.Meeting{small}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := render.JSON(&b, tt.ms, tt.array); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if tt.want != "" {
				if got != tt.want {
					t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
				}
				return
			}
			var back []record.Meeting
			if err := json.Unmarshal(b.Bytes(), &back); err != nil {
				t.Fatalf("not a JSON array: %v\n%s", err, got)
			}
			if len(back) != len(tt.ms) {
				t.Fatalf("got %d meetings, want %d", len(back), len(tt.ms))
			}
			for i, m := range tt.ms {
				if back[i].Symbol != m.Symbol {
					t.Errorf("meeting %d: symbol %q, want %q", i, back[i].Symbol, m.Symbol)
				}
			}
			if !bytes.Contains(b.Bytes(), []byte(`"message": "<b> & </b>"`)) {
				t.Errorf("HTML escaped in an array:\n%s", got)
			}
		})
	}
}
