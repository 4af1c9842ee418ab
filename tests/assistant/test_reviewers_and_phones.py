"""A finance reviewer checking a document against itself, and a phone user's shorthand: sums whose
every listed part must be found, parts named by the words that set them apart, where an amount is
printed, the fund a figure belongs to, budget gaps and their reasons, messages typed with spaces.

Figures read off the corpus: the finance PDF's 行政事业单位养老支出 items 行政单位离退休 84.65,
基本养老保险缴费 160.75, 职业年金缴费 80.38 and 其他行政事业单位养老支出 0.94 (326.72); its 政府采购
251.25 = 货物 4.79 + 工程 0 + 服务 246.47 (which add up to 251.26); its 人员经费 2,152.26 and 公用经费
184.65; its 三公 budget 0.95, spent nothing "当年度无“三公”经费支出". The culture text's 行政单位医疗 47.54
and 事业单位医疗 322.83 (行政事业单位医疗 370.37); 行政单位离退休 44.54 and 事业单位离退休 361.85; 图书馆
3,063.71 budgeted and 3,070.63 spent, 群众文化 4,755.32 and 4,540.23, 文化活动 1,422.00 and 1,605.19; its
政府性基金 2,002.80 printed in five table rows; 真如海心剧院精装修工程 2,000.00 stated in section 八
(政府性基金); its 收入支出总计 26,591.08, up 8,487.88 on the year before. The street text's 政府采购
1,062.09 (货物 80.98, 工程 269.03), 中小企业预留 690.47 and 小微 293.72; its 收入支出总计 19,044.27, up
100.46; its 一般公共预算 budget 21,864.85 against 19,044.27 spent ("武宁路…"). The Urumqi text's 政府采购
459.93 = 147.81 + 0.00 + 312.12; its three classes 587.27 + 22,611.63 + 483,911.04 = 507,109.94 against
the stated 507,109.93; its 政府性基金 budget 525,000.00 against 129,100.00 spent; 棚户区改造 483,911.04
under 一般公共预算 (95.42%) and 0.00 under 政府性基金; 年初预算 531,862.79 in the narrative (line 118)
and 531,862.78 in its 整体支出绩效 table (line 258); its 机关运行经费 up 23.75%.
"""

from __future__ import annotations

from checks import amounts, talk

ALL = "finance,culture,street,urumqi"


def test_every_listed_part_is_found_before_a_sum_is_given(bots):
    a = bots("finance").ask("普陀财政局2024 养老那几项 离退休+养老保险+职业年金+其他养老 加起来total多少")
    assert a.calculation.expression == "160.75 + 80.38 + 84.65 + 0.94" and a.calculation.result == "326.72"
    b = bots("culture").ask("普陀区文化和旅游局2025年养老的钱，退休人员的、交养老保险和职业年金的，一共多少？")
    assert b.kind == "clarification" and b.calculation is None and "“退休人员”" in b.answer  # never 699.30 + 349.63 as if it were all


def test_the_parts_of_one_row_named_by_what_sets_them_apart(bots):
    a = bots("culture").ask("普陀区文旅局2025年职工看病医保这块，行政单位和事业单位加起来花了多少？")
    assert a.calculation.expression == "47.54 + 322.83" and a.calculation.result == "370.37"


def test_a_sum_asked_in_yuan_is_worked_out_then_converted(bots):
    a = bots("culture").ask("普陀区文旅局2025行政单位离退休加事业单位离退休合计多少元")
    assert a.calculation.expression == "44.54 + 361.85" and "406.39 × 10000 = 4063900 元" in a.answer


def test_a_message_leaning_on_the_one_before_is_asked_again_of_each_subject(bots):
    *_, crowd, events = talk(bots("culture"), ["普陀区文化和旅游局2025年度图书馆（项）年初预算和支出决算各是多少？", "两者差多少？为什么决算比预算多？",
                                               "那群众文化（项）呢？", "那文化活动（项）呢？"])
    assert "4755.32 − 4540.23 = 215.09" in crowd.answer and "儿童友好城市阅读新空间" in crowd.answer
    assert "1605.19 − 1422.00 = 183.19" in events.answer and "3070.63" not in events.answer  # not against the 图书馆 of two turns before


