"""A subject asked by the word its rows share, its parts by their first words, a claim that all of a
row went one way, and a table's rows listed right after its title.

Figures read off the corpus: the street text's 20805 行政事业单位离退休 (支出决算表) is 1,281.95 万元,
with 2080501 行政单位离退休 252.74 and 2080502 事业单位离退休 220.79 under it; the culture text has no
row named for 离退休 as a whole (its 20805 is 行政事业单位养老支出), and its 2080501 行政单位离退休
44.54 and 2080502 事业单位离退休 361.85; its 一般公共预算财政拨款基本支出决算表 prints 310 资本性支出
37.03 万元 of 31002 办公设备购置 23.09 and 31003 专用设备购置 13.93; its 三公 table prints the 合计
11.49 budgeted and 3.04 spent, 公务用车购置及运行维护费 9.38 and 2.64, 公务接待费 2.11 and 0.40.
"""

from __future__ import annotations

from checks import amounts as figures, talk


def test_a_word_that_ends_a_row_and_its_rows_names_the_whole(bots):
    a = bots("street").ask("石泉路街道2025年离退休花了多少")
    assert figures(a) == ["1281.95"] and "行政事业单位离退休" in a.answer


def test_a_word_only_the_rows_below_share_names_no_whole(bots):
    a = bots("culture").ask("文旅局2025年离退休花了多少")
    assert "1281.95" not in a.answer and not (a.kind == "figure" and len(a.figures) == 1)  # two rows: both shown, or asked which


def test_parts_named_by_their_first_words_are_added(bots):
    for doc, expression, result in (("street", "252.74 + 220.79", "473.53"), ("culture", "44.54 + 361.85", "406.39")):
        a = bots(doc).ask("2025年离退休的钱，行政的加事业的一共多少")
        assert a.calculation is not None and a.calculation.expression == expression and a.calculation.result == result
        assert "行政单位离退休" in a.answer and "事业单位离退休" in a.answer


def test_a_claim_that_all_of_a_row_went_one_way_lists_its_parts_beside_its_amount(bots):
    a = bots("culture").ask("文旅局2025年资本性支出37.03万元全部用来买办公设备了，对吧？")
    assert a.intent == "table_children" and figures(a)[:3] == ["37.03", "23.09", "13.93"]
    assert "专用设备购置" in a.answer and "注意" not in a.answer  # the amount claimed is the whole's, shown: no other figure to warn of


def test_rows_listed_right_after_a_tables_title_include_its_total_row(bots):
    a = bots("culture").ask("文旅局2025年三公经费表，合计、公车、接待的预算和决算各多少")
    assert set(figures(a)) == {"11.49", "3.04", "9.38", "2.64", "2.11", "0.40"} and a.calculation is None


# The street text's 208 社会保障和就业支出 (支出决算表) prints 3,019.34 万元 over six 款 (20805 1,281.95,
# 20807 200.18, 20808 177.17, 20816 7.11, 20825 30.00, 20899 1,322.92) that add up to 3,019.33, and a
# 项目支出 of 580.19; its 一般公共预算财政拨款支出决算表 prints 210 卫生健康支出 271.40 = 253.25 +
# 18.15 and 221 住房保障支出 1,160.04 = 852.09 + 307.95, their 项目支出 in 2100717 计划生育服务 and
# 2210399 其他城乡社区住宅支出; its 三公 table prints 公务接待费 spent 0 and budgeted 1.53, the
# narrative saying 1.53 spent. The culture text's 20805 行政事业单位养老支出 is 1,460.16 of five 项
# (44.54, 361.85, 699.30, 349.63, 4.84). The finance PDF's 收入支出决算总表 prints 本年收入合计
# 2,946.25, 本年支出合计 2,940.05, 年初结转和结余 49.14 and 年末结转和结余 55.34; its 财政拨款收入
# 支出决算总表 a 年初财政拨款结转和结余 of 21.63; its 201 一般公共服务支出 has 项目支出 603.14 in four
# 项 (8.37, 10.00, 135.25, 449.52).


