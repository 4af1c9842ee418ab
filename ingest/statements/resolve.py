"""Put the amounts of text-exported table rows into their columns, from the table's own arithmetic.

A text export drops blank cells, so "2070105 文化展示及纪念机构 1,700.57 1,700.57" could put its
second amount under any of five columns. Each such row keeps the order-preserving assignments
of its amounts to columns, and constraints remove the impossible ones until nothing changes:

- the row's identities (本年支出合计 = 基本支出 + 项目支出 + …, from ``statutory.toml``);
- anchors for the table's total row: the same amounts stated elsewhere under the column's own
  name (the narrative's "基本支出 9800.36 万元", a summary table's "四、上级补助收入");
- known amounts of single rows: a fiscal summary's 类 item in a fund's column is that 类's row of the
  fund's own table (statutory.toml ``class_sources``);
- groups: a parent equals the sum of its children in every column (类 = Σ 款 = Σ 项, the 合计 row
  = Σ 类, a summary table's 本年支出合计 = Σ its items and 总计 = 本年支出合计 + 结余分配 + 年末结转和结余),
  up to rounding.

A row left with several assignments keeps its amounts unresolved, each with its candidate
columns: a wrong column is worse than none.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from ingest.records import Amount, StatementRow, StatementTable
from ingest.statements.kinds import Identity, vocabulary

ROUNDING = Decimal("0.01")  # one unit of the last printed digit
JOINT_LIMIT = 50_000  # assignments tried together for one group at most
Assignment = tuple[str, ...]  # the column of each of the row's amounts, in order


@dataclass
class _Row:
    row: StatementRow
    values: list[Decimal]
    options: list[Assignment]

    def value(self, option: Assignment, column: str) -> Decimal:
        return sum((v for v, c in zip(self.values, option) if c == column), Decimal(0))


def needs_resolving(table: StatementTable) -> bool:
    return any(a.column is None and a.candidates for r in table.rows for a in r.amounts)


def resolve(table: StatementTable, anchors: dict[str, Decimal | None] | None = None, bounds: StatementTable | None = None,
            fixed: dict[str, dict[str, Decimal]] | None = None) -> int:
    """Resolve ``table``'s rows in place; return how many amounts are still unresolved.
    ``bounds`` is the table whose rows of the same code hold this one's (a part of each);
    ``fixed`` the amounts some rows' columns are known to hold (by row id)."""
    kind = vocabulary().by_kind[table.kind]
    rows: dict[str, _Row] = {}
    for r in table.rows:
        if not r.amounts:
            continue
        columns = _columns_of(table, r)
        values = [a.value if a.value is not None else Decimal(0) for a in r.amounts]
        options = _options(r.amounts, columns)
        rows[r.id] = _Row(r, values, options)
    _filter_identities(rows.values(), kind.identities)
    for row_id, known in (fixed or {}).items():
        if row_id in rows:
            item = rows[row_id]
            _keep(item, lambda o, item=item, known=known: all(_close(item.value(o, c), v) for c, v in known.items()))
    total = _total_row(table)
    if total is not None and anchors and total.id in rows:
        row, own = rows[total.id], set(_columns_of(table, total))
        _keep(row, lambda o: all(_close(row.value(o, c), v or Decimal(0)) for c, v in anchors.items() if c in own))
    if bounds is not None:
        outer = {r.code: r for r in bounds.rows if r.code}
        for item in rows.values():
            other = outer.get(item.row.code)
            if other is None or len(item.options) < 2:
                continue
            blank = {a.column for a in other.amounts if a.column and not a.value} | (
                {c for c in _columns_of(table, item.row)} - {a.column for a in other.amounts if a.column})
            _keep(item, lambda o, item=item: all(item.value(o, c) == 0 for c in blank if c in ("基本支出", "项目支出")))
    groups = _groups(table)
    for _ in range(6):
        changed = False
        for parent, children in groups:
            members = [rows[r.id] for r in [parent, *children] if r.id in rows]
            if len(members) < 2 or rows.get(parent.id) is None:
                continue
            changed |= _filter_group(rows[parent.id], [rows[c.id] for c in children if c.id in rows], _columns_of(table, parent))
        if not changed:
            break
    unresolved = 0
    for item in rows.values():
        unresolved += _apply(item)
    return unresolved


