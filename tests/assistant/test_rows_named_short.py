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
    assert "52.61" not in a.answer and figures(a) == ["0"]  # the fund table's own total row (page 19)
    assert a.citations[0].page == 19


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


def test_the_largest_part_of_a_total_the_table_prints_apart_from_its_classes(bots):
    """公用经费合计 is 302/307/309/310/399 by the template; its largest 款 is 30239 (page 17)."""
    b = bots("finance")
    a = b.ask("公用经费里决算数最大的经济分类科目是哪一项？")
    assert figures(a)[:3] == ["48.49", "42.77", "24.42"] and "最大的是302 39 其他交通费用：48.49 万元" in a.answer
    assert figures(a)[-1] == "184.65" and a.answer.startswith("公用经费合计")  # the whole asked about, too
    assert a.citations[0].page == 17 and "302 39 其他交通费用 48.49" in a.citations[0].quote
    share = b.ask("它占公用经费合计的比重是多少？", a.session)
    assert share.calculation is not None and share.calculation.result == "26.26"


def test_the_largest_class_of_a_summary_tables_side_and_the_smallest_child_of_a_class(bots):
    b = bots("street")
    a = b.ask("收入支出决算总表中，本年支出金额最大的功能分类（类）是哪一项？金额多少？")
    assert figures(a)[0] == "13583.48" and "最大的是十一、城乡社区支出" in a.answer
    share = b.ask("它占一般公共预算财政拨款支出的比重是多少？", a.session)
    assert share.calculation.result == "71.33"
    low = b.ask("一般公共服务支出下面哪一项最少")
    assert figures(low)[0] == "7.73" and "最小的是20134 统战事务" in low.answer


def test_the_largest_of_parts_named_in_the_narrative_then_its_share_of_their_whole(bots):
    b = bots("street")
    a = b.ask("买东西、工程、服务里哪一类最多？是多少？")
    assert figures(a) == ["712.08", "80.98", "269.03"] and a.answer.startswith("其中最多的是服务采购金额")
    share = b.ask("它占总额的百分之多少？", a.session)
    assert share.calculation.result == "67.05" and [f.value for f in share.figures[1:]] == ["712.08", "1062.09"]


def test_parts_named_after_their_whole_are_the_parts_and_ranked_when_asked_after(bots):
    b = bots("culture")
    a = b.ask("文旅局2025年政府采购货物、工程、服务各多少？")
    assert figures(a) == ["410.53", "4276.20", "2885.17"]  # 货物's own figure, not the 7571.90 total
    top = b.ask("哪一类最多？占总额的百分之多少？", a.session)
    assert figures(top)[0] == "4276.20" and "56.47" in figures(top)


@pytest.mark.parametrize(("question", "expected", "pages"), [
    ("普陀区财政局2024年度支出决算表中，项目支出603.14万元分布在哪些项级科目？各是多少？", ["603.14", "8.37", "10.00", "135.25", "449.52"], {10}),
    ("项目支出都花在哪些科目上", ["603.14", "8.37", "10.00", "135.25", "449.52"], {10}),
    ("财政局2024年除了财政拨款以外还有一点“其他收入”，一共多少？分别记在哪些科目下面、各多少？", ["6.20", "0.01", "6.19"], {8}),
])
def test_a_column_spread_over_the_rows_that_hold_it(bots, question, expected, pages):
    a = bots("finance").ask(question)
    assert a.kind == "list" and figures(a)[:-1] == expected and {c.page for c in a.citations} == pages
    assert values(a)[-1] == (str(len(expected) - 1), "个") and a.unsupported_numbers() == []
    assert "行政运行" in a.answer and "住房公积金" not in a.answer  # only the rows with an amount in that column


