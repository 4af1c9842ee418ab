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


def _join(prev: Traced, line_no: int, line: str) -> Traced:
    piece = Traced.from_line(line_no, line.strip(), len(line) - len(line.lstrip()))
    left, right = prev.text[-1:], piece.text[:1]
    # English words wrapped at a line end get their space back; a number broken by a wrap does not
    if left.isascii() and left.isalnum() and right.isascii() and right.isalnum() and not (left.isdigit() and right.isdigit()):
        return Traced.join([prev, piece], " ")
    return Traced.join([prev, piece])


def layout(lines: list[str]) -> list[Block]:
    """Group ``lines`` into blocks.

    >>> [b.kind for b in layout(["一、收入情况", "本年收入 10.00 万元，", "", "其中：其他收入 1.00 万元。"])]
    ['heading', 'paragraph']
    """
    blocks: list[Block] = []
    n = len(lines)
    i = 0
    toc_first: str | None = None  # first entry of the table of contents; its repeat ends the TOC
    in_toc = False
    part_title = ""

    def open_block() -> Block | None:
        """The block this text line continues: the line right above it unless that ended a
        sentence; after a blank line (a page break), a block without closing punctuation or one
        that ends on a lead-in such as "主要原因是："."""
        if not blocks:
            return None
        last = blocks[-1]
        if last.kind not in ("paragraph", "item", "title", "glossary") or not last.text.text:
            return None
        tail = last.text.text.rstrip()[-1:]
        if last.text.line_end == line_no - 1:
            return last if tail not in SENTENCE_END else None
        if LEAD_IN.search(last.text.text.rstrip()):
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
            blocks.append(Block("toc", Traced.from_line(line_no, raw.strip())))
            i += 1
            continue
        if in_toc:
            if toc_first is None:
                toc_first = _toc_key(text)
            elif _toc_key(text) == toc_first or re.search(r"[。；;]", text):
                in_toc = False  # the first entry again (its heading), or a sentence: the body
            if in_toc:
                blocks[-1].text = Traced.join([blocks[-1].text, Traced.from_line(line_no, raw.strip())], "\n")
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
                blocks.append(Block("table", title, rows=rows, title_line=line_no))
                i = k
                continue

        if _is_table_line(raw):
            if not SEPARATOR.match(raw):
                blocks.append(Block("table", Traced("", ()), rows=[(line_no, raw)]))
            i += 1
            continue

        if LIST_ENTRY.match(raw):
            stripped = LIST_ENTRY.sub("", raw)
            start = len(raw) - len(stripped)
            blocks.append(Block("list_entry", Traced.from_line(line_no, stripped.rstrip(), start)))
            i += 1
            continue

        level, number = heading_level(text)
        if level:
            piece = Traced.from_line(line_no, raw.strip(), len(raw) - len(raw.lstrip()))
            if GLOSSARY_PART.search(part_title) and level > 1:
                blocks.append(Block("glossary", piece, level=level, number=number))
            elif ATTACHMENT_PART.search(part_title) and level > 1:
                blocks.append(Block("list_entry", piece))  # a listed attachment, like "- 一、《…》"
            elif level < 4 and is_heading_text(text):
                blocks.append(Block("heading", piece, level=level, number=number))
                if level == 1:
                    part_title = text
            else:
                blocks.append(Block("item", piece, level=level, number=number))
            i += 1
            continue

        cont = open_block()
        if cont is not None:
            cont.text = _join(cont.text, line_no, raw)
        else:
            kind = "title" if not any(b.kind in ("heading", "toc") for b in blocks) else "paragraph"
            blocks.append(Block(kind, Traced.from_line(line_no, raw.strip(), len(raw) - len(raw.lstrip()))))
        i += 1
    return blocks
