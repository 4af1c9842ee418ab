"""A whole's parts when none has a figure, a claimed number that is another figure of the same
sentence, the rest of a stated whole, and two asks of one message that lean on the answer before.

Every figure was read off the corpus documents: the finance PDF's 三公 table (page 18, 预算数 0.95,
决算 blank) and its narrative (page 23: 年初预算为0.95万元，支出决算为0.00万元); the Urumqi text's line
106 (本年收入 636,952.54 万元 … 其他收入 716.56 万元，占 0.11%); the culture text's page 31
(政府采购金额 7571.90 万元 … 工程采购金额 4276.20 万元) and page 22 (资源勘探工业信息等支出 4948.72
万元, 占 20.17%).
"""

from __future__ import annotations

from checks import amounts as figures, talk


def test_parts_all_blank_answer_with_the_wholes_figure_and_the_budget_the_claim_was(bots):
    a = bots("finance").ask("普陀财政局2024年“三公”经费花了0.95万元，这些钱都花在哪儿了？")
    assert figures(a) == ["0.00", "0.95"]
    assert "年初预算（0.95 万元）" in a.answer and "都是空白" in a.answer
    assert {c.page for c in a.citations} >= {18, 23}
    assert not a.unsupported_numbers()


def test_parts_with_figures_are_still_listed(bots):
    a = bots("finance").ask("财政局2024年一般公共服务支出下面有哪些项？")
    assert a.kind == "list" and figures(a) == ["2106.66"] and "财政事务" in a.answer


def test_the_rest_of_a_stated_whole_after_one_part(bots):
    *_, rest = talk(bots("urumqi"), ["乌鲁木齐住房局2023年本年收入一共多少？其中财政拨款多少？", "剩下的是什么收入？有多少，占多少？"])
    assert figures(rest) == ["716.56", "0.11"] and "其他收入" in rest.answer
    assert [c.line_start for c in rest.citations] == [106]


def test_two_asks_answered_by_one_calculation_are_answered_once(bots):
    *_, share = talk(bots("culture"), ["文旅局2025年政府采购一共签了多少钱的合同？", "其中工程占了多少？比例是多少？"])
    assert share.kind == "calculation" and figures(share) == ["56.47", "4276.20", "7571.90"]
    assert share.answer.count("= 56.47%") == 1


def test_a_later_ask_with_no_subject_of_its_own_leans_on_the_ask_before_it(bots):
    *_, last = talk(bots("culture"), ["文旅局2025年一般公共预算财政拨款支出是多少？", "占本年支出合计多少？", "其中资源勘探工业信息等支出呢？占多少？"])
    assert figures(last)[:2] == ["4948.72", "20.17"] and "占一般公共预算财政拨款支出的 20.17%" in last.answer


def test_a_claimed_number_that_is_the_budget_cell_of_the_row_answered(bots):
    a = bots("finance").ask("普陀区财政局2024年公务接待花了0.95万元，都接待了哪些人？")
    assert figures(a) == ["0.00", "0.95"] and "公务接待费年初预算数（0.95 万元）" in a.answer


def test_a_claim_clause_does_not_name_the_row_the_asking_clause_names(bots):
    a = bots("culture").ask("听说普陀区文旅局2025年新买了4辆公车，买车花了多少钱？")
    assert figures(a) == ["0", "4"] and "公务用车购置" in a.answer and "保有量为 4 辆" in a.answer  # the 4 cars are those held


