"""The stored documents as the assistant reads them: listed from the database, each document's
records read only when a question goes to it (a few are kept in memory), passages searched
through the database.

A :class:`Library` is also a sequence of :class:`DocumentRecords` (iterating reads them all), so
small tools and tests can treat it as the list of documents; answering never iterates it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from decimal import Decimal
from collections.abc import Iterable, Iterator, Sequence

from ingest.db import DocumentRow
from ingest.errors import DamagedDocumentError
from ingest.records import DocumentInfo, DocumentRecords

RECENT = 16  # documents whose records stay in memory


def info_of(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(
        id=row.id, title=row.title, department=row.department, year=row.year, source_name=row.source_name,
        sha256=row.sha256, encoding="", line_count=0, format=row.format, pages=row.pages, level=row.level, region=row.region,  # type: ignore[arg-type]
    )


class Library(Sequence[DocumentRecords]):
    """Documents in a store's database."""

    def __init__(self, store):
        self.store = store
        self.db = store.open_db()
        self._rows: list[DocumentRow] | None = None
        self._infos: dict[str, DocumentInfo] | None = None
        self._info_made: dict[str, DocumentInfo] = {}  # infos made one at a time (routing reads a few)
        self._by_id: dict[str, DocumentRow] | None = None
        self._recent: OrderedDict[str, DocumentRecords] = OrderedDict()
        self._lock = threading.Lock()

    # -- listing -----------------------------------------------------------------------------------
    @property
    def rows(self) -> list[DocumentRow]:
        """Every document's row (no records): the document list, routing by department and year."""
        if self._rows is None:
            self._rows = self.db.documents()
        return self._rows

    def refresh(self) -> None:
        with self._lock:
            self._rows = None
            self._infos = None
            self._info_made = {}
            self._by_id = None
            self._recent.clear()

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rows]

    def info(self, doc_id: str) -> DocumentInfo:
        """One document's info, made when first asked for (every document's: :meth:`infos`)."""
        if self._infos is not None and doc_id in self._infos:
            return self._infos[doc_id]
        with self._lock:
            made = self._info_made.get(doc_id)
            if made is None:
                if self._by_id is None or len(self._by_id) != len(self.rows):
                    self._by_id = {r.id: r for r in self.rows}
                made = self._info_made[doc_id] = info_of(self._by_id[doc_id])
        return made

    def infos(self) -> dict[str, DocumentInfo]:
        """Every document's info, by id (kept with the listing)."""
        rows = self.rows
        if self._infos is None or len(self._infos) != len(rows):
            self._infos = {r.id: info_of(r) for r in rows}
        return self._infos

    # -- records -----------------------------------------------------------------------------------
    def records(self, doc_id: str) -> DocumentRecords:
        with self._lock:
            rec = self._recent.get(doc_id)
            if rec is not None:
                self._recent.move_to_end(doc_id)
                return rec
        rec = self.store.records(doc_id)
        if rec is None:
            row = next((r for r in self.rows if r.id == doc_id), None)
            if row is None:
                raise KeyError(doc_id)
            raise DamagedDocumentError(doc_id, row.source_name)
        with self._lock:
            self._recent[doc_id] = rec
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return rec

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self.records(r.id) for r in self.rows[i]]
        return self.records(self.rows[i].id)

    def __iter__(self) -> Iterator[DocumentRecords]:
        for row in list(self.rows):
            try:
                yield self.records(row.id)
            except (KeyError, DamagedDocumentError):
                continue  # damaged beyond repair: the store has said so

    # -- passages ----------------------------------------------------------------------------------
    def passage_tokens(self, docs: list[str]) -> list[tuple[str, str, list[str]]]:
        """(passage id, document, tokens) of ``docs``, as stored at ingest."""
        marks = ",".join("?" * len(docs))
        rows = self.db.query(f"SELECT id, doc, tokens FROM passages WHERE doc IN ({marks}) ORDER BY doc, line_start, id", docs)
        return [(pid, doc, toks.split()) for pid, doc, toks in rows]

    def passage_hashes(self, docs: list[str]) -> list[tuple[str, str]]:
        """(passage id, text hash) of ``docs``' passages."""
        marks = ",".join("?" * len(docs))
        return [(pid, h) for pid, h in self.db.query(f"SELECT id, text_hash FROM passages WHERE doc IN ({marks}) ORDER BY doc, line_start, id", docs)]

    def search_passages(self, tokens: list[str], docs: list[str] | None, k: int) -> list[tuple[str, float]]:
        return self.db.search_passages(tokens, docs, k)

    def names_found(self, text: str) -> list[tuple[str, str, str]]:
        return names_found(self.db, text)

    def names_ending(self, last: str) -> list[tuple[str, str, str]]:
        return names_ending(self.db, last)

    def amounts(self, **kwargs) -> list[Stated]:
        return library_amounts(self.db, **kwargs)

    def stated(self, **kwargs) -> list[Stated]:
        return library_figures(self.db, **kwargs)

    def lines(self, wanted: Iterable[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, int, int, tuple | None]]:
        """(doc, n) → (text, page, page line, box) of document lines, in one query, without reading records."""
        import json

        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return {}
        pairs = " OR ".join(["(doc = ? AND n = ?)"] * len(wanted))
        rows = self.db.query(f"SELECT doc, n, text, page, line, file_line, bbox FROM citations WHERE {pairs}", [v for w in wanted for v in w])
        found = {(d, n): (text, page, file_line or line, tuple(json.loads(bbox)) if bbox else None) for d, n, text, page, line, file_line, bbox in rows}
        return {(d, n): found.get((d, n), ("", 1, n, None)) for d, n in wanted}

    def passages_with_texts(self, hashes: list[str], docs: list[str] | None) -> dict[str, list[str]]:
        """Text hash → the ids of the passages (of ``docs``) that have that text."""
        if not hashes:
            return {}
        sql = f"SELECT text_hash, id FROM passages WHERE text_hash IN ({','.join('?' * len(hashes))})"
        params = list(hashes)
        if docs:
            sql += f" AND doc IN ({','.join('?' * len(docs))})"
            params += docs
        out: dict[str, list[str]] = {}
        for h, pid in self.db.query(sql, params):
            out.setdefault(h, []).append(pid)
        return out


