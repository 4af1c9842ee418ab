"""Follow-ups (assistant/plan.py): a short question leans on the conversation's previous answer —
the same figure's change, its share, a sibling figure, the same field of another project.
"""

from __future__ import annotations

import pytest

from assistant.answer import Session
from checks import cited, values

CONVERSATIONS = [
    pytest.param(
        ["三公经费花了多少？", "比上年呢？"],
        [("19.69", "万元"), ("43.68", "%")], 176, id="sangong-change",
    ),
    pytest.param(
        ["机关运行经费是多少", "比上年呢？"],
        [("28.81", "万元"), ("23.75", "%")], 231, id="operating-change",
    ),
    pytest.param(
        ["机关运行经费是多少", "比上年增加还是减少了？"],
        [("28.81", "万元"), ("23.75", "%")], 231, id="increase-or-decrease",
    ),
    pytest.param(
        ["三公经费多少", "是增加还是减少"],
        [("19.69", "万元"), ("43.68", "%")], 176, id="which-direction",
    ),
    pytest.param(
        ["固定资产原值 how much?", "车辆呢 几辆 值多少"],
        [("17", "辆"), ("433.66", "万元")], 245, id="count-and-value-of-a-sibling",
    ),
    pytest.param(
        ["政府采购货物支出多少？", "占多少比例？"],
        [("32.14", "%")], 237, id="goods-share",
    ),
    pytest.param(
        ["一般公共预算财政拨款基本支出中人员经费是多少？", "占基本支出多少比例？"],
        [("91.26", "%")], 168, id="personnel-share-of-named-total",
    ),
    pytest.param(
        ["班车租赁执行率多少？", "那得分呢？"],
        [("99.68", "分")], 923, id="project-score",
    ),
    pytest.param(
        ["物业管理费项目的物业服务面积是多少", "那得分呢？"],
        [("7.00", "分")], 616, id="indicator-score",
    ),
    pytest.param(
        ["机关运行经费支出多少？", "事业单位的呢？"],
        [("253.36", "万元")], 233, id="public-institutions",
    ),
    pytest.param(
        ["政府采购货物支出多少？", "服务类呢？"],
        [("312.12", "万元")], 237, id="services",
    ),
    pytest.param(
        ["房产交易业务经费项目执行率是多少？", "那班车租赁呢？"],
        [("96.80", "%")], 909, id="same-field-other-project",
    ),
    pytest.param(
        ["三公经费是多少？", "去年呢？"],
        [("45.08", "万元")], 176, id="last-year",
    ),
    pytest.param(
        ["公务用车保有量是多少？", "平均每辆车价值多少？"],
        [("25.51", "万元")], 245, id="average",
    ),
]


@pytest.mark.parametrize(("questions", "expected", "line"), CONVERSATIONS)
def test_a_follow_up_answers_about_the_previous_answers_subject(converse, questions, expected, line):
    *_, last = converse(questions)

    for figure in expected:
        assert figure in values(last)
    assert line in cited(last)


def test_a_reason_follow_up_after_a_change_quotes_that_changes_reason(converse):
    _, _, why = converse(["机关运行经费是多少", "比上年呢？", "为什么？"])

    assert why.kind == "text"
    assert "办公费支出增加" in why.answer
    assert 231 in cited(why)


def test_a_follow_up_works_from_the_session_as_json(bot):
    first = bot.ask("三公经费花了多少？", session=Session())

    follow = bot.ask("比上年呢？", session=first.session.model_dump_json())

    assert ("19.69", "万元") in values(follow)


def test_the_session_remembers_each_turn(converse):
    _, second = converse(["班车租赁执行率多少？", "那得分呢？"])

    assert [t.question for t in second.session.turns] == ["班车租赁执行率多少？", "那得分呢？"]
    assert second.session.turns[0].table_id == second.session.turns[1].table_id is not None


def test_a_new_subject_after_a_follow_up_is_answered_on_its_own(converse):
    *_, fresh = converse(["三公经费花了多少？", "比上年呢？", "政府采购货物支出多少？"])

    assert values(fresh)[0] == ("147.81", "万元")


@pytest.mark.parametrize("question", ["比上年呢？", "那得分呢？", "占多少比例？", "事业单位的呢？"])
def test_a_follow_up_without_a_conversation_asks_what_it_is_about(ask, question):
    assert ask(question).kind == "clarification"


