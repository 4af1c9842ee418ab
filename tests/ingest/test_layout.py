"""ingest/layout.py: wrapped lines are rejoined into blocks whose characters keep their original
(line, column), headings and tables are told apart."""

from __future__ import annotations

from collections import Counter

import pytest

from corpus import BUNDLED_DOCUMENT
from ingest.layout import Block, heading_level, is_heading_text, layout
from ingest.read import read_source

LINES = read_source(BUNDLED_DOCUMENT).lines


@pytest.fixture(scope="module")
def blocks() -> list[Block]:
    return layout(LINES)


def block_at(blocks: list[Block], line: int) -> Block:
    found = [b for b in blocks if b.kind != "table" and b.text.text and b.line_start == line]
    assert len(found) == 1, f"expected one block starting at line {line}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        (3, 7, "title"),
        (58, 60, "item"),
        (74, 76, "paragraph"),
        (118, 120, "paragraph"),
        (126, 128, "paragraph"),
        (140, 142, "item"),
        (150, 152, "item"),
        (158, 160, "item"),
        (168, 170, "paragraph"),
        (186, 188, "paragraph"),
        (198, 205, "item"),
        (207, 211, "item"),
        (213, 219, "item"),
        (223, 225, "paragraph"),
        (239, 241, "paragraph"),
        (249, 251, "paragraph"),
        (1011, 1013, "glossary"),
    ],
)
def test_wrapped_paragraphs_are_one_block_with_their_line_span(blocks, start, end, kind):
    block = block_at(blocks, start)

    assert (block.kind, block.line_start, block.line_end) == (kind, start, end)


@pytest.mark.parametrize(
    ("left", "left_line", "right", "right_line"),
    [
        ("……预决算差异率", 126, "7,289.27%，主要原因是", 128),
        ("实有人数359人，其中：在职人员242人，离休人员0人，", 74, "退休人员 117 人。", 76),
        ("预决算差异率 19.64%，主要原因是：本", 118, "年人员职级变动", 120),
        ("其他政府性基金及对应专项债务收入", 198, "安排的支出(款)其他地方自行试点项目收益专项债券收入", 200),
        ("专项债券收入", 200, "安排的支出(项):支出决算数为 129,100.00 万元,比上年决", 201),
        ("比上年决", 201, "算增加 119,100.00 万元,增长 1,191.00%,主要原因是:乌", 202),
        ("主要原因是:乌", 202, "鲁木齐市住房保障和房产管理局本级本年增加乌鲁木齐市", 203),
        ("国有土地使用权出让收入安排的", 207, "支出(款)棚户区改造支出(项):支出决算数为 0.00 万元,比", 208),
        ("万元,比", 208, "上年决算减少 188,947.46 万元,降低 100.00%,主要原因是:", 209),
        ("本年将棚户区改造政府购买服务资金由本科", 210, "目调整至一般公共预算棚户区改造科目,经费减少。", 211),
        ("城市基础设施配套费安排的支出", 213, "(款)城市公共设施(项):支出决算数为 0.00 万元,比上年决", 214),
        ("2023 年财政调整至一般公共预算资金其他城乡社区", 218, "支出科目列支,经费减少。", 219),
        ("包括：基本工资、津", 168, "贴补贴、奖金、绩效工资", 170),
        ("我系统单位严格控制公", 186, "务用车运行维护费用，节约车辆经费开支", 188),
        ("完成日常工作", 1011, "任务而发生的人员支出和公用支出。", 1013),
    ],
)
def test_a_rejoined_sentence_keeps_the_origin_of_each_side(blocks, left, left_line, right, right_line):
    left = left.lstrip("…")
    block = next(b for b in blocks if b.kind != "table" and b.text.text and b.line_start <= left_line and right_line <= b.line_end)
    text = block.text.text

    at = text.index(left + right)
    seam = at + len(left)
    assert block.text.origin[seam - 1] == (left_line, len(LINES[left_line - 1].rstrip()) - 1)
    assert block.text.origin[seam] == (right_line, 0)
    assert LINES[left_line - 1].rstrip().endswith(left)
    assert LINES[right_line - 1].startswith(right)


@pytest.mark.parametrize("document", ["bundled", "edu"])
def test_every_character_of_a_block_points_at_itself_in_the_original(document, edu):
    lines = LINES if document == "bundled" else edu.lines
    checked = 0
    for block in layout(lines):
        if block.kind in ("table", "toc"):
            continue
        for ch, (line, column) in zip(block.text.text, block.text.origin):
            assert ch == " " or lines[line - 1][column] == ch, (block.line_start, ch, line, column)
            checked += 1
    assert checked > 1000


