"""Words rather than figures: stated reasons, definitions, what a section covers, and passages."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.calculator import run
from assistant.compose import Ctx, qty, unique_citations
from assistant.handlers.figures import STRONG, best_figures, change_refs, direction_asked, parts_changed_alike, part_reason_said, figure_sentence, rate_operands, refs_of, restated_with_change, stated_change, whole_of
from assistant.handlers.statements import CODE_NAMED, Cell, code_digits, item_named, level_name, ref
from assistant.knowledge import PURPOSE, label
from assistant.link import rank_terms
from assistant.route import without_departments
from assistant.text import fold, grams, longest_common, longest_common_run
from ingest.figures import REASON
from ingest.numbers import MONEY_SCALE
from ingest.records import Figure
from ingest.sections import section_topic

WHY_SAID = re.compile(r"为什么|为啥|为何|原因|怎么回事|咋回事|何故")  # a why in so many words (not "执行得怎么样")
WHAT_HAPPENED = re.compile(r"怎么回事|咋回事|什么情况|啥情况|怎么一回事")  # why, and what the money is
REASON_MARK = REASON  # the words that introduce a stated reason, as the figure reader knows them


GAP_ASKED = re.compile(r"差异率|预决算差异")


def reason(ctx: Ctx, f: Figure | None = None) -> Answer | None:
    if f is None:
        f = _item_coded(ctx)  # "2079903年初预算为什么是0": the narrative's item of the row that code names
    if f is None:
        wanted = direction_asked(ctx)
        budget_asked = "大于" if OVER_BUDGET.search(ctx.q.folded) else ("小于" if UNDER_BUDGET.search(ctx.q.folded) else None)
        if budget_asked:
            wanted = None  # more or less than the budget, not than last year
        year_asked = wanted is None and not budget_asked and "change" in ctx.q.intents  # "比2024年度是增加还是减少？原因是什么": a change's reason, either way
        ranked = []
        scored = _with_restated_reasons(ctx, best_figures(ctx))
        for r in scored:
            if not r.figure.reason:
                continue
            # the reason is about the subject: as well named as the subject's best-named figure nearby
            # when that one states no reason of its own ("文化活动为什么花得比预算多": its 年初预算)
            peer = max((o for o in scored if o.figure.doc == r.figure.doc and o.figure.subject == r.figure.subject
                        and abs(o.figure.line_start - r.figure.line_start) <= 6), key=lambda o: o.score)
            gap_asked = bool(GAP_ASKED.search(ctx.q.folded))
            # (the gap's rate, or the rate of the budget spent: its reason is why the budget was not met)
            same_kind = peer.figure.unit == r.figure.unit or ((budget_asked or gap_asked) and (r.figure.basis == "预决算差异率" or (peer.figure.basis == "执行率" and _against_budget(ctx, r.figure) is not None)))
            if not peer.figure.reason and same_kind and not (budget_asked and r.figure.change is not None):
                r = type(r)(max(r.score, peer.score), r.figure)  # (not a change's reason lifted by the budget's name)
            # "为什么少了那么多": a change in the direction the question names
            direction = r.figure.change.direction if r.figure.change else None
            # the subject first; the direction only breaks near ties (a question may have it wrong)
            bonus = 0.03 if wanted and direction == wanted else (-0.03 if wanted and direction and direction != wanted else 0.0)
            if (wanted or year_asked) and r.figure.change is None:
                bonus -= 0.2  # "为什么增加了": a change's reason, not why the budget was not spent
            if gap_asked and r.figure.basis == "预决算差异率":
                bonus += 0.1  # "预决算差异率是多少？主要原因是什么？": the gap's own reason, not the change's
            against = _against_budget(ctx, r.figure)
            if budget_asked and against:
                bonus += 0.1 if against == budget_asked else -0.1  # "为什么花得比预算多": 决算数大于预算数
            ranked.append((r.score + bonus, r.figure))
        ranked.sort(key=lambda x: -x[0])
        if ranked and ranked[0][0] >= STRONG - 0.05:
            f = ranked[0][1]
        if f is None and ctx.session.last is not None:
            # "决算小于预算，说明里点名调减了哪些项目？" after a figure's budget and rate: no subject
            # named well enough, so the reason stated with the figure under discussion
            f = _reason_of_the_last(ctx, budget_asked)
        if (wanted or year_asked) and (f is None or f.change is None):
            # "…比2024年增长了86.61%，主要原因是什么": a change asked — the subject's change, whose
            # reasons its parts may state, before a reason of another kind (why the budget was not spent)
            changed = [r for r in scored if r.figure.change is not None and r.score >= STRONG - 0.05][:1]
            if changed:
                f = changed[0].figure
    if f is not None and not f.reason:
        # "年初预算呢？" then "为什么超了？": the reason is stated with the same subject's other figure
        f = next((g for g in ctx.kb.figures if g.doc == f.doc and g.subject == f.subject and g.reason
                  and abs(g.line_start - f.line_start) <= 6), f)
    if f is not None and not f.reason:
        # "住房保障支出(类)…为什么多了": the same amount restated with its change and reason (its only 项)
        again = restated_with_change(ctx, f)
        f = again if again is not None and again.reason else f
    if f is None or not f.reason:
        # "总共花的钱为什么多了": a figure whose change no reason is given for — the total it is part of
        named = f or next((r.figure for r in best_figures(ctx)[:1] if r.score >= STRONG + 0.1), None)
        whole = whole_of(ctx, named) if named is not None else None
        if whole is not None:
            f = next((g for g in ctx.kb.figures if g.doc == whole.doc and g.subject == whole.subject and g.reason and g.change is not None), f)
    if f is None or (not f.reason and f.change is not None):
        parts = _reasons_of_parts(ctx, f)  # (the figure under discussion, or the one the question names)
        if parts is not None:
            return parts
    if f is not None and f.reason:
        cites = [c for c in (ctx.kb.cite_reason(f), ctx.kb.cite_figure(f)) if c]
        # "为什么没花完年初预算": the rate its sentence states, with the budget and the spending
        rate = None if f.change else next((g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start
                                           and g.subject == f.subject and rate_operands(ctx, g)), None)
        shown = rate or f
        budget = [] if f.change or rate else [g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start
                                              and g.subject == f.subject and g.basis in ("年初预算", "全年预算") and (g.unit == f.unit or g.value == 0)]
        if f.change:  # the change (one stated apart with the amount it is the change of), as the change itself is said
            stated, refs, said_at = stated_change(ctx, f)
            cites += [c for c in said_at if c != ctx.kb.cite_figure(f)]
        elif budget:  # "年初预算为…，支出决算为…。决算数小于预算数的主要原因：…"
            said = "，".join(f"{g.term or g.basis} {qty(g.raw, g.unit)}" for g in [*budget, f])
            stated = ctx.t("figure", "with_budget", label=f.subject, figures=said)
        else:
            stated = figure_sentence(ctx, shown, operands=True)
        # a change's reason, or another one (决算数小于预算数的原因) said as the document says it
        text = stated + "\n" + ctx.t("reason", "stated" if f.change else "stated_other", label=label(f), reason=(f.reason_quote or f.reason).strip("：:；; "))
        contradicted = _contradiction(ctx, f)
        if contradicted:
            text += "\n" + contradicted
        used = purpose_of(ctx, f) if WHAT_HAPPENED.search(ctx.q.folded) else None
        if used:  # "…这是怎么回事": what the money is for, as well as why
            text += "\n" + ctx.t("reason", "purpose", purpose=used.rstrip("。；;"))
        if not f.change:
            refs = [*refs_of(ctx, shown, operands=True), *(ctx.kb.ref(g) for g in budget)]
        return ctx.answer("text", text, intent="reason", figures=refs, citations=cites,
                          turn=Turn(question=ctx.q.text, intent="reason", kind="text", doc=f.doc, figure_ids=[f.id]))
    named = _by_purpose(ctx) if f is None and WHY_SAID.search(ctx.q.folded) else None
    if named is not None:
        # "给某某达标的奖励钱，为什么只花了一半": the item named by what its money is for
        return reason(ctx, named[0])
    return passage_answer(ctx, prefer=REASON_MARK, intent="reason")


def _reason_of_the_last(ctx: Ctx, budget_asked: str | None) -> Figure | None:
    """The figure, of those the last turn gave, whose sentence states a reason (when the question
    asks why the budget was not met, a reason said against the budget)."""
    given = [g for g in (ctx.kb.figure_by_id.get(i) for i in ctx.session.last.figure_ids) if g is not None]
    for g in given:
        near = [h for h in ctx.kb.figures if h.doc == g.doc and h.subject == g.subject and h.reason and abs(h.line_start - g.line_start) <= 6]
        for h in sorted(near, key=lambda h: abs(h.line_start - g.line_start)):
            if not budget_asked or _against_budget(ctx, h) in (None, budget_asked):
                return h
    return None


def _with_restated_reasons(ctx: Ctx, scored: list) -> list:
    """The ranked figures, each followed by the same amount restated nearby with its reason ("…615.12
    万元，主要用于…。年初预算为…，支出决算为 615.12 万元…。决算数小于预算数的主要原因：…"): the
    ranking keeps one of two equal figures, and the one it keeps may not be the one the reason is
    stated with."""
    seen = {r.figure.id for r in scored}
    reasons: dict[tuple, list[Figure]] = {}
    for g in ctx.kb.figures:
        if g.reason and g.id not in seen:
            reasons.setdefault((g.doc, g.subject, g.basis, g.value, g.unit), []).append(g)
    out = []
    for r in scored:
        out.append(r)
        if not r.figure.reason:
            f = r.figure
            for g in reasons.pop((f.doc, f.subject, f.basis, f.value, f.unit), []):
                if abs(g.line_start - f.line_start) <= 6:
                    out.append(type(r)(r.score, g))
    return out


def _reasons_of_parts(ctx: Ctx, total: Figure | None = None) -> Answer | None:
    """"三公经费为啥涨了那么多": the total's change states no reason of its own, but the parts that
    moved the same way do ("公务用车购置及运行维护费支出增加的主要原因是…") — those reasons, each with
    its part's change."""
    wanted = direction_asked(ctx)
    total = total or next((r.figure for r in best_figures(ctx)[:3] if r.score >= STRONG and r.figure.change is not None and not r.figure.reason
                           and (wanted is None or r.figure.change.direction == wanted)), None)
    if total is None or total.change is None:
        return None
    parts = parts_changed_alike(ctx.kb, total)
    if not parts:
        return None
    said, refs, cites = stated_change(ctx, total)
    lines = [said]
    lines += [part_reason_said(ctx, total, g) for g in parts]
    refs += [r for g in parts for r in change_refs(ctx, g)]
    cites += [c for g in parts for c in (ctx.kb.cite_figure(g), ctx.kb.cite_reason(g)) if c]
    return ctx.answer("text", "\n".join(lines), intent="reason", figures=refs, citations=unique_citations(cites),
                      turn=Turn(question=ctx.q.text, intent="reason", kind="text", doc=total.doc, figure_ids=[total.id] + [g.id for g in parts]))


OVER_BUDGET = re.compile(r"比(年初|全年)?预算数?(还)?(多|高|大)|超(过|出)?(年初|全年)?预算|超支|超了|大于(年初|全年)?预算|高于(年初|全年)?预算")
UNDER_BUDGET = re.compile(r"比(年初|全年)?预算数?(还)?(少|低|小)|没(把[^，,。？?]{0,12})?(花|用)完|没有(把[^，,。？?]{0,12})?(花|用)完|小于(年初|全年)?预算|低于(年初|全年)?预算|结余|(只|仅|才)完成(了)?(年初|全年)?预算|(?:未|没有?|没能)完成(了)?(年初|全年)?预算")


def _against_budget(ctx: Ctx, f: Figure) -> str | None:
    """"决算数大于预算数的主要原因：…": which way the final amount went from the budget, as the words
    just before the reason say."""
    if f.basis == "预决算差异率" and f.value != 0:
        return "大于" if f.value > 0 else "小于"  # "预决算差异率 7,289.27%，主要原因是：…"
    if f.reason_lines is None:
        return None
    lines = ctx.kb.doc(f.doc).lines
    joined = "".join(lines[max(0, f.reason_lines.line_start - 3) : f.reason_lines.line_start])
    at = joined.rfind((f.reason or "")[:6])
    before = (joined[:at] if at > 0 else joined).split("。")[-1]
    m = re.search(r"(大于|小于|高于|低于)[^。]{0,6}预算[^。]{0,16}$", before)
    return None if m is None else ("大于" if m.group(1) in ("大于", "高于") else "小于")


def _contradiction(ctx: Ctx, f) -> str | None:
    """A question that says the opposite of the document ("比上年下降…", "花了12万") is corrected."""
    folded = ctx.q.folded
    if f.change is not None:
        said_down = re.search(r"下降|减少|降低|少了", folded)
        said_up = re.search(r"增长|增加|上升|多了|涨", folded)
        if f.change.direction == "增加" and said_down and not said_up:
            return ctx.t("prompt", "premise", said="下降", stated="增加")
        if f.change.direction == "减少" and said_up and not said_down:
            return ctx.t("prompt", "premise", said="增加", stated="减少")
    return None


PURPOSE_ASKED = re.compile(r"(主要)?用于(什么|哪些|哪里|何处)|用在(了)?(什么|哪)|(是|拿来|用来)?(干|做)(了)?(什么|啥|嘛)(用|的)(的)?|花在(了)?(什么|哪)|(?:都)?花(?:到)?哪(?:了|儿|里|去了)?|(主要)?用途(是什么|是啥)?"
                           r"|(?:是|都)?(?:用在|用于|用来|花在)[^，,。？?]{1,16}?(?:上)?的?吗")  # "是用在老旧小区改造上的吗": what it was for, said
AMOUNT_NAMED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|万)")