def test_the_largest_part_at_the_level_named_below_the_classes_with_the_wholes_amount(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年度支出决算表中项目支出合计多少？项目支出最多的项级科目是哪个，金额多少？")
    assert figures(a)[0] == "4948.72" and "16738.11" in figures(a) and "最大的是2150899 其他支持中小企业发展和管理支出" in a.answer


def test_a_column_spread_within_the_row_named_before(bots):
    a = bots("street").ask("石泉路街道办事处2025年度支出决算表中，住房保障支出（类）的基本支出和项目支出各是多少？项目支出列在哪个项级科目？")
    assert figures(a)[:4] == ["1160.04", "852.09", "307.95", "307.95"] and "2210399 其他城乡社区住宅支出：307.95 万元" in a.answer  # the row's total, then its parts


def test_an_average_score_asked_is_the_stated_one_not_money_over_a_count(bots):
    a = bots("street").ask("石泉路街道2025年做了绩效自评的项目有几个？平均得了多少分？其中几个评了“优”？")
    assert ("99.22", "分") in values(a) and a.calculation is None


def test_an_average_over_the_count_the_question_names(bots):
    a = bots("street").ask("按公务用车保有量算，石泉路街道2025年平均每辆公车的运行维护费是多少？")
    assert a.calculation.expression == "12.35 / 8" and a.calculation.result == "1.54"  # 保有量 8, not the 10 车辆


def test_one_figure_stated_twice_is_never_added_to_itself(bots):
    a = bots("street").ask("石泉路街道2025年给职工交医保一共花了多少钱？机关和事业单位各多少？")
    assert a.calculation is None and "301.40" not in a.answer and figures(a)[0] == "253.25"


def test_parts_listed_after_their_whole_are_the_parts_in_every_column(bots):
    """"三公经费里，买车和养车…": 公务用车购置费 and 公务用车运行维护费 of the 三公 table (page 24, line 527),
    not the 三公 total nor 31013 of the 基本支出 table."""
    a = bots("street").ask("石泉路街道2025年三公经费里，买车和养车各预算了多少、实际花了多少？")
    assert sorted(figures(a)) == sorted(["12.35", "27.40", "25.00", "25.00"]) and {c.line_start for c in a.citations} == {527}


def test_a_count_asked_by_the_end_of_the_year_is_the_holding(bots):
    a = bots("culture").ask("普陀区文旅局到2025年底一共有几辆公车？")
    assert values(a) == [("4", "辆")] and a.citations[0].page == 29


@pytest.mark.parametrize(("doc", "question", "expression", "result"), [
    # rows listed in brackets after a gloss are the ones added, not the gloss's 30302 退休费
    ("culture", "文旅局2025年给退休人员的离退休费（行政单位离退休和事业单位离退休）加起来是多少？", "44.54 + 361.85", "406.39"),
    # a claimed overspend checked by the difference from the budget
    ("street", "听说石泉路街道2025年城管执法花的钱比年初预算超了一百多万，是真的吗？", "1289.35 − 1280.01", "9.34"),
    # an average over the count just given (保有量 8), not all 车辆 (10)
    ("street", "石泉路街道2025年公车保有量是多少辆？平均每辆车的运行维护费是多少？", "12.35 / 8", "1.54"),
    # short names listed with a last 和 are the rows they begin
    ("street", "石泉路街道2025年在组织、宣传和统战这三块事务上一共花了多少？", "105.65 + 100.96 + 7.73", "214.34"),
    # spending as a percentage of the budget is the execution rate
    ("culture", "2070108文化活动决算是年初预算的百分之多少？", "1605.19 / 1422.00 × 100", "112.88"),
])
def test_a_calculation_from_the_rows_the_question_means(bots, doc, question, expression, result):
    a = bots(doc).ask(question)
    assert (a.calculation.expression, a.calculation.result) == (expression, result)


def test_a_column_spread_within_a_row_that_has_no_rows_under_it_is_that_row_once(bots):
    a = bots("street").ask("支出决算表中2210399其他城乡社区住宅支出的项目支出列在哪些项级科目？")
    assert values(a) == [("307.95", "万元"), ("307.95", "万元"), ("1", "个")] and a.answer.count("2210399 其他城乡社区住宅支出：") == 1
