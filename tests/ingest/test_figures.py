"""ingest/figures.py and ingest/numbers.py: stated figures with subject, basis, change, share,
classification and reason, each quoted verbatim from its line span."""

from __future__ import annotations

from decimal import Decimal

import pytest

from corpus import CULTURE_TEXT
from ingest.numbers import find_numbers, label_kind
from ingest.pipeline import parse_file, parse_source
from ingest.read import source_from_bytes
from ingest.records import DocumentRecords, Figure
from ingest.text import Traced

D = Decimal
GENERAL = "一般公共预算财政拨款支出"
SANGONG = "财政拨款“三公”经费支出"


def one(figures: list[Figure], **where) -> Figure:
    """The single text figure matching every field in ``where`` (value as a string)."""
    found = [
        f
        for f in figures
        if f.origin == "text" and all((str(getattr(f, k)) if k == "value" else getattr(f, k)) == v for k, v in where.items())
    ]
    assert len(found) == 1, f"{len(found)} figures match {where}"
    return found[0]


def change(f: Figure) -> tuple | None:
    return (f.change.direction, f.change.amount_raw, f.change.percent_raw) if f.change else None


def share(f: Figure) -> tuple | None:
    return (f.share.raw, f.share.of) if f.share else None


# -- the bundled disclosure ----------------------------------------------------------------------

# 一般公共预算财政拨款支出决算具体情况, lines 138–164:
# (line, line_end of the statement, [类, 款, 项], value, change, reason starts with)
SPECIFIC = [
    (138, 138, ["社会保障和就业支出(类)", "行政事业单位养老支出(款)", "行政单位离退休(项)"], "36.61", ("增加", "13.80", "60.50"), "本年退休人员基础绩效奖金增资调整"),
    (140, 140, ["社会保障和就业支出(类)", "行政事业单位养老支出(款)", "事业单位离退休(项)"], "38.86", ("增加", "13.53", "53.41"), "本年事业单位退休人员基础绩效奖金增资调整"),
    (144, 144, ["社会保障和就业支出(类)", "行政事业单位养老支出(款)", "机关事业单位基本养老保险缴费支出(项)"], "402.41", ("增加", "28.06", "7.50"), "本年在职人员职级晋升"),
    (146, 146, ["社会保障和就业支出(类)", "行政事业单位养老支出(款)", "机关事业单位职业年金缴费支出(项)"], "40.43", ("增加", "35.80", "773.22"), "乌鲁木齐市住房保障和房产管理局本级本年退休人员增加"),
    (148, 148, ["社会保障和就业支出(类)", "抚恤(款)", "死亡抚恤(项)"], "68.96", ("增加", "68.96", "100.00"), "乌鲁木齐市住房保障和房产管理局本级本年有3名退休人员去世"),
    (150, 152, ["城乡社区支出(类)", "城乡社区管理事务(款)", "行政运行(项)"], "1,192.15", ("减少", "47.05", "3.80"), "乌鲁木齐市住房保障和房产管理局本级本年在职人员减少"),
    (154, 154, ["城乡社区支出(类)", "城乡社区管理事务(款)", "一般行政管理事务(项)"], "278.24", ("减少", "45.09", "13.95"), "乌鲁木齐市住房保障和房产管理局本级工作队调整"),
    (156, 156, ["城乡社区支出(类)", "城乡社区管理事务(款)", "其他城乡社区管理事务支出(项)"], "442.76", ("减少", "2,129.81", "82.79"), "功能科目调整"),
    (158, 158, ["城乡社区支出(类)", "其他城乡社区支出(款)", "其他城乡社区支出(项)"], "20,698.48", ("增加", "16,224.36", "362.63"), "功能科目调整"),
    (162, 162, ["住房保障支出(类)", "保障性安居工程支出(款)", "棚户区改造(项)"], "483,911.04", ("增加", "192,592.04", "66.11"), "功能科目调整"),
    (164, 164, ["灾害防治及应急管理支出(类)", "应急管理事务(款)", "灾害风险防治(项)"], "0.00", ("减少", "5.00", "100.00"), "本年无市第一次全国自然灾害综合风险普查"),
]


@pytest.mark.parametrize(("line", "end", "classification", "raw", "expected_change", "reason"), SPECIFIC, ids=[str(c[0]) for c in SPECIFIC])
def test_the_eleven_specific_items_of_general_budget_spending(bundled, line, end, classification, raw, expected_change, reason):
    f = one(bundled.figures, line_start=line, term="支出决算数")

    assert f.classification == classification
    assert f.subject == "".join(classification)
    assert (f.raw, f.value, f.unit, f.kind, f.basis) == (raw, D(raw.replace(",", "")), "万元", "amount", "本年决算")
    assert change(f) == expected_change
    assert f.change.amount == D(expected_change[1].replace(",", ""))
    assert f.change.percent == D(expected_change[2])
    assert (f.line_start, f.line_end) == (line, end)
    assert f.reason.startswith(reason)
    assert f.section == "五、一般公共预算财政拨款支出决算情况说明"
    assert f.section_path[-1] == "（三）一般公共预算财政拨款支出决算具体情况"


