"""Items counted by a condition on their two bases, a figure's two bases compared, a table row's
largest part asked after a comma, and a breakdown that names no purpose.

Every figure was read off the corpus documents: the finance PDF's 一般公共预算财政拨款支出 items
(page 22), the culture text's 27780.16 / 24535.67, the street text's items and the finance PDF's
一般公共预算财政拨款基本支出决算表 (30239 其他交通费用 48.49).
"""

from __future__ import annotations

from checks import amounts as figures


def test_items_spent_below_their_budget_counted_when_asked_how_many(bots):
    a = bots("finance").ask("普陀区财政局2024年度决算情况说明逐项列出的一般公共预算财政拨款项级科目中，决算数小于年初预算数的共有几项？")
    assert a.kind == "list" and figures(a)[:3] == ["8", "1560.05", "1511.89"] and a.figures[0].unit == "项"


def test_items_level_with_their_budget_after_a_clause_that_says_where_to_look(bots):
    a = bots("finance").ask("普陀区财政局2024年决算说明逐项列出的一般公共预算财政拨款支出中，决算数与年初预算数“基本持平”的有几项？分别是哪几项？")
    assert figures(a) == ["3", "10.00", "10.00", "0.94", "0.94", "258.50", "258.50"]
    assert "购房补贴" in a.answer and "其他行政事业单位养老支出" in a.answer


def test_a_count_is_given_in_the_unit_the_question_counts_in(bots):
    a = bots("street").ask("石泉路街道2025年决算说明中，明确写出完成年初预算比例超过100%的支出项目有几个？")
    assert a.figures[0].value == "6" and a.figures[0].unit == "个" and "共 6 个" in a.answer


