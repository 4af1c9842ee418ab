"""A Chroma server instead of the embedded index (``--chroma-url`` / DISCLOSURE_QA_CHROMA_URL).

Each test module starts a real ``chroma run`` on a free loopback port in a temporary folder
and stops it afterwards: nothing outside the test is needed.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.cli import main
from ingest.config import ENV_CHROMA_URL, Settings
from corpus import BUNDLED_DOCUMENT, FINANCE_PDF
from evals.cases import load_cases
from ingest.passages import text_hash
from reliability.helpers import BUNDLED_ID, EDU_ID, open_bot, open_store, snapshot

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def chroma_server(folder: Path):
    """``chroma run`` on a free loopback port, serving ``folder``; yields its URL."""
    port = free_port()
    log = open(folder.with_suffix(".log"), "wb")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(folder)],
        stdout=log, stderr=subprocess.STDOUT, env={"PATH": "/usr/bin:/bin", "ANONYMIZED_TELEMETRY": "False", "HOME": str(folder.parent)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, folder.with_suffix(".log").read_text(errors="replace")[-2000:]
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the Chroma server did not start within 60 s"
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with chroma_server(tmp_path_factory.mktemp("chroma-server") / "data") as url:
        yield url


def server_ids(url: str, collection: str) -> set[str]:
    import chromadb
    from chromadb.config import Settings

    client = chromadb.HttpClient(host="127.0.0.1", port=int(url.rsplit(":", 1)[1]), settings=Settings(anonymized_telemetry=False))
    return set(client.get_collection(collection).get(include=[])["ids"])


def conversations() -> list[list[str]]:
    return [[t.question for t in case.turns] for case in load_cases()]


def ask_all(bot, conversations_=None) -> list[dict]:
    out = []
    for turns in conversations_ or conversations():
        session = None
        for q in turns:
            a = bot.ask(q, session=session)
            session = a.session
            out.append(a.model_dump(exclude={"elapsed_ms"}))
    return out


@pytest.mark.slow
def test_a_store_on_a_chroma_server_gives_the_same_answers_as_the_embedded_one(server, e5_store, bot, tmp_path):
    """Every evaluation question and conversation, with the real e5 embedder, both ways."""
    from assistant.assistant import Assistant
    from ingest.store import Store

    embedded, _ = e5_store
    data = tmp_path / "store"
    (data / "embeddings").mkdir(parents=True)
    # the embedding cache of the embedded store: the server store embeds nothing again
    shutil.copy(embedded.dir / "embeddings" / "e5-small-q4.sqlite", data / "embeddings")
    store = Store(Settings(data_dir=data, embedder="e5", chroma_url=server), log=lambda m: None)

    report = store.ingest(progress=False)

    assert [(d.id, d.status, d.embedded) for d in report.documents] == [(BUNDLED_ID, "ingested", 0)]
    assert not (data / "chroma").exists()  # nothing embedded in the data directory
    records = {text_hash(p.text) for r in store.load(auto_ingest=False) for p in r.passages}
    assert server_ids(server, "disclosure-qa-e5-small-q4") == records
    messages: list[str] = []
    remote = Assistant.open(data, chroma_url=server, log=messages.append)

    got, want = ask_all(remote), ask_all(bot)

    assert len(got) == len(want) > 300
    assert [a for a, b in zip(got, want) if a != b] == []
    assert messages == []
    assert remote.retriever.dense() is not None and remote.retriever.dense_failed is None


def test_the_environment_variable_selects_the_server_for_ingest_and_ask(server, tmp_path, hash_embedder, monkeypatch, capsys):
    monkeypatch.setenv(ENV_CHROMA_URL, server)
    data = tmp_path / "store"

    code = main(["ingest", "--data-dir", str(data), "--json"])
    report = json.loads(capsys.readouterr().out)
    code_ask = main(["ask", "房屋安全管理是怎么说的", "--data-dir", str(data), "--json"])
    out, err = capsys.readouterr()

    assert (code, code_ask, err) == (0, 0, "")
    assert [(d["id"], d["status"]) for d in report["documents"]] == [(BUNDLED_ID, "ingested")]
    assert not (data / "chroma").exists()
    assert len(server_ids(server, "disclosure-qa-hash-64")) >= 394
    answer = json.loads(out)
    assert (answer["kind"], answer["citations"][0]["line_start"]) == ("text", 62)


def test_two_stores_with_different_documents_share_one_server(server, tmp_path, hash_embedder, edu_file):
    a, b = tmp_path / "a", tmp_path / "b"
    open_store(a, chroma_url=server).ingest([BUNDLED_DOCUMENT], progress=False)
    open_store(b, chroma_url=server).ingest([edu_file], progress=False)  # must not delete a's vectors
    messages: list[str] = []

    for folder, doc, question, value in [(a, BUNDLED_ID, "棚改花了多少钱？", "483911.04"), (b, EDU_ID, "三公经费是多少？", "18.40")]:
        store = open_store(folder, messages, chroma_url=server)
        records = store.load(auto_ingest=False)
        assert [r.info.id for r in records] == [doc]
        assert store.check_vectors() is True
        assert open_bot(folder, messages, chroma_url=server).ask(question).figures[0].value == value

    assert messages == []
    ids = server_ids(server, "disclosure-qa-hash-64")
    stored = {text_hash(p.text) for folder in (a, b) for r in open_store(folder).load(auto_ingest=False) for p in r.passages}
    assert ids >= stored


def test_an_unreachable_server_is_a_clear_error_at_ingest_and_changes_nothing(tmp_path, hash_store, hash_embedder, edu_file, capsys):
    url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    before = snapshot(hash_store)

    code = main(["ingest", str(edu_file), "--data-dir", str(hash_store), "--chroma-url", url])

    err = capsys.readouterr().err
    assert code == 2
    last = err.splitlines()[-1]
    assert last.startswith(f"error: cannot reach the Chroma server at {url} (")
    assert last.endswith(
        "); start it (e.g. `chroma run --host 127.0.0.1 --port 8000 --path DIR`) or drop --chroma-url / "
        "DISCLOSURE_QA_CHROMA_URL to use the store's embedded index."
    )
    assert snapshot(hash_store) == before


@pytest.mark.parametrize("url", ["http://", "http://127.0.0.1:notaport", "://"])
def test_a_malformed_server_url_is_named(hash_store, url, capsys):
    code = main(["ingest", "--data-dir", str(hash_store), "--chroma-url", url])

    assert code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"error: bad Chroma URL {url!r}; use http://HOST:PORT, e.g. http://127.0.0.1:8000"


def test_a_server_that_goes_away_falls_back_to_keyword_search(tmp_path, hash_embedder):
    data = tmp_path / "store"
    messages: list[str] = []
    with chroma_server(tmp_path / "own-server") as url:
        open_store(data, chroma_url=url).ingest(progress=False)
        # vectors only on the server (as for a store filled elsewhere): a document's passages are
        # otherwise scored from the local embedding cache, and a lost server would not matter
        shutil.rmtree(data / "embeddings")
        bot = open_bot(data, messages, chroma_url=url)
        assert bot.ask("房屋安全管理是怎么说的").kind == "text"
        assert bot.retriever.dense_failed is None
    # the server is stopped

    answers = [bot.ask("房屋安全管理是怎么说的"), bot.ask("今天天气怎么样？"), bot.ask("棚改花了多少钱？")]

    assert [a.kind for a in answers] == ["text", "refusal", "figure"]
    assert answers[0].citations[0].line_start == 62
    assert len(messages) == 1 and messages[0].startswith("warning: dense retrieval failed (")
    assert messages[0].endswith("); using keyword search only")


def test_postgresql_and_a_chroma_server_give_the_same_answers_as_the_embedded_store(server, pg_url, tmp_path, hash_embedder):
    """Two documents (the bundled text and a published PDF) in SQLite + embedded Chroma, and in
    PostgreSQL + the Chroma server: every question of both documents' evaluation sets, asked the
    same way, gets the same answer, word for word."""
    from evals.cases import case_sets

    local, remote = tmp_path / "local", tmp_path / "remote"
    for folder, settings in [(local, {}), (remote, {"chroma_url": server, "db_url": pg_url})]:
        report = open_store(folder, **settings).ingest([BUNDLED_DOCUMENT, FINANCE_PDF], progress=False)
        assert not report.errors
    assert not (remote / "chroma").exists() and not (remote / "records.sqlite3").exists()
    messages: list[str] = []
    bots = [open_bot(local, messages), open_bot(remote, messages, chroma_url=server, db_url=pg_url)]
    conversations = [[t.question for t in case.turns] for s in case_sets(["qa", "finance-dev"]) for case in load_cases(s.files)]

    got, want = ask_all(bots[1], conversations), ask_all(bots[0], conversations)

    assert len(got) == len(want) > 400
    assert [(a["question"], a["answer"], b["answer"]) for a, b in zip(got, want) if a != b] == []
    assert sum(1 for a in got if a["kind"] == "figure") > 40  # many others ask which of the two documents
    assert messages == []
