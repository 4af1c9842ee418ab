"""Which documents are loaded: the list page, the selector that restricts questions, the header line."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from assistant.answer import document_label

ALL_DOCUMENTS = ""  # the selector's value for "every loaded document"


@dataclass(frozen=True)
class DocSummary:
    id: str
    title: str
    department: str
    year: int | None
    format: str  # pdf · text
    pages: int
    tables: int  # performance self-evaluation tables
    statement_rows: int
    figures: int
    passages: int
    coverage: str  # percent of the document's numbers found in records
    source_name: str


def summaries(bot) -> list[DocSummary]:
    """Every document of ``bot`` in store order: from the database rows when there is a store,
    else from the records in memory."""
    rows = getattr(bot.library, "rows", None)
    if rows is not None:
        return [
            DocSummary(r.id, r.title, r.department, r.year, r.format, r.pages, r.performance_tables, r.statement_rows, r.figures, r.passages, r.coverage, r.source_name)
            for r in rows
        ]
    out = []
    for doc in bot.library.ids:
        rec = bot.library.records(doc)
        rows_ = sum(len(t.rows) for t in rec.statements)
        out.append(
            DocSummary(doc, rec.info.title, rec.info.department, rec.info.year, rec.info.format, rec.info.pages, len(rec.tables), rows_,
                       len(rec.figures), len(rec.passages), str(rec.coverage.percent), rec.info.source_name)
        )
    return out


def short_name(d) -> str:
    return document_label(d, spaced=True)


def choices(bot) -> list[tuple[str, str]]:
    """(label, value) pairs for the document selector, "all documents" first."""
    return [("全部已载入的文件", ALL_DOCUMENTS)] + [(short_name(d), d.id) for d in summaries(bot)]


def restrict(choice: str | None, ids: list[str]) -> list[str] | None:
    """The ``docs`` argument of ``Assistant.ask`` for a selector value (None: every document)."""
    if not choice or choice == ALL_DOCUMENTS or choice not in ids:
        return None
    return [choice]


def loaded_line(bot) -> str:
    """One line for the page header: what the assistant answers from."""
    docs = summaries(bot)
    if not docs:
        return "尚未载入任何文件。"
    if len(docs) == 1:
        return f"依据：{docs[0].title}"
    return f"依据：已载入 {len(docs)} 份文件（可在“问答”页选择只问其中一份）"


def documents_html(bot) -> str:
    """A table of the loaded documents: department, year, pages, tables, coverage."""
    docs = summaries(bot)
    if not docs:
        return '<p class="dqa-muted">尚未载入任何文件。</p>'
    rows = "".join(
        f"<tr><td>{escape(d.department)}</td><td class=\"dqa-num\">{d.year or '—'}</td><td>{escape(d.title)}</td>"
        f"<td>{'PDF' if d.format == 'pdf' else '文本'}</td><td class=\"dqa-num\">{d.pages}</td><td class=\"dqa-num\">{d.statement_rows}</td>"
        f"<td class=\"dqa-num\">{d.tables}</td><td class=\"dqa-num\">{d.figures}</td><td class=\"dqa-num\">{escape(_percent(d.coverage))}</td>"
        f"<td>{escape(d.source_name)}</td></tr>"
        for d in docs
    )
    return (
        f'<p>共载入 {len(docs)} 份文件。回答中的每个数字都来自这些文件，并注明出处。</p>'
        '<div class="dqa-table-wrap" tabindex="0" role="region" aria-label="已载入的文件"><table class="dqa-table" id="dqa-doc-table"><thead><tr>'
        "<th>部门</th><th>年度</th><th>标题</th><th>格式</th><th>页数</th><th>报表行</th><th>绩效表</th><th>正文数字</th><th>覆盖率</th><th>文件名</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _percent(coverage: str) -> str:
    return f"{coverage}%" if coverage and not coverage.endswith("%") else (coverage or "—")
