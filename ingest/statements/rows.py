"""Turn a found statutory table into typed rows: one reader per shape, from a grid or from text.

From a grid every amount knows its column and its cell's box. From a text export the cells'
positions are lost and blank cells are dropped, so a row's amounts are matched to columns in
order when their count fits, and otherwise left with their candidate columns for the resolver.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from ingest.pages import Grid, Line
from ingest.records import Amount, Column, StatementRow, StatementTable
from ingest.statements.find import RawTable, empty_statement, line_box
from ingest.statements.header import ORDINAL, ColumnSpec, cell_text, column_edges, columns, header_rows, is_number
from ingest.statements.kinds import CODE, Kind, compact, parent_code, subject_level, vocabulary

ITEM_TOTAL = re.compile(r"(合计|总计)$")
CARRY = re.compile(r"结转和?结余$")
TEXT_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?=\s|[^\d.,]|$)")
TOKEN_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")
SUMMARY_LABEL = re.compile(
    r"([一二三四五六七八九十]+、)|本年收入合计|本年支出合计|使用非财政拨款结余(（含专用结余）|\(含专用结余\))?|结余分配|"
    r"年初(财政拨款)?结转和结余|年末(财政拨款)?结转和结余|总计"
)


def to_amount(raw: str) -> Decimal | None:
    t = raw.strip().replace(",", "").replace(" ", "").replace("−", "-")
    if not t or t in {"-", "—", "－", "–", "/"}:
        return None
    if t.startswith("(") and t.endswith(")"):
        t = "-" + t[1:-1]
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def read_statement(raw: RawTable, doc: str, lines: dict[int, Line]) -> StatementTable:
    """The typed table for one found table."""
    kind = raw.kind
    table_id = f"{doc}:{kind.kind}:{raw.title_line}"
    builder = _Builder(doc=doc, table=table_id, kind=kind, lines=lines, title=raw.title)
    if raw.source == "grid":
        cols = _read_grid(raw, builder)
    else:
        cols = _read_text(raw, builder)
    rows = builder.rows
    note = empty_statement(raw)
    amounts = [a for r in rows for a in r.amounts if a.value is not None]
    empty = note is not None or not amounts or all(a.value == 0 for a in amounts)
    body_lines = sorted(raw.lines)
    return StatementTable(
        id=table_id,
        doc=doc,
        kind=kind.kind,
        label=kind.label,
        title=raw.title,
        unit=raw.unit,
        columns=cols,
        pages=raw.pages or [lines[raw.title_line].page],
        title_line=raw.title_line,
        line_start=body_lines[0],
        line_end=body_lines[-1],
        rows=rows,
        empty=empty,
        empty_note=note,
        notes=[n.text.strip() for n in raw.notes],
        source=raw.source,  # type: ignore[arg-type]
        warnings=builder.warnings + ([] if raw.unit_found else [f"{raw.title}: no unit line (单位：…) was found; amounts are taken as 万元"]),
    )


@dataclass
class _Builder:
    doc: str
    table: str
    kind: Kind
    lines: dict[int, Line]
    title: str = ""
    rows: list[StatementRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, *, name: str, line: int, amounts: list[Amount], code: str | None = None, side: str | None = None,
            parent: str | None = None, level: str | None = None, bbox=None, quote: str | None = None) -> None:
        src = self.lines[line]
        classification = self.kind.classification if code else None
        if level is None:
            if code:
                level = subject_level(code, classification)
            elif ITEM_TOTAL.search(name) or name in ("合计", "总计"):
                level = "total"
            else:
                level = "item"
        if code and parent is None:
            parent = parent_code(code)
        quote = quote if quote is not None else src.text
        digest = hashlib.sha1(f"{self.table}|{line}|{side}|{code}|{name}".encode()).hexdigest()[:12]
        self.rows.append(
            StatementRow(
                id=f"{self.doc}:r{digest}",
                doc=self.doc,
                table=self.table,
                kind=self.kind.kind,
                side=side,  # type: ignore[arg-type]
                code=code,
                name=name,
                level=level,  # type: ignore[arg-type]
                classification=classification,  # type: ignore[arg-type]
                parent=parent,
                amounts=amounts,
                page=src.page,
                line=line,
                bbox=bbox if bbox is not None else src.bbox,
                quote=quote,
            )
        )


# -- grids -------------------------------------------------------------------------------------------
def _read_grid(raw: RawTable, b: _Builder) -> list[Column]:
    first_specs: list[ColumnSpec] | None = None
    out_cols: list[Column] = []
    carry: dict[int, str | None] = {}  # per half: the carried-over group (年初结转和结余) of sub-items
    last_code: dict[int, str] = {}
    first_header: list[list[str]] | None = None
    first_grid: Grid = raw.parts[0].grid if raw.parts else None  # type: ignore[assignment]
    for part in raw.parts:
        repeated = False
        if first_header is None:
            n_header = header_rows(part.grid, b.kind.shape)
            first_header = [_row_texts(r) for r in part.grid.rows[:n_header]]
        else:
            n_header, repeated = _continued_header(part.grid, first_header, b.kind.shape)
        part.header_rows = n_header
        if first_specs is None or n_header and not repeated:
            specs = columns(part.grid, n_header, b.kind.shape)
            if first_specs is not None and not any(s.role == "amount" and s.name for s in specs):
                specs = first_specs
        else:
            # no header, or the first page's header again: the first page's columns (they know more:
            # a first body row may carry the last header level)
            specs = first_specs if len(first_specs) == len(part.grid.rows[0]) else (
                _aligned(part.grid, first_grid, first_specs) or columns(part.grid, n_header, b.kind.shape))
        if first_specs is None:
            first_specs, first_grid = specs, part.grid
            out_cols = [Column(name=m, printed=m) for m in b.kind.measures] if b.kind.shape == "pivot" else [Column(name=s.name or s.printed, printed=s.printed, side=s.side) for s in specs if s.role == "amount"]  # type: ignore[arg-type]
        if b.kind.shape == "pivot":
            _pivot_grid(part.grid, n_header, specs, b)
            continue
        for r, row in enumerate(part.grid.rows[n_header:], n_header):
            line = part.grid.lines[r]
            for half in sorted({s.half for s in specs}):
                hs = [s for s in specs if s.half == half]
                _grid_half_row(row, hs, half, line, b, carry, last_code)
    return out_cols


def _row_texts(row: list) -> list[str]:
    return [t for t in (cell_text(c) for c in row if c.text) if t]


def _aligned(grid: Grid, first: Grid, specs: list[ColumnSpec]) -> list[ColumnSpec] | None:
    """The first page's columns for a part on a later page whose grid has fewer columns (its rows
    merge cells — 人员经费合计 across the code and name cells): each column is the first page's
    column that starts where it starts."""
    reference = column_edges(first)
    out = []
    for j, (x0, _) in enumerate(column_edges(grid)):
        match = next((s for s, (a, _) in zip(specs, reference) if abs(a - x0) <= 2), None)
        if match is None:
            return None
        out.append(replace(match, index=j))
    return out


def _continued_header(grid: Grid, first: list[list[str]], shape: str) -> tuple[int, bool]:
    """The header rows of a table's part on a later page, and whether they repeat the first page's
    header; other header rows must be header words alone — a body row of short labels whose
    amounts are blank (使用非财政拨款结余 | 结余分配) is not header."""
    n = 0
    while n < len(first) and n < len(grid.rows) and _row_texts(grid.rows[n]) == first[n]:
        n += 1
    if n:
        return n, n == len(first)
    voc = vocabulary()
    count = 0
    for row in grid.rows[: header_rows(grid, shape)]:
        texts = _row_texts(row)
        if texts and not all(voc.is_header_word(t) for t in texts):
            break
        count += 1
    return count, False


def _grid_half_row(row, specs: list[ColumnSpec], half: int, line: int, b: _Builder, carry: dict, last_code: dict) -> None:
    code_cells = [(s, cell_text(row[s.index])) for s in specs if s.role == "code" and s.index < len(row)]
    names = [cell_text(row[s.index]) for s in specs if s.role == "name" and s.index < len(row) and row[s.index].text]
    amount_specs = [s for s in specs if s.role == "amount" and s.index < len(row)]
    code = _code_from_cells(["" if t in ("类", "款", "项") else t for _, t in code_cells], last_code.get(half))
    name = " ".join(n for n in names if n).strip()
    if not name and code_cells and not code:
        # a label such as 合计 printed across the code columns
        name = "".join(t for _, t in code_cells if t and not t.isdigit() and t not in ("类", "款", "项"))
    amounts = []
    for s in amount_specs:
        cell = row[s.index]
        text = cell_text(cell) if cell.text is not None else ""
        if s.in_body and text == s.in_body:
            text = ""  # the column's header word printed in the 合计 row, not an amount
        amounts.append(Amount(column=s.name, printed=s.printed, raw=text, value=to_amount(text), bbox=cell.bbox))
    if not name and not code:
        if any(a.value is not None for a in amounts) and b.kind.shape != "summary":
            name = "合计" if not b.rows else ""
        if not name:
            return
    if code:
        last_code[half] = code
    side = specs[0].side if specs else None
    parent = None
    if b.kind.shape == "summary":
        if CARRY.search(name):
            carry[half] = name
        elif ITEM_TOTAL.search(name) or name == "总计":
            carry[half] = None
        elif carry.get(half) and ORDINAL.match(name):
            parent = carry[half]
    quote = " ".join(t for t in [*(t for _, t in code_cells if t not in ("类", "款", "项")), *names, *(a.raw for a in amounts)] if t)
    bbox = _span_box([row[s.index].bbox for s in specs if s.index < len(row) and row[s.index].bbox])
    b.add(name=name or "合计", line=line, amounts=amounts, code=code, side=side, parent=parent, bbox=bbox, quote=quote)


def _code_from_cells(cells: list[str], previous: str | None) -> str | None:
    """The code cells of a row (blank ones included, in order) → its code. 201 / 06 / 01 →
    2010601; one cell 2010601 → itself; a row that leaves its 类 (and 款) cells blank under the row
    above — 06 in the 款 cell, 01 in the 项 cell — takes them from the previous code."""
    filled = [(i, p) for i, p in enumerate(cells) if p]
    if not filled:
        return None
    parts = [p for _, p in filled]
    if len(parts) == 1 and CODE.match(parts[0]):
        return parts[0]
    if not all(p.isdigit() for p in parts) or not all(len(p) == 2 for p in parts[1:]):
        return None
    if len(parts[0]) == 3:
        return "".join(parts)
    first = filled[0][0]
    if previous and len(parts[0]) == 2 and first >= 1:
        keep = 3 + 2 * (first - 1)  # the levels left blank: 类, or 类 and 款
        return previous[:keep] + "".join(parts) if len(previous) >= keep else None
    return None


def _span_box(boxes):
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _pivot_grid(grid: Grid, n_header: int, specs: list[ColumnSpec], b: _Builder) -> None:
    voc = vocabulary()
    for r, row in enumerate(grid.rows[n_header:], n_header):
        line = grid.lines[r]
        items: dict[str, list[Amount]] = {}
        printed_item: dict[str, str] = {}
        for s in specs:
            if s.role != "amount" or s.index >= len(row):
                continue
            item, printed = _pivot_item(s.path)
            if item is None:
                continue
            cell = row[s.index]
            text = cell_text(cell) if cell.text is not None else ""
            items.setdefault(item, []).append(Amount(column=s.name, printed=s.printed, raw=text, value=to_amount(text), bbox=cell.bbox))
            printed_item.setdefault(item, printed)
        if not any(a.value is not None or a.raw for amounts in items.values() for a in amounts):
            continue
        _add_pivot_items(b, line, items, printed_item, voc)


def _pivot_item(path: tuple[str, ...]) -> tuple[str | None, str]:
    """The item a pivot column belongs to: the lowest path level above the measure that names one."""
    voc = vocabulary()
    levels = list(path[:-1]) if path else []
    for i in range(len(levels) - 1, -1, -1):
        text = levels[i]
        if compact(text) in ("小计", "合计") and i > 0 and voc.item(levels[i - 1]) not in (None, "合计"):
            return voc.item(levels[i - 1]), levels[i - 1]
        item = voc.item(text)
        if item is not None:
            return item, text
    return None, ""


def _add_pivot_items(b: _Builder, line: int, items: dict[str, list[Amount]], printed: dict[str, str], voc) -> None:
    parents = {}
    for identity in b.kind.identities:
        for part in identity.parts:
            parents.setdefault(part, identity.total)
    for item, amounts in items.items():
        quote = " ".join(f"{a.printed.split('/')[-1]} {a.raw}".strip() for a in amounts if a.raw)
        parent = parents.get(item)
        b.add(name=item, line=line, amounts=amounts, level="total" if item == "合计" else "item",
              parent=parent if parent != item else None, bbox=_span_box([a.bbox for a in amounts]),
              quote=f"{printed.get(item, item)}：{quote}" if quote else printed.get(item, item))


# -- text exports --------------------------------------------------------------------------------------
def _text_columns(raw: RawTable) -> list[tuple[str, str | None]]:
    """(normalised column, side) in template order. A text export's header is too broken up to
    tell which columns a variant leaves out; a column too many only widens the choices the
    resolver weighs, a column too few would put amounts in the wrong place."""
    kind = raw.kind
    if kind.shape == "summary":
        return [(c, "收入") for c in kind.income_columns] + [(c, "支出") for c in kind.expense_columns]
    return [(c, None) for c in kind.columns]


def _read_text(raw: RawTable, b: _Builder) -> list[Column]:
    shape = raw.kind.shape
    start = _first_data_line(raw.body, shape)
    header, body = raw.body[:start], raw.body[start:]
    body = _without_repeated_header(body, header)
    cols = _text_columns(raw)
    out = [Column(name=c, printed=c, side=side) for c, side in cols]  # type: ignore[arg-type]
    if shape == "pivot":
        _pivot_text(body, raw.kind, b)
        out = [Column(name=m, printed=m) for m in raw.kind.measures]
    elif shape == "summary":
        _summary_text(body, cols, b)
    else:
        _classified_text(body, [c for c, _ in cols], b)
    return out


def _without_repeated_header(body: list[Line], header: list[Line]) -> list[Line]:
    """A table continued on a later page may print its header again at the top of that page: the
    same lines in the same order, which are not rows."""
    printed = [line.text.strip() for line in header if line.text.strip()]
    if not printed:
        return body
    out: list[Line] = []
    i = 0
    while i < len(body):
        line = body[i]
        starts_page = not out or out[-1].page != line.page
        if starts_page and line.page != header[0].page:
            texts = [l.text.strip() for l in body[i : i + len(printed)]]
            if texts == printed and all(l.page == line.page for l in body[i : i + len(printed)]):
                i += len(printed)
                continue
        out.append(line)
        i += 1
    return out


def _first_data_line(body: list[Line], shape: str) -> int:
    voc = vocabulary()
    for i, line in enumerate(body):
        text = line.text.strip()
        tokens = text.split()
        if not tokens:
            continue
        if shape == "pivot":
            if all(TOKEN_NUMBER.match(t) for t in tokens):
                return i
            continue
        if TEXT_CODE.match(text) or ORDINAL.match(text) or (tokens[0] in ("合计", "总计") and any(TOKEN_NUMBER.match(t) for t in tokens)):
            return i
        if shape in ("classified", "economic", "listing") and not all(voc.is_header_word(t) for t in tokens) and i + 1 < len(body) and TEXT_CODE.match(body[i + 1].text.strip()):
            if not any(voc.is_header_word(t) for t in tokens) and not _header_remainder(tokens, body[:i]):
                return i  # a wrapped name printed above its code line
    return len(body)


def _header_remainder(tokens: list[str], above: list[Line]) -> bool:
    """Whether a line holds only the wrapped ends of header cells begun on the lines above it
    (科目编 / 码, 科目名 / 称, 决算 / 数): each token completes a header word with a word printed
    above, so the line is header, not the upper part of the first row's name."""
    voc = vocabulary()
    heads = [t for line in above for t in line.text.split()]
    return all(voc.is_header_word(t) or any(voc.is_header_word(h + t) for h in heads) for t in tokens)


