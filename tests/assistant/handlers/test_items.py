"""assistant/handlers/items.py: the classified items (项) that meet a condition the question states.

Every expected item and figure was read off the corpus documents' narrative (一般公共预算财政拨款支出
决算具体情况 and the like): each 项 with its 年初预算, 支出决算, the rate it states, its change.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.handlers.items import BUDGET, RATE, SPENT, Condition, condition, said


@pytest.mark.parametrize(("text", "expected"), [
    ("年初预算为0但有支出决算的项有哪些", Condition(BUDGET, "=", Decimal(0), also_spent=True)),
    ("支出决算与年初预算相等的项有哪些", Condition(SPENT, "=", BUDGET)),
    ("决算数与预算数一致的有哪些", Condition(SPENT, "=", BUDGET)),
    ("完成年初预算比例低于60%的项有哪些", Condition(RATE, "<", Decimal(60))),
    ("执行率在90%以下的项", Condition(RATE, "≤", Decimal(90))),
    # a percentage is the rate, whichever amount it is said of
    ("完成年初预算超过100%的项有哪些", Condition(RATE, ">", Decimal(100))),
    ("预算低于50%的项", Condition(RATE, "<", Decimal(50))),
    ("支出决算超过1000万元的项有哪些", Condition(SPENT, ">", Decimal(1000))),
    ("哪些项的决算比预算少", Condition(SPENT, "<", BUDGET)),
    ("超过预算的项有哪些", Condition(SPENT, ">", BUDGET)),
    ("哪些科目没有花完预算", Condition(SPENT, "<", BUDGET)),
    ("城乡社区支出里哪几项比上年减少了", Condition("change", "减少", "")),
    # no condition: a plain list, a lookup
    ("一般公共服务支出下面有哪些项", None),
    ("行政运行的年初预算是多少", None),
])
def test_the_condition_is_read_from_the_question(text, expected):
    assert condition(text) == expected


def names_and_values(answer) -> tuple[list[str], list[str]]:
    lines = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    return [line[2:].split("：")[0] for line in lines], [f.value for f in answer.figures if f.basis != "计数"]


def test_items_whose_spending_equals_their_budget(bots):
    a = bots("finance").ask("一般公共预算财政拨款支出决算具体情况中，支出决算与年初预算相等的项有哪些？")

    names, figures = names_and_values(a)
    assert a.kind == "list" and a.filters == ["支出决算等于年初预算"]
    assert names == ["财政事务（款）一般行政管理事务（项）", "行政事业单位养老支出（款）其他行政事业单位养老支出（项）", "住房改革支出（款）购房补贴（项）"]
    assert figures == ["10.00", "10.00", "0.94", "0.94", "258.50", "258.50"]
    assert [f.value for f in a.figures if f.basis == "计数"] == ["3"]
    assert a.unsupported_numbers() == []


def test_items_below_a_stated_rate_quote_the_rates_the_document_states(bots):
    a = bots("street").ask("完成年初预算比例低于60%的项有哪些？")

    names, _ = names_and_values(a)
    assert [n.split("（")[-2].split("）")[-1] for n in names] == ["统计信息事务", "科普活动", "行政单位医疗", "其他城乡社区公共设施支出", "其他城乡社区住宅支出"]
    assert [f.value for f in a.figures if f.unit == "%"] == ["25.83", "55.70", "57.26", "51.68", "49.99"]
    assert "（文件所述）" in a.answer and a.unsupported_numbers() == []


def test_items_above_a_rate_said_without_the_word_rate(bots):
    a = bots("street").ask("一般公共预算财政拨款支出具体情况中，完成年初预算超过100%的项有哪些？")

    names, _ = names_and_values(a)
    assert a.filters == ["完成年初预算的比例高于 100%"]
    assert [n.split("（")[-2].split("）")[-1] for n in names][:3] == ["一般行政管理事务", "群众文化", "行政运行"]
    assert [f.value for f in a.figures if f.unit == "%"] == ["109.58", "312.55", "102.30", "100.73", "141.43", "101.49"]


def test_a_rate_the_document_does_not_state_is_calculated_and_marked(bots):
    a = bots("culture").ask("完成年初预算比例低于30%的项有哪些？")

    assert a.kind == "list"
    rates = [f for f in a.figures if f.unit == "%"]
    # 文化展示及纪念机构（项）: 1700.57 ÷ 6832.84 × 100
    assert [(f.value, f.derived) for f in rates] == [("24.89", True)]
    assert "（支出决算 ÷ 年初预算，计算值）" in a.answer and a.unsupported_numbers() == []


def test_a_named_fund_keeps_the_items_of_its_own_section(bots):
    """The 政府性基金 items with no initial budget are not 一般公共预算's."""
    everywhere = bots("culture").ask("年初预算为0但有支出决算的项有哪些？")
    general = bots("culture").ask("一般公共预算财政拨款支出具体情况中，年初预算为0但有支出决算的项有哪些？")

    assert "地方旅游开发项目补助（项）" in everywhere.answer
    assert "地方旅游开发项目补助" not in general.answer and "文化产业发展专项支出（项）" in general.answer


