"""Questions typed on a phone and checked by an auditor: spaces for punctuation, a whole table
listed, the amount over a budget beside its rate, a difference and a multiple at once, claims that
two figures compare one way or are one thing, changes asked with a guessed direction, and short
follow-ups ("两个差多少", "占多少", "那公务接待费呢").

Figures read off the corpus: the culture text spent 9,800.36 基本 (36.93%) and 16,738.11 项目
(63.07%); its 群众文化 4,540.23 is 1,469.60 more than 图书馆 3,070.63 (1.48 times); its 机关运行经费 is
166.45 and its 公用经费 1,745.29; its 公务接待费 rose 0.40 (100%) because 2025 had receptions. The
street text's 三公 table: 合计 53.93 / 37.35, 公务用车购置及运行维护费 52.40 / 37.35, 购置费 25.00 /
25.00, 运行维护费 27.40 / 12.35, 公务接待费 1.53 / 0; its 三公 rose 21.90 (141.75%); its 群众文化 was
budgeted 20 and spent 62.51 (42.51 over, 312.55%); its project spending is 25.41% of 19,044.27. The
finance PDF's income is 2,940.05 财政拨款 and 6.20 其他; its 三公 (0.00) is level with 2023; its
购房补贴 258.50 is 71.31 more than 住房公积金 187.19, budgeted 187.75; its 302 商品和服务支出 is
171.07; it holds 55.34 at the year's end; its 机关运行经费 184.65 is 18.20 more than the culture
text's. The Urumqi text's 棚户区改造(项) 483,911.04 is all of 住房保障支出(类), 95.42% of its
spending, and rose 192,592.04 (66.11%); its 其他城乡社区支出(项) rose 16,224.36 "功能科目调整".
"""

from __future__ import annotations

from assistant.understand import listed_under_topic, spaced_as_punctuated
from checks import amounts, cited, talk


def test_spaces_typed_between_words_are_read_as_punctuation():
    assert spaced_as_punctuated("普陀文旅局2025 基本支出 项目支出 各多少 占比多少") == "普陀文旅局2025年基本支出、项目支出各多少，占比多少"
    assert spaced_as_punctuated("乌鲁木齐房管局2023 在职多少人 退休多少人") == "乌鲁木齐房管局2023年在职多少人，退休多少人"
    assert spaced_as_punctuated("普陀财政局2024 年末结转和结余55.34 啥意思") == "普陀财政局2024年年末结转和结余55.34，啥意思"
    # codes and a year spaced inside a sentence are no list
    coded = "基本支出决算表中，302 28 工会经费和 302 29 福利费的决算数分别是多少？"
    assert spaced_as_punctuated(coded) == coded
    assert spaced_as_punctuated("房产大厦 2022 年度物业服务费项目的全年执行数") == "房产大厦 2022 年度物业服务费项目的全年执行数"


def test_a_phone_typed_question_is_answered_as_punctuated(bots):
    a = bots("culture").ask("普陀文旅局2025 基本支出 项目支出 各多少 占比多少")
    assert amounts(a) == ["9800.36", "36.93", "16738.11", "63.07"]
    assert a.question == "普陀文旅局2025 基本支出 项目支出 各多少 占比多少"  # the question as typed


def test_a_topic_whose_items_each_ask():
    assert listed_under_topic("财政局2024绩效自评：几个项目、涉及金额、平均分？") == "财政局2024绩效自评的项目个数、涉及金额、平均分分别是多少？"


def test_a_whole_table_listed_row_by_row(bots):
    a = bots("street").ask("石泉路街道2025 三公表 预算数和决算数 列出来")
    assert a.kind == "list" and "《财政拨款“三公”经费支出决算表》各行" in a.answer
    assert amounts(a) == ["53.93", "37.35", "52.40", "37.35", "25.00", "25.00", "27.40", "12.35", "1.53", "0"]
    assert "因公出国（境）费：年初预算数 空白；决算数 空白" in a.answer
    # a row of it named: that row only
    b = bots("street").ask("石泉路街道2025年三公表里公务接待费的预算数和决算数各多少")
    assert amounts(b)[:2] == ["1.53", "0"] and "各行" not in b.answer


def test_the_amount_over_the_budget_beside_its_rate(bots):
    a = bots("street").ask("石泉路街道2025年群众文化超预算超了多少钱 完成预算百分之几")
    assert a.calculation.expression == "62.51 / 20 × 100" and "62.51 − 20 = 42.51" in a.answer
    assert amounts(a)[:2] == ["42.51", "312.55"]


