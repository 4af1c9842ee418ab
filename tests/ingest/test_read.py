"""ingest/read.py: encodings are detected, what is not a text file is refused with a named error."""

from __future__ import annotations

import hashlib

import pytest

from corpus import BUNDLED_DOCUMENT
from ingest.errors import (
    BinaryDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncodingError,
)
from ingest.read import read_source, source_from_bytes

SMALL = "某某市财政局\n2024年度部门决算公开说明\n\n一、收入支出决算总体情况说明\n2024年度收入总计1,234.56万元。\n"
SMALL_LINES = ["某某市财政局", "2024年度部门决算公开说明", "", "一、收入支出决算总体情况说明", "2024年度收入总计1,234.56万元。"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SMALL.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SMALL.encode("utf-8"), "utf-8-sig"),
        (SMALL.encode("gb18030"), "gb18030"),
        (SMALL.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
        (SMALL.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gb18030-crlf", "utf-8-crlf"],
)
def test_encodings_are_detected_and_lines_kept(tmp_path, data, encoding):
    path = tmp_path / "small.txt"
    path.write_bytes(data)

    source = read_source(path)

    assert source.encoding == encoding
    assert source.lines == SMALL_LINES
    assert source.name == "small.txt"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_gb18030_is_not_mistaken_for_utf8():
    data = SMALL.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the precondition that makes this case meaningful

    assert source_from_bytes(data, "gbk.txt").lines[4] == "2024年度收入总计1,234.56万元。"


def test_the_bundled_document_reads_with_its_line_numbers():
    source = read_source(BUNDLED_DOCUMENT)

    assert source.encoding == "utf-8"
    assert len(source.lines) == 1035
    assert source.lines[2] == "乌鲁木齐市住房保障和房产管理局（汇总）"
    assert source.lines[73] == "乌鲁木齐市住房保障和房产管理局（汇总）2023年度，实有人数359人，其中：在职人员242人，离休人员0人，"
    assert source.lines[1034] == "- 九、《国有资本经营预算财政拨款收入支出决算表》"
    assert source.sha256 == hashlib.sha256(BUNDLED_DOCUMENT.read_bytes()).hexdigest()


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyDocumentError, "is empty"),
        (b"  \n\t\r\n   \n", EmptyDocumentError, "is empty"),
        (PNG_HEADER, BinaryDocumentError, "binary"),
        ("收入总计\x00\x00万元".encode("utf-8"), BinaryDocumentError, "binary"),
        (b"\xff\xfe\xfa\xfb\xfc\xfd" * 20, EncodingError, "neither UTF-8 nor GB18030"),
        ("café, crème brûlée, naïve".encode("latin-1"), EncodingError, "neither UTF-8 nor GB18030"),
        ("".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\f").encode("utf-8") * 3, BinaryDocumentError, "binary"),
    ],
    ids=["empty", "whitespace-only", "png", "nul-bytes", "undecodable", "latin-1", "control-characters"],
)
def test_files_that_are_not_text_raise_a_named_error_naming_the_file(tmp_path, data, error, words):
    path = tmp_path / "bad-input.txt"
    path.write_bytes(data)

    with pytest.raises(error) as caught:
        read_source(path)

    assert "bad-input.txt" in str(caught.value)
    assert words in str(caught.value)


def test_an_over_limit_file_raises_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(SMALL.encode("utf-8") * 10)
    size = path.stat().st_size

    with pytest.raises(DocumentTooLargeError) as caught:
        read_source(path, max_bytes=size - 1)

    message = str(caught.value)
    assert str(path) in message
    assert f"{size:,} bytes" in message
    assert f"{size - 1:,} bytes" in message
    assert read_source(path, max_bytes=size).lines[:2] == SMALL_LINES[:2]  # the limit is inclusive
