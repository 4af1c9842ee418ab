"""Stated figures: lookups (one or several), changes versus last year, derived last-year values, shares."""

from __future__ import annotations

import os
import re
from decimal import Decimal

from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.calculator import run
from assistant.compose import Ctx, qty, unique_citations
from assistant.handlers.scope import names_department, refusal
from assistant.knowledge import PURPOSE, core_name, label, same_stem, subject_stem
from assistant.link import MONEY_ASKED, Ranked, rank_figures
from assistant.text import fold, grams, in_order, longest_common, remove_words
from assistant.understand import basis_of, place_compared, within
from ingest.numbers import MONEY_SCALE
from ingest.records import Figure

STRONG = 0.55  # a figure linked this well answers on its own
SIBLING = 0.15  # a part of the same total as a part already found
CONTEXT_PART = re.compile(r"(中|里|里面|之中|当中|方面)$")
ATTRIBUTE_PARTS = {"价值", "面积", "金额", "数量", "人数", "价值多少", "值多少"}
UNIT_PART = {"人次": "人次", "人数": "人", "辆数": "辆", "个数": "个", "套数": "套", "批次": "批次", "面积": "平方米"}
TIE = 0.06  # candidates this close to the best are alternatives
UNIT_ASKED = 0.05  # how much less of its name a figure needs when it alone has the (non-money) unit asked ("平均几分")
MULTI_PART = 0.45  # each part of a several-figure question must name its figure this well
PARALLEL_TIE = 0.1  # an alternative this close may be taken for being named like the other parts' figures


def _context(text: str) -> tuple[str, str] | None:
    """(context, target) of "X中Y" with a Y of two characters or more."""
    found = within(text)
    return found if found is not None and len(found[1]) >= 2 else None


def best_figures(ctx: Ctx, *, text: str | None = None, require_change: bool = False, units: list[str] | None = None, basis: list[str] | None = None) -> list[Ranked]:
    """Figures the question (or ``text``) names; "X中Y" ranks by Y and lets X break ties.

    The question's own ranking (no ``text``, ``units`` or ``basis``) is computed once per question:
    the plan and several handlers ask for it."""
    if text is None and units is None and basis is None:
        return list(ctx.memo(f"figures:{require_change}", lambda: _own_figures(ctx, require_change)))
    return _best_figures(ctx, ctx.q.content if text is None else text, require_change, units, basis)


LEVEL_SAID = re.compile(r"[(（]([类款项])[)）]")
LEVEL_NAMED_BONUS = 0.1  # (more than TIE: the item named so is no alternative to the words after it)


def _level_named(ctx: Ctx, ranked: list[Ranked]) -> list[Ranked]:
    """"某某（项）一般公共预算财政拨款支出决算数": an item named with its level mark is the
    subject; the fund and basis words after it qualify it. Figures classified under that item by
    that name rise a little above those the qualifying words name alone."""
    folded = ctx.q.folded
    said = [(folded[: m.start()], m.group(1)) for m in LEVEL_SAID.finditer(folded)]
    if not said:
        return ranked

    def named(f: Figure) -> bool:
        return any(before.endswith(re.sub(r"[(（][类款项][)）]$", "", fold(c))) and fold(c)[-2] == level
                   for c in f.classification or [] for before, level in said)

    out = [Ranked(r.score + LEVEL_NAMED_BONUS, r.figure) if named(r.figure) else r for r in ranked]
    return sorted(out, key=lambda r: -r.score)


def _own_figures(ctx: Ctx, require_change: bool) -> list[Ranked]:
    ranked = _level_named(ctx, _best_figures(ctx, ctx.q.content, require_change, None, None, _last_subject(ctx)))
    if ctx.q.asked_apart and (not ranked or ranked[0].score < STRONG):
        # "听说甲局有领导出国考察，因公出国派了几个团": the scene dilutes what the ask names well on its own
        apart = _best_figures(ctx, ctx.q.asked_apart, require_change, None, None)
        if apart and apart[0].score >= STRONG:
            return apart
    return ranked


def _last_subject(ctx: Ctx) -> str | None:
    """"其中Y" names a part of what was just discussed: the last turn's subject, read as X of "X中Y"."""
    last = ctx.session.last
    if not ctx.q.content.startswith("其中") or len(ctx.q.content) <= 4 or last is None:
        return None
    first = ctx.kb.figure_by_id.get(last.figure_ids[0]) if last.figure_ids else None
    return last.subject or (first.subject if first is not None else None)


def _best_figures(ctx: Ctx, text: str, require_change: bool, units: list[str] | None, basis: list[str] | None, part_of: str | None = None) -> list[Ranked]:
    """``part_of``: what the question's "其中" refers to — the context of "X中Y", never the answer itself."""
    if part_of:
        target, context_words = text[2:], part_of  # ranked by Y; X breaks ties and is never the answer
    else:
        ranked = rank_figures(ctx.kb, ctx.q, text=text, docs=ctx.docs, units=units, basis=basis, require_change=require_change)
        m = _context(text.replace(" ", ""))
        if not m:
            return ranked
        context_words, target = m
    inner = rank_figures(ctx.kb, ctx.q, text=target, docs=ctx.docs, units=units, basis=basis, require_change=require_change, limit=20)
    if part_of:
        inner = [r for r in inner if fold(r.figure.subject) != fold(part_of)]
    elif not inner or (ranked and ranked[0].score >= inner[0].score + 0.25):
        return ranked
    context = grams(fold(context_words))
    rescored = []
    for r in inner:
        around = grams(fold(" ".join(x for x in (r.figure.parent, r.figure.section, r.figure.subject) if x)))
        bonus = 0.3 * len(context & around) / max(len(context), 1)
        rescored.append(Ranked(r.score + bonus, r.figure))
    rescored.sort(key=lambda r: (-r.score, r.figure.line_start))
    return rescored


def without_basis(ctx: Ctx, text: str) -> str:
    """``text`` without the basis words ("决算数", "年初预算数"), the longest first."""
    return remove_words(text, [w for words in ctx.lang.basis.values() for w in words], "")  # all at once, the longest first


def part_query(ctx: Ctx, part: str, subject: str | None) -> tuple[str, list[str] | None]:
    """A part of a question with its own basis words: "决算数" after "政府性基金…年初预算数" keeps the subject."""
    found = basis_of(part, ctx.lang)
    if not found and part.strip().endswith(("决算", "实际", "实际花了")):
        found = ["本年决算"]  # "年初预算比决算多了多少": the final accounts
    bare = re.sub(r"(?:支出)?(决算数?|实际花了|实际)$", "", part.strip())  # "支出决算" names a basis, no subject
    bare = without_basis(ctx, bare).strip()
    if found and len(bare) < 2 and subject:
        return subject, found
    return part, found or None


RATE_BASES = ("执行率", "预决算差异率")


def rates_stated(kb, f: Figure, lines) -> list[Figure]:
    """The rates (执行率, 预决算差异率) stated of ``f``'s subject on ``lines`` of its document."""
    return [g for g in kb.figures if g.doc == f.doc and g.subject == f.subject and g.basis in RATE_BASES and g.line_start in lines]


def rate_said(ctx: Ctx, rate: Figure) -> str:
    """"文件所述X完成年初预算的 N%" (or its 预决算差异率): a stated rate, said beside the amounts it is of."""
    said = "rate_stated" if rate.basis == "执行率" else "gap_rate_stated"  # (差异率: the spending over the budget, less 100%)
    return ctx.t("calculation", said, label=rate.subject, value=qty(rate.raw, rate.unit))
RATE_OPERAND_BASES = ("年初预算", "全年预算", "本年决算", "执行数")


def rate_operands(ctx: Ctx, f: Figure) -> list[Figure]:
    """The budget and the spending a stated rate is measured from, when its own sentence states them
    ("年初预算为…，支出决算为…，完成年初预算的…%")."""
    if f.basis not in RATE_BASES:
        return []
    found = [g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start and g.subject == f.subject
             and g.basis in RATE_OPERAND_BASES and g.unit != "%"]
    named = {(g.basis, g.value) for g in found if g.term}
    return [g for g in found if g.term or (g.basis, g.value) not in named]  # one amount stated twice: the one its basis words name


def figure_sentence(ctx: Ctx, f: Figure, *, operands: bool = False) -> str:
    """A figure in a sentence; with ``operands``, a stated rate with the budget and spending its
    sentence measures it from."""
    operands = rate_operands(ctx, f) if operands else []
    if operands:
        said = "，".join(f"{g.term or g.basis} {qty(g.raw, g.unit)}" for g in operands)
        return ctx.t("figure", "rate_of", label=label(f), value=qty(f.raw, f.unit), operands=said)
    if f.basis == "比上年增减" and f.change is not None and f.change.amount is not None and f.change.percent is not None:
        return change_sentence(ctx, f)  # a change is said as one ("比上年减少 19.66 万元"), never as the amount itself
    if f.share is not None:
        return ctx.t("figure", "with_share", label=label(f), value=qty(f.raw, f.unit), of=f.share.of or "总额", share=qty(f.share.raw, "%"))
    return ctx.t("figure", "one", label=label(f), value=qty(f.raw, f.unit))


