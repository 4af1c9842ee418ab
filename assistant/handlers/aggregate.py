"""Across the project tables: which projects (by unit or by name), then filter, rank, sum, count or list.

A question first narrows the projects ("丙中心负责的", "某某补贴…"), then applies one
operation ("执行率低于95%", "得分最低的三个", "全年执行数合计", "有几个").
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from assistant import calculator
from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.compose import Ctx, qty
from assistant.handlers.tables import question_rest, shown
from assistant.link import rank_figures, rank_units
from assistant.route import without_departments
from assistant.text import NUMERALS, RANK_PLACE, fold, in_words, number_said, subsequence_run
from ingest.records import PerformanceTable

LESS = ("没有拿满", "没拿满", "未拿满", "没达到", "没有达到", "未达到", "不到", "低于", "小于", "少于", "不足", "未满", "不满", "没满", "以下", "<")
MORE = ("高于", "超过", "大于", "多于", "以上", ">", "超出")
EQUAL = ("等于", "达到", "为", "是", "=")
FIELDS = {
    "rate": ("执行率", "%"),
    "score": ("自评总分", "分"),
    "budget_full": ("全年预算数", "万元"),
    "budget_initial": ("年初预算数", "万元"),
    "executed": ("全年执行数", "万元"),
}
PROJECT_WORDS = ("项目", "自评表")
SPENT_ASKED = re.compile(r"(?:花|发|用|支出|拨|付)了?(?:多少钱|多少万)|多少钱|金额")


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
    if re.search(r"\d\s*分|分数|满分|总分|得分", ctx.q.folded):
        return "score"
    return None


def _count_wanted(folded: str) -> int | None:
    m = re.search(r"(?:前|最\w{1,2}的)(\d+|[一两二三四五六七八九十])(?:个|项|名)?", folded) or re.search(r"(\d+|[一两二三四五六七八九十])(?:个|项|名)(?:项目|$)", folded)
    if m:
        n = m.group(1)
        return int(n) if n.isdigit() else NUMERALS.get(n)
    return None


# -- scope ------------------------------------------------------------------------------------
def projects(ctx: Ctx) -> list[PerformanceTable]:
    return ctx.kb.tables_of(ctx.docs[0] if len(ctx.docs) == 1 else None) if ctx.docs else ctx.kb.projects


def named_unit(ctx: Ctx) -> str | None:
    """The implementing unit the question names (computed once per question)."""
    return ctx.memo("unit", lambda: _named_unit(ctx))


def _named_unit(ctx: Ctx) -> str | None:
    # the question without the department it names to choose its document: "甲局的项目" names no unit of 甲局
    said = without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs])
    units = [(score, unit) for score, unit in rank_units(ctx.kb, ctx.q, ctx.docs, said) if not _the_department_itself(ctx, unit)]
    own = {unit for _, unit in units if unit.endswith("本级")} if "本级" in said else set()
    if len(own) == 1:
        return own.pop()  # "甲局本级负责的项目": the department's own level
    if units and units[0][0] >= 0.75 and (len(units) == 1 or units[0][0] - units[1][0] >= 0.05):
        return units[0][1]
    return None


def _the_department_itself(ctx: Ctx, unit: str) -> bool:
    """The department's own level ("甲局本级") as an implementing unit: the question names the
    department to choose its document, so that unit is named only by "本级" itself."""
    if "本级" in ctx.q.folded:
        return False
    own = fold(unit).removesuffix("本级")
    return any(own == re.sub(r"\([^()]*\)$", "", fold(ctx.kb.doc(d).info.department or "")) for d in ctx.docs)  # "…局（汇总）"


def named_in_full(ctx: Ctx) -> list[PerformanceTable]:
    """Projects the question names in full; "某某补贴（第二批）" names that one, not also
    "某某补贴", whose name is inside it."""
    return ctx.memo("named_in_full", lambda: _named_in_full(ctx, projects(ctx)))


ELLIPTIC_BATCH = re.compile(r"([\u4e00-\u9fff]{2,})(\(第[^()]{1,4}\))([和与及、,，])(\(第[^()]{1,4}\))")


def _named_in_full(ctx: Ctx, tables: list[PerformanceTable]) -> list[PerformanceTable]:
    folded = ctx.q.folded
    previous = None
    while folded != previous:  # "某某补贴（第二批）和（第三批）": the third is "某某补贴（第三批）"
        previous = folded
        folded = ELLIPTIC_BATCH.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(1)}{m.group(4)}", folded, count=1)
    named = [t for t in tables if fold(t.name) in folded]
    named = [t for t in named
             if folded.count(fold(t.name)) > sum(folded.count(fold(u.name)) for u in named if u is not t and fold(t.name) in fold(u.name))]
    batches = _batches_named(tables, folded)
    return [t for t in tables if t in named or t in batches] if len(batches) >= 2 else named


BATCH = re.compile(r"^(?P<base>.+?)\(第(?P<n>[一二三四五六七八九十\d]+)批\)$")


def _batches_named(tables: list[PerformanceTable], folded: str) -> list[PerformanceTable]:
    """"某某补贴，第一批、第二批、第三批三个项目", "第二批某某补贴": a project's batches named by
    their number after (or before) its name; the first batch is the one whose name has no number."""
    out = []
    for t in tables:
        m = BATCH.match(fold(t.name))
        if m and m.group("base") in folded and f"第{m.group('n')}批" in folded:
            out.append(t)
            first = next((u for u in tables if fold(u.name) == m.group("base")), None)
            if first is not None and first not in out and re.search(r"第(一|1)批", folded):
                out.append(first)
    return out


FAMILY_COUNTED = re.compile(r"(?<!第)([两二三四五六七八九十\d]{1,2})\s*(?:个|批)[^，,。？?]{0,12}?(?:项目|补贴|补助)|(?<!第)([两二三四五六七八九十\d]{1,2})\s*批")  # "三批", not "第三批"


def _base(t: PerformanceTable) -> str:
    """A project's name without its batch ("某某补贴（第二批）" → "某某补贴")."""
    m = BATCH.match(fold(t.name))
    return m.group("base") if m else fold(t.name)


