"""The same number stated twice must agree; a table row must not be repeated.

- the same subject on the same basis in two statements (the 三公 total in its summary and in its
  budget comparison; a "其中" part and its own paragraph in the same section) — not two numbers
  of one paragraph under one generic name (采购金额 … 采购金额), and not a figure that only
  carries its section's total as subject inside a numbered 项 item (:func:`narrative.path_of`);
- the same figure under two names, named in the vocabulary (本年收入合计 = 本年收入 …);
- a figure of the text against the department's 整体支出绩效自评表 (the 年初预算数 of the
  narrative against the table's 年度总资金 row);
- indicator rows repeated verbatim (``error``), and one indicator stated twice with different
  actual values (``mismatch``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Citation
from assistant.audit.base import Audit, indicator_signature
from assistant.audit.findings import Operand, Verdict, fmt, places_of
from assistant.audit.tables import COLUMNS
from assistant.audit.vocabulary import Select, key
from ingest.records import Figure, Indicator, PerformanceTable

NOT_RESTATED = ("比上年增减", "占比")
FIELD_LABEL = dict(COLUMNS)


def check(a: Audit) -> None:
    restated(a)
    named_pairs(a)
    text_and_table(a)
    for table in a.rec.tables:
        repeated_rows(a, table)


def agreement(a: Audit, check: str, first: tuple[Operand, Citation], second: tuple[Operand, Citation], relation: str, topics: tuple[str, ...] = ()) -> None:
    """Two statements of one number: equal, or a rounding of the less precise one, or a mismatch."""
    (x, cx), (y, cy) = first, second
    raw_x, raw_y = x.raw or x.value, y.raw or y.value
    # the less precise statement is the rounded one
    stated, other = (y, x) if places_of(raw_y) <= places_of(raw_x) else (x, y)
    v = Verdict(Decimal(stated.value), stated.raw or stated.value, Decimal(other.value))
    unit = x.unit
    words = "一致" if v.severity == "ok" else ("只差四舍五入" if v.severity == "rounding" else f"相差 {fmt(v.difference)} {unit}")
    a.add(
        family="duplicates",
        check=check,
        relation=relation,
        message=f"{x.subject} {fmt(raw_x)} {unit}，{y.subject} {fmt(raw_y)} {unit}：{words}。",
        operands=[x, y],
        citations=[cx, cy],
        verdict=v,
        unit=unit,
        topics=topics,
    )


# -- the same figure, restated ----------------------------------------------------------------
def _restated_key(f: Figure) -> tuple[str, str, str, str]:
    name = key(f.subject)
    if name.endswith("支出") and len(name) > 4:
        name = name[:-2]  # "公务接待费支出" and "公务接待费" name one figure
    return (name, f.basis, f.unit, f.kind)


def restated(a: Audit) -> None:
    from assistant.audit.narrative import inherits_path

    groups: dict[tuple[str, str, str, str], list[Figure]] = {}
    for f in a.figures:
        if f.basis not in NOT_RESTATED and not inherits_path(a, f) and key(f.subject) not in a.vocab.generic:
            groups.setdefault(_restated_key(f), []).append(f)
    for figs in groups.values():
        if len(figs) < 2:
            continue
        for cluster in _clusters(figs):
            first = cluster[0]
            for other in cluster[1:]:
                if (other.line_start, other.quote) == (first.line_start, first.quote):
                    continue
                if other.value != first.value and _paragraph(a, other.line_start) == _paragraph(a, first.line_start) is not None:
                    continue  # one paragraph's numbers under one generic name: different things
                x = (a.operand(first, "stated"), a.cite(first))
                y = (a.operand(other, "restated"), a.cite(other))
                agreement(a, "duplicates.restated", x, y, f"{x[0].subject} = {y[0].subject}（同一数字两处表述）", topics=(first.parent or "",))


def _paragraph(a: Audit, line: int) -> str | None:
    return next((p.id for p in a.rec.passages if p.kind == "paragraph" and p.line_start <= line <= p.line_end), None)


def _clusters(figs: list[Figure]) -> list[list[Figure]]:
    """Statements of one figure: the same parent, or no parent in the parent's own section."""
    parent = list(range(len(figs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, f in enumerate(figs):
        for j in range(i):
            g = figs[j]
            if f.parent == g.parent or ((f.parent is None or g.parent is None) and f.section == g.section):
                parent[root(i)] = root(j)
    out: dict[int, list[Figure]] = {}
    for i, f in enumerate(figs):
        out.setdefault(root(i), []).append(f)
    return [c for c in out.values() if len(c) > 1]


# -- the same figure under two names ------------------------------------------------------------
def _first(a: Audit, sel: Select) -> Figure | None:
    return next((f for f in a.figures if sel.matches(f)), None)


def named_pairs(a: Audit) -> None:
    for pair in a.vocab.same:
        x, y = _first(a, pair.a), _first(a, pair.b)
        if x is None or y is None or x.id == y.id or x.unit != y.unit:
            continue
        agreement(
            a,
            "duplicates.named",
            (a.operand(x, "stated"), a.cite(x)),
            (a.operand(y, "restated"), a.cite(y)),
            f"{a.name(x)} = {a.name(y)}",
            topics=(pair.name,),
        )


def text_and_table(a: Audit) -> None:
    departments = [t for t in a.rec.tables if t.kind == "department" and t.total is not None]
    for pair in a.vocab.same_table:
        f = _first(a, pair.text)
        if f is None:
            continue
        for table in departments:
            row = table.total
            value = getattr(row, pair.field)
            if value is None:
                continue
            cell_name = f"{row.label}·{FIELD_LABEL[pair.field]}"
            cell = a.cell(table, cell_name, value, f.unit, row.line, "table", subject=f"部门整体支出绩效自评表“{cell_name}”")
            text = a.operand(f, "stated", subject=f"决算说明中{a.name(f)}")
            agreement(
                a,
                "duplicates.table",
                (text, a.cite(f)),
                (cell, a.cite_row(table, row.line)),
                f"{text.subject} = {cell.subject}",
                topics=(pair.name, table.name, "绩效自评表"),
            )


# -- repeated rows ------------------------------------------------------------------------------
def _row_cells(a: Audit, table: PerformanceTable, ind: Indicator) -> list[Operand]:
    cells = []
    for label, value in (("分值", ind.weight), ("得分", ind.score)):
        if value is not None:
            cells.append(a.cell(table, f"{ind.name}·{label}", value, "分", ind.line_start, "row", line_end=ind.line_end))
    return cells


def repeated_rows(a: Audit, table: PerformanceTable) -> None:
    inds = table.indicators
    topics = (table.name, "绩效自评表")
    for ind in inds:
        if ind.duplicate_of is None:
            continue
        orig = inds[ind.duplicate_of]
        a.add(
            family="duplicates",
            check="duplicates.row",
            severity="error",
            relation=f"{table.name}的每个指标只列一行",
            message=f"{table.name}的指标“{ind.name}”整行重复了上面的一行（目标 {orig.target.raw}，实际 {orig.actual.raw}），重复行的分值会被多算。",
            operands=_row_cells(a, table, orig) + _row_cells(a, table, ind),
            citations=[a.cite_row(table, orig.line_start, orig.line_end), a.cite_row(table, ind.line_start, ind.line_end)],
            unit="分",
            topics=(*topics, ind.name),
            identity=(table.id, ind.line_start),
        )
    seen: dict[tuple[str, str, str], Indicator] = {}
    for ind in inds:
        if ind.duplicate_of is not None:
            continue
        sig = indicator_signature(ind)
        first = seen.get(sig)
        if first is None:
            seen[sig] = ind
            continue
        if re.sub(r"\s+", "", first.actual.raw) == re.sub(r"\s+", "", ind.actual.raw):
            continue
        ops = [
            (
                a.cell(table, f"{first.name}·实际完成值", first.actual.value, first.actual.unit or "", first.line_start, "actual")
                if first.actual.value is not None
                else None
            ),
            (
                a.cell(table, f"{ind.name}·实际完成值（重复行）", ind.actual.value, ind.actual.unit or "", ind.line_start, "actual")
                if ind.actual.value is not None
                else None
            ),
        ]
        a.add(
            family="duplicates",
            check="duplicates.conflict",
            severity="mismatch",
            relation=f"{table.name}的指标“{ind.name}”两处应一致",
            message=f"{table.name}的指标“{ind.name}”列了两次，目标同为 {ind.target.raw}，实际完成值一处 {first.actual.raw}、一处 {ind.actual.raw}。",
            operands=[o for o in ops if o is not None],
            citations=[a.cite_row(table, first.line_start, first.line_end), a.cite_row(table, ind.line_start, ind.line_end)],
            unit=ind.actual.unit,
            topics=(*topics, ind.name),
            identity=(table.id, first.line_start, ind.line_start),
        )