def test_the_eleven_items_are_all_the_classified_items_of_the_section(bundled):
    items = [f for f in bundled.figures if f.classification and len(f.classification) == 3 and 138 <= f.line_start <= 164]

    assert [f.line_start for f in items] == [c[0] for c in SPECIFIC]


@pytest.mark.parametrize(
    ("line", "subject", "raw", "percent"),
    [
        (132, "社会保障和就业支出(类)", "587.27", "0.12"),
        (133, "城乡社区支出(类)", "22,611.63", "4.46"),
        (134, "住房保障支出(类)", "483,911.04", "95.42"),
    ],
)
def test_the_three_class_totals_with_their_shares(bundled, line, subject, raw, percent):
    f = one(bundled.figures, line_start=line)

    assert (f.subject, f.classification, f.raw, f.unit, f.basis) == (subject, [subject], raw, "万元", "本年决算")
    assert share(f) == (percent, GENERAL)
    assert f.share.percent == D(percent)
    assert f.change is None


@pytest.mark.parametrize(
    ("line", "end", "classification", "raw", "expected_change"),
    [
        (198, 202, ["其他支出(类)", "其他政府性基金及对应专项债务收入安排的支出(款)", "其他地方自行试点项目收益专项债券收入安排的支出(项)"], "129,100.00", ("增加", "119,100.00", "1,191.00")),
        (207, 209, ["城乡社区支出(类)", "国有土地使用权出让收入安排的支出(款)", "棚户区改造支出(项)"], "0.00", ("减少", "188,947.46", "100.00")),
        (213, 215, ["城乡社区支出(类)", "城市基础设施配套费安排的支出(款)", "城市公共设施(项)"], "0.00", ("减少", "700.00", "100.00")),
    ],
)
def test_government_fund_items_wrapped_every_25_characters(bundled, line, end, classification, raw, expected_change):
    f = one(bundled.figures, line_start=line, term="支出决算数")

    assert (f.classification, f.raw, f.line_end) == (classification, raw, end)
    assert change(f) == expected_change
    assert f.section == "八、政府性基金预算财政拨款收入支出决算情况说明"


def test_three_public_expenses_with_change_and_reason(bundled):
    total = one(bundled.figures, line_start=176, subject=SANGONG)

    assert (total.raw, total.unit, total.basis, total.parent) == ("25.39", "万元", "本年决算", None)
    assert change(total) == ("减少", "19.69", "43.68")
    assert total.reason == "我系统单位严格控制财政拨款“三公”经费,节约车辆经费开支,减少不必要支出。"
    assert total.reason_quote == "我系统单位严格控制财政拨款“三公”经费，节约车辆经费开支，减少不必要支出。"


@pytest.mark.parametrize(
    ("subject", "raw", "percent", "expected_change", "reason_quote"),
    [
        ("因公出国（境）费支出", "0.00", "0.00", ("增加", "0.00", "0.00"), "我单位无因公出国（境）费"),
        ("公务用车购置及运行维护费支出", "25.39", "100.00", ("减少", "19.69", "43.68"), "我系统单位严格控制公务用车购置及运行维护费，节约车辆经费开支，减少不必要支出"),
        ("公务接待费支出", "0.00", "0.00", ("增加", "0.00", "0.00"), "我单位无公务接待费。"),
    ],
)
def test_the_three_parts_of_three_public_expenses(bundled, subject, raw, percent, expected_change, reason_quote):
    f = one(bundled.figures, line_start=176, subject=subject)

    assert (f.raw, f.parent) == (raw, SANGONG)
    assert share(f) == (percent, SANGONG)
    assert change(f) == expected_change
    assert f.reason_quote == reason_quote


@pytest.mark.parametrize(
    ("subject", "term", "basis", "raw", "unit"),
    [
        (SANGONG, "全年预算数", "全年预算", "25.60", "万元"),
        (SANGONG, "决算数", "本年决算", "25.39", "万元"),
        (SANGONG, "预决算差异率", "预决算差异率", "-0.82", "%"),
        ("公务用车运行费", "全年预算数", "全年预算", "25.60", "万元"),
        ("公务用车运行费", "预决算差异率", "预决算差异率", "-0.82", "%"),
        ("公务接待费", "全年预算数", "全年预算", "0.00", "万元"),
    ],
)
def test_three_public_expenses_against_the_full_year_budget(bundled, subject, term, basis, raw, unit):
    f = one(bundled.figures, subject=subject, term=term)

    assert (f.basis, f.raw, f.unit) == (basis, raw, unit)
    assert f.value == D(raw)
    assert f.line_start in (186, 188)


def test_the_budget_difference_of_three_public_expenses_is_its_stated_rate(bundled):
    budget = one(bundled.figures, subject=SANGONG, term="全年预算数").value
    final = one(bundled.figures, subject=SANGONG, term="决算数").value
    rate = one(bundled.figures, subject=SANGONG, term="预决算差异率").value

    assert ((final - budget) / budget * 100).quantize(D("0.01")) == rate == D("-0.82")