def test_conversations_do_not_leak_into_each_other(bot):
    bot.ask("三公经费花了多少？", session=Session())

    alone = bot.ask("比上年呢？", session=Session())

    assert ("19.69", "万元") not in values(alone)


def test_a_change_stated_as_level_with_last_year_is_answered_and_cited(bots):
    """"…决算数与 2023 年度持平" states no number: last year's figure is this year's, cited from that sentence."""
    a = bots("finance").ask("三公经费比上年呢？")
    assert [(f.value, f.unit) for f in a.figures] == [("0.00", "万元"), ("0.00", "万元")] and "持平" in a.answer
    assert [c.page for c in a.citations] == [23, 23] and "与2023年度持平" in a.citations[1].quote


def test_a_follow_up_naming_last_year_by_number_asks_the_change_of_the_row_just_given(bots):
    b = bots("finance")
    first = b.ask("普陀区财政局2024年三公经费预算多少，实际花了多少？")
    a = b.ask("比2023年呢？", first.session)
    assert a.intent == "last_year" and "持平" in a.answer and "机关运行经费" not in a.answer


def test_level_with_last_year_said_in_a_list_after_the_sentence_that_says_with_what(bots):
    """Page 23: "…决算数与2023年度持平。其中：…；公务接待费支出决算持平。" — the clause names the figure."""
    b = bots("finance")
    first = b.ask("普陀区财政局2024年“三公”经费预算安排了多少？实际花了多少？")
    second = b.ask("那这笔预算原本是安排在哪一项上的？", first.session)
    a = b.ask("和2023年比呢？", second.session)
    assert "公务接待费" in a.answer and "持平" in a.answer and a.citations[-1].page == 23


def test_why_spent_below_budget_asked_with_ne_is_the_row_just_given(bots):
    b = bots("finance")
    first = b.ask("普陀区财政局2024年度2101101行政单位医疗（项）年初预算和支出决算各是多少？")
    second = b.ask("完成年初预算的比例是多少？", first.session)
    a = b.ask("决算数小于预算数的主要原因呢？", second.session)
    assert "周全保障" in a.answer and [f.value for f in a.figures] == ["60.99", "62.29"]


def test_money_asked_after_a_count_is_the_counted_subjects_money(bots):
    b = bots("culture")
    first = b.ask("普陀区文旅局2025年公务接待了几批、多少人次？")
    a = b.ask("花了多少钱？", first.session)
    assert [f.value for f in a.figures][:1] == ["0.40"] and "公务接待费" in a.answer and a.citations[0].page == 29


