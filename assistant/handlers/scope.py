"""What the documents do not cover: other years, other departments, people, the future; empty questions."""

from __future__ import annotations

import re

from assistant.answer import Answer
from assistant.compose import Ctx
from assistant.text import fold, in_order, without

ORG_END = re.compile(r"(局|厅|委员会|办公室|中心|支队|大队|学校|医院|公司|科|处|室)(（[^）]*）|\([^)]*\))?$")
EXAMPLES = ["棚改花了多少钱？", "公车一年花多少？", "为什么机关运行经费增加了？", "哪些项目没有拿满分？", "得分最低的三个项目是哪些？"]


def empty(ctx: Ctx) -> Answer:
    return ctx.answer("clarification", ctx.t("prompt", "empty", examples="；".join(EXAMPLES)), intent="empty")


def topics(ctx: Ctx) -> str:
    doc_id = ctx.docs[0] if ctx.docs else ctx.kb.doc_ids[0]
    rec = ctx.kb.doc(doc_id)
    names = []
    for s in rec.sections:
        if s.kind == "heading" and s.level == 2 and "其他" not in s.title:
            body = re.sub(r"^[一二三四五六七八九十]+、\s*", "", s.title)
            names.append(re.sub(r"(的)?(情况说明|情况|说明)$", "", body))
    if rec.tables:
        names.append("项目支出绩效自评表")
    if rec.glossary:
        names.append("专业名词解释")
    return "、".join(dict.fromkeys(names))


def _title_citations(ctx: Ctx):
    return [ctx.kb.cite_title(d) for d in ctx.docs or ctx.kb.doc_ids[:1]]


def refusal(ctx: Ctx, key: str, **values: object) -> Answer:
    text = ctx.t("refusal", key, **values) + ctx.t("refusal", "covers", topics=topics(ctx))
    return ctx.answer("refusal", text, intent="refusal", citations=_title_citations(ctx))


REGION_WIDE = re.compile(r"全(?:区|市|县|省|国)(?:的)?(?:一般公共预算|政府性基金|财政|税收|地方|总|经济|GDP|人口)[\u4e00-\u9fff]{0,8}?(?:收入|支出|总额|总量|人数|人口)")


# amounts asked of each of the department's own units ("所属各单位分别花了多少")
EACH_UNIT = re.compile(r"(?:下属|所属|二级)各?(?:预算)?单位(?:各自|分别|逐一|逐个)|每(?:一)?个(?:下属|所属|二级)?(?:预算)?单位(?:各自|分别|各)")  # not "所属各预算单位开支财政拨款的…": the template's own total
AMOUNT_ASKED = re.compile(r"多少|金额|支出|收入|花了|经费|资金")
UNIT_NOT_BEFORE = {"本": "(?!年|级|部|单位|期|次)", "部": "(?!门|分)", "期": "(?!间|末|初)"}  # "N 本年…" counts no books
UNIT_COUNTED = re.compile(r"(?:多少|几)(?:个)?(册|本(?!年)|场|部(?!门|分)|件|篇|户|所|间|份|期|座|栋|株|棵|亩|公里|吨|顿)")


def never_counted(ctx: Ctx, at_most: int = 20) -> bool:
    """The question counts in a unit (册, 份, 场 …) that none of its documents (the first ``at_most``) counts in."""
    counted = UNIT_COUNTED.search(ctx.q.folded)
    if counted is None:
        return False
    unit = rf"\d\s*{counted.group(1)}{UNIT_NOT_BEFORE.get(counted.group(1), '')}"
    return not any(re.search(unit, "\n".join(ctx.kb_of([d]).doc(d).lines)) for d in (ctx.docs or ctx.kb.doc_ids)[:at_most])


