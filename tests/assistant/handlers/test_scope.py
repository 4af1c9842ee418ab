"""assistant/handlers/scope.py: what the document does not cover is refused kindly — no figure, and a
word on what it does cover — while the department's own names and abbreviations are answered.
"""

from __future__ import annotations

import pytest

from checks import values

OUT_OF_SCOPE = [
    "2021年三公经费花了多少？",
    "2024年部门预算收入总计是多少？",
    "2019年实有人数是多少？",
    "2025年打算花多少钱搞棚改？",
    "明年三公经费预算是多少？",
    "乌鲁木齐市教育局的三公经费是多少？",
    "新疆维吾尔自治区财政厅的三公经费是多少？",
    "住房公积金管理中心的收入是多少？",
    "局长是谁？",
    "张三的工资是多少？",
    "财务审计科科长叫什么名字",
    "你们单位的联系电话是多少",
    "办公楼装修花了多少钱？",
    "What was the bureau's budget for 2025?",
]


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_what_the_document_does_not_cover_is_refused_without_figures(ask, question):
    answer = ask(question)

    assert answer.kind == "refusal"
    assert answer.figures == []
    assert answer.calculation is None
    assert answer.unsupported_numbers() == []


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_a_refusal_says_what_the_document_does_cover(ask, question):
    answer = ask(question)

    assert "三公" in answer.answer
    assert "项目支出绩效自评表" in answer.answer or "预算绩效" in answer.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("2021年三公经费花了多少？", "2023 年度"),
        ("乌鲁木齐市教育局的三公经费是多少？", "乌鲁木齐市住房保障和房产管理局"),
        ("局长是谁？", "姓名"),
        ("明年三公经费预算是多少？", "决算"),
    ],
)
def test_a_refusal_says_why(ask, question, says):
    assert says in ask(question).answer


def test_a_refusal_cites_the_title_that_names_the_department_and_year(ask):
    answer = ask("2021年三公经费花了多少？")

    (title,) = answer.citations
    assert title.line_start == 3
    assert "乌鲁木齐市住房保障和房产管理局" in title.quote and "2023" in title.quote


@pytest.mark.parametrize(
    ("question", "value", "unit"),
    [
        ("房管局的三公经费是多少？", "25.39", "万元"),
        ("你们局的实有人数是多少？", "359", "人"),
        ("乌鲁木齐市住房保障和房产管理局的三公经费是多少", "25.39", "万元"),
        ("你们单位2023年政府采购货物支出多少", "147.81", "万元"),
        ("产权交易中心的班车租赁执行率是多少", "96.80", "%"),
        ("监察支队负责的项目有几个", "1", "个"),
        ("2022 年度“忠诚干净担当好班子”奖金执行率多少", "100.00", "%"),
        ("新疆阜丰生物科技有限公司职工公寓二期公租房项目执行率是多少", "100.00", "%"),
        ("上年的三公经费是多少？", "45.08", "万元"),
    ],
)
def test_the_departments_own_names_units_and_years_are_not_refused(ask, question, value, unit):
    answer = ask(question)

    assert answer.kind != "refusal"
    assert (value, unit) in values(answer)


@pytest.mark.parametrize(("question", "term"), [("三公经费是多少", "三公"), ("公车一年花多少", "公务用车"), ("棚改花了多少钱", "棚户区改造")])
def test_the_departments_abbreviations_are_not_refused(ask, question, term):
    answer = ask(question)

    assert answer.kind not in ("refusal", "clarification")
    assert term in answer.answer
