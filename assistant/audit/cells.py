"""The statutory tables as the audit reads them: cells found by table, half, row and column.

A cell reference is written ``kind[/side]:row:column`` (``vocabulary.toml``): the table kind of
``ingest/statements/statutory.toml``, the half of a summary table, the row — its name as printed
without its ordinal, a regular expression when it starts with ``^``, or a subject code — and the
normalised column. A blank cell is nothing (0 in a sum); a row or table the document does not
print gives no cell.

>>> ref = parse_ref("income_expense_summary/支出:本年支出合计:决算数")
>>> (ref.kind, ref.side, ref.row, ref.column)
('income_expense_summary', '支出', '本年支出合计', '决算数')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from assistant.audit.vocabulary import key
from ingest.numbers import MONEY_SCALE
from ingest.records import Amount, DocumentRecords, StatementRow, StatementTable
from ingest.statements.kinds import vocabulary as statutory

ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
UNITS = {u: MONEY_SCALE[u] for u in ("元", "万元", "亿元")}  # the units a table is printed in


def bare(name: str | None) -> str:
    """A row name for matching: :func:`key`, without its ordinal (一、) and a trailing 支出 kept.

    >>> bare("八、社会保障和就业支出")
    '社会保障和就业支出'
    >>> bare("因公出国（境）费")
    '因公出国(境)费'
    """
    return ORDINAL.sub("", key(name))


def core(name: str | None) -> str:
    """A subject's name without the words templates add or drop: a trailing 支出/费, 的, brackets.

    >>> core("文化体育与传媒支出") == core("文化体育与传媒")
    True
    """
    text = bare(name)
    text = re.sub(r"[()（）\[\]【】]", "", text)
    text = re.sub(r"(支出|费用|费)$", "", text)
    return text.replace("的", "")


@dataclass(frozen=True)
class Ref:
    kind: str
    side: str | None
    row: str
    column: str


def parse_ref(text: str) -> Ref:
    head, row, column = text.split(":")
    kind, _, side = head.partition("/")
    return Ref(kind, side or None, row, column)


@dataclass(frozen=True)
class Cell:
    """One amount of a statutory table, or a blank (``amount`` None) in a row that prints none."""

    table: StatementTable
    row: StatementRow
    column: str
    amount: Amount | None

    @property
    def blank(self) -> bool:
        return self.amount is None or self.amount.value is None

    @property
    def value(self) -> Decimal:
        return Decimal(0) if self.blank else self.amount.value  # type: ignore[union-attr]

    @property
    def raw(self) -> str:
        return "" if self.blank else self.amount.raw  # type: ignore[union-attr]

    @property
    def unit(self) -> str:
        return self.table.unit

    def value_in(self, unit: str) -> Decimal:
        return convert(self.value, self.unit, unit)

    @property
    def name(self) -> str:
        """The row as a reader finds it: its code and name, or its name."""
        return f"{self.row.code} {self.row.name}" if self.row.code else self.row.name

    @property
    def label(self) -> str:
        """``《支出决算表》201 一般公共服务支出·本年支出合计``."""
        return f"《{self.table.label}》{self.name}·{self.column}"

    @property
    def shown(self) -> str:
        """The cell as printed, or 空白."""
        return self.raw or "空白"

    @property
    def record_id(self) -> str:
        return f"{self.row.id}#{self.column}"

    @property
    def uncertain(self) -> bool:
        """A text export lost the cell's position: some amount of the row may be in this column."""
        return self.blank and any(a.column is None and self.column in a.candidates for a in self.row.amounts)


def convert(value: Decimal, unit: str, to: str) -> Decimal:
    """``value`` in ``unit`` expressed in ``to`` (元 · 万元 · 亿元); other units are left as they are."""
    if unit == to or unit not in UNITS or to not in UNITS:
        return value
    return value * UNITS[unit] / UNITS[to]