def named_group(ctx: Ctx) -> list[PerformanceTable]:
    """Projects whose names the question abbreviates together: "购房补贴" → the tables of 购房财政补贴 and its later batches
    (computed once per question)."""
    return ctx.memo("named_group", lambda: _named_group(ctx, projects(ctx)))


def _named_group(ctx: Ctx, tables: list[PerformanceTable]) -> list[PerformanceTable]:
    content = ctx.q.content
    for w in ("项目自评表", "项目", "自评表", "那个", "几个", "哪些", "全年执行数", "执行数", "全年预算数", "预算数"):
        content = content.replace(w, " ")
    content = re.sub(r"(?<!第)[一两二三四五六七八九十\d]+(个|张|项|批|类|家)", " ", content)  # "三批" counts, "第三批" names
    named = named_in_full(ctx)
    if len(named) >= 2:
        return named  # "某某补贴、某某补贴（第二批）…三个项目"
    counted = FAMILY_COUNTED.search(ctx.q.folded)
    if len(named) == 1 and counted and (n := number_said(counted.group(counted.lastindex))) and n >= 2:
        # "三个某某补贴项目": the project named and its batches, as many as the question counts
        base = _base(named[0])
        family = [t for t in tables if _base(t) == base]
        return family if len(family) == n else []
    if named:
        return []  # one project named in full: it is not a group
    chunks = [c for c in re.split(r"\s+", content) if len(c) >= 3]
    best: list[PerformanceTable] = []
    for chunk in chunks:
        # the chunk abbreviates the name, or begins with an abbreviation of its core ("某某补贴发放人数")
        runs = {t.id: subsequence_run(chunk, fold(t.name)) for t in tables}
        hits = [t for t in tables if (run := runs[t.id]) >= min(len(chunk), 4)
                and (run >= 0.75 * len(chunk) or run >= 0.6 * len(re.sub(r"\(.*?\)", "", fold(t.name))))]
        longest = max((runs[t.id] for t in hits), default=0)
        hits = [t for t in hits if runs[t.id] == longest]  # "某某补贴第三批" tells one of them apart
        if len(hits) > len(best):
            best = hits
    if len(best) >= 2:
        return best
    last = ctx.session.last
    if last is not None and last.intent == "aggregate" and not best:
        # "一共发给了多少人？" right after "三个某某补贴项目一共发了多少钱": the same projects
        before = [t for t in tables if t.id in last.figure_ids]
        return before if len(before) >= 2 else []
    return []


