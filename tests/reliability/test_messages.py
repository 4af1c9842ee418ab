"""Commands end with a message naming the problem and the fix, never a traceback: a data directory
whose own files are of the wrong kind (a file where a folder belongs, a folder where the lock file
belongs), ``eval`` and ``ask --session`` on a read-only data directory. Each command runs in a
process of its own, as a user runs it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reliability.helpers import python, read_only, snapshot

CLI = """
from assistant.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(*args: str, wrap: list[str] | None = None):
    return python(CLI, *args, wrap=wrap)


def make_file(path: Path) -> None:
    shutil.rmtree(path)
    path.write_text("not a folder", encoding="utf-8")


WRONG_KIND = {
    # what is put in the way, and the message's tail after "error: <path> "
    "sources": (make_file, "is a file, where the store keeps a folder; move it out of {store} and run the command again"),
    "embeddings": (make_file, "is a file, where the store keeps a folder; move it out of {store} and run the command again"),
    ".lock": (lambda p: (p.unlink(), p.mkdir(), (p / "x").write_text("x")), "is a folder, where the store keeps its lock file; remove it and run the command again"),
}


@pytest.mark.parametrize("name", list(WRONG_KIND))
def test_a_store_entry_of_the_wrong_kind_is_named_not_a_traceback(hash_store, edu_file, name):
    harm, tail = WRONG_KIND[name]
    harm(hash_store / name)
    before = snapshot(hash_store)

    result = run("ingest", str(edu_file), "--data-dir", str(hash_store), "--embedder", "hash")

    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"error: {hash_store / name} " + tail.format(store=hash_store)
    assert snapshot(hash_store) == before


def test_a_folder_where_the_records_database_belongs_is_set_aside_and_the_store_rebuilt(hash_store):
    database = hash_store / "records.sqlite3"
    for p in hash_store.glob("records.sqlite3*"):
        p.unlink()
    database.mkdir()

    result = run("ask", "三公经费是多少？", "--data-dir", str(hash_store), "--embedder", "hash", "--json")

    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["figures"][0]["value"] == "25.39"
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"warning: the records database {database} cannot be read (")


@pytest.mark.slow
def test_eval_on_a_read_only_data_dir_reports_and_says_the_report_was_not_kept(hash_store, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "one", "category": "lookup", "style": "citizen", "lang": "zh", "question": "三公经费是多少？",
                                 "expect": {"figures": [{"value": "25.39", "unit": "万元"}], "cite": [[176, 176]]}}, ensure_ascii=False) + "\n", encoding="utf-8")
    open(hash_store / ".lock", "w").close()

    with read_only(hash_store) as prefix:
        result = run("eval", "--file", str(cases), "--no-baseline", "--json", "--data-dir", str(hash_store), "--embedder", "hash", wrap=prefix)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    (system,) = json.loads(result.stdout)["systems"]
    assert (system["overall"]["cases"], system["overall"]["accuracy"]) == (1, 1.0)
    warning = result.stderr.splitlines()[-1]
    assert warning.startswith(f"warning: the report could not be kept with the store in {hash_store} (")
    assert warning.endswith("); the evaluation tab shows the previous one")


@pytest.mark.slow
def test_ask_with_a_session_file_in_a_read_only_folder_answers_and_says_the_session_was_not_saved(hash_store):
    session = hash_store / "chat.json"

    with read_only(hash_store) as prefix:
        result = run("ask", "三公经费是多少？", "--session", str(session), "--json", "--data-dir", str(hash_store), "--embedder", "hash", wrap=prefix)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["figures"][0]["value"] == "25.39"  # the answer is given
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"error: the conversation could not be saved to {session} (")
    assert last.endswith("); give --session a file in a writable folder")
    assert not session.exists()
