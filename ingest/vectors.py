"""The Chroma collection of passage vectors: embedded ``PersistentClient`` or a Chroma server.

Vectors come from our own embedder (via :mod:`ingest.embed`), never from Chroma's default
embedding function, which would download a model. Telemetry is off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ingest.config import quiet_third_parties
from ingest.errors import StoreError
from ingest.embed import Embedder, make_embedder

HNSW = {"space": "cosine", "ef_search": 500, "ef_construction": 500}
_EF_REGISTERED = False


def chroma_embedding_function(spec: str):
    """A Chroma embedding function for ``spec``, registered so a reopened collection resolves it."""
    global _EF_REGISTERED
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    if not _EF_REGISTERED:

        @register_embedding_function
        class DisclosureQAEmbeddingFunction(EmbeddingFunction[Documents]):
            def __init__(self, spec: str = "e5"):
                self.spec = spec
                self._embedder: Embedder | None = None

            def _model(self) -> Embedder:
                if self._embedder is None:
                    self._embedder = make_embedder(self.spec)
                return self._embedder

            def __call__(self, input: Documents) -> Embeddings:
                vectors = []
                texts = list(input)
                for i in range(0, len(texts), 32):
                    vectors.extend(self._model().embed_passages(texts[i : i + 32]))
                return [np.asarray(v, dtype=np.float32) for v in vectors]

            def embed_query(self, input: Documents) -> Embeddings:
                return [self._model().embed_query(t) for t in input]

            @staticmethod
            def name() -> str:
                return "disclosure-qa"

            def get_config(self) -> dict:
                return {"spec": self.spec}

            @staticmethod
            def build_from_config(config: dict) -> "DisclosureQAEmbeddingFunction":
                return DisclosureQAEmbeddingFunction(config.get("spec", "e5"))

            def is_legacy(self) -> bool:
                return False

        globals()["DisclosureQAEmbeddingFunction"] = DisclosureQAEmbeddingFunction
        _EF_REGISTERED = True
    return globals()["DisclosureQAEmbeddingFunction"](spec)


def server_address(chroma_url: str) -> tuple[str, int, bool]:
    """(host, port, https) of a Chroma server URL; a malformed one is named."""
    u = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    try:
        port = u.port
    except ValueError:
        port = -1
    if not u.hostname or port == -1:
        raise StoreError(f"bad Chroma URL {chroma_url!r}; use http://HOST:PORT, e.g. http://127.0.0.1:8000")
    return u.hostname, port or 8000, u.scheme == "https"


def make_client(data_dir: Path, chroma_url: str | None):
    """An embedded client in ``data_dir/chroma`` or an HTTP client for ``chroma_url``."""
    quiet_third_parties()
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        host, port, ssl = server_address(chroma_url)
        try:
            return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
        except Exception as exc:  # noqa: BLE001 - chromadb raises ValueError or httpx errors when nobody answers
            raise StoreError(
                f"cannot reach the Chroma server at {chroma_url} ({type(exc).__name__}: {exc}); start it "
                "(e.g. `chroma run --host 127.0.0.1 --port 8000 --path DIR`) or drop --chroma-url / "
                "DISCLOSURE_QA_CHROMA_URL to use the store's embedded index."
            ) from exc
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


def release_embedded(data_dir: Path) -> None:
    """Forget this process's Chroma instance for ``data_dir/chroma``.

    chromadb keeps one instance per path for the life of the process, including one that failed to
    open a corrupted directory; a client made after the directory is rebuilt would get that broken
    instance back ("'RustBindingsAPI' object has no attribute 'bindings'") instead of a fresh one.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = str(data_dir / "chroma")
    system = SharedSystemClient._identifier_to_system.pop(identifier, None)
    SharedSystemClient._identifier_to_refcount.pop(identifier, None)
    if system is not None:
        try:
            system.stop()
        except Exception:  # noqa: BLE001, S110 - a broken instance may not stop cleanly; it is dropped either way
            pass


class VectorIndex:
    """Passage vectors in one Chroma collection, one per distinct text: ids are text hashes, the
    metadata names the first document with that text and marks text that several documents share
    (template boilerplate), so a search within some documents also finds the shared text."""

    def __init__(self, client, collection_name: str, embedder_spec: str):
        self.client = client
        self.name = collection_name
        self.collection = client.get_or_create_collection(
            collection_name,
            embedding_function=chroma_embedding_function(embedder_spec),
            configuration={"hnsw": HNSW},
            metadata={"app": "disclosure-qa"},
        )

    def count(self) -> int:
        return self.collection.count()

    def existing(self, ids: list[str]) -> dict[str, dict]:
        """Which of ``ids`` are stored: id → its metadata (the document that first had the text,
        and whether others share it)."""
        out: dict[str, dict] = {}
        for i in range(0, len(ids), 500):
            got = self.collection.get(ids=ids[i : i + 500], include=["metadatas"])
            for pid, meta in zip(got["ids"], got["metadatas"] or []):
                out[pid] = dict(meta or {})
        return out

    def mark_shared(self, metas: dict[str, dict]) -> None:
        """Mark the texts ``metas`` names (id → its stored metadata) as shared by several documents."""
        ids = sorted(metas)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            self.collection.update(ids=chunk, metadatas=[{**metas[h], "shared": True} for h in chunk])

    def all_ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def id_pages(self, size: int = 50_000) -> Iterator[list[str]]:
        """Every stored id, ``size`` at a time (an index of any size is walked in bounded memory;
        each page costs as much as the ids before it, so pages are large)."""
        offset = 0
        while True:
            ids = self.collection.get(include=[], limit=size, offset=offset)["ids"]
            if not ids:
                return
            yield ids
            offset += len(ids)

    def upsert(self, ids: list[str], vectors: list[np.ndarray], texts: list[str], metas: list[dict]) -> None:
        for i in range(0, len(ids), 256):
            self.collection.upsert(
                ids=ids[i : i + 256],
                embeddings=[np.asarray(v, dtype=np.float32) for v in vectors[i : i + 256]],
                documents=texts[i : i + 256],
                metadatas=metas[i : i + 256],
            )

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 500):
            self.collection.delete(ids=ids[i : i + 500])

    def query(self, vector: np.ndarray, k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        where = doc_filter(docs)
        res = self.collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, where=where, include=["distances"])
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(res["ids"][0], res["distances"][0])]


def doc_filter(docs: list[str] | None) -> dict | None:
    """Chroma's ``where`` for the texts of ``docs``: their own, and those several documents share."""
    if not docs:
        return None
    own = {"doc": docs[0]} if len(docs) == 1 else {"doc": {"$in": docs}}
    return {"$or": [own, {"shared": True}]}
