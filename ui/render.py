"""An Answer as escaped HTML for the chat: the figure first, then the formula, a table, citations.

Every piece of text from a user or a document is escaped (ui/text.py); the result holds no
blank line, so a Markdown renderer keeps it as one HTML block and leaves its text alone. Gradio's
sanitiser drops ``data-*`` attributes, so what the page script needs rides in button ``value``s
(JSON) and in ``hidden`` elements: the panel's view of each citation, the choices of a
clarification, the answer as Markdown and CSV for copying and export.

>>> user_html("<script>x</script>")
'<div class="dqa-question">&lt;script&gt;x&lt;/script&gt;</div>'
>>> money("483911.04", "万元")
'483,911.04 万元'
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from html import escape

from assistant.answer import Answer, Citation, FigureRef, line_range
from ui.exports import answer_csv, answer_markdown
from ui.source import CiteView
from ui.text import clip, nums, strip_markup

NUMBER_CELL = re.compile(r"^-?[\d,]+(\.\d+)?\s*(%|万元|元|个|分|人|辆)?$")  # kept on one line, right-aligned
CITATIONS_SHOWN = 3  # more than this and the rest fold under "其余 N 条出处"
QUOTE_SHOWN = 400  # characters of a quote shown in the chat
FRIENDLY_ERROR = "抱歉，这个问题暂时没能回答（系统内部出错）。请换个说法再试，或稍后再问。"
SESSION_LOST = "这段对话的记录无法读取，已重新开始对话。请再问一次。"
PENDING = "正在查找……"
TAB_MARK = '<span class="dqa-tab"> │ </span>'  # a cell boundary of a tab-separated row


def money(value: str, unit: str) -> str:
    """A stated number with thousands separators and its unit; the digits stay as stated."""
    try:
        shown = f"{Decimal(value.replace(',', '')):,}"
    except InvalidOperation:
        shown = value
    return f"{shown} {unit}".strip() if unit != "%" else f"{shown}%"


def user_html(question: str) -> str:
    return f'<div class="dqa-question">{_text(clip(question))}</div>'


def notice_html(message: str) -> str:
    return f'<div class="dqa-answer dqa-notice">{_text(message)}</div>'


def pending_html() -> str:
    return f'<div class="dqa-answer dqa-pending" role="status"><span class="dqa-spinner" aria-hidden="true"></span>{escape(PENDING)}</div>'


def answer_html(answer: Answer, views: list[CiteView] | None = None, *, choices: list[tuple[str, dict]] | None = None, follow_ups: list[str] | None = None) -> str:
    """The chat message for ``answer``; ``views`` are its citations made unique (ui/source.py),
    ``choices`` the (label, action) buttons of a clarification, ``follow_ups`` questions to offer."""
    views = views if views is not None else [CiteView(c) for c in answer.citations]
    parts = [f'<div class="dqa-answer" data-kind="{escape(answer.kind)}">', f'<div hidden class="dqa-q">{escape(clip(answer.question))}</div>']
    headline = _headline(answer)
    if headline:
        parts.append(headline)
    # a table shows the items of a list better than the reply's "- " lines, which repeat them;
    # so do the buttons of a clarification
    parts.append(f'<div class="dqa-text">{_paragraphs(answer.answer, items=not answer.table and not choices)}</div>')
    if choices:
        parts.append(_choices(choices))
    if answer.calculation:
        parts.append(_calculation(answer))
    if answer.table:
        parts.append(table_html(answer.table))
    if views:
        parts.append(_citations(views))
    if follow_ups:
        buttons = "".join(f'<button type="button" class="dqa-suggest" value="{escape(json.dumps({"ask": q}, ensure_ascii=False))}">{escape(q)}</button>' for q in follow_ups)
        parts.append(f'<div class="dqa-suggests"><span class="dqa-muted">接着问：</span>{buttons}</div>')
    parts.append(_actions(answer))
    parts.append(f'<pre hidden class="dqa-md">{escape(answer_markdown(answer, views))}</pre>')
    csv = answer_csv(answer, views)
    if csv:
        parts.append(f'<pre hidden class="dqa-csv">{escape(csv)}</pre>')
    parts.append("</div>")
    return "".join(parts).replace("\n", "&#10;")


def _headline(answer: Answer) -> str:
    """The number the question asked for, large; none for lists of options, refusals and prose."""
    if answer.calculation:
        c = answer.calculation
        return _big(money(c.result, c.unit), _subject_of_calculation(answer))
    if answer.kind == "figure" and answer.figures:
        main = answer.figures[0]
        return _big(money(main.value, main.unit), main.subject)
    if answer.kind == "list" and answer.figures and answer.figures[0].derived:
        count = answer.figures[0]  # the number of items that matched
        return _big(money(count.value, count.unit), count.subject)
    return ""


def _subject_of_calculation(answer: Answer) -> str:
    derived = next((f for f in answer.figures if f.derived), None)
    return derived.subject if derived else answer.question


def _big(value: str, subject: str) -> str:
    return (
        f'<div class="dqa-figure"><span class="dqa-value">{escape(value)}</span>'
        f'<button type="button" class="dqa-copy dqa-copy-figure" value="figure" title="复制数字">复制数字</button>'
        f'<span class="dqa-subject">{escape(subject)}</span></div>'
    )


def _calculation(answer: Answer) -> str:
    c = answer.calculation
    formula = f"{c.expression} = {c.result}{'' if c.unit == '%' else ' '}{c.unit}".rstrip()
    operands = "".join(f"<li>{_operand(f)}</li>" for f in c.operands)
    return (
        '<div class="dqa-calc"><div class="dqa-calc-title">计算过程</div>'
        f'<div class="dqa-formula">{escape(formula)}</div>'
        + (f'<ul class="dqa-operands">{operands}</ul>' if operands else "")
        + "</div>"
    )


def _operand(f: FigureRef) -> str:
    basis = f"（{escape(f.basis)}）" if f.basis and f.basis not in ("本年决算",) else ""
    return f'<span class="dqa-operand-value">{escape(money(f.value, f.unit))}</span> {escape(f.subject)}{basis}'


def table_html(rows: list[dict[str, str]]) -> str:
    """An answer's list or comparison as an HTML table, columns in first-seen order."""
    columns = list(dict.fromkeys(k for row in rows for k in row))
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_cell(str(row.get(c, ""))) for c in columns) + "</tr>" for row in rows)
    return f'<div class="dqa-table-wrap" tabindex="0" role="region" aria-label="表格"><table class="dqa-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _cell(value: str) -> str:
    css = ' class="dqa-num"' if NUMBER_CELL.match(value) else ""
    return f"<td{css}>{escape(value)}</td>"