# -- answers ----------------------------------------------------------------------------------
def _count_ref(doc: str, subject: str, n: int) -> FigureRef:
    return FigureRef(subject=subject, value=str(n), unit="个", doc=doc, basis="计数", derived=True)


def _refs(tables: list[PerformanceTable], field: str | None) -> list[FigureRef]:
    if field is None:
        return []
    label, unit = FIELDS[field]
    return [FigureRef(subject=f"{t.name}·{label}", value=str(value(t, field)), unit=unit, doc=t.doc, record_id=t.id, basis="绩效自评表") for t in tables if value(t, field) is not None]


def _citations(ctx: Ctx, tables: list[PerformanceTable], field: str | None, *, unit_rows: bool = False) -> list:
    cites = []
    for t in tables:
        if any(ch.isdigit() for ch in t.name) or field is None:
            cites.append(ctx.kb.cite_row(t, t.name_line))  # the name (and its own numbers), quoted
        if unit_rows and t.unit_line:
            cites.append(ctx.kb.cite_row(t, t.unit_line))
        if field is not None:
            cites.append(ctx.kb.cite_row(t, row_line(t, field)))
    return cites


def _rows(tables: list[PerformanceTable]) -> list[dict[str, str]]:
    return [
        {
            "项目": t.name,
            "实施单位": t.implementer or "",
            "全年预算数（万元）": str(t.total.budget_full) if t.total else "",
            "全年执行数（万元）": str(t.total.executed) if t.total else "",
            "执行率": qty(t.total.rate, "%") if t.total else "",
            "自评总分": qty(t.total_score, "分"),
        }
        for t in tables
    ]


RATE_OPERANDS = ("executed", "budget_full")  # 执行率 = 全年执行数 ÷ 全年预算数, as the self-evaluation table states it


def listing(ctx: Ctx, tables: list[PerformanceTable], field: str | None, intro: str, *, count_subject: str, filters: list[str] | None = None, unit_rows: bool = False) -> Answer:
    def line(t: PerformanceTable) -> str:
        text = f"- {t.name}" + (f"：{FIELDS[field][0]} {qty(value(t, field), FIELDS[field][1])}" if field else "")
        if field == "rate" and all(value(t, f) is not None for f in RATE_OPERANDS):
            text += "（" + "，".join(f"{FIELDS[f][0]} {qty(value(t, f), FIELDS[f][1])}" for f in RATE_OPERANDS) + "）"
        return text

    lines = "\n".join(line(t) for t in tables)
    doc = tables[0].doc if tables else (ctx.docs[0] if ctx.docs else "")
    refs = [_count_ref(doc, count_subject, len(tables)), *_refs(tables, field)]
    if field == "rate":
        refs += [r for f in RATE_OPERANDS for r in _refs(tables, f)]  # the rate's operands, each a cell of its table
    return ctx.answer(
        "list", f"{intro}\n{lines}", intent="aggregate", figures=refs, citations=_citations(ctx, tables, field, unit_rows=unit_rows),
        table=_rows(tables), filters=filters, turn=Turn(question=ctx.q.text, intent="aggregate", kind="list", doc=doc, field=field,
                                                                           table_id=tables[0].id if len(tables) == 1 else None),  # "它的自评得分呢？": the one project found
    )