PURPOSE_GAP = 0.1  # how far below the best-named figure one whose purpose is stated may be


THIS_ONE = re.compile(r"^(?:(?:该|这|此|那)(?:一)?(?:项|笔|部分|个项目|个科目)?|它)的?(?:资金|钱|经费|支出|款项|预算)?$")


CHANGE_SPENT = re.compile(r"(?:多出来|多出|增加|增长|多花|涨)(?:的|了的)(?:钱|部分|那部分|资金)")


def purpose(ctx: Ctx) -> Answer | None:
    """"其中2000万元那一项主要用于什么？", "统战事务的钱用在哪了": what the document says an amount was
    for ("“…（项）”2000.00 万元，主要用于：…"), from the figure named by its subject or its amount."""
    if not PURPOSE_ASKED.search(ctx.q.folded) or CHANGE_SPENT.search(ctx.q.folded):
        return None  # ("多出来的钱主要花在哪了": where the increase went — the change's reason, not what the whole is for)

    named = [Decimal(v) for v, _ in AMOUNT_NAMED.findall(ctx.q.folded)]
    rest = remainder(ctx) if REMAINDER.search(ctx.q.folded) and not named else None
    if rest is not None:  # "剩下的那一小笔用在了什么地方？": the whole less the part, by the calculator
        named = [Decimal(rest.result)]
    found = [(f, purpose_of(ctx, f)) for f in ctx.kb.figures if f.doc in ctx.docs and f.kind == "amount" and named and f.value in named
             and (rest is None or f.unit == rest.unit)]
    found = [(f, w) for f, w in found if w]
    text = re.sub(r"(主要)?((用于|用途)什?)?$", "", PURPOSE_ASKED.sub("", ctx.q.content).strip(" ，,。？?的")).strip()  # content has lost "么"; "主要干什么用的"
    text = THIS_ONE.sub("", text).strip()  # "该项资金主要用于什么": the figure under discussion
    text = re.sub(r"^(其中|另外|主要)|列在|放在|记在|[，,\s]|(用于|用在|花在)?(什么|哪些|哪个|啥)?(工程|项目|方面|地方|事情|事)?[上里]?$", "", text)  # "其中列在X的，用于什么工程"
    last = ctx.session.last
    if not found and len(text) < 2 and last is not None:
        # "主要用于什么？" after a figure: what the figure under discussion was for
        focus = [ctx.kb.figure_by_id[i] for i in last.figure_ids if i in ctx.kb.figure_by_id]
        focus += [f for i in last.figure_ids if "#" in i for f in narrative_of_row(ctx, i.split("#", 1)[0]) or narrative_below_row(ctx, *i.split("#", 1))]  # after a table cell
        found = [(f, w) for f, w in ((f, purpose_of(ctx, f)) for f in focus) if w][:1]
        if not found:
            return None
    if not found and (code := CODE_SAID.search(ctx.q.folded)):
        # "（某7位科目编码）那一项用在哪": the row of that code, as the narrative states its item
        rows = [e for e in ctx.kb.rows.by_id.values() if e.row.code == code.group(1) and e.doc in ctx.docs]
        found = [(f, w) for e in rows for f in narrative_of_row(ctx, e.row.id) if (w := purpose_of(ctx, f))][:1]
    if not found:
        best = best_figures(ctx, text=text)[:6]
        # a purpose of a figure the question names nearly as well as its best (not 一般公共预算's
        # for a question about 政府性基金, whose figure states none)
        ranked = [(r.figure, purpose_of(ctx, r.figure)) for r in best if r.score >= max(STRONG - 0.15, best[0].score - PURPOSE_GAP)]
        found = [(f, w) for f, w in ranked if w][:1]
    if not found:
        return None
    f, said = found[0]
    citations = [ctx.kb.cite_figure(f)]
    if said not in f.quote:  # stated in the item's sentence before the figure's: cite that line too
        lines = ctx.kb.doc(f.doc).lines
        at = next((i for i in range(f.line_start - 1, max(0, f.line_start - 5), -1) if said[:6] in lines[i - 1]), None)
        if at is not None:
            citations = [ctx.kb.cite_lines(f.doc, at, f.line_end)]  # the purpose and the figure, as printed
        end = next((i for i in range(f.line_start, min(len(lines), f.line_start + LIST_LINES) + 1) if said[-6:] in lines[i - 1]), None)
        if at is None and end is not None:
            citations = [ctx.kb.cite_lines(f.doc, f.line_start, end)]  # a list the purpose runs on with
    text = figure_sentence(ctx, f) + "\n" + ctx.t("reason", "purpose", purpose=said)
    refs = [ctx.kb.ref(f)]
    if rest is not None:
        text = ctx.t("calculation", "result", description="剩下的部分", expression=rest.expression, result=qty(rest.result, rest.unit)) + "\n" + text
        refs = [FigureRef(subject="剩下的部分", value=rest.result, unit=rest.unit, doc=f.doc, basis="计算", derived=True), *rest.operands, *refs]
        # the whole and the part, where the narrative states them, cited too
        citations += [ctx.kb.cite_figure(g) for g in (ctx.kb.figure_by_id.get(o.record_id or "") for o in rest.operands) if g is not None]
    return ctx.answer("text", text, intent="purpose", figures=refs, citations=citations, calculation=rest,
                      turn=Turn(question=ctx.q.text, intent="purpose", kind="text", doc=f.doc, figure_ids=[f.id]))


