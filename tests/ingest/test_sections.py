"""ingest/sections.py: the section tree 第一部分 → 一、 → （一） → 1., with titles and line spans."""

from __future__ import annotations

import pytest

from ingest.layout import layout
from ingest.records import Section
from ingest.sections import build_sections, heading_title, item_title, section_topic

# (level, title, line_start, line_end, parent title)
BUNDLED_HEADINGS = [
    (1, "第一部分 部门概况", 48, 92, None),
    (2, "一、主要职能", 50, 70, "第一部分 部门概况"),
    (2, "二、机构设置及人员情况", 72, 92, "第一部分 部门概况"),
    (1, "第二部分 部门决算情况说明", 94, 991, None),
    (2, "一、收入支出决算总体情况说明", 96, 102, "第二部分 部门决算情况说明"),
    (2, "二、收入决算情况说明", 104, 106, "第二部分 部门决算情况说明"),
    (2, "三、支出决算情况说明", 108, 110, "第二部分 部门决算情况说明"),
    (2, "四、财政拨款收入支出决算总体情况说明", 112, 120, "第二部分 部门决算情况说明"),
    (2, "五、一般公共预算财政拨款支出决算情况说明", 122, 164, "第二部分 部门决算情况说明"),
    (3, "（一）一般公共预算财政拨款支出决算总体情况", 124, 128, "五、一般公共预算财政拨款支出决算情况说明"),
    (3, "（二）一般公共预算财政拨款支出决算结构情况", 130, 134, "五、一般公共预算财政拨款支出决算情况说明"),
    (3, "（三）一般公共预算财政拨款支出决算具体情况", 136, 164, "五、一般公共预算财政拨款支出决算情况说明"),
    (2, "六、一般公共预算财政拨款基本支出决算情况说明", 166, 172, "第二部分 部门决算情况说明"),
    (2, "七、财政拨款“三公”经费支出决算情况说明", 174, 188, "第二部分 部门决算情况说明"),
    (2, "八、政府性基金预算财政拨款收入支出决算情况说明", 190, 219, "第二部分 部门决算情况说明"),
    (2, "九、国有资本经营预算财政拨款收入支出决算情况说明", 221, 225, "第二部分 部门决算情况说明"),
    (2, "十、其他重要事项的情况说明", 227, 245, "第二部分 部门决算情况说明"),
    (3, "（一）机关运行经费支出情况", 229, 233, "十、其他重要事项的情况说明"),
    (3, "（二）政府采购情况", 235, 241, "十、其他重要事项的情况说明"),
    (3, "（三）国有资产占用情况说明", 243, 245, "十、其他重要事项的情况说明"),
    (2, "十一、预算绩效的情况说明", 247, 987, "第二部分 部门决算情况说明"),
    (2, "十二、其他需说明的事项", 989, 991, "第二部分 部门决算情况说明"),
    (1, "第三部分 专业名词解释", 993, 1023, None),
    (1, "第四部分 部门决算报表（见附表）", 1025, 1035, None),
]

# numbered paragraphs: (level, title, line_start, line_end, parent title)
BUNDLED_ITEMS = [
    (3, "（一） 贯彻执行国家、自治区和我市有关住房保障和房产管理工作的方针、政策和法律法规", 52, 52, "一、主要职能"),
    (3, "（四） 承担全市房地产市场监管的责任", 58, 60, "一、主要职能"),
    (3, "（九） 承办市委、市人民政府交办的其他事项", 70, 70, "一、主要职能"),
    (4, "1. 乌鲁木齐市住房保障和房产管理局本级", 84, 84, "二、机构设置及人员情况"),
    (4, "9. 乌鲁木齐市住房保障中心", 92, 92, "二、机构设置及人员情况"),
    (4, "1. 社会保障和就业支出(类)", 132, 132, "（二）一般公共预算财政拨款支出决算结构情况"),
    (4, "3. 住房保障支出(类)", 134, 134, "（二）一般公共预算财政拨款支出决算结构情况"),
    (4, "1. 社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项)", 138, 138, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "2. 社会保障和就业支出(类)行政事业单位养老支出(款)事业单位离退休(项)", 140, 142, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "3. 社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)", 144, 144, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "6. 城乡社区支出(类)城乡社区管理事务(款)行政运行(项)", 150, 152, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "9. 城乡社区支出(类)其他城乡社区支出(款)其他城乡社区支出(项)", 158, 160, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "11. 灾害防治及应急管理支出(类)应急管理事务(款)灾害风险防治(项)", 164, 164, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "1. 其他支出(类)其他政府性基金及对应专项债务收入安排的支出(款)其他地方自行试点项目收益专项债券收入安排的支出(项)", 198, 205, "八、政府性基金预算财政拨款收入支出决算情况说明"),
    (4, "2. 城乡社区支出(类)国有土地使用权出让收入安排的支出(款)棚户区改造支出(项)", 207, 211, "八、政府性基金预算财政拨款收入支出决算情况说明"),
    (4, "3. 城乡社区支出(类)城市基础设施配套费安排的支出(款)城市公共设施(项)", 213, 219, "八、政府性基金预算财政拨款收入支出决算情况说明"),
]

