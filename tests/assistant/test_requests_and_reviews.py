"""Questions as a journalist or a deputy at a budget review puts them: formal requests (请提供、请测算、
请列出…), parts listed after 按 or 其中, a judgement asked of a stated figure, the budget set against
the spending for each department, and follow-ups that name the last year or the budget "与之对应".

Figures read off the corpus: the street text's 政府采购 is 1,062.09 万元 (货物 80.98, 工程 269.03,
服务 712.08); its 2080801 死亡抚恤 177.17 and 2111101 减排专项支出 150.00 had no 年初预算; its
一般公共预算财政拨款支出 was budgeted 21,864.85 and spent 19,044.27, the shortfall put down to
调减 "武宁路沿线风貌提升工程（石泉段）" and "石岚敬老院装修工程". The finance PDF's 政府采购 is 251.25
(货物 4.79, 工程 0, 服务 246.47); its 201 一般公共服务支出 2,106.66 is one 款 (20106 财政事务) whose
largest 项 is 2010601 行政运行 1,511.89 (budget 1,560.05); the narrative states that class as 71.73%
of 2,940.05, where 2106.66 / 2940.05 is 71.65%. The culture text's 一般公共预算财政拨款支出 was
budgeted 27,780.16 and spent 24,535.67; its 机关运行经费 166.45 fell 22.50 (11.91%). The Urumqi
text's 一般公共预算财政拨款支出 is 507,109.93 against a budget of 6,862.79 (预决算差异率 7,289.27%,
put down partly to 棚户区改造 funds moved in at the year's end); its 财政拨款收入支出 was budgeted
531,862.79; its 三公 25.39 fell 19.69 on last year's 45.08 and was budgeted 25.60.
"""

from __future__ import annotations

from checks import amounts, talk, values


def test_formal_requests_name_the_department_not_the_verb(bots):
    street = bots("street")
    a = street.ask("请测算普陀区石泉路街道办事处2025年度服务类采购金额占政府采购总额的比重（保留两位小数）。")
    assert a.calculation is not None and a.calculation.expression == "712.08 / 1062.09 × 100" and a.calculation.result == "67.05"
    b = street.ask("请计算上海市普陀区人民政府石泉路街道办事处2025年度政府采购中货物类与工程类采购金额之和。")
    assert b.calculation is not None and b.calculation.result == "350.01" and "没有“" not in b.answer
    c = bots("finance").ask("请列出上海市普陀区财政局2024年度本年收入合计，以及财政拨款收入、其他收入的金额和各自占比。")
    assert {"99.79", "0.21", "2946.25"} <= set(amounts(c)) and "没有“" not in c.answer


def test_a_sum_asked_with_please_is_a_question_not_an_order(bots):
    a = bots("finance").ask("上海市普陀区财政局2024年政府采购中，由中小企业供应商中标或成交的金额一共是多少？请把面向中小企业预留项目和其他采购项目中的中小企业中标金额加起来。")
    assert a.calculation is not None and a.calculation.expression == "246.47 + 4.79" and "已被忽略" not in a.answer


def test_parts_listed_after_an_or_qizhong_are_each_answered(bots):
    finance = bots("finance")
    (a,) = talk(finance, ["普陀区财政局2024年政府采购按货物、工程、服务三类分别是多少？"])
    _, b = talk(finance, ["普陀区财政局2024年政府采购总额是多少？", "其中货物、工程、服务各是多少？"])
    for answer in (a, b):
        assert amounts(answer) == ["4.79", "0", "246.47"]


