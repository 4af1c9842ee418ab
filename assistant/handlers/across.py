"""Questions over several documents: rankings, comparisons and totals of one subject, answered as a
table with each document named and cited.

The subject is found in the first documents in scope (a table row: its table kind, code or name
and column; or a narrative figure: the start of its subject and its basis), then read for every
document in scope by one database query (``statement_amounts`` / ``figures``, ranked by SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Answer, Calculation, Citation, FigureRef, Turn
from assistant.calculator import run
from assistant.compose import Ctx, qty
from assistant.rows import choose_table, read_asked, total_column
from ingest.errors import CalculationError
from ingest.statements.kinds import vocabulary
from ingest.tokens import fold

SAMPLE = 3  # documents whose records are read to find the subject
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


def answer(ctx: Ctx, library) -> Answer | None:
    spec = _spec(ctx, library)
    if spec is None:
        return None
    docs = ctx.docs
    order = "desc" if "rank_high" in ctx.q.intents else ("asc" if "rank_low" in ctx.q.intents else None)
    if spec.kind:
        stated = library.amounts(kind=spec.kind, column=spec.column, code=spec.code, name=spec.name, docs=docs, side=spec.side, order=order)
        stated += _from_narrative(ctx, [d for d in docs if d not in {s.doc for s in stated}])
        if order:
            stated.sort(key=lambda s: Decimal(s.amount), reverse=order == "desc")
    else:
        stated = library.stated(subject=spec.subject, basis=spec.basis, docs=docs, unit=spec.unit)
        stated += _from_narrative(ctx, [d for d in docs if d not in {s.doc for s in stated}], basis=spec.basis, unit=spec.unit)
        if order:
            stated.sort(key=lambda s: Decimal(s.amount), reverse=order == "desc")
    if not stated:
        return None
    names = {d: _document(library, d) for d in docs}
    rows = [{"部门": names[s.doc], spec.label: qty(s.raw, s.unit)} for s in stated[:SHOWN]]
    missing = [names[d] for d in docs if d not in {s.doc for s in stated}]
    figures = [_ref(s, spec, names) for s in stated]
    citations = [_cite(library, s, names) for s in stated[:SHOWN]]
    # the documents said to lack it are named by their titles
    citations += [_cite_title(library, d, names) for d in docs if d not in {s.doc for s in stated}][:SHOWN]
    lines: list[str] = []
    calc = None
    if order and stated:
        top = stated[0]
        lines.append(ctx.t("across", "rank_high" if order == "desc" else "rank_low", label=spec.label, department=names[top.doc], value=qty(top.raw, top.unit)))
    elif "sum" in ctx.q.intents or "合计" in ctx.q.folded or "加起来" in ctx.q.folded:
        expression = " + ".join(s.amount for s in stated)
        try:
            out = run(expression, 2)
        except CalculationError:
            return None
        calc = Calculation(expression=expression, result=out["result"], unit=stated[0].unit, operands=figures)
        lines.append(ctx.t("across", "total", label=spec.label, result=qty(out["result"], stated[0].unit), expression=expression))
    elif len(stated) == 2 and "ratio" in ctx.q.intents:
        a, b = sorted(stated, key=lambda s: _position(ctx, library, s.doc))  # "A是B的几倍": as named
        if Decimal(b.amount) == 0:
            return None
        expression = f"{a.amount} / {b.amount}"
        try:
            out = run(expression, 2)
        except CalculationError:
            return None
        lines.append(ctx.t("across", "pair", label=spec.label, first=names[a.doc], first_value=qty(a.raw, a.unit), second=names[b.doc], second_value=qty(b.raw, b.unit)))
        lines.append(ctx.t("across", "ratio", first=names[a.doc], second=names[b.doc], result=qty(out["result"], "倍"), expression=expression))
        calc = Calculation(expression=expression, result=out["result"], unit="倍", operands=figures)
        figures.append(FigureRef(subject=f"{spec.label}之比", value=out["result"], unit="倍", doc=a.doc, basis="计算", derived=True))
    elif len(stated) == 2:
        a, b = sorted(stated, key=lambda s: Decimal(s.amount), reverse=True)  # the larger first: a positive difference
        expression = f"{a.amount} − {b.amount}"
        try:
            out = run(expression, 2)
        except CalculationError:
            out = None
        lines.append(ctx.t("across", "pair", label=spec.label, first=names[a.doc], first_value=qty(a.raw, a.unit), second=names[b.doc], second_value=qty(b.raw, b.unit)))
        if out is not None:
            calc = Calculation(expression=expression, result=out["result"], unit=a.unit, operands=figures)
            lines.append(ctx.t("across", "difference", first=names[a.doc], second=names[b.doc], result=qty(out["result"], a.unit), expression=expression))
            figures.append(FigureRef(subject=f"{spec.label}之差", value=out["result"], unit=a.unit, doc=a.doc, basis="计算", derived=True))
    else:
        lines.append(ctx.t("across", "listed", label=spec.label))
    lines += [f"- {r['部门']}：{r[spec.label]}" for r in rows]
    if missing:
        lines.append(ctx.t("across", "missing", label=spec.label, departments="、".join(missing)))
    turn = Turn(question=ctx.q.text, intent="across", kind="calculation" if calc else "list", figure_ids=[f.record_id for f in figures if f.record_id], subject=spec.label)
    return ctx.answer("calculation" if calc else "list", "\n".join(lines), intent="across", figures=figures, citations=citations, calculation=calc, table=rows, turn=turn)


def _spec(ctx: Ctx, library) -> Spec | None:
    """The subject, found in the first documents in scope: a table row if one is named, else a
    narrative figure."""
    from assistant.handlers.figures import STRONG, best_figures

    from assistant.route import without_departments

    text = without_departments(ctx.q, [library.info(d) for d in ctx.docs])
    asked = read_asked(text)
    sample = ctx.docs[:SAMPLE]
    for doc in sample:  # a table row first, in any of the first documents
        kb = ctx.kb_of([doc])
        hits = [h for h in kb.rows.match(text, asked, [doc]) if h.how != "partial"]
        if hits:
            best = hits[0]
            same = [h.entry for h in hits if h.entry.key == best.entry.key]
            entry = choose_table(same, asked)
            if entry is None:
                continue
            columns = [c for c in asked.columns if entry.row.amount(c) is not None]
            column = columns[0] if columns else total_column(entry.table, entry.row)
            if not column:
                continue
            from assistant.handlers.statements import display_name

            label = display_name(entry) if entry.row.code is None else entry.row.name
            if column not in ("决算数", "合计", "本年支出合计"):
                label = f"{label}{column}"
            return Spec(label=label, kind=entry.table.kind, column=column, code=entry.row.code, name=None if entry.row.code else entry.row.name, side=entry.row.side)
    if asked.columns and not any(ctx.kb_of([d]).rows.match(text, asked, [d]) for d in sample):
        total = _total_spec(ctx, asked, sample)
        if total is not None:
            return total
    for doc in sample:  # else a figure of the narrative
        kb = ctx.kb_of([doc])
        sub = ctx.with_kb(kb, [doc])
        ranked = best_figures(sub, text=_content(ctx))
        if ranked and ranked[0].score >= STRONG:
            f = ranked[0].figure
            stem = _stem(fold(f.subject), text)
            if stem:
                return Spec(label=stem, subject=f.subject[: len(stem)] if fold(f.subject[: len(stem)]) == stem else stem, basis=f.basis, unit=f.unit)
    return None


def _from_narrative(ctx: Ctx, docs: list[str], *, basis: str = "本年决算", unit: str | None = None) -> list:
    """For documents whose tables lack the row (another template, a blank cell) or whose narrative
    words the subject otherwise, the figure their narrative states for what the question asks, when
    one answers it well (the first few documents only)."""
    from assistant.handlers.figures import STRONG, best_figures
    from ingest.library import Stated

    out = []
    for doc in docs[:NARRATIVE_READ]:
        kb = ctx.kb_of([doc])
        ranked = [r for r in best_figures(ctx.with_kb(kb, [doc]), text=_content(ctx))
                  if r.figure.basis == basis and (r.figure.unit == unit if unit else r.figure.kind == "amount")]
        if ranked and ranked[0].score >= STRONG:
            f = ranked[0].figure
            rec = kb.doc(doc)
            out.append(Stated(doc, f.subject, f.basis, f.raw, str(f.value), f.unit, rec.place(f.line_start).page, f.line_start, None, "narrative", f.id))
    return out


def _content(ctx: Ctx) -> str:
    """The question's content words without the departments and places it names."""
    from assistant.route import without_departments

    return ctx.memo("across_content", lambda: " ".join(without_departments(ctx.q, [ctx.kb_of([d]).doc(d).info for d in ctx.docs[:SAMPLE]] , ctx.q.content).split()))