CODE_SAID = re.compile(r"(?<![\d.])(\d{3}|\d{5}|\d{7})(?![\d.%万元个人])")  # a 功能分类 code of a 类, 款 or 项
LIST_INTRO = re.compile(r"以下[^：:。]{0,6}[：:]")
LIST_LINES = 8  # lines a purpose listed after "主要用于以下方面：" may run over


def _item_coded(ctx: Ctx) -> Figure | None:
    """The narrative's figure, with a reason, of the one table row the question names by its code."""
    codes = {code_digits(m.group(0)) for m in CODE_NAMED.finditer(ctx.q.folded)}
    if len(codes) != 1:
        return None
    code = codes.pop()
    rows = [e for e in ctx.kb.rows.entries if (not ctx.docs or e.doc in ctx.docs) and code_digits(e.row.code) == code]
    found = {f.id: f for e in rows for f in narrative_of_row(ctx, e.row.id)}
    with_reason = [g for f in found.values() for g in ctx.kb.figures if g.doc == f.doc and g.subject == f.subject and g.reason and abs(g.line_start - f.line_start) <= 6]
    return with_reason[0] if len({g.id for g in with_reason}) == 1 else None


def narrative_of_row(ctx: Ctx, row_id: str) -> list[Figure]:
    """The narrative's figures of a table row: its 类/款/项 named last by the row's name, spent."""
    entry = ctx.kb.rows.by_id.get(row_id)
    if entry is None or not entry.row.code:
        return []
    name = fold(entry.row.name)
    above = [fold(a.row.name) for a in ctx.kb.rows.ancestors(entry)]  # its 款 and 类, nearest first

    def same_parents(f: Figure) -> bool:
        # ("一般行政管理事务" is a 项 under many 款: the narrative item under the row's own)
        said = [level_name(c) for c in reversed(f.classification[:-1])]
        return all(a == b for a, b in zip(said, above))

    return [f for f in ctx.kb.figures if f.doc == entry.doc and f.basis == "本年决算" and f.classification and item_named(f) == name
            and same_parents(f)]


