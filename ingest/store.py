"""The store in a data directory: the records database, source copies, the embedding cache and Chroma.

    data_dir/
      records.sqlite3      the records (ingest/db.py), unless --db-url names a PostgreSQL server
      sources/             each ingested file as it was (the records can be rebuilt from it)
      embeddings/          vectors by text hash (no text is embedded twice)
      chroma/              the passage vectors, unless --chroma-url names a Chroma server
      checked.json         what was last found intact, so an open re-checks only what changed

An ingest takes its files one at a time (ingest/stream.py), so its memory does not grow with
their number: a file whose hash the database knows is reported from its row; any other is parsed,
its text the cache lacks embedded, its vectors written, then its rows replaced in one transaction,
and it is dropped before the next is taken. An interrupted ingest leaves the previous store whole
(the vectors of a document the database never committed are tidied away later). Everything derived can be rebuilt from the source copies, and is, when
found damaged at open.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from ingest.checked import Checked, fingerprint
from ingest.config import Settings, bundled_documents
from ingest.db import SCHEMA_VERSION as DB_SCHEMA_VERSION, Database, DocumentRow, compress, decompress, dumps, e4
from ingest.embed import EmbeddingCache, embed_with_cache, make_embedder
from ingest.errors import (
    CutOffError,
    DisclosureQAError,
    DocumentError,
    EmbedderError,
    EmptyStoreError,
    IdCollisionError,
    NotADisclosureError,
    ReadOnlyStoreError,
    StoreError,
)
from ingest.conflicts import differences
from ingest.copies import copy_intact, copy_name, copy_path, copy_problem, original_name, saved_copies
from ingest.files import atomic_write  # tests replace store.atomic_write to simulate a crash
from ingest.passages import text_hash
from ingest.pipeline import parse_source
from ingest.read import SourceText, source_from_bytes
from ingest.records import PARSER, SCHEMA_VERSION, DocumentRecords
from ingest.stream import Known, Pending, stream

LEGACY_MANIFEST = "manifest.json"
# What Chroma and SQLite say about a damaged file or folder (as opposed to a busy or unreachable
# one, which must never make us delete an index): not a database, malformed, a file where a
# folder belongs.
BUSY = re.compile(r"database is locked|code: 5\b|busy", re.I)
READ_ONLY = re.compile(r"code: 8\b|readonly database|read-only file system|os error 30\b", re.I)
CORRUPTED = re.compile(r"code: (11|26)\b|not a database|malformed|corrupt|os error (17|20)\b|not a directory|file exists", re.I)


@dataclass
class DocumentReport:
    id: str
    department: str
    year: int | None
    status: str  # ingested · unchanged · replaced
    sections: int
    figures: int
    tables: int
    indicators: int
    glossary: int
    passages: int
    coverage_percent: str
    numbers: int
    unparsed: int
    embedded: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    format: str = "text"
    pages: int = 1
    statements: dict[str, int] = field(default_factory=dict)  # statutory tables by kind: rows
    statement_rows: int = 0
    unplaced: int = 0  # amounts of a text export left without a column
    empty_tables: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    documents: list[DocumentReport]
    seconds: float
    errors: list[str] = field(default_factory=list)


@dataclass
class _Writing:
    """What one ingest has written so far."""

    progress: bool
    started: bool = False
    resets: int = 0  # the store's vector index resets when it started
    seen: set[str] = field(default_factory=set)  # document ids written or reported
    stale: set[str] = field(default_factory=set)  # texts replaced documents no longer have (their vectors may go)
    reports: list[DocumentReport] = field(default_factory=list)
    wrote: bool = False  # whether a document's rows or vectors were written (not only reported unchanged)


def summarize(rec: DocumentRecords) -> dict:
    """What an ingest reports of a document, kept with its row: a file ingested again unchanged is
    reported from the database without reading its records."""
    return {
        "department": rec.info.department,
        "year": rec.info.year,
        "sections": len(rec.sections),
        "figures": len(rec.figures),
        "tables": len(rec.tables),
        "indicators": sum(len(t.indicators) for t in rec.tables),
        "glossary": len(rec.glossary),
        "passages": len(rec.passages),
        "coverage_percent": str(rec.coverage.percent),
        "numbers": rec.coverage.numbers,
        "unparsed": rec.coverage.unparsed,
        "warnings": list(rec.warnings),
        "format": rec.info.format,
        "pages": rec.info.pages,
        "statements": {t.label: len(t.rows) for t in rec.statements},
        "statement_tables": len(rec.statements),
        "statement_rows": sum(len(t.rows) for t in rec.statements),
        "unplaced": sum(1 for t in rec.statements for r in t.rows for a in r.amounts if a.column is None),
        "empty_tables": [t.label for t in rec.statements if t.empty],
    }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def records_checksum(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


class Store:
    def __init__(self, settings: Settings, *, log=None):
        self.settings = settings
        self.dir = settings.data_dir
        self.embedder = make_embedder(settings.embedder)
        self.log = log or (lambda msg: print(msg, file=sys.stderr))
        self.db = Database.for_data_dir(self.dir, settings.db_url)
        if settings.chroma_url:
            from ingest.vectors import server_address

            server_address(settings.chroma_url)  # a malformed URL is named before anything is read
        self._index = None
        self._lock_depth = 0
        self._opened = False
        self._index_resets = 0  # how often the embedded index was set aside (its vectors are refilled after)
        self._copies_checked: set[str] = set()  # documents whose saved copy this process has checked
        self.warnings: list[str] = []

    @property
    def vectors_key(self) -> str:
        """Which vectors a document's ``vectors`` column says are in place: this embedder's, in
        this index (the embedded one, or a Chroma server)."""
        return f"{self.embedder.key}@{self.settings.chroma_url}" if self.settings.chroma_url else self.embedder.key

    @property
    def collection_name(self) -> str:
        return self.settings.chroma_collection or f"disclosure-qa-{self.embedder.key}"

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self.log(f"warning: {message}")

    def _ensure_writable(self) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            probe = self.dir / f".write-probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError:
            raise ReadOnlyStoreError(str(self.dir)) from None

    @contextlib.contextmanager
    def _lock(self):
        """One writer at a time across processes (the vectors are written outside the database's
        transaction); readers never wait."""
        if self._lock_depth:  # re-entered (a repair inside an ingest): flock on a new fd would deadlock
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        self._ensure_writable()
        lock = self.dir / ".lock"
        if lock.is_dir():
            raise StoreError(f"{lock} is a folder, where the store keeps its lock file; remove it and run the command again")
        with open(lock, "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                fcntl.flock(f, fcntl.LOCK_UN)

    def _folder(self, name: str) -> Path:
        """A folder of the store, made when missing; a file in its place is named, not a traceback."""
        path = self.dir / name
        try:
            path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise StoreError(f"{path} is a file, where the store keeps a folder; move it out of {self.dir} and run the command again") from None
        except OSError as exc:
            if READ_ONLY.search(str(exc)) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise ReadOnlyStoreError(str(self.dir)) from None
            raise StoreError(f"cannot make the folder {path} ({exc.strerror or exc})") from None
        return path

    # -- the database ---------------------------------------------------------------------------
    def open_db(self) -> Database:
        """The database with its schema; a JSON store of an earlier version is migrated on first
        open; a damaged SQLite file is set aside and rebuilt from the source copies."""
        if self._opened:
            return self.db
        if self.db.kind == "sqlite" and self.db.path is not None and self.db.path.exists():
            problem = self._sqlite_damage()
            if problem:
                self._rebuild_database(problem)
        elif self.db.kind == "sqlite":
            self._ensure_writable()  # a new database is about to be created
        try:
            self.db.ensure_schema()
        except sqlite3.OperationalError as exc:
            if READ_ONLY.search(str(exc)) or "unable to open" in str(exc):
                raise ReadOnlyStoreError(str(self.dir)) from exc
            raise
        self._opened = True
        if (self.dir / LEGACY_MANIFEST).exists():
            self._migrate_json_store()
        if self.db.migrated_from is not None:
            self._rewrite_rows(self.db.migrated_from)
        return self.db

    def _rewrite_rows(self, version: int) -> None:
        """After a schema upgrade: every document's rows written again from its stored records."""
        rows = self.db.documents()
        self.log(f"note: the records database was upgraded from schema {version} to {DB_SCHEMA_VERSION}; rewriting the rows of {len(rows)} documents")
        for row in rows:
            rec = self.stored_records(row.id)
            if rec is None:
                continue
            with self._lock(), self.db.transaction():
                position = old_position(self.db, row.id)
                self.db.delete_document(row.id)
                insert_document(self.db, rec, row.source_file, vectors=row.vectors, position=position)

    @cached_property
    def checked(self) -> Checked:
        return Checked(self.dir)

    def _check_copy(self, row: DocumentRow | None) -> None:
        """Warn, once per process, when a document's saved copy is missing or damaged (the store could
        not rebuild that document's records from it). Done when the document is first read, not for
        every document at open: opening 10,000 documents stays as fast as opening one."""
        if row is None:
            return
        self._copies_checked.add(row.id)
        problem = self._copy_problem(row)
        if problem is not None:
            self.warn(
                f"the saved copy {row.source_file} of {row.id} {problem}: the store cannot rebuild that document "
                f"if its records are damaged; ingest {row.source_name} again"
            )
        self.checked.save()

    def _copy_problem(self, row: DocumentRow) -> str | None:
        """:func:`copy_problem`, skipped for a copy unchanged since it was last found whole."""
        name = row.source_file
        inside = name.startswith("sources/") and name.count("/") == 1 and name[8:] not in ("", ".", "..")
        if inside and self.checked.copy_intact(name, fingerprint(os.path.join(self.dir, name)), row.sha256):
            return None
        problem = copy_problem(self.dir, name, row.sha256)
        if problem is None and inside:
            self.checked.remember_copy(name, self.dir / name, row.sha256)
        return problem

    def _sqlite_damage(self) -> str | None:
        path = self.db.path
        assert path is not None
        try:
            with open(path, "rb") as f:
                head = f.read(16)
        except OSError as exc:
            return f"cannot be read ({exc})"
        if head and head != b"SQLite format 3\x00":
            return "is not an SQLite database"
        if self.checked.database_intact(path):
            return None  # unchanged since it was last found intact (ingest/checked.py)
        try:
            problem = self.db.integrity_problem()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        if problem is None:
            self.checked.remember_database(path)
            self.checked.save()
        return problem

    def _rebuild_database(self, problem: str) -> None:
        path = self.db.path
        assert path is not None
        self.db.close()
        aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
        self.warn(f"the records database {path} {problem}; it was moved to {aside.name} and is rebuilt from the saved documents")
        with self._lock():
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.replace(f"{path}{suffix}", f"{aside}{suffix}")
            self.db.ensure_schema()
            self._opened = True
            self._rebuild_from_sources()

    def _migrate_json_store(self) -> None:
        """A store written before the database (manifest.json + records/*.json): its documents are
        re-read from their source copies into the database; the old files are kept aside."""
        legacy = self.dir / LEGACY_MANIFEST
        self.log(f"note: migrating the store at {self.dir} to the records database ({self.db.where})")
        with self._lock():
            if not legacy.exists():
                return  # another process migrated it meanwhile
            names: dict[str, str] = {}
            with contextlib.suppress(OSError, ValueError, AttributeError):
                for d in json.loads(legacy.read_text(encoding="utf-8")).get("documents", {}).values():
                    names[Path(d["source_file"]).name] = d["source_name"]
            self._rebuild_from_sources(names)
            os.replace(legacy, legacy.with_name(f"{LEGACY_MANIFEST}.migrated"))
            if (self.dir / "records").is_dir():
                with contextlib.suppress(OSError):
                    os.replace(self.dir / "records", self.dir / "records.migrated")

    def documents(self) -> list[DocumentRow]:
        return self.open_db().documents()

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, paths: list[str | Path] | None = None, *, progress: bool = True, workers: int = 1, allow_partial: bool = False) -> IngestReport:
        """Ingest ``paths`` (default: the bundled disclosures). Bad files are reported, not stored.

        A file that looks cut off is refused unless ``allow_partial``; then it is stored marked
        incomplete. ``workers`` > 1 parses and embeds new files in that many processes (each
        embedder on one thread); the database and the vector index are written by this process alone.
        Files go through one at a time (ingest/stream.py): a file the database already holds is
        reported from its row, and a parsed one is written and dropped before the next is taken."""
        start = time.perf_counter()
        unreadable: list[str] = []
        errors: list[str] = []
        taken: dict[str, tuple[str, str]] = {}  # document id → the file of this ingest that has it, and its text hash
        writing = _Writing(progress=progress)
        files = stream(
            list(paths or bundled_documents()),
            known=self._known,
            parse=lambda src: parse_source(src),  # looked up at each call: tests replace it
            workers=workers,
            embedder=self.settings.embedder,
            cache=self.cache_path,
            errors=unreadable,
        )
        with contextlib.closing(files):
            for item in files:
                refused = self._refusal(item, taken, allow_partial=allow_partial)
                if refused:
                    errors.append(refused)
                else:
                    self._write(item, writing)
                del item  # dropped before the next file is parsed
        self._finish(writing)
        return IngestReport(writing.reports, time.perf_counter() - start, unreadable + errors)

    def _refusal(self, item: Pending, taken: dict[str, tuple[str, str]], *, allow_partial: bool) -> str | None:
        """Why the file is not stored, or None: it failed to parse, is no disclosure, looks cut off,
        or has the id of another file of this ingest with other text."""
        if item.error is not None:
            return str(item.error)
        if item.known is not None:
            summary = item.known.summary
            if not summary["figures"] and not summary["tables"] and not summary["statement_tables"]:
                return str(NotADisclosureError(item.source.name, "it states no figures and has no tables"))
            doc_id, text = item.known.row.id, item.known.row.text_hash
        else:
            rec = item.records
            assert rec is not None
            if not rec.figures and not rec.tables and not rec.statements:
                # a title alone ("关于…2024年度部门决算公开的通知") parses, but is not a disclosure; kept
                # out, because one more document makes every unqualified question ask "which one?"
                return str(NotADisclosureError(item.source.name, "it states no figures and has no tables"))
            if rec.info.cut_off is not None and not allow_partial:
                return str(CutOffError(item.source.name, rec.info.cut_off, [w for w in rec.warnings if "looks cut off" in w]))
            doc_id, text = rec.info.id, normalized_text_hash(rec)
        first = taken.get(doc_id)
        if first is not None and first[1] != text:
            return str(IdCollisionError(item.path, first[0], doc_id))
        taken.setdefault(doc_id, (item.path, text))
        return None

    def _exists(self) -> bool:
        """Whether there is a database to look in (an ingest that stores nothing creates none)."""
        return self.db.kind != "sqlite" or (self.db.path is not None and self.db.path.exists()) or (self.dir / LEGACY_MANIFEST).exists()

    def _known(self, src: SourceText) -> Known | None:
        """The stored document of this very file, parsed by this parser, with its saved copy whole
        and its records intact: reported from its row, nothing parsed or decompressed (a missing
        or damaged copy is written anew by the ingest; damaged records are rebuilt from the copy)."""
        if not self._exists():
            return None
        db = self.open_db()
        rows = db.documents("WHERE sha256 = ? AND parser = ?", (src.sha256, PARSER))
        row = next((r for r in rows if r.source_name == src.name and self._copy_problem(r) is None), None)
        if row is None:
            return None
        blob = db.records_blob(row.id)
        summary = db.summary(row.id)
        if blob is None or records_checksum(blob[0]) != blob[1] or summary is None:
            rec = self.stored_records(row.id)  # rebuilt from the saved copy, rows written again
            if rec is None:
                return None
            row = db.document(row.id) or row
            summary = summarize(rec)
        return Known(row, summary)

    def _write(self, item: Pending, writing: _Writing) -> None:
        """Store one file that passed the checks: its copy, its vectors, then its rows in one
        transaction; a file the database holds with this embedder's vectors is only reported."""
        with self._lock():
            db = self.open_db()
            if not writing.started:
                self._folder("sources")
                self._folder("embeddings")  # named before the vector index is touched
                writing.started, writing.resets = True, self._index_resets
                damage = self._embedded_index_damage() if db.count_documents() else None
                if damage:
                    self._index_damaged(damage)
            t0 = time.perf_counter()
            src, doc_id = item.source, item.doc_id
            if item.known is not None:
                sha, text = item.known.row.sha256, item.known.row.text_hash
            else:
                assert item.records is not None
                sha, text = item.records.info.sha256, normalized_text_hash(item.records)
            twin = next((d.id for d in db.documents("WHERE (sha256 = ? OR text_hash = ?) AND id <> ?", (sha, text, doc_id))), None)
            if doc_id in writing.seen or twin:
                if twin:
                    self.warn(f"{src.name} has the same content as the stored document {twin}; not stored twice")
                return
            writing.seen.add(doc_id)
            old = db.document(doc_id)
            unchanged = item.known is not None
            if unchanged and old is not None and old.vectors == self.vectors_key:
                writing.reports.append(self._report(doc_id, item.known.summary, "unchanged", 0, time.perf_counter() - t0))  # type: ignore[union-attr]
                return
            writing.wrote = True
            rec = item.records if item.records is not None else self.stored_records(doc_id)
            if rec is None:  # the stored records vanished meanwhile: read the file itself
                rec = parse_source(src)
            source_file = f"sources/{copy_name(rec.info.sha256, src.name, src.suffix)}"
            written = not copy_intact(self.dir / source_file, rec.info.sha256)
            self.checked.forget_copy(source_file)
            self._warn_conflicts(db, src, rec, old)
            if written:
                atomic_write(self.dir / source_file, src.raw or ("\n".join(src.lines) + "\n").encode("utf-8"))
            try:
                try:
                    embedded = self._write_vectors(rec, progress=writing.progress)
                except Exception as exc:
                    if not self._vectors_failed(exc):
                        raise
                    self._index_damaged(f"failed ({type(exc).__name__}: {exc})")
                    embedded = self._write_vectors(rec, progress=writing.progress)
                replaced = _texts(db, doc_id) if old is not None else set()
                with db.transaction():
                    position = old_position(db, doc_id)
                    if old is not None:
                        db.delete_document(doc_id)
                    insert_document(db, rec, source_file, vectors=self.vectors_key, position=position)
                writing.stale |= replaced - {text_hash(p.text) for p in rec.passages}
            except BaseException:
                if written and (old is None or old.source_file != source_file):
                    with contextlib.suppress(OSError):
                        (self.dir / source_file).unlink()
                raise
            if old is not None and old.source_file != source_file:
                stale = copy_path(self.dir, old.source_file)  # never a file outside the store
                if stale is not None:
                    with contextlib.suppress(OSError):
                        stale.unlink()
            self.checked.remember_copy(source_file, self.dir / source_file, rec.info.sha256)
            status = "unchanged" if unchanged else ("replaced" if old else "ingested")
            writing.reports.append(self._report(doc_id, summarize(rec), status, embedded + item.embedded, time.perf_counter() - t0))

    def _finish(self, writing: _Writing) -> None:
        """After the last file: refill what a reset vector index lost, and tidy it. A database found
        intact at open and since written only through SQLite's transactions is intact: it is
        remembered as such (after its log is written back), so the next open need not read it whole."""
        if not writing.started:
            return
        with self._lock():
            if self._index_resets != writing.resets:
                self.check_vectors(announce=False)  # the documents this ingest did not touch
            # an ingest that found every file unchanged leaves the vector index alone: opening the
            # embedded one loads it whole (0.4 GB at 10,000 documents) for nothing to do
            self._collect_garbage(writing.stale, vectors=writing.wrote or bool(writing.stale))
            if self.db.kind == "sqlite" and self.db.path is not None and self._opened:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    self.checked.remember_database(self.db.path)
            self.checked.save()

    def _warn_conflicts(self, db: Database, src: SourceText, rec: DocumentRecords, old: DocumentRow | None) -> None:
        """Say so when a file replaces a document of another department or year (ids come from file
        names), and when another stored document is of the same department and year."""
        info = rec.info
        if old is not None and (old.department, old.year) != (info.department, info.year):
            self.warn(
                f"{src.name} replaced the stored document {info.id} of {old.department} {old.year or ''} (read from "
                f"{old.source_name}) with one of {info.department} {info.year or ''}: documents are told apart by file "
                "name; rename the file to keep both"
            )
        if not info.department or info.year is None:
            return
        for other in db.documents("WHERE department = ? AND year = ? AND id <> ?", (info.department, info.year, info.id)):
            found, only_one = differences(db, other.id, rec)
            shown = "; ".join(f"{d.label}: {d.stored} in {other.id}, {d.new} in {info.id}" for d in found[:5])
            figures = (
                f"{len(found)} figure(s) differ — {shown}{' …' if len(found) > 5 else ''}"
                if found else "their figures agree"
            )
            if only_one:
                figures += f"; {only_one} figure(s) are stated in only one of them"
            self.warn(
                f"{src.name} ({info.id}) and the stored document {other.id} (read from {other.source_name}, ingested "
                f"{other.ingested_at[:10]}) are both {info.department} {info.year}: {figures}. Both are kept; a question "
                f"about them asks which one — answer with `disclosure-qa ask --doc {info.id}` or `--doc {other.id}`"
            )

    def _report(self, doc_id: str, summary: dict, status: str, embedded: int, seconds: float) -> DocumentReport:
        fields = {k: v for k, v in summary.items() if k != "statement_tables"}
        return DocumentReport(id=doc_id, status=status, embedded=embedded, seconds=seconds, **fields)

    # -- records --------------------------------------------------------------------------------
    def records(self, doc_id: str) -> DocumentRecords | None:
        """A document's records, as readers see them: see :meth:`stored_records`; a document whose
        title another stored document shares has its file name added to the title, so that a list
        of documents tells them apart."""
        rec = self.stored_records(doc_id)
        if rec is not None and self.open_db().one("SELECT id FROM documents WHERE title = ? AND id <> ?", (rec.info.title, doc_id)):
            rec = rec.model_copy(update={"info": rec.info.model_copy(update={"title": f"{rec.info.title}（{rec.info.source_name}）"})})
        return rec

    def stored_records(self, doc_id: str) -> DocumentRecords | None:
        """A document's records from the database; records written by another parser, or damaged
        (their checksum no longer matches), are rebuilt from the saved source."""
        db = self.open_db()
        if doc_id not in self._copies_checked:
            self._check_copy(db.document(doc_id))
        got = db.records_blob(doc_id)
        if got is None:
            return None
        blob, checksum = got
        reason = None
        rec: DocumentRecords | None = None
        if records_checksum(blob) != checksum:
            reason = "are damaged (their checksum does not match)"
        else:
            try:
                rec = DocumentRecords.model_validate_json(decompress(blob))
                if rec.schema_version != SCHEMA_VERSION or rec.parser != PARSER:
                    rec, reason = None, "were written by another version of the parser"
            except (ValidationError, ValueError, OSError) as exc:
                reason = f"cannot be read ({type(exc).__name__})"
        if rec is None:
            rec = self._repair(db.document(doc_id), reason or "cannot be read")
        return rec

    def _repair(self, row: DocumentRow | None, reason: str) -> DocumentRecords | None:
        if row is None:
            return None
        problem = copy_problem(self.dir, row.source_file, row.sha256)
        if problem is not None:
            problem = "is gone" if problem == "is missing" else problem
            self.warn(f"records of {row.id} {reason} and its saved source {row.source_file} {problem}; it is left out — ingest {row.source_name} again")
            return None
        message = f"records of {row.id} {reason}; rebuilding them from {row.source_file}"
        if reason.startswith("were written"):
            self.log(f"note: {message}")  # an upgrade, not a fault
        else:
            self.warn(message)
        source = copy_path(self.dir, row.source_file)
        assert source is not None  # copy_problem said it is inside the store
        try:
            rec = parse_source(source_from_bytes(source.read_bytes(), row.source_name), doc_id=row.id)
        except (DocumentError, OSError) as exc:
            self.warn(f"the saved source of {row.id} cannot be read again ({exc}); it is left out")
            return None
        with contextlib.suppress(ReadOnlyStoreError, sqlite3.OperationalError):
            with self._lock(), self.db.transaction():
                position = old_position(self.db, row.id)
                self.db.delete_document(row.id)
                insert_document(self.db, rec, row.source_file, vectors=row.vectors, position=position)
        return rec

    def _rebuild_from_sources(self, names: dict[str, str] | None = None) -> None:
        """Every saved copy parsed and written again, one at a time."""
        files = saved_copies(self.dir)
        if not files:
            return
        self.warn(f"rebuilding the records of {len(files)} saved document(s)")
        writing = _Writing(progress=False)
        for f in files:
            try:
                src = source_from_bytes(f.read_bytes(), (names or {}).get(f.name) or original_name(f.name))
                rec = parse_source(src)
            except DocumentError as exc:
                self.warn(str(exc))
                continue
            self._write(Pending(str(f), src, records=rec), writing)
        self._finish(writing)

    def load(self, *, auto_ingest: bool = True):
        """The stored documents as a :class:`ingest.library.Library` (records are read when asked
        for); an empty store ingests the bundled disclosures when allowed."""
        from ingest.library import Library

        db = self.open_db()
        if db.count_documents() == 0:
            if saved_copies(self.dir):
                with self._lock():
                    if db.count_documents() == 0:
                        self._rebuild_from_sources()
            if db.count_documents() == 0:
                if not auto_ingest:
                    raise EmptyStoreError(str(self.dir))
                bundled = bundled_documents()
                self.log(f"the store at {self.dir} is empty: ingesting the bundled disclosures {', '.join(p.name for p in bundled)}")
                report = self.ingest(bundled)
                if report.errors:
                    raise StoreError("; ".join(report.errors))
                if db.count_documents() == 0:
                    raise EmptyStoreError(str(self.dir))
        library = Library(self)  # each saved copy is checked when its document is first read
        damage = self._embedded_index_damage()
        if damage:
            # found at open without importing Chroma (a cold start stays fast when all is well)
            self.warn(f"the vector index {self.dir / 'chroma'} {damage}; rebuilding it from the embedding cache")
            try:
                with self._lock():
                    self._set_index_aside()
            except ReadOnlyStoreError:
                self.warn("the data directory is read-only: answering with keyword search only")
                return library
            self.check_vectors(announce=False)
        return library

    def delete(self, doc_id: str) -> bool:
        """Remove a document, its source copy and (later, when no other document shares them) its vectors."""
        db = self.open_db()
        row = db.document(doc_id)
        if row is None:
            return False
        with self._lock():
            texts = _texts(db, doc_id)
            with db.transaction():
                db.delete_document(doc_id)
            copy = copy_path(self.dir, row.source_file)  # never a file outside the store
            if copy is not None:
                with contextlib.suppress(OSError):
                    copy.unlink()
            self._collect_garbage(texts)
        return True

    # -- vectors --------------------------------------------------------------------------------
    def index(self):
        """The Chroma collection; an embedded index that is corrupted is set aside and started anew
        (the caller refills it from the embedding cache), with a warning."""
        if self._index is None:
            from ingest.vectors import VectorIndex, make_client

            try:
                self._index = VectorIndex(make_client(self.dir, self.settings.chroma_url), self.collection_name, self.embedder.spec)
            except DisclosureQAError:
                raise
            except Exception as exc:  # noqa: BLE001 - chromadb raises InternalError, ValueError, OSError …
                where = self.settings.chroma_url or str(self.dir / "chroma")
                if not self.settings.chroma_url:
                    from ingest.vectors import release_embedded

                    release_embedded(self.dir)  # else a retry gets chromadb's broken instance back
                    if READ_ONLY.search(f"{exc}"):
                        raise ReadOnlyStoreError(str(self.dir)) from exc  # embedded Chroma writes even to read
                if self.settings.chroma_url or not (CORRUPTED.search(f"{exc}") or self._vectors_failed(exc)):
                    raise StoreError(f"the vector index at {where} cannot be opened ({type(exc).__name__}: {exc})") from exc
                self.warn(f"the vector index {where} is corrupted ({type(exc).__name__}: {exc}); starting a new one")
                with self._lock():
                    self._set_index_aside()
                self._index = VectorIndex(make_client(self.dir, None), self.collection_name, self.embedder.spec)
        return self._index

    def _vectors_failed(self, exc: BaseException) -> bool:
        """Whether an error of the embedded index means it is damaged. chromadb finds most damage
        only when it reads (a bit flipped in a row of chroma.sqlite3 passes SQLite's own checks,
        then fails every later read or write); the index is derived, so it is rebuilt rather than
        left failing. A busy or read-only index is not damaged, and a Chroma server is not ours."""
        if self.settings.chroma_url or not type(exc).__module__.startswith("chromadb"):
            return False
        return not (READ_ONLY.search(str(exc)) or BUSY.search(str(exc)))

    def _index_damaged(self, problem: str) -> None:
        self.warn(f"the vector index {self.dir / 'chroma'} {problem}; rebuilding it from the embedding cache")
        self._set_index_aside()

    def _set_index_aside(self) -> None:
        self._index_resets += 1
        self._reset_chroma_dir()
        self.open_db().execute("UPDATE documents SET vectors = NULL")

    def cache(self) -> EmbeddingCache:
        """The embedding cache; a corrupted one is replaced by an empty one, with a warning (it only
        saves time: its passages are embedded again)."""
        self._folder("embeddings")
        path = self.cache_path
        try:
            return EmbeddingCache(path, self.embedder.key)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise
            self.warn(f"the embedding cache {path} is corrupted ({exc}); starting a new one")
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(f"{path.name}.corrupt"))
            return EmbeddingCache(path, self.embedder.key)

    @property
    def cache_path(self) -> Path:
        """This embedder's embedding cache (vectors by text hash)."""
        return self.dir / "embeddings" / f"{self.embedder.key}.sqlite"

    def cached_vectors(self) -> EmbeddingCache | None:
        """The embedding cache opened read-only, for answering; None when there is none."""
        path = self.cache_path
        if not path.exists():
            return None
        try:
            return EmbeddingCache(path, self.embedder.key, read_only=True)
        except sqlite3.Error:
            return None

    def _write_vectors(self, rec: DocumentRecords, *, progress: bool) -> int:
        """Vectors for the document's passages, one per distinct text (ids are text hashes, so
        template text shared by many documents is embedded and stored once)."""
        texts = {text_hash(p.text): p.text for p in rec.passages}
        if not texts:
            return 0
        index = self.index()
        have = index.existing(list(texts))
        missing = {h: t for h, t in texts.items() if h not in have}
        # text another document has too; marked once (template boilerplate is in every document)
        shared = {h: m for h, m in have.items() if m.get("doc") not in (None, rec.info.id) and not m.get("shared")}
        n_new = 0
        if missing:
            cache = self.cache()
            try:
                vectors, n_new = embed_with_cache(self.embedder, cache, missing, progress=progress)
            except (DisclosureQAError, sqlite3.Error):
                raise
            except Exception as exc:  # noqa: BLE001 - a model that fails to load or to run
                raise EmbedderError(
                    f"the embedder {self.embedder.spec!r} failed on the passages of {rec.info.id} "
                    f"({type(exc).__name__}: {exc}); the store was left as it was. Check the model "
                    "(--embedder / DISCLOSURE_QA_EMBEDDER) and ingest again."
                ) from exc
            finally:
                cache.close()
            hashes = list(missing)
            index.upsert(hashes, [vectors[h] for h in hashes], [missing[h] for h in hashes], [{"doc": rec.info.id, "shared": False} for _ in hashes])
        if shared:
            index.mark_shared(shared)
        return n_new

    def check_vectors(self, *, announce: bool = True) -> bool:
        """True when Chroma holds every passage's vector; otherwise refill it (from the embedding
        cache) and say so. False when it cannot be refilled here (a read-only data directory, an
        unreachable server): questions are then answered with keyword search only."""
        db = self.open_db()
        try:
            try:
                return self._refill_vectors(db, announce=announce)
            except Exception as exc:
                if not self._vectors_failed(exc):
                    raise
                with self._lock():
                    self._index_damaged(f"failed ({type(exc).__name__}: {exc})")
                return self._refill_vectors(db, announce=False)
        except ReadOnlyStoreError:
            self.warn("the data directory is read-only: answering with keyword search only")
            return False
        except DisclosureQAError as exc:
            self.warn(f"{exc}; answering with keyword search only")
            return False
        except Exception as exc:  # noqa: BLE001 - e.g. a Chroma server that went away
            self.warn(f"the vector index failed ({type(exc).__name__}: {exc}); answering with keyword search only")
            return False

    def _refill_vectors(self, db: Database, *, announce: bool) -> bool:
        stale = db.documents("WHERE vectors IS NULL OR vectors <> ?", (self.vectors_key,))
        index = self.index()
        if not stale:
            # a cheap check: as many vectors as distinct passage texts, and one of them readable
            want = db.one("SELECT COUNT(DISTINCT text_hash), MIN(text_hash) FROM passages")
            if self.settings.chroma_url or (index.count() >= int(want[0]) and (not want[1] or index.existing([want[1]]))):
                return True
            stale = db.documents()
        if announce:
            self.warn(f"the vector index lacks the passages of {len(stale)} document(s); rebuilding it from the embedding cache")
        with self._lock():
            for row in stale:
                rec = self.stored_records(row.id)
                if rec is None:
                    continue
                self._write_vectors(rec, progress=True)
                db.set_vectors(row.id, self.vectors_key)
        return True

    def _collect_garbage(self, texts: set[str] | frozenset[str] = frozenset(), *, vectors: bool = True) -> None:
        """Vectors no passage uses any more — of ``texts`` (those a replaced or deleted document
        had), and any other when the index holds more vectors than there are distinct texts (an
        interrupted ingest) — and stray temporary files. Never fails an ingest."""
        for f in (self.dir / "sources").glob(".*.tmp") if (self.dir / "sources").is_dir() else []:
            with contextlib.suppress(OSError):
                f.unlink()
        if self.settings.chroma_url or not vectors:
            # a Chroma server may serve other stores too: their vectors are not ours to delete
            return
        try:
            index = self.index()
            orphans = self._unused(sorted(texts))
            if orphans:
                index.delete(orphans)
            # counted, not listed: walking every id of a large index takes seconds
            if index.count() > int(self.db.one("SELECT COUNT(DISTINCT text_hash) FROM passages")[0]):
                orphans = [h for ids in index.id_pages() for h in self._unused(ids)]
                if orphans:
                    index.delete(orphans)
        except Exception as exc:  # noqa: BLE001 - garbage collection must never fail an ingest
            self.warn(f"could not tidy the vector store: {exc}")

    def _unused(self, hashes: list[str]) -> list[str]:
        """The text hashes of ``hashes`` no passage has."""
        out: list[str] = []
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            used = {h for (h,) in self.db.query(f"SELECT DISTINCT text_hash FROM passages WHERE text_hash IN ({','.join('?' * len(chunk))})", chunk)}
            out += [h for h in chunk if h not in used]
        return out

    def _reset_chroma_dir(self) -> None:
        """Set the embedded index aside (it is derived: the embedding cache refills it)."""
        if self.settings.chroma_url:
            return
        from ingest.vectors import release_embedded

        self._index = None
        release_embedded(self.dir)
        target = self.dir / "chroma"
        if target.exists() or target.is_symlink():
            broken = self.dir / f"chroma.broken-{os.getpid()}-{int(time.time())}"
            with contextlib.suppress(OSError):
                target.rename(broken)
                if broken.is_dir() and not broken.is_symlink():
                    shutil.rmtree(broken, ignore_errors=True)
                else:
                    broken.unlink()

    def _embedded_index_damage(self) -> str | None:
        """What is visibly wrong with the embedded Chroma folder, if anything (deeper damage shows
        when it is opened: see :meth:`index`)."""
        if self.settings.chroma_url:
            return None
        folder = self.dir / "chroma"
        if not folder.exists():
            return "is missing"
        if not folder.is_dir():
            return "is not a folder"
        db = folder / "chroma.sqlite3"
        try:
            with open(db, "rb") as f:
                head = f.read(16)
        except FileNotFoundError:
            return "has no chroma.sqlite3"
        except OSError as exc:
            return f"cannot be read ({exc})"
        if head != b"SQLite format 3\x00":
            return "has a corrupted chroma.sqlite3"
        if self.checked.database_intact(db, "chroma"):
            return None  # unchanged since it was last found intact (ingest/checked.py)
        try:
            # read-only; busy or unreadable is not damage: Chroma itself decides when it opens the file
            with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
                verdict = con.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                return f"has a corrupted chroma.sqlite3 ({exc})"
            return None
        if verdict != "ok":
            return f"has a corrupted chroma.sqlite3 ({' '.join(verdict.split())[:160]})"
        self.checked.remember_database(db, "chroma")
        self.checked.save()
        return None