def test_a_judgement_asked_of_a_stated_rate_gets_the_documents_reason(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出的预决算差异率高达7289.27%，这是不是说明该局严重超预算乱花钱？")
    assert amounts(a)[0] == "7289.27" and "文件说明的原因是" in a.answer and "棚户区改造" in a.answer


def test_the_reason_for_falling_short_of_the_budget_not_for_the_change(bots):
    a = bots("street").ask("石泉路街道办事处2025年度一般公共预算财政拨款支出未完成年初预算，主要原因是什么？")
    assert "武宁路" in a.answer and "石岚敬老院" in a.answer and "抚恤金" not in a.answer


def test_items_described_as_unbudgeted_are_summed_as_spent(bots):
    a = bots("street").ask("石泉路街道2025年年初没编预算、年中追加的死亡抚恤和减排专项支出，两项加一起多少钱？")
    assert a.calculation is not None and a.calculation.expression == "177.17 + 150.00" and a.calculation.result == "327.17"


def test_a_level_named_inside_a_fund_ranks_that_funds_table(bots):
    a = bots("finance").ask("普陀区财政局2024年的一般公共预算财政拨款支出，细到“项”这一级，哪一项花钱最多？花了多少？")
    assert "最大的是201 06 01 行政运行：1,511.89 万元" in a.answer


def test_the_largest_part_of_a_class_of_one_kuan_and_then_its_budget(bots):
    first, largest, budget = talk(bots("finance"), [
        "上海市普陀区财政局2024年度一般公共服务支出（类）决算多少？占一般公共预算财政拨款支出的比重？",
        "那这里面最大的一块是什么？",
        "这一项年初预算是多少？为什么决算比预算少？",
    ])
    assert values(first)[:3] == [("71.65", "%"), ("2106.66", "万元"), ("2940.05", "万元")] and ("71.73", "%") in values(first)  # computed, and as stated
    assert "最大的是201 06 01 行政运行：1,511.89 万元" in largest.answer
    assert {"1560.05", "1511.89"} <= set(amounts(budget)) and "人员进出及退休变化" in budget.answer


def test_each_departments_budget_against_its_spending(bots):
    both = bots("finance,culture,street,urumqi")
    a = both.ask("请分别计算上海市普陀区文化和旅游局与石泉路街道办事处2025年度一般公共预算财政拨款支出年初预算未执行的金额。")
    assert "27780.16 − 24535.67 = 3244.49" in a.answer and "21864.85 − 19044.27 = 2820.58" in a.answer
    *_, c = talk(both, ["普陀区财政局2024年度一般公共预算财政拨款支出年初预算和决算各多少？", "换成石泉路街道办事处2025年度呢？", "两家决算各比年初预算少了多少万元？"])
    assert "2993.92 − 2940.05 = 53.87" in c.answer and "21864.85 − 19044.27 = 2820.58" in c.answer


def test_the_budget_that_goes_with_it_and_last_years_spending(bots):
    urumqi = bots("urumqi")
    _, a = talk(urumqi, ["乌鲁木齐市住房保障和房产管理局2023年度财政拨款收入支出总计是多少？", "与之对应的年初预算数是多少？"])
    assert amounts(a) == ["531862.79"]
    *_, b = talk(urumqi, ["乌鲁木齐住房局2023年“三公”经费一共花了多少？", "全年预算是多少？", "那上一年实际花了多少？"])
    assert b.calculation is not None and b.calculation.expression == "25.39 + 19.69" and b.calculation.result == "45.08"


def test_the_department_meant_said_after_the_question(bots):
    spent, before, fall = talk(bots("finance,culture,street,urumqi"), ["文旅局2025年机关运行经费用了多少？说的是普陀区那个文旅局。", "上年呢？", "降幅有多大？"])
    assert amounts(spent) == ["166.45"] and "188.95" in amounts(before) and "11.91" in amounts(fall)


def test_the_reason_asked_in_the_departments_own_words(bots):
    *_, a = talk(bots("culture"), ["上海市普陀区文化和旅游局2025年度图书馆（项）支出决算多少？", "这个比年初预算多还是少？差多少？", "局里给出的理由是什么？"])
    assert "人员职级职位变动" in a.answer
    *_, b = talk(bots("street"), ["石泉路街道2025年“群众文化”这一项花了多少？", "年初预算才多少？超了多少？", "街道给的说法是什么？"])
    assert "图书购置" in b.answer and "阅读推广" in b.answer


def test_a_topic_then_what_of_it_is_wanted(bots):
    """"…绩效自评的情况：参与自评的项目数、涉及的预算金额、平均得分，请一并列出": each one (4 个, 598.42, 99.43)."""
    q = "普陀区财政局2024年度绩效自评的情况：参与自评的项目数、涉及的预算金额、平均得分，请一并列出。"
    a = bots("finance").ask(q)
    assert values(a) == [("4", "个"), ("598.42", "万元"), ("99.43", "分")] and a.question == q


def test_cut_from_the_budget_to_the_accounts(bots):
    """The Urumqi 政府性基金 was budgeted 525,000.00 and spent 129,100.00."""
    a = bots("urumqi").ask("从年初预算到决算，乌鲁木齐市住房保障和房产管理局2023年政府性基金预算财政拨款被压缩了多少万元？")
    assert a.calculation is not None and a.calculation.expression == "525000.00 − 129100.00" and a.calculation.result == "395900.00"


def test_amounts_of_each_own_unit_are_not_in_the_accounts(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年度9个下属预算单位各自的本年支出合计分别是多少？")
    assert a.kind == "refusal" and a.figures == [] and "部门汇总" in a.answer


def test_a_term_defined_then_its_amount_in_one_message(bots):
    """"年末结转和结余" is one row (55.34 万元 in the finance PDF), not two asks split at 和."""
    a = bots("finance").ask("上海市普陀区财政局2024年度决算表里的“年末结转和结余”是什么意思？这一年的年末结转和结余是多少？")
    assert "以后年度" in a.answer and amounts(a) == ["55.34"]


def test_the_rate_then_the_reason_for_the_part_not_spent(bots):
    *_, a = talk(bots("street"), ["请告知普陀区石泉路街道办事处2025年度其他城乡社区公共设施支出（项）的决算数。", "该项年初预算为多少？", "执行率多少？未执行部分涉及哪些调整？"])
    assert "51.68" in amounts(a) and "管弄综合片区建设费" in a.answer


def test_budget_spending_gap_and_purpose_in_one_message(bots):
    a = bots("finance").ask("普陀区财政局2024年“财政委托业务支出”这一项，年初预算和实际支出各多少？差了多少？主要干什么用的？")
    assert {"450.52", "449.52", "1.00"} <= set(amounts(a)) and "审计" in a.answer


def test_each_projects_name_and_score_when_none_is_listed(bots):
    a = bots("culture").ask("请列明上海市普陀区文化和旅游局2025年度43个绩效自评项目各自的名称及自评得分。")
    assert a.kind == "refusal" and a.figures == [] and "没有逐个列出" in a.answer


def test_the_part_over_the_budget_of_the_row_just_given(bots):
    """The culture text's 2070199 其他文化和旅游支出: 423.29 spent against 217.92 budgeted."""
    *_, a = talk(bots("culture"), ["上海市普陀区文化和旅游局2025年度其他文化和旅游支出（项）的支出决算数是多少？", "年初预算安排了多少？", "超出部分是多少？"])
    assert a.calculation is not None and a.calculation.expression == "423.29 − 217.92" and a.calculation.result == "205.37"


def test_an_amount_asked_after_a_reason_is_an_amount(bots):
    *_, a = talk(bots("finance"), ["普陀区财政局2024年度收支总计一共多少钱？和2023年度相比少了多少？", "财政局自己是怎么解释这个减少的？原话是什么？",
                                   "那2024年的项目支出是多少，占本年支出的几成？"])
    assert a.answer.startswith("项目支出为 603.14 万元，占本年支出合计的 20.51%")


def test_cars_registered_at_the_years_end(bots):
    """The street text's 国有资产占用情况: 车辆 10 辆 (8 of them paid for from fiscal funds)."""
    a = bots("street").ask("截至2025年底，普陀区石泉路街道一共登记了多少辆车？")
    assert amounts(a)[0] == "10" and a.figures[0].unit == "辆"


def test_carry_overs_listed_after_a_funds_total_are_that_funds(bots):
    """Urumqi line 114: 财政拨款收入总计 636,336.64, 其中 年初财政拨款结转和结余 100.66; 年末… 126.71 (the
    department's all-funds carry-overs are 229.10 and 382.28)."""
    urumqi = bots("urumqi")
    a = urumqi.ask("乌鲁木齐市住房保障和房产管理局2023年度财政拨款收入总计、年初结转和结余、本年财政拨款收入、年末结转和结余、本年财政拨款支出分别是多少？")
    assert amounts(a) == ["636336.64", "100.66", "636235.98", "126.71", "636209.93"]
    b = urumqi.ask("乌鲁木齐市住房保障和房产管理局2023年度收入总计、年初结转和结余、年末结转和结余分别是多少？")
    assert amounts(b) == ["637229.42", "229.10", "382.28"]
