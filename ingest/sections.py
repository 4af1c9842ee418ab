"""The section tree: 第一部分 … → 一、… → （一）… → 1. …, each with its title and line span."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ingest.layout import Block
from ingest.records import Section
from ingest.text import squash

# Words that turn a section title into its topic: "四、财政拨款收入支出决算总体情况说明" → 财政拨款收入支出
_TITLE_TAIL = re.compile(r"(决算)?(总体|结构|具体)?(情况)?(的)?(说明|情况)$")


@dataclass
class Placed:
    """A block with the sections that enclose it."""

    block: Block
    path: list[Section]  # enclosing headings and items, outermost first
    # a paragraph right after a paragraph or numbered item, no heading between: it may go on with
    # that item's text, cut off only because a wrapped line happened to end with 。
    follows_text: bool = False

    @property
    def section_title(self) -> str:
        """The title a citation shows: the nearest 一、-level heading, else the part."""
        headings = [s for s in self.path if s.kind == "heading"]
        level2 = [s for s in headings if s.level == 2]
        if level2:
            return level2[-1].title
        return headings[-1].title if headings else ""

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.path if s.kind == "heading"]

    @property
    def topic(self) -> str:
        """What the innermost heading is about, in its own words."""
        for s in reversed(self.path):
            if s.kind == "heading" and s.level >= 2:
                return section_topic(s.title)
        return ""


def section_topic(title: str) -> str:
    body = re.sub(r"^[（(]?[一二三四五六七八九十百\d]+[）)、.．]?\s*", "", title)
    return _TITLE_TAIL.sub("", body).strip()


MAX_ITEM_TITLE = 80  # long enough for a whole 类/款/项 classification


def item_title(text: str, number: str) -> str:
    """A short title for a numbered paragraph: its words up to the first punctuation or number."""
    body = text[len(number) :].strip() if text.startswith(number) else text
    m = re.match(r"[^。；;，,：:\d]+", body)
    title = (m.group(0) if m else body).strip()
    return title[:MAX_ITEM_TITLE]


def heading_title(raw: str, number: str) -> str:
    """The heading as written, squashed, keeping the space after its number ("第一部分 部门概况").

    >>> heading_title("第一部分 部门概况", "第一部分"), heading_title("一、主要职能", "一、")
    ('第一部分 部门概况', '一、主要职能')
    """
    text = squash(raw)
    body = text[len(number) :] if number and text.startswith(number) else None
    spaced = raw.strip()[len(number) : len(number) + 1].isspace()
    if body is not None and spaced and not body.startswith(" "):
        return f"{number} {body}"
    return text


def build_sections(blocks: list[Block], doc_id: str, line_count: int) -> tuple[list[Section], list[Placed]]:
    sections: list[Section] = []
    placed: list[Placed] = []
    stack: list[Section] = []
    previous: Block | None = None
    for block in blocks:
        follows_text = block.kind == "paragraph" and previous is not None and previous.kind in ("paragraph", "item")
        previous = block
        if block.kind in ("heading", "item") and block.level:
            while stack and stack[-1].level >= block.level:
                stack.pop()
            # an item never encloses a heading
            while stack and stack[-1].kind == "item" and block.kind == "heading":
                stack.pop()
            text = squash(block.text.text)
            title = heading_title(block.text.text, block.number) if block.kind == "heading" else f"{block.number.strip()} {item_title(text, squash(block.number))}".strip()
            section = Section(
                id=f"{doc_id}:s{len(sections) + 1}",
                level=block.level,
                number=squash(block.number),
                title=title,
                kind=block.kind,
                parent=stack[-1].id if stack else None,
                line_start=block.text.line_start,
                line_end=block.line_end,
            )
            sections.append(section)
            stack.append(section)
            placed.append(Placed(block, list(stack)))
            if block.kind == "item":
                stack.pop()  # an item encloses only its own text
            continue
        placed.append(Placed(block, list(stack), follows_text))
    _close_spans(sections, blocks, line_count)
    return sections, placed


def _close_spans(sections: list[Section], blocks: list[Block], line_count: int) -> None:
    """A heading spans up to its last text line before the next heading of the same or a higher
    level (blank lines between sections belong to neither)."""
    starts = [b.line_start for b in blocks]
    ordered = all(a <= b for a, b in zip(starts, starts[1:]))  # blocks come in reading order
    for i, s in enumerate(sections):
        if s.kind != "heading":
            continue
        boundary = line_count + 1
        for later in sections[i + 1 :]:
            if later.kind == "heading" and later.level <= s.level:
                boundary = later.line_start
                break
        # only the blocks between the heading and the boundary, found by bisection: scanning all
        # blocks for every heading costs the square of a long document's length
        inside = blocks[bisect_left(starts, s.line_start) : bisect_left(starts, boundary)] if ordered else blocks
        ends = [b.line_end for b in inside if s.line_start <= b.line_start < boundary]
        s.line_end = max([s.line_start, *ends])
