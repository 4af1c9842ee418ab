"""Questions over several documents: rankings, comparisons and totals of one subject, answered as a
table with each document named and cited.

The subject is found in the first documents in scope (a table row: its table kind, code or name
and column; or a narrative figure: the start of its subject and its basis), then read for every
document in scope by one database query (``statement_amounts`` / ``figures``, ranked by SQL).
"""

from __future__ import annotations

import contextlib

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Answer, Calculation, Citation, FigureRef, Turn, document_label
from assistant.calculator import run
from assistant.compose import Ctx, qty, unique_citations
from assistant.link import broader
from assistant.route import without_departments
from assistant.rows import choose_table, columns_in_names, read_asked, total_column
from assistant.understand import WHOLE_TERMS, WHY_ASKED, understand
from assistant.text import in_words
from ingest.errors import CalculationError
from ingest.numbers import MONEY_SCALE
from assistant.handlers.figures import STRONG, best_figures, change_apart, level_with_last_year, part_named, restated_with_change, stated_parent
from assistant.handlers.scope import CITY, _abbreviates, never_counted
from assistant.handlers.texts import definition, none_said
from assistant.handlers.statements import COUNT_ASKED, MONEY_ASKED, ORDINAL_PREFIX, display_name, narrative_names_more, stated_in_text
from assistant.route import TOTAL_NAMES
from ingest.statements.kinds import vocabulary
from ingest.tokens import fold

# "普陀区所有区级部门…", "全区各部门…一共": every department of a place, which a library of some of them cannot add up
ALL_OF_A_PLACE = re.compile(r"(?P<place>[\u4e00-\u9fff]{1,6}?[区市县省])?(?:\s*(?:19|20)\d{2}\s*年度?)?(?:的)?\s*(?:所有|全部|全体)(?:的)?(?:区级|市级|县级)?(?:部门|单位|机关)|全(?P<whole>区|市|县)(?:的)?(?:各|所有)?(?:部门|单位)")
NONE_ASKED = re.compile(r"(哪个|哪些|哪家|谁)[^，。？?]{0,6}(没有|没)")  # "哪个没有车", "哪些部门没有三公经费"
GLOSSARY_NAMED = re.compile(r"名词解释|定义|含义|什么意思|啥意思|是指|指的是")  # a term asked of the glossary, whatever else is said
SUM_ASKED = re.compile(r"合计|加起来|一共|总共|共计|总和|总计多少")  # over several documents: their total
COMPARE_ASKED = re.compile(r"比一比|比比|比较|对比|相比|相差|差多少|差了|差距|差额|之差|(哪个|哪家|谁|哪一?个?部门)[^，。？?]{0,8}(多|少|高|低|大|小)|多几|少几|多多少|少多少|多了|少了|[多少高低]出")
SAMPLE = 3  # documents whose records are read to find the subject
WHOLE_OVER_PART = 0.15  # how much less of its name a total needs than its part to be the one a question across documents means
AGREED = 0.05  # how much less of its name a narrative subject needs when two documents' best figures agree on it
SHOWN = 20  # rows of a ranking shown at most
NARRATIVE_READ = 20  # documents without the table row whose narrative is read


@dataclass(frozen=True)
class Spec:
    """What to read in every document: a table row's column, or a narrative figure."""

    label: str
    kind: str | None = None  # statutory table kind; None for a narrative figure
    column: str = ""
    code: str | None = None
    name: str | None = None
    side: str | None = None
    subject: str | None = None  # narrative: the start of the figure's subject
    basis: str = "本年决算"
    unit: str | None = None
    part: bool = False  # narrative: a part of a stated total, named by words of its own — each document's found by its own words


EACH_ASKED = re.compile(r"各是|各为|各有|各多少|各自|分别|对比|比较一下|逐一|列出|列一下|列个表|列成表|列表")
ADDED_ASKED = re.compile(r"加起来|加在一起|一共|总共|共计|总和|之和|相加|合起来|合计(是|为|有)?多少")  # a total across documents, said outright


def answer(ctx: Ctx, library) -> Answer | None:
    if never_counted(ctx):
        return None  # "各签订了多少份合同": no document counts in that unit (the refusal says so)
    each = _each_part(ctx, library)
    if each is not None:
        return each
    return _answer(ctx, library)


PERCENT_OF = re.compile(r"(?:相当于|是|只有|只是|仅为|仅有|才)[^，,。？?]{0,40}?的?(?:百分之多少|百分之几|多少百分比|百分比)")


def _each_part(ctx: Ctx, library) -> Answer | None:
    """"…表中，人员经费合计和公用经费合计各是多少", "工会经费和福利费（对比）": several subjects or
    columns asked of every document — each asked on its own, the answers one after another."""
    if not EACH_ASKED.search(ctx.q.folded) or ctx.q.intents & {"share", "change", "ratio", "rank_high", "rank_low"}:
        return None
    if "difference" in ctx.q.intents and re.search(r"相差|差多少|差额|之差|差距|多多少|少多少|多出|少了|多了", ctx.q.folded):
        return None  # a difference asked outright is one subject's, between the documents
    content = without_departments(ctx.q, [library.info(d) for d in ctx.docs])
    content = re.sub(r"(?:\s+|\d{4}\s*年度?\s*|[(（]\d{4}[)）]\s*)[与和及、跟同]\s+|^\s*(请)?(列出|对比|比较)?\s+", " ", content)  # the words that joined the departments
    content = re.sub(r"^\s*(?:请)?(?:列个表|列成表|列表|列出|对比|比较)?[:：]?\s*|(?:(?:19|20)\d{2}\s*年?度?\s*[、，,与和及跟同]\s*)+(?:(?:19|20)\d{2}\s*年?度?)?\s*的?", " ", content)  # "列个表：甲2024、乙2025的…"
    pieces = understand(re.sub(r"\s+", "", content), ctx.lang).parts(ctx.kb.names)
    if len(pieces) < 2 or len(pieces) > 4:
        return None
    core = re.sub(r"^.*(?:表中的|表里的|表中|表里|之中|当中|表底行[:：]?|表[:：])", "", pieces[0]).strip()
    core = re.sub(r"^(?:(?:19|20)\d{2}\s*年度?)?的?", "", core)  # "…表底行：(departments) 2025年的人员经费合计"
    pieces[0] = core if len(core) >= 2 else pieces[0]  # "…基本支出决算表中的工会经费": the table placed them all
    if all(_only_a_column(p) for p in pieces[1:]):
        first_columns = read_asked(pieces[0]).column_spans
        if first_columns:  # "“三公”经费的预算和实际花的": columns of one subject, the subject kept in each ask
            pieces[0] = pieces[0][first_columns[-1][0]:]
    folded = ctx.q.folded
    first, last = pieces[0], pieces[-1]
    start, end = folded.rfind(first), folded.rfind(last)
    if start < 0 or end < start:
        return None
    end += len(last)
    while start > 0 and (folded[start - 1].isdigit() or folded[start - 1] == " "):
        start -= 1  # its code too ("30228工会经费"): each piece is asked by its name
    answers = []
    for piece in pieces:
        sub = ctx.with_query(understand(folded[:start] + piece + folded[end:], ctx.lang))
        found = _answer(sub, library)
        if found is None or found.kind == "refusal":
            return None
        answers.append(found)
    figures = [f for a in answers for f in a.figures]
    text = "\n\n".join(a.answer for a in answers)
    rows = [r for a in answers for r in (a.table or [])]
    turn = Turn(question=ctx.q.text, intent="across", kind="list", figure_ids=[f.record_id for f in figures if f.record_id], subject=answers[0].session.last.subject if answers[0].session.last else None)
    calcs = [a.calculation for a in answers if a.calculation is not None]
    out = ctx.answer("calculation" if calcs else "list", text, intent="across", figures=figures, citations=[c for a in answers for c in a.citations],
                     calculation=calcs[0] if calcs else None, table=rows or None, turn=turn)
    out.calculations = calcs[1:]
    return out