class MemoryLibrary(Sequence[DocumentRecords]):
    """The same reading interface over records held in memory (no store)."""

    def __init__(self, records: list[DocumentRecords]):
        self._records = {r.info.id: r for r in records}
        self.store = None

    @property
    def ids(self) -> list[str]:
        return list(self._records)

    def info(self, doc_id: str) -> DocumentInfo:
        return self._records[doc_id].info

    def infos(self) -> dict[str, DocumentInfo]:
        return {d: r.info for d, r in self._records.items()}

    def records(self, doc_id: str) -> DocumentRecords:
        return self._records[doc_id]

    def refresh(self) -> None:
        pass

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, i):  # type: ignore[override]
        values = list(self._records.values())
        return values[i]

    def __iter__(self) -> Iterator[DocumentRecords]:
        return iter(list(self._records.values()))

    def passage_tokens(self, docs: list[str]) -> list[tuple[str, str, list[str]]]:
        from ingest.tokens import tokenizer, tokens

        out = []
        for d in docs:
            rec = self._records[d]
            tokenizer(None, [g.term for g in rec.glossary] + [t.name for t in rec.tables])
            out += [(p.id, d, tokens(p.text)) for p in rec.passages]
        return out

    def passage_hashes(self, docs: list[str]) -> list[tuple[str, str]]:
        from ingest.passages import text_hash

        return [(p.id, text_hash(p.text)) for d in docs for p in self._records[d].passages]

    def search_passages(self, tokens: list[str], docs: list[str] | None, k: int) -> list[tuple[str, float]]:
        return []

    def _names(self) -> list[tuple[str, str, str]]:
        from ingest.names import document_names
        from ingest.tokens import fold

        return [(d, fold(n), k) for d, r in self._records.items() for n, k in document_names(r.info)]

    def names_found(self, text: str) -> list[tuple[str, str, str]]:
        found = [(d, n, k) for d, n, k in self._names() if len(n) >= 2 and n in text]
        longest = max((len(n) for _, n, k in found if k == "region"), default=0)
        return [(d, n, k) for d, n, k in found if k != "region" or len(n) == longest]  # as the store's

    def names_ending(self, last: str) -> list[tuple[str, str, str]]:
        return [(d, n, k) for d, n, k in self._names() if k in ("full", "bare", "short") and n.endswith(last)]

    def amounts(self, *, kind: str, column: str, code: str | None, name: str | None, docs: list[str], side: str | None = None,
                order: str | None = None, limit: int | None = None) -> list[Stated]:
        out = []
        for d in docs:
            rec = self._records[d]
            for t in rec.statements:
                if t.kind != kind:
                    continue
                for r in t.rows:
                    if (code and r.code != code) or (not code and r.name != name) or (side and r.side != side):
                        continue
                    a = r.amount(column)
                    if a is not None and a.value is not None:
                        out.append(Stated(d, r.name, column, a.raw, str(a.value), t.unit, r.page, r.line, r.bbox, kind, f"{r.id}#{column}"))
        if order in ("asc", "desc"):
            out.sort(key=lambda s: Decimal(s.amount), reverse=order == "desc")
        return out[:limit] if limit else out

    def stated(self, *, subject: str, basis: str, docs: list[str], unit: str | None = None) -> list[Stated]:
        out = []
        for d in docs:
            rec = self._records[d]
            f = next((f for f in rec.figures if f.basis == basis and (f.unit == unit if unit else f.kind == "amount") and f.subject.startswith(subject)), None)
            if f is not None:
                out.append(Stated(d, f.subject, basis, f.raw, str(f.value), f.unit, rec.place(f.line_start).page, f.line_start, None, "narrative", f.id))
        return out

    def lines(self, wanted: Iterable[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, int, int, tuple | None]]:
        return {(d, n): self._line(d, n) for d, n in wanted}

    def _line(self, doc: str, n: int) -> tuple[str, int, int, tuple | None]:
        rec = self._records[doc]
        p = rec.place(n)
        return rec.lines[n - 1] if 0 < n <= len(rec.lines) else "", p.page, p.line if rec.info.format == "pdf" else (p.file_line or n), p.bbox

    def passages_with_texts(self, hashes: list[str], docs: list[str] | None) -> dict[str, list[str]]:
        from ingest.passages import text_hash

        wanted = set(hashes)
        out: dict[str, list[str]] = {}
        for d in docs or self.ids:
            for p in self._records[d].passages:
                h = text_hash(p.text)
                if h in wanted:
                    out.setdefault(h, []).append(p.id)
        return out


