"""Across documents: whole years, shares named per department, years that name a department,
derived last years, sums and rankings that add a department to the ones just asked about.

Every figure was read off the four corpus documents (本年支出合计, 基本支出, 机关运行经费, 住房公积金).
"""

from __future__ import annotations

from checks import amounts as figures

ALL = "finance,culture,street,urumqi"
FOUR = "普陀区财政局（2024年）、普陀区文化和旅游局（2025年）、石泉路街道办事处（2025年）、乌鲁木齐市住房保障和房产管理局（2023年）"


def test_a_whole_years_spending_ranked_both_ways_with_each_departments_own_year(bots):
    a = bots(ALL).ask(f"{FOUR}这四家，哪家一年的支出最多、哪家最少？")
    assert a.intent == "across" and figures(a) == ["636847.14", "26538.47", "19044.27", "2940.05"]
    assert "最高的是乌鲁木齐市住房保障和房产管理局" in a.answer and "最低的是上海市普陀区财政局2024年度" in a.answer


def test_each_departments_share_when_every_department_is_named(bots):
    a = bots(ALL).ask("普陀区财政局2024年、普陀区文化和旅游局2025年、石泉路街道办事处2025年、乌鲁木齐市住房保障和房产管理局2023年，基本支出占本年支出合计的比重分别是多少？")
    shares = [f.value for f in a.figures if f.unit == "%"]
    assert a.kind == "calculation" and shares[:3] == ["79.49", "36.93", "74.59"] and len(shares) == 4


def test_last_years_figure_derived_in_each_department_named(bots):
    a = bots(ALL).ask("根据各自2025年度决算的变动数据，推算石泉路街道办事处和普陀区文化和旅游局2024年度的机关运行经费分别是多少万元？")
    assert figures(a) == ["681.51", "627.04", "54.47", "188.95", "166.45", "22.50"]


def test_a_department_added_to_the_ones_just_asked_about_is_summed(bots):
    b = bots(ALL)
    first = b.ask("石泉路街道办事处2025年住房公积金（2210201）决算数是多少？")
    second = b.ask("普陀区文化和旅游局2025年呢？", first.session)
    a = b.ask("再加上普陀区财政局2024年的，三家合计多少？", second.session)
    assert a.kind == "calculation" and figures(a) == ["434.93", "403.71", "187.19"]
    assert "1025.83" in a.answer


def test_which_of_the_departments_just_asked_about_is_highest(bots):
    b = bots(ALL)
    first = b.ask("普陀区财政局2024年住房公积金（项）支出是多少？")
    second = b.ask("文化和旅游局2025年呢？", first.session)
    assert figures(second) == ["403.71"]  # the department named now, not a subject of that name
    a = b.ask("石泉路街道呢？三个里哪个最多？", second.session)
    assert figures(a) == ["434.93", "403.71", "187.19"] and "最高的是上海市普陀区人民政府石泉路街道办事处" in a.answer


def test_count_back_last_year_from_this_years_change(bots):
    a = bots("finance").ask("根据普陀区财政局2024年度决算说明中的增减数据，倒推该局2023年度收入支出总计是多少万元？")
    assert figures(a) == ["3052.34", "2995.39", "56.95"]


def test_a_vague_whole_of_a_share_is_the_one_the_parts_name_places_it_in(bots):
    a = bots("culture").ask("文旅局给中小企业预留的政府采购项目里，最后真正由中小企业中标成交的金额占预留金额的百分之多少？")
    assert a.kind == "calculation" and figures(a) == ["53.12", "1913.49", "3602.16"]


def test_a_projects_batches_named_by_number(bots):
    b = bots("urumqi")
    a = b.ask("乌鲁木齐房产交易中心发的契税财政补贴，第一批（不带批次的那个）、第二批、第三批三个项目实际一共发出去多少钱？")
    assert a.kind == "calculation" and a.calculation.expression == "999.99 + 1000.00 + 999.96" and "2999.95" in a.answer
    c = b.ask("乌鲁木齐房产交易中心的契税财政补贴执行了多少")
    assert "实施单位是" not in c.answer  # an abbreviation of the unit that runs it is no other unit