def test_a_whole_named_before_its_parts_is_stated_with_them(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年度一般公共预算财政拨款基本支出中，人员经费和公用经费各是多少？")
    assert [f.value for f in a.figures] == ["9800.36", "8055.07", "1745.29"]
    b = bots("culture").ask("人员经费和公用经费各是多少")
    assert [f.value for f in b.figures] == ["8055.07", "1745.29"]  # not named: not added


def test_why_a_total_changed_is_its_parts_reasons_when_it_states_none(bots):
    """Page 39: the 三公 total's increase states no reason; 公务用车购置及运行维护费's does."""
    b = bots("street")
    first = b.ask("石泉路街道2025年三公经费比2024年多了多少？")
    a = b.ask("为什么多了？", first.session)
    assert "新购置一辆公车" in a.answer and [f.value for f in a.figures][:3] == ["37.35", "21.90", "141.75"]


@pytest.mark.parametrize(("doc", "message", "said"), [
    ("street", "石泉路街道2025年三公经费比2024年多了多少？为什么多了？", "新购置一辆公车"),
    ("culture", "文旅局2025年图书馆实际花的钱比年初预算多了多少？为什么多了？", "职级职位变动"),
])
def test_how_much_and_why_in_one_message_keeps_the_reason(bots, doc, message, said):
    a = bots(doc).ask(message)
    assert said in a.answer and len(a.figures) >= 3


def test_a_row_asked_with_ne_after_a_budget_and_its_spending_gets_both(bots):
    b = bots("culture")
    first = b.ask("普陀区文化和旅游局2025年度一般公共预算财政拨款支出年初预算、支出决算及完成年初预算的比例各是多少？")
    a = b.ask("其中2150899 其他支持中小企业发展和管理支出（项）呢？", first.session)
    assert [f.value for f in a.figures] == ["5282.00", "4948.72"]


def test_a_share_of_a_whole_named_short_is_the_one_this_conversation_is_about(bots):
    """Lines 168–172: 一般公共预算财政拨款基本支出 4617.45, its 公用经费 403.48 — not all funds' 基本支出 4669.66."""
    b = bots("urumqi")
    first = b.ask("乌鲁木齐市住房保障和房产管理局2023年度一般公共预算财政拨款基本支出是多少？")
    second = b.ask("其中人员经费和公用经费各是多少？", first.session)
    a = b.ask("公用经费占基本支出的比例是多少（保留两位小数）？", second.session)
    assert a.calculation.expression == "403.48 / 4617.45 × 100" and a.calculation.result == "8.74"


def test_a_rounding_instruction_asks_nothing_of_its_own(bots):
    """"（保留两位小数）" says how to write the result: the follow-up still leans on the row just given."""
    b = bots("culture")
    first = b.ask("普陀区文化和旅游局2025年2070108文化活动（项）支出决算比年初预算超出多少？")
    a = b.ask("决算是年初预算的百分之多少（保留两位小数）？", first.session)
    assert a.calculation.expression == "1605.19 / 1422.00 × 100" and a.calculation.result == "112.88"
    both = b.ask("普陀区文化和旅游局2025年2070108文化活动（项）支出决算比年初预算超出多少？决算是年初预算的百分之多少（保留两位小数）？")
    assert [f.value for f in both.figures] == ["183.19", "112.88", "1605.19", "1422.00"]  # the amount over, the rate, their operands


def test_why_it_overspent_then_its_own_rows_columns(bots):
    b = bots("culture")
    first = b.ask("文旅局图书馆这一项，2025年年初预算和支出决算各是多少？")
    why = b.ask("为什么花超了？", first.session)
    assert "职级" in why.answer  # "花超了" names no subject of its own: the item's stated reason
    a = b.ask("那它的基本支出和项目支出分别是多少？", why.session)
    assert [(f.value, f.unit) for f in a.figures] == [("3070.63", "万元"), ("2362.21", "万元"), ("708.42", "万元")]  # the item's row (its total first), not the department's


def test_the_rate_of_the_budget_just_given(bots):
    b = bots("finance")
    first = b.ask("财政局2024年一般公共预算财政拨款支出的年初预算是多少？")
    a = b.ask("最后完成了年初预算的多少？", first.session)
    assert [(f.value, f.unit) for f in a.figures][0] == ("98.20", "%") and a.citations[0].page == 21  # the item statement, page 21


def test_asks_of_one_message_that_name_another_figure_of_the_same_sentence(bots):
    a = bots("street").ask("石泉路街道2025年编报绩效目标的项目有多少个？涉及预算金额多少？平均得分呢？")
    assert [(f.value, f.unit) for f in a.figures] == [("48", "个"), ("7589.42", "万元"), ("99.22", "分")]
    b = bots("finance").ask("财政局2024年有几个项目做了绩效自评？涉及多少预算，平均打了多少分？")
    assert [(f.value, f.unit) for f in b.figures] == [("4", "个"), ("598.42", "万元"), ("99.43", "分")] and "年初预算" not in b.answer


def test_an_attribute_of_the_counted_thing_is_of_its_own_sentence(bots):
    """"值多少钱？" after 17 辆: the cars' 价值 stated with them, not the 房屋价值 of that paragraph."""
    b = bots("urumqi")
    first = b.ask("乌鲁木齐住房局有多少辆车？")
    a = b.ask("值多少钱？", first.session)
    assert [(f.value, f.unit) for f in a.figures] == [("433.66", "万元")]


def test_a_part_asked_after_an_income_is_of_the_income_side_and_not_its_negation(bots):
    """"其中财政拨款多少？" after 收入: not 使用非财政拨款结余 (what it is not), nor 本年财政拨款支出."""
    b = bots("urumqi")
    first = b.ask("乌鲁木齐住房局2023年本年收入一共多少？")
    a = b.ask("其中财政拨款多少？", first.session)
    assert [(f.value, f.unit) for f in a.figures][0] == ("636235.98", "万元")


def test_last_years_change_of_the_money_asked_before_the_counts(bots):
    b = bots("culture")
    first = b.ask("普陀区文旅局2025年公务接待（请客吃饭）花了多少钱？")
    counts = b.ask("接待了几批、多少人次？", first.session)
    a = b.ask("比2024年呢？", counts.session)
    assert [(f.value, f.unit) for f in a.figures] == [("0.40", "万元"), ("0.40", "万元"), ("100", "%")] and "增加" in a.answer
