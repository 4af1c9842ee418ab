"""Compare parsed records with a generated document's truth; every difference as one readable line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .disclosure import KINDS, Truth

SUMMARIES = ("income_expense_summary", "fiscal_summary")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    amounts: int = 0  # printed amounts compared
    unresolved: int = 0  # text exports: amounts left with candidate columns (none wrong)
    unread: int = 0  # text exports: amounts of rows the parser says it could not place (三公 items)

    def add(self, text: str) -> None:
        self.problems.append(text)


def _key(kind: str, side, key: str, parent) -> tuple:
    return (side, key, parent if kind in SUMMARIES else None)


def compare(records, truth: Truth, form: str) -> Report:
    report = Report()
    counts = Counter(st.kind for st in records.statements)
    for kind in KINDS:
        if counts[kind] != 1:
            report.add(f"{kind}: {counts[kind]} tables found, expected 1")
    for kind, n in counts.items():
        if kind not in KINDS:
            report.add(f"{kind}: {n} tables of a kind the document does not print")
    for kind, expected in truth.tables.items():
        found = [st for st in records.statements if st.kind == kind]
        if not found:
            continue
        st = found[0]
        if st.title != expected.title:
            report.add(f"{kind}: title {st.title!r}, expected {expected.title!r}")
        if st.unit != expected.unit:
            report.add(f"{kind}: unit {st.unit!r}, expected {expected.unit!r}")
        if st.empty != expected.empty:
            report.add(f"{kind}: empty={st.empty}, expected {expected.empty}")
        if st.empty_note != expected.empty_note:
            report.add(f"{kind}: empty_note {st.empty_note!r}, expected {expected.empty_note!r}")
        parsed: dict[tuple, list] = {}
        for row in st.rows:
            parent = row.parent if kind in SUMMARIES else None
            parsed.setdefault(_key(kind, row.side, row.code or row.name, parent), []).append(row)
        for exp in expected.rows:
            k = _key(kind, exp.side, exp.key, exp.parent)
            rows = parsed.get(k)
            if not rows and form != "pdf" and not exp.amounts_printed and not exp.key.isdigit():
                continue  # a label with blank cells prints as a bare word in a text export: nothing to read
            if not rows and form != "pdf" and any(exp.key in w and "not read" in w for w in st.warnings):
                report.unread += exp.amounts_printed  # the parser says it could not tell where these go
                continue
            if not rows:
                report.add(f"{kind}: row {exp.side or ''} {exp.key} (p{exp.page}) not found")
                continue
            row = rows.pop(0)
            if row.name != (exp.name or exp.key):
                report.add(f"{kind}: row {exp.key} named {row.name!r}, printed {(exp.name or exp.key)!r}")
            if row.page != exp.page:
                report.add(f"{kind}: row {exp.key} on page {row.page}, expected {exp.page}")
            if form == "pdf":
                _compare_grid(kind, exp, row, report)
            else:
                _compare_text(kind, exp, row, report)
        for k, rows in parsed.items():
            for row in rows:
                report.add(f"{kind}: unexpected row {row.side or ''} {row.code or ''} {row.name!r} p{row.page}: {row.quote!r}")
    return report


def _compare_grid(kind: str, exp, row, report: Report) -> None:
    got: dict[str | None, Decimal | None] = {}
    for a in row.amounts:
        if a.column in got:
            report.add(f"{kind}: row {exp.key}: column {a.column} twice")
        got[a.column] = a.value
    report.amounts += sum(1 for v in exp.amounts.values() if v is not None)
    if got != exp.amounts:
        diff = {c: (got.get(c, "—"), exp.amounts.get(c, "—")) for c in set(got) | set(exp.amounts) if got.get(c, "—") != exp.amounts.get(c, "—")}
        report.add(f"{kind}: row {exp.side or ''} {exp.key}: (parsed, expected) {diff}")


def _compare_text(kind: str, exp, row, report: Report) -> None:
    printed = [(c, v) for c, v in exp.amounts.items() if v is not None]
    amounts = [a for a in row.amounts if a.raw]
    report.amounts += len(printed)
    if len(amounts) != len(printed):
        report.add(f"{kind}: row {exp.key}: {len(amounts)} amounts {[a.raw for a in amounts]}, expected {printed}")
        return
    for (column, value), a in zip(printed, amounts):
        if a.value != value:
            report.add(f"{kind}: row {exp.key}: amount {a.raw} where {column}={value} was printed")
        elif a.column is None:
            if column in a.candidates:
                report.unresolved += 1
            else:
                report.add(f"{kind}: row {exp.key}: {a.raw} unresolved with candidates {a.candidates} without {column}")
        elif a.column != column:
            report.add(f"{kind}: row {exp.key}: {a.raw} placed in {a.column}, printed in {column}")


def figures_missing(records, truth: Truth) -> list[str]:
    """The narrative's figures the parser did not read with their subject and value."""
    missing = []
    for subject, value in truth.figures.items():
        if not any(f.subject == subject and f.value == value and f.unit == truth.unit for f in records.figures):
            near = [(f.subject, str(f.value), f.unit) for f in records.figures if f.value == value]
            missing.append(f"figure {subject} = {value} {truth.unit} not found (same value: {near})")
    return missing
