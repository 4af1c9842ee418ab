"""Follow-ups that move to another department with a measure or a comparison of their own, counts
claimed to be checked, and the residual "其他…" candidate.

Every figure was read off the corpus documents: the street text's page 28 (一般公共预算财政拨款支出
年初预算 21,864.85 万元, 决算 19,044.27 万元, 完成年初预算的 87.10%) and its page 41 (面向中小企业
预留的政府采购项目中由中小企业供应商中标或成交的采购金额 690.47 万元; 其他政府采购项目中… 0 万元);
the culture text's page 29 (公务用车保有量为 4 辆; 公务接待 2 批次、24 人次) and its narrative
(一般公共预算财政拨款支出年初预算 27780.16 万元, 决算 24535.67 万元, 88.32%); the Urumqi text's
政府采购支出总额 459.93 万元 and the finance PDF's 政府采购金额 251.25 万元.
"""

from __future__ import annotations

import re

from checks import amounts as figures, talk



def test_a_checked_count_claim_is_answered_with_the_count_and_the_mismatch(bots):
    a = bots("culture").ask("听说普陀区文旅局2025年有8辆公车，是真的吗？")
    assert figures(a) == ["4"] and "与文件不符" in a.answer
    same = bots("culture").ask("普陀区文旅局2025年有4辆公车吗？")
    assert figures(same) == ["4"] and "不符" not in same.answer


def test_a_claim_in_person_times_is_checked_as_person_times(bots):
    a = bots("culture").ask("普陀区文旅局2025年公务接待了30人次，对吗？")
    assert figures(a)[0] == "24" and "与文件不符" in a.answer
    b = bots("culture").ask("普陀区文旅局2025年公务接待了3批次，对吗？")
    assert figures(b) == ["2"] and "与文件不符" in b.answer


def test_a_measure_asked_of_another_department_keeps_the_subject(bots):
    bot = bots("street,culture")
    *_, other = talk(bot, ["石泉路街道2025年一般公共预算财政拨款支出年初预算是多少？", "完成了年初预算的多少？", "那文旅局2025年的完成比例呢？"])
    assert figures(other) == ["88.32", "27780.16", "24535.67"]
    assert "文化和旅游局" in other.answer


def test_this_measure_of_another_department_is_the_leaning_question_asked_there(bots):
    bot = bots("street,culture")
    *_, other = talk(bot, ["普陀区文化和旅游局2025年一般公共预算财政拨款支出年初预算和决算分别是多少？", "完成年初预算的比例是多少？", "石泉路街道办事处2025年的这个比例呢？"])
    assert figures(other)[0] == "87.10" and "石泉路" in other.answer


def test_a_comparison_with_another_department_compares_the_subject_under_discussion(bots):
    bot = bots("finance,urumqi")
    first, compared = talk(bot, ["乌鲁木齐市住房保障和房产管理局2023年政府采购总额是多少？", "比普陀区财政局2024年的多多少？"])
    assert figures(first)[0] == "459.93"
    assert compared.kind == "calculation" and set(figures(compared)) == {"459.93", "251.25", "208.68"}


def test_the_residual_other_candidate_does_not_tie_the_one_named(bots):
    a = bots("street").ask("石泉路街道2025年由中小企业中标成交的预留采购金额是多少？")
    assert figures(a) == ["690.47"] and a.citations[0].page == 41


def test_completion_of_a_task_is_not_read_as_a_budget_rate(bots):
    from assistant.prompts import language
    from assistant.understand import understand
    assert "完成年初预算的百分比" in understand("一般公共预算财政拨款支出完成比例是多少", language()).folded
    assert "完成年初预算" not in understand("该项目任务完成比例是多少", language()).folded


def test_a_budget_stated_of_income_and_spending_together_answers_the_spendings_budget(bots):
    *_, budget = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年政府性基金预算财政拨款支出是多少？", "年初预算数是多少？"])
    assert figures(budget) == ["525000.00"] and "收入支出" in budget.answer
    assert budget.citations[0].line_start == 194


