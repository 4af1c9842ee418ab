"""Fixtures for the audit tests: the bundled disclosure and a small template-shaped one.

``CULTURE_LINES`` is a 部门决算公开说明 of another department, written here so that every relation
in it holds (it audits clean, exit code 0). ``SEEDS`` are single edits that each break one
relation; a test applies one, several or all of them with :func:`culture`.
"""

from __future__ import annotations

import pytest

from assistant.audit import AuditReport, run_audit
from corpus import BUNDLED_DOCUMENT
from ingest.pipeline import parse_file, parse_source
from ingest.read import source_from_bytes
from ingest.records import DocumentRecords

CULTURE_NAME = "mouxian-culture-2024-final-accounts.txt"
CULTURE_ID = "mouxian-culture-2024"


def _row(*cells: str) -> str:
    return "\t".join(cells)


# 某某县文化和旅游局 2024 年度. Line n is CULTURE_LINES[n - 1]; tests find lines with ``line_of``.
CULTURE_LINES = [
    "某某县文化和旅游局",
    "2024年度部门决算公开说明",
    "",
    "第一部分 部门概况",
    "一、主要职能",
    "（一）负责全县文化和旅游工作。",
    "二、机构设置及人员情况",
    "某某县文化和旅游局2024年度，实有人数58人，其中：在职人员40人，离休人员0人，退休人员18人。",
    "",
    "第二部分 2024年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "2024年度收入总计3,250.40万元，其中：本年收入合计3,100.20万元，使用非财政拨款结余50.00万元，年初结转和结余100.20万元。2024年度支出总计3,250.40万元，其中：本年支出合计3,080.10万元，结余分配0.00万元，年末结转和结余170.30万元。",
    "收入支出总体与上年相比，增加250.40万元，增长8.35%，主要原因是：新建图书馆投入使用。",
    "二、收入决算情况说明",
    "本年收入3,100.20万元，其中：财政拨款收入3,000.00万元，占96.77%；上级补助收入0.00万元，占0.00%；事业收入80.20万元，占2.59%；经营收入0.00万元，占0.00%；附属单位上缴收入0.00万元，占0.00%；其他收入20.00万元，占0.65%。",
    "三、支出决算情况说明",
    "本年支出3,080.10万元，其中：基本支出1,200.10万元，占38.96%；项目支出1,880.00万元，占61.04%；上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。",
    "四、财政拨款收入支出决算总体情况说明",
    "2024年度财政拨款收入总计3,080.00万元，其中：年初财政拨款结转和结余80.00万元，本年财政拨款收入3,000.00万元。财政拨款支出总计3,080.00万元，其中：年末财政拨款结转和结余100.00万元，本年财政拨款支出2,980.00万元。",
    "财政拨款收入支出总体与上年相比，增加180.00万元，增长6.21%，主要原因是：新建图书馆投入使用。与年初预算相比，年初预算数2,900.00万元，决算数3,080.00万元，预决算差异率6.21%，主要原因是：年中追加图书馆开办经费。",
    "五、一般公共预算财政拨款支出决算情况说明",
    "（一）一般公共预算财政拨款支出决算总体情况",
    "2024年度一般公共预算财政拨款支出2,780.00万元，占本年支出合计的90.26%。与上年相比，增加130.00万元，增长4.91%，主要原因是：新建图书馆投入使用。与年初预算相比，年初预算数2,700.00万元，决算数2,780.00万元，预决算差异率2.96%，主要原因是：年中追加图书馆开办经费。",
    "（二）一般公共预算财政拨款支出决算结构情况",
    "1. 文化旅游体育与传媒支出（类）2,500.00万元，占89.93%。",
    "2. 社会保障和就业支出（类）280.00万元，占10.07%。",
    "（三）一般公共预算财政拨款支出决算具体情况",
    "1. 文化旅游体育与传媒支出（类）文化和旅游（款）图书馆（项）：支出决算数为1,500.00万元，比上年决算增加300.00万元，增长25.00%，主要原因是：新建图书馆投入使用。",
    "2. 文化旅游体育与传媒支出（类）文化和旅游（款）行政运行（项）：支出决算数为1,000.00万元，比上年决算减少170.00万元，下降14.53%，主要原因是：人员调出。",
    "3. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算数为280.00万元，比上年决算增加0.00万元，增长0.00%，主要原因是：缴费基数未调整。",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "2024年度一般公共预算财政拨款基本支出1,100.00万元，其中：人员经费950.00万元，包括：基本工资、津贴补贴。公用经费150.00万元，包括：办公费、印刷费。",
    "七、财政拨款“三公”经费支出决算情况说明",
    "2024年度财政拨款“三公”经费支出12.00万元，比上年减少3.00万元，下降20.00%，主要原因是：严控公务接待。其中：因公出国（境）费支出0.00万元，占0.00%，比上年增加0.00万元，增长0.00%，主要原因是：无出国任务；公务用车购置及运行维护费支出9.00万元，占75.00%，比上年减少1.00万元，下降10.00%，主要原因是：车辆减少；公务接待费支出3.00万元，占25.00%，比上年减少2.00万元，下降40.00%，主要原因是：严控接待标准。",
    "与全年预算相比，财政拨款“三公”经费支出全年预算数15.00万元，决算数12.00万元，预决算差异率-20.00%，主要原因是：厉行节约。",
    "八、政府性基金预算财政拨款收入支出决算情况说明",
    "2024年度政府性基金预算财政拨款收入总计200.00万元，其中：年初结转和结余0.00万元，本年收入200.00万元。政府性基金预算财政拨款支出总计200.00万元，其中：年末结转和结余0.00万元，本年支出200.00万元。",
    "政府性基金预算财政拨款支出200.00万元。",
    "1. 文化旅游体育与传媒支出（类）国家电影事业发展专项资金安排的支出（款）资助城市影院（项）：支出决算数为200.00万元，比上年决算增加50.00万元，增长33.33%，主要原因是：新建影院补助。",
    "九、国有资本经营预算财政拨款收入支出决算情况说明",
    "我部门本年度无国有资本经营预算财政拨款收入、支出及结转和结余，国有资本经营预算财政拨款收入支出决算表为空表。",
    "十、其他重要事项的情况说明",
    "（一）机关运行经费支出情况",
    "2024年度某某县文化和旅游局（行政单位和参照公务员法管理事业单位）机关运行经费支出100.00万元，比上年增加10.00万元，增长11.11%，主要原因是：图书馆开馆。",
    "2024年度某某县文化和旅游局（事业单位）公用经费50.00万元，比上年减少5.00万元，下降9.09%，主要原因是：压减开支。",
    "（二）政府采购情况",
    "2024年度政府采购支出总额300.00万元，其中：政府采购货物支出120.00万元、政府采购工程支出100.00万元、政府采购服务支出80.00万元。授予中小企业合同金额240.00万元，占政府采购支出总额的80.00%。",
    "（三）国有资产占用情况说明",
    "截至2024年12月31日，固定资产原值5,000.00万元，车辆3辆，价值60.00万元，其中：主要负责人用车0辆、执法执勤用车1辆、其他用车2辆。",
    "十一、预算绩效的情况说明",
    "根据预算绩效管理要求，本部门2024年度预算绩效评价项目3个，全年预算数1,840.00万元，全年执行数1,800.00万元。",
    "",
    "项目支出绩效自评表",
    "（2024年度）",
    _row("项目名称", "", "图书馆开办经费"),
    _row("主管部门", "", "某某县文化和旅游局", "实施单位", "", "某某县图书馆"),
    _row("项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    _row("", "", "年度资金总额", "500.00", "500.00", "490.00", "10", "98.00%", "9.80分"),
    _row("", "", "其中：当年财政拨款", "500.00", "500.00", "490.00", "—", "—", "—"),
    _row("", "", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
    _row("年度总体目标", "预期目标", "实际完成情况"),
    _row("", "新图书馆开馆。", "新图书馆已开馆。"),
    _row("", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    _row("年度绩效指标完成情况", "产出指标", "数量指标", "新增藏书", ">=10000 册", "=10500 册", "30", "30.00", ""),
    _row("", "", "时效指标", "开馆时间", "<=12 个月", "=10 个月", "20", "20.00", ""),
    _row("", "成本指标", "经济成本指标", "设备采购成本", "<=300 万元", "=290 万元", "10", "10.00", ""),
    _row("", "满意度指标", "满意度指标", "读者满意度", ">=90%", "=95%", "30", "30.00", ""),
    _row("总分", "", "", "", "", "", "100", "99.80分", ""),
    "",
    "项目支出绩效自评表",
    "（2024年度）",
    _row("项目名称", "", "非遗保护经费"),
    _row("主管部门", "", "某某县文化和旅游局", "实施单位", "", "某某县文化馆"),
    _row("项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    _row("", "", "年度资金总额", "340.00", "340.00", "330.00", "10", "97.06%", "9.71分"),
    _row("", "", "其中：当年财政拨款", "340.00", "340.00", "330.00", "—", "—", "—"),
    _row("", "", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
    _row("年度总体目标", "预期目标", "实际完成情况"),
    _row("", "保护非遗项目20个。", "保护非遗项目18个。"),
    _row("", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    _row("年度绩效指标完成情况", "产出指标", "数量指标", "保护项目数量", ">=20 个", "=18 个", "20", "18.00", "两个项目延至下年。"),
    _row("", "", "", "传承人培训", ">=4 次", "=4 次", "20", "20.00", ""),
    _row("", "成本指标", "经济成本指标", "培训费", "<=10000 元", "=9800 元", "20", "20.00", ""),
    _row("", "满意度指标", "满意度指标", "群众满意度", ">=90%", "=92%", "30", "30.00", ""),
    _row("总分", "", "", "", "", "", "100", "97.71分", ""),
    "",
    "十二、其他需说明的事项",
    "我单位本年涉密项目1个，涉及预算资金1,000.00万元，执行数980.00万元。",
    "第三部分 专业名词解释",
    "一、财政拨款收入：指本级财政当年拨付的资金。",
    "第四部分 部门决算报表（见附表）",
    "- 一、《收入支出决算总表》",
    "- 二、《收入决算表》",
]
CULTURE_TEXT = "\n".join(CULTURE_LINES) + "\n"

# name → (text as written, the edit); each breaks exactly the relation its name says
SEEDS = {
    "wrong_total": ("年初结转和结余100.20万元", "年初结转和结余110.20万元"),
    "wrong_share": ("事业收入80.20万元，占2.59%", "事业收入80.20万元，占3.59%"),
    "wrong_rate": ('"97.06%"', '"98.06%"'),  # a table cell; see ``culture``
    "contradicting_direction": (
        "公务接待费支出3.00万元，占25.00%，比上年减少2.00万元，下降40.00%",
        "公务接待费支出3.00万元，占25.00%，比上年减少2.00万元，增长40.00%",
    ),
    "duplicated_row": ("开馆时间", None),  # the row is repeated; see ``culture``
    "magnitude": ("设备采购成本\t<=300 万元\t=290 万元", "设备采购成本\t<=300 万元\t=3000 万元"),
    "wrong_growth": ("增加300.00万元，增长25.00%", "增加300.00万元，增长52.00%"),
    "wrong_project_count": ("预算绩效评价项目3个", "预算绩效评价项目4个"),
}


def culture_lines(*seeds: str) -> list[str]:
    lines = list(CULTURE_LINES)
    for name in seeds:
        old, new = SEEDS[name]
        if name == "wrong_rate":
            i = next(i for i, line in enumerate(lines) if "\t97.06%\t" in line)
            lines[i] = lines[i].replace("\t97.06%\t", "\t98.06%\t")
        elif name == "duplicated_row":
            i = next(i for i, line in enumerate(lines) if f"\t{old}\t" in line)
            lines.insert(i + 1, _row("", "", "", old, *lines[i].split("\t")[4:]))
        else:
            hits = [i for i, line in enumerate(lines) if old in line]
            assert len(hits) == 1, f"seed {name} must match one line, matched {len(hits)}"
            lines[hits[0]] = lines[hits[0]].replace(old, new)
    return lines


def culture(*seeds: str) -> DocumentRecords:
    """The template-shaped document, with the named seeded errors."""
    text = "\n".join(culture_lines(*seeds)) + "\n"
    return parse_source(source_from_bytes(text.encode("utf-8"), CULTURE_NAME))


def line_of(lines: list[str], text: str, nth: int = 1) -> int:
    """The 1-based line number of the ``nth`` line containing ``text``."""
    hits = [i + 1 for i, line in enumerate(lines) if text in line]
    return hits[nth - 1]


def key_of(f) -> tuple[str, str, int, int]:
    return (f.check, f.severity, f.line_start, f.line_end)


@pytest.fixture(scope="session")
def bundled() -> DocumentRecords:
    return parse_file(BUNDLED_DOCUMENT)


@pytest.fixture(scope="session")
def report(bundled) -> AuditReport:
    """The audit of the bundled disclosure, run once."""
    return run_audit([bundled])


@pytest.fixture(scope="session")
def clean() -> AuditReport:
    return run_audit([culture()])


@pytest.fixture(scope="session")
def seeded() -> AuditReport:
    return run_audit([culture(*SEEDS)])


@pytest.fixture
def culture_file(tmp_path):
    def write(*seeds: str):
        path = tmp_path / CULTURE_NAME
        path.write_text("\n".join(culture_lines(*seeds)) + "\n", encoding="utf-8")
        return path

    return write


# -- the shared corpus (tests/corpus.py): real published documents and the blank template ------------
@pytest.fixture(scope="session")
def corpus_reports():
    """Each corpus document's audit, parsed and run once: name → (records, report)."""
    from corpus import CULTURE_TEXT, FINANCE_PDF, STREET_TEXT, TEMPLATE_PDF

    out = {}
    for name, path in (("finance", FINANCE_PDF), ("culture", CULTURE_TEXT), ("street", STREET_TEXT), ("template", TEMPLATE_PDF)):
        rec = parse_file(path)
        out[name] = (rec, run_audit([rec]))
    return out