def distinct(ranked: list[Ranked]) -> list[Ranked]:
    """Drop candidates that repeat an earlier candidate's value and unit (the same figure stated twice)."""
    seen, out = set(), []
    for r in ranked:
        key = (r.figure.value, r.figure.unit, r.figure.doc)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def by_basis(ctx: Ctx) -> Answer | None:
    """"年初预算数是多少" names only a basis: list every subject stated on it and ask which."""
    if not ctx.q.basis:
        return None
    if without_basis(ctx, ctx.q.content).strip(" 。，、"):
        return None
    found, seen = [], set()
    for f in ctx.kb.figures:
        if f.basis in ctx.q.basis and f.origin == "text" and f.parent is None and (not ctx.docs or f.doc in ctx.docs):
            if (f.subject, f.value) not in seen:
                seen.add((f.subject, f.value))
                found.append(Ranked(1.0, f))
    if not found:
        return None
    if len(found) == 1:
        return single(ctx, found[0].figure)
    return several(ctx, found[:8], clarify=True, topic=ctx.q.content.strip(" 。"))


def lookup(ctx: Ctx, ranked: list[Ranked] | None = None) -> Answer | None:
    ranked = ranked if ranked is not None else best_figures(ctx)
    if ranked and ranked[0].score < STRONG and (whole := _whole_counted(ctx, ranked)) is not None:
        return single(ctx, whole)  # "有几辆公车" where only the kinds of car are near: the count of them all
    if (not ranked or ranked[0].score < STRONG) and (counted := _counted_where(ctx)) is not None:
        return single(ctx, counted)  # "某部分里登记了多少辆车": the count in the unit asked, where the question says
    if not ranked or not (ranked[0].score >= STRONG or _alone_in_unit(ctx, ranked) or _statements_agree(ranked) or _named_in_order(ctx, ranked)):
        return None
    unstated = _unstated_part(ctx, ranked[0].figure)
    if unstated is not None:
        return unstated
    top = ranked[0]
    close = _undominated(ctx, [r for r in distinct(ranked) if top.score - r.score <= TIE and r.score >= STRONG])
    if "其他" in fold(top.figure.subject) and "其他" not in ctx.q.folded and close and "其他" not in fold(close[0].figure.subject):
        top = close[0]  # the residual "其他…" set aside for a nearly-as-good figure the question names
    asked_in = [r for r in close if r.figure.unit in MONEY_SCALE and ctx.q.units == ["万元"]]
    if asked_in and len(asked_in) < len(close):
        close = asked_in  # "公务接待花了多少钱": the money, not the 批次 and 人次 named alike
        top = close[0]
    ties = [r for r in ranked if top.score - r.score <= TIE and r.score >= STRONG]
    if len(ties) > 1:
        total = _covering_total(ranked, ties)
        if total is not None:
            return single(ctx, total)
    f = top.figure
    if f.value == 0:
        # a zero beside a nearly-as-good non-zero figure: show both ("棚改支出": 483,911.04 and 0.00)
        spent = [r for r in distinct(ranked)[1:4] if top.score - r.score <= 2 * TIE and r.figure.value != 0 and r.figure.unit == f.unit]
        if spent:
            return several(ctx, [top, spent[0]], topic=ctx.q.content or None)
    if len(close) > 1:
        head = _head_noun(ctx, close)
        if head is not None:
            f = head
        elif _needs_choice(ctx, close):
            if len(close) == 2 and any(r.figure.value == 0 for r in close):
                # one of two is stated as zero: give both, the spent one first ("棚改": 483,911.04 and 0.00)
                return several(ctx, sorted(close, key=lambda r: r.figure.value == 0), topic=ctx.q.content or None)
            return several(ctx, close[:5], clarify=True)
    return single(ctx, f)


def _whole_counted(ctx: Ctx, ranked: list[Ranked]) -> Figure | None:
    """A count asked ("有几辆公车") whose nearest candidates, in the unit asked, are all parts of one
    whole stated in that unit ("车辆 0 辆，其中：…用车 0 辆"): that whole."""
    unit = ctx.q.units[0] if len(ctx.q.units) == 1 else None
    if unit is None or unit in MONEY_SCALE or unit == "%":
        return None
    near = [r.figure for r in ranked[:6] if r.figure.unit == unit]
    parents = {(f.doc, f.parent, f.line_start) for f in near}
    if len(near) < 2 or len(parents) != 1 or None in {f.parent for f in near}:
        return None
    doc, parent, line = next(iter(parents))
    return next((f for f in ctx.kb.figures if f.doc == doc and f.subject == parent and f.unit == unit and f.line_start == line), None)


def _counted_where(ctx: Ctx) -> Figure | None:
    """A count asked in a unit of its own (辆, 台（套）) that no figure's name answers: the one whole
    counted in that unit whose name and sections share the most words with the question — when
    one does, by two words or more."""
    unit = ctx.q.units[0] if len(ctx.q.units) == 1 else None
    if unit is None or unit in MONEY_SCALE or unit in ("%", "个", "项"):
        return None
    asked = grams(ctx.q.content)
    where = lambda f: " ".join(s.title for s in ctx.kb.docs[f.doc].path_at(f.line_start))  # noqa: E731 (its sections, every level)
    scored = sorted(((len(asked & grams(fold(f"{f.subject} {where(f)}"))), f) for f in ctx.kb.figures
                     if f.unit == unit and f.parent is None and f.origin == "text" and (not ctx.docs or f.doc in ctx.docs)), key=lambda x: -x[0])
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1].value != scored[0][1].value):
        return None
    return scored[0][1]


def _undominated(ctx: Ctx, close: list[Ranked]) -> list[Ranked]:
    """Of nearly tied candidates, those no other names more of the question with: "公务用车购置" does
    not tie "公务用车购置及运行维护费" when the question says "公车购置和运维" (a stretch it lacks)."""
    asked = grams(ctx.q.content)
    named = [asked & grams(fold(r.figure.subject)) for r in close]
    kept = [r for r, own in zip(close, named) if not any(len(other - own) >= 2 and own < other for other in named)]
    # "支出总计": 收入支出总计, not 财政拨款收入支出总计 — a name that only adds a qualifier the
    # question does not say to another candidate's name
    names = [fold(r.figure.subject) for r in kept]
    kept = [r for r, name in zip(kept, names)
            if not any(other != name and other in name and not grams(name.replace(other, "")) & asked for other in names)] or kept
    if "其他" not in ctx.q.folded:
        # "由中小企业中标或成交的预留采购金额": the residual "其他…项目中…" is not what the question
        # names when a candidate without "其他" is as near
        named_so = [r for r in kept if "其他" not in fold(r.figure.subject)]
        kept = named_so or kept
    return kept


AGREED = 0.05  # how much less of its name a figure needs when several statements of it agree


def _statements_agree(ranked: list[Ranked]) -> bool:
    """Nearly named, and every candidate as near — stated in three places or more — gives the same
    amount ("这些车一年的运行维护费": 公务用车运行维护支出 and 公务用车购置及运行维护费, all 2.64)."""
    top = ranked[0]
    if top.score < STRONG - AGREED:
        return False
    near = [r for r in ranked if top.score - r.score <= TIE]
    return len({r.figure.line_start for r in near}) >= 3 and len({(r.figure.value, r.figure.unit) for r in near}) == 1


def _named_in_order(ctx: Ctx, ranked: list[Ranked]) -> bool:
    """"绩效自评涉及金额": every word of the question in the one figure's name, in order, with words
    between ("绩效自评的…项目涉及预算金额") — and in no other candidate's."""
    said = re.sub(r"\s", "", ctx.q.content)
    top = ranked[0]
    if len(said) < 6 or top.score < MULTI_PART or not in_order(said, fold(top.figure.subject)):
        return False
    return not any(in_order(said, fold(r.figure.subject)) for r in ranked[1:8] if r.figure.id != top.figure.id and r.figure.value != top.figure.value)


def _alone_in_unit(ctx: Ctx, ranked: list[Ranked]) -> bool:
    """"绩效自评平均几分": nearly named, in the one unit the question asks for that is not money, and
    no other candidate near it has that unit."""
    top = ranked[0]
    unit = top.figure.unit
    if ctx.q.units != [unit] or unit in MONEY_SCALE:
        return False
    only = not any(f.unit == unit and f.id != top.figure.id and (not ctx.docs or f.doc in ctx.docs) for f in ctx.kb.figures)
    if top.score < STRONG - (3 if only else 1) * UNIT_ASKED:
        return False  # the only figure in the unit asked (台（套）) needs less of its name
    asked = grams(ctx.q.content)
    named = asked & grams(fold(top.figure.subject))
    # a candidate that names only part of what the top one names is no rival ("其他用车" beside
    # "公务用车保有量" for "几辆公车")
    return not any(r.figure.unit == unit and not ((asked & grams(fold(r.figure.subject))) < named and len(named) - len(asked & grams(fold(r.figure.subject))) >= 2)
                   for r in ranked[1:] if r.score >= top.score - 4 * TIE)


def _head_noun(ctx: Ctx, close: list[Ranked]) -> Figure | None:
    """The head noun decides between tied figures: Chinese puts it last ("发工资社保这些人员经费"
    is about 人员经费), English first ("people in total, including retirees")."""
    content = ctx.q.content.replace(" ", "")
    found = []  # (where the figure's name ends in the question, figure), ranked order kept
    for r in close:
        key = next(k for k in ctx.kb.keys if k.figure is r.figure)
        length, end = max((_common_end(content, text) for text in key.texts), key=lambda x: (x[0] >= 2, x[1]))
        if length >= 2:
            found.append((end, r.figure))
    if len(found) < 2:
        return None
    pick = min if ctx.q.english else max
    head = pick(e for e, _ in found)
    rest = [e for e, _ in found if e != head]
    if rest and abs(head - pick(rest)) >= 2:
        return next(f for e, f in found if e == head)
    return None


