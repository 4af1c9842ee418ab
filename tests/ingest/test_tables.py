"""ingest/tables.py: the performance self-evaluation tables, read by what their cells are."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.records import Indicator, PerformanceTable
from ingest.tables import measure

D = Decimal

# (name line, 项目名称, 实施单位, 年初预算数, 全年预算数, 全年执行数, 执行率, funds-row 得分, 总分, indicators)
PROJECTS = [
    (282, "房产档案馆建档费", "乌鲁木齐市房屋产权交易中心", "3.08", "3.08", "3.08", "100.00", "10.00", "100.00", 7),
    (303, "房产交易业务经费", "乌鲁木齐市房屋产权交易中心", "186.19", "186.19", "139.30", "74.82", "7.48", "95.48", 7),
    (325, "房地产估价机构监督检查经费", "乌鲁木齐市住房保障和房产管理局本级", "10.40", "10.40", "10.40", "100.00", "10.00", "100.00", 7),
    (347, "房屋安全管理工作经费", "乌鲁木齐市房屋安全鉴定中心", "1.89", "1.89", "1.89", "100.00", "10.00", "95.00", 9),
    (371, "分年度支付拖欠房产大厦物业服务费", "乌鲁木齐市房屋产权交易中心", "222.81", "222.81", "222.81", "100.00", "10.00", "100.00", 7),
    (392, "干部房产信息核查工作经费", "乌鲁木齐市干部房产信息核查办公室", "5.90", "5.90", "5.90", "100.00", "10.00", "100.00", 20),
    (428, "行政执法工作经费", "乌鲁木齐市住房保障和房产管理监察支队", "5.08", "5.08", "5.08", "100.00", "10.00", "100.00", 7),
    (450, "局系统信息化建设项目经费", "乌鲁木齐市住房保障和房产管理局本级", "100.20", "100.20", "98.81", "98.61", "9.86", "99.84", 9),
    (474, "劳务派遣服务费", "乌鲁木齐市房屋产权交易中心", "439.22", "439.22", "439.22", "100.00", "10.00", "100.00", 7),
    (496, "民族团结和谐社区居住工作经费", "乌鲁木齐市住房保障和房产管理局本级", "3.46", "3.46", "3.46", "100.00", "10.00", "100.00", 7),
    (517, "契税财政补贴（第二批）", "乌鲁木齐市房屋产权交易中心", "1,000.00", "1,000.00", "999.99", "100.00", "10.00", "100.00", 7),
    (538, "契税财政补贴（第三批）", "乌鲁木齐市房屋产权交易中心", "1,000.00", "1,000.00", "1,000.00", "100.00", "10.00", "99.70", 8),
    (561, "契税财政补贴", "乌鲁木齐市房屋产权交易中心", "1,000.00", "1,000.00", "999.96", "100.00", "10.00", "100.00", 7),
    (582, "瑞禾园、春和隆盛园、春和雅苑一期公租房项目", "乌鲁木齐市住房保障中心", "2,800.00", "2,800.00", "2,800.00", "100.00", "10.00", "100.00", 8),
    (606, "物业管理费", "乌鲁木齐市住房保障和房产管理局本级", "65.00", "65.00", "64.50", "99.23", "9.92", "99.92", 8),
    (630, "新疆阜丰生物科技有限公司职工公寓二期公租房项目", "乌鲁木齐市住房保障中心", "411.00", "411.00", "411.00", "100.00", "10.00", "100.00", 8),
    (653, "征收补偿工作经费", "乌鲁木齐市房屋征收与补偿办公室", "15.58", "15.58", "13.67", "87.74", "8.77", "95.52", 10),
    (693, "住房保障工作经费", "乌鲁木齐市住房保障和房产管理局本级", "7.00", "7.00", "7.00", "100.00", "10.00", "100.00", 7),
    (714, "2022 年度“忠诚干净担当好班子”奖金", "乌鲁木齐市住房保障和房产管理局本级", "10.00", "10.00", "10.00", "100.00", "10.00", "100.00", 7),
    (735, "2023 年聘用人员工资、法律顾问费", "乌鲁木齐市住房保障中心", "34.52", "34.52", "34.27", "99.28", "9.93", "99.43", 8),
    (758, "2023 年乌鲁木齐市老城区改造提升项目(B1、B2、A2 项目包) PPP 项目", "乌鲁木齐市住房保障和房产管理局本级", "12,985.07", "12,985.07", "12,985.06", "100.00", "10.00", "100.00", 10),
    (783, "物业管理专项经费", "乌鲁木齐市物业监督管理中心", "9.37", "9.37", "9.11", "97.23", "9.72", "97.06", 9),
    (808, "2023 年住房保障大厅安保费", "乌鲁木齐市住房保障中心", "13.37", "13.37", "13.37", "100.00", "10.00", "100.00", 7),
    (829, "2023 年住房保障培训摇号分配", "乌鲁木齐市住房保障中心", "6.48", "6.48", "6.48", "100.00", "10.00", "100.00", 12),
    (858, "2023 年住房租赁保证金", "乌鲁木齐市住房保障和房产管理局本级", "10.00", "10.00", "10.00", "100.00", "10.00", "100.00", 7),
    (881, "专项维修资金管理经费", "乌鲁木齐市房屋专项维修资金管理中心", "7.79", "7.79", "7.79", "100.00", "10.00", "100.00", 8),
    (906, "班车租赁", "乌鲁木齐市房屋产权交易中心", "87.60", "87.60", "84.80", "96.80", "9.68", "99.68", 7),
    (928, "春和隆盛园公租房（原廉租房）、春和怡苑公租房（原廉租房）工程款", "乌鲁木齐市住房保障中心", "3,531.29", "3,531.29", "3,531.29", "100.00", "10.00", "100.00", 7),
    (949, "春和雅苑公租房（原“十二五”规划廉租房）二期项目及配套设施", "乌鲁木齐市住房保障中心", "1,000.00", "1,000.00", "1,000.00", "100.00", "10.00", "100.00", 7),
    (970, "房产大厦 2022 年度物业服务费", "乌鲁木齐市房屋产权交易中心", "230.00", "230.00", "211.48", "91.95", "9.20", "99.20", 7),
]


def d(raw: str) -> Decimal:
    return D(raw.replace(",", ""))


def table_named(records, line: int) -> PerformanceTable:
    found = [t for t in records.tables if t.name_line == line]
    assert len(found) == 1
    return found[0]


def indicator_at(table: PerformanceTable, line: int) -> Indicator:
    found = [i for i in table.indicators if i.line_start == line]
    assert len(found) == 1, f"{len(found)} indicators start at line {line}"
    return found[0]


def test_thirty_project_tables_and_one_department_table(bundled):
    kinds = [t.kind for t in bundled.tables]

    assert kinds == ["department"] + ["project"] * 30
    assert [t.name_line for t in bundled.tables if t.kind == "project"] == [p[0] for p in PROJECTS]
    assert len({t.id for t in bundled.tables}) == 31
    assert sum(len(t.indicators) for t in bundled.tables) == 254


@pytest.mark.parametrize(
    ("line", "name", "implementer", "initial", "full", "executed", "rate", "score", "total", "indicators"),
    PROJECTS,
    ids=[p[1] for p in PROJECTS],
)
def test_every_project_table(bundled, line, name, implementer, initial, full, executed, rate, score, total, indicators):
    t = table_named(bundled, line)
    funds = t.funds[0]

    assert (t.kind, t.name, t.department, t.implementer) == ("project", name, "乌鲁木齐市住房保障和房产管理局", implementer)
    assert (funds.label, funds.line) == ("年度资金总额", line + 3)
    assert (funds.budget_initial, funds.budget_full, funds.executed) == (d(initial), d(full), d(executed))
    assert (funds.weight, funds.rate, funds.score) == (D("10"), D(rate), D(score))
    assert [f.label for f in t.funds] == ["年度资金总额", "其中：当年财政拨款" if line != 758 else "其中: 当年财政拨款", "其他资金"]
    assert t.funds[1].executed == d(executed)
    assert t.funds[2].executed == D("0.00")
    assert (t.total_weight, t.total_score) == (D("100"), D(total))
    assert len(t.indicators) == indicators
    assert t.title == "项目支出绩效自评表(2023 年度)"
    assert t.line_start == line - 3


def test_the_executed_rate_is_the_executed_share_of_the_full_year_budget(bundled):
    for t in bundled.tables:
        funds = t.total
        assert (funds.executed / funds.budget_full * 100).quantize(D("0.01")) == funds.rate, t.name


def test_weights_and_scores_add_up_to_the_total(bundled, edu):
    for t in [*bundled.tables, *edu.tables]:
        rows = [i for i in t.indicators if i.duplicate_of is None]
        if t.name == "干部房产信息核查工作经费":
            rows = [i for i in rows if i.line_start != 416]  # the typo'd repeat of line 417
        assert sum(i.weight for i in rows) + (t.total.weight or 10) == t.total_weight, t.name
        assert sum(i.score for i in rows) + t.total.score == t.total_score, t.name


def test_the_project_named_bus_rental(bundled):
    t = next(t for t in bundled.tables if t.name == "班车租赁")

    assert (t.total.budget_initial, t.total.budget_full, t.total.executed) == (D("87.60"), D("87.60"), D("84.80"))
    assert (t.total.rate, t.total.score, t.total_score) == (D("96.80"), D("9.68"), D("99.68"))
    assert t.goal == "解决职工上下班交通问题,提升服务质量,提高职工满意度。"
    assert t.achieved == "解决了职工上下班交通问题,提升服务质量,提高职工满意度。"
    assert (t.goal_lines.line_start, t.goal_lines.line_end) == (913, 913)
    satisfaction = indicator_at(t, 922)
    assert (satisfaction.level1, satisfaction.level2, satisfaction.name) == ("满意度指标", "满意度指标", "职工满意度")
    assert satisfaction.note == "职工满意度超指标设置值,指标值设置过低"


def test_property_area_target_and_actual(bundled):
    i = indicator_at(table_named(bundled, 606), 616)

    assert (i.level1, i.level2, i.name) == ("产出指标", "数量指标", "物业服务面积")
    assert i.target.model_dump() == {"raw": ">=10108.61 平方米", "comparator": "≥", "value": D("10108.61"), "unit": "平方米", "text": None}
    assert i.actual.model_dump() == {"raw": "=10108.9 平方米", "comparator": "=", "value": D("10108.9"), "unit": "平方米", "text": None}
    assert (i.weight, i.score, i.line_end) == (D("7"), D("7.00"), 616)


def test_duplicated_rows_point_at_the_row_they_repeat(bundled):
    t = table_named(bundled, 392)
    duplicates = {i.line_start: t.indicators[i.duplicate_of].line_start for i in t.indicators if i.duplicate_of is not None}

    assert duplicates == {402: 401, 404: 403, 407: 406, 409: 408, 411: 410, 413: 412, 415: 414, 420: 419, 422: 421}
    assert indicator_at(t, 402).note == "2024 年度完成核查任务 50644 人,较目标值增长了 13%"  # a repeat may add a note


def test_the_typo_at_line_416_is_read_as_written(bundled):
    t = table_named(bundled, 392)
    typo, next_row = indicator_at(t, 416), indicator_at(t, 417)

    assert (typo.name, typo.target.raw, typo.actual.raw) == ("维修（护）费", "<=29000 元", "=290000 元")
    assert (typo.actual.value, typo.actual.unit) == (D("290000"), "元")
    assert next_row.actual.value == D("29000")
    assert typo.duplicate_of is None and next_row.duplicate_of is None
    assert (typo.level1, typo.level2) == ("成本指标", "经济成本指标")  # inherited: the row starts in column 0


@pytest.mark.parametrize(
    ("line", "name", "target", "actual", "score"),
    [
        (800, "车辆加油支出", {"raw": "≤ 2.51", "comparator": "≤", "value": D("2.51"), "unit": None, "text": None}, {"raw": "= 1.3", "comparator": "=", "value": D("1.3"), "unit": None, "text": None}, "2.59"),
        (802, "住宅小区居民满意度", {"raw": "≥ 90%", "comparator": "≥", "value": D("90"), "unit": "%", "text": None}, {"raw": "= 87.77%", "comparator": "=", "value": D("87.77"), "unit": "%", "text": None}, "9.75"),
    ],
)
def test_latex_cells_are_read_as_their_numbers(bundled, line, name, target, actual, score):
    i = indicator_at(table_named(bundled, 783), line)

    assert i.name == name
    assert i.target.model_dump() == target
    assert i.actual.model_dump() == actual
    assert i.score == D(score)
    assert "$" in i.raw  # the raw row is kept as written, for citation


def test_a_cell_continued_on_the_next_line_is_joined(bundled):
    i = indicator_at(bundled.tables[0], 269)

    assert (i.name, i.line_end) == ("新增供应新建商品房", 271)
    assert i.basis_note.endswith("、乌鲁木齐市住房保障和房产管理局 2022 年工作总结及 2023 年工作计划")


def test_the_split_label_annual_performance_spans_rows_792_to_794(bundled):
    t = table_named(bundled, 783)
    first, second = indicator_at(t, 792), indicator_at(t, 794)

    assert (first.level1, first.level2, first.name, first.target.raw, first.actual.raw) == ("产出指标", "数量指标", "督导考察队伍人数", ">=2 个", "=2 个")
    assert (second.level1, second.level2, second.name, second.target.raw, second.actual.raw) == ("产出指标", "数量指标", "督导考察天数", ">=60 天", "=65 天")
    assert not [i for i in t.indicators if "绩效" in i.name or "完成情况" in i.name]


@pytest.mark.parametrize(
    ("table_line", "line", "level1", "level2", "name"),
    [
        (347, 359, "产出指标", "时效指标", "12319 平台信访事项及时受理率"),  # shifted one column right
        (347, 362, "成本指标", "经济成本指标", "控制办公费支出数量"),  # starts in column 0
        (450, 468, "效益指标", "社会效益指标", "保障信息系统运转, 提高办公效率"),  # "效益指 标" broken inside a cell
        (325, 341, "满意度指标", "满意度指标", "估价报告使用人满意度"),
        (758, 774, "产出指标", "时效指标", "老城改造项目完成率"),
        (714, 728, "产出指标", "时效指标", "资金拨付及时性"),
    ],
)
def test_ragged_rows_keep_their_indicator_levels(bundled, table_line, line, level1, level2, name):
    i = indicator_at(table_named(bundled, table_line), line)

    assert (i.level1, i.level2, i.name) == (level1, level2, name)


def test_separator_rows_do_not_break_a_table(bundled):
    t = table_named(bundled, 653)

    assert [i.line_start for i in t.indicators] == [663, 664, 666, 669, 672, 675, 678, 681, 684, 687]
    assert indicator_at(t, 684).target.model_dump() == {"raw": "≤6.50 万元", "comparator": "≤", "value": D("6.50"), "unit": "万元", "text": None}
    assert (t.total_line, t.total_score) == (688, D("95.52"))


def test_the_department_table(bundled):
    t = bundled.tables[0]

    assert (t.kind, t.name, t.title) == ("department", "乌鲁木齐市住房保障和房产管理局（汇总）", "部门（单位）整体支出绩效目标自评表(2023 年度)")
    assert [(f.label, f.budget_initial, f.budget_full, f.executed, f.weight, f.rate, f.score, f.line) for f in t.funds] == [
        ("年度总资金", D("531862.78"), D("632672.30"), D("632177.48"), D("10"), D("99.92"), D("10"), 258),
        ("其中：中央安排（万元）", D("0"), D("0"), D("0"), None, None, None, 259),
        ("自治区安排（万元）", D("0"), D("0"), D("0"), None, None, None, 260),
        ("地（州、市）安排（万元）", D("505494.94"), D("632672.30"), D("632177.48"), None, None, None, 261),
        ("其他资金（万元）", D("26367.84"), D("0"), D("0"), None, None, None, 262),
    ]
    assert (t.total_weight, t.total_score, t.total_line) == (D("100"), D("97.96"), 277)
    assert (t.goal_lines.line_start, t.goal_lines.line_end) == (264, 264)
    assert t.goal.startswith("健全住房市场体系和保障体系")
    assert t.achieved.startswith("1、落实《以银行保函等额替换新建商品房重点监管资金若干规定（试行）》")


DEPARTMENT_INDICATORS = [
    (267, "房地产投资", ">=389.99 亿元", "317.72", "11", "8.96"),
    (268, "商品房销售面积", ">=490万平方米", "735.7", "11", "11"),
    (269, "新增供应新建商品房", ">=300万平方米", "552.6", "11", "11"),
    (272, "住宅室内装饰装修随意拆改建筑主体和承重结构行为的认定工作", ">=10 地", "10", "11", "11"),
    (273, "开展房屋拆迁现场扬尘污染防治检查工作", ">=55 次", "58", "11", "11"),
    (274, "深入开展三年专项整治,规范房地产市场秩序。", ">=10 次", "10", "11", "11"),
    (275, "开展物业小区专项检查数量", ">=300 个", "310", "13", "13"),
    (276, "筹集保障性租赁住房套数", "=10159 套", "10159", "11", "11"),
]


def test_the_department_tables_eight_indicators(bundled):
    t = bundled.tables[0]

    assert [(i.line_start, i.name, i.target.raw, i.actual.raw, str(i.weight), str(i.score)) for i in t.indicators] == DEPARTMENT_INDICATORS
    assert {(i.level1, i.level2) for i in t.indicators} == {("履职效能", "数量指标")}
    assert indicator_at(t, 267).basis_note.startswith("乌鲁木齐市住房发展“十四五”规划、乌政办(2022)63号")
    assert indicator_at(t, 267).target.model_dump() == {"raw": ">=389.99 亿元", "comparator": "≥", "value": D("389.99"), "unit": "亿元", "text": None}


# -- the second document -------------------------------------------------------------------------


def test_the_second_documents_tables(edu):
    first, second = edu.tables

    assert [(t.kind, t.name, t.department, t.implementer, t.line_start, t.line_end, t.total_weight, t.total_score) for t in edu.tables] == [
        ("project", "校舍维修改造", "某某市教育局", "某某市第一中学", 72, 91, D("100"), D("99.90")),
        ("project", "教师培训", "某某市教育局", "某某市教师发展中心", 93, 110, D("100"), D("98.84")),
    ]
    assert first.title == "项目支出绩效自评表（2024年度）"
    assert (first.goal, first.achieved) == ("完成3所学校校舍维修改造。", "完成3所学校校舍维修改造。")
    assert (second.goal, second.achieved) == ("培训教师2,000人次。", "培训教师2,150人次。")


def test_a_merged_weight_cell_leaves_the_weight_empty(edu):
    funds = edu.tables[0].funds

    assert [(f.label, f.budget_initial, f.budget_full, f.executed, f.weight, f.rate, f.score) for f in funds] == [
        ("年度资金总额", D("800.00"), D("820.00"), D("815.90"), None, D("99.50"), D("9.95")),
        ("其中：当年财政拨款", D("800.00"), D("820.00"), D("815.90"), None, None, None),
        ("其他资金", D("0.00"), D("0.00"), D("0.00"), None, None, None),
    ]


def test_a_funds_row_shifted_against_its_header_is_read_by_position(edu):
    funds = edu.tables[1].funds

    assert [(f.label, f.budget_initial, f.budget_full, f.executed, f.weight, f.rate, f.score) for f in funds] == [
        ("年度资金总额", D("480.00"), D("480.00"), D("472.50"), D("10"), D("98.44"), D("9.84")),
        ("其中：当年财政拨款", D("480.00"), D("480.00"), D("472.50"), None, None, None),
        ("其他资金", D("0.00"), D("0.00"), D("0.00"), None, None, None),
    ]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            0,
            [
                (83, 84, "产出指标", "数量指标", "维修改造学校数量", ">=3 所", "=3 所", "20", "20.00", None),
                (85, 85, "产出指标", "质量指标", "工程验收合格率", "=100%", "=100%", "20", "20.00", None),
                (86, 86, "产出指标", "时效指标", "完工时间", "<=10 个月", "=9 个月", "10", "10.00", None),
                (87, 88, "成本指标", "经济成本指标", "维修改造费用", "<=820 万元", "=815.9 万元", "10", "9.95", "结余资金按规定收回。"),
                (89, 89, "效益指标", "社会效益指标", "改善办学条件", "有效改善", "完全达到预期", "20", "20.00", None),
                (90, 90, "满意度指标", "满意度指标", "师生满意度", ">=90%", "=96%", "10", "10.00", None),
            ],
        ),
        (
            1,
            [
                (104, 104, "产出指标", "数量指标", "培训人次", ">=2000 人次", "=2150 人次", "30", "30.00", "报名人数超出预期。"),
                (105, 105, "产出指标", "时效指标", "培训完成时间", "<=12 个月", "=11 个月", "20", "20.00", None),
                (106, 106, "成本指标", "经济成本指标", "人均培训成本", "<=2400 元", "=2198 元", "10", "10.00", None),
                (107, 108, "效益指标", "社会效益指标", "教师教学能力提升", "明显提升", "明显提升", "20", "19.00", "部分课程实践环节不足,下一年度增加跟岗实践。"),
                (109, 109, "满意度指标", "满意度指标", "参训教师满意度", ">=95%", "=97.5%", "10", "10.00", None),
            ],
        ),
    ],
    ids=["校舍维修改造", "教师培训"],
)
def test_the_second_documents_indicators(edu, table, expected):
    t = edu.tables[table]

    assert [
        (i.line_start, i.line_end, i.level1, i.level2, i.name, i.target.raw, i.actual.raw, str(i.weight), str(i.score), i.note)
        for i in t.indicators
    ] == expected
    assert all(i.duplicate_of is None for i in t.indicators)


def test_a_target_with_a_unit_of_its_own(edu):
    i = edu.tables[0].indicators[0]

    assert i.target.model_dump() == {"raw": ">=3 所", "comparator": "≥", "value": D("3"), "unit": "所", "text": None}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (">=98%", {"comparator": "≥", "value": D("98"), "unit": "%", "text": None}),
        ("<=6 元/月/平方米", {"comparator": "≤", "value": D("6"), "unit": "元/月/平方米", "text": None}),
        ("=36797.14 平方米", {"comparator": "=", "value": D("36797.14"), "unit": "平方米", "text": None}),
        ("≥200 人/日", {"comparator": "≥", "value": D("200"), "unit": "人/日", "text": None}),
        ("317.72", {"comparator": None, "value": D("317.72"), "unit": None, "text": None}),
        ("有效提升", {"comparator": None, "value": None, "unit": None, "text": "有效提升"}),
        ("每周五公布", {"comparator": None, "value": None, "unit": None, "text": "每周五公布"}),
        ("2 次完成全部培训任务", {"comparator": None, "value": None, "unit": None, "text": "2 次完成全部培训任务"}),
    ],
)
def test_measure_reads_comparator_value_and_unit(cell, expected):
    assert measure(cell).model_dump(exclude={"raw"}) == expected
