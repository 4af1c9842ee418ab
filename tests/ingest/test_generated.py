"""Generated 部门决算 documents (tests/generate): layouts the corpus does not have, with known truth.

Each case is a department-year drawn from a seed and printed with a set of layout variants, as a
PDF (reportlab, every cell ruled) and as page texts joined by form feeds. The parser must read
every statutory table once, every row with its code or item, its page and its exact amounts by
column (blank is None, not 0), the tables stated empty with their statement, and the figures the
情况说明 states. From a text export, whose blank cells are gone, an amount may stay unresolved
(with the right column among its candidates) but may never sit in a wrong column.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from generate import KINDS, generate, make_spec, options_for
from generate.check import compare, figures_missing
from generate.disclosure import expected
from generate.spec import classified_rows, decimal, summary_totals
from ingest.pipeline import parse_file

ALL_LANDSCAPE = frozenset(KINDS)

# name → (seed, overrides of the seed's spec and options)
VARIANTS: dict[str, tuple[int, dict]] = {
    # the template's own layout: codes in one cell, titles as printed in the template, 万元
    "template": (101, dict(split_codes=False, title_variant=0, narrow=False, drop_columns=False, repeat_header=False,
                           shared_pages=False, continued_title=False, title_prefix=False, fund_header_in_total=False,
                           econ_split_codes=False, econ_halves=2, econ_all_items=True, summary_classes="all24")),
    # 类 | 款 | 项 in three cells, each row printing only its own part; 经济分类 in 类 | 款 cells
    "split-codes-sparse": (102, dict(split_codes=True, repeat_codes=False, econ_split_codes=True, econ_halves=2)),
    "split-codes-repeated": (103, dict(split_codes=True, repeat_codes=True, total_spans_code=False)),
    # narrow columns: 本年收入合计 and the summary items wrap; long subject names wrap in a narrow cell
    "narrow-wrapped": (104, dict(narrow=True, name_width=95.0, size=9.0, summary_classes="all26")),
    # a street office's long tables over two or three pages, header printed once
    "long-tables": (105, dict(department_kind="街道办事处", many=True, row_height=24.0, repeat_header=False,
                              continued_title=False)),
    # the same, the header and the title (续) repeated on every page
    "long-tables-repeated-header": (106, dict(department_kind="镇人民政府", many=True, row_height=18.0, repeat_header=True,
                                              continued_title=True, page_numbers="of")),
    # the other title wordings, the year before each title, 金额单位, 第 N 页
    "title-variants": (107, dict(title_variant=1, title_prefix=True, unit_style=1, page_numbers="di")),
    # a 支出决算表 without 上缴上级支出/经营支出/对附属单位补助支出, three halves, only the classes with money
    "dropped-columns": (108, dict(drop_columns=True, econ_halves=3, econ_all_items=False, summary_classes="used",
                                  gb_total_last=False)),
    # 元, both fund tables filled, the template's fund header in the 合计 row, zeros printed, tables sharing pages
    "yuan-funds": (109, dict(unit="元", gov_fund=True, state_capital=True, fund_header_in_total=True, shared_pages=True,
                             zero_cells="0.00", commas=True)),
    # no fund money: both fund tables stated empty (注：…故本表为空表。)
    "empty-funds": (110, dict(gov_fund=False, state_capital=False, empty_note_style=1, fund_header_in_total=True,
                              three_top_row=False, budget_label="年初预算数", subtotal_label="小计")),
    # every table on portrait pages (shrunk to fit), digits in Times set lower, the embedded WQY font
    "portrait": (111, dict(landscape=frozenset(), digit_font="Times-Roman", font="WQY", page_numbers="plain")),
    # every table landscape, the basic table in one column, no thousands separators
    "landscape": (112, dict(landscape=ALL_LANDSCAPE, econ_halves=1, commas=False, page_numbers=None, running_head=True)),
}
SEEDS = [7, 23, 58, 91]  # every variant drawn from the seed

CASES = [pytest.param(seed, overrides, id=name) for name, (seed, overrides) in VARIANTS.items()]
CASES += [pytest.param(seed, {}, id=f"seed-{seed}") for seed in SEEDS]


def _parse(doc, tmp_path):
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    return parse_file(path)


@pytest.mark.parametrize("form", ["pdf", "text"])
@pytest.mark.parametrize(("seed", "overrides"), CASES)
def test_a_generated_document_parses_to_its_truth(seed, overrides, form, tmp_path, record_property):
    doc = generate(seed, form, **overrides)
    records = _parse(doc, tmp_path)

    report = compare(records, doc.truth, form)
    assert report.problems == [], "\n".join(report.problems)
    assert figures_missing(records, doc.truth) == []
    assert (records.info.department, records.info.year) == (doc.spec.department, doc.spec.year)
    for st in records.statements:
        assert st.pages == doc.truth.tables[st.kind].pages, st.kind
    if form == "pdf":
        assert report.unresolved == 0 and report.unread == 0
    else:
        record_property("unresolved", report.unresolved)
        record_property("unread", report.unread)
        print(f"{doc.name}: {report.amounts} amounts, {report.unresolved} left unresolved with their candidates, "
              f"{report.unread} unread (三公 items)")
        assert report.unresolved + report.unread <= report.amounts // 10


def test_the_variants_exercise_what_they_name():
    """Guards against a variant silently no longer producing its layout."""
    def truth(name):
        seed, overrides = VARIANTS[name]
        return generate(seed, "pdf", **overrides).truth

    long = truth("long-tables")
    assert max(len(t.pages) for t in long.tables.values()) >= 3
    assert len(long.tables["income"].rows) >= 40
    yuan = truth("yuan-funds")
    assert yuan.unit == "元" and not yuan.tables["gov_fund"].empty and not yuan.tables["state_capital"].empty
    assert any(v == Decimal(0) for r in yuan.tables["gov_fund"].rows for v in r.amounts.values())  # printed zeros
    empty = truth("empty-funds")
    assert empty.tables["gov_fund"].empty and empty.tables["gov_fund"].empty_note.endswith("故本表为空表。")
    dropped = truth("dropped-columns")
    assert len(dropped.tables["expense"].columns) < 6
    titles = truth("title-variants")
    assert titles.tables["fiscal_summary"].title.endswith("财政拨款收支决算总表")
    assert titles.tables["three_public"].title.endswith("一般公共预算财政拨款“三公”经费支出决算表")


@pytest.mark.parametrize("seed", [5, 40, 77])
def test_the_generated_accounts_add_up(seed):
    """The generator's own arithmetic: 类 = Σ款 = Σ项 and 合计 = Σ类 in every column, the totals
    of the two summary tables balance."""
    spec = make_spec(seed)
    for kind in ("income", "expense", "general_budget_expense", "gov_fund", "state_capital"):
        rows = classified_rows(spec, kind)
        by_code = {r.code: r for r in rows if r.code}
        for r in rows:
            kids = [k for k in rows if k.code and len(k.code) == (len(r.code) + 2 if r.code else 3) and k.code.startswith(r.code or "")]
            if kids:
                for column, value in r.values.items():
                    assert value == sum(k.values[column] for k in kids), (kind, r.code, column)
        assert all(len(c) == 3 or c[:-2] in by_code for c in by_code)
    income = classified_rows(spec, "income")[0].values
    expense = classified_rows(spec, "expense")[0].values
    assert income["本年收入合计"] == sum(v for c, v in income.items() if c != "本年收入合计")
    assert expense["本年支出合计"] == sum(v for c, v in expense.items() if c != "本年支出合计")
    totals = summary_totals(spec)
    assert totals["grand"] == totals["expense"] + spec.distribution + totals["end"] and totals["end"] >= 0
    truth = expected(spec, options_for(seed))
    assert truth.figures["基本支出"] == decimal(expense["基本支出"])


def test_generation_is_deterministic():
    assert generate(31, "pdf").data == generate(31, "pdf").data
    assert generate(31, "text").data == generate(31, "text").data


def test_a_text_export_with_running_heads(tmp_path):
    """A running head repeated at the top of every page is furniture, not a row of the table continued there."""
    doc = generate(1, "text", running_head=True)
    report = compare(_parse(doc, tmp_path), doc.truth, "text")
    assert report.problems == []
