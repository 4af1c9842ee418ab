"""Find the statutory tables in a document's pages and stitch each across its pages.

A table starts at a title line that names a statutory kind (``statutory.toml``), followed within
a few lines by its unit (单位：万元) or header. From a PDF, its body is the ruled grid below the
title; a grid at the top of a later page, with no title of its own, continues the table above it
(the header is printed on the first page only). From a text export, its body is the lines up to
the table's note (注：本表反映…) or the next title or part heading. Notes after a table —
including a statement that it is empty (本表无数据, 故本表为空表) — belong to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.pages import Box, Grid, Line, Pages
from ingest.statements.kinds import Kind, compact, vocabulary

UNIT = re.compile(r"(金额)?单位[：:]\s*(?P<unit>万元|元|千元|亿元)")
NOTE = re.compile(r"^\s*(注|说明|备注)\s*\d*\s*[：:]")
EMPTY_NOTE = re.compile(r"(无数据|空表|本表无|未发生|没有.{0,30}(收入|支出|经费)|不涉及)")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")
ORDINAL_ENTRY = re.compile(r"^[一二三四五六七八九十]+、")
LOOKAHEAD = 5  # lines after a title in which its unit or header must appear


@dataclass
class GridPart:
    grid: Grid
    header_rows: int = 0  # leading rows that are header (set by the header stage)


@dataclass
class RawTable:
    kind: Kind
    title: str
    title_line: int
    source: str  # grid · text
    unit: str = "万元"
    unit_found: bool = False
    parts: list[GridPart] = field(default_factory=list)  # grid tables
    body: list[Line] = field(default_factory=list)  # text tables: header and row lines
    notes: list[Line] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # every line that belongs to the table
    pages: list[int] = field(default_factory=list)
    ended: bool = False  # a note or other text followed: no later grid continues it

    def add_page(self, page: int) -> None:
        if page not in self.pages:
            self.pages.append(page)


def find_tables(pages: Pages) -> tuple[list[RawTable], list[Grid]]:
    """The statutory tables, and the other ruled grids (read as text by the narrative)."""
    if pages.kind == "pdf":
        return _find_in_grids(pages)
    return _find_in_text(pages.lines), []


def _title_kind(line: Line) -> Kind | None:
    text = line.text.strip()
    if not text or ORDINAL_ENTRY.match(text) or len(compact(text)) > 40:
        return None  # a table of contents entry (一、收入支出决算总表) or a sentence
    return vocabulary().kind_of(text)


def _unit(table: RawTable, line: Line) -> bool:
    m = UNIT.search(line.text)
    if m:
        table.unit, table.unit_found = m.group("unit"), True
        table.lines.add(line.n)
    return bool(m)


# -- PDF: grids under titles -----------------------------------------------------------------------
def _find_in_grids(pages: Pages) -> tuple[list[RawTable], list[Grid]]:
    grid_at = {g.lines[0]: g for g in pages.grids}
    tables: list[RawTable] = []
    others: list[Grid] = []
    current: RawTable | None = None  # the table that a grid under no title would continue
    title: tuple[Line, Kind] | None = None  # a title waiting for its grid
    since: list[Line] = []  # text lines since the last grid on this page, or since the page's top
    page = 0
    lines = pages.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.page != page:
            page, since = line.page, []
        grid = grid_at.get(line.n)
        if line.role == "furniture":
            i += 1
            continue
        if grid is not None:
            if title is not None:
                current = RawTable(kind=title[1], title=title[0].text.strip(), title_line=title[0].n, source="grid")
                current.lines.add(title[0].n)
                for earlier in since:
                    _unit(current, earlier)
                tables.append(current)
                title = None
            elif current is None or current.ended or _content(since):
                others.append(grid)
                current = None
                i, since = i + len(grid.lines), []
                continue
            current.parts.append(GridPart(grid))
            current.add_page(grid.page)
            current.lines.update(grid.lines)
            i, since = i + len(grid.lines), []
            continue
        kind = _title_kind(line)
        if kind is not None and title is None and _continues(current, line, kind):
            current.lines.add(line.n)  # type: ignore[union-attr]
        elif kind is not None and _title_followed(lines, i):
            title, since = (line, kind), []
            if current is not None:
                current.ended = True
        elif title is None and current is not None and _is_note(current, line):
            current.notes.append(line)
            current.lines.add(line.n)
            current.ended = True
        elif title is None and current is not None and not current.ended and UNIT.search(line.text):
            _unit(current, line)
        else:
            since.append(line)
            if title is None and current is not None and line.text.strip():
                current.ended = True
        i += 1
    return tables, others


def _continues(table: RawTable | None, line: Line, kind: Kind) -> bool:
    """A title printed again over a table's part on a later page (收入决算表（续）, or the same
    title once more) while the table has not ended: the table goes on."""
    if table is None or table.ended or kind is not table.kind:
        return False
    text = compact(line.text)
    return "续" in text or text == compact(table.title)


def _is_note(table: RawTable, line: Line) -> bool:
    """A note under a table (注：… / 说明：…), or the wrapped rest of the note above it."""
    if NOTE.match(line.text):
        return True
    if not table.notes or _starts_block(line):
        return False
    last = table.notes[-1]
    return last.n == line.n - 1 and not last.text.rstrip().endswith(("。", "."))


def _content(lines: list[Line]) -> bool:
    return any(line.text.strip() and not UNIT.search(line.text) for line in lines)


def _starts_block(line: Line) -> bool:
    return bool(PART.match(line.text) or ORDINAL_ENTRY.match(line.text) or _title_kind(line))


def _title_followed(lines: list[Line], i: int) -> bool:
    """A title is a table's when a unit line, a grid or header words follow within a few lines."""
    voc = vocabulary()
    for line in lines[i + 1 : i + 1 + LOOKAHEAD]:
        if line.role == "furniture":
            continue
        if line.role == "table_row" or UNIT.search(line.text):
            return True
        words = line.text.split()
        if words and all(voc.is_header_word(w) for w in words):
            return True
        if _title_kind(line):
            return False
    return False


# -- text exports: lines between a title and the table's note ----------------------------------------
def _find_in_text(lines: list[Line]) -> list[RawTable]:
    tables: list[RawTable] = []
    current: RawTable | None = None
    for i, line in enumerate(lines):
        text = line.text.strip()
        if line.role == "furniture" or not text:
            continue
        kind = _title_kind(line)
        if kind is not None and current is not None and not current.notes and line.page != current.pages[0] \
                and _continues(current, line, kind):
            current.lines.add(line.n)
            continue
        if kind is not None and _title_followed(lines, i):
            current = RawTable(kind=kind, title=text, title_line=line.n, source="text")
            current.lines.add(line.n)
            current.add_page(line.page)
            tables.append(current)
            continue
        if current is None:
            continue
        if PART.match(text):
            current = None
            continue
        if _is_note(current, line):
            current.notes.append(line)
            current.lines.add(line.n)
            continue
        if current.notes:
            current = None  # the first line after the notes is the text that follows the table
            continue
        if not current.body and not current.unit_found and _unit(current, line):
            continue
        current.body.append(line)
        current.lines.add(line.n)
        current.add_page(line.page)
    return tables


def empty_statement(table: RawTable) -> str | None:
    for note in table.notes:
        if EMPTY_NOTE.search(note.text):
            return note.text.strip()
    return None


def line_box(lines: list[Line]) -> Box | None:
    boxes = [line.bbox for line in lines if line.bbox]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
