"""Read a disclosure file: a PDF as it is (parsed by ``ingest.pdf``), a text file into lines with its
encoding detected; refuse what is neither."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.pdf import is_pdf

from ingest.errors import (
    BinaryDocumentError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncodingError,
    NotAFileError,
)

# A real disclosure is well under 1 MB of text (the bundled one: 93 KB, 394 passages). Parsing
# costs ~4 s and ~50 MB of memory per MB, and embedding ~1 h per 4 MB on 2 cores, so the limit
# refuses what cannot be one department's disclosure before anything is read.
MAX_BYTES = 5 * 1024 * 1024
# A published disclosure PDF is 0.3–5 MB (fonts and a few images); scans run larger, and are refused
# later for want of a text layer anyway.
MAX_PDF_BYTES = 60 * 1024 * 1024

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, line feed, form feed, carriage return
UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-32 LE starts with the UTF-16 LE mark


@dataclass(frozen=True)
class SourceText:
    name: str
    lines: list[str]  # without line terminators; line n is lines[n - 1] (empty for a PDF)
    encoding: str
    sha256: str
    raw: bytes = field(default=b"", repr=False)  # the file as it was, kept as the store's source copy
    kind: str = "text"  # text · pdf

    @property
    def suffix(self) -> str:
        return ".pdf" if self.kind == "pdf" else ".txt"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding) for UTF-8 (with or without BOM) or GB18030 bytes."""
    if not data.strip():
        raise EmptyDocumentError(name)
    if data.startswith(UTF16_32_BOMS):
        raise EncodingError(name)  # text, but UTF-16/32: not "binary", re-saving as UTF-8 fixes it
    if b"\x00" in data:
        raise EncodingError(name) if _utf16_without_bom(data) else BinaryDocumentError(name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _utf16_without_bom(data):  # Chinese without a single ASCII character has no NUL byte
        raise EncodingError(name)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise EncodingError(name) from None
    # GB18030 maps almost any byte string; accept it only if it yields mostly CJK and ASCII text.
    if _text_ratio(text) < 0.9:
        raise EncodingError(name)
    return text, "gb18030"


def _utf16_without_bom(data: bytes) -> bool:
    """UTF-16 text without a byte-order mark. Decoded as UTF-16 (either byte order), such text
    gives almost only Chinese, ASCII, punctuation and spaces; binary data, UTF-8 and GB18030 give
    unpaired surrogates or code points scattered over every script."""
    head = data[: 65536 & ~1] if len(data) > 65536 else data[: len(data) & ~1]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a pair cut by the end of the head
                continue
            text = head[: exc.start].decode(encoding)
        if len(text) >= 8 and _utf16_text_ratio(text) >= 0.95:
            return True
    return False


def _utf16_text_ratio(text: str) -> float:
    good = sum(1 for ch in text if ch in "\t\n\r\f" or " " <= ch <= "~" or any(a <= ch <= b for a, b in _TEXT_RANGES))
    return good / len(text)


# CJK ideographs, CJK and general punctuation, full-width forms, Latin-1 letters
_TEXT_RANGES = (("\u00a0", "\u00ff"), ("\u2000", "\u206f"), ("\u3000", "\u303f"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"), ("\uff00", "\uffef"))


def _text_ratio(text: str) -> float:
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r" or "\u4e00" <= ch <= "\u9fff")
    return good / max(len(text), 1)


def read_source(path: str | Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read ``path`` into lines, keeping the original numbering.

    >>> read_source("data/urumqi-housing-2023-final-accounts.txt").lines[2]
    '乌鲁木齐市住房保障和房产管理局（汇总）'
    """
    path = Path(path)
    if path.is_dir():
        raise NotAFileError(str(path), "a folder")
    if path.exists() and not path.is_file():
        # a pipe or a device (/dev/zero) would block or never end
        raise NotAFileError(str(path), "a pipe or device")
    with open(path, "rb") as f:
        limit = MAX_PDF_BYTES if is_pdf(f.read(1024)) and max_bytes == MAX_BYTES else max_bytes
        size = path.stat().st_size
        if size > limit:
            raise DocumentTooLargeError(str(path), size, limit)
        f.seek(0)
        data = f.read(limit + 1)  # a file that grows while read is still held to the limit
    if len(data) > limit:
        raise DocumentTooLargeError(str(path), len(data), limit)
    return source_from_bytes(data, path.name)


def source_from_bytes(data: bytes, name: str) -> SourceText:
    if is_pdf(data):
        return SourceText(name=name, lines=[], encoding="pdf", sha256=hashlib.sha256(data).hexdigest(), raw=data, kind="pdf")
    text, encoding = decode(data, name)
    controls = len(CONTROL.findall(text))  # in C: a character loop in Python was most of reading a file
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