def test_items_that_fell_on_last_year_within_a_named_class(bots):
    a = bots("urumqi").ask("城乡社区支出里哪几项比上年减少了？")

    names, _ = names_and_values(a)
    assert a.filters == ["城乡社区支出(类)下比上年减少"]
    assert names[:3] == ["城乡社区管理事务(款)行政运行(项)", "城乡社区管理事务(款)一般行政管理事务(项)", "城乡社区管理事务(款)其他城乡社区管理事务支出(项)"]
    assert all(n.startswith(("城乡社区", "国有土地", "城市基础设施")) for n in names)
    assert "比上年减少 47.05 万元" in a.answer and a.unsupported_numbers() == []


def test_no_item_meets_the_condition_is_said_not_guessed(bots):
    a = bots("finance").ask("支出决算超过100000万元的项有哪些？")

    assert a.kind == "list" and a.answer.startswith("按文件对各功能分类项的逐项说明，没有支出决算高于 100000 万元的项")
    assert [f.value for f in a.figures] == ["0"]


@pytest.mark.parametrize(("text", "expected"), [
    ("哪几项是说“决算数与预算数基本持平”的？", "决算数与预算数基本持平"),
    ("哪些科目决算比预算少，是因为“厉行节约，严格控制成本”？", "厉行节约，严格控制成本"),
    ("哪些项的原因是正常预决算数浮动？", "正常预决算数浮动"),
    # the reason asked, not given; a quoted name without a word of saying
    ("哪些项决算数小于预算数的原因是什么？", None),
    ("“三公”经费有哪些", None),
])
def test_words_quoted_as_what_the_statement_says(text, expected):
    c = said(text)
    assert (c.right if c else None) == expected


def test_items_whose_statement_says_the_words_quoted(bots):
    a = bots("finance").ask("财政局情况说明里逐项列了预算和决算，哪几项是说“决算数与预算数基本持平”的？")

    names, figures = names_and_values(a)
    assert names == ["财政事务（款）一般行政管理事务（项）", "行政事业单位养老支出（款）其他行政事业单位养老支出（项）", "住房改革支出（款）购房补贴（项）"]
    assert figures == ["10.00", "10.00", "0.94", "0.94", "258.50", "258.50"]
    assert [c.page for c in a.citations] == [22, 22, 22]
    assert all("基本持平" in c.quote.replace("\n", "") for c in a.citations)


def test_items_whose_stated_reason_is_the_words_quoted(bots):
    a = bots("culture").ask("哪些支出科目决算比预算少，是因为“厉行节约，严格控制成本”？")

    names, figures = names_and_values(a)
    assert [n.split("（款）")[1] for n in names] == ["文化和旅游交流与合作（项）", "文化创作与保护（项）", "旅游宣传（项）"]
    assert figures == ["38.60", "38.39", "18.80", "17.99", "15.00", "14.96"]
    assert all("厉行节约" in c.quote.replace("\n", "") for c in a.citations)


def test_items_by_a_reason_given_without_quotes(bots):
    a = bots("street").ask("哪些项决算数小于预算数的原因是正常预决算数浮动？")

    names, _ = names_and_values(a)
    assert len(names) == 5 and names[0] == "群众团体事务（款）一般行政管理事务（项）"