def _only_a_column(piece: str) -> bool:
    asked = read_asked(piece)
    rest = piece
    for a, b in sorted(asked.column_spans, reverse=True):
        rest = rest[:a] + rest[b:]
    return bool(asked.columns) and len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"[的了是各为多少]", "", rest))) <= 1


LAST_YEARS_ASKED = re.compile(r"上一?年的?|去年的?|前一年的?")


def _answer(ctx: Ctx, library) -> Answer | None:
    order = "desc" if "rank_high" in ctx.q.intents else ("asc" if "rank_low" in ctx.q.intents else None)
    if "last_year" in ctx.q.intents and not ctx.q.intents & {"change", "definition"} and LAST_YEARS_ASKED.search(ctx.q.folded):
        return None  # "两家上一年的…各是多少": each department's last year, worked out in its own document
    if "definition" in ctx.q.intents and (GLOSSARY_NAMED.search(ctx.q.folded) or not ctx.q.intents & {"change", "reason", "share", "sum", "difference", "ratio", "rank_high", "rank_low", "last_year"}):
        return _definitions(ctx, library)  # "…的定义分别是怎么写的", not "跟上年比各是啥情况"
    if "share" in ctx.q.intents:
        shares = _shares(ctx, library, order)
        if shares is not None:
            return shares
    spec = _spec(ctx, library, WHOLE_TERMS[whole]) if (whole := _whole_year(ctx, library)) else _spec(ctx, library)
    if spec is None:
        return None
    docs = ctx.docs
    if COUNT_ASKED.search(ctx.q.folded) and not MONEY_ASKED.search(ctx.q.folded) and (spec.unit is None or spec.unit in MONEY_SCALE):
        return None  # "办了多少场": a count is not read from money
    stated = _read(ctx, library, spec, order, subject=WHOLE_TERMS[whole] if whole else None)
    if not stated:
        return None
    asked = TOTAL_NAMES.sub("", ctx.q.folded.replace(fold(spec.label), ""))  # "本年收入合计" names a row, it adds nothing up
    if not order:
        stated.sort(key=lambda s: position(ctx.q, library, s.doc))  # as the question names them
    names = {d: _document(library, d) for d in docs}
    rows = [{"部门": names[s.doc], spec.label: qty(s.raw, s.unit)} for s in stated[:SHOWN]]
    missing = [names[d] for d in docs if d not in {s.doc for s in stated}]
    figures = [_ref(s, spec, names) for s in stated]
    # the documents said to lack it are named by their titles
    lacking = [d for d in docs if d not in {s.doc for s in stated}][:SHOWN]
    citations = _citations(library, stated[:SHOWN], names, titles=lacking)
    if "change" in ctx.q.intents and (not order or CHANGE_RANKED.search(ctx.q.folded)):
        changes = _changes(ctx, library, spec, stated, names)
        if changes is not None:
            return changes
    lines: list[str] = []
    calc = None
    if order and stated and {"rank_high", "rank_low"} <= ctx.q.intents and len(stated) > 2:
        # "哪家最多、哪家最少": both ends
        top, bottom = stated[0], stated[-1]
        lines.append(ctx.t("across", "rank_both", label=spec.label, top=names[top.doc], top_value=qty(top.raw, top.unit),
                           bottom=names[bottom.doc], bottom_value=qty(bottom.raw, bottom.unit)))
    elif order and stated:
        top = stated[0]
        counted = top.unit not in MONEY_SCALE and top.unit not in ("%", "分")  # 辆, 个, 人: most, not highest
        key = ("rank_most" if order == "desc" else "rank_least") if counted else ("rank_high" if order == "desc" else "rank_low")
        lines.append(ctx.t("across", key, label=spec.label, department=names[top.doc], value=qty(top.raw, top.unit)))
    elif NONE_ASKED.search(ctx.q.folded):
        # "哪个部门没有车": the documents that state zero
        zero = [names[s.doc] for s in stated if Decimal(s.amount) == 0]
        lines.append(ctx.t("across", "none", label=spec.label, departments="、".join(dict.fromkeys(zero))) if zero else ctx.t("across", "none_found", label=spec.label))
    elif len(stated) == 2 and ("ratio" in ctx.q.intents or PERCENT_OF.search(ctx.q.folded)):
        a, b = sorted(stated, key=lambda s: position(ctx.q, library, s.doc))  # "A是B的几倍": as named
        if Decimal(b.amount) == 0:
            return None
        unit = common_unit(stated)
        expression = f"({term(a, unit)}) / ({term(b, unit)})" if a.unit != b.unit else f"{a.amount} / {b.amount}"
        try:
            out = run(expression, 2)
        except CalculationError:
            return None
        lines.append(ctx.t("across", "pair", label=spec.label, first=names[a.doc], first_value=qty(a.raw, a.unit), second=names[b.doc], second_value=qty(b.raw, b.unit)))
        if PERCENT_OF.search(ctx.q.folded):  # "A相当于B的百分之多少": the same division, as a percentage
            expression += " × 100"
            out = run(expression, 2)
        unit = "%" if PERCENT_OF.search(ctx.q.folded) else "倍"
        lines.append(ctx.t("across", "ratio_percent" if unit == "%" else "ratio", first=names[a.doc], second=names[b.doc], result=qty(out["result"], unit), expression=expression))
        calc = Calculation(expression=expression, result=out["result"], unit=unit, operands=figures)
        figures.append(FigureRef(subject=f"{spec.label}之比", value=out["result"], unit=unit, doc=a.doc, basis="计算", derived=True))
    elif ("sum" in ctx.q.intents or SUM_ASKED.search(asked) or SUM_ASKED.search(ctx.q.text.replace(spec.label, ""))) and not (
            "difference" in ctx.q.intents and len(stated) == 2) and not (EACH_ASKED.search(ctx.q.folded) and not ADDED_ASKED.search(ctx.q.folded)):
        # (the text too: an alias may have taken "一共"; "预算合计…各是多少" names each one's total row, it adds nothing)
        whole_place = ALL_OF_A_PLACE.search(ctx.q.folded)
        if whole_place is not None:
            # "普陀区所有区级部门三公经费加起来": the documents loaded are not every department of the place
            place = whole_place.group("place") or next(iter(ctx.q.places), "")
            loaded = "、".join(dict.fromkeys(re.sub(r"\s*(?:19|20)\d{2}\s*年度?$", "", names[s.doc]) for s in stated))  # (named without a year: a refusal states no number)
            return ctx.answer("refusal", ctx.t("refusal", "not_all", place=place, departments=loaded), intent="refusal")
        unit = common_unit(stated)
        expression = " + ".join(term(s, unit) for s in stated)
        own = [s for s in stated if s.unit == unit]
        places = max(len(s.amount.partition(".")[2]) for s in own) if own else 2  # the documents' own decimals: 辆 stay whole
        try:
            out = run(expression, places)
        except CalculationError:
            return None
        calc = Calculation(expression=expression, result=out["result"], unit=unit, operands=figures)
        lines.append(ctx.t("across", "total", label=re.sub(r"合计$", "", spec.label), result=qty(out["result"], unit), expression=expression))
    elif len(stated) == 2 and ("difference" in ctx.q.intents or COMPARE_ASKED.search(ctx.q.folded)):
        unit = common_unit(stated)
        a, b = sorted(stated, key=lambda s: in_unit(s, unit), reverse=True)  # the larger first: a positive difference
        expression = f"{term(a, unit)} − {term(b, unit)}"
        own = [s for s in (a, b) if s.unit == unit]
        places = max(len(s.amount.partition(".")[2]) for s in own) if own and unit not in MONEY_SCALE else 2  # 辆 stay whole
        try:
            out = run(expression, places)
        except CalculationError:
            out = None
        lines.append(ctx.t("across", "pair", label=spec.label, first=names[a.doc], first_value=qty(a.raw, a.unit), second=names[b.doc], second_value=qty(b.raw, b.unit)))
        if out is not None:
            calc = Calculation(expression=expression, result=out["result"], unit=unit, operands=figures)
            lines.append(ctx.t("across", "difference", first=names[a.doc], second=names[b.doc], result=qty(out["result"], unit), expression=expression))
            figures.append(FigureRef(subject=f"{spec.label}之差", value=out["result"], unit=unit, doc=a.doc, basis="计算", derived=True))
        if "sum" in ctx.q.intents or SUM_ASKED.search(asked):  # "合计多少？两者相差多少？": the total too
            total = f"{term(a, unit)} + {term(b, unit)}"
            with contextlib.suppress(CalculationError):
                summed = run(total, 2)["result"]
                lines.append(ctx.t("across", "total", label=spec.label, result=qty(summed, unit), expression=total))
                figures.append(FigureRef(subject=f"{spec.label}合计", value=summed, unit=unit, doc=a.doc, basis="计算", derived=True))
    else:
        lines.append(ctx.t("across", "listed", label=spec.label))
    bare = ORDINAL_PREFIX.sub("", spec.label)  # "二、政府性基金预算财政拨款" as a name
    if missing and DOCUMENTS_COUNT_ASKED.search(ctx.q.folded):
        # "四份决算中有几家有政府性基金预算财政拨款支出": how many state a figure other than zero
        having = [s for s in stated if Decimal(s.amount) != 0]
        lines.insert(0, ctx.t("across", "having", label=bare, count=len(having), total=in_words(len(stated) + len(missing))))
        figures.insert(0, FigureRef(subject=f"有{spec.label}的部门数", value=str(len(having)), unit="家", doc=stated[0].doc if stated else None, basis="计数", derived=True))
    lines += [f"- {r['部门']}：{r[spec.label]}" for r in rows]
    said_none = {}
    for d in docs:
        if names[d] in missing:
            cite = none_said(ctx.kb_of([d]), d, bare)
            if cite is not None:
                said_none[names[d]] = cite.model_copy(update={"document": names[d]})  # "…无政府性基金预算财政拨款收入和支出。": the document says so
    for name, cite in said_none.items():
        lines.append(ctx.t("across", "none_said", department=name, quote=cite.quote.strip()))
        citations.append(cite)
    missing = [m for m in missing if m not in said_none]
    if missing:
        lines.append(ctx.t("across", "missing", label=spec.label, departments="、".join(missing)))
    turn = Turn(question=ctx.q.text, intent="across", kind="calculation" if calc else "list", figure_ids=[f.record_id for f in figures if f.record_id], subject=spec.label)
    return ctx.answer("calculation" if calc else "list", "\n".join(lines), intent="across", figures=figures, citations=citations, calculation=calc, table=rows, turn=turn)