def narrative_below_row(ctx: Ctx, row_id: str, column: str) -> list[Figure]:
    """The narrative's items under a table row that carry all of its amount in ``column`` ("212
    城乡社区支出 2000.00" stated only as its one 项 of 2000.00): what the narrative says of the row."""
    entry = ctx.kb.rows.by_id.get(row_id)
    amount = entry.row.amount(column) if entry is not None and entry.row.code else None
    if amount is None or not amount.value:
        return []
    name = fold(entry.row.name)
    return [f for f in ctx.kb.figures if f.doc == entry.doc and f.basis == "本年决算" and f.classification and f.value == amount.value
            and any(level_name(c) == name for c in f.classification[:-1])]


def purpose_of(ctx: Ctx, f) -> str | None:
    """The purpose stated in a figure's sentence, or in the item's sentence just before it
    ("…（项）。主要用于：…。年初预算为 0 万元，支出决算为 2000.00 万元")."""
    m = PURPOSE.search(f.quote)
    if m is not None and LIST_INTRO.match(m.group(1)):
        # "主要用于以下方面：A（类）…；B（类）…；C（类）…。": the whole list, over the lines it takes
        said = "".join(ctx.kb.doc(f.doc).lines[f.line_start - 1 : f.line_start + LIST_LINES])
        whole = re.search(r"主要用于以下[^：:。]{0,6}[：:](.+?)。", said)
        if whole:
            return re.split(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、", whole.group(1))[0].strip("；; ")  # not into the next heading
    if m is None:
        lines = ctx.kb.doc(f.doc).lines
        before = "".join(lines[max(0, f.line_start - 4) : max(f.line_end, f.line_start)])  # (the quote may end on a later line)
        before = before[: before.rfind(f.quote[:8])] if f.quote[:8] in before else ""
        m = PURPOSE.search(before.split("。")[-2] if before.count("。") >= 1 else "") if before else None
    if m is None:
        # "公务用车运行维护支出 N 万元。主要用于…": the sentence right after the figure's
        after = "".join(lines[f.line_start - 1 : min(len(lines), f.line_end + 2)])
        tail = f.quote.strip()[-8:]
        at = after.find(tail) if tail else -1
        following = after[at + len(tail) :].lstrip("。 ") if at >= 0 else ""
        m = PURPOSE.match(following)
    return m.group(1).strip("：: ，,") if m else None


MONEY_ASKED = re.compile(r"花了?多少|用了?多少|多少钱|多少万|金额|支出多少|花费|决算数?是?多少")
MONEY_IN = re.compile(r"\d\s*(?:万元|亿元|元)")
NAMED_BY_PURPOSE = 4  # characters of a stated purpose a question must repeat to name its figure by it


def named_by_purpose(ctx: Ctx) -> Answer | None:
    """"某某提升工程那个项目花了多少？": a subject named by what the document says its money was
    for ("…某某补助（项）。主要用于：某某提升工程") — that item's spending."""
    if not MONEY_ASKED.search(ctx.q.folded) or any(u not in MONEY_SCALE for u in ctx.q.units):
        return None  # only the money spent is named so: "多少钱", "花了多少"
    best = _by_purpose(ctx)
    if best is None:
        return None
    f, said = best
    asked_more = _more_than_the_purpose(ctx, said)
    if asked_more:
        # "办某某节请某某演出花了多少钱": one of the item's listed purposes, and a thing of it the
        # document never prices — the item's money is not that thing's; said so, with what it was for
        text = ctx.t("refusal", "part_unstated", whole=label(f), part=asked_more) + "\n" + ctx.t("reason", "purpose", purpose=said)
        return ctx.answer("refusal", text, intent="refusal", citations=[ctx.kb.cite_figure(f)])
    text = figure_sentence(ctx, f) + "\n" + ctx.t("reason", "purpose", purpose=said)
    return ctx.answer("figure", text, intent="figure", figures=[ctx.kb.ref(f)], citations=[ctx.kb.cite_figure(f)],
                      turn=Turn(question=ctx.q.text, intent="figure", kind="figure", doc=f.doc, figure_ids=[f.id]))


SPENDING_WORDS = re.compile(r"举办|开展|组织|办|搞|请|花了?|用了?|多少钱?|钱|费用|开支|支出|经费|一共|总共|的|了|在|上|给|"
                            r"决算数?|预算数?|年初|全年|实际|这笔|那笔|是|为|有")


def _more_than_the_purpose(ctx: Ctx, said: str) -> str:
    """The words a question names besides the one purpose it shares with a list of several
    ("某某节…请某某演出" of "…、某某节系列活动、…"): three characters or more of its own, else ""."""
    pieces = [p for p in re.split(r"[、，,；;]|以及|及", fold(said)) if len(p.strip()) >= 2]
    if len(pieces) < 2:
        return ""
    asked = fold(without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.kb.doc_ids]))
    content = re.sub(r"(那个|这个|的)?(项目|工程|那笔|这笔)", "", re.sub(r"(?:19|20)\d{2}\s*年度?", " ", asked))
    shared = max((longest_common_run(content, p) for p in pieces), key=len, default="")
    rest = content.replace(shared, " ") if len(shared) >= NAMED_BY_PURPOSE else content
    # (a word of its own shares no two characters running with what the money was for)
    own = [w for w in re.findall(r"[\u4e00-\u9fff]{3,}", SPENDING_WORDS.sub(" ", rest)) if longest_common(w, fold(said)) < 2]
    return own[-1] if own else ""