@pytest.mark.parametrize(
    ("subject", "raw", "parent"),
    [("实有人数", "359", None), ("在职人员", "242", "实有人数"), ("离休人员", "0", "实有人数"), ("退休人员", "117", "实有人数")],
)
def test_staff_numbers_across_a_page_break(bundled, subject, raw, parent):
    f = one(bundled.figures, subject=subject, line_start=74)

    assert (f.raw, f.unit, f.kind, f.basis, f.parent, f.line_end) == (raw, "人", "count", "本年", parent, 76)
    assert f.quote == "乌鲁木齐市住房保障和房产管理局（汇总）2023年度，实有人数359人，其中：在职人员242人，离休人员0人，退休人员 117 人。"


def test_government_procurement_and_its_three_parts(bundled):
    total = one(bundled.figures, subject="政府采购支出总额")
    parts = [one(bundled.figures, subject=s) for s in ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")]

    assert (total.raw, total.line_start, total.line_end) == ("459.93", 237, 237)
    assert [p.raw for p in parts] == ["147.81", "0.00", "312.12"]
    assert {p.parent for p in parts} == {"政府采购支出总额"}
    assert sum(p.value for p in parts) == total.value


def test_small_business_contracts_are_shares_of_procurement(bundled):
    sme = one(bundled.figures, subject="授予中小企业合同金额")
    micro = one(bundled.figures, subject="授予小微企业合同金额")

    assert (sme.raw, share(sme)) == ("435.61", ("94.71", "政府采购支出总额"))
    assert (micro.raw, share(micro), micro.parent) == ("435.09", ("94.60", "政府采购支出总额"), "授予中小企业合同金额")
    assert (micro.line_start, micro.line_end) == (239, 241)


def test_office_running_costs_with_change_and_reason(bundled):
    f = one(bundled.figures, line_start=231)

    assert f.subject == "(行政单位和参照公务员法管理事业单位)机关运行经费支出"
    assert (f.raw, f.unit, f.basis) == ("150.12", "万元", "本年决算")
    assert change(f) == ("增加", "28.81", "23.75")
    assert f.reason == "乌鲁木齐市住房保障和房产管理局本级本年办公费支出增加;乌鲁木齐市住房保障中心本年办公费、福利费增加,相应机关运行经费增加。"
    assert f.reason_quote == f.reason  # the line is written with ASCII punctuation
    assert (f.reason_lines.line_start, f.reason_lines.line_end) == (231, 231)


@pytest.mark.parametrize(
    ("line", "end", "subject", "term", "basis", "raw", "unit"),
    [
        (118, 118, "财政拨款收入支出", "年初预算数", "年初预算", "531,862.79", "万元"),
        (118, 118, "财政拨款收入支出", "决算数", "本年决算", "636,336.64", "万元"),
        (118, 118, "财政拨款收入支出", "预决算差异率", "预决算差异率", "19.64", "%"),
        (126, 128, GENERAL, "年初预算数", "年初预算", "6,862.79", "万元"),
        (126, 128, GENERAL, "预决算差异率", "预决算差异率", "7,289.27", "%"),
        (194, 194, "政府性基金预算财政拨款收入支出", "年初预算数", "年初预算", "525,000.00", "万元"),
        (194, 194, "政府性基金预算财政拨款收入支出", "预决算差异率", "预决算差异率", "-75.41", "%"),
    ],
)
def test_budget_bases_take_their_subject_from_the_section(bundled, line, end, subject, term, basis, raw, unit):
    f = one(bundled.figures, line_start=line, term=term)

    assert (f.subject, f.basis, f.raw, f.unit, f.line_end) == (subject, basis, raw, unit, end)


def test_the_budget_difference_rate_spanning_a_page_break_keeps_its_reason(bundled):
    f = one(bundled.figures, line_start=126, term="预决算差异率")

    assert f.quote == "与年初预算相比，年初预算数 6,862.79 万元，决算数 507,109.93 万元，预决算差异率7,289.27%"
    assert (f.reason_lines.line_start, f.reason_lines.line_end) == (128, 128)
    assert f.reason.startswith("本年系统单位人员变动")


def test_general_budget_spending_with_share_and_change(bundled):
    f = one(bundled.figures, line_start=126, subject=GENERAL, term=None)

    assert (f.raw, f.line_end) == ("507,109.93", 126)
    assert share(f) == ("79.63", "本年支出合计")
    assert change(f) == ("增加", "206,749.59", "68.83")


@pytest.mark.parametrize(
    ("subject", "term", "basis", "raw", "unit"),
    [
        ("涉密项目", None, "本年", "1", "个"),
        ("涉密项目涉及预算资金", None, "本年决算", "500,000.00", "万元"),
        ("涉密项目", "执行数", "执行数", "483,911.04", "万元"),
    ],
)
def test_classified_projects_at_line_991(bundled, subject, term, basis, raw, unit):
    f = one(bundled.figures, line_start=991, subject=subject, term=term)

    assert (f.basis, f.raw, f.unit) == (basis, raw, unit)
    assert f.section == "十二、其他需说明的事项"


@pytest.mark.parametrize(
    ("line", "subject", "raw", "parent"),
    [
        (98, "收入总计", "637,229.42", None),
        (98, "本年收入合计", "636,952.54", "收入总计"),
        (98, "年初结转和结余", "229.10", "收入总计"),
        (100, "年末结转和结余", "382.28", "支出总计"),
        (114, "本年财政拨款支出", "636,209.93", "财政拨款支出总计"),
        (168, "人员经费", "4,213.97", "一般公共预算财政拨款基本支出"),
        (172, "公用经费", "403.48", None),
        (182, "公务用车保有量", "17", None),
        (245, "固定资产原值", "22,415.73", None),
        (245, "房屋价值", "17,520.64", None),
        (245, "车辆价值", "433.66", None),
        (245, "其他用车", "17", "车辆"),
    ],
)
def test_totals_and_their_parts(bundled, line, subject, raw, parent):
    f = one(bundled.figures, line_start=line, subject=subject)

    assert (f.raw, f.parent) == (raw, parent)


@pytest.mark.parametrize(
    ("line", "subject", "raw", "percent"),
    [
        (106, "财政拨款收入", "636,235.98", "99.89"),
        (106, "其他收入", "716.56", "0.11"),
        (110, "基本支出", "4,669.66", "0.73"),
        (110, "项目支出", "632,177.48", "99.27"),
    ],
)
def test_income_and_spending_shares(bundled, line, subject, raw, percent):
    f = one(bundled.figures, line_start=line, subject=subject)
    parent = "本年收入" if line == 106 else "本年支出"

    assert (f.raw, f.parent, share(f)) == (raw, parent, (percent, parent))


def test_a_change_without_a_current_value_is_its_own_figure(bundled):
    f = one(bundled.figures, line_start=102)

    assert (f.subject, f.basis, f.raw) == ("收入支出总体", "比上年增减", "136,749.69")
    assert change(f) == ("增加", "136,749.69", "27.32")
    assert f.reason.startswith("一是本年在职人员工资调增,人员经费增加；二是新增")
    assert f.reason.endswith("中小企业历年建设等项目经费增加。")


@pytest.mark.parametrize("document", ["bundled", "edu"])
def test_a_reason_over_several_clauses_keeps_each_separator_once(document, request):
    reasons = [f.reason for f in request.getfixturevalue(document).figures if f.reason]

    assert reasons
    assert not [r for r in reasons if "；；" in r or ";；" in r]
    assert not [r for r in reasons if r.endswith(("；", ";", "，", ","))]


@pytest.mark.parametrize("document", ["bundled", "edu"])
def test_every_quote_is_verbatim_original_text_within_its_line_span(document, request):
    records = request.getfixturevalue(document)
    lines = records.lines
    for f in records.figures:
        span = "".join(line for line in lines[f.line_start - 1 : f.line_end] if line.strip())
        at = span.find(f.quote)
        assert at != -1, (f.line_start, f.subject)
        assert at < len(lines[f.line_start - 1])  # it starts on its first line …
        assert at + len(f.quote) > len(span) - len(lines[f.line_end - 1])  # … and ends on its last
        assert f.raw.replace("-", "").split(",")[0] in f.quote
        if f.reason_quote is not None:
            reason_span = "".join(line for line in lines[f.reason_lines.line_start - 1 : f.reason_lines.line_end] if line.strip())
            assert f.reason_quote in reason_span


def test_figure_ids_are_stable_and_unique(bundled, edu):
    ids = [f.id for f in bundled.figures]

    assert len(ids) == len(set(ids))
    assert all(i.startswith("urumqi-housing-2023:f") for i in ids)
    assert not set(ids) & {f.id for f in edu.figures}


# -- the second document -------------------------------------------------------------------------

EDU_FIGURES = [
    # (line_start, line_end, subject, term, basis, raw, unit, parent, share, change)
    (17, 18, "实有人数", None, "本年", "1,086", "人", None, None, None),
    (17, 18, "在职人员", None, "本年", "812", "人", "实有人数", None, None),
    (17, 18, "离休人员", None, "本年", "3", "人", "实有人数", None, None),
    (17, 18, "退休人员", None, "本年", "271", "人", "实有人数", None, None),
    (23, 23, "收入总计", None, "本年决算", "58,432.17", "万元", None, None, None),
    (23, 23, "年初结转和结余", None, "本年决算", "411.92", "万元", "收入总计", None, None),
    (23, 23, "年末结转和结余", None, "本年决算", "791.34", "万元", "支出总计", None, None),
    (24, 24, "收入支出总体", None, "比上年增减", "2,315.60", "万元", None, None, ("减少", "2,315.60", "3.81")),
    (28, 28, "财政拨款收入", None, "本年决算", "55,012.40", "万元", "本年收入", ("95.01", "本年收入"), None),
    (28, 28, "事业收入", None, "本年决算", "2,650.35", "万元", "本年收入", ("4.58", "本年收入"), None),
    (28, 28, "其他收入", None, "本年决算", "237.50", "万元", "本年收入", ("0.41", "本年收入"), None),
    (30, 30, "基本支出", None, "本年决算", "41,230.11", "万元", "本年支出", ("71.53", "本年支出"), None),
    (30, 30, "项目支出", None, "本年决算", "16,410.72", "万元", "本年支出", ("28.47", "本年支出"), None),
    (32, 32, "本年财政拨款收入", None, "本年决算", "55,012.40", "万元", "财政拨款收入总计", None, None),
    (32, 34, "财政拨款支出总计", None, "本年决算", "55,300.00", "万元", None, None, None),
    (32, 34, "本年财政拨款支出", None, "本年决算", "54,787.73", "万元", "财政拨款支出总计", None, None),
    (35, 35, "财政拨款收入支出总体", None, "比上年增减", "1,870.25", "万元", None, None, ("减少", "1,870.25", "3.27")),
    (35, 36, "财政拨款收入支出总体", "年初预算数", "年初预算", "52,000.00", "万元", None, None, None),
    (35, 36, "财政拨款收入支出总体", "预决算差异率", "预决算差异率", "6.35", "%", None, None, None),
    (39, 39, GENERAL, None, "本年决算", "53,987.73", "万元", None, ("93.66", "本年支出合计"), ("减少", "1,102.48", "2.00")),
    (39, 39, GENERAL, "年初预算数", "年初预算", "51,200.00", "万元", None, None, None),
    (39, 39, GENERAL, "预决算差异率", "预决算差异率", "5.44", "%", None, None, None),
    (41, 41, "教育支出（类）", None, "本年决算", "50,112.30", "万元", None, ("92.82", GENERAL), None),
    (42, 42, "社会保障和就业支出（类）", None, "本年决算", "3,201.15", "万元", None, ("5.93", GENERAL), None),
    (43, 43, "住房保障支出（类）", None, "本年决算", "674.28", "万元", None, ("1.25", GENERAL), None),
    (53, 53, "一般公共预算财政拨款基本支出", None, "本年决算", "40,980.11", "万元", None, None, None),
    (53, 53, "人员经费", None, "本年决算", "38,760.45", "万元", "一般公共预算财政拨款基本支出", None, None),
    (53, 53, "公用经费", None, "本年决算", "2,219.66", "万元", None, None, None),
    (55, 55, SANGONG, None, "本年决算", "18.40", "万元", None, None, ("增加", "2.10", "12.88")),
    (55, 55, "因公出国（境）费支出", None, "本年决算", "0.00", "万元", SANGONG, ("0.00", SANGONG), ("增加", "0.00", "0.00")),
    (55, 56, "公务用车购置及运行维护费支出", None, "本年决算", "15.60", "万元", SANGONG, ("84.78", SANGONG), ("增加", "2.60", "20.00")),
    (56, 56, "公务接待费支出", None, "本年决算", "2.80", "万元", SANGONG, ("15.22", SANGONG), ("减少", "0.50", "15.15")),
    (57, 57, SANGONG, "全年预算数", "全年预算", "20.00", "万元", None, None, None),
    (57, 57, SANGONG, "决算数", "本年决算", "18.40", "万元", None, None, None),
    (57, 57, SANGONG, "预决算差异率", "预决算差异率", "-8.00", "%", None, None, None),
    (64, 64, "（行政单位和参照公务员法管理事业单位）机关运行经费支出", None, "本年决算", "310.55", "万元", None, None, ("减少", "20.45", "6.18")),
    (66, 66, "政府采购支出总额", None, "本年决算", "1,280.50", "万元", None, None, None),
    (66, 66, "政府采购货物支出", None, "本年决算", "860.20", "万元", "政府采购支出总额", None, None),
    (66, 66, "政府采购工程支出", None, "本年决算", "300.00", "万元", "政府采购支出总额", None, None),
    (66, 66, "政府采购服务支出", None, "本年决算", "120.30", "万元", "政府采购支出总额", None, None),
    (66, 66, "授予中小企业合同金额", None, "本年决算", "1,100.00", "万元", None, ("85.90", "政府采购支出总额"), None),
    (68, 68, "固定资产原值", None, "本年决算", "96,540.12", "万元", None, None, None),
    (68, 68, "车辆", None, "本年", "9", "辆", None, None, None),
    (68, 68, "车辆价值", None, "本年决算", "210.30", "万元", None, None, None),
    (68, 68, "执法执勤用车", None, "本年", "2", "辆", "车辆", None, None),
    (68, 68, "单价100万元（含）以上设备（不含车辆）", None, "本年", "3", "台（套）", None, None, None),  # not a part of 车辆: another unit
    (70, 70, "预算绩效评价项目", None, "本年", "2", "个", None, None, None),
    (70, 70, "预算绩效评价项目", "全年预算数", "全年预算", "1,300.00", "万元", None, None, None),
    (70, 70, "预算绩效评价项目", "全年执行数", "执行数", "1,288.40", "万元", None, None, None),
]


@pytest.mark.parametrize("expected", EDU_FIGURES, ids=[f"{e[0]}-{e[2]}-{e[3] or e[4]}" for e in EDU_FIGURES])
def test_the_second_documents_figures(edu, expected):
    line, end, subject, term, basis, raw, unit, parent, expected_share, expected_change = expected
    f = one(edu.figures, line_start=line, subject=subject, term=term, basis=basis)

    assert (f.line_end, f.raw, f.value, f.unit, f.parent) == (end, raw, D(raw.replace(",", "")), unit, parent)
    assert share(f) == expected_share
    assert change(f) == expected_change


@pytest.mark.parametrize(
    ("line", "end", "classification", "raw", "expected_change", "reason"),
    [
        (45, 46, ["教育支出（类）", "普通教育（款）", "高中教育（项）"], "12,480.60", ("增加", "980.60", "8.53"), "新建高中投入使用,教师人数增加。"),
        (47, 48, ["教育支出（类）", "普通教育（款）", "初中教育（项）"], "37,631.70", ("减少", "2,083.08", "5.25"), "校舍维修项目完工。"),
        (50, 50, ["社会保障和就业支出（类）", "行政事业单位养老支出（款）", "机关事业单位基本养老保险缴费支出（项）"], "3,201.15", ("增加", "201.15", "6.71"), "缴费基数调整。"),
        (51, 51, ["住房保障支出（类）", "住房改革支出（款）", "住房公积金（项）"], "674.28", ("增加", "12.28", "1.85"), "缴存基数调整。"),
    ],
)
def test_the_second_documents_specific_items(edu, line, end, classification, raw, expected_change, reason):
    f = one(edu.figures, line_start=line, term="支出决算数")

    assert (f.classification, f.raw, f.line_end, f.reason) == (classification, raw, end, reason)
    assert change(f) == expected_change


def test_a_reason_after_a_page_break_belongs_to_its_statement(edu):
    f = one(edu.figures, line_start=24)

    assert f.reason == "学校基建项目完工,项目支出减少。"
    assert f.reason_quote == "学校基建项目完工，项目支出减少。"
    assert (f.reason_lines.line_start, f.reason_lines.line_end) == (26, 26)


def test_the_second_documents_parts_add_up(edu):
    def value(subject, line):
        return one(edu.figures, subject=subject, line_start=line, term=None).value

    assert value("财政拨款收入", 28) + value("事业收入", 28) + value("其他收入", 28) == value("本年收入", 28)
    assert value("基本支出", 30) + value("项目支出", 30) == value("本年支出", 30)
    assert sum(value(s, 66) for s in ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")) == value("政府采购支出总额", 66)
    classes = sum(one(edu.figures, line_start=line).value for line in (41, 42, 43))
    assert classes == value(GENERAL, 39)


# -- classified items cut into several blocks --------------------------------------------------
# A numbered 类/款/项 item is laid out as several blocks wherever a wrapped line happens to end with
# 。; the paragraphs after its heading still state its figures and reasons.

SPECIFIC_SECTION = "（三）一般公共预算财政拨款支出决算具体情况"


@pytest.fixture(scope="module")
def culture() -> DocumentRecords:
    return parse_file(CULTURE_TEXT)


# (item, classification, 年初预算, 本年决算, line of the statement, reason of the final amount)
CULTURE_CUT_ITEMS = [
    # "…（款）" / "事业单位离退休（项）。主要用于：…。" / "年初预算为 …"
    (15, ["社会保障和就业支出（类）", "行政事业单位养老支出（款）", "事业单位离退休（项）"], "365.56", "361.85", 552, "事业退休人员变动调整。"),
    # half-width brackets, 项 on the second line, "决算数与预算数持平。" on a line of its own
    (18, ["社会保障和就业支出(类)", "行政事业单位养老支出(款)", "其他行政事业单位养老支出(项)"], "4.84", "4.84", 564, None),
    # the heading line ends with 。; "33.16" at a line end, "万元" on the next line
    (19, ["社会保障和就业支出（类）", "抚恤（款）", "死亡抚恤（项）"], "0", "33.16", 567, "根据实际情况相应调整。"),
    (23, ["住房保障支出（类）", "住房改革支出（款）", "住房公积金（项）"], "459.72", "403.71", 585, "人员变动及住房公积金基数调整。"),
    (24, ["住房保障支出（类）", "住房改革支出（款）", "购房补贴（项）"], "194.16", "191.93", 589, "行政机关人员变动。"),
]


@pytest.mark.parametrize(("item", "classification", "budget", "final", "line", "reason"), CULTURE_CUT_ITEMS, ids=[str(c[0]) for c in CULTURE_CUT_ITEMS])
def test_an_item_cut_after_its_heading_keeps_its_classification(culture, item, classification, budget, final, line, reason):
    subject = "".join(classification)
    initial = one(culture.figures, subject=subject, basis="年初预算")
    spent = one(culture.figures, subject=subject, basis="本年决算")

    assert (initial.classification, initial.value, initial.unit, initial.line_start) == (classification, D(budget), "万元", line)
    assert (spent.classification, spent.value, spent.unit, spent.line_start) == (classification, D(final), "万元", line)
    assert spent.reason == reason
    assert spent.section_path[-1] == SPECIFIC_SECTION


def test_every_item_of_the_culture_documents_specific_section_is_classified(culture):
    stated = [f for f in culture.figures if f.section_path[-1] == SPECIFIC_SECTION and f.basis in ("年初预算", "本年决算")]
    items = [f for f in stated if f.classification and len(f.classification) == 3]

    assert len(stated) - len(items) == 2  # the section total's 年初预算 and 本年决算
    assert len(items) == 48
    assert len({f.subject for f in items}) == 24


@pytest.mark.parametrize(
    ("classification", "reason"),
    [
        (["文化旅游体育与传媒支出（类）", "文化和旅游（款）", "图书馆（项）"], "区图书馆人员职级职位变动,人员经费支出增加。"),
        (["社会保障和就业支出（类）", "行政事业单位养老支出（款）", "机关事业单位基本养老保险缴费支出（项）"], "人员变动及社保基数调整。"),
        (["社会保障和就业支出（类）", "行政事业单位养老支出（款）", "机关事业单位职业年金缴费支出（项）"], "人员变动及社保基数调整。"),
    ],
    ids=["图书馆", "基本养老保险缴费", "职业年金缴费"],
)
def test_a_reason_on_the_line_after_an_items_figures_explains_its_final_amount(culture, classification, reason):
    assert one(culture.figures, subject="".join(classification), basis="本年决算").reason == reason


ITEM_HEAD = [
    "某某市某某局",
    "2024年度部门决算公开说明",
    "第二部分 2024年度部门决算情况说明",
    "五、一般公共预算财政拨款支出决算情况说明",
    "（三）一般公共预算财政拨款支出决算具体情况",
    "一般公共预算财政拨款支出年初预算为 900.00 万元，支出决算为 880.00 万元。其中：",
]
ITEM_TAIL = ["六、一般公共预算财政拨款基本支出决算情况说明", "一般公共预算财政拨款基本支出 12.00 万元。"]
PENSION = ["社会保障和就业支出（类）", "行政事业单位养老支出（款）", "事业单位离退休（项）"]
PENSION_HALF = ["社会保障和就业支出(类)", "行政事业单位养老支出(款)", "事业单位离退休(项)"]

# layout → (classification, 年初预算, 本年决算, reason of the final amount)
ITEM_LAYOUTS = {
    "项 on the second line, figures after a line ending in 。": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）", "事业单位离退休（项）。主要用于：退休人员支出。", "年初预算为 120.50 万元，支出决算为 118.25 万元。决算数小于", "预算数的主要原因：退休人员减少。"],
        (PENSION, "120.50", "118.25", "退休人员减少。"),
    ),
    "款 name broken over the line": (
        ["1、社会保障和就业支出（类）行政事业单位养老", "支出（款）事业单位离退休（项）。主要用于：退休人员支出。", "年初预算为 120.50 万元，支出决算为 118.25 万元。"],
        (PENSION, "120.50", "118.25", None),
    ),
    "the classification broken by a page break": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）", "", "", "事业单位离退休（项）。主要用于：退休人员支出。", "年初预算为 120.50 万元，支出决算为 118.25 万元。"],
        (PENSION, "120.50", "118.25", None),
    ),
    "the whole classification on a heading line ending in 。": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）。", "主要用于：退休人员支出。年初预算为 120.50 万元，支出决算为 118.25 万元。"],
        (PENSION, "120.50", "118.25", None),
    ),
    "a heading line without 。 joined to 主要用于": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）", "主要用于：退休人员支出。年初预算为 120.50 万元，支出决算为 118.25 万元。"],
        (PENSION, "120.50", "118.25", None),
    ),
    "half-width brackets, 项 on the second line": (
        ["1、社会保障和就业支出(类)行政事业单位养老支出(款)", "事业单位离退休(项)。主要用于：退休人员支出。", "年初预算为 120.50 万元，支出决算为 118.25 万元。"],
        (PENSION_HALF, "120.50", "118.25", None),
    ),
    "half-width brackets, heading without 。": (
        ["1、社会保障和就业支出(类)行政事业单位养老支出(款)事业单位离退休(项)", "主要用于：退休人员支出。", "年初预算为 120.50 万元，支出决算为 118.25 万元。"],
        (PENSION_HALF, "120.50", "118.25", None),
    ),
    "a number at a line end, its unit on the next line": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）。", "主要用于：退休人员支出。年初预算为 0 万元，支出决算为 118.25", "万元。决算数大于预算数的主要原因：年中追加。"],
        (PENSION, "0", "118.25", "年中追加。"),
    ),
    "a number before a page break, its unit after it": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）。", "主要用于：退休人员支出。年初预算为 0 万元，支出决算为 118.25", "", "", "万元。决算数大于预算数的主要原因：年中追加。"],
        (PENSION, "0", "118.25", "年中追加。"),
    ),
    "the reason on a paragraph of its own": (
        ["1、社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）。主要用于：", "退休人员支出。年初预算为 120.50 万元，支出决算为 118.25 万元。", "决算数小于预算数的主要原因：退休人员减少。"],
        (PENSION, "120.50", "118.25", "退休人员减少。"),
    ),
}


