"""Rows asked by the template's short names and by words that are columns elsewhere; a whole never
added to its own part; what a premise says kept apart from what is asked.

Every figure was read off the corpus documents: the culture bureau's 收入支出决算总表 (page 6, line
100–101) and 三公 table (page 18, line 392), the street office's 三公 table (page 24, line 527).
"""

from __future__ import annotations

import pytest

from checks import amounts as figures
from checks import values

ALL = "finance,culture,street,urumqi"


def test_summary_rows_named_like_a_fund_tables_columns_are_rows_beside_the_total(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年度收入支出决算总表中，年初结转和结余、年末结转和结余以及收支总计各是多少？")
    assert figures(a) == ["52.61", "52.61", "26591.08"]
    assert [c.line_start for c in a.citations[:3]] == [100, 100, 101] and "年末结转和结余 52.61" in a.citations[1].quote


def test_a_fund_tables_column_is_not_the_summary_tables_row_of_that_name(bots):
    a = bots("culture").ask("政府性基金预算财政拨款收入支出决算表中的年初结转和结余")
    assert "52.61" not in a.answer and figures(a) == []


@pytest.mark.parametrize(("doc", "question", "expected"), [
    ("culture", "文旅局2025年三公经费表里，公车和公务接待（请客吃饭）的预算和实际花的各是多少？", [("2.64", "万元"), ("9.38", "万元"), ("0.40", "万元"), ("2.11", "万元")]),
    ("street", "街道2025年三公经费表里，买公车和公车日常运行各预算了多少、实际花了多少？", [("12.35", "万元"), ("27.40", "万元"), ("25.00", "万元"), ("25.00", "万元")]),
    ("culture", "文旅局2025年三公经费一共花了多少？出国、公车、接待各花了多少？", [("3.04", "万元"), ("0", "万元"), ("2.64", "万元"), ("0.40", "万元")]),
])
def test_three_public_rows_by_their_short_names_in_every_column_asked(bots, doc, question, expected):
    a = bots(doc).ask(question)
    assert a.kind == "figure" and values(a) == expected and a.calculation is None  # a whole is never added to its own part


@pytest.mark.parametrize(("doc", "question", "expected"), [
    ("culture", "公车保有量多少", [("4", "辆")]),
    ("culture", "公务接待了多少批次", [("2", "批次")]),
    ("street", "公车运维花了多少", [("12.35", "万元")]),
    ("street", "公车一年花多少", [("37.35", "万元")]),
])
def test_a_short_name_the_question_goes_on_from_is_another_subject(bots, doc, question, expected):
    a = bots(doc).ask(question)
    assert values(a) == expected and "不一致" not in a.answer  # 公务用车购置's 25 is not the whole's narrative


def test_a_short_name_inside_another_verb_phrase_names_no_row(bots):
    a = bots("culture").ask("普陀区2025年一共接待了多少游客？文旅局决算里有写吗？")
    assert a.kind == "refusal" and a.figures == []


def test_money_said_in_a_premise_does_not_turn_a_count_asked_into_money(bots):
    a = bots("finance").ask("听说财政局2024年新买了3辆公车花了45.6万，那现在单位一共有几辆车？")
    assert values(a)[0] == ("0", "辆") and a.citations[0].page == 24 and "45.6" not in figures(a)


def test_next_years_budget_of_several_departments_is_refused_as_the_future(bots):
    a = bots(ALL).ask("这四个部门下一年度的部门预算总额分别是多少（财政局2025年、文旅局和石泉路街道2026年、乌鲁木齐市住房局2024年）？")
    assert a.kind == "refusal" and a.figures == []


def test_a_department_named_after_a_question_that_asked_which_document_is_answered(bots):
    b = bots(ALL)
    first = b.ask("普陀区文化和旅游局和石泉路街道办事处2025年度绩效自评的项目各有多少个？")
    second = b.ask("涉及的预算金额呢？", first.session)
    a = b.ask("财政局2024年度呢？", second.session)  # the turn before named no document: no error
    assert a.kind in {"figure", "list", "refusal", "clarification", "text"}
