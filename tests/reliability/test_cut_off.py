"""A disclosure file that stops short (a download cut off) is refused unless ``--allow-partial``;
then it is stored marked incomplete, and an answer saying the document does not state something
adds that the document is incomplete.

It used to be stored with only a warning, and questions about the missing part were told "the
document does not say this" (the README said such files were refused).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from corpus import BUNDLED_DOCUMENT, CULTURE_TEXT, FINANCE_PDF, STREET_TEXT, TEMPLATE_PDF
from ingest.pipeline import parse_file
from reliability.helpers import BUNDLED_ID, EDU_TEXT, open_bot, snapshot

BUNDLED_TEXT = BUNDLED_DOCUMENT.read_text(encoding="utf-8")
INCOMPLETE = "（注意：载入的这份文件不完整，在中途截断了，后面的内容没有读到；所问的内容可能就在缺失的部分。）"


def cut(text: str, line: int) -> str:
    """``text`` up to the middle of line ``line`` (1-based), as a download that stopped there."""
    lines = text.split("\n")
    return "\n".join(lines[: line - 1] + [lines[line - 1][: len(lines[line - 1]) // 2]])


def ingest(store: Path, path: Path, *options: str, capsys) -> tuple[int, dict]:
    code = main(["ingest", str(path), "--data-dir", str(store), "--json", *options])
    return code, json.loads(capsys.readouterr().out)


CUTS = {
    # where the bundled file stops (line), and what gives it away
    "in-a-performance-table": (318, "the performance table '房产交易业务经费' (lines 300–318) has no 总分 row and the file ends inside it; "
                               "its table of contents lists 第三部分、第四部分, which the text never reaches"),
    "mid-sentence": (100, "its last line (100) breaks off in mid-sentence: '计 637,229.42 万元,其中：本年支出合计 636,'; "
                     "its table of contents lists 第三部分、第四部分, which the text never reaches"),
    "between-paragraphs": (200, "its table of contents lists 第三部分、第四部分, which the text never reaches"),
}


@pytest.mark.parametrize("where", list(CUTS))
def test_a_cut_off_file_is_refused_by_name_and_the_store_is_left_as_it_was(hash_store, tmp_path, capsys, where):
    line, why = CUTS[where]
    path = tmp_path / BUNDLED_DOCUMENT.name
    path.write_text(cut(BUNDLED_TEXT, line), encoding="utf-8")
    before = snapshot(hash_store)

    code, report = ingest(hash_store, path, capsys=capsys)

    assert (code, report["documents"]) == (1, [])
    assert report["errors"] == [
        f"{BUNDLED_DOCUMENT.name} looks cut off after line {line} ({why}). Download the complete file and ingest it; or pass "
        "--allow-partial to ingest what it holds, and answers will say the document is incomplete. Nothing was changed in the store."
    ]
    assert snapshot(hash_store) == before


def test_with_allow_partial_answers_about_the_missing_part_say_the_document_is_incomplete(tmp_path, hash_embedder, capsys):
    path = tmp_path / BUNDLED_DOCUMENT.name
    path.write_text(cut(BUNDLED_TEXT, 318), encoding="utf-8")
    store = tmp_path / "store"

    code, report = ingest(store, path, "--allow-partial", capsys=capsys)
    again, unchanged = ingest(store, path, capsys=capsys)  # stored once allowed: not refused when unchanged

    assert (code, [(d["id"], d["status"]) for d in report["documents"]]) == (0, [(BUNDLED_ID, "ingested")])
    assert (again, [d["status"] for d in unchanged["documents"]], unchanged["errors"]) == (0, ["unchanged"], [])
    bot = open_bot(store)
    missing = bot.ask("班车租赁项目的得分是多少？")  # its table comes after line 318
    assert missing.kind == "refusal"
    assert missing.answer.startswith("这份文件没有说明这一点。")
    assert missing.answer.endswith("\n" + INCOMPLETE)
    present = bot.ask("棚改花了多少钱？")  # line 162: answered as usual, without the note
    assert (present.kind, present.figures[0].value, INCOMPLETE in present.answer) == ("figure", "483911.04", False)
    elsewhere = bot.ask("财政局的三公经费是多少？")  # another department: incompleteness is beside the point
    assert (elsewhere.kind, INCOMPLETE in elsewhere.answer) == ("refusal", False)


def test_the_same_question_on_the_complete_file_has_no_note(hash_store):
    answer = open_bot(hash_store).ask("这份决算有几部分？")

    assert answer.kind == "refusal" and INCOMPLETE not in answer.answer


def test_a_template_disclosure_cut_off_mid_table_is_refused_too(tmp_path, hash_embedder, capsys):
    lines = EDU_TEXT.split("\n")
    row = next(i for i, line in enumerate(lines, 1) if line.startswith("\t\t质量指标\t工程验收合格率"))
    path = tmp_path / "mouxx-education-2024-final-accounts.txt"
    path.write_text(cut(EDU_TEXT, row), encoding="utf-8")

    code, report = ingest(tmp_path / "store", path, capsys=capsys)

    assert (code, report["documents"]) == (1, [])
    (error,) = report["errors"]
    assert error.startswith(f"{path.name} looks cut off after line {row} (the performance table '校舍维修改造' (lines 72–{row}) has no 总分 row")


@pytest.mark.slow
@pytest.mark.parametrize("path", [BUNDLED_DOCUMENT, CULTURE_TEXT, STREET_TEXT, FINANCE_PDF, TEMPLATE_PDF], ids=lambda p: p.name)
def test_no_complete_corpus_document_looks_cut_off(path):
    records = parse_file(path)

    assert records.info.cut_off is None
    assert [w for w in records.warnings if "cut off" in w] == []
