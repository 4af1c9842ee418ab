"""Rows printed blank, everyday totals, and follow-ups that lean on the answer just given.

Figures read off the corpus: the culture text's 收入支出决算总表 prints "一、一般公共服务支出" and
"五、教育支出" with no amount, its 三公 narrative states 3.04 (公务接待费 0.40, "占 13.16%") and its
units list numbers 5 units; the finance PDF's 收入支出总计 2995.39 and 本年支出合计 2940.05, its
政府采购金额 251.25 (货物 4.79, 工程 0, 服务 246.47), its 一般公共预算财政拨款支出 (年初预算 2993.92,
支出决算 2940.05, 完成 98.20%) and 2 台（套） of equipment over 100万元 (不含车辆); the street text's
公务用车购置 25 and 运行维护 12.35 (三公表: 年初预算数 27.40), its 公务用车保有量 8 辆 and the 10 辆 of
its assets; the three Putuo documents' 本年支出合计 (2940.05, 26538.47, 19044.27) and average
self-evaluation scores (99.43, 99.38, 99.22), and the Urumqi text's 政府采购支出总额 459.93.
"""

from __future__ import annotations

from checks import amounts as figures, talk

ALL = "finance,culture,street,urumqi"


def test_a_row_printed_with_no_amount_is_said_blank_not_answered_with_a_near_figure(bots):
    """It had answered 一般公共预算财政拨款支出's 年初预算 27780.16 for 一般公共服务支出."""
    for question in ("文旅局2025年一般公共服务支出年初预算是多少？", "文旅局2025年教育支出花了多少"):
        a = bots("culture").ask(question)
        assert a.kind == "refusal" and a.figures == [] and "空白" in a.answer
        assert a.citations and "支出" in a.citations[0].quote


def test_a_row_named_within_a_longer_name_is_not_the_blank_row(bots):
    a = bots("culture").ask("公务用车购置和运行维护费是多少")
    assert figures(a) == ["2.64"]


def test_total_spending_in_everyday_words_gives_the_years_own_total_beside_the_grand_total(bots):
    a = bots("finance").ask("这个部门总支出是多少？")
    assert figures(a) == ["2995.39", "2940.05"] and "本年支出合计" in a.answer


def test_every_part_of_a_stated_whole_added_is_the_whole_as_stated(bots):
    """4.79 + 0 + 246.47 is 251.26; the document states 251.25 — stated first, the parts' sum after it, the cent apart said."""
    a = bots("finance").ask("货物、工程和服务采购加起来多少")
    assert figures(a) == ["251.25", "4.79", "0", "246.47", "251.26", "0.01"] and a.calculation is None
    assert "4.79 + 0 + 246.47 = 251.26" in a.answer and "251.25 万元 相差 0.01 万元" in a.answer


def test_a_rate_of_a_row_in_two_tables_uses_the_one_with_its_budget(bots):
    a = bots("street").ask("石泉路街道2025年公务用车运行维护费决算完成了预算数的百分之几？")
    assert a.calculation is not None and a.calculation.result == "45.07" and figures(a)[1:] == ["12.35", "27.40"]


def test_two_figures_just_given_added_up(bots):
    *_, total = talk(bots("street"), ["石泉路街道2025年买公车和公车日常运行各花了多少？", "两项合计多少？"])
    assert total.calculation.expression == "25 + 12.35" and total.calculation.result == "37.35"


def test_a_part_of_the_figure_just_given_is_its_stated_share_with_both_amounts(bots):
    *_, share = talk(bots("culture"), ["普陀区文化和旅游局2025年“三公”经费财政拨款年初预算是多少？", "决算数呢？", "其中公务接待费占决算的多少？"])
    assert figures(share) == ["13.16", "0.40", "3.04"]


def test_an_exclusion_written_after_its_word_is_no_subject(bots):
    a = bots("finance").ask("截至2024年底，普陀区财政局单价100万元以上的设备（车辆不算）有几台（套）？")
    assert figures(a) == ["2"] and a.figures[0].unit == "台（套）"


def test_a_count_found_by_the_words_of_its_section(bots):
    *_, cars = talk(bots("street"), ["石泉路街道2025年开支财政拨款的公务用车保有量是几辆？", "那到年底国有资产里一共登记了多少辆车？"])
    assert figures(cars)[0] == "10" and cars.figures[0].unit == "辆"


def test_which_is_highest_over_a_run_of_departments_asked_one_by_one(bots):
    *_, top = talk(bots(ALL), ["石泉路街道2025年绩效自评的平均得分是多少？", "普陀区文旅局2025年呢？", "普陀区财政局2024年呢？", "哪家最高？"])
    assert figures(top) == ["99.43", "99.38", "99.22"] and "最高的是上海市普陀区财政局" in top.answer
    assert top.unsupported_numbers() == []