def _numbers_and_words(tokens: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split a row's tokens into its label words, its amounts and trailing stray words."""
    words, amounts, stray = [], [], []
    for t in tokens:
        if TOKEN_NUMBER.match(t):
            amounts.append(t)
        elif amounts:
            stray.append(t)
        else:
            words.append(t)
    return words, amounts, stray


def _assign(values: list[str], columns: list[str]) -> list[Amount]:
    """Amounts in order when their count fits the columns; else the first is the row total and the
    rest wait for the resolver with the columns they may be in."""
    if len(values) == len(columns):
        return [Amount(column=c, printed=c, raw=v, value=to_amount(v)) for c, v in zip(columns, values)]
    if not values:
        return []
    if len(values) > len(columns):
        return [Amount(column=None, printed="", raw=v, value=to_amount(v), candidates=list(columns)) for v in values]
    out = []
    k = len(values)
    n = len(columns)
    for i, v in enumerate(values):
        # order is kept: value i sits in one of the columns i … n − k + i
        cands = columns[i : n - k + i + 1]
        out.append(Amount(column=cands[0] if len(cands) == 1 else None, printed=cands[0] if len(cands) == 1 else "", raw=v, value=to_amount(v), candidates=[] if len(cands) == 1 else cands))
    return out


@dataclass
class _TextRow:
    code: str
    words: list[str]
    amounts: list[str]
    line: Line
    before: list[Line] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)


