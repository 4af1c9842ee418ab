"""assistant/handlers/figures.py, changes: the change versus last year as the document states it, and
last year's value derived from it — shown as a calculation with its operands, marked derived.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.calculator import evaluate
from checks import cited, values


@pytest.mark.parametrize(
    ("question", "amount", "percent", "line"),
    [
        ("三公经费比上年下降了多少？", "19.69", "43.68", 176),
        ("机关运行经费比去年多了多少？", "28.81", "23.75", 231),
        ("事业单位公用经费比上年增加多少？", "33.73", "15.36", 233),
        ("收入支出总体与上年相比增加了多少？", "136749.69", "27.32", 102),
        ("行政单位离退休(项)支出比上年增加多少？", "13.80", "60.50", 138),
        ("棚改支出比上年增加了多少？", "192592.04", "66.11", 162),
    ],
)
def test_a_stated_change_is_answered_with_its_amount_and_percentage(ask, question, amount, percent, line):
    answer = ask(question)

    assert answer.kind == "figure"
    assert (amount, "万元") in values(answer)
    assert (percent, "%") in values(answer)
    assert line in cited(answer)
    assert answer.calculation is None  # stated, not computed


def test_a_change_says_its_direction_in_the_documents_words(ask):
    answer = ask("三公经费比上年下降了多少？")

    assert "减少 19.69 万元" in answer.answer
    assert "下降 43.68%" in answer.answer


@pytest.mark.parametrize(
    ("question", "expression", "result", "line"),
    [
        ("上年的机关运行经费是多少", "150.12 − 28.81", "121.31", 231),
        ("去年事业单位公用经费是多少？", "253.36 − 33.73", "219.63", 233),
        ("去年三公经费花了多少？", "25.39 + 19.69", "45.08", 176),
        ("上年行政单位离退休(项)支出决算数是多少？", "36.61 − 13.80", "22.81", 138),
    ],
)
def test_last_years_value_is_derived_and_shown_as_a_calculation(ask, question, expression, result, line):
    answer = ask(question)

    assert answer.kind == "calculation"
    assert answer.calculation.expression == expression
    assert answer.calculation.result == result
    assert answer.calculation.unit == "万元"
    assert evaluate(expression) == Decimal(result)
    current, change = expression.replace("−", "+").split(" + ")
    assert [f.value for f in answer.calculation.operands] == [current, change]
    derived = [f for f in answer.figures if f.derived]
    assert [(f.value, f.unit) for f in derived] == [(result, "万元")]
    assert line in cited(answer)


def test_a_derived_value_is_called_derived_in_the_answer(ask):
    answer = ask("上年的机关运行经费是多少")

    assert "121.31 万元" in answer.answer
    assert "推算" in answer.answer
    assert all(not f.derived for f in answer.calculation.operands)


@pytest.mark.parametrize("question", ["固定资产原值比上年增加了多少？", "实有人数比上年增加了多少？"])
def test_a_change_the_document_does_not_state_is_not_invented(ask, question):
    answer = ask(question)

    assert answer.kind == "refusal"
    assert answer.figures == []
    assert answer.calculation is None


def test_a_figure_found_for_a_change_question_says_its_change_is_not_stated(ask):
    """Line 186 states 公务用车运行费 for this year only; the answer says so, citing it (the change
    of 公务用车购置及运行维护费 on line 176 is another figure's)."""
    answer = ask("公车运行费比上年增加多少")

    assert answer.kind == "refusal" and answer.figures == []
    assert answer.answer == "文件说明了公务用车运行费决算数为 25.39 万元，但没有说明它与上年相比的变化。"
    assert cited(answer) == {186}


@pytest.mark.parametrize("question", ["上年的固定资产原值是多少？", "去年实有人数是多少？"])
def test_last_years_value_without_a_stated_change_is_not_this_years_value(ask, question):
    answer = ask(question)

    assert answer.kind == "refusal"
    assert answer.figures == []  # this year's value is no answer to last year's
    assert answer.calculation is None


def test_why_a_figure_rose_when_it_fell_is_its_reason_and_says_it_fell(bots):
    """The subject first: 政府性基金…收入支出 fell 70,547.46 (35.34%); the question says it rose."""
    a = bots("urumqi").ask("住房局政府性基金收支比上年涨了35.34%，为啥涨这么多？")

    # the change with the amount it is the change of (stated apart)
    assert [(f.value, f.unit) for f in a.figures] == [("129100.00", "万元"), ("70547.46", "万元"), ("35.34", "%")]
    assert "棚户区改造政府购买服务资金" in a.answer and "减少" in a.answer
