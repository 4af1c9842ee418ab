"""Read a PDF's text layer with pdfplumber: printed lines with boxes, and ruled tables as grids.

Lines are built from characters, not from pdfplumber's text lines: published disclosures set
digits in another font whose baseline sits a few points lower than the Chinese around them, and
a top-aligned clustering puts "2024" on a line of its own. A character joins the line whose
band it overlaps by at least half its height. Characters inside a ruled table become that
table's cells; each table row is then one line (cells joined by single spaces).

Refused, with the store untouched: a scan without a text layer, an encrypted PDF, a damaged one.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections import Counter
from dataclasses import dataclass, replace

from ingest.errors import BrokenPdfError, EncryptedPdfError, ScannedPdfError
from ingest.pages import PAGE_NUMBER, Box, Cell, Grid, Line, Pages

PDF_MAGIC = b"%PDF-"
MIN_CHARS_PER_PAGE = 10  # fewer than this on every page: a scan (or a blank file)
MARGIN = 0.07  # page numbers and running heads sit in the top and bottom 7% of a page
OVERLAP = 0.5  # a character belongs to a line whose band covers half its height
GAP = 0.3  # a horizontal gap wider than this many character widths is printed as a space


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


@dataclass
class _Row:
    top: float
    bottom: float
    chars: list[dict]


def read_pdf(data: bytes, name: str) -> Pages:
    """Every page's lines and grids, in reading order (top to bottom; a grid where it stands)."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise EncryptedPdfError(name) from None
        raise BrokenPdfError(name, _short(exc)) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise BrokenPdfError(name, _short(exc)) from None
    lines: list[Line] = []
    grids: list[Grid] = []
    sizes: list[tuple[float, float]] = []
    try:
        with pdf:
            pages = pdf.pages
            if not pages:
                raise BrokenPdfError(name, "no pages")
            printed = 0
            for number, page in enumerate(pages, 1):
                sizes.append((float(page.width), float(page.height)))
                page_lines, page_grids = _read_page(page.dedupe_chars(), number, len(lines))
                printed += sum(len(line.text) for line in page_lines)
                lines.extend(page_lines)
                grids.extend(page_grids)
            if printed < MIN_CHARS_PER_PAGE * len(pages):
                raise ScannedPdfError(name, len(pages))
    except (ScannedPdfError, BrokenPdfError):
        raise
    except PdfminerException as exc:
        raise BrokenPdfError(name, _short(exc)) from None
    except Exception as exc:
        raise BrokenPdfError(name, _short(exc)) from None
    lines = _mark_furniture(lines, sizes)
    return Pages(
        name=name,
        kind="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="pdf",
        lines=lines,
        grids=grids,
        page_count=len(sizes),
        page_sizes=sizes,
        raw=data,
    )


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _read_page(page, number: int, before: int) -> tuple[list[Line], list[Grid]]:
    tables = [t for t in page.find_tables() if _has_text(t)]
    boxes = [tuple(t.bbox) for t in tables]
    free = [c for c in page.chars if c.get("upright", True) and c["text"].strip() and not _inside(c, boxes)]
    items: list[tuple[float, str, object]] = [(row.top, "line", row) for row in _rows(free)]
    items += [(t.bbox[1], "grid", t) for t in tables]
    items.sort(key=lambda item: (item[0], item[1] == "line"))

    lines: list[Line] = []
    grids: list[Grid] = []

    def add(text: str, bbox: Box, role: str) -> int:
        n = before + len(lines) + 1
        lines.append(Line(n=n, text=text, page=number, page_line=len(lines) + 1, bbox=bbox, role=role))  # type: ignore[arg-type]
        return n

    for _, kind, obj in items:
        if kind == "line":
            row: _Row = obj  # type: ignore[assignment]
            add(_text(row.chars), _box(row.chars), "text")
            continue
        table = obj
        rows: list[list[Cell]] = []
        row_lines: list[int] = []
        for row_cells, texts in zip(table.rows, table.extract(x_tolerance=1.5)):
            cells = [Cell(text=t, bbox=_round(b) if b else None) for t, b in zip(texts, row_cells.cells)]
            printed = [(c.text or "").replace("\n", "") for c in cells if c.text]
            if not any(p.strip() for p in printed):
                continue  # a ruled band with nothing in it
            rows.append(cells)
            row_lines.append(add(" ".join(" ".join(p.split()) for p in printed if p.strip()), _round(row_cells.bbox), "table_row"))
        if rows:
            grids.append(Grid(page=number, bbox=_round(table.bbox), rows=rows, lines=row_lines))
    return lines, grids


def _has_text(table) -> bool:
    return any(cell and cell.strip() for row in table.extract() for cell in row)


def _inside(c: dict, boxes: list[tuple]) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _rows(chars: list[dict]) -> list[_Row]:
    """Cluster characters into printed lines by vertical overlap (see the module docstring)."""
    rows: list[_Row] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = max(c["bottom"] - c["top"], 0.1)
        best, best_overlap = None, 0.0
        for row in rows[-4:]:  # lines are met in order of their tops; only the last few can still grow
            overlap = min(row.bottom, c["bottom"]) - max(row.top, c["top"])
            ratio = overlap / min(height, row.bottom - row.top or 0.1)
            if ratio >= OVERLAP and ratio > best_overlap:
                best, best_overlap = row, ratio
        if best is None:
            rows.append(_Row(c["top"], c["bottom"], [c]))
        else:
            best.chars.append(c)
    for row in rows:
        row.chars.sort(key=lambda c: c["x0"])
    return rows


def _text(chars: list[dict]) -> str:
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None:
            width = max(min(c["size"], prev["size"]), 1.0)
            if c["x0"] - prev["x1"] > GAP * width:
                out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out).strip()


def _box(chars: list[dict]) -> Box:
    return _round((min(c["x0"] for c in chars), min(c["top"] for c in chars), max(c["x1"] for c in chars), max(c["bottom"] for c in chars)))


def _round(b) -> Box:
    return tuple(round(float(v), 1) for v in b)  # type: ignore[return-value]


def _mark_furniture(lines: list[Line], sizes: list[tuple[float, float]]) -> list[Line]:
    """Page numbers and running heads/feet: lone numbers, or the same words in the margin of
    several pages, in the top or bottom band of the page."""
    in_margin: list[Line] = []
    for line in lines:
        if line.role != "text" or line.bbox is None:
            continue
        height = sizes[line.page - 1][1]
        if line.bbox[1] < height * MARGIN or line.bbox[3] > height * (1 - MARGIN):
            in_margin.append(line)
    repeated = Counter(line.text for line in in_margin)
    furniture = {line.n for line in in_margin if PAGE_NUMBER.match(line.text) or (repeated[line.text] >= 3 and len(sizes) >= 3)}
    return [replace(line, role="furniture") if line.n in furniture else line for line in lines]
