"""Across documents: whole years, shares named per department, years that name a department,
derived last years, sums and rankings that add a department to the ones just asked about.

Every figure was read off the four corpus documents (本年支出合计, 基本支出, 机关运行经费, 住房公积金).
"""

from __future__ import annotations

from checks import values

ALL = "finance,culture,street,urumqi"
FOUR = "普陀区财政局（2024年）、普陀区文化和旅游局（2025年）、石泉路街道办事处（2025年）、乌鲁木齐市住房保障和房产管理局（2023年）"


def figures(answer) -> list[str]:
    return [v for v, _ in values(answer)]


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