def test_a_place_of_one_department_compared_with_the_last(bots):
    *_, more = talk(bots(ALL), ["乌鲁木齐市住房保障和房产管理局2023年政府采购总额多少？货物和服务各多少？", "普陀区石泉路街道2025年呢？比乌鲁木齐多多少？"])
    assert "1062.09 − 459.93" in more.answer and "602.16" in amounts(more)


def test_where_an_amount_is_printed(bots):
    a = talk(bots("culture"), ["普陀区文化和旅游局2025年度政府性基金预算财政拨款收入是多少？", "2002.80这个数在哪张表里能查到？"])[-1]
    assert a.intent == "where_printed" and "政府性基金预算财政拨款收入支出决算表" in a.answer and "收入支出决算总表" in a.answer
    b = bots("urumqi").ask("乌鲁木齐房管局2023年初预算是531862.79还是531862.78")
    assert {c.line_start for c in b.citations} == {118, 258} and b.unsupported_numbers() == []


def test_the_fund_a_figure_belongs_to(bots):
    *_, a = talk(bots("culture"), ["普陀文旅局2025真如海心剧院精装修花了多少", "这钱走的一般公共预算还是政府性基金"])
    assert "政府性基金预算" in a.answer and "八、政府性基金预算财政拨款收入支出决算情况说明" in a.answer


def test_parts_checked_against_their_whole_named_or_not(bots):
    a = bots("finance").ask("普陀区财政局2024年度政府采购金额是251.25万元，货物、工程、服务三类采购金额加起来等于这个总额吗？")
    assert "4.79 + 0 + 246.47 = 251.26" in a.answer and "相差 0.01 万元" in a.answer
    *_, b = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年度政府采购支出总额是多少？", "授予中小企业的合同金额是多少，占多少？", "货物、工程、服务三项加起来等于总额吗？"])
    assert "147.81 + 0.00 + 312.12 = 459.93" in b.answer and "一致" in b.answer
    c = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年度一般公共预算财政拨款支出结构中三个类级支出相加，是否等于一般公共预算财政拨款支出总额？")
    assert "587.27 + 22611.63 + 483911.04 = 507109.94" in c.answer and "507,109.93" in c.answer and "0.01" in c.answer