def _columns_of(table: StatementTable, row: StatementRow) -> list[str]:
    return [c.name for c in table.columns if c.side == row.side or table.kind not in ("income_expense_summary", "fiscal_summary")]


def _options(amounts: list[Amount], columns: list[str]) -> list[Assignment]:
    if all(a.column is not None for a in amounts):
        return [tuple(a.column for a in amounts)]  # type: ignore[misc]
    if len(amounts) > len(columns):
        return []
    fixed = {i: a.column for i, a in enumerate(amounts) if a.column is not None}
    out = []
    for combo in itertools.combinations(columns, len(amounts)):
        if all(combo[i] == c for i, c in fixed.items()):
            out.append(combo)
    return out


def _close(a: Decimal, b: Decimal, terms: int = 1) -> bool:
    return abs(a - b) <= ROUNDING * max(terms, 1) / 2 + ROUNDING / 2


def _keep(row: _Row, test) -> bool:
    kept = [o for o in row.options if test(o)]
    if kept and len(kept) < len(row.options):
        row.options = kept
        return True
    return False


def _filter_identities(rows, identities: tuple[Identity, ...]) -> None:
    for row in rows:
        for identity in identities:
            def holds(o: Assignment, identity=identity, row=row) -> bool:
                if identity.total not in o and not any(p in o for p in identity.parts):
                    return True
                return _close(row.value(o, identity.total), sum((row.value(o, p) for p in identity.parts), Decimal(0)), len(identity.parts))
            _keep(row, holds)


def _total_row(table: StatementTable) -> StatementRow | None:
    """The row a table's column totals are stated for: the 合计 row, or a summary table's
    本年支出合计."""
    if table.kind in ("income_expense_summary", "fiscal_summary"):
        return next((r for r in table.rows if r.side == "支出" and r.name.endswith("本年支出合计")), None)
    return next((r for r in table.rows if r.level == "total" and not r.code), None)


def _groups(table: StatementTable) -> list[tuple[StatementRow, list[StatementRow]]]:
    """(parent, children) pairs whose amounts add up column by column."""
    groups: list[tuple[StatementRow, list[StatementRow]]] = []
    if table.kind in ("income_expense_summary", "fiscal_summary"):
        for side in ("收入", "支出"):
            items = [r for r in table.rows if r.side == side]
            total = next((r for r in items if r.name.endswith(("本年收入合计", "本年支出合计"))), None)
            if total is None:
                continue
            members = [r for r in items[: items.index(total)] if r.level == "item" and r.parent is None]
            groups.append((total, members))
            # 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (本年支出合计 + 结余分配 + 年末结转和结余)
            grand = next((r for r in items[items.index(total) + 1 :] if r.name.endswith("总计")), None)
            if grand is not None:
                groups.append((grand, [total, *(r for r in items[items.index(total) + 1 : items.index(grand)] if r.parent is None)]))
            # a carried-over group (年初财政拨款结转和结余) = Σ its items (一、一般公共预算财政拨款 …)
            for r in items:
                kids = [c for c in items if c.parent == r.name]
                if kids:
                    groups.append((r, kids))
        return groups
    by_code = {r.code: r for r in table.rows if r.code}
    children: dict[str, list[StatementRow]] = {}
    for r in table.rows:
        if r.code and r.parent in by_code:
            children.setdefault(r.parent, []).append(r)  # type: ignore[arg-type]
    total = _total_row(table)
    top = [r for r in table.rows if r.code and len(r.code) == 3]
    if total is not None and top and table.kind != "general_budget_basic":
        groups.append((total, top))
    for code, kids in children.items():
        groups.append((by_code[code], kids))
    return groups