DOCUMENTS_COUNT_ASKED = re.compile(r"(?:有|共有)?(?:几|多少)(?:家|个部门|个单位|份)(?:部门|单位|决算)?(?:有|列有|填有|存在)")


def _definitions(ctx: Ctx, library) -> Answer | None:
    """"两份决算的名词解释中，“X”分别是怎么定义的": each document's own entry, named and cited."""
    lines, citations = [], []
    for doc in sorted(ctx.docs[:SHOWN], key=lambda d: position(ctx.q, library, d)):  # as the question names them
        found = definition(ctx.with_kb(ctx.kb_of([doc]), [doc]))
        if found is None:
            continue
        name = _document(library, doc)
        lines.append(f"- {name}：{found.answer}")
        citations += [c.model_copy(update={"document": name}) for c in found.citations]
    if len(lines) < 2:
        return None
    return ctx.answer("text", "\n".join([ctx.t("across", "definitions"), *lines]), intent="definition", citations=citations)


CHANGE_RANKED = re.compile(r"(?:涨|增|升|降|减|跌|下降|增长|增加|减少|变化|变动)[^，,。？?]{0,3}(?:最多|最大|最少|最小|最快|最猛|得最|谁(?:更)?[大多高快]|哪家(?:更)?[大多高快])"
                           r"|(?:最多|最大)的?(?:涨|增|降|减)")  # "谁涨最多", "降幅谁大": by the change


