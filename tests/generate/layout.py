"""Lay a document's blocks out on pages: every string with its position, every ruled cell as a box.

Both renderers read the same layout: the PDF renderer draws it, the text renderer groups each
page's strings by line (same vertical position) the way page texts exported from a PDF come out —
a cell's wrapped lines above and below its row's middle, blank cells printing nothing. So a row's
page is known before anything is drawn, and is the same in both forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reportlab.pdfbase import pdfmetrics

PORTRAIT = (595.3, 841.9)
LANDSCAPE = (841.9, 595.3)
MARGIN_X = 50.0
MARGIN_TOP = 62.0
MARGIN_BOTTOM = 62.0
PAD = 2.5  # a cell's inner margin
NO_START = set("，。；：、）」”’！？%")
ASCII_RUN = re.compile(r"[0-9A-Za-z.,%()\-+/:]+")


@dataclass
class Fonts:
    """The CJK font and, optionally, another font for digits (set a little lower, as published
    disclosures often do)."""

    cjk: str = "STSong-Light"
    digits: str | None = None
    drop: float = 0.0  # how much lower the digits' baseline sits

    def runs(self, text: str) -> list[tuple[str, str, float]]:
        """(text, font, baseline drop) runs."""
        if not self.digits:
            return [(text, self.cjk, 0.0)]
        out: list[tuple[str, str, float]] = []
        pos = 0
        for m in ASCII_RUN.finditer(text):
            if m.start() > pos:
                out.append((text[pos:m.start()], self.cjk, 0.0))
            out.append((m.group(), self.digits, self.drop))
            pos = m.end()
        if pos < len(text):
            out.append((text[pos:], self.cjk, 0.0))
        return out

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(t, f, size) for t, f, _ in self.runs(text))


@dataclass
class TextOp:
    x: float
    top: float  # the top of the line box, from the page's top
    text: str
    size: float


@dataclass
class Page:
    width: float
    height: float
    texts: list[TextOp] = field(default_factory=list)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, top, x1, bottom


# -- blocks --------------------------------------------------------------------------------------------
@dataclass
class Para:
    text: str
    size: float = 11.0
    indent: int = 2  # characters of first-line indent
    align: str = "left"  # left · center · right
    before: float = 0.0  # space above
    new_page: str | None = None  # start a new page: "portrait" · "landscape"
    footer: bool = False  # printed at the page's foot (a running line, not content)


@dataclass
class HCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class BCell:
    text: str
    align: str = "left"
    colspan: int = 1


@dataclass
class BodyRow:
    cells: list[BCell]  # one per grid column, a spanned cell followed by nothing for the columns it covers
    truth: list = field(default_factory=list)  # the expected rows this printed row holds
    page: int = 0


@dataclass
class Table:
    kind: str | None
    widths: list[float]
    header: list[HCell]
    header_rows: int
    body: list[BodyRow]
    size: float = 8.5
    repeat_header: bool = False
    min_height: float = 0.0  # a row's least height
    keep_with_title: int = 3  # body rows that must fit on the title's page
    lead: list[Para] = field(default_factory=list)  # the title and unit lines, kept with the table's first rows
    new_page: str | None = None  # start on a new page of this orientation (else where the page has room)
    continued: str | None = None  # a title printed over the table's part on each later page (收入决算表（续）)


@dataclass
class Gap:
    height: float


Block = Para | Table | Gap


# -- wrapping ------------------------------------------------------------------------------------------
def _tokens(text: str) -> list[str]:
    """Characters, but a run of digits or Latin letters is one token (never broken)."""
    out: list[str] = []
    pos = 0
    for m in ASCII_RUN.finditer(text):
        out.extend(text[pos:m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(text[pos:])
    return out


def wrap(text: str, width: float, size: float, fonts: Fonts, first_indent: float = 0.0) -> list[str]:
    lines: list[str] = []
    for piece in text.split("\n"):
        current = ""
        limit = width - first_indent if not lines else width
        for tok in _tokens(piece):
            # a closing mark never starts a line: it stays at the end of the line above
            if current and fonts.width(current + tok, size) > limit and tok not in NO_START:
                lines.append(current)
                current = tok.lstrip() if tok.strip() else ""
                limit = width
            else:
                current += tok
        lines.append(current)
    return lines


# -- the writer ----------------------------------------------------------------------------------------
class Writer:
    def __init__(self, fonts: Fonts, page_numbers: str | None = None, running_head: str | None = None) -> None:
        self.fonts = fonts
        self.pages: list[Page] = []
        self.y = 0.0
        self.page_numbers = page_numbers
        self.running_head = running_head

    # pages
    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self, orientation: str | None = None) -> None:
        if orientation is None:
            orientation = "landscape" if self.pages and self.page.width > self.page.height else "portrait"
        w, h = LANDSCAPE if orientation == "landscape" else PORTRAIT
        self.pages.append(Page(w, h))
        self.y = MARGIN_TOP

    @property
    def bottom(self) -> float:
        return self.page.height - MARGIN_BOTTOM

    @property
    def content_width(self) -> float:
        return self.page.width - 2 * MARGIN_X

    def text(self, x: float, top: float, text: str, size: float) -> None:
        if text:
            self.page.texts.append(TextOp(round(x, 2), round(top, 2), text, size))

    # blocks
    def add(self, block: Block) -> None:
        if isinstance(block, Gap):
            self.y += block.height
        elif isinstance(block, Para):
            self.paragraph(block)
        else:
            self.table(block)

    def paragraph(self, p: Para) -> None:
        if p.new_page or not self.pages:
            self.new_page(p.new_page or "portrait")
        leading = p.size * 1.55
        indent = p.indent * p.size
        lines = wrap(p.text, self.content_width, p.size, self.fonts, indent)
        self.y += p.before
        for i, line in enumerate(lines):
            if self.y + leading > self.bottom:
                self.new_page()
            width = self.fonts.width(line, p.size)
            if p.align == "center":
                x = (self.page.width - width) / 2
            elif p.align == "right":
                x = self.page.width - MARGIN_X - width
            else:
                x = MARGIN_X + (indent if i == 0 else 0)
            self.text(x, self.y + (leading - p.size) / 2, line, p.size)
            self.y += leading

    def _para_height(self, p: Para) -> float:
        return p.before + p.size * 1.55 * len(wrap(p.text, self.content_width, p.size, self.fonts, p.indent * p.size))

    # tables
    def _cell_lines(self, text: str, width: float, size: float) -> list[str]:
        if not text:
            return []
        return wrap(text, width - 2 * PAD, size, self.fonts)

    def _draw_cell(self, x0: float, top: float, x1: float, bottom: float, lines: list[str], size: float, align: str) -> None:
        self.page.rects.append((round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)))
        if not lines:
            return
        leading = size * 1.3
        first = top + (bottom - top - leading * len(lines)) / 2
        for i, line in enumerate(lines):
            w = self.fonts.width(line, size)
            if align == "right":
                x = x1 - PAD - w
            elif align == "center":
                x = (x0 + x1 - w) / 2
            else:
                x = x0 + PAD
            self.text(x, first + i * leading + (leading - size) / 2, line, size)

    def _header_heights(self, t: Table, xs: list[float]) -> list[float]:
        leading = t.size * 1.3
        heights = [leading + 2 * PAD] * t.header_rows
        cells = sorted(t.header, key=lambda c: c.rowspan)
        for c in cells:
            width = xs[c.col + c.colspan] - xs[c.col]
            need = len(self._cell_lines(c.text, width, t.size)) * leading + 2 * PAD
            have = sum(heights[c.row : c.row + c.rowspan])
            if need > have:
                heights[c.row + c.rowspan - 1] += need - have
        return heights

    def _draw_header(self, t: Table, xs: list[float], heights: list[float]) -> None:
        tops = [self.y]
        for h in heights:
            tops.append(tops[-1] + h)
        for c in t.header:
            lines = self._cell_lines(c.text, xs[c.col + c.colspan] - xs[c.col], t.size)
            self._draw_cell(xs[c.col], tops[c.row], xs[c.col + c.colspan], tops[c.row + c.rowspan], lines, t.size, "center")
        self.y = tops[-1]

    def table(self, t: Table) -> None:
        if not self.pages:
            self.new_page()
        # a table wider than the page is printed smaller, as "fit to page width" does
        scale = min(1.0, self.content_width / sum(t.widths))
        widths = [w * scale for w in t.widths]
        if scale < 1.0:
            t = replace(t, size=round(t.size * scale, 2))
        left = MARGIN_X + (self.content_width - sum(widths)) / 2
        xs = [left]
        for w in widths:
            xs.append(xs[-1] + w)
        leading = t.size * 1.3
        head = self._header_heights(t, xs)

        def row_layout(row: BodyRow) -> tuple[float, list[tuple[int, int, list[str], str]]]:
            cells = []
            n_lines = 1
            j = 0
            for cell in row.cells:
                if j >= len(widths):
                    break
                lines = self._cell_lines(cell.text, xs[j + cell.colspan] - xs[j], t.size)
                cells.append((j, cell.colspan, lines, cell.align))
                n_lines = max(n_lines, len(lines))
                j += cell.colspan
            return max(n_lines * leading + 2 * PAD, t.min_height), cells

        laid = [row_layout(r) for r in t.body]
        first = sum(h for h, _ in laid[: t.keep_with_title])
        lead = sum(self._para_height(p) for p in t.lead)
        if t.new_page:
            self.new_page(t.new_page)
        elif self.y + lead + sum(head) + first > self.bottom:
            self.new_page()
        for p in t.lead:
            self.paragraph(p)
        if t.header_rows:
            self._draw_header(t, xs, head)
        for row, (height, cells) in zip(t.body, laid):
            if self.y + height > self.bottom:
                self.new_page()
                if t.continued:
                    self.paragraph(Para(t.continued, size=12, indent=0, align="center"))
                if t.repeat_header and t.header_rows:
                    self._draw_header(t, xs, head)
            for j, span, lines, align in cells:
                self._draw_cell(xs[j], self.y, xs[j + span], self.y + height, lines, t.size, align)
            row.page = len(self.pages)
            self.y += height

    def finish(self) -> list[Page]:
        """Page numbers at the foot and a running head at the top of every page but the cover."""
        for n, page in enumerate(self.pages, 1):
            if self.page_numbers and n > 1:
                label = {"dash": f"- {n} -", "plain": str(n), "di": f"第 {n} 页", "of": f"{n} / {len(self.pages)}"}[self.page_numbers]
                w = self.fonts.width(label, 9)
                page.texts.append(TextOp(round((page.width - w) / 2, 2), round(page.height - 34, 2), label, 9))
            if self.running_head and n > 1:
                w = self.fonts.width(self.running_head, 9)
                page.texts.append(TextOp(round(page.width - MARGIN_X - w, 2), 26.0, self.running_head, 9))
        return self.pages


def layout(blocks: list[Block], fonts: Fonts, page_numbers: str | None, running_head: str | None) -> list[Page]:
    w = Writer(fonts, page_numbers, running_head)
    for b in blocks:
        w.add(b)
    return w.finish()