EDU_HEADINGS = [
    (1, "第一部分 部门概况", 12, 18, None),
    (2, "一、主要职能", 13, 15, "第一部分 部门概况"),
    (2, "二、机构设置及人员情况", 16, 18, "第一部分 部门概况"),
    (1, "第二部分 2024年度部门决算情况说明", 20, 113, None),
    (2, "一、收入支出决算总体情况说明", 22, 26, "第二部分 2024年度部门决算情况说明"),
    (2, "二、收入决算情况说明", 27, 28, "第二部分 2024年度部门决算情况说明"),
    (2, "三、支出决算情况说明", 29, 30, "第二部分 2024年度部门决算情况说明"),
    (2, "四、财政拨款收入支出决算总体情况说明", 31, 36, "第二部分 2024年度部门决算情况说明"),
    (2, "五、一般公共预算财政拨款支出决算情况说明", 37, 51, "第二部分 2024年度部门决算情况说明"),
    (3, "（一）一般公共预算财政拨款支出决算总体情况", 38, 39, "五、一般公共预算财政拨款支出决算情况说明"),
    (3, "（二）一般公共预算财政拨款支出决算结构情况", 40, 43, "五、一般公共预算财政拨款支出决算情况说明"),
    (3, "（三）一般公共预算财政拨款支出决算具体情况", 44, 51, "五、一般公共预算财政拨款支出决算情况说明"),
    (2, "六、一般公共预算财政拨款基本支出决算情况说明", 52, 53, "第二部分 2024年度部门决算情况说明"),
    (2, "七、财政拨款“三公”经费支出决算情况说明", 54, 57, "第二部分 2024年度部门决算情况说明"),
    (2, "八、政府性基金预算财政拨款收入支出决算情况说明", 58, 59, "第二部分 2024年度部门决算情况说明"),
    (2, "九、国有资本经营预算财政拨款收入支出决算情况说明", 60, 61, "第二部分 2024年度部门决算情况说明"),
    (2, "十、其他重要事项的情况说明", 62, 68, "第二部分 2024年度部门决算情况说明"),
    (3, "（一）机关运行经费支出情况", 63, 64, "十、其他重要事项的情况说明"),
    (3, "（二）政府采购情况", 65, 66, "十、其他重要事项的情况说明"),
    (3, "（三）国有资产占用情况说明", 67, 68, "十、其他重要事项的情况说明"),
    (2, "十一、预算绩效的情况说明", 69, 110, "第二部分 2024年度部门决算情况说明"),
    (2, "十二、其他需说明的事项", 112, 113, "第二部分 2024年度部门决算情况说明"),
    (1, "第三部分 名词解释", 114, 118, None),
    (1, "第四部分 附件", 119, 122, None),
]

EDU_ITEMS = [
    (3, "（一） 贯彻执行国家和省、市教育工作方针政策", 14, 14, "一、主要职能"),
    (3, "（二） 统筹管理全市各级各类教育", 15, 15, "一、主要职能"),
    (4, "1. 教育支出（类）", 41, 41, "（二）一般公共预算财政拨款支出决算结构情况"),
    (4, "2. 社会保障和就业支出（类）", 42, 42, "（二）一般公共预算财政拨款支出决算结构情况"),
    (4, "3. 住房保障支出（类）", 43, 43, "（二）一般公共预算财政拨款支出决算结构情况"),
    (4, "1. 教育支出（类）普通教育（款）高中教育（项）", 45, 46, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "2. 教育支出（类）普通教育（款）初中教育（项）", 47, 49, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "3. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", 50, 50, "（三）一般公共预算财政拨款支出决算具体情况"),
    (4, "4. 住房保障支出（类）住房改革支出（款）住房公积金（项）", 51, 51, "（三）一般公共预算财政拨款支出决算具体情况"),
]


def _row(sections: list[Section], s: Section) -> tuple:
    parents = {x.id: x.title for x in sections}
    return (s.level, s.title, s.line_start, s.line_end, parents.get(s.parent) if s.parent else None)