def count_tables(ctx: Ctx) -> Answer:
    tables = projects(ctx)
    dept = [t for t in ctx.kb.tables if t.kind == "department" and (not ctx.docs or t.doc in ctx.docs)]
    doc = tables[0].doc if tables else ctx.docs[0]
    text = ctx.t("list", "count_tables", count=len(tables), department_tables=len(dept))
    refs = [_count_ref(doc, "公开的项目支出绩效自评表", len(tables)), _count_ref(doc, "部门整体支出绩效目标自评表", len(dept))]
    cites = [ctx.kb.cite_row(t, t.name_line) for t in tables]
    stated = [r.figure for r in rank_figures(ctx.kb, ctx.q, text="预算绩效评价项目", docs=[doc], units=["个"]) if r.figure.unit == "个" and r.score >= 0.8]
    if stated and stated[0].value != len(tables):
        s = stated[0]
        secret = [r.figure for r in rank_figures(ctx.kb, ctx.q, text="涉密项目", docs=[doc], units=["个"]) if r.figure.unit == "个" and r.score >= 0.8]
        gap = f"差额是文件所说的涉密项目 {secret[0].raw} 个（不公开）。" if secret and secret[0].value == s.value - len(tables) else ""
        text += ctx.t("list", "count_stated", stated=s.raw, count=len(tables), gap=gap)
        refs.append(ctx.kb.ref(s))
        cites.insert(0, ctx.kb.cite_figure(s))
        # "…有多少个？全年预算数和全年执行数分别是多少？": the amounts stated beside the count
        beside = [g for g in ctx.kb.figures if g.doc == s.doc and g.subject == s.subject and g.line_start == s.line_start and g.basis in ctx.q.basis]
        for g in beside:
            text += f"{g.subject}{g.term or ''} {qty(g.raw, g.unit)}。"
            refs.append(ctx.kb.ref(g))
        if gap:
            refs.append(ctx.kb.ref(secret[0]))
            cites.insert(1, ctx.kb.cite_figure(secret[0]))
    return ctx.answer("figure", text, intent="aggregate", figures=refs, citations=cites, table=_rows(tables))


def filtered(ctx: Ctx, tables: list[PerformanceTable], scope: str) -> Answer | None:
    folded = ctx.q.folded
    field = _field(ctx)
    if field is None:
        return None
    label, unit = FIELDS[field]
    m = re.search(r"(" + "|".join(map(re.escape, LESS + MORE + EQUAL)) + r")\s*(\d+(?:\.\d+)?)\s*(%|分|万元)?", folded)
    full_marks = re.search(r"(没有|没|未|不是|没拿|没有拿|未拿)满分", folded)
    if m:
        word, threshold = m.group(1), Decimal(m.group(2))
        op = "<" if word in LESS else (">" if word in MORE else "=")
        op = {"以下": "≤", "以上": "≥"}.get(word, op)
    elif full_marks:
        threshold, op = Decimal(100), "<"
    else:
        return None
    test = {"<": lambda v: v < threshold, ">": lambda v: v > threshold, "=": lambda v: v == threshold, "≤": lambda v: v <= threshold, "≥": lambda v: v >= threshold}[op]
    keep = [t for t in tables if value(t, field) is not None and test(value(t, field))]
    criterion = f"{scope}{label} {op} {qty(threshold, unit)}"
    if not keep:
        return ctx.answer("list", ctx.t("list", "none", criterion=criterion), intent="aggregate", filters=[criterion],
                          figures=[_count_ref(tables[0].doc if tables else "", f"{criterion}的项目数", 0)],
                          citations=[ctx.kb.cite_row(t, row_line(t, field)) for t in tables])
    return listing(ctx, keep, field, ctx.t("list", "filtered", criterion=criterion, count=len(keep)), filters=[criterion], count_subject=f"{criterion}的项目数")