def _classified_text(body: list[Line], cols: list[str], b: _Builder) -> None:
    """Rows by code; wrapped names are rejoined. A name cell taller than its row prints some of
    its lines above the code line and as many below; on a line with several subjects (an
    economic table's halves), the wrapped name is the one whose words are missing."""
    voc = vocabulary()
    rows: list[_TextRow] = []
    open_rows: list[_TextRow] = []  # rows of the previous code line still owed their lower lines
    fragments: list[Line] = []
    for line in body:
        text = line.text.strip()
        if not text:
            continue
        segments = []
        for code, rest in _split_codes(text, b.kind.shape):
            words, amounts, stray = _numbers_and_words(rest.split())
            stray = [w for w in stray if not voc.is_header_word(w)]
            if stray:
                b.warnings.append(f"{b.title} line {line.n}: words after the amounts were ignored: {' '.join(stray)}")
            segments.append(_TextRow(code=code or "", words=words, amounts=amounts, line=line))
        if len(segments) == 1 and not segments[0].code and not segments[0].amounts:
            fragments.append(line)
            continue
        while fragments and open_rows:
            fragment = fragments.pop(0)
            pieces = fragment.text.split()
            if len(open_rows) > 1 and len(pieces) == len(open_rows):
                # the lower lines of several halves' names, one piece each, left to right
                for owed, piece in zip(open_rows, pieces):
                    owed.after.append(replace(fragment, text=piece))
                open_rows = [o for o in open_rows if len(o.after) < len(o.before)]
                continue
            owed = open_rows[0]
            owed.after.append(fragment)
            if len(owed.after) >= len(owed.before):
                open_rows.pop(0)
        if fragments:
            wordless = [s for s in segments if not s.words] or segments[:1]
            targets = _targets(fragments, segments, wordless)
            for k, target in enumerate(targets):
                target.before = [replace(f, text=f.text.split()[k]) for f in fragments] if len(targets) > 1 else fragments
            fragments = []
        rows.extend(segments)
        open_rows = [s for s in segments if s.before]
    for owed in open_rows:
        owed.after.extend(fragments[: len(owed.before)])
        fragments = fragments[len(owed.before) :]
    _relative_codes(rows)
    for row in rows:
        name = "".join([*(l.text.strip() for l in row.before), "".join(row.words), *(l.text.strip() for l in row.after)]).strip()
        quote = " ".join(t for t in [row.code, name, *row.amounts] if t)
        b.add(name=name or "合计", line=row.line.n, amounts=_assign(row.amounts, cols), code=row.code or None, quote=quote)


