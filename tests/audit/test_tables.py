"""assistant/audit/tables.py: funds, 执行率, 得分, weights and scores, indicators, project totals."""

from __future__ import annotations

import pytest

from assistant.audit import run_audit

from .conftest import culture, culture_lines, key_of, line_of


def test_the_bundled_tables(report):
    found = [f for f in report.findings if f.family == "tables"]
    problems = sorted(key_of(f) for f in found if f.severity != "ok")
    assert problems == sorted(
        [
            # 执行率 and 资金得分 written with two decimals: within half a unit
            *[("tables.rate", "rounding", n, n) for n in (258, 306, 453, 520, 564, 609, 656, 738, 761, 786, 909, 973)],
            *[("tables.score", "rounding", n, n) for n in (258, 306, 453, 609, 656, 738, 786, 973)],
            # proportional scores of missed targets, rounded
            ("tables.indicator", "rounding", 267, 267),  # 房地产投资 11 × 317.72 ÷ 389.99 = 8.9616 → 8.96
            ("tables.indicator", "rounding", 295, 295),  # 信息技术服务费 5 × 9935 ÷ 9939 = 4.998 → 5.00
            ("tables.indicator", "rounding", 802, 802),  # 满意度 10 × 87.77 ÷ 90 = 9.7522 → 9.75
            # a target met but points deducted
            ("tables.indicator", "mismatch", 361, 361),  # 出具危房报告 0 ≤ 5, score 0.00
            ("tables.indicator", "mismatch", 465, 465),  # 购买单价 49.9 ≤ 50, score 9.98
            ("tables.indicator", "mismatch", 663, 663),  # 档案扫描归档 497 ≤ 550, score 4.52
            ("tables.indicator", "mismatch", 681, 681),  # 委托业务费 8.7 ≤ 9.08, score 9.58
            ("tables.indicator", "mismatch", 684, 684),  # 其他交通费用 4.97 ≤ 6.50, score 7.65
            ("tables.indicator", "mismatch", 749, 749),  # 法律顾问费 4.75 ≤ 5, score 9.50
            ("tables.indicator", "mismatch", 800, 800),  # 车辆加油支出 1.3 ≤ 2.51, score 2.59
            # a target missed: 10 × 487 ÷ 503 = 9.68, stated 9.70
            ("tables.indicator", "mismatch", 547, 547),
            # an actual value ten times its ceiling
            ("tables.magnitude", "error", 416, 416),
        ]
    )
    counts = {}
    for f in found:
        if f.severity == "ok":
            counts[f.check] = counts.get(f.check, 0) + 1
    assert counts == {
        "tables.funds": 93,
        "tables.rate": 19,
        "tables.score": 23,
        "tables.weights": 31,
        "tables.scores": 31,
        "tables.indicator": 195,
        "tables.projects": 4,
    }


def _at(report, check, line):
    hits = [f for f in report.findings if f.check == check and f.line_start == line]
    assert len(hits) == 1
    return hits[0]


@pytest.mark.parametrize(
    ("line", "stated", "computed"),
    [(306, "74.82", "74.8160"), (520, "100.00", "99.999"), (973, "91.95", "91.9478")],
)
def test_execution_rates(report, line, stated, computed):
    f = _at(report, "tables.rate", line)
    assert (f.severity, f.stated, f.computed) == ("rounding", stated, computed)


def test_a_score_from_a_rounded_rate_is_rounding(report):
    f = _at(report, "tables.score", 973)  # 10 × 91.95% = 9.195, stated 9.20
    assert (f.severity, f.stated, f.computed, f.expected) == ("rounding", "9.20", "9.195", "9.20")


def test_the_duplicated_table_still_weighs_one_hundred(report):
    f = next(f for f in report.findings if f.check == "tables.weights" and f.relation.startswith("干部房产信息核查工作经费"))
    assert (f.severity, f.stated, f.computed) == ("ok", "100", "100")
    assert f.note.startswith("重复的指标行只计一次")


def test_the_implausible_actual_value(report):
    f = _at(report, "tables.magnitude", 416)
    assert "=290000 元 是目标 <=29000 元 的 10 倍" in f.message
    assert [c.line_start for c in f.citations] == [392, 416]  # the project's name row and the indicator row


def test_met_targets_with_deducted_points_say_how_they_were_scored(report):
    f = _at(report, "tables.indicator", 465)
    assert (f.stated, f.expected) == ("9.98", "10.00")
    assert f.note.startswith("表中得分是按实际值与目标值之比扣分算出的")


def test_evaluated_projects_are_the_disclosed_tables_and_the_classified_one(report):
    found = {f.relation: f for f in report.findings if f.check == "tables.projects"}
    count = found["预算绩效评价项目个数 = 公开的项目自评表 + 涉密项目"]
    assert (count.severity, count.stated, count.computed) == ("ok", "31", "31")
    budget = found["预算绩效评价项目全年预算数 = 公开的项目自评表之和 + 涉密项目"]
    assert (budget.severity, budget.stated, budget.computed) == ("ok", "525202.3", "525202.3")
    assert [o.value for o in budget.operands if o.role in ("derived", "classified")] == ["25202.30", "500000.00"]
    executed = found["预算绩效评价项目全年执行数 = 公开的项目自评表之和 + 涉密项目"]
    assert (executed.severity, executed.computed) == ("ok", "509040.76")
    assert [o.value for o in executed.operands if o.role in ("derived", "classified")] == ["25129.72", "483911.04"]
    assert 991 in [c.line_start for c in executed.citations] and "涉密项目" in executed.note


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("wrong_rate", [("tables.rate", "mismatch"), ("tables.score", "mismatch")]),
        ("magnitude", [("tables.magnitude", "error")]),
        ("wrong_project_count", [("tables.projects", "mismatch")]),
    ],
)
def test_seeded_table_errors_are_detected(seed, expected):
    report = run_audit([culture(seed)])
    assert sorted((f.check, f.severity) for f in report.findings if f.failing) == expected


def test_the_seeded_rate_is_on_its_row():
    lines = culture_lines("wrong_rate")
    line = line_of(lines, "98.06%")
    report = run_audit([culture("wrong_rate")])
    rate = next(f for f in report.findings if f.check == "tables.rate" and f.failing)
    assert (rate.line_start, rate.stated, rate.expected) == (line, "98.06", "97.06")


def test_without_a_classified_project_the_remainder_is_unexplained():
    report = run_audit([culture("wrong_project_count")])
    f = next(f for f in report.findings if f.failing)
    assert f.message == "公开的项目支出绩效自评表 2 张 + 涉密项目 1 个 = 3 个；文中预算绩效评价项目 4 个（第 51、55、72、88 行）。"
