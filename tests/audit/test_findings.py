"""assistant/audit/findings.py: the rounding rule, the report's counts, exit code, JSON and Markdown."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from assistant.audit.findings import AuditReport, Finding, Verdict, fmt, places_of, shown


@pytest.mark.parametrize(
    ("raw", "places"),
    [("636,952.54", 2), ("525,202.3", 1), ("10", 0), ("-0.82", 2), ("1,191.00", 2), (Decimal("7.48"), 2), (Decimal("10"), 0), ("95.42%", 2)],
)
def test_places_as_written(raw, places):
    assert places_of(raw) == places


@pytest.mark.parametrize(
    ("stated", "computed", "severity"),
    [
        ("637229.42", "637229.42", "ok"),
        ("637229.42", "637229.43", "mismatch"),  # a sum of stated 2-decimal parts: any difference
        ("99.89", "99.88750", "rounding"),  # within half a unit of the last digit
        ("95.42", "95.42527", "mismatch"),  # 0.00527 > 0.005
        ("5.08", "5.084", "rounding"),  # parts with more decimals than the total
        ("525202.3", "525202.30", "ok"),
        ("10", "9.992", "rounding"),  # a whole-number score: half a point
        ("9.70", "9.6819", "mismatch"),
    ],
)
def test_the_rounding_rule(stated, computed, severity):
    assert Verdict(Decimal(stated), stated, Decimal(computed)).severity == severity


def test_an_allowance_widens_the_tolerance_for_rounded_operands():
    # 10 × 91.95% = 9.195 against 9.20: exactly half a unit, rounding
    assert Verdict(Decimal("9.20"), "9.20", Decimal("9.195")).severity == "rounding"
    assert Verdict(Decimal("9.20"), "9.20", Decimal("9.1948")).severity == "mismatch"
    assert Verdict(Decimal("9.20"), "9.20", Decimal("9.1948"), allowance=Decimal("0.0005")).severity == "rounding"


def test_verdict_fields_are_decimal_strings():
    v = Verdict(Decimal("95.42"), "95.42", Decimal("483911.04") / Decimal("507109.93") * 100)
    assert v.fields() == {"stated": "95.42", "computed": "95.4253", "expected": "95.43", "difference": "-0.0053", "tolerance": "0.005"}


def test_numbers_are_shown_as_the_document_writes_them():
    assert fmt(Decimal("637229.43")) == "637,229.43"
    assert fmt("-0.01") == "-0.01"
    assert shown(Decimal("129100.00")) == "129100"
    assert shown(Decimal("1") / Decimal("3") * 100) == "33.3333"


def _finding(severity: str, n: int = 0) -> Finding:
    return Finding(id=f"d:a{n}", doc="d", family="totals", check="totals.parts", severity=severity, relation="A = B + C", message="…", line_start=1, line_end=1)


@pytest.mark.parametrize(
    ("severities", "exit_code"),
    [([], 0), (["ok", "rounding", "unchecked"], 0), (["ok", "mismatch"], 1), (["error"], 1)],
)
def test_the_exit_code_fails_only_on_mismatches_and_errors(severities, exit_code):
    report = AuditReport(documents=["d"], findings=[_finding(s, i) for i, s in enumerate(severities)])
    assert report.exit_code == exit_code
    assert sum(report.counts.values()) == len(severities)


def test_the_json_report_round_trips():
    report = AuditReport(documents=["d"], findings=[_finding("mismatch"), _finding("ok", 1)])
    data = json.loads(report.to_json())
    assert data["counts"] == {"ok": 1, "rounding": 0, "notice": 0, "mismatch": 1, "error": 0, "unchecked": 0}
    assert data["by_document"] == {"d": {"relations": 2, "ok": 1, "rounding": 0, "notice": 0, "mismatch": 1, "error": 0, "unchecked": 0}}
    assert data["exit_code"] == 1
    assert AuditReport.model_validate(data) == report


def test_the_markdown_report_has_chinese_headings(report):
    md = report.to_markdown()
    assert md.startswith("# 数字核对报告\n")
    for heading in ("## 概要", "### 容差", "## 错误（10）", "## 不一致（10）", "## 提示（1）", "## 无法核对（1）", "## 尾差（57）", "## 成立（494）"):
        assert heading in md
    assert "结论：有数字不一致或错误，发布前需要更正（退出码 1）。" in md
    # a problem is shown with its quotes
    assert "- 第 118 行：与年初预算相比，年初预算数 531,862.79 万元" in md
