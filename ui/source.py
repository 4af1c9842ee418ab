"""Where a citation points: the text lines around it, or the PDF page with the cited box.

>>> view = around(["甲", "", "乙：100 万元。丙", "丁"], 3, 3, "乙：100 万元。", lines_around=2)
>>> [(line.number, line.marks) for line in view.lines]
[(1, ()), (3, ((0, 9),)), (4, ())]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from assistant.answer import Citation, document_label
from ui.text import nums

PANEL_LINES_AROUND = 4  # text lines shown before and after a cited text passage


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


@dataclass(frozen=True)
class CiteView:
    """One citation as the page shows it: its document's name, and what the panel opens onto."""

    citation: Citation
    document: str | None = None  # "某市甲区甲局 2024 年度" when the store holds several documents
    page: dict = field(default_factory=dict)  # for a PDF: doc, page, end, pages, box (percent), v, ratio
    context: str = ""  # for a text: the lines around the quote, as HTML


def unique_citations(citations: list[Citation]) -> list[Citation]:
    """Citations without repeats: the same document, place and quote counts once."""
    seen, out = set(), []
    for c in citations:
        key = (c.doc, c.page, c.page_end, c.line_start, c.line_end, re.sub(r"\s+", "", c.quote))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


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


def text_view(records, citation: Citation, *, lines_around: int = PANEL_LINES_AROUND) -> SourceView:
    """The lines of a text document around ``citation`` (``records``: its DocumentRecords)."""
    start = records.line_number(citation.page, citation.line_start)
    end = max(start, records.line_number(citation.page_end or citation.page, citation.line_end))
    return around(records.lines, start, end, citation.quote, lines_around=lines_around)


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
    return '<span class="dqa-tab"> │ </span>'.join(nums(part) for part in re.split(r"\t+", text))


def page_payload(citation: Citation, n: int, geometry: list, version: str) -> dict:
    """What the page panel needs to show a PDF citation: the page, the page count, the box."""
    from ui.pages import to_percent

    page = citation.page or 1
    payload = {"n": n, "kind": "pdf", "doc": citation.doc, "page": page, "end": citation.page_end, "pages": len(geometry), "v": version[:12], "box": None, "ratio": None}
    if 1 <= page <= len(geometry):
        g = geometry[page - 1]
        turned = g.rotation in (90, 270)
        payload["ratio"] = round((g.width if turned else g.height) / (g.height if turned else g.width), 4)
        if citation.bbox and len(citation.bbox) == 4:
            payload["box"] = list(to_percent(citation.bbox, g))
    return payload


def cite_views(site, citations: list[Citation]) -> list[CiteView]:
    """The views of ``citations`` (already made unique) over ``site``'s documents."""
    library = site.bot.library
    infos = library.infos()
    several = len(infos) > 1
    out = []
    for n, c in enumerate(citations, 1):
        info = infos.get(c.doc)
        document = c.document or (document_label(info, spaced=True) if several and info else None)
        src = site.source(c.doc) if info is not None else None
        if src is not None:
            out.append(CiteView(c, document, page=page_payload(c, n, site.geometry(c.doc), src.version)))
            continue
        context = ""
        if info is not None:
            try:
                context = source_html(text_view(library.records(c.doc), c))
            except Exception:  # noqa: BLE001 - a damaged document shows its quote only
                context = source_html(None)
        out.append(CiteView(c, document, page={"n": n, "kind": "text" if context else "none"}, context=context))
    return out


def escape_attr(value: str) -> str:
    return escape(value, quote=True)
