package page

import "testing"

func span(text string, x0, x1 float64, bold, italic bool) Span {
	return Span{Text: text, X0: x0, X1: x1, Size: 10, Bold: bold, Italic: italic}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name   string
		spans  []Span
		text   string
		bold   int
		italic bool
	}{
		{"one span", []Span{span("Hello world.", 0, 60, false, false)}, "Hello world.", 0, false},
		{"label in bold, its space in the span",
			[]Span{span("Mr. Smith ", 0, 50, true, false), span("(spoke in French): I thank", 50, 180, false, false)},
			"Mr. Smith (spoke in French): I thank", 10, false},
		{"a word gap between spans gets a space",
			[]Span{span("Mr. Smith", 0, 45, true, false), span("(France):", 48, 90, false, false)},
			"Mr. Smith (France):", 9, false},
		{"kerning is no space",
			[]Span{span("Secre", 0, 25, false, false), span("tary", 25.5, 45, false, false)},
			"Secretary", 0, false},
		{"a bold space alone is not bold",
			[]Span{span(" ", 0, 2, true, false), span("text", 2, 20, false, false)},
			" text", 0, false},
		{"italic with upright brackets",
			[]Span{span("(", 0, 3, false, false), span("spoke in English", 3, 70, false, true), span(")", 70, 73, false, false)},
			"(spoke in English)", 0, true},
		{"italic then upright letters", []Span{span("with 55 abstentions", 0, 80, false, true), span(" (resolution 65/195).", 80, 170, false, false)},
			"with 55 abstentions (resolution 65/195).", 0, false},
		{"all bold", []Span{span("Agenda item 27", 0, 70, true, false)}, "Agenda item 27", 14, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Line{Spans: tt.spans}
			if got := l.Text(); got != tt.text {
				t.Errorf("Text() = %q, want %q", got, tt.text)
			}
			if got := l.BoldPrefix(); got != tt.bold {
				t.Errorf("BoldPrefix() = %d, want %d", got, tt.bold)
			}
			if got := l.Italic(); got != tt.italic {
				t.Errorf("Italic() = %v, want %v", got, tt.italic)
			}
		})
	}
}

func TestSize(t *testing.T) {
	l := Line{Spans: []Span{{Text: "A", Size: 20}, {Text: "longer text here", Size: 10}, {Text: " ", Size: 30}}}
	if got := l.Size(); got != 10 {
		t.Errorf("Size() = %v, want the size of most letters, 10", got)
	}
}
