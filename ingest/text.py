"""Text that remembers where each character came from, so citations point at original lines.

Rejoining a wrapped paragraph or cleaning it up (dropping ``**``, LaTeX ``$``, spaces inside
Chinese words) produces a new :class:`Traced` whose characters still map to (line, column).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = re.compile(rf"[{CJK}（）()【】《》“”‘’、，。：；！？·—]")


@dataclass(frozen=True)
class Traced:
    text: str
    origin: tuple[tuple[int, int], ...]  # (line, column) of each character; line is 1-based

    @staticmethod
    def from_line(line_no: int, text: str, start: int = 0) -> Traced:
        return Traced(text, tuple((line_no, start + i) for i in range(len(text))))

    @staticmethod
    def join(parts: list[Traced], sep: str = "") -> Traced:
        text, origin = [], []
        for i, part in enumerate(parts):
            if i and sep:
                text.append(sep)
                prev = origin[-1] if origin else part.origin[0]
                origin.extend([prev] * len(sep))
            text.append(part.text)
            origin.extend(part.origin)
        return Traced("".join(text), tuple(origin))

    @staticmethod
    def concat(pieces: list[tuple[str, Traced]]) -> Traced:
        """Join ``(separator, piece)`` pairs, each piece after its own separator (the first one's
        is dropped); a separator takes the origin of the character before it. One pass over
        everything, however many pieces (a paragraph of many lines is joined once, not per line).
        """
        text: list[str] = []
        origin: list[tuple[int, int]] = []
        for i, (sep, part) in enumerate(pieces):
            if i and sep:
                text.append(sep)
                prev = origin[-1] if origin else (part.origin[0] if part.origin else (0, 0))
                origin.extend([prev] * len(sep))
            text.append(part.text)
            origin.extend(part.origin)
        return Traced("".join(text), tuple(origin))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, item: slice) -> Traced:
        return Traced(self.text[item], self.origin[item])

    def strip(self, chars: str | None = None) -> Traced:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self[left:right] if right > left else Traced("", ())

    @property
    def line_start(self) -> int:
        return self.origin[0][0]

    @property
    def line_end(self) -> int:
        return self.origin[-1][0]

    def lines(self) -> tuple[int, int]:
        return self.line_start, self.line_end

    def finditer(self, pattern: re.Pattern[str]):
        return pattern.finditer(self.text)

    def split(self, pattern: re.Pattern[str], keep: bool = True) -> list[Traced]:
        """Split after each match of ``pattern`` (kept at the end of its piece when ``keep``)."""
        pieces, start = [], 0
        for m in pattern.finditer(self.text):
            end = m.end() if keep else m.start()
            if end > start:
                pieces.append(self[start:end])
            start = m.end()
        if start < len(self.text):
            pieces.append(self[start:])
        return [p for p in pieces if p.text.strip()]


_SPECIAL = re.compile(r"[\\*$\f\t\u3000\xa0０１２３４５６７８９．，％－＋＝＜＞]")
_SPACE_RUN = re.compile(r" +")
_REPLACEMENTS = (("\\geq", "≥"), ("\\leq", "≤"), ("\\%", "%"), ("**", ""), ("$", ""), ("\f", " "))


def normalize(t: Traced) -> Traced:
    """Clean PDF-to-text debris for parsing, keeping origins.

    - Markdown emphasis ``**`` and LaTeX ``$ … $`` wrappers are dropped; ``\\geq`` → ≥, ``\\%`` → %.
    - Full-width digits and ASCII-izable forms are folded (NFKC) except Chinese punctuation.
    - Spaces between two Chinese characters (narrow-column wraps) are dropped; runs of spaces
      become one.

    Text without debris is passed through whole, and spaces are handled run by run, so that
    cleaning stays a small cost per line however long the text.
    """
    text, origin = t.text, t.origin
    if _SPECIAL.search(text):
        text, origin = _replace_debris(text, origin)
    if " " in text:
        text, origin = _squeeze_spaces(text, origin)
    return Traced(text, tuple(origin)).strip()


_FOLD = str.maketrans({**{c: unicodedata.normalize("NFKC", c) for c in "０１２３４５６７８９．，％－＋＝＜＞"}, "\u3000": " ", "\xa0": " ", "\t": " ", "\f": " "})
_DEBRIS = re.compile("|".join(re.escape(old) for old, _ in _REPLACEMENTS if old != "\f"))  # in order: \\geq before \\%
_REPLACED = dict(_REPLACEMENTS)


def _replace_debris(text: str, origin) -> tuple[str, list[tuple[int, int]]]:
    """Markup dropped or replaced (what replaces it takes the origin of its first character), then
    characters folded one for one (their origins unchanged)."""
    out: list[str] = []
    org: list[tuple[int, int]] = []
    done = 0
    for m in _DEBRIS.finditer(text):
        out.append(text[done : m.start()].translate(_FOLD))
        org.extend(origin[done : m.start()])
        new = _REPLACED[m.group(0)]
        out.append(new)
        org.extend([origin[m.start()]] * len(new))
        done = m.end()
    out.append(text[done:].translate(_FOLD))
    org.extend(origin[done:])
    return "".join(out), org


def _squeeze_spaces(text: str, origin) -> tuple[str, list[tuple[int, int]]]:
    """A run of spaces becomes one, or none between two Chinese characters or punctuation marks."""
    out: list[str] = []
    org: list[tuple[int, int]] = []
    done = 0
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        out.append(text[done:start])
        org.extend(origin[done:start])
        prev = text[start - 1] if start else ""
        nxt = text[end] if end < len(text) else ""
        if not (prev and nxt and _CJK_OR_PUNCT.match(prev) and _CJK_OR_PUNCT.match(nxt)):
            out.append(" ")
            org.append(origin[start])
        done = end
    out.append(text[done:])
    org.extend(origin[done:])
    return "".join(out), org


def squash(text: str) -> str:
    """Plain-string version of :func:`normalize` (for cells and names)."""
    if not text:
        return ""
    return normalize(Traced.from_line(0, text)).text


def quote(lines: list[str], line_start: int, line_end: int) -> str:
    """Verbatim text of lines ``line_start..line_end`` with line breaks and blank lines dropped."""
    return "".join(line for line in lines[line_start - 1 : line_end] if line.strip())


def quote_span(lines: list[str], t: Traced) -> str:
    """Verbatim original text from the first to the last character of ``t``."""
    (l0, c0), (l1, c1) = t.origin[0], t.origin[-1]
    if l0 == l1:
        return lines[l0 - 1][c0 : c1 + 1]
    parts = [lines[l0 - 1][c0:]]
    parts += [line for line in lines[l0 : l1 - 1] if line.strip()]
    parts.append(lines[l1 - 1][: c1 + 1])
    return "".join(parts)