class Sheet:
    """One document's statutory tables, indexed for the audit."""

    def __init__(self, rec: DocumentRecords) -> None:
        self.rec = rec
        self.tables: dict[str, StatementTable] = {}
        for t in rec.statements:
            self.tables.setdefault(t.kind, t)
        self.kinds = statutory().by_kind

    # -- rows -------------------------------------------------------------------------------------
    def rows(self, kind: str, side: str | None = None) -> list[StatementRow]:
        table = self.tables.get(kind)
        if table is None:
            return []
        return [r for r in table.rows if side is None or r.side == side]

    def find(self, kind: str, side: str | None, row: str) -> list[StatementRow]:
        """The rows a selector names: a code, a pattern (^…), or a name (ordinal dropped)."""
        rows = self.rows(kind, side)
        if CODE.match(row):
            return [r for r in rows if r.code == row]
        if row.startswith("^"):
            pattern = re.compile(row)
            return [r for r in rows if pattern.fullmatch(key(r.name)) and r.parent is None]
        want = bare(row)
        return [r for r in rows if bare(r.name) == want and not r.code]

    def cell(self, ref: Ref, *, row: str | None = None, column: str | None = None) -> Cell | None:
        """The cell a reference names (``row``/``column`` fill its placeholders), or None."""
        table = self.tables.get(ref.kind)
        if table is None:
            return None
        found = self.find(ref.kind, ref.side, row if row is not None else ref.row)
        if not found:
            return None
        r = found[0]
        col = column if column is not None else ref.column
        return Cell(table, r, col, r.amount(col))

    def class_row(self, kind: str, side: str | None, code: str) -> StatementRow | None:
        """The row of a 类: by its code in a classified table, by its name in a summary table."""
        rows = self.rows(kind, side)
        if self.kinds.get(kind) is not None and self.kinds[kind].shape == "summary":
            names = {core(n) for n in self.class_names(code)}
            return next((r for r in rows if r.level == "item" and ORDINAL.match(key(r.name)) and core(r.name) in names), None)
        return next((r for r in rows if r.code == code), None)

    def class_names(self, code: str) -> list[str]:
        """Every name the 类 ``code`` goes by here: the national name, old names, the tables' own."""
        from assistant.audit.vocabulary import vocabulary

        vocab = vocabulary()
        names = [vocab.classes.get(code, ""), *vocab.class_aliases.get(code, [])]
        names += [r.name for t in self.tables.values() for r in t.rows if r.code == code]
        return [n for n in dict.fromkeys(names) if n]

    @cached_property
    def class_codes(self) -> list[str]:
        """The 功能分类 类 codes any classified table prints, in code order."""
        codes = {r.code for t in self.tables.values() if self.kinds.get(t.kind) and self.kinds[t.kind].shape == "classified" for r in t.rows if r.code and len(r.code) == 3}
        return sorted(codes)

    def codes(self, kind: str) -> list[str]:
        return [r.code for r in self.rows(kind) if r.code]

    def label_cell(self, cell: Cell) -> bool:
        """A blank cell where the row prints its column's header instead of an amount (the fund
        tables' 合计 row: "合计 0 7,017.02 合计 基本支出 项目支出 24.07"): not a blank amount."""
        if not cell.blank or not 0 < cell.row.line <= len(self.rec.lines):
            return False
        printed = next((c.printed for c in cell.table.columns if c.name == cell.column), cell.column)
        words = {printed, *(k for k, v in statutory().columns.items() if v == cell.column)}
        labels = {key(w.split("/")[-1]) for w in words} - {""}
        text = key(self.rec.lines[cell.row.line - 1]).replace(bare(cell.row.name), "", 1)
        return any(label in text for label in labels)

    def children(self, kind: str, row: StatementRow) -> list[StatementRow]:
        """The rows one level under ``row``: sub-codes, or a summary group's printed members."""
        if row.code:
            return [r for r in self.rows(kind) if r.parent == row.code and r.code]
        return [r for r in self.rows(kind, row.side) if r.parent == row.name and not r.code]