def choose(ctx: Ctx, ranked: list[Ranked]) -> Figure | None:
    """The one figure a part of a question means, without asking back: a covering total, the head
    noun, then a non-zero figure over a zero one, then the best score."""
    if not ranked:
        return None
    top = ranked[0]
    close = [r for r in distinct(ranked) if top.score - r.score <= TIE]
    ties = [r for r in ranked if top.score - r.score <= TIE]
    pick = top.figure
    if len(close) > 1:
        pick = _covering_total(ranked, ties) or _head_noun(ctx, close) or pick
    if pick.value == 0:
        for r in distinct(ranked)[:4]:
            if top.score - r.score <= 2 * TIE and r.figure.value != 0 and r.figure.unit == pick.unit:
                return r.figure
    return pick


def _common_end(a: str, b: str) -> tuple[int, int]:
    """(length, end index in ``a``) of the longest substring ``a`` shares with ``b``."""
    best = (0, -1)
    prev = [0] * (len(b) + 1)
    for i, ca in enumerate(a):
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best[0]:
                    best = (cur[j], i)
        prev = cur
    return best


def refs_of(ctx: Ctx, f: Figure, *, operands: bool = False) -> list:
    """A figure, the share the same sentence states for it, and (with ``operands``) a rate's budget
    and spending."""
    refs = [ctx.kb.ref(f)] + ([ctx.kb.ref(g) for g in rate_operands(ctx, f)] if operands else [])
    if f.share is not None:
        refs.append(ctx.kb.ref(f, subject=f"{label(f)}占{f.share.of or '总额'}比例", value=str(f.share.percent), unit="%", basis="占比"))
    return refs


def _unstated_part(ctx: Ctx, f: Figure) -> Answer | None:
    """"基本支出中绩效工资是多少", "房屋安全鉴定中心的支出": the whole is stated, the part is not."""
    m = _context(ctx.q.content.replace(" ", ""))
    if m:
        target = without_basis(ctx, m[1])
        inner = rank_figures(ctx.kb, ctx.q, text=target, docs=ctx.docs, limit=3) if len(target) >= 2 else []
        if len(target) >= 2 and (not inner or inner[0].score < 0.35):
            return refusal(ctx, "part_unstated", whole=label(f), part=target)
    rec = ctx.kb.doc(f.doc)
    for org in ctx.q.orgs:
        if names_department(org, rec) or fold(org) in fold(f.quote) or len(org) < 4:
            continue  # the department itself ("住房保障局" abbreviates it), or named where the figure is
        return refusal(ctx, "unit_unstated", unit=org)
    return None


BUDGETS = ("年初预算", "全年预算")
SPENDING = ("本年决算", "执行数")
BASIS_WORDS = {"年初预算": "年初预算", "全年预算": "全年预算", "本年决算": "决算数", "执行数": "执行数"}


def other_basis(asked: list[str] | None, f: Figure, said: str = "") -> str | None:
    """What the question asks that the figure is not: its budget when the figure is what was spent,
    or the other way round ("基本支出的年初预算" answered by the only 基本支出 stated, its 决算数).
    A question whose 预算 is a word of the figure's own name ("涉及的预算金额" of "…项目涉及预算
    金额") asks no basis."""
    asked = asked or []
    if any(m.group(0) in f.subject for m in re.finditer("预算(?:金额|资金|总额)", said)):
        return None
    if f.basis in SPENDING and asked and all(b in BUDGETS for b in asked):
        return BASIS_WORDS[asked[-1] if len(asked) > 1 else asked[0]]
    if f.basis in BUDGETS and asked and all(b in SPENDING for b in asked):
        return BASIS_WORDS[asked[0]]
    return None


def _named_by_one_purpose(ctx: Ctx, f: Figure) -> str | None:
    """The one of several purposes the item's sentence lists that the question names instead of the
    item ("…其他社会保障和就业支出（项）…主要用于：扶贫帮困、居家养老、社区助餐…" for "社区助餐")."""
    m = PURPOSE.search(f.quote)
    if m is None:
        return None
    pieces = [p for p in (fold(x).strip(" 等").replace(" ", "") for x in re.split(r"[、，,及和]", m.group(1))) if len(p) >= 2]
    content = ctx.q.folded.replace(" ", "")  # (its numbers too: "管弄路252弄4号装修工程")
    named = [p for p in pieces if len(p) >= 4 and p in content]
    if len(pieces) < 2 or len(named) != 1 or longest_common(content, core_name(fold(f.subject))) >= 4:
        return None
    return named[0]


def sole_item(ctx: Ctx, f: Figure, wanted: list[str]) -> Figure | None:
    """A class (类) whose budget is stated only under its one item ("X（类）Y（款）Z（项）。年初预算为
    …，支出决算为…"): that item's budget (of ``wanted`` bases, else either), when the item's 决算 is
    the class's whole 决算."""
    if f.basis not in SPENDING or not re.search(r"[（(]类[)）]$", f.subject):
        return None
    wanted = wanted or list(BUDGETS)
    under = [g for g in ctx.kb.figures if g.doc == f.doc and g.id != f.id and g.subject.startswith(f.subject) and len(g.subject) > len(f.subject)]
    whole = [g for g in under if g.basis == f.basis and g.unit == f.unit and g.value == f.value]
    if len({g.subject for g in whole}) != 1:
        return None
    budgets = [g for g in under if g.subject == whole[0].subject and g.basis in wanted and g.line_start == whole[0].line_start]
    return budgets[0] if len(budgets) == 1 else None


ON_ITS_OWN = re.compile(r"单独|单项|单列|具体(?:花|用|支出|是|为|金额)|专门(?:花|用)")  # a piece's own amount asked
PER_UNIT = re.compile(r"每(?:一)?(?:份|顿|餐|人|户|次|位|名|个|件|平方米|平米|辆|天|月)[^，,。？?]{0,8}?(?:多少|几)")


def single(ctx: Ctx, f: Figure, intent: str = "figure") -> Answer:
    """One figure; a total also lists the parts its sentence states ("其中：…"). A figure on another
    basis than the one asked says so first."""
    text = figure_sentence(ctx, f, operands=True)
    piece = _named_by_one_purpose(ctx, f)
    if piece is not None and (per := PER_UNIT.search(ctx.q.folded)):
        # "某项服务每份补贴多少钱": a rate per serving of one of the item's purposes — never stated
        return refusal(ctx, "part_unstated", whole=label(f), part=per.group(0))
    counted = [u for u in ctx.q.units if u not in MONEY_SCALE and u != "%"]
    if piece is not None and counted and f.unit in MONEY_SCALE:
        # "社区助餐服务了多少老人": how many, of one of the item's purposes — the document gives money only
        return refusal(ctx, "part_unstated", whole=label(f), part=f"{piece}的{counted[0]}数")
    if piece is not None and ON_ITS_OWN.search(ctx.q.folded):
        # "某某工程单项支出是多少", "某项服务单独花了多少": its own amount, which the document never gives
        return refusal(ctx, "part_unstated", whole=label(f), part=piece)
    if piece is not None:
        # "社区助餐花了多少": one of several things the item's money was for — the item's amount, said so
        text = ctx.t("figure", "one_purpose", piece=piece) + text + ctx.t("figure", "purposes", purpose=re.sub(r"[，,、]?(以及|及|和|与)?$", "", PURPOSE.search(f.quote).group(1).strip()))
    asked = other_basis(ctx.q.basis, f, ctx.q.folded)
    item = sole_item(ctx, f, [b for b in ctx.q.basis if b in BUDGETS]) if asked else None
    if item is not None:
        answer = single(ctx, item, intent)
        answer.answer = ctx.t("figure", "sole_item", whole=label(f), asked=asked) + answer.answer
        return answer
    if asked:
        text = ctx.t("figure", "basis_unstated", subject=label(f), asked=asked, stated=BASIS_WORDS.get(f.basis, f.basis)) + text
    parts = parts_of(ctx, f)
    refs = refs_of(ctx, f, operands=True)
    listed = re.search(r"(分别是|分别为|包括)[：:](.+)$", f.quote)
    if listed and "list" in ctx.q.intents:
        text = text.rstrip("。") + "，分别是：" + listed.group(2).strip().rstrip("。") + "。"  # "都叫啥"
    if parts:
        text = text.rstrip("。") + "，其中：" + "；".join(f"{label(p)} {qty(p.raw, p.unit)}" for p in parts) + "。"
        refs += [ctx.kb.ref(p) for p in parts]
    own = None if parts else _year_own(ctx, f)
    if own is not None:
        text += ctx.t("figure", "year_own", label=label(own), value=qty(own.raw, own.unit))
        refs.append(ctx.kb.ref(own))
        parts = [own]
    cites = [ctx.kb.cite_figure(f)] + [ctx.kb.cite_figure(p) for p in parts]
    return ctx.answer("figure", text, intent=intent, figures=refs, citations=cites,
                      turn=Turn(question=ctx.q.text, intent=intent, kind="figure", doc=f.doc, figure_ids=[f.id]))


OWN_TOTAL = {"支出": "本年支出合计", "收入": "本年收入合计"}


def _year_own(ctx: Ctx, f: Figure) -> Figure | None:
    """"总支出" in everyday words reached a 总计, which adds the balances carried over: the year's own
    本年支出合计 (本年收入合计) beside it, when the document states it apart with another amount."""
    sides = [side for side in OWN_TOTAL if side in ctx.q.folded]
    if len(sides) != 1 or "总计" in ctx.q.text or f.basis != "本年决算" or f.subject not in ("收入支出总计", f"{sides[0]}总计"):
        return None
    own = [g for g in ctx.kb.figures if g.doc == f.doc and g.subject == OWN_TOTAL[sides[0]] and g.basis == f.basis
           and g.unit == f.unit and g.value != f.value]
    own.sort(key=lambda g: g.origin != "text")
    return own[0] if own else None