def ranking(ctx: Ctx, tables: list[PerformanceTable], scope: str) -> Answer | None:
    high = "rank_high" in ctx.q.intents
    field = _field(ctx) or "score"
    label, unit = FIELDS[field]
    tables = [t for t in tables if value(t, field) is not None]
    if not tables:
        return None
    tables = sorted(tables, key=lambda t: (value(t, field), -t.name_line if high else t.name_line), reverse=high)
    n = _count_wanted(ctx.q.folded) or 1
    chosen = tables[:n]
    order = "最高" if high else "最低"
    places = sorted({(number_said(m.group("place_n")) or 1) if m.group("place_n") else 1 for m in RANK_PLACE.finditer(ctx.q.folded)})
    if places and places[-1] > 1 and n == 1:
        # "第二低的项目", "最大的是哪个？第二大的是哪个？": the places asked, ties left to the list
        chosen = [tables[p - 1] for p in places if p <= len(tables)]
        order = "、".join(("最高" if high else "最低") if p == 1 else f"第{in_words(p, ordinal=True)}{'高' if high else '低'}" for p in places if p <= len(tables))
        n = len(tables)  # no ties after a place
    boundary = value(chosen[-1], field)
    tied = [t for t in tables[n:] if value(t, field) == boundary]
    intro = ctx.t("list", "ranking", field_label=f"{scope}{label}", order=order)
    ans = listing(ctx, chosen + tied, field, intro, count_subject=f"{scope}{label}{'最高' if high else '最低'}的项目数")
    if tied:
        same = len(tied) + sum(1 for t in chosen if value(t, field) == boundary)
        ans.answer += "\n" + ctx.t("list", "tie_note", value=qty(boundary, unit), count=same)
        ans.figures.append(_count_ref(chosen[0].doc, f"{label}为{boundary}的项目数", same))
    return ans


STATED_COUNT = re.compile(r"([两二三四五六七八九十\d]{1,3})\s*个项目")


def total(ctx: Ctx, tables: list[PerformanceTable], scope: str) -> Answer | None:
    """"…的项目全年执行数合计": a sum over the projects in scope, by the calculator."""
    field = next((f for f in ctx.q.fields if f in ("executed", "budget_full", "budget_initial")), None)
    if field is None and SPENT_ASKED.search(ctx.q.folded) and not ctx.q.fields:
        field = "executed"  # "三批…实际一共发了多少钱": what the projects spent, their 全年执行数
    if field is None or not tables:
        return None
    label, unit = FIELDS[field]
    stated = STATED_COUNT.search(ctx.q.folded)
    if stated and number_said(stated.group(1)) not in (None, len(tables)):
        # "…三个项目的…合计" but two found: a sum of other projects than meant would be a wrong figure
        return ctx.answer("clarification", ctx.t("list", "count_differs", stated=in_words(number_said(stated.group(1))), count=in_words(len(tables)), names="、".join(t.name for t in tables)),
                          intent="aggregate", citations=[ctx.kb.cite_row(t, t.name_line) for t in tables])
    values = [value(t, field) for t in tables]
    if any(v is None for v in values):
        return None
    expression = " + ".join(str(v) for v in values)
    places = max(-v.as_tuple().exponent for v in values)
    result = str(Decimal(calculator.run(expression, None)["result"]).quantize(Decimal(1).scaleb(-places)))
    refs = _refs(tables, field)
    calc = Calculation(expression=expression, result=result, unit=unit, operands=refs)
    subject = f"{scope}{len(tables)} 个项目的{label}合计"
    text = ctx.t("calculation", "result", description=subject, expression=expression, result=qty(result, unit))
    derived = FigureRef(subject=subject, value=result, unit=unit, doc=tables[0].doc, basis="计算", derived=True)
    return ctx.answer("calculation", text, intent="aggregate", figures=[derived, _count_ref(tables[0].doc, f"{scope}项目数", len(tables)), *refs],
                      calculation=calc, citations=_citations(ctx, tables, field), table=_rows(tables))


