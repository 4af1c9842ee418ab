"""Folding and fuzzy matching of Chinese text (questions against the document's subjects)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ingest.tokens import fold, longest_common, longest_common_run  # noqa: F401 - shared with ingestion

_TAGS = re.compile(r"<\s*(script|style)[^>]*>.*?<\s*/\s*\1\s*>|<[^>]{0,200}>", re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
# lone surrogates: what Python makes of input bytes that are not UTF-8; they cannot be written out
_SURROGATES = re.compile("[\ud800-\udfff]")


_TO_SIMPLIFIED = None


def simplified(text: str) -> str:
    """A question typed in traditional characters ("財政局 人員經費") in the simplified ones the
    documents are printed in (OpenCC's t2s table, loaded on first use)."""
    global _TO_SIMPLIFIED
    if text.isascii():
        return text
    if _TO_SIMPLIFIED is None:
        from opencc import OpenCC

        _TO_SIMPLIFIED = OpenCC("t2s")
    return _TO_SIMPLIFIED.convert(text)


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates dropped, so it can be written as UTF-8 (JSON, logs, the UI)."""
    return _SURROGATES.sub("", text)


def remove_words(text: str, words: Iterable[str], repl: str = " ") -> str:
    """``text`` without ``words``, the longest first (so "全年预算数" goes before "预算数")."""
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, repl)
    return text


def without(text: str, words: Iterable[str]) -> str:
    """``text`` without ``words`` (longest first), spaces squeezed."""
    return re.sub(r"\s+", " ", remove_words(text, words)).strip()


def clean_question(text: str) -> str:
    """Make a question safe to read: markup, control characters and emoji are dropped as text noise."""
    text = _TAGS.sub(" ", without_surrogates(text or ""))
    # format characters (Unicode Cf: zero-width joiners, soft hyphens, bidirectional marks and
    # isolates) are invisible: inside a word they must vanish, not split it or be echoed back
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _CONTROL.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


_BRACKETS = re.compile(r"[()（）]")
_CONJUNCTION = re.compile(r"[和与]")  # "购置和运行维护" names what "购置及运行维护" does


def _plain(text: str) -> str:
    return _CONJUNCTION.sub("及", _BRACKETS.sub("", text))


def grams(text: str) -> set[str]:
    """Character bigrams of the CJK runs and whole ASCII words/numbers of a folded text.

    Brackets do not break a run: "(事业单位)公用经费" is read as "事业单位公用经费".
    """
    out: set[str] = set()
    text = _plain(text)
    for run in re.findall(r"[\u3400-\u9fff]+", text):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w for w in re.findall(r"[a-z]+\d*|\d+(?:\.\d+)?", text) if len(w) > 1)
    return out


def ordered_grams(text: str) -> list[str]:
    """The CJK bigrams of a folded text in reading order (a new run starts after any other character)."""
    out: list[str] = []
    for run in re.findall(r"[\u3400-\u9fff]+", _plain(text)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.append("|")  # a break between runs
    return out


def longest_run(sequence: list[str], present: set[str]) -> int:
    """How many consecutive bigrams of ``sequence`` all occur in ``present``."""
    best = cur = 0
    for g in sequence:
        if g != "|" and g in present:
            cur += 1
            best = max(best, cur)
        else:
            cur = 0
    return best


class Idf:
    """Inverse document frequency of bigrams over the subjects of one store."""

    def __init__(self, texts: Iterable[str]):
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(grams(fold(t)))
        self.n = max(n, 1)
        # computed once: matching weighs every gram of every figure's names on every question
        self._weights = {g: math.log(1 + self.n / (1 + c)) for g, c in df.items()}
        self._unseen = math.log(1 + self.n)

    def weight(self, gram: str) -> float:
        return self._weights.get(gram, self._unseen)

    def total(self, gs: Iterable[str]) -> float:
        return sum(self.weight(g) for g in gs)


def coverage(question: set[str], subject: set[str], idf: Idf) -> tuple[float, float]:
    """(share of the subject the question mentions, share of the question the subject explains)."""
    common = question & subject
    if not common:
        return 0.0, 0.0
    w = idf.total(common)
    return w / max(idf.total(subject), 1e-9), w / max(idf.total(question), 1e-9)


def subsequence_run(question: str, name: str, *, anchored: bool = False) -> int:
    """The longest stretch of consecutive question characters found in order (with gaps) in ``name``.

    "购房补贴第二批" runs 7 characters through "购房财政补贴(第二批)": an abbreviation of the name.
    With ``anchored`` the stretch must start at the first character of ``question``.
    """
    best = 0
    for start in range(1 if anchored else len(question)):
        pos, run = 0, 0
        for ch in question[start:]:
            found = name.find(ch, pos)
            if found < 0:
                break
            pos, run = found + 1, run + 1
        best = max(best, run)
        if best >= len(question) - start:
            break
    return best


NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def number_said(said: str) -> int | None:
    """"3", "三", "十二" as a number (None when it is not one)."""
    if said.isdigit():
        return int(said)
    if len(said) == 1:
        return NUMERALS.get(said)
    if said.startswith("十") and len(said) == 2:
        return 10 + NUMERALS.get(said[1], 0)
    return None


def in_words(n: int, *, ordinal: bool = False) -> str:
    """A small count in words ("三", "两"; as a place, "二" of "第二"): a count the question said is
    no figure of the document."""
    return next((w for w, v in NUMERALS.items() if v == n and w != ("两" if ordinal else "二")), str(n))


# a place in a ranking: 第N (or 最, the first) with its direction; 倒数 counts from the other end
RANK_PLACE = re.compile(r"(?:倒数)?(?:第\s*(?P<place_n>[二三四五六七八九十\d]+)\s*|最)(?:大|多|高|小|少|低)")


# "年初没编预算、年中追加的X": which items, described — not the budget asked
UNBUDGETED = re.compile(r"年初(?:没有?|未)(?:编制?|安排|做)?(?:年初)?预算的?|(?:没有?|未)(?:编制?|安排|做)年初预算的?|年中追加的?")


def in_order(short: str, long: str) -> bool:
    """Every character of ``short`` in ``long``, in order ("年初结转和结余" in "年初财政拨款结转和结余")."""
    it = iter(long)
    return all(ch in it for ch in short)