# -- across documents ---------------------------------------------------------------------------------
from dataclasses import dataclass as _dataclass  # noqa: E402


@_dataclass(frozen=True)
class Stated:
    """One amount of one document, as a query across documents returns it."""

    doc: str
    name: str  # the row's name or the figure's subject
    column: str  # the table column, or the figure's basis
    raw: str
    amount: str  # exact decimal string
    unit: str
    page: int
    line: int  # the document line
    bbox: tuple | None
    source: str  # the table kind, or "narrative"
    record_id: str


def _in(docs: list[str]) -> tuple[str, list[str]]:
    return f"({','.join('?' * len(docs))})", list(docs)


def library_amounts(db, *, kind: str, column: str, code: str | None, name: str | None, docs: list[str], side: str | None = None,
                    order: str | None = None, limit: int | None = None) -> list[Stated]:
    """The amount of one table row (by code, else by name) in one column, for each of ``docs``;
    ranked by SQL when ``order`` is asc/desc."""
    marks, params = _in(docs)
    sql = ("SELECT doc, name, column_name, raw, amount, unit, page, line, bbox, table_kind, row_id FROM statement_amounts "
           f"WHERE table_kind = ? AND column_name = ? AND doc IN {marks}")
    args: list = [kind, column, *params]
    if code:
        sql += " AND code = ?"
        args.append(code)
    else:
        sql += " AND name = ?"
        args.append(name)
    if side:
        sql += " AND side = ?"
        args.append(side)
    # the same order on every engine: ties (one name in several rows) in the document's own order
    sql += (f" ORDER BY amount_e4 {order.upper()}, doc, line, row_id" if order in ("asc", "desc") else " ORDER BY doc, line, row_id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    import json

    return [Stated(d, n, c, r, a, u, p, ln, tuple(json.loads(b)) if b else None, k, f"{rid}#{c}") for d, n, c, r, a, u, p, ln, b, k, rid in db.query(sql, args)]


def library_figures(db, *, subject: str, basis: str, docs: list[str], unit: str | None = None) -> list[Stated]:
    """Narrative figures whose subject starts with ``subject`` on ``basis``, for each of ``docs``
    (the first such figure of each document)."""
    marks, params = _in(docs)
    # an amount, or any figure of the unit asked (车辆 17 辆, 平均得分 99.4 分)
    sql = (f"SELECT doc, subject, basis, raw, amount, unit, page, line_start, id FROM figures WHERE doc IN {marks} "
           f"AND basis = ? AND {'unit = ?' if unit else 'kind = ?'} AND subject LIKE ? ORDER BY doc, line_start, seq")
    args = [*params, basis, unit or "amount", subject.replace("%", "") + "%"]
    out: dict[str, Stated] = {}
    for d, s, b, r, a, u, p, ln, fid in db.query(sql, args):
        if d not in out and (unit is None or u == unit):
            out[d] = Stated(d, s, b, r, a, u, p, ln, None, "narrative", fid)
    return list(out.values())


# -- routing lookups ------------------------------------------------------------------------------------
LONGEST_NAME = 48  # characters: no department or place is named longer
CHUNK = 500  # names looked up per query


def names_found(db, text: str) -> list[tuple[str, str, str]]:
    """(document, name, kind) of the stored names that ``text`` contains: every piece of the text is
    looked up in the names index (a question of 30 characters is ~800 pieces), so the cost follows
    the question, not the store. Of the places, only the longest found is returned with its
    documents ("上海市" names every document of a city's store; "上海市普陀区" is what routing uses)."""
    pieces = sorted({text[i:j] for i in range(len(text)) for j in range(i + 2, min(len(text), i + LONGEST_NAME) + 1)})
    found: set[tuple[str, str]] = set()
    for at in range(0, len(pieces), CHUNK):
        chunk = pieces[at : at + CHUNK]
        found |= {(n, k) for n, k in db.query(f"SELECT DISTINCT name, kind FROM names WHERE name IN ({','.join('?' * len(chunk))})", chunk)}
    regions = [n for n, k in found if k == "region"]
    longest = max((len(n) for n in regions), default=0)
    names = sorted({n for n, k in found if k != "region" or len(n) == longest})
    if not names:
        return []
    return [tuple(r) for r in db.query(f"SELECT doc, name, kind FROM names WHERE name IN ({','.join('?' * len(names))})", names)
            if r[2] != "region" or len(r[1]) == longest]


def names_ending(db, last: str, kinds: tuple[str, ...] = ("full", "bare", "short")) -> list[tuple[str, str, str]]:
    """(document, name, kind) of the names that end with ``last`` (candidates for an abbreviation)."""
    marks = ",".join("?" * len(kinds))
    return [tuple(r) for r in db.query(f"SELECT doc, name, kind FROM names WHERE kind IN ({marks}) AND name LIKE ?", (*kinds, f"%{last}"))]