def test_rows_of_a_level_counted_with_their_total(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年政府性基金预算财政拨款支出涉及几个项级科目？合计多少？")
    assert figures(a)[:2] == ["2", "2002.80"] and "2070904" in a.answer and "2121999" in a.answer
    b = bots("street").ask("石泉路街道办事处2025年一般公共服务支出（201）下有几个款级科目？其中金额最大的是哪个、多少？")
    assert "共 6 个款级科目" in b.answer and figures(b)[0] == "105.65" and "组织事务" in b.answer


def test_a_rows_share_of_its_own_budget_is_its_execution_rate(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共服务支出（类）财政事务（款）行政运行（项）2010601的支出决算数，占其年初预算的百分之几？")
    assert figures(a) == ["96.91", "1511.89", "1560.05"]


def test_examples_before_a_term_ask_for_the_term(bots):
    a = bots("finance").ask("普陀区财政局2024年的基本支出里，发工资、交社保公积金这类人员经费占了多大比例？")
    assert figures(a) == ["92.10", "2152.26", "2336.91"]


def test_more_spent_than_a_named_year_is_a_change_not_over_budget(bots):
    a = bots("finance").ask("普陀区财政局2024年的机关运行经费比2023年多花了多少？增长幅度是多少？")
    assert figures(a) == ["184.65", "2.55", "1.40"]


def test_the_money_actually_spent_against_the_budget(bots):
    a = bots("street").ask("石泉路街道2025年一般公共预算财政拨款实际花的钱比年初预算少了多少？")
    assert figures(a) == ["2820.58", "21864.85", "19044.27", "87.10"] and "支出支出" not in a.answer  # and the rate stated


def test_procurement_won_by_small_firms_over_what_was_set_aside(bots):
    a = bots("culture").ask("普陀区文旅局2025年给中小企业预留的采购项目，最后由中小企业拿下的金额占预留金额的百分之多少？")
    assert figures(a) == ["53.12", "1913.49", "3602.16"]


def test_a_procurement_total_across_documents_is_not_the_spending_total(bots):
    a = bots("culture,street").ask("普陀区文旅局2025年的政府采购总额是石泉路街道2025年的几倍？")
    assert figures(a) == ["7571.90", "1062.09", "7.13"]


def test_what_a_class_row_was_spent_on_is_said_of_its_one_item(bots):
    *_, a = talk(bots("culture"), ["普陀区文化和旅游局2025年政府性基金预算财政拨款收入是多少？", "其中城乡社区支出（212）用了多少？主要用在什么工程上？"])
    assert "真如海心剧院精装修工程" in a.answer and "2000.00" in figures(a)


def test_items_the_narrative_lists_counted_when_called_subjects(bots):
    a = bots("finance").ask("普陀区财政局2024年决算情况说明逐项列出的支出科目里，有几个科目的支出决算数与年初预算数完全相同？")
    assert figures(a)[0] == "3" and "购房补贴" in a.answer


def test_an_average_score_is_asked_by_its_unit(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年编报绩效目标的项目有多少个，涉及预算金额多少？自评平均得分多少？")
    assert figures(a) == ["43", "12339.45", "99.38"]


def test_each_department_named_with_its_own_year_is_asked_in_that_year(bots):
    a = bots("finance,culture,street,urumqi").ask(
        "四份决算里，普陀区财政局2024年、文旅局2025年、石泉路街道2025年和乌鲁木齐市住房保障和房产管理局2023年，单价100万元以上的设备各有几台（套）？")
    assert figures(a) == ["2", "0", "0", "7"] and a.kind != "refusal"


def test_an_amount_is_not_answered_with_its_change_stated_in_other_word_order(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年财政拨款“三公”经费支出是多少？")
    assert figures(a)[0] == "3.04" and "19.66" not in a.answer
    b = bots("culture").ask("文旅局2025年三公经费比上年减少了多少？")
    assert "减少 19.66 万元" in b.answer and "为 19.66" not in b.answer


def test_buying_and_running_official_cars_then_their_share_of_the_budget(bots):
    buy, run, share = talk(bots("street"), ["石泉路街道2025年买新公车花了多少钱？", "那公车日常运行维护又花了多少？", "这两项加起来完成了三公经费年初预算的百分之几？"])
    assert figures(buy) == ["25"] and figures(run) == ["12.35"]
    assert share.calculation.expression == "(25 + 12.35) / 53.93 × 100" and figures(share)[0] == "69.26" and "37.35" in figures(share)


def test_which_things_a_term_means_is_its_definition(bots):
    a = bots("street").ask("石泉路街道2025年决算里说的“三公”经费具体指哪几样？")
    assert a.intent == "definition" and all(w in a.answer for w in ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"))


def test_why_a_row_fell_short_of_its_budget_after_its_rate(bots):
    *_, why = talk(bots("street"), ["石泉路街道办事处2025年2120399其他城乡社区公共设施支出决算数是多少？", "年初预算多少？完成率多少？", "没完成的主要原因是什么？"])
    assert "管弄综合片区建设费" in why.answer


def test_a_rate_asked_of_a_subject_with_a_money_word_in_its_name(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出预决算差异率是多少？")
    assert figures(a) == ["7289.27", "6862.79", "507109.93"]


def test_claims_with_thousands_separators_checked_on_their_own_basis(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出年初预算是531,862.79万元、决算507,109.93万元，预决算差异率是多少？")
    assert figures(a) == ["7289.27", "6862.79", "507109.93"]
    assert "年初预算数为 6,862.79 万元，与提问中的说法不同" in a.answer


def test_a_part_larger_than_its_whole_is_replaced_by_the_part_named(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年政府采购里买货物的钱占采购总额的百分之几？")
    assert figures(a) == ["32.14", "147.81", "459.93"]
    b = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年住房保障支出占政府采购支出总额的百分之几？")
    assert b.kind != "calculation"  # no share of a whole that does not hold it


def test_a_budget_stated_under_a_shortened_name_follows_up(bots):
    _, budget = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年公车运行维护花了多少钱？", "全年预算是多少？"])
    assert figures(budget) == ["25.60"]


def test_two_fields_of_a_project_asked_in_a_follow_up(bots):
    _, both = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年“征收补偿工作经费”项目全年执行数是多少？", "执行率和项目总得分呢？"])
    assert figures(both)[:2] == ["87.74", "95.52"]


def test_a_funds_source_row_of_the_departments_self_evaluation(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年部门整体支出绩效目标自评表中，“地（州、市）安排”一行的年初预算数是多少？")
    assert figures(a)[0] == "505494.94" and [c.line_start for c in a.citations][:1] == [261]


def test_all_spending_is_the_years_spending_not_the_total_with_balances(bots):
    a = bots("finance").ask("财政局2024年花在项目上的钱一共多少？占全部支出的比例是多少？")
    assert figures(a) == ["20.51", "603.14", "2940.05"]


def test_where_a_funds_money_went_with_what_the_narrative_says_each_was_for(bots):
    a = bots("culture").ask("普陀区文旅局2025年政府性基金的钱花在了哪两个地方？各花了多少？")
    assert figures(a) == ["2.80", "2000.00"]
    assert "旅游厕所质量提升工程" in a.answer and "真如海心剧院精装修工程" in a.answer and "17127.62" not in a.answer


def test_the_units_the_accounts_include_counted_by_their_numbers(bots):
    a = bots("culture").ask("纳入普陀区文旅局2025年部门决算的单位一共有几家？")
    assert figures(a) == ["5"] and a.figures[0].unit == "个"
    b = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年部门决算包括几个单位？")
    assert figures(b) == ["9"] and "乌鲁木齐市房屋安全鉴定中心" in b.answer


def test_a_leading_na_names_nothing(bots):
    *_, cars = talk(bots("culture"), ["普陀区文旅局2025年三公经费一共花了多少？", "占预算多少？", "那他们有几辆公车？"])
    assert figures(cars) == ["4"] and cars.figures[0].unit == "辆"


def test_visitors_on_official_business_are_the_official_reception(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年一共接待了几批公务来客、多少人次？")
    assert figures(a)[:2] == ["2", "24"]


def test_money_set_aside_for_small_firms_in_everyday_words(bots):
    _, kept = talk(bots("culture"), ["普陀区文旅局2025年政府采购一共签了多少钱的合同？", "其中专门留给中小企业的预算有多少？"])
    assert figures(kept) == ["3602.16"]


def test_one_of_several_purposes_is_said_not_to_be_stated_apart(bots):
    a = bots("street").ask("石泉路街道2025年管弄路252弄4号装修工程具体花了多少钱？")
    assert a.kind == "refusal" and a.figures == [] and "没有单独列出“管弄路252弄4号装修工程”的数字" in a.answer
    assert "其他城乡社区公共设施支出（项）" in a.answer  # the item whose money it was part of


def test_the_regions_own_finances_and_counts_in_units_never_used_are_refused(bots):
    a = bots("finance").ask("普陀区财政局2024年决算里，全区一般公共预算收入总额是多少？")
    assert a.kind == "refusal" and not a.figures and "全区一般公共预算收入" in a.answer
    b = bots("culture").ask("普陀区图书馆2025年一共借出去多少册书？文旅局决算里有没有说？")
    assert b.kind == "refusal" and not b.figures
    c = bots("urumqi").ask("2023年度收入总计由哪几部分构成，各多少？")  # "几部分" counts no 部
    assert figures(c) == ["637229.42", "636952.54", "47.79", "229.10"]


def test_a_claims_subject_is_read_without_the_whole_department_name(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年公务接待花了25.39万元，是真的吗？")
    assert figures(a)[0] == "0.00" and "483911.04" not in figures(a) and "住房保障支出" not in a.answer


def test_money_asked_after_a_count_of_cars_is_their_running_cost(bots):
    _, run, change = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年公车有几辆？", "那这些车的运行维护花了多少钱？", "比上年少了多少？"])
    assert figures(run) == ["25.39"] and {"19.69", "43.68"} <= set(figures(change))


def test_an_alias_ruled_out_by_its_unless_words_lets_another_match(bots):
    a = bots("culture,street").ask("石泉路街道和文旅局2025年都没有公车方面的开支吧？")
    assert figures(a) == ["37.35", "2.64"]


def test_the_counterpart_row_of_the_last_one(bots):
    _, start = talk(bots("finance"), ["普陀区财政局2024年底结转到以后年度继续用的钱（年末结转和结余）有多少？", "年初的呢？"])
    assert figures(start) == ["49.14"]


def test_each_cells_share_of_its_rows_total(bots):
    _, shares = talk(bots("street"), ["石泉路街道2025年本年支出合计中基本支出和项目支出各是多少？", "各占多少比例？"])
    assert figures(shares)[:2] == ["74.59", "25.41"] and len(shares.calculations) == 1


def test_one_departments_total_as_a_percentage_of_anothers(bots):
    a = bots("culture,street").ask("石泉路街道2025年本年支出合计相当于普陀区文化和旅游局2025年本年支出合计的百分之多少？")
    assert a.calculation.expression == "19044.27 / 26538.47 × 100" and figures(a)[-1] == "71.76"


def test_rows_holding_a_column_at_a_level_counted(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出决算表里，有项目支出的“项”级科目共有几个？这些项目支出合计多少？")
    assert "4" in figures(a) and "603.14" in figures(a) and "分布在以下 4 个项级科目" in a.answer


def test_the_finest_level_is_the_item_level(bots):
    a = bots("finance").ask("财政局2024年一般公共预算的钱，具体到最细的科目，哪一项花得最多？花了多少？")
    assert figures(a)[0] == "1511.89" and "行政运行" in a.answer


def test_items_the_narrative_lists_under_a_class_counted_and_added(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出具体情况中，社会保障和就业支出（类）下列了几个项级科目？合计多少？")
    assert figures(a)[:2] == ["5", "587.27"]


def test_a_value_asked_after_a_count_of_the_same_thing_in_one_sentence(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年底有多少平方米房屋、值多少钱？车有几辆、值多少？")
    assert figures(a) == ["37049.78", "17520.64", "17", "433.66"]


def test_the_cars_day_to_day_costs_named_by_examples(bots):
    _, run = talk(bots("street"), ["石泉路街道2025年新买公车花了多少钱？", "公车日常的油费、保险、维修这些一共花了多少？"])
    assert figures(run) == ["12.35"]


def test_a_thing_named_besides_the_columns_is_not_the_last_rows_column(bots):
    *_, staff = talk(bots("street"), ["石泉路街道2025年本年支出合计中基本支出和项目支出各是多少？", "各占多少比例？", "那基本支出里的人员经费呢？"])
    assert figures(staff)[0] == "12010.40"


def test_a_claimed_number_stated_for_several_subjects_of_the_sentence(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年因公出国（境）费支出25.39万元，主要去了哪些地方？")
    assert figures(a)[0] == "0.00" and "25.39" in figures(a) and "财政拨款“三公”经费支出（25.39 万元）" in a.answer


def test_what_a_funds_income_was_spent_on_after_its_amount(bots):
    _, used = talk(bots("culture"), ["普陀区文化和旅游局2025年政府性基金预算财政拨款收入是多少？", "这笔钱主要用在哪些项目上？"])
    assert figures(used) == ["2.80", "2000.00"] and "真如海心剧院精装修工程" in used.answer and "旅游厕所质量提升工程" in used.answer


def test_the_budget_of_a_blank_cells_row_in_a_follow_up_and_the_level_it_is_said_to_keep(bots):
    _, budget, change = talk(bots("finance"), ["普陀区财政局2024年“三公”经费花了多少？", "那年初预算安排了多少？", "跟2023年比呢？"])
    assert figures(budget) == ["0.95"]
    assert "决算与上年持平" in change.answer and "年初预算与上年持平" not in change.answer


def test_a_name_asked_of_a_count_is_refused(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年那个涉密项目叫什么名字，由哪个单位实施？")
    assert a.kind == "refusal" and not a.figures
    b = bots("street").ask("石泉路街道2025年新购置的那辆公务用车是什么品牌型号？")
    assert b.kind == "refusal" and not b.figures


def test_a_change_asked_with_the_wrong_direction_gets_the_stated_change_and_its_parts_reasons(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年“三公”经费比2024年增长了86.61%，主要原因是什么？")
    assert figures(a)[:3] == ["3.04", "19.66", "86.61"] and "下降 86.61%" in a.answer and "未新增公务用车" in a.answer


def test_the_departments_day_to_day_running_and_keeping_cars_in_everyday_words(bots):
    a = bots("finance").ask("普陀区财政局2024年机关日常运转的开销为什么比2023年多了一点？")
    assert "2.55" in figures(a)
    _, cost, budget = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年公车保有量有多少辆？", "养这些车一年花了多少钱？", "预算是多少？"])
    assert figures(cost) == ["25.39"] and figures(budget) == ["25.60"]


def test_items_named_as_subjects_at_the_item_level_are_the_narratives(bots):
    a = bots("finance").ask("普陀区财政局2024年一般公共预算财政拨款支出的具体科目（项）里，决算数与年初预算数持平的有几项？分别是哪些？")
    assert figures(a)[0] == "3" and "购房补贴" in a.answer


def test_a_later_clause_naming_its_own_subject_keeps_only_the_department_and_year(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年度编报绩效目标的项目有多少个，涉及预算金额多少，绩效自评平均得分多少？")
    assert figures(a) == ["43", "12339.45", "99.38"]
    b = bots("street").ask("石泉路街道的群众文化项目年初预算多少，实际花了多少，完成了预算的百分之几？")
    assert figures(b)[:3] == ["312.55", "62.51", "20"]  # the rate clause keeps its subject


def test_money_asked_of_parts_named_like_counts(bots):
    a = bots("culture").ask("普陀区文旅局2025年公车运行和公务接待分别花了多少？")
    assert figures(a) == ["2.64", "0.40"]


def test_two_asks_with_the_same_number_in_different_units(bots):
    a = bots("culture").ask("文旅局2025年因公出国花了几万块？去了几个团？")
    assert [(f.value, f.unit) for f in a.figures] == [("0", "万元"), ("0", "个")]


def test_a_clause_that_only_repeats_the_turn_before_the_message_is_asked_of_the_clause_before_it(bots):
    _, both = talk(bots("culture"), ["普陀区文化和旅游局2025年度政府性基金预算财政拨款收入是多少？", "其中列在城乡社区支出的有多少，用于什么工程？"])
    assert figures(both) == ["2000.00"] and "真如海心剧院" in both.answer


def test_spending_as_a_percentage_of_its_budget_is_computed_not_the_stated_gap_rate(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年政府性基金预算财政拨款决算数相当于年初预算数的百分之几？")
    assert figures(a) == ["24.59", "129100.00", "525000.00", "-75.41"]  # the stated 预决算差异率 said after the result
    assert a.calculation.expression == "129100.00 / 525000.00 × 100"


def test_only_so_much_of_another_departments_figure(bots):
    a = bots("culture,street").ask("文旅局2025年的三公经费只有石泉路街道2025年的百分之几？")
    assert a.calculation.expression == "3.04 / 37.35 × 100" and a.calculation.result == "8.14"


def test_a_claimed_count_checked_is_not_answered_with_money(bots):
    a = bots("culture").ask("听说普陀区文旅局2025年有8辆公车，是真的吗？")
    assert not any(f.unit == "万元" for f in a.figures)


def test_which_three_things_a_term_covers_is_its_definition(bots):
    a = bots("street").ask("石泉路街道2025年决算里说的“三公”经费是哪三块钱？")
    assert a.intent == "definition" and "公务接待费" in a.answer


def test_how_many_kuan_are_listed_under_a_class(bots):
    a = bots("street").ask("石泉路街道2025年收入决算表里，201一般公共服务支出（类）下面一共列了几个款？")
    assert figures(a)[0] == "6" and "共 6 个款级科目" in a.answer


def test_a_budget_of_zero_yuan_is_no_budget(bots):
    a = bots("street").ask("石泉路街道2025年有哪些支出年初预算是0、后来才追加的？一共几项？")
    assert "死亡抚恤" in a.answer and "0" in figures(a)


def test_a_budget_asked_after_a_row_whose_budget_is_unstated_is_said_unstated_not_borrowed(bots):
    _, budget = talk(bots("street"), ["石泉路街道2025年垃圾分类长效管理经费（减排专项支出）花了多少？", "年初有预算吗？"])
    # the narrative's "年初预算为 0，支出决算为 150 万元" (the 0 in the sentence's unit), and why — never 一般公共预算's 21864.85
    assert figures(budget) == ["0"] and budget.figures[0].unit == "万元" and "追加预算" in budget.answer and "减排专项支出" in budget.answer


def test_a_term_quoted_and_asked_what_it_refers_to_is_defined(bots):
    a = bots("finance").ask("普陀区财政局2024年决算里提到的“机关运行经费”到底是指哪些钱？")
    assert a.intent == "definition" and "日常公用经费" in a.answer


def test_cars_bought_counted_in_words_after_the_purchase_amount(bots):
    """"新买了几辆公车": the amount bought for, and the next sentence that counts the cars in words."""
    a = bots("street").ask("石泉路街道2025年新买了几辆公车？")
    assert figures(a) == ["25"] and "新购一辆公车" in a.answer
    assert [(c.line_start, c.line_end) for c in a.citations] == [(821, 822), (822, 822)]


def test_a_count_of_cars_bought_claimed_beside_a_wrong_amount(bots):
    a = bots("street").ask("石泉路街道2025年新买了两辆公车，花了50万元？")
    assert figures(a) == ["25"] and "新购一辆公车" in a.answer and "不符" in a.answer


def test_the_car_said_to_be_bought_where_the_department_holds_none(bots):
    """"新买的那辆公车花了多少钱": one car claimed; the purchase cell is blank and the document counts 0 cars."""
    a = bots("finance").ask("普陀区财政局2024年新买的那辆公车花了多少钱？")
    assert [(f.value, f.unit) for f in a.figures] == [("0", "辆")] and "空白" in a.answer
    assert any(c.page == 24 for c in a.citations)
