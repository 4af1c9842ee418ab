"""Several things asked alike, and a figure on another basis than the one asked.

Every figure was read off the corpus documents: the street office's 政府采购 paragraph (page 41),
the finance bureau's 一般公共预算财政拨款支出 narrative (page 22) and its 基本支出 (page 23).
"""

from __future__ import annotations

import pytest

from assistant.handlers.figures import parallel
from assistant.understand import basis_of, understand
from checks import amounts as figures
from checks import values


def test_words_after_the_last_of_several_names_are_every_names(bots):
    b = bots("street")
    q = understand("街道政府采购给中小企业、小微企业预留的预算金额各是多少？", b.lang)
    assert q.parts(b.kb.names) == ["街道政府采购给中小企业预留的预算金额", "小微企业预留的预算金额"]
    q = understand("基本支出、项目支出的年初预算各多少", b.lang)
    assert q.parts(b.kb.names) == ["基本支出的年初预算", "项目支出的年初预算"]
    q = understand("货物、工程、服务采购各多少", b.lang)
    assert q.parts(b.kb.names) == ["货物", "工程", "服务采购"]  # no shared ending: left as they are


def test_names_alike_but_for_one_word():
    assert parallel("面向中小企业预留政府采购项目预算金额", "面向小微企业预留政府采购项目预算金额")
    assert not parallel("政府采购金额（以合同签订为准）", "面向小微企业预留政府采购项目预算金额")
    assert not parallel("基本支出", "基本支出")


def test_several_amounts_named_alike_are_the_documents_alike_figures(bots):
    a = bots("street").ask("街道政府采购给中小企业、小微企业预留的预算金额各是多少？")
    assert figures(a) == ["690.47", "293.72"]
    assert [c.page for c in a.citations] == [41]


def test_a_budget_in_the_name_of_an_amount_asks_no_basis(bots):
    assert basis_of("给中小企业预留的预算金额", bots("street").lang) == []
    assert basis_of("项目涉及预算金额", bots("street").lang) == []
    assert basis_of("三公经费的预算", bots("street").lang) == ["全年预算", "年初预算"]
    a = bots("street").ask("给中小企业预留的预算金额是多少")
    assert figures(a) == ["690.47"]


@pytest.mark.parametrize("question", ["基本支出的年初预算是多少", "项目支出的预算是多少"])
def test_a_figure_on_another_basis_than_asked_says_so(bots, question):
    a = bots("finance").ask(question)
    assert a.answer.startswith("文件没有单独列出") and "的年初预算；它所列的是决算数：" in a.answer
    assert figures(a)[0] in ("2336.91", "603.14")


def test_everyday_words_for_the_budget_read_the_narratives_budget(bots):
    a = bots("finance").ask("普陀区财政局信息化建设这一项，2024年年初打算花多少钱？")
    assert figures(a) == ["135.90"] and a.citations[0].page == 22


def test_how_many_official_cars_is_the_holding_the_narrative_states(bots):
    a = bots("culture").ask("普陀区文旅局2025年有几辆公车？")
    assert figures(a) == ["4"] and "公务用车保有量" in a.answer
    b = bots("street").ask("有几辆公车？")
    assert figures(b) == ["8"]  # the holding, not the 10 vehicles of the asset paragraph


@pytest.mark.parametrize("follow", ["比上年呢？", "比2024年呢？"])
def test_a_part_whose_change_is_unstated_gives_its_totals_change(bots, follow):
    b = bots("culture")
    first = b.ask("这些车一年的运行维护花了多少？")
    a = b.ask(follow, first.session)
    assert a.intent == "change" and figures(a) == ["2.64", "20.06", "88.37"]
    assert a.answer.startswith("文件没有单独说明公务用车运行维护支出（2.64 万元）与上年相比的变化；它所属的公务用车购置及运行维护费支出")
    assert [c.page for c in a.citations] == [29, 28]


def test_a_year_compared_is_a_change_not_a_difference(bots):
    a = bots("culture").ask("文旅局三公经费比2024年多多少")
    assert a.intent == "change" and figures(a) == ["3.04", "19.66", "86.61"]


def test_rows_of_one_name_told_apart_by_their_parents_named(bots):
    b = bots("street")
    a = b.ask("石泉路街道办事处2025年一般公共服务支出中，群众团体事务、组织事务、宣传事务、统战事务、市场监督管理事务五个款下的一般行政管理事务合计多少万元？")
    assert a.kind == "calculation" and a.calculation.expression == "46.50 + 105.65 + 100.96 + 7.73 + 22.64"
    assert a.calculation.result == "283.48"
    c = b.ask("组织事务和宣传事务下的一般行政管理事务分别是多少")
    assert figures(c) == ["105.65", "100.96"]


def test_this_moneys_share_after_its_budget_is_the_spending(bots):
    b = bots("street")
    first = b.ask("石泉路街道2025年死亡抚恤发了多少钱？")
    second = b.ask("年初有没有做这笔预算？", first.session)
    a = b.ask("这笔钱占社会保障和就业支出的比重是多少？", second.session)
    assert a.kind == "calculation" and figures(a) == ["5.87", "177.17", "3019.34"]


def test_items_spent_beyond_their_budget_said_with_bi(bots):
    a = bots("street").ask("城乡社区支出那一大块里，哪几项花得比年初预算还多？")
    assert a.kind == "list" and figures(a) == ["3", "1676.41", "1715.05", "1280.01", "1289.35", "60", "84.86"]


def test_the_only_figure_in_the_unit_asked_needs_less_of_its_name(bots):
    a = bots("finance").ask("财政局单价100万以上的贵重设备有几台？")
    assert values(a) == [("2", "台（套）")] and a.citations[0].page == 24


def test_a_change_asked_of_a_subject_named_nearly_when_both_readings_agree(bots):
    a = bots("urumqi").ask("政府性基金那块钱跟上年比少了多少？")
    assert a.intent == "change" and figures(a) == ["129100.00", "70547.46", "35.34"]


def test_a_counted_sum_takes_a_row_named_in_part_for_the_name_no_row_has_whole(bots):
    """三项: 养老保险 and 职业年金 are rows by name; 基本医疗保险 is 职工基本医疗保险缴费 (30110) in part."""
    a = bots("finance").ask("财政局2024年给在职人员交的基本养老保险、职业年金和基本医疗保险，三项加起来一共多少钱？")
    assert a.kind == "calculation" and figures(a) == ["302.12", "160.75", "80.38", "60.99"]
    assert [c.page for c in a.citations] == [10, 10, 16] and "职工基本医疗保险缴费 60.99" in a.citations[2].quote


def test_a_counted_sum_still_asks_back_when_a_name_finds_no_row_at_all(bots):
    a = bots("finance").ask("财政局2024年养老保险、职业年金和取暖补贴，三项加起来一共多少钱？")
    assert a.kind == "clarification" and figures(a) == ["160.75", "80.38"]