def out_of_scope(ctx: Ctx) -> Answer | None:
    q = ctx.q
    kb = ctx.kb
    docs = [kb.doc(d) for d in (ctx.docs or kb.doc_ids)]
    if "people" in q.intents and not ({"implementer", "department"} & set(q.fields)):
        return refusal(ctx, "person")
    if "future" in q.intents:
        return refusal(ctx, "future")
    if "detail" in q.intents:
        return refusal(ctx, "detail")  # "哪个月花得最多", "公车是什么牌子": the year's totals are all it gives
    uncovered = year_uncovered(ctx)
    if uncovered is not None:
        return uncovered
    if never_counted(ctx):
        return refusal(ctx, "silent")  # "借出去多少册书": a count in a unit the document never counts in
    if EACH_UNIT.search(q.folded) and AMOUNT_ASKED.search(q.folded):
        return refusal(ctx, "units_apart")  # "9个下属预算单位各自的本年支出合计": the accounts are the department's, added up
    region = REGION_WIDE.search(q.folded)
    if region is not None and not any(region.group(0) in fold(f.subject) for f in kb.figures):
        # "全区一般公共预算收入总额": the region's own finances, which a department's accounts do not give
        depts = list(dict.fromkeys(r.info.department for r in docs))
        return refusal(ctx, "department" if len(depts) == 1 else "department_many", department="、".join(depts), asked=region.group(0))
    names_in_tables = [fold(t.name) for t in ctx.kb.projects]  # not the department's own table
    for name in q.orgs + q.places:
        if any(name in n or (in_order(name, n) and len(name) >= 4 and name[:2] in n) for n in names_in_tables):
            continue  # part of a project's name ("新疆阜丰生物科技有限公司职工公寓…")
        if not _known(name, docs) and _said_in_the_text(kb, name, [r.info.id for r in docs]):
            continue  # something the money was for ("…主要用于：某某学校的运营…"), not another department
        if not _known(name, docs):
            depts = list(dict.fromkeys(r.info.department for r in docs))
            others = [o for o in q.orgs if o != name and _known(o, docs)]
            if others and len(depts) == 1:
                # "教育局和财政局的三公经费各…": the department stored is answered, the other said absent
                ctx.notes.append(ctx.t("prompt", "department_absent", asked=name, department=depts[0]))
                q.content = without(q.content, {name})
                continue
            if len(depts) > 1:
                return refusal(ctx, "department_many", department="、".join(depts), asked=name)
            return refusal(ctx, "department", department=depts[0], asked=name)
        if not any(name in n for n in names_in_tables):
            # "你们局…", "房管局的…": naming the department itself says nothing about which figure
            q.content = without(q.content, {name, *(department_mention(q, r) for r in docs)} - {""})
    return None


def year_uncovered(ctx: Ctx) -> Answer | None:
    """A year the question names that no document in scope is of, nor the year before one (whose
    figures it states): refused, saying which years the documents are of."""
    docs = [ctx.kb.doc(d) for d in (ctx.docs or ctx.kb.doc_ids)]
    years = {r.info.year for r in docs if r.info.year}
    for year in ctx.q.years:
        if year in years or (year + 1) in years:
            continue
        if _inside_a_name(ctx, str(year)):
            continue
        if years and year > max(years):
            return refusal(ctx, "future")  # after the document's own year: not yet accounted for
        many = len({r.info.department for r in docs}) > 1 or len(years) > 1
        return refusal(ctx, "year_many" if many else "year", doc_year="、".join(str(y) for y in sorted(years)))
    return None


def _inside_a_name(ctx: Ctx, year: str) -> bool:
    """A year that is part of a project's or a figure's name ("2022 年度…奖金") is not another year."""
    folded = ctx.q.folded
    for t in ctx.kb.tables:
        name = fold(t.name)
        if year in name and name[name.index(year):][:8] in folded:
            return True
    return False


SELF = re.compile(r"^(你们|我们|咱们|这个|那个|该|贵|本|此|这|你|他们|它们|他们的|你们的)?(局|单位|部门|中心|机关)$")


def _said_in_the_text(kb, name: str, ids: list[str]) -> bool:
    """``name`` (read as an organisation: "某某学校") is written in a sentence that states a figure
    of the documents — a purpose or a place of their spending, not a department of its own."""
    return len(name) >= 4 and any(f.doc in ids and name in fold(f.quote) for f in kb.figures)