def _by_purpose(ctx: Ctx) -> tuple[Figure, str] | None:
    """The spending figure whose stated purpose the question's words repeat best (four characters
    or more), with that purpose; else None."""
    content = re.sub(r"(那个|这个|的)?(项目|工程|那笔|这笔)", "", ctx.q.content.replace(" ", ""))
    if len(content) < NAMED_BY_PURPOSE:
        return None
    best: tuple[int, Figure, str] | None = None
    for f in ctx.kb.figures:
        if f.doc not in ctx.docs or f.kind != "amount" or f.basis != "本年决算":
            continue
        said = purpose_of(ctx, f)
        if said and MONEY_IN.search(said):
            continue  # "主要用于：一般公共服务支出（类）2106.66万元…": a breakdown into items of their own, not a purpose
        length = longest_common(content, fold(said)) if said else 0
        if length >= NAMED_BY_PURPOSE and (best is None or length > best[0]):
            best = (length, f, said)
    return best[1:] if best is not None else None


REMAINDER = re.compile(r"剩下|剩余|其余|余下|另(?:外)?(?:那|这)?(?:一)?(?:小|大)?[项笔个块部]")


def remainder(ctx: Ctx) -> Calculation | None:
    """The whole less the part of the last turn ("政府性基金收入有多少？" "其中用于某工程的是多少？"
    "剩下的呢？"), when both are amounts of one unit and the part is smaller: the whole the question
    names now ("那另一项政府性基金支出…"), else the turn before last's."""
    turns = ctx.session.turns[-2:]
    if not turns:
        return None
    part = next(iter(turn_amounts(ctx, turns[-1])), None)
    if part is None:
        return None
    named = re.sub(r"[\s，,]|用于什么|用在|什么地方|金额|多少", "", REMAINDER.sub("", PURPOSE_ASKED.sub("", ctx.q.content)))
    ranked = best_figures(ctx, text=named, units=[part.unit]) if len(named) >= 4 else []
    whole = ctx.kb.ref(ranked[0].figure) if ranked and ranked[0].score >= STRONG else None
    if whole is None or Decimal(whole.value) <= Decimal(part.value):
        whole = next(iter(turn_amounts(ctx, turns[0])), None) if len(turns) == 2 else None
    if whole is None or whole.unit != part.unit or Decimal(part.value) >= Decimal(whole.value):
        return None
    expression = f"{whole.value} − {part.value}"
    return Calculation(expression=expression, result=run(expression, 2)["result"], unit=whole.unit, operands=[whole, part])


def turn_amounts(ctx: Ctx, turn) -> list[FigureRef]:
    """The amounts a turn gave: table cells (ids "row#column") and the narrative's figures."""
    out = []
    for i in turn.figure_ids:
        if "#" in i:
            row, column = i.split("#", 1)
            entry = ctx.kb.rows.by_id.get(row)
            amount = entry.row.amount(column) if entry is not None else None
            if amount is not None and amount.value is not None:
                out.append(ref(ctx, Cell(entry, amount)))  # as every table answer names a cell
        elif (f := ctx.kb.figure_by_id.get(i)) is not None and f.kind == "amount":
            out.append(ctx.kb.ref(f))
    return out


def definition(ctx: Ctx) -> Answer | None:
    """A term from 专业名词解释; a term explained inside another entry's definition counts too."""
    ranked = rank_terms(ctx.kb, ctx.q, ctx.docs)
    named = [g for _, g in ranked[:4] if fold(g.term).strip("“”\"") in ctx.q.folded.replace("“", "").replace("”", "")]
    if len(named) >= 2 and named[0].term != named[1].term:
        # "项目支出是啥意思，跟基本支出有什么区别": each term the question names, in its order
        named = sorted(named[:2], key=lambda g: ctx.q.folded.replace("“", "").replace("”", "").find(fold(g.term).strip("“”\"")))
        answers = [_definition_answer(ctx, g) for g in named]
        return ctx.answer("text", "\n".join(a.answer for a in answers), intent="definition", citations=[c for a in answers for c in a.citations],
                          turn=answers[0].session.last if answers[0].session else None)
    if ranked and ranked[0][0] >= 0.6:
        return _definition_answer(ctx, ranked[0][1])
    inside = _explained_inside(ctx)
    if inside is not None:
        return _definition_answer(ctx, inside)
    return None


def _definition_answer(ctx: Ctx, g) -> Answer:
    doc = g.id.split(":g")[0]
    return ctx.answer("text", ctx.t("definition", "stated", term=g.term, definition=g.definition), intent="definition",
                      citations=[ctx.kb.cite_lines(doc, g.line_start, g.line_end)],
                      turn=Turn(question=ctx.q.text, intent="definition", kind="text", doc=doc, subject=g.term))


def _explained_inside(ctx: Ctx):
    """"公务用车运行维护费包括哪些" is answered inside the entry for “三公”经费."""
    content = ctx.q.content.replace(" ", "")
    best = None
    for g in ctx.kb.glossary:
        if ctx.docs and g.id.split(":g")[0] not in ctx.docs:
            continue
        length = longest_common(content, re.sub(r"[()]", "", fold(g.definition)))  # the question's words lose their brackets
        if length >= 5 and (best is None or length > best[0]):
            best = (length, g)
    return best[1] if best else None


def no_definition(ctx: Ctx) -> Answer:
    terms = "、".join(dict.fromkeys(g.term for g in ctx.kb.glossary if not ctx.docs or g.id.split(":g")[0] in ctx.docs))
    term = ctx.q.content or ctx.q.text
    return ctx.answer("refusal", ctx.t("refusal", "no_definition", term=term, terms=terms), intent="definition")


def overview(ctx: Ctx) -> Answer | None:
    doc_id = ctx.docs[0] if ctx.docs else ctx.kb.doc_ids[0]
    rec = ctx.kb.doc(doc_id)
    sections = [s for s in rec.sections if s.kind == "heading"]
    best, best_score = _best_section(ctx, sections)
    if best is None or best_score < 0.5:
        parts = [s.title for s in sections if s.level == 1]
        text = ctx.t("overview", "document", title=rec.info.title, parts="；".join(parts))
        cites = [ctx.kb.cite_title(doc_id)] + [ctx.kb.cite_lines(doc_id, s.line_start, s.line_start) for s in sections if s.level == 1]
        return ctx.answer("text", text, intent="overview", citations=cites)
    return _section_answer(ctx, doc_id, best)


