"""Plain-words follow-ups, rankings and comparisons: why a row was not spent in full, the item
furthest from its budget, a place in a ranking, kinds of one topic added up, a cell set against
another row, a share of the whole asked just before, two departments' years and their difference.

Figures read off the corpus: the finance PDF's 行政运行 (年初预算 1560.05, 支出决算 1511.89, "人员进出及
退休变化"), its 类 rows (201 2106.66, 221 445.69 = 15.16%, 208 326.72, 210 60.99) and 收入决算表 合计
row (2946.25 = 2940.05 + 6.20); the culture text's 文化展示及纪念机构 (年初预算 6832.84, 支出决算
1700.57), 行政/事业单位离退休 (44.54, 361.85), 30201 办公费 115.40 and 30214 租赁费 86.74, and its
一般公共预算财政拨款支出 24535.67 (比上年增加 6485.08); the Urumqi text's 政府采购支出总额 459.93 and the
finance PDF's 政府采购金额 251.25.
"""

from __future__ import annotations

from checks import amounts as figures, talk, values

ALL = "finance,culture,street,urumqi"


def test_why_a_row_was_not_spent_in_full_is_its_own_stated_reason(bots):
    *_, why = talk(bots("finance"), ["普陀区财政局2024年行政运行（2010601）年初预算是多少？", "决算呢？", "为什么没花满？"])
    assert why.kind == "text" and "人员进出及退休变化" in why.answer
    assert {"1560.05", "1511.89"} <= set(figures(why))


def test_the_item_furthest_below_its_budget_with_the_gap_calculated(bots):
    a = bots("culture").ask("普陀区文旅局2025年一般公共预算拨款的各个支出项目里，哪一项实际花的比年初预算少得最多？少了多少？")
    assert "文化展示及纪念机构" in a.answer
    assert a.calculation.expression == "6832.84 − 1700.57" and a.calculation.result == "5132.27"


def test_a_place_in_a_ranking_is_that_place_only(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出按类级科目排序，排第二位的是哪一类？金额和占比各是多少？")
    assert figures(a)[0] == "445.69" and "第二大的是221 住房保障支出" in a.answer and "15.16" in figures(a)


def test_kinds_of_a_topic_named_after_it_are_added_up(bots):
    a = bots("culture").ask("普陀区文旅局2025年给离退休人员的钱，行政单位和事业单位两块加起来一共多少？")
    assert a.calculation.expression == "44.54 + 361.85" and a.calculation.result == "406.39"


def test_a_cell_set_against_another_row_named_after_it(bots):
    *_, less = talk(bots("culture"), ["普陀区文旅局2025年办公费多少钱？", "租房子的租赁费呢？", "比办公费少多少？"])
    assert less.calculation.expression == "115.40 − 86.74" and less.calculation.result == "28.66"


def test_a_bare_share_is_of_the_whole_asked_just_before(bots):
    *_, share = talk(bots("finance"), ["普陀区财政局2024年总共收进来多少钱？", "除了财政拨款，其他收入有多少？", "占多少？"])
    # the share the narrative states beside 其他收入 (page 21, "其他收入6.2万元，占0.21%"), of the 本年收入合计 asked just before
    assert ("0.21", "%") in values(share) and "占本年收入合计" in share.answer and (share.citations[0].page, share.citations[0].quote) == (21, "其他收入6.2万元，占0.21%")


def test_every_column_of_one_total_row_named_with_its_total(bots):
    a = bots("finance").ask("普陀区财政局2024年本年收入合计中，财政拨款收入和其他收入分别是多少，各占比多少？")
    assert figures(a) == ["2940.05", "99.79", "6.20", "0.21", "2946.25"]


def test_a_department_asked_for_the_year_before_its_document_gets_the_derived_figure(bots):
    a = bots(ALL).ask("普陀区财政局和普陀区文化和旅游局2024年度的一般公共预算财政拨款支出各是多少？")
    assert "2940.05" in figures(a) and "18050.59" in figures(a)
    assert "24535.67 + " not in a.answer  # (derived by subtracting the stated increase, not added)


def test_the_former_less_the_latter_after_two_departments_turns(bots):
    *_, diff = talk(bots(ALL), ["乌鲁木齐市住房保障和房产管理局2023年政府采购支出总额是多少？", "普陀区财政局2024年政府采购金额呢？", "前者比后者多多少？"])
    assert diff.calculation.expression == "459.93 − 251.25" and diff.calculation.result == "208.68"


def test_months_and_makes_are_finer_than_the_document_goes(bots):
    for q in ("普陀区财政局2024年哪个月的行政运行支出最高？", "石泉路街道2025年新买的那辆公车是什么品牌、什么型号？"):
        a = bots(ALL).ask(q)
        assert a.kind == "refusal" and a.figures == [] and "全年的汇总数字" in a.answer