def _total_spec(ctx: Ctx, asked, docs: list[str]) -> Spec | None:
    """A question that names only a column ("基本支出合计", "政府性基金的钱") reads that column of a
    table's 合计 row, in the first table (by ``[prefer]``) whose total has it."""
    from assistant.rows import vocabulary as rows_vocabulary

    order = rows_vocabulary().prefer["income" if asked.income else "spending"]
    for doc in docs:
        kb = ctx.kb_of([doc])
        totals = [e for e in kb.rows.entries if e.row.level == "total" and not e.row.code and fold(e.row.name) in {"合计", "总计"}
                  and any(e.row.amount(c) is not None for c in asked.columns)]
        totals.sort(key=lambda e: (order.index(e.table.kind) if e.table.kind in order else len(order), e.row.line))
        for e in totals:
            column = next(c for c in asked.columns if e.row.amount(c) is not None)
            return Spec(label=column, kind=e.table.kind, column=column, name=e.row.name, side=e.row.side)
    return None


def _stem(subject: str, question: str) -> str:
    """The longest start of a figure's subject that the question contains (机关运行经费 of
    机关运行经费支出): the same subject in every document, however each words its sentence."""
    for end in range(len(subject), 1, -1):
        if subject[:end] in question:
            return subject[:end]
    return ""