def _filter_group(parent: _Row, children: list[_Row], columns: list[str]) -> bool:
    changed = False
    if len(parent.options) == 1:
        # a column the parent leaves blank holds nothing in any child
        blank = {c for c in columns if parent.value(parent.options[0], c) == 0}
        for child in children:
            changed |= _keep(child, lambda o, child=child: all(child.value(o, c) == 0 for c in blank))
    members = [parent, *children]
    size = 1
    for m in members:
        size *= max(len(m.options), 1)
    if size > JOINT_LIMIT and len(parent.options) == 1:
        return _split_two_ways(parent, children, columns) or changed
    if size > JOINT_LIMIT or size == 1 or any(not m.options for m in members):
        return changed
    good: list[set[Assignment]] = [set() for _ in members]
    for combo in itertools.product(*(m.options for m in members)):
        p = combo[0]
        if all(_close(parent.value(p, c), sum((m.value(o, c) for m, o in zip(children, combo[1:])), Decimal(0)), len(children)) for c in columns):
            for i, o in enumerate(combo):
                good[i].add(o)
    if not any(good):
        return changed
    for m, keep in zip(members, good):
        if keep and len(keep) < len(m.options):
            m.options = [o for o in m.options if o in keep]
            changed = True
    return changed


def _split_two_ways(parent: _Row, children: list[_Row], columns: list[str]) -> bool:
    """Many children, each with one amount that goes to one of the same two columns (基本支出
    or 项目支出): which of them go to the first column is a subset-sum against the parent's
    total of that column. A child is settled when it is in every solution, or in none."""
    open_ = [c for c in children if len(c.options) > 1]
    pair: set[str] | None = None
    for child in open_:
        if len(child.options) != 2:
            return False
        a, b = child.options
        differ = {x for x, y in zip(a, b) if x != y} | {y for x, y in zip(a, b) if x != y}
        if len(differ) != 2 or (pair is not None and differ != pair):
            return False
        pair = differ
    if not open_ or pair is None:
        return False
    first = sorted(pair, key=columns.index)[0]
    known = sum((c.value(c.options[0], first) for c in children if len(c.options) == 1), Decimal(0))
    target = int((parent.value(parent.options[0], first) - known) * 100)
    items = []  # (child, cents it adds to ``first`` when it takes each option)
    for child in open_:
        items.append((child, [int(child.value(o, first) * 100) for o in child.options]))
    tolerance = len(children) // 2 + 1
    forward: list[set[int]] = [{0}]
    for _, gains in items:
        nxt = {s + g for s in forward[-1] for g in set(gains)}
        if len(nxt) > 200_000:
            return False
        forward.append(nxt)
    backward: list[list[int]] = [[0]]
    for _, gains in reversed(items):
        backward.append(sorted({s + g for s in backward[-1] for g in set(gains)}))
    backward.reverse()
    import bisect

    def feasible(before: set[int], after: list[int], gain: int) -> bool:
        for s in before:
            lo = bisect.bisect_left(after, target - tolerance - s - gain)
            if lo < len(after) and after[lo] <= target + tolerance - s - gain:
                return True
        return False

    changed = False
    for i, (child, gains) in enumerate(items):
        keep = [o for o, g in zip(child.options, gains) if feasible(forward[i], backward[i + 1], g)]
        if keep and len(keep) < len(child.options):
            child.options = keep
            changed = True
    return changed


def _apply(item: _Row) -> int:
    amounts = item.row.amounts
    if len(item.options) == 1:
        for a, column in zip(amounts, item.options[0]):
            a.column, a.printed, a.candidates = column, a.printed or column, []
        return 0
    unresolved = 0
    for i, a in enumerate(amounts):
        cols = sorted({o[i] for o in item.options}, key=lambda c: [o[i] for o in item.options].index(c)) if item.options else a.candidates
        if len(cols) == 1:
            a.column, a.printed, a.candidates = cols[0], a.printed or cols[0], []
        else:
            a.column, a.candidates = None, cols
            unresolved += 1
    return unresolved
