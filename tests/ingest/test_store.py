"""ingest/store.py: the data directory — the records database, idempotent ingest, several documents,
crash safety, self-repair at load, migration of an older store, and a read-only directory.

Most tests embed with the fast :class:`HashEmbedder` (``hash_settings``); one session-scoped
store is built with the real default ``e5`` embedder (``e5_store``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from reliability.helpers import EDU_NAME, EDU_TEXT
from corpus import BUNDLED_DOCUMENT, FINANCE_PDF
from ingest.config import Settings
from ingest.db import DOCUMENT_COLUMNS, SCHEMA_VERSION, Database, NewerStoreError
from ingest.embed import HashEmbedder
from ingest.errors import EmptyStoreError
from ingest.passages import text_hash
from ingest.store import Store
from processes import kill_9_when

BUNDLED_ID = "urumqi-housing-2023"
EDU_ID = "mouxx-education-2024"
BUNDLED_TEXTS = 394  # one vector per distinct passage text


def open_store(settings: Settings, messages: list[str] | None = None) -> Store:
    return Store(settings, log=(messages.append if messages is not None else (lambda message: None)))


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def sql(settings: Settings, query: str, params=()) -> list[tuple]:
    """A query on the store's records database, whichever engine it is."""
    db = Database.for_data_dir(settings.data_dir, settings.db_url)
    try:
        return [tuple(r) for r in db.query(query, params)]
    finally:
        db.close()


def test_an_ingest_writes_the_database_sources_and_vectors(db_settings, hash_embedder, bundled):
    store = open_store(db_settings)

    report = store.ingest(progress=False)

    (doc,) = report.documents
    assert report.errors == []
    assert (doc.id, doc.department, doc.year, doc.status) == (BUNDLED_ID, "乌鲁木齐市住房保障和房产管理局（汇总）", 2023, "ingested")
    assert (doc.sections, doc.figures, doc.tables, doc.indicators, doc.glossary, doc.passages) == (59, len(bundled.figures), 31, 254, 14, 394)
    assert (doc.coverage_percent, doc.numbers, doc.unparsed, doc.embedded) == ("100.00", 1924, 0, BUNDLED_TEXTS)
    assert hash_embedder.texts == BUNDLED_TEXTS
    assert files(db_settings.data_dir / "sources") == [f"{bundled.info.sha256[:12]}-{BUNDLED_DOCUMENT.name}"]
    assert files(db_settings.data_dir / "embeddings") == ["hash-64.sqlite"]
    assert sql(db_settings, "SELECT id, department, region, level, year, format, pages, vectors FROM documents") == [
        (BUNDLED_ID, "乌鲁木齐市住房保障和房产管理局（汇总）", "乌鲁木齐市", "市", 2023, "text", 1, "hash-64")
    ]
    assert sql(db_settings, "SELECT COUNT(*) FROM figures")[0][0] == len(bundled.figures)
    assert sql(db_settings, "SELECT COUNT(*) FROM passages")[0][0] == 394
    assert sql(db_settings, "SELECT COUNT(*) FROM citations")[0][0] == len(bundled.lines)
    assert sql(db_settings, "SELECT COUNT(*) FROM indicators")[0][0] == 254
    assert store.index().count() == BUNDLED_TEXTS
    assert set(store.index().all_ids()) == {text_hash(p.text) for p in bundled.passages}


def test_statutory_amounts_are_rows_that_sql_ranks_and_adds(db_settings, tmp_path):
    store = open_store(db_settings)
    store.ingest([FINANCE_PDF], progress=False)

    rows = sql(db_settings, "SELECT column_name, code, name, raw, amount, amount_e4, page FROM statement_amounts"
                              " WHERE table_kind = 'expense' AND code = '2010601'")
    assert {r[0]: r[1:] for r in rows} == {
        "本年支出合计": ("2010601", "行政运行", "1,511.89", "1511.89", 15118900, 10),
        "基本支出": ("2010601", "行政运行", "1,503.52", "1503.52", 15035200, 10),
        "项目支出": ("2010601", "行政运行", "8.37", "8.37", 83700, 10),
    }
    top = sql(db_settings, "SELECT name FROM statement_amounts WHERE table_kind = 'expense' AND level = '项'"
                             " AND column_name = '本年支出合计' ORDER BY amount_e4 DESC LIMIT 2")
    assert top == [("行政运行",), ("财政委托业务支出",)]
    (total,) = sql(db_settings, "SELECT SUM(amount_e4) FROM statement_amounts WHERE table_kind = 'expense' AND level = '类'"
                                  " AND column_name = '本年支出合计'")[0]
    # the 类 rows add up to 2,940.06 against the 合计 row's 2,940.05 (社会保障和就业支出 is 326.72 here,
    # 326.71 in the summary tables): a real inconsistency of the document, added exactly
    assert Decimal(total) / 10000 == Decimal("2940.06")
    assert sorted(sql(db_settings, "SELECT name, kind FROM names WHERE doc = 'putuo-finance-2024'")) == [
        ("上海", "region"), ("上海市", "region"), ("上海市普陀区", "region"), ("上海市普陀区财政局", "full"),
        ("普陀", "region"), ("普陀区", "region"), ("财政局", "bare"),
    ]


def test_reingesting_unchanged_files_parses_and_embeds_nothing(db_settings, hash_embedder, monkeypatch):
    open_store(db_settings).ingest(progress=False)
    calls = hash_embedder.calls
    looked_up: list[int] = []
    monkeypatch.setattr("ingest.store.embed_with_cache", lambda *args, **kwargs: looked_up.append(1))
    monkeypatch.setattr("ingest.store.parse_source", lambda *args, **kwargs: looked_up.append(2))

    report = open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)

    assert [(d.status, d.embedded) for d in report.documents] == [("unchanged", 0)]
    assert hash_embedder.calls == calls
    assert looked_up == []  # neither parsed nor embedded again