def part_named(ctx: Ctx, whole: Figure, text: str) -> Figure | None:
    """The one part stated under ``whole`` (its "其中：" items) that ``text`` names by words of its
    own — not words the whole's name has too ("政府采购里买货物的钱": 政府采购货物支出)."""
    own = {g for g in grams(fold(text)) if len(g) == 2} - grams(fold(whole.subject)) - {"支出", "收入", "金额", "的钱", "资金"}
    scored = []
    for f in ctx.kb.figures:
        if f.doc == whole.doc and f.parent == whole.subject and f.line_start == whole.line_start and f.unit == whole.unit:
            shared = len(own & grams(fold(f.subject)))
            if shared:
                scored.append((shared, f))
    scored.sort(key=lambda x: -x[0])
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def parts_of(ctx: Ctx, f: Figure, limit: int = 8) -> list[Figure]:
    parts = [p for p in ctx.kb.figures if p.doc == f.doc and p.parent == f.subject and p.line_start == f.line_start and p.basis == f.basis
             and p.unit == f.unit and p.id != f.id]  # "2 批次，其中…": parts counted as it is ("0 人次" is another count's)
    return parts[:limit]


def shared_ends(parts: list[Figure]) -> tuple[str, str]:
    """The words every part's subject begins and ends with ("政府采购" and "支出" of 政府采购货物支出,
    政府采购服务支出): what sets each apart lies between them."""
    head = os.path.commonprefix([p.subject for p in parts]) if len(parts) > 1 else ""
    return head, os.path.commonprefix([p.subject[::-1] for p in parts])[::-1]


def _covering_total(ranked: list[Ranked], close: list[Ranked]) -> Figure | None:
    """When a tied candidate is one of several parts of a total that also fits the question, the
    total answers ("公车花了多少" → 公务用车购置及运行维护费, not its 购置费 part)."""
    near = ranked[:12]
    children: dict[tuple, int] = {}
    for r in near:
        if r.figure.parent:
            key = (r.figure.parent, r.figure.doc, r.figure.line_start)
            children[key] = children.get(key, 0) + 1
    tied = {(r.figure.parent, r.figure.doc, r.figure.line_start) for r in close if r.figure.parent}
    parents = {k for k, n in children.items() if n >= 2 and k in tied}
    best = close[0].score
    for r in near:
        if (r.figure.subject, r.figure.doc, r.figure.line_start) in parents and best - r.score <= 0.2:
            return r.figure
    return None


def _needs_choice(ctx: Ctx, close: list[Ranked]) -> bool:
    """Several different values fit equally: ask unless the question names one of them exactly."""
    named = [r for r in close if fold(r.figure.subject) in ctx.q.folded]
    return len(named) != 1


def several(ctx: Ctx, ranked: list[Ranked], *, clarify: bool = False, topic: str | None = None) -> Answer:
    figs = [r.figure for r in ranked]
    topic = topic if topic and " " not in topic else _shared_name(figs) or topic or ctx.q.text
    shares = not clarify and "share" in ctx.q.intents and all(f.share is not None for f in figs)  # "各多少、占比": each one's stated share too
    lines = [ctx.t("figure", "item", label=_context_label(f), value=qty(f.raw, f.unit) + (ctx.t("figure", "item_share", of=f.share.of or "总额", share=qty(f.share.raw, "%")) if shares else ""))
             for f in figs]
    intro = ctx.t("prompt", "clarify", topic=topic) if clarify else ctx.t("figure", "several_intro", topic=topic)
    text = intro + "\n" + "\n".join(f"- {line}" for line in lines)
    refs = [r for f in figs for r in ([ctx.kb.ref(f), ctx.kb.ref(f, subject=f"{label(f)}占{f.share.of or '总额'}比例", value=str(f.share.percent), unit="%", basis="占比")] if shares else [ctx.kb.ref(f)])]
    return ctx.answer(
        "clarification" if clarify else "figure",
        text,
        intent="figure",
        figures=refs,
        citations=[ctx.kb.cite_figure(f) for f in figs],
        table=[{"项目": _context_label(f), "数值": qty(f.raw, f.unit), "出处": f.section} for f in figs],
    )


def _shared_name(figs: list[Figure]) -> str | None:
    """What several figures' names have in common ("棚户区改造"), to say what they are about."""
    shared = figs[0].subject if figs else ""
    for f in figs[1:]:
        length, end = _common_end(shared, f.subject)
        shared = shared[end - length + 1 : end + 1] if length >= 2 else ""
    runs = re.findall(r"[\u4e00-\u9fff“”]+", shared)
    return max(runs, key=len) if runs and len(max(runs, key=len)) >= 2 else None


def _context_label(f: Figure) -> str:
    """A label that tells apart figures with the same subject (the section says whose total it is)."""
    base = label(f)
    if f.parent and f.parent not in base:
        base = f"{f.parent} · {base}"
    return f"{base}（{f.section}）" if f.section else base


RATE_PART = re.compile(r"完成(?:了)?(?:年初)?预算|执行率|完成率|预算完成")


def _rate_of(ctx: Ctx, chosen: list[Figure]) -> FigureRef | None:
    """The rate a subject's 支出决算 and 年初预算 (both among the figures given) make, calculated."""
    budget = next((f for f in chosen if f.basis == "年初预算" and f.unit == "万元"), None)
    spent = next((f for f in chosen if f.basis == "本年决算" and f.unit == "万元" and budget is not None
                  and (f.subject.startswith(budget.subject) or budget.subject.startswith(f.subject))), None)
    if budget is None or spent is None or budget.value == 0:
        return None
    result = run(f"{spent.value} / {budget.value} × 100", 2)["result"]
    ref = ctx.kb.ref(spent, subject=f"{label(spent)}完成年初预算的比例", value=result, unit="%", basis="计算", derived=True)
    ref.record_id = None
    return ref


def multi(ctx: Ctx) -> Answer | None:
    """Several figures in one question: "货物和工程采购各花了多少", "年初预算数、决算数和差异率"."""
    parts = ctx.q.parts(ctx.kb.names)
    context = [p for p in parts if CONTEXT_PART.search(p)]
    parts = [p for p in parts if not CONTEXT_PART.search(p)]  # "支出决算情况说明中，…" only frames the rest
    if len(parts) < 2:
        return None
    chosen: list[Figure] = []
    asked_as: list[str] = []  # the words each chosen figure was asked by
    options: list[list[Ranked]] = []  # each chosen figure's close alternatives
    bases: list[list[str] | None] = []  # the basis each part asks
    rates: list[FigureRef] = []
    subject = None
    for part in parts:
        if context and not _context(part):
            part = context[0] + part
        attribute = next((a for a in ATTRIBUTE_PARTS if part.strip().endswith(a)), None)
        if chosen and attribute and not any(r.score >= MULTI_PART for r in best_figures(ctx, text=part)[:1]):
            part = chosen[-1].subject + attribute  # "房屋面积和价值", "有几辆，账面上值多少": the 价值 is the 房屋's
        text, basis = part_query(ctx, part, subject)
        if RATE_PART.search(part):
            basis = ["执行率"]  # "完成年初预算的比例": the rate, not the budget it is measured against
        unit = UNIT_PART.get(part.strip())
        if unit:  # "团组和人次": the part names only a unit
            own = [r for r in best_figures(ctx, units=[unit]) if r.figure.unit == unit]
        else:
            own = best_figures(ctx, text=text, basis=basis)
        whole = {r.figure.id: r.score for r in best_figures(ctx, text=text + " " + ctx.q.content, basis=basis)}
        money = ctx.q.units == ["万元"] and bool(MONEY_ASKED.search(ctx.q.folded))  # "分别花了多少": the money, not the 批次 named alike
        exact = [r.figure for r in own[:8] if fold(r.figure.subject) == fold(part.strip()) and r.figure not in chosen
                 and not (money and r.figure.unit not in MONEY_SCALE)]
        if exact:
            # "财政拨款收入总计、年初结转和结余…": of a name stated under several totals, the one under a total
            # already chosen (年初财政拨款结转和结余, under 财政拨款收入总计)
            def kin(parent: str | None) -> int:  # the words a total shares with the figures chosen before ("财政拨款…总计")
                return max((len(os.path.commonprefix([parent, c.subject])) for c in chosen if c.doc == exact[0].doc), default=0) if parent else 0

            under = [r.figure for r in own[:8] if r.figure not in chosen and r.figure.unit == exact[0].unit and in_order(fold(part.strip()), fold(r.figure.subject))
                     and re.search(r"总计|合计", r.figure.parent or "") and kin(r.figure.parent) >= 4 and kin(r.figure.parent) > kin(exact[0].parent)]
            exact = under[:1] + exact
            chosen.append(exact[0])  # "其他收入" is 其他收入, not the total it belongs to
            asked_as.append(part)
            options.append([])
            bases.append(basis)
            subject = subject or exact[0].subject
            continue
        pick = None
        for r in own[:8]:
            # "货物、工程、服务各多少": once a part is found, its siblings (the same total's parts) are
            # what the other words name
            sibling = SIBLING if any(c.parent and c.parent == r.figure.parent and c.doc == r.figure.doc for c in chosen) else 0.0
            if r.score + sibling < MULTI_PART or r.figure in chosen:
                continue
            # among figures that explain this part, prefer the one the whole question supports most
            score = r.score + sibling + 0.5 * whole.get(r.figure.id, 0.0)
            if pick is None or score > pick[0]:
                pick = (score, r.figure)
        if pick is None:
            rate = _rate_of(ctx, chosen) if RATE_PART.search(part) else None
            if rate is None:
                return None
            rates.append(rate)  # "年初预算、支出决算和完成年初预算的比例": the rate the two give
            continue
        close = [r for r in own if own[0].score - r.score <= TIE and r.score >= MULTI_PART]
        total = _covering_total(own, close) if len(close) > 1 else None
        total = total or _whole_when_part_unnamed(ctx, pick[1], part, own)
        chosen.append(total if total is not None and total not in chosen else pick[1])
        asked_as.append(part)
        options.append([r for r in own[:5] if own[0].score - r.score <= PARALLEL_TIE and r.score >= MULTI_PART])
        bases.append(basis)
        if subject is None:
            subject, _ = part_query(ctx, part, None)
            subject = pick[1].subject if basis else subject
    if len({f.id for f in chosen}) < 2:
        return None
    _parallel_picks(chosen, options)
    _parts_for_wholes(ctx, chosen, asked_as)
    whole = _whole_named_first(ctx, chosen)
    if whole is not None:
        chosen.insert(0, whole)  # "基本支出中，人员经费和公用经费各是多少": the whole they are parts of, first
        bases.insert(0, bases[0] if bases else None)
    _measures_of_each(ctx, chosen, bases)
    with_change = "change" in ctx.q.intents
    said = []
    for f, basis in zip(chosen, bases):
        other = other_basis(basis, f)
        note = ctx.t("figure", "basis_unstated", subject=label(f), asked=other, stated=BASIS_WORDS.get(f.basis, f.basis)) if other else ""
        said.append(note + (change_sentence(ctx, f) if with_change and f.change else figure_sentence(ctx, f)).rstrip("。"))
    text = "；".join(said) + "。"
    text += "".join(ctx.t("figure", "rate_computed", rate=qty(r.value, "%")) for r in rates)
    refs = [r for f in chosen for r in (change_refs(ctx, f) if with_change and f.change else refs_of(ctx, f))] + rates
    return ctx.answer(
        "figure",
        text,
        intent="figure",
        figures=refs,
        citations=[ctx.kb.cite_figure(f) for f in chosen],
        table=[{"项目": label(f), "数值": qty(f.raw, f.unit)} for f in chosen],
    )


