"""BM25 over jieba tokens (bm25s): one small index per set of documents a question goes to.

The tokens of every passage are computed once, at ingest, and stored with it; a question's
documents get an index of their own passages when first searched (the last few are kept). Over
many documents at once, the database's full-text search takes over.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from assistant.retrieve.base import Scored
from ingest.tokens import tokenizer, tokens

KEPT = 8
MANY = 50  # more documents than this are searched with the database's full-text index


class PassageIndex:
    """BM25 over given (passage id, document, tokens)."""

    def __init__(self, entries: list[tuple[str, str, list[str]]]):
        import bm25s

        self.ids = [pid for pid, _, _ in entries]
        self.docs = np.array([doc for _, doc, _ in entries])
        self.index = bm25s.BM25()
        self.index.index([toks or ["∅"] for _, _, toks in entries] or [["∅"]], show_progress=False)

    def retrieve(self, query_tokens: list[str], k: int, docs: list[str] | None = None) -> list[Scored]:
        if not query_tokens or not self.ids:
            return []
        scores = self.index.get_scores(query_tokens)
        if docs:
            scores = np.where(np.isin(self.docs, docs), scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [Scored(self.ids[i], float(scores[i]), "bm25") for i in order if scores[i] > 0]


class BM25Retriever:
    """Keyword search over a library's passages, restricted to the documents asked about."""

    def __init__(self, library, cache_dir=None):
        self.library = library
        self.cache_dir = cache_dir
        self._indexes: OrderedDict[tuple[str, ...], PassageIndex] = OrderedDict()
        self._lock = threading.Lock()

    def _index(self, docs: tuple[str, ...]) -> PassageIndex:
        with self._lock:
            got = self._indexes.get(docs)
            if got is not None:
                self._indexes.move_to_end(docs)
                return got
        index = PassageIndex(self.library.passage_tokens(list(docs)))
        with self._lock:
            self._indexes[docs] = index
            while len(self._indexes) > KEPT:
                self._indexes.popitem(last=False)
        return index

    def words(self, docs: list[str]) -> list[str]:
        """A document's own terms (glossary, project names) that jieba should keep whole."""
        out: list[str] = []
        for d in docs[:MANY]:
            rec = self.library.records(d)
            out += [g.term for g in rec.glossary] + [t.name for t in rec.tables]
        return out

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]:
        docs = list(docs) if docs else list(self.library.ids)
        tokenizer(self.cache_dir, self.words(docs))
        q = tokens(query)
        if not q:
            return []
        if len(docs) > MANY:
            return [Scored(pid, score, "bm25") for pid, score in self.library.search_passages(q, docs, k)]
        return self._index(tuple(sorted(docs))).retrieve(q, k)
