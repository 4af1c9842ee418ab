"""assistant/handlers/calc.py: shares, sums, differences, multiples, averages and 万元 conversions of
stated figures, and arithmetic the user types — every result from the calculator, shown with its
expression and operands.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.calculator import calculate
from checks import cited, values


@pytest.mark.parametrize(
    ("question", "expression", "operands", "result", "unit", "lines"),
    [
        ("人员经费占一般公共预算财政拨款基本支出的比例是多少？", "4213.97 / 4617.45 × 100", ["4213.97", "4617.45"], "91.26", "%", {168}),
        ("公用经费占一般公共预算财政拨款基本支出的比例是多少？", "403.48 / 4617.45 × 100", ["403.48", "4617.45"], "8.74", "%", {168, 172}),
        ("政府采购货物支出占政府采购支出总额的比例是多少？", "147.81 / 459.93 × 100", ["147.81", "459.93"], "32.14", "%", {237}),
        ("人员经费和公用经费加起来多少", "4213.97 + 403.48", ["4213.97", "403.48"], "4617.45", "万元", {168, 172}),
        ("人员经费比公用经费多多少", "4213.97 − 403.48", ["4213.97", "403.48"], "3810.49", "万元", {168, 172}),
        ("公用经费比人员经费少多少", "4213.97 − 403.48", ["4213.97", "403.48"], "3810.49", "万元", {168, 172}),  # how much less: positive
        ("人员经费是公用经费的多少倍", "4213.97 / 403.48", ["4213.97", "403.48"], "10.44", "倍", {168, 172}),
        ("平均每辆车价值多少", "433.66 / 17", ["433.66", "17"], "25.51", "万元", {245}),
        ("棚改支出是多少亿元？", "483911.04 / 10000", ["483911.04"], "48.391104", "亿元", {162}),
        ("政府采购支出总额折合成元是多少", "459.93 × 10000", ["459.93"], "4599300", "元", {237}),
    ],
)
def test_a_calculation_shows_its_expression_operands_and_result(ask, question, expression, operands, result, unit, lines):
    answer = ask(question)

    assert answer.kind == "calculation"
    assert (answer.calculation.expression, answer.calculation.result, answer.calculation.unit) == (expression, result, unit)
    assert [f.value for f in answer.calculation.operands] == operands
    assert [(f.value, f.unit) for f in answer.figures if f.derived][:1] == [(result, unit)]  # (a long result is also said rounded: test_rankings_and_parts)
    assert lines <= cited(answer)
    assert expression in answer.answer and result in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "人员经费占一般公共预算财政拨款基本支出的比例是多少？",
        "政府采购货物支出占政府采购支出总额的比例是多少？",
        "人员经费是公用经费的多少倍",
        "平均每辆车价值多少",
    ],
)
def test_rounded_results_have_two_places_and_are_what_the_calculator_gives(ask, question):
    calc = ask(question).calculation

    assert Decimal(calc.result).as_tuple().exponent == -2
    assert calculate(calc.expression, 2)["result"] == calc.result


@pytest.mark.parametrize(
    "question",
    ["人员经费和公用经费加起来多少", "人员经费比公用经费多多少", "棚改支出是多少亿元？", "政府采购支出总额折合成元是多少"],
)
def test_sums_differences_and_conversions_are_exact(ask, question):
    calc = ask(question).calculation

    assert Decimal(calc.result) == Decimal(calculate(calc.expression, None)["exact"])


def test_a_share_the_document_states_is_quoted_not_recomputed(ask):
    answer = ask("授予中小企业合同金额占政府采购支出总额的比例是多少？")

    assert answer.kind == "figure"
    assert answer.calculation is None
    assert ("94.71", "%") in values(answer)
    assert 239 in cited(answer)


@pytest.mark.parametrize(
    ("question", "expression", "result"),
    [
        ("算一下 (150.12 + 253.36) / 403.48", "(150.12 + 253.36) / 403.48", "1.00"),
        ("150.12+253.36等于多少", "150.12+253.36", "403.48"),
        ("帮我算 4213.97 ÷ 4617.45 × 100", "4213.97 ÷ 4617.45 × 100", "91.26"),
        ("算一下 1/3", "1/3", "0.33"),
    ],
)
def test_typed_arithmetic_is_calculated_to_two_places(ask, question, expression, result):
    answer = ask(question)

    assert answer.kind == "calculation"
    assert (answer.calculation.expression, answer.calculation.result) == (expression, result)
    assert answer.calculation.operands == []
    assert answer.unsupported_numbers() == []


@pytest.mark.parametrize(("question", "reason"), [("算一下 1/0", "除数为零"), ("算一下 2**10", "不支持的符号"), ("算一下 (1 + 2", "不完整")])  # said in Chinese, without echoing the input
def test_typed_arithmetic_that_cannot_be_calculated_asks_again_and_says_why(ask, question, reason):
    answer = ask(question)

    assert answer.kind == "clarification"
    assert answer.calculation is None
    assert answer.figures == []
    assert reason in answer.answer
    assert "1024" not in answer.answer
