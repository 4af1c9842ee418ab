"""The files of an ingest, in order, a bounded number at a time: read → known? → parse.

    paths → read (a bad file is reported) → known? (the database has this very file: its stored
    row and summary, nothing parsed or decompressed) → parse (here, or in worker processes that
    also embed the passages into the shared cache) → the store writes it, then the next one comes

However many files an ingest is given, it holds the one being written and at most ``window`` more
(read, being parsed, or parsed and waiting for their turn), so its memory does not grow with their
number; a file is dropped as soon as the store has written it. (The vector index the store writes
to is another matter: embedded Chroma keeps its HNSW graph in memory, about 1.2 KB a distinct
64-dimension text; with ``--chroma-url`` that lives in the server.)
"""

from __future__ import annotations

import ctypes
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.db import DocumentRow
from ingest.errors import DocumentError
from ingest.read import SourceText, read_source
from ingest.records import DocumentRecords

WINDOW_PER_WORKER = 2  # parsed documents waiting per worker process: enough to keep each one busy
TRIM_EVERY = 50  # files between handing freed memory back to the system


@dataclass(frozen=True)
class Known:
    """A file the database already holds, parsed by this parser: its row and its report summary."""

    row: DocumentRow
    summary: dict


@dataclass
class Pending:
    """One file on its way through an ingest."""

    path: str  # as given, for messages
    source: SourceText
    known: Known | None = None
    records: DocumentRecords | None = None
    error: DocumentError | None = None
    embedded: int = 0  # passages a worker process embedded into the cache while parsing

    @property
    def doc_id(self) -> str:
        return self.known.row.id if self.known else self.records.info.id  # type: ignore[union-attr]


def window(workers: int) -> int:
    """How many files an ingest with ``workers`` processes holds besides the one being written."""
    return 0 if workers <= 1 else workers * WINDOW_PER_WORKER


def stream(
    paths: Sequence[str | Path],
    *,
    known: Callable[[SourceText], Known | None],
    parse: Callable[[SourceText], DocumentRecords],
    workers: int,
    embedder: str,
    cache: Path,
    errors: list[str],
) -> Iterator[Pending]:
    """Each readable file of ``paths`` in order, known or parsed (or with its parse error); a file
    that cannot be read goes to ``errors``. ``workers`` > 1 parses in that many processes, each
    embedding what it parsed into ``cache`` with one thread."""
    n = 0
    for item in _flow(paths, known=known, parse=parse, workers=workers, embedder=embedder, cache=cache, errors=errors):
        yield item
        del item  # written by now: not kept while the next file is parsed
        n += 1
        if n % TRIM_EVERY == 0:
            release_memory()


def release_memory() -> None:
    """Hand freed heap memory back to the system. glibc keeps what other threads freed (Chroma's
    writer threads) in their own arenas: without this the process grows by a few MB every hundred
    documents beyond what the vector index itself needs."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: its allocator decides
        pass


def _flow(paths, *, known, parse, workers, embedder, cache, errors) -> Iterator[Pending]:
    if workers <= 1 or len(paths) < 2:
        for item in _read(paths, known, errors):
            if item.known is None:
                try:
                    item.records = parse(item.source)
                except DocumentError as exc:
                    item.error = exc
            yield item
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # a clean process: no inherited threads or Chroma
    queue: deque[tuple[Pending, Future | None]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start, initargs=(embedder, str(cache))) as pool:
        try:
            for item in _read(paths, known, errors):
                queue.append((item, None if item.known else pool.submit(_worker_parse, item.source)))
                while len(queue) > window(workers):
                    yield _done(*queue.popleft())
            while queue:
                yield _done(*queue.popleft())
        finally:
            for _, future in queue:  # an ingest stopped by an error: what was not written is dropped
                if future is not None:
                    future.cancel()
            queue.clear()


def _read(paths: Sequence[str | Path], known: Callable[[SourceText], Known | None], errors: list[str]) -> Iterator[Pending]:
    for path in paths:
        try:
            src = read_source(path)
        except DocumentError as exc:
            errors.append(f"{path}: {exc}")
            continue
        except OSError as exc:
            errors.append(f"{path}: {exc.strerror or exc}; nothing was changed in the store.")
            continue
        yield Pending(str(path), src, known=known(src))


def _done(item: Pending, future) -> Pending:
    if future is not None:
        result, item.embedded = future.result()
        if isinstance(result, DocumentError):
            item.error = result
        else:
            item.records = result
    return item


# -- worker processes -------------------------------------------------------------------------------
_WORKER: dict = {}


def _worker_start(embedder_spec: str, cache_path: str) -> None:
    from ingest.embed import make_embedder, pin_threads

    pin_threads(1)
    _WORKER["embedder"] = make_embedder(embedder_spec)
    _WORKER["cache"] = Path(cache_path)


def _worker_parse(src: SourceText) -> tuple[DocumentRecords | DocumentError, int]:
    """Parse one file, and embed its passages into the shared cache (the main process then finds
    every vector there): the records, or the file's error, and how many passages were embedded."""
    from ingest.embed import EmbeddingCache, embed_with_cache
    from ingest.passages import text_hash
    from ingest.pipeline import parse_source

    try:
        rec = parse_source(src)
    except DocumentError as exc:
        return exc, 0
    texts = {text_hash(p.text): p.text for p in rec.passages}
    embedded = 0
    if texts:
        cache = EmbeddingCache(_WORKER["cache"], _WORKER["embedder"].key)
        try:
            _, embedded = embed_with_cache(_WORKER["embedder"], cache, texts, progress=False)
        finally:
            cache.close()
    return rec, embedded
