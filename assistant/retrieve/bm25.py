"""BM25 over jieba tokens (bm25s), with the document's own terms added to jieba's dictionary."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np

from assistant.retrieve.base import Scored
from assistant.text import fold
from ingest.files import atomic_write

_jieba = None
STOP = set("的 了 是 在 和 与 及 等 为 有 中 对 从 其 之 或 也 呢 吗 吧 啊 多少 什么 怎么 哪些 一下 请问 我们 你们 这个 那个".split())


def tokenizer(cache_dir: Path | None = None, words: list[str] | None = None):
    """jieba with its dictionary cache in our data dir (so it is built once per machine)."""
    global _jieba
    if _jieba is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        if cache_dir is not None:
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                jieba.dt.tmp_dir = str(cache_dir)
            except OSError:  # a read-only store: jieba keeps its cache in the system's temporary folder
                pass
        _jieba = jieba
    for w in words or []:
        _jieba.add_word(w)
    return _jieba


def tokens(text: str) -> list[str]:
    jieba = tokenizer()
    out = []
    for tok in jieba.lcut_for_search(fold(text)):
        tok = tok.strip()
        if not tok or tok in STOP or re.fullmatch(r"[\W_]+", tok):
            continue
        out.append(tok)
    return out


class BM25Retriever:
    def __init__(self, passages: list, cache_dir: Path | None = None, words: list[str] | None = None):
        import bm25s

        tokenizer(cache_dir, words)
        self.ids = [p.id for p in passages]
        self.docs = np.array([p.doc for p in passages])
        self.index = bm25s.BM25()
        cache = TokenCache(cache_dir / "passage-tokens.json" if cache_dir else None, words or [])
        self.index.index([cache.tokens(p.id, p.text) or ["∅"] for p in passages], show_progress=False)
        cache.save()

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]:
        q = tokens(query)
        if not q:
            return []
        scores = self.index.get_scores(q)
        if docs:
            scores = np.where(np.isin(self.docs, docs), scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [Scored(self.ids[i], float(scores[i]), "bm25") for i in order if scores[i] > 0]


class TokenCache:
    """Passage tokens kept beside jieba's cache, keyed by passage id (a hash of the passage's text),
    so a store of many documents is not re-tokenized at every start. Added dictionary words change
    the tokens, so they key the whole file; a cache that cannot be read or written is skipped."""

    def __init__(self, path: Path | None, words: list[str]):
        self.path = path
        self.key = hashlib.sha256("\n".join(sorted(set(words))).encode("utf-8")).hexdigest()[:16]
        self.cached: dict[str, list[str]] = {}
        self.used: dict[str, list[str]] = {}
        self.changed = False
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("key") == self.key and isinstance(data.get("tokens"), dict):
                    self.cached = data["tokens"]
            except (OSError, ValueError, AttributeError):
                self.cached = {}

    def tokens(self, passage_id: str, text: str) -> list[str]:
        got = self.cached.get(passage_id)
        if not isinstance(got, list):
            got, self.changed = tokens(text), True
        self.used[passage_id] = got
        return got

    def save(self) -> None:
        if self.path is None or not (self.changed or len(self.used) != len(self.cached)):
            return
        try:
            atomic_write(self.path, json.dumps({"key": self.key, "tokens": self.used}, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only store: tokenize again next time