def _known(name: str, docs) -> bool:
    """The department itself ("你们局", an abbreviation such as "房管局"), its city, or one of its budget units."""
    candidates = {name, CITY.sub("", name)}
    place = CITY.match(name)
    for c in candidates:
        if SELF.match(c):
            return True
        for rec in docs:
            if place and not _of_place(place.group(0), rec):
                continue  # "静安区财政局": a 财政局, but of another place than this document's
            if names_department(c, rec) or _is_city_of(c, rec):
                return True
            for unit in _units(rec)[1:]:
                if _abbreviates(c, unit):
                    return True
    return False


def _of_place(place: str, rec) -> bool:
    """Whether a place named before a department ("甲区", "某省") is this document's (or the
    document says no place)."""
    region = fold(rec.info.region or "")
    return not region or fold(place) in region or region in fold(place)


def names_department(mention: str, rec) -> bool:
    """Whether ``mention`` (an organisation named in a question) is ``rec``'s department, in full,
    without its city, or abbreviated ("住建局" for 住房和城乡建设局, "房管局" for 住房保障和房产管理局)."""
    from ingest.names import document_names

    dept = department_core(rec.info.department)
    variants = {fold(n) for n, kind in document_names(rec.info) if kind != "region"}
    return any(_abbreviates(c, dept) or c in variants or any(_abbreviates(c, v) for v in variants)  # "某某街道" of 某某路街道
               for c in (fold(mention), CITY.sub("", fold(mention))))


def department_mention(q, rec) -> str:
    """The longest stretch of the question that names ``rec``'s department ("" when none does).

    It ends where an organisation named in the question ends, and reaches back as far as its
    characters still come in order from the department's name: "住房和城乡建设局" as a whole, although
    "和" splits organisations ("房管局和财政局"). A word the name merely shares ("机关" of
    机关事务管理局 in "机关运行经费") names no organisation, so it never counts."""
    from ingest.names import document_names

    dept = department_core(rec.info.department)
    # (its short name too: "石泉街道" for 石泉路街道, the office 石泉路街道办事处 said without 办事处)
    forms = [dept, *(fold(n) for n, kind in document_names(rec.info) if kind == "short")]
    best = ""
    for org in q.orgs:
        end = q.raw.find(org) + len(org)
        if end < len(org):
            continue
        for form in forms:
            for start in range(end - 1, -1, -1):
                piece = q.raw[start:end]
                if not in_order(piece, form):
                    break
                if _abbreviates(piece, form) and len(piece) > len(best):
                    best = piece
    return best


def department_core(name: str) -> str:
    """A department's folded name without a trailing note such as "（汇总）"."""
    return re.sub(r"\([^)]*\)$", "", fold(name))


def _abbreviates(mention: str, name: str) -> bool:
    name = re.sub(r"\([^)]*\)$", "", name)
    return len(mention) >= 3 and bool(name) and mention[-1] == name[-1] and in_order(mention, name)


def _is_city_of(mention: str, rec) -> bool:
    """"某某市" or "乙市" where the department's name starts with that place."""
    city = CITY.match(fold(rec.info.department))
    return bool(city) and mention == city.group(0)


CITY = re.compile(r"^[\u4e00-\u9fff]{2,6}?(市|县|区|州)(?=[\u4e00-\u9fff]{2,})")


def _units(rec) -> list[str]:
    """The department and the units whose accounts it includes (items naming organisations, table units)."""
    names = [fold(rec.info.department)]
    for s in rec.sections:
        if s.kind != "item" or s.line_start != s.line_end:
            continue
        line = fold(rec.lines[s.line_start - 1]).lstrip("0123456789.、()（）一二三四五六七八九十")
        if ORG_END.search(line) and not re.search(r"[。，；,;:：]", line):
            names.append(line)  # a listed unit such as "6. 某市丙交易中心"
    for t in rec.tables:
        names += [fold(u) for u in (t.implementer, t.department) if u]
    return list(dict.fromkeys(names))
