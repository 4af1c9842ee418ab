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
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from corpus import BUNDLED_DOCUMENT, FINANCE_PDF
from ingest.config import Settings
from ingest.db import SCHEMA_VERSION, Database, NewerStoreError
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
    assert files(legacy) == [".lock", "chroma", "embeddings", "manifest.json.migrated", "records.migrated", "records.sqlite3", "records.sqlite3-shm", "records.sqlite3-wal", "sources"]


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


def test_a_database_of_the_previous_schema_is_upgraded_and_its_rows_rewritten(db_settings, hash_embedder):
    """Schema 1 had no figure order (figures.seq): the upgrade adds it and writes every row again."""
    open_store(db_settings).ingest([FINANCE_PDF], progress=False)
    db = Database.for_data_dir(db_settings.data_dir, db_settings.db_url)
    db.execute("ALTER TABLE figures DROP COLUMN seq")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.close()
    messages: list[str] = []

    store = open_store(db_settings, messages)
    records = store.load(auto_ingest=False)

    assert [r.info.id for r in records] == ["putuo-finance-2024"]
    assert messages == ["note: the records database was upgraded from schema 1 to 2; rewriting the rows of 1 documents"]
    assert sql(db_settings, "SELECT value FROM meta WHERE key = 'schema_version'") == [("2",)]
    seqs = [s for (s,) in sql(db_settings, "SELECT seq FROM figures WHERE doc = 'putuo-finance-2024' ORDER BY seq")]
    assert seqs == list(range(len(records[0].figures))) and len(seqs) == 87
