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


def normalize(t: Traced) -> Traced:
    """Clean PDF-to-text debris for parsing, keeping origins.

    - Markdown emphasis ``**`` and LaTeX ``$ … $`` wrappers are dropped; ``\\geq`` → ≥, ``\\%`` → %.
    - Full-width digits and ASCII-izable forms are folded (NFKC) except Chinese punctuation.
    - Spaces between two Chinese characters (narrow-column wraps) are dropped; runs of spaces
      become one.
    """
    text, origin = t.text, t.origin
    out: list[str] = []
    org: list[tuple[int, int]] = []
    i = 0
    replacements = (("\\geq", "≥"), ("\\leq", "≤"), ("\\%", "%"), ("**", ""), ("$", ""), ("\f", " "))
    while i < len(text):
        for old, new in replacements:
            if text.startswith(old, i):
                for ch in new:
                    out.append(ch)
                    org.append(origin[i])
                i += len(old)
                break
        else:
            ch = text[i]
            if ch in "０１２３４５６７８９．，％－＋＝＜＞":
                ch = unicodedata.normalize("NFKC", ch)
            elif ch in "\u3000\xa0\t":
                ch = " "
            out.append(ch)
            org.append(origin[i])
            i += 1
    # second pass: spaces
    res: list[str] = []
    rorg: list[tuple[int, int]] = []
    for j, ch in enumerate(out):
        if ch == " ":
            if res and res[-1] == " ":
                continue
            prev = res[-1] if res else ""
            nxt = next((c for c in out[j + 1 :] if c != " "), "")
            if prev and nxt and _CJK_OR_PUNCT.match(prev) and _CJK_OR_PUNCT.match(nxt):
                continue
        res.append(ch)
        rorg.append(org[j])
    return Traced("".join(res), tuple(rorg)).strip()


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
