"""Named errors. Each says what the bad value was, what is allowed, and how to fix it.

The CLI and the UI turn them into friendly text; nothing below them prints.
"""

from __future__ import annotations


class DisclosureQAError(Exception):
    """Base class: a problem the user can act on."""


class DocumentError(DisclosureQAError):
    """A file that cannot be ingested."""


class EmptyDocumentError(DocumentError):
    def __init__(self, path: str):
        super().__init__(f"{path} is empty; give a 部门决算公开说明 text file with content.")


class BinaryDocumentError(DocumentError):
    def __init__(self, path: str):
        super().__init__(
            f"{path} looks like a binary file (it contains NUL or control bytes) and is not a PDF; "
            "give the published PDF (.pdf) or its text (.txt, UTF-8 or GB18030)."
        )


class NotAFileError(DocumentError):
    def __init__(self, path: str, what: str):
        super().__init__(f"{path} is {what}, not a file; give the path of a 部门决算 PDF or text file.")


class PdfError(DocumentError):
    """A PDF that cannot be read: scanned, encrypted or damaged. Nothing in the store changes."""


class ScannedPdfError(PdfError):
    def __init__(self, path: str, pages: int):
        super().__init__(
            f"{path} has no text layer ({pages} page(s) of images: a scan); run OCR on it first "
            "(e.g. ocrmypdf) and ingest the result. 这份 PDF 没有文字层（扫描件），需要先做文字识别（OCR）才能读取。"
        )


class EncryptedPdfError(PdfError):
    def __init__(self, path: str):
        super().__init__(
            f"{path} is an encrypted PDF; save an unprotected copy and ingest that. 这份 PDF 已加密，无法读取。"
        )


class BrokenPdfError(PdfError):
    def __init__(self, path: str, detail: str):
        super().__init__(
            f"{path} is a damaged or cut-off PDF ({detail}); download it again and ingest the complete file. "
            "这份 PDF 已损坏或不完整，无法读取。"
        )


class EncodingError(DocumentError):
    def __init__(self, path: str):
        super().__init__(
            f"{path} is neither UTF-8 nor GB18030 text; re-save it as UTF-8 and ingest it again."
        )


class DocumentTooLargeError(DocumentError):
    def __init__(self, path: str, size: int, limit: int):
        super().__init__(
            f"{path} is {size:,} bytes; the limit is {limit:,} bytes for one disclosure. "
            "Split it into one file per department and year."
        )


class DocumentTooLongError(DocumentError):
    def __init__(self, path: str, count: int, limit: int, what: str = "characters of text"):
        super().__init__(
            f"{path} holds {count:,} {what}; one department's disclosure for one year holds "
            f"well under {limit:,}. Split it into one file per department and year. Nothing was changed in the store."
        )


class NotADisclosureError(DocumentError):
    def __init__(self, path: str, missing: str):
        super().__init__(
            f"{path} does not look like a 部门决算公开说明: {missing}. "
            "Nothing was changed in the store."
        )


class CutOffError(DocumentError):
    def __init__(self, name: str, line: int, reasons: list[str]):
        why = "; ".join(r.split(": ", 1)[-1].removesuffix("; ingest the complete file") for r in reasons) or "it stops short"
        super().__init__(
            f"{name} looks cut off after line {line} ({why}). Download the complete file and ingest it; "
            "or pass --allow-partial to ingest what it holds, and answers will say the document is incomplete. "
            "Nothing was changed in the store."
        )


class IdCollisionError(DocumentError):
    def __init__(self, path: str, other: str, doc_id: str):
        super().__init__(
            f"{path}: its document id would be {doc_id!r}, the id of {other}, another file of this ingest with other "
            "content (ids come from file names); rename one of them and ingest it again. It was not stored."
        )


class StoreError(DisclosureQAError):
    """The data directory cannot be used."""


class ReadOnlyStoreError(StoreError):
    def __init__(self, path: str):
        super().__init__(
            f"the data directory {path} is not writable; pass --data-dir to a writable folder "
            "or set DISCLOSURE_QA_DATA."
        )


class EmptyStoreError(StoreError):
    def __init__(self, path: str):
        super().__init__(f"the store at {path} holds no document; run `disclosure-qa ingest` first.")


class DamagedDocumentError(StoreError):
    def __init__(self, doc_id: str, source_name: str):
        super().__init__(
            f"the records of {doc_id} are damaged and its saved copy cannot rebuild them (it is missing or damaged too): "
            f"that document cannot be read; ingest {source_name} again"
        )


class EmbedderError(DisclosureQAError):
    pass


class UnknownEmbedderError(EmbedderError):
    def __init__(self, spec: str):
        super().__init__(
            f"unknown embedder {spec!r}; use one of: e5 (the bundled multilingual-e5-small), "
            "sentence-transformers:PATH (a local sentence-transformers model folder), hash (tests and benchmarks only)."
        )


class CalculationError(DisclosureQAError):
    """An expression the calculator refuses: bad syntax, a disallowed operation, division by zero."""


class SessionError(DisclosureQAError):
    pass


class PromptDataError(DisclosureQAError):
    """A data file in prompts/ is missing or malformed."""
