"""Claims checked where they were missed: a count said beside another ask ("保有量有N辆，运行维护费
花了多少"), a count claimed in a why-question, "一共就N辆车，对吧", a number that is last year's
(this year's figure less the change the document states), and a part's share of a whole whose name
the scene-setting clause repeats ("给中小企业预留的采购项目，最后中小企业中标的金额占预留预算的多少").

Figures read off the corpus: the Urumqi text's line 182 (公务用车运行维护费 25.39 万元; 公务用车保有量
17 辆) and its 机关运行经费 (150.12 万元, 比上年增加 28.81 万元); the culture text's 公务用车保有量 4 辆,
公务用车购置及运行维护费 2.64 万元, 机关运行经费 166.45 万元 (比上年减少 22.50 万元, 下降 11.91%) and
its 政府采购 paragraph (预留 3602.16 万元, 中小企业中标或成交 1913.49 万元); the street text's 共有车辆 10 辆.
"""

from __future__ import annotations

from checks import amounts as figures


def test_a_count_claimed_beside_another_ask_is_checked_and_the_ask_answered(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年公务用车保有量有20辆，运行维护费花了多少？")
    assert figures(a) == ["25.39", "17"] and "保有量为 17 辆，与提问中的说法不同" in a.answer


def test_a_count_claimed_in_a_why_question_is_checked(bots):
    a = bots("culture").ask("普陀区文旅局2025年公车只有2辆，运行维护费怎么还要2.64万元？")
    assert "2.64" in figures(a) and ("4", "辆") in [(f.value, f.unit) for f in a.figures] and "与提问中的说法不同" in a.answer


def test_only_so_many_cars_claimed_is_the_count_asked(bots):
    a = bots("street").ask("石泉路街道到2025年底一共就5辆车，对吧？")
    assert figures(a)[0] == "10" and a.figures[0].unit == "辆" and "不符" in a.answer


def test_a_claimed_amount_that_is_last_years(bots):
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年机关运行经费只有121.31万元吗？")
    assert figures(a) == ["150.12", "28.81", "121.31"] and "提问中的数字是上年的" in a.answer
    assert a.figures[-1].derived


def test_last_years_amount_claimed_with_a_wrong_direction_gets_the_change(bots):
    a = bots("culture").ask("听说普陀区文旅局2025年机关运行经费是188.95万元，比2024年还多了，是真的吗？")
    assert figures(a) == ["166.45", "22.50", "11.91", "188.95"] and "减少" in a.answer and "提问中的数字是上年的" in a.answer


def test_a_part_whose_scene_names_the_whole_is_shared_of_it(bots):
    a = bots("culture").ask("普陀区文旅局2025年给中小企业预留的采购项目，最后中小企业中标的金额占预留预算的多少？")
    assert a.kind == "calculation" and figures(a) == ["53.12", "1913.49", "3602.16"]


def test_former_over_latter_after_two_turns_of_one_document(bots):
    """The street text: 机关运行经费支出 627.04 万元; “三公”经费财政拨款支出决算 37.35 万元."""
    b = bots("street")
    first = b.ask("石泉路街道2025年机关运行经费是多少？")
    second = b.ask("“三公”经费支出决算是多少？", first.session)
    a = b.ask("前者是后者的几倍？", second.session)
    assert a.kind == "calculation" and figures(a) == ["16.79", "627.04", "37.35"]


def test_the_same_year_of_another_department_then_former_over_latter(bots):
    """政府采购金额（以合同签订为准）: the culture text's 7571.90 万元, the street text's 1062.09 万元."""
    b = bots("finance,culture,street,urumqi")
    first = b.ask("普陀区文旅局2025年政府采购签了多少钱的合同？")
    second = b.ask("石泉路街道同年呢？", first.session)
    third = b.ask("前者是后者的几倍？", second.session)
    assert figures(first)[0] == "7571.90" and figures(second)[0] == "1062.09"
    assert third.kind == "calculation" and set(figures(third)) == {"7571.90", "1062.09", "7.13"}


def test_a_premise_in_money_keeps_the_money_unit_for_a_part_asked(bots):
    """"资本性支出为135.8万元，其中办公设备购置是多少": the finance PDF's 310 02 办公设备购置 13.58 万元."""
    a = bots("finance").ask("既然财政局2024年基本支出中的资本性支出为135.8万元，其中办公设备购置是多少？")
    assert figures(a)[0] == "13.58" and "135.8" not in a.answer


def test_a_second_ask_with_you_after_the_first(bots):
    """The street text's 政府采购: 面向中小企业预留 690.47 万元, 面向小微企业预留 293.72 万元."""
    a = bots("street").ask("石泉路街道2025年政府采购里专门留给中小企业的项目有多少钱？留给小微企业的又有多少？")
    assert figures(a) == ["690.47", "293.72"]


def test_the_lowest_execution_rate_with_its_operands(bots):
    """The Urumqi 自评表 of 房产交易业务经费: 全年预算数 186.19, 全年执行数 139.30, 执行率 74.82%."""
    a = bots("urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年的项目支出自评表里，哪个项目的资金执行率最低？是多少？")
    assert "房产交易业务经费" in a.answer and figures(a)[1:] == ["74.82", "139.30", "186.19"]


def test_a_department_named_with_a_later_year_than_its_document_is_not_compared(bots):
    """The Urumqi document is of 2023: "2025年的" of that department is not its 2023 figures."""
    a = bots("finance,culture,street,urumqi").ask("乌鲁木齐市住房保障和房产管理局2025年的“三公”经费和普陀区文旅局2025年比谁多？")
    assert a.kind == "refusal" and not a.figures and "2023 年度" in a.answer and "没有问题所说年度" in a.answer


def test_a_department_named_with_the_year_before_its_document_is_still_answered(bots):
    """"文旅局2024年" with the bureau's 2025 document: that document states the year before's change,
    so its 2024 figure is derived (166.45 + 22.50), never its 2025 figure under the year asked."""
    a = bots("finance,culture,street,urumqi").ask("普陀区文旅局2024年和财政局2024年的机关运行经费比一比")
    assert a.kind == "calculation" and a.calculation.expression == "188.95 − 184.65" and a.calculation.result == "4.30"
    assert {"188.95", "166.45", "22.50", "184.65"} <= set(figures(a))


def test_more_or_less_than_a_year_after_counts_is_the_subjects_money_change(bots):
    """The culture text: 公务接待 2 批次、24 人次 (no change stated); 公务接待费支出 0.40 万元, 增加 0.40, 增长 100%."""
    b = bots("culture")
    first = b.ask("普陀区文旅局2025年公务接待花了多少钱？")
    second = b.ask("接待了几批、多少人次？", first.session)
    a = b.ask("比2024年多还是少？", second.session)
    assert a.kind == "figure" and figures(a)[-2:] == ["0.40", "100"] and "增加" in a.answer


def test_of_them_foreign_guests_asked_as_the_message_before(bots):
    """"其中外宾呢？" after "接待了几批、多少人次？": 接待外宾 0 批次 and 0 人次, not the 2 批次 of all receptions."""
    b = bots("culture")
    first = b.ask("普陀区文旅局2025年公务接待花了多少钱？")
    second = b.ask("接待了几批、多少人次？", first.session)
    a = b.ask("其中外宾呢？", second.session)
    assert [(f.value, f.unit) for f in a.figures] == [("0", "批次"), ("0", "人次")]


def test_people_a_sentence_tells_one_by_one_are_added_up(bots):
    """The urumqi text line 148: 3 + 1 + 1 + 1 retired staff who died, told unit by unit."""
    b = bots("urumqi")
    first = b.ask("2023年死亡抚恤支出决算数是多少？")
    a = b.ask("这一年各单位一共去世了几名退休人员？", first.session)
    assert a.calculation.expression == "3 + 1 + 1 + 1" and a.calculation.result == "6"
    assert [(c.line_start, c.line_end) for c in a.citations] == [(148, 148)]
    held = b.ask("2023年末在职人员和退休人员一共多少人？")  # a sentence stating its own total is no list to add
    assert "逐一列出的人数" not in held.answer