def test_which_is_more_after_two_departments_figures(bots):
    *_, diff = talk(bots(ALL), ["乌鲁木齐市住房保障和房产管理局2023年政府采购一共多少钱？", "普陀区财政局2024年呢？", "哪个多？多多少？"])
    assert diff.calculation.expression == "459.93 − 251.25" and diff.calculation.result == "208.68"


def test_a_sum_across_departments_and_which_is_largest_in_one_message(bots):
    a = bots(ALL).ask("普陀区财政局2024年、文旅局2025年、石泉路街道2025年三家的本年支出合计加起来是多少？哪家最大？")
    assert a.calculation.result == "48522.79" and "最高的是上海市普陀区文化和旅游局" in a.answer


def test_a_wrong_count_of_units_is_answered_with_the_numbered_list(bots):
    a = bots("culture").ask("文旅局2025年纳入部门决算编制范围的6家单位分别是哪些？")
    assert figures(a) == ["5"] and "上海市普陀区文化馆" in a.answer


def test_a_rate_claimed_wrongly_is_given_with_the_amounts_it_is_measured_from(bots):
    a = bots("finance").ask("财政局2024年一般公共预算财政拨款支出年初预算2993.92万元，只完成了89.20%，对吗？")
    assert {"98.20", "2993.92", "2940.05"} <= set(figures(a)) and "不同" in a.answer


def test_a_share_computed_comes_with_the_share_stated_for_the_same_amount(bots):
    """棚户区改造(项) is all of 住房保障支出(类): 483911.04 / 507109.93 is 95.43%, the document prints 95.42%."""
    *_, share = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年住房保障支出(类)保障性安居工程支出(款)棚户区改造(项)决算数是多少？",
                                       "上年决算是多少？", "2023年它占一般公共预算财政拨款支出的比例呢？"])
    assert share.calculation.expression == "483911.04 / 507109.93 × 100" and {"95.43", "95.42"} <= set(figures(share))


def test_names_and_each_score_of_projects_only_averaged_are_refused(bots):
    a = bots("finance").ask("普陀区财政局2024年做绩效自评的那4个项目分别叫什么名字，各自得了多少分？")
    assert a.kind == "refusal" and a.figures == []


def test_a_kind_of_purchase_across_departments_is_that_part_not_the_total(bots):
    a = bots(ALL).ask("四份决算里的政府采购服务类金额各是多少：普陀区财政局2024年、普陀区文化和旅游局2025年、石泉路街道2025年、乌鲁木齐市住房保障和房产管理局2023年？")
    assert figures(a) == ["246.47", "2885.17", "712.08", "312.12"]


def test_what_a_row_named_by_its_code_was_for(bots):
    *_, used = talk(bots("culture"), ["普陀区文旅局2025年政府性基金预算财政拨款收入是多少？", "其中2121999那一项支出了多少，用在哪？"])
    assert figures(used) == ["2000.00"] and "真如海心剧院精装修工程" in used.answer


