"""Table titles said in full, two departments' figures set against each other, and messages whose
asks lean on the ones before them.

Figures read off the corpus: the street text's 财政拨款“三公”经费支出决算表 (page 24) prints 合计
年初预算数 53.93 and 决算数 37.35, 公务用车购置费 25.00 / 25.00 and 公务用车运行维护费 27.40 / 12.35,
and its narrative states the 三公 change (增加 21.90 万元，增长 141.75%) and 行政单位医疗 (年初预算
179.11, 支出决算 102.55, 完成 57.26%); its 基本支出 table prints 30302 退休费 375.43 and 30301 离休费
7.38. The culture text's 310 资本性支出 37.03 (31002 办公设备购置 23.09, 31003 专用设备购置 13.93),
its 收入支出决算总表 总计 26591.08, 财政拨款收入支出决算总表 总计 26538.47, its 政府采购 (货物
410.53, 服务 2885.17) and 国内公务接待 0.40 万元 for 24 人次; the two 公用经费 (culture 1745.29,
street 2195.60); the finance PDF's 上级补助收入 row blank and 其他收入 6.20, its 住房公积金 2210201
(年初预算 187.75, 支出决算 187.19); the Urumqi text's 房地产投资 indicator (>=389.99 亿元, 317.72,
11 分, 8.96 分), its 棚户区改造（项） 483911.04 and its 房屋 37049.78 平方米 valued 17520.64 万元.
"""

from __future__ import annotations

from checks import amounts as figures, talk, values

ALL = "finance,culture,street,urumqi"


def test_the_three_public_tables_full_title_names_the_table_not_a_fund_column(bots):
    """"财政拨款“三公”经费支出决算表" begins with 财政拨款, which is no column of that table."""
    a = bots("street").ask("石泉路街道办事处2025年《财政拨款“三公”经费支出决算表》中，合计的预算数和决算数分别是多少？")
    assert figures(a) == ["53.93", "37.35"] and 527 in {c.line_start for c in a.citations}  # the table row, and the sentence stating both


def test_a_change_after_a_rows_budget_and_spent_cells_is_of_the_spent_one(bots):
    _, change = talk(bots("street"), ["石泉路街道办事处2025年《财政拨款“三公”经费支出决算表》中，合计的预算数和决算数分别是多少？",
                                      "比2024年度增加了多少？"])
    assert figures(change) == ["37.35", "21.90", "141.75"]


def test_less_after_a_budget_and_its_spending_is_the_one_against_the_other(bots):
    _, gap = talk(bots("street"), ["石泉路街道2025年机关职工医保（行政单位医疗）年初预算多少，实际花了多少？", "少了多少？"])
    assert gap.calculation is not None and gap.calculation.expression == "179.11 − 102.55" and gap.calculation.result == "76.56"


def test_a_row_name_said_with_its_total_is_that_rows_amount(bots):
    """"资本性支出合计" is the 310 row, not the 本年支出合计 column; its parts asked after it."""
    a = bots("culture").ask("普陀区文化和旅游局2025年基本支出中310资本性支出合计多少？其中办公设备购置和专用设备购置各多少？")
    assert figures(a) == ["37.03", "23.09", "13.93"]


def test_a_summary_tables_side_total_and_the_fiscal_ones(bots):
    assert figures(bots("culture").ask("普陀区文旅局2025年收入总计是多少？")) == ["26591.08"]
    assert figures(bots("culture").ask("普陀区文旅局2025年财政拨款支出总计是多少？")) == ["26538.47"]


def test_a_longer_subject_ending_in_a_side_total_is_not_the_summary_tables_total(bots):
    """一共 folds to 总计: "一般公共预算财政拨款支出一共多少" is that subject's, not 支出总计's."""
    a = bots("culture").ask("文旅局2025年一般公共预算财政拨款支出一共多少？")
    assert "26591.08" not in figures(a) and "26538.47" not in figures(a)


def test_a_money_claim_answered_by_a_blank_cell_is_said_to_be_another_rows_amount(bots):
    a = bots("finance").ask("普陀区财政局2024年拿到的上级补助收入有6.20万元，这笔钱是哪个上级单位拨下来的？")
    assert figures(a) == ["6.20"] and "其他收入" in a.answer and "空白" in a.answer


def test_of_rows_alike_in_value_the_one_whose_budget_the_narrative_states(bots):
    a = bots("finance").ask("普陀区财政局2024年住房公积金实际缴的比年初预算多了多少？")
    assert a.calculation is not None and a.calculation.expression == "187.75 − 187.19"
    assert figures(a) == ["0.56", "187.75", "187.19"]