def _changes(ctx: Ctx, library, spec: Spec, stated: list, names: dict[str, str]) -> Answer | None:
    """"四个部门的机关运行经费与上年相比，哪些增加、哪些减少": each document's change as its
    narrative states it beside the figure (a table row's documents: their narrative's figure)."""
    from ingest.library import Stated

    figures_read = [s for s in stated if s.source == "narrative"]
    if len(figures_read) < len(stated):
        figures_read = _from_narrative(ctx, ctx.docs, text=spec.label, library=library)  # the subject found, not the question's change words
    rows, refs, citations, by_direction = [], [], [], {}
    moved = []  # (department, its change)
    for s in figures_read:
        kb = ctx.kb_of([s.doc])
        f = kb.figure_by_id.get(s.record_id)
        if f is not None and f.change is None:
            f = restated_with_change(ctx.with_kb(kb, [s.doc]), f) or f  # the same figure stated again with its change
        if f is not None and f.change is None:
            level = level_with_last_year(ctx.with_kb(kb, [s.doc]), f)  # "…决算数与2023年度持平"
            if level is not None:
                rows.append(ctx.t("across", "level_row", department=names[s.doc], value=qty(s.raw, s.unit)))
                refs += level.figures
                citations += [c.model_copy(update={"document": names[s.doc]}) for c in level.citations]
                by_direction.setdefault("持平", []).append(names[s.doc])
                continue
        holder = f if f is not None and f.change is not None else (change_apart(kb, f) if f is not None else None)
        if holder is None or holder.change.amount is None:
            continue
        c = holder.change
        percent = ("增长 " if c.direction == "增加" else "下降 ") + qty(str(c.percent), "%") if c.percent is not None else "—"
        rows.append(ctx.t("across", "change_row", department=names[s.doc], value=qty(s.raw, s.unit), direction=c.direction,
                          amount=qty(str(c.amount), c.unit or s.unit), percent=percent))
        why = holder.reason or (f.reason if f is not None else None)
        if why and WHY_ASKED.search(ctx.q.folded):
            rows[-1] += ctx.t("across", "change_reason", reason=str(why).rstrip("。"))  # "原因分别是什么": each one's, as its narrative says
        refs += [FigureRef(subject=f"{names[s.doc]}{spec.label}", value=str(f.value), unit=f.unit, doc=s.doc, record_id=f.id, basis=f.basis, source="narrative"),
                 FigureRef(subject=f"{names[s.doc]}{spec.label}比上年{c.direction}", value=str(c.amount), unit=c.unit or s.unit, doc=s.doc, record_id=holder.id, basis="比上年增减", source="narrative")]
        if c.percent is not None:
            refs.append(FigureRef(subject=f"{names[s.doc]}{spec.label}比上年{c.direction}幅度", value=str(c.percent), unit="%", doc=s.doc, record_id=holder.id, basis="比上年增减", source="narrative"))
        citations += [kb.cite_figure(g).model_copy(update={"document": names[s.doc]}) for g in ([f] if holder is f else [f, holder])]
        by_direction.setdefault(c.direction, []).append(names[s.doc])
        moved.append((names[s.doc], c))
    if len(rows) < 2:
        return None
    summary = "；".join(ctx.t("across", "changed", direction=d, departments="、".join(ds)) for d, ds in by_direction.items())
    lines = [ctx.t("across", "changes", label=spec.label, summary=summary)] + [f"- {r}" for r in rows]
    if (ctx.q.intents & {"rank_high", "rank_low"} or CHANGE_RANKED.search(ctx.q.folded)) and moved:
        # "谁涨最多谁降最多": the largest rise and the largest fall, by the rates stated (or the amounts)
        by_rate = all(c.percent is not None for _, c in moved)
        size = (lambda c: c.percent) if by_rate else (lambda c: c.amount)
        most = []
        for direction in ("增加", "减少"):
            those = [(n, c) for n, c in moved if c.direction == direction]
            if those:
                name, c = max(those, key=lambda m: size(m[1]))
                most.append(ctx.t("across", "changed_most", direction=direction, department=name,
                                  amount=qty(str(size(c)), "%" if by_rate else (c.unit or stated[0].unit)), measure="幅度" if by_rate else "金额"))
        lines = ["".join(most), *lines]
    turn = Turn(question=ctx.q.text, intent="across", kind="list", figure_ids=[f.record_id for f in refs if f.record_id], subject=spec.label)
    return ctx.answer("list", "\n".join(lines), intent="across", figures=refs, citations=citations, turn=turn)


