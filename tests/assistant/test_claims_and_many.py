"""Claims a question makes (exact, approximate, after "既然…"), the budget and rate beside a figure,
follow-ups over the last turns, and one store of several documents: each answer names its document;
ratios, shares, changes and glossary entries across documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.plan import Claim, claims
from checks import in_turn as ask
from checks import values as figures

ALL = "finance,culture,street,urumqi"


# -- claims -------------------------------------------------------------------------------------
def test_claims_read_how_approximately_they_are_said():
    assert claims("年初只安排了20万,最后花了62万多") == [Claim(Decimal("20"), "万", None, Decimal("10")), Claim(Decimal("62"), "万", "more", Decimal("1"))]
    assert claims("年初预算6千多万,最后只花了1700万左右") == [Claim(Decimal("6000"), "万", "more", Decimal("1000")), Claim(Decimal("1700"), "万", "about", Decimal("100"))]
    assert claims("超过30万元")[0].approx == "over"


@pytest.mark.parametrize(("doc", "question", "expected"), [
    # "既然…": the department is the document's own, the claim is checked; the part named last before 占 is the part
    # (and the share the narrative states of the same 0.40, which agrees)
    ("culture", "既然文旅局2025年“三公”经费实际花了30.4万元，那公务接待费占了其中多少？", [("13.16", "%"), ("0.40", "万元"), ("3.04", "万元"), ("13.16", "%")]),
    # a premise naming the department and the year before its subject
    ("street", "既然石泉路街道2025年一般公共预算财政拨款支出年初预算为25864.85万元，其完成年初预算的比例是多少？",
     [("87.10", "%"), ("21864.85", "万元"), ("19044.27", "万元")]),  # the budget the claim differs from is an operand already given
])
def test_a_premise_after_jiran_is_answered_and_corrected(bots, doc, question, expected):
    (a,) = ask(bots(doc), question)

    assert a.kind != "refusal" and figures(a) == expected
    assert "与提问中的说法不同" in a.answer or "不符" in a.answer
    assert a.unsupported_numbers() == []


def test_a_share_whose_whole_is_named_in_front_of_zhan(bots):
    (a,) = ask(bots("culture"), "文旅局基本支出里，绩效工资在工资福利支出中占了几成？给个百分比。")

    assert figures(a) == [("41.44", "%"), ("3202.68", "万元"), ("7728.96", "万元")]
    assert [c.page for c in a.citations] == [17, 17]


@pytest.mark.parametrize(("doc", "question", "expected", "reason"), [
    # the rate its sentence states, with the budget and spending; "62万多" is 62.51, not a contradiction
    ("street", "街道的群众文化支出年初只安排了20万，最后花了62万多，怎么回事？", [("312.55", "%"), ("20", "万元"), ("62.51", "万元")], "图书购置"),
    # no rate stated: the budget beside the spending; "6千多万", "1700万左右" agree with 6832.84 and 1700.57
    ("culture", "文化展示及纪念机构这一项，年初预算6千多万，最后只花了1700万左右，为什么差这么多？", [("1700.57", "万元"), ("6832.84", "万元")], "真如海心剧院"),
    ("finance", "财政局2024年一般公共预算的钱为什么没花完年初预算？", [("98.20", "%"), ("2993.92", "万元"), ("2940.05", "万元")], "信息化项目"),
])
def test_why_spending_differs_from_the_budget_gives_both_and_the_rate(bots, doc, question, expected, reason):
    (a,) = ask(bots(doc), question)

    assert a.intent == "reason" and figures(a) == expected and reason in a.answer
    assert "不同" not in a.answer and "不符" not in a.answer


# -- follow-ups -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("doc", "turns", "expected", "pages"), [
    ("finance", ["财政局2024年单位给职工交的住房公积金是多少？", "那购房补贴呢？", "这两项的年初预算分别是多少？"],
     [("187.75", "万元"), ("258.50", "万元")], [22, 22]),
    ("street", ["住房保障支出（类）住房改革支出（款）住房公积金（项）决算数是多少？", "那购房补贴（项）呢？", "这两项的年初预算合计是多少？"],
     [("861.86", "万元"), ("450.84", "万元"), ("411.02", "万元")], [37, 38]),
])
def test_these_two_on_another_basis_reads_each_subjects_narrative(bots, doc, turns, expected, pages):
    *_, a = ask(bots(doc), *turns)

    assert figures(a) == expected and [c.page for c in a.citations] == pages


def test_which_row_holds_the_budget_looks_back_past_a_rate(bots):
    *_, a = ask(bots("finance"), "财政拨款“三公”经费2024年的预算数是多少？", "实际决算数是多少？完成预算的百分之多少？", "其中预算安排在哪一项上？")

    assert figures(a) == [("0.95", "万元"), ("0.95", "万元")] and "公务接待费" in a.answer
    assert [c.page for c in a.citations] == [18, 18]


def test_income_is_not_answered_with_spending_and_its_change_is_the_next_sentences(bots):
    income, change, why = ask(bots("urumqi"), "2023年度政府性基金预算财政拨款本年收入是多少？", "与上年相比变化多少？", "主要原因是什么？")

    assert figures(income) == [("129100.00", "万元")] and income.citations[0].line_start == 192
    assert figures(change) == [("129100.00", "万元"), ("70547.46", "万元"), ("35.34", "%")] and "减少" in change.answer
    assert change.citations[-1].line_start == 194
    assert why.intent == "reason" and "棚户区改造" in why.answer and "一般公共预算" in why.answer


# -- several documents in one store ---------------------------------------------------------------
def test_each_answer_names_its_document_and_a_year_named_replaces_the_last(bots):
    first, again, street = ask(bots(ALL), "普陀区财政局2024年的人员经费是多少？", "那文旅局2025年呢？", "石泉路街道呢？")

    assert figures(first) == [("2152.26", "万元")] and first.answer.startswith("上海市普陀区财政局2024年度：")
    assert figures(again) == [("8055.07", "万元")] and "文化和旅游局2025年度" in again.answer
    assert figures(street) == [("12010.40", "万元")] and "石泉路街道办事处2025年度" in street.answer
    assert all(c.document for a in (first, again, street) for c in a.citations)
    assert all(a.unsupported_numbers() == [] for a in (first, again, street))


def test_the_two_last_answers_subtracted_in_a_message_of_two_asks(bots):
    *_, a = ask(bots(ALL), "乌鲁木齐市住房保障和房产管理局2023年度政府采购支出总额是多少？", "普陀区财政局2024年度政府采购金额呢？两者相差多少？")

    assert ("251.25", "万元") in figures(a) and ("208.68", "万元") in figures(a)
    assert "459.93 − 251.25" in a.answer


def test_a_year_after_every_document_is_the_future(bots):
    (a,) = ask(bots(ALL), "这四个部门2026年的预算分别是多少？")

    assert a.kind == "refusal" and a.figures == []


def test_a_ratio_across_documents_in_the_order_named(bots):
    (a,) = ask(bots(ALL), "乌鲁木齐住房局2023年的本年支出合计大约是普陀区财政局2024年的多少倍？")

    assert a.calculation is not None and a.calculation.expression == "636847.14 / 2940.05"
    assert ("216.61", "倍") in figures(a)


def test_shares_across_documents_ranked(bots):
    (a,) = ask(bots(ALL), "四份决算中，基本支出占本年支出合计比重最高的是哪个部门？各部门的比重分别是多少？")

    shares = [f.value for f in a.figures if f.unit == "%"]
    assert shares == ["79.49", "74.59", "36.93", "0.73"]
    assert "财政局" in a.answer.split("\n")[-1]


def test_changes_across_documents_when_the_subject_is_worded_otherwise(bots):
    (a,) = ask(bots(ALL), "这几个部门里，哪家的“三公”经费比上一年是增加的？增加了多少？")

    assert ("21.90", "万元") in figures(a) and ("141.75", "%") in figures(a)
    assert ("19.66", "万元") in figures(a) and ("19.69", "万元") in figures(a)
    assert "增加的是上海市普陀区人民政府石泉路街道办事处2025年度" in a.answer


def test_glossary_entries_across_documents(bots):
    (a,) = ask(bots(ALL), "普陀区财政局决算和乌鲁木齐市住房局决算的名词解释中，“财政拨款收入”的定义分别是怎么写的？")

    assert a.intent == "definition" and "本级财政部门" in a.answer and "同级财政当年拨付" in a.answer
    assert a.answer.index("普陀区财政局") < a.answer.index("乌鲁木齐")
    assert {c.document for c in a.citations} == {"上海市普陀区财政局2024年度", "乌鲁木齐市住房保障和房产管理局（汇总）2023年度"}


# -- two bases, listed columns, named tables, glosses -----------------------------------------------
@pytest.mark.parametrize(("doc", "question", "expected", "expression"), [
    # (with the rate the same sentence states for the two: 完成年初预算的 98.20%)
    ("finance", "财政局2024年一般公共预算财政拨款支出，年初预算和最后实际花的差了多少？", [("53.87", "万元"), ("2993.92", "万元"), ("2940.05", "万元"), ("98.20", "%")], "2993.92 − 2940.05"),
    ("urumqi", "房产交易业务经费这个项目，全年预算和实际执行差了多少万元？", [("46.89", "万元"), ("186.19", "万元"), ("139.30", "万元")], "186.19 − 139.30"),
])
def test_the_gap_between_one_subjects_budget_and_spending(bots, doc, question, expected, expression):
    (a,) = ask(bots(doc), question)

    assert a.kind == "calculation" and a.calculation.expression == expression and figures(a) == expected


def test_a_change_is_not_read_as_the_gap_between_the_figures_shown(bots):
    (a,) = ask(bots("street"), "石泉路街道的机关运行经费比去年省了多少？降了百分之几？")

    assert ("54.47", "万元") in figures(a) and ("7.99", "%") in figures(a) and a.calculation is None


def test_total_listed_with_other_columns_is_the_rows_total_column(bots):
    (a,) = ask(bots("culture"), "一般公共预算财政拨款支出决算表中，207 文化旅游体育与传媒支出（类）的合计、基本支出和项目支出分别是多少？")

    assert figures(a) == [("17127.62", "万元"), ("7374.19", "万元"), ("9753.43", "万元")] and a.citations[0].page == 15


def test_a_generic_total_row_of_the_table_named_and_the_narrative_that_differs(bots):
    (a,) = ask(bots("finance"), "财政拨款收入支出决算总表中，2024年度的总计（收入与支出总计）是多少？请以表中数字为准。")

    assert figures(a) == [("2961.68", "万元"), ("0.3", "万元")] and "不一致" in a.answer
    assert [c.page for c in a.citations] == [13, 21]


def test_everyday_words_glossed_by_terms_in_brackets(bots):
    (a,) = ask(bots("finance"), "财政局2024年基本支出里，花在人身上的钱和日常办公运转的钱（人员经费、公用经费）各是多少？")

    assert figures(a) == [("2336.91", "万元"), ("2152.26", "万元"), ("184.65", "万元")]  # 基本支出, named first, then its parts


# -- asks in one message and follow-ups ------------------------------------------------------------
def test_a_budget_of_0_yuan_and_why_the_spending_came(bots):
    _, a = ask(bots("street"), "街道2025年死亡抚恤花了多少钱？", "年初有没有给它做预算？为什么会有这笔支出？")

    assert set(figures(a)) == {("0", "元"), ("177.17", "万元")} and "追加预算" in a.answer
    assert 33 in {c.page for c in a.citations}


def test_a_premise_then_two_asks_each_answered(bots):
    (a,) = ask(bots("urumqi"), "既然2023年财政拨款“三公”经费全年预算数是52.60万元，那决算执行了多少，预决算差异率是多少？")

    assert figures(a)[0] == ("25.39", "万元") and ("-0.82", "%") in figures(a) and ("25.60", "万元") in figures(a)
    assert "52.60" not in a.answer


def test_how_big_and_how_much_it_is_worth(bots):
    (a,) = ask(bots("urumqi"), "住房局的房屋面积一共有多大，值多少钱？")

    assert figures(a) == [("37049.78", "平方米"), ("17520.64", "万元")] and a.citations[0].line_start == 245


def test_a_short_ask_after_a_count_reads_the_counts_subject(bots):
    (a,) = ask(bots("street"), "街道2025年做绩效自评的项目有多少个？涉及多少钱？平均打了多少分？")

    assert figures(a) == [("48", "个"), ("4974.93", "万元"), ("99.22", "分")] and a.citations[0].page == 40


def test_this_project_is_the_batch_just_named(bots):
    (a,) = ask(bots("urumqi"), "契税财政补贴第三批，原本打算发给多少人，实际发了多少人？这个项目自评得了几分？")

    assert ("503", "人") in figures(a) and ("487", "人") in figures(a) and ("99.70", "分") in figures(a)
    assert ("100.00", "分") not in figures(a)


def test_what_remains_of_a_whole_after_its_part_and_what_it_was_for(bots):
    *_, a = ask(bots("culture"), "文旅局2025年政府性基金预算财政拨款收入有多少？", "其中用于真如海心剧院精装修工程的是多少？", "那剩下的那一小笔用在了什么地方？")

    assert a.calculation is not None and a.calculation.expression == "2002.80 − 2000.00"
    assert figures(a)[0] == ("2.80", "万元") and "旅游厕所质量提升工程" in a.answer and a.citations[0].page == 29


def test_a_subject_named_by_what_its_money_was_for(bots):
    spent, budget, why = ask(bots("culture"), "文旅局旅游厕所质量提升那个项目花了多少？", "年初预算有多少？", "那为什么超预算了？")

    assert figures(spent) == [("2.80", "万元")] and "地方旅游开发项目补助" in spent.answer and spent.citations[0].page == 29
    assert figures(budget) == [("0", "万元")]
    assert "年中新增旅游发展基金补助地方项目资金预算" in why.answer


def test_a_purpose_named_is_not_a_figure_for_another_question(bots):
    (a,) = ask(bots("culture"), "旅游厕所质量提升工程什么时候完工？")

    assert a.kind == "refusal" and a.figures == []


# -- the second round's mechanisms ------------------------------------------------------------------
def test_a_narrative_subject_holding_a_column_word_is_not_that_column(bots):
    (a,) = ask(bots("urumqi"), "服务采购占政府采购支出总额的百分之多少？")

    assert figures(a) == [("67.86", "%"), ("312.12", "万元"), ("459.93", "万元")] and a.citations[0].line_start == 237


def test_a_share_within_a_whole_named_with_the_department_and_year(bots):
    (a,) = ask(bots("urumqi"), "住房局2023年政府采购里，服务采购占了总额的百分之多少？")

    assert figures(a)[0] == ("67.86", "%")


def test_spending_over_budget_asked_without_the_word_nianchu(bots):
    (a,) = ask(bots("street"), "根据“三公”经费支出决算表，公务用车运行维护费的决算数占预算数的比例是多少？（保留两位小数）")

    assert figures(a) == [("45.07", "%"), ("12.35", "万元"), ("27.40", "万元")] and a.citations[0].page == 24


def test_a_row_whose_narrative_transposes_its_name(bots):
    """The street narrative prints "其他社区城乡管理事务支出" for the row 其他城乡社区管理事务支出."""
    (a,) = ask(bots("street"), "主要发社工薪酬的“其他城乡社区管理事务支出”，实际比年初预算少花了多少？")

    assert figures(a) == [("382.43", "万元"), ("8064.54", "万元"), ("7682.11", "万元"), ("95.26", "%")]  # and the rate its sentence states


def test_a_part_the_tables_do_not_print_is_the_narratives(bots):
    (a,) = ask(bots("culture"), "政府性基金预算财政拨款支出中，真如海心剧院精装修工程支出决算是多少？")

    assert figures(a) == [("2000.00", "万元")] and a.citations[0].page == 30


def test_the_units_the_accounts_include(bots):
    (a,) = ask(bots("street"), "纳入石泉路街道办事处2025年度部门决算编制范围的下属单位有哪些？")
    (b,) = ask(bots("culture"), "文旅局的部门决算把哪些下属单位算进去了？")

    assert all(u in a.answer for u in ("综合行政执法队", "社区党群服务中心", "城市运行管理中心"))
    assert all(u in b.answer for u in ("执法大队", "文旅发展管理中心", "图书馆"))


def test_a_claim_checked_by_ok_and_its_part(bots):
    (a,) = ask(bots("street"), "街道2025年政府采购是1602.09万元对吧？其中服务采购多少？")
    (b,) = ask(bots("finance"), "听说财政局2024年政府采购搞了2512.5万元，其中服务类采购有多少？")

    assert ("1062.09", "万元") in figures(a) and ("712.08", "万元") in figures(a) and "1602.09" not in a.answer
    assert figures(b) == [("246.47", "万元"), ("251.25", "万元")] and "2512.5" not in b.answer


def test_a_clause_saying_what_the_words_meant_inside_the_question(bots):
    (a,) = ask(bots("finance"), "财政局2024年花在人身上的钱和日常办公运转的钱，也就是人员经费和公用经费，各是多少？")

    assert figures(a) == [("2152.26", "万元"), ("184.65", "万元")]


def test_a_change_stated_before_the_figure_and_asked_in_two_asks(bots):
    _, a = ask(bots("urumqi"), "2023年度政府性基金预算财政拨款本年支出是多少？", "与上年相比减少了多少？下降幅度是多少？")

    assert figures(a)[-2:] == [("70547.46", "万元"), ("35.34", "%")] and a.citations[-1].line_start == 194


@pytest.mark.parametrize(("question", "expected"), [
    ("哪个部门的公务用车保有量最多？有几辆？", [("17", "辆"), ("8", "辆"), ("4", "辆")]),
    ("普陀这三个部门里，哪个有政府性基金预算的钱？有多少？", [("2002.80", "万元")]),
    ("既然乌鲁木齐住房局2023年政府采购总额是4599.3万元，它比石泉路街道2025年的政府采购多多少？", [("459.93", "万元"), ("1062.09", "万元"), ("602.16", "万元")]),
])
def test_across_documents_subjects_named_by_their_end_or_a_fund(bots, question, expected):
    (a,) = ask(bots(ALL), question)

    assert figures(a) == expected


def test_two_departments_named_for_something_neither_states(bots):
    (a,) = ask(bots(ALL), "普陀区文旅局和石泉路街道各有多少在编人员？")

    assert a.kind == "refusal" and a.figures == []
    assert "文化和旅游局2025年度" in a.answer and "石泉路街道办事处2025年度" in a.answer


def test_a_term_of_the_template_is_not_rewritten_by_an_alias_inside_it(bots):
    (a,) = ask(bots("finance"), "财政局局本部的行政运行经费，实际花的比年初预算少了多少万元？")

    assert figures(a) == [("48.16", "万元"), ("1560.05", "万元"), ("1511.89", "万元")]


def test_people_in_all_then_each_kind(bots):
    (a,) = ask(bots("urumqi"), "乌鲁木齐住房局2023年实有多少人？在职的和退休的各多少？")

    assert figures(a)[:2] == [("359", "人"), ("242", "人")] and ("117", "人") in figures(a) and a.citations[0].line_start == 74


def test_a_budget_of_nothing_comes_with_the_reason_stated(bots):
    _, a = ask(bots("street"), "街道2025年死亡抚恤花了多少？", "它年初做预算了吗？")

    assert figures(a) == [("0", "元")] and "追加预算" in a.answer


def test_a_purpose_listed_over_several_lines(bots):
    (a,) = ask(bots("finance"), "财政局2024年一般公共预算的钱都花在了哪几大类上？")

    assert all(w in a.answer for w in ("一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"))
    assert (a.citations[0].line_start, a.citations[0].line_end) == (24, 27) and a.unsupported_numbers() == []


def test_the_other_item_of_a_whole_named_now(bots):
    _, a = ask(bots("culture"), "政府性基金预算财政拨款支出中，真如海心剧院精装修工程支出决算是多少？", "那另一项政府性基金支出用于什么、金额多少？")

    assert a.calculation.expression == "2002.80 − 2000.00" and figures(a)[0] == ("2.80", "万元") and "旅游厕所" in a.answer


def test_what_a_table_rows_money_was_for_and_why_it_had_no_budget(bots):
    _, used, why = ask(bots("street"), "街道减排专项支出花了多少？", "主要干什么用的？", "年初怎么没有预算？")

    assert "垃圾分类长效管理" in used.answer and used.citations[0].page == 35
    assert "此项目为 2025 年追加预算" in why.answer and "抚恤" not in why.answer


# -- the third round's mechanisms --------------------------------------------------------------------
def test_a_count_of_readers_is_not_the_librarys_spending(bots):
    (a,) = ask(bots("culture"), "普陀区图书馆2025年一共接待了多少借阅读者？")

    assert a.kind == "refusal" and a.figures == []


def test_money_asked_among_counts_named_alike(bots):
    (a,) = ask(bots("culture"), "文旅局2025年公务接待花了多少钱？接待了几批、多少人次？")

    assert figures(a)[:3] == [("0.40", "万元"), ("2", "批次"), ("24", "人次")]


def test_spending_under_budget_by_how_much_with_the_budget_stated_apart(bots):
    (a,) = ask(bots("finance"), "财政局2024年一般公共预算拨款实际花掉的钱，比年初预算少了多少万元？")

    assert figures(a) == [("53.87", "万元"), ("2993.92", "万元"), ("2940.05", "万元"), ("98.20", "%")]  # with the rate it states
    assert [c.line_start for c in a.citations] == [29] and a.unsupported_numbers() == []  # one sentence states both


def test_a_reason_passage_carries_the_figures_it_states_for_the_subject(bots):
    (a,) = ask(bots("finance"), "听说财政局2024年购房补贴花了358.50万元，比年初预算多出100万元，这是为什么？")

    assert ("258.50", "万元") in figures(a) and "358.50" not in a.answer.replace("358.50万元", "") and "基本持平" in a.answer


def test_it_against_another_departments_figure(bots):
    _, a = ask(bots(ALL), "乌鲁木齐市住房保障和房产管理局2023年度政府采购支出总额是多少？", "它比普陀区财政局2024年度的政府采购金额多多少？")

    assert a.calculation.expression == "459.93 − 251.25" and figures(a)[0] == ("208.68", "万元")


def test_a_bracketed_word_completes_the_name_across_documents(bots):
    (a,) = ask(bots(ALL), "文旅局、石泉路街道、乌鲁木齐房管局各有几辆公务用车（保有量）？")

    assert figures(a) == [("4", "辆"), ("8", "辆"), ("17", "辆")]


def test_two_terms_of_the_glossary_compared(bots):
    (a,) = ask(bots("street"), "决算里的“项目支出”是啥意思，跟基本支出有什么区别？")

    assert a.answer.index("项目支出：") < a.answer.index("基本支出：") and "基本支出之外" in a.answer
    assert [c.page for c in a.citations] == [43, 43]


def test_the_target_of_the_indicator_just_given(bots):
    (a,) = ask(bots("urumqi"), "契税财政补贴第三批，实际给多少人发了补贴？原定目标是多少人？")

    assert ("503", "人") in figures(a) and ("487", "人") in figures(a) and ("500", "人") not in figures(a)


def test_a_count_the_narrative_states_by_name_is_not_the_tables_counted(bots):
    counted, spent = ask(bots("urumqi"), "其他需说明的事项中，本年涉密项目有几个，涉及预算资金多少？", "它的执行数是多少？")

    assert figures(counted) == [("1", "个"), ("500000.00", "万元")] and counted.citations[0].line_start == 991
    assert figures(spent) == [("483911.04", "万元")]


def test_their_amount_after_their_count_and_score(bots):
    *_, a = ask(bots("culture"), "2025年度开展绩效自评的项目有多少个？", "平均得分呢？", "它们涉及的预算金额是多少？")

    assert figures(a) == [("12339.45", "万元")] and a.citations[0].page == 30


def test_the_projects_score_after_an_indicator_is_the_projects(bots):
    (a,) = ask(bots("urumqi"), "征收补偿工作经费那个项目，档案扫描实际做了多少卷？项目最后打了多少分？")

    assert ("497", "卷") in figures(a) and ("95.52", "分") in figures(a)


# -- the fourth round's mechanisms -------------------------------------------------------------------
@pytest.mark.parametrize(("doc", "question", "expected", "claimed"), [
    ("finance", "既然财政局2024年政府采购金额是521.25万元，那服务采购占了百分之多少？", [("98.10", "%"), ("246.47", "万元"), ("251.25", "万元")], "521.25"),
    ("culture", "既然文旅局2025年政府采购总额是5771.90万元，工程采购占了多大比例？", [("56.47", "%"), ("4276.20", "万元"), ("7571.90", "万元")], "5771.90"),
    ("street", "既然石泉路街道2025年政府采购金额有1620.09万元，服务类采购占比多少？", [("67.05", "%"), ("712.08", "万元"), ("1062.09", "万元")], "1620.09"),
])
def test_a_share_asked_of_a_claimed_whole_is_of_the_documents_whole(bots, doc, question, expected, claimed):
    (a,) = ask(bots(doc), question)

    assert figures(a)[:3] == expected and claimed not in a.answer and "不符" in a.answer


def test_a_share_asked_after_a_claimed_share_of_the_same_whole(bots):
    (a,) = ask(bots("street"), "城乡社区支出占一般公共预算财政拨款支出的81.33%，那住房保障支出占比是多少？")

    assert figures(a) == [("6.09", "%"), ("1160.04", "万元"), ("19044.27", "万元"), ("6.09", "%"), ("71.33", "%")]  # (6.09 computed, and as stated)
    assert "81.33" not in a.answer and "71.33%" in a.answer


def test_the_gap_from_the_budget_side(bots):
    (a,) = ask(bots("street"), "街道一般公共预算拨款年初预算和最后决算差了多少万元？")

    assert figures(a) == [("2820.58", "万元"), ("21864.85", "万元"), ("19044.27", "万元"), ("87.10", "%")]  # with the rate it states


def test_a_change_stated_apart_comes_with_the_amount_it_is_of(bots):
    (a,) = ask(bots("finance"), "2024年度一般公共预算财政拨款支出与2023年度相比增减情况如何（金额及幅度）？")

    assert figures(a)[0] == ("2940.05", "万元") and ("63.14", "万元") in figures(a) and ("2.10", "%") in figures(a) and "减少" in a.answer


def test_the_total_across_documents_not_a_part_named_alike(bots):
    (a,) = ask(bots(ALL), "四个部门的政府采购金额分别是多少？哪个部门最多？")

    assert figures(a) == [("7571.90", "万元"), ("1062.09", "万元"), ("459.93", "万元"), ("251.25", "万元")] and "文化和旅游局" in a.answer.split("。")[0]


def test_changes_across_documents_asked_as_up_or_down(bots):
    (a,) = ask(bots(ALL), "普陀财政局（2024）和文旅局（2025）的机关运行经费，跟各自上一年比分别是涨还是跌，变了多少？")

    assert [f for f in figures(a) if f[0] in ("2.55", "1.40", "22.50", "11.91")] == [("2.55", "万元"), ("1.40", "%"), ("22.50", "万元"), ("11.91", "%")]


def test_each_departments_year_before_derived_in_its_own_document(bots):
    (a,) = ask(bots(ALL), "按各自决算说明推算，文旅局和石泉路街道2024年度机关运行经费分别是多少？")

    assert figures(a)[0] == ("188.95", "万元") and ("681.51", "万元") in figures(a)
    assert a.answer.index("文化和旅游局") < a.answer.index("石泉路街道")


def test_the_sibling_total_row_of_the_last_answers_table(bots):
    _, a = ask(bots("finance"), "财政局2024年人员经费合计是多少？", "那公用经费呢？")

    assert figures(a) == [("184.65", "万元")] and a.citations[0].page == 17


def test_a_count_asked_after_money_named_alike(bots):
    *_, a = ask(bots("street"), "街道2025年三公经费实际花了多少？", "其中买车花了多少？", "那公务用车保有量是几辆？")

    assert figures(a) == [("8", "辆")] and a.citations[0].page == 40


def test_why_the_spending_was_below_its_budget_asked_with_its_budget(bots):
    *_, a = ask(bots("street"), "2120199其他城乡社区管理事务支出的决算数是多少？", "它主要用于哪些方面？", "年初预算是多少？决算数为什么小于预算数？")

    assert ("8064.54", "万元") in figures(a) and "社工薪酬" in a.answer and ("21864.85", "万元") not in figures(a)


@pytest.mark.parametrize(("doc", "question", "expected"), [
    ("culture", "文旅局基本支出里的商品和服务支出，哪些科目花了超过100万？", [("115.40", "万元"), ("914.38", "万元"), ("184.90", "万元")]),
    ("finance", "基本支出决算表“商品和服务支出”下，决算数超过20万元的经济科目有哪些？各多少？", [("21.21", "万元"), ("24.42", "万元"), ("42.77", "万元"), ("48.49", "万元")]),
])
def test_the_economic_items_under_a_row_above_an_amount(bots, doc, question, expected):
    (a,) = ask(bots(doc), question)

    assert a.intent == "table_children" and figures(a) == expected and a.unsupported_numbers() == []


def test_the_economic_items_at_or_above_an_amount(bots):
    (a,) = ask(bots("finance"), "基本支出决算表“商品和服务支出”下，决算数不少于24.42万元的经济科目有哪些？")

    assert figures(a) == [("24.42", "万元"), ("42.77", "万元"), ("48.49", "万元")] and "不少于" in a.answer


@pytest.mark.parametrize(("doc", "question", "asked", "stated"), [
    ("culture", "普陀区文化和旅游局2025年度绩效自评平均得分为93.38分，其中评级为“优”的项目有几个？", "43", "99.38"),
    ("street", "石泉路街道2025年项目绩效自评平均才89.22分，评为“优”的有几个项目？", "48", "99.22"),
])
def test_a_claimed_score_is_checked_and_its_words_ask_nothing(bots, doc, question, asked, stated):
    a = bots(doc).ask(question)
    assert a.kind == "figure" and [f.value for f in a.figures] == [asked, stated]
    assert "与提问中的说法不同" in a.answer and "93.38" not in a.answer and "89.22" not in a.answer


def test_a_premise_whose_subject_follows_its_first_number(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年那17辆车价值4336.6万元，平均一辆多少钱？")
    assert a.kind == "calculation" and [f.value for f in a.figures] == ["25.51", "433.66", "17"]
    assert "提问中的数字与文件不符" in a.answer


def test_a_claim_across_documents_is_checked_and_the_difference_computed(bots):
    a = bots("finance,culture,street,urumqi").ask("乌鲁木齐市住房保障和房产管理局2023年“三公”经费是52.39万元，比普陀区文化和旅游局2025年的“三公”经费高多少？")
    assert [f.value for f in a.figures] == ["25.39", "3.04", "22.35"]
    assert "提问中的数字与文件不符" in a.answer and "52.39" not in a.answer