def test_an_unchanged_file_is_reported_from_its_row_without_reading_its_records(db_settings, monkeypatch):
    """Re-ingesting 1,000 unchanged files took 72 s (55 s re-parsing them): now each is found by
    its hash and reported from its row, its records neither parsed nor decompressed."""
    first = open_store(db_settings).ingest([BUNDLED_DOCUMENT, FINANCE_PDF], progress=False)
    read: list[str] = []
    monkeypatch.setattr("ingest.store.decompress", lambda blob: read.append("decompressed"))
    monkeypatch.setattr("ingest.store.parse_source", lambda *args, **kwargs: read.append("parsed"))

    again = open_store(db_settings).ingest([BUNDLED_DOCUMENT, FINANCE_PDF], progress=False)

    def said(report) -> list[dict]:
        return [{k: v for k, v in asdict(d).items() if k not in ("status", "embedded", "seconds")} for d in report.documents]

    assert [d.status for d in again.documents] == ["unchanged", "unchanged"] and read == []
    assert said(again) == said(first) and said(first)[1]["statements"] and said(first)[1]["pages"] == 25


def test_a_changed_document_reembeds_only_its_changed_passages(db_settings, hash_embedder, tmp_path, bundled):
    store = open_store(db_settings)
    store.ingest(progress=False)
    changed = tmp_path / BUNDLED_DOCUMENT.name
    changed.write_text(BUNDLED_DOCUMENT.read_text(encoding="utf-8").replace("我单位本年涉密项目 1 个", "我单位本年涉密项目 2 个"), encoding="utf-8")
    texts = hash_embedder.texts

    report = store.ingest([changed], progress=False)

    assert [(d.id, d.status, d.embedded) for d in report.documents] == [(BUNDLED_ID, "replaced", 1)]
    assert hash_embedder.texts - texts == 1
    assert len(files(db_settings.data_dir / "sources")) == 1  # the old copy went with the old rows
    (records,) = store.load(auto_ingest=False)
    assert next(f for f in records.figures if f.line_start == 991 and f.unit == "个").raw == "2"
    old_passage = next(p for p in bundled.passages if p.line_start == 991)
    assert text_hash(old_passage.text) not in store.index().all_ids()
    assert store.index().count() == BUNDLED_TEXTS


def test_the_vector_index_is_walked_only_when_it_holds_more_vectors_than_there_are_texts(db_settings, edu_file, tmp_path, monkeypatch):
    """Every ingest used to list every vector id to find unused ones: a minute at 10,000
    documents. A replaced document's old texts are checked by themselves; the whole index only
    when it holds vectors no text accounts for (an interrupted ingest)."""
    from ingest.vectors import VectorIndex

    open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)
    walked: list[int] = []
    real = VectorIndex.id_pages
    monkeypatch.setattr(VectorIndex, "id_pages", lambda self, size=50_000: walked.append(size) or real(self, size))
    changed = tmp_path / BUNDLED_DOCUMENT.name
    changed.write_text(BUNDLED_DOCUMENT.read_text(encoding="utf-8").replace("我单位本年涉密项目 1 个", "我单位本年涉密项目 2 个"), encoding="utf-8")

    unchanged = open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)
    store = open_store(db_settings)
    replaced = store.ingest([changed], progress=False)
    assert [d.status for d in unchanged.documents + replaced.documents] == ["unchanged", "replaced"]
    assert walked == [] and store.index().count() == BUNDLED_TEXTS  # the old text's vector went
    store.index().upsert(["left-by-a-killed-ingest"], [np.ones(64, dtype=np.float32)], ["某段文字"], [{"doc": "gone", "shared": False}])

    open_store(db_settings).ingest([edu_file], progress=False)

    assert walked == [50_000] and "left-by-a-killed-ingest" not in store.index().all_ids()


def test_the_same_file_twice_is_stored_once(db_settings, tmp_path):
    twin = tmp_path / "a-copy-2023.txt"
    shutil.copy(BUNDLED_DOCUMENT, twin)
    messages: list[str] = []
    store = open_store(db_settings, messages)

    report = store.ingest([BUNDLED_DOCUMENT, BUNDLED_DOCUMENT, twin], progress=False)

    assert [d.id for d in report.documents] == [BUNDLED_ID]
    assert [d.id for d in store.documents()] == [BUNDLED_ID]
    assert len(files(db_settings.data_dir / "sources")) == 1
    assert messages == [f"warning: a-copy-2023.txt has the same content as the stored document {BUNDLED_ID}; not stored twice"]


def test_two_documents_live_in_one_store_with_their_own_department_and_year(db_settings, edu_file, edu, bundled):
    store = open_store(db_settings)
    store.ingest(progress=False)

    report = store.ingest([edu_file], progress=False)

    # two passages read the same in both documents (an empty-table sentence, a glossary entry): one vector each
    shared = {p.text for p in edu.passages} & {p.text for p in bundled.passages}
    assert len(shared) == 2
    assert [(d.id, d.status, d.department, d.year, d.embedded) for d in report.documents] == [(EDU_ID, "ingested", "某某市教育局", 2024, 44)]
    records = {r.info.id: r for r in open_store(db_settings).load(auto_ingest=False)}
    assert {k: (r.info.department, r.info.year) for k, r in records.items()} == {
        BUNDLED_ID: ("乌鲁木齐市住房保障和房产管理局（汇总）", 2023),
        EDU_ID: ("某某市教育局", 2024),
    }
    assert records[EDU_ID].model_dump() == edu.model_dump()
    assert store.index().count() == BUNDLED_TEXTS + 44
    shared_meta = store.index().collection.get(ids=[text_hash(t) for t in shared], include=["metadatas"])["metadatas"]
    assert [m["shared"] for m in shared_meta] == [True, True]
    assert {d.id: (d.department, d.year, d.passages, d.performance_tables) for d in store.documents()} == {
        BUNDLED_ID: ("乌鲁木齐市住房保障和房产管理局（汇总）", 2023, 394, 31),
        EDU_ID: ("某某市教育局", 2024, 46, 2),
    }