def _targets(fragments: list[Line], segments: list[_TextRow], wordless: list[_TextRow]) -> list[_TextRow]:
    """The segments the name fragments printed above a line belong to: on a line with several
    subjects (an economic table's halves) whose names all wrapped, each fragment line holds one
    piece per name, left to right; else the fragments are the one wordless subject's."""
    counts = {len(f.text.split()) for f in fragments}
    if len(counts) == 1:
        n = counts.pop()
        if n > 1 and n == len(segments):
            return segments
        if n > 1 and n == len(wordless):
            return wordless
    return wordless[:1]


def _relative_codes(rows: list[_TextRow]) -> None:
    """Codes printed one part per row ("06" in the 款 cell, "01" in the 项 cell, the cells above
    left blank) completed from the rows before: under a 类 a part is a 款, under a 款 a 项; under a
    项 it is the next 项 of the same 款 — unless that 款's amounts are already used up by the 项
    rows read so far (a 款 equals the sum of its 项), when it starts the next 款. A part that
    cannot be placed leaves the row without a code."""
    totals: dict[str, Decimal] = {}
    previous: str | None = None
    for row in rows:
        code = row.code
        if code.startswith("+"):
            part = code[1:]
            code = ""
            if previous and len(part) == 4:
                code = previous[:3] + part
            elif previous and len(previous) in (3, 5):
                code = previous + part
            elif previous and len(previous) == 7:
                section = previous[:5]
                used = sum((v for c, v in totals.items() if len(c) == 7 and c.startswith(section)), Decimal(0))
                done = section in totals and abs(totals[section] - used) < Decimal("0.005")
                code = previous[:3] + part if done else section + part
            row.code = code
        if row.code:
            previous = row.code
            totals[row.code] = sum((to_amount(a) or Decimal(0) for a in row.amounts), Decimal(0))


