"""Between statutory tables: the same subject and column printed in two tables must agree.

The links are data (``vocabulary.toml`` ``[[link]]``): a 类's amount in 收入支出决算总表 and in 支出
决算表, 本年收入合计 in 收入支出决算总表 and 收入决算表, each fund's 类 in 财政拨款收入支出决算总表
and in that fund's table, 基本支出 of 一般公共预算财政拨款支出决算表 against 人员经费合计 +
公用经费合计 of 基本支出决算表, and — one fund being part of the whole — every subject's 一般公共
预算财政拨款 amount at most its amount in 支出决算表. A subject one table does not print is not
compared (a blank cell is compared: it means nothing was spent).

Every subject code printed under two different names is reported too (``identity.code_name`` in
:mod:`identity`).
"""

from __future__ import annotations

from assistant.audit import sums
from assistant.audit.base import Audit
from assistant.audit.cells import Cell, Ref, parse_ref
from assistant.audit.sums import Term, cell_term
from assistant.audit.vocabulary import Link


def check(a: Audit) -> None:
    for link in a.vocab.link:
        for binding in _bindings(a, link):
            _compare(a, link, binding)


def _bindings(a: Audit, link: Link) -> list[dict[str, str]]:
    if link.each == "类":
        return [{"类": code} for code in a.sheet.class_codes]
    if link.each == "column":
        return [{"column": c} for c in link.columns]
    if link.each == "code":
        kinds = {parse_ref(r).kind for r in link.a + link.b}
        shared = None
        for kind in kinds:
            codes = set(a.sheet.codes(kind))
            shared = codes if shared is None else shared & codes
        order = [c for c in a.sheet.codes(next(iter(sorted(kinds))))]
        return [{"code": code, "column": pair} for code in order if code in (shared or set()) for pair in (link.columns or [""])]
    return [{}]


def _cell(a: Audit, text: str, binding: dict[str, str], side: int) -> Cell | None:
    ref: Ref = parse_ref(text)
    column = ref.column
    if "{column}" in column:
        pair = binding["column"].split("/")
        column = column.replace("{column}", pair[min(side, len(pair) - 1)])
    row = ref.row
    if row == "{类}":
        r = a.sheet.class_row(ref.kind, ref.side, binding["类"])
        table = a.sheet.tables.get(ref.kind)
        return Cell(table, r, column, r.amount(column)) if r is not None and table is not None else None
    if row == "{code}":
        row = binding["code"]
    if "{column}" in row:
        row = row.replace("{column}", binding["column"])
    return a.sheet.cell(ref, row=row, column=column)


def _compare(a: Audit, link: Link, binding: dict[str, str]) -> None:
    left = [_cell(a, r, binding, 0) for r in link.a]
    right = [_cell(a, r, binding, 1) for r in link.b]
    if any(c is None for c in left + right):
        return  # a table or row the document does not print
    cells: list[Cell] = [c for c in left + right if c is not None]
    if all(c.blank and not c.uncertain for c in cells):
        return
    if any(c.column not in {col.name for col in c.table.columns} or a.sheet.label_cell(c) for c in cells):
        return  # a column the table does not print, or a row printing headers there
    lt: list[Term] = [cell_term(a, c) for c in left if c is not None]
    rt: list[Term] = [cell_term(a, c) for c in right if c is not None]
    subject = binding.get("code") or binding.get("类") or binding.get("column") or ""
    relation = link.name if not subject else f"{link.name}（{_subject(cells, subject)}）"
    topics = ("表间一致", *dict.fromkeys(c.table.label for c in cells), *dict.fromkeys(c.row.name for c in cells))
    if link.op == "<=":
        sums.total(a, family="across", check="across.part", relation=relation, whole=rt, parts=lt, topics=topics, bound=True)
    elif len(lt) == 1 and len(rt) == 1:
        sums.same(a, family="across", check="across.same", relation=relation, first=lt[0], second=rt[0], topics=topics)
    else:
        sums.total(a, family="across", check="across.sum", relation=relation, whole=lt, parts=rt, topics=topics)


def _subject(cells: list[Cell], subject: str) -> str:
    coded = next((c for c in cells if c.row.code == subject), None)
    if coded is not None:
        return coded.name
    named = next((c for c in cells if c.row.code), None)
    return named.name if named is not None and subject.isdigit() else subject.split("/")[0]
