"""Several processes on one store at once: two ingesting different documents while a third asks
questions, on SQLite (WAL, one writer at a time) and on PostgreSQL (transactions). Nothing may be
lost or half-written, and the reader's answers never change under it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import BUNDLED_DOCUMENT
from generate import generate
from ingest.pipeline import parse_file
from ingest.store import Store

REPO = Path(__file__).resolve().parents[2]
PRELUDE = f"import json, sys\nsys.path[:0] = [{str(REPO)!r}, {str(REPO / 'tests')!r}]\n"

INGEST = PRELUDE + """
from ingest.config import Settings
from ingest.store import Store

store = Store(Settings(data_dir=sys.argv[1], embedder="hash", db_url=sys.argv[2] or None), log=lambda m: None)
for path in json.loads(sys.argv[3]):  # one file per ingest: many short write transactions, interleaved
    report = store.ingest([path], progress=False)
    assert not report.errors, report.errors
print(json.dumps("ok"))
"""

ASK = PRELUDE + """
from assistant.assistant import Assistant

bot = Assistant.open(sys.argv[1], embedder="hash", db_url=sys.argv[2] or None, auto_ingest=False, log=lambda m: None)
seen = set()
for _ in range(int(sys.argv[4])):
    answer = bot.ask(sys.argv[3])
    seen.add((answer.kind, tuple(str(f.value) for f in answer.figures)))
print(json.dumps(sorted(map(list, seen))))
"""


def _run(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def _result(proc: subprocess.Popen):
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_ingests_and_a_reader_at_once_lose_nothing(database, tmp_path, request):
    url = request.getfixturevalue("pg_url") if database == "postgresql" else ""
    data = tmp_path / "store"
    folder = tmp_path / "docs"
    folder.mkdir()
    paths = []
    for seed in range(301, 307):
        doc = generate(seed, form="text")
        path = folder / f"generated-{seed}.txt"
        path.write_bytes(doc.data)
        paths.append(str(path))
    first = _run(INGEST, str(data), url, json.dumps([str(BUNDLED_DOCUMENT)]))
    assert _result(first) == "ok"

    writers = [_run(INGEST, str(data), url, json.dumps(paths[:3])), _run(INGEST, str(data), url, json.dumps(paths[3:]))]
    reader = _run(ASK, str(data), url, "乌鲁木齐市住房保障和房产管理局棚改花了多少钱？", "60")
    results = [_result(p) for p in writers]
    seen = _result(reader)

    assert results == ["ok", "ok"]
    assert seen == [["figure", ["483911.04", "0.00"]]]  # the same answer every time, while the store grew
    from ingest.config import Settings

    store = Store(Settings(data_dir=data, embedder="hash", db_url=url or None), log=lambda m: None)
    stored = {r.info.id: r for r in store.load(auto_ingest=False)}
    assert len(stored) == 7
    for path in paths:  # every document whole: the same rows and figures as parsing it afresh
        want = parse_file(path)
        got = stored[want.info.id]
        assert [(t.kind, len(t.rows)) for t in got.statements] == [(t.kind, len(t.rows)) for t in want.statements]
        assert [(f.raw, f.line_start) for f in got.figures] == [(f.raw, f.line_start) for f in want.figures]
    rows = store.db.query("SELECT doc, COUNT(*) FROM statement_amounts GROUP BY doc")
    counts = {doc: int(n) for doc, n in rows}
    for path in paths:
        rec = stored[parse_file(path).info.id]
        assert counts[rec.info.id] == sum(1 for t in rec.statements for r in t.rows for a in r.amounts if a.value is not None)