ECONOMIC_CODE = re.compile(r"^3\d{2}(\d{2})?$")  # 支出经济分类: 301 工资福利支出 … 399 其他支出


SPLIT_CODE = re.compile(r"^(\d{3})((?:\s+\d{2}(?=\s|$)){1,2})(?=\s|$)")  # 201 06 01 (类 款 项 cells)
CODE_PART = re.compile(r"^(\d{2})(?:\s+(\d{2}))?(?=\s|$)")  # 06 (款) · 01 (项) · 06 01: the 类 (and 款) left blank


def _split_codes(text: str, shape: str) -> list[tuple[str | None, str]]:
    """A text row as (code, rest) segments; an economic table prints two or three subjects on one
    line (301 工资福利支出 7,728.96 302 商品和服务支出 1,708.26), and total labels (人员经费合计)
    start a segment too. A code printed in three cells comes out as "201 06 01"; a row that prints
    only its own part ("06", "01") gets the code "+06" — relative to the rows above (see
    :func:`_relative_codes`). Amounts always carry decimals (or are 0), so a bare two-digit token
    is a code part."""
    if shape != "economic":
        m = SPLIT_CODE.match(text)
        if m:
            return [(m.group(1) + "".join(m.group(2).split()), text[m.end():].strip())]
        m = TEXT_CODE.match(text)
        if m:
            return [(m.group(1), text[m.end():].strip())]
        m = CODE_PART.match(text)
        if m and shape == "classified":
            return [("+" + "".join(p for p in m.groups() if p), text[m.end():].strip())]
        return [(None, text)]
    segments: list[tuple[str | None, list[str]]] = []
    for token in text.split():
        if ECONOMIC_CODE.match(token):
            segments.append((token, []))
        elif segments and segments[-1][0] and len(segments[-1][0]) == 3 and not segments[-1][1] and re.fullmatch(r"\d{2}", token):
            segments[-1] = (segments[-1][0] + token, [])  # 301 01: the 类 and 款 cells
        elif ITEM_TOTAL.search(token) and not TOKEN_NUMBER.match(token):
            segments.append((None, [token]))
        elif segments:
            segments[-1][1].append(token)
        else:
            segments.append((None, [token]))
    return [(code, " ".join(words)) for code, words in segments]