def section_named(ctx: Ctx) -> Answer | None:
    """"主要职能是什么": not a glossary term but a section's title, so the answer is that section."""
    doc_id = ctx.docs[0] if ctx.docs else ctx.kb.doc_ids[0]
    asked = grams(ctx.q.content)
    if not asked:
        return None
    best, best_score = None, 0.0
    for s in ctx.kb.doc(doc_id).sections:
        topic = grams(fold(section_topic(s.title)))
        if s.kind != "heading" or not topic:
            continue
        score = min(len(topic & asked) / len(topic), len(topic & asked) / len(asked))
        if score > best_score:
            best, best_score = s, score
    return _section_answer(ctx, doc_id, best) if best is not None and best_score >= 0.75 else None


def _best_section(ctx: Ctx, sections) -> tuple[object | None, float]:
    """The heading a question about "what a section covers" names, by its number or its topic."""
    folded = ctx.q.folded
    best, best_score = None, 0.0
    for s in sections:
        title = fold(s.title)
        number = re.match(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))", title)
        score = 0.0
        if number and number.group(1).rstrip("、") in folded:
            score = 1.0 + len(number.group(1)) / 100
        else:
            g = grams(fold(section_topic(s.title)))
            if g:
                score = len(g & grams(ctx.q.content)) / len(g)
        if score > best_score:
            best, best_score = s, score
    return best, best_score


UNITS_ASKED = re.compile(r"(下属|所属|纳入|包括|包含|哪些|哪几个|几个)[^，,。？?]{0,20}单位(?!的)|单位构成|编制范围")
UNITS_SECTION = re.compile(r"单位构成|机构设置")  # the template's section on the units a department's accounts include
UNITS_LISTED = re.compile(r"单位包括|包括[：:]")


def units_covered(ctx: Ctx) -> Answer | None:
    """"某局的部门决算把哪些下属单位算进去了？": the template's section on the units the accounts
    include, its passage that lists them."""
    if not UNITS_ASKED.search(ctx.q.folded) or len(ctx.docs) != 1:
        return None
    section = next((s for s in ctx.kb.doc(ctx.docs[0]).sections if s.kind == "heading" and UNITS_SECTION.search(s.title)), None)
    if section is None:
        return None
    listing = re.search(r"哪些|哪几|分别|都是|名单|名称", ctx.q.folded)  # "都是哪些": the passage that lists them
    counted_too = listing and (UNITS_CLAIMED.search(ctx.q.folded) or UNITS_COUNTED.search(ctx.q.folded))  # "那N家单位分别是哪些": a number said may be wrong
    counted = _units_numbered(ctx, section) if (UNITS_COUNTED.search(ctx.q.folded) and not listing) or counted_too else None
    if counted is not None and not listing:
        return counted
    listed = passage_answer(ctx, within=(section.line_start, section.line_end), prefer=UNITS_LISTED, min_overlap=0.0, intent="overview")
    if counted is None or listed is None:
        return listed
    # the list as printed, and how many it numbers
    return ctx.answer("text", counted.answer + "\n" + listed.answer, intent="overview", figures=counted.figures,
                      citations=unique_citations([*listed.citations, *counted.citations]))


UNITS_COUNTED = re.compile(r"(?<!哪)(?:几家|几个)|多少家|多少个")
UNITS_CLAIMED = re.compile(r"\d+\s*(?:家|个)(?:下属)?单位")
UNIT_NUMBERED = re.compile(r"^\s*(\d{1,2})(?:[.、．]|\s|$)\s*(\S.*)?$")


def _units_numbered(ctx: Ctx, section) -> Answer | None:
    """"纳入…部门决算的单位一共有几家": the units the section lists under 序号 1, 2, 3 …, counted —
    the last number of an unbroken run from 1, as the list prints it."""
    doc = ctx.docs[0]
    lines = ctx.kb.doc(doc).lines
    start = next((i for i in range(section.line_start, min(section.line_end, len(lines)) + 1) if UNITS_LISTED.search(lines[i - 1])), None)
    if start is None:
        return None
    n, last, names = 0, start, []
    for i in range(start + 1, min(start + 60, len(lines)) + 1):
        m = UNIT_NUMBERED.match(lines[i - 1])
        if m and int(m.group(1)) == n + 1:
            n, last = n + 1, i
            if m.group(2):
                names.append(m.group(2).strip())
    if n < 2:
        return None
    listed = len(names) == n and not any("决算" in name for name in names)  # (a page's running title may run into the last one)
    text = ctx.t("overview", "units_counted", count=n) + (ctx.t("overview", "units_named", names="、".join(names)) if listed else "")
    ref = FigureRef(subject="纳入部门决算编制范围的单位数", value=str(n), unit="个", doc=doc, basis="计数", derived=True)
    return ctx.answer("figure", text, intent="overview", figures=[ref], citations=[ctx.kb.cite_lines(doc, start, last)])


def _section_answer(ctx: Ctx, doc_id: str, best) -> Answer | None:
    """What a section holds: its sub-sections, its glossary entries, or (a leaf) its best passage."""
    rec = ctx.kb.doc(doc_id)
    children = [s for s in rec.sections if s.parent == best.id]
    terms = [g for g in rec.glossary if best.line_start <= g.line_start <= best.line_end]
    if not children and terms:
        text = ctx.t("overview", "section", title=best.title, children="；".join(g.term for g in terms))
        return ctx.answer("text", text, intent="overview", citations=[ctx.kb.cite_lines(doc_id, best.line_start, best.line_start)] + [ctx.kb.cite_lines(doc_id, g.line_start, g.line_end) for g in terms])
    if not children:
        return passage_answer(ctx, within=(best.line_start, best.line_end), intent="overview")
    text = ctx.t("overview", "section", title=best.title, children="；".join(c.title for c in children))
    return ctx.answer("text", text, intent="overview", citations=[ctx.kb.cite_lines(doc_id, best.line_start, best.line_start)] + [ctx.kb.cite_lines(doc_id, c.line_start, c.line_start) for c in children[:12]])


FUND_NAMED = re.compile(r"国有资本经营|政府性基金")
CLAIMED_AMOUNT = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*万元?")
EXISTENCE_ASKED = re.compile(r"有没有|是否有|有无|是不是有|有没|是否(?:花|用|安排)|"
                             r"表(?:里|中|上)(?:都|有|填了?|列了?)*(?:哪些|什么|啥)(?:数据|数字|内容|数)"  # "…决算表里有哪些数据": an empty table said so
                             r"|表(?:里|中|上)?(?:有|填了?)(?:数字|数据|金额|数)吗|(?:有|填了?)(?:数字|数据|金额)吗"  # "…表里有数字吗"
                             r"|(?:为什么|为啥|为何|怎么)(?:没有|没|无)(?:数字|数据|数|金额)|(?:为什么|为啥|为何|怎么)是空(?:的|白|表)")  # "…表为什么没有数字"
NONE_SAID = re.compile(r"(?:^|[，,。；;\s])(?:[^，,。；;]{0,30}?)(?:无|没有)([^，,。；;]{4,40})")


