"""Differences asked in percent too, last year's sums, and a part named with its own whole.

The figures were read off the corpus documents: the culture bureau's 文化活动（项） (年初预算
1422.00, 支出决算 1605.19 万元), the finance bureau's 收入支出总计 (2995.39 万元, 比上年减少
56.95 万元), the street office's 公务用车购置及运行维护费 (37.35 万元, of which 购置 25 万元; 比上年
增加 21.90 万元) and the Urumqi bureau's 城乡社区管理事务 items with their changes.
"""

from __future__ import annotations

import pytest


def percents(answer) -> list[tuple[str, bool]]:
    return [(f.value, f.derived) for f in answer.figures if f.unit == "%"]


@pytest.mark.parametrize(("doc", "question", "difference", "percent"), [
    # over the budget: measured against the budget
    ("culture", "文化活动（项）支出决算比年初预算多出多少？超出百分之几？", "183.19", "12.88"),
    # a change on last year: measured against last year's (derived) value, 56.95 ÷ 3052.34
    ("finance", "2023年收支总计是多少，少了多少？下降了几个percent？", "3052.34", "1.87"),
    # "A比B多多少": measured against B
    ("finance", "基本支出比项目支出多多少？多百分之几？", "1733.77", "287.46"),
])
def test_a_difference_asked_in_percent_too_is_measured_against_its_reference(bots, doc, question, difference, percent):
    a = bots(doc).ask(question)

    assert a.kind == "calculation" and a.calculation.result == difference
    assert percents(a) == [(percent, True)]
    assert a.unsupported_numbers() == []


def test_a_difference_not_asked_in_percent_stays_in_money(bots):
    a = bots("culture").ask("文化活动（项）支出决算比年初预算多出多少？")

    assert a.calculation.result == "183.19" and percents(a) == []


def test_last_years_sum_is_derived_from_each_items_stated_change(bots):
    a = bots("urumqi").ask("2022年行政运行和一般行政管理事务一共花了多少？")

    assert a.calculation.expression == "(1192.15 + 47.05) + (278.24 + 45.09)"
    assert a.calculation.result == "1562.53" and "推算" in a.answer
    assert a.unsupported_numbers() == []


def test_last_years_sum_with_an_item_that_states_no_change_is_refused(bots):
    """Summing this year's figures would be a wrong figure for last year's question."""
    a = bots("street").ask("2024年公车运维和公务接待一共花了多少？")

    assert a.kind == "refusal" and a.calculation is None


@pytest.mark.parametrize(("question", "kind", "value"), [
    ("公车购置和运维一共花了多少？", "figure", "37.35"),  # not 25 + 37.35: 购置 is part of the whole named
    ("2024年公车购置和运维一共花了多少？", "calculation", "15.45"),  # 37.35 − 21.90
])
def test_a_part_named_with_its_own_whole_is_the_whole(bots, question, kind, value):
    a = bots("street").ask(question)

    assert a.kind == kind
    assert (a.calculation.result if a.calculation else a.figures[0].value) == value


@pytest.mark.parametrize(("doc", "question", "kind", "value"), [
    # the parts listed name their whole: its last year from the change stated for it (2.64 + 20.06)
    ("culture", "文旅局2024年公车方面（购置加运维）花了多少？", "calculation", "22.70"),
    ("street", "街道2024年公车购置和运维一共花了多少？", "calculation", "15.45"),
    # one part named: the whole's change says nothing of the part's last year
    ("culture", "2024年公车购置花了多少？", "refusal", None),
    ("street", "2024年公车购置花了多少？", "refusal", None),
    # the whole named by its everyday word
    ("street", "去年公车花了多少？", "calculation", "15.45"),
])
def test_last_year_of_a_whole_and_of_one_of_its_parts(bots, doc, question, kind, value):
    a = bots(doc).ask(question)

    assert a.kind == kind
    assert (a.calculation.result if a.calculation else None) == value
