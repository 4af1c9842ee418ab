"""A learner's Chinese and a reviewer's checks: every word typed apart, everyday words for spending
on people, costly equipment and cars; spending set against its budget when the question asks
whether it was over; a claim of another basis borne out; a column's rows ranked; columns of one row
added and set against its total; a term defined with its amount; each department's last year.

Figures read off the corpus: the finance PDF spent 2,152.26 on people and holds 2 pieces of
equipment of 100万元 or more; its 一般公共预算财政拨款支出 was budgeted 2,993.92 and spent 2,940.05
(98.20%, "…中介机构服务调减"), 3,003.19 last year; its 项目支出 603.14 went mostly (449.52) to 201 06
08 财政委托业务支出; its 政府采购 is 251.25 stated, 4.79 + 0 + 246.47 = 251.26 added; its 机关运行经费
is 184.65. The culture text holds 4 cars; its 文化展示及纪念机构 was budgeted 6,832.84 and spent
1,700.57; its 收入支出总计 26,591.08 is 52.61 more than its 本年收入合计 26,538.47; its 三公 spent 3.04
of 11.49. The street text's 群众文化 was budgeted 20 and spent 62.51 (312.55%); its 一般公共预算财政拨款
支出 19,044.27 went 13,583.48 (71.33%) to 城乡社区支出 and 3,019.34 (15.85%) to 社会保障和就业支出;
its 城乡社区支出 row prints 1,066.51 + 2,921.97 against a total of 13,583.48; its 公务用车购置费 25.00
and 运行维护费 12.35 (budgeted 27.40). The Urumqi text's 一般公共预算财政拨款支出 was budgeted
6,862.79 and spent 507,109.93 (差异率 7,289.27%), 300,360.34 last year; its 三公 25.39 fell 19.69
(45.08 last year); its 房产交易业务经费 project spent 139.30 of 186.19.
"""

from __future__ import annotations

from assistant.understand import spaced_as_punctuated
from checks import amounts, talk


def test_every_word_typed_apart_is_read_as_written_together():
    assert spaced_as_punctuated("普陀区 文旅局 2025 年 有 几 车？") == "普陀区文旅局2025年有几车？"
    assert spaced_as_punctuated("普陀区 财政局 2024 年 钱 花 多少 在 人员？") == "普陀区财政局2024年钱花多少在人员？"
    assert spaced_as_punctuated("石泉路 街道 2025 年 呢？") == "石泉路街道2025年呢？"
    # a phone's list of names keeps its 、 (no words of one character)
    assert spaced_as_punctuated("普陀文旅局2025 基本支出 项目支出 各多少 占比多少") == "普陀文旅局2025年基本支出、项目支出各多少，占比多少"


def test_a_learners_questions_about_cars_people_and_equipment(bots):
    assert amounts(bots("culture").ask("普陀区 文旅局 2025 年 有 几 车？"))[0] == "4"
    assert amounts(bots("finance").ask("普陀区 财政局 2024 年 钱 花 多少 在 人员？")) == ["2152.26"]
    costly = bots("finance").ask("普陀区 财政局 2024 年 有 几 个 很 贵 的 设备？ 100 万 以上 的，不 算 车。")
    assert amounts(costly) == ["2"] and costly.figures[0].unit == "台（套）"


def test_where_the_money_went_most_then_second_then_both_shares(bots):
    first, second, both = talk(bots("street"), ["石泉路街道2025年一般公共预算财政拨款支出里，占比最大的是哪一类？", "第二大呢？", "这两类加起来占多少？"])
    assert "212 城乡社区支出：13,583.48 万元" in first.answer and "71.33" in amounts(first)
    assert "第二大的是208 社会保障和就业支出" in second.answer and "15.85" in amounts(second)
    assert both.calculation.expression == "(13583.48 + 3019.34) / 19044.27 × 100" and both.calculation.result == "87.18"
    # in everyday words, after the year's whole spending
    _, most = talk(bots("street"), ["普陀区 石泉路 街道 2025 年 钱 一共 花 多少？", "哪 个 方面 花 最 多？ 占 多少？"])
    assert "13583.48" in amounts(most) and most.calculation.result == "71.33"


def test_over_its_budget_asked_gives_the_gap_and_the_stated_rate(bots):
    over = bots("street").ask("石泉路街道2025年群众文化支出超预算了吗？")
    assert over.calculation.expression == "62.51 − 20" and "312.55" in amounts(over)
    under = bots("culture").ask("文旅局2025年文化展示及纪念机构支出决算6832.84万元，是超预算了吧？")
    assert under.calculation.expression == "6832.84 − 1700.57" and "年初预算未支出" in under.answer
    times = bots("street").ask("听说上海市普陀区石泉路街道办事处2025年群众文化支出是年初预算的3倍多，真的吗？")
    assert times.calculation.expression == "62.51 / 20 × 100" and times.calculation.result == "312.55"


def test_completion_then_the_gap_and_the_reason_the_narrative_gives(bots):
    first, then = talk(bots("finance"), ["普陀区财政局2024年一般公共预算财政拨款支出，年初预算和决算各是多少，完成了多少？", "差额多少？说明里给的主要原因是什么？"])
    assert amounts(first)[0] == "98.20"
    assert "2993.92 − 2940.05 = 53.87" in then.answer and "中介机构" in then.answer