def same_indicator(ctx: Ctx, tables: list[PerformanceTable]) -> list[tuple[PerformanceTable, object]] | None:
    """The indicator the question names, found in every one of ``tables`` under one name and unit
    with an actual value ("发放人数" in the tables of several batches of one subsidy); None when any lacks it."""
    from assistant.link import rank_indicators

    picked = []
    for t in tables:
        inds = rank_indicators(ctx.kb, ctx.q, [t], text=question_rest(ctx, t))
        if not inds or inds[0][0] < 0.35 or inds[0][2].actual.value is None:
            return None
        picked.append((t, inds[0][2]))
    if len({i.name for _, i in picked}) != 1 or len({i.actual.unit for _, i in picked}) != 1:
        return None
    return picked


def indicator_by_project(ctx: Ctx, tables: list[PerformanceTable], scope: str) -> Answer | None:
    """"某某补贴发放人数": a name several projects share, so the indicator of each of them."""
    picked = same_indicator(ctx, tables)
    if picked is None:
        return None
    name, unit = picked[0][1].name, picked[0][1].actual.unit or ""
    lines = "\n".join(f"- {t.name}：实际完成值 {shown(i.actual)}（年度指标值 {shown(i.target)}）" for t, i in picked)
    text = ctx.t("list", "indicator_by_project", scope=scope, count=len(picked), indicator=name) + "\n" + lines
    refs = [_count_ref(picked[0][0].doc, f"{scope}“{name}”所在的项目数", len(picked))]
    refs += [FigureRef(subject=f"{t.name}·{i.name}·实际完成值", value=str(i.actual.value), unit=unit, doc=t.doc, record_id=t.id, basis="绩效自评表") for t, i in picked]
    cites = [c for t, i in picked for c in ([ctx.kb.cite_row(t, t.name_line)] + [ctx.kb.cite_row(t, i.line_start, i.line_end)])]
    return ctx.answer("list", text, intent="aggregate", figures=refs, citations=cites,
                      table=[{"项目": t.name, name: qty(i.actual.value, unit)} for t, i in picked])


def indicator_total(ctx: Ctx, tables: list[PerformanceTable], scope: str) -> Answer | None:
    """"某某补贴三批一共发给了多少人": one indicator's actual values across the projects, added up."""
    picked = same_indicator(ctx, tables)
    if picked is None:
        return None
    name, unit = picked[0][1].name, picked[0][1].actual.unit or ""
    values = [i.actual.value for _, i in picked]
    expression = " + ".join(str(v) for v in values)
    result = calculator.run(expression, None)["result"]
    refs = [FigureRef(subject=f"{t.name}·{i.name}·实际完成值", value=str(i.actual.value), unit=unit, doc=t.doc, record_id=t.id, basis="绩效自评表") for t, i in picked]
    calc = Calculation(expression=expression, result=result, unit=unit, operands=refs)
    subject = f"{scope}{len(picked)} 个项目的“{name}”实际完成值合计"
    text = ctx.t("calculation", "result", description=subject, expression=expression, result=qty(result, unit))
    derived = FigureRef(subject=subject, value=result, unit=unit, doc=picked[0][0].doc, basis="计算", derived=True)
    cites = [c for t, i in picked for c in ([ctx.kb.cite_row(t, t.name_line)] + [ctx.kb.cite_row(t, i.line_start, i.line_end)])]
    count = _count_ref(picked[0][0].doc, f"{scope}项目数", len(picked))
    return ctx.answer("calculation", text, intent="aggregate", figures=[derived, count, *refs], calculation=calc, citations=cites)


