"""Across the project tables: filters, rankings, counts, and the projects of one implementing unit."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, FigureRef, Turn
from assistant.compose import Ctx, qty
from assistant.link import rank_figures, rank_units
from ingest.records import PerformanceTable

NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
LESS = ("不到", "低于", "小于", "少于", "未达到", "没达到", "没有达到", "不足", "未满", "以下", "<", "不满")
MORE = ("高于", "超过", "大于", "多于", "以上", ">", "超出")
EQUAL = ("等于", "达到", "为", "是", "=")
FIELDS = {
    "rate": ("执行率", "%"),
    "score": ("自评总分", "分"),
    "budget_full": ("全年预算数", "万元"),
    "budget_initial": ("年初预算数", "万元"),
    "executed": ("全年执行数", "万元"),
}


def value(t: PerformanceTable, field: str) -> Decimal | None:
    if field == "score":
        return t.total_score
    return getattr(t.total, field, None) if t.total else None


def row_line(t: PerformanceTable, field: str) -> int:
    if field == "score" and t.total_line:
        return t.total_line
    return t.total.line if t.total else t.name_line


def _field(ctx: Ctx) -> str | None:
    for f in ctx.q.fields:
        if f in FIELDS:
            return f
    if "分" in ctx.q.folded:
        return "score"
    return None


def _count_wanted(folded: str) -> int | None:
    m = re.search(r"(?:前|最\w{1,2}的)?(\d+|[一两二三四五六七八九十])(?:个|项|名)", folded)
    if m:
        n = m.group(1)
        return int(n) if n.isdigit() else NUMERALS.get(n)
    m = re.search(r"前(\d+|[一两二三四五六七八九十])", folded)
    if m:
        n = m.group(1)
        return int(n) if n.isdigit() else NUMERALS.get(n)
    return None


def _project_rows(ctx: Ctx, tables: list[PerformanceTable], field: str | None) -> tuple[list[dict[str, str]], list]:
    rows, cites = [], []
    for t in tables:
        f = t.total
        rows.append({
            "项目": t.name,
            "实施单位": t.implementer or "",
            "全年预算数（万元）": str(f.budget_full) if f else "",
            "全年执行数（万元）": str(f.executed) if f else "",
            "执行率": qty(f.rate, "%") if f else "",
            "自评总分": qty(t.total_score, "分"),
        })
        if any(ch.isdigit() for ch in t.name):
            cites.append(ctx.kb.cite_row(t, t.name_line))  # the name's own numbers, quoted
        cites.append(ctx.kb.cite_row(t, row_line(t, field or "rate")))
    return rows, cites


def _refs(tables: list[PerformanceTable], field: str | None) -> list[FigureRef]:
    if field is None:
        return []
    label, unit = FIELDS[field]
    return [FigureRef(subject=f"{t.name}·{label}", value=str(value(t, field)), unit=unit, doc=t.doc, record_id=t.id, basis="绩效自评表") for t in tables if value(t, field) is not None]


def _count_ref(doc: str, subject: str, n: int) -> FigureRef:
    return FigureRef(subject=subject, value=str(n), unit="个", doc=doc, basis="计数", derived=True)


def _listing(ctx: Ctx, tables: list[PerformanceTable], field: str | None, intro: str, *, filters: list[str] | None = None, count_subject: str) -> Answer:
    rows, cites = _project_rows(ctx, tables, field)
    names = "\n".join(
        f"- {t.name}" + (f"：{FIELDS[field][0]} {qty(value(t, field), FIELDS[field][1])}" if field else "") for t in tables
    )
    doc = tables[0].doc if tables else (ctx.docs[0] if ctx.docs else "")
    refs = [_count_ref(doc, count_subject, len(tables)), *_refs(tables, field)]
    return ctx.answer(
        "list", f"{intro}\n{names}", intent="aggregate", figures=refs, citations=cites, table=rows, filters=filters,
        turn=Turn(question=ctx.q.text, intent="aggregate", kind="list", doc=doc, field=field),
    )


def count_tables(ctx: Ctx) -> Answer:
    tables = ctx.kb.tables_of(ctx.docs[0] if len(ctx.docs) == 1 else None)
    dept = [t for t in ctx.kb.tables if t.kind == "department" and (not ctx.docs or t.doc in ctx.docs)]
    doc = tables[0].doc if tables else ctx.docs[0]
    text = ctx.t("list", "count_tables", count=len(tables), department_tables=len(dept))
    refs = [_count_ref(doc, "公开的项目支出绩效自评表", len(tables)), _count_ref(doc, "部门整体支出绩效目标自评表", len(dept))]
    cites = [ctx.kb.cite_row(t, t.name_line) for t in tables]
    stated = [r.figure for r in rank_figures(ctx.kb, ctx.q, text="预算绩效评价项目", docs=[doc], units=["个"]) if r.figure.unit == "个" and r.score >= 0.8]
    if stated and stated[0].value != len(tables):
        s = stated[0]
        secret = [r.figure for r in rank_figures(ctx.kb, ctx.q, text="涉密项目", docs=[doc], units=["个"]) if r.figure.unit == "个" and r.score >= 0.8]
        gap = f"差额是文件第十二部分所说的涉密项目 {secret[0].raw} 个（不公开）。" if secret and secret[0].value == s.value - len(tables) else ""
        text += ctx.t("list", "count_stated", stated=s.raw, count=len(tables), gap=gap)
        refs.append(ctx.kb.ref(s))
        cites.insert(0, ctx.kb.cite_figure(s))
        if gap:
            refs.append(ctx.kb.ref(secret[0]))
            cites.insert(1, ctx.kb.cite_figure(secret[0]))
    return ctx.answer("figure", text, intent="aggregate", figures=refs, citations=cites, table=_project_rows(ctx, tables, None)[0])


def by_unit(ctx: Ctx) -> Answer | None:
    units = rank_units(ctx.kb, ctx.q, ctx.docs)
    if not units or units[0][0] < 0.75:
        return None
    unit = units[0][1]
    tables = [t for t in ctx.kb.tables_of(None) if t.implementer == unit and (not ctx.docs or t.doc in ctx.docs)]
    intro = ctx.t("list", "implementer", unit=unit, count=len(tables))
    ans = _listing(ctx, tables, None, intro, count_subject=f"{unit}实施的项目数")
    ans.citations = [c for t in tables for c in ([ctx.kb.cite_row(t, t.name_line)] if any(ch.isdigit() for ch in t.name) else []) + [ctx.kb.cite_row(t, t.unit_line or t.name_line)]]
    return ans


def filtered(ctx: Ctx) -> Answer | None:
    folded = ctx.q.folded
    field = _field(ctx)
    if field is None:
        return None
    label, unit = FIELDS[field]
    m = re.search(r"(" + "|".join(map(re.escape, LESS + MORE + EQUAL)) + r")\s*(\d+(?:\.\d+)?)\s*(%|分|万元)?", folded)
    full_marks = "满分" in folded
    if not m and not full_marks:
        return None
    tables = ctx.kb.tables_of(ctx.docs[0] if len(ctx.docs) == 1 else None)
    if m:
        word, threshold = m.group(1), Decimal(m.group(2))
        op = "<" if word in LESS else (">" if word in MORE else "=")
        if word == "以下":
            op = "≤"
        if word == "以上":
            op = "≥"
    else:
        threshold, op = Decimal(100), ("<" if re.search(r"(没有|未|不是|没拿)满分", folded) else "=")
    keep = []
    for t in tables:
        v = value(t, field)
        if v is None:
            continue
        if (op == "<" and v < threshold) or (op == ">" and v > threshold) or (op == "=" and v == threshold) or (op == "≤" and v <= threshold) or (op == "≥" and v >= threshold):
            keep.append(t)
    criterion = f"{label} {op} {qty(threshold, unit)}"
    if not keep:
        return ctx.answer("list", ctx.t("list", "none", criterion=criterion), intent="aggregate", filters=[criterion],
                          figures=[_count_ref(ctx.docs[0], f"{criterion}的项目数", 0)],
                          citations=[ctx.kb.cite_row(t, row_line(t, field)) for t in tables])
    return _listing(ctx, keep, field, ctx.t("list", "filtered", criterion=criterion, count=len(keep)), filters=[criterion], count_subject=f"{criterion}的项目数")


def ranking(ctx: Ctx) -> Answer | None:
    high = "rank_high" in ctx.q.intents
    low = "rank_low" in ctx.q.intents
    if not (high or low):
        return None
    field = _field(ctx) or "score"
    label, unit = FIELDS[field]
    tables = [t for t in ctx.kb.tables_of(ctx.docs[0] if len(ctx.docs) == 1 else None) if value(t, field) is not None]
    if not tables:
        return None
    tables.sort(key=lambda t: (value(t, field), t.name_line), reverse=high)
    n = _count_wanted(ctx.q.folded) or 1
    chosen = tables[:n]
    boundary = value(chosen[-1], field)
    tied = [t for t in tables[n:] if value(t, field) == boundary]
    intro = ctx.t("list", "ranking", field_label=label, order="最高" if high else "最低")
    ans = _listing(ctx, chosen + tied, field, intro, count_subject=f"{label}{'最高' if high else '最低'}的项目数")
    if tied:
        ans.answer += "\n" + ctx.t("list", "tie_note", value=qty(boundary, unit), count=len(tied) + sum(1 for t in chosen if value(t, field) == boundary))
        ans.figures.append(_count_ref(chosen[0].doc, f"{label}为{boundary}的项目数", len(tied) + sum(1 for t in chosen if value(t, field) == boundary)))
    return ans


def all_projects(ctx: Ctx) -> Answer:
    tables = ctx.kb.tables_of(ctx.docs[0] if len(ctx.docs) == 1 else None)
    return _listing(ctx, tables, None, ctx.t("list", "filtered", criterion="公开了项目支出绩效自评表", count=len(tables)), count_subject="公开项目自评表的项目数")
