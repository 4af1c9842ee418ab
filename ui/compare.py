"""One subject across several documents: the same question asked of each, side by side.

Each document answers on its own (``Assistant.ask(subject, docs=[doc])``), so every value is the
figure that document states, with its citation; the chart scales the bars by value in 万元 (元
divided by 10,000) and labels each with the amount as stated.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape

from assistant.answer import line_range
from ui.render import money
from ui.text import clip, nums

TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
MAX_SUBJECT = 200


@dataclass(frozen=True)
class Compared:
    doc: str
    name: str  # department and year
    value: str | None  # as stated, None when the document gives no single figure
    unit: str
    subject: str  # the document's own name for it
    where: str  # the citation's place
    note: str  # the answer text when there is no figure


def compare(bot, docs: list[str], subject: str, names: dict[str, str]) -> list[Compared]:
    subject = clip((subject or "").strip(), MAX_SUBJECT)
    out = []
    for doc in docs:
        answer = bot.ask(subject, docs=[doc])
        fig = answer.figures[0] if answer.kind in ("figure", "calculation") and answer.figures else None
        if answer.calculation:
            value, unit = answer.calculation.result, answer.calculation.unit
        elif fig is not None:
            value, unit = fig.value, fig.unit
        else:
            value, unit = None, ""
        cite = answer.citations[0] if answer.citations else None
        where = f"{cite.section} · {line_range(cite)}" if cite else ""
        out.append(Compared(doc, names.get(doc, doc), value, unit, fig.subject if fig else "", where, "" if value else answer.answer.splitlines()[0] if answer.answer else ""))
    return out


def compare_html(rows: list[Compared], subject: str) -> str:
    if not rows:
        return '<p class="dqa-muted">请选择至少两份文件，并输入要比较的项目（如“三公经费”“一般公共服务支出”）。</p>'
    body = "".join(
        f"<tr><td>{escape(r.name)}</td><td class=\"dqa-num\">{escape(money(r.value, r.unit)) if r.value else '—'}</td>"
        f"<td>{escape(r.subject) if r.value else nums(r.note)}</td><td>{escape(r.where)}</td></tr>"
        for r in rows
    )
    table = (
        f'<div class="dqa-table-wrap" tabindex="0" role="region" aria-label="比较结果"><table class="dqa-table" id="dqa-compare-table"><thead><tr>'
        f"<th>文件</th><th>{escape(clip(subject, 40))}</th><th>文件中的名称</th><th>出处</th></tr></thead><tbody>{body}</tbody></table></div>"
    )
    return f'<div class="dqa-compare">{table}{_chart(rows)}</div>'


def _chart(rows: list[Compared]) -> str:
    scaled = []
    for r in rows:
        try:
            v = Decimal(r.value.replace(",", "")) * TO_WAN[r.unit] if r.value else None
        except (InvalidOperation, KeyError):
            v = None
        if v is not None:
            scaled.append((r, v))
    if len(scaled) < 2:
        return ""
    top = max(v for _, v in scaled) or Decimal(1)
    bars = "".join(
        f'<div class="dqa-bar-row"><span class="dqa-bar-label">{escape(r.name)}</span>'
        f'<span class="dqa-bar-track"><span class="dqa-bar" style="width:{_width(v, top)}%"></span></span>'
        f'<span class="dqa-bar-value">{escape(money(r.value, r.unit))}</span></div>'
        for r, v in scaled
    )
    return f'<div class="dqa-chart" role="img" aria-label="比较图"><div class="dqa-chart-title">比较图</div>{bars}</div>'


def _width(value: Decimal, top: Decimal) -> str:
    if top <= 0 or value <= 0:
        return "0"
    return str(max(min(Decimal(100), value * 100 / top), Decimal("0.5")).quantize(Decimal("0.01")))