def test_the_bundled_document_has_the_blocks_of_the_template(blocks):
    kinds = Counter(b.kind for b in blocks)

    assert kinds == {
        "title": 1,
        "toc": 1,
        "heading": 24,
        "item": 35,
        "paragraph": 32,
        "table": 31,
        "glossary": 14,
        "list_entry": 9,
    }
    toc = next(b for b in blocks if b.kind == "toc")
    assert (toc.line_start, toc.line_end) == (9, 46)
    title = next(b for b in blocks if b.kind == "title")
    assert title.text.text == "乌鲁木齐市住房保障和房产管理局（汇总）2023 年度部门决算公开说明"


def test_tables_are_found_by_their_title_and_keep_their_raw_rows(blocks):
    tables = [b for b in blocks if b.kind == "table"]

    assert [t.title_line for t in tables[:3]] == [253, 279, 300]
    assert tables[0].text.text == "部门（单位）整体支出绩效目标自评表 (2023 年度)"
    assert tables[1].text.text == "项目支出绩效自评表 (2023 年度)"
    assert (tables[1].line_start, tables[1].line_end) == (279, 298)
    assert tables[1].rows[0] == (282, LINES[281])
    # markdown separator rows such as line 853 ("----\t-----\t…") are not rows
    assert LINES[852].startswith("----")
    assert not [line for t in tables for line, raw in t.rows if set(raw) <= set("-\t ")]
    last = tables[-1]
    assert (last.title_line, last.line_end) == (967, 987)


@pytest.mark.parametrize(
    ("text", "level", "number"),
    [
        ("第一部分 部门概况", 1, "第一部分"),
        ("第十二部分 附件", 1, "第十二部分"),
        ("一、收入支出决算总体情况说明", 2, "一、"),
        ("十一、预算绩效的情况说明", 2, "十一、"),
        ("（三）国有资产占用情况说明", 3, "（三）"),
        ("(二) 政府采购情况", 3, "(二)"),
        ("1. 社会保障和就业支出(类)", 4, "1."),
        ("10．住房保障支出(类)", 4, "10．"),
        ("2、城乡社区支出(类)", 4, "2、"),
        ("2023 年度收入总计", 0, ""),
        ("3.08 万元", 0, ""),
        ("目标 1：提升房地产投资", 0, ""),
    ],
)
def test_heading_levels(text, level, number):
    assert heading_level(text) == (level, number)


@pytest.mark.parametrize(
    ("text", "is_heading"),
    [
        ("七、财政拨款“三公”经费支出决算情况说明", True),
        ("（二）政府采购情况", True),
        ("（八）统一管理和协调乌鲁木齐住房公积金管理中心。", False),
        ("一、**财政拨款收入**：指同级财政当年拨付的资金。", False),
        ("一、" + "很长的标题" * 8, False),
    ],
)
def test_a_numbered_line_is_a_heading_only_when_short_and_without_sentence_punctuation(text, is_heading):
    assert is_heading_text(text) is is_heading


def _texts(lines: list[str]) -> list[tuple[str, str, int, int]]:
    return [(b.kind, b.text.text, b.line_start, b.line_end) for b in layout(lines)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["一、收入情况", "本年收入 10.00 万元，其中：", "财政拨款收入 9.00 万元。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "本年收入 10.00 万元，其中：财政拨款收入 9.00 万元。", 2, 3)],
            id="adjacent-wrap-continues",
        ),
        pytest.param(
            ["一、收入情况", "本年收入 10.00 万元。", "本年支出 9.00 万元。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "本年收入 10.00 万元。", 2, 2), ("paragraph", "本年支出 9.00 万元。", 3, 3)],
            id="adjacent-line-after-a-sentence-end-is-a-new-paragraph",
        ),
        pytest.param(
            ["一、收入情况", "本年收入 10.00 万元，比上年增加", "", "1.00 万元。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "本年收入 10.00 万元，比上年增加1.00 万元。", 2, 4)],
            id="page-break-mid-sentence-continues",
        ),
        pytest.param(
            ["一、收入情况", "与上年相比，增加 1.00 万元，主要原因是：", "", "人员增加。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "与上年相比，增加 1.00 万元，主要原因是：人员增加。", 2, 4)],
            id="page-break-after-a-reason-lead-in-continues",
        ),
        pytest.param(
            ["一、收入情况", "具体情况如下：", "", "公务接待费 0.00 万元。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "具体情况如下：", 2, 2), ("paragraph", "公务接待费 0.00 万元。", 4, 4)],
            id="blank-line-after-a-closing-colon-separates",
        ),
        pytest.param(
            ["一、收入情况", "支出决算数为 12,4", "80.60 万元。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "支出决算数为 12,480.60 万元。", 2, 3)],
            id="a-number-broken-by-a-wrap-is-whole-again",
        ),
        pytest.param(
            ["一、收入情况", "完成 B1 项目包和 PPP", "project 的征收。"],
            [("heading", "一、收入情况", 1, 1), ("paragraph", "完成 B1 项目包和 PPP project 的征收。", 2, 3)],
            id="english-words-keep-their-space",
        ),
    ],
)
def test_paragraph_rejoining(lines, expected):
    assert _texts(lines) == expected


def test_a_table_of_contents_with_dot_leaders_ends_at_its_first_heading():
    lines = [
        "某某局 2024 年度部门决算公开说明",
        "目 录",
        "第一部分 部门概况………………………………1",
        "第二部分 部门决算情况说明 ........ 3",
        "",
        "第一部分 部门概况",
        "一、主要职能",
        "负责全市教育工作。",
    ]

    assert [(b.kind, b.line_start, b.line_end) for b in layout(lines)] == [
        ("title", 1, 1),
        ("toc", 2, 4),
        ("heading", 6, 6),
        ("heading", 7, 7),
        ("paragraph", 8, 8),
    ]


def test_a_table_of_contents_that_never_repeats_ends_at_the_first_sentence():
    lines = ["目录", "部门概况", "决算情况说明", "本部门负责全市教育工作，下设 3 个科室。"]

    assert [(b.kind, b.line_start, b.line_end) for b in layout(lines)] == [("toc", 1, 3), ("paragraph", 4, 4)]


@pytest.mark.parametrize("number", ["一、", "（一）", "1."], ids=["level-2", "level-3", "level-4"])
def test_numbered_entries_of_the_glossary_part_are_glossary_blocks(number):
    lines = ["第三部分 名词解释", f"{number}财政拨款收入：指本级财政当年拨付的资金。", f"{number.replace('一', '二').replace('1', '2')}基本支出：指人员支出和", "公用支出。"]

    assert [(b.kind, b.line_start, b.line_end) for b in layout(lines)] == [("heading", 1, 1), ("glossary", 2, 2), ("glossary", 3, 4)]


def test_numbered_entries_of_an_attachment_part_are_list_entries():
    lines = ["第四部分 附件", "一、收入支出决算总表", "二、收入决算表", "", "- 三、《支出决算表》"]

    assert [(b.kind, b.text.text) for b in layout(lines)] == [
        ("heading", "第四部分 附件"),
        ("list_entry", "一、收入支出决算总表"),
        ("list_entry", "二、收入决算表"),
        ("list_entry", "三、《支出决算表》"),
    ]


def test_a_table_title_without_rows_is_text_not_a_table():
    lines = ["十一、预算绩效的情况说明", "项目支出绩效自评表", "", "本年无项目支出。"]

    assert [(b.kind, b.line_start, b.line_end) for b in layout(lines)] == [("heading", 1, 1), ("paragraph", 2, 4)]


def test_the_second_documents_layout(edu):
    blocks = layout(edu.lines)
    spans = [(b.kind, b.line_start, b.line_end) for b in blocks if b.kind in ("paragraph", "item", "glossary", "table", "toc")]

    assert spans == [
        ("toc", 4, 10),
        ("item", 14, 14),
        ("item", 15, 15),
        ("paragraph", 17, 18),
        ("paragraph", 23, 23),
        ("paragraph", 24, 26),
        ("paragraph", 28, 28),
        ("paragraph", 30, 30),
        ("paragraph", 32, 34),
        ("paragraph", 35, 36),
        ("paragraph", 39, 39),
        ("item", 41, 41),
        ("item", 42, 42),
        ("item", 43, 43),
        ("item", 45, 46),
        ("item", 47, 49),
        ("item", 50, 50),
        ("item", 51, 51),
        ("paragraph", 53, 53),
        ("paragraph", 55, 56),
        ("paragraph", 57, 57),
        ("paragraph", 59, 59),
        ("paragraph", 61, 61),
        ("paragraph", 64, 64),
        ("paragraph", 66, 66),
        ("paragraph", 68, 68),
        ("paragraph", 70, 70),
        ("table", 72, 91),
        ("table", 93, 110),
        ("paragraph", 113, 113),
        ("glossary", 115, 115),
        ("glossary", 116, 117),
        ("glossary", 118, 118),
    ]