def test_the_bundled_headings_in_order(bundled):
    headings = [_row(bundled.sections, s) for s in bundled.sections if s.kind == "heading"]

    assert headings == BUNDLED_HEADINGS


@pytest.mark.parametrize("expected", BUNDLED_ITEMS, ids=lambda e: f"{e[2]}")
def test_bundled_numbered_items(bundled, expected):
    items = [_row(bundled.sections, s) for s in bundled.sections if s.kind == "item" and s.line_start == expected[2]]

    assert items == [expected]


def test_the_bundled_tree_has_59_sections_with_stable_ids(bundled):
    sections = bundled.sections

    assert len(sections) == 59
    assert [s.id for s in sections] == [f"urumqi-housing-2023:s{i}" for i in range(1, 60)]
    assert sum(1 for s in sections if s.kind == "item") == 35
    by_parent = {}
    for s in sections:
        by_parent.setdefault(s.parent, []).append(s)
    specific = next(s for s in sections if s.title == "（三）一般公共预算财政拨款支出决算具体情况")
    assert [s.number for s in by_parent[specific.id]] == [f"{i}." for i in range(1, 12)]


def test_every_section_lies_inside_its_parent(bundled, edu):
    for records in (bundled, edu):
        by_id = {s.id: s for s in records.sections}
        for s in records.sections:
            assert s.line_start <= s.line_end
            if s.parent:
                parent = by_id[s.parent]
                assert parent.level < s.level
                assert parent.line_start < s.line_start and s.line_end <= parent.line_end, s.title


def test_the_second_documents_headings(edu):
    assert [_row(edu.sections, s) for s in edu.sections if s.kind == "heading"] == EDU_HEADINGS


def test_the_second_documents_items(edu):
    assert [_row(edu.sections, s) for s in edu.sections if s.kind == "item"] == EDU_ITEMS


def test_figures_carry_their_section_path(bundled):
    purchase = next(f for f in bundled.figures if f.subject == "政府采购支出总额")

    assert purchase.section == "十、其他重要事项的情况说明"
    assert purchase.section_path == ["第二部分 部门决算情况说明", "十、其他重要事项的情况说明", "（二）政府采购情况"]


@pytest.mark.parametrize(
    ("raw", "number", "title"),
    [
        ("第一部分 部门概况", "第一部分", "第一部分 部门概况"),
        ("第三部分  专业名词解释", "第三部分", "第三部分 专业名词解释"),
        ("一、主要职能", "一、", "一、主要职能"),
        ("（二）政府采购情况", "（二）", "（二）政府采购情况"),
        ("第二部分 2024 年度部门决算情况说明", "第二部分", "第二部分 2024 年度部门决算情况说明"),
    ],
)
def test_heading_titles_are_written_as_in_the_document(raw, number, title):
    assert heading_title(raw, number) == title


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("1. 社会保障和就业支出(类)587.27 万元,占 0.12%。", "1.", "社会保障和就业支出(类)"),
        ("（二）承担全市城镇低收入住房困难家庭住房保障的责任；研究", "（二）", "承担全市城镇低收入住房困难家庭住房保障的责任"),
        ("2. 乌鲁木齐市房屋安全鉴定中心", "2.", "乌鲁木齐市房屋安全鉴定中心"),
    ],
)
def test_item_titles_are_the_words_before_the_first_punctuation_or_number(text, number, title):
    assert item_title(text, number) == title


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("四、财政拨款收入支出决算总体情况说明", "财政拨款收入支出"),
        ("（一）一般公共预算财政拨款支出决算总体情况", "一般公共预算财政拨款支出"),
        ("（二）政府采购情况", "政府采购"),
        ("七、财政拨款“三公”经费支出决算情况说明", "财政拨款“三公”经费支出"),
    ],
)
def test_a_section_topic_is_its_title_without_numbering_and_boilerplate(title, topic):
    assert section_topic(title) == topic


def test_a_paragraph_right_after_an_item_or_paragraph_follows_text():
    blocks = layout([
        "（三）具体情况",
        "支出决算为 9.00 万元。其中：",
        "1、抚恤（款）死亡抚恤（项）。",
        "年初预算为 0 万元，支出决算为 9.00 万元。",
        "决算数大于预算数的主要原因：年中追加。",
        "六、基本支出情况",
        "基本支出 1.00 万元。",
    ])
    _, placed = build_sections(blocks, "doc", 7)

    assert [(p.block.kind, p.block.line_start, p.follows_text) for p in placed] == [
        ("heading", 1, False),
        ("paragraph", 2, False),
        ("item", 3, False),
        ("paragraph", 4, True),
        ("paragraph", 5, True),
        ("heading", 6, False),
        ("paragraph", 7, False),
    ]