def test_parts_listed_are_added_and_set_against_their_whole(bots):
    a = bots("culture").ask("文旅局2025年20805行政事业单位养老支出款下面各项分别是多少？合计多少？")
    assert a.calculation.expression == "44.54 + 361.85 + 699.30 + 349.63 + 4.84" and a.calculation.result == "1460.16"
    assert "一致" in a.answer and "相差" not in a.answer
    b = bots("street").ask("街道2025年支出决算表中，208社会保障和就业支出下6个款的支出加起来是多少？和类级合计数一致吗？")
    assert b.calculation.result == "3019.33" and "3,019.34" in b.answer and "相差 0.01 万元" in b.answer


def test_the_same_columns_of_another_row_then_where_both_rows_parts_went(bots):
    first, second, third = talk(bots("street"), ["街道2025年一般公共预算财政拨款支出决算表中，210卫生健康支出的合计、基本支出、项目支出各是多少？",
                                                 "同样这三列，221住房保障支出呢？", "这两类的项目支出分别落在哪个项上？"])
    assert figures(first) == ["271.40", "253.25", "18.15"] and figures(second) == ["1160.04", "852.09", "307.95"]
    assert "2100717 计划生育服务" in third.answer and "2210399 其他城乡社区住宅支出" in third.answer
    assert third.answer.index("计划生育服务") < third.answer.index("其他城乡社区住宅支出")  # in the turns' order


def test_a_column_share_of_the_row_itself(bots):
    a = bots("street").ask("街道2025年208社会保障和就业支出中，项目支出占该类本年支出合计的比重是多少？")
    assert a.calculation.expression == "580.19 / 3019.34 × 100" and a.calculation.result == "19.22"


def test_rows_of_a_named_table_whose_names_hold_total_words(bots):
    a = bots("finance").ask("财政局2024年收入支出决算总表中，本年收入合计、本年支出合计、年初结转和结余、年末结转和结余各是多少？")
    assert a.calculation is None and sorted(figures(a)) == sorted(["2946.25", "2940.05", "49.14", "55.34"])


def test_the_fiscal_carry_over_asked_with_its_words_reordered(bots):
    _, a = talk(bots("finance"), ["财政局2024年收入支出决算总表中，年初结转和结余是多少？", "其中财政拨款的年初结转和结余是多少？"])
    assert figures(a) == ["21.63"] and "年初财政拨款结转和结余" in a.answer


def test_the_whole_years_spending_asked_as_actually_spent(bots):
    a = bots("finance").ask("财政局2024年一年实际花了多少钱？")
    assert figures(a)[0] == "2940.05"


def test_hospitality_in_everyday_words_and_a_narrative_number_that_is_the_budget(bots):
    a = bots("street").ask("听说石泉路街道2025年请客吃饭花了1.53万，是不是？")
    assert figures(a)[0] == "0" and "1.53" in a.answer and "年初预算数" in a.answer


def test_the_level_asked_not_the_level_of_the_row_named(bots):
    a = bots("finance").ask("财政局2024年一般公共服务支出（201类）的项目支出由哪几个项构成？")
    assert figures(a)[1:5] == ["8.37", "10.00", "135.25", "449.52"] and "4 个项级科目" in a.answer


def test_a_part_claimed_of_the_income_is_looked_up(bots):
    a = bots("culture").ask("文旅局2025年的收入里应该有一部分是事业收入吧？")
    assert "事业收入" in a.answer and "空白" in a.answer and "2002.80" not in a.answer


# The Urumqi text states 公务用车运行费 budgeted 25.60 万元 and spent 25.39, 年初财政拨款结转和结余
# 100.66 and 年末 126.71, 7 台（套） of equipment above 100 万元 without naming them, no statutory
# tables, and a 死亡抚恤 of 68.96 万元 whose reason tells 3 + 1 + 1 + 1 retirees who died. The culture
# text's 三公 table prints 11.49 budgeted and 3.04 spent, 公车 2.64 and 接待 0.40; it sent 0 团组
# abroad (因公出国 0). The street text's 2080801 死亡抚恤 spent 177.17 with no 年初预算 (0 元).


