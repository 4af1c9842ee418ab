"""Which documents are loaded, and the choices of the selector that restricts questions to one."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

ALL_DOCUMENTS = ""  # the selector's value for "every loaded document"


@dataclass(frozen=True)
class DocSummary:
    id: str
    title: str
    department: str
    year: int | None
    figures: int
    tables: int
    passages: int
    lines: int


def summaries(kb) -> list[DocSummary]:
    return [
        DocSummary(
            id=r.info.id,
            title=r.info.title,
            department=r.info.department,
            year=r.info.year,
            figures=len(r.figures),
            tables=len(r.tables),
            passages=len(r.passages),
            lines=r.info.line_count,
        )
        for r in kb.records
    ]


def short_name(d: DocSummary) -> str:
    return f"{d.department} {d.year} 年度" if d.year else d.department


def choices(kb) -> list[tuple[str, str]]:
    """(label, value) pairs for the document selector, "all documents" first."""
    return [("全部已载入的文件", ALL_DOCUMENTS)] + [(short_name(d), d.id) for d in summaries(kb)]


def restrict(choice: str | None, kb) -> list[str] | None:
    """The ``docs`` argument of ``Assistant.ask`` for a selector value (None: every document)."""
    if not choice or choice == ALL_DOCUMENTS or choice not in kb.docs:
        return None
    return [choice]


def loaded_line(kb) -> str:
    """One line for the page header: what the assistant answers from."""
    docs = summaries(kb)
    if not docs:
        return "尚未载入任何文件。"
    if len(docs) == 1:
        return f"依据：{docs[0].title}"
    return f"依据：已载入 {len(docs)} 份文件（可在下方选择只问其中一份）"


def documents_html(kb) -> str:
    """A table of the loaded documents with their counts of records."""
    docs = summaries(kb)
    if not docs:
        return '<p class="dqa-muted">尚未载入任何文件。运行 <code>disclosure-qa ingest</code> 载入。</p>'
    rows = "".join(
        f"<tr><td>{escape(d.department)}</td><td>{d.year or '—'}</td><td>{escape(d.title)}</td>"
        f"<td>{d.figures}</td><td>{d.tables}</td><td>{d.passages}</td><td>{d.lines}</td><td><code>{escape(d.id)}</code></td></tr>"
        for d in docs
    )
    return (
        f'<p>共载入 {len(docs)} 份文件。回答中的每个数字都来自这些文件，并注明出处行号。</p>'
        '<div class="dqa-table-wrap"><table class="dqa-table"><thead><tr>'
        "<th>部门</th><th>年度</th><th>标题</th><th>数字</th><th>绩效表</th><th>段落</th><th>行数</th><th>编号</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )
