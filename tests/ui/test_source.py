"""ui/source.py: the document around a citation, the quoted text highlighted."""

from __future__ import annotations

from assistant.answer import Citation
from ui.site import Site
from ui.source import around, cite_views, source_html, text_view, unique_citations

LINES = [
    "（二）政府采购情况",  # 1
    "",  # 2
    "总额 459.93 万元,其中:货物 147.81 万元、服务 312.12",  # 3
    "",  # 4
    "万元。授予中小企业合同金额 435.61 万元",  # 5
    "（三）国有资产占用情况",  # 6
    "车辆 12 辆",  # 7
]


def test_context_skips_blank_lines_and_marks_the_cited_ones():
    view = around(LINES, 3, 5, "总额 459.93 万元,其中:货物 147.81 万元、服务 312.12万元。", lines_around=1)
    assert [(line.number, line.cited) for line in view.lines] == [(3, True), (5, True), (6, False)]
    assert view.found


def test_a_quote_over_two_lines_is_marked_in_both():
    quote = "服务 312.12万元。"
    view = around(LINES, 3, 5, quote, lines_around=0)
    marks = {line.number: line.marks for line in view.lines}
    assert LINES[2][slice(*marks[3][0])] == "服务 312.12"
    assert LINES[4][slice(*marks[5][0])] == "万元。"


def test_a_quote_inside_a_line_marks_only_that_part():
    view = around(LINES, 3, 3, "货物 147.81 万元", lines_around=0)
    (line,) = view.lines
    assert line.marks == ((LINES[2].index("货物"), LINES[2].index("、")),)
    html = source_html(view)
    assert '<mark>货物 <span class="dqa-n">147.81</span> 万元</mark>、服务' in html
    assert '<span class="dqa-ln">3</span>' in html


def test_a_quote_not_found_verbatim_highlights_the_whole_cited_lines():
    view = around(LINES, 7, 7, "车辆十二辆", lines_around=1)
    assert not view.found
    assert '<div class="dqa-line dqa-cited"><span class="dqa-ln">7</span><span class="dqa-lt"><mark>车辆 <span class="dqa-n">12</span> 辆</mark></span></div>' in source_html(view)


def test_the_context_stops_at_the_document_edges():
    view = around(LINES, 1, 1, "（二）政府采购情况", lines_around=5)
    assert [line.number for line in view.lines] == [1, 3, 5, 6]


def test_document_text_is_escaped():
    view = around(["<b>粗</b>\t<script>x</script>"], 1, 1, "<script>x</script>", lines_around=0)
    html = source_html(view)
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "<mark>&lt;script&gt;x&lt;/script&gt;</mark>" in html
    assert "<script>" not in html


def test_a_real_citation_of_the_bundled_document(bot):
    answer = bot.ask("政府采购货物支出多少？")
    citation = answer.citations[0]
    html = source_html(text_view(bot.library.records(citation.doc), citation))
    assert '<mark><span class="dqa-n">2023</span> 年度政府采购支出总额 <span class="dqa-n">459.93</span> 万元' in html
    assert f'<span class="dqa-ln">{citation.line_start}</span>' in html


def test_a_text_citation_opens_its_lines_and_names_no_page(bot):
    citation = bot.ask("政府采购货物支出多少？").citations[0]
    (view,) = cite_views(Site(bot), [citation])
    assert view.page == {"n": 1, "kind": "text"} and view.document is None  # one document: not named
    assert "<mark>" in view.context and "147.81" in view.context


def test_a_citation_of_a_document_that_is_not_loaded(bot):
    missing = Citation(doc="nowhere-1999", section="一、", line_start=1, line_end=1, quote="x")
    (view,) = cite_views(Site(bot), [missing])
    assert view.page == {"n": 1, "kind": "none"} and view.context == ""
    assert "原文不在当前载入的文件中" in source_html(None)


def test_a_pdf_citation_opens_its_page_with_the_box_in_percent(pdf_bot):
    answer = pdf_bot.ask("一般公共服务支出多少", docs=["putuo-finance-2024"])
    row = answer.citations[0]
    assert (row.page, row.bbox, row.table) == (10, [66.6, 240.8, 775.4, 269.1], "支出决算表")
    (view,) = cite_views(Site(pdf_bot), [row])
    assert view.document == "上海市普陀区财政局 2024 年度"  # two documents: each citation names its own
    assert view.page["kind"] == "pdf" and view.page["page"] == 10 and view.page["pages"] == 25
    # a landscape page 842 × 595 pt: 66.6 / 842 = 7.9 %, 240.8 / 595 = 40.5 %
    assert view.page["box"] == [7.9, 40.5, 92.1, 45.2] and view.page["ratio"] == 0.7067


def test_repeated_citations_count_once():
    c = Citation(doc="d", section="一、", line_start=3, line_end=3, quote="甲 乙")
    other = c.model_copy(update={"line_start": 4, "line_end": 4})
    assert unique_citations([c, c.model_copy(update={"quote": "甲乙"}), other, c]) == [c, other]