def _read(ctx: Ctx, library, spec: Spec, order: str | None, subject: str | None = None) -> list:
    """What every document in scope states for ``spec`` (ranked by SQL when ``order`` is given)."""
    docs = ctx.docs
    if spec.kind:
        stated = _first_each(library.amounts(kind=spec.kind, column=spec.column, code=spec.code, name=spec.name, docs=docs, side=spec.side, order=order))
        stated += _blank_cells(ctx, spec, [d for d in docs if d not in {s.doc for s in stated}])
        # (a document without the table: its narrative's figure named as the row is — "收入总计" for the
        # 收入 side's 总计 — not the best figure of the whole question's words)
        said = subject if subject is not None else f"{spec.side}{spec.name}" if spec.side and spec.name and fold(spec.name) in ("总计", "合计") else None
        stated += _from_narrative(ctx, [d for d in docs if d not in {s.doc for s in stated}], text=said, library=library)
    elif spec.part:
        stated = _from_narrative(ctx, docs, basis=spec.basis, unit=spec.unit, text=subject)
    else:
        stated = library.stated(subject=spec.subject, basis=spec.basis, docs=docs, unit=spec.unit)
        missing = [d for d in docs if d not in {s.doc for s in stated}]
        stated += _from_narrative(ctx, missing, basis=spec.basis, unit=spec.unit, text=subject, library=library)
        rest = [d for d in missing if d not in {s.doc for s in stated}]
        if subject is None and rest:
            # worded otherwise there ("所属各预算单位开支财政拨款的公务用车保有量"): looked for by the
            # subject found, without the question's other words ("比…多几辆")
            stated += _from_narrative(ctx, rest, basis=spec.basis, unit=spec.unit, text=spec.label, library=library)
    unit = common_unit(stated) if stated else ""
    stated = [s for s in stated if in_unit(s, unit) is not None]  # 辆 are not compared with 万元
    if order:
        stated.sort(key=lambda s: in_unit(s, unit), reverse=order == "desc")
    return stated


def _first_each(stated: list) -> list:
    """A document's first row of the name only: "一、一般公共预算财政拨款" under 本年收入, not the
    row of that name under 年初结转和结余 further down the same table."""
    first: dict[str, object] = {}
    for s in sorted(stated, key=lambda s: s.line):
        first.setdefault(s.doc, s)
    return [s for s in stated if first[s.doc] is s]


def common_unit(stated: list) -> str:
    """The unit most of ``stated`` are in (of two as common, the first document's)."""
    return Counter(s.unit for s in stated).most_common(1)[0][0]


def in_unit(s, unit: str) -> Decimal | None:
    """``s``'s amount in ``unit`` (money converts: 元 among 万元), or None when it cannot be."""
    if s.unit == unit:
        return Decimal(s.amount)
    if s.unit in MONEY_SCALE and unit in MONEY_SCALE:
        return Decimal(s.amount) * MONEY_SCALE[s.unit] / MONEY_SCALE[unit]
    return None


def term(s, unit: str) -> str:
    """``s``'s amount as a term of the calculator's expression in ``unit``: a conversion is part of
    the expression shown ("39638826.50 / 10000"), never done out of sight."""
    if s.unit == unit or MONEY_SCALE.get(s.unit) == MONEY_SCALE.get(unit):
        return s.amount
    ratio = MONEY_SCALE[s.unit] / MONEY_SCALE[unit]
    return f"{s.amount} × {ratio}" if ratio > 1 else f"{s.amount} / {MONEY_SCALE[unit] / MONEY_SCALE[s.unit]}"


SHARE_OF = re.compile(r"^([^，,。？?]+?)占([^，,。？?]+)")  # in the content words: the share words are gone
SHARE_ALONE = re.compile(r"^(?:那么?)?(?:两家|两个部门|两边|它们|各自)?(?:里|中|之中|当中)?(?:哪家|哪个部门|哪个单位|谁)?的?([^，,。？?占]{2,}?)(?:各自?|分别)?占(?:了)?(?:多少|几|百分之几|比例|比重|比)")  # no whole named


OWN_WHOLE = re.compile(r"自己|各自|本身|其|总额|总数|总量|全部")


def _parents_stated(ctx: Ctx, library, parts: dict) -> dict:
    """Each document's figure that its part's figure is part of (服务采购金额 → 政府采购金额)."""
    from ingest.library import Stated

    out = {}
    for doc, p in parts.items():
        kb = ctx.kb_of([doc])
        f = kb.figure_by_id.get(p.record_id)
        whole = stated_parent(kb, f) if f is not None else None
        if whole is not None:
            place = kb.cite_figure(whole)
            out[doc] = Stated(doc=doc, name=whole.subject, column=whole.basis, raw=whole.raw, amount=str(whole.value), unit=whole.unit,
                              page=place.page or 1, line=whole.line_start, bbox=None, source="narrative", record_id=whole.id)
    return out


def _whole_stated(ctx: Ctx, library, words: str) -> str | None:
    """The whole every document states its share of ``words`` of ("项目支出…占本年支出合计的 N%"):
    its name, when they agree."""
    spec = _spec(ctx, library, words)
    if spec is None:
        return None
    wholes = set()
    for s in _read(ctx, library, spec, None, words):
        # (a table cell: the narrative's figure of the same amount that states a share)
        said = {fold(f.share.of) for f in ctx.kb_of([s.doc]).figures if f.doc == s.doc and f.share is not None and f.share.of
                and (f.id == s.record_id or (f.value == Decimal(s.amount) and f.unit == s.unit))}
        if len(said) != 1:
            return None
        wholes |= said
    return wholes.pop() if len(wholes) == 1 else None


