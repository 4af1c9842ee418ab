"""assistant/handlers/tables.py: one project's self-evaluation table — its funds, score, implementing
unit, goals and indicators — each answer citing the row it reads.
"""

from __future__ import annotations

import pytest

from checks import cited, values


@pytest.mark.parametrize(
    ("question", "value", "unit", "line"),
    [
        ("班车租赁执行率多少？", "96.80", "%", 909),
        ("房产交易业务经费的执行率是多少？", "74.82", "%", 306),
        ("房产档案馆建档费项目的全年预算数是多少？", "3.08", "万元", 285),
        ("班车租赁项目的全年执行数是多少", "84.80", "万元", 909),
        ("征收补偿工作经费的年初预算数是多少", "15.58", "万元", 656),
        ("房产交易业务经费项目自评总分是多少？", "95.48", "分", 320),
        ("物业管理专项经费得了多少分", "97.06", "分", 803),
        ("2022 年度“忠诚干净担当好班子”奖金执行率多少", "100.00", "%", 717),
        ("新疆阜丰生物科技有限公司职工公寓二期公租房项目执行率是多少", "100.00", "%", 633),
        ("契税补贴第二批执行数是多少", "999.99", "万元", 520),
        ("部门整体支出绩效自评表的总分是多少", "97.96", "分", 277),
    ],
)
def test_a_projects_funds_and_score_are_read_from_its_table(ask, question, value, unit, line):
    answer = ask(question)

    assert answer.kind == "figure"
    assert values(answer)[0] == (value, unit)
    assert line in cited(answer)


@pytest.mark.parametrize(
    ("question", "value", "unit", "line"),
    [
        ("物业管理费项目的物业服务面积是多少", "10108.9", "平方米", 616),
        ("物业管理费项目的物业服务面积实际完成值是多少？", "10108.9", "平方米", 616),
        ("物业管理费项目物业服务面积的年度指标值是多少", "10108.61", "平方米", 616),
        ("征收补偿工作经费项目中文书类和房产类档案扫描归档实际完成多少卷", "497", "卷", 663),
        ("契税财政补贴（第三批）发放人数实际完成多少人", "487", "人", 547),
        ("新疆阜丰生物科技有限公司职工公寓二期公租房项目实际建成多少套公租房", "506", "套", 639),
        ("劳务派遣服务费项目聘用了多少服务人员", "79", "人", 484),
    ],
)
def test_an_indicator_is_answered_with_the_value_asked_for_first(ask, question, value, unit, line):
    answer = ask(question)

    assert answer.kind == "figure"
    assert values(answer)[0] == (value, unit)
    assert line in cited(answer)


def test_an_indicator_answer_gives_its_whole_row(ask):
    answer = ask("物业管理费项目的物业服务面积是多少")

    assert values(answer) == [("10108.9", "平方米"), ("10108.61", "平方米"), ("7", "分"), ("7.00", "分")]
    assert "10108.9 平方米" in answer.answer and "10108.61 平方米" in answer.answer
    (row,) = answer.citations
    assert (row.line_start, row.line_end) == (616, 616)
    assert "物业服务面积\t>=10108.61 平方米\t=10108.9 平方米" in row.quote


def test_an_indicators_deviation_note_is_quoted(ask):
    answer = ask("契税财政补贴（第三批）发放人数实际完成多少人")

    assert "人数估算有误" in answer.answer


@pytest.mark.parametrize(
    ("question", "unit", "line"),
    [
        ("房产交易业务经费的实施单位是哪个？", "乌鲁木齐市房屋产权交易中心", 304),
        ("2023 年住房保障大厅安保费的实施单位是谁", "乌鲁木齐市住房保障中心", 809),
        ("征收补偿工作经费由哪个单位负责", "乌鲁木齐市房屋征收与补偿办公室", 654),
    ],
)
def test_a_projects_implementing_unit_is_named_as_the_table_writes_it(ask, question, unit, line):
    answer = ask(question)

    assert unit in answer.answer
    assert line in cited(answer)
    assert answer.kind in ("text", "figure")


def test_a_projects_goal_is_quoted(ask):
    answer = ask("瑞禾园、春和隆盛园、春和雅苑一期公租房项目的年度总体目标是什么")

    assert "完成 6724 套已竣工公租房（原廉租房）工程款结算支付" in answer.answer
    assert 589 in cited(answer)


def test_a_projects_indicators_are_listed_row_by_row(ask):
    answer = ask("物业管理费项目的绩效指标有哪些？")

    assert answer.kind == "list"
    names = ["安保人员配置数量", "物业服务面积", "消防设施年度监测次数", "每日服务人次", "物业管理服务达标率", "安保、消防、卫生质量符合要求", "安保服务时间", "确保办公楼的安全和公共设施正常运营使用"]
    for name in names:
        assert name in answer.answer
    assert "物业管理专项经费" not in answer.answer  # another project
    assert set(range(615, 623)) <= cited(answer)


