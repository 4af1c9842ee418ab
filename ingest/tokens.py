"""Folding and word tokens of Chinese text, shared by ingestion (tokens stored with each passage)
and by questions (tokens to search with): jieba, with a document's own terms added."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_DROP = re.compile(r"[\"'“”‘’「」『』《》〈〉*_`·~]+")
_SPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9]")
STOP = set("的 了 是 在 和 与 及 等 为 有 中 对 从 其 之 或 也 呢 吗 吧 啊 多少 什么 怎么 哪些 一下 请问 我们 你们 这个 那个".split())
_jieba = None


def fold(text: str) -> str:
    """Fold text for matching: NFKC, lower case, no spaces or quotes, ASCII brackets.

    >>> fold("财政拨款“三公”经费 （境）")
    '财政拨款三公经费(境)'
    """
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("【", "(").replace("】", ")").replace("〔", "(").replace("〕", ")")
    text = _DROP.sub("", text)
    # spaces separate English words and numbers only; between Chinese characters they are noise
    return _SPACE.sub(lambda m: " " if _between_ascii(text, m.start(), m.end()) else "", text).strip()


def longest_common(a: str, b: str) -> int:
    """Length of the longest common substring (short strings only)."""
    return len(longest_common_run(a, b))


def longest_common_run(a: str, b: str) -> str:
    """The longest common substring of two short strings (the first found when several tie)."""
    if not a or not b:
        return ""
    best, end = 0, 0
    prev = [0] * (len(b) + 1)
    for i, ca in enumerate(a, 1):
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], i
        prev = cur
    return a[end - best : end]


def _between_ascii(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and bool(_ASCII_WORD.match(text[start - 1])) and bool(_ASCII_WORD.match(text[end]))


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
    """Search tokens of ``text``: jieba's search-mode words of the folded text, without stop words."""
    jieba = tokenizer()
    out = []
    for tok in jieba.lcut_for_search(fold(text)):
        tok = tok.strip()
        if not tok or tok in STOP or re.fullmatch(r"[\W_]+", tok):
            continue
        out.append(tok)
    return out
