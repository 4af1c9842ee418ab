"""assistant/handlers/figures.py: stated figures looked up by everyday words, alone or several at
once, with the sentence that states each one cited at its line.
"""

from __future__ import annotations

import pytest

from checks import cited, quotes, values


@pytest.mark.parametrize(
    ("question", "value", "unit", "lines"),
    [
        ("政府采购货物支出多少？", "147.81", "万元", {237}),
        ("政府采购服务支出多少", "312.12", "万元", {237}),
        ("棚改花了多少钱", "483911.04", "万元", {162}),
        ("棚改花了多少钱？", "483911.04", "万元", {162}),
        ("上级补助收入多少？", "0.00", "万元", {106}),
        ("公车保有量是多少辆？", "17", "辆", {182}),
        ("你们局一共多少人？", "359", "人", {74}),
        ("截至2023年12月31日，固定资产原值是多少？", "22415.73", "万元", {245}),
        ("机关运行经费支出多少？", "150.12", "万元", {231}),
        ("出国花了多少钱", "0.00", "万元", {176, 180, 186}),  # each states it
        ("What was the total income in 2023?", "637229.42", "万元", {98}),
        ("How many official vehicles did the bureau have?", "17", "辆", {182}),
        ("How much was spent on shantytown renovation?", "483911.04", "万元", {162}),
        # the department named by an abbreviation, with no other subject: the whole year
        ("住房保障局一年总共花了多少钱", "636847.14", "万元", {100}),
        ("你们局一年花了多少钱", "636847.14", "万元", {100}),
        ("一年总共收入多少", "636952.54", "万元", {98, 106}),  # 本年收入合计 in 收入总计, or 本年收入 in 收入决算情况
        ("住房保障局三公经费多少", "25.39", "万元", {176}),
        ("单位有几辆车", "17", "辆", {182, 245}),  # 公务用车保有量 or the 车辆 of the assets section: both 17
        ("公车一共几辆", "17", "辆", {182}),
    ],
)
def test_a_figure_is_answered_with_its_value_and_the_line_that_states_it(ask, question, value, unit, lines):
    answer = ask(question)

    assert answer.kind == "figure"
    assert values(answer)[0] == (value, unit)
    assert lines & cited(answer)


def test_a_figure_is_cited_with_the_sentence_that_states_it(ask):
    answer = ask("政府采购货物支出多少？")

    (citation,) = [c for c in answer.citations if c.line_start <= 237 <= c.line_end]
    assert "政府采购货物支出 147.81 万元" in citation.quote
    assert citation.section == "十、其他重要事项的情况说明"
    assert "147.81 万元" in answer.answer


def test_a_total_is_answered_with_the_parts_its_sentence_states(ask):
    answer = ask("公车一年花多少")

    assert answer.kind == "figure"
    assert values(answer)[0] == ("25.39", "万元")
    parts = {(f.subject, f.value) for f in answer.figures[1:]}
    assert ("公务用车购置费", "0.00") in parts
    assert ("公务用车运行维护费", "25.39") in parts
    assert "公务用车购置费 0.00 万元" in answer.answer and "公务用车运行维护费 25.39 万元" in answer.answer
    assert 182 in cited(answer)


def test_the_sangong_total_lists_its_three_parts(ask):
    answer = ask("三公经费是多少")

    assert values(answer)[:4] == [("25.39", "万元"), ("0.00", "万元"), ("25.39", "万元"), ("0.00", "万元")]
    assert [f.subject for f in answer.figures[1:4]] == ["因公出国（境）费支出", "公务用车购置及运行维护费支出", "公务接待费支出"]
    assert 176 in cited(answer)