def _nones(kb, doc: str):
    """(what the document says it has none of, the citation of that sentence to its end) for each of
    its lines saying "无…" or "没有…" ("…无国有资本经营预算 / 财政拨款收入和支出。")."""
    lines = kb.doc(doc).lines
    for n, line in enumerate(lines, 1):
        m = NONE_SAID.search(fold(line))
        if m:
            end = n
            while end < min(n + 2, len(lines)) and "。" not in lines[end - 1][m.end() if end == n else 0 :]:
                end += 1
            yield m.group(1), kb.cite_lines(doc, n, end)


def none_said(kb, doc: str, name: str):
    """The citation of a document's own sentence saying it has none of ``name`` ("…无政府性基金预算
    财政拨款收入和支出。"), or None."""
    want = fold(name)[:6]
    return next((cite for what, cite in _nones(kb, doc) if len(want) >= 4 and want in what), None)


def none_stated(ctx: Ctx) -> Answer | None:
    """"有没有花政府性基金或者国有资本经营预算的钱？": the document's own sentences saying there is
    none ("…无政府性基金预算财政拨款收入和支出。"), quoted — for each thing asked that one names."""
    # a claimed amount of a fund the document says it has none of ("国有资本经营预算…的N万元")
    claimed = CLAIMED_AMOUNT.search(ctx.q.folded) if FUND_NAMED.search(ctx.q.folded) else None
    last = ctx.session.last
    again = last is not None and bool(re.search(r"呢[？?]?$", ctx.q.folded.strip())) and bool(EXISTENCE_ASKED.search(fold(last.question)))
    if not EXISTENCE_ASKED.search(ctx.q.folded) and claimed is None and not again:
        return None  # ("…表里有数字吗？" then "国有资本经营预算那张表呢？": asked again of that table)
    asked = [w for w in re.split(r"或者|或是|还是|和|与|及|、|，|,|\s", re.sub(r"有没有|是否有|有无|是不是有|有没|花|用|的钱|钱|资金|的", " ", ctx.q.content)) if len(w) >= 4]
    cites, said = [], []
    for doc in ctx.docs:
        for what, cite in _nones(ctx.kb, doc):
            if (EXISTENCE_ASKED.search(ctx.q.folded) or again or FUND_NAMED.search(what)) and any(w[:4] in what for w in asked) and not any(what in s for s in said):
                said.append(what)
                cites.append(cite)
    if not cites or len(cites) > 4:
        return None
    text = ctx.t("reason", "retrieved", text="；".join(c.quote.strip() for c in cites))
    if not EXISTENCE_ASKED.search(ctx.q.folded) and not again:
        # "国有资本经营预算…的N万元主要用于什么" where the document says there is none: said so,
        # and whose amount the number claimed is, when one figure states it
        value = Decimal(claimed.group("value"))
        holders = [f for f in ctx.kb.figures if f.doc in ctx.docs and f.unit in ("万元", "万") and f.value == value and f.kind == "amount"]
        if len({f.section for f in holders}) != 1:  # (a 类, its 款 and 项 alike: one section states them)
            return ctx.answer("text", text, intent="text", citations=cites)
        f, purpose = next(((h, p) for h in holders if (p := purpose_of(ctx, h))), (holders[0], None))
        text += ctx.t("reason", "claimed_elsewhere", value=qty(f.raw, f.unit), where=f.section or "", label=label(f))
        if purpose:
            text += ctx.t("reason", "purpose", purpose=purpose)  # what that money was for
        return ctx.answer("text", text, intent="text", figures=[ctx.kb.ref(f)], citations=[*cites, ctx.kb.cite_figure(f)])
    return ctx.answer("text", text, intent="text", citations=cites)


def passage_answer(ctx: Ctx, *, prefer: re.Pattern | None = None, within: tuple[int, int] | None = None, intent: str = "text", min_overlap: float = 0.5) -> Answer | None:
    """Quote the best retrieved passage when it really is about the question."""
    if ctx.retriever is None:
        return None
    hits = ctx.retriever.retrieve(ctx.q.content or ctx.q.folded, 5, ctx.docs)
    # how much of the question a passage covers, the departments it names aside ("文旅局的决算…":
    # the passage says 文化和旅游局, or no name at all)
    asked = re.sub(r"(^|\s)的", " ", without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], ctx.q.content))
    q_grams = grams(asked) or grams(ctx.q.content)
    best = None
    for rank, hit in enumerate(hits):
        p = ctx.kb.passages.get(hit.passage_id)
        if p is None or p.kind == "table_row":
            continue
        if within and not (within[0] <= p.line_start <= within[1]):
            continue
        overlap = len(q_grams & grams(fold(p.text))) / max(len(q_grams), 1)
        score = overlap - rank * 0.02 + (0.1 if prefer and prefer.search(p.text) else 0.0)
        if best is None or score > best[0]:
            best = (score, p, overlap)
    if best is None or best[2] < min_overlap:
        return None
    p = best[1]
    text = p.text.split("】", 1)[-1]
    if prefer is not None:
        m = prefer.search(text)
        if m:
            text = text[max(0, text.rfind("。", 0, m.start()) + 1):]
    last = p.line_end
    listed = _introduced(ctx, p.doc, p.line_end, text)
    figures: list[FigureRef] = []
    counted = ""
    if listed:
        # "…的单位包括：" ends the paragraph; what it introduces (a list, a table of units) follows
        text = text.rstrip() + "\n" + "\n".join(line for _, line in listed)
        last = listed[-1][0]
    lines = ctx.kb.doc(p.doc).lines[p.line_start - 1 : last]
    n = numbered(lines)
    if n and COUNT_ASKED.search(ctx.q.folded):
        # "包括几个单位": the items the quoted list numbers, counted
        counted = ctx.t("reason", "listed_count", count=n)
        figures.append(FigureRef(subject="文件列出的编号项数", value=str(n), unit="个", doc=p.doc, basis="计数", derived=True))
    if intent == "reason":
        # the amounts the quoted lines state for what the question names ("购房补贴…年初预算为…，支出决算为…")
        content = without_departments(ctx.q, [ctx.kb.doc(p.doc).info], ctx.q.content).replace(" ", "")
        figures += [ctx.kb.ref(f) for f in ctx.kb.figures if f.doc == p.doc and p.line_start <= f.line_start <= last and f.kind == "amount"
                    and f.basis in ("本年决算", "年初预算") and longest_common(content, fold(f.classification[-1] if f.classification else f.subject)) >= 4]
    cite = ctx.kb.cite_lines(p.doc, p.line_start, last)
    return ctx.answer("text", ctx.t("reason", "retrieved", text=text.strip()) + counted, intent=intent, citations=[cite], figures=figures,
                      turn=Turn(question=ctx.q.text, intent=intent, kind="text", doc=p.doc))