def test_a_budget_stated_beside_the_same_amount_of_a_subject_worded_otherwise(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年度政府性基金预算财政拨款决算数比年初预算数少多少？")
    assert a.calculation.expression == "525000.00 − 129100.00" and a.calculation.result == "395900.00"


def test_a_share_of_a_named_whole_after_candidates_takes_that_wholes_item(bots):
    *_, share, change = talk(bots("urumqi"), ["乌鲁木齐住房局2023棚户区改造支出多少", "占一般公共预算百分之几", "比上年多了多少 咋回事"])
    assert share.calculation.expression == "483911.04 / 507109.93 × 100" and "95.42" in amounts(share)
    assert {"192592.04", "66.11"} <= set(amounts(change))


def test_phone_shorthand_and_spaces(bots):
    a = bots("finance").ask("普陀区财政局2024政采 货物 工程 服务分别多少")
    assert {"251.25", "4.79", "0", "246.47"} <= set(amounts(a))
    *_, b = talk(bots("finance"), ["普陀财政局2024基本支出多少", "人员经费 公用经费各多少"])
    assert {"2152.26", "184.65"} <= set(amounts(b))
    *_, c = talk(bots("street"), ["石泉路街道2025政采总额多少", "中小企业预留多少 小微呢"])
    assert {"690.47", "293.72"} <= set(amounts(c))
    d = bots("street").ask("石泉路街到办2025教育 科技 文体三块加起来多少")
    assert d.calculation.result == "104.32"
    e = bots("street").ask("石泉路街道2025政采里货物加工程一共多少")
    assert e.calculation.expression == "80.98 + 269.03"


def test_why_the_budget_was_not_spent_is_the_gaps_reason(bots):
    *_, a = talk(bots("finance"), ["普陀区财政局2024三公多少", "预算呢 为啥一分没花"])
    assert "0.95" in amounts(a) and "当年度无“三公”经费支出" in a.answer
    *_, b = talk(bots("street"), ["石泉路街道2025一般公共预算财拨年初预算多少", "为啥没用完"])
    assert "武宁路沿线风貌提升工程" in b.answer and "抚恤金" not in b.answer  # not the year-on-year change's reason


def test_a_silent_ask_beside_an_answered_one_is_said_so(bots):
    a = bots("street").ask("石泉路街道2025三公多少，街道主任叫什么名字？")
    assert "37.35" in amounts(a) and "“街道主任叫什么名字”：文件没有说明" in a.answer


def test_the_year_before_of_two_departments_and_who_changed_most(bots):
    *_, a = talk(bots(ALL), ["普陀区石泉路街道办事处2025年度收入支出总计比2024年度增加了多少？", "那普陀区文化和旅游局2025年度呢？", "两家2024年度的收入支出总计各是多少？"])
    assert {"18943.81", "18103.20"} <= set(amounts(a))
    b = bots(ALL).ask("机关运行费变化 普陀财政局2024 文旅局2025 石泉路街道2025 乌鲁木齐住房局2023 谁涨最多谁降最多")
    assert b.answer.startswith("增加幅度最大的是乌鲁木齐市住房保障和房产管理局") and "（23.75%）" in b.answer and "（11.91%）" in b.answer


def test_the_tables_a_named_row_is_printed_in(bots):
    a = bots("finance").ask("上海市普陀区财政局2024年的“人员经费合计”和“公用经费合计”是在部门决算的哪张表里列出的？各是多少？")
    assert a.intent == "where_printed" and {"2152.26", "184.65"} <= set(amounts(a)) and "一般公共预算财政拨款基本支出决算表" in a.answer
    b = bots("street").ask("普陀区石泉路街道办事处2025年的“其他工资福利支出”是在决算的哪张表里？金额是多少？")
    assert amounts(b) == ["5806.69"] and "2025" not in amounts(b)  # (the year is no amount to look up)


def test_a_ranking_says_the_share_the_narrative_states(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出中，哪一类（类级科目）花得最多？")
    assert {"2106.66", "71.73"} <= set(amounts(a)) and "文件所述201 一般公共服务支出占" in a.answer


def test_a_price_per_square_metre_is_never_an_area(bots):
    a = bots("urumqi").ask("乌鲁木齐市2023年商品房平均售价是每平方米多少元？请根据乌鲁木齐市住房保障和房产管理局2023年度部门决算回答。")
    assert a.kind == "refusal" and not a.figures


def test_a_figure_claimed_for_the_year_before_and_that_years_derived_value(bots):
    a = bots("urumqi").ask("听说乌鲁木齐市住房保障和房产管理局2022年度一般公共预算财政拨款支出是507109.93万元，是这样吗？")
    assert "507109.93 − 206749.59" in a.answer and "300360.34" in amounts(a) and a.unsupported_numbers() == []


def test_an_average_per_project_and_per_batch(bots):
    a = bots("culture").ask("上海市普陀区文化和旅游局2025年做了绩效自评的项目，平均每个项目涉及的预算金额大概是多少万元？")
    assert a.calculation.expression == "12339.45 / 43" and a.calculation.result == "286.96"
    b = bots("culture").ask("上海市普陀区文化和旅游局2025年公务接待平均每批次接待多少人次？")
    assert b.calculation.expression == "24 / 2" and b.calculation.unit == "人次"  # a count over a count, not money over people


def test_changes_across_departments_with_their_reasons(bots):
    a = bots(ALL).ask("普陀区财政局2024年和普陀区文化和旅游局2025年的机关运行经费，各自比上一年怎么变的？原因分别是什么？")
    assert {"2.55", "1.40", "22.50", "11.91"} <= set(amounts(a)) and "照明" in a.answer and "厉行节约" in a.answer