def test_an_average_per_person_time_in_yuan(bots):
    a = bots("culture").ask("普陀区文旅局2025年国内公务接待花了0.40万元、接待了24人次，平均每人次花了多少元？")
    assert a.calculation is not None and a.calculation.expression == "0.40 × 10000 / 24" and a.calculation.result == "166.67"
    assert values(a)[0] == ("166.67", "元")


def test_a_value_per_square_metre_asked_with_mei(bots):
    a = bots("urumqi").ask("按乌鲁木齐市住房保障和房产管理局2023年底国有资产中房屋的价值和面积计算，每平方米房屋价值多少元？")
    assert a.calculation is not None and a.calculation.result == "4728.95" and "没有“" not in a.answer


def test_the_indicator_scored_below_its_weight_and_its_completion(bots):
    _, deducted, done = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年部门整体支出绩效目标自评表总分是多少？",
                                              "哪个指标扣了分？", "那这个指标实际完成了预期值的百分之几？"])
    assert "房地产投资" in deducted.answer and figures(deducted) == ["317.72", "389.99", "11", "8.96"]
    assert done.calculation is not None and done.calculation.expression == "317.72 / 389.99 × 100" and done.calculation.result == "81.47"


def test_an_item_named_with_its_level_mark_is_the_subject(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年棚户区改造（项）一般公共预算财政拨款支出决算数是多少？")
    assert figures(a) == ["483911.04"]


def test_two_departments_figures_given_at_once_then_their_difference(bots):
    _, gap = talk(bots(ALL), ["普陀区文旅局和石泉路街道2025年基本支出里的公用经费各是多少？", "两家差多少？"])
    assert gap.calculation is not None and gap.calculation.expression == "2195.60 − 1745.29" and gap.calculation.result == "450.31"


def test_a_sibling_row_named_by_its_end_keeps_the_columns_asked(bots):
    _, other = talk(bots("street"), ["石泉路街道2025年“三公”经费表中，公务用车购置费的预算数和决算数各是多少？", "运行维护费呢？"])
    assert figures(other) == ["27.40", "12.35"]


def test_two_cells_of_two_turns_added_up(bots):
    *_, total = talk(bots("street"), ["石泉路街道2025年给退休的人发的退休费是多少？", "离休费呢？", "这两项加起来是多少？"])
    assert total.calculation is not None and total.calculation.expression == "375.43 + 7.38" and total.calculation.result == "382.81"


def test_an_ask_pointing_back_in_one_sentence_adds_the_asks_before_it(bots):
    a = bots("culture").ask("普陀区文旅局2025年政府采购里买东西（货物）和买服务各花了多少，两项加起来多少？")
    assert figures(a) == ["410.53", "2885.17", "3295.70"]


def test_a_hearsay_scene_before_two_asks(bots):
    a = bots("culture").ask("听说文旅局2025年有领导出国考察，出国一共花了多少钱、派了几个团？")
    assert values(a) == [("0", "万元"), ("0", "个")]


def test_a_thing_of_a_purpose_no_sentence_prices_is_refused_with_the_purposes(bots):
    refused = bots("culture").ask("普陀区文旅局2025年办文化旅游节请明星演出花了多少钱？")
    assert refused.kind == "refusal" and "明星演出" in refused.answer and "文化旅游节" in refused.answer
    named = bots("finance").ask("普陀区财政局2024年请中介机构做审计和绩效评价，实际花了多少钱？")
    assert named.kind == "figure" and figures(named) == ["449.52"]


def test_two_rows_named_apart_each_get_their_completion_rate(bots):
    a = bots("street").ask("石泉路街道2025年城乡社区管理事务款下，行政运行（项）和城管执法（项）的年初预算、支出决算和完成年初预算的比例各是多少？")
    assert [c.expression for c in [a.calculation, *a.calculations]] == ["1715.05 / 1676.41 × 100", "1289.35 / 1280.01 × 100"]
    assert {"1676.41", "1715.05", "1280.01", "1289.35"} <= set(figures(a))


def test_a_part_whose_whole_is_stated_a_sentence_before_gets_its_share(bots):
    """"其中人员经费是多少？占多少？" then "公用经费呢？": 公用经费's sentence follows the one stating
    一般公共预算财政拨款基本支出 9800.36."""
    *_, other = talk(bots("culture"), ["普陀区文化和旅游局2025年一般公共预算财政拨款基本支出是多少？", "其中人员经费是多少？占多少？", "公用经费呢？"])
    assert other.calculation is not None and other.calculation.expression == "1745.29 / 9800.36 × 100" and other.calculation.result == "17.81"
