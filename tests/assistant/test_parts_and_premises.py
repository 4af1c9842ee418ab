"""A whole's parts when none has a figure, a claimed number that is another figure of the same
sentence, the rest of a stated whole, and two asks of one message that lean on the answer before.

Every figure was read off the corpus documents: the finance PDF's 三公 table (page 18, 预算数 0.95,
决算 blank) and its narrative (page 23: 年初预算为0.95万元，支出决算为0.00万元); the Urumqi text's line
106 (本年收入 636,952.54 万元 … 其他收入 716.56 万元，占 0.11%); the culture text's page 31
(政府采购金额 7571.90 万元 … 工程采购金额 4276.20 万元) and page 22 (资源勘探工业信息等支出 4948.72
万元, 占 20.17%).
"""

from __future__ import annotations

from assistant.answer import Session

from checks import amounts as figures


def _talk(bot, questions):
    answers, session = [], Session()
    for q in questions:
        answers.append(bot.ask(q, session=session))
        session = answers[-1].session
    return answers


def test_parts_all_blank_answer_with_the_wholes_figure_and_the_budget_the_claim_was(bots):
    a = bots("finance").ask("普陀财政局2024年“三公”经费花了0.95万元，这些钱都花在哪儿了？")
    assert figures(a) == ["0.00", "0.95"]
    assert "年初预算（0.95 万元）" in a.answer and "都是空白" in a.answer
    assert {c.page for c in a.citations} >= {18, 23}
    assert not a.unsupported_numbers()


def test_parts_with_figures_are_still_listed(bots):
    a = bots("finance").ask("财政局2024年一般公共服务支出下面有哪些项？")
    assert a.kind == "list" and figures(a) == ["2106.66"] and "财政事务" in a.answer


def test_the_rest_of_a_stated_whole_after_one_part(bots):
    *_, rest = _talk(bots("urumqi"), ["乌鲁木齐住房局2023年本年收入一共多少？其中财政拨款多少？", "剩下的是什么收入？有多少，占多少？"])
    assert figures(rest) == ["716.56", "0.11"] and "其他收入" in rest.answer
    assert [c.line_start for c in rest.citations] == [106]


def test_two_asks_answered_by_one_calculation_are_answered_once(bots):
    *_, share = _talk(bots("culture"), ["文旅局2025年政府采购一共签了多少钱的合同？", "其中工程占了多少？比例是多少？"])
    assert share.kind == "calculation" and figures(share) == ["56.47", "4276.20", "7571.90"]
    assert share.answer.count("= 56.47%") == 1


def test_a_later_ask_with_no_subject_of_its_own_leans_on_the_ask_before_it(bots):
    *_, last = _talk(bots("culture"), ["文旅局2025年一般公共预算财政拨款支出是多少？", "占本年支出合计多少？", "其中资源勘探工业信息等支出呢？占多少？"])
    assert figures(last)[:2] == ["4948.72", "20.17"] and "占一般公共预算财政拨款支出的 20.17%" in last.answer