def _shares(ctx: Ctx, library, order: str | None) -> Answer | None:
    """"A和B的人员经费占基本支出的比重分别是多少": each document's share, by the calculator, from
    the two figures it states."""
    content = re.sub(r"^[\s，,。、与和及跟]+", "", _content(ctx, library)).strip(" ，,。、")
    content = re.sub(r"^[^，,。？?]*(?:里面|之中|当中|里|中)[，,]\s*", "", content)  # "…的政府采购里，服务采购占…": the part and its whole after it
    m = SHARE_OF.search(content)
    last = ctx.session.last
    alone = SHARE_ALONE.search(ctx.q.folded) if m is None else None
    if m is None and last is not None and last.intent == "across" and last.subject and alone is not None:
        # "两家服务采购各占多少比例？" after each one's 政府采购金额: of the whole just given
        m = SHARE_OF.search(f"{alone.group(1)}占{fold(last.subject)}")
    if m is None and alone is not None and (of := _whole_stated(ctx, library, alone.group(1))):
        # "哪家项目支出占比更高": each one's share of the whole the documents state it of
        m = SHARE_OF.search(f"{alone.group(1)}占{of}")
    if not m:
        return None
    part_words, whole_words = m.group(1).strip(" 的和与及"), m.group(2).strip(" 的").split(" ")[0]  # "本年支出 的是哪个部门": the whole's words only
    part_spec, whole_spec = _spec(ctx, library, part_words), _spec(ctx, library, whole_words)
    own_whole = bool(OWN_WHOLE.search(whole_words))  # "各占自己采购总额": each part's own whole
    if part_spec is None or (whole_spec is None and not own_whole) or part_spec == whole_spec:
        return None
    parts = {s.doc: s for s in _read(ctx, library, part_spec, None, part_words)}
    if whole_spec is None or (own_whole and part_spec.kind is None):
        wholes = _parents_stated(ctx, library, parts)
        whole_spec = Spec(label=next(iter(wholes.values())).name if wholes else whole_words)
    else:
        wholes = {s.doc: s for s in _read(ctx, library, whole_spec, None, whole_words)}
    names = {d: _document(library, d) for d in ctx.docs}
    results = []
    for doc in ctx.docs:
        p, w = parts.get(doc), wholes.get(doc)
        if p is None or w is None or p.unit != w.unit or Decimal(w.amount) == 0:
            continue
        expression = f"{p.amount} / {w.amount} × 100"
        try:
            out = run(expression, 2)
        except CalculationError:
            continue
        results.append((doc, p, w, expression, out["result"]))
    if len(results) < 2:
        return None
    results.sort(key=lambda r: position(ctx.q, library, r[0]))  # as the question names them
    if order:
        results.sort(key=lambda r: Decimal(r[4]), reverse=order == "desc")
    label = f"{part_spec.label}占{whole_spec.label}的比重"
    lines, figures, rows = [], [], []
    citations = _citations(library, [s for r in results for s in r[1:3]], names)
    for doc, p, w, expression, result in results:
        lines.append(ctx.t("across", "share", department=names[doc], part=part_spec.label, part_value=qty(p.raw, p.unit), whole=whole_spec.label, whole_value=qty(w.raw, w.unit), result=qty(result, "%"), expression=expression))
        figures += [_ref(p, part_spec, names), _ref(w, whole_spec, names),
                    FigureRef(subject=f"{names[doc]}{label}", value=result, unit="%", doc=doc, basis="计算", derived=True)]
        rows.append({"部门": names[doc], label: qty(result, "%")})
    top = max(results, key=lambda r: Decimal(r[4]))
    if any(Decimal(r[4]) != Decimal(top[4]) for r in results):
        lines.append(ctx.t("across", "share_high", label=label, department=names[top[0]], value=qty(top[4], "%")))
    more = []
    if len(results) == 2 and ("difference" in ctx.q.intents or re.search(r"相差|差(?:了)?几|差多少|差距|百分点", ctx.q.folded)):
        # "…的比重各是多少？相差几个百分点？": the larger less the smaller, in percentage points
        a, b = sorted(results, key=lambda r: -Decimal(r[4]))
        expression = f"{a[4]} − {b[4]}"
        points = run(expression, 2)["result"]
        lines.append(ctx.t("across", "points", first=names[a[0]], second=names[b[0]], result=points, expression=expression))
        figures.append(FigureRef(subject=f"{names[a[0]]}与{names[b[0]]}{label}之差", value=points, unit="个百分点", doc=a[0], basis="计算", derived=True))
        more = [Calculation(expression=expression, result=points, unit="个百分点", operands=[f for f in figures if f.unit == "%"][:2])]
    calc = Calculation(expression=results[0][3], result=results[0][4], unit="%", operands=figures[:2])
    turn = Turn(question=ctx.q.text, intent="across", kind="calculation", figure_ids=[f.record_id for f in figures if f.record_id], subject=label)
    answer = ctx.answer("calculation", "\n".join(lines), intent="across", figures=figures, citations=unique_citations(citations), calculation=calc, table=rows, turn=turn)
    answer.calculations = more
    return answer


def _spec(ctx: Ctx, library, subject: str | None = None) -> Spec | None:
    """The subject, found in the first documents in scope: a table row if one is named, else a
    narrative figure. ``subject``: words of the question naming it (else the whole question)."""
    text = subject if subject is not None else without_departments(ctx.q, [library.info(d) for d in ctx.docs])
    asked = read_asked(text)
    sample = ctx.docs[:SAMPLE]
    rate = "执行率" in ctx.q.basis  # "完成年初预算的比例": the rate the narratives state, not a table's amount
    matched: dict[str, list] = {}  # each document's row hits and whether its narrative names a figure beside the column: read once
    besides: dict[str, bool] = {}

    def rows_matched(doc: str) -> list:
        if doc not in matched:
            matched[doc] = ctx.kb_of([doc]).rows.match(text, asked, [doc])
        return matched[doc]

    def names_besides(doc: str) -> bool:
        if doc not in besides:
            besides[doc] = _names_a_figure_besides(ctx, ctx.kb_of([doc]), doc, text, asked)
        return besides[doc]

    subjects = "\n".join([*(ctx.kb_of([d]).subjects for d in ctx.docs[:NARRATIVE_READ]), ctx.lang.aliases.terms]) if asked.columns else ""
    inside = bool(asked.columns) and bool(columns_in_names(text, asked, subjects))  # "政府采购支出总额": no column of a table
    for doc in sample if not rate else []:  # a table row first, in any of the first documents
        hits = [h for h in rows_matched(doc) if h.how != "partial"]
        if not hits and asked.columns and not inside and not names_besides(doc):  # "基本支出合计": a column only, of this document's total row
            total = _total_spec(ctx, asked, [doc])
            if total is not None:
                return total
        if hits and not asked.tables and narrative_names_more(ctx.with_kb(ctx.kb_of([doc]), [doc]), hits[0]):
            hits = []  # "“三公”经费财政拨款支出": a narrative's subject holding the row's name (财政拨款), not that row
        if hits:
            best = hits[0]
            same = [h.entry for h in hits if h.entry.key == best.entry.key]
            entry = choose_table(same, asked)
            if entry is None:
                continue
            columns = [c for c in asked.columns if entry.row.amount(c) is not None]
            if inside and asked.columns and not columns:
                continue  # "一般公共预算财政拨款基本支出": a narrative's name holding a column word, not this row
            column = columns[0] if columns else total_column(entry.table, entry.row)
            if not column:
                continue
            label = display_name(entry) if entry.row.code is None else entry.row.name
            if column not in ("决算数", "合计", "本年支出合计"):
                label = f"{label}{column}"
            return Spec(label=label, kind=entry.table.kind, column=column, code=entry.row.code, name=None if entry.row.code else entry.row.name, side=entry.row.side)
    if asked.columns and not rate and not inside and not any(rows_matched(d) for d in sample) and not any(names_besides(d) for d in sample):
        total = _total_spec(ctx, asked, sample)
        if total is not None:
            return total
    tops = []
    for doc in sample:  # else a figure of the narrative
        kb = ctx.kb_of([doc])
        sub = ctx.with_kb(kb, [doc])
        ranked = best_figures(sub, text=subject if subject is not None else _content(ctx, library), basis=["执行率"] if rate else None)
        if rate:
            ranked = [r for r in ranked if r.figure.basis == "执行率"]
        if not ranked:
            continue
        # of figures scored alike, the one whose subject the question's words cover furthest ("“三公”经费
        # 财政拨款支出", not the change sentence's "财政拨款“三公”经费支出", whose start is only 财政拨款)
        plain_q = re.sub(r"[()（）]", "", text)
        close = [r for r in ranked[:4] if r.score >= ranked[0].score - CLOSE_SCORES]
        ranked = [max(close, key=lambda r: (len(_stem(fold(r.figure.subject), plain_q)), QUOTES.sub("", fold(r.figure.subject)) in plain_q)), *ranked]  # (as worded before worded the other way round)
        tops.append(ranked[0])
        # named well in one document, or nearly as well by the same words in two (documents agreeing
        # on one subject is evidence a single document cannot give)
        agreed = sum(fold(r.figure.subject) == fold(ranked[0].figure.subject) and r.score >= STRONG - AGREED for r in tops) >= 2
        if ranked[0].score >= STRONG or agreed:
            f = part_named(sub, ranked[0].figure, text) or ranked[0].figure  # "政府采购里服务类的金额": its 服务 part
            whole = next((g for g in kb.figures if f.parent and g.doc == f.doc and g.subject == f.parent and g.line_start == f.line_start), None)
            if whole is not None and part_named(sub, whole, text) is f:
                # "政府采购中，工程采购分别是多少": the part, which each document words its own way
                return Spec(label=f.subject, basis=f.basis, unit=None if f.unit in MONEY_SCALE else f.unit, part=True)
            plain = re.sub(r"[()（）]", "", text)  # "公务用车（保有量）": the bracket's word is part of the name
            stem = _stem(fold(f.subject), plain)
            if stem:
                return Spec(label=_label(fold(f.subject), stem, plain) + ("完成年初预算的比例" if rate else ""), subject=f.subject[: len(stem)] if fold(f.subject[: len(stem)]) == stem else stem, basis=f.basis, unit=None if f.unit in MONEY_SCALE else f.unit)
    return None


