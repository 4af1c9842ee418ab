"""A councillor and a budget officer checking how a budget was carried out, and people who ask in
plain words or in English: reasons read from the sentence that states them, counts asked of a
message of several asks.

Figures read off the corpus: the street text's 其他城乡社区公共设施支出 (项) budgeted 1,190.14 and
spent 615.12, 51.68% of its budget, "决算数小于预算数的主要原因：调减“管弄综合片区建设费”项目…"; its
一般行政管理事务 (项) 90.57%, "调减项目“石泉综合为老服务中心开办费”"; the culture text's 公务接待 2
批次 and 24 人次.
"""

from __future__ import annotations

from checks import amounts, talk

ALL = "finance,culture,street,urumqi"


def test_a_budget_gap_reason_is_read_from_the_sentence_that_restates_the_amount(bots):
    a = bots("street").ask("石泉路街道2025年城乡社区公共设施支出只完成了预算的一半左右，为什么")
    assert a.intent == "reason" and "管弄综合片区建设费" in a.answer and "开办费" not in a.answer
    assert {"51.68", "1190.14", "615.12"} <= set(amounts(a)) and "90.57" not in amounts(a)


def test_an_average_of_two_counts_one_message_asked_together(bots):
    *_, per = talk(bots("culture"), ["上海市普陀区文化和旅游局2025年公务接待了几批次、多少人次？", "平均每批次多少人次？"])
    assert per.calculation.expression == "24 / 2" and per.calculation.result == "12.00"


def test_a_share_of_the_sum_just_worked_out(bots):
    a = bots("culture").ask("文旅局（普陀区）2025年的政府采购里，货物和工程两类加起来是多少？占全部采购金额的比例是多少？")
    assert a.calculations[-1].expression == "(410.53 + 4276.20) / 7571.90 × 100" and a.calculations[-1].result == "61.90"
    assert "4686.73" in amounts(a)


