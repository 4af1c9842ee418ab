"""Bad files given to ``disclosure-qa ingest``: each is refused with a message that names it and
says what to do, and the store is left exactly as it was; a cut-off disclosure is ingested with a
warning when partial files are allowed; the same file twice is stored once.

The store holds the bundled disclosure (HashEmbedder); the CLI runs in-process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zlib
from pathlib import Path

import pytest

from assistant.cli import main
from corpus import BUNDLED_DOCUMENT
from ingest.read import MAX_BYTES
from reliability.helpers import BUNDLED_ID, EDU_ID, EDU_TEXT, open_bot, open_store, python, snapshot

BUNDLED_TEXT = BUNDLED_DOCUMENT.read_text(encoding="utf-8")
NOT_TEXT = "looks like a binary file (it contains NUL or control bytes) and is not a PDF; give the published PDF (.pdf) or its text (.txt, UTF-8 or GB18030)."
BROKEN_PDF = "is a damaged or cut-off PDF"
NOT_UTF8 = "is neither UTF-8 nor GB18030 text; re-save it as UTF-8 and ingest it again."
NOT_A_DISCLOSURE = "does not look like a 部门决算公开说明"
UNCHANGED = "Nothing was changed in the store."


def ingest_json(store: Path, *paths: Path | str, capsys) -> tuple[int, dict]:
    code = main(["ingest", *map(str, paths), "--data-dir", str(store), "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def _mojibake() -> bytes:
    # UTF-8 read as Latin-1 and saved again as UTF-8: valid UTF-8, but no Chinese left
    return EDU_TEXT.encode("utf-8").decode("latin-1").encode("utf-8")


BAD_FILES = [
    # (file name, content, the message's tail after the file's path)
    ("empty.txt", b"", "is empty; give a 部门决算公开说明 text file with content."),
    ("blank.txt", b"\n  \r\n\t\n", "is empty; give a 部门决算公开说明 text file with content."),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + zlib.compress(bytes(range(256)) * 64) + b"\x00\nendstream\n", BROKEN_PDF),
    ("report.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 16, NOT_TEXT),
    ("chart.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16, NOT_TEXT),
    ("edu-utf16.txt", EDU_TEXT.encode("utf-16"), NOT_UTF8),
    ("edu-utf16le-no-bom.txt", EDU_TEXT.encode("utf-16-le"), NOT_UTF8),
    ("edu-utf32.txt", EDU_TEXT.encode("utf-32"), NOT_UTF8),
    ("edu-big5.txt", EDU_TEXT.encode("big5", errors="replace"), NOT_UTF8),
    ("latin1.txt", "Résumé des dépenses de l'exercice 2024 : 1 234,56 EUR\n".encode("latin-1") * 40, NOT_UTF8),
    ("edu-mojibake.txt", _mojibake(), NOT_A_DISCLOSURE),
    ("minutes.txt", "会议纪要\n\n今天讨论了三件事。\n一、天气\n二、午饭\n三、决算\n".encode(), NOT_A_DISCLOSURE),
    ("budget-2025.txt", "某某市教育局2025年部门预算公开说明\n一、部门预算收支总体情况\n2025年收入预算58,000.00万元。\n二、一般公共预算拨款支出预算\n".encode(), NOT_A_DISCLOSURE),
    ("figures.csv", "科目,金额\n教育支出,50112.30\n住房保障支出,674.28\n".encode() * 20, NOT_A_DISCLOSURE),
    ("json_init.py", Path(json.__file__).read_bytes(), NOT_A_DISCLOSURE),
    # a notice whose first line reads like a disclosure title, with nothing of one after it
    ("notice.txt", "关于某某市教育局2024年度部门决算公开的通知\n各单位：\n现将2024年度部门决算予以公开。\n特此通知。\n".encode(), NOT_A_DISCLOSURE),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[f[0] for f in BAD_FILES])
def test_a_bad_file_is_refused_by_name_and_the_store_is_left_as_it_was(hash_store, tmp_path, capsys, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    before = snapshot(hash_store)

    code, report = ingest_json(hash_store, bad, capsys=capsys)

    assert code == 1
    assert report["documents"] == []
    (error,) = report["errors"]
    # a file that cannot be read is named by the path given; one that reads but is not a disclosure, by its name
    assert error.startswith(f"{bad}: {name} " if message not in (NOT_A_DISCLOSURE, BROKEN_PDF) else f"{name} ")
    assert message in error
    if message == NOT_A_DISCLOSURE:
        assert error.endswith(UNCHANGED)
    assert snapshot(hash_store) == before
    assert [r.info.id for r in open_store(hash_store).load(auto_ingest=False)] == [BUNDLED_ID]


def test_the_plain_cli_prints_the_error_on_stderr_and_exits_1(hash_store, tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")

    code = main(["ingest", str(bad), "--data-dir", str(hash_store)])

    out, err = capsys.readouterr()
    assert code == 1
    assert re.fullmatch(rf"0 document\(s\) in \d+\.\d\d s · store {re.escape(str(hash_store))}\n", out)
    assert err == f"error: {bad}: empty.txt is empty; give a 部门决算公开说明 text file with content.\n"


def test_a_50_mb_file_is_refused_before_it_is_read(hash_store, tmp_path, capsys):
    huge = tmp_path / "huge-final-accounts.txt"
    with open(huge, "wb") as f:
        chunk = BUNDLED_DOCUMENT.read_bytes()
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    size = huge.stat().st_size
    before = snapshot(hash_store)

    code, report = ingest_json(hash_store, huge, capsys=capsys)

    assert code == 1
    assert report["errors"] == [
        f"{huge}: {huge} is {size:,} bytes; the limit is {MAX_BYTES:,} bytes for one disclosure. "
        "Split it into one file per department and year."
    ]
    assert snapshot(hash_store) == before


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_path_that_is_not_a_file_is_refused(hash_store, tmp_path, capsys, kind):
    path = tmp_path / ("nowhere.txt" if kind == "missing" else "a-folder.txt")
    if kind == "folder":
        path.mkdir()
    before = snapshot(hash_store)

    code, report = ingest_json(hash_store, path, capsys=capsys)

    (error,) = report["errors"]
    assert code == 1
    if kind == "missing":
        assert error == f"{path}: No such file or directory; nothing was changed in the store."
    else:
        assert error == f"{path}: {path} is a folder, not a file; give the path of a 部门决算 PDF or text file."
    assert snapshot(hash_store) == before


READ_DEVICE = """
from ingest.config import Settings
from ingest.store import Store

