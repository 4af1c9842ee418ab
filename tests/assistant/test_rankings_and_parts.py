"""Rankings of a table's rows (a level named, a place asked, follow-ups that rank again, a claimed
place), rows above an amount counted and summed, narrative items ranked at a place, a part of a
stated total read in every department, and conversions said rounded.

Figures read off the corpus: the finance PDF's 一般公共预算财政拨款支出决算表 (page 15) prints the 类
rows 201 一般公共服务支出 2,106.66, 221 住房保障支出 445.69, 208 社会保障和就业支出 326.72 and 210
卫生健康支出 60.99 of a 合计 2,940.05, and its narrative states their shares (71.73%, 15.16%,
11.11%, 2.07%; the first differs from 2106.66 / 2940.05 = 71.65%); its 项 rows above 100 万元 are
行政运行 1,511.89, 信息化建设 135.25, 财政委托业务支出 449.52, 机关事业单位基本养老保险缴费支出
160.75, 住房公积金 187.19 and 购房补贴 258.50. Its 基本支出 table's 302 商品和服务支出 lists 其他交通
费用 48.49, 福利费 42.77 and, smallest above zero, 手续费 0.09. The street text's 208 社会保障和就业
支出 3,019.34 has the 款 20899 1,322.92 and 20805 行政事业单位离退休 1,281.95, whose smallest 项 is
2080599 其他行政事业单位养老支出 5.43; its 221 住房保障支出 1,160.04 is the third 类. The culture
text's 20701 文化和旅游 has 2070109 群众文化 4,540.23 first and 2070104 图书馆 3,070.63 second, and
its 政府采购 of 7,571.90 万元 has 工程采购金额 4,276.20; the Urumqi text's 政府采购工程支出 is 0.00.
The street narrative's 群众文化（项） was budgeted 20 万元 and spent 62.51 (312.55%), its 其他城乡社区
支出（项） 141.43% second.
"""

from __future__ import annotations

from checks import amounts as figures, talk

ALL = "finance,culture,street,urumqi"