def test_a_duplicated_indicator_row_is_listed_once(ask):
    answer = ask("干部房产信息核查工作经费项目有哪些绩效指标")

    assert answer.kind == "list"
    assert answer.answer.count("开展核查业务培训") == 1


def test_a_project_named_alone_gets_its_funds_summary(ask):
    answer = ask("班车租赁")

    assert answer.kind == "figure"
    assert [("87.60", "万元"), ("87.60", "万元"), ("84.80", "万元"), ("96.80", "%")] == values(answer)[:4]
    assert ("99.68", "分") in values(answer)
    assert {909, 923} <= cited(answer)


def test_what_a_project_did_not_spend_is_a_calculation(ask):
    answer = ask("房产交易业务经费全年预算数比执行数多多少")

    assert answer.kind == "calculation"
    assert (answer.calculation.expression, answer.calculation.result) == ("186.19 − 139.30", "46.89")
    assert 306 in cited(answer)


def test_an_indicator_the_projects_table_lacks_is_refused_with_the_ones_it_has(ask):
    """物业管理费 (lines 606–622) measures no satisfaction; 班车租赁 does (职工满意度)."""
    answer = ask("物业管理费项目的满意度是多少")

    assert (answer.kind, answer.figures) == ("refusal", [])
    assert answer.answer.startswith("“物业管理费”的自评表没有“满意度”这项指标。它的绩效指标是：安保人员配置数量、物业服务面积、")
    assert answer.unsupported_numbers() == []
    assert ask("班车租赁项目满意度").answer.startswith("“班车租赁”的指标“职工满意度”：")


def test_a_name_several_projects_share_gives_the_indicator_of_each(ask):
    """The three 契税财政补贴 tables (lines 517, 538, 561) each state 发放人数."""
    answer = ask("契税补贴发放人数")

    assert (answer.kind, answer.intent) == ("list", "aggregate")
    assert [v for v in values(answer) if v[1] == "人"] == [("479", "人"), ("487", "人"), ("500", "人")]
    assert "契税财政补贴（第三批）：实际完成值 487 人（年度指标值 ≥ 503 人）" in answer.answer
    assert answer.unsupported_numbers() == []


@pytest.mark.parametrize(
    ("question", "value"),
    [("契税财政补贴（第二批）发放人数", "479"), ("契税财政补贴发放人数", "500"), ("契税补贴第三批实际发给了几个人", "487")],
)
def test_one_of_the_projects_sharing_a_name_is_answered_alone(ask, question, value):
    answer = ask(question)

    assert (answer.kind, answer.intent) == ("figure", "project")
    assert (value, "人") in values(answer)


def test_two_projects_named_in_full_are_added_up_even_when_one_name_is_inside_the_other(ask):
    answer = ask("契税财政补贴和契税财政补贴（第二批）的执行数合计")

    assert answer.calculation.expression == "999.99 + 999.96"
    assert answer.calculation.result == "1999.95"


@pytest.mark.parametrize("question", ["劳务派遣服务费平均到每个聘用的服务人员身上是多少钱？", "劳务派遣服务费人均多少"])
def test_a_projects_spending_per_person_is_its_funds_over_the_count_indicator(ask, question):
    """全年执行数 439.22 万元 over 聘用服务人员数量 79 人 (the count the question names, or the one
    count in 人 for "人均")."""
    a = ask(question)

    assert a.kind == "calculation" and a.calculation.expression == "439.22 / 79" and a.calculation.result == "5.56"
    assert a.unsupported_numbers() == []


def test_an_indicator_asked_in_everyday_words_after_its_project(bots):
    """"培训搞了几次呢" after a project: its 保障房业务培训次数 (7 次, line 839); "搞了" asks nothing."""
    first = bots("urumqi").ask("住房保障培训摇号分配那个项目印了多少份资料？")
    a = bots("urumqi").ask("培训搞了几次呢", first.session)

    assert (first.figures[0].value, a.figures[0].value, a.figures[0].unit) == ("2400", "7", "次")
    assert 839 in {c.line_start for c in a.citations}


def test_the_projects_total_score_after_one_of_its_indicators(bots):
    """"这个项目自评总分多少" after an indicator: the project's 自评总分 (100.00), not the indicator's 得分."""
    session = None
    for q in ["住房保障培训摇号分配那个项目印了多少份资料？", "培训搞了几次呢", "这个项目自评总分多少"]:
        a = bots("urumqi").ask(q, session)
        session = a.session

    assert a.figures[0].value == "100.00" and "自评总分" in a.answer
