"""assistant/handlers/texts.py: stated reasons, definitions from 专业名词解释, and what a section
covers — quoted from the document and cited.
"""

from __future__ import annotations

import pytest

from checks import cited, source


@pytest.mark.parametrize(
    ("question", "phrase", "line"),
    [
        ("三公经费为什么下降", "节约车辆经费开支", 176),
        ("三公为什么下降？", "节约车辆经费开支", 176),
        ("为什么机关运行经费增加了？", "办公费支出增加", 231),
        ("收入支出总体与上年相比增加的主要原因是什么？", "在职人员工资调增", 102),
        ("行政单位离退休的钱为啥多了？", "基础绩效奖金增资调整", 138),
        ("机关事业单位基本养老保险缴费支出增加的原因是什么？", "在职人员职级晋升", 144),
        ("棚改支出为什么增加", "功能科目调整", 162),
        ("Why did the three public expenses decrease?", "节约车辆经费开支", 176),
    ],
)
def test_a_stated_reason_is_quoted_and_cited(ask, question, phrase, line):
    answer = ask(question)

    assert answer.kind == "text"
    assert phrase in answer.answer
    assert line in cited(answer)
    reason = next(c for c in answer.citations if phrase in c.quote)
    assert reason.line_start <= line <= reason.line_end


@pytest.mark.parametrize(
    ("question", "line"),
    [("三公经费为什么下降", 176), ("为什么机关运行经费增加了？", 231), ("行政单位离退休的钱为啥多了？", 138)],
)
def test_a_quoted_reason_is_the_documents_own_wording(ask, question, line):
    answer = ask(question)

    quoted = answer.answer.split("主要原因是：", 1)[1].rstrip("。\n")
    assert quoted in source(line, line)


@pytest.mark.parametrize(
    ("question", "phrase", "lines"),
    [
        ("什么是三公经费？", "因公出国（境）费、公务用车购置及运行费和公务接待费", (1021, 1021)),
        ("基本支出指什么？", "保障机构正常运转", (1011, 1013)),
        ("财政拨款收入是啥意思？", "同级财政当年拨付的资金", (995, 995)),
        ("上级补助收入的含义是什么？", "非财政补助收入", (997, 997)),
        ("机关运行经费是什么意思？", "公用经费支出", (1023, 1023)),
        ("年末结转和结余是什么", "延迟到以后年度", (1009, 1009)),
        ("What does basic expenditure mean?", "保障机构正常运转", (1011, 1013)),
    ],
)
def test_a_definition_is_quoted_from_the_glossary(ask, question, phrase, lines):
    answer = ask(question)

    assert answer.kind == "text"
    assert phrase in answer.answer
    glossary = next(c for c in answer.citations if c.line_start >= 993)
    assert (glossary.line_start, glossary.line_end) == lines
    assert phrase in glossary.quote


def test_a_sections_title_asked_as_a_term_is_answered_with_that_section(ask):
    """"主要职能" is not in 专业名词解释 but is section 一、 of 部门概况 (lines 50–70), nine duties."""
    answer = ask("主要职能是什么")

    assert (answer.kind, answer.intent) == ("text", "overview")
    assert answer.answer.startswith("“一、主要职能”包括：（一）")
    assert "（九） 承办市委、市人民政府交办的其他事项" in answer.answer
    assert cited(answer) == {50, 52, 54, 56, 58, 62, 64, 66, 68, 70}


def test_a_term_the_glossary_lacks_is_refused_with_the_terms_it_has(ask):
    answer = ask("什么是专项债？")

    assert answer.kind == "refusal"
    assert answer.figures == []
    assert "专项债" in answer.answer
    for term in ("财政拨款收入", "基本支出", "机关运行经费"):
        assert term in answer.answer


def test_a_parts_overview_lists_its_sections(ask):
    answer = ask("第二部分讲了什么")

    assert answer.kind == "text"
    titles = ["一、收入支出决算总体情况说明", "五、一般公共预算财政拨款支出决算情况说明", "七、财政拨款“三公”经费支出决算情况说明", "十二、其他需说明的事项"]
    for title in titles:
        assert title in answer.answer
    assert {94, 96, 122, 174, 989} <= cited(answer)


def test_the_document_overview_names_its_four_parts(ask):
    answer = ask("这份文件讲了什么")

    assert answer.kind == "text"
    for part in ("第一部分 部门概况", "第二部分 部门决算情况说明", "第三部分 专业名词解释", "第四部分 部门决算报表"):
        assert part in answer.answer
    assert {48, 94, 993, 1025} <= cited(answer)
    assert answer.unsupported_numbers() == []


def test_the_glossary_part_is_described_not_refused(ask):
    answer = ask("第三部分讲什么")

    assert answer.kind == "text"
    assert "专业名词解释" in answer.answer
    assert 993 in cited(answer)


def test_a_section_overview_stays_inside_that_section(ask):
    answer = ask("十、其他重要事项的情况说明包括哪些内容")

    assert answer.kind == "text"
    for title in ("（一）机关运行经费支出情况", "（二）政府采购情况", "（三）国有资产占用情况说明"):
        assert title in answer.answer
    assert all(227 <= c.line_start <= 245 for c in answer.citations)