def test_a_difference_and_a_multiple_asked_together(bots):
    a = bots("culture").ask("普陀区文旅局2025年群众文化支出比图书馆支出多多少？是它的几倍？")
    assert a.calculation.expression == "4540.23 − 3070.63" and "4540.23 / 3070.63 = 1.48 倍" in a.answer
    b = bots("street").ask("石泉路街道2025年机关运行经费比三公经费多多少，是三公的几倍")
    assert b.calculation.expression == "627.04 − 37.35" and "627.04 / 37.35 = 16.79 倍" in b.answer  # not 三公's budget gap


def test_a_change_claimed_the_wrong_way_is_corrected(bots):
    a = bots("street").ask("石泉路街道2025年三公经费比2024年是减少了吧？")
    assert a.answer.startswith("不是减少，是增加") and amounts(a)[:3] == ["37.35", "21.90", "141.75"]
    assert "新购置一辆公车" in a.answer  # why it went the other way: the reason its part (公务用车) gives
    b = bots("finance").ask("听说普陀区财政局2024年三公经费比2023年翻了一倍，是真的吗")
    assert "持平" in b.answer and amounts(b)[0] == "0.00"


def test_last_year_level_when_the_text_says_so_after_a_table_cell(bots):
    first, then = talk(bots("finance"), ["上海市普陀区财政局2024年三公经费实际花了多少", "那2023年呢"])
    assert "持平" in then.answer and "上年也是 0.00 万元" in then.answer


def test_the_other_subject_after_a_reason_is_its_change_and_reason(bots):
    *_, a = talk(bots("culture"), ["普陀区文化和旅游局2025年公务用车的钱比上一年少了多少", "为什么", "那公务接待费呢"])
    assert amounts(a)[:3] == ["0.40", "0.40", "100"] and "有公务接待事务发生" in a.answer


def test_two_cells_given_one_by_one_set_against_each_other(bots):
    *_, a = talk(bots("finance"), ["普陀区财政局2024年的财政拨款收入多少", "其他收入呢", "两个差多少"])
    assert a.calculation.expression == "2940.05 − 6.20" and a.calculation.result == "2933.85"
    *_, b = talk(bots("finance"), ["普陀区财政局2024年的财政拨款收入多少", "其他收入呢", "两者相差几倍"])
    assert b.calculation.expression == "2940.05 / 6.20" and b.calculation.unit == "倍"


def test_which_of_two_named_is_more_and_by_how_much(bots):
    *_, a, b = talk(bots("finance"), ["上海市普陀区财政局2024年住房保障支出一共多少？", "其中住房公积金和购房补贴哪个多？多多少？",
                                      "住房公积金的年初预算是多少？比决算多还是少？"])
    assert a.calculation.expression == "258.50 − 187.19" and a.calculation.result == "71.31"
    assert b.calculation.expression == "187.75 − 187.19" and b.calculation.result == "0.56"


def test_a_difference_with_one_row_only_against_its_budget_when_said(bots):
    a = bots("finance").ask("普陀区财政局2024年年底还剩多少")
    assert amounts(a) == ["55.34"]


def test_a_share_asked_across_with_no_whole_named(bots):
    *_, a = talk(bots("culture,street"), ["上海市普陀区文化和旅游局2025年本年支出中基本支出和项目支出各多少？", "石泉路街道办事处2025年呢？",
                                          "两家里哪家项目支出占比更高？各占多少？"])
    assert "16738.11 / 26538.47 × 100" in a.answer and "4838.27 / 19044.27 × 100" in a.answer
    assert [f.value for f in a.figures if f.unit == "%"] == ["63.07", "25.41"]


def test_a_comparison_claimed_across_departments_is_computed(bots):
    a = bots("finance,culture").ask("普陀区财政局2024年的机关运行经费比普陀区文旅局2025年的高，对吧？高多少？")
    assert a.calculation.expression == "184.65 − 166.45" and a.calculation.result == "18.20"


def test_two_names_claimed_to_be_one_thing(bots):
    a = bots("culture").ask("普陀文旅局2025 机关运行经费 就是那个公用经费1745.29吧")
    assert amounts(a) == ["166.45", "1745.29"] and "两者不是同一个数" in a.answer


def test_a_share_of_the_same_amount_stated_for_its_class(bots):
    *_, share, change = talk(bots("urumqi"), ["乌鲁木齐房管局2023棚户区改造花了多少", "占多少", "比上年多多少"])
    assert amounts(share)[0] == "95.42" and "与它所属的住房保障支出(类)金额相同" in share.answer
    assert amounts(change) == ["483911.04", "192592.04", "66.11"]


