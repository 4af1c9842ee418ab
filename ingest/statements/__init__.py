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
    under a column's own name: a summary table's items and the narrative's figures."""
    for table in tables:
        if not needs_resolving(table):
            continue
        within = vocabulary().by_kind[table.kind].within
        bounds = next((t for t in tables if t.kind == within), None) if within else None
        unresolved = resolve(table, _anchors(table, tables, figures), bounds)
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
    for name in names:
        stated = {f.value for f in figures if f.kind == "amount" and f.unit == table.unit and f.basis == "本年决算"
                  and f.classification is None and f.subject in (name, f"{name}支出", f"{name}收入")}
        if len(stated) == 1 and name not in anchors:
            anchors[name] = stated.pop()
    return anchors


def _core(name: str) -> str:
    return ORDINAL.sub("", name).strip()