def citation_label(n: int, c: Citation, document: str | None = None) -> str:
    """"[1] 某市甲区甲局 2024 年度 · 支出决算表 · 第 10 页第 7 行" — how a citation is named
    everywhere (the document only when the store holds several)."""
    where = [document] if document else []
    return f"[{n}] " + " · ".join([*where, strip_markup(c.section) or "（无章节）", line_range(c)])


def _citations(views: list[CiteView]) -> str:
    items = []
    for n, v in enumerate(views, 1):
        c = v.citation
        label = escape(citation_label(n, c, v.document))
        opener = ""
        if v.page.get("kind") in ("pdf", "text"):
            what = "查看原文页面" if v.page["kind"] == "pdf" else "查看原文上下文"
            opener = f'<button type="button" class="dqa-open" value="{escape(json.dumps(v.page, ensure_ascii=False))}" title="{what}">{what}</button>'
        context = f'<div hidden class="dqa-ctx">{v.context}</div>' if v.context else ""
        items.append(
            f'<li class="dqa-citation"><div class="dqa-cite-head"><span class="dqa-cite-label">{label}</span>{opener}'
            '<button type="button" class="dqa-copy" value="cite" title="复制出处">复制出处</button></div>'
            f"{quote_html(c)}{context}</li>"
        )
    shown = f'<ol class="dqa-citations">{"".join(items[:CITATIONS_SHOWN])}</ol>'
    if len(items) > CITATIONS_SHOWN:
        rest = "".join(items[CITATIONS_SHOWN:])
        shown += f'<details class="dqa-more"><summary>其余 {len(items) - CITATIONS_SHOWN} 条出处</summary><ol class="dqa-citations" start="{CITATIONS_SHOWN + 1}">{rest}</ol></details>'
    return f'<div class="dqa-citations-title">出处（{len(items)}）</div>{shown}'