def _position(ctx: Ctx, library, doc: str) -> int:
    """Where the question first names a document's department (by any of its names)."""
    from ingest.names import document_names

    raw = ctx.q.raw
    found = [raw.find(fold(n)) for n, _ in document_names(library.info(doc))]
    found = [i for i in found if i >= 0]
    return min(found) if found else len(raw)


def _document(library, doc: str) -> str:
    info = library.info(doc)
    return f"{info.department}{info.year}年度" if info.year else info.department


def _ref(s, spec: Spec, names: dict[str, str]) -> FigureRef:
    return FigureRef(subject=f"{names[s.doc]}{spec.label}", value=s.amount, unit=s.unit, doc=s.doc, record_id=s.record_id,
                     basis=spec.column or spec.basis, source=s.source)


def _cite_title(library, doc: str, names: dict[str, str]) -> Citation:
    text, page, line, bbox = library.line(doc, 1)
    return Citation(doc=doc, section=names[doc], line_start=line, line_end=line, quote=text or names[doc], page=page,
                    bbox=list(bbox) if bbox else None, document=names[doc])


def _cite(library, s, names: dict[str, str]) -> Citation:
    text, page, line, bbox = library.line(s.doc, s.line)
    return Citation(doc=s.doc, section=names[s.doc], line_start=line, line_end=line, quote=text or s.raw, page=page,
                    bbox=list(s.bbox or bbox) if (s.bbox or bbox) else None, document=names[s.doc],
                    table=None if s.source == "narrative" else vocabulary().by_kind[s.source].label)
