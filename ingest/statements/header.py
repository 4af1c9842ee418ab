"""Read a grid's header: which rows are header, and what each column is.

Header cells span several columns and rows (merged cells come back as ``None``). A column's
name is the path of header cells above it, top to bottom — the cells whose box covers the
column's middle — so a wrapped cell ("本年收入合\\n计") reads as one name and a two-level header
(本年支出 / 基本支出) as a path. The path is normalised through ``statutory.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.pages import Cell, Grid
from ingest.statements.kinds import CODE, compact, vocabulary

NUMBER = re.compile(r"^[-−–—]?\(?\d{1,3}(,\d{3})*(\.\d+)?\)?$|^[-−–—]?\d+(\.\d+)?$")
ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
TOTAL_LABEL = re.compile(r"(合计|总计)$")
DASHES = {"-", "—", "－", "–", "/"}


@dataclass(frozen=True)
class ColumnSpec:
    index: int
    role: str  # code · name · amount
    name: str | None  # normalised amount column, or None
    printed: str  # the header path as printed, levels joined by "/"
    path: tuple[str, ...] = ()
    code_part: str | None = None  # 类 · 款 · 项 for a code column split in three
    half: int = 0  # which side-by-side half of the table the column is in
    side: str | None = None  # 收入 · 支出 for a summary table's halves
    in_body: str | None = None  # the header word this column prints in the first body row (a blank cell there)


def is_number(text: str | None) -> bool:
    t = (text or "").strip().replace(" ", "")
    return bool(t) and bool(NUMBER.match(t))


def cell_text(cell: Cell) -> str:
    """A cell's text on one line: a wrapped Chinese name rejoined, single spaces elsewhere."""
    text = cell.text or ""
    if not text:
        return ""
    pieces = [p.strip() for p in text.split("\n") if p.strip()]
    joined = "".join(pieces)
    # spaces set between the characters of a justified Chinese name (因 公 出 国) carry nothing
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", joined).strip()


def header_rows(grid: Grid, shape: str = "") -> int:
    """How many leading rows are header: rows with no amount, no code and no item label (a pivot
    table's header has 合计 as a column group, so only amounts end it)."""
    voc = vocabulary()
    count = 0
    for row in grid.rows:
        texts = [cell_text(c) for c in row if c.text]
        texts = [t for t in texts if t]
        if not texts:
            count += 1
            continue
        if any(is_number(t) or CODE.match(t) for t in texts):
            break
        if shape == "pivot":
            count += 1
            continue
        if texts[0] in ("合计", "总计") or any(ORDINAL.match(t) or (TOTAL_LABEL.search(t) and not voc.is_header_word(t)) for t in texts):
            break  # an item row (一、…), or the 合计 row at the top of the body
        if not all(voc.is_header_word(t) or len(compact(t)) <= 12 for t in texts):
            break
        count += 1
    return count


def column_edges(grid: Grid) -> list[tuple[float, float]]:
    """Each column's x-range: the narrowest cell seen in it (merged cells are wider)."""
    n = max(len(r) for r in grid.rows)
    edges = []
    for j in range(n):
        boxes = [r[j].bbox for r in grid.rows if j < len(r) and r[j].bbox is not None and r[j].text is not None]
        if not boxes:
            edges.append((0.0, 0.0))
            continue
        width = min(b[2] - b[0] for b in boxes)
        narrow = [b for b in boxes if b[2] - b[0] <= width + 1]
        edges.append((narrow[0][0], narrow[0][2]))
    return edges


def columns(grid: Grid, n_header: int, shape: str) -> list[ColumnSpec]:
    """The columns of a grid whose first ``n_header`` rows are header."""
    voc = vocabulary()
    edges = column_edges(grid)
    header = grid.rows[:n_header]
    specs: list[ColumnSpec] = []
    first_data = grid.rows[n_header] if n_header < len(grid.rows) else []
    for j, (x0, x1) in enumerate(edges):
        mid = (x0 + x1) / 2
        path: list[str] = []
        for row in header:
            for cell in row:
                if cell.text and cell.bbox and cell.bbox[0] - 0.5 <= mid <= cell.bbox[2] + 0.5:
                    t = cell_text(cell)
                    if t and (not path or path[-1] != t):
                        path.append(t)
        label = cell_text(first_data[j]) if j < len(first_data) and first_data[j].text else ""
        code_part = label if label in ("类", "款", "项") else None
        data = [cell_text(r[j]) for r in grid.rows[n_header:] if j < len(r) and r[j].text]
        looks_code = data and sum(1 for t in data if CODE.match(t) or re.fullmatch(r"\d{2}", t)) >= max(1, len([t for t in data if t]) // 2)
        compact_path = [compact(p) for p in path]
        if code_part or any(p in voc.code_words for p in compact_path) and not any(p in voc.columns for p in compact_path[-1:]):
            role = "code"
        elif looks_code and not any(is_number(t) and "." in t for t in data):
            role = "code"
        elif compact_path and compact_path[-1] in voc.name_words or (not voc.column(path) and _mostly_text(data)):
            role = "name"
        else:
            role = "amount"
        name = voc.column(path) if role == "amount" else None
        if role == "amount" and name is None and path:
            name = compact(path[-1])  # a column the vocabulary does not know: keep its printed name
        specs.append(ColumnSpec(index=j, role=role, name=name, printed="/".join(path), path=tuple(path), code_part=code_part))
    return _halves(_header_in_body(specs, first_data), shape)


def _header_in_body(specs: list[ColumnSpec], first: list[Cell]) -> list[ColumnSpec]:
    """The template's fund tables print the sub-columns of 本年支出 (合计 · 基本支出 · 项目支出) in
    the 合计 row, beside its amounts: a first body row whose amount cells hold two or more column
    words gives those columns their last header level (and those cells are blank)."""
    voc = vocabulary()
    words = {s.index: cell_text(first[s.index]) for s in specs
             if s.role == "amount" and s.index < len(first) and first[s.index].text and compact(cell_text(first[s.index])) in voc.columns}
    if len(words) < 2:
        return specs
    out = []
    for s in specs:
        word = words.get(s.index)
        if word is None:
            out.append(s)
            continue
        path = (*s.path, word) if not s.path or s.path[-1] != word else s.path
        out.append(ColumnSpec(s.index, s.role, voc.column(list(path)) or compact(word), "/".join(path), path, s.code_part, in_body=word))
    return out


def _mostly_text(data: list[str]) -> bool:
    filled = [t for t in data if t]
    return bool(filled) and sum(1 for t in filled if not is_number(t) and not CODE.match(t)) > len(filled) / 2


def _halves(specs: list[ColumnSpec], shape: str) -> list[ColumnSpec]:
    """Side-by-side halves start at each name column after an amount column (收入 | 支出)."""
    out: list[ColumnSpec] = []
    half = 0
    seen_amount = False
    for s in specs:
        if s.role in ("name", "code") and seen_amount:
            half += 1
            seen_amount = False
        if s.role == "amount":
            seen_amount = True
        side = None
        if shape == "summary":
            side = _side(s.path) or ("收入" if half == 0 else "支出")
        out.append(ColumnSpec(s.index, s.role, s.name, s.printed, s.path, s.code_part, half, side, s.in_body))
    return out


def _side(path: tuple[str, ...]) -> str | None:
    for p in path:
        if compact(p) in ("收入", "支出"):
            return compact(p)
    return None
