"""Conversation files (``ask --session FILE``) that are missing, corrupted or from another version:
a clear warning, a new conversation, an answer — never a crash, and the unreadable file is kept.
Sessions handed to ``Assistant.ask`` that are not sessions raise the named SessionError.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer import SESSION_VERSION, Session
from assistant.cli import main
from ingest.errors import SessionError
from reliability.helpers import BUNDLED_ID, EDU_ID, open_bot, open_store

FIRST, FOLLOW = "三公经费是多少？", "比上年呢？"


def ask(store: Path, question: str, session: Path, capsys) -> tuple[int, dict, str]:
    code = main(["ask", question, "--session", str(session), "--data-dir", str(store), "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


def test_a_missing_session_file_starts_a_conversation_that_follow_ups_continue(hash_store, tmp_path, capsys):
    session = tmp_path / "chat.json"

    code1, first, err1 = ask(hash_store, FIRST, session, capsys)
    code2, follow, err2 = ask(hash_store, FOLLOW, session, capsys)

    assert (code1, code2, err1, err2) == (0, 0, "", "")
    assert [f["value"] for f in first["figures"]][:1] == ["25.39"]
    assert [f["value"] for f in follow["figures"]][:2] == ["25.39", "19.69"]  # 比上年减少 19.69 万元
    stored = Session.model_validate_json(session.read_text(encoding="utf-8"))
    assert [t.question for t in stored.turns] == [FIRST, FOLLOW]


# damaged files of ours; a file that is not a session at all (binary bytes, a JSON list) is refused
# and left alone: tests/reliability/test_session_paths.py
CORRUPTED = [
    ("truncated", b'{"version": 2, "turns": [{"question": "\xe4\xb8\x89\xe5\x85\xac'),
    ("empty", b""),
    ("wrong-types", b'{"version": 2, "turns": "none"}'),
    ("unknown-fields", b'{"version": 2, "turns": [], "secret": "x"}'),
    ("gbk-bytes", '{"version": 2, "turns": [{"question": "三公"}]}'.encode("gbk")),
]


@pytest.mark.parametrize(("name", "content"), CORRUPTED, ids=[c[0] for c in CORRUPTED])
def test_a_corrupted_session_file_is_kept_aside_and_a_new_conversation_starts(hash_store, tmp_path, capsys, name, content):
    session = tmp_path / "chat.json"
    session.write_bytes(content)

    code, answer, err = ask(hash_store, FIRST, session, capsys)

    assert code == 0
    assert [f["value"] for f in answer["figures"]][:1] == ["25.39"]
    (warning,) = err.splitlines()
    assert warning.startswith(f"warning: {session} is not a readable session (")
    kept = [p for p in tmp_path.iterdir() if p.is_file() and p != session and p.read_bytes() == content]
    assert len(kept) == 1 and warning.endswith(f"; kept it as {kept[0]}; starting a new conversation")
    assert [t.question for t in Session.model_validate_json(session.read_text(encoding="utf-8")).turns] == [FIRST]


OLD = {"version": 1, "history": [{"q": FIRST, "a": "25.39 万元", "doc": BUNDLED_ID}]}
NEWER = {"version": SESSION_VERSION + 1, "turns": [], "threads": {}}


@pytest.mark.parametrize(("name", "content"), [("older", OLD), ("newer", NEWER)])
def test_a_session_file_from_another_version_starts_a_new_conversation_and_is_kept(hash_store, tmp_path, capsys, name, content):
    session = tmp_path / "chat.json"
    raw = json.dumps(content, ensure_ascii=False).encode("utf-8")
    session.write_bytes(raw)

    code, answer, err = ask(hash_store, FIRST, session, capsys)

    assert code == 0
    assert [f["value"] for f in answer["figures"]][:1] == ["25.39"]
    (warning,) = err.splitlines()
    assert warning.startswith(f"warning: {session} was written by another version (session version {content['version']}, this one is {SESSION_VERSION})")
    # the old conversation is not destroyed: a file beside the new one still holds it, and the warning names it
    kept = [p for p in tmp_path.iterdir() if p.is_file() and p != session and p.read_bytes() == raw]
    assert len(kept) == 1, f"the version-{content['version']} session was overwritten; nothing kept it"
    assert warning.endswith(f"; kept it as {kept[0]}; starting a new conversation")


def test_a_session_file_in_a_missing_folder_is_a_clear_error_not_a_crash(hash_store, tmp_path, capsys):
    session = tmp_path / "no-such-folder" / "chat.json"

    code = main(["ask", FIRST, "--session", str(session), "--data-dir", str(hash_store), "--json"])

    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("error: ") and str(session) in err
    assert "Traceback" not in err


def test_a_session_from_another_store_does_not_break_a_follow_up(hash_store, tmp_path, hash_embedder, edu_file, capsys):
    """A saved conversation about documents this store does not hold: the follow-up is answered
    as a new question (here: it has no subject of its own), not with a crash."""
    session = tmp_path / "chat.json"
    ask(hash_store, FIRST, session, capsys)
    other = tmp_path / "other-store"
    open_store(other).ingest([edu_file], progress=False)

    code, answer, err = ask(other, FOLLOW, session, capsys)

    assert (code, err) == (0, "")
    assert answer["kind"] in ("refusal", "clarification")
    assert answer["figures"] == []
    assert all(c["doc"] == EDU_ID for c in answer["citations"])


# -- the library ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "session",
    ["not json", '{"version": 1, "history": []}', {"version": 2, "turns": "none"}, [1, 2]],
    ids=["text", "old-json", "bad-dict", "list"],
)
def test_ask_refuses_what_is_not_a_session_with_a_named_error(hash_store, session):
    bot = open_bot(hash_store)

    with pytest.raises(SessionError) as caught:
        bot.ask(FIRST, session=session)

    assert str(caught.value).startswith("the session is not a disclosure-qa session (")
    assert str(caught.value).endswith("); start a new conversation")


def test_a_session_round_trips_as_json_text_and_as_a_dict(hash_store):
    bot = open_bot(hash_store)
    first = bot.ask(FIRST)

    as_text = bot.ask(FOLLOW, session=first.session.model_dump_json())
    as_dict = bot.ask(FOLLOW, session=json.loads(first.session.model_dump_json()))

    assert [f.value for f in as_text.figures][:2] == [f.value for f in as_dict.figures][:2] == ["25.39", "19.69"]
