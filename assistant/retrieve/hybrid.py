"""BM25 + dense, fused by rank (LangChain's retriever over it is in ``assistant.retrieve.documents``)."""

from __future__ import annotations

import sys
import threading

from assistant.retrieve.base import Scored
from assistant.retrieve.fusion import fuse


class Hybrid:
    """Fuses a keyword and a dense retriever; if the dense side fails, keyword search carries on."""

    def __init__(self, bm25, dense_factory, warn=None):
        self.bm25 = bm25
        self._dense_factory = dense_factory
        self._dense = None
        self.dense_failed: str | None = None
        self._lock = threading.Lock()  # a warm-up thread and a question may both ask for it first
        self.warn = warn or (lambda m: print(f"warning: {m}", file=sys.stderr))

    def dense(self):
        with self._lock:
            if self._dense is None and self.dense_failed is None:
                try:
                    self._dense = self._dense_factory()
                except Exception as exc:  # noqa: BLE001 - any embedder/Chroma failure degrades to BM25
                    self.dense_failed = f"{type(exc).__name__}: {exc}"
                    self.warn(f"dense retrieval is unavailable ({self.dense_failed}); using keyword search only")
            return self._dense

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]:
        depth = max(k * 4, 20)
        keyword = self.bm25.retrieve(query, depth, docs)
        dense = self.dense()
        vector: list[Scored] = []
        if dense is not None:
            try:
                vector = dense.retrieve(query, depth, docs)
            except Exception as exc:  # noqa: BLE001
                self.dense_failed = f"{type(exc).__name__}: {exc}"
                self._dense = None
                self.warn(f"dense retrieval failed ({self.dense_failed}); using keyword search only")
        if not vector:
            return keyword[:k]
        return fuse([keyword, vector], k)