def row_cells(c: Citation) -> list[tuple[str, str]] | None:
    """A table row's quote as (column, cell) pairs, when its cells line up with ``columns``."""
    if not c.columns:
        return None
    cells = [p for p in re.split(r"\t+| ", c.quote.strip()) if p]
    # a name with a space in it: join neighbouring words that are not numbers
    while len(cells) > len(c.columns):
        i = next((i for i in range(len(cells) - 1) if not NUMBER_CELL.match(cells[i]) and not NUMBER_CELL.match(cells[i + 1])), None)
        if i is None:
            return None
        cells[i : i + 2] = [cells[i] + " " + cells[i + 1]]
    if len(cells) != len(c.columns):
        return None
    return [(col.replace("/", " › "), cell) for col, cell in zip(c.columns, cells)]


def quote_html(c: Citation) -> str:
    """The quote: a table row as a small table under its column names, else the sentence."""
    cells = row_cells(c)
    if cells:
        head = "".join(f"<th>{escape(col)}</th>" for col, _ in cells)
        body = "".join(_cell(cell) for _, cell in cells)
        table = f'<div class="dqa-muted dqa-row-title">《{escape(c.table)}》</div>' if c.table else ""
        return f'<div class="dqa-quote dqa-row">{table}<div class="dqa-table-wrap" tabindex="0" role="region" aria-label="表格行"><table class="dqa-table"><thead><tr>{head}</tr></thead><tbody><tr>{body}</tr></tbody></table></div></div>'
    text = strip_markup(c.quote.strip("\t "))
    shown = text if len(text) <= QUOTE_SHOWN else text[:QUOTE_SHOWN] + "…"
    body = TAB_MARK.join(nums(p) for p in re.split(r"\t+", shown))
    return f'<blockquote class="dqa-quote">{body}</blockquote>'


def _choices(choices: list[tuple[str, dict]]) -> str:
    buttons = "".join(
        f'<button type="button" class="dqa-choice" value="{escape(json.dumps(action, ensure_ascii=False))}">{escape(label)}</button>' for label, action in choices
    )
    return f'<div class="dqa-choices" role="group" title="请选择">{buttons}</div>'


def _actions(answer: Answer) -> str:
    csv = '<button type="button" class="dqa-export" value="csv">导出 CSV</button>' if answer.figures or answer.table else ""
    return (
        '<div class="dqa-actions">'
        '<button type="button" class="dqa-copy" value="answer">复制回答</button>'
        '<button type="button" class="dqa-export" value="md">导出 Markdown</button>'
        f"{csv}</div>"
    )


def _paragraphs(text: str, *, items: bool = True) -> str:
    """Plain text with "- " list lines, escaped (the list lines left out when ``items`` is False)."""
    out, listed = [], []
    for line in text.splitlines():
        if line.startswith(("- ", "• ")):
            if items:
                listed.append(f"<li>{nums(line[2:])}</li>")
            continue
        if listed:
            out.append("<ul>" + "".join(listed) + "</ul>")
            listed = []
        if line.strip():
            out.append(f"<p>{nums(line)}</p>")
    if listed:
        out.append("<ul>" + "".join(listed) + "</ul>")
    return "".join(out)


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines()) or "&nbsp;"
