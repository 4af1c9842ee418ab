"""A reviewer checking rows and a resident asking about changes: items ranked by how far their
spending fell from the budget, parts added and set against their whole, a table's own total listed
among its rows, "同一行换列" follow-ups, a term and a figure in one message, how far spending is from
its budget, and a reason that names its own subject.

Figures read off the corpus: the culture text's 2070102 文化展示及纪念机构 was budgeted 6,832.84 and
spent 1,700.57 (the widest gap of its items); its 三公 table: 合计 11.49 budgeted / 3.04 spent,
公务用车购置及运行维护费 9.38 / 2.64, 公务接待费 2.11 / 0.40, the last up 0.40 on last year "因为 2025 年
有公务接待事务发生"; its 面向中小企业预留 purchases went 1,913.49 to small firms. The street text's
公务用车运行维护费 12.35 ran 8 cars (保有量; it holds 10 vehicles in all); its 201 class is six 款
adding to 306.90; its 群众文化 was budgeted 20 and spent 62.51; its 三公 rose 21.90 (141.75%) for a new
car; its 30214 租赁费 655.48 and 30201 办公费 649.22 are 59.42% of 公用经费 2,195.60; 绩效自评 covered
4,974.93. The finance PDF's 20805 (326.72) is 2080501 84.65 + 2080505 160.75 + 2080506 80.38 +
2080599 0.94; its 2010601 行政运行 splits 1,503.52 基本 and 8.37 项目. The Urumqi text's houses are
37,049.78 m² worth 17,520.64 and its 17 cars 433.66; six retired staff died (3 + 1 + 1 + 1; 死亡抚恤
68.96); its 政府性基金 spending 129,100.00 is one 项 up 119,100.00 (1,191.00%); its 棚户区改造 483,911.04
rose 192,592.04 on 291,319.00; its 班车租赁 project was budgeted 87.60 and spent 84.80.
"""

from __future__ import annotations

from checks import amounts, talk


def test_the_item_furthest_from_its_budget(bots):
    a = bots("culture").ask("上海市普陀区文化和旅游局2025年度各“项”支出中，年初预算与决算数差距最大的是哪一项？预算、决算各多少，差额多少？")
    assert "文化展示及纪念机构" in a.answer and a.calculation is not None
    assert a.calculation.expression == "6832.84 − 1700.57" and a.calculation.result == "5132.27"


def test_an_average_per_car_uses_the_count_its_own_section_states(bots):
    a = bots("street").ask("石泉路街道2025年的公务用车运行维护费，平摊到每辆公车大概多少钱？")
    assert a.calculation.expression == "12.35 / 8" and a.calculation.result == "1.54"
    assert "10 辆" in a.answer and "10" in amounts(a)  # the other count, said and carried


def test_every_measure_asked_of_each_thing(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局截至2023年底有多少房屋和车辆？面积、数量和价值分别是多少？")
    assert amounts(a) == ["37049.78", "17520.64", "17", "433.66"]


def test_people_told_apart_counted_beside_an_amount(bots):
    *_, a = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年一共有多少人？在职和退休各多少？",
                                  "死亡抚恤支出是多少？决算说明里提到一共有几名退休人员去世？"])
    assert "68.96" in amounts(a) and a.calculation.expression == "3 + 1 + 1 + 1" and a.calculation.result == "6"


def test_the_largest_part_of_a_fund_just_given_with_its_change(bots):
    *_, a = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年度政府性基金预算财政拨款支出多少？与上年相比如何？",
                                  "那这里面最大的一块是什么？比上年变化了多少？"])
    assert amounts(a)[:1] == ["129100.00"] and {"119100.00", "1191.00"} <= set(amounts(a))
    assert "政府性基金预算财政拨款支出中" in a.answer


def test_a_figure_named_by_every_word_in_order(bots):
    a = bots("street").ask("上海市普陀区石泉路街道办事处2025年度绩效自评涉及金额是多少")
    assert amounts(a) == ["4974.93"]


def test_a_qualifying_adverb_is_no_other_kind(bots):
    *_, a = talk(bots("culture"), ["普陀区文化和旅游局2025年度面向中小企业预留的政府采购项目预算金额是多少？",
                                   "这些预留项目中，最终由中小企业供应商中标或成交的金额呢？"])
    assert amounts(a) == ["1913.49"]