def test_a_claim_of_another_basis_borne_out_and_the_gap_explained(bots):
    a = bots("urumqi").ask("乌鲁木齐房管局2023 一般公共预算年初才6862.79万 决算50多亿 数据是不是错了")
    assert {"6862.79", "7289.27", "507109.93"} <= set(amounts(a))
    assert "与提问一致" in a.answer and "不符" not in a.answer and "棚户区改造" in a.answer


def test_a_column_ranked_by_its_rows_then_the_first_ones_share(bots):
    top, share = talk(bots("finance"), ["普陀区财政局2024年项目支出里哪一项最多？", "这一项占项目支出的百分之几？"])
    assert "项目支出最大的是201 06 08 财政委托业务支出：449.52 万元" in top.answer
    assert share.calculation.expression == "449.52 / 603.14 × 100" and share.calculation.result == "74.53"
    # after two shares of the same whole, "项目支出里" still asks within 项目支出
    _, within = talk(bots("finance"), ["普陀区财政局2024年基本支出和项目支出各占本年支出的多少？", "项目支出里哪一项最多？"])
    assert "449.52" in amounts(within) and "其中最多的是基本支出" not in within.answer


def test_columns_of_one_row_added_and_set_against_its_total(bots):
    a = bots("street").ask("普陀区石泉路街道办事处2025年支出决算表里城乡社区支出的基本支出加项目支出，等于合计13,583.48万元吗？")
    assert a.calculation.expression == "1066.51 + 2921.97" and a.calculation.result == "3988.48"
    assert "13,583.48" in a.answer and "10661.51" in a.answer
    ok = bots("finance").ask("普陀区财政局2024年支出决算表里一般公共服务支出的基本支出加项目支出，等于合计吗？")
    assert ok.calculation.result == "2106.66" and "与相加结果一致" in ok.answer


def test_two_items_sharing_a_head_then_one_of_them_by_its_short_name(bots):
    a = bots("street").ask("普陀区石泉路街道2025年三公经费里公务用车购置费和运行维护费分别花了多少？运行维护费的预算是多少？")
    assert amounts(a) == ["12.35", "25.00", "27.40"]


def test_a_term_defined_with_its_amount(bots):
    a = bots("finance").ask("普陀区财政局2024年决算的名词解释里说的机关运行经费包括什么，本年是多少？")
    assert "日常公用经费" in a.answer and amounts(a) == ["184.65"]


def test_a_total_rows_name_asks_no_sum(bots):
    a = bots("culture").ask("普陀区文化和旅游局2025年收入支出总计和本年收入合计差多少？")
    assert a.calculation.expression == "26591.08 − 26538.47" and a.calculation.result == "52.61"


def test_last_year_of_a_figure_whose_change_is_stated_elsewhere(bots):
    _, last = talk(bots("urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年三公经费的预决算差异率是多少？", "那上一年的三公经费是多少？"])
    assert last.calculation.expression == "25.39 + 19.69" and last.calculation.result == "45.08"


def test_each_departments_last_year_in_its_own_document(bots):
    *_, both = talk(bots("finance,culture,street,urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年一般公共预算财政拨款支出同比增长多少？", "普陀区财政局2024年呢？",
                                                            "两家上一年的一般公共预算财政拨款支出各是多少？"])
    assert "300360.34" in both.answer and "3003.19" in both.answer and "2,940.05 万元\n" not in both.answer


def test_a_department_switched_then_its_spending_against_its_own_budget(bots):
    _, other = talk(bots("finance,culture,street,urumqi"), ["乌鲁木齐 住房 局 2023 年 三公 经费 花 多少？", "普陀区 文旅局 2025 年 呢？ 比 预算 少 多少？"])
    assert other.calculation.expression == "11.49 − 3.04" and "12339.45" not in other.answer


def test_a_message_asked_again_elsewhere_is_asked_once(bots):
    *_, third = talk(bots("finance,culture,street,urumqi"), ["乌鲁木齐市住房保障和房产管理局2023年年末结转和结余多少？", "普陀区财政局2024年呢？是表几里的？", "普陀区文化和旅游局2025年呢？"])
    assert amounts(third) == ["52.61"]  # (it recursed without end before)


def test_a_premises_budget_does_not_choose_what_is_asked(bots):
    a = bots("urumqi").ask("乌鲁木齐 住房 局 2023 年 房产交易业务经费 预算 186.19 万，实际 花 多少？ 没 花 的 多少？")
    assert a.calculation.expression == "186.19 − 139.30" and a.calculation.result == "46.89"


def test_parts_added_in_their_own_sentence_then_checked_against_the_whole(bots):
    a = bots("finance").ask("普陀区财政局2024年政府采购里货物、工程、服务三项加总是多少？和说明里的政府采购总额一致吗？")
    assert "4.79 + 0 + 246.47 = 251.26" in a.answer and "251.25" in amounts(a)


def test_a_part_by_whom_it_went_to_is_not_the_whole_again(bots):
    _, part = talk(bots("street"), ["普陀区 石泉路 街道 2025 年 政府 采购 一共 多少 钱？", "给 中小企业 的 有 多少？"])
    assert amounts(part) == ["690.47"]


def test_a_change_asked_again_as_a_percentage(bots):
    _, again = talk(bots("street"), ["用一句话说说：普陀区石泉路街道2025年收入支出总计多少，比2024年增加了多少？", "换成百分比呢？"])
    assert again.intent == "change" and "0.53" in amounts(again) and "100.46" in amounts(again)
