"""The audit of the shared corpus: what reviewers find in real published disclosures, with pages.

Each document's failing findings are listed in full (check, severity, pages, stated, computed), so a
new false alarm or a lost finding fails here; the notable ones are checked side by side.
"""

from __future__ import annotations

import re

import pytest

from assistant.answer import Answer
from assistant.audit.chat import _figures


def problems(report):
    return [(f.check, f.severity, f.pages, f.stated, f.computed) for f in report.findings if f.severity in ("error", "mismatch", "notice", "unchecked")]


def one(report, check, *, severity=None, page=None, stated=None):
    hits = [f for f in report.findings if f.check == check and (severity is None or f.severity == severity)
            and (page is None or page in f.pages) and (stated is None or f.stated == stated)]
    assert len(hits) == 1, [(f.check, f.severity, f.pages, f.stated) for f in hits]
    return hits[0]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- 上海市普陀区财政局 2024 (PDF) ---------------------------------------------------------------------
FINANCE = [
    ("across.same", "mismatch", [6, 10], "326.71", "326.72"),  # 社会保障和就业支出: 收入支出决算总表 vs 支出决算表
    ("across.same", "mismatch", [12, 15], "326.71", "326.72"),  # 财政拨款收入支出决算总表 vs 一般公共预算财政拨款支出决算表
    ("narrative.amount", "mismatch", [21, 13], "0.3", "2961.68"),  # 财政拨款收入支出总计 0.3 万元 in the text
    ("percentages.execution", "notice", [18, 23], None, None),  # 完成预算的 0% of a blank 年初预算
    ("percentages.share", "mismatch", [21], "71.73", "71.6539"),  # 一般公共服务支出（类）2106.66 ÷ 2940.05
    ("totals.shares", "mismatch", [21], "100.07", "100.00"),
]


def test_the_finance_document(corpus_reports):
    rec, report = corpus_reports["finance"]
    assert problems(report) == FINANCE
    assert report.counts == {"ok": 280, "rounding": 21, "notice": 1, "mismatch": 5, "error": 0, "unchecked": 0}
    assert report.by_document["putuo-finance-2024"]["relations"] == 307
    assert report.exit_code == 1


def test_one_class_printed_two_ways_cites_both_tables_with_boxes(corpus_reports):
    rec, report = corpus_reports["finance"]
    f = one(report, "across.same", severity="mismatch", page=6)
    first, second = sorted(f.citations, key=lambda c: c.page)
    assert (first.page, first.table, first.quote) == (6, "收入支出决算总表", "八、社会保障和就业支出 326.71")
    assert (second.page, second.table, second.quote) == (10, "支出决算表", "208 社会保障和就业支出 326.72 326.72")
    assert first.bbox is not None and second.bbox is not None
    assert f.message == "《收入支出决算总表》八、社会保障和就业支出·决算数（第 6 页）为 326.71 万元，《支出决算表》208 社会保障和就业支出·本年支出合计（第 10 页）为 326.72 万元，相差 0.01 万元。"


def test_the_text_states_a_fiscal_total_thousands_of_times_too_small(corpus_reports):
    rec, report = corpus_reports["finance"]
    f = one(report, "narrative.amount", severity="mismatch", page=13)
    text, table = f.citations if f.citations[0].table is None else f.citations[::-1]
    assert (text.page, squash(text.quote)) == (21, "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。")
    assert (table.page, table.table, table.quote) == (13, "财政拨款收入支出决算总表", "总计 2,961.68")


def test_totals_that_miss_their_parts_by_rounding_are_reported_apart(corpus_reports):
    rec, report = corpus_reports["finance"]
    procurement = one(report, "totals.parts", severity="rounding", page=24)
    assert (procurement.severity, procurement.stated, procurement.computed, procurement.tolerance) == ("rounding", "251.25", "251.26", "0.015")
    rounding = [(f.check, f.pages) for f in report.findings if f.severity == "rounding" and f.family == "statements"]
    assert rounding == [
        ("statements.codes", [8, 9]), ("statements.codes", [8, 9]), ("statements.codes", [10, 11]), ("statements.codes", [10, 11]),
        ("statements.codes", [15]), ("statements.codes", [15]), ("statements.codes", [16]), ("statements.codes", [16, 17]),
    ]


# -- 上海市普陀区文化和旅游局 2025 (text export) ---------------------------------------------------------
def test_the_culture_document_has_a_table_printed_two_rows_off(corpus_reports):
    rec, report = corpus_reports["culture"]
    f = one(report, "statements.misaligned")
    assert f.severity == "error" and f.pages == [15]
    assert "自 20709 旅游发展基金支出（第 15 页）起，各行的数字与科目名称错开了 2 行" in f.message
    assert "15 条“类 = Σ款 = Σ项”关系只有 3 条成立；把数字移回 2 行后，10 条成立" in f.message
    assert report.counts == {"ok": 445, "rounding": 34, "notice": 2, "mismatch": 93, "error": 1, "unchecked": 0}
    # every mismatch involves that table, pages 15–16
    assert all({15, 16} & set(f.pages) for f in report.findings if f.severity == "mismatch")


