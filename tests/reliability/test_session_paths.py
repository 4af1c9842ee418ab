"""``ask --session PATH`` where PATH is not a session file: a folder, a device, someone else's file.

It used to rename whatever was there to ``PATH.corrupt`` — a folder of the user's, a notes file —
and a second run renamed the new file over the first backup. Now a path that is not a session file
is refused and left exactly as it was; a damaged session file of ours is set aside under a name no
earlier backup has.
"""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest

from assistant.answer import Session
from assistant.cli import main

QUESTION = "三公经费是多少？"


def ask(store: Path, session: Path, capsys) -> tuple[int, str, str]:
    code = main(["ask", QUESTION, "--session", str(session), "--data-dir", str(store), "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def listing(folder: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(folder.iterdir())}


NOT_SESSIONS = {
    # (what is at the path, why it is refused)
    "a-folder": (None, "it is a folder"),
    "notes": ("我的笔记：明天开会。\n".encode("utf-8"), "it is not JSON"),
    "binary": (b"\x00\x9f\x92\x96 not json at all", "it is not JSON"),
    "a-json-list": (b"[1, 2, 3]", "it is JSON, but not a conversation this program wrote"),
    "package-json": (b'{"name": "site", "version": "1.0.0"}', "it is JSON, but not a conversation this program wrote"),
}


@pytest.mark.parametrize("kind", list(NOT_SESSIONS))
def test_a_path_that_is_not_a_session_file_is_refused_and_left_alone(hash_store, tmp_path, capsys, kind):
    content, why = NOT_SESSIONS[kind]
    folder = tmp_path / "mine"
    folder.mkdir()
    session = folder / "chat.json"
    if content is None:
        session.mkdir()
        (session / "keep.txt").write_text("内容", encoding="utf-8")
    else:
        session.write_bytes(content)
    before = listing(folder)

    first = ask(hash_store, session, capsys)
    second = ask(hash_store, session, capsys)

    message = (
        f"error: {session} is not a disclosure-qa session file ({why}); it was left as it is. Give --session the path "
        "of a new file, or of one an earlier `ask --session` wrote.\n"
    )
    assert first == second == (2, "", message)
    assert listing(folder) == before
    if content is None:
        assert (session / "keep.txt").read_text(encoding="utf-8") == "内容"


def test_a_socket_or_device_is_refused_and_left_where_it_is(hash_store, tmp_path, capsys):
    """A Unix socket stands in for a device here: the code this replaces renamed what it could not
    read, and a test must never get to rename /dev/null."""
    path = tmp_path / "chat.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        code, out, err = ask(hash_store, path, capsys)
        assert (code, out) == (2, "")
        assert err.startswith(f"error: {path} is not a disclosure-qa session file (it is not a regular file)")
        assert stat.S_ISSOCK(path.stat().st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["chat.sock", "store"]
    finally:
        server.close()


def test_damaged_session_files_are_kept_under_numbered_names_never_over_an_earlier_backup(hash_store, tmp_path, capsys):
    session = tmp_path / "chat.json"
    damaged = [b'{"version": 2, "turns": [{"question": "', b'{"version": 2, "turns": "none"}', b"{not json"]
    warnings = []

    for content in damaged:
        session.write_bytes(content)
        code, out, err = ask(hash_store, session, capsys)
        assert code == 0 and json.loads(out)["figures"][0]["value"] == "25.39"
        warnings.append(err)

    kept = {name: data for name, data in listing(tmp_path).items() if name != "chat.json" and data is not None}
    assert kept == {"chat.json.corrupt": damaged[0], "chat.json.corrupt-2": damaged[1], "chat.json.corrupt-3": damaged[2]}
    assert [w.rsplit("; kept it as ", 1)[1] for w in warnings] == [
        f"{tmp_path / name}; starting a new conversation\n" for name in ("chat.json.corrupt", "chat.json.corrupt-2", "chat.json.corrupt-3")
    ]
    assert [t.question for t in Session.model_validate_json(session.read_text(encoding="utf-8")).turns] == [QUESTION]


def test_a_session_from_another_version_is_kept_under_a_numbered_name_too(hash_store, tmp_path, capsys):
    session = tmp_path / "chat.json"
    (tmp_path / "chat.json.old").write_text("an earlier backup", encoding="utf-8")
    old = json.dumps({"version": 1, "history": []}).encode()
    session.write_bytes(old)

    code, out, err = ask(hash_store, session, capsys)

    assert code == 0
    assert err == (f"warning: {session} was written by another version (session version 1, this one is 2); kept it as "
                   f"{tmp_path / 'chat.json.old-2'}; starting a new conversation\n")
    assert (tmp_path / "chat.json.old").read_text(encoding="utf-8") == "an earlier backup"
    assert (tmp_path / "chat.json.old-2").read_bytes() == old
