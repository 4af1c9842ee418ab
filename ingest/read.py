"""Read a disclosure text file: detect its encoding and refuse what is not text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import (
    BinaryDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncodingError,
)

MAX_BYTES = 20 * 1024 * 1024  # a real disclosure is well under 1 MB of text


@dataclass(frozen=True)
class SourceText:
    name: str
    lines: list[str]  # without line terminators; line n is lines[n - 1]
    encoding: str
    sha256: str
    raw: bytes = field(default=b"", repr=False)  # the file as it was, kept as the store's source copy


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding) for UTF-8 (with or without BOM) or GB18030 bytes."""
    if not data.strip():
        raise EmptyDocumentError(name)
    if b"\x00" in data:
        raise BinaryDocumentError(name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise EncodingError(name) from None
    # GB18030 maps almost any byte string; accept it only if it yields mostly CJK and ASCII text.
    if _text_ratio(text) < 0.9:
        raise EncodingError(name)
    return text, "gb18030"


def _text_ratio(text: str) -> float:
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r" or "\u4e00" <= ch <= "\u9fff")
    return good / max(len(text), 1)


def read_source(path: str | Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read ``path`` into lines, keeping the original numbering.

    >>> read_source("data/urumqi-housing-2023-final-accounts.txt").lines[2]
    '乌鲁木齐市住房保障和房产管理局（汇总）'
    """
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentTooLargeError(str(path), size, max_bytes)
    return source_from_bytes(path.read_bytes(), path.name)


def source_from_bytes(data: bytes, name: str) -> SourceText:
    text, encoding = decode(data, name)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text) // 1000):
        raise BinaryDocumentError(name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return SourceText(
        name=name,
        lines=lines,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        raw=data,
    )