def test_the_items_listed_under_a_heading_counted_and_added_up(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年城乡社区支出(类)城乡社区管理事务(款)下列出的几个项，决算数合计是多少？")
    assert a.calculation.expression == "1192.15 + 278.24 + 442.76" and a.calculation.result == "1913.15" and figures(a)[0] == "3"


def test_a_list_then_its_total_asked_bare(bots):
    *_, total = talk(bots("urumqi"), ["城乡社区支出(类)城乡社区管理事务(款)下面有哪些项？", "合计是多少？"])
    assert total.calculation.result == "1913.15"


def test_a_check_of_one_subject_between_text_and_table_is_that_check_alone(bots):
    a = bots("street").ask("石泉路街道2025年情况说明里的人员经费，和基本支出决算表的人员经费合计对得上吗？是多少？")
    assert a.intent == "audit" and a.answer.count("【") == 1 and "正文与报表：人员经费" in a.answer and "12,010.40" in a.answer


def test_a_fund_column_left_blank_in_a_row_is_said_blank_with_the_column_that_holds_the_money(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年城乡社区支出2000万元是从一般公共预算里安排的吧？")
    assert "“一般公共预算财政拨款”一栏是空白的" in a.answer and "政府性基金预算财政拨款）：2,000.00" in a.answer


def test_two_parts_of_a_whole_whose_other_part_is_zero_are_the_whole_as_stated(bots):
    """货物 4.79 + 服务 246.47 is 251.26; the document states 251.25 with 工程 0."""
    a = bots("finance").ask("普陀区财政局2024年政府采购按合同算一共多少钱？其中买货物和买服务分别是多少？")
    assert figures(a)[0] == "251.25" and a.calculation is None


def test_a_scene_told_before_the_question_names_the_department_it_reads(bots):
    """"我在看普陀区文旅局…" had been read as a department called "看普陀区文旅局", and refused."""
    a = bots("culture").ask("我在看普陀区文旅局2025年的决算，想问问给退休老同志发的退休费一年一共是多少？")
    assert figures(a) == ["326.04"]
    b = bots("finance").ask("我退休在家，一页一页翻普陀区财政局2024年的决算。说单价100万元以上的设备（不算车）有几台？")
    assert figures(b) == ["2"]


def test_the_years_income_in_everyday_words(bots):
    a = bots("street").ask("石泉路街道2025年全年收了多少？")
    assert figures(a)[0] == "19044.27" and "本年收入合计" in a.answer


def test_a_blank_cell_asked_for_its_amount_is_no_figure(bots):
    a = bots("finance").ask("财政局2024年开会花的会议费是多少钱？")
    assert a.kind == "refusal" and a.figures == [] and "空白" in a.answer


def test_an_amount_of_a_fund_the_document_says_it_has_none_of_is_refused_in_its_words(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年度国有资本经营预算财政拨款的本年支出是多少？")
    assert a.kind == "refusal" and a.figures == [] and "无国有资本经营预算财政拨款收入和支出" in a.answer
    b = bots("culture").ask("普陀区文化和旅游局2025年度有没有国有资本经营预算财政拨款的收入和支出？")
    assert b.kind == "text" and "没有国有资本经营预算" in b.answer


def test_how_many_units_and_which_ones_in_one_question(bots):
    a = bots("finance").ask("普陀区财政局2024年纳入决算编制的有几家单位？都是哪几家？")
    assert figures(a) == ["3"] and "财政所" in a.answer and "国库收付中心" in a.answer


def test_the_item_that_rose_most_in_percent_and_the_one_that_fell_most_in_money(bots):
    up = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出具体情况中，哪一项支出比上年的增长幅度最大？")
    assert figures(up)[1:] == ["35.80", "773.22", "40.43"] and "职业年金" in up.answer and up.unsupported_numbers() == []  # (its amount too)
    down = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出里，哪个项目比上年减少的钱最多？")
    assert figures(down)[1:3] == ["2129.81", "82.79"] and "其他城乡社区管理事务支出" in down.answer


def test_the_item_with_the_highest_stated_completion_rate(bots):
    a = bots("street").ask("石泉路街道办事处2025年一般公共预算财政拨款支出具体情况中，写明了完成年初预算比例的项目里，哪一项完成比例最高？")
    assert figures(a)[0] == "312.55" and "群众文化" in a.answer and a.unsupported_numbers() == []


def test_a_reason_guessed_wrongly_is_answered_with_the_stated_one_of_the_subject_asked(bots):
    """"…减少了100.46万元，是因为办公经费节约吧": the guessed reason is no subject (办公经费 is another item's)."""
    a = bots("street").ask("石泉路街道2025年收支总计比2024年减少了100.46万元，是因为办公经费节约吧？")
    assert {"100.46", "0.53"} <= set(figures(a)) and "抚恤金" in a.answer and "增加" in a.answer
    b = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年行政单位离退休（项）支出增长60.50%，是因为功能科目调整吧？")
    assert "基础绩效奖金" in b.answer and "13.80" in figures(b)


def test_why_an_item_beat_its_budget_asked_with_rough_amounts_is_its_stated_reason_not_a_difference(bots):
    """It had subtracted 一般公共预算财政拨款支出's budget (21864.85) from 群众文化's 62.51."""
    a = bots("street").ask("石泉路街道2025年社区群众文化那一项，实际花了六十多万，比年初预算的20万多出好几倍，这是为啥？")
    assert "图书购置" in a.answer and a.calculation is None and "21864.85" not in figures(a)


def test_how_many_batches_asked_as_duo_shao_pi(bots):
    a = bots("urumqi").ask("住房保障和房产管理局2023年公务接待一共接待了多少批？")
    assert ("0", "批次") in [(f.value, f.unit) for f in a.figures]


def test_a_fund_a_document_has_none_of_is_never_answered_with_another_funds_total(bots):
    """It had answered Urumqi's 财政拨款支出总计 636,336.64 for its 国有资本经营预算财政拨款支出."""
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年国有资本经营预算财政拨款支出是多少？")
    assert a.kind == "refusal" and a.figures == [] and "无国有资本经营预算财政拨款收入" in a.answer


def test_a_count_asked_of_a_row_whose_name_holds_a_money_word_is_refused(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年文化产业发展专项支出一共扶持了多少家企业？")
    assert a.kind == "refusal" and a.figures == []