def _items_document(body: list[str]) -> DocumentRecords:
    text = "\n".join(ITEM_HEAD + body + ITEM_TAIL) + "\n"
    return parse_source(source_from_bytes(text.encode("utf-8"), "mouxx-items-2024-final-accounts.txt"))


@pytest.mark.parametrize(("body", "expected"), ITEM_LAYOUTS.values(), ids=ITEM_LAYOUTS.keys())
def test_an_items_layout_does_not_change_its_figures(body, expected):
    classification, budget, final, reason = expected
    doc = _items_document(body)
    items = [f for f in doc.figures if f.classification]

    assert [(f.basis, f.raw, f.unit, f.classification, f.subject) for f in items] == [
        ("年初预算", budget, "万元", classification, "".join(classification)),
        ("本年决算", final, "万元", classification, "".join(classification)),
    ]
    assert items[1].reason == reason
    # the section's total before the item and the next section's figure after it keep their own subjects
    assert [(f.subject, f.raw) for f in doc.figures if not f.classification] == [(GENERAL, "900.00"), (GENERAL, "880.00"), ("一般公共预算财政拨款基本支出", "12.00")]


def test_an_open_item_ends_where_the_next_item_or_subject_begins():
    doc = _items_document([
        "1、社会保障和就业支出（类）抚恤（款）死亡抚恤（项）。",
        "年初预算为 0 万元，支出决算为 9.50 万元。",
        "2、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。",
        "主要用于：医疗保险。",
        "年初预算为 40.00 万元，支出决算为 38.00 万元。",
        "“卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）”21.00 万元，主要用于：医疗保险。",
        "年初预算为 22.00 万元，支出决算为 21.00 万元。",
    ])

    assert [(f.classification[-1], f.basis, f.raw) for f in doc.figures if f.classification] == [
        ("死亡抚恤（项）", "年初预算", "0"),
        ("死亡抚恤（项）", "本年决算", "9.50"),
        ("行政单位医疗（项）", "年初预算", "40.00"),
        ("行政单位医疗（项）", "本年决算", "38.00"),
        ("事业单位医疗（项）", "本年决算", "21.00"),
        ("事业单位医疗（项）", "年初预算", "22.00"),
        ("事业单位医疗（项）", "本年决算", "21.00"),
    ]