def test_a_deleted_document_leaves_no_rows_no_source_and_no_vectors_of_its_own(db_settings, edu_file, edu):
    store = open_store(db_settings)
    store.ingest(progress=False)
    store.ingest([edu_file], progress=False)

    assert store.delete(EDU_ID) is True

    assert [d.id for d in store.documents()] == [BUNDLED_ID]
    for table in ("names", "statement_amounts", "figures", "indicators", "passages", "citations"):
        assert sql(db_settings, f"SELECT COUNT(*) FROM {table} WHERE doc = ?", (EDU_ID,)) == [(0,)]
    assert len(files(db_settings.data_dir / "sources")) == 1
    assert store.index().count() == BUNDLED_TEXTS  # the two shared texts stay: the bundled document has them
    assert store.delete(EDU_ID) is False


def test_bad_files_are_reported_and_not_stored(db_settings, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")

    report = open_store(db_settings).ingest([empty, minutes, BUNDLED_DOCUMENT], progress=False)

    assert [d.id for d in report.documents] == [BUNDLED_ID]
    assert len(report.errors) == 2
    assert "empty.txt is empty" in report.errors[0]
    assert "minutes.txt does not look like a 部门决算公开说明" in report.errors[1]


def test_nothing_is_written_when_no_file_can_be_ingested(hash_settings, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    report = open_store(hash_settings).ingest([empty], progress=False)

    assert (report.documents, len(report.errors)) == ([], 1)
    assert not hash_settings.data_dir.exists()


def test_an_empty_store_refuses_to_load_without_auto_ingest(db_settings):
    with pytest.raises(EmptyStoreError) as caught:
        open_store(db_settings).load(auto_ingest=False)

    assert str(db_settings.data_dir) in str(caught.value)


def test_an_empty_store_ingests_the_bundled_document_when_loaded(hash_settings):
    messages: list[str] = []

    records = open_store(hash_settings, messages).load()

    assert [r.info.id for r in records] == [BUNDLED_ID]
    assert messages == [f"the store at {hash_settings.data_dir} is empty: ingesting the bundled disclosures {BUNDLED_DOCUMENT.name}"]


def test_tampered_records_are_found_by_their_checksum_and_rebuilt(db_settings, hash_embedder, bundled):
    open_store(db_settings).ingest(progress=False)
    import zlib

    tampered = bundled.model_dump_json().replace('"value":"483911.04"', '"value":"999999.99"')
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.execute("UPDATE documents SET records = ?", (zlib.compress(tampered.encode()),))
    db.close()
    calls = hash_embedder.calls
    messages: list[str] = []
    store = open_store(db_settings, messages)

    (records,) = store.load(auto_ingest=False)

    assert records.model_dump() == bundled.model_dump()
    (source,) = files(db_settings.data_dir / "sources")
    assert store.warnings == [f"records of {BUNDLED_ID} are damaged (their checksum does not match); rebuilding them from sources/{source}"]
    assert messages == [f"warning: {store.warnings[0]}"]
    again = open_store(db_settings)
    assert again.load(auto_ingest=False)[0].model_dump() == bundled.model_dump() and again.warnings == []  # rewritten
    assert hash_embedder.calls == calls


def test_damaged_records_and_a_lost_source_say_what_is_lost(hash_settings):
    open_store(hash_settings).ingest(progress=False)
    with sqlite3.connect(hash_settings.data_dir / "records.sqlite3") as con:
        con.execute("UPDATE documents SET records = ?", (b"garbage",))
    (source,) = (hash_settings.data_dir / "sources").iterdir()
    source.unlink()
    store = open_store(hash_settings)

    assert list(store.load(auto_ingest=False)) == []
    assert any(w.startswith(f"records of {BUNDLED_ID} are damaged") and f"ingest {BUNDLED_DOCUMENT.name} again" in w for w in store.warnings)


def test_a_gb18030_source_is_kept_as_written_and_rebuilt_once(hash_settings, edu, tmp_path):
    original = tmp_path / "mouxx-education-2024-final-accounts.txt"
    original.write_bytes("\n".join(edu.lines).replace("\n", "\r\n").encode("gb18030") + b"\r\n")
    open_store(hash_settings).ingest([original], progress=False)
    (saved,) = (hash_settings.data_dir / "sources").iterdir()
    assert saved.read_bytes() == original.read_bytes()
    with sqlite3.connect(hash_settings.data_dir / "records.sqlite3") as con:
        con.execute("UPDATE documents SET records = ?", (b"{",))

    first, second = open_store(hash_settings), open_store(hash_settings)
    (rebuilt,) = first.load(auto_ingest=False)
    (again,) = second.load(auto_ingest=False)

    assert len(first.warnings) == 1 and second.warnings == []
    assert (again.info.encoding, again.info.source_name) == ("gb18030", original.name)
    assert again.figures == rebuilt.figures == edu.figures
    assert [d.status for d in open_store(hash_settings).ingest([original], progress=False).documents] == ["unchanged"]


def test_a_damaged_database_file_is_set_aside_and_rebuilt_from_the_sources(hash_settings, hash_embedder, edu_file, bundled, edu):
    store = open_store(hash_settings)
    store.ingest(progress=False)
    store.ingest([edu_file], progress=False)
    db = hash_settings.data_dir / "records.sqlite3"
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    db.write_bytes(b"\x00garbage" * 100)
    calls = hash_embedder.calls
    rebuilt = open_store(hash_settings)

    records = {r.info.id: r for r in rebuilt.load(auto_ingest=False)}

    assert records[BUNDLED_ID].model_dump() == bundled.model_dump()
    assert records[EDU_ID].model_dump() == edu.model_dump()
    assert rebuilt.warnings[0].startswith(f"the records database {db} is not an SQLite database; it was moved to records.sqlite3.damaged-")
    assert rebuilt.warnings[1] == "rebuilding the records of 2 saved document(s)"
    assert hash_embedder.calls == calls  # the vectors and the embedding cache were still there
    assert rebuilt.check_vectors() is True


def test_a_json_store_of_an_earlier_version_is_migrated_on_first_open(hash_settings, bundled):
    legacy = hash_settings.data_dir
    (legacy / "sources").mkdir(parents=True)
    stem = f"{BUNDLED_ID}-{bundled.info.sha256[:12]}"
    shutil.copy(BUNDLED_DOCUMENT, legacy / "sources" / f"{stem}.txt")
    (legacy / "records").mkdir()
    (legacy / "records" / f"{stem}.json").write_text("{}", encoding="utf-8")
    entry = {"source_name": BUNDLED_DOCUMENT.name, "source_file": f"sources/{stem}.txt", "records_file": f"records/{stem}.json"}
    (legacy / "manifest.json").write_text(json.dumps({"schema_version": 4, "embedder": "hash", "embedder_key": "hash-64", "documents": {BUNDLED_ID: entry}}), encoding="utf-8")
    messages: list[str] = []

    (records,) = open_store(hash_settings, messages).load(auto_ingest=False)

    assert records.model_dump() == bundled.model_dump()
    assert messages[0] == f"note: migrating the store at {legacy} to the records database ({legacy / 'records.sqlite3'})"
    transient = ("-shm", "-wal")  # SQLite's companions, there while a connection is open
    assert [f for f in files(legacy) if not f.endswith(transient)] == [
        ".lock", "checked.json", "chroma", "embeddings", "manifest.json.migrated", "records.migrated", "records.sqlite3", "sources"]


def test_a_store_written_by_a_newer_version_is_refused(db_settings):
    open_store(db_settings).ingest(progress=False)
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.close()

    with pytest.raises(NewerStoreError) as caught:
        open_store(db_settings).load(auto_ingest=False)

    assert str(caught.value) == (
        f"the store was written by a newer disclosure-qa (database schema {SCHEMA_VERSION + 1}; this version reads up to "
        f"{SCHEMA_VERSION}); upgrade disclosure-qa, or use another --data-dir"
    )


def test_a_lost_vector_index_is_rebuilt_from_the_embedding_cache(db_settings, hash_embedder):
    store = open_store(db_settings)
    store.ingest(progress=False)
    store.index().delete(sorted(store.index().all_ids())[:50])
    calls = hash_embedder.calls
    reopened = open_store(db_settings)
    reopened.load(auto_ingest=False)

    assert reopened.check_vectors() is True

    assert reopened.warnings == ["the vector index lacks the passages of 1 document(s); rebuilding it from the embedding cache"]
    assert reopened.index().count() == BUNDLED_TEXTS
    assert hash_embedder.calls == calls


def test_a_store_built_with_another_embedder_is_reembedded(db_settings, hash_embedder, monkeypatch):
    open_store(db_settings).ingest(progress=False)

    class OtherEmbedder(type(hash_embedder)):
        spec, key, dim = "other", "other-32", 32

    other = OtherEmbedder()
    monkeypatch.setattr("ingest.store.make_embedder", lambda spec: other)
    store = open_store(db_settings.model_copy(update={"embedder": "other"}))

    report = store.ingest(progress=False)

    assert [(d.status, d.embedded) for d in report.documents] == [("unchanged", BUNDLED_TEXTS)]
    assert [d.vectors for d in store.documents()] == ["other-32"]
    assert store.collection_name == "disclosure-qa-other-32"
    assert store.index().count() == BUNDLED_TEXTS


# -- crash safety ---------------------------------------------------------------------------------

EMBED_THEN_HANG = """
import sys
import time
import zlib
from pathlib import Path

import numpy as np

import ingest.store
from ingest.config import Settings

{embedder}

class HangingEmbedder(HashEmbedder):
    '''Embeds the first batch, then signals and hangs until killed.'''

    def embed_passages(self, texts):
        if self.calls == 1:
            Path(sys.argv[3]).write_text("embedding")
            time.sleep(600)
        return super().embed_passages(texts)

ingest.store.make_embedder = lambda spec: HangingEmbedder()
ingest.store.Store(Settings(data_dir=sys.argv[1], embedder="hash"), log=lambda m: None).ingest([sys.argv[2]], progress=False)
"""


def script(tmp_path: Path, name: str, body: str, embedder: type) -> Path:
    """A Python script from ``body`` that imports the test embedder class in place of {embedder}."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).replace("{embedder}", f"from {embedder.__module__} import {embedder.__name__}"), encoding="utf-8")
    return path


@pytest.mark.slow
def test_kill_9_while_embedding_a_second_document_leaves_the_store_whole(hash_settings, hash_embedder, edu_file, bundled, tmp_path):
    store = open_store(hash_settings)
    store.ingest(progress=False)
    signal_file = tmp_path / "embedding.signal"
    runner = script(tmp_path, "hang.py", EMBED_THEN_HANG, type(hash_embedder))
    proc = subprocess.Popen(
        [sys.executable, str(runner), str(hash_settings.data_dir), str(edu_file), str(signal_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    kill_9_when(proc, signal_file, "the ingest subprocess never started embedding")

    after = open_store(hash_settings)
    records = after.load(auto_ingest=False)

    assert [r.info.id for r in records] == [BUNDLED_ID]
    assert records[0].model_dump() == bundled.model_dump()
    assert after.warnings == []
    assert after.check_vectors() is True and after.warnings == []

    texts = hash_embedder.texts
    report = after.ingest([edu_file], progress=False)

    # 44 texts were new to the cache; the killed run had cached its first batch of 32
    assert [(d.id, d.status, d.embedded) for d in report.documents] == [(EDU_ID, "ingested", 44 - 32)]
    assert hash_embedder.texts - texts == 12
    assert {r.info.id for r in open_store(hash_settings).load(auto_ingest=False)} == {BUNDLED_ID, EDU_ID}
    assert after.index().count() == BUNDLED_TEXTS + 44
    assert len(files(hash_settings.data_dir / "sources")) == 2


INGEST_READ_ONLY = """
import sys
import zlib

import numpy as np

import ingest.store
from ingest.config import Settings
from ingest.errors import ReadOnlyStoreError

{embedder}

ingest.store.make_embedder = lambda spec: HashEmbedder()
store = ingest.store.Store(Settings(data_dir=sys.argv[1], embedder="hash"), log=lambda m: None)
print("loaded", [r.info.id for r in store.load(auto_ingest=False)])
try:
    store.ingest([sys.argv[2]], progress=False)
except ReadOnlyStoreError as exc:
    print("ReadOnlyStoreError:", exc)
    sys.exit(3)
print("ingested")
"""


@pytest.mark.slow
def test_a_read_only_data_dir_can_be_read_but_not_ingested_into(hash_settings, hash_embedder, edu_file, tmp_path):
    open_store(hash_settings).ingest(progress=False)
    before = sorted(str(p.relative_to(hash_settings.data_dir)) for p in hash_settings.data_dir.rglob("*"))
    runner = script(tmp_path, "read_only.py", INGEST_READ_ONLY, type(hash_embedder))
    command = [sys.executable, str(runner), str(hash_settings.data_dir), str(edu_file)]
    if os.geteuid() == 0:
        # root writes through file modes: mount the directory read-only in a private mount namespace
        if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
            pytest.skip("running as root without permission for a mount namespace: cannot make a read-only directory")
        remount = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        command = ["unshare", "-m", "--propagation", "private", "sh", "-c", remount, str(hash_settings.data_dir), *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    else:
        modes = {p: p.stat().st_mode for p in [hash_settings.data_dir, *hash_settings.data_dir.rglob("*")]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        finally:
            for p, mode in modes.items():
                p.chmod(mode)

    assert result.returncode == 3, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"loaded ['{BUNDLED_ID}']"
    assert lines[1] == (
        f"ReadOnlyStoreError: the data directory {hash_settings.data_dir} is not writable; "
        "pass --data-dir to a writable folder or set DISCLOSURE_QA_DATA."
    )
    assert sorted(str(p.relative_to(hash_settings.data_dir)) for p in hash_settings.data_dir.rglob("*")) == before


# -- the real default embedder -------------------------------------------------------------------


@pytest.mark.slow
def test_a_real_ingest_with_the_default_e5_embedder(e5_store, bundled):
    store, report = e5_store

    (doc,) = report.documents
    assert (doc.id, doc.status, doc.passages, doc.embedded, doc.coverage_percent) == (BUNDLED_ID, "ingested", 394, BUNDLED_TEXTS, "100.00")
    assert report.errors == []
    assert (store.settings.embedder, store.embedder.key, store.collection_name) == ("e5", "e5-small-q4", "disclosure-qa-e5-small-q4")
    assert store.index().count() == BUNDLED_TEXTS
    assert files(store.dir / "embeddings") == ["e5-small-q4.sqlite"]
    (records,) = Store(store.settings, log=lambda message: None).load(auto_ingest=False)
    assert records.model_dump() == bundled.model_dump()


@pytest.mark.slow
def test_each_stored_vector_belongs_to_its_passage(e5_store, bundled):
    store, _ = e5_store
    passages = [p for p in bundled.passages if p.line_start in (98, 237, 616, 909, 1011)]
    stored = store.index().collection.get(ids=[text_hash(p.text) for p in passages], include=["embeddings", "documents", "metadatas"])
    by_id = dict(zip(stored["ids"], zip(stored["embeddings"], stored["documents"], stored["metadatas"])))

    for p in passages:
        vector, document, meta = by_id[text_hash(p.text)]
        assert (document, meta) == (p.text, {"doc": BUNDLED_ID, "shared": False})
        assert np.allclose(vector, store.embedder.embed_passages([p.text])[0], atol=1e-5)
        assert store.index().query(np.asarray(vector), k=1)[0][0] == text_hash(p.text)


@pytest.mark.slow
def test_a_question_finds_its_paragraph_with_e5(e5_store, bundled):
    store, _ = e5_store
    hits = store.index().query(store.embedder.embed_query("2023 年度政府采购支出总额是多少？"), k=5, docs=[BUNDLED_ID])
    lines = {text_hash(p.text): p.line_start for p in bundled.passages}

    assert 237 in [lines[h] for h, _ in hits]


@pytest.mark.slow
def test_reingesting_the_e5_store_embeds_nothing(e5_store, monkeypatch):
    store, _ = e5_store

    def refuse(texts):
        raise AssertionError(f"asked to embed {len(texts)} passages")

    monkeypatch.setattr(store.embedder, "embed_passages", refuse)

    report = store.ingest(progress=False)

    assert [(d.status, d.embedded) for d in report.documents] == [("unchanged", 0)]


def test_a_database_of_an_earlier_schema_is_upgraded_and_its_rows_rewritten(db_settings, hash_embedder):
    """Schema 1 had no figure order (figures.seq), schema 2 no report summary (documents.summary):
    the upgrade adds them and writes every row again."""
    open_store(db_settings).ingest([FINANCE_PDF], progress=False)
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.execute("ALTER TABLE figures DROP COLUMN seq")
    db.execute("ALTER TABLE documents DROP COLUMN summary")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.close()
    messages: list[str] = []

    store = open_store(db_settings, messages)
    records = store.load(auto_ingest=False)

    assert [r.info.id for r in records] == ["putuo-finance-2024"]
    assert messages == ["note: the records database was upgraded from schema 1 to 3; rewriting the rows of 1 documents"]
    assert sql(db_settings, "SELECT value FROM meta WHERE key = 'schema_version'") == [("3",)]
    seqs = [s for (s,) in sql(db_settings, "SELECT seq FROM figures WHERE doc = 'putuo-finance-2024' ORDER BY seq")]
    assert seqs == list(range(len(records[0].figures))) and len(seqs) == 87


def test_a_schema_2_database_gets_its_summaries_and_then_reports_unchanged_files_from_them(db_settings, monkeypatch):
    first = open_store(db_settings).ingest([FINANCE_PDF], progress=False)
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.execute("ALTER TABLE documents DROP COLUMN summary")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    db.close()
    messages: list[str] = []
    open_store(db_settings, messages).documents()
    monkeypatch.setattr("ingest.store.decompress", lambda blob: pytest.fail("the records were read"))

    again = open_store(db_settings).ingest([FINANCE_PDF], progress=False)

    assert messages == ["note: the records database was upgraded from schema 2 to 3; rewriting the rows of 1 documents"]
    assert [d.status for d in again.documents] == ["unchanged"]
    assert [(d.statements, d.figures, d.warnings) for d in again.documents] == [(d.statements, d.figures, d.warnings) for d in first.documents]


# -- issue 14: ids, duplicates, paths from the database, damaged copies ---------------------------
def name_id(stem: str) -> str:
    """The id of a file whose name is not plain ASCII: its ASCII part and a hash of the name."""
    import hashlib
    import re

    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    return f"{slug or 'doc'}-{hashlib.sha256(stem.encode('utf-8')).hexdigest()[:10]}"


def other_department(text: str, department: str) -> str:
    return text.replace("某某市教育局", department)


def test_files_named_in_chinese_are_distinct_documents_in_one_ingest_and_in_two(db_settings, tmp_path):
    """Ids used to keep only ASCII letters and digits: 住建局2023.txt and 财政局2023.txt were both
    "2023", so one ingest dropped the second silently and a second ingest replaced the first."""
    housing, finance = tmp_path / "住建局2023.txt", tmp_path / "财政局2023.txt"
    housing.write_text(other_department(EDU_TEXT, "某某市住房和城乡建设局"), encoding="utf-8")
    finance.write_text(other_department(EDU_TEXT, "某某市财政局"), encoding="utf-8")
    ids = {"住建局2023": name_id("住建局2023"), "财政局2023": name_id("财政局2023")}
    assert ids == {"住建局2023": "2023-c0038cd5f4", "财政局2023": "2023-4c8e3103e2"}

    together = open_store(db_settings).ingest([housing, finance], progress=False)
    db_settings_two = db_settings.model_copy(update={"data_dir": tmp_path / "two", "db_url": None})
    first = open_store(db_settings_two).ingest([housing], progress=False)
    second = open_store(db_settings_two).ingest([finance], progress=False)

    assert together.errors == [] and [(d.id, d.department, d.status) for d in together.documents] == [
        (ids["住建局2023"], "某某市住房和城乡建设局", "ingested"), (ids["财政局2023"], "某某市财政局", "ingested")]
    assert [(d.id, d.status) for d in first.documents + second.documents] == [(ids["住建局2023"], "ingested"), (ids["财政局2023"], "ingested")]
    assert [(d.id, d.department) for d in open_store(db_settings_two).documents()] == [
        (ids["住建局2023"], "某某市住房和城乡建设局"), (ids["财政局2023"], "某某市财政局")]
    # the same name always gives the same id: a parse of the saved copy keeps it
    assert [d.id for d in open_store(db_settings).ingest([housing], progress=False).documents] == [ids["住建局2023"]]


def test_two_files_of_one_ingest_with_the_same_id_and_other_content_are_reported(db_settings, tmp_path):
    first, second = tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"
    for path, department in ((first, "某某市教育局"), (second, "某某市财政局")):
        path.parent.mkdir()
        path.write_text(other_department(EDU_TEXT, department), encoding="utf-8")

    report = open_store(db_settings).ingest([first, second], progress=False)

    assert [(d.id, d.department) for d in report.documents] == [("report", "某某市教育局")]
    assert report.errors == [
        f"{second}: its document id would be 'report', the id of {first}, another file of this ingest with other content "
        "(ids come from file names); rename one of them and ingest it again. It was not stored."
    ]


def test_a_file_that_replaces_another_departments_document_says_so(db_settings, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(EDU_TEXT, encoding="utf-8")
    open_store(db_settings).ingest([path], progress=False)
    path.write_text(other_department(EDU_TEXT, "某某市财政局"), encoding="utf-8")
    store = open_store(db_settings)

    report = store.ingest([path], progress=False)

    assert [(d.id, d.status, d.department) for d in report.documents] == [("report", "replaced", "某某市财政局")]
    assert store.warnings == [
        "report.txt replaced the stored document report of 某某市教育局 2024 (read from report.txt) with one of 某某市财政局 2024: "
        "documents are told apart by file name; rename the file to keep both"
    ]


SAME_TEXT = {
    "gbk": lambda text: text.encode("gbk"),
    "utf-8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf-no-final-newline": lambda text: text.rstrip("\n").replace("\n", "\r\n").encode("gb18030"),
}


@pytest.mark.parametrize("variant", list(SAME_TEXT))
def test_the_same_text_in_another_encoding_or_line_ending_is_not_stored_twice(db_settings, tmp_path, edu_file, variant):
    """Duplicates used to be found by their bytes: the same text saved as GBK became a second
    document, and every question asked which of two identical titles."""
    copy = tmp_path / f"edu-{variant}.txt"
    copy.write_bytes(SAME_TEXT[variant](EDU_TEXT))
    store = open_store(db_settings)

    report = store.ingest([edu_file, copy], progress=False)
    again = open_store(db_settings)
    later = again.ingest([copy], progress=False)

    assert [(d.id, d.status) for d in report.documents] == [(EDU_ID, "ingested")]
    assert store.warnings == [f"{copy.name} has the same content as the stored document {EDU_ID}; not stored twice"]
    assert (later.documents, again.warnings) == ([], store.warnings)
    assert [d.id for d in again.documents()] == [EDU_ID]


def test_one_department_and_year_twice_with_other_figures_is_reported_named_apart_and_chosen_by_doc(db_settings, tmp_path, edu_file, capsys):
    from assistant.assistant import Assistant
    from assistant.cli import main
    revised = tmp_path / "mouxx-education-2024-revised.txt"
    revised.write_text(EDU_TEXT.replace("310.55", "320.55"), encoding="utf-8")  # 机关运行经费支出
    open_store(db_settings).ingest([edu_file], progress=False)
    store = open_store(db_settings)

    report = store.ingest([revised], progress=False)

    revised_id = "mouxx-education-2024-revised"
    ((ingested,),) = sql(db_settings, "SELECT ingested_at FROM documents WHERE id = ?", (EDU_ID,))
    assert [(d.id, d.status) for d in report.documents] == [(revised_id, "ingested")]
    assert store.warnings == [
        f"{revised.name} ({revised_id}) and the stored document {EDU_ID} (read from {edu_file.name}, ingested {ingested[:10]}) are both "
        "某某市教育局 2024: 1 figure(s) differ — （行政单位和参照公务员法管理事业单位）机关运行经费支出（本年决算）: "
        f"310.55 in {EDU_ID}, 320.55 in {revised_id}. Both are kept; a question about them asks which one — answer with "
        f"`disclosure-qa ask --doc {revised_id}` or `--doc {EDU_ID}`"
    ]
    bot = Assistant(open_store(db_settings).load(auto_ingest=False), store=store, log=lambda m: None)
    which = bot.ask("机关运行经费是多少？")
    assert (which.kind, which.answer) == ("clarification", (
        "已载入多份决算说明，请说明是哪个部门、哪一年度的：\n"
        f"- 某某市教育局2024年度部门决算公开说明（{edu_file.name}）\n"
        f"- 某某市教育局2024年度部门决算公开说明（{revised.name}）"
    ))
    if db_settings.db_url is None:  # the CLI on the same store
        code = main(["ask", "机关运行经费是多少？", "--doc", revised_id, "--data-dir", str(db_settings.data_dir), "--embedder", "hash", "--json"])
        out, err = capsys.readouterr()
        assert (code, [f["value"] for f in json.loads(out)["figures"]], err) == (0, ["320.55"], "")
        code = main(["ask", "机关运行经费是多少？", "--doc", "nope", "--data-dir", str(db_settings.data_dir), "--embedder", "hash"])
        out, err = capsys.readouterr()
        assert (code, out) == (2, "")
        assert err == (f"error: no document 'nope' in the store; --doc takes one of: {EDU_ID} (某某市教育局 2024), "
                       f"{revised_id} (某某市教育局 2024)\n")


@pytest.mark.parametrize("where", ["relative", "absolute", "link"])
def test_a_saved_copy_path_leading_out_of_the_store_is_never_read_replaced_or_deleted(db_settings, tmp_path, edu_file, where):
    """A crafted row naming ``../victim/notes.txt`` made the store delete that file when the
    document was replaced, and read it to rebuild damaged records."""
    victim = tmp_path / "victim" / "notes.txt"
    victim.parent.mkdir()
    victim.write_text("某某市教育局\n2024年度部门决算公开说明\n私人笔记\n", encoding="utf-8")
    open_store(db_settings).ingest([edu_file], progress=False)
    if where == "link":
        (db_settings.data_dir / "sources" / "notes.txt").symlink_to(victim)
    crafted = {"relative": "../victim/notes.txt", "absolute": str(victim), "link": "sources/notes.txt"}[where]
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.execute("UPDATE documents SET source_file = ?, records = ?", (crafted, b"damaged"))
    db.close()
    messages: list[str] = []

    store = open_store(db_settings, messages)
    library = store.load(auto_ingest=False)
    assert list(library) == []  # the damaged records cannot be rebuilt from outside the store
    edu_file.write_text(EDU_TEXT.replace("310.55", "320.55"), encoding="utf-8")
    replaced = open_store(db_settings).ingest([edu_file], progress=False)
    assert open_store(db_settings).delete(EDU_ID) is True

    outside = f"is named {crafted!r}, a path outside {db_settings.data_dir / 'sources'} (the database is damaged there)"
    assert messages == [
        f"warning: the saved copy {crafted} of {EDU_ID} {outside}: the store cannot rebuild that document if its records are damaged; ingest {EDU_NAME} again",
        f"warning: records of {EDU_ID} are damaged (their checksum does not match) and its saved source {crafted} {outside}; it is left out — ingest {EDU_NAME} again",
    ]
    assert [(d.id, d.status) for d in replaced.documents] == [(EDU_ID, "replaced")]
    assert victim.read_text(encoding="utf-8") == "某某市教育局\n2024年度部门决算公开说明\n私人笔记\n"


def test_damaged_records_and_a_damaged_copy_are_named_and_one_ingest_repairs_both(db_settings, bundled):
    """Damaged records with a damaged source copy: the copy's own checksum names the damage (not
    "re-save it as UTF-8"), and ingesting the file again writes a whole copy, so the store can
    rebuild the records by itself the next time."""
    open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)
    (copy,) = (db_settings.data_dir / "sources").iterdir()
    damage = "UPDATE documents SET records = ?"
    sql_run = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    sql_run.execute(damage, (b"damaged",))
    copy.write_bytes(b"\x00\x01" * 5000)
    messages: list[str] = []

    store = open_store(db_settings, messages)
    assert list(store.load(auto_ingest=False)) == []
    damaged = "is damaged (its checksum does not match the ingested file's)"
    assert messages == [
        f"warning: the saved copy sources/{copy.name} of {BUNDLED_ID} {damaged}: the store cannot rebuild that document if its "
        f"records are damaged; ingest {BUNDLED_DOCUMENT.name} again",
        f"warning: records of {BUNDLED_ID} are damaged (their checksum does not match) and its saved source sources/{copy.name} "
        f"{damaged}; it is left out — ingest {BUNDLED_DOCUMENT.name} again",
    ]

    report = open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)
    assert [(d.id, d.status) for d in report.documents] == [(BUNDLED_ID, "replaced")]
    assert copy.read_bytes() == BUNDLED_DOCUMENT.read_bytes()
    sql_run.execute(damage, (b"damaged again",))
    sql_run.close()
    healed: list[str] = []
    (records,) = open_store(db_settings, healed).load(auto_ingest=False)
    assert records.model_dump() == bundled.model_dump()
    assert healed == [f"warning: records of {BUNDLED_ID} are damaged (their checksum does not match); rebuilding them from sources/{copy.name}"]


def test_an_intact_copy_is_not_written_again_and_an_unchanged_file_is_unchanged(db_settings):
    open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)
    (copy,) = (db_settings.data_dir / "sources").iterdir()
    before = copy.stat().st_mtime_ns

    report = open_store(db_settings).ingest([BUNDLED_DOCUMENT], progress=False)

    assert [d.status for d in report.documents] == ["unchanged"]
    assert copy.stat().st_mtime_ns == before


def test_names_in_a_question_are_looked_up_by_its_pieces_and_only_the_longest_place_is_returned(db_settings):
    """Routing's lookup (ingest/library.py names_found) on both databases: a department named in full
    and by its bare name, and of the places only the longest found ("上海市" names every document of
    the city; "上海市东区" is the one routing uses)."""
    from ingest.library import names_found

    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.ensure_schema()
    rows = [("a", "上海市东区财政局", "full"), ("a", "财政局", "bare"), ("a", "上海市东区", "region"), ("a", "上海市", "region"),
            ("b", "上海市西区财政局", "full"), ("b", "财政局", "bare"), ("b", "上海市西区", "region"), ("b", "上海市", "region"),
            ("c", "上海市东区民政局", "full"), ("c", "民政局", "bare"), ("c", "上海市东区", "region"), ("c", "上海市", "region")]
    with db.transaction():
        for row in rows:
            db.execute("INSERT INTO names (doc, name, kind) VALUES (?, ?, ?)", row)

    assert sorted(names_found(db, "上海市东区财政局2024年三公经费多少？")) == [
        ("a", "上海市东区", "region"), ("a", "上海市东区财政局", "full"), ("a", "财政局", "bare"), ("b", "财政局", "bare"), ("c", "上海市东区", "region")]
    assert sorted(names_found(db, "上海市哪个部门三公经费最多？")) == [("a", "上海市", "region"), ("b", "上海市", "region"), ("c", "上海市", "region")]
    assert names_found(db, "三公经费最多的是哪个？") == []
    db.close()


def test_the_document_list_is_read_from_an_index_not_past_each_documents_records(tmp_path, hash_embedder):
    """SQLite stores a row's columns in order: the ones after the records blob (vectors, position)
    could only be read by walking the blob's overflow pages. A store made before the index gets it
    at its next open."""
    settings = Settings(data_dir=tmp_path / "store", embedder=HashEmbedder.spec)
    open_store(settings).ingest([BUNDLED_DOCUMENT], progress=False)
    sql_run = Database.for_data_dir(settings.data_dir, None)
    sql_run.execute("DROP INDEX documents_listing")
    sql_run.close()

    db = open_store(settings).open_db()

    plan = db.query(f"EXPLAIN QUERY PLAN SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY position, id")
    assert [row[-1] for row in plan] == ["SCAN documents USING COVERING INDEX documents_listing"]
    assert [d.id for d in db.documents()] == [BUNDLED_ID]


@pytest.mark.parametrize(("fixed", "index"), [("name = '合计'", "statement_doc_name"), ("code = '2010601'", "statement_doc_code")])
def test_one_rows_column_in_some_documents_is_looked_up_by_document_first(tmp_path, hash_embedder, fixed, index):
    """"普陀区哪个部门三公经费最多" reads one row's column in a district's documents. Without
    statistics SQLite would walk that row of every document in the store through the name or code
    index; the index by document with every column the query fixes is used instead, also in a store
    made before it (it gets it at its next open)."""
    settings = Settings(data_dir=tmp_path / "store", embedder=HashEmbedder.spec)
    open_store(settings).ingest([BUNDLED_DOCUMENT], progress=False)
    sql_run = Database.for_data_dir(settings.data_dir, None)
    sql_run.execute(f"DROP INDEX {index}")
    sql_run.close()

    db = open_store(settings).open_db()

    plan = db.query(f"EXPLAIN QUERY PLAN SELECT doc FROM statement_amounts WHERE table_kind = 'expenditure' AND column_name = '决算数' "
                    f"AND doc IN ('a', 'b', 'c') AND {fixed} ORDER BY amount_e4 DESC")
    assert any(f"USING INDEX {index} (doc=? AND table_kind=?" in row[-1] for row in plan), plan


def test_an_ingest_that_finds_every_file_unchanged_leaves_the_vector_index_closed(tmp_path, hash_embedder):
    """Opening the embedded Chroma loads its whole index (0.4 GB at 10,000 documents); nothing was
    written, so there is nothing to tidy in it."""
    settings = Settings(data_dir=tmp_path / "store", embedder=HashEmbedder.spec)
    open_store(settings).ingest([BUNDLED_DOCUMENT], progress=False)

    again = open_store(settings)
    report = again.ingest([BUNDLED_DOCUMENT], progress=False)

    assert [d.status for d in report.documents] == ["unchanged"]
    assert again._index is None


def test_the_lines_a_cross_document_answer_cites_are_read_in_one_query(db_settings, edu_file, edu, bundled, monkeypatch):
    """An answer across documents cites one line of each; the store reads them all in one round trip
    (one per document cost 1.5 ms of a 19 ms PostgreSQL question), as the records in memory would
    give them; a line the store lacks is blank, not an error."""
    from ingest.library import MemoryLibrary

    store = open_store(db_settings)
    store.ingest(progress=False)
    store.ingest([edu_file], progress=False)
    library = store.load(auto_ingest=False)
    wanted = [(BUNDLED_ID, 1), (EDU_ID, 5), (BUNDLED_ID, 40), (EDU_ID, 1), (BUNDLED_ID, 40)]
    queries = []
    query = library.db.query
    monkeypatch.setattr(library.db, "query", lambda sql, params=(): queries.append(sql) or query(sql, params))

    lines = library.lines(wanted + [(EDU_ID, 10**6)])

    assert len(queries) == 1
    memory = MemoryLibrary([bundled, edu]).lines(wanted)
    assert {k: lines[k] for k in memory} == memory
    assert lines[BUNDLED_ID, 1][0] == bundled.lines[0] and lines[EDU_ID, 5][0] == edu.lines[4]
    assert lines[EDU_ID, 10**6] == ("", 1, 10**6, None)


def test_which_pieces_of_a_question_are_names_is_read_from_an_index_alone(db_settings):
    """"上海市" is a name of every document of a city (10,000 rows at 10,000 documents): which
    pieces are names, and of which kinds, is read from the (name, kind) index, which a store made
    before it gets at its next open — on either database."""
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.ensure_schema()
    db.execute("DROP INDEX IF EXISTS names_name_kind")
    db.close()

    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.ensure_schema()

    if db.kind == "sqlite":
        plan = db.query("EXPLAIN QUERY PLAN SELECT DISTINCT name, kind FROM names WHERE name IN ('上海市', '财政局')")
        assert any("USING COVERING INDEX names_name_kind" in row[-1] for row in plan), plan
    else:
        assert db.one("SELECT indexdef FROM pg_indexes WHERE indexname = 'names_name_kind'")[0].endswith("(name, kind)")
    db.close()
