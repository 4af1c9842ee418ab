"""Within one statutory table: every relation its rows and columns must satisfy.

- each row's columns: the identities ``statutory.toml`` states for its kind (本年收入合计 = Σ
  sources; 本年支出合计 = 基本 + 项目 + …; 合计 = 一般公共预算 + 政府性基金 + 国有资本) and
  those of ``vocabulary.toml`` (a fund's 年末 = 年初 + 收入 − 支出); for the 三公 table, its items
  (合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费) in each column;
- by code, in every column: 类 = Σ款, 款 = Σ项, and the 合计 row = Σ类 (经济分类: 类 = Σ款);
- the rows ``vocabulary.toml`` names (``table_sum``): the two halves of the summary tables
  (总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; 本年支出合计 = Σ类 …),
  人员经费合计 and 公用经费合计 of the basic-expenditure table against its 类;
- the halves of a summary table meet at their 总计 (``balance_rows``).

A text export that lost the position of a cell (``Amount.candidates``) makes a relation ``ok`` when
some placement of its amounts satisfies it, and a ``mismatch`` only when none does.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.audit import sums
from assistant.audit.base import Audit
from assistant.audit.cells import Cell, bare, parse_ref
from assistant.audit.sums import Term, cell_term
from assistant.audit.vocabulary import BalanceRows, TableSum
from ingest.records import StatementRow, StatementTable
from ingest.statements.kinds import vocabulary as statutory

MAX_ASSIGNMENTS = 256
LEVELS = {"类": "款", "款": "项", "total": "类"}


@dataclass(frozen=True)
class Signed:
    """``total = plus … − minus …`` over column (or item) names."""

    total: str
    plus: tuple[str, ...]
    minus: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.total} = " + " + ".join(self.plus) + "".join(f" − {m}" for m in self.minus)

    @staticmethod
    def parse(text: str) -> Signed:
        left, right = text.split("=")
        plus, minus = [], []
        for sign, name in re.findall(r"([+\-−]?)\s*([^+\-−]+)", right):
            (minus if sign in ("-", "−") else plus).append(name.strip())
        return Signed(left.strip(), tuple(p for p in plus if p), tuple(minus))


def identities(kind: str) -> list[Signed]:
    k = statutory().by_kind.get(kind)
    out = [Signed(i.total, i.parts) for i in (k.identities if k else ())]
    from assistant.audit.vocabulary import vocabulary

    out += [Signed.parse(r.identity) for r in vocabulary().row_identity if r.table == kind]
    return out


def check(a: Audit) -> None:
    for table in a.rec.statements:
        kind = statutory().by_kind.get(table.kind)
        if kind is None:
            continue
        for ident in identities(table.kind):
            if kind.shape == "pivot":
                pivot_identity(a, table, ident)
            else:
                for row in table.rows:
                    row_identity(a, table, row, ident)
        if kind.shape in ("classified", "economic"):
            hierarchy(a, table)
            misaligned(a, table)
    for rel in a.vocab.table_sum:
        table_sum(a, rel)
    for rel in a.vocab.balance_rows:
        balance(a, rel)
    unplaced(a)


def _columns(table: StatementTable, side: str | None) -> list[str]:
    return list(dict.fromkeys(c.name for c in table.columns if side is None or c.side in (None, side)))


def _topics(table: StatementTable, *names: str) -> tuple[str, ...]:
    return (table.label, "表内勾稽", *names)


# -- a row's columns --------------------------------------------------------------------------------
def row_identity(a: Audit, table: StatementTable, row: StatementRow, ident: Signed) -> None:
    columns = _columns(table, row.side)
    if ident.total not in columns or not any(p in columns for p in ident.plus):
        return
    names = [ident.total, *ident.minus, *ident.plus]
    cells = {c: Cell(table, row, c, row.amount(c)) for c in names if c in columns}
    if any(a.sheet.label_cell(c) for c in cells.values()):
        return  # a row printing column headers in place of amounts
    unresolved = [x for x in row.amounts if x.column is None and x.value is not None and x.candidates]
    if all(c.blank for c in cells.values()) and not unresolved:
        return
    placement = None
    if unresolved:
        placement = _some_placement(cells, unresolved, ident)
    where = f"《{table.label}》{cells[ident.total].name}"
    whole = [cell_term(a, cells[c], c) for c in (ident.total, *ident.minus) if c in cells]
    parts = [cell_term(a, cells[c], c) for c in ident.plus if c in cells]
    sums.total(
        a,
        family="statements",
        check="statements.row",
        relation=f"《{table.label}》每行：{ident.text}",
        whole=whole,
        parts=parts,
        where=where,
        topics=_topics(table, row.name, ident.total),
        placement=placement,
        unplaced=tuple(x.raw for x in unresolved) if placement is not None else (),
    )


def _some_placement(cells: dict[str, Cell], unresolved, ident: Signed) -> bool | None:
    """Whether some placement of the row's unplaced amounts satisfies the identity (None: the
    amounts cannot touch it)."""
    choices = [x.candidates for x in unresolved]
    if not any(c in cells for x in unresolved for c in x.candidates):
        return None
    tried = 0
    for combo in itertools.product(*choices):
        if len(set(combo)) < len(combo):
            continue  # two amounts in one cell
        tried += 1
        if tried > MAX_ASSIGNMENTS:
            return None
        values = {c: cell.value for c, cell in cells.items()}
        if any(not cells[c].blank for c in combo if c in cells):
            continue  # a printed cell already holds an amount
        for x, c in zip(unresolved, combo):
            if c in values:
                values[c] += x.value
        left = values.get(ident.total, Decimal(0)) + sum((values.get(m, Decimal(0)) for m in ident.minus), Decimal(0))
        right = sum((values.get(p, Decimal(0)) for p in ident.plus), Decimal(0))
        if abs(left - right) <= Decimal("0.005") * (len(values) + len(unresolved)):
            return True
    return False


def pivot_identity(a: Audit, table: StatementTable, ident: Signed) -> None:
    """The 三公 table: its items add up, in each column."""
    rows = {n: a.sheet.find(table.kind, None, n) for n in (ident.total, *ident.plus, *ident.minus)}
    if not rows[ident.total] or not all(rows[p] for p in ident.plus):
        return
    for column in _columns(table, None):
        cells = {n: Cell(table, rs[0], column, rs[0].amount(column)) for n, rs in rows.items() if rs}
        if all(c.blank for c in cells.values()):
            continue
        sums.total(
            a,
            family="statements",
            check="statements.items",
            relation=f"《{table.label}》{ident.text}（{column}）",
            whole=[cell_term(a, cells[n], f"{n}") for n in (ident.total, *ident.minus) if n in cells],
            parts=[cell_term(a, cells[n], n) for n in ident.plus if n in cells],
            where=f"《{table.label}》{column}",
            topics=_topics(table, ident.total, column, "三公经费"),
        )


# -- by code ----------------------------------------------------------------------------------------
def hierarchy(a: Audit, table: StatementTable) -> None:
    rows = table.rows
    coded = [r for r in rows if r.code]
    for parent in [*[r for r in rows if r.level == "total" and not r.code and bare(r.name) == "合计"], *coded]:
        kids = [r for r in coded if r.parent == parent.code] if parent.code else [r for r in coded if r.parent is None and len(r.code) == 3]
        if not kids:
            continue
        level = parent.level if parent.code else "total"
        child = LEVELS.get(level, "下级")
        for column in _columns(table, None):
            whole = Cell(table, parent, column, parent.amount(column))
            parts = [Cell(table, k, column, k.amount(column)) for k in kids]
            if whole.blank and all(p.blank for p in parts) and not whole.uncertain and not any(p.uncertain for p in parts):
                continue
            if a.sheet.label_cell(whole):
                continue
            sums.total(
                a,
                family="statements",
                check="statements.codes",
                relation=f"《{table.label}》{'合计 = Σ类' if level == 'total' else f'{level} = Σ{child}'}（{column}）",
                whole=[cell_term(a, whole, whole.name)],
                parts=[cell_term(a, p, p.name) for p in parts],
                where=f"《{table.label}》{column}",
                topics=_topics(table, parent.name, column),
            )


MIN_GAIN = 3  # relations a shifted reading must add before the table is called misaligned


def misaligned(a: Audit, table: StatementTable) -> None:
    """Amounts printed against the wrong names: from some row on, each row's amounts belong to the
    subject k rows away (a text export or a typeset table slipped). Found when reading the amounts
    k rows off from that row makes clearly more 类 = Σ款 = Σ项 relations hold than as printed."""
    rows = [r for r in table.rows if r.code]
    column = next((c.name for c in table.columns), None)
    if column is None or len(rows) < 6:
        return
    values = [r.amount(column).value if r.amount(column) is not None and r.amount(column).value is not None else Decimal(0) for r in rows]
    parents = [(i, [j for j, k in enumerate(rows) if k.parent == r.code]) for i, r in enumerate(rows)]
    parents = [(i, kids) for i, kids in parents if kids]

    def holds(amount_of) -> int:
        n = 0
        for i, kids in parents:
            x = amount_of(i)
            parts = [amount_of(j) for j in kids]
            if x is None or any(p is None for p in parts):
                continue
            n += abs(x - sum(parts, Decimal(0))) <= Decimal("0.005") * (len(parts) + 1)
        return n

    printed = holds(lambda i: values[i])
    if printed == len(parents):
        return
    best = (printed, 0, 0)
    for start in range(len(rows)):
        for k in (-3, -2, -1, 1, 2, 3):
            def shifted(i, start=start, k=k):
                if i < start:
                    return values[i]
                j = i - k
                return values[j] if start <= j < len(rows) else None
            n = holds(shifted)
            if n > best[0]:
                best = (n, start, k)
    gained, start, k = best[0] - printed, best[1], best[2]
    if gained < MIN_GAIN:
        return
    first = rows[start]
    cell = Cell(table, first, column, first.amount(column))
    moved = "上" if k > 0 else "下"
    a.add(
        family="statements",
        check="statements.misaligned",
        severity="error",
        relation=f"《{table.label}》数字与科目对齐",
        message=f"《{table.label}》自 {first.code} {first.name}（{a.where(first.line)}）起，各行的数字与科目名称错开了 {abs(k)} 行"
        f"（数字印在所属科目{moved}方 {abs(k)} 行）：按印出的位置，{len(parents)} 条“类 = Σ款 = Σ项”关系只有 {printed} 条成立；"
        f"把数字移回 {abs(k)} 行后，{best[0]} 条成立。",
        operands=[a.cell_operand(cell, "cell")],
        citations=[a.cite_cell(cell)],
        topics=_topics(table, "错行"),
        identity=(table.id, start, k),
        labels=(abs(k), len(parents), printed, best[0]),
        note="这张表的逐项不一致多由错行引起：应按科目重新对齐数字后再核对。",
    )


# -- named rows -------------------------------------------------------------------------------------
def _rows_for(a: Audit, kind: str, side: str | None, pattern: str, top_level: bool) -> list[StatementRow]:
    rows = a.sheet.find(kind, side, pattern)
    return [r for r in rows if not top_level or r.parent is None]


def table_sum(a: Audit, rel: TableSum) -> None:
    ref = parse_ref(f"{rel.table}:{rel.total}:-")
    table = a.sheet.tables.get(ref.kind)
    if table is None:
        return
    totals = a.sheet.find(ref.kind, ref.side, rel.total)
    if not totals:
        return
    head = totals[0]
    if rel.codes:
        parts = [r for r in table.rows if r.code in rel.codes]
    elif rel.children:
        parts = a.sheet.children(ref.kind, head)
    else:
        parts = []
        for pattern in rel.parts:
            parts += [r for r in _rows_for(a, ref.kind, ref.side, pattern, rel.top_level) if r not in parts and r is not head]
    if not parts:
        return
    for column in _columns(table, ref.side):
        whole = Cell(table, head, column, head.amount(column))
        cells = [Cell(table, r, column, r.amount(column)) for r in parts]
        if whole.blank and all(c.blank for c in cells) or a.sheet.label_cell(whole):
            continue
        sums.total(
            a,
            family="statements",
            check="statements.rows",
            relation=f"《{table.label}》{rel.name}" + (f"（{column}）" if len(_columns(table, ref.side)) > 1 else ""),
            whole=[cell_term(a, whole, whole.name)],
            parts=[cell_term(a, c, c.name) for c in cells],
            where=f"《{table.label}》{ref.side + '方' if ref.side else ''}{column}",
            topics=_topics(table, rel.total, column),
        )


UNREAD = re.compile(r"line (?P<line>\d+): (?P<n>\d+) amounts for \d+ template columns fit (?P<how>no way|\d+ ways)(?:; (?P<items>.*) not read)?")


def unplaced(a: Audit) -> None:
    """A text export's line of amounts the parser could not place in columns: when no placement
    satisfies the table's identities (the parser tries each one against them, within 0.01 per
    part) the printed numbers themselves do not add up — a ``mismatch``; when several do, the
    items they disagree on cannot be checked."""
    for table in a.rec.statements:
        for warning in table.warnings:
            m = UNREAD.search(warning)
            if m is None:
                continue
            line = int(m.group("line"))
            cite = a.cite_lines(line, line)
            cite.table = table.label
            numbers = a.rec.lines[line - 1].split() if 0 < line <= len(a.rec.lines) else []
            rules = "；".join(i.text for i in identities(table.kind))
            if m.group("how") == "no way":
                a.add(
                    family="statements",
                    check="statements.unplaced",
                    severity="mismatch",
                    relation=f"《{table.label}》{rules}",
                    message=f"《{table.label}》（{a.where(line)}）这一行印有 {m.group('n')} 个数字（{' '.join(numbers)}），"
                    f"无论它们对应哪些栏目，都不满足“{rules}”：数字本身不一致。",
                    operands=[],
                    citations=[cite],
                    topics=_topics(table, "三公经费"),
                    identity=(table.id, line),
                    note="文本导出没有保留空白单元格，只能按表内勾稽关系确定每个数字所在的栏目；没有一种对应方式成立。",
                )
            else:
                a.add(
                    family="statements",
                    check="statements.unplaced",
                    severity="unchecked",
                    relation=f"《{table.label}》{rules}",
                    message=f"《{table.label}》（{a.where(line)}）这一行的数字有几种对应栏目的方式都成立，{m.group('items') or '部分项目'}的数字无法确定，未核对。",
                    operands=[],
                    citations=[cite],
                    topics=_topics(table, "三公经费"),
                    identity=(table.id, line),
                )


def balance(a: Audit, rel: BalanceRows) -> None:
    table = a.sheet.tables.get(rel.table)
    if table is None:
        return
    income, expense = a.sheet.find(rel.table, "收入", rel.row), a.sheet.find(rel.table, "支出", rel.row)
    if not income or not expense:
        return
    left = Cell(table, income[0], _columns(table, "收入")[0], income[0].amount(_columns(table, "收入")[0]))
    right_col = next((c.name for c in table.columns if c.side == "支出"), None)
    if right_col is None:
        return
    right = Cell(table, expense[0], right_col, expense[0].amount(right_col))
    if left.blank and right.blank:
        return
    terms: list[Term] = [cell_term(a, left, f"收入方{left.row.name}"), cell_term(a, right, f"支出方{right.row.name}")]
    sums.same(a, family="statements", check="statements.balance", relation=f"《{table.label}》{rel.name}", first=terms[0], second=terms[1], topics=_topics(table, rel.row))