COUNT_ASKED = re.compile(r"(几|多少)(个|家|项|所)")
NUMBERED = re.compile(r"^[（(]?(\d{1,2})(?:[）)、.．]|\s|$)")


def numbered(lines) -> int:
    """How many items a list numbers 1, 2, 3 …: the last number of the run that starts at 1 (a
    number wrapped onto a line of its own counts too); 0 when it numbers nothing."""
    expected = 1
    for line in lines:
        m = NUMBERED.match(line.strip())
        if m and int(m.group(1)) == expected:
            expected += 1
    return expected - 1 if expected > 2 else 0


LIST_LEAD = re.compile(r"[：:]\s*$")
LISTED_LINES = 30
LEAD_WITHIN = 3  # lines after a passage where the sentence introducing a list may end


def _introduced(ctx: Ctx, doc: str, after: int, text: str) -> list[tuple[int, str]]:
    """(line, text) of what a sentence ending in a colon introduces (a list, a table of units): the
    lines after line ``after`` up to the next heading, at most ``LISTED_LINES`` — when the passage
    ``text`` ends in that colon, or the sentence with it follows within a few lines."""
    rec = ctx.kb.doc(doc)
    headings = {s.line_start for s in rec.sections if s.kind == "heading"}
    tables = [(t.title_line or t.line_start, t.line_end) for t in rec.statements]
    page = rec.place(after).page
    out = []
    for n in range(after + 1, min(after + LISTED_LINES, len(rec.lines)) + 1):
        if n in headings or rec.place(n).page != page or any(a <= n <= b for a, b in tables):
            break  # the list ends at a heading, at the end of its page, where a statutory table starts
        line = " ".join(rec.lines[n - 1].split())
        if line:
            out.append((n, line))
    if LIST_LEAD.search(text) or any(LIST_LEAD.search(line) for _, line in out[:LEAD_WITHIN]):
        return out
    return []



COUNT_IN_WORDS = r"(?:[一二两三四五六七八九十]{1,3}|\d+)\s*"


def count_told_after(ctx: Ctx, f: Figure, unit: str) -> tuple[str, int, int] | None:
    """The sentence right after an amount's, when it counts in ``unit`` what the money bought
    ("…购置支出为 N 万元。主要用于新购一辆公车。"): the count the document tells only in words.

    Returns the sentence and its first and last lines."""
    lines = ctx.kb.doc(f.doc).lines
    start, end = f.line_end, min(len(lines), f.line_end + 2)  # the figure's last line and the two after it
    said = "".join(lines[start - 1 : end])
    tail = f.quote.strip()[-8:]
    at = said.find(tail) if tail else -1
    stop = said.find("。", at) if at >= 0 else -1
    if stop < 0:
        return None
    following = said[stop + 1 :].split("。")[0]
    if not following.strip() or not re.search(COUNT_IN_WORDS + re.escape(unit), following):
        return None
    # the lines the sentence takes: where each line of ``said`` ends, from the figure's last line
    ends = list(itertools.accumulate(len(line) for line in lines[start - 1 : end]))
    begin, finish = stop + 1, stop + 1 + len(following)
    first = next((n for n, e in enumerate(ends, start) if e > begin), start)
    last = next((n for n, e in enumerate(ends, start) if e >= finish), end)
    return following.strip(), first, last


PEOPLE_COUNTED = re.compile(r"(?:一共|总共|合计|共计|加起来|共)[^，,。？?]{0,12}?(?:几|多少)\s*(?:名|位|个人|人)|(?:几|多少)\s*(?:名|位|个人|人)[^，,。？?]{0,12}?(?:一共|总共|合计|共计|加起来)")
TOTAL_TOLD = re.compile(r"其中|共计|合计|总计|总数|实有|一共|总共|共有")
PEOPLE_EVENT = re.compile(r"(?:去世|死亡|离世|病故)了?[^，,。？?]{0,4}?(?:几|多少)\s*(?:名|位|个人|个|人)")  # "去世了几个"
PERSONS = re.compile(r"(\d+)\s*(?:名|位|人)")
DOCUMENT_SAYS = re.compile(r"(?:部门)?(?:决算)?(?:情况)?(?:说明|文件|报告|决算)(?:里面?|中|上|内)?(?:提到|提及|说|写|讲|显示|披露)(?:的|了|到)?")  # "决算说明里提到": where, not who
TOLD_APART = 0.6  # of the question's word pairs a sentence must hold to be the one that tells the counts


def people_added(ctx: Ctx) -> Answer | None:
    """"一共去世了几名退休人员": a sentence that tells the people one by one ("本级有3名退休人员去世；
    某中心去世1人；…") — their number, added up by the calculator, the sentence cited."""
    if not (PEOPLE_COUNTED.search(ctx.q.folded) or PEOPLE_EVENT.search(ctx.q.folded)):
        return None
    said = DOCUMENT_SAYS.sub("", fold(ctx.q.content))
    last = ctx.session.last
    if len(said) <= 6 and last is not None:  # "去世了几个？" after 死亡抚恤's amount: the figure it gave, by its own name
        given = next((f for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None), None)
        named = [p for p in re.split(r"[(（][类款项][)）]", given.subject) if p] if given is not None and not last.subject else []
        said += " " + fold(last.subject or (named[-1] if named else last.question))
    asked = {g for g in grams(said) if not re.search(r"[几多少一共总合计加起来这年各]", g)}
    if len(asked) < 2:
        return None
    best = None
    for doc in ctx.docs:
        lines = ctx.kb.doc(doc).lines
        for n, line in enumerate(lines, 1):
            for sentence in re.split(r"(?<=。)", line):
                counts = PERSONS.findall(sentence)
                if len(counts) < 2 or TOTAL_TOLD.search(sentence):
                    continue  # (a sentence that states the total itself is read as a figure)
                share = len(asked & grams(fold(sentence))) / len(asked)
                if share >= TOLD_APART and (best is None or share > best[0]):
                    best = (share, doc, n, counts)
    if best is None:
        return None
    _, doc, n, counts = best
    expression = " + ".join(counts)
    result = run(expression, 0)["result"]
    operands = [FigureRef(subject="文件逐一列出的人数", value=c, unit="人", doc=doc, basis="计数", derived=True) for c in counts]
    total = FigureRef(subject="文件逐一列出的人数合计", value=result, unit="人", doc=doc, basis="计算", derived=True)
    text = ctx.t("reason", "people_added", expression=expression, result=result)
    return ctx.answer("calculation", text, intent="sum", figures=[total, *operands], citations=[ctx.kb.cite_lines(doc, n, n)],
                      calculation=Calculation(expression=expression, result=result, unit="人", operands=operands))
