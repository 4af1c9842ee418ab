"""The records database: SQLite (stdlib, WAL) in the data directory, or PostgreSQL (psycopg 3).

One thin layer, the same schema and the same SQL for both: statements are written with ``?``
placeholders and translated for psycopg; the few places the engines differ (binary columns,
full-text search) are chosen here and nowhere else.

    documents          one row per document: department, region, level, year, hash, pages, the
                       whole record set (compressed JSON, with its checksum), what an ingest
                       reports of it (so an unchanged file is reported from here) and vector sync state
    names              how a question may name a document (full name, without its place, short forms)
    statement_amounts  every filled cell of the statutory tables: table kind, code, name, level,
                       parent, column, amount (exact, also as an integer of 1/10000), page, box
    figures            every stated figure of the narrative
    indicators         performance-table indicators
    passages           retrievable passages with their jieba tokens (full-text indexed)
    citations          every printed line: page, line, file line, box and text

Amounts are exact decimal strings; ``amount_e4`` (the amount × 10,000 as an integer) lets SQL rank
and add without floating point.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ingest.errors import StoreError

SCHEMA_VERSION = 3
# what brings a database of an earlier schema up to each version (the tables are created as they
# are now; the rows of a changed table are rewritten when its documents are next parsed)
MIGRATIONS: dict[int, list[str]] = {
    2: ["ALTER TABLE figures ADD COLUMN seq INTEGER NOT NULL DEFAULT 0"],  # the figure's order in its document
    3: ["ALTER TABLE documents ADD COLUMN summary TEXT"],  # what an ingest reports of the document (JSON)
}
DB_FILE = "records.sqlite3"


class NewerStoreError(StoreError):
    def __init__(self, found: int, supported: int):
        super().__init__(
            f"the store was written by a newer disclosure-qa (database schema {found}; this version reads up to "
            f"{supported}); upgrade disclosure-qa, or use another --data-dir"
        )


def e4(value: Decimal | None) -> int | None:
    """An amount as an integer of 1/10000 (exact for up to four decimals), or None."""
    if value is None:
        return None
    scaled = value * 10000
    return int(scaled) if scaled == scaled.to_integral_value() else None


# -- the schema -------------------------------------------------------------------------------------
# One row's column in each of some documents ("普陀区哪个部门三公经费最多": thirty documents of
# 10,000): by document first. SQLite has no statistics to tell that the name or code index would walk
# that row of every document in the store (10,000 rows, 23 ms a query); an index with every column the
# query fixes is chosen over it. Ensured at every open too, so stores written before get them.
# Routing looks up every piece of a question among the names ("上海市" is a name of every document
# of the city): which pieces are names, and of which kinds, is read from the index alone.
LOOKUP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS statement_doc_name ON statement_amounts (doc, table_kind, name, column_name)",
    "CREATE INDEX IF NOT EXISTS statement_doc_code ON statement_amounts (doc, table_kind, code, column_name)",
    "CREATE INDEX IF NOT EXISTS names_name_kind ON names (name, kind)",
)


def _tables(blob: str, bigint: str) -> list[str]:
    return [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY, department TEXT NOT NULL, region TEXT, level TEXT, year INTEGER,
            title TEXT NOT NULL, source_name TEXT NOT NULL, sha256 TEXT NOT NULL, text_hash TEXT NOT NULL,
            format TEXT NOT NULL, pages INTEGER NOT NULL, parser TEXT NOT NULL, ingested_at TEXT NOT NULL,
            source_file TEXT NOT NULL, figures INTEGER NOT NULL, statement_rows INTEGER NOT NULL,
            performance_tables INTEGER NOT NULL, passages INTEGER NOT NULL, coverage TEXT NOT NULL,
            records {blob} NOT NULL, records_sha TEXT NOT NULL, vectors TEXT, position INTEGER NOT NULL, summary TEXT)""",
        "CREATE INDEX IF NOT EXISTS documents_department ON documents (department, year)",
        "CREATE INDEX IF NOT EXISTS documents_year ON documents (year)",
        "CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256)",
        "CREATE INDEX IF NOT EXISTS documents_text_hash ON documents (text_hash)",
        "CREATE INDEX IF NOT EXISTS documents_title ON documents (title)",  # a title two documents share is told apart
        "CREATE TABLE IF NOT EXISTS names (doc TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS names_doc ON names (doc)",
        "CREATE INDEX IF NOT EXISTS names_name ON names (name)",
        f"""CREATE TABLE IF NOT EXISTS statement_amounts (
            doc TEXT NOT NULL, table_id TEXT NOT NULL, table_kind TEXT NOT NULL, row_id TEXT NOT NULL,
            side TEXT, code TEXT, name TEXT NOT NULL, level TEXT NOT NULL, parent TEXT, classification TEXT,
            column_name TEXT NOT NULL, raw TEXT NOT NULL, amount TEXT NOT NULL, amount_e4 {bigint},
            unit TEXT NOT NULL, page INTEGER NOT NULL, line INTEGER NOT NULL, bbox TEXT)""",
        "CREATE INDEX IF NOT EXISTS statement_doc ON statement_amounts (doc, table_kind, code)",
        *LOOKUP_INDEXES,
        "CREATE INDEX IF NOT EXISTS statement_code ON statement_amounts (code, column_name, table_kind)",
        "CREATE INDEX IF NOT EXISTS statement_name ON statement_amounts (name, column_name, table_kind)",
        f"""CREATE TABLE IF NOT EXISTS figures (
            id TEXT NOT NULL, doc TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0, subject TEXT NOT NULL, basis TEXT NOT NULL, kind TEXT NOT NULL,
            unit TEXT NOT NULL, raw TEXT NOT NULL, amount TEXT NOT NULL, amount_e4 {bigint}, section TEXT NOT NULL,
            line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, page INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS figures_doc ON figures (doc)",
        "CREATE INDEX IF NOT EXISTS figures_subject ON figures (subject, basis)",
        """CREATE TABLE IF NOT EXISTS indicators (
            doc TEXT NOT NULL, table_id TEXT NOT NULL, project TEXT NOT NULL, indicator TEXT NOT NULL,
            level1 TEXT, level2 TEXT, target TEXT NOT NULL, actual TEXT NOT NULL, weight TEXT, score TEXT,
            line_start INTEGER NOT NULL, line_end INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS indicators_doc ON indicators (doc)",
        """CREATE TABLE IF NOT EXISTS passages (
            id TEXT PRIMARY KEY, doc TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, text_hash TEXT NOT NULL,
            tokens TEXT NOT NULL, section TEXT NOT NULL, line_start INTEGER NOT NULL, line_end INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc)",
        "CREATE INDEX IF NOT EXISTS passages_text_hash ON passages (text_hash)",
        """CREATE TABLE IF NOT EXISTS citations (
            doc TEXT NOT NULL, n INTEGER NOT NULL, page INTEGER NOT NULL, line INTEGER NOT NULL,
            file_line INTEGER NOT NULL, role TEXT NOT NULL, bbox TEXT, text TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS citations_doc ON citations (doc, n)",
    ]


SQLITE_SCHEMA = [
    *_tables("BLOB", "INTEGER"),
    "CREATE VIRTUAL TABLE IF NOT EXISTS passage_search USING fts5(pid UNINDEXED, doc UNINDEXED, tokens)",
]
POSTGRES_SCHEMA = [
    *_tables("BYTEA", "BIGINT"),
    "CREATE INDEX IF NOT EXISTS passages_tokens ON passages USING GIN (to_tsvector('simple', tokens))",
]
DOCUMENT_TABLES = ("names", "statement_amounts", "figures", "indicators", "passages", "citations")


@dataclass(frozen=True)
class DocumentRow:
    """A document as listed: what routing and the document list need, without its records."""

    id: str
    department: str
    region: str | None
    level: str | None
    year: int | None
    title: str
    source_name: str
    sha256: str
    text_hash: str
    format: str
    pages: int
    parser: str
    ingested_at: str
    source_file: str
    figures: int
    statement_rows: int
    performance_tables: int
    passages: int
    coverage: str
    vectors: str | None


DOCUMENT_COLUMNS = ", ".join(DocumentRow.__dataclass_fields__)
# The document list read from an index that holds it whole: a column stored after a row's records
# (vectors, position) cannot be read without walking the records' overflow pages — 0.3 s for the
# list of 10,000 documents, growing with the store. Ensured at every open (a store written before
# it gets it once), so no schema version is spent on it.
LISTING_INDEX = f"CREATE INDEX IF NOT EXISTS documents_listing ON documents (position, id, {DOCUMENT_COLUMNS.replace('id, ', '', 1)})"


class Database:
    """A connection to the records database (one per thread for SQLite)."""

    def __init__(self, url: str):
        self.url = url
        self.kind = "postgresql" if url.startswith(("postgresql://", "postgres://")) else "sqlite"
        self._local = threading.local()
        self._schema_checked = False
        self.read_only = False  # a SQLite file in a read-only folder: opened immutable, for reading
        self.migrated_from: int | None = None  # the schema version this open upgraded, if it did

    @staticmethod
    def for_data_dir(data_dir: Path, url: str | None = None) -> Database:
        return Database(url or f"sqlite:///{data_dir / DB_FILE}")

    @property
    def path(self) -> Path | None:
        return Path(self.url.removeprefix("sqlite:///")) if self.kind == "sqlite" else None

    @property
    def where(self) -> str:
        """The database for messages, without a password."""
        return str(self.path) if self.path else re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", self.url)

    # -- connections -------------------------------------------------------------------------------
    def connection(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _connect(self):
        if self.kind == "sqlite":
            path = self.path
            assert path is not None
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA busy_timeout=30000")
            except sqlite3.OperationalError as exc:
                if not path.exists() or not re.search(r"readonly|read-only|unable to open", str(exc)):
                    raise StoreError(f"the records database {path} cannot be opened ({exc})") from exc
                # a read-only folder: WAL needs to write beside the file, so read it as immutable
                conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
                self.read_only = True
            except sqlite3.Error as exc:
                raise StoreError(f"the records database {path} cannot be opened ({exc})") from exc
            return conn
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs the psycopg package; install disclosure-qa again") from exc
        try:
            return psycopg.connect(self.url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"the records database {self.where} cannot be reached ({type(exc).__name__}: {str(exc).strip()[:200]})") from exc

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
            self._local.conn = None

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.kind == "postgresql" else sql

    def execute(self, sql: str, params: Iterable = ()) -> None:
        self.connection().execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        conn = self.connection()
        if self.kind == "sqlite":
            conn.executemany(sql, rows)
        else:
            with conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        cur = self.connection().execute(self._sql(sql), tuple(params))
        return list(cur.fetchall())

    def one(self, sql: str, params: Iterable = ()):
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a crash inside leaves the database as it was before."""
        conn = self.connection()
        if self.kind == "sqlite":
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        else:
            with conn.transaction():
                yield

    # -- schema ------------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create the tables on first use; refuse a database written by a newer version."""
        if self._schema_checked:
            return
        found = self._version()
        if found is not None and found > SCHEMA_VERSION:
            raise NewerStoreError(found, SCHEMA_VERSION)
        if found != SCHEMA_VERSION and not self.read_only:
            self.migrated_from = found
            with self.transaction():
                if found is not None:
                    for version in range(found + 1, SCHEMA_VERSION + 1):
                        for statement in MIGRATIONS.get(version, []):
                            self.execute(statement)
                for statement in SQLITE_SCHEMA if self.kind == "sqlite" else POSTGRES_SCHEMA:
                    self.execute(statement)
                self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        if not self.read_only and self.kind == "sqlite":
            with self.transaction():
                for statement in (LISTING_INDEX, *LOOKUP_INDEXES):
                    self.execute(statement)
        elif not self.read_only:
            # PostgreSQL locks the table to create even an index it has: only the missing ones
            have = {r[0] for r in self.query("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
            missing = [s for s in LOOKUP_INDEXES if s.split(" EXISTS ")[1].split()[0] not in have]
            if missing:
                with self.transaction():
                    for statement in missing:
                        self.execute(statement)
        self._schema_checked = True

    def _version(self) -> int | None:
        try:
            row = self.one("SELECT value FROM meta WHERE key = 'schema_version'")
        except Exception as exc:  # noqa: BLE001 - no meta table yet (either engine's own error class)
            if self.kind == "postgresql":
                with contextlib.suppress(Exception):
                    self.connection().rollback()
            if "no such table" in str(exc) or "does not exist" in str(exc):
                return None
            raise StoreError(f"the records database {self.where} cannot be read ({type(exc).__name__}: {exc})") from exc
        return int(row[0]) if row else None

    def get_meta(self, key: str) -> str | None:
        row = self.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def integrity_problem(self) -> str | None:
        """What SQLite's own check finds wrong with the file, or None."""
        if self.kind != "sqlite":
            return None
        try:
            row = self.one("PRAGMA quick_check")
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return None if row and row[0] == "ok" else (row[0] if row else "unreadable")

    # -- documents ---------------------------------------------------------------------------------
    def documents(self, where: str = "", params: Iterable = (), *, limit: int | None = None) -> list[DocumentRow]:
        sql = f"SELECT {DOCUMENT_COLUMNS} FROM documents {where} ORDER BY position, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [DocumentRow(*r) for r in self.query(sql, params)]

    def document(self, doc_id: str) -> DocumentRow | None:
        rows = self.documents("WHERE id = ?", (doc_id,))
        return rows[0] if rows else None

    def count_documents(self) -> int:
        return int(self.one("SELECT COUNT(*) FROM documents")[0])

    def records_blob(self, doc_id: str) -> tuple[bytes, str] | None:
        row = self.one("SELECT records, records_sha FROM documents WHERE id = ?", (doc_id,))
        return (bytes(row[0]), row[1]) if row else None

    def summary(self, doc_id: str) -> dict | None:
        """What an ingest reported of the document (ingest/store.py ``summarize``), or None."""
        row = self.one("SELECT summary FROM documents WHERE id = ?", (doc_id,))
        return json.loads(row[0]) if row and row[0] else None

    def delete_document(self, doc_id: str) -> None:
        for table in DOCUMENT_TABLES:
            self.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_id,))
        if self.kind == "sqlite":
            self.execute("DELETE FROM passage_search WHERE doc = ?", (doc_id,))
        self.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def next_position(self) -> int:
        return int(self.one("SELECT COALESCE(MAX(position), 0) + 1 FROM documents")[0])

    def set_vectors(self, doc_id: str, key: str | None) -> None:
        self.execute("UPDATE documents SET vectors = ? WHERE id = ?", (key, doc_id))

    # -- passages ----------------------------------------------------------------------------------
    def search_passages(self, tokens: list[str], docs: list[str] | None, k: int) -> list[tuple[str, float]]:
        """Full-text search over the passages' jieba tokens: (passage id, score), best first."""
        words = [t for t in dict.fromkeys(tokens) if t.strip()]
        if not words:
            return []
        if self.kind == "sqlite":
            match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
            sql = "SELECT pid, bm25(passage_search) AS s FROM passage_search WHERE passage_search MATCH ?"
            params: list = [match]
            if docs:
                sql += f" AND doc IN ({','.join('?' * len(docs))})"
                params += docs
            sql += f" ORDER BY s LIMIT {int(k)}"
            return [(pid, -float(s)) for pid, s in self.query(sql, params)]
        query = " | ".join("'" + w.replace("'", "''").replace("\\", "") + "'" for w in words)
        sql = ("SELECT id, ts_rank(to_tsvector('simple', tokens), q) AS s FROM passages, to_tsquery('simple', ?) q "
               "WHERE to_tsvector('simple', tokens) @@ q")
        params = [query]
        if docs:
            sql += f" AND doc IN ({','.join('?' * len(docs))})"
            params += docs
        sql += f" ORDER BY s DESC LIMIT {int(k)}"
        return [(pid, float(s)) for pid, s in self.query(sql, params)]


def compress(data: str) -> bytes:
    return zlib.compress(data.encode("utf-8"), 6)


def decompress(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
