"""Shared fixtures for the ingestion tests: the parsed documents, a fake embedder, stores.

Everything runs offline (the guard and the real e5 store live in tests/conftest.py).
Two documents are parsed once per session: the bundled disclosure and ``EDU``, a second,
template-shaped disclosure of another department written here, with its own figures, wrapping
points, blank lines and table quirks (a shifted funds row, a merged 分值 cell, cells broken over
two rows), so that nothing in ``ingest/`` can be tied to the bundled file.
"""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from ingest.config import Settings, quiet_third_parties
from corpus import BUNDLED_DOCUMENT
from ingest.pipeline import parse_file, parse_source
from ingest.read import source_from_bytes
from ingest.records import DocumentRecords

quiet_third_parties()

EDU_NAME = "mouxx-education-2024-final-accounts.txt"
EDU_ID = "mouxx-education-2024"


def _row(*cells: str) -> str:
    return "\t".join(cells)


# 某某市教育局 2024 年度. Line numbers in the tests refer to this list (line n is EDU_LINES[n - 1]).
EDU_LINES = [
    "某某市教育局",
    "2024年度部门决算公开说明",
    "",
    "目录",
    "第一部分 部门概况",
    "一、主要职能",
    "二、机构设置及人员情况",
    "第二部分 2024年度部门决算情况说明",
    "第三部分 名词解释",
    "第四部分 附件",
    "",
    "第一部分 部门概况",
    "一、主要职能",
    "（一）贯彻执行国家和省、市教育工作方针政策。",
    "（二）统筹管理全市各级各类教育。",
    "二、机构设置及人员情况",
    "某某市教育局2024年度，实有人数1,086人，其中：在职人员812人，",
    "离休人员3人，退休人员271人。",
    "",
    "第二部分 2024年度部门决算情况说明",
    "",
    "一、收入支出决算总体情况说明",
    "2024年度收入总计58,432.17万元，其中：本年收入合计57,900.25万元，使用非财政拨款结余120.00万元，年初结转和结余411.92万元。2024年度支出总计58,432.17万元，其中：本年支出合计57,640.83万元，结余分配0.00万元，年末结转和结余791.34万元。",
    "收入支出总体与上年相比，减少2,315.60万元，下降3.81%，主要原因是：",
    "",
    "学校基建项目完工，项目支出减少。",
    "二、收入决算情况说明",
    "本年收入57,900.25万元，其中：财政拨款收入55,012.40万元，占95.01%；上级补助收入0.00万元，占0.00%；事业收入2,650.35万元，占4.58%；经营收入0.00万元，占0.00%；附属单位上缴收入0.00万元，占0.00%；其他收入237.50万元，占0.41%。",
    "三、支出决算情况说明",
    "本年支出57,640.83万元，其中：基本支出41,230.11万元，占71.53%；项目支出16,410.72万元，占28.47%；上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。",
    "四、财政拨款收入支出决算总体情况说明",
    "2024年度财政拨款收入总计55,300.00万元，其中：年初财政拨款结转和结余287.60万元，本年财政拨款收入55,012.40万元。财政拨款支出总计55,300.00",
    "",
    "万元，其中：年末财政拨款结转和结余512.27万元，本年财政拨款支出54,787.73万元。",
    "财政拨款收入支出总体与上年相比，减少1,870.25万元，下降3.27%，主要原因是：在职教师退休，人员经费减少。与年初预算相比，年初预算数52,000.00万元，决算数55,300.00万元，预决算差异率",
    "6.35%，主要原因是：年中追加教师绩效工资。",
    "五、一般公共预算财政拨款支出决算情况说明",
    "（一）一般公共预算财政拨款支出决算总体情况",
    "2024年度一般公共预算财政拨款支出53,987.73万元，占本年支出合计的93.66%。与上年相比，减少1,102.48万元，下降2.00%，主要原因是：校舍维修项目完工。与年初预算相比，年初预算数51,200.00万元，决算数53,987.73万元，预决算差异率5.44%，主要原因是：年中追加教师绩效工资。",
    "（二）一般公共预算财政拨款支出决算结构情况",
    "1. 教育支出（类）50,112.30万元，占92.82%。",
    "2. 社会保障和就业支出（类）3,201.15万元，占5.93%。",
    "3. 住房保障支出（类）674.28万元，占1.25%。",
    "（三）一般公共预算财政拨款支出决算具体情况",
    "1. 教育支出（类）普通教育（款）高中教育（项）：支出决算数为12,4",
    "80.60万元，比上年决算增加980.60万元，增长8.53%，主要原因是：新建高中投入使用，教师人数增加。",
    "2. 教育支出（类）普通教育（款）初中教育（项）：支出决算数为37,631.70",
    "万元，比上年决算减少2,083.08万元，下降5.25%，主要原因是：校舍维修",
    "项目完工。",
    "3. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算数为3,201.15万元，比上年决算增加201.15万元，增长6.71%，主要原因是：缴费基数调整。",
    "4. 住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算数为674.28万元，比上年决算增加12.28万元，增长1.85%，主要原因是：缴存基数调整。",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "2024年度一般公共预算财政拨款基本支出40,980.11万元，其中：人员经费38,760.45万元，包括：基本工资、津贴补贴、奖金。公用经费2,219.66万元，包括：办公费、印刷费、水电费。",
    "七、财政拨款“三公”经费支出决算情况说明",
    "2024年度财政拨款“三公”经费支出18.40万元，比上年增加2.10万元，增长12.88%，主要原因是：公务用车老化，维修费增加。其中：因公出国（境）费支出0.00万元，占0.00%，比上年增加0.00万元，增长0.00%，主要原因是：无因公出国（境）任务；公务用车购置及运",
    "行维护费支出15.60万元，占84.78%，比上年增加2.60万元，增长20.00%，主要原因是：车辆维修费增加；公务接待费支出2.80万元，占15.22%，比上年减少0.50万元，下降15.15%，主要原因是：严格控制接待标准。",
    "与全年预算相比，财政拨款“三公”经费支出全年预算数20.00万元，决算数18.40万元，预决算差异率-8.00%，主要原因是：厉行节约。",
    "八、政府性基金预算财政拨款收入支出决算情况说明",
    "我部门本年度无政府性基金预算财政拨款收入、支出及结转和结余，政府性基金预算财政拨款收入支出决算表为空表。",
    "九、国有资本经营预算财政拨款收入支出决算情况说明",
    "我部门本年度无国有资本经营预算财政拨款收入、支出及结转和结余，国有资本经营预算财政拨款收入支出决算表为空表。",
    "十、其他重要事项的情况说明",
    "（一）机关运行经费支出情况",
    "2024年度某某市教育局（行政单位和参照公务员法管理事业单位）机关运行经费支出310.55万元，比上年减少20.45万元，下降6.18%，主要原因是：压减一般性支出。",
    "（二）政府采购情况",
    "2024年度政府采购支出总额1,280.50万元，其中：政府采购货物支出860.20万元、政府采购工程支出300.00万元、政府采购服务支出120.30万元。授予中小企业合同金额1,100.00万元，占政府采购支出总额的85.90%。",
    "（三）国有资产占用情况说明",
    "截至2024年12月31日，固定资产原值96,540.12万元，车辆9辆，价值210.30万元，其中：主要负责人用车0辆、执法执勤用车2辆、其他用车7辆；单价100万元（含）以上设备（不含车辆）3台（套）。",
    "十一、预算绩效的情况说明",
    "根据预算绩效管理要求，本部门2024年度预算绩效评价项目2个，全年预算数1,300.00万元，全年执行数1,288.40万元。",
    "",
    "项目支出绩效自评表",
    "（2024年度）",
    _row("项目名称", "校舍维修改造", "", "", "", "", ""),
    _row("主管部门", "某某市教育局", "", "实施单位", "某某市第一中学", "", ""),
    _row("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    _row("", "年度资金总额", "800.00", "820.00", "815.90", "", "99.50%", "9.95"),  # 分值 merged away
    _row("", "其中：当年财政拨款", "800.00", "820.00", "815.90", "—", "—", "—"),
    _row("", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
    _row("年度总体目标", "预期目标", "", "实际完成情况", ""),
    _row("", "完成3所学校校舍维修改造。", "", "完成3所学校校舍维修改造。", ""),
    _row("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    _row("", "产出指标", "数量指标", "维修改造学校", ">=3 所", "=3 所", "20", "20.00", ""),
    _row("", "", "", "数量", "", "", "", "", ""),  # the name cell broken over two rows
    _row("", "", "质量指标", "工程验收合格率", "=100%", "=100%", "20", "20.00", ""),
    _row("时效指标", "完工时间", "<=10 个月", "=9 个月", "10", "10.00", ""),  # shifted two columns left
    _row("", "成本指标", "经济成本指标", "维修改造费用", "<=820 万元", "=815.9 万元", "10", "9.95", "结余资金按规定"),
    _row("", "", "", "", "", "", "", "", "收回。"),  # the note broken over two rows
    _row("", "效益指标", "社会效益指标", "改善办学条件", "有效改善", "完全达到预期", "20", "20.00", ""),
    _row("", "满意度指标", "满意度指标", "师生满意度", ">=90%", "=96%", "10", "10.00", ""),
    _row("总分", "100", "99.90分"),
    "",
    "项目支出绩效自评表",
    "（2024年度）",
    _row("项目名称", "", "教师培训"),
    _row("主管部门", "", "某某市教育局", "实施单位", "", "某某市教师发展中心"),
    _row("项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    _row("", "", "年度资金总额", "", "480.00", "480.00", "472.50", "10", "98.44%", "9.84分"),  # one column right of its header
    _row("", "", "其中：当年财政拨款", "", "480.00", "480.00", "472.50", "—", "—", "—"),
    _row("", "", "其他资金", "", "0.00", "0.00", "0.00", "—", "—", "—"),
    _row("年度总体目标", "预期目标", "实际完成情况"),
    _row("", "培训教师2,000人次。", "培训教师2,150人次。"),
    _row("", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    _row("年度绩效指标完成情况", "产出指标", "数量指标", "培训人次", ">=2000 人次", "=2150 人次", "30", "30.00", "报名人数超出预期。"),
    _row("", "", "时效指标", "培训完成时间", "<=12 个月", "=11 个月", "20", "20.00", ""),
    _row("", "成本指标", "经济成本指标", "人均培训成本", "<=2400 元", "=2198 元", "10", "10.00", ""),
    _row("", "效益指标", "社会效益指标", "教师教学能力提升", "明显提升", "明显提升", "20", "19.00", "部分课程实践环节不足，", ""),
    _row("", "", "", "", "", "", "", "", "下一年度增加跟岗实践。"),
    _row("", "满意度指标", "满意度指标", "参训教师满意度", ">=95%", "=97.5%", "10", "10.00", ""),
    _row("总分", "", "", "", "", "", "100", "98.84", ""),
    "",
    "十二、其他需说明的事项",
    "本部门无其他需说明的事项。",
    "第三部分 名词解释",
    "（一）财政拨款收入：指本级财政当年拨付的资金。",
    "（二）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和",
    "公用支出。",
    "（三）“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "第四部分 附件",
    "一、收入支出决算总表",
    "二、收入决算表",
    "三、支出决算表",
]
EDU_TEXT = "\n".join(EDU_LINES) + "\n"


class HashEmbedder:
    """A fast, deterministic stand-in for a real embedder: hashed character uni- and bigrams,
    unit length. Counts its calls so a test can tell whether anything was embedded."""

    spec = "hash"
    key = "hash-64"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for gram in [*text, *(a + b for a, b in zip(text, text[1:]))]:
            v[zlib.crc32(gram.encode("utf-8")) % self.dim] += 1.0
        return v / np.linalg.norm(v)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


@pytest.fixture(scope="session")
def bundled() -> DocumentRecords:
    """The bundled disclosure, parsed once."""
    return parse_file(BUNDLED_DOCUMENT)


@pytest.fixture(scope="session")
def edu() -> DocumentRecords:
    """The second, template-shaped disclosure, parsed once."""
    return parse_source(source_from_bytes(EDU_TEXT.encode("utf-8"), EDU_NAME))


@pytest.fixture
def edu_file(tmp_path):
    path = tmp_path / EDU_NAME
    path.write_text(EDU_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def hash_embedder(monkeypatch) -> HashEmbedder:
    """Every store opened in the test embeds with this one :class:`HashEmbedder`."""
    embedder = HashEmbedder()
    monkeypatch.setattr("ingest.store.make_embedder", lambda spec: embedder)
    return embedder


@pytest.fixture
def hash_settings(tmp_path, hash_embedder) -> Settings:
    return Settings(data_dir=tmp_path / "store", embedder=HashEmbedder.spec)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_settings(request, tmp_path, hash_embedder) -> Settings:
    """``hash_settings`` on each records database: SQLite in the data folder, and a fresh
    PostgreSQL database on the session's server (tests/pg.py)."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    return Settings(data_dir=tmp_path / "store", embedder=HashEmbedder.spec, db_url=url)