@dataclass
class _SummaryItem:
    label: str
    values: list[str]
    line: int
    index: int  # among the labels that start on its line
    count: int
    waiting: bool = False  # its label was printed above the line with its amounts


def _summary_text(body: list[Line], cols: list[tuple[str, str | None]], b: _Builder) -> None:
    """Rows of a summary table's text: each line holds the 收入 half's label and amount, then the
    支出 half's label and amounts. A label too long for its cell is printed over two or three lines
    around its row's middle line — the one with the amounts: "一、一般公共预算财政拨款收" above,
    "8,274.38 一、一般公共服务支出 5,836.48" in the middle, "入" below. A label that does not end
    as the table's items end (statutory.toml ``item_endings``) waits for the rest: the amounts that
    open the next line and the fragments below are its."""
    income = [c for c, side in cols if side == "收入"]
    expense = [c for c, side in cols if side == "支出"]
    ends = b.kind.item_endings
    items: list[_SummaryItem] = []
    open_: list[_SummaryItem] = []  # labels still incomplete, left to right
    doubts: list[tuple[_SummaryItem, _SummaryItem]] = []  # (收入 item, 支出 item): the first amount may be either's

    def side_of(item: _SummaryItem) -> str:
        return _summary_side(item.label, item.index, item.count)

    def give(item: _SummaryItem, values: list[str]) -> None:
        """An income label takes one amount per 收入 column; the rest belong to the 支出 label
        that waits above (its cell wrapped)."""
        if not values:
            return
        others = [o for o in open_ if o is not item and o.waiting and not o.values and side_of(o) == "支出"]
        if side_of(item) == "收入" and others:
            item.values += values[: len(income)]
            others[0].values += values[len(income) :]
            doubts.append((item, others[0]))
            return
        item.values += values

    for line in body:
        text = line.text.strip()
        segs = _summary_segments(text) if text else []
        if not segs:
            continue
        open_ = [o for o in open_ if line.n - o.line <= 3]  # a wrapped label spans three lines at most
        heads = sum(1 for label, _ in segs if SUMMARY_LABEL.match(label))
        if not heads and not any(values for _, values in segs):
            pieces = text.split()
            if open_:
                # the ends of the labels wrapped above, left to right
                for piece in pieces:
                    target = next((o for o in open_ if _complete(o.label + piece, ends)), open_[0])
                    target.label += piece
                    if _complete(target.label, ends):
                        open_.remove(target)
                continue
            if items and len(pieces) == 1 and len(text) <= 8:
                items[-1].label += text  # the wrapped end of the name above (…应急管理支 / 出)
                continue
        waiting = [o for o in open_ if not o.values]
        k = 0
        for label, values in segs:
            if not SUMMARY_LABEL.match(label) and waiting:
                # the middle line of labels wrapped above: their amounts (and a middle fragment)
                target = waiting[0]
                target.label += label
                if len(waiting) > 1 and values:
                    target.values += values[: len(income)]
                    waiting[1].values += values[len(income) :]
                    doubts.append((target, waiting[1]))
                else:
                    target.values += values
                for o in waiting:
                    if _complete(o.label, ends):
                        open_.remove(o)
                waiting = []
                continue
            item = _SummaryItem(label, [], line.n, k, heads or 1)
            k += 1
            items.append(item)
            give(item, values)
            if SUMMARY_LABEL.match(label) and not _complete(label, ends):
                item.waiting = not values
                open_.append(item)
    _settle(items, doubts, side_of)
    carry: dict[str, str | None] = {"收入": None, "支出": None}
    for item in items:
        label, values, side = item.label, item.values, side_of(item)
        parent = None
        if CARRY.search(label):
            carry[side] = label
        elif ITEM_TOTAL.search(label):
            carry[side] = None
        elif carry[side] and ORDINAL.match(label):
            parent = carry[side]
        b.add(name=label, line=item.line, amounts=_assign(values, income if side == "收入" else expense), side=side,
              parent=parent, quote=" ".join([label, *values]))


