"""assistant/audit/percentages.py: shares, growth rates, 预决算差异率 recomputed from their operands."""

from __future__ import annotations

import pytest

from assistant.audit import run_audit

from .conftest import CULTURE_LINES, culture, key_of, line_of


def find(report, check, line_end, subject_start=""):
    hits = [f for f in report.findings if f.check == check and f.line_end == line_end and f.relation.startswith(subject_start)]
    assert len(hits) == 1, [(f.relation, f.line_start) for f in hits]
    return hits[0]


def test_the_bundled_percentages(report):
    found = sorted(key_of(f) for f in report.findings if f.family == "percentages" and f.severity != "ok")
    assert found == sorted(
        [
            ("percentages.growth", "rounding", 98, 102),
            ("percentages.share", "rounding", 100, 126),
            ("percentages.share", "rounding", 106, 106),
            ("percentages.share", "rounding", 106, 106),
            ("percentages.share", "rounding", 110, 110),
            ("percentages.share", "rounding", 110, 110),
            ("percentages.growth", "rounding", 114, 116),
            ("percentages.variance", "rounding", 118, 118),
            ("percentages.growth", "rounding", 126, 126),
            ("percentages.variance", "rounding", 126, 128),
            ("percentages.share", "rounding", 126, 132),
            ("percentages.share", "rounding", 126, 133),
            ("percentages.share", "rounding", 126, 134),
            ("percentages.growth", "rounding", 138, 138),
            ("percentages.growth", "rounding", 140, 140),
            ("percentages.growth", "rounding", 144, 144),
            ("percentages.growth", "rounding", 146, 146),
            ("percentages.growth", "notice", 148, 148),
            ("percentages.growth", "rounding", 150, 152),
            ("percentages.growth", "rounding", 154, 154),
            ("percentages.growth", "rounding", 156, 156),
            ("percentages.growth", "rounding", 158, 158),
            ("percentages.growth", "rounding", 162, 162),
            ("percentages.growth", "rounding", 176, 176),
            ("percentages.growth", "rounding", 176, 176),
            ("percentages.variance", "rounding", 186, 186),
            ("percentages.variance", "rounding", 186, 186),
            ("percentages.growth", "rounding", 192, 194),
            ("percentages.variance", "rounding", 194, 194),
            ("percentages.growth", "rounding", 231, 231),
            ("percentages.growth", "rounding", 233, 233),
            ("percentages.share", "rounding", 237, 241),
            ("percentages.share", "rounding", 237, 241),
        ]
    )
    # zero shares, zero changes, exact rates and 0/0 budget comparisons hold exactly
    assert sum(1 for f in report.findings if f.family == "percentages" and f.severity == "ok") == 19


@pytest.mark.parametrize(
    ("check", "line_end", "subject", "stated", "computed", "expected"),
    [
        ("percentages.share", 106, "财政拨款收入占比", "99.89", "99.8875", "99.89"),
        ("percentages.share", 106, "其他收入占比", "0.11", "0.1125", "0.11"),
        ("percentages.share", 126, "一般公共预算财政拨款支出占比", "79.63", "79.6282", "79.63"),
        ("percentages.growth", 176, "财政拨款“三公”经费支出", "43.68", "43.6779", "43.68"),
        ("percentages.growth", 144, "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)", "7.50", "7.4957", "7.50"),
        ("percentages.variance", 118, "财政拨款收入支出", "19.64", "19.6430", "19.64"),
        ("percentages.variance", 128, "一般公共预算财政拨款支出", "7289.27", "7289.2678", "7289.27"),
        ("percentages.variance", 194, "政府性基金预算财政拨款收入支出", "-75.41", "-75.4095", "-75.41"),
    ],
)
def test_stated_percentages_recomputed(report, check, line_end, subject, stated, computed, expected):
    f = find(report, check, line_end, subject)
    assert (f.severity, f.stated, f.computed, f.expected) == ("rounding", stated, computed, expected)


def test_a_growth_rate_is_measured_on_last_year(report):
    f = find(report, "percentages.growth", 102)  # 收入支出总体与上年相比，增加 136,749.69 万元，增长 27.32%
    assert [(o.role, o.value) for o in f.operands] == [("current", "637229.42"), ("change", "136749.69"), ("derived", "500479.73"), ("stated", "27.32")]
    assert [c.line_start for c in f.citations] == [98, 102]


def test_the_largest_share_adjusted_to_total_100_is_rounding_with_a_note(report):
    f = find(report, "percentages.share", 134)
    assert (f.severity, f.stated, f.expected, f.difference) == ("rounding", "95.42", "95.43", "-0.0053")
    assert f.note.startswith("尾差调整")
    # the same share without the balancing rule would be a mismatch: 0.0053 > 0.005
    assert abs(float(f.difference)) > 0.005


def test_a_growth_rate_on_a_zero_base_is_a_notice(report):
    f = find(report, "percentages.growth", 148)
    assert f.severity == "notice"
    assert "上年数为 0" in f.message and "100.00%" in f.message


def test_budget_and_actual_both_zero_give_zero(report):
    zero = [f for f in report.findings if f.check == "percentages.variance" and f.severity == "ok"]
    assert sorted(f.relation.split("预决算差异率")[0] for f in zero) == ["公务接待费", "公务用车购置费", "因公出国（境）费"]


def test_a_wrong_share_is_detected():
    line = line_of(CULTURE_LINES, "本年收入3,100.20万元，其中")
    report = run_audit([culture("wrong_share")])
    bad = sorted(key_of(f) for f in report.findings if f.failing)
    assert bad == [("percentages.share", "mismatch", line, line), ("totals.shares", "mismatch", line, line)]
    share = next(f for f in report.findings if f.check == "percentages.share" and f.failing)
    assert (share.stated, share.expected) == ("3.59", "2.59")


def test_a_wrong_growth_rate_is_detected():
    line = line_of(CULTURE_LINES, "图书馆（项）")
    report = run_audit([culture("wrong_growth")])
    bad = [f for f in report.findings if f.failing]
    assert [key_of(f) for f in bad] == [("percentages.growth", "mismatch", line, line)]
    assert (bad[0].stated, bad[0].computed) == ("52.00", "25.00")
