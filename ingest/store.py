"""The store in a data directory: records, source copies, embedding cache, Chroma, and a manifest.

Ingest is atomic: new records and vectors are written beside the old ones and a new manifest
is swapped in last (``os.replace``), so an interrupted ingest leaves the previous store whole.
Everything derived (records, Chroma) can be rebuilt from the source copies, and is, when it is
found missing or corrupted at open.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.config import Settings, bundled_documents
from ingest.errors import (
    DisclosureQAError,
    DocumentError,
    EmbedderError,
    EmptyStoreError,
    NotADisclosureError,
    ReadOnlyStoreError,
    StoreError,
)
from ingest.embed import EmbeddingCache, embed_with_cache, make_embedder
from ingest.files import atomic_write  # tests replace store.atomic_write to simulate a crash
from ingest.passages import text_hash
from ingest.pipeline import parse_source
from ingest.read import SourceText, read_source, source_from_bytes
from ingest.records import PARSER, SCHEMA_VERSION, DocumentRecords

MANIFEST = "manifest.json"
# What Chroma and SQLite say about a damaged file or folder (as opposed to a busy or unreachable
# one, which must never make us delete an index): not a database, malformed, a file where a
# folder belongs.
READ_ONLY = re.compile(r"code: 8\b|readonly database|read-only file system|os error 30\b", re.I)
CORRUPTED = re.compile(r"code: (11|26)\b|not a database|malformed|corrupt|os error (17|20)\b|not a directory|file exists", re.I)


class StoredDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    department: str
    year: int | None
    sha256: str
    source_name: str
    records_file: str
    source_file: str
    passages: int
    figures: int
    tables: int
    ingested_at: str
    parser: str = ""


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    embedder: str
    embedder_key: str
    documents: dict[str, StoredDocument] = {}
    updated_at: str = ""


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


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, settings: Settings, *, log=None):
        self.settings = settings
        self.dir = settings.data_dir
        self.embedder = make_embedder(settings.embedder)
        self.log = log or (lambda msg: print(msg, file=sys.stderr))
        self._index = None
        self._lock_depth = 0
        self.warnings: list[str] = []

    # -- paths ----------------------------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.dir / MANIFEST

    @property
    def collection_name(self) -> str:
        return self.settings.chroma_collection or f"disclosure-qa-{self.embedder.key}"

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
        if self._lock_depth:  # re-entered (a repair inside an ingest): flock on a new fd would deadlock
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        self._ensure_writable()
        with open(self.dir / ".lock", "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                fcntl.flock(f, fcntl.LOCK_UN)

    # -- manifest -------------------------------------------------------------------------------
    def read_manifest(self) -> Manifest | None:
        """The manifest, or None if there is none; a corrupted one is reported and treated as none."""
        if not self.manifest_path.exists():
            return None
        try:
            return Manifest.model_validate_json(self.manifest_path.read_bytes())
        except (ValidationError, ValueError) as exc:
            self.warn(f"the store manifest {self.manifest_path} is unreadable ({type(exc).__name__}); rebuilding it from the saved documents")
            return None

    def _write_manifest(self, manifest: Manifest) -> None:
        manifest.updated_at = _now()
        atomic_write(self.manifest_path, manifest.model_dump_json(indent=1).encode("utf-8"))

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self.log(f"warning: {message}")

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
                if self.settings.chroma_url or not CORRUPTED.search(f"{exc}"):
                    raise StoreError(f"the vector index at {where} cannot be opened ({type(exc).__name__}: {exc})") from exc
                self.warn(f"the vector index {where} is corrupted ({type(exc).__name__}: {exc}); starting a new one")
                with self._lock():
                    self._reset_chroma_dir()
                self._index = VectorIndex(make_client(self.dir, None), self.collection_name, self.embedder.spec)
        return self._index

    def cache(self) -> EmbeddingCache:
        """The embedding cache; a corrupted one is replaced by an empty one, with a warning (it only
        saves time: its passages are embedded again)."""
        path = self.dir / "embeddings" / f"{self.embedder.key}.sqlite"
        try:
            return EmbeddingCache(path, self.embedder.key)
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise StoreError(f"the embedding cache {path} cannot be opened ({exc})") from exc
            self.warn(f"the embedding cache {path} is corrupted ({exc}); starting a new one (its passages are embedded again)")
            for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), path.with_name(path.name + "-journal")):
                with contextlib.suppress(FileNotFoundError):
                    f.unlink()
            return EmbeddingCache(path, self.embedder.key)

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, paths: list[str | Path] | None = None, *, progress: bool = True) -> IngestReport:
        """Ingest ``paths`` (default: the bundled disclosure). Bad files are reported, not stored."""
        start = time.perf_counter()
        sources: list[SourceText] = []
        errors: list[str] = []
        for path in paths or bundled_documents():
            try:
                sources.append(read_source(path))
            except DocumentError as exc:
                errors.append(f"{path}: {exc}")
            except OSError as exc:
                errors.append(f"{path}: {exc.strerror or exc}; nothing was changed in the store.")
        parsed: list[tuple[SourceText, DocumentRecords | None]] = []
        stored = self._stored_by_hash()
        for src in sources:
            rec = self._unchanged(stored.get(src.sha256), src)
            if rec is None:
                try:
                    rec = parse_source(src)
                except DocumentError as exc:
                    errors.append(str(exc))
                    continue
            if not rec.figures and not rec.tables and not rec.statements:
                # a title alone ("关于…2024年度部门决算公开的通知") parses, but is not a disclosure; kept
                # out, because one more document makes every unqualified question ask "which one?"
                errors.append(str(NotADisclosureError(src.name, "it states no figures and has no performance tables")))
                continue
            parsed.append((src, rec))
        reports: list[DocumentReport] = []
        if parsed:
            with self._lock():
                reports = self._commit(parsed, progress=progress)
        return IngestReport(reports, time.perf_counter() - start, errors)

    def _stored_by_hash(self) -> dict[str, StoredDocument]:
        manifest = self.read_manifest()
        if manifest is None or manifest.schema_version != SCHEMA_VERSION:
            return {}
        return {d.sha256: d for d in manifest.documents.values() if d.parser == PARSER}

    def _unchanged(self, stored: StoredDocument | None, src: SourceText) -> DocumentRecords | None:
        """The stored records of a file ingested before by the same parser: nothing to parse."""
        if stored is None or stored.source_name != src.name:
            return None
        try:
            return DocumentRecords.model_validate_json((self.dir / stored.records_file).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None

    def _commit(self, parsed: list[tuple[SourceText, DocumentRecords]], *, progress: bool) -> list[DocumentReport]:
        manifest = self.read_manifest() or Manifest(embedder=self.embedder.spec, embedder_key=self.embedder.key)
        if manifest.embedder_key != self.embedder.key:
            self.warn(f"the store was built with embedder {manifest.embedder!r}; re-embedding for {self.embedder.spec!r}")
            manifest = Manifest(embedder=self.embedder.spec, embedder_key=self.embedder.key, documents=manifest.documents)
        (self.dir / "records").mkdir(parents=True, exist_ok=True)
        (self.dir / "sources").mkdir(parents=True, exist_ok=True)
        referenced = {f for d in manifest.documents.values() for f in (d.records_file, d.source_file)}
        written: list[str] = []
        try:
            return self._commit_documents(manifest, parsed, written, progress=progress)
        except Exception:
            # a failed ingest (embedder, Chroma) leaves the store as it was: the manifest was not
            # replaced, so the files written for it are removed (a killed one is tidied next time)
            for rel in written:
                if rel not in referenced:
                    with contextlib.suppress(OSError):
                        (self.dir / rel).unlink()
            raise

    def _commit_documents(self, manifest: Manifest, parsed, written: list[str], *, progress: bool) -> list[DocumentReport]:
        reports: list[DocumentReport] = []
        new_docs = dict(manifest.documents)
        seen: set[str] = set()
        for src, rec in parsed:
            t0 = time.perf_counter()
            doc_id = rec.info.id
            twin = next((d.id for d in new_docs.values() if d.sha256 == rec.info.sha256 and d.id != doc_id), None)
            if doc_id in seen or twin:
                if twin:
                    self.warn(f"{src.name} has the same content as the stored document {twin}; not stored twice")
                continue
            seen.add(doc_id)
            old = manifest.documents.get(doc_id)
            stem = f"{doc_id}-{rec.info.sha256[:12]}"
            records_file = f"records/{stem}.json"
            source_file = f"sources/{stem}{src.suffix}"
            if old and old.sha256 == rec.info.sha256 and old.parser == PARSER and (self.dir / old.records_file).exists() and manifest.schema_version == SCHEMA_VERSION:
                status = "unchanged"
                records_file, source_file, ingested_at = old.records_file, old.source_file, old.ingested_at
            else:
                status = "replaced" if old else "ingested"
                ingested_at = _now()
                written += [source_file, records_file]
                atomic_write(self.dir / source_file, src.raw or ("\n".join(src.lines) + "\n").encode("utf-8"))
                atomic_write(self.dir / records_file, rec.model_dump_json().encode("utf-8"))
            new_docs[doc_id] = StoredDocument(
                id=doc_id,
                title=rec.info.title,
                department=rec.info.department,
                year=rec.info.year,
                sha256=rec.info.sha256,
                source_name=rec.info.source_name,
                records_file=records_file,
                source_file=source_file,
                passages=len(rec.passages),
                figures=len(rec.figures),
                tables=len(rec.tables),
                ingested_at=ingested_at,
                parser=PARSER,
            )
            reports.append(self._report(rec, status, 0, time.perf_counter() - t0))

        # vectors for every document in the new manifest that Chroma does not hold in full
        try:
            embedded = self._sync_vectors(new_docs, {r.info.id: r for _, r in parsed}, progress=progress)
        except DisclosureQAError:
            raise
        except Exception as exc:  # noqa: BLE001 - Chroma's own errors, named for the user
            raise StoreError(
                f"the vector index could not be updated ({type(exc).__name__}: {exc}); the store was left as it was"
            ) from exc
        for rep in reports:
            rep.embedded = embedded.get(rep.id, 0)

        manifest.documents = new_docs
        manifest.schema_version = SCHEMA_VERSION
        self._write_manifest(manifest)
        written.clear()  # committed: the new manifest refers to them
        self._collect_garbage(manifest)
        return reports

    def _report(self, rec: DocumentRecords, status: str, embedded: int, seconds: float) -> DocumentReport:
        return DocumentReport(
            id=rec.info.id,
            department=rec.info.department,
            year=rec.info.year,
            status=status,
            sections=len(rec.sections),
            figures=len(rec.figures),
            tables=len(rec.tables),
            format=rec.info.format,
            pages=rec.info.pages,
            statements={t.label: len(t.rows) for t in rec.statements},
            statement_rows=sum(len(t.rows) for t in rec.statements),
            unplaced=sum(1 for t in rec.statements for r in t.rows for a in r.amounts if a.column is None),
            empty_tables=[t.label for t in rec.statements if t.empty],
            indicators=sum(len(t.indicators) for t in rec.tables),
            glossary=len(rec.glossary),
            passages=len(rec.passages),
            coverage_percent=str(rec.coverage.percent),
            numbers=rec.coverage.numbers,
            unparsed=rec.coverage.unparsed,
            embedded=embedded,
            seconds=seconds,
            warnings=list(rec.warnings) + _completeness_warnings(rec),
        )

    def _sync_vectors(self, docs: dict[str, StoredDocument], fresh: dict[str, DocumentRecords], *, progress: bool) -> dict[str, int]:
        """Make Chroma hold exactly the passages of ``docs``; embed only text the cache lacks."""
        index = self.index()
        embedded: dict[str, int] = {}
        cache = self.cache()
        try:
            for doc_id, stored in docs.items():
                rec = fresh.get(doc_id) or self._load_records_file(stored)
                if rec is None:
                    continue
                want = {p.id: p for p in rec.passages}
                have = index.ids_for(doc_id)
                missing = [p for pid, p in want.items() if pid not in have]
                if missing:
                    texts = {text_hash(p.text): p.text for p in missing}
                    try:
                        vectors, n_new = embed_with_cache(self.embedder, cache, texts, progress=progress)
                    except (DisclosureQAError, sqlite3.Error):
                        raise
                    except Exception as exc:  # noqa: BLE001 - a model that fails to load or to run
                        raise EmbedderError(
                            f"the embedder {self.embedder.spec!r} failed on the passages of {doc_id} "
                            f"({type(exc).__name__}: {exc}); the store was left as it was. Check the model "
                            "(--embedder / DISCLOSURE_QA_EMBEDDER) and ingest again."
                        ) from exc
                    embedded[doc_id] = n_new
                    index.upsert(
                        [p.id for p in missing],
                        [vectors[text_hash(p.text)] for p in missing],
                        [p.text for p in missing],
                        [{"doc": doc_id, "kind": p.kind} for p in missing],
                    )
                stale = sorted(have - set(want))
                if stale:
                    index.delete(stale)
        finally:
            cache.close()
        return embedded

    def _collect_garbage(self, manifest: Manifest) -> None:
        """Remove files and vectors that no manifest entry refers to, and the temporary files of
        writers that were killed (we hold the lock: no live writer owns one)."""
        keep = {d.records_file for d in manifest.documents.values()} | {d.source_file for d in manifest.documents.values()}
        for sub in ("records", "sources"):
            for f in (self.dir / sub).glob("*"):
                stale = f.name.startswith(".") and f.name.endswith(".tmp")
                if stale or (f"{sub}/{f.name}" not in keep and not f.name.startswith(".")):
                    with contextlib.suppress(OSError):
                        f.unlink()
        for f in self.dir.glob(f".{MANIFEST}.*.tmp"):
            with contextlib.suppress(OSError):
                f.unlink()
        if self.settings.chroma_url:
            # a Chroma server may serve other stores too: their documents are not ours to delete
            # (queries are filtered by document, so leftovers of a killed ingest do no harm)
            return
        try:
            index = self.index()
            known = {d for d in manifest.documents}
            orphans = [pid for pid in index.all_ids() if pid.split(":p")[0] not in known]
            if orphans:
                index.delete(orphans)
        except Exception as exc:  # noqa: BLE001 - garbage collection must never fail an ingest
            self.warn(f"could not tidy the vector store: {exc}")

    # -- open -----------------------------------------------------------------------------------
    def _load_records_file(self, stored: StoredDocument) -> DocumentRecords | None:
        path = self.dir / stored.records_file
        try:
            rec = DocumentRecords.model_validate_json(path.read_bytes())
            if rec.schema_version == SCHEMA_VERSION and rec.parser == PARSER and rec.info.sha256 == stored.sha256:
                return rec
            reason = "were written by another version of the parser"
        except FileNotFoundError:
            reason = "is missing"
        except (ValidationError, ValueError, OSError) as exc:
            reason = f"is corrupted ({type(exc).__name__})"
        source = self.dir / stored.source_file
        if not source.exists():
            self.warn(f"records of {stored.id} {reason} and its saved source is gone; it is left out")
            return None
        message = f"records of {stored.id} {reason}; rebuilding them from {stored.source_file}"
        if reason.startswith("were written"):
            self.log(f"note: {message}")  # an upgrade, not a fault
        else:
            self.warn(message)
        rec = parse_source(source_from_bytes(source.read_bytes(), stored.source_name))
        with contextlib.suppress(OSError):
            atomic_write(path, rec.model_dump_json().encode("utf-8"))
        return rec

    def load(self, *, auto_ingest: bool = True) -> list[DocumentRecords]:
        """Every stored document; ingests the bundled one into an empty store when allowed."""
        manifest = self.read_manifest()
        if manifest is None and (self.dir / "sources").exists() and any(_saved_sources(self.dir / "sources")):
            self._rebuild_from_sources()
            manifest = self.read_manifest()
        if manifest is None or not manifest.documents:
            if not auto_ingest:
                raise EmptyStoreError(str(self.dir))
            bundled = bundled_documents()
            self.log(f"the store at {self.dir} is empty: ingesting the bundled disclosures {', '.join(p.name for p in bundled)}")
            report = self.ingest(bundled)
            if report.errors:
                raise StoreError("; ".join(report.errors))
            manifest = self.read_manifest()
            if manifest is None:
                raise EmptyStoreError(str(self.dir))
        records = [r for r in (self._load_records_file(d) for d in manifest.documents.values()) if r is not None]
        if not records:
            raise EmptyStoreError(str(self.dir))
        for d in manifest.documents.values():
            if not (self.dir / d.source_file).exists():
                self.warn(
                    f"the saved copy {d.source_file} of {d.id} is missing: the store cannot rebuild that document "
                    f"if its records are damaged; ingest {d.source_name} again"
                )
        damage = self._embedded_index_damage()
        if damage:
            # found at open without importing Chroma (a cold start stays fast when all is well)
            self.warn(f"the vector index {self.dir / 'chroma'} {damage}; rebuilding it from the embedding cache")
            try:
                with self._lock():
                    self._reset_chroma_dir()
            except ReadOnlyStoreError:
                self.warn("the data directory is read-only: answering with keyword search only")
                return records
            self.check_vectors(records, announce=False)
        return records

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
        try:
            # read-only and quick (milliseconds for thousands of passages); busy or unreadable is
            # not damage: Chroma itself decides when it opens the file
            with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
                verdict = con.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                return f"has a corrupted chroma.sqlite3 ({exc})"
            return None
        if verdict != "ok":
            return f"has a corrupted chroma.sqlite3 ({' '.join(verdict.split())[:160]})"
        return None

    def _saved_name(self, source: Path) -> str:
        """The original file name of a saved source: from its records when they are intact (the
        saved copy is named by document id), else derived from the copy's name."""
        try:
            return DocumentRecords.model_validate_json((self.dir / "records" / f"{source.stem}.json").read_bytes()).info.source_name
        except (OSError, ValidationError, ValueError):
            return _original_name(source.name)

    def _rebuild_from_sources(self) -> None:
        files = _saved_sources(self.dir / "sources")
        self.warn(f"rebuilding the store from {len(files)} saved document(s)")
        parsed = []
        for f in files:
            try:
                src = source_from_bytes(f.read_bytes(), self._saved_name(f))
                parsed.append((src, parse_source(src)))
            except DocumentError as exc:
                self.warn(str(exc))
        if parsed:
            with self._lock():
                if self.manifest_path.exists():
                    try:
                        Manifest.model_validate_json(self.manifest_path.read_bytes())
                        return  # another process rebuilt it meanwhile
                    except (ValidationError, ValueError):
                        # kept for a look, out of the way (else it is read, and reported, again)
                        os.replace(self.manifest_path, self.manifest_path.with_name(f"{MANIFEST}.corrupt"))
                self._commit(parsed, progress=False)

    def check_vectors(self, records: list[DocumentRecords], *, announce: bool = True) -> bool:
        """True when Chroma holds every passage; otherwise rebuild it (from the cache) and say so.

        False when it cannot be rebuilt here (a read-only data directory, an unreachable server):
        questions are then answered with keyword search only.
        """
        try:
            index = self.index()
            expected = {p.id for r in records for p in r.passages}
            have = index.all_ids()
            if expected <= have:
                return True
            if announce:
                self.warn(f"the vector index {len(expected - have)} of {len(expected)} passages are missing; rebuilding it from the embedding cache")
            manifest = self.read_manifest()
            if manifest is None:
                return False
            with self._lock():
                self._sync_vectors(manifest.documents, {r.info.id: r for r in records}, progress=True)
        except ReadOnlyStoreError:
            self.warn("the data directory is read-only: answering with keyword search only")
            return False
        except DisclosureQAError as exc:
            self.warn(f"{exc}; answering with keyword search only")
            return False
        except Exception as exc:  # noqa: BLE001 - e.g. a Chroma server that went away
            self.warn(f"the vector index failed ({type(exc).__name__}: {exc}); answering with keyword search only")
            return False
        return True

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


def _original_name(stored_name: str) -> str:
    """``urumqi-housing-2023-508cdb183f6f.txt`` → ``urumqi-housing-2023.txt`` (the id survives)."""
    stem = stored_name.rsplit(".", 1)[0]
    if "-" in stem and len(stem.rsplit("-", 1)[1]) == 12:
        stem = stem.rsplit("-", 1)[0]
    return f"{stem}.txt"


def _saved_sources(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.txt"), *folder.glob("*.pdf")])


def _completeness_warnings(rec: DocumentRecords) -> list[str]:
    """A performance table without its 总分 row: the file was most likely cut off inside it."""
    out = []
    last = max((i for i, line in enumerate(rec.lines, 1) if line.strip()), default=0)
    for t in rec.tables:
        if t.total_line is not None:
            continue
        where = f"the performance table {t.name!r} (lines {t.line_start}–{t.line_end}) has no 总分 row"
        if t.line_end >= last:
            out.append(f"{where} and the file ends inside it: it looks cut off; ingest the complete file")
        else:
            out.append(f"{where}; check the file around line {t.line_end}")
    return out