def test_the_same_items_added_on_another_basis_over_the_sum_before(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年行政单位医疗和事业单位医疗两项的年初预算合计是多少？两项决算合计占年初预算合计的百分比是多少？")
    assert a.calculation.result == "509.90" and a.calculations[-1].expression == "(47.54 + 322.83) / (83.65 + 426.25) × 100"
    assert a.calculations[-1].result == "72.64" and "370.37" in amounts(a)


def test_an_items_own_gap_over_the_gap_just_worked_out(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出决算比年初预算少了多少？这部分 gap 里，行政运行（项）少花的金额占多大比例？")
    assert a.calculation.result == "53.87" and a.calculations[-1].expression == "(1560.05 − 1511.89) / (2993.92 − 2940.05) × 100"
    assert a.calculations[-1].result == "89.40" and "48.16" in amounts(a)
    b = bots("culture").ask("普陀区文化和旅游局2025年文化展示及纪念机构（项）决算比年初预算少了多少？调整到政府性基金预算的真如海心剧院精装修工程2000万元占这一差额的比例是多少？")
    assert b.calculations[-1].expression == "2000.00 / (6832.84 − 1700.57) × 100" and b.calculations[-1].result == "38.97"


def test_the_level_named_before_is_its_table_row(bots):
    a = bots("street").ask("石泉路街道2025年城乡社区管理事务（款）下行政运行、一般行政管理事务、城管执法、其他城乡社区管理事务支出四个项的年初预算合计多少？按该款决算数计算，完成率是多少？")
    assert a.calculation.result == "12503.46" and a.calculations[-1].result == "96.21" and "12029.15" in amounts(a)


def test_listed_parts_all_found_in_one_table_are_added(bots):
    a = bots("finance").ask("把普陀区财政局2024年基本支出里的机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费和住房公积金四项加起来，合计多少？占人员经费合计的比重是多少？")
    assert a.calculation.expression == "160.75 + 80.38 + 60.99 + 187.19" and a.calculation.result == "489.31"
    assert a.calculations[-1].result == "22.73"


def test_a_bare_share_after_a_budget_and_its_spending(bots):
    *_, share = talk(bots("culture"), ["普陀区文旅局2025年三公经费预算是多少？", "实际花了多少？", "占多少？"])
    assert share.calculation.expression == "3.04 / 11.49 × 100" and share.calculation.result == "26.46"


def test_a_multiple_asked_of_spending_over_budget(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出决算数是年初预算数的多少倍？")
    assert a.calculation.expression == "507109.93 / 6862.79" and a.calculation.result == "73.89" and a.calculation.unit == "倍"


def test_a_claimed_amount_is_said_to_be_the_figure_it_is(bots):
    a = bots("street").ask("石泉路街道2025年支出总计是21,864.85万元吧？")
    assert "19044.27" in amounts(a) and "21864.85" in amounts(a) and "年初预算" in a.answer


def test_the_reason_of_the_figure_under_discussion(bots):
    *_, why = talk(bots("street"), ["石泉路街道办事处2025年一般公共预算财政拨款支出年初预算多少？完成率多少？", "决算小于预算，说明里点名调减了哪些项目？"])
    assert why.intent == "reason" and "武宁路沿线风貌提升工程" in why.answer
    more = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出比2023年增长了2.10%，多出来的钱主要花在哪了？")
    assert {"63.14", "2.10"} <= set(amounts(more)) and "减少" in more.answer


def test_words_typed_apart_around_one_character(bots):
    a = bots("street").ask("石泉路街道2025年 人员经费 占 基本支出 的比例是多少?")
    assert a.calculation.expression == "12010.40 / 14206 × 100" and a.calculation.result == "84.54"


def test_questions_in_english(bots):
    a = talk(bots(ALL), ["How many projects did the Putuo Finance Bureau put through performance self-evaluation in 2024?", "And how much budget money did they involve?"])
    assert amounts(a[0]) == ["4"] and amounts(a[1]) == ["598.42"]
    b = bots(ALL).ask("In 2025, how did Shiquan Road Subdistrict (石泉路街道) split its government procurement between goods, works and services?")
    assert {"80.98", "269.03", "712.08"} <= set(amounts(b))
    c = talk(bots(ALL), ["What was 石泉路街道's total government procurement in 2025?", "And 文旅局 in 2025?", "How big is the gap?"])
    assert "7571.90" in amounts(c[1]) and c[2].calculation.result == "6509.81"
    d = bots(ALL).ask("How much did the Urumqi housing bureau pay into 住房公积金 for its staff in 2023?")
    assert d.kind == "refusal" and not d.figures  # money for the staff, not a head count


def test_traditional_characters_and_full_width_digits(bots):
    a = bots("finance").ask("財政局2024年 人員經費 跟 公用經費 各是多少")
    assert {"2152.26", "184.65"} <= set(amounts(a))
    b = bots("culture").ask("普陀文旅局 ２０２５年 單位裡 一共有幾輛車")
    assert amounts(b)[0] == "4"


def test_a_term_defined_then_its_amount(bots):
    a = bots("urumqi").ask("乌市房管局2023 报告里 上级补助收入 是啥意思 那年有多少")
    assert "上级单位" in a.answer and "0.00" in amounts(a)
    b = bots("street").ask("石泉街道2025年 三公经费 是哪三公 说人话  今年花了多少")
    assert "公务接待费" in b.answer and "37.35" in amounts(b)


def test_a_question_switched_to_another_year_or_an_earlier_turn(bots):
    *_, before = talk(bots("finance"), ["区财政局2024年 一般公共预算财政拨款支出 年初预算 是多少", "那决算呢 完成了百分之多少", "换成上一年的决算呢"])
    assert before.calculation.result == "3003.19" and "63.14" in amounts(before)
    *_, first = talk(bots("finance"), ["财政局 2024年 住房保障支出 多少", "里面 够房补贴 呢", "刚才第一个数 占 一般公共预算拨款支出 百分之几"])
    assert "15.16" in amounts(first) and "445.69" in amounts(first)


def test_words_of_one_phrase_typed_apart_are_not_a_list(bots):
    a = bots("culture").ask("文旅局2025年 面向中小企业 预留的采购 预算 多少")
    assert amounts(a) == ["3602.16"]
    b = bots("urumqi").ask("乌鲁木齐房管局2023 一般公共预算年初才6862.79万 决算50多亿 数据是不是错了")
    assert {"6862.79", "507109.93"} <= set(amounts(b))


def test_a_table_asked_whether_it_has_numbers(bots):
    first, second = talk(bots("street"), ["石泉路街道2025年政府性基金预算财政拨款收入支出决算表为什么没有数字？", "国有资本经营预算那张表呢？"])
    assert "没有政府性基金预算财政拨款收入和支出" in first.answer and not first.figures
    assert "没有国有资本经营预算财政拨款收入和支出" in second.answer and not second.figures


def test_a_kind_of_income_the_total_does_not_name_is_refused(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房局2023年公租房租金收入一共收了多少？")
    assert a.kind == "refusal" and not a.figures
    b = bots("urumqi").ask("乌鲁木齐市住房局2023年本年收入多少？")
    assert amounts(b) == ["636952.54"]


def test_a_count_claimed_beside_an_amount_is_said_as_counted(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年接待了24批次公务来宾，公务接待费却只有0.40万元？")
    assert {"0.40", "2"} <= set(amounts(a)) and "2 批次" in a.answer
    b = bots("urumqi").ask("乌鲁木齐市住房局2023年底只有7辆车？")
    assert amounts(b)[0] == "17" and "不符" in b.answer


def test_every_department_of_a_place_is_not_added_from_some_of_them(bots):
    a = bots(ALL).ask("普陀区2025年 所有区级部门 三公经费 加起来 一共多少")
    assert a.kind == "refusal" and not a.figures and "普陀区" in a.answer
    b = bots(ALL).ask("普陀区文旅局和石泉路街道2025年三公经费加起来一共多少")
    assert b.calculation.result == "40.39"


def test_back_to_the_first_question_is_not_its_figure(bots):
    *_, back = talk(bots("street"), ["石泉街道2025 政府采购 总额", "工程类呢", "回到刚才第一个问题 采购里 面向中小企业预留的 有多少"])
    assert amounts(back) == ["690.47"]


def test_the_departments_whole_totals_are_not_taken_for_a_kind_of_income(bots):
    a = bots("finance").ask("财政局2024年的收支总盘子比2023年是多了还是少了？变化了多少、百分之几？")
    assert {"56.95", "1.87"} <= set(amounts(a))
    b = bots("urumqi").ask("2023年度收入总计和支出总计各是多少？")
    assert amounts(b)[:2] == ["637229.42", "637229.42"]
    c = bots("urumqi").ask("本年支出中基本支出、项目支出分别是多少，各占多大比重？")
    assert {"4669.66", "0.73", "632177.48", "99.27"} <= set(amounts(c))