def test_a_change_is_said_with_its_stated_reason_and_cites_it(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年城乡社区支出（类）其他城乡社区支出（款）其他城乡社区支出（项）决算数，与上年比变动额和幅度？")
    assert amounts(a) == ["20698.48", "16224.36", "362.63"] and "主要原因是：功能科目调整" in a.answer
    assert {158, 160} <= cited(a)  # the reason runs on past the figure's line


def test_row_names_typed_without_their_connectives(bots):
    assert amounts(bots("finance").ask("普陀财政局2024年商品服务支出多少")) == ["171.07"]
    a = bots("culture").ask("普陀区文旅局2025年办文化旅游节请明星演出花了多少钱？")
    assert a.kind == "refusal"  # 文化旅游节 is no 文化和旅游 row


def test_the_same_change_asked_of_another_department_with_its_own_years(bots):
    *_, a = talk(bots("finance,culture,street"), ["上海市普陀区石泉路街道办事处2025年收入支出总计比2024年增长了多少？", "普陀区文化和旅游局2025年呢？",
                                                  "普陀区财政局2024年和2023年比呢？"])
    assert amounts(a)[:3] == ["2995.39", "56.95", "1.87"]


def test_the_item_furthest_over_its_budget_leaving_out_zero_budgets(bots):
    first, why = talk(bots("culture"), ["普陀区文旅局2025年不算年初预算为0的科目，决算超出年初预算最多的是哪一项？超了多少？", "为什么超这么多？"])
    assert "其他文化和旅游支出" in first.answer and first.calculation.expression == "423.29 − 217.92" and first.calculation.result == "205.37"
    assert "周周有戏" in why.answer
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出具体到项级科目，预算和决算差得最多的是哪个？差多少？")
    assert "行政运行" in a.answer and a.calculation.expression == "1560.05 − 1511.89"


def test_a_stated_rate_worked_out_again_when_asked_to_check_it(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出预决算差异率写的是7289.27%，这数看着离谱，是不是印错了？帮我用年初预算和决算数核一下。")
    assert a.calculation.expression == "(507109.93 − 6862.79) / 6862.79 × 100" and a.calculation.result == "7289.27" and "与计算一致" in a.answer
    b = bots("finance").ask("财政局24年决算：我算人员经费占一般公共预算基本支出的92.10%，你核一下对不对。")
    assert b.calculation.expression == "2152.26 / 2336.91 × 100" and b.calculation.result == "92.10"


def test_classes_listed_with_their_stated_shares(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年一般公共预算财政拨款支出按类分各多少、占比？")
    assert amounts(a) == ["587.27", "0.12", "22611.63", "4.46", "483911.04", "95.42"]


def test_changes_across_departments_say_which_way_in_percent(bots):
    a = bots("culture,street").ask("石泉路街道2025三公涨了141.75% 普陀文旅局2025三公也涨了吧")
    assert "（增长 141.75%）" in a.answer and "（下降 86.61%）" in a.answer


def test_two_departments_figures_added_after_two_turns(bots):
    *_, a = talk(bots("culture,street"), ["石泉路街道2025住房公积金多少", "文旅局2025呢 普陀的", "俩加起来"])
    assert a.calculation.expression == "434.93 + 403.71" and a.calculation.result == "838.64"


def test_several_measures_listed_across_departments(bots):
    a = bots("finance,culture").ask("列个表：普陀财政局2024、普陀文旅局2025的本年支出合计、基本支出、项目支出。")
    assert {"2940.05", "26538.47", "2336.91", "9800.36", "603.14", "16738.11"} <= set(amounts(a))


def test_english_words_and_bare_amounts_in_a_chinese_question(bots):
    a = bots("finance").ask("普陀财政局2024收入total多少 财政拨款跟其他收入各多少 各占多少")
    assert "2940.05 / 2946.25 × 100 = 99.79%" in a.answer and "6.20 / 2946.25 × 100 = 0.21%" in a.answer
    b = bots("finance").ask("普陀财政局2024 年末结转和结余55.34 啥意思 说人话")
    assert b.answer.startswith("年末结转和结余：") and amounts(b) == ["55.34"]  # 年末 of the term, not the end of 2024
    c = bots("urumqi").ask("乌鲁木齐房管局2023收入里 财政拨款跟其他收入 各多少 占比")
    assert amounts(c)[:2] == ["636235.98", "99.89"]  # 财政拨款 of the income named first, not 财政拨款支出总计


def test_a_two_digit_year_compared_is_a_change(bots):
    a = bots("street").ask("石泉路街道2025三公比24年多了还是少了 多少")
    assert amounts(a) == ["37.35", "21.90", "141.75"]


def test_how_many_people_one_purpose_served_is_not_its_item_s_money(bots):
    a = bots("street").ask("石泉路街道2025 社区助餐服务了多少老人")
    assert a.kind == "refusal" and a.figures == [] and "社区助餐的人数" in a.answer
    b = bots("street").ask("石泉路街道2025年社区助餐花了多少钱")
    assert amounts(b) == ["1322.92"]  # the money: the item it is one purpose of