MEASURES_ASKED = {
    "area": re.compile(r"面积|多大|平方米|平米"),
    "count": re.compile(r"数量|几辆|多少辆|几台|多少台|几套|多少套"),
    "money": re.compile(r"价值|值多少|原值|多少钱|金额|账面"),
}


def _measure(unit: str) -> str:
    return "money" if unit in MONEY_SCALE else "area" if unit in ("平方米", "平米") else "count"


def _measures_of_each(ctx: Ctx, chosen: list[Figure], bases: list) -> None:
    """"房屋和车辆？面积、数量和价值分别是多少": every measure asked, of each thing chosen — the figures
    its own sentence states beside it ("房屋 N 平方米，价值 M 万元").  Only when two or more measures
    are asked; each added after the figure it belongs to."""
    asked = {k for k, r in MEASURES_ASKED.items() if r.search(ctx.q.folded)}
    if len(asked) < 2:
        return
    for f in list(chosen):
        stem = f.subject.removesuffix("价值")
        beside = [g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start and g not in chosen
                  and g.subject in (stem, stem + "价值") and _measure(g.unit) in asked and _measure(g.unit) != _measure(f.unit)]
        at = chosen.index(f) + 1
        for g in beside:
            chosen.insert(at, g)
            bases.insert(at, None)
            at += 1


def each_stated(ctx: Ctx, chosen: list[Figure]) -> Answer:
    """Figures asked one by one ("其中货物、工程、服务各是多少"), each as its sentence states it."""
    return ctx.answer(
        "figure",
        "；".join(figure_sentence(ctx, f).rstrip("。") for f in chosen) + "。",
        intent="figure",
        figures=[r for f in chosen for r in refs_of(ctx, f)],
        citations=[ctx.kb.cite_figure(f) for f in chosen],
        table=[{"项目": label(f), "数值": qty(f.raw, f.unit)} for f in chosen],
    )


FILLER = "的了今本年度街道局钱花多少各是为有都"  # words around a name that name nothing

WHICH = re.compile(r"哪|什么|啥|谁")


RANKED_WITHIN = re.compile(r"(?P<whole>[\u4e00-\u9fff]{2,12}?)(?:里面|里头|里|之中|当中|中|下面|下)的?(?:哪|什么|啥)")


def largest(ctx: Ctx) -> Answer | None:
    """"货物、工程、服务哪一类最多": the figures the parts name, the largest (or smallest) said first;
    without parts named ("哪一类最多？" after them), among the figures the last turn gave."""
    q = ctx.q
    if not (q.intents & {"rank_high", "rank_low"}) or not WHICH.search(q.folded):
        return None
    ans = multi(ctx)
    whole = _ranked_whole(ctx) if ans is None else None
    if ans is not None:
        given = [r for r in ans.figures if r.unit in MONEY_SCALE or r.unit == ans.figures[0].unit]
    elif whole is not None:
        # "政府采购里大头是哪一类": the parts its sentence states ("其中：货物…；工程…；服务…")
        parts = parts_of(ctx, whole)
        given = [ctx.kb.ref(p) for p in parts]
        ans = ctx.answer("figure", "；".join(figure_sentence(ctx, p).rstrip("。") for p in parts) + "。", intent="figure",
                         figures=given, citations=[ctx.kb.cite_figure(whole)])
    else:
        last = ctx.session.last
        given = [ctx.kb.ref(f) for f in (ctx.kb.figure_by_id.get(i) for i in (last.figure_ids if last else [])) if f is not None]
        figures_ = [ctx.kb.figure_by_id[r.record_id] for r in given]
        if len(given) < 2 or len(q.content) > 12:
            return None
        ans = ctx.answer("figure", "；".join(figure_sentence(ctx, f).rstrip("。") for f in figures_) + "。", intent="figure",
                         figures=given, citations=[ctx.kb.cite_figure(f) for f in figures_])
    units = {r.unit for r in given}
    if len(given) < 2 or len(units) > 1:
        return None
    within = RANKED_WITHIN.search(q.folded)
    if within is not None and any(fold(r.subject).endswith(within.group("whole")) for r in given):
        return None  # "项目支出里哪一项最多": the parts of one of them ranked, not these figures
    high = "rank_high" in q.intents
    top = (max if high else min)(given, key=lambda r: Decimal(r.value))
    ans.answer = ctx.t("figure", "largest_of", order="最多" if high else "最少", label=top.subject, value=qty(top.value, top.unit)) + ans.answer
    ans.figures = [top, *(r for r in ans.figures if r is not top)]
    other = place_compared(q.folded, sorted(given, key=lambda r: Decimal(r.value), reverse=high))
    if other is not None and other is not top:  # "哪项最大？比最小的多多少？": the gap, by the calculator
        big, small = (top, other) if Decimal(top.value) >= Decimal(other.value) else (other, top)
        expression = f"{big.value} − {small.value}"
        ans.calculation = Calculation(expression=expression, result=run(expression, 2)["result"], unit=top.unit, operands=[big, small])
        ans.answer += "\n" + ctx.t("calculation", "result", description=f"{big.subject}比{small.subject}多", expression=expression, result=qty(ans.calculation.result, top.unit))
        ans.kind = "calculation"
    f = ctx.kb.figure_by_id.get(top.record_id or "")
    if f is not None:
        ans.session.turns[-1] = ans.session.turns[-1].model_copy(update={"figure_ids": [f.id], "doc": f.doc})  # "它占…": the largest
    return ans


RANKED_IN = re.compile(r"(?P<whole>[\u4e00-\u9fff]{2,12}?)(?:里面|里头|里|之中|当中|中)(?!心)")


def _ranked_whole(ctx: Ctx) -> Figure | None:
    """The figure a ranking is asked within ("政府采购里…哪一类最多"), when its sentence states two
    parts or more."""
    m = RANKED_IN.search(ctx.q.content)
    if m is None:
        return None
    ranked = best_figures(ctx, text=m.group("whole"))[:1]
    if not ranked or ranked[0].score < STRONG:
        return None
    whole = ranked[0].figure
    return whole if len(parts_of(ctx, whole)) >= 2 else None


def change_apart(kb, f: Figure) -> Figure | None:
    """The change of ``f``'s subject stated in a sentence of its own ("一般公共预算财政拨款支出比上年
    增加 6485.08 万元…", no amount of this year beside it), nearest to ``f``."""
    apart = [g for g in kb.figures if g.doc == f.doc and g.basis == "比上年增减" and g.change is not None and same_stem(g.subject, f.subject)]
    return min(apart, key=lambda g: abs(g.line_start - f.line_start), default=None)


def stated_parent(kb, f: Figure, exclude: list[Figure] = (), *, within: int | None = None) -> Figure | None:
    """The figure the document states for ``f``'s whole (its ``parent``), on the same unit and basis;
    with ``within``, the nearest one stated at most that many lines before ``f`` (its own sentence,
    or the one its 其中 list follows)."""
    if not f.parent:
        return None
    wholes = (g for g in kb.figures if g.doc == f.doc and g.subject == f.parent and g.unit == f.unit and g.basis == f.basis and g not in exclude)
    if within is None:
        return next(wholes, None)
    return max((g for g in wholes if 0 <= f.line_start - g.line_start <= within), key=lambda g: g.line_start, default=None)


