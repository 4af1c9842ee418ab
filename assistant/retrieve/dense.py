"""Dense retrieval: Chroma (through LangChain's vector store) over the whole library, and the
stored vectors of the few documents a question goes to.

A question routed to a few documents needs only their passages' vectors: those are read by text
hash from the embedding cache the store keeps beside Chroma and compared with the question's
vector (a few hundred dot products). Chroma — whose embedded index is loaded whole, 0.5 GB at
10,000 documents — is opened only for a search over more documents than that, or when the cache
lacks a passage's vector (a store filled on another machine, a cache set aside as corrupted).
"""

from __future__ import annotations

import sqlite3
import threading

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.retrieve.base import Scored
from assistant.retrieve.bm25 import MANY as FEW  # as for keywords: this many documents are searched here, more by the engine


class EmbedderAdapter(Embeddings):
    """Our embedder behind LangChain's Embeddings interface."""

    def __init__(self, embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, v)) for v in self.embedder.embed_passages(texts)]

    def embed_query(self, text: str) -> list[float]:
        return list(map(float, self.embedder.embed_query(text)))


class DenseRetriever:
    """Chroma holds one vector per distinct text (ids are text hashes); the hits are turned back
    into the passages of the documents asked about."""

    def __init__(self, store, library):
        self.store = store
        self.library = library
        self._vectorstore = None
        self._cache = None
        self._lock = threading.Lock()

    @property
    def vectorstore(self):
        """LangChain's Chroma over the store's collection, opened (and checked) on first use."""
        with self._lock:
            if self._vectorstore is None:
                from langchain_chroma import Chroma

                self.store.check_vectors()
                index = self.store.index()
                self._vectorstore = Chroma(client=index.client, collection_name=index.name, embedding_function=EmbedderAdapter(self.store.embedder))
            return self._vectorstore

    def warm(self) -> None:
        """Load the embedder now (the first question would otherwise wait for it); Chroma is
        opened only when a search needs it."""
        self.store.embedder.embed_query("预热")

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]:
        if not docs and len(self.library.ids) <= FEW:
            docs = list(self.library.ids)
        if docs and len(docs) <= FEW:
            found = self._stored(query, k, docs)
            if found is not None:
                return found
        return self._chroma(query, k, docs)

    def _stored(self, query: str, k: int, docs: list[str]) -> list[Scored] | None:
        """Cosine similarity of the question to each passage of ``docs``, from the vectors stored
        by text hash; None when one of them is not there (Chroma then answers)."""
        passages = self.library.passage_hashes(docs)
        if not passages:
            return []
        wanted = sorted({h for _, h in passages})
        with self._lock:
            if self._cache is None:
                self._cache = self.store.cached_vectors() or False
            if not self._cache:
                return None
            try:
                vectors = self._cache.get_many(wanted)
            except sqlite3.Error:  # a damaged cache: Chroma answers (and the next ingest replaces it)
                return None
        if len(vectors) < len(wanted):
            return None
        matrix = np.stack([vectors[h] for _, h in passages]).astype(np.float32)
        q = np.asarray(self.store.embedder.embed_query(query), dtype=np.float32)
        if matrix.shape[1] != q.shape[0]:
            return None
        norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(q) or 1.0)
        scores = matrix @ q / np.where(norms > 0, norms, 1.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [Scored(passages[i][0], float(scores[i]), "dense") for i in order]

    def _chroma(self, query: str, k: int, docs: list[str] | None) -> list[Scored]:
        from ingest.vectors import doc_filter

        hits = self.vectorstore.similarity_search_with_score(query, k=k, filter=doc_filter(docs))
        hashes = [doc.id for doc, _ in hits if doc.id]
        passages = self.library.passages_with_texts(hashes, docs)
        out = []
        for doc, distance in hits:
            for pid in passages.get(doc.id or "", []):
                out.append(Scored(pid, 1.0 - float(distance), "dense"))
        return out[:k]
