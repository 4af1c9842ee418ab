"""An analyst ranking and comparing, an elderly citizen's everyday words, a student's terms then
figures: classes ranked by the narrative's stated shares, completion where only a 预决算差异率 is
stated, a class budgeted under its one item, two rows named by what sets them apart, a difference
said the way the figures go, pronouns for the row or class under discussion.

Figures read off the corpus: the Urumqi text lists its 一般公共预算财政拨款支出 as 住房保障支出(类)
483,911.04 (95.42%), 城乡社区支出(类) 22,611.63 (4.46%), 社会保障和就业支出(类) 587.27 (0.12%); its
三公 was budgeted 25.60 and spent 25.39 (差异率 -0.82%); it has 359 people, 242 of them in post; its
财政拨款 year-end 结转和结余 126.71 against 100.66 at its start; its 本年财政拨款收入 636,235.98 of
本年收入 636,952.54 (99.89%). The culture text lists 文化旅游体育与传媒支出（类） 17,127.62 (69.81%),
资源勘探工业信息等支出（类） 4,948.72 (20.17%) and 卫生健康支出（类） 370.37 (1.51%) while its table
prints other amounts against those names; its only 资源勘探 item was budgeted 5,282.00; its 一般公共预算
财政拨款支出 was budgeted 27,780.16 and spent 24,535.67; 图书馆 3,063.71 budgeted, 3,070.63 spent,
"…职级职位变动". The finance PDF's 行政事业单位养老支出 is 326.72 (84.65 + 160.75 + 80.38 + 0.94); its
年末结转和结余 55.34 against 49.14; its 一般公共服务支出 2,106.66 and 住房保障支出 445.69; its 政府采购
251.25. The street text's 行政单位离退休 252.74 and 事业单位离退休 220.79; 行政单位医疗 102.55 and
事业单位医疗 150.70.
"""

from __future__ import annotations

from checks import amounts, talk


def test_the_classes_a_narrative_lists_ranked_with_their_stated_shares(bots):
    first, second, third = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出中哪一类最大？多少？", "第二大的呢？占比多少？",
                                                 "这一类里哪个项级科目比上年增长最多？"])
    assert amounts(first)[:2] == ["483911.04", "95.42"] and "住房保障支出" in first.answer
    assert amounts(second)[:2] == ["22611.63", "4.46"] and "城乡社区支出" in second.answer
    assert "其他城乡社区支出" in third.answer and "20698.48" in amounts(third)  # within that class only


def test_a_table_printing_the_classes_otherwise_is_not_ranked(bots):
    top, smallest = talk(bots("culture"), ["普陀区文化和旅游局2025年一般公共预算财政拨款支出中，哪一类功能支出最大？占比多少？", "最小的是哪一类？"])
    assert amounts(top)[:2] == ["17127.62", "69.81"] and "不一致" in top.answer
    assert amounts(smallest)[:2] == ["370.37", "1.51"] and "卫生健康支出" in smallest.answer