def _whole_named_first(ctx: Ctx, chosen: list[Figure]) -> Figure | None:
    """The figure every pick is a part of, when the question names it before them ("X中，A和B各…",
    "X里A、B、C…"): stated first, as the document states the parts under it."""
    parents = {f.parent for f in chosen}
    if len(parents) != 1 or None in parents or len({f.doc for f in chosen}) != 1:
        return None
    parent = parents.pop()
    folded = ctx.q.folded
    first_part = min((folded.find(core_name(fold(f.subject))[:2]) for f in chosen), default=-1)
    named = core_name(fold(parent))
    at = folded.find(named[:6]) if len(named) >= 4 else -1
    if at < 0 or first_part < 0 or at >= first_part:
        return None
    return stated_parent(ctx.kb, chosen[0], exclude=chosen)


def _parts_for_wholes(ctx: Ctx, chosen: list[Figure], asked_as: list[str]) -> None:
    """"政府采购货物、工程、服务各多少": a pick that is the whole the other picks are parts of, asked by
    words its own name lacks (货物), is the part of it those words name (货物采购金额)."""
    for i, f in enumerate(chosen):
        if i >= len(asked_as) or not any(c is not f and c.parent == f.subject and c.doc == f.doc for c in chosen):
            continue
        own = "".join(ch for ch in re.sub(r"[^\u4e00-\u9fff]", "", asked_as[i]) if ch not in fold(f.subject) and ch not in FILLER)
        if len(own) < 2:
            continue
        part = next((g for g in ctx.kb.figures if g.doc == f.doc and g.parent == f.subject and g.unit == f.unit and g not in chosen and own in fold(g.subject)), None)
        if part is not None:
            chosen[i] = part


def _whole_when_part_unnamed(ctx: Ctx, f: Figure, text: str, own: list[Ranked]) -> Figure | None:
    """"出国、公车、接待各花了多少": 公务用车 names the whole (购置及运行维护费), not its 购置 part — the
    words that tell the part from its siblings (购置 · 运行维护) are not in the question."""
    if not f.parent:
        return None
    near = [g for g in ctx.kb.figures if g.doc == f.doc and g.id != f.id and g.unit == f.unit and abs(g.line_start - f.line_start) <= WHOLE_BEFORE]
    siblings = [g for g in near if g.parent == f.parent or (g.parent is None and getattr(whole_of(ctx, g), "subject", None) == f.parent)]
    own_words = grams(fold(f.subject)) - set().union(*(grams(fold(g.subject)) for g in siblings)) if siblings else set()
    if not siblings or own_words & grams(fold(text)):
        return None
    if set(re.sub(r"[^\u4e00-\u9fff]", "", text)) - set(f.parent) - set(FILLER):
        return None  # the part says more than the whole's name ("买公务用车": its 购置)
    return next((r.figure for r in own[:8] if r.figure.doc == f.doc and r.figure.subject == f.parent and r.score >= MULTI_PART), None)


def parallel(a: str, b: str) -> bool:
    """Two names alike but for one word ("面向中小企业预留…预算金额" · "面向小微企业预留…预算金额")."""
    if a == b:
        return False
    head = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
    return head + tail >= max(4, 0.6 * max(len(a), len(b)))


def _parallel_picks(chosen: list[Figure], options: list[list[Ranked]]) -> None:
    """Several things asked alike ("中小企业、小微企业预留的金额") are named alike in the document: a
    pick that is like none of the others yields to a close alternative that is like one of them."""
    for i, f in enumerate(chosen):
        others = [o.subject for j, o in enumerate(chosen) if j != i]
        if any(o == f.subject or parallel(f.subject, o) for o in others):
            continue  # the same subject on several bases is alike too
        alike = next((r.figure for r in options[i] if r.figure not in chosen and any(parallel(r.figure.subject, o) for o in others)), None)
        if alike is not None:
            chosen[i] = alike


def change_refs(ctx: Ctx, f: Figure) -> list:
    ch = f.change
    refs = []
    if f.basis != "比上年增减":
        refs.append(ctx.kb.ref(f))
    if ch and ch.amount is not None:
        refs.append(ctx.kb.ref(f, subject=f"{label(f)}比上年{ch.direction}", value=str(ch.amount), unit=ch.unit or f.unit, basis="比上年增减"))
    if ch and ch.percent is not None:
        refs.append(ctx.kb.ref(f, subject=f"{label(f)}比上年{'增长' if ch.direction == '增加' else '下降'}", value=str(ch.percent), unit="%", basis="比上年增减"))
    return refs


def change_sentence(ctx: Ctx, f: Figure) -> str:
    ch = f.change
    pct_word = "增长" if ch.direction == "增加" else "下降"
    unit = ch.unit or f.unit
    values = {"label": label(f), "value": qty(f.raw, f.unit), "direction": ch.direction, "amount": qty(ch.amount_raw, unit), "pct_word": pct_word, "percent": qty(ch.percent_raw, "%")}
    if f.basis == "比上年增减":
        return ctx.t("change", "change_only", **values)
    if ch.amount is not None and ch.percent is not None:
        return ctx.t("change", "stated", **values)
    if ch.amount is not None:
        return ctx.t("change", "amount_only", **values)
    return ctx.t("change", "percent_only", **values)


def stated_change(ctx: Ctx, f: Figure) -> tuple[str, list, list]:
    """A figure's change on last year — its sentence, figure refs and citations — and, for a change
    stated apart ("…与上年相比减少 63.14 万元"), this year's amount it is the change of, before it."""
    text, refs, cites = change_sentence(ctx, f), change_refs(ctx, f), [ctx.kb.cite_figure(f)]
    level = current_of(ctx, f) if f.basis == "比上年增减" else None
    if level is not None and level.id != f.id:
        text = figure_sentence(ctx, level) + text
        refs, cites = [ctx.kb.ref(level), *refs], [ctx.kb.cite_figure(level), *cites]
    return text, refs, cites


DIRECTION_GUESSED = re.compile(r"(?:减少|增加|下降|增长|上升|降低|涨|降|少|多)了?(?:吧|吗|对吧|是吧|对吗|没错吧)|是不是(?:减少|增加|下降|增长|涨|降)"
                               r"|(?:减少|增加|下降|增长|上升|降低)了(?:多少|几)")  # "比2024年下降了多少": a direction taken for granted


def direction_asked(ctx: Ctx) -> str | None:
    """The direction a question names: "增加" ("涨了多少", "多花"), "减少" ("少了", "下降"), or none."""
    folded = ctx.q.folded
    down = re.search(r"减少|少了|下降|降低|降了|少花|节约", folded)
    up = re.search(r"增加|多了|增长|上升|涨|多花|多出", folded)
    return "减少" if down and not up else ("增加" if up and not down else None)


def restated_with_change(ctx: Ctx, f: Figure) -> Figure | None:
    """The same figure stated again elsewhere in the document with its change: "公务用车购置及运行
    维护费 25.39 万元" in one paragraph, "…运行维护费支出 25.39 万元，比上年减少 19.69 万元" in another."""
    own = subject_stem(f.subject)
    for g in ctx.kb.figures:
        if g.doc == f.doc and g.change is not None and g.value == f.value and g.unit == f.unit and g.basis == f.basis:
            other = subject_stem(g.subject)
            if len(own) >= 2 and (own in other or other in own):
                return g
    return None


def change_said_after(ctx: Ctx, f: Figure) -> Figure | None:
    """"…支出决算为 N 万元。…决算数比上年增加 M 万元": the change stated in a sentence of its own,
    whose figure of this year (its words in any order) is ``f`` itself."""
    if f.basis != "本年决算":
        return None
    return next((g for g in ctx.kb.figures if g.doc == f.doc and g.basis == "比上年增减" and g.change is not None
                 and (level := current_of(ctx, g)) is not None and level.id == f.id), None)


WHOLE_BEFORE = 4  # lines before a part within which the total it is listed under ("其中：") is stated
TEMPLATE_WHOLE = {"本年支出合计": "收入支出总计", "本年收入合计": "收入支出总计"}  # 总计 = 本年合计 + 结转和结余


def whole_of(ctx: Ctx, f: Figure) -> Figure | None:
    """The total a part is listed under: its parent, or the parent of a part listed just before it
    in the same "其中：" list ("…维护费支出 2.64 万元。其中：公务用车购置支出为 0 万元。公务用车运行维护支出 2.64 万元")."""
    if f.subject in TEMPLATE_WHOLE:  # the year's income or spending is a part of the template's 收入支出总计
        return next((g for g in ctx.kb.figures if g.doc == f.doc and g.subject == TEMPLATE_WHOLE[f.subject] and g.unit == f.unit
                     and g.basis == f.basis and g.value >= f.value), None)
    near = [g for g in ctx.kb.figures if g.doc == f.doc and f.line_start - WHOLE_BEFORE <= g.line_start <= f.line_start and g.id != f.id]
    names = [f.parent] if f.parent else [g.parent for g in near if g.parent and g.unit == f.unit and g.basis == f.basis]
    for name in names:
        whole = next((g for g in reversed(near) if g.subject == name and g.unit == f.unit and g.basis == f.basis and g.value >= f.value), None)
        if whole is not None and len(grams(fold(whole.subject)) & grams(fold(f.subject))) >= 3:
            return whole
    return None