def _settle(items: list[_SummaryItem], doubts: list[tuple[_SummaryItem, _SummaryItem]], side_of) -> None:
    """A 收入 label's blank amount is dropped from the text, so the amount after it may be the
    支出 label's wrapped above it. The 收入 items add up to 本年收入合计: when they exceed it by
    the doubtful amounts of exactly one set of such rows, those amounts are the 支出 items'."""
    total = next((i for i in items if side_of(i) == "收入" and i.label.endswith("本年收入合计")), None)
    if total is None or not total.values or not doubts:
        return
    parts = [i for i in items[: items.index(total)] if side_of(i) == "收入" and ORDINAL.match(i.label)]
    doubts = [(a, b) for a, b in doubts if a.values and a in parts][:12]
    stated = to_amount(total.values[0]) or Decimal(0)
    excess = sum((to_amount(i.values[0]) or Decimal(0) for i in parts if i.values), Decimal(0)) - stated
    if not doubts or abs(excess) < Decimal("0.005"):
        return
    # the doubtful amounts that make up the excess exactly, when only one set of them does
    fits = [combo for n in range(1, len(doubts) + 1) for combo in itertools.combinations(doubts, n)
            if abs(sum((to_amount(a.values[0]) or Decimal(0) for a, _ in combo), Decimal(0)) - excess) < Decimal("0.005")]
    if len(fits) == 1:
        for first, second in fits[0]:
            second.values.insert(0, first.values.pop(0))