# -- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("增加 136,749.69 万元，增长 27.32%", [("136,749.69", "万元"), ("27.32", "%")]),
        ("预决算差异率-0.82%", [("-0.82", "%")]),
        ("实有人数359人", [("359", "人")]),
        ("单价 100 万元（含）以上设备 7 台(套)", [("100", "万元"), ("7", "台（套）")]),
        ("物业服务收费标准 6 元/月/平方米", [("6", "元/月/平方米")]),
        ("维修改造学校 3 所", [("3", "所")]),
        ("B1 项目包", []),
        ("2023-2024", [("2023", ""), ("2024", "")]),
    ],
)
def test_find_numbers_reads_numbers_with_their_units(text, expected):
    assert [(n.raw, n.unit) for n in find_numbers(Traced.from_line(1, text))] == expected


@pytest.mark.parametrize(
    ("text", "raw", "kind"),
    [
        ("2023 年度收入总计", "2023", "year"),
        ("截至 2023 年 12 月 31 日", "12", "date"),
        ("乌政办(2022)63号", "63", "doc_number"),
        ("年末根据市财政局 2023 年第 16 次局长办公会议", "16", "ordinal"),
        ("《促进房地产业平稳发展的 22 条措施》", "22", "identifier"),
        ("在 12319 平台受理", "12319", "identifier"),
        ("单价 100 万元（含）以上设备", "100", "threshold"),
        ("收入总计 637,229.42 万元", "637,229.42", None),
        ("实有人数359人", "359", None),
    ],
)
def test_numbers_that_are_not_quantities_are_labelled(text, raw, kind):
    t = Traced.from_line(1, text)
    num = next(n for n in find_numbers(t) if n.raw == raw)

    assert label_kind(text, num) == kind