def change_not_stated(ctx: Ctx, f: Figure) -> Answer:
    """A figure whose change on last year is not stated: said so — with the change of the total it is
    listed under, when that is stated ("公务用车运行维护支出比上年呢" → 公务用车购置及运行维护费's), or
    that it is level with last year when a sentence after it says so ("…决算数与 2023 年度持平")."""
    level = level_with_last_year(ctx, f)
    if level is not None:
        return level
    whole = whole_of(ctx, f)
    stated = whole if whole is None or whole.change is not None else restated_with_change(ctx, whole) or next(
        (g for g in ctx.kb.figures if g.doc == whole.doc and g.basis == "比上年增减" and g.change is not None and g.unit == whole.unit
         and fold(g.subject) == fold(whole.subject)), None)  # "…维护费支出与上年相比减少 20.06 万元", stated apart
    if stated is None or stated.change is None:
        return ctx.answer("refusal", ctx.t("change", "missing", label=label(f), value=qty(f.raw, f.unit)), intent="change", citations=[ctx.kb.cite_figure(f)])
    text = ctx.t("change", "of_whole", label=label(f), value=qty(f.raw, f.unit), sentence=change_sentence(ctx, stated))
    return ctx.answer("figure", text, intent="change", figures=[ctx.kb.ref(f), *change_refs(ctx, stated)],
                      citations=[ctx.kb.cite_figure(f), ctx.kb.cite_figure(stated)],
                      turn=Turn(question=ctx.q.text, intent="change", kind="figure", doc=f.doc, figure_ids=[f.id, stated.id]))


def change(ctx: Ctx, f: Figure | None = None) -> Answer | None:
    if f is None:
        ranked = best_figures(ctx, require_change=True)
        wanted = direction_asked(ctx)
        if wanted and len(ranked) > 1:
            # "棚改支出比上年增加了多少": of two near-equal candidates, the one that did increase
            ranked = sorted(ranked, key=lambda r: -(r.score + (0.05 if r.figure.change.direction == wanted else -0.05)))
        if not ranked or ranked[0].score < STRONG:
            plain = best_figures(ctx)
            agreed = bool(ranked) and bool(plain) and ranked[0].figure.id == plain[0].figure.id and ranked[0].score >= STRONG - AGREED
            if not plain or (plain[0].score < STRONG + 0.1 and not agreed):
                return None  # (nearly named, and the best figure with a change is the best figure of all)
            g = plain[0].figure
            f = g if g.change is not None else restated_with_change(ctx, g)  # named well, with its change
            if f is None:
                return change_not_stated(ctx, g)
        else:
            f = ranked[0].figure
    if f.change is None:
        # (a section's 收入总计/支出总计: the change its section states of 收入支出 as a whole)
        f = restated_with_change(ctx, f) or change_said_after(ctx, f) or _change_behind(ctx, f) or f
    if f.change is None:
        return change_not_stated(ctx, f)
    text, refs, cites = stated_change(ctx, f)
    guessed = direction_asked(ctx)
    corrected = bool(guessed) and guessed != f.change.direction and bool(DIRECTION_GUESSED.search(ctx.q.folded))
    if corrected:
        text = ctx.t("change", "not_that_way", guessed=guessed, direction=f.change.direction) + text  # "是减少了吧": it went the other way
    if f.reason:  # the reason the document gives beside the change, as it gives it (its lines cited)
        text += "\n" + ctx.t("reason", "stated", label=label(f), reason=(f.reason_quote or f.reason).strip("：:；; "))
        cites = unique_citations([*cites, *filter(None, [ctx.kb.cite_reason(f)])])
    elif corrected or "reason" in ctx.q.intents:
        # none of its own, asked why or taken the other way: those of its parts that moved as it did
        # ("公务用车…增加的主要原因是…")
        for g in parts_changed_alike(ctx.kb, f):
            text += "\n" + part_reason_said(ctx, f, g)
            refs += change_refs(ctx, g)
            cites = unique_citations([*cites, *filter(None, [ctx.kb.cite_figure(g), ctx.kb.cite_reason(g)])])
    return ctx.answer("figure", text, intent="change", figures=refs, citations=cites,
                      turn=Turn(question=ctx.q.text, intent="change", kind="figure", doc=f.doc, figure_ids=[f.id]))


PARTS_NEAR = 12  # lines after a total's change within which its parts' changes are stated


def parts_changed_alike(kb, total: Figure) -> list[Figure]:
    """The parts of ``total`` stated soon after it that changed the same way and give a reason."""
    if total.change is None:
        return []
    return [g for g in kb.figures if g.doc == total.doc and g.parent == total.subject and g.change is not None and g.reason
            and g.change.direction == total.change.direction and 0 <= g.line_start - total.line_start <= PARTS_NEAR]


def part_reason_said(ctx: Ctx, total: Figure, part: Figure) -> str:
    """"文件没有单独说明X变化的原因；它的组成部分中，Y增加 N，文件说明的主要原因是：…": a part's change
    and its reason, said for a total that states none."""
    ch = part.change
    amount = qty(ch.amount_raw, ch.unit or part.unit) if ch.amount is not None else qty(ch.percent_raw, "%")
    return ctx.t("reason", "of_parts", label=label(total), part=label(part), direction=ch.direction, amount=amount, reason=(part.reason_quote or part.reason).strip("：:；; "))


PARTS_LISTED = re.compile(r"[\u4e00-\u9fff]{2,}(和|加|及|与|、|\+)[\u4e00-\u9fff]{2,}")


def changes_of(ctx: Ctx, doc: str, subject: str) -> list[Figure]:
    """The figures of ``doc`` named ``subject`` (its 支出 suffix aside) that state a change on last year."""
    name = core_name(fold(subject))
    return [h for h in ctx.kb.figures if h.doc == doc and h.change is not None and core_name(fold(h.subject)) == name]


def _whole_changed(ctx: Ctx, part: Figure) -> Figure | None:
    """"公车方面（购置加运维）去年花了多少": the question lists parts; the best match is one of them
    (公务用车购置), which states no change, but the whole it belongs to does — that whole's figure."""
    if not part.parent or not PARTS_LISTED.search(ctx.q.text):  # as written: an alias may add a 及
        return None
    return next((h for h in changes_of(ctx, part.doc, part.parent) if h.change.amount is not None), None)


def _part_asked(ctx: Ctx, whole: Figure) -> Figure | None:
    """The part of ``whole`` the question names rather than the whole itself: the best match of the
    question among all figures, when it is a part of ``whole`` (its parent) and matches better,
    and the question does not list parts (then it asks the whole)."""
    if PARTS_LISTED.search(ctx.q.text):
        return None
    plain = best_figures(ctx)
    if not plain or plain[0].figure.id == whole.id or not plain[0].figure.parent:
        return None
    top = plain[0]
    if core_name(fold(top.figure.subject))[-2:] not in fold(ctx.q.text):
        return None  # "去年公车花了多少" names no part's own word (购置): the whole
    mine = next((r.score for r in plain if r.figure.id == whole.id), 0.0)
    if top.score > mine and core_name(fold(top.figure.parent)) == core_name(fold(whole.subject)):
        return top.figure
    return None


def last_years_value(base: Figure, ch) -> tuple[str, str]:
    """(expression, result) of last year's value of ``base`` from the change on last year stated for
    it, an amount ("比上年增加 N 万元"), by the calculator — to the places ``base`` is written to."""
    op = "−" if ch.direction == "增加" else "+"
    expression = f"{base.value} {op} {ch.amount}"
    result = run(expression, None)["result"]
    return expression, str(Decimal(result).quantize(base.value)) if base.value.as_tuple().exponent < 0 else result