def _complete(label: str, ends: tuple[str, ...]) -> bool:
    """Whether a summary label is whole: an item (一、…) ends as the table's items end; the fixed
    labels (本年收入合计, 使用非财政拨款结余（含专用结余）…) are printed in full."""
    if ORDINAL.match(label):
        return not ends or label.endswith(ends)
    if SUMMARY_LABEL.match(label):
        return bool(SUMMARY_LABEL.fullmatch(label))
    return True


def _summary_segments(text: str) -> list[tuple[str, list[str]]]:
    """"一、A收入 1.00 一、B支出" → [("一、A收入", ["1.00"]), ("一、B支出", [])]."""
    starts = [m.start() for m in SUMMARY_LABEL.finditer(text) if m.start() == 0 or text[m.start() - 1] == " "]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    out = []
    for a, z in zip(starts, [*starts[1:], len(text)]):
        tokens = text[a:z].split()
        words, amounts, _ = _numbers_and_words(tokens)
        label = "".join(words)
        if label or amounts:
            out.append((label, amounts))
    return out


INCOME_LABEL = re.compile(r"(收入|拨款|使用非财政拨款结余.*|年初.*结转和结余)$")
EXPENSE_LABEL = re.compile(r"(支出|支|结余分配|年末.*结转和结余)$")


def _summary_side(label: str, index: int, count: int) -> str:
    core = label.split("、", 1)[-1]
    if core.endswith("本年收入合计"):
        return "收入"
    if core.endswith("本年支出合计"):
        return "支出"
    if EXPENSE_LABEL.search(core) and not INCOME_LABEL.search(core):
        return "支出"
    if INCOME_LABEL.search(core):
        return "收入"
    return "收入" if index == 0 and count > 1 else ("支出" if index > 0 else "收入")


def _pivot_text(body: list[Line], kind: Kind, b: _Builder) -> None:
    """The amounts line under the 三公 header: items × measures in template order. With blank
    cells dropped, the order-preserving placements that satisfy the table's identities (合计 =
    Σ parts, for each measure) are tried; a unique one is taken, else the line is left unread."""
    items, measures = kind.items, kind.measures
    slots = [(item, m) for item in items for m in measures]
    for line in body:
        tokens = line.text.split()
        if not tokens or not all(TOKEN_NUMBER.match(t) for t in tokens):
            continue
        fits = [combo for combo in itertools.combinations(range(len(slots)), len(tokens)) if _pivot_holds(combo, tokens, slots, kind)]
        if not fits:
            b.warnings.append(f"{b.title} line {line.n}: {len(tokens)} amounts for {len(slots)} template columns fit no way; not read")
            continue
        # the items every fitting placement prints alike are read; an item they disagree on
        # (公务用车购置费 or 运行维护费 when one of them is blank) is left out
        placements = [dict(zip(combo, tokens)) for combo in fits]
        grouped: dict[str, list[Amount]] = {}
        unsure: set[str] = set()
        for i, (item, m) in enumerate(slots):
            raws = {p.get(i, "") for p in placements}
            if len(raws) > 1:
                unsure.add(item)
                continue
            raw = raws.pop()
            grouped.setdefault(item, []).append(Amount(column=m, printed=f"{item}/{m}", raw=raw, value=to_amount(raw)))
        for item in unsure:
            grouped.pop(item, None)
        if unsure:
            b.warnings.append(f"{b.title} line {line.n}: {len(tokens)} amounts for {len(slots)} template columns fit "
                              f"{len(fits)} ways; {'、'.join(i for i in items if i in unsure)} not read")
        _add_pivot_items(b, line.n, grouped, {i: i for i in items}, vocabulary())


def _pivot_holds(combo: tuple[int, ...], tokens: list[str], slots: list[tuple[str, str]], kind: Kind) -> bool:
    values: dict[tuple[str, str], Decimal] = {slots[i]: to_amount(t) or Decimal(0) for i, t in zip(combo, tokens)}
    for identity in kind.identities:
        for m in kind.measures:
            total = values.get((identity.total, m), Decimal(0))
            parts = sum((values.get((p, m), Decimal(0)) for p in identity.parts), Decimal(0))
            if abs(total - parts) > Decimal("0.01") * len(identity.parts):
                return False
    return True