def test_a_row_by_code_in_a_document_without_its_tables_is_refused_not_answered_with_another_figure(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款基本支出决算表中30113住房公积金的决算数是多少？")
    assert a.kind == "refusal" and a.figures == []
    assert "《一般公共预算财政拨款基本支出决算表》" in a.answer and "“住房公积金”" in a.answer and "30113" not in a.answer


def test_a_definition_and_a_figure_asked_in_one_message(bots):
    a = bots("culture").ask("“三公”经费到底包括哪几样？普陀区文旅局2025年三公合计花了多少？")
    assert "公务接待费" in a.answer and figures(a) == ["3.04"]
    b = bots("finance").ask("决算里常说的“年末结转和结余”是什么意思？普陀区财政局2024年收入支出决算总表里这部分有多少？")
    assert "以后年度" in b.answer and figures(b) == ["55.34"]  # "这部分": the term just defined


def test_two_calculations_asked_of_one_row(bots):
    a = bots("culture").ask("文化活动（项）2025年决算超出年初预算多少万元？决算是年初预算的百分之多少？")
    assert figures(a) == ["183.19", "112.88", "1605.19", "1422.00"]  # one calculation of the row: the amount over, then the rate
    assert "1605.19 − 1422.00 = 183.19" in a.answer and "1605.19 / 1422.00 × 100 = 112.88%" in a.answer


def test_what_this_item_was_for_after_its_reason(bots):
    b = bots("street")
    first = b.ask("其他城乡社区住宅支出（项）2025年仅完成年初预算的49.99%，原因是什么？")
    a = b.ask("该项资金主要用于什么？", first.session)
    assert a.intent == "purpose" and "物业达标" in a.answer and figures(a) == ["307.95"]


def test_the_same_question_of_another_department_said_with_huancheng_and_a_ranking_of_all_three(bots):
    b = bots(ALL)
    first = b.ask("普陀区财政局2024年一般公共预算财政拨款支出完成年初预算的比例是多少？")
    second = b.ask("换成石泉路街道办事处2025年呢？", first.session)
    assert figures(second) == ["87.10", "21864.85", "19044.27"]
    a = b.ask("再加上普陀区文旅局2025年，三家里谁的完成率最低？", second.session)
    assert figures(a) == ["87.10", "88.32", "98.20"] and "最低的是上海市普陀区人民政府石泉路街道办事处" in a.answer


def test_another_departments_figure_counted_in(bots):
    b = bots(ALL)
    first = b.ask("乌鲁木齐房产局2023年三公经费花了多少？")
    a = b.ask("把普陀区文旅局2025年的三公也算上，两家一共多少？", first.session)
    assert a.kind == "calculation" and figures(a) == ["25.39", "3.04"] and "28.43" in a.answer


def test_the_departments_budget_against_its_spending_with_the_reason(bots):
    a = bots("finance").ask("财政局2024年预算没有全部花完，实际只完成了多少？原因是什么？")
    assert a.intent == "reason" and figures(a) == ["98.20", "2993.92", "2940.05"] and "信息化项目" in a.answer
    b = bots("street").ask("石泉路街道2025年预算两万多万，为什么最后只花了一万九千多万？")
    assert figures(b) == ["87.10", "21864.85", "19044.27"] and "武宁路" in b.answer


def test_the_whole_years_spending_compared_with_last_year_and_why(bots):
    b = bots("street")
    a = b.ask("石泉路街道2025年总共花的钱比2024年是多了还是少了？为什么？")
    assert figures(a) == ["19044.27", "100.46", "0.53"] and "抚恤金" in a.answer
    c = b.ask("石泉路街道2025年总共花的钱比2024年是多了还是少了？")
    assert c.answer.startswith("文件没有单独说明本年支出合计（19,044.27 万元）与上年相比的变化；它所属的收入支出总计")
    d = b.ask("为什么？", c.session)
    assert "抚恤金" in d.answer


def test_a_reason_for_a_change_stated_apart_comes_with_its_amount(bots):
    a = bots("urumqi").ask("乌鲁木齐房产局2023年政府性基金的收支为啥比上年少了那么多？")
    assert figures(a) == ["129100.00", "70547.46", "35.34"] and "棚户区改造" in a.answer


def test_what_was_added_is_the_reason_for_spending_over_budget(bots):
    a = bots("culture").ask("其他文化和旅游支出（项）2025年决算数大于年初预算数，主要新增了哪些经费？")
    assert a.intent == "reason" and "苏河婚典" in a.answer and figures(a) == ["423.29", "217.92"]


def test_the_total_column_said_as_heji_shu_before_yiji(bots):
    a = bots("culture").ask("财政拨款收入支出决算总表中，文化旅游体育与传媒支出的合计数，以及一般公共预算财政拨款、政府性基金预算财政拨款两列各是多少？")
    assert sorted(figures(a)) == ["17127.62", "17130.42", "2.80"]


def test_two_shares_across_documents_and_their_difference_in_points(bots):
    a = bots(ALL).ask("普陀区文旅局2025年和乌鲁木齐市住房保障和房产管理局2023年项目支出占本年支出合计的比重各是多少？相差几个百分点？")
    assert [(f.value, f.unit) for f in a.figures if f.unit in ("%", "个百分点")] == [("63.07", "%"), ("99.27", "%"), ("36.20", "个百分点")]
    assert a.calculations[0].expression == "99.27 − 63.07" and a.unsupported_numbers() == []


def test_two_indicators_of_a_project_named_alike(bots):
    b = bots("urumqi")
    first = b.ask("契税财政补贴第三批实际发给了多少人？")
    a = b.ask("发给企业和个人的钱各是多少？", first.session)
    assert "发放企业契税补贴款" in a.answer and "发放个人契税补贴款" in a.answer and {"939", "61"} <= set(figures(a))


def test_other_bases_of_the_subject_under_discussion_asked_at_length(bots):
    b = bots("urumqi")
    first = b.ask("乌鲁木齐市住房保障和房产管理局2023年度一般公共预算财政拨款支出决算数是多少？")
    second = b.ask("占本年支出合计的比重呢？", first.session)
    a = b.ask("与年初预算比，预决算差异率是多少？年初预算数是多少？", second.session)
    assert {"7289.27", "6862.79"} <= set(figures(a))


def test_why_a_class_rose_is_the_reason_of_its_only_item_stating_the_same_amount(bots):
    b = bots("urumqi")
    first = b.ask("乌鲁木齐房产局2023年一般公共预算里，住房保障方面花了多少钱，占多少？")
    a = b.ask("为什么比上年多了这么多？", first.session)
    assert figures(a) == ["483911.04", "192592.04", "66.11"] and "棚户区改造" in a.answer


def test_a_part_and_its_purpose_then_the_rest_and_its_purpose(bots):
    b = bots("culture")
    first = b.ask("普陀区文化和旅游局2025年度政府性基金预算财政拨款收入是多少？")
    second = b.ask("其中列在城乡社区支出的有多少，用于什么工程？", first.session)
    assert figures(second) == ["2000.00"] and "真如海心剧院" in second.answer
    third = b.ask("另外那一小笔基金支出多少，干什么用了？", second.session)
    assert "2002.80 − 2000.00 = 2.80" in third.answer and "旅游厕所" in third.answer


def test_which_item_a_budget_was_put_in(bots):
    b = bots("finance")
    first = b.ask("普陀区财政局2024年的三公经费实际花了多少？")
    second = b.ask("那年初给它安排的三公预算是多少？", first.session)
    a = b.ask("这笔预算原本是放在三公里的哪一项？", second.session)
    assert "列在：公务接待费（0.95 万元）" in a.answer


def test_why_spending_differs_from_the_budget_is_the_budget_gaps_reason_not_the_changes(bots):
    a = bots("finance").ask("财政局2024年为什么没把一般公共预算的钱花完？")
    assert figures(a) == ["98.20", "2993.92", "2940.05"] and "中介机构" in a.answer
    b = bots("urumqi").ask("为啥乌鲁木齐住房局2023年一般公共预算花的钱比年初预算多出那么多？")
    assert figures(b)[:3] == ["7289.27", "6862.79", "507109.93"] and "年中追加人员经费" in b.answer  # its operands as its sentence states them
    c = bots("street").ask("石泉路街道2025年一般公共预算财政拨款支出只完成年初预算的87.10%，原因是什么？")
    assert "武宁路" in c.answer and "21864.85" in figures(c)


def test_why_no_budget_then_its_share(bots):
    b = bots("street")
    first = b.ask("石泉路街道办事处2025年度死亡抚恤（2080801）支出是多少？")
    second = b.ask("为什么年初没有预算？", first.session)
    assert "追加预算" in second.answer
    a = b.ask("它占社会保障和就业支出的比重是多少？", second.session)
    assert figures(a) == ["5.87", "177.17", "3019.34"]


def test_shares_of_a_narrative_whole_whose_name_holds_a_column_word(bots):
    a = bots(ALL).ask("石泉路街道办事处和普陀区文化和旅游局2025年度人员经费占一般公共预算财政拨款基本支出的比重分别是多少？")
    assert [f.value for f in a.figures if f.unit == "%"] == ["84.54", "82.19"]
    c = bots(ALL).ask("普陀区财政局2024年度与普陀区文化和旅游局2025年度，项目支出占本年支出合计的比重分别是多少？")
    assert [f.value for f in c.figures if f.unit == "%"] == ["20.51", "63.07"]


def test_what_is_left_after_taking_a_part_out(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年授予中小企业的政府采购合同金额中，扣除授予小微企业的部分还剩多少？")
    assert a.calculation.expression == "435.61 − 435.09" and a.calculation.result == "0.52"  # not split at the 和 of the department's name


def test_a_year_derived_from_the_document_named_with_you(bots):
    a = bots("street").ask("由石泉路街道办事处2025年度决算说明推算，2024年度收入支出总计是多少？")
    assert figures(a) == ["18943.81", "19044.27", "100.46"]


def test_the_years_whole_income(bots):
    a = bots("finance").ask("普陀区财政局2024年一年总共收入了多少钱？")
    assert figures(a)[0] == "2946.25"


def test_a_department_added_for_a_comparison_after_a_table_total(bots):
    b = bots(ALL)
    first = b.ask("乌鲁木齐市住房保障和房产管理局2023年度财政拨款“三公”经费支出决算是多少？")
    second = b.ask("普陀区财政局2024年度呢？", first.session)
    a = b.ask("再把石泉路街道办事处2025年度加进来比较，谁最高？", second.session)
    assert figures(a) == ["37.35", "25.39", "0.00"] and "最高的是上海市普陀区人民政府石泉路街道办事处" in a.answer


def test_a_whole_named_among_its_siblings_parts(bots):
    a = bots("culture").ask("文旅局2025年三公经费一共花了多少？出国、公车、接待各花了多少？")
    assert figures(a) == ["3.04", "0", "2.64", "0.40"]  # 公车: 公务用车购置及运行维护费, not its 购置 part
    b = bots("street").ask("街道今年买公车花了多少，公车日常运维又花了多少")
    assert figures(b) == ["25", "12.35"]  # 买 names the 购置 part


def test_a_columns_share_of_the_row_named_first(bots):
    for question in ("区图书馆那块（图书馆项）花的钱里，基本支出占了多大比例？", "2070104图书馆中基本支出占比"):
        a = bots("culture").ask(question)
        assert a.calculation.expression == "2362.21 / 3070.63 × 100" and a.calculation.result == "76.93"


def test_a_budget_then_how_much_over_then_why_of_one_row(bots):
    b = bots("culture")
    first = b.ask("普陀区文化和旅游局2025年度文化和旅游市场管理（项）支出决算数是多少？")
    second = b.ask("年初预算是多少？超出了多少？", first.session)
    assert "807.09" in figures(second) and second.calculation.result == "34.21"
    third = b.ask("超出的原因是什么？", second.session)
    assert "执法大队" in third.answer
    again = b.ask("超出了多少？", b.ask("年初预算是多少？", first.session).session)
    assert again.calculation.expression == "841.30 − 807.09"  # not the two turns asked again out of context


def test_whether_there_is_money_of_a_kind_is_the_documents_own_none(bots):
    a = bots("finance").ask("普陀区财政局2024年有没有花政府性基金或者国有资本经营预算的钱？")
    assert a.kind == "text" and a.figures == []
    assert "无政府性基金预算财政拨款收入和支出" in a.answer and "无国有资本经营预算财政拨款收入和支出" in a.answer
    assert {c.page for c in a.citations} == {19, 20, 23}


def test_one_of_an_items_several_purposes_is_not_given_the_items_whole_amount_unsaid(bots):
    a = bots("street").ask("石泉路街道2025年社区助餐花了多少钱？")
    assert a.answer.startswith("文件没有单独列出“社区助餐”的金额；它是下面这一项支出的用途之一：")
    assert figures(a) == ["1322.92"] and "居家养老" in a.answer
    own = bots("street").ask("石泉路街道2025年社区助餐具体花了多少钱？")  # its own amount: never given
    assert own.kind == "refusal" and own.figures == []
    assert "其他社会保障和就业支出（项）" in own.answer and "没有单独列出“社区助餐”的数字" in own.answer
    b = bots("street").ask("统战工作花了多少钱")  # the item's only purpose: the item
    assert figures(b) == ["7.73"] and "没有单独列出" not in b.answer


def test_how_many_people_a_department_has_is_its_stated_headcount(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年有多少人？")
    assert figures(a) == ["359", "242", "0", "117"] and a.citations[0].line_start == 74  # 实有人数, not 在职人员 alone
    b = bots("finance").ask("财政局有多少人？")
    assert b.kind == "refusal" and b.figures == []  # it states no headcount


def test_several_subjects_of_every_department_each_asked_on_its_own(bots):
    a = bots(ALL).ask("普陀区财政局2024年度和文化和旅游局2025年度的一般公共预算财政拨款基本支出决算表中，人员经费合计和公用经费合计各是多少？")
    assert figures(a) == ["2152.26", "8055.07", "184.65", "1745.29"] and a.calculation is None


def test_several_columns_of_every_department_are_not_added_when_each_is_asked(bots):
    """"预算合计和实际花的合计各是多少": each table's 合计 row in two columns — nothing added across."""
    a = bots(ALL).ask("文旅局和石泉路街道2025年三公经费表里，预算合计和实际花的合计各是多少？")
    assert figures(a) == ["11.49", "53.93", "3.04", "37.35"] and a.calculation is None


def test_two_coded_rows_compared_between_two_departments(bots):
    a = bots(ALL).ask("对比普陀区财政局2024年度与普陀区文化和旅游局2025年度一般公共预算财政拨款基本支出决算表中30228工会经费和30229福利费的决算数。")
    assert figures(a) == ["24.42", "98.95", "74.53", "42.77", "184.90", "142.13"]
    assert a.calculation.expression == "98.95 − 24.42" and a.calculations[0].expression == "184.90 − 42.77"


def test_each_and_a_total_asked_outright_across_departments(bots):
    a = bots(ALL).ask("基本支出决算表30113住房公积金：普陀区财政局2024年、文旅局2025年、石泉路街道2025年各是多少，三者合计多少？")
    assert a.calculation.result == "1025.83"


def test_a_department_not_stored_named_beside_one_that_is(bots):
    a = bots(ALL).ask("普陀区教育局和财政局2024年的三公经费各花了多少？")
    assert a.kind == "figure" and figures(a) == ["0.00"] and "没有“普陀区教育局”的" in a.answer and a.citations[-1].page == 23


def test_a_department_asked_for_a_year_it_has_no_document_of_is_answered_with_its_own_year(bots):
    a = bots(ALL).ask("乌鲁木齐房产局2025年的三公经费和普陀区文旅局2025年比，谁花得多？")
    assert figures(a)[:2] == ["25.39", "3.04"] and "2023年度" in a.answer  # the year it is stated for, named


def test_each_departments_count_added_up_when_a_total_is_asked(bots):
    a = bots(ALL).ask("普陀区财政局（2024）、普陀区文旅局（2025）、石泉路街道（2025）和乌鲁木齐房产局（2023）这四家，单价100万元以上的设备加起来一共有多少台（套）？")
    assert a.calculation.expression == "2 + 0 + 0 + 7" and a.calculation.result == "9" and a.unsupported_numbers() == []


def test_the_vehicles_of_departments_named_ranked(bots):
    a = bots(ALL).ask("普陀区财政局、文旅局和石泉路街道这三个部门，哪个单位的车最多？各有几辆？")
    assert figures(a) == ["10", "4", "0"] and "最多的是上海市普陀区人民政府石泉路街道办事处" in a.answer


def test_each_departments_part_over_its_own_whole(bots):
    a = bots(ALL).ask("普陀区文旅局和石泉路街道2025年的政府采购里，服务采购各占自己采购总额的多少？")
    assert figures(a) == ["2885.17", "7571.90", "38.10", "712.08", "1062.09", "67.05"]


def test_each_departments_stated_execution_rate_asked_as_a_share_of_the_budget(bots):
    a = bots(ALL).ask("文旅局和石泉路街道2025年用一般公共预算花的钱，各占年初预算的百分之几？谁更高？")
    assert figures(a)[:2] == ["88.32", "87.10"] and "11.49" not in figures(a)  # not the 三公 table's budget


def test_two_columns_of_one_subject_each_asked_with_the_subject(bots):
    """"“三公”经费的预算和实际花的各是多少": both columns of the 三公 total — never 本年支出合计."""
    a = bots(ALL).ask("普陀区文旅局和石泉路街道2025年“三公”经费的预算和实际花的各是多少？")
    assert figures(a) == ["11.49", "53.93", "3.04", "37.35"]


def test_listing_two_subjects_of_three_departments(bots):
    a = bots(ALL).ask("请列出普陀区财政局（2024）、文化和旅游局（2025）、石泉路街道办事处（2025）一般公共预算财政拨款基本支出决算表中的人员经费合计和公用经费合计。")
    assert figures(a) == ["2152.26", "8055.07", "12010.40", "184.65", "1745.29", "2195.60"] and a.calculation is None


def test_a_follow_up_naming_no_department_goes_on_with_the_departments_just_answered(bots):
    b = bots(ALL)
    first = b.ask("普陀区文化和旅游局和石泉路街道办事处2025年度绩效自评的项目各有多少个？")
    assert figures(first)[:2] == ["43", "48"] and first.session.last.docs == ["putuo-culture-tourism-2025", "putuo-shiquan-street-2025"]
    a = b.ask("涉及的预算金额呢？", first.session)
    assert figures(a) == ["12339.45", "4974.93"] and "年初预算" not in a.answer  # the figure's own 预算金额, no basis asked
    # then a department named: the same figure there (the elliptical question read as the figure it was answered with)
    c = b.ask("财政局2024年度呢？", a.session)
    assert figures(c) == ["598.42"] and c.citations[0].page == 23


def test_the_two_departments_of_the_conversation_compared(bots):
    b = bots(ALL)
    first = b.ask("乌鲁木齐市住房保障和房产管理局2023年度本年支出中基本支出和项目支出各占多少？")
    second = b.ask("普陀区财政局2024年度呢？", first.session)
    a = b.ask("两家的基本支出金额相差多少万元？", second.session)
    assert a.kind == "calculation" and a.calculation.result == "2332.75" and sorted(figures(a)[:2]) == ["2336.91", "4669.66"]


def test_the_documents_own_name_asks_no_column(bots):
    """"都公开了2025年度决算": 决算 names the documents, not the 决算数 column of 一般公共预算财政拨款."""
    a = bots(ALL).ask("普陀区财政局和普陀区文化和旅游局都公开了2025年度决算，请比较两家2025年度一般公共预算财政拨款基本支出。")
    assert a.kind == "calculation" and sorted(figures(a)[:2]) == ["2336.91", "9800.36"] and a.calculation.result == "7463.45"
    b = bots(ALL).ask("普陀区财政局和普陀区文化和旅游局公开的都是2025年度部门决算吧？两家的一般公共预算财政拨款基本支出各是多少？")
    assert figures(b) == ["2336.91", "9800.36"]


def test_a_message_of_several_asks_asked_again_of_another_department(bots):
    b = bots(ALL)
    first = b.ask("石泉路街道2025年做绩效自评的项目有多少个，平均得分多少？")
    a = b.ask("文旅局呢？", first.session)
    assert [(f.value, f.unit) for f in a.figures] == [("43", "个"), ("99.38", "分")]
    c = b.ask("那普陀财政局2024年呢？", a.session)
    assert [(f.value, f.unit) for f in c.figures] == [("4", "个"), ("99.43", "分")]


def test_each_departments_change_on_a_year_named_with_each(bots):
    """"比2024年各多了多少": a year compared (each department's change), not another figure; 总收支
    is the 收入支出总计."""
    a = bots(ALL).ask("普陀区文旅局和石泉路街道2025年的总收支比2024年各多了多少？谁涨得更快？")
    assert figures(a) == ["26591.08", "8487.88", "46.89", "19044.27", "100.46", "0.53"]


def test_which_of_the_last_two_is_higher_and_by_how_much(bots):
    b = bots(ALL)
    first = b.ask("石泉路街道2025年公务用车运行维护费多少？")
    second = b.ask("那乌鲁木齐住房局呢？", first.session)
    a = b.ask("哪个高？差多少？", second.session)
    assert a.kind == "calculation" and a.calculation.result == "13.04" and "乌鲁木齐" in a.answer.split("比")[0]


def test_another_department_named_with_words_around_it(bots):
    b = bots(ALL)
    first = b.ask("乌鲁木齐住房局2023年机关运行经费比上年增长了多少？")
    second = b.ask("那普陀区财政局2024年呢？", first.session)
    a = b.ask("另一个普陀的部门，文旅局呢？", second.session)
    assert figures(a) == ["166.45", "22.50", "11.91"] and "减少" in a.answer


def test_a_question_across_departments_none_of_them_answers_is_refused_for_each(bots):
    a = bots(ALL).ask("四个部门中哪个部门年末政府债务余额最高？请给出各部门债务余额。")
    assert a.kind == "refusal" and not a.figures and a.answer.count("这份文件没有说明这一点") == 4
