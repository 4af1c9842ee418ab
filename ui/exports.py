"""An answer as Markdown and as CSV, for copying and for export (a conversation joins its answers).

Markdown special characters in document text are escaped, so an exported answer shows the
document's words and never becomes a link or an image where it is pasted.

>>> md("**x** [a](http://h)")
'\\\\*\\\\*x\\\\*\\\\* \\\\[a\\\\](http://h)'
"""

from __future__ import annotations

import csv
import io
import re

from assistant.answer import Answer, line_range

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")
CSV_HEADER = ["问题", "项目", "数值", "单位", "出处"]


def md(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", text)


def _label(view) -> str:
    c = view.citation
    where = [view.document] if view.document else []
    return " · ".join([*where, c.section or "（无章节）", line_range(c)])


def answer_markdown(answer: Answer, views) -> str:
    lines = [f"**问：** {md(answer.question)}", "", md(answer.answer)]
    if answer.calculation:
        c = answer.calculation
        lines += ["", f"计算：`{c.expression} = {c.result}{'' if c.unit == '%' else ' '}{c.unit}`"]
    if answer.table:
        columns = list(dict.fromkeys(k for row in answer.table for k in row))
        lines += ["", "| " + " | ".join(md(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(md(str(row.get(c, ""))) for c in columns) + " |" for row in answer.table]
    if views:
        lines += ["", "出处："]
        lines += [f"{n}. {md(_label(v))}：{md(v.citation.quote)}" for n, v in enumerate(views, 1)]
    return "\n".join(lines)


def answer_csv(answer: Answer, views) -> str:
    """The answer's table, else its figures, one row each with the question and the first citation."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if answer.table:
        columns = list(dict.fromkeys(k for row in answer.table for k in row))
        writer.writerow(["问题", *columns])
        for row in answer.table:
            writer.writerow([answer.question, *(_safe(str(row.get(c, ""))) for c in columns)])
        return out.getvalue()
    if not answer.figures:
        return ""
    writer.writerow(CSV_HEADER)
    where = _label(views[0]) if views else ""
    for f in answer.figures:
        writer.writerow([_safe(answer.question), _safe(f.subject), f.value, f.unit, _safe(where)])
    return out.getvalue()


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"-?[\d,.]+%?", cell) else cell
