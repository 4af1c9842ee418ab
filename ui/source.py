"""The document around a citation, with the quoted text highlighted.

>>> view = around(["甲", "", "乙：100 万元。丙", "丁"], 3, 3, "乙：100 万元。", lines_around=2)
>>> [(line.number, line.marks) for line in view.lines]
[(1, ()), (3, ((0, 9),)), (4, ())]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from assistant.answer import Citation


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the ingested file
    text: str
    marks: tuple[tuple[int, int], ...] = ()  # character spans of the quote in this line
    cited: bool = False  # inside the cited line range


@dataclass(frozen=True)
class SourceView:
    lines: list[SourceLine]
    found: bool  # the quote was located verbatim inside the cited lines


def around(lines: list[str], line_start: int, line_end: int, quote: str, *, lines_around: int = 3) -> SourceView:
    """The non-blank lines from ``lines_around`` before the citation to as many after it."""
    first = max(1, line_start - lines_around)
    last = min(len(lines), line_end + lines_around)
    marks = _quote_marks(lines, line_start, line_end, quote)
    shown = [
        SourceLine(n, lines[n - 1], tuple(marks.get(n, ())), line_start <= n <= line_end)
        for n in range(first, last + 1)
        if lines[n - 1].strip()
    ]
    return SourceView(shown, found=bool(marks))


def _quote_marks(lines: list[str], line_start: int, line_end: int, quote: str) -> dict[int, list[tuple[int, int]]]:
    """Where ``quote`` sits in the cited lines; quotes join non-blank lines without line breaks."""
    joined, owners = "", []  # owners[i] = (line number, column) of joined[i]
    for n in range(line_start, line_end + 1):
        text = lines[n - 1] if 0 < n <= len(lines) else ""
        if text.strip():
            joined += text
            owners += [(n, col) for col in range(len(text))]
    at = joined.find(quote) if quote else -1
    if at < 0:
        return {}
    marks: dict[int, list[tuple[int, int]]] = {}
    for n, col in owners[at : at + len(quote)]:
        spans = marks.setdefault(n, [])
        if spans and spans[-1][1] == col:
            spans[-1] = (spans[-1][0], col + 1)
        else:
            spans.append((col, col + 1))
    return marks


def for_citation(kb, citation: Citation, *, lines_around: int = 3) -> SourceView | None:
    """The view of a citation's document, or None when that document is not loaded."""
    if citation.doc not in kb.docs:
        return None
    lines = kb.doc(citation.doc).lines
    start, end = kb.lines_of(citation)
    return around(lines, start, end, citation.quote, lines_around=lines_around)


def source_html(view: SourceView | None) -> str:
    """Numbered original lines; the quote in <mark>, or the whole cited lines when it was not found."""
    if view is None:
        return '<div class="dqa-source dqa-muted">原文不在当前载入的文件中。</div>'
    rows = []
    for line in view.lines:
        css = "dqa-line dqa-cited" if line.cited else "dqa-line"
        if line.cited and not view.found:
            body = f"<mark>{_cell_text(line.text)}</mark>"
        else:
            body = _marked(line.text, line.marks)
        rows.append(f'<div class="{css}"><span class="dqa-ln">{line.number}</span><span class="dqa-lt">{body}</span></div>')
    return '<div class="dqa-source">' + "".join(rows) + "</div>"


def _marked(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    out, pos = [], 0
    for start, end in marks:
        out.append(_cell_text(text[pos:start]))
        out.append(f"<mark>{_cell_text(text[start:end])}</mark>")
        pos = end
    out.append(_cell_text(text[pos:]))
    return "".join(out)


def _cell_text(text: str) -> str:
    # table rows are tab-separated in the ingested text; show the cell boundaries
    return re.sub(r"\t+", '<span class="dqa-tab"> │ </span>', escape(text))