def last_year(ctx: Ctx, f: Figure | None = None) -> Answer | None:
    if f is None:
        ranked = best_figures(ctx, require_change=True)
        if not ranked or ranked[0].score < STRONG:
            plain = best_figures(ctx)
            if not plain or plain[0].score < STRONG:
                return None
            # "上年收入总计": the section's change is stated for 收入支出总体, whose total this is
            behind = _change_behind(ctx, plain[0].figure) or _whole_changed(ctx, plain[0].figure)
            if behind is None:
                g = plain[0].figure  # "上年的固定资产原值": stated for this year only
                level = level_with_last_year(ctx, g)
                if level is not None:
                    return level
                return ctx.answer("refusal", ctx.t("last_year", "missing", label=label(g), value=qty(g.raw, g.unit)), intent="last_year", citations=[ctx.kb.cite_figure(g)])
            ranked = [Ranked(plain[0].score, behind)]
        f = ranked[0].figure
        part = _part_asked(ctx, f)
        if part is not None:  # "公车购置去年花了多少": 购置's, not the whole's — unstated
            return ctx.answer("refusal", ctx.t("last_year", "missing", label=label(part), value=qty(part.raw, part.unit)), intent="last_year", citations=[ctx.kb.cite_figure(part)])
    if f.change is None:
        f = restated_with_change(ctx, f) or f  # "…决算数 N 万元，预决算差异率…" restated elsewhere "…N 万元，比上年减少 M 万元"
    apart = change_apart(ctx.kb, f) if f.change is None else None
    now = current_of(ctx, apart) if apart is not None else None
    if now is not None and now.value == f.value and now.unit == f.unit:
        f = apart  # "…决算为 N 万元" then, a few lines on, "…支出决算减少 M 万元": the change of this amount
    ch = f.change
    base = f
    cites = [ctx.kb.cite_figure(f)]
    if ch is not None and f.basis == "比上年增减":
        # "收入支出与上年相比增加 N": this year's value is the stated total (收入总计 = 支出总计);
        # "X决算数比 2024 年度减少 N": this year's X stated before it
        base = balanced_total(ctx, f) or current_of(ctx, f)
        if base is None:
            return ctx.answer("refusal", ctx.t("last_year", "missing", label=label(f), value=qty(f.raw, f.unit)), intent="last_year", citations=cites)
        cites.insert(0, ctx.kb.cite_figure(base))
    if ch is None:  # (unless a sentence after it says it is level with last year)
        return level_with_last_year(ctx, f) or ctx.answer("refusal", ctx.t("last_year", "missing", label=label(f), value=qty(f.raw, f.unit)), intent="last_year", citations=cites)
    operands = [ctx.kb.ref(base)]
    if ch.amount is not None:
        expression, result = last_years_value(base, ch)
        operands.append(ctx.kb.ref(f, subject=f"{label(f)}比上年{ch.direction}", value=str(ch.amount), unit=ch.unit or f.unit, basis="比上年增减"))
        amount = qty(ch.amount_raw, ch.unit or f.unit)
    else:
        sign = "+" if ch.direction == "增加" else "−"
        expression = f"{base.value} ÷ (1 {sign} {ch.percent} ÷ 100)"
        result = run(expression, 2)["result"]
        operands.append(ctx.kb.ref(f, subject=f"{label(f)}比上年增减幅度", value=str(ch.percent), unit="%", basis="比上年增减"))
        amount = qty(ch.percent_raw, "%")
    text = ctx.t("last_year", "derived", label=label(f), value=qty(base.raw, base.unit), direction=ch.direction, amount=amount, result=qty(result, base.unit))
    calc = Calculation(expression=expression, result=result, unit=base.unit, operands=operands)
    derived = ctx.kb.ref(f, subject=f"上年{label(f)}（推算）", value=result, unit=base.unit, basis="上年（推算）", derived=True)
    return ctx.answer("calculation", text, intent="last_year", figures=[derived, *operands], citations=cites, calculation=calc,
                      turn=Turn(question=ctx.q.text, intent="last_year", kind="calculation", doc=f.doc, figure_ids=[f.id]))


LEVEL = re.compile(r"(与|和|同|较|比)\s*(上年|上一年|去年|\d{4}\s*年度?)\s*(相比|比较)?\s*(基本)?持平")


def level_with_last_year(ctx: Ctx, g: Figure) -> Answer | None:
    """"X决算数与 2023 年度持平": no number is stated for the change, and none is needed — last
    year's X is this year's. The sentence must name X (most of its words) and follow it closely."""
    rec = ctx.kb.doc(g.doc)
    words = grams(fold(g.subject))
    for n in range(g.line_start, min(g.line_start + 12, len(rec.lines)) + 1):
        first = fold(rec.lines[n - 1])
        text = first + fold(rec.lines[n] if n < len(rec.lines) else "")
        m = LEVEL.search(text)
        if m is None or m.start() >= len(first):
            continue  # found on the next line: read from there
        named = grams(text[: m.start()])
        if len(words & named) / max(len(words), 1) < 0.75:
            continue
        if g.basis in BUDGETS and "决算" in text[max(0, m.start() - 12): m.start()]:
            continue  # "…支出决算数与2023年度持平" says the spending is level, not its budget
        return _level_answer(ctx, g, n, n if m.end() <= len(first) else n + 1)
    return _level_in_list(ctx, g)


LEVEL_CLAUSE = r"(?:支出)?(?:决算)?数?(?:基本)?持平"


def _level_in_list(ctx: Ctx, g: Figure) -> Answer | None:
    """"…决算数与 2023 年度持平。其中：…；公务接待费支出决算持平。": a clause of a list whose
    sentence says what it is level with — the figure's own name, then 持平."""
    rec = ctx.kb.doc(g.doc)
    name = core_name(fold(g.subject))
    if len(name) < 3:
        return None
    for n in range(g.line_start, min(g.line_start + 12, len(rec.lines)) + 1):
        said = "".join(fold(rec.lines[k - 1]) for k in range(max(1, n - 2), min(n + 1, len(rec.lines)) + 1))  # the list may wrap
        at = said.find(name)
        while at >= 0:
            if re.match(LEVEL_CLAUSE, said[at + len(name):]) and LEVEL.search(said[:at]):
                return _level_answer(ctx, g, max(1, n - 2), min(n + 1, len(rec.lines)))
            at = said.find(name, at + 1)
    return None


def _level_answer(ctx: Ctx, g: Figure, first: int, last: int) -> Answer:
    out = ctx.kb.ref(g, subject=f"上年{label(g)}", value=str(g.value), basis="上年（与本年持平）", derived=True)
    text_out = ctx.t("last_year", "level", label=label(g), value=qty(g.raw, g.unit))
    return ctx.answer("figure", text_out, intent="last_year", figures=[out, ctx.kb.ref(g)],
                      citations=[ctx.kb.cite_figure(g), ctx.kb.cite_lines(g.doc, first, last)])


def current_of(ctx: Ctx, change: Figure) -> Figure | None:
    """This year's figure of the subject a change-only statement is about ("2025 年度“三公”经费财政
    拨款支出决算数比 2024 年度减少…" after "“三公”经费财政拨款支出…决算为 3.04 万元"): the same
    words (in any order), in the same section, stated before it — the nearest."""
    unit = (change.change.unit if change.change else None) or change.unit
    words = grams(fold(change.subject))
    best: tuple[float, int, Figure] | None = None
    for g in ctx.kb.figures:
        if g.doc != change.doc or g.section != change.section or g.basis != "本年决算" or g.unit != unit or g.line_start > change.line_start:
            continue
        theirs = grams(fold(g.subject))
        overlap = len(words & theirs) / max(min(len(words), len(theirs)), 1)
        if overlap >= 0.75 and (best is None or (overlap, g.line_start) > best[:2]):
            best = (overlap, g.line_start, g)
    return best[2] if best else None


def _change_behind(ctx: Ctx, total: Figure) -> Figure | None:
    """The change-only statement whose balanced total is ``total``."""
    for g in ctx.kb.figures:
        if g.doc == total.doc and g.section == total.section and g.basis == "比上年增减" and g.change is not None:
            base = balanced_total(ctx, g)
            if base is not None and base.value == total.value and total.subject.endswith("总计"):
                return g
    return None


def balanced_total(ctx: Ctx, f: Figure) -> Figure | None:
    """This year's value behind "X收入支出与上年相比…": the section's 收入总计, equal to its 支出总计."""
    stem = re.sub(r"(收入支出|收支)(总体)?$", "", f.subject)
    if stem == f.subject:
        return None
    totals = [g for g in ctx.kb.figures if g.doc == f.doc and g.section == f.section and g.basis == "本年决算" and g.subject in (stem + "收入总计", stem + "支出总计")]
    if totals and len({g.value for g in totals}) == 1:
        return sorted(totals, key=lambda g: g.line_start)[0]
    return None


def _share_of_the_same_amount(ctx: Ctx, f: Figure) -> Answer | None:
    """"棚户区改造(项) 483,911.04 万元" then "占多少": the 类 it is the whole of ("住房保障支出(类)
    483,911.04 万元，占 95.42%"), the same amount, states the share — said as the 类's."""
    own = fold(f.subject)
    g = next((g for g in ctx.kb.figures if g.doc == f.doc and g.id != f.id and g.share is not None and g.value == f.value and g.unit == f.unit
              and len(fold(g.subject)) >= 4 and own.startswith(fold(g.subject))), None)
    if g is None:
        return None
    text = ctx.t("share", "same_amount", label=label(f), value=qty(f.raw, f.unit), whole=label(g), of=g.share.of or "总额", share=qty(g.share.raw, "%"))
    refs = [ctx.kb.ref(g, subject=f"{label(g)}占{g.share.of or '总额'}比例", value=str(g.share.percent), unit="%", basis="占比"), ctx.kb.ref(f), ctx.kb.ref(g)]
    return ctx.answer("figure", text, intent="share", figures=refs, citations=[ctx.kb.cite_figure(g), ctx.kb.cite_figure(f)],
                      turn=Turn(question=ctx.q.text, intent="share", kind="figure", doc=f.doc, figure_ids=[f.id, g.id]))


def stated_share(ctx: Ctx, f: Figure, whole: Figure | None = None) -> Answer | None:
    """The share a sentence states for ``f`` — with the part's amount, and ``whole`` (the amount it
    is a share of) when the conversation has just given it."""
    if f.share is None:
        return _share_of_the_same_amount(ctx, f)
    text = ctx.t("share", "stated", label=label(f), of=f.share.of or "总额", share=qty(f.share.raw, "%"))
    refs = [ctx.kb.ref(f, subject=f"{label(f)}占{f.share.of or '总额'}比例", value=str(f.share.percent), unit="%", basis="占比"), ctx.kb.ref(f)]
    cites = [ctx.kb.cite_figure(f)]
    if whole is not None:
        text += ctx.t("share", "amounts", part_label=label(f), part=qty(f.raw, f.unit), whole_label=label(whole), whole=qty(whole.raw, whole.unit))
        refs.append(ctx.kb.ref(whole))
        cites.append(ctx.kb.cite_figure(whole))
    return ctx.answer("figure", text, intent="share", figures=refs, citations=cites,
                      turn=Turn(question=ctx.q.text, intent="share", kind="figure", doc=f.doc, figure_ids=[f.id]))
