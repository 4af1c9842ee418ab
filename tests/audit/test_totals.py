"""assistant/audit/totals.py: totals against parts, 类 against 项, the template's named relations."""

from __future__ import annotations

import pytest

from assistant.audit import run_audit

from .conftest import CULTURE_LINES, culture, culture_lines, key_of, line_of


def of(report, family="totals"):
    return sorted(key_of(f) for f in report.findings if f.family == family)


def test_every_total_of_the_bundled_document(report):
    assert of(report) == sorted(
        [
            ("totals.parts", "ok", 74, 76),  # 实有人数 = 在职 + 离休 + 退休
            ("totals.parts", "rounding", 98, 98),  # 收入总计 637,229.42 against 637,229.43: 尾差
            ("totals.balance", "ok", 98, 100),  # 收入总计 = 支出总计
            ("totals.parts", "ok", 100, 100),  # 支出总计
            ("totals.subset", "ok", 100, 126),  # 一般公共预算财政拨款支出 ≤ 本年支出合计
            ("totals.parts", "ok", 106, 106),  # 本年收入 = its six sources
            ("totals.shares", "ok", 106, 106),
            ("totals.parts", "ok", 110, 110),  # 本年支出 = 基本支出 + 项目支出 + …
            ("totals.shares", "ok", 110, 110),
            ("totals.balance", "ok", 114, 114),
            ("totals.parts", "ok", 114, 114),
            ("totals.parts", "ok", 114, 114),
            ("totals.named", "ok", 114, 225),  # 本年财政拨款支出 = 一般公共预算 + 政府性基金 + 国有资本经营 (无)
            ("totals.classification", "rounding", 126, 164),  # 类 totals 507,109.94 against 507,109.93: 尾差
            ("totals.shares", "ok", 132, 134),  # 0.12 + 4.46 + 95.42 = 100.00
            ("totals.classification", "ok", 132, 148),
            ("totals.classification", "ok", 133, 158),
            ("totals.classification", "ok", 134, 162),
            ("totals.named", "ok", 168, 172),  # 基本支出 = 人员经费 + 公用经费
            ("totals.named", "ok", 172, 233),  # 公用经费 = 机关运行经费 + 事业单位公用经费
            ("totals.parts", "ok", 176, 176),  # 三公 = its three parts
            ("totals.shares", "ok", 176, 176),
            ("totals.parts", "ok", 182, 182),
            ("totals.parts", "ok", 186, 188),  # 三公 全年预算数
            ("totals.parts", "ok", 186, 188),  # 三公 决算数
            ("totals.balance", "ok", 192, 192),
            ("totals.parts", "ok", 192, 192),
            ("totals.parts", "ok", 192, 192),
            ("totals.classification", "ok", 196, 215),
            ("totals.parts", "ok", 237, 237),  # 政府采购 = 货物 + 工程 + 服务
            ("totals.subset", "ok", 237, 241),
            ("totals.subset", "ok", 239, 241),
            ("totals.parts", "ok", 245, 245),  # 车辆 (the 台（套） of equipment is not a vehicle)
        ]
    )


def _one(report, relation_start: str):
    hits = [f for f in report.findings if f.relation.startswith(relation_start)]
    assert len(hits) == 1, [f.relation for f in hits]
    return hits[0]


def test_the_income_total_is_off_by_one_cent_within_its_parts_rounding(report):
    """Four printed 2-decimal numbers may each be off 0.005: 0.01 is within their 0.020."""
    f = _one(report, "收入总计 = 本年收入合计")
    assert (f.severity, f.stated, f.computed, f.difference, f.tolerance) == ("rounding", "637229.42", "637229.43", "-0.01", "0.020")
    assert [o.value for o in f.operands] == ["637229.42", "636952.54", "47.79", "229.10"]
    assert [c.line_start for c in f.citations] == [98]
    assert "尾差" in f.note


def test_the_class_totals_miss_the_general_budget_total_by_rounding(report):
    f = next(f for f in report.findings if f.check == "totals.classification" and f.severity == "rounding")
    assert f.relation.startswith("一般公共预算财政拨款支出 = 社会保障和就业支出(类) + 城乡社区支出(类) + 住房保障支出(类) + 灾害防治及应急管理支出(类)")
    assert (f.stated, f.computed, f.difference) == ("507109.93", "507109.94", "-0.01")
    assert [c.line_start for c in f.citations] == [126, 132, 133, 134, 164]


@pytest.mark.parametrize(
    ("relation", "values"),
    [
        ("一般公共预算财政拨款基本支出 = 人员经费 + 公用经费", ["4617.45", "4213.97", "403.48"]),
        ("公用经费 = (行政单位和参照公务员法管理事业单位)机关运行经费支出 + (事业单位)公用经费", ["403.48", "150.12", "253.36"]),
        ("财政拨款“三公”经费支出 = 因公出国（境）费支出 + 公务用车购置及运行维护费支出 + 公务接待费支出", ["25.39", "0.00", "25.39", "0.00"]),
        ("政府采购支出总额 = 政府采购货物支出 + 政府采购工程支出 + 政府采购服务支出", ["459.93", "147.81", "0.00", "312.12"]),
    ],
)
def test_named_relations_hold(report, relation, values):
    f = _one(report, relation)
    assert f.severity == "ok"
    assert [o.value for o in f.operands] == values


def test_a_part_the_document_says_it_has_none_of_counts_as_zero(report):
    f = _one(report, "本年财政拨款支出 = ")
    assert f.severity == "ok"
    none = f.operands[-1]
    assert (none.subject, none.value, none.basis) == ("国有资本经营预算财政拨款支出", "0", "无")
    assert f.citations[-1].line_start == 223 and "无国有资本经营预算财政拨款收入" in f.citations[-1].quote


def test_the_template_shaped_document_adds_up(clean):
    assert [key_of(f) for f in clean.findings if f.family == "totals" and f.severity not in ("ok", "rounding")] == []


def test_a_wrong_total_is_detected():
    line = line_of(CULTURE_LINES, "收入总计3,250.40")
    report = run_audit([culture("wrong_total")])
    bad = [f for f in report.findings if f.severity == "mismatch"]
    assert [key_of(f) for f in bad] == [("totals.parts", "mismatch", line, line)]
    assert (bad[0].stated, bad[0].computed, bad[0].difference) == ("3250.40", "3260.40", "-10.00")


def test_the_culture_document_is_what_the_seeds_edit():
    assert culture_lines() == CULTURE_LINES
