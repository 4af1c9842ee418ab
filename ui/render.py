"""An Answer as escaped HTML for the chat: the figure first, then the formula, a table, citations.

Every piece of text from a user or a document goes through ``html.escape``; the result holds no
blank line, so a Markdown renderer keeps it as one HTML block and leaves its text alone.

>>> user_html("<script>x</script>")
'<div class="dqa-question">&lt;script&gt;x&lt;/script&gt;</div>'
>>> money("483911.04", "万元")
'483,911.04 万元'
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from html import escape

from assistant.answer import Answer, Citation, FigureRef, clip, line_range

NUMBER_CELL = re.compile(r"^-?[\d,]+(\.\d+)?\s*(%|万元|元|个|分|人|辆)?$")  # kept on one line, right-aligned
CITATIONS_SHOWN = 3  # more than this and the rest fold under "其余 N 条出处"
FRIENDLY_ERROR = "抱歉，这个问题暂时没能回答（系统内部出错）。请换个说法再试，或稍后再问。"
SESSION_LOST = "这段对话的记录无法读取，已重新开始对话。请再问一次。"


def money(value: str, unit: str) -> str:
    """A stated number with thousands separators and its unit; the digits stay as stated."""
    try:
        shown = f"{Decimal(value.replace(',', '')):,}"
    except InvalidOperation:
        shown = value
    return f"{shown} {unit}".strip() if unit != "%" else f"{shown}%"


def user_html(question: str) -> str:
    return f'<div class="dqa-question">{_text(question)}</div>'


def notice_html(message: str) -> str:
    return f'<div class="dqa-answer dqa-notice">{_text(message)}</div>'


def answer_html(answer: Answer, sources: dict[int, str] | None = None) -> str:
    """The chat message for ``answer``; ``sources`` maps a citation number to its context HTML."""
    parts = [f'<div class="dqa-answer" data-kind="{escape(answer.kind)}">']
    headline = _headline(answer)
    if headline:
        parts.append(headline)
    # a table shows the items of a list better than the reply's "- " lines, which repeat them
    parts.append(f'<div class="dqa-text">{_paragraphs(answer.answer, items=not answer.table)}</div>')
    if answer.calculation:
        parts.append(_calculation(answer))
    if answer.table:
        parts.append(table_html(answer.table))
    if answer.citations:
        parts.append(_citations(answer.citations, sources or {}))
    parts.append("</div>")
    return "".join(parts)


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
    return f'<div class="dqa-figure"><span class="dqa-value">{escape(value)}</span><span class="dqa-subject">{escape(subject)}</span></div>'


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
    return f'<div class="dqa-table-wrap"><table class="dqa-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _cell(value: str) -> str:
    css = ' class="dqa-num"' if NUMBER_CELL.match(value) else ""
    return f"<td{css}>{escape(value)}</td>"



def citation_label(n: int, c: Citation) -> str:
    """"[1] 十、其他重要事项的情况说明 · 第 237 行" — how a citation is named everywhere."""
    return f"[{n}] {c.section or '（无章节）'} · {line_range(c)}"


def _citations(citations: list[Citation], sources: dict[int, str]) -> str:
    items = []
    for n, c in enumerate(citations, 1):
        quote = f'<blockquote class="dqa-quote">{_quote_text(c.quote)}</blockquote>'
        context = sources.get(n)
        if context:
            # a click on the citation opens the document around the cited lines
            body = f'<details class="dqa-cite"><summary><span class="dqa-cite-label">{escape(citation_label(n, c))}</span>（点击查看原文上下文）</summary>{context}</details>'
        else:
            body = f'<div class="dqa-cite"><span class="dqa-cite-label">{escape(citation_label(n, c))}</span></div>'
        items.append(f'<li class="dqa-citation">{body}{quote}</li>')
    shown = f'<ol class="dqa-citations">{"".join(items[:CITATIONS_SHOWN])}</ol>'
    if len(items) > CITATIONS_SHOWN:
        rest = "".join(items[CITATIONS_SHOWN:])
        shown += f'<details class="dqa-more"><summary>其余 {len(items) - CITATIONS_SHOWN} 条出处</summary><ol class="dqa-citations" start="{CITATIONS_SHOWN + 1}">{rest}</ol></details>'
    return f'<div class="dqa-citations-title">出处（{len(items)}）</div>{shown}'


def _quote_text(quote: str, limit: int = 400) -> str:
    quote = quote.strip("\t ")
    shown = clip(quote, limit)
    return re.sub(r"\t+", " │ ", escape(shown))


def _paragraphs(text: str, *, items: bool = True) -> str:
    """Plain text with "- " list lines, escaped (the list lines left out when ``items`` is False)."""
    out, listed = [], []
    for line in text.splitlines():
        if line.startswith(("- ", "• ")):
            if items:
                listed.append(f"<li>{escape(line[2:])}</li>")
            continue
        if listed:
            out.append("<ul>" + "".join(listed) + "</ul>")
            listed = []
        if line.strip():
            out.append(f"<p>{escape(line)}</p>")
    if listed:
        out.append("<ul>" + "".join(listed) + "</ul>")
    return "".join(out)


def _text(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines()) or "&nbsp;"