report = Store(Settings(data_dir=sys.argv[1], embedder="hash"), log=print).ingest([sys.argv[2]], progress=False)
print(report.errors)
"""


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_pipe_or_a_device_is_refused_instead_of_read_forever(hash_store, tmp_path, kind):
    """Without a check, a pipe blocks on open and /dev/zero (size 0) is read until memory runs out."""
    path = tmp_path / "pipe.txt" if kind == "fifo" else Path(kind)
    if kind == "fifo":
        os.mkfifo(path)
    before = snapshot(hash_store)

    result = python(READ_DEVICE, str(hash_store), str(path), timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([f"{path}: {path} is a pipe or device, not a file; give the path of a 部门决算 PDF or text file."])
    assert snapshot(hash_store) == before


def test_a_bad_file_among_good_ones_is_reported_and_the_good_ones_are_ingested(hash_store, tmp_path, capsys, edu_file):
    bad = tmp_path / "chart.png"
    bad.write_bytes(BAD_FILES[4][1])

    code, report = ingest_json(hash_store, bad, edu_file, capsys=capsys)

    assert code == 2
    assert [(d["id"], d["status"]) for d in report["documents"]] == [(EDU_ID, "ingested")]
    assert len(report["errors"]) == 1 and NOT_TEXT in report["errors"][0]
    assert sorted(r.info.id for r in open_store(hash_store).load(auto_ingest=False)) == [EDU_ID, BUNDLED_ID]


# -- cut off -------------------------------------------------------------------------------------


def cut(text: str, line: int) -> str:
    """``text`` up to the middle of line ``line`` (1-based), as a download that stopped there."""
    lines = text.split("\n")
    return "\n".join(lines[: line - 1] + [lines[line - 1][: len(lines[line - 1]) // 2]])


def test_a_disclosure_cut_off_mid_table_is_ingested_with_a_warning_when_partial_files_are_allowed(tmp_path, hash_embedder, capsys):
    lines = BUNDLED_TEXT.split("\n")
    assert lines[317].startswith("\t效益指标\t社会效益指标\t创建优良办事大厅")  # a row of the third performance table
    path = tmp_path / BUNDLED_DOCUMENT.name
    path.write_text(cut(BUNDLED_TEXT, 318), encoding="utf-8")
    store = tmp_path / "store"

    code, report = ingest_json(store, path, "--allow-partial", capsys=capsys)  # refused without (tests/reliability/test_cut_off.py)

    assert code == 0 and report["errors"] == []
    (doc,) = report["documents"]
    assert (doc["id"], doc["status"], doc["tables"]) == (BUNDLED_ID, "ingested", 3)
    assert doc["warnings"] == [
        "the file looks cut off at line 318: the performance table '房产交易业务经费' (lines 300–318) has no 总分 row "
        "and the file ends inside it; its table of contents lists 第三部分、第四部分, which the text never reaches; "
        "ingest the complete file"
    ]
    # what the file does hold is answered as usual
    answer = open_bot(store).ask("棚改花了多少钱？")
    assert (answer.kind, answer.figures[0].value, answer.citations[0].line_start) == ("figure", "483911.04", 162)


def test_a_template_disclosure_cut_off_mid_table_warns_too(tmp_path, hash_embedder, capsys):
    lines = EDU_TEXT.split("\n")
    row = next(i for i, line in enumerate(lines, 1) if line.startswith("\t\t质量指标\t工程验收合格率"))
    path = tmp_path / "mouxx-education-2024-final-accounts.txt"
    path.write_text(cut(EDU_TEXT, row), encoding="utf-8")

    code, report = ingest_json(tmp_path / "store", path, "--allow-partial", capsys=capsys)

    (doc,) = report["documents"]
    assert (code, doc["status"], doc["tables"]) == (0, "ingested", 1)
    assert doc["warnings"] == [
        f"the file looks cut off at line {row}: the performance table '校舍维修改造' (lines 72–{row}) has no 总分 row "
        "and the file ends inside it; its table of contents lists 第三部分、第四部分, which the text never reaches; "
        "ingest the complete file"
    ]


def test_a_complete_disclosure_has_no_cut_off_warning(hash_store, capsys, edu_file):
    code, report = ingest_json(hash_store, edu_file, BUNDLED_DOCUMENT, capsys=capsys)

    assert code == 0
    assert [(d["id"], d["status"], d["warnings"]) for d in report["documents"]] == [(EDU_ID, "ingested", []), (BUNDLED_ID, "unchanged", [])]


# -- the same file twice -------------------------------------------------------------------------


def test_the_same_file_twice_in_one_call_and_again_later_is_stored_once(tmp_path, hash_embedder, capsys):
    store = tmp_path / "store"
    copy = tmp_path / "copy-of-the-bundled-disclosure.txt"
    shutil.copy(BUNDLED_DOCUMENT, copy)

    first_code, first = ingest_json(store, BUNDLED_DOCUMENT, BUNDLED_DOCUMENT, capsys=capsys)
    texts = hash_embedder.texts
    records_before = snapshot(store)
    second_code, second = ingest_json(store, BUNDLED_DOCUMENT, copy, capsys=capsys)

    assert (first_code, second_code) == (0, 0)
    assert [(d["id"], d["status"]) for d in first["documents"]] == [(BUNDLED_ID, "ingested")]
    assert [(d["id"], d["status"], d["embedded"]) for d in second["documents"]] == [(BUNDLED_ID, "unchanged", 0)]
    assert second["warnings"] == [f"{copy.name} has the same content as the stored document {BUNDLED_ID}; not stored twice"]
    assert hash_embedder.texts == texts  # nothing embedded the second time
    assert {k: v for k, v in snapshot(store).items() if not k.startswith("chroma/")} == {k: v for k, v in records_before.items() if not k.startswith("chroma/")}
    index = open_store(store).index()
    assert index.count() == len(index.all_ids()) == 394  # no duplicate vectors
    assert [d.id for d in open_store(store).documents()] == [BUNDLED_ID]