def _names_a_figure_besides(ctx: Ctx, kb, doc: str, text: str, asked) -> bool:
    """"机关运行经费支出合计": the words beside the column ("支出合计", read as 本年支出合计) name a
    figure of their own — the column is a sum asked of it, not the total row's."""
    rest = text
    for a, b in sorted(asked.column_spans, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    rest = re.sub(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|年度?)?", " ", rest).strip(" 的，,。？?")  # claimed numbers and years name nothing
    if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 3:
        return False
    ranked = best_figures(ctx.with_kb(kb, [doc]), text=rest)
    return bool(ranked) and ranked[0].score >= STRONG + 0.1


def _blank_cells(ctx: Ctx, spec: Spec, docs: list[str]) -> list:
    """For documents whose table has the row but leaves the cell blank ("三公" of a bureau that spent
    nothing), the figure their narrative states for that row and column (as a single document's
    answer gives it beside the blank) — read for the first few such documents only."""
    from ingest.library import Stated

    out = []
    for doc in docs[:NARRATIVE_READ]:
        kb = ctx.kb_of([doc])
        entry = next((e for e in kb.rows.entries if e.table.kind == spec.kind and (spec.side is None or e.row.side == spec.side)
                      and ((e.row.code == spec.code) if spec.code else fold(e.row.name) == fold(spec.name or ""))), None)
        cell = entry.row.amount(spec.column) if entry is not None else None
        if entry is None or (cell is not None and cell.value is not None):
            continue
        found = stated_in_text(ctx.with_kb(kb, [doc]), entry, spec.column)
        if found:
            f = found[0]
            out.append(Stated(doc, f.subject, f.basis, f.raw, str(f.value), f.unit, kb.doc(doc).place(f.line_start).page, f.line_start, None, "narrative", f.id))
    return out


def _from_narrative(ctx: Ctx, docs: list[str], *, basis: str = "本年决算", unit: str | None = None, text: str | None = None, library=None) -> list:
    """For documents whose tables lack the row (another template, a blank cell) or whose narrative
    words the subject otherwise, the figure their narrative states for what the question asks, when
    one answers it well (the first few documents only). Once one document's figure is found, the
    others are asked for a figure worded as it is by one query, and only those that word it
    otherwise are read."""
    from ingest.library import Stated

    out = []
    rest = list(docs[:NARRATIVE_READ])
    while rest:
        doc = rest.pop(0)
        kb = ctx.kb_of([doc])
        words = text if text is not None else _content(ctx, library)
        ranked = [r for r in best_figures(ctx.with_kb(kb, [doc]), text=words)
                  if r.figure.basis == basis and (r.figure.unit == unit if unit else r.figure.kind == "amount")
                  and not broader(words.replace(" ", ""), r.figure.subject)]  # not the whole for the part asked
        if not ranked or ranked[0].score < STRONG:
            continue
        f = ranked[0].figure
        # parts named alike ("政府采购服务支出" for 政府采购金额): the total they are parts of, when it is named nearly as well
        whole = next((r.figure for r in ranked[:6] if f.parent and r.figure.subject == f.parent and r.figure.line_start == f.line_start
                      and r.score >= ranked[0].score - WHOLE_OVER_PART), None)
        # ... unless the question names the part by words of its own ("政府采购里服务类的金额": the 服务 part)
        one = ctx.with_kb(kb, [doc])
        f = f if whole is not None and part_named(one, whole, words) is f else whole or part_named(one, f, words) or f
        rec = kb.doc(doc)
        out.append(Stated(doc, f.subject, f.basis, f.raw, str(f.value), f.unit, rec.place(f.line_start).page, f.line_start, None, "narrative", f.id))
        if library is not None and rest:
            alike = library.stated(subject=f.subject, basis=f.basis, docs=rest, unit=unit)
            out += alike
            rest = [d for d in rest if d not in {s.doc for s in alike}]
    return out


WHOLE_WORDS = re.compile(r"(?:这|那)?[几两三四五六七八九十]?(?:家|个部门|个单位)|哪(?:一)?(?:家|个)(?:部门|单位)?|谁|一年|全年|整年|总|的|、|，|,|\s")


def _whole_year(ctx: Ctx, library) -> str | None:
    """"这四家哪家一年的支出最多": no subject but each department's whole year — spending (本年支出合计)
    or income (本年收入合计)."""
    rest = WHOLE_WORDS.sub("", _content(ctx, library))
    if rest in ("支出", "花", "花钱", "花费", "开支") or (not rest and "whole_spent" in ctx.q.intents):
        return "whole_spent"
    if rest in ("收入", "进账") or (not rest and "whole_received" in ctx.q.intents):
        return "whole_received"
    return None


def _content(ctx: Ctx, library) -> str:
    """The question's content words without the departments and places it names."""
    return ctx.memo("across_content", lambda: " ".join(WHICH_MORE.sub(" ", without_departments(ctx.q, [library.info(d) for d in ctx.docs], ctx.q.content)).split()))


WHICH_MORE = re.compile(r"(?:哪个|哪家|哪一个|谁)(?:的)?(?:更|比较)?(?:多|少|高|低|大|小)")  # "…哪个多": how they are compared, not what


def _total_spec(ctx: Ctx, asked, docs: list[str]) -> Spec | None:
    """A question that names only a column ("基本支出合计", "政府性基金的钱") reads that column of a
    table's 合计 row, in the first table (by ``[prefer]``) whose total has it."""
    from assistant.rows import vocabulary as rows_vocabulary

    order = rows_vocabulary().prefer["income" if asked.income else "spending"]
    for doc in docs:
        kb = ctx.kb_of([doc])
        this_year = "本年收入合计" if asked.income else "本年支出合计"
        # this year's own total first: "总计" adds the year-end carry-over to it
        rank = {this_year: 0, "合计": 1, "总计": 2}
        totals = [e for e in kb.rows.entries if e.row.level == "total" and not e.row.code and fold(e.row.name) in rank
                  and any(e.row.amount(c) is not None for c in asked.columns)
                  and (e.table.kind not in rows_vocabulary().narrow or e.table.kind in asked.tables)]  # not the 三公 table's unless named
        totals.sort(key=lambda e: (order.index(e.table.kind) if e.table.kind in order else len(order), rank[fold(e.row.name)], e.row.line))
        for e in totals:
            column = next(c for c in asked.columns if e.row.amount(c) is not None)
            return Spec(label=column, kind=e.table.kind, column=column, name=e.row.name, side=e.row.side)
    return None


STEM_TAIL = 4  # characters of a subject's end that name it when its start is not asked


CLOSE_SCORES = 0.05  # figures scored within this of the best are read as alike


def _stem(subject: str, question: str) -> str:
    """The longest start of a figure's subject that the question contains (机关运行经费 of
    机关运行经费支出): the same subject in every document, however each words its sentence."""
    subject = QUOTES.sub("", subject)  # (“三公”经费: the quotes the question folded away)
    # the subject's two halves said the other way round ("财政拨款“三公”经费支出" asked as 三公经费财政拨款支出)
    if subject not in question and any(subject[:i] in question and subject[i:] in question.replace(subject[:i], "", 1) for i in range(2, len(subject) - 1)) \
            and not any(subject[:end] in question for end in range(len(subject) - 1, max(len(subject) * 2 // 3, 2), -1)):
        return subject
    for end in range(len(subject), 1, -1):
        if subject[:end] in question:
            return subject[:end]
    # else its head, at the end ("公务用车保有量" of 所属各预算单位开支财政拨款的公务用车保有量)
    return next((subject[-n:] for n in range(len(subject), STEM_TAIL - 1, -1) if subject[-n:] in question), "").lstrip("的")


QUOTES = re.compile(r"[“”\"'‘’「」]")


def _label(subject: str, stem: str, question: str) -> str:
    """What the answer calls the subject: the start the question names, or the end when the question
    names as much of it (平均得分 of 绩效自评的2025年度项目平均得分: Chinese puts the head last)."""
    tail = next((subject[-n:] for n in range(len(subject), 1, -1) if subject[-n:] in question), "")
    return (tail if len(tail) >= len(stem) else stem).lstrip("的")


def position(q, library, doc: str) -> int:
    """Where the question ``q`` first names a document's department (by any of its names)."""
    from ingest.names import document_names

    raw = q.raw
    names = [fold(n) for n, kind in document_names(library.info(doc)) if kind != "region"]  # a place names every document of it
    found = [raw.find(n) for n in names]
    # abbreviated ("某市住房局" for 某市住房保障和房产管理局)
    found += [raw.find(org) for org in q.orgs if any(_abbreviates(org, n) or _abbreviates(CITY.sub("", org), n) for n in names)]
    found = [i for i in found if i >= 0]
    return min(found) if found else len(raw)


def _document(library, doc: str) -> str:
    return document_label(library.info(doc))


def _ref(s, spec: Spec, names: dict[str, str]) -> FigureRef:
    return FigureRef(subject=f"{names[s.doc]}{spec.label}", value=s.amount, unit=s.unit, doc=s.doc, record_id=s.record_id,
                     basis=spec.column or spec.basis, source=s.source)


def _citations(library, stated: list, names: dict[str, str], titles: list[str] = ()) -> list[Citation]:
    """Citations of ``stated`` amounts, then of the title lines of documents ``titles``: one query for all lines."""
    lines = library.lines([(s.doc, s.line) for s in stated] + [(d, 1) for d in titles])
    return [_cite(s, names, lines[s.doc, s.line]) for s in stated] + [_cite_title(d, names, lines[d, 1]) for d in titles]


def _cite_title(doc: str, names: dict[str, str], line: tuple) -> Citation:
    text, page, n, bbox = line
    return Citation(doc=doc, section=names[doc], line_start=n, line_end=n, quote=text or names[doc], page=page,
                    bbox=list(bbox) if bbox else None, document=names[doc])


def _cite(s, names: dict[str, str], line: tuple) -> Citation:
    text, page, n, bbox = line
    return Citation(doc=s.doc, section=names[s.doc], line_start=n, line_end=n, quote=text or s.raw, page=page,
                    bbox=list(s.bbox or bbox) if (s.bbox or bbox) else None, document=names[s.doc],
                    table=None if s.source == "narrative" else vocabulary().by_kind[s.source].label)