# -- writing one document's rows ------------------------------------------------------------------------
def _texts(db: Database, doc_id: str) -> set[str]:
    """The text hashes of a stored document's passages."""
    return {h for (h,) in db.query("SELECT DISTINCT text_hash FROM passages WHERE doc = ?", (doc_id,))}


def old_position(db: Database, doc_id: str) -> int:
    """Where a document stands in the list: a replaced one keeps its place, a new one goes last."""
    row = db.one("SELECT position FROM documents WHERE id = ?", (doc_id,))
    return int(row[0]) if row else db.next_position()


def insert_document(db: Database, rec: DocumentRecords, source_file: str, *, vectors: str | None, position: int) -> None:
    """The document and every row derived from it (inside the caller's transaction)."""
    from ingest.names import document_names
    from ingest.tokens import tokenizer, tokens

    info = rec.info
    blob = compress(rec.model_dump_json())
    db.execute(
        "INSERT INTO documents (id, department, region, level, year, title, source_name, sha256, text_hash, format, pages, parser,"
        " ingested_at, source_file, figures, statement_rows, performance_tables, passages, coverage, records, records_sha, vectors, position, summary)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (info.id, info.department, info.region, info.level, info.year, info.title, info.source_name, info.sha256,
         normalized_text_hash(rec), info.format, info.pages, PARSER, _now(), source_file, len(rec.figures),
         sum(len(t.rows) for t in rec.statements), len(rec.tables), len(rec.passages), str(rec.coverage.percent),
         blob, records_checksum(blob), vectors, position, dumps(summarize(rec))),
    )
    db.executemany("INSERT INTO names (doc, name, kind) VALUES (?, ?, ?)", [(info.id, n, k) for n, k in document_names(info)])
    amounts = []
    for t in rec.statements:
        for r in t.rows:
            for a in r.amounts:
                if a.value is None:
                    continue
                amounts.append((info.id, t.id, t.kind, r.id, r.side, r.code, r.name, r.level, r.parent, r.classification,
                                a.column or "", a.raw, str(a.value), e4(a.value), t.unit, r.page, r.line, dumps(r.bbox) if r.bbox else None))
    db.executemany(
        "INSERT INTO statement_amounts (doc, table_id, table_kind, row_id, side, code, name, level, parent, classification,"
        " column_name, raw, amount, amount_e4, unit, page, line, bbox) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        amounts,
    )
    db.executemany(
        "INSERT INTO figures (id, doc, seq, subject, basis, kind, unit, raw, amount, amount_e4, section, line_start, line_end, page)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(f.id, info.id, n, f.subject, f.basis, f.kind, f.unit, f.raw, str(f.value), e4(f.value), f.section, f.line_start, f.line_end,
          rec.place(f.line_start).page) for n, f in enumerate(rec.figures)],
    )
    db.executemany(
        "INSERT INTO indicators (doc, table_id, project, indicator, level1, level2, target, actual, weight, score, line_start, line_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(info.id, t.id, t.name, i.name, i.level1, i.level2, i.target.raw, i.actual.raw,
          None if i.weight is None else str(i.weight), None if i.score is None else str(i.score), i.line_start, i.line_end)
         for t in rec.tables for i in t.indicators],
    )
    tokenizer(None, [g.term for g in rec.glossary] + [t.name for t in rec.tables])
    passage_rows = [(p.id, info.id, p.kind, p.text, text_hash(p.text), " ".join(tokens(p.text)), p.section, p.line_start, p.line_end) for p in rec.passages]
    db.executemany(
        "INSERT INTO passages (id, doc, kind, text, text_hash, tokens, section, line_start, line_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        passage_rows,
    )
    if db.kind == "sqlite":
        db.executemany("INSERT INTO passage_search (pid, doc, tokens) VALUES (?, ?, ?)", [(r[0], r[1], r[5]) for r in passage_rows])
    db.executemany(
        "INSERT INTO citations (doc, n, page, line, file_line, role, bbox, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(info.id, n, p.page, p.line, p.file_line, p.role, dumps(p.bbox) if p.bbox else None, text)
         for n, (p, text) in enumerate(zip(rec.places, rec.lines), 1)],
    )


def normalized_text_hash(rec: DocumentRecords) -> str:
    """A hash of the document's printed text without spacing: the same document in another
    encoding or with other line breaks hashes the same."""
    joined = "".join("".join(line.split()) for line in rec.lines)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
