"""assistant/audit/identity.py and template.py on a small literal document: one department, one
year, the template's words replaced, its sections present."""

from __future__ import annotations

import pytest

from assistant.audit import run_audit
from ingest.pipeline import parse_source
from ingest.read import source_from_bytes

LINES = [
    "某某县交通运输局",
    "2024年度部门决算",
    "第一部分 某某县交通运输局概况",
    "一、主要职能",
    "负责全县交通运输工作。",
    "第三部分 某某县水务局2024年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "某某县交通运输局2023年度收入支出总计100.00万元。与2022年度相比，收入支出总计增加（减少）XX万元。",
    "主要原因：XXXXXXXX。（如持平作持平表述）",
    "截至2024年12月31日，某某县交通运输局共有车辆2辆。",
    "第四部分 名词解释",
    "一、财政拨款收入：指本级财政当年拨付的资金。",
]


@pytest.fixture(scope="module")
def report():
    text = "\n".join(LINES) + "\n"
    return run_audit([parse_source(source_from_bytes(text.encode("utf-8"), "mouxian-transport-2024.txt"))])


def failing(report, check):
    return [(f.severity, f.line_start, f.message) for f in report.findings if f.check == check and f.severity != "ok"]


def test_another_department_in_a_heading(report):
    assert failing(report, "identity.department") == [("error", 6, "封面的部门是某某县交通运输局（第 1 行），第 6 行却写作“某某县水务局”。")]


def test_the_year_of_the_document_and_the_year_before(report):
    assert failing(report, "identity.year") == [
        ("error", 8, "本决算是 2024 年度的（封面，第 1 行），第 8 行“某某县交通运输局2023年度”指本年度，应为 2024 年，文中却是 2023 年。"),
        ("error", 8, "本决算是 2024 年度的（封面，第 1 行），第 8 行“与2022年度相比”指上年，应为 2023 年，文中却是 2022 年。"),
    ]
    # 截至2024年12月31日 is this year: no finding for line 10
    assert all(f.line_start != 10 for f in report.findings if f.check == "identity.year")


def test_template_words_left_in_the_text(report):
    assert failing(report, "template.leftover") == [
        ("notice", 8, "第 8 行留有模板用语：占位符“XX”；二选一的用语“增加（减少）”。"),
        ("notice", 9, "第 9 行留有模板用语：占位符“XXXXXXXX”；填写说明“（如持平作持平表述）”。"),
    ]


def test_the_missing_sections_of_the_explanation(report):
    missing = [f.relation for f in report.findings if f.check == "template.section" and f.severity == "error"]
    assert missing == [
        "必备的情况说明：收入决算情况说明",
        "必备的情况说明：支出决算情况说明",
        "必备的情况说明：财政拨款收入支出决算总体情况说明",
        "必备的情况说明：一般公共预算财政拨款支出决算情况说明",
        "必备的情况说明：一般公共预算财政拨款基本支出决算情况说明",
        "必备的情况说明：财政拨款三公经费支出决算情况说明",
        "必备的情况说明：政府性基金预算财政拨款收入支出决算情况说明",
        "必备的情况说明：国有资本经营预算财政拨款收入支出决算情况说明",
    ]
    present = [f.relation for f in report.findings if f.family == "template" and f.check != "template.leftover" and f.severity == "ok"]
    assert present == ["必备部分：概况", "必备部分：决算情况说明", "必备的情况说明：收入支出决算总体情况说明", "必备部分：名词解释"]
