"""Charts built from the records: spending by 类 and by 项, and the projects' execution rates and scores.

Chart data are plain values read from the stored records (nothing is typed in here); the HTML
draws horizontal bars with CSS, so the charts need no script and no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from ingest.records import DocumentRecords
from ui.render import money

GENERAL_BUDGET = "一般公共预算"
LEVELS = {"类": 1, "款": 2, "项": 3}


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    unit: str
    detail: str  # the full classification path or the implementing unit
    line: int


@dataclass(frozen=True)
class ProjectBar:
    name: str
    implementer: str
    rate: Decimal | None  # 执行率 (%)
    score: Decimal | None  # 自评得分
    out_of: Decimal | None  # 满分
    line: int


def spending_by(records: DocumentRecords, level: str) -> list[Bar]:
    """一般公共预算财政拨款支出 of one classification level (类, 款 or 项), largest first."""
    depth = LEVELS[level]
    seen, bars = set(), []
    for f in records.figures:
        c = f.classification
        if not c or len(c) != depth or GENERAL_BUDGET not in f.section:
            continue
        if f.basis != "本年决算" or f.kind != "amount" or tuple(c) in seen:
            continue
        seen.add(tuple(c))
        bars.append(Bar(label=_short(c[-1]), value=f.value, unit=f.unit, detail=" › ".join(c), line=f.line_start))
    return sorted(bars, key=lambda b: -b.value)


def projects(records: DocumentRecords) -> list[ProjectBar]:
    """Every project's performance self-evaluation, lowest execution rate first."""
    out = []
    for t in records.tables:
        if t.kind != "project":
            continue
        total = t.total
        out.append(ProjectBar(name=t.name, implementer=t.implementer or "", rate=total.rate if total else None, score=t.total_score, out_of=t.total_weight, line=t.name_line))
    return sorted(out, key=lambda p: (p.rate is None, p.rate if p.rate is not None else 0))


def _short(name: str) -> str:
    return name.rsplit("(", 1)[0] if name.endswith(")") else name


def bar_chart_html(title: str, bars: list[Bar], *, note: str = "") -> str:
    """Horizontal bars scaled to the largest value, each labelled with its exact stated amount."""
    if not bars:
        return f'<div class="dqa-chart"><div class="dqa-chart-title">{escape(title)}</div><p class="dqa-muted">文件中没有可画图的数据。</p></div>'
    top = max(b.value for b in bars) or Decimal(1)
    rows = []
    for b in bars:
        width = _width(b.value, top)
        rows.append(
            f'<div class="dqa-bar-row" title="{escape(b.detail)}（第 {b.line} 行）">'
            f'<span class="dqa-bar-label">{escape(b.label)}</span>'
            f'<span class="dqa-bar-track"><span class="dqa-bar" style="width:{width}%"></span></span>'
            f'<span class="dqa-bar-value">{escape(money(str(b.value), b.unit))}</span></div>'
        )
    caption = f'<p class="dqa-muted">{escape(note)}</p>' if note else ""
    return f'<div class="dqa-chart"><div class="dqa-chart-title">{escape(title)}</div>{caption}{"".join(rows)}</div>'


def project_chart_html(title: str, items: list[ProjectBar]) -> str:
    """Two bars per project: the execution rate (of 100%) and the self-evaluation score (of its full marks)."""
    if not items:
        return f'<div class="dqa-chart"><div class="dqa-chart-title">{escape(title)}</div><p class="dqa-muted">文件中没有项目绩效自评表。</p></div>'
    rows = []
    for p in items:
        low = p.rate is not None and p.rate < 100
        rate = _pair("执行率", p.rate, Decimal(100), "%", "dqa-bar dqa-bar-low" if low else "dqa-bar")
        score = _pair("自评得分", p.score, p.out_of or Decimal(100), " 分", "dqa-bar dqa-bar-score")
        rows.append(
            f'<div class="dqa-project{" dqa-project-low" if low else ""}" title="{escape(p.implementer)}（第 {p.line} 行）">'
            f'<div class="dqa-project-name">{escape(p.name)}</div>{rate}{score}</div>'
        )
    legend = '<p class="dqa-muted">按执行率从低到高排列；橙色为执行率不到 100% 的项目。数字取自各项目绩效自评表的“年度资金总额”行和总分行。</p>'
    return f'<div class="dqa-chart"><div class="dqa-chart-title">{escape(title)}</div>{legend}{"".join(rows)}</div>'


def _pair(name: str, value: Decimal | None, full: Decimal, unit: str, css: str) -> str:
    if value is None:
        return f'<div class="dqa-bar-row"><span class="dqa-bar-label">{name}</span><span class="dqa-muted">（表中未写）</span></div>'
    shown = f"{value}{unit}"
    return (
        f'<div class="dqa-bar-row"><span class="dqa-bar-label">{name}</span>'
        f'<span class="dqa-bar-track"><span class="{css}" style="width:{_width(value, full)}%"></span></span>'
        f'<span class="dqa-bar-value">{escape(shown)}</span></div>'
    )


def _width(value: Decimal, top: Decimal) -> str:
    if top <= 0 or value <= 0:
        return "0"
    share = min(Decimal(100), value * 100 / top)
    return str(max(share, Decimal("0.5")).quantize(Decimal("0.01")))  # a sliver stays visible


def charts_html(records: DocumentRecords) -> str:
    """Every chart of one document."""
    name = f"{records.info.department} {records.info.year or ''}".strip()
    return (
        f'<div class="dqa-charts"><h3>{escape(name)}</h3>'
        + bar_chart_html("一般公共预算财政拨款支出 · 按类", spending_by(records, "类"), note="按功能分类“类”级科目的本年决算数；条形长度按金额比例。")
        + bar_chart_html("一般公共预算财政拨款支出 · 按项", spending_by(records, "项"), note="“项”级科目的本年决算数；把鼠标放在条形上可看到完整科目。")
        + project_chart_html("项目支出绩效：执行率与自评得分", projects(records))
        + "</div>"
    )