def test_spending_below_the_budget_its_sentence_states(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年公车运行费比预算省了多少？")
    assert a.calculation.expression == "25.60 − 25.39" and a.calculation.result == "0.21"


def test_the_year_end_against_the_year_start(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年年末财政拨款结转和结余比年初增加了多少？")
    assert a.calculation.expression == "126.71 − 100.66" and a.calculation.result == "26.05"
    b = bots("finance").ask("财政局2024年年末结转和结余比年初增加了多少？")
    assert b.calculation.expression == "55.34 − 49.14" and b.calculation.result == "6.20"


def test_what_only_absent_tables_or_unnamed_things_would_tell_is_refused(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年收入决算表中，其他收入716.56万元分别列在哪些功能分类科目下、各多少？")
    assert a.kind == "refusal" and "《收入决算表》" in a.answer and not a.figures
    b = bots("urumqi").ask("乌鲁木齐住房局2023年单价100万元以上的7台（套）设备具体是什么设备？")
    assert b.kind == "refusal" and not b.figures
    c = bots("culture").ask("文旅局2025年图书馆买新书一共花了多少钱？")
    assert c.kind == "refusal" and "图书馆" in c.answer and "买新书" in c.answer and not c.figures


def test_each_ask_of_a_message_answered_when_the_whole_misses_one(bots):
    a = bots("culture").ask("文旅局2025年三公经费预算多少、实际花多少？公车和招待各多少？")
    assert {"11.49", "3.04", "2.64", "0.40"} <= set(figures(a))
    b = bots("culture").ask("文旅局2025年出国花了不少吧？组了几个团出去？")
    assert ("0", "个") in [(f.value, f.unit) for f in b.figures] and ("0", "万元") in [(f.value, f.unit) for f in b.figures]


def test_people_told_one_by_one_counted_in_a_follow_up(bots):
    _, a = talk(bots("urumqi"), ["乌鲁木齐住房局2023年死亡抚恤花了多少？", "去世了几个？"])
    assert a.calculation.expression == "3 + 1 + 1 + 1" and a.calculation.result == "6"


def test_the_amount_of_a_term_just_defined(bots):
    a = bots("finance").ask("财政局2024年决算里说的“年末结转和结余”是什么意思？这个单位2024年末有多少？")
    assert "以后年度" in a.answer and "55.34" in figures(a)


def test_spending_and_budget_asked_in_clauses_of_their_own(bots):
    a = bots("street").ask("街道2025年死亡抚恤这一项花了多少，年初预算又是多少？")
    assert "177.17" in figures(a) and "年初预算" in a.answer


# The culture text's 支出决算表 prints 2070109 群众文化 4,540.23, 2070104 图书馆 3,070.63 and 2070114
# 文化和旅游管理事务 2,047.66, and a 基本支出 of 9,800.36 over four 类 (7,374.19, 1,460.16, 370.37,
# 595.64). The street text's 2210201 住房公积金 434.93, 2210203 购房补贴 417.16 and 2210399 其他城乡
# 社区住宅支出 307.95. The finance PDF's 302 商品和服务支出 lists 其他交通费用 48.49 first and 福利费
# 42.77 second. The Urumqi narrative lists five 项 under 社会保障和就业支出(类) (36.61, 38.86, 402.41,
# 40.43, 68.96) of a stated 587.27; its 城乡社区管理事务(款) has 行政运行 1,192.15, 一般行政管理事务
# 278.24 and 其他城乡社区管理事务支出 442.76.


def test_rows_named_ranked_with_the_gap_to_the_place_asked(bots):
    a = bots("culture").ask("文旅局2025年图书馆（项）、群众文化（项）、文化和旅游管理事务（项）三项中哪项支出决算最大？比第二名多多少？")
    assert a.calculation.expression == "4540.23 − 3070.63" and a.calculation.result == "1469.60" and "群众文化" in a.answer.splitlines()[0]
    b = bots("street").ask("街道2025年住房公积金（项）、购房补贴（项）、其他城乡社区住宅支出（项）三行中，哪行决算数最大？比最小的那行多多少？")
    assert b.calculation.expression == "434.93 − 307.95" and b.calculation.result == "126.98"


def test_a_rows_parts_ranked_with_the_gap_to_the_second(bots):
    a = bots("finance").ask("财政局2024年一般公共预算财政拨款基本支出决算表的商品和服务支出明细中，哪一款决算数最大？比排第二的多多少？")
    assert a.calculation.expression == "48.49 − 42.77" and a.calculation.result == "5.72"


def test_narrative_items_ranked_with_the_gap_to_the_smallest(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年城乡社区管理事务款下，行政运行、一般行政管理事务、其他城乡社区管理事务支出三项中哪项决算数最大？比最小的多多少？")
    assert a.calculation.expression == "1192.15 − 278.24" and a.calculation.result == "913.91"


def test_narrative_items_of_a_class_added_and_set_against_the_class(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年一般公共预算财政拨款支出中，社会保障和就业支出（类）下列出的5个项分别是多少？加起来是否等于该类合计？")
    assert a.calculation.expression == "36.61 + 38.86 + 402.41 + 40.43 + 68.96" and a.calculation.result == "587.27" and "一致" in a.answer
    b = bots("urumqi").ask("乌鲁木齐住房局2023年一般公共预算财政拨款支出具体情况中，社会保障和就业支出（类）下列出了几个项？这些项合计多少？")
    assert ("5", "个") in [(f.value, f.unit) for f in b.figures] and b.calculation.result == "587.27"


def test_a_column_over_the_rows_of_a_level_added_and_checked(bots):
    a = bots("culture").ask("文旅局2025年支出决算表中，各功能分类类级的基本支出分别是多少？加起来是否等于基本支出合计？")
    assert a.calculation.expression == "7374.19 + 1460.16 + 370.37 + 595.64" and a.calculation.result == "9800.36" and "一致" in a.answer


# The street text's 三公 table prints 公务用车购置费 25.00 and 公务用车运行维护费 12.35 under 公务用车
# 购置及运行维护费 37.35; its 基本支出 table 30214 租赁费 655.48 and 30201 办公费 649.22. The Urumqi
# narrative's 行政单位离退休 36.61 rose 13.80 (60.50%), 事业单位离退休 38.86 rose 13.53 (53.41%).


def test_parts_named_by_the_ends_of_their_names_after_their_whole(bots):
    a = bots("street").ask("街道2025年公务用车购置及运行维护费决算中，购置费和运行维护费各是多少？合计多少？")
    assert a.calculation.expression == "25.00 + 12.35" and a.calculation.result == "37.35"


def test_stationery_is_the_office_expense(bots):
    _, a = talk(bots("street"), ["街道2025年房租花了多少", "那办公用品呢"])
    assert figures(a) == ["649.22"] and "办公费" in a.answer


def test_each_of_the_two_figures_just_given_with_its_change(bots):
    _, a = talk(bots("urumqi"), ["乌鲁木齐住房局2023年行政单位离退休和事业单位离退休各是多少？", "这两项比上年各增加了多少？"])
    assert {"13.80", "13.53"} <= set(figures(a)) and "60.50" in a.answer and "53.41" in a.answer


def test_rows_listed_in_brackets_after_a_name_one_of_them_repeats(bots):
    """"办公用品那类开销（办公费、印刷费、邮电费）": 办公用品 reads as 办公费, named again in the brackets."""
    a = bots("finance").ask("财政局2024年办公用品那类开销（办公费、印刷费、邮电费）加起来花了多少？")
    assert a.calculation.expression == "21.21 + 7.61 + 4.88" and a.calculation.result == "33.70"


def test_a_change_across_departments_of_the_subject_the_words_cover_furthest(bots):
    """The culture text's “三公”经费财政拨款支出 3.04 fell 19.66 (86.61%); the street's 37.35 rose 21.90."""
    a = bots("finance,culture,street,urumqi").ask("与2024年相比，文旅局2025年和石泉路街道2025年的“三公”经费财政拨款支出分别是增加还是减少？各变化多少？")
    assert {"3.04", "19.66", "37.35", "21.90"} <= set(figures(a)) and "8487.88" not in a.answer