def test_items_named_by_code_added_and_set_against_their_kuan(bots):
    a = bots("finance").ask("普陀区财政局2024年决算：208 05行政事业单位养老支出款下面四个项（208 05 01、208 05 05、208 05 06、208 05 99）各多少？四项相加和款级合计对得上吗？")
    assert a.calculation.expression == "84.65 + 160.75 + 80.38 + 0.94" and a.calculation.result == "326.72"
    assert "一致" in a.answer


def test_items_named_under_a_coded_row_added(bots):
    a = bots("finance").ask("上海市普陀区财政局2024年支出决算表里，201 06财政事务款下面的行政运行、一般行政管理事务、信息化建设、财政委托业务支出四个项加起来是多少？是否等于一般公共服务支出类的合计？")
    assert a.calculation.result == "2106.66" and amounts(a)[:2] == ["2106.66", "2106.66"]


def test_a_class_checked_against_its_kuan(bots):
    a = bots("street").ask("石泉路街道2025年决算：201一般公共服务支出类下六个款各多少？加总核对类合计。")
    assert a.calculation.expression == "23.42 + 46.50 + 105.65 + 100.96 + 7.73 + 22.64" and a.calculation.result == "306.90"


def test_a_tables_total_listed_among_its_rows(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年财政拨款“三公”经费支出决算表：合计、公务用车购置及运行维护费小计、公务接待费的预算数和决算数？")
    assert amounts(a) == ["11.49", "3.04", "9.38", "2.64", "2.11", "0.40"] and a.calculation is None


def test_the_same_row_in_other_columns(bots):
    _, a = talk(bots("finance"), ["普陀区财政局2024年支出决算表201 06 01行政运行，本年支出合计多少？", "同一行换列：基本支出、项目支出各多少？"])
    assert {"1503.52", "8.37"} <= set(amounts(a))
    _, b = talk(bots("street"), ["石泉路街道办事处2025年支出决算表，208社会保障和就业支出类：合计、基本支出、项目支出？",
                                 "往下看20805行政事业单位离退休款，三列各多少？"])
    assert amounts(b) == ["1281.95", "1240.49", "41.46"]


def test_a_term_and_its_amount_in_one_message(bots):
    a = bots("street").ask("石泉路街道办事处2025年决算里说的“项目支出”是啥意思 今年项目支出是多少")
    assert "在基本支出之外" in a.answer and "4838.27" in amounts(a)
    b = bots("culture").ask("普陀区文旅局2025年决算里说的三公经费是指哪几样？今年一共花了多少")
    assert "3.04" in amounts(b) and "26538.47" not in amounts(b)


def test_each_of_two_departments_last_year(bots):
    *_, a = talk(bots("culture,street"), ["普陀区文旅局2025年机关运行经费多少 比上一年变了多少", "那石泉路街道2025年呢", "两家前一年各是多少"])
    assert {"188.95", "681.51"} <= set(amounts(a)) and "石泉路街道办事处" in a.answer


def test_a_change_asked_either_way_with_its_reason(bots):
    a = bots("street").ask("上海市普陀区石泉路街道办事处2025年度“三公”经费财政拨款支出决算比2024年度是增加还是减少？变化多少、幅度多大、原因是什么？")
    assert {"21.90", "141.75"} <= set(amounts(a)) and "新购置一辆公车" in a.answer


def test_a_reason_naming_another_subject_is_not_the_last_figures(bots):
    a = bots("culture").ask("普陀区文旅局2025年公务接待费为什么比2024年多了")
    assert "公务接待事务发生" in a.answer and "未发生因公出国" not in a.answer


def test_one_amount_stated_twice_is_not_both_sides(bots):
    a = bots("urumqi").ask("乌鲁木齐住房保障和房产管理局2023年一般公共预算财政拨款支出决算数比年初预算数多出多少万元？核一下说明里的预决算差异率。")
    assert a.calculation.expression == "507109.93 − 6862.79" and "7289.27" in amounts(a)


def test_a_premise_with_thousands_separators_and_last_year_asked_after_it(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年住房保障支出（类）保障性安居工程支出（款）棚户区改造（项）483,911.04万元，比上年增加192,592.04万元；上年决算数是多少？")
    assert a.calculation.expression == "483911.04 − 192592.04" and a.calculation.result == "291319.00" and "不符" not in a.answer


def test_how_far_spending_is_from_its_budget(bots):
    a = bots("street").ask("石泉路街道2025年群众文化这一项预算多少 实际花多少 超了多少 为什么")
    assert a.calculation.expression == "62.51 − 20" and a.calculation.result == "42.51"
    b = bots("urumqi").ask("乌鲁木齐住房保障和房产管理局2023年班车租赁项目预算多少 实际花了多少 少花了多少")
    assert b.calculation.expression == "87.60 − 84.80" and b.calculation.result == "2.80"


def test_a_row_asked_by_its_code_and_its_name(bots):
    a = bots("culture").ask("文旅局（普陀区文化和旅游局）2025年决算，2150899行决算数？这一项叫什么？")
    assert amounts(a) == ["4948.72"] and "其他支持中小企业发展和管理支出" in a.answer


def test_two_rows_added_and_their_share(bots):
    a = bots("street").ask("石泉路街道2025年基本支出决算表，30214租赁费和30201办公费合计多少？占公用经费合计的比重？")
    assert {"1304.70", "59.42"} <= set(amounts(a)) and "655.48 + 649.22" in a.answer


def test_parts_added_against_the_whole_the_question_names(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年收入总计中，本年收入合计、使用非财政拨款结余、年初结转和结余三项相加是多少？和说明里的收入总计是否一致？")
    assert a.calculation.result == "637229.43" and {"637229.42", "0.01"} <= set(amounts(a))


def test_each_part_as_a_share_of_the_whole_named_before_them(bots):
    a = bots("culture").ask("普陀区文旅局2025年三公经费里公务用车和公务接待各花了多少 各占几成")
    assert "2.64 / 3.04 × 100 = 86.84%" in a.answer and "0.40 / 3.04 × 100 = 13.16%" in a.answer
    assert {"86.84", "13.16"} <= set(amounts(a)) and "660.00" not in amounts(a)


def test_why_a_row_named_by_its_code_had_no_budget(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年2079903年初预算为什么是0？")
    assert "功能科目代码" in a.answer and "2349.56" in amounts(a)


def test_the_largest_classes_of_a_summary_tables_spending_side(bots):
    a = bots("street").ask("上海市普陀区石泉路街道办事处2025年收入支出决算总表中，支出金额最大的三个类是哪些？各多少？")
    top = amounts(a)[amounts(a).index("13583.48"):][:3]
    assert top == ["13583.48", "3019.34", "1160.04"] and "城乡社区支出" in a.answer and "前三" in a.answer


def test_two_total_rows_of_each_department(bots):
    a = bots("finance,culture,street").ask("三家普陀单位基本支出决算表底行：普陀区财政局2024年、普陀区文化和旅游局2025年、石泉路街道办事处2025年的人员经费合计和公用经费合计各多少？")
    assert {"2152.26", "8055.07", "12010.40", "184.65", "1745.29", "2195.60"} <= set(amounts(a))


def test_total_rows_named_beside_codes_typed(bots):
    a = bots("finance").ask("普陀区财政局2024年基本支出决算表：人员经费合计、公用经费合计，以及301工资福利支出、302商品和服务支出、303对个人和家庭的补助、310资本性支出各是多少？")
    assert set(amounts(a)) == {"2082.85", "171.07", "69.41", "13.58", "2152.26", "184.65"}


def test_a_share_asked_again_of_another_row(bots):
    _, a = talk(bots("finance"), ["普陀区财政局2024年的收入里头财政拨款占了多少", "其他收入呢"])
    assert amounts(a)[:1] == ["0.21"]


def test_a_term_defined_and_the_amount_the_question_gives_it(bots):
    a = bots("finance").ask("上海市普陀区财政局2024年收入支出决算总表里“年末结转和结余”一栏是55.34万元，这个“年末结转和结余”具体指什么资金？")
    assert "延迟到以后年度" in a.answer and amounts(a) == ["55.34"] and "与提问一致" in a.answer
