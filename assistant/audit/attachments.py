"""The tables the text lists as attached (第四部分 部门决算报表，见附表) but does not contain.

Their figures cannot be checked from the text: one ``unchecked`` finding per document says so and
cites the list.
"""

from __future__ import annotations

from assistant.audit.base import Audit


def check(a: Audit) -> None:
    listed = a.rec.attachments
    if not listed:
        return
    titles = "、".join(t.title for t in listed)
    first, last = min(t.line for t in listed), max(t.line for t in listed)
    a.add(
        family="attachments",
        check="attachments.missing",
        severity="unchecked",
        relation="附表中的数字与正文一致",
        message=f"正文列出的附表{titles}都不在正文中，附表里的数字无法与正文核对。",
        operands=[a.derived("列出的附表张数", len(listed), "张")],
        citations=[a.cite_lines(first, last)],
        topics=("附表", "部门决算报表", *(t.title.strip("《》") for t in listed)),
        identity=tuple(t.line for t in listed),
    )