def test_the_largest_class_of_a_fund_table_with_its_share_computed_and_as_stated(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出按类划分的话，哪一类花得最多？占多大比例？")
    assert a.calculation is not None and a.calculation.expression == "2106.66 / 2940.05 × 100" and a.calculation.result == "71.65"
    assert figures(a)[:2] == ["2106.66", "71.65"] and "71.73" in figures(a)  # the narrative's share, beside the computed one


def test_a_follow_up_ranks_the_same_rows_again_at_the_place_or_end_asked(bots):
    first, second, last = talk(bots("finance"), ["普陀区财政局2024年一般公共预算财政拨款支出按类划分的话，哪一类花得最多？占多大比例？",
                                                 "第二大的类呢？", "最小的是哪一类？"])
    assert figures(second)[:2] == ["445.69", "15.16"] and figures(last)[:2] == ["60.99", "2.07"]
    assert second.session.turns[-1].ranking.row_id == first.session.turns[-1].ranking.row_id  # the same rows ranked again


def test_the_smallest_above_zero_when_asked_without_the_empty_ones(bots):
    _, second, least = talk(bots("finance"), ["普陀区财政局2024年基本支出中商品和服务支出下面哪一款最多？", "第二多的是哪一款？", "最少的呢？不算没有金额的。"])
    assert figures(second)[0] == "42.77" and figures(least)[0] == "0.09"


def test_inside_this_one_ranks_the_parts_of_the_row_just_chosen(bots):
    _, second, inside = talk(bots("street"), ["石泉路街道2025年社会保障和就业支出（类）下面哪个款最大？", "第二大的款是哪个？", "这个款里面最小的项是哪个？"])
    assert figures(second)[0] == "1281.95" and figures(inside)[0] == "5.43"


def test_a_claimed_place_ranks_the_siblings_and_says_the_rows_own_place(bots):
    a = bots("culture").ask("普陀区文旅局2025年文化和旅游（款）里支出最多的是图书馆吧？")
    assert figures(a)[0] == "4540.23" and "3070.63" in figures(a) and "排第二" in a.answer
    b = bots("street").ask("石泉路街道2025年住房保障支出是第二大的支出类别，对吧？")
    assert figures(b)[0] == "3019.34" and "1160.04" in figures(b) and "排第三" in b.answer


def test_rows_of_a_level_above_an_amount_are_counted_listed_and_not_read_as_a_claim(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出中有几个'项'超过了100万元？")
    assert figures(a)[0] == "6" and sorted(figures(a)[1:], key=float) == ["135.25", "160.75", "187.19", "258.50", "449.52", "1511.89"]
    assert "不符" not in a.answer


def test_rows_above_an_amount_summed_when_asked(bots):
    a = bots("street").ask("石泉路街道2025年支出超过1000万元的项有几个，这几个项合计是多少？")
    assert a.calculation is not None and a.calculation.result == "13352.07" and figures(a)[0] == "5"


def test_the_first_few_summed_by_the_calculator(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出里最大的前三个项合计是多少？")
    assert a.calculation is not None and a.calculation.expression == "1511.89 + 449.52 + 258.50" and a.calculation.result == "2219.91"


def test_a_narrative_item_at_a_place_with_its_budget_and_spending(bots):
    _, second = talk(bots("street"), ["石泉路街道2025年完成年初预算比例最高的是哪一项？", "完成比例第二高的是哪项？"])
    assert "141.43" in figures(second)
    first = bots("street").ask("石泉路街道2025年完成年初预算比例最高的是哪一项？")
    assert figures(first)[:3] == ["312.55", "20", "62.51"]  # the rate, then what it is of


def test_a_part_of_a_stated_total_is_read_in_each_department(bots):
    a = bots(ALL).ask("乌鲁木齐市住房保障和房产管理局2023年和普陀区文化和旅游局2025年的政府采购里，工程采购各是多少？")
    assert figures(a) == ["0.00", "4276.20"]


def test_a_conversion_past_two_decimals_is_also_said_rounded(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年政府采购金额大约是多少亿元？")
    assert a.calculation.result == "0.75719" and "0.76" in figures(a) and "0.76 亿元" in a.answer


# The Urumqi text has no statutory tables: its narrative states each 项 (行政单位离退休 36.61, 事业单位离退休
# 38.86, 行政运行 1,192.15, 其他城乡社区支出 20,698.48, 棚户区改造 483,911.04 万元 …), and its project
# tables score 房屋安全管理工作经费 95.00 lowest and 房产交易业务经费 95.48 next; 全年执行数 12,985.06 is the
# largest, 3,531.29 the second.

def test_without_tables_the_narratives_items_are_ranked_by_amount_and_filtered_by_one(bots):
    bot = bots("urumqi")
    second = bot.ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出里，金额第二大的项是哪个？")
    assert figures(second)[0] == "20698.48"
    above = bot.ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出的各个项里，超过1000万元的有几个？")
    assert figures(above)[0] == "3" and {"1192.15", "20698.48", "483911.04"} <= set(figures(above)) and "278.24" not in figures(above)


def test_another_place_of_the_same_ranking_asked_after_it(bots):
    _, second = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出的各项中，不算为0的，支出最小的是哪一项？", "倒数第二小的呢？"])
    assert figures(second)[0] == "38.86"
    _, next_ = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年项目支出绩效自评表里自评总分最低的项目是哪个？", "第二低的呢？"])
    assert "95.48" in figures(next_) and "95.00" not in figures(next_)


def test_two_places_of_a_project_ranking_in_one_question(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年项目支出绩效自评表中全年执行数最大的是哪个项目？第二大的呢？")
    assert [f for f in figures(a) if f in ("12985.06", "3531.29")] == ["12985.06", "3531.29"]


# The street text's 2120199 其他城乡社区管理事务支出 7,682.11 is under 21201 城乡社区管理事务 12,029.15;
# its 基本支出 table's 30214 租赁费 655.48 and 30201 办公费 649.22 are under 302 商品和服务支出 2,195.60.
# The culture narrative states the 公务用车购置及运行维护费 change (减少 20.06 万元，下降 88.37%), and its
# 三公 table's 公务接待费 is budgeted 2.11 and spent 0.40. The Urumqi 政府性基金 sentence states 年初预算数
# 525,000.00, 决算数 129,100.00 and 预决算差异率 -75.41% with a reason of its own.

def test_a_share_within_the_row_named_before_zhan(bots):
    a = bots("street").ask("石泉路街道2025年其他城乡社区管理事务支出在城乡社区管理事务（款）中占多大比例？")
    assert a.calculation.expression == "7682.11 / 12029.15 × 100" and a.calculation.result == "63.86"


def test_two_parts_added_over_the_whole_named_after_zhan(bots):
    a = bots("street").ask("石泉路街道2025年基本支出里租赁费和办公费合计占商品和服务支出的比例？")
    assert a.calculation.expression == "(655.48 + 649.22) / 2195.60 × 100" and a.calculation.result == "59.42"


def test_a_change_asked_as_bian_le_duoshao(bots):
    a = bots("culture").ask("普陀区文旅局2025年公务用车购置及运行维护费跟2024年比变了多少？")
    assert {"20.06", "88.37"} <= set(figures(a))


def test_a_column_follow_up_keeps_the_row_a_total_only_placed(bots):
    first, spent = talk(bots("culture"), ["普陀区文旅局2025年“三公”经费里公务接待费的预算数是多少？", "决算数呢？"])
    assert figures(first) == ["2.11"] and figures(spent) == ["0.40"]


def test_the_gaps_own_reason_after_a_budget_and_its_spending(bots):
    *_, gap = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年政府性基金预算财政拨款的年初预算是多少？", "决算数呢？",
                                    "预决算差异率是多少？为什么？"])
    assert "-75.41" in figures(gap) and "年中调减" in gap.answer


# The culture text lists 43 projects self-evaluated but no project's own table; the finance PDF counts
# 2 台（套） of equipment above 1 million without naming them; the street 住房公积金 was budgeted 450.84
# and spent 434.93; the Urumqi project 房产交易业务经费 had 全年预算数 186.19 and 执行数 139.30; the finance
# 基本支出 table's 303 对个人和家庭的补助 is 69.41.

def test_a_project_ranking_without_project_tables_is_refused(bots):
    a = bots("culture").ask("普陀区文旅局2025年绩效自评的项目里，得分最低的是哪个？")
    assert a.kind == "refusal" and not a.figures


def test_the_names_of_counted_things_are_refused_not_answered_with_the_count(bots):
    a = bots("finance").ask("普陀区财政局2024年那2台（套）100万元以上的设备分别是什么设备？")
    assert a.kind == "refusal" and not a.figures


def test_a_count_in_a_unit_the_document_never_counts_in_is_refused(bots):
    assert bots("culture").ask("普陀区文旅局2025年图书馆借出去多少本书？").kind == "refusal"
    assert bots(ALL).ask("石泉路街道2025年和普陀区财政局2024年各签了多少份采购合同？").kind == "refusal"


def test_less_paid_than_budgeted_and_a_projects_budget_not_executed(bots):
    a = bots("street").ask("石泉路街道2025年公积金比预算少交了多少？")
    assert a.calculation.expression == "450.84 − 434.93" and a.calculation.result == "15.91"
    b = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年“房产交易业务经费”全年预算有多少没有执行？")
    assert b.calculation.expression == "186.19 − 139.30" and b.calculation.result == "46.89"


def test_a_row_name_asked_without_its_de(bots):
    a = bots("finance").ask("普陀区财政局2024年基本支出里对个人和家庭补助是多少？")
    assert figures(a) == ["69.41"]


def test_which_is_more_of_two_departments_is_their_difference(bots):
    a = bots(ALL).ask("普陀区财政局2024年和乌鲁木齐市住房保障和房产管理局2023年，政府采购哪个多？")
    assert a.calculation.expression == "459.93 − 251.25" and a.calculation.result == "208.68"


# The Urumqi 部门整体支出绩效目标自评表's 房地产投资 indicator weighs 11 分 and scored 8.96; the street 三公
# table's 合计 37.35 is all 公务用车购置及运行维护费 (购置费 25.00, 运行维护费 12.35); the street 基本支出
# table's largest 工资福利 items are 30199 其他工资福利支出 5,806.69 and 30107 绩效工资 1,364.67.

def test_points_an_indicator_lost_by_the_calculator(bots):
    *_, lost = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年部门整体支出绩效目标自评表里哪个指标没拿满分？", "这个指标扣了多少分？"])
    assert lost.calculation.expression == "11 − 8.96" and lost.calculation.result == "2.04"


def test_where_it_went_lists_the_parts_and_theirs(bots):
    _, went = talk(bots("street"), ["石泉路街道2025年三公经费花了多少？", "主要花哪了？"])
    assert {"37.35", "25.00", "12.35"} <= set(figures(went))


def test_the_largest_and_the_second_asked_together(bots):
    a = bots("street").ask("石泉路街道2025年基本支出表里工资福利支出下金额最大和第二大的款分别是什么？")
    assert figures(a)[:2] == ["5806.69", "1364.67"]


def test_what_kind_of_cars_is_not_refused_as_names_of_a_count(bots):
    _, kinds = talk(bots("culture"), ["普陀区文旅局2025年底一共有几辆车？", "都是什么类型的车？"])
    assert kinds.kind != "refusal"
