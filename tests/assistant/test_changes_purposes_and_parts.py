"""A change stated in a sentence of its own after a table row, savings on a named year, the rate of
"实际只花了年初预算的百分之几", what a row's money was for (asked, or carried to "那X呢"), a numbered
list counted, and a row's other part beside its total and the part claimed.

Figures read off the corpus: the street text's 三公 paragraph (决算 37.35 万元, "比 2024 年度减增加
21.90 万元，增长 141.75%"), its 机关运行经费 (627.04 万元, 比上年减少 54.47 万元, 下降 7.99%) and its
支出决算表 row 2120101 行政运行 (合计 1,715.05, 基本支出 1,690.05, 项目支出 25.00); the culture text's
三公 (3.04 万元, 减少 19.66 万元, 下降 86.61%), 2070105 文化展示及纪念机构 (年初预算 6832.84, 决算
1700.57), and its 政府性基金 items (2121999: 2,000.00 万元 "主要用于：真如海心剧院精装修工程"; 2070904
地方旅游开发项目补助 2.80 万元 "主要用于：旅游厕所质量提升工程"); the finance PDF's page 5 (three units
numbered in 部门决算单位构成).
"""

from __future__ import annotations

import pytest

from checks import amounts as figures, talk



@pytest.mark.parametrize("doc, first, total, change", [
    ("street", "石泉路街道2025年“三公”经费一共花了多少？", "37.35", ["21.90", "141.75"]),
    ("culture", "文旅局2025年“三公”经费一共花了多少？", "3.04", ["19.66", "86.61"]),
])
def test_a_change_stated_apart_answers_a_follow_up_on_the_table_total(bots, doc, first, total, change):
    a, b = talk(bots(doc), [first, "比2024年多了多少？"])
    assert figures(a) == [total]
    assert b.kind == "figure" and figures(b) == [total, *change]


@pytest.mark.parametrize("question", ["石泉路街道2025年机关运行经费比2024年省了多少？", "石泉路街道2025年机关日常运行的经费比2024年省了多少，降了百分之几？"])
def test_saving_on_a_named_year_is_the_change_stated(bots, question):
    a = bots("street").ask(question)
    assert figures(a) == ["627.04", "54.47", "7.99"] and "减少" in a.answer


def test_only_spent_of_the_budget_as_a_percentage(bots):
    a = bots("culture").ask("文旅局2025年“文化展示及纪念机构”这项，实际只花了年初预算的百分之几？")
    assert a.kind == "calculation" and figures(a) == ["24.89", "1700.57", "6832.84"]


def test_what_a_rows_money_was_for_asked_then_carried_to_the_next_row(bots):
    _, a, b = talk(bots("culture"), ["普陀区文化和旅游局2025年政府性基金预算财政拨款收入是多少？",
                                      "其中2121999科目的支出是多少，主要用在什么上？", "那2070904地方旅游开发项目补助呢？"])
    assert figures(a) == ["2000.00"] and "真如海心剧院精装修工程" in a.answer
    assert figures(b) == ["2.80"] and "旅游厕所质量提升工程" in b.answer


def test_a_class_rows_purpose_from_its_one_item(bots):
    _, a = talk(bots("culture"), ["普陀区文化和旅游局2025年政府性基金预算财政拨款收入是多少？", "其中城乡社区支出那笔钱是多少，用在什么工程上？"])
    assert figures(a) == ["2000.00"] and "真如海心剧院" in a.answer


def test_no_purpose_is_added_when_none_is_asked(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年2070904地方旅游开发项目补助是多少？")
    assert figures(a) == ["2.80"] and "旅游厕所" not in a.answer


@pytest.mark.parametrize("question", ["普陀区财政局2024年的决算单位有几个？", "普陀区财政局2024年度的部门决算一共把几家单位算在里面？分别是哪几家？"])
def test_the_units_a_departments_accounts_take_in_counted(bots, question):
    a = bots("finance").ask(question)
    assert [(f.value, f.unit) for f in a.figures] == [("3", "个")]
    assert "财政所" in a.answer and "国库收付中心" in a.answer and {c.page for c in a.citations} == {5}


def test_a_rows_other_part_beside_its_total_and_the_part_claimed(bots):
    a = bots("street").ask("石泉路街道2025年2120101行政运行（项）决算1690.05万元，全部都是基本支出吧？")
    assert figures(a) == ["1690.05", "1715.05", "25.00"] and "项目支出）：25.00 万元" in a.answer


@pytest.mark.parametrize("question", ["文旅局2025年三公经费全花完了吗？", "文旅局2025年三公经费预算11.49万，实际也花了11.49万，全花完了对吧？"])
def test_all_spent_asks_the_execution_rate(bots, question):
    """The culture text's 三公 table: 年初预算 11.49, 决算 3.04 (26.46%)."""
    a = bots("culture").ask(question)
    assert a.kind == "calculation" and figures(a) == ["26.46", "3.04", "11.49"]


def test_a_year_compared_with_yu_xiang_bi_is_no_second_subject(bots):
    a = bots("finance,culture,street,urumqi").ask("普陀区文化和旅游局与石泉路街道办事处2025年“三公”经费财政拨款支出与2024年相比各变化了多少？")
    assert set(figures(a)) == {"3.04", "19.66", "86.61", "37.35", "21.90", "141.75"}


def test_inside_the_item_just_given_its_rows_column_then_its_budget(bots):
    """The street narrative's 其他社会保障和就业支出（项）: 年初预算 1339.11, 决算 1322.92; its 项 row 2089999
    in the 支出决算表 has 项目支出 124.27."""
    _, a, b = talk(bots("street"), ["石泉路街道2025年扶贫帮困、居家养老、社区助餐这些社区保障项目一共花了多少？", "里面项目支出是多少？", "年初预算多少？"])
    assert figures(a) == ["124.27"] and a.answer.startswith("2089999 ")
    assert figures(b) == ["1339.11"]


def test_water_and_power_are_the_two_rows_added(bots):
    a = bots("street").ask("石泉路街道2025年水电费加起来一共多少？")
    assert a.kind == "calculation" and figures(a) == ["88.79", "16.23", "72.56"]


def test_costs_related_to_the_cars_within_the_three_public_expenses(bots):
    _, a = talk(bots("culture"), ["普陀区文旅局2025年“三公”经费实际花了多少？", "其中公车相关的费用呢？"])
    assert figures(a) == ["2.64"]
