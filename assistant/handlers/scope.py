"""What the documents do not cover: other years, other departments, people, the future; empty questions."""

from __future__ import annotations

from assistant.answer import Answer
from assistant.compose import Ctx
from assistant.text import fold
from ingest.sections import section_topic

EXAMPLES = ["棚改花了多少钱？", "公车一年花多少？", "为什么机关运行经费增加了？", "哪些项目没有拿满分？", "得分最低的三个项目是哪些？"]


def empty(ctx: Ctx) -> Answer:
    return ctx.answer("clarification", ctx.t("prompt", "empty", examples="；".join(EXAMPLES)), intent="empty")


def topics(ctx: Ctx) -> str:
    doc_id = ctx.docs[0] if ctx.docs else ctx.kb.doc_ids[0]
    rec = ctx.kb.doc(doc_id)
    names = [section_topic(s.title) for s in rec.sections if s.kind == "heading" and s.level == 2]
    names = [n for n in names if n and "其他" not in n]
    if rec.tables:
        names.append("项目支出绩效自评表")
    if rec.glossary:
        names.append("专业名词解释")
    return "、".join(dict.fromkeys(names))


def _title_citations(ctx: Ctx):
    """The title lines (department and year) back what a refusal says the document covers."""
    out = []
    for doc_id in ctx.docs or ctx.kb.doc_ids[:1]:
        rec = ctx.kb.doc(doc_id)
        first = next((i for i, line in enumerate(rec.lines, 1) if line.strip()), 1)
        year = str(rec.info.year or "")
        last = next((i for i, line in enumerate(rec.lines[:60], 1) if year and year in line and i >= first), first)
        out.append(ctx.kb.cite_lines(doc_id, first, last))
    return out


def refusal(ctx: Ctx, key: str, **values: object) -> Answer:
    text = ctx.t("refusal", key, **values) + ctx.t("refusal", "covers", topics=topics(ctx))
    return ctx.answer("refusal", text, intent="refusal", citations=_title_citations(ctx))


def out_of_scope(ctx: Ctx) -> Answer | None:
    q = ctx.q
    kb = ctx.kb
    docs = [kb.doc(d) for d in (ctx.docs or kb.doc_ids)]
    if "people" in q.intents and not ({"implementer", "department"} & set(q.fields)):
        return refusal(ctx, "person")
    if "future" in q.intents:
        return refusal(ctx, "future")
    years = {r.info.year for r in docs if r.info.year}
    for year in q.years:
        if year in years or (year + 1) in years:
            continue
        if _inside_a_name(ctx, str(year)):
            continue
        return refusal(ctx, "year", doc_year="、".join(str(y) for y in sorted(years)))
    for name in q.orgs + q.places:
        if not _known(name, docs):
            dept = "、".join(r.info.department for r in docs)
            return refusal(ctx, "department", department=dept, asked=name)
    return None


def _inside_a_name(ctx: Ctx, year: str) -> bool:
    """A year that is part of a project's or a figure's name ("2022 年度…奖金") is not another year."""
    folded = ctx.q.folded
    for t in ctx.kb.tables:
        name = fold(t.name)
        if year in name and name[name.index(year):][:8] in folded:
            return True
    return False


def _known(name: str, docs) -> bool:
    """An organisation or place the documents mention, or an abbreviation of their department."""
    for rec in docs:
        full = fold(rec.info.department)
        if _subsequence(name, full):
            return True
        if name in fold("".join(rec.lines)):
            return True
        for t in rec.tables:
            for unit in (t.implementer, t.department):
                if unit and _subsequence(name, fold(unit)):
                    return True
    return False


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
