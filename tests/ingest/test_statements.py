"""ingest/statements: the nine statutory tables of the corpus documents, read into typed rows.

Exact values, pages and boxes from the published PDF (上海市普陀区财政局 2024), the two page-text
exports (文化和旅游局 2025, 石泉路街道 2025) and the blank Shanghai template.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from corpus import CULTURE_TEXT, FINANCE_PDF, STREET_TEXT, TEMPLATE_PDF
from ingest.pipeline import parse_file, parse_source
from ingest.read import source_from_bytes
from ingest.records import DocumentRecords, StatementRow

NINE = {
    "income_expense_summary", "income", "expense", "fiscal_summary", "general_budget_expense",
    "general_budget_basic", "three_public", "gov_fund", "state_capital",
}


@pytest.fixture(scope="module")
def finance() -> DocumentRecords:
    return parse_file(FINANCE_PDF)


@pytest.fixture(scope="module")
def culture() -> DocumentRecords:
    return parse_file(CULTURE_TEXT)


@pytest.fixture(scope="module")
def street() -> DocumentRecords:
    return parse_file(STREET_TEXT)


@pytest.fixture(scope="module")
def template() -> DocumentRecords:
    return parse_file(TEMPLATE_PDF)


def table(rec: DocumentRecords, kind: str):
    (t,) = [t for t in rec.statements if t.kind == kind]
    return t


def row(rec: DocumentRecords, kind: str, key: str, side: str | None = None) -> StatementRow:
    rows = [r for r in table(rec, kind).rows if (r.code == key or r.name == key) and (side is None or r.side == side)]
    assert len(rows) == 1, [(r.code, r.name, r.side) for r in rows]
    return rows[0]


def amounts(r: StatementRow) -> dict[str, str]:
    """The filled cells of a row: normalised column → the cell as printed."""
    return {a.column: a.raw for a in r.amounts if a.raw}


# -- the published PDF ------------------------------------------------------------------------------
def test_the_pdf_has_its_department_year_region_and_pages(finance):
    info = finance.info
    assert (info.department, info.year, info.region, info.level) == ("上海市普陀区财政局", 2024, "上海市普陀区", "区")
    assert (info.format, info.pages) == ("pdf", 25)


def test_every_statutory_table_of_the_pdf_is_found_once_with_its_pages(finance):
    kinds = Counter(t.kind for t in finance.statements)
    assert set(kinds) == NINE and set(kinds.values()) == {1}
    pages = {t.kind: t.pages for t in finance.statements}
    assert pages["income_expense_summary"] == [6, 7]  # continued on the next page, header on the first only
    assert pages["income"] == [8, 9] and pages["expense"] == [10, 11] and pages["fiscal_summary"] == [12, 13]
    assert pages["general_budget_basic"] == [16, 17] and pages["three_public"] == [18]


@pytest.mark.parametrize(
    ("kind", "code", "page", "cells"),
    [
        ("expense", "2010601", 10, {"本年支出合计": "1,511.89", "基本支出": "1,503.52", "项目支出": "8.37"}),
        ("expense", "2010607", 10, {"本年支出合计": "135.25", "项目支出": "135.25"}),
        ("expense", "2210201", 11, {"本年支出合计": "187.19", "基本支出": "187.19"}),
        ("income", "2010601", 8, {"本年收入合计": "1,511.90", "财政拨款收入": "1,511.89", "其他收入": "0.01"}),
        ("income", "2101101", 9, {"本年收入合计": "60.99", "财政拨款收入": "60.99"}),
        ("general_budget_expense", "2010601", 15, {"合计": "1,511.89", "基本支出": "1,503.52", "项目支出": "8.37"}),
        ("general_budget_basic", "30201", 16, {"决算数": "21.21"}),
        ("general_budget_basic", "30299", 17, {"决算数": "11.53"}),
    ],
)
def test_pdf_rows_carry_their_code_columns_and_page(finance, kind, code, page, cells):
    r = row(finance, kind, code)
    assert amounts(r) == cells
    assert r.page == page


def test_codes_in_three_cells_become_one_code_with_level_and_parent(finance):
    r = row(finance, "expense", "2010601")
    assert (r.name, r.level, r.parent, r.classification) == ("行政运行", "项", "20106", "功能分类")
    assert (row(finance, "expense", "20106").level, row(finance, "expense", "201").level) == ("款", "类")
    assert row(finance, "general_budget_basic", "30201").classification == "经济分类"


def test_a_row_is_quoted_as_printed_with_its_box_on_the_page(finance):
    r = row(finance, "expense", "2010601")
    assert r.quote == "201 06 01 行政运行 1,511.89 1,503.52 8.37"
    x0, top, x1, bottom = r.bbox
    assert 0 < x0 < x1 <= 842 and 0 < top < bottom <= 595  # a landscape page
    assert [a.printed for a in r.amounts[:3]] == ["本年支出合\n计".replace("\n", ""), "基本支出", "项目支\n出".replace("\n", "")]


def test_blank_cells_are_blank_not_zero(finance):
    r = row(finance, "expense", "2010602")
    assert r.amount("基本支出").value is None and r.amount("基本支出").raw == ""
    assert r.amount("项目支出").value == Decimal("10.00")


def test_the_summary_table_has_two_halves_stitched_over_two_pages(finance):
    assert amounts(row(finance, "income_expense_summary", "本年收入合计", "收入")) == {"决算数": "2,946.25"}
    assert amounts(row(finance, "income_expense_summary", "本年支出合计", "支出")) == {"决算数": "2,940.05"}
    carried = row(finance, "income_expense_summary", "年初结转和结余", "收入")
    assert amounts(carried) == {"决算数": "49.14"} and carried.page == 7
    assert amounts(row(finance, "income_expense_summary", "八、其他收入", "收入")) == {"决算数": "6.20"}


def test_the_fiscal_summary_reads_its_fund_columns_and_sub_items(finance):
    housing = row(finance, "fiscal_summary", "十九、住房保障支出", "支出")
    assert amounts(housing) == {"合计": "445.69", "一般公共预算财政拨款": "445.69"}
    sub = [r for r in table(finance, "fiscal_summary").rows if r.parent == "年初财政拨款结转和结余"]
    assert [(r.name, amounts(r)) for r in sub] == [
        ("一、一般公共预算财政拨款", {"决算数": "21.63"}),
        ("二、政府性基金预算财政拨款", {}),
        ("三、国有资本经营预算财政拨款", {}),
    ]


def test_the_three_public_table_is_read_per_item_and_measure(finance):
    t = table(finance, "three_public")
    assert [r.name for r in t.rows] == ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    assert amounts(row(finance, "three_public", "合计")) == {"年初预算数": "0.95"}
    assert amounts(row(finance, "three_public", "公务接待费")) == {"年初预算数": "0.95"}
    assert row(finance, "three_public", "公务用车购置费").parent == "公务用车购置及运行维护费"


def test_the_basic_expenditure_halves_and_totals(finance):
    assert amounts(row(finance, "general_budget_basic", "人员经费合计")) == {"决算数": "2,152.26"}
    assert amounts(row(finance, "general_budget_basic", "公用经费合计")) == {"决算数": "184.65"}
    assert row(finance, "general_budget_basic", "30212").name == "因公出国（境）费用"  # spaced letters rejoined


def test_a_table_stated_empty_keeps_its_statement(finance):
    t = table(finance, "gov_fund")
    assert t.empty and t.empty_note == "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"
    assert table(finance, "state_capital").empty
    assert not table(finance, "expense").empty


def test_pdf_narrative_lines_rejoin_digits_printed_on_a_lower_baseline(finance):
    page21 = [(finance.lines[n - 1], p) for n, p in enumerate(finance.places, 1) if p.page == 21]
    assert ("上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入", 4) in [(t, p.line) for t, p in page21]
    figure = next(f for f in finance.figures if f.subject == "基本支出" and f.basis == "本年决算")
    assert figure.value == Decimal("2336.91")
    assert finance.place(figure.line_start).page == 21


def test_every_number_of_the_pdf_is_read_or_classified_per_page(finance):
    assert len(finance.page_coverage) == 25
    assert finance.coverage.percent >= Decimal("99.0")
    table_pages = [finance.page_coverage[p - 1] for p in (8, 10, 15, 16)]
    assert all(c.unparsed == 0 and c.in_records > 0 for c in table_pages)


# -- text exports (page texts, form feeds) -----------------------------------------------------------
def test_a_text_export_has_pages_from_its_form_feeds(culture):
    assert (culture.info.department, culture.info.year, culture.info.pages) == ("上海市普陀区文化和旅游局", 2025, 33)
    r = row(culture, "expense", "2070101")
    assert (r.page, culture.place(r.line).file_line) == (10, 169)


@pytest.mark.parametrize(
    ("kind", "code", "cells"),
    [
        ("expense", "2070101", {"本年支出合计": "457.86", "基本支出": "454.06", "项目支出": "3.79"}),
        # blank cells were dropped: the column comes from the sums (20701's 基本支出 is its 3-amount children's)
        ("expense", "2070105", {"本年支出合计": "1,700.57", "项目支出": "1,700.57"}),
        ("expense", "2080505", {"本年支出合计": "699.30", "基本支出": "699.30"}),
        ("income", "2070101", {"本年收入合计": "457.86", "财政拨款收入": "457.86"}),
        ("general_budget_basic", "30108", {"决算数": "699.30"}),
    ],
)
def test_text_rows_get_their_columns_back(culture, kind, code, cells):
    assert amounts(row(culture, kind, code)) == cells


def test_the_total_row_is_anchored_by_the_narrative_and_the_summary(culture):
    assert amounts(row(culture, "expense", "合计")) == {"本年支出合计": "26,538.47", "基本支出": "9,800.36", "项目支出": "16,738.11"}
    assert amounts(row(culture, "income", "合计")) == {"本年收入合计": "26,538.47", "财政拨款收入": "26,538.47"}


def test_wrapped_names_are_rejoined_around_their_code_line(culture):
    assert row(culture, "expense", "2080505").name == "机关事业单位基本养老保险缴费支出"
    assert row(culture, "expense", "21219").name == "国有土地使用权出让收入对应专项债务收入安排的支出"
    assert row(culture, "general_budget_basic", "30108").name == "机关事业单位基本养老保险缴费"
    assert row(culture, "general_budget_basic", "30109").name == "职业年金缴费"


def test_an_amount_that_cannot_be_placed_keeps_its_candidates(culture):
    unplaced = [(r.code, a) for t in culture.statements for r in t.rows for a in r.amounts if a.column is None]
    assert unplaced, "the culture export has amounts no arithmetic can place"
    assert all(len(a.candidates) >= 2 for _, a in unplaced)


def test_three_public_in_a_text_export(culture, street):
    assert amounts(row(culture, "three_public", "合计")) == {"年初预算数": "11.49", "决算数": "3.04"}
    assert amounts(row(culture, "three_public", "公务接待费")) == {"年初预算数": "2.11", "决算数": "0.40"}
    # ten amounts for twelve cells: the only placement where 合计 = Σ items and 公务用车 = 购置 + 运行
    assert amounts(row(street, "three_public", "公务用车购置及运行维护费")) == {"年初预算数": "52.40", "决算数": "37.35"}
    assert amounts(row(street, "three_public", "公务接待费")) == {"年初预算数": "1.53", "决算数": "0"}
    assert amounts(row(street, "three_public", "因公出国（境）费")) == {}


def test_a_street_office_is_recognised(street):
    assert (street.info.department, street.info.region) == ("上海市普陀区人民政府石泉路街道办事处", "上海市普陀区")
    assert set(t.kind for t in street.statements) == NINE
    assert table(street, "gov_fund").empty and "故本表无数据" in table(street, "gov_fund").empty_note


def test_a_header_cell_wrapped_onto_its_own_line_stays_in_the_header(street):
    # "科目编码" is printed as "科目编" over "码", the "码" alone on the line above the first row
    basic = table(street, "general_budget_basic")
    assert [(r.code, r.name, amounts(r)) for r in basic.rows[:4]] == [
        ("301", "工资福利支出", {"决算数": "11,627.59"}),
        ("302", "商品和服务支出", {"决算数": "2,195.60"}),
        ("30101", "基本工资", {"决算数": "768.18"}),
        ("30201", "办公费", {"决算数": "649.22"}),
    ]
    assert row(street, "general_budget_basic", "301").amounts[0].value == Decimal("11627.59")


def _text_table(title: str, lines: list[str]) -> DocumentRecords:
    text = "\n".join(["某某市某某局2024年度部门决算", "", title, "单位：万元", *lines, "注：本表反映部门本年度支出情况。", ""])
    return parse_source(source_from_bytes(text.encode("utf-8"), "mouxx-bureau-2024-final-accounts.txt"))


BASIC_ROWS = ["301 工资福利支出 120.50 302 商品和服务支出 40.25", "30101 基本工资 80.00 30201 办公费 40.25",
              "30102 津贴补贴 40.50"]


@pytest.mark.parametrize(
    "header",
    [
        ["科目名称 决算数 科目名称 决算数", "科目编 科目编", "码 码"],  # 科目编 / 码
        ["科目编码 科目名 决算数 科目编码 科目名 决算数", "称 称"],  # 科目名 / 称
        ["科目编码 科目名称 决算 科目编码 科目名称 决算", "数 数"],  # 决算 / 数
        ["科目名称 决算数 科目名称 决算数", "科目编码 科目编", "码"],  # one half's cell wrapped
    ],
)
def test_the_wrapped_end_of_a_header_cell_is_not_the_first_rows_name(header):
    rec = _text_table("一般公共预算财政拨款基本支出决算表", [*header, *BASIC_ROWS])
    assert [(r.code, r.name, amounts(r)) for r in table(rec, "general_budget_basic").rows] == [
        ("301", "工资福利支出", {"决算数": "120.50"}),
        ("302", "商品和服务支出", {"决算数": "40.25"}),
        ("30101", "基本工资", {"决算数": "80.00"}),
        ("30201", "办公费", {"决算数": "40.25"}),
        ("30102", "津贴补贴", {"决算数": "40.50"}),
    ]


def test_a_first_row_name_wrapped_above_its_code_keeps_its_upper_part_under_a_wrapped_header():
    rec = _text_table("一般公共预算财政拨款支出决算表", [
        "科目编 科目名称 本年支出合计 基本支出 项目支出", "码",
        "一般公共服务", "201 12.00 10.00 2.00", "支出",
        "20101 人大事务 12.00 10.00 2.00",
    ])
    rows = table(rec, "general_budget_expense").rows
    assert [(r.code, r.name) for r in rows] == [("201", "一般公共服务支出"), ("20101", "人大事务")]


def test_the_blank_template_has_every_table_and_no_amounts(template):
    assert set(t.kind for t in template.statements) == NINE
    assert all(t.empty for t in template.statements)
    assert template.info.department == "上海市XX局" and template.info.year == 2024
    codes = [r.code for r in table(template, "expense").rows if r.code]
    assert codes[:3] == ["205", "20502", "2050205"]  # codes printed in one cell


def test_the_urumqi_text_has_no_statutory_tables_in_its_text(bundled):
    assert bundled.statements == [] and bundled.info.format == "text"
