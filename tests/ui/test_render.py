"""ui/render.py: an Answer as escaped HTML — the figure first, the formula, the table, numbered citations."""

from __future__ import annotations

from html import unescape

import pytest

from assistant.answer import Answer, Calculation, Citation, FigureRef
from ui import render
from ui.source import CiteView

DOC = "urumqi-housing-2023"
PURCHASE = Citation(
    doc=DOC,
    section="十、其他重要事项的情况说明",
    line_start=237,
    line_end=237,
    quote="2023 年度政府采购支出总额 459.93 万元,其中:政府采购货物支出 147.81 万元、政府采购工程支出 0.00 万元、政府采购服务支出 312.12 万元。",
)


def figure(subject: str, value: str, unit: str = "万元", *, derived: bool = False, basis: str = "本年决算") -> FigureRef:
    return FigureRef(subject=subject, value=value, unit=unit, doc=DOC, basis=basis, derived=derived)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("483911.04", "万元", "483,911.04 万元"),
        ("147.81", "万元", "147.81 万元"),
        ("0.00", "万元", "0.00 万元"),
        ("91.26", "%", "91.26%"),
        ("8", "个", "8 个"),
        ("1,234.50", "万元", "1,234.50 万元"),
        ("约三成", "", "约三成"),
    ],
)
def test_money_keeps_the_stated_digits(value, unit, shown):
    assert render.money(value, unit) == shown


def test_a_figure_answer_leads_with_the_figure_then_numbered_citations():
    answer = Answer(question="政府采购货物支出多少？", kind="figure", answer="政府采购货物支出为 147.81 万元。", figures=[figure("政府采购货物支出", "147.81")], citations=[PURCHASE])
    views = [CiteView(PURCHASE, page={"n": 1, "kind": "text"}, context='<div class="dqa-source">context</div>')]
    html = render.answer_html(answer, views)
    assert html.index('<span class="dqa-value">147.81 万元</span>') < html.index("政府采购货物支出为") < html.index("[1] 十、其他重要事项的情况说明 · 第 237 行")
    assert '<button type="button" class="dqa-open" value="{&quot;n&quot;: 1, &quot;kind&quot;: &quot;text&quot;}" title="查看原文上下文">查看原文上下文</button>' in html
    assert '<div hidden class="dqa-ctx"><div class="dqa-source">context</div></div>' in html
    assert '政府采购货物支出 <span class="dqa-n">147.81</span> 万元、政府采购工程支出' in html


def test_the_html_has_no_blank_line_so_markdown_leaves_it_alone():
    answer = Answer(question="q", kind="text", answer="第一段。\n\n第二段。", citations=[PURCHASE])
    assert "\n" not in render.answer_html(answer)


def test_a_calculation_shows_formula_result_and_operands():
    calc = Calculation(
        expression="4213.97 / 4617.45 × 100",
        result="91.26",
        unit="%",
        operands=[figure("人员经费", "4213.97"), figure("一般公共预算财政拨款基本支出", "4617.45")],
    )
    answer = Answer(
        question="人员经费占基本支出的比例是多少？",
        kind="calculation",
        answer="人员经费占一般公共预算财政拨款基本支出的比例：4213.97 / 4617.45 × 100 = 91.26%。",
        figures=[figure("人员经费占一般公共预算财政拨款基本支出的比例", "91.26", "%", derived=True, basis="计算")],
        calculation=calc,
    )
    html = render.answer_html(answer)
    assert '<span class="dqa-value">91.26%</span>' in html
    assert '<div class="dqa-formula">4213.97 / 4617.45 × 100 = 91.26%</div>' in html
    assert '<span class="dqa-operand-value">4,213.97 万元</span> 人员经费' in html
    assert '<span class="dqa-operand-value">4,617.45 万元</span> 一般公共预算财政拨款基本支出' in html


def test_a_list_with_a_table_shows_the_table_instead_of_repeating_the_items():
    answer = Answer(
        question="执行率不到100%的项目有哪些？",
        kind="list",
        answer="执行率 < 100%的项目共 2 个：\n- 房产交易业务经费：执行率 74.82%\n- 班车租赁：执行率 96.80%",
        figures=[figure("执行率 < 100%的项目数", "2", "个", derived=True, basis="计数")],
        table=[{"项目": "房产交易业务经费", "执行率": "74.82%"}, {"项目": "班车租赁", "执行率": "96.80%"}],
    )
    html = render.answer_html(answer)
    assert '<span class="dqa-value">2 个</span>' in html
    assert "<th>项目</th><th>执行率</th>" in html
    assert '<td>房产交易业务经费</td><td class="dqa-num">74.82%</td>' in html
    assert "<li>房产交易业务经费：执行率 74.82%</li>" not in html


def test_a_list_without_a_table_keeps_its_items():
    answer = Answer(question="q", kind="text", answer="原因：\n- 办公费增加\n- 福利费增加")
    assert "<ul><li>办公费增加</li><li>福利费增加</li></ul>" in render.answer_html(answer)


@pytest.mark.parametrize("kind", ["refusal", "clarification", "text"])
def test_no_headline_figure_where_there_is_no_single_answer(kind):
    answer = Answer(question="q", kind=kind, answer="文件没有说明。", figures=[figure("甲", "1"), figure("乙", "2")])
    assert "dqa-value" not in render.answer_html(answer)


