"""assistant/audit/duplicates.py: a number stated twice agrees; a table row is not repeated."""

from __future__ import annotations

from assistant.audit import run_audit

from .conftest import culture, culture_lines, key_of, line_of


def test_the_bundled_restatements(report):
    found = sorted(key_of(f) for f in report.findings if f.family == "duplicates")
    rows = [("duplicates.row", "error", a, a + 1) for a in (401, 403, 406, 408, 410, 412, 414, 419, 421)]
    assert found == sorted(
        [
            ("duplicates.named", "ok", 98, 106),  # 本年收入合计 = 本年收入
            ("duplicates.named", "ok", 100, 110),  # 本年支出合计 = 本年支出
            ("duplicates.named", "ok", 106, 114),  # 财政拨款收入 = 本年财政拨款收入
            ("duplicates.table", "mismatch", 118, 258),  # 年初预算数 531,862.79 vs 531,862.78
            ("duplicates.restated", "ok", 126, 128),
            ("duplicates.restated", "ok", 176, 180),
            ("duplicates.restated", "ok", 176, 182),
            ("duplicates.restated", "ok", 176, 184),
            ("duplicates.restated", "ok", 176, 186),
            ("duplicates.restated", "ok", 176, 186),
            ("duplicates.restated", "ok", 176, 188),
            ("duplicates.named", "ok", 192, 196),
            ("duplicates.table", "ok", 249, 258),  # 全年预算总额 632,672.30
            ("duplicates.table", "ok", 249, 258),  # 实际执行总额 632,177.48
            ("duplicates.conflict", "mismatch", 416, 417),  # 维修（护）费 290000 vs 29000
            *rows,
        ]
    )


def test_the_budget_stated_in_the_text_and_in_the_department_table_disagree(report):
    f = next(f for f in report.findings if f.check == "duplicates.table" and f.failing)
    assert [(o.subject, o.value) for o in f.operands] == [
        ("决算说明中财政拨款收入支出年初预算数", "531862.79"),
        ("部门整体支出绩效自评表“年度总资金·年初预算数”", "531862.78"),
    ]
    assert f.difference == "-0.01"
    assert [c.line_start for c in f.citations] == [118, 258]
    assert "年初预算数 531,862.79 万元" in f.citations[0].quote and "\t531,862.78\t" in f.citations[1].quote


def test_one_indicator_with_two_actual_values(report):
    f = next(f for f in report.findings if f.check == "duplicates.conflict")
    assert [o.value for o in f.operands] == ["290000", "29000"]
    assert [c.line_start for c in f.citations] == [416, 417]


def test_a_duplicated_row_is_detected():
    lines = culture_lines("duplicated_row")
    first = line_of(lines, "开馆时间")
    report = run_audit([culture("duplicated_row")])
    bad = [f for f in report.findings if f.failing]
    assert [key_of(f) for f in bad] == [("duplicates.row", "error", first, first + 1)]
    # the weights still add up: a repeated row is counted once
    weights = next(f for f in report.findings if f.check == "tables.weights" and "图书馆" in f.relation)
    assert weights.severity == "ok" and weights.note.startswith("重复的指标行只计一次")