def test_a_share_within_a_whole_asked_as_how_big_a_share(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年政府采购里买服务的钱占了多大比例？")
    assert a.kind == "calculation" and figures(a) == ["67.86", "312.12", "459.93"]


def test_the_completion_of_a_budget_is_computed_when_only_budget_and_spending_are_stated(bots):
    *_, rate = talk(bots("finance"), ["普陀区财政局2024年“行政单位离退休”这一项实际支出了多少？", "那年初预算安排了多少？", "算下来完成了预算的百分之多少？"])
    assert rate.kind == "calculation" and figures(rate) == ["98.95", "84.65", "85.55"]
    assert rate.calculation.expression == "84.65 / 85.55 × 100"


def test_why_so_different_after_a_rows_spending_and_budget_gives_the_stated_reason(bots):
    *_, why = talk(bots("street"), ["石泉路街道2025年2210399其他城乡社区住宅支出的决算数是多少？", "年初预算是多少？", "为什么差这么多？"])
    assert "项目推进" in why.answer and "616.08" in figures(why)


def test_which_of_the_last_two_departments_is_higher(bots):
    bot = bots("culture,street")
    *_, which = talk(bot, ["普陀区文旅局2025年绩效自评项目的平均得分是多少？", "石泉路街道2025年呢？", "哪家高？高多少分？"])
    assert which.kind == "calculation" and set(figures(which)) == {"99.38", "99.22", "0.16"}


def test_a_path_of_levels_with_under_names_the_deepest_row(bots):
    a = bots("finance").ask("财政局2024年一般公共服务支出下财政事务款的四个项级科目中，决算数最大和最小的分别是哪一项、各多少？")
    assert "最大的是201 06 01 行政运行：1,511.89 万元" in a.answer and "最小的是201 06 02 一般行政管理事务：10.00 万元" in a.answer


def test_rows_under_a_row_above_a_threshold_are_counted_in_the_word_asked(bots):
    a = bots("street").ask("石泉路街道2025年基本支出的商品和服务支出里，超过100万元的有几项？分别是什么？")
    assert a.kind == "list" and figures(a) == ["4", "649.22", "273.72", "655.48", "165.89"]
    assert a.figures[0].unit == "项" and "2,195.60" not in a.answer


def test_a_count_asked_of_the_document_is_not_answered_with_money(bots):
    a = bots("culture").ask("普陀区图书馆2025年一共接待了多少读者？文旅局的决算里有写吗？")
    assert a.kind == "refusal" and not a.figures
    spent = bots("culture").ask("文旅局2025年图书馆花了多少钱？")
    assert figures(spent) == ["3070.63"]


def test_a_claimed_share_is_computed_and_said_to_differ(bots):
    a = bots("street").ask("石泉路街道2025年项目支出占本年支出合计的74.59%，对吗？")
    assert a.kind == "calculation" and figures(a) == ["25.41", "4838.27", "19044.27"] and "不符" in a.answer
    right = bots("street").ask("石泉路街道2025年项目支出占本年支出合计的25.41%，对吗？")
    assert figures(right)[0] == "25.41" and "不符" not in right.answer


def test_an_amount_and_its_share_claimed_together_are_both_checked(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年基本支出16738.11万元，占本年支出合计的63.07%，这个数对吗？")
    assert a.kind == "calculation" and figures(a)[:3] == ["36.93", "9800.36", "26538.47"]
    # the amount claimed is the table's 项目支出, said so
    assert "提问中的数字是文件所述的" in a.answer and "16738.11" in figures(a)


def test_where_a_funds_money_went_lists_its_rows_and_what_they_were_for(bots):
    first, where, share = talk(bots("culture"), ["普陀区文旅局2025年拿到的政府性基金预算财政拨款有多少？", "这笔钱主要花在哪儿了？", "它占文旅局本年支出合计的比例是多少？"])
    assert figures(first) == ["2002.80"]
    assert figures(where) == ["2.80", "2000.00"] and "旅游厕所" in where.answer and "真如海心剧院" in where.answer
    assert share.kind == "calculation" and figures(share) == ["7.55", "2002.80", "26538.47"]


def test_how_many_people_were_received_is_the_person_times_and_how_many_times_the_batches(bots):
    a = bots("culture").ask("文旅局2025年公务接待了多少人？")
    assert figures(a)[0] == "24" and a.figures[0].unit == "人次"
    b = bots("culture").ask("文旅局2025年搞了几次公务接待，接待了多少人？")
    assert {"2", "24"} <= set(figures(b))


def test_the_part_that_is_not_the_named_one_is_the_rest_of_the_whole(bots):
    _, rest = talk(bots("finance"), ["普陀区财政局2024年本年收入合计一共多少？", "里面不是财政拨款的那部分收入有多少？占比多少？"])
    assert figures(rest) == ["6.2", "0.21"] and "其他收入" in rest.answer


def test_how_many_documents_state_a_figure(bots):
    a = bots("finance,culture,street,urumqi").ask("在普陀区财政局2024年、文旅局2025年、石泉路街道2025年和乌鲁木齐市住房保障和房产管理局2023年这四份决算中，有几家有政府性基金预算财政拨款支出？各是多少？")
    assert figures(a) == ["2", "2002.80", "129100.00"] and a.figures[0].unit == "家"


def test_a_budget_stated_only_of_a_subjects_parts_gives_the_parts(bots):
    _, budget = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年公车费用花了多少钱？", "全年预算是多少？"])
    assert figures(budget) == ["0.00", "25.60"] and "公务用车运行费" in budget.answer


def test_a_computed_rate_is_given_with_the_rate_the_narrative_states(bots):
    *_, car = talk(bots("culture"), ["普陀区文旅局2025年三公经费年初预算是多少？", "实际花了多少？完成预算的百分之几？", "那公车这块呢？"])
    assert {"28.14", "28.15"} <= set(figures(car)) and "基本一致" in car.answer


def test_parties_paid_and_projects_no_figure_names_are_refused_without_figures(bots):
    a = bots("finance").ask("普陀区财政局2024年财政委托业务支出分别委托给了哪些中介机构？每家的合同金额是多少？")
    assert a.kind == "refusal" and not a.figures
    b = bots("street").ask("石泉路街道2025年“武宁路沿线风貌提升工程（石泉段）”项目具体调减了多少万元经费？")
    assert b.kind == "refusal" and not b.figures
    c = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年各下属单位分别有多少在职人员？")
    assert c.kind == "refusal"
    assert figures(bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年有多少在职人员？")) == ["242"]


def test_everyday_words_for_rent_repairs_and_book_value(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年房租和维修费加起来花了多少？")
    assert a.kind == "calculation" and figures(a) == ["147.84", "86.74", "61.10"]
    _, worth = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年底有多少辆公车？", "这些车账面上值多少钱？"])
    assert figures(worth) == ["433.66"]
    # (住房租赁 is no rent paid: the alias leaves it alone)
    assert "住房保障和房产管理局本级" in bots("urumqi").ask("住房租赁保证金项目是哪个单位负责实施的？").answer


def test_the_department_said_as_the_unit_names_no_figure(bots):
    _, cars = talk(bots("culture"), ["普陀区文化和旅游局2025年公车日常运行维护花了多少钱？", "单位一共有几辆公车？"])
    assert figures(cars) == ["4"]


def test_parts_of_a_whole_each_asked_on_its_own(bots):
    a = bots("street").ask("石泉路街道2025年“三公”经费里，买车花了多少、车子日常运行维护又花了多少？")
    assert sorted(figures(a)) == ["12.35", "25.00"]


def test_a_claim_that_is_another_cell_of_the_table_says_which(bots):
    budget = bots("culture").ask("文旅局2025年“三公”经费花了11.49万元，是不是太多了？")
    assert figures(budget) == ["3.04", "11.49"] and "年初预算数（11.49 万元）" in budget.answer
    other = bots("culture").ask("听说普陀区文化和旅游局2025年因公出国花了2.64万元，是真的吗？")
    assert figures(other) == ["0", "2.64"] and "公务用车购置及运行维护费" in other.answer


def test_an_amount_claimed_of_a_fund_the_document_has_none_of(bots):
    a = bots("culture").ask("普陀区文旅局2025年国有资本经营预算财政拨款支出的2000万元主要用于什么？")
    assert re.search("(无|没有)国有资本经营预算财政拨款收入和支出", a.answer) and "政府性基金" in a.answer and figures(a) == ["2000.00"]
    assert "真如海心剧院" in a.answer


def test_the_budget_gap_rate_by_the_formula_given(bots):
    a = bots("finance").ask("按（决算数－年初预算数）÷年初预算数计算，普陀区财政局2024年信息化建设（项）的预决算差异率是多少？")
    assert a.kind == "calculation" and figures(a) == ["-0.48", "135.25", "135.90"]
    *_, rate = talk(bots("culture"), ["普陀区文旅局2025年文化活动（2070108）年初预算和支出决算分别是多少？", "决算数大于预算数的原因是什么？", "按决算数除以年初预算数算，执行率是多少？"])
    assert rate.kind == "calculation" and figures(rate) == ["112.88", "1605.19", "1422.00"]


def test_two_turns_summed_as_a_share_of_a_whole(bots):
    *_, share = talk(bots("finance"), ["普陀区财政局2024年给职工交住房公积金花了多少钱？", "那购房补贴呢？", "这两项加起来占一般公共预算财政拨款支出的多少？"])
    assert figures(share)[0] == "15.16" and "2940.05" in figures(share)


def test_a_part_in_a_whole_said_part_first(bots):
    a = bots("finance").ask("财政局2024年的日常公用经费在基本支出里占几成？算一下百分比。")
    assert figures(a) == ["7.90", "184.65", "2336.91"]


def test_a_rate_per_serving_of_one_purpose_is_refused(bots):
    a = bots("street").ask("石泉路街道2025年社区助餐点每份饭补贴多少钱？")
    assert a.kind == "refusal" and not a.figures


def test_a_part_within_the_subject_just_given_is_its_stated_share(bots):
    _, share = talk(bots("culture"), ["文旅局2025年一般公共预算财政拨款支出一共多少？", "其中扶持中小企业发展（资源勘探工业信息等支出）占多少？"])
    assert figures(share) == ["20.17", "4948.72", "24535.67"] and "占一般公共预算财政拨款支出" in share.answer  # the whole just given too


def test_the_budget_of_a_funds_income_is_the_one_stated_of_its_income_and_spending(bots):
    _, stated = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年政府性基金预算财政拨款本年收入是多少？", "它的年初预算数和预决算差异率是多少？"])
    assert set(figures(stated)) == {"525000.00", "-75.41"}


def test_a_bare_zero_budget_is_in_its_sentences_unit():
    from corpus import STREET_TEXT
    from ingest.pipeline import parse_file
    doc = parse_file(STREET_TEXT)
    zero = [f for f in doc.figures if "减排专项支出" in f.subject and f.basis == "年初预算"]
    assert [(str(f.value), f.unit) for f in zero] == [("0", "万元")]


def test_money_asked_of_things_only_counted_is_refused(bots):
    *_, worth = talk(bots("finance"), ["截至2024年底，普陀区财政局有几辆公车？", "那单价100万元以上的设备有多少台？", "这些设备总共值多少钱？"])
    assert worth.kind == "refusal" and not worth.figures


def test_how_many_cars_when_only_kinds_of_car_are_near_is_the_count_of_all(bots):
    a = bots("finance").ask("截至2024年底，普陀区财政局有几辆公车？")
    assert figures(a)[0] == "0" and a.answer.startswith("车辆为 0 辆")


def test_a_claimed_budget_that_is_the_spending_in_another_money_unit_of_the_sentence(bots):
    a = bots("street").ask("石泉路街道2025年死亡抚恤年初预算就安排了177.17万元，最后执行得怎么样？")
    assert figures(a) == ["0", "177.17"] and "支出决算（177.17 万元）" in a.answer


def test_a_budget_follow_up_after_a_whole_and_its_parts_is_the_wholes(bots):
    *_, budget = talk(bots("finance"), ["普陀区财政局2024年公车和公务接待这些“三公”经费实际花了多少？", "那年初预算安排了多少？"])
    assert figures(budget) == ["0.95"]  # never 一般公共预算财政拨款支出's 2993.92


def test_words_the_documents_write_are_no_typo(bots):
    a = bots("culture").ask("普陀区文旅局2025年给中小企业预留的采购项目里，最终由中小企业中标的金额占预留金额的百分之多少？")
    assert "12339.45" not in figures(a)  # (预留金额 is not 预算金额: never a performance project's amount)
    assert "邮电费" in bots("culture").ask("文旅局2025年邮点费是多少？").answer
