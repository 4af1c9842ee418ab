"""assistant/cli.py: the ``disclosure-qa`` command as another program runs it — JSON only on stdout,
conversations kept in a session file across calls, batches that go on past a bad line, a chat on
stdin — and every command documented in README.md.

Each test runs the installed console script in a subprocess against the session's e5 store, so
nothing is embedded again.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.answer import SESSION_VERSION
from assistant.cli import build_parser
from ingest.config import REPO

SCRIPT = Path(sys.executable).parent / "disclosure-qa"


@pytest.fixture(scope="module")
def data_dir(e5_store) -> Path:
    """The store the CLI reads: the session's e5 store, already ingested and embedded."""
    return e5_store[0].dir


@pytest.fixture(scope="module")
def cli(data_dir):
    """``cli(*args, stdin=None)``: run the console script on the store; returns the completed process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_QA_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        command = [str(SCRIPT), *args]
        if args and args[0] in ("ask", "chat"):
            command += ["--data-dir", str(data_dir)]
        return subprocess.run(command, input=stdin, capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=600)

    return run


def figures(answer: dict) -> list[tuple[str, str]]:
    return [(f["value"], f["unit"]) for f in answer["figures"]]


# -- ask ----------------------------------------------------------------------------------------
def test_ask_json_prints_only_one_json_answer_on_stdout(cli):
    done = cli("ask", "政府采购货物支出多少？", "--json")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert answer["question"] == "政府采购货物支出多少？"
    assert answer["kind"] == "figure"
    assert figures(answer)[0] == ("147.81", "万元")
    assert answer["citations"][0]["line_start"] == 237


def test_ask_without_json_prints_the_answer_and_its_numbered_citations(cli):
    done = cli("ask", "政府采购货物支出多少？")

    assert done.returncode == 0, done.stderr
    assert "147.81 万元" in done.stdout
    assert re.search(r"^\[1\] .*第 237 行", done.stdout, re.M)


def test_ask_prints_a_calculation_with_its_expression(cli):
    done = cli("ask", "上年的机关运行经费是多少")

    assert "150.12 − 28.81 = 121.31 万元" in done.stdout


def test_a_session_file_carries_a_follow_up_across_two_calls(cli, tmp_path):
    session = tmp_path / "conversation.json"

    first = cli("ask", "三公经费花了多少？", "--json", "--session", str(session))
    second = cli("ask", "比上年呢？", "--json", "--session", str(session))

    assert first.returncode == second.returncode == 0, second.stderr
    assert figures(json.loads(first.stdout))[0] == ("25.39", "万元")
    follow = json.loads(second.stdout)
    assert ("19.69", "万元") in figures(follow) and ("43.68", "%") in figures(follow)
    saved = json.loads(session.read_text(encoding="utf-8"))
    assert saved["version"] == SESSION_VERSION
    assert [t["question"] for t in saved["turns"]] == ["三公经费花了多少？", "比上年呢？"]


def test_a_missing_session_file_starts_a_new_conversation(cli, tmp_path):
    session = tmp_path / "new" / "conversation.json"
    session.parent.mkdir()

    done = cli("ask", "三公经费花了多少？", "--json", "--session", str(session))

    assert done.returncode == 0
    assert figures(json.loads(done.stdout))[0] == ("25.39", "万元")
    assert "warning" not in done.stderr
    assert session.exists()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{not json", "corrupted"),
        ("", "empty"),
        ('{"version": 2, "turns": "not a list"}', "wrong shape"),
        ('{"version": 1, "turns": [{"question": "三公经费花了多少？", "figure_ids": ["old-id"]}]}', "older version"),
        ('{"version": 99, "turns": []}', "newer version"),
    ],
)
def test_an_unreadable_session_file_is_set_aside_with_a_warning(cli, tmp_path, content, why):
    session = tmp_path / "conversation.json"
    session.write_text(content, encoding="utf-8")

    done = cli("ask", "比上年呢？", "--json", "--session", str(session))

    assert done.returncode == 0, done.stderr
    assert "warning" in done.stderr and str(session) in done.stderr
    json.loads(done.stdout)  # stdout is still only the answer
    kept = [p for p in tmp_path.iterdir() if p != session and p.read_text(encoding="utf-8") == content]
    assert kept, f"the {why} session file was not kept beside the new one"
    assert json.loads(session.read_text(encoding="utf-8"))["version"] == SESSION_VERSION


def test_a_session_from_an_older_version_is_not_used_for_the_follow_up(cli, tmp_path):
    session = tmp_path / "conversation.json"
    session.write_text('{"version": 1, "turns": [{"question": "三公经费花了多少？", "intent": "figure", "kind": "figure"}]}', encoding="utf-8")

    done = cli("ask", "比上年呢？", "--json", "--session", str(session))

    assert ("19.69", "万元") not in figures(json.loads(done.stdout))


# -- batch --------------------------------------------------------------------------------------
def test_a_batch_prints_one_line_per_case_in_order_and_goes_on_past_bad_lines(cli, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join(
            [
                json.dumps({"id": "q1", "question": "政府采购货物支出多少？"}, ensure_ascii=False),
                "this is not json",
                json.dumps({"id": "m1", "turns": ["三公经费花了多少？", "比上年呢？"]}, ensure_ascii=False),
                json.dumps({"id": "no-question"}),
                json.dumps({"id": "q2", "question": "班车租赁执行率多少？", "category": "project_table"}, ensure_ascii=False),
            ]
        )
        + "\n",
        encoding="utf-8",
    )

    done = cli("ask", "--batch", str(cases), "--json")

    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert len(out) == 5
    q1, bad, m1, no_question, q2 = out
    assert (q1["id"], [figures(a)[0] for a in q1["answers"]]) == ("q1", [("147.81", "万元")])
    assert set(bad) == {"id", "error"} and bad["error"]
    assert m1["id"] == "m1" and len(m1["answers"]) == 2
    assert ("19.69", "万元") in figures(m1["answers"][1])
    assert set(no_question) == {"id", "error"}
    assert (q2["id"], figures(q2["answers"][0])[0]) == ("q2", ("96.80", "%"))


def test_a_batch_error_for_a_case_with_an_id_carries_that_id(cli, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "no-question"}) + "\n" + json.dumps({"id": "ok", "question": "三公经费是多少"}, ensure_ascii=False) + "\n", encoding="utf-8")

    out = [json.loads(line) for line in cli("ask", "--batch", str(cases), "--json").stdout.strip().splitlines()]

    assert [o["id"] for o in out] == ["no-question", "ok"]
    assert "error" in out[0] and "answers" in out[1]


def test_a_batch_of_an_empty_file_prints_nothing(cli, tmp_path):
    cases = tmp_path / "empty.jsonl"
    cases.write_text("\n\n", encoding="utf-8")

    done = cli("ask", "--batch", str(cases), "--json")

    assert done.returncode == 0
    assert done.stdout == ""


# -- chat ---------------------------------------------------------------------------------------
def test_chat_answers_lines_from_stdin_as_one_conversation(cli):
    done = cli("chat", stdin="三公经费花了多少？\n比上年呢？\n/quit\n")

    assert done.returncode == 0, done.stderr
    assert "25.39 万元" in done.stdout
    assert "减少 19.69 万元" in done.stdout
    assert "第 176 行" in done.stdout


def test_chat_clear_forgets_the_conversation(cli):
    done = cli("chat", stdin="三公经费花了多少？\n/clear\n比上年呢？\n")

    assert done.returncode == 0
    after_clear = done.stdout.split("对话已清空", 1)[1]
    assert "19.69" not in after_clear


def test_chat_ends_cleanly_at_the_end_of_input(cli):
    done = cli("chat", stdin="")

    assert done.returncode == 0
    assert "Traceback" not in done.stderr


# -- documentation ------------------------------------------------------------------------------
def _subcommands() -> list[str]:
    parser = build_parser()
    (choices,) = [a.choices for a in parser._actions if getattr(a, "choices", None) and isinstance(a.choices, dict)]
    return sorted(choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_cli_command_is_documented_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")

    assert f"disclosure-qa {command}" in readme, f"README.md does not document `disclosure-qa {command}`"


def test_every_command_the_readme_documents_exists():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`disclosure-qa (\w+)", readme))

    assert documented <= set(_subcommands())


@pytest.mark.parametrize("command", _subcommands())
def test_every_cli_command_has_help(cli, command):
    done = cli(command, "--help")

    assert done.returncode == 0
    assert f"disclosure-qa {command}" in done.stdout