@pytest.mark.parametrize(
    ("question", "expected", "lines"),
    [
        ("货物和工程采购各花了多少", [("147.81", "万元"), ("0.00", "万元")], {237}),
        ("房屋面积和价值是多少", [("37049.78", "平方米"), ("17520.64", "万元")], {245}),
        ("房子面积和价值是多少？", [("37049.78", "平方米"), ("17520.64", "万元")], {245}),
        ("在职和退休各多少人？", [("242", "人"), ("117", "人")], {74}),
        ("一般公共预算财政拨款基本支出中人员经费和公用经费分别是多少？", [("4213.97", "万元"), ("403.48", "万元")], {168, 172}),
    ],
)
def test_several_figures_in_one_question_are_each_answered(ask, question, expected, lines):
    answer = ask(question)

    assert answer.kind == "figure"
    assert values(answer)[: len(expected)] == expected
    assert lines <= cited(answer)


def test_the_house_area_and_value_are_told_apart_by_their_units(ask):
    answer = ask("房屋面积和价值是多少")

    area, value = answer.figures[:2]
    assert "房屋" in area.subject and "房屋" in value.subject
    assert "37,049.78 平方米" in answer.answer and "17,520.64 万元" in answer.answer
    assert "37,049.78 平方米，价值 17,520.64 万元" in quotes(answer)


def test_an_ambiguous_question_gets_its_candidates_labelled_or_a_clarification(ask):
    answer = ask("年初预算数是多少")

    assert answer.kind in ("clarification", "figure")
    stated = {f.value for f in answer.figures}
    assert {"531862.79", "6862.79", "525000.00"} <= stated  # the three budgets the text states
    labels = [f.subject for f in answer.figures]
    assert len(set(labels)) == len(labels)  # each candidate says whose budget it is
    for raw in ("531,862.79", "6,862.79", "525,000.00"):
        assert raw in answer.answer
    assert {118, 126, 194} <= cited(answer)


def test_a_subject_asked_as_an_amount_and_as_money_gets_both_from_its_sentence(ask):
    """Line 245 states 房屋 37,049.78 平方米 and its 价值 17,520.64 万元 in one sentence."""
    answer = ask("房屋有多少平方米 价值多少")

    assert values(answer) == [("37049.78", "平方米"), ("17520.64", "万元")]
    assert cited(answer) == {245}


def test_a_count_and_a_cost_of_official_cars_are_the_holding_and_the_running_cost(ask):
    """"有多少辆" asks for the 保有量 (17), not the 购置数 (0) stated first on line 182."""
    answer = ask("公车有多少辆，公车运行费多少")

    assert values(answer) == [("17", "辆"), ("25.39", "万元")]
    assert cited(answer) == {182, 186}


def test_a_question_naming_the_head_of_a_long_subject_links_it():
    """"公车保有量几辆" names the end of "所属各预算单位开支财政拨款的公务用车保有量": a Chinese noun
    phrase's head says what the figure is, whatever qualifies it before."""
    from assistant.link import _names_head
    from assistant.text import grams

    subject = [a + b for a, b in zip("开支财政拨款的公务用车保有量", "支财政拨款的公务用车保有量")]
    assert _names_head(subject + ["|"], grams("公务用车保有量 辆"))
    assert not _names_head(subject + ["|"], grams("财政拨款的公务用车"))  # not its end
    assert not _names_head(subject + ["|"], grams("有量"))  # too short to be a head


@pytest.mark.parametrize(("doc", "expected"), [
    ("street", [("21864.85", False), ("19044.27", False), ("87.10", False)]),  # the rate as stated
    ("culture", [("27780.16", False), ("24535.67", False), ("88.32", False)]),
])
def test_budget_spending_and_the_rate_asked_together(bots, doc, expected):
    """"年初预算、支出决算和完成年初预算的比例": three parts of one subject — 支出决算 names a basis, not
    a subject of its own (it took another subject's 支出决算), and the rate part asks the rate."""
    a = bots(doc).ask("一般公共预算财政拨款支出的年初预算、支出决算和完成年初预算的比例是多少？")

    assert [(f.value, f.derived) for f in a.figures] == expected and a.unsupported_numbers() == []
