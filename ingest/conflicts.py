"""Two documents for one department and year: which figures differ between them (said at ingest,
so that a reader knows why questions about that department ask "which one?")."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.db import Database
from ingest.records import DocumentRecords

Key = tuple[str, ...]


@dataclass(frozen=True)
class Difference:
    label: str  # the figure as the document names it: 本年支出合计（收入支出决算总表）
    stored: str  # as printed in the stored document ("—" when it does not state it)
    new: str


def _stored_figures(db: Database, doc_id: str) -> dict[Key, tuple[str, list[tuple[str, str]]]]:
    out: dict[Key, tuple[str, list[tuple[str, str]]]] = {}
    for subject, basis, kind, unit, raw, amount in db.query(
        "SELECT subject, basis, kind, unit, raw, amount FROM figures WHERE doc = ? ORDER BY seq", (doc_id,)
    ):
        out.setdefault(("figure", subject, basis, kind, unit), (f"{subject}（{basis}）", []))[1].append((raw, amount))
    for kind, code, name, column, raw, amount in db.query(
        "SELECT table_kind, code, name, column_name, raw, amount FROM statement_amounts WHERE doc = ? ORDER BY line, row_id", (doc_id,)
    ):
        out.setdefault(("table", kind, code or name, column), (f"{name}（{column or kind}）", []))[1].append((raw, amount))
    return out


def _figures(rec: DocumentRecords) -> dict[Key, tuple[str, list[tuple[str, str]]]]:
    out: dict[Key, tuple[str, list[tuple[str, str]]]] = {}
    for f in rec.figures:
        out.setdefault(("figure", f.subject, f.basis, f.kind, f.unit), (f"{f.subject}（{f.basis}）", []))[1].append((f.raw, str(f.value)))
    for t in rec.statements:
        for r in sorted(t.rows, key=lambda r: (r.line, r.id)):
            for a in r.amounts:
                if a.value is not None:
                    key = ("table", t.kind, r.code or r.name, a.column or "")
                    out.setdefault(key, (f"{r.name}（{a.column or t.kind}）", []))[1].append((a.raw, str(a.value)))
    return out


def differences(db: Database, stored_id: str, rec: DocumentRecords) -> tuple[list[Difference], int]:
    """The figures both documents state with different values (in the new document's order), and
    how many figures only one of them states."""
    old, new = _stored_figures(db, stored_id), _figures(rec)
    out = []
    for key, (label, values) in new.items():
        if key in old and [v for _, v in old[key][1]] != [v for _, v in values]:
            out.append(Difference(label, "、".join(r for r, _ in old[key][1]), "、".join(r for r, _ in values)))
    return out, len(old.keys() ^ new.keys())