def test_spending_compared_with_its_budget_is_a_difference_not_last_years_change(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年一般公共预算财政拨款支出决算数比年初预算数少了多少？")
    assert a.kind == "calculation" and figures(a) == ["3244.49", "27780.16", "24535.67", "88.32"]  # and the rate the sentence states


def test_the_largest_part_of_a_row_asked_after_a_comma(bots):
    a = bots("finance").ask("普陀财政局2024年日常办公的商品和服务支出里，哪一项花得最多？多少钱？")
    assert "其他交通费用：48.49 万元" in a.answer and a.figures[0].value == "48.49"
    assert not a.unsupported_numbers()


def test_a_year_that_names_the_document_wrongly_is_answered_from_the_document_saying_its_year(bots):
    a = bots("street").ask("石泉路街道2024年度部门决算中，城乡社区支出是多少？")
    assert a.figures[0].value == "13583.48" and "载入的是 2025 年度的决算说明" in a.answer and not a.unsupported_numbers()
    b = bots("finance").ask("上海市普陀区财政局2023年度部门决算中，住房保障支出（类）住房改革支出（款）购房补贴（项）的决算数是多少？")
    assert figures(b) == ["258.50"] and "2024 年度" in b.answer


def test_a_figure_claimed_for_last_year_that_the_document_states_for_its_own(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2022年度一般公共预算财政拨款支出为507109.93万元，占本年支出合计的比例是多少？")
    assert a.kind == "calculation" and figures(a) == ["79.63", "507109.93", "636847.14"]
    assert "507109.93 万元是 2023 年度的数字" in a.answer and not a.unsupported_numbers()


def test_counts_asked_beside_a_money_figure_are_the_counts(bots):
    a = bots("culture").ask("上海市普陀区文化和旅游局2024年度公务接待费支出0.40万元，共接待了多少批次、多少人次？")
    found = [(f.value, f.unit) for f in a.figures]
    assert ("2", "批次") in found and ("24", "人次") in found and ("0.40", "万元") in found  # the claimed figure, as the document states it
    assert a.answer.count("2025 年度的数字") == 1 and not a.unsupported_numbers()  # said once for the message, the 0.40 cited


def test_departments_asked_for_a_year_no_document_covers_are_refused(bots):
    a = bots("finance,culture,street,urumqi").ask("普陀区文化和旅游局和石泉路街道办事处2023年度的一般公共预算财政拨款支出决算数分别是多少？")
    assert a.kind == "refusal" and not a.figures and "2025 年度" in a.answer


def test_the_part_after_the_wholes_clause_is_the_share_asked(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年政府采购支出中，服务采购占政府采购支出总额的比例是多少？")
    assert a.kind == "calculation" and figures(a) == ["67.86", "312.12", "459.93"]


def test_two_parts_and_their_shares_of_a_total_row_named_as_the_template_does(bots):
    a = bots("finance").ask("上海市普陀区财政局2024年度本年支出合计中，基本支出和项目支出的决算数各是多少，分别占多大比重？")
    assert figures(a) == ["2940.05", "2336.91", "79.49", "603.14", "20.51"]  # no sum: 本年支出合计 is a row


def test_both_of_the_last_two_answers_as_shares_of_a_whole(bots):
    b = bots("culture")
    first = b.ask("上海市普陀区文化和旅游局2025年度基本支出决算数是多少？")
    second = b.ask("项目支出呢？", first.session)
    a = b.ask("两者各占本年支出合计多少？", second.session)
    assert [f.value for f in a.figures if f.unit == "%"] == ["36.93", "63.07"]


def test_the_largest_rows_of_a_level_when_no_row_is_named(bots):
    a = bots("street").ask("石泉路街道2025年哪三大类支出花钱最多？")
    assert figures(a)[:3] == ["13583.48", "3019.34", "1160.04"] and "城乡社区支出、208 社会保障和就业支出、221 住房保障支出" in a.answer and not a.unsupported_numbers()


def test_citizen_words_for_official_cars(bots):
    a = bots("culture").ask("普陀文旅局2025年手里有几辆公车？")
    assert [(f.value, f.unit) for f in a.figures] == [("4", "辆")]
    b = bots("street").ask("石泉路街道2025年在公车上花的钱比2024年多了还是少了？差了多少？")
    assert figures(b) == ["37.35", "21.90", "141.75"] and "增加" in b.answer


def test_the_table_named_reads_its_own_column_and_rows(bots):
    b = bots("culture")
    a = b.ask("上海市普陀区文化和旅游局2025年政府性基金预算财政拨款收入支出决算表中，本年收入合计是多少？")
    assert figures(a) == ["2002.80"] and "政府性基金预算财政拨款收入支出决算表" in a.answer  # its 本年收入, not the 收入决算表's 本年收入合计
    each = b.ask("普陀区文化和旅游局2025年政府性基金预算财政拨款收入支出决算表中，各项（科目）的项目支出分别是多少？合计多少？")
    assert figures(each)[:3] == ["2002.80", "2.80", "2000.00"] and "（计算）" in each.answer  # the table prints no total of the column
    where = b.ask("普陀区文旅局2025年政府性基金的钱花在了哪两个地方？各花了多少？")
    assert figures(where) == ["2.80", "2000.00"]


def test_a_projects_batches_counted_in_the_question_are_summed(bots):
    b = bots("urumqi")
    a = b.ask("乌鲁木齐住房局2023年三个契税财政补贴项目实际一共发了多少钱？一共发给了多少人？")
    assert figures(a)[:5] == ["2999.95", "3", "999.99", "1000.00", "999.96"] and "1466" in figures(a)
    named = b.ask("乌鲁木齐住房局2023年三批契税财政补贴（契税财政补贴、第二批、第三批）实际一共发了多少钱？")
    assert named.calculation.result == "2999.95"
    third = b.ask("契税财政补贴第三批，实际给多少人发了补贴？")  # "第三批" names one batch, it counts none
    assert [(f.value, f.unit) for f in third.figures][:1] == [("487", "人")]


def test_a_count_of_points_is_no_count_of_items(bots):
    a = bots("street").ask("街道机关运行经费比24年省了多少？降了几个百分点")
    assert figures(a) == ["627.04", "54.47", "7.99"]


def test_a_columns_share_of_a_row_named_as_the_whole_is_over_that_rows_total(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年度政府性基金预算财政拨款支出占本年支出合计的比例是多少？")
    assert a.kind == "calculation" and figures(a) == ["7.55", "2002.80", "26538.47"]


def test_a_parts_share_asked_bare_is_of_the_whole_it_was_asked_within(bots):
    b = bots("street")
    first = b.ask("石泉路街道办事处2025年度住房保障支出（类）决算数是多少？")
    second = b.ask("其中住房公积金（项）呢？", first.session)
    a = b.ask("占比多少？", second.session)
    assert a.kind == "calculation" and figures(a) == ["37.49", "434.93", "1160.04"]


def test_what_a_projects_full_year_budget_left_unspent(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局的“房产交易业务经费”项目，全年预算还有多少钱没花出去？")
    assert a.kind == "calculation" and figures(a) == ["46.89", "186.19", "139.30"]


def test_a_count_and_an_amount_asked_together_of_one_statement(bots):
    """涉及 is a word, not "涉" and "及": the two asks are the count and its amount."""
    a = bots("street").ask("石泉路街道2025年预算绩效管理中，编报绩效目标的项目数量和涉及预算金额是多少？")
    assert [(f.value, f.unit) for f in a.figures] == [("48", "个"), ("7589.42", "万元")]


def test_a_funds_rows_of_a_level_ranked_both_ways(bots):
    a = bots("finance").ask("财政局2024年一般公共预算财政拨款支出按功能分类的“类”来看，哪一类花钱最多、哪一类最少？")
    assert figures(a)[:4] == ["2106.66", "445.69", "326.72", "60.99"]
    assert "最大的是201 一般公共服务支出" in a.answer and "最小的是210 卫生健康支出" in a.answer


def test_a_claimed_figure_of_this_year_said_as_last_years_document(bots):
    a = bots("street").ask("石泉路街道2024年度决算的基本支出是14206万元吧？")
    assert figures(a)[0] == "14206" and "2025 年度的数字" in a.answer and not a.unsupported_numbers()


def test_a_rows_parts_asked_come_with_the_total_they_make_up(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年支出决算表中2070109群众文化的基本支出和项目支出分别是多少？")
    assert figures(a) == ["4540.23", "1787.30", "2752.92"]


def test_every_row_of_one_name_added_when_asked_of_each(bots):
    a = bots("street").ask("石泉路街道办事处2025年一般公共服务支出（类）下，各款中“一般行政管理事务”（项）的决算数合计是多少？")
    assert a.kind == "calculation" and a.calculation.result == "283.48" and figures(a)[1:] == ["46.50", "105.65", "100.96", "7.73", "22.64"]


def test_offices_and_institutions_in_everyday_words(bots):
    a = bots("street").ask("石泉路街道2025年给职工交医保一共花了多少钱？机关和事业单位各多少？")
    assert figures(a) == ["253.25", "102.55", "150.70"]


def test_a_wrong_value_claimed_for_the_cars_counted(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局那17辆车价值4336.6万元？")
    assert figures(a) == ["433.66"] and "不符" in a.answer


def test_spending_said_against_its_budget_is_spending_less_budget(bots):
    """"支出比年初预算多了N万元，是这样吗": the spending less the budget (the claimed N does not hold),
    with the gap's rate the same sentence states (the N claimed is that rate, in 万元)."""
    a = bots("urumqi").ask("乌鲁木齐住房局2023年一般公共预算财政拨款支出比年初预算多了7289.27万元，是这样吗？")
    assert a.kind == "calculation" and figures(a) == ["500247.14", "507109.93", "6862.79", "7289.27"] and "不符" in a.answer
    assert "预决算差异率为 7,289.27%" in a.answer


def test_how_many_cars_bought_and_for_how_much_in_one_clause(bots):
    """"买了几辆、花了多少": the 购置数 and the 购置费 of one sentence, though an alias took "买了几辆"."""
    a = bots("urumqi").ask("听说乌鲁木齐住房局2023年又买了新公车，买了几辆、花了多少？")
    assert [(f.value, f.unit) for f in a.figures] == [("0", "辆"), ("0.00", "万元")]


def test_was_it_spent_on_something_is_answered_with_what_it_was_spent_on(bots):
    a = bots("culture").ask("文旅局2025年城乡社区支出那2000万元是用在老旧小区改造上的吗？")
    assert figures(a) == ["2000.00"] and "真如海心剧院精装修工程" in a.answer and a.citations[0].page == 30