def test_an_average_stated_after_a_count_is_of_the_things_counted(culture):
    """"绩效自评的2025年度项目43个，涉及预算金额…，平均得分99.38分": the average, like the amount, is
    of the projects just counted (a question about 自评 must find it)."""
    (f,) = [f for f in culture.figures if f.unit == "分" and f.raw == "99.38"]

    assert f.subject == "绩效自评的2025年度项目平均得分"
    assert culture.place(f.line_start).page == 30


def test_a_reason_after_its_phrase_without_a_colon_is_read(culture):
    """"…支出决算为 2.80 万元。决算数大于预算数的主要原因年中新增…" (no 是, no colon)."""
    (f,) = [f for f in culture.figures if f.raw == "2.80" and f.basis == "本年决算" and "地方旅游开发" in f.subject]

    assert f.reason == "年中新增旅游发展基金补助地方项目资金预算。"


def test_clauses_before_a_figure_narrow_its_subject(culture):
    """"在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 1913.49 万元":
    whose amount it is, not a bare 采购金额 (three amounts in that sentence)."""
    amounts = {f.value: f.subject for f in culture.figures if f.subject.endswith("采购金额") and "中标或成交" in f.subject}

    assert amounts[Decimal("1913.49")].startswith("面向中小企业预留的政府采购项目中由中小企业供应商")
    assert amounts[Decimal("1622.80")].startswith("面向小微企业预留政府采购项目中由小微企业供应商")
    assert amounts[Decimal("0")].startswith("其他政府采购项目中")


def test_a_number_that_is_part_of_a_name_is_no_figure(culture):
    """Serial numbers of the 单位构成 list ("1 上海市普陀区文化和旅游局（本级）") name units, they are no quantities."""
    assert [f for f in culture.figures if not f.unit] == []