def test_a_rate_within_its_operands_rounding_is_not_an_alarm(corpus_reports):
    """完成预算的 28.15%: 2.64 ÷ 9.38 = 28.145%, and both are rounded to 0.01 万元."""
    rec, report = corpus_reports["culture"]
    f = one(report, "percentages.execution", stated="28.15")
    assert (f.severity, f.computed, f.expected) == ("rounding", "28.1450", "28.14")


# -- 上海市普陀区人民政府石泉路街道办事处 2025 (text export) -------------------------------------------
STREET = [
    ("statements.codes", "mismatch", [12, 13, 14, 15, 16], "14206.00", "4610.99"),
    ("statements.row", "mismatch", [15], "13583.48", "3988.48"),  # 212: 基本支出 1,066.51 for 10,661.51
    ("statements.row", "mismatch", [15], "12029.15", "2434.15"),  # 21201, the same digit dropped
    ("statements.codes", "mismatch", [15], "1066.51", "1690.05"),
    ("statements.codes", "mismatch", [22, 19, 20, 21], "14206.00", "4610.99"),
    ("narrative.amount", "mismatch", [32, 20], "545.84", "545.85"),
    ("narrative.amount", "mismatch", [32, 20], "245.53", "257.14"),
    ("statements.row", "mismatch", [21], "13583.48", "3988.48"),
    ("statements.row", "mismatch", [21], "12029.15", "2434.15"),
    ("statements.codes", "mismatch", [21], "1066.51", "1690.05"),
    ("percentages.execution", "notice", [24, 39], None, None),
    ("narrative.amount", "mismatch", [39, 24], "1.53", "0.00"),  # 公务接待费 决算 1.53 in the text, 0 in the table
    ("percentages.execution", "mismatch", [24, 39], "0", "100"),
    ("template.leftover", "notice", [28], None, None),  # 决算数大小于预算数
    ("narrative.subject", "notice", [29], None, None),
    ("identity.path", "error", [30, 19], None, None),  # 其他公共安全支出 under 司法 in the text, under 20499 in the table
    ("percentages.execution", "mismatch", [32], "93.57", "89.3421"),
    ("narrative.subject", "notice", [36, 21], None, None),
    ("totals.parts", "mismatch", [39], "37.35", "38.88"),
    ("duplicates.restated", "mismatch", [39], "0", "1.53"),
    ("duplicates.restated", "mismatch", [39], "0", "1.53"),
    ("duplicates.restated", "mismatch", [39, 40], "0", "1.53"),
    ("template.leftover", "notice", [39], None, None),  # 比 2024 年度减增加
]


def test_the_street_document(corpus_reports):
    rec, report = corpus_reports["street"]
    assert problems(report) == STREET
    assert report.counts == {"ok": 981, "rounding": 57, "notice": 5, "mismatch": 17, "error": 1, "unchecked": 0}  # (981 since the bare "年初预算为 0，" of 减排专项支出 is read in 万元)


def test_a_dropped_digit_is_named(corpus_reports):
    rec, report = corpus_reports["street"]
    f = one(report, "statements.row", page=15, stated="13583.48")
    assert f.note == "若其余数字无误，基本支出应为 10,661.51，与印出的 1,066.51 相比漏印了一位数字。"
    assert f.citations[0].table == "支出决算表" and "1,066.51" in f.citations[0].quote


@pytest.mark.parametrize(("page", "words"), [(28, "大小于"), (39, "减增加")])
def test_a_half_edited_template_choice_is_a_notice(corpus_reports, page, words):
    rec, report = corpus_reports["street"]
    f = one(report, "template.leftover", page=page)
    assert f"二选一的用语“{words}”" in f.message


def test_a_subject_under_another_class_in_the_text(corpus_reports):
    rec, report = corpus_reports["street"]
    f = one(report, "identity.path")
    assert "把其他公共安全支出列在司法（20406）下" in f.message and "2049999 其他公共安全支出属于20499 其他公共安全支出" in f.message


# -- the blank template -------------------------------------------------------------------------------
def test_the_blank_template_is_all_leftovers(corpus_reports):
    rec, report = corpus_reports["template"]
    assert report.counts == {"ok": 27, "rounding": 0, "notice": 119, "mismatch": 0, "error": 0, "unchecked": 0}
    assert report.exit_code == 0
    first = report.findings[0]
    assert (first.check, first.pages, first.message) == ("template.leftover", [1], "第 1 页留有模板用语：占位符“XX”。")


@pytest.mark.parametrize("name", ["finance", "culture", "street", "template"])
def test_every_number_of_every_message_is_cited_computed_or_a_place(corpus_reports, name):
    rec, report = corpus_reports[name]
    unsupported = {}
    for f in report.findings:
        left = Answer(question="核对", kind="list", answer=f.message, figures=_figures([f]), citations=f.citations).unsupported_numbers()
        if left:
            unsupported[f.id] = (f.message, left)
    assert unsupported == {}


@pytest.mark.parametrize("name", ["finance", "culture", "street"])
def test_every_side_is_cited_with_its_page(corpus_reports, name):
    rec, report = corpus_reports[name]
    for f in report.findings:
        assert f.citations, f.relation
        for c in f.citations:
            assert c.page is not None and c.quote, (f.relation, c)
            assert (c.bbox is not None) == (rec.info.format == "pdf"), (f.relation, c)