def test_citations_beyond_three_fold_away():
    cites = [PURCHASE.model_copy(update={"line_start": n, "line_end": n}) for n in range(300, 305)]
    html = render.answer_html(Answer(question="q", kind="list", answer="五项。", citations=cites))
    assert "出处（5）" in html
    assert '<summary>其余 2 条出处</summary><ol class="dqa-citations" start="4">' in html
    assert html.index("[3] 十、其他重要事项的情况说明 · 第 302 行") < html.index("其余 2 条出处") < html.index("[4] ")


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "</div><div onclick=alert(1)>",
    ],
)
def test_user_and_document_text_is_escaped(hostile):
    assert hostile not in render.user_html(hostile)
    assert render.user_html(hostile).startswith('<div class="dqa-question">&lt;')
    cite = PURCHASE.model_copy(update={"quote": hostile, "section": hostile})
    answer = Answer(question=hostile, kind="refusal", answer=f"文件没有提到“{hostile}”。", figures=[figure(hostile, "1")], citations=[cite], table=[{hostile: hostile}])
    html = render.answer_html(answer, {})
    assert hostile not in html
    assert "<script" not in html and "<img" not in html and "<div onclick" not in html


def test_a_tab_separated_row_shows_cell_boundaries():
    cite = PURCHASE.model_copy(update={"quote": "\t\t年度资金总额\t186.19\t\t139.30\t"})
    html = render.answer_html(Answer(question="q", kind="figure", answer="a", citations=[cite]))
    tab = '<span class="dqa-tab"> │ </span>'
    assert f'年度资金总额{tab}<span class="dqa-n">186.19</span>{tab}<span class="dqa-n">139.30</span></blockquote>' in html


ROW = Citation(
    doc="putuo-finance-2024", section="支出决算表", line_start=7, line_end=7, page=10, bbox=[66.6, 240.8, 775.4, 269.1],
    quote="201 一般公共服务支出 2,106.66 1,503.52 603.14", table="支出决算表",
    columns=["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
)


def test_a_table_row_is_quoted_under_its_column_names():
    html = render.quote_html(ROW)
    assert "<th>科目编码</th><th>科目名称</th><th>本年支出合计</th><th>基本支出</th><th>项目支出</th>" in html
    assert '<td class="dqa-num">201</td><td>一般公共服务支出</td><td class="dqa-num">2,106.66</td><td class="dqa-num">1,503.52</td><td class="dqa-num">603.14</td>' in html
    assert "《支出决算表》" in html


@pytest.mark.parametrize(
    ("quote", "columns", "cells"),
    [
        ("合计：预算数 0.95", ["项目", "财政拨款“三公”经费/合计/预算数"], [("项目", "合计：预算数"), ("财政拨款“三公”经费 › 合计 › 预算数", "0.95")]),
        ("2 机关 运行经费 10.00", ["序号", "项目", "金额"], [("序号", "2"), ("项目", "机关 运行经费"), ("金额", "10.00")]),  # a name with a space
        ("1 2 3", ["甲", "乙"], None),  # more numbers than columns: the quote stays a sentence
    ],
)
def test_row_cells_line_up_with_the_columns(quote, columns, cells):
    assert render.row_cells(ROW.model_copy(update={"quote": quote, "columns": columns})) == cells


def test_markup_from_the_document_is_stripped_from_quotes():
    cite = PURCHASE.model_copy(update={"quote": "**一、收入支出决算总体情况说明** `代码`"})
    assert render.quote_html(cite) == '<blockquote class="dqa-quote">一、收入支出决算总体情况说明 代码</blockquote>'


def test_a_citation_names_its_document_when_there_are_several():
    assert render.citation_label(2, ROW, "上海市普陀区财政局 2024 年度") == "[2] 上海市普陀区财政局 2024 年度 · 支出决算表 · 第 10 页第 7 行"
    assert render.citation_label(1, PURCHASE) == "[1] 十、其他重要事项的情况说明 · 第 237 行"


def test_clarification_choices_are_buttons_that_ask_again():
    answer = Answer(question="三公经费是多少？", kind="clarification", answer="请说明是哪个部门、哪一年度的：\n- 甲局 2024 年度\n- 乙局 2023 年度")
    html = render.answer_html(answer, [], choices=[("甲局 2024 年度", {"ask": "三公经费是多少？", "docs": ["a-2024"]})])
    assert '<button type="button" class="dqa-choice" value="{&quot;ask&quot;: &quot;三公经费是多少？&quot;, &quot;docs&quot;: [&quot;a-2024&quot;]}">甲局 2024 年度</button>' in html
    assert "<li>" not in html  # the listed documents are the buttons


def test_an_answer_carries_its_markdown_and_csv_for_copy_and_export():
    answer = Answer(question="=1+1 政府采购货物支出多少？", kind="figure", answer="政府采购货物支出为 147.81 万元。", figures=[figure("政府采购货物支出", "147.81")], citations=[PURCHASE])
    html = render.answer_html(answer)
    md = html.split('<pre hidden class="dqa-md">')[1].split("</pre>")[0]
    assert md.startswith("**问：** =1+1 政府采购货物支出多少？&#10;&#10;政府采购货物支出为 147.81 万元。&#10;&#10;出处：&#10;1. 十、其他重要事项的情况说明 · 第 237 行：")
    csv = unescape(html.split('<pre hidden class="dqa-csv">')[1].split("</pre>")[0])
    assert csv.splitlines()[:2] == ["问题,项目,数值,单位,出处", "'=1+1 政府采购货物支出多少？,政府采购货物支出,147.81,万元,十、其他重要事项的情况说明 · 第 237 行"]
