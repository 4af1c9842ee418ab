"""Lay out the lines of a disclosure into blocks: headings, paragraphs, list entries and tables.

PDF-to-text output breaks sentences at page breaks and narrow-column wraps; a paragraph that
does not end with closing punctuation continues on the next text line, across blank lines.
Blocks keep a :class:`Traced` text, so every character still knows its original line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.text import Traced, squash

NUM_ZH = "一二三四五六七八九十百"
PART = re.compile(rf"^第[{NUM_ZH}]+部分")
LEVEL2 = re.compile(rf"^[{NUM_ZH}]+、")
LEVEL3 = re.compile(rf"^[（(][{NUM_ZH}]+[）)]")
LEVEL4 = re.compile(r"^\d{1,2}[.．、](?!\d)")
LIST_ENTRY = re.compile(r"^\s*[-•·]\s+")
TOC = re.compile(r"^目\s*录$")
SEPARATOR = re.compile(r"^[\s|:-]*-{2,}[\s|:-]*$")
TABLE_TITLE = re.compile(r"(绩效目标自评表|绩效自评表|自评表)$")
TABLE_YEAR = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[）)]$")
TERMINAL = "。！？!?：:；;"
SENTENCE_END = "。！？!?"
# a lead-in whose content the template always puts after it, even across a page break
LEAD_IN = re.compile(r"(原因(是|为)|其中|包括)\s*[：:]$")
GLOSSARY_PART = re.compile(r"名词解释")
ATTACHMENT_PART = re.compile(r"报表|附表|附件")
TOC_LEADER = re.compile(r"[\s.·…_—-]*\d*$")
MAX_HEADING_CHARS = 40
# A paragraph stops growing here and the next line starts another: the longest real one is under
# a thousand characters, while a run of lines without a full stop (a column of numbers) would
# otherwise become one "sentence" of megabytes for every later stage.
MAX_PARAGRAPH_CHARS = 4000


@dataclass
class Block:
    kind: str  # title · toc · heading · item · paragraph · list_entry · table · glossary
    text: Traced
    level: int = 0  # heading/item level: 1 part, 2 一、, 3 （一）, 4 1.
    number: str = ""
    rows: list[tuple[int, str]] = field(default_factory=list)  # tables: (line, raw row)
    title_line: int = 0

    @property
    def line_start(self) -> int:
        return self.rows[0][0] if self.kind == "table" and not self.text.text else self.text.line_start

    @property
    def line_end(self) -> int:
        return self.rows[-1][0] if self.rows else self.text.line_end


def heading_level(text: str) -> tuple[int, str]:
    """Return (level, number) of a numbered line, or (0, "")."""
    for level, pattern in ((1, PART), (2, LEVEL2), (3, LEVEL3), (4, LEVEL4)):
        m = pattern.match(text)
        if m:
            return level, m.group(0)
    return 0, ""


def is_heading_text(text: str) -> bool:
    """A numbered line is a heading when it is short and carries no sentence punctuation."""
    return len(text) <= MAX_HEADING_CHARS and not re.search(r"[。；;，,：:]", text)


def _toc_key(text: str) -> str:
    """A table-of-contents entry without dot leaders, page number and spaces, to find its heading."""
    return TOC_LEADER.sub("", text).replace(" ", "")


def _is_table_line(line: str) -> bool:
    return "\t" in line or bool(SEPARATOR.match(line))


def _separator(left: str, right: str) -> str:
    """What goes between a wrapped line's last character and the next line's first: English words
    get their space back; Chinese and a number broken by a wrap do not."""
    if left.isascii() and left.isalnum() and right.isascii() and right.isalnum() and not (left.isdigit() and right.isdigit()):
        return " "
    return ""


class _Growing:
    """The text of the last block while lines are added to it. Its pieces are joined once, when
    the block is done (joining at every line copies the paragraph each time: quadratic in its
    length); what deciding the next line needs — the last characters, the last line — is kept."""

    TAIL = 64  # longer than any lead-in ("主要原因是：")

    def __init__(self) -> None:
        self.block: Block | None = None
        self.pieces: list[tuple[str, Traced]] = []
        self.tail = ""
        self.line_end = 0
        self.chars = 0

    def start(self, block: Block) -> None:
        self.seal()
        self.block = block
        self.pieces = [("", block.text)]
        self.tail = block.text.text[-self.TAIL :]
        self.line_end = block.text.line_end if block.text.text else 0
        self.chars = len(block.text.text)

    def add(self, sep: str, piece: Traced) -> None:
        self.pieces.append((sep, piece))
        self.tail = (self.tail + sep + piece.text)[-self.TAIL :]
        self.chars += len(sep) + len(piece.text)
        if piece.text:
            self.line_end = piece.line_end

    def seal(self) -> None:
        if self.block is not None and len(self.pieces) > 1:
            self.block.text = Traced.concat(self.pieces)
        self.block, self.pieces = None, []


def layout(lines: list[str]) -> list[Block]:
    """Group ``lines`` into blocks.

    >>> [b.kind for b in layout(["一、收入情况", "本年收入 10.00 万元，", "", "其中：其他收入 1.00 万元。"])]
    ['heading', 'paragraph']
    """
    blocks: list[Block] = []
    growing = _Growing()
    n = len(lines)
    i = 0
    toc_first: str | None = None  # first entry of the table of contents; its repeat ends the TOC
    in_toc = False
    part_title = ""
    body_started = False  # a heading or a table of contents was seen: text is no longer the title

    def add(block: Block) -> None:
        nonlocal body_started
        blocks.append(block)
        growing.start(block)
        body_started = body_started or block.kind in ("heading", "toc")

    def open_block() -> Block | None:
        """The block this text line continues: the line right above it unless that ended a
        sentence; after a blank line (a page break), a block without closing punctuation or one
        that ends on a lead-in such as "主要原因是："."""
        last = growing.block
        if last is None or last.kind not in ("paragraph", "item", "title", "glossary") or not growing.tail:
            return None
        if growing.chars >= MAX_PARAGRAPH_CHARS:
            return None
        end = growing.tail.rstrip()
        tail = end[-1:]
        if growing.line_end == line_no - 1:
            return last if tail not in SENTENCE_END else None
        if LEAD_IN.search(end):
            return last
        return last if tail not in TERMINAL else None

    while i < n:
        raw = lines[i]
        line_no = i + 1
        text = squash(raw)
        if not text:
            i += 1
            continue

        if TOC.match(text):
            in_toc = True
            add(Block("toc", Traced.from_line(line_no, raw.strip())))
            i += 1
            continue
        if in_toc:
            if toc_first is None:
                toc_first = _toc_key(text)
            elif _toc_key(text) == toc_first or re.search(r"[。；;]", text):
                in_toc = False  # the first entry again (its heading), or a sentence: the body
            if in_toc:
                growing.add("\n", Traced.from_line(line_no, raw.strip()))
                i += 1
                continue

        # a table: its title line, an optional "(2023 年度)" line, then tab-separated rows
        if "\t" not in raw and TABLE_TITLE.search(text) and len(text) <= MAX_HEADING_CHARS:
            j = i + 1
            while j < n and not lines[j].strip():
                j += 1
            title_end = i
            if j < n and TABLE_YEAR.match(squash(lines[j])):
                title_end = j
                j += 1
            if j < n and any(_is_table_line(lines[k]) for k in range(j, min(n, j + 3))):
                rows: list[tuple[int, str]] = []
                k = title_end + 1
                while k < n and (not lines[k].strip() or _is_table_line(lines[k])):
                    if lines[k].strip() and not SEPARATOR.match(lines[k]):
                        rows.append((k + 1, lines[k]))
                    k += 1
                title = Traced.join(
                    [Traced.from_line(x + 1, lines[x].strip()) for x in range(i, title_end + 1) if lines[x].strip()], " "
                )
                add(Block("table", title, rows=rows, title_line=line_no))
                i = k
                continue

        if _is_table_line(raw):
            if not SEPARATOR.match(raw):
                add(Block("table", Traced("", ()), rows=[(line_no, raw)]))
            i += 1
            continue

        if LIST_ENTRY.match(raw):
            stripped = LIST_ENTRY.sub("", raw)
            start = len(raw) - len(stripped)
            add(Block("list_entry", Traced.from_line(line_no, stripped.rstrip(), start)))
            i += 1
            continue

        level, number = heading_level(text)
        if level:
            piece = Traced.from_line(line_no, raw.strip(), len(raw) - len(raw.lstrip()))
            if GLOSSARY_PART.search(part_title) and level > 1:
                add(Block("glossary", piece, level=level, number=number))
            elif ATTACHMENT_PART.search(part_title) and level > 1:
                add(Block("list_entry", piece))  # a listed attachment, like "- 一、《…》"
            elif level < 4 and is_heading_text(text):
                add(Block("heading", piece, level=level, number=number))
                if level == 1:
                    part_title = text
            else:
                add(Block("item", piece, level=level, number=number))
            i += 1
            continue

        piece = Traced.from_line(line_no, raw.strip(), len(raw) - len(raw.lstrip()))
        if open_block() is not None:
            growing.add(_separator(growing.tail[-1:], piece.text[:1]), piece)
        else:
            add(Block("paragraph" if body_started else "title", piece))
        i += 1
    growing.seal()
    return blocks