def test_a_table_printing_the_classes_alike_ranks_them_itself(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出按类划分的话，哪一类花得最多？占多大比例？")
    assert a.calculation is not None and a.calculation.expression == "2106.66 / 2940.05 × 100"


def test_completion_worked_out_where_only_the_gap_rate_is_stated(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年三公经费决算数相当于预算的百分之几？")
    assert a.calculation.expression == "25.39 / 25.60 × 100" and a.calculation.result == "99.18" and "-0.82" in amounts(a)


def test_a_count_claimed_in_ge_is_checked_in_the_figures_own_unit(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年在职人员是359个，对吗？")
    assert amounts(a)[:2] == ["242", "359"] and "实有人数" in a.answer


def test_a_class_budgeted_under_its_one_item(bots):
    a = bots("culture").ask("普陀区文旅局2025年资源勘探工业信息等支出比年初预算少花了多少？")
    assert a.calculation.expression == "5282.00 − 4948.72" and a.calculation.result == "333.28"


def test_an_item_asked_like_the_message_before_it_gets_its_own_reason(bots):
    *_, a = talk(bots("culture"), ["普陀区文化和旅游局2025年文化活动（项）预算和决算各多少？为什么决算大于预算？", "图书馆（项）呢？"])
    assert {"3063.71", "3070.63"} <= set(amounts(a)) and "职级职位变动" in a.answer and "MCN" not in a.answer


def test_a_difference_is_said_the_way_the_figures_go(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年一般公共预算财政拨款支出决算超出年初预算多少？")
    assert a.calculation.expression == "27780.16 − 24535.67" and a.calculation.result == "3244.49" and "少" in a.answer


def test_money_of_a_row_named_by_its_last_two_characters(bots):
    a = bots("finance").ask("普陀区财政局2024年养老的钱一共多少？都花在哪几块？")
    assert a.calculation.expression == "84.65 + 160.75 + 80.38 + 0.94" and a.calculation.result == "326.72"


def test_a_question_of_its_own_does_not_borrow_the_last_subject(bots):
    _, a = talk(bots("finance"), ["普陀区财政局2024年请人吃饭花了多少？", "普陀区财政局2024年扶贫的钱是多少？"])
    assert a.kind == "refusal" and not a.figures


def test_two_rows_named_by_what_sets_them_apart(bots):
    a = bots("street").ask("普陀区石泉路街道2025年退休的钱，机关和事业单位加起来多少？")
    assert a.calculation.expression == "252.74 + 220.79" and a.calculation.result == "473.53"
    b = bots("street").ask("普陀区石泉路街道2025年行政单位和事业单位的医疗加起来多少？")
    assert b.calculation.expression == "102.55 + 150.70"


def test_year_end_against_year_start_of_two_rows_and_of_the_fiscal_part(bots):
    *_, a = talk(bots("finance"), ["那财政局2024年年末结转和结余是多少万元？", "跟年初结转和结余比变了多少？"])
    assert a.calculation.expression == "55.34 − 49.14" and a.calculation.result == "6.20"
    *_, b = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年年末结转和结余是多少？", "其中财政拨款的年末结转和结余比年初多了多少？"])
    assert b.calculation.expression == "126.71 − 100.66" and b.calculation.result == "26.05"


def test_the_two_subjects_of_a_ranking_set_against_each_other(bots):
    *_, a = talk(bots("finance"), ["上海市普陀区财政局2024年一般公共预算财政拨款支出按功能分类，哪一类（类级）最大？金额多少？", "那第二大的呢？占比多少？", "两者相差多少？"])
    assert a.calculation.expression == "2106.66 − 445.69" and a.calculation.result == "1660.97"


def test_a_term_then_its_amount_of_a_department_in_one_message(bots):
    a = bots("finance,culture,street,urumqi").ask("部门决算里“机关运行经费”是什么意思？普陀区财政局2024年是多少？")
    assert "184.65" in amounts(a) and "日常公用经费" in a.answer


def test_an_amount_and_its_share_asked_in_one_sentence(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年本年财政拨款收入是多少，占本年收入多少？")
    assert amounts(a)[0] == "636235.98" and a.calculation.expression == "636235.98 / 636952.54 × 100" and "129100.00" not in amounts(a)


def test_everyday_words_for_procurement_and_hospitality(bots):
    assert amounts(bots("finance").ask("普陀区财政局2024年政府买东西一共花了多少钱？"))[0] == "251.25"
    a = bots("finance").ask("普陀区财政局2024年开会请人吃饭花了多少经废？")
    assert "0.00" in amounts(a) and "公务接待费" in a.answer


def test_a_count_the_document_states_two_ways_gives_both(bots):
    a = bots("street").ask("普陀区石泉路街道2025年单位的车还有几辆？")
    assert amounts(a)[0] == "10" and "8" in amounts(a) and "公务用车保有量" in a.answer
    b = bots("street").ask("石泉路街道2025年公务用车保有量是多少辆？")
    assert amounts(b) == ["8"]  # named, so no other reading


def test_a_ranking_asked_again_at_the_other_end_after_a_reason(bots):
    *_, a = talk(bots("street"), ["石泉路街道办事处2025年一般公共预算各项支出中，完成年初预算比例最高的是哪一项？", "为什么超出这么多？", "完成比例最低的呢？"])
    assert "统计信息事务" in a.answer and "25.83" in amounts(a)


def test_a_row_asked_of_each_of_the_two_tables_just_given(bots):
    *_, a = talk(bots("finance"), ["普陀区财政局2024年年末结转和结余多少，是表几里的？", "财政拨款收入支出决算总表里的年末财政拨款结转和结余又是多少？",
                                   "这两张表的年初结转和结余分别是多少？"])
    assert amounts(a) == ["49.14", "21.63"]


def test_a_share_of_the_rows_own_total_named_by_a_pronoun(bots):
    a = bots("street").ask("石泉路街道办事处2025年支出决算表中，社会保障和就业支出里的项目支出占该类支出的比重是多少？")
    assert a.calculation.expression == "580.19 / 3019.34 × 100" and a.calculation.result == "19.22"


def test_completion_beside_a_budget_gap_is_spending_over_budget(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共服务支出下的行政运行（项），年初预算和支出决算差了多少万元？决算完成了年初预算的百分之几？")
    assert a.calculation.result == "48.16" and "96.91" in amounts(a) and "3.09" not in amounts(a)
