"""Pages and printed lines: the one shape every later stage reads, whatever the input was.

A document becomes a list of :class:`Line` in reading order. Line ``n`` (1-based) is the index
every record refers to; each line also knows where it was printed — its page, its line within
that page, its line in a text file, and for a PDF its box in points — so a citation can point at
the page. A table row read from a PDF grid is one line too (its cells joined by single spaces).

Plain text: a form feed ``\\f`` is a page break, also in the middle of a line (page texts
exported from a PDF put it there); such a file line yields two lines with the same ``file_line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
Role = Literal["text", "table_row", "table_text", "furniture"]

# a page number printed alone: "3", "- 3 -", "第 3 页", "3 / 25"
PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4})?[-—–\s]*$")


@dataclass(frozen=True)
class Line:
    n: int
    text: str
    page: int = 1
    page_line: int = 0  # 1-based line within its page
    file_line: int = 0  # 1-based line of the text file (0 for a PDF)
    bbox: Box | None = None
    role: Role = "text"


@dataclass(frozen=True)
class Cell:
    """One cell of a table grid as printed; ``text`` is None where a merged cell spans it."""

    text: str | None
    bbox: Box | None = None


@dataclass(frozen=True)
class Grid:
    """A ruled table found on one page: rows of cells, each row also a :class:`Line`."""

    page: int
    bbox: Box
    rows: list[list[Cell]]
    lines: list[int]  # the line number of each row


@dataclass
class Pages:
    """The output of reading: every printed line, the ruled tables, and what kind of input it was."""

    name: str
    kind: Literal["pdf", "text"]
    sha256: str
    encoding: str
    lines: list[Line]
    grids: list[Grid] = field(default_factory=list)
    page_count: int = 1
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    raw: bytes = field(default=b"", repr=False)

    @property
    def texts(self) -> list[str]:
        """Line ``n`` is ``texts[n - 1]``."""
        return [line.text for line in self.lines]

    def with_roles(self, roles: dict[int, Role]) -> Pages:
        lines = [replace(line, role=roles[line.n]) if line.n in roles else line for line in self.lines]
        return replace(self, lines=lines)


def text_pages(name: str, text_lines: list[str], *, sha256: str, encoding: str, raw: bytes = b"") -> Pages:
    """Lines of a text file, split at form feeds, with their page and page line.

    >>> [(l.text, l.page, l.page_line, l.file_line) for l in text_pages("a", ["一", "二\\f三"], sha256="", encoding="utf-8").lines]
    [('一', 1, 1, 1), ('二', 1, 2, 2), ('三', 2, 1, 2)]
    """
    lines: list[Line] = []
    page, page_line = 1, 0
    for file_line, raw_line in enumerate(text_lines, 1):
        pieces = raw_line.split("\f")
        for i, piece in enumerate(pieces):
            if i:
                page, page_line = page + 1, 0
                if not piece and i == len(pieces) - 1 and len(pieces) > 1 and lines and lines[-1].file_line == file_line:
                    continue  # a form feed at the end of a line starts the next page, nothing more
            page_line += 1
            lines.append(Line(n=len(lines) + 1, text=piece, page=page, page_line=page_line, file_line=file_line))
    pages = _mark_furniture(lines, page)
    return Pages(name=name, kind="text", sha256=sha256, encoding=encoding, lines=pages, page_count=page, raw=raw)


def _mark_furniture(lines: list[Line], page_count: int) -> list[Line]:
    """Page numbers printed alone at the top or bottom of a page are furniture, not content."""
    if page_count < 2:
        return lines
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line)
    # a lone number at a page's edge is a page number when it runs with the pages (same offset on
    # several pages); a table row's lone amount or a list's ordinal does not
    candidates: list[tuple[int, int]] = []  # (line n, printed number − page index)
    for page, page_lines in by_page.items():
        for line in {page_lines[0].n: page_lines[0], page_lines[-1].n: page_lines[-1]}.values():
            if PAGE_NUMBER.match(line.text):
                candidates.append((line.n, int(re.findall(r"\d+", line.text)[0]) - page))
    offsets = [offset for _, offset in candidates]
    common = max(set(offsets), key=offsets.count) if offsets else None
    furniture = {n for n, offset in candidates if offset == common and offsets.count(common) >= 2}
    # a running head or foot: the same words first (or last) on three pages or more
    for edge in (0, -1):
        texts = [page_lines[edge].text.strip() for page_lines in by_page.values()]
        for page_lines in by_page.values():
            line = page_lines[edge]
            if len(line.text.strip()) >= 4 and texts.count(line.text.strip()) >= 3:
                furniture.add(line.n)
    return [replace(line, role="furniture") if line.n in furniture else line for line in lines]
