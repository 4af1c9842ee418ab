"""A bit flipped inside the embedded index's ``chroma.sqlite3``.

A flip in a row's payload (a queued vector's metadata, the collection's configuration) passes
SQLite's own checks — ``PRAGMA quick_check`` and ``integrity_check`` both say ``ok`` — and then
fails every read or write chromadb makes: every later ingest ended in chromadb's error. The store
now takes such a failure for damage, sets the index aside and refills it from the embedding cache.
(Flips that SQLite does find — in a page header — are in test_faults.py.)
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assistant.cli import main
from reliability.helpers import BUNDLED_ID, EDU_ID, python


def last_queued_metadata(database: Path) -> bytes:
    """The metadata of the last vector in chromadb's queue: one its vector segment has yet to apply."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        (metadata,) = con.execute("SELECT metadata FROM embeddings_queue ORDER BY seq_id DESC LIMIT 1").fetchone()
    return metadata.encode("utf-8")[:120]


# where one bit is flipped (the first byte of the first occurrence), and what the warning says
FLIPS = {
    "queued-vector-metadata": (last_queued_metadata, "failed (InvalidArgumentError: "),
    "collection-configuration": (lambda database: b'"ef_search"', "is corrupted (InternalError: "),
}

VERIFY = """
import json
from assistant.assistant import Assistant

messages = []
bot = Assistant.open(sys.argv[1], embedder="hash", log=messages.append)
hits = {doc: bot.retriever.retrieve("政府采购支出总额", 5, [doc]) for doc in sys.argv[2:]}
bot.retriever.dense().vectorstore  # Chroma itself, as a search over more documents than FEW opens it
print(json.dumps({"messages": messages, "count": bot.store.index().count(),
                  "sources": {doc: sorted({h.source for h in found}) for doc, found in hits.items()}}))
"""


def flip(path: Path, marker: bytes) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(marker)
    assert at > 0, marker
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.slow
@pytest.mark.parametrize("where", list(FLIPS))
def test_a_bit_flipped_in_a_row_of_the_vector_index_is_found_when_read_and_the_index_rebuilt(hash_store, hash_embedder, edu_file, capsys, where):
    marker, problem = FLIPS[where]
    database = hash_store / "chroma" / "chroma.sqlite3"
    flip(database, marker(database))
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:  # SQLite sees nothing wrong
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    texts = hash_embedder.texts

    code = main(["ingest", str(edu_file), "--data-dir", str(hash_store), "--embedder", "hash", "--json"])

    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert [(d["id"], d["status"]) for d in report["documents"]] == [(EDU_ID, "ingested")]
    (warning,) = report["warnings"]
    assert warning.startswith(f"the vector index {hash_store / 'chroma'} {problem}")
    assert warning.endswith("; rebuilding it from the embedding cache") or warning.endswith("; starting a new one")
    assert hash_embedder.texts == texts + 44  # the new document's texts only: the rest came from the cache
    # repaired on disk: a new process finds nothing wrong and searches both documents with vectors
    result = python(VERIFY, str(hash_store), BUNDLED_ID, EDU_ID)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == {"messages": [], "count": 394 + 44, "sources": {BUNDLED_ID: ["hybrid"], EDU_ID: ["hybrid"]}}


@pytest.mark.slow
def test_a_bit_flipped_in_a_queued_row_is_found_by_the_first_passage_search_and_the_index_rebuilt(hash_store):
    database = hash_store / "chroma" / "chroma.sqlite3"
    flip(database, last_queued_metadata(database))

    result = python(VERIFY, str(hash_store), BUNDLED_ID)

    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout)
    (warning,) = found["messages"]
    assert warning.startswith(f"warning: the vector index {hash_store / 'chroma'} failed (InvalidArgumentError: ")
    assert warning.endswith("; rebuilding it from the embedding cache")
    assert (found["count"], found["sources"]) == (394, {BUNDLED_ID: ["hybrid"]})
    again = json.loads(python(VERIFY, str(hash_store), BUNDLED_ID).stdout)
    assert again == {"messages": [], "count": 394, "sources": {BUNDLED_ID: ["hybrid"]}}
