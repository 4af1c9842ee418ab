"""The statutory tables: find (find.py) → header (header.py) → rows (rows.py) → resolve (resolve.py)."""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.pages import Pages
from ingest.records import Figure, StatementTable
from ingest.statements.find import RawTable, find_tables
from ingest.statements.kinds import vocabulary
from ingest.statements.resolve import needs_resolving, resolve
from ingest.statements.rows import read_statement

ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")

__all__ = ["RawTable", "read_statements", "reconcile"]


def read_statements(pages: Pages, doc: str) -> tuple[list[StatementTable], list[RawTable], list]:
    """Every statutory table as typed rows, the raw tables (for the lines they occupy) and the
    ruled grids that are not statutory tables."""
    raws, others = find_tables(pages)
    lines = {line.n: line for line in pages.lines}
    return [read_statement(raw, doc, lines) for raw in raws], raws, others


def reconcile(tables: list[StatementTable], figures: list[Figure]) -> None:
    """Resolve the columns a text export lost, with the amounts the document states elsewhere
    under a column's own name (a summary table's items, the narrative's figures) and, for the
    fiscal summary's 支出 items, the fund tables' rows of the same 类."""
    voc = vocabulary()
    # a table whose rows are known from other tables' rows comes after those tables
    for table in sorted(tables, key=lambda t: bool(voc.by_kind[t.kind].class_sources)):
        if not needs_resolving(table):
            continue
        within = voc.by_kind[table.kind].within
        bounds = next((t for t in tables if t.kind == within), None) if within else None
        unresolved = resolve(table, _anchors(table, tables, figures), bounds, _class_amounts(table, tables))
        if unresolved:
            table.warnings.append(
                f"{table.title}: {unresolved} amounts of the text export could not be placed in a column "
                "(blank cells were dropped); they are kept with their candidate columns"
            )


def _anchors(table: StatementTable, tables: list[StatementTable], figures: list[Figure]) -> dict[str, Decimal | None]:
    """Totals of ``table``'s columns stated elsewhere, for the tables that cover the whole
    department: the summary table's income items whose names end with a column's name
    (一、一般公共预算财政拨款收入 + 二、政府性基金预算财政拨款收入 … → 财政拨款收入), and the
    narrative's figures named by a column (基本支出 9800.36 万元)."""
    kind = vocabulary().by_kind[table.kind]
    if not kind.whole:
        return {}
    names = [c.name for c in table.columns if c.side in (None, "支出")]
    anchors: dict[str, Decimal | None] = {}
    summary = next((t for t in tables if t.kind == "income_expense_summary"), None)
    if summary is not None and kind.shape == "classified":
        income = [r for r in summary.rows if r.side == "收入" and r.parent is None and r.level == "item"]
        for name in names:
            parts = [r for r in income if _core(r.name).endswith(name)]
            if parts and all(a.column is not None for r in parts for a in r.amounts):
                anchors[name] = sum((a.value or Decimal(0) for r in parts for a in r.amounts), Decimal(0))
    expense_side = {c.name for c in table.columns if c.side == "支出"}
    for name in names:
        # a summary table's 支出 half is anchored by what was spent, never by the income of the same fund
        subjects = (name, f"{name}支出") if name in expense_side else (name, f"{name}支出", f"{name}收入")
        stated = {f.value for f in figures if f.kind == "amount" and f.unit == table.unit and f.basis == "本年决算"
                  and f.classification is None and f.subject in subjects}
        if len(stated) == 1 and name not in anchors:
            anchors[name] = stated.pop()
    return anchors


def _class_amounts(table: StatementTable, tables: list[StatementTable]) -> dict[str, dict[str, Decimal]]:
    """The amounts of a summary's 支出 items (一、一般公共服务支出 …) and of its 本年支出合计 that other
    tables state: a fund's column holds the amount the fund's table prints for the same 类 (in its
    合计 row), and 0 when that table states it is empty."""
    sources = vocabulary().by_kind[table.kind].class_sources
    out: dict[str, dict[str, Decimal]] = {}
    for column, kind, source_column in sources:
        source = next((t for t in tables if t.kind == kind), None)
        if source is None:
            continue
        stated_empty = source.empty and source.empty_note is not None
        for row in table.rows:
            if row.side != "支出":
                continue
            total = row.name.endswith("本年支出合计")
            if not total and not ORDINAL.match(row.name):
                continue
            if stated_empty:
                out.setdefault(row.id, {})[column] = Decimal(0)
                continue
            if total:
                match = [r for r in source.rows if r.level == "total" and not r.code]
            else:
                match = [r for r in source.rows if r.code and len(r.code) == 3 and r.name == _core(row.name)]
            printed = [a for r in match for a in r.amounts if a.column == source_column and a.raw and a.value is not None]
            if len(match) != 1 or len(printed) != 1:
                continue  # not in that table, or its amount there is blank or not placed
            out.setdefault(row.id, {})[column] = printed[0].value  # type: ignore[assignment]
    return out


def _core(name: str) -> str:
    return ORDINAL.sub("", name).strip()
