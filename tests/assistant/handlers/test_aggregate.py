"""assistant/handlers/aggregate.py: questions across the project tables — filter, rank, count, list
by implementing unit, sum — each project's row cited.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assistant.calculator import calculate
from checks import cited, values

BELOW_FULL_EXECUTION = {
    "房产交易业务经费": ("74.82", 306),
    "局系统信息化建设项目经费": ("98.61", 453),
    "物业管理费": ("99.23", 609),
    "征收补偿工作经费": ("87.74", 656),
    "2023 年聘用人员工资、法律顾问费": ("99.28", 738),
    "物业管理专项经费": ("97.23", 786),
    "班车租赁": ("96.80", 909),
    "房产大厦 2022 年度物业服务费": ("91.95", 973),
}
PROPERTY_EXCHANGE_CENTRE = [
    "房产档案馆建档费",
    "房产交易业务经费",
    "分年度支付拖欠房产大厦物业服务费",
    "劳务派遣服务费",
    "契税财政补贴（第二批）",
    "契税财政补贴（第三批）",
    "契税财政补贴",
    "班车租赁",
    "房产大厦 2022 年度物业服务费",
]
UNIT_LINES = [283, 304, 372, 475, 518, 539, 562, 907, 971]


def listed(answer) -> list[str]:
    """The project names an answer lists, one per "- " line, without what follows a colon."""
    return [re.split(r"[：:]", line[2:])[0].strip() for line in answer.answer.splitlines() if line.startswith("- ")]


def count_of(answer, unit: str = "个") -> str:
    return next(f.value for f in answer.figures if f.unit == unit)


@pytest.mark.parametrize("question", ["执行率不到100%的项目有哪些", "项目支出绩效自评表中，执行率不到100%的项目有哪些？", "哪些项目执行率低于100%"])
def test_the_projects_with_a_stated_rate_below_100_are_the_eight(ask, question):
    answer = ask(question)

    assert answer.kind == "list"
    assert sorted(listed(answer)) == sorted(BELOW_FULL_EXECUTION)
    assert count_of(answer) == "8"
    assert {(v, "%") for v, _ in BELOW_FULL_EXECUTION.values()} <= set(values(answer))
    assert {line for _, line in BELOW_FULL_EXECUTION.values()} <= cited(answer)
    assert answer.filters == ["执行率 < 100%"]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("执行率低于95%的项目有哪些", ["房产交易业务经费", "征收补偿工作经费", "房产大厦 2022 年度物业服务费"]),
        ("自评总分低于96分的项目有哪些", ["房产交易业务经费", "房屋安全管理工作经费", "征收补偿工作经费"]),
        ("执行率低于50%的项目有哪些", []),
    ],
)
def test_a_threshold_filters_the_projects(ask, question, names):
    answer = ask(question)

    assert answer.kind == "list"
    assert sorted(listed(answer)) == sorted(names)
    assert count_of(answer) == str(len(names))


def test_the_projects_without_full_marks_are_the_ten_below_100(ask):
    answer = ask("哪些项目没有拿满分")

    assert len(listed(answer)) == 10
    assert count_of(answer) == "10"
    assert "房屋安全管理工作经费" in listed(answer) and "班车租赁" in listed(answer)
    assert "房产档案馆建档费" not in listed(answer)


@pytest.mark.parametrize("question", ["得分最低的三个项目", "项目自评表里总分最低的三个项目是哪几个？", "得分最低的3个项目"])
def test_the_three_lowest_scores_are_listed_lowest_first(ask, question):
    answer = ask(question)

    assert answer.kind == "list"
    assert listed(answer) == ["房屋安全管理工作经费", "房产交易业务经费", "征收补偿工作经费"]
    assert [v for v, u in values(answer) if u == "分"] == ["95.00", "95.48", "95.52"]
    assert {366, 320, 688} <= cited(answer)


@pytest.mark.parametrize("question", ["执行率前3的项目", "执行率最高的三个项目"])
def test_a_top_n_in_digits_ranks_like_one_in_words(ask, question):
    """Lines 279-…: 20 projects executed 100.00%; the top 3 is a tie that lists them all."""
    answer = ask(question)

    assert (answer.kind, answer.intent) == ("list", "aggregate")
    assert answer.answer.startswith("执行率最高的项目：")
    assert {v for v, u in values(answer) if u == "%"} == {"100.00"}
    assert "并列 100.00% 的项目共" in answer.answer


def test_a_ranking_with_a_tie_at_the_top_lists_every_tied_project_and_says_so(ask):
    answer = ask("得分最高的项目是哪个")

    assert len(listed(answer)) == 20
    assert {v for v, u in values(answer) if u == "分"} == {"100.00"}
    assert "并列" in answer.answer


@pytest.mark.parametrize("question", ["房屋产权交易中心负责哪些项目", "乌鲁木齐市房屋产权交易中心作为实施单位负责哪些项目？", "房屋产权交易中心负责的项目有几个？"])
def test_a_units_projects_are_the_nine_it_implements(ask, question):
    answer = ask(question)

    assert answer.kind == "list"
    assert listed(answer) == PROPERTY_EXCHANGE_CENTRE
    assert count_of(answer) == "9"
    assert set(UNIT_LINES) <= cited(answer)


def test_the_unit_with_most_projects_is_counted_from_the_tables(ask):
    answer = ask("哪个实施单位负责的项目最多")

    assert answer.answer.startswith("乌鲁木齐市房屋产权交易中心")
    assert ("9", "个") == values(answer)[0]
    assert set(UNIT_LINES) <= cited(answer)


def test_a_units_projects_can_be_summed(ask):
    answer = ask("房屋产权交易中心负责的项目全年执行数合计是多少")

    assert answer.kind == "calculation"
    assert answer.calculation.result == "4100.64"
    assert answer.calculation.unit == "万元"
    assert Decimal(calculate(answer.calculation.expression, None)["exact"]) == Decimal("4100.64")
    assert len(answer.calculation.operands) == 9


def test_the_published_tables_are_counted_and_the_gap_to_the_stated_31_explained(ask):
    answer = ask("公开了几张项目自评表")

    assert answer.kind == "figure"
    counts = [f.value for f in answer.figures if f.unit == "个"]
    assert counts[0] == "30"
    assert "31" in counts and "1" in counts  # 预算绩效评价项目 31 个; 涉密项目 1 个
    assert "30" in answer.answer and "31" in answer.answer and "涉密" in answer.answer
    assert {249, 991} <= cited(answer)


def test_every_published_table_is_cited_by_its_name_row(ask):
    answer = ask("一共公开了几张项目支出绩效自评表？")

    name_rows = {c.line_start for c in answer.citations if c.quote.startswith("项目名称")}
    assert len(name_rows) == 30
    assert min(name_rows) == 282 and max(name_rows) == 970


def test_which_project_got_most_money_ranks_by_what_it_spent(ask):
    answer = ask("哪个项目钱最多")

    assert answer.answer.startswith("全年执行数最高的项目：")
    assert listed(answer) == ["2023 年乌鲁木齐市老城区改造提升项目(B1、B2、A2 项目包) PPP 项目"]
    assert values(answer) == [("1", "个"), ("12985.06", "万元")]


def test_a_ranking_that_also_asks_why_is_answered_not_sent_back_as_a_follow_up(ask):
    answer = ask("执行率最低的是哪个项目，为什么")

    assert (answer.kind, listed(answer)) == ("list", ["房产交易业务经费"])
    assert ("74.82", "%") in values(answer)


def test_a_batch_named_by_its_number_alone_is_of_the_project_before_it(bots):
    """"契税财政补贴、契税财政补贴（第二批）和（第三批）三个项目": the third is 契税财政补贴（第三批）."""
    a = bots("urumqi").ask("契税财政补贴、契税财政补贴（第二批）和（第三批）三个项目的全年执行数合计是多少？")

    assert a.calculation.expression == "999.99 + 1000.00 + 999.96" and a.calculation.result == "2999.95"


def test_a_sum_over_fewer_projects_than_the_question_counts_is_asked_about(bots):
    a = bots("urumqi").ask("契税财政补贴和契税财政补贴（第二批）三个项目的全年执行数合计是多少？")

    assert a.kind == "clarification" and a.figures == [] and "问题说的是三个项目" in a.answer and a.unsupported_numbers() == []


@pytest.mark.parametrize("question", ["住房保障和房产管理局2023年那些项目绩效自评里，哪个项目得分最低？多少分？", "乌鲁木齐市住房保障和房产管理局2023年哪个项目自评得分最低？"])
def test_the_department_named_to_choose_its_document_names_no_implementing_unit(ask, question):
    """The department's own level (…管理局本级) implements some projects; naming the department ranks them all."""
    answer = ask(question)

    assert "负责的项目中" not in answer.answer
    assert ("95.00", "分") in values(answer) and "房屋安全管理工作经费" in answer.answer


def test_the_departments_own_level_is_named_by_benji(ask):
    answer = ask("乌鲁木齐市住房保障和房产管理局本级负责的项目中哪个得分最低？")

    assert answer.answer.startswith("乌鲁木齐市住房保障和房产管理局本级负责的项目中")
    assert ("99.84", "分") in values(answer) and "局系统信息化建设项目经费" in answer.answer
