#!/bin/sh
# Counts, on the English corpus PDFs, the parse defects of issue 9 (adoptions
# without a vote, the Acting President's state, agenda titles, votes on
# paragraphs, labels). Usage: scripts/parse-defects.sh VERBATIM_BINARY [CORPUS]
v=$1; c=${2:-../shared/corpus}/en/pdf
p() { $v parse -q "$c/$1-EN.pdf" 2>/dev/null; }
for r in A_64_PV.121 A_61_PV.107 A_76_PV.102; do
  echo "$r adoptions without a vote (vote events, method without-vote): $(p $r | jq '[.events[]|select(.type=="vote" and .vote.method=="without-vote")]|length')"
done
echo "A_65_PV.71 votes: $(p A_65_PV.71 | jq '[.events[]|select(.type=="vote")]|length'), without a vote: $(p A_65_PV.71 | jq '[.events[]|select(.type=="vote" and .vote.method=="without-vote")]|length'), drawn 0–0–0 in --format md: $($v parse -q --format md $c/A_65_PV.71-EN.pdf | grep -c '0–0–0')"
echo "A_79_PV.29 Acting President turns by state: $(p A_79_PV.29 | jq -c '[.speeches[]|select(.speaker=="The Acting President")|.affiliation.code]|group_by(.)|map({(.[0]):length})|add')"
echo "agenda titles empty/masthead/./bracket/absence, all 26 PDFs: $(for f in $c/*.pdf; do $v parse -q "$f" 2>/dev/null | jq -c '.agenda[]|.title'; done | grep -c -E '^""$|^"GENERAL|^"\."$|^"\[|^"In the absence')"
echo "A_79_PV.29 items 73-74 titles: $(p A_79_PV.29 | jq -c '[.agenda[]|select(.number=="73" or .number=="74")|.title]')"
echo "A_50_PV.33 items 10, 36 titles: $(p A_50_PV.33 | jq -c '[.agenda[]|select(.number=="10" or .number=="36")|.title]')"
echo "S_PV.8422 agenda: $(p S_PV.8422 | jq -c '[.agenda[].title]')"
echo "A_71_PV.1 agenda numbers: $($v parse -q $c/A_71_PV.1-EN-pages1-2.pdf | jq -c '[.agenda[].number]'), speakers named like a heading: $($v parse -q $c/A_71_PV.1-EN-pages1-2.pdf | jq '[.speeches[]|select(.label|test("Assembly The"))]|length')"
echo "A_48_PV.46 votes on paragraphs without a draft: $(p A_48_PV.46 | jq '[.events[]|select(.type=="vote" and (.vote.title//""|test("paragraph")) and (.vote.draft//"")=="")]|length') of $(p A_48_PV.46 | jq '[.events[]|select(.type=="vote" and (.vote.title//""|test("paragraph")))]|length')"
echo "A_61_PV.107 Briz Gutiérrez: $(p A_61_PV.107 | jq -c '[.speeches[]|select(.speaker|test("Briz"))|[.affiliation.code,.language]]')"
