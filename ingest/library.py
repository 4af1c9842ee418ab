"""The stored documents as the assistant reads them: listed from the database, each document's
records read only when a question goes to it (a few are kept in memory), passages searched
through the database.

A :class:`Library` is also a sequence of :class:`DocumentRecords` (iterating reads them all), so
small tools and tests can treat it as the list of documents; answering never iterates it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence

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
            self._recent.clear()

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rows]

    def info(self, doc_id: str) -> DocumentInfo:
        row = next(r for r in self.rows if r.id == doc_id)
        return info_of(row)

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

    def search_passages(self, tokens: list[str], docs: list[str] | None, k: int) -> list[tuple[str, float]]:
        return self.db.search_passages(tokens, docs, k)

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

    def search_passages(self, tokens: list[str], docs: list[str] | None, k: int) -> list[tuple[str, float]]:
        return []

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