def by_unit_counts(ctx: Ctx, tables: list[PerformanceTable]) -> Answer:
    """"哪个实施单位负责的项目最多": projects counted per implementing unit."""
    counts = Counter(t.implementer or "（未填写）" for t in tables)
    order = counts.most_common() if "rank_low" not in ctx.q.intents else sorted(counts.items(), key=lambda kv: kv[1])
    lead_n = order[0][1]
    leaders = [u for u, n in order if n == lead_n]
    doc = tables[0].doc
    text = f"{'、'.join(leaders)}作为实施单位的项目{'最多' if 'rank_low' not in ctx.q.intents else '最少'}，共 {lead_n} 个。各单位：" + "；".join(f"{u} {n} 个" for u, n in order)
    refs = [_count_ref(doc, f"{u}实施的项目数", n) for u, n in order]
    cites = [ctx.kb.cite_row(t, t.unit_line or t.name_line) for t in tables if t.implementer in leaders]
    return ctx.answer("list", text, intent="aggregate", figures=refs, citations=cites, table=[{"实施单位": u, "项目数": str(n)} for u, n in order])


def aggregate(ctx: Ctx, single_project: bool) -> Answer | None:
    q = ctx.q
    folded = q.folded
    tables = projects(ctx)
    if not tables or single_project:
        return None
    about_projects = any(w in folded for w in PROJECT_WORDS) or len(named_group(ctx)) >= 2
    if not about_projects and not ({"rate", "score"} & set(q.fields) and q.intents & {"rank_high", "rank_low", "list", "count"}):
        return None
    unit = named_unit(ctx) if (about_projects or "负责" in folded or "实施" in folded) else None
    scope = ""
    if unit is not None:
        tables = [t for t in tables if t.implementer == unit]
        scope = f"{unit}负责的项目中，"
        named = [t for t in named_in_full(ctx) if t in tables]
        if len(named) >= 2:
            tables, scope = named, ""  # "交易中心发的某某补贴第一批、第二批…": the projects named, of that unit
    elif "实施单位" in folded and q.intents & {"rank_high", "rank_low"} and "项目" in folded and not _field_named(ctx):
        return by_unit_counts(ctx, tables)
    else:
        group = named_group(ctx)
        if group:
            tables = group

    if re.search("|".join(map(re.escape, LESS + MORE)) + r"|满分", folded) and _field(ctx):
        ans = filtered(ctx, tables, scope)
        if ans is not None:
            return ans
    if q.intents & {"rank_high", "rank_low"}:
        return ranking(ctx, tables, scope)
    if "sum" in q.intents and (unit is not None or tables != projects(ctx) or re.search(r"(所有|全部|各|这些)项目", folded)):
        ans = total(ctx, tables, scope) or indicator_total(ctx, tables, scope)
        if ans is not None:
            return ans
    if unit is not None:
        return listing(ctx, tables, None, ctx.t("list", "implementer", unit=unit, count=len(tables)), count_subject=f"{unit}实施的项目数", unit_rows=True)
    if tables != projects(ctx) and len(tables) >= 2 and not q.intents & {"list", "count"}:
        # "某某补贴发放人数", "某某补贴的执行数": each of the projects the name abbreviates
        field = _field(ctx)
        if field is not None:
            return listing(ctx, tables, field, ctx.t("list", "filtered", criterion="名称相符", count=len(tables)), count_subject="相符的项目数")
        return indicator_by_project(ctx, tables, scope)
    if q.intents & {"list", "count"}:
        if tables == projects(ctx) and ("自评表" in folded or "count" in q.intents):
            return count_tables(ctx)
        if tables != projects(ctx) or re.search(r"(哪些|所有|全部|有什么)项目|项目(有哪些|都有|清单)", folded):
            return listing(ctx, tables, None, ctx.t("list", "filtered", criterion="名称相符" if tables != projects(ctx) else "公开了自评表", count=len(tables)), count_subject="相符的项目数")
    return None


def _field_named(ctx: Ctx) -> bool:
    return any(f in FIELDS for f in ctx.q.fields)
