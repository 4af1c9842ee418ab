"""Calculations over stated figures (shares, sums, differences, multiples, averages, 亿元) and typed arithmetic.

Every result comes from the calculator (``assistant.calculator.run``, the function and argument
schema of the LangChain calculator tool); the answer shows the expression and its operands
with their citations.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.calculator import run
from assistant.compose import Ctx, agreement, qty, unique_citations
from ingest.errors import CalculationError
from ingest.numbers import MONEY_SCALE
from assistant.handlers.figures import BUDGETS, RATE_BASES, RATE_PART, rate_said, rates_stated, STRONG, Ranked, rate_operands, best_figures, changes_of, choose, last_year, lookup, multi, part_named, part_query, parts_of, shared_ends, single, stated_parent, stated_share, without_basis
from assistant.knowledge import core_name, label, subject_stem
from assistant.text import fold, grams, longest_common, remove_words
from assistant.route import without_departments
from assistant.handlers.scope import department_mention
from assistant.understand import ADDING, PARTS_CHECKED, SHARE_OF_WHOLE, basis_of, within
from ingest.records import Figure

MONEY = ("万元", "亿元", "元")
MULTIPLE_ASKED = re.compile(r"(?:多少|几)倍")
LESS_THAN = re.compile(r"比.{2,}?(少|低)(花了|了|出)?(多少|几)")
PARENT_LINES = 6  # how far before a part its whole's sentence may be ("…基本支出N万元。其中：人员经费…；公用经费…")
COUNTED = {"辆": "车辆", "人": "人数", "套": "套数", "台（套）": "设备", "个": "个数"}
INVERTED = {"辆车": "车辆", "台车": "车辆", "个人": "人", "名员工": "员工"}  # "每辆车" asks about 车辆
CLASSIFIERS = {"辆": ["辆", "车"], "人次": ["人次"], "批次": ["批次"], "人": ["人", "员工", "职工"], "个": ["个", "项目"], "套": ["套"], "台（套）": ["台", "设备"], "平方米": ["平方米", "平米"]}


def typed(ctx: Ctx, expr: str | None = None) -> Answer | None:
    """Arithmetic the user typed: "算一下 (150.12 + 253.36) / 403.48"."""
    expr = expr or ctx.q.expression
    if not expr:
        return None
    try:
        out = run(expr, 2)
    except CalculationError as exc:
        return ctx.answer("clarification", ctx.t("calculation", "refused", why=_why(exc)), intent="calculation")
    calc = Calculation(expression=expr, result=out["result"], unit="", operands=[])
    return ctx.answer("calculation", ctx.t("calculation", "user", expression=expr, result=out["result"]), intent="calculation", calculation=calc)


def _why(exc: CalculationError) -> str:
    """The calculator's reason in the user's language (without echoing the expression)."""
    text = str(exc)
    if "division by zero" in text:
        return "除数为零"
    if "too large" in text or "digits" in text or "finite" in text:
        return "数字太大"
    if "parenthesis" in text or "ends too early" in text:
        return "括号或算式不完整"
    if "characters long" in text or "nests deeper" in text or "too_long" in text:
        return "算式太长"
    return "里面有不支持的符号"


def _answer(ctx: Ctx, description: str, expression: str, result: str, unit: str, operands: list[Figure], intent: str, extra_refs=None) -> Answer:
    refs = [ctx.kb.ref(f) for f in operands]
    calc = Calculation(expression=expression, result=result, unit=unit, operands=refs)
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(result, unit))
    derived = ctx.kb.ref(operands[0], subject=description, value=result, unit=unit, basis="计算", derived=True)
    derived.record_id = None
    return ctx.answer(
        "calculation", text, intent=intent, figures=[derived, *refs, *(extra_refs or [])], calculation=calc,
        citations=[ctx.kb.cite_figure(f) for f in operands],
        turn=Turn(question=ctx.q.text, intent=intent, kind="calculation", doc=operands[0].doc, figure_ids=[f.id for f in operands]),
    )


def _with_stated_rate(ctx: Ctx, ans: Answer, a: Figure, b: Figure) -> Answer:
    """A subject's budget and spending set against each other ("超支了吗", "比年初预算少多少"): the
    rate the same sentence states for them, beside the difference."""
    if a.subject != b.subject or {a.basis, b.basis} != {"年初预算", "本年决算"}:
        return ans
    rate = next(iter(rates_stated(ctx.kb, a, (a.line_start, b.line_start))), None)
    if rate is None:
        return ans
    ans.answer += "\n" + rate_said(ctx, rate)
    ans.figures.append(ctx.kb.ref(rate))
    return ans


RECHECKED = re.compile(r"核一?下|核对|复核|验算|算一下|算算|重新算|自己算|印错|写错|错了|对不对|对吗|离谱|用[^，,。？?]{0,12}算")


def rate_rechecked(ctx: Ctx) -> Answer | None:
    """"差异率写的是7289.27%，是不是印错了？用年初预算和决算数核一下": the stated rate worked out again
    from the budget and the spending its sentence states, by the calculator, and set against it."""
    wanted = [b for b in ctx.q.basis if b in RATE_BASES]
    if len(wanted) != 1 or not RECHECKED.search(ctx.q.folded):
        return None
    ranked = best_figures(ctx, basis=wanted)
    stated = ranked[0].figure if ranked and ranked[0].score >= STRONG and ranked[0].figure.basis == wanted[0] else None
    operands = rate_operands(ctx, stated) if stated is not None else []
    budget = next((g for g in operands if g.basis in BUDGETS), None)
    spent = next((g for g in operands if g.basis in ("本年决算", "执行数")), None)
    if budget is None or spent is None or not budget.value:
        return None
    gap = stated.basis == "预决算差异率"
    expression = f"({spent.value} − {budget.value}) / {budget.value} × 100" if gap else f"{spent.value} / {budget.value} × 100"
    result = run(expression, 2)["result"]
    ans = _answer(ctx, f"{stated.subject}{'预决算差异率' if gap else '完成年初预算的比例'}", expression, result, "%", [spent, budget], "calculation", extra_refs=[ctx.kb.ref(stated)])
    ans.answer += "\n" + ctx.t("calculation", "stated_checked", value=qty(stated.raw, "%"), agree=agreement(Decimal(result), stated.value))
    ans.citations = unique_citations([ctx.kb.cite_figure(stated), *ans.citations])
    if "difference" in ctx.q.intents:  # "决算数比年初预算数多出多少？核一下差异率": the amount apart, then the rate checked
        high, low = (spent, budget) if spent.value >= budget.value else (budget, spent)
        apart = _answer(ctx, f"{label(high)}比{label(low)}{'多' if high is spent else '少'}", f"{high.value} − {low.value}", _exact(run(f"{high.value} − {low.value}", None)["result"], high, low), high.unit, [high, low], "difference")
        apart.answer += "\n" + ans.answer
        apart.figures += [f for f in ans.figures if f.unit == "%"]
        apart.citations = unique_citations([*apart.citations, *ans.citations])
        apart.calculations = [ans.calculation]
        return apart
    return ans


def pick(ctx: Ctx, text: str, *, units: list[str] | None = None, exclude: list[Figure] = (), strict: bool = False, subject: str | None = None) -> Figure | None:
    """The figure a part of a calculation names; a bare basis word ("决算数") keeps ``subject``."""
    query, basis = part_query(ctx, text, subject)
    ranked = [r for r in best_figures(ctx, text=query, units=units, basis=basis) if r.figure not in exclude and (not strict or r.figure.unit in units)]
    if not ranked or ranked[0].score < 0.4:
        return None
    return choose(ctx, ranked)


def _sibling_of(ctx: Ctx, a: Figure, text: str) -> Figure | None:
    """A figure stated in the same sentence as ``a`` and named by ``text`` (a short second operand)."""
    grams_b = set(re.findall(r"[\u4e00-\u9fff]{2}", text)) | {text[i : i + 2] for i in range(len(text) - 1)}
    best = None
    for f in ctx.kb.figures:
        if f.doc != a.doc or f.line_start != a.line_start or f.id == a.id or f.unit != a.unit:
            continue
        shared = sum(1 for g in grams_b if g in f.subject)
        if shared and (best is None or shared > best[0]):
            best = (shared, f)
    return best[1] if best else None


def _split(content: str, words: list[str]) -> tuple[str, str] | None:
    for w in words:
        if w in content:
            a, b = content.split(w, 1)
            if a.strip() and b.strip():
                return a.strip(), b.strip()
    return None


def clean(part: str, ctx: Ctx) -> str:
    """A calculation operand without the question's own words ("多多少", "的比例")."""
    for key in ("difference", "ratio", "share", "sum", "calculate"):
        part = remove_words(part, ctx.lang.intent.get(key, []))
    mentions = [department_mention(ctx.q, ctx.kb.doc(d)) for d in ctx.docs if d in ctx.kb.doc_ids]
    for org in sorted({*mentions, *ctx.q.orgs, *ctx.q.places} - {""}, key=len, reverse=True):
        part = part.replace(org, " ")  # "甲局政府采购里": the department (its whole name as said) names no figure
    part = re.sub(r"(?<!\d)(?:19|20)\d{2}\s?年度?", " ", part)
    part = re.sub(r"(是多少|多少钱|多少|多花了|少花了|多了|少了|花了|是|的|了|呢|吗|吧|[?？。，,])+$", "", part.strip())
    part = re.sub(r"(应该|应当|肯定|是不是|应是)$", "", part)  # "X应该比预算少吧": X
    part = re.sub(r"(?<=预算|决算)(数)?(多|少|高|低)$", r"\1", part)  # "年初预算少吧": the budget
    return re.sub(r"\s+", " ", part).strip()


PART_THEN_SHARE = re.compile(r"^[，,]?(?P<part>[^，,]{2,}?)(?:的)?(?:占比|所占比|占的比|占了?(?:几成|多少|百分之))")  # after "X中": "Y占比"


def _part_within(folded: str) -> tuple[str, str] | None:
    """(whole, part) of "X中Y占比"; else None."""
    found = within(folded)
    m = PART_THEN_SHARE.match(found[1]) if found else None
    return (found[0], m.group("part")) if m else None


def _within_share(ctx: Ctx, named: tuple[str, str]) -> tuple[Figure, Figure] | None:
    """(part, whole) of "X中Y占比", both found; else None (the question is read the other ways)."""
    whole, part = named
    ranked = best_figures(ctx, text=clean(part, ctx), units=[])  # (the % asked is the share's, not the part's)
    if not ranked or ranked[0].score < STRONG:
        # "买服务的钱" is not picked among every figure, only among the parts the whole's sentence states
        stated = pick(ctx, clean(whole, ctx), units=list(MONEY_SCALE), strict=True)
        num = part_named(ctx, stated, clean(part, ctx)) if stated is not None else None
        return (num, stated) if num is not None and num.value <= stated.value else None
    num = ranked[0].figure
    den = _denominator(ctx, num, clean(whole, ctx))
    return (num, den) if den is not None else None


def share(ctx: Ctx, focus: Figure | None = None, of: str | None = None) -> Answer | None:
    """"X占Y的比例": stated when the document says it, otherwise X ÷ Y × 100."""
    folded = ctx.q.folded
    m = SHARE_OF_WHOLE.search(folded, 1)  # something named before 占
    english = ENGLISH_SHARE.search(ctx.q.aliased) if ctx.q.english else None
    num = den = None
    if english and not focus:
        # "what share of X was Y" (English word order: the total first)
        den_first = pick(ctx, clean(english.group("den"), ctx))
        if den_first is not None:
            num = pick(ctx, clean(english.group("num"), ctx), units=[den_first.unit], strict=True, exclude=[den_first])
            den = den_first if num is not None else None
    elif not focus and not of and (within_named := _part_within(folded)) and (pair := _within_share(ctx, within_named)) is not None:
        # "基本支出中公用经费占比是多少": the whole named first, the part after it
        num, den = pair
    elif m or of:
        inside = within(folded[: m.start()], comma=True) if m and not focus else None
        if inside is not None and len(clean(inside[1], ctx)) >= 2:
            num = pick(ctx, clean(inside[1], ctx))  # "政府采购支出中，服务采购占…": the part after the whole's clause
        num = num or focus or pick(ctx, clean(folded[: m.start()], ctx))
        den_text = clean(of if of else m.group(1), ctx)
        if num is None and m and den_text:
            # "服务采购占政府采购支出总额的…": the whole first, the part among the parts its sentence states
            whole = pick(ctx, den_text)
            num = _sibling_of(ctx, whole, clean(folded[: m.start()], ctx)) if whole is not None else None
            num = num if num is not None and num.parent == whole.subject else None
        if num is not None and den_text:
            den = _denominator(ctx, num, den_text)
        if num is not None and den is None and m and not focus and den_text:
            # "给甲预留的采购项目，最后甲中标的金额占预留预算的多少": the figure the part's words name
            # best is the whole itself (they set the scene with its words); the part is the next best
            said = grams(fold(den_text))
            whole = num if said and len(said & grams(fold(num.subject))) * 2 >= len(said) else None
            part = pick(ctx, clean(folded[: m.start()], ctx), exclude=[num]) if whole is not None else None
            if part is not None and part.unit == whole.unit and part.value <= whole.value:
                num, den = part, whole
    if num is None and m is not None and not focus and not of and len(re.sub(r"[^\u4e00-\u9fff]", "", clean(folded[: m.start()], ctx))) >= 2:
        return None  # "X占Y百分之几" with X found nowhere: never the best figure of the whole question (Y) in its place
    if num is None:
        if focus is None:
            ranked = best_figures(ctx)
            if not ranked or ranked[0].score < STRONG:
                return None
            focus = ranked[0].figure
        num = focus
        rate = _execution_rate(ctx, num)
        if rate is not None:
            return rate
    if den is None:
        stated = stated_share(ctx, num)
        if stated is not None:
            return stated
        if num.parent:
            den = stated_parent(ctx.kb, num, within=PARENT_LINES)
        if den is None:
            return None
    if num.share is not None and num.share.of and den.subject.endswith(num.share.of):
        return stated_share(ctx, num)
    if num.unit != den.unit or den.value == 0:
        return None
    if num.value > den.value and num.parent != den.subject and m is not None and not focus:
        # "政府采购里买货物的钱占采购总额的百分之几" picked a figure larger than the whole: of the parts
        # the whole's sentence states, the one the words name
        num = part_named(ctx, den, clean(folded[: m.start()], ctx)) or num
    if num.value > den.value and num.unit in MONEY_SCALE:
        return None  # a part larger than its whole: not the part asked for — no figure rather than a wrong one
    expression = f"{num.value} / {den.value} × 100"
    out = run(expression, 2)
    return _with_share_alike(ctx, _answer(ctx, f"{label(num)}占{label(den)}的比例", expression, out["result"], "%", [num, den], "share"), num, den)


def _with_share_alike(ctx: Ctx, ans: Answer, num: Figure, den: Figure) -> Answer:
    """A share computed where the document states one of the same amount under another name (a 类
    that is all one 项: "某某支出(类)N 万元，占 M%"): the stated share beside the
    computed one — their last digits may differ by the document's rounding."""
    alike = next((g for g in ctx.kb.figures if g.doc == num.doc and g.id != num.id and g.value == num.value and g.unit == num.unit
                  and g.share is not None and g.share.of and (g.share.of in den.subject or den.subject in g.share.of)), None)
    if alike is None:
        return ans
    ans.answer += "\n" + ctx.t("share", "alike", label=label(alike), value=qty(alike.raw, alike.unit), of=alike.share.of, share=qty(alike.share.raw, "%"))
    ans.figures.append(ctx.kb.ref(alike, subject=f"{label(alike)}占{alike.share.of}比例", value=str(alike.share.percent), unit="%", basis="占比"))
    ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(alike)])
    return ans


def execution_rate(ctx: Ctx) -> Answer | None:
    """"涉密项目的预算资金执行率是多少": the rate stated for the figure named, else its 执行数 over
    the budget stated beside it."""
    # named without the words that ask for the rate ("…，完成年初预算的百分比"): they are no part of the subject
    ranked = best_figures(ctx, text=without_basis(ctx, ctx.q.content)) if ctx.q.basis else best_figures(ctx)
    if not ranked or ranked[0].score < STRONG:
        return None
    f = ranked[0].figure
    stated = next((g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start and g.unit == "%" and g.basis == "执行率"), None)
    if stated is not None:
        return lookup(ctx, [Ranked(1.0, stated)])
    return _execution_rate(ctx, f)


def _execution_rate(ctx: Ctx, f: Figure) -> Answer | None:
    """"涉密项目钱用了百分之几": the 执行数 stated beside a budget, over that budget."""
    statement = [g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start and g.unit in MONEY]
    own = [g for g in statement if subject_stem(g.subject) == subject_stem(f.subject)]
    if sum(g.basis == "执行数" for g in own) == 1 and any(g.basis not in ("执行数", "比上年增减") for g in own):
        statement = own  # the statement names several subjects ("…整体支出…；预算绩效评价项目…"): f's own
    executed = [g for g in statement if g.basis == "执行数"]
    budgets = [g for g in statement if g.basis != "执行数" and g.basis != "比上年增减" and g not in executed]
    gap = None
    if not executed and f.basis == "预决算差异率":
        # "决算数相当于年初预算数的百分之几", "完成预算的百分之几" named best by the 预决算差异率 its
        # sentence states (a measure of its own): the 决算 over the budget stated beside it, the
        # stated rate said after it
        gap, operands = f, rate_operands(ctx, f)
        executed = [g for g in operands if g.basis == "本年决算"]
        wanted = "全年预算" if "全年预算" in ctx.q.folded else "年初预算"
        budgets = [g for g in operands if g.basis == wanted] or [g for g in operands if g.basis in BUDGETS]
    if len(executed) != 1 or not budgets or budgets[0].value == 0:
        return None
    num, den = executed[0], budgets[0]
    if MULTIPLE_ASKED.search(ctx.q.folded):
        ans = ratio_of(ctx, num, den)  # "决算数是年初预算数的多少倍": a multiple, not a percentage
    else:
        expression = f"{num.value} / {den.value} × 100"
        out = run(expression, 2)
        ans = _answer(ctx, f"{label(num)}占{label(den)}的比例", expression, out["result"], "%", [num, den], "share")
    if gap is not None:
        ans.answer += "\n" + rate_said(ctx, gap)
        ans.figures.append(ctx.kb.ref(gap))
        ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(gap)])
    return ans


def budget_completed(ctx: Ctx, spent: Figure, budget: Figure) -> Answer | None:
    """"算下来完成了预算的百分之多少" of a subject whose 决算 and budget are stated and its rate is
    not: the 决算 over the budget."""
    if budget.value == 0 or spent.unit != budget.unit:
        return None
    expression = f"{spent.value} / {budget.value} × 100"
    out = run(expression, 2)
    return _answer(ctx, f"{label(spent)}完成{budget.basis}的比例", expression, out["result"], "%", [spent, budget], "share")


def _denominator(ctx: Ctx, num: Figure, text: str) -> Figure | None:
    query, basis = part_query(ctx, text, num.subject)
    ranked = [r for r in best_figures(ctx, text=query, units=[num.unit], basis=basis) if r.figure.id != num.id and r.figure.unit == num.unit]
    if not ranked:
        return None
    named = re.sub(r"[的了是为多少比例比重占]+$", "", fold(text))
    if num.parent and len(named) >= 2 and named in fold(num.parent):
        # "公用经费占基本支出的比例": its own whole, 一般公共预算财政拨款基本支出, which that name ends
        own = stated_parent(ctx.kb, num)
        if own is not None:
            return own
    for turn in reversed(ctx.session.turns[-3:]):
        # "…基本支出是多少？" "其中…" "公用经费占基本支出的比例": the 基本支出 this conversation is about
        given = [f for f in (ctx.kb.figure_by_id.get(i) for i in turn.figure_ids) if f is not None]
        said = next((f for f in given if f.id != num.id and f.unit == num.unit and len(named) >= 2 and fold(f.subject).endswith(named)), None)
        if said is not None:
            return said
    # the total a part belongs to wins a tie: 人员经费 is a part of 一般公共预算财政拨款基本支出
    best = ranked[0]
    for r in ranked[:5]:
        if num.parent and r.figure.subject == num.parent and best.score - r.score <= 0.25:
            return r.figure
    within = WITHIN_NAME.match(num.subject)
    if within:
        # "面向中小企业预留的政府采购项目中由中小企业供应商中标的采购金额" over "预留金额": the
        # whole its name places it in is the one a vague name means
        context = grams(fold(within.group(1)))
        rescored = [(r.score + WITHIN_BONUS * len(context & grams(fold(r.figure.subject))) / max(len(context), 1), r) for r in ranked[:5]]
        score, r = max(rescored, key=lambda x: x[0])
        return r.figure if score >= 0.35 else None
    return best.figure if best.score >= 0.35 else None


WITHIN_NAME = re.compile(r"^(.{4,}?(?:项目|支出|经费|资金|预算|收入|采购|金额))中")  # "X项目中由…的金额": the whole it is in
WITHIN_BONUS = 0.3


def average(ctx: Ctx, focus: Figure | None = None) -> Answer | None:
    """"平均每辆车价值多少": a money figure ÷ a count figure whose unit the question names."""
    m = re.search(r"(人均|平均每?|每)(.)?", ctx.q.folded)
    if not m:
        return None
    clause = re.split(r"[？?，,。；;！!]", ctx.q.folded[m.start():])[0]  # "平均得了多少分？其中几个…": this clause's
    if re.search(r"(多少|几)(分|%)|得分|分数", clause):
        return None  # an average score or rate is stated, never a money figure over a count
    unit = None
    for u, words in CLASSIFIERS.items():
        if any(w in clause for w in words):
            unit = u
            break
    after = clause[len(m.group(1)) :]  # "平均每批次接待多少人次": per 批次 (the word after 每), in 人次
    led = [(u, after.find(w)) for u, words in CLASSIFIERS.items() for w in words if after.find(w) == 0]
    unit = max(led, key=lambda x: len(x[0]))[0] if led else unit
    if unit is None:
        return None
    last = ctx.session.last
    shown = [f for f in (ctx.kb.figure_by_id.get(i) for i in (last.figure_ids if last else [])) if f is not None]  # the last answer's figures
    counted = next((u for u, words in CLASSIFIERS.items() if u != unit and re.search(r"(?:多少|几)(?:个)?(?:" + "|".join(words) + ")", after)), None)
    if counted is not None:
        # a count over a count: "平均每批次接待多少人次" is 人次 ÷ 批次, both as stated
        # the two counts the last answer gave ("接待了几批次、多少人次？" → "平均每批次多少人次？"), else named
        per = next((f for f in shown if f.unit == unit), None) or pick(ctx, ctx.q.content, units=[unit], strict=True)
        total = next((f for f in shown if f.unit == counted), None) or pick(ctx, ctx.q.content, units=[counted], strict=True, exclude=[per] if per else [])
        if per is not None and total is not None and per.value and per.doc == total.doc:
            expression = f"{total.value} / {per.value}"
            return _answer(ctx, f"{label(total)}平均每{unit}", expression, run(expression, 2)["result"], counted, [total, per], "average")
    rest = ctx.q.content.replace("平均", " ").replace("每", " ")
    for inverted, plain in INVERTED.items():
        rest = rest.replace(inverted, plain)
    if "保有量" in fold(ctx.q.content):
        rest = rest.replace(COUNTED.get(unit, "") or " ", " ")  # "按公务用车保有量算，平均每辆车": the count named, not every 车辆
    named = pick(ctx, rest, units=[unit], strict=True)
    if named is None or not (set(fold(named.subject)) >= set("保有量") and "保有量" in fold(ctx.q.content)):
        rest = rest + " " + COUNTED.get(unit, "")  # "平均一辆": over the number of 车辆 (unless the count asked is named)
    if focus is not None and focus.unit in MONEY:
        # a follow-up: the money under discussion over the count stated beside it ("车辆 17 辆，价值 …")
        num = focus
        near = [f for f in ctx.kb.figures if f.doc == num.doc and f.unit == unit and f.line_start == num.line_start and f.value]
        near.sort(key=lambda f: (not num.subject.startswith(f.subject), f.line_start))
        den = near[0] if near else None
    else:
        given = [f for f in shown if f.unit == unit and f.value]
        # "公车保有量是多少辆？平均每辆车的…": the count just given, not another count of that unit
        den = given[0] if len(given) == 1 else pick(ctx, rest, units=[unit], strict=True)
        num = pick(ctx, rest, units=["万元"], exclude=[den] if den else [], strict=True) if den else None
        if num is None and den is not None:
            # "平均每个项目涉及的预算金额": the one amount its sentence states beside the count
            beside = [f for f in ctx.kb.figures if f.doc == den.doc and f.line_start == den.line_start and f.unit == "万元" and f.value and f.kind == "amount"]
            num = beside[0] if len(beside) == 1 else None
        other = _count_beside(ctx, num, den) if num is not None and den is not None and len(given) != 1 else None
        if other is not None:
            den, other = other, den
    if den is None or num is None or den.unit != unit or den.value == 0 or num.unit == unit:
        return None
    in_yuan = num.unit in ("万元", "万") and bool(re.search(r"(?<!万)元", clause))  # "平均每人次花了多少元"
    expression = f"{num.value} × 10000 / {den.value}" if in_yuan else f"{num.value} / {den.value}"
    out = run(expression, 2)
    ans = _answer(ctx, f"{label(num)}平均每{unit}", expression, out["result"], "元" if in_yuan else num.unit, [num, den], "average")
    if focus is None and other is not None and other.value != den.value:
        ans.answer += "\n" + ctx.t("calculation", "count_beside", label=label(den), value=qty(den.raw, den.unit), other=label(other), other_value=qty(other.raw, other.unit))
        ans.figures.append(ctx.kb.ref(other))
    return ans


def _count_beside(ctx: Ctx, num: Figure, den: Figure) -> Figure | None:
    """"公务用车运行维护费平摊到每辆车": the count stated in the money's own part of the document (the
    "三公" section's 公务用车保有量, of the cars that money ran), not one told elsewhere (every car the
    department holds) — the other count said beside the result."""
    if den.section == num.section:
        return None
    noun = set(COUNTED.get(den.unit, "")) - set("数")
    near = [f for f in ctx.kb.figures if f.doc == num.doc and f.section == num.section and f.unit == den.unit and f.value
            and f.basis == den.basis and noun & set(f.subject)]
    return min(near, key=lambda f: abs(f.line_start - num.line_start), default=None)


ENGLISH_SHARE = re.compile(r"占比\s*of\s*(?:the\s*)?(?P<den>.+?)\s*(?:was|is|were|are)\s*(?:accounted\s*for\s*by\s*)?(?P<num>[^,?]+)")
RATIO = re.compile(r"^(?P<a>.+?)(是|为|相当于)(?P<b>.+?)的?(多少|几)倍")  # ("项目支出是基本支出几倍": the 的 left out)
DIVIDE = re.compile(r"^(?P<a>.+?)除以(?P<b>.+?)(,|，|的|人均|平均|$)")


def _with_multiple(ctx: Ctx, ans: Answer, a: Figure, b: Figure) -> Answer:
    """A difference asked with a multiple too ("多多少？是它的几倍？"): the larger over the smaller, after it."""
    larger, smaller = (a, b) if a.value >= b.value else (b, a)
    if "ratio" not in ctx.q.intents or not smaller.value:
        return ans
    description, expression = f"{label(larger)}是{label(smaller)}的倍数", f"{larger.value} / {smaller.value}"
    result = run(expression, 2)["result"]
    ans.answer += "\n" + ctx.t("calculation", "result", description=description, expression=expression, result=qty(result, "倍"))
    ans.figures.append(FigureRef(subject=description, value=result, unit="倍", doc=larger.doc, basis="计算", derived=True))
    return ans


def combine(ctx: Ctx) -> Answer | None:
    """Sums, differences, multiples and quotients of stated figures."""
    intents = ctx.q.intents
    folded = ctx.q.folded
    if "ratio" in intents and "difference" not in intents:  # ("多多少，是它的几倍": both, below)
        m = RATIO.search(folded) or DIVIDE.search(folded)
        if m:
            a = pick(ctx, clean(m.group("a"), ctx))
            b = pick(ctx, clean(m.group("b"), ctx), exclude=[a] if a else [], subject=a.subject if a else None)
            if a is None or b is None or b.value == 0:
                return None
            return ratio_of(ctx, a, b)
    if "difference" in intents and not ("sum" in intents and PARTS_CHECKED.search(folded)):  # (parts added, "相差多少" from their whole: below)
        named = without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], folded)  # "住房保障和房产管理局": its 和 splits nothing
        pair = _split(named, ["比", "扣除", "扣掉", "除去", "刨去", "减去", "减掉", "减", "和", "与", "跟", "相对于", "对比"])
        if not pair and BUDGET_LEFT.search(named):
            return _budget_left(ctx, named[: BUDGET_LEFT.search(named).start()])
        if not pair:
            return None
        a = pick(ctx, clean(pair[0], ctx))
        b = pick(ctx, clean(pair[1], ctx), exclude=[a] if a else [], subject=a.subject if a else None)
        bare_side = a is not None and bool(BASIS_SIDE.fullmatch(clean(pair[1], ctx).strip()))
        if bare_side and b is not None and subject_stem(b.subject) != subject_stem(a.subject):
            b = None  # "比预算少多少": the budget of the same subject, never another's budget figure
        if bare_side and b is None and a.basis in basis_of(pair[1], ctx.lang):
            a = on_another_basis(ctx, a, ["本年决算"]) or a  # its budget named as the other side: this side is its spending
        if a is not None and b is None and bare_side:
            b = on_another_basis(ctx, a, basis_of(pair[1], ctx.lang))  # "公车运行费决算比预算少了多少": one subject, its budget
        if bare_side and (b is None or b.id == a.id):
            return None
        if a is not None and (b is None or b.unit != a.unit):
            b = _sibling_of(ctx, a, clean(pair[1], ctx))  # "服务比货物多花了多少": 货物 beside 服务
        if a is not None and b is not None and a.value == b.value and a.doc == b.doc and a.unit == b.unit and subject_stem(a.subject) == subject_stem(b.subject):
            # the same amount stated twice is no other side: the basis that side names, or nothing
            b = on_another_basis(ctx, a, [x for x in basis_of(pair[1], ctx.lang) if x != a.basis])
        if a is None or b is None or a.unit != b.unit:
            return None
        budget_named = [any(x in BUDGETS for x in basis_of(side, ctx.lang)) for side in pair]
        if a.subject == b.subject and budget_named == [False, True] and a.basis in BUDGETS and b.basis not in BUDGETS:
            a, b = b, a  # "支出比年初预算多了多少": one subject on two bases — the budget is the side that names it
        # "基本支出比项目支出少多少", "决算超出年初预算多少": the larger less the smaller, said as more or
        # less — whichever way the question put it (a premise the figures contradict is corrected so)
        if a.value < b.value:
            expression = f"{b.value} − {a.value}"
            out = run(expression, None)
            return _with_multiple(ctx, _with_stated_rate(ctx, _answer(ctx, f"{label(a)}比{label(b)}少", expression, _exact(out["result"], b, a), a.unit, [b, a], "difference"), a, b), a, b)
        expression = f"{a.value} − {b.value}"
        out = run(expression, None)
        said = f"{label(a)}比{label(b)}多" if a.value > b.value else f"{label(a)}与{label(b)}之差"
        return _with_multiple(ctx, _with_stated_rate(ctx, _answer(ctx, said, expression, _exact(out["result"], a, b), a.unit, [a, b], "difference"), a, b), a, b)
    if "sum" in intents:
        parts = [p for p in re.split(r"\+|加上|加", ctx.q.content) if p.strip()] if "+" in ctx.q.content or "加上" in ctx.q.content else ctx.q.parts(ctx.kb.names)
        if len(parts) < 2:
            return None
        if PARTS_CHECKED.search(folded) and len(parts[-1].split()) > 1:
            parts[-1] = parts[-1].split()[0]  # "…服务 等于总额": the check asked after the last part is no part of it
        figs: list[Figure] = []
        last = clean(parts[-1], ctx).strip()
        for p in parts:
            if len(p.strip()) <= 2 and len(last) > len(p.strip()) + 1:
                p = p.strip() + last[len(p.strip()):]  # "货物、工程和服务采购": 货物采购, 工程采购 — the last one's tail shared
            said_in = next((x for x in ctx.q.content.split("。") if p.strip() in x), ctx.q.content)  # (its own sentence, not a check asked after it)
            f = pick(ctx, clean(p, ctx) if len(p) >= 3 else p + " " + said_in, exclude=figs)
            if f is None:
                figs = _listed(ctx) if ADDING.search(ctx.q.folded) else []  # "政府采购货物、工程、服务加起来": the parts as a list of them is read
                if len(figs) < 2:
                    return None
                break
            figs.append(f)
        if len({f.unit for f in figs}) != 1:
            return None
        if len({(core_name(fold(CODE_FIRST.sub("", f.subject))), f.value) for f in figs}) < len(figs):
            return None  # one subject's figure stated twice ("X 150.70 万元…支出决算为 150.70 万元") is not two things to add
        wholes = [g for g in figs if any(f.parent and core_name(fold(g.subject)) == core_name(fold(f.parent)) for f in figs)]
        if wholes and (PARTS_CHECKED.search(folded) or (WITHIN_WHOLE.search(folded) and not re.search(r"各|分别", folded))):  # (or "政府采购里货物和工程": the whole sets the scene)
            # "货物、工程、服务相加是否等于总额": the whole's parts the question names, against the whole
            those = parts_of(ctx, wholes[0])
            head, tail = shared_ends(those)
            # each part by the words that set it apart ("政府采购货物支出": 货物, between the words all share)
            named = [p for p in those if len(p.subject) > len(tail) + len(head)
                     and (fold(p.subject[: len(p.subject) - len(tail)]) in folded or fold(p.subject[len(head) : len(p.subject) - len(tail)]) in folded)]
            if len(named) >= 2:
                figs, wholes = named, []
        if wholes:  # "公车购置和运维一共": a part and its own whole name the whole, not a sum
            if "last_year" not in intents:
                return lookup(ctx, [Ranked(1.0, wholes[0])])
            changed = changes_of(ctx, wholes[0].doc, wholes[0].subject)  # last year's whole: from the change stated for it
            return last_year(ctx, changed[0] if changed else wholes[0])
        if "last_year" in intents:
            return _sum_last_year(ctx, figs)
        summed = sum_of(ctx, figs, "、".join(label(f) for f in figs) + "合计")
        whole = _stated_whole(ctx, figs)
        if whole is None:
            named = _whole_to_check(ctx, figs)  # "…三项相加是多少？和说明里的收入总计是否一致": the whole named, set against
            if named is not None:
                _set_against_whole(ctx, summed, summed, named)
            return summed
        # "货物、工程、服务一共多少": every part its sentence states of one whole — the whole as stated
        # first, then the parts added up and set against it (their sum may differ in the last cent)
        stated = single(ctx, whole)  # (as stated: the parts are named, none is missing from it)
        stated.answer += "\n" + summed.answer
        stated.figures += [r for r in summed.figures if r not in stated.figures]
        _set_against_whole(ctx, stated, summed, whole)
        stated.citations = unique_citations([*stated.citations, *summed.citations])
        return stated
    return None


WITHIN_WHOLE = re.compile(r"[\u4e00-\u9fff]{2,}(?:里面?|中|当中|之中|里头)[\u4e00-\u9fff]")  # "政府采购里货物…": the whole, then its parts


WHOLE_AFTER_SUM = re.compile(r"(?:和|与|跟|同|是否等于|等不等于|是不是等于)(?P<whole>[^，,。？?和与跟]{2,24}?)(?:是否|是不是|能否)?(?:一致|相等|相符|吻合|对得上|对不上)?(?:[？?。，,]|吗|$)")


def _whole_to_check(ctx: Ctx, figs: list[Figure]) -> Figure | None:
    """The whole a question sets the parts' sum against, in words after the sum ("和说明里的收入总计是否一致")."""
    if not PARTS_CHECKED.search(ctx.q.folded):
        return None
    for m in WHOLE_AFTER_SUM.finditer(ctx.q.folded):
        words = re.sub(r"说明|文件|表|里|中|的|给出|写的|所述|列示", "", m.group("whole"))
        if len(words) < 2:
            continue
        f = pick(ctx, clean(words, ctx), exclude=figs)
        if f is not None and f.unit == figs[0].unit and f.doc == figs[0].doc:
            return f
    return None


def _set_against_whole(ctx: Ctx, ans: Answer, summed: Answer, whole: Figure) -> None:
    """The parts' sum against the whole as stated: one, or apart by a gap the calculator gives."""
    gap = run(f"{whole.value} − {summed.calculation.result}", None)["result"].lstrip("-")
    ans.answer += ctx.t("calculation", "whole_agrees" if not Decimal(gap) else "whole_differs", whole=label(whole),
                        value=qty(whole.raw, whole.unit), gap=qty(gap, whole.unit))
    if not any(r.record_id == whole.id for r in ans.figures):
        ans.figures.append(ctx.kb.ref(whole))
    if Decimal(gap):
        derived = ctx.kb.ref(whole, subject=f"{label(whole)}与各项相加之差", value=gap, unit=whole.unit, basis="计算", derived=True)
        derived.record_id = None
        ans.figures.append(derived)
    ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(whole)])




def _listed(ctx: Ctx) -> list[Figure]:
    """The figures the question lists, as a list of several asked is read (its parts sharing the
    words around them)."""
    listed = multi(ctx)
    if listed is None:
        return []
    found = [ctx.kb.figure_by_id.get(r.record_id or "") for r in listed.figures]
    return [f for f in found if f is not None] if all(found) else []


BUDGET_LEFT = re.compile(r"(?:全年|年初)?预算没花完")  # "X比预算省了多少", as the aliases write it


def _budget_left(ctx: Ctx, subject_text: str) -> Answer | None:
    """"公车运行费比预算省了多少": a subject's budget less its spending, both as its sentence states them."""
    a = pick(ctx, clean(subject_text, ctx))
    if a is None:
        return None
    spent = a if a.basis not in BUDGETS else on_another_basis(ctx, a, ["本年决算"])
    budget = on_another_basis(ctx, spent, list(BUDGETS)) if spent is not None else None
    if spent is None or budget is None:
        return None
    return budget_gap(ctx, budget, spent)


def budget_gap(ctx: Ctx, budget: Figure, spent: Figure) -> Answer:
    """A budget less the spending of the same subject, by the calculator."""
    expression = f"{budget.value} − {spent.value}"
    out = run(expression, None)
    return _with_stated_rate(ctx, _answer(ctx, f"{label(spent)}比{label(budget)}少", expression, _exact(out["result"], budget, spent), spent.unit, [budget, spent], "difference"), spent, budget)


BASIS_SIDE = re.compile(r"(?:全年|年初)?预算数?|决算数?|实际(?:支出|花的?)?")


def on_another_basis(ctx: Ctx, a: Figure, bases: list[str]) -> Figure | None:
    """The figure its sentence states beside ``a`` for the same subject on one of ``bases``."""
    same = [g for g in ctx.kb.figures if g.doc == a.doc and g.subject == a.subject and g.unit == a.unit and g.id != a.id and g.basis in bases]
    return min(same, key=lambda g: abs(g.line_start - a.line_start), default=None)


CODE_FIRST = re.compile(r"^\d{3,7}\s*")  # a row's code before its name ("30231 公务用车运行维护费")


def _stated_whole(ctx: Ctx, figs: list[Figure]) -> Figure | None:
    """The whole whose sentence states these figures as its parts ("其中：…"), all of them but zeros."""
    wholes = {(f.doc, f.parent, f.line_start) for f in figs}
    if len(wholes) != 1 or None in {f.parent for f in figs}:
        return None
    doc, parent, line = next(iter(wholes))
    whole = next((g for g in ctx.kb.figures if g.doc == doc and g.subject == parent and g.line_start == line and g.unit == figs[0].unit), None)
    parts = parts_of(ctx, whole) if whole is not None else []
    # every part, or every part but those stated as zero ("货物和服务一共": 工程 0)
    if whole is None or not {f.id for f in figs} <= {p.id for p in parts} or any(p.value for p in parts if p.id not in {f.id for f in figs}):
        return None
    return whole


def _sum_last_year(ctx: Ctx, figs: list[Figure]) -> Answer:
    """Last year's sum of figures stated for this year: each one's last-year value from its stated
    change ("比上年增加 N"), in one expression; refused when one of them states no change."""
    terms, operands, extra = [], [], []
    for f in figs:
        ch = f.change
        if ch is None or ch.amount is None or (ch.unit or f.unit) != f.unit:
            return ctx.answer("refusal", ctx.t("last_year", "missing", label=label(f), value=qty(f.raw, f.unit)), intent="last_year", citations=[ctx.kb.cite_figure(f)])
        terms.append(f"({f.value} {'−' if ch.direction == '增加' else '+'} {ch.amount})")
        operands.append(f)
        extra.append(ctx.kb.ref(f, subject=f"{label(f)}比上年{ch.direction}", value=str(ch.amount), unit=f.unit, basis="比上年增减"))
    expression = " + ".join(terms)
    out = run(expression, None)
    return _answer(ctx, "、".join(label(f) for f in figs) + "上年合计（推算）", expression, _exact(out["result"], *figs), figs[0].unit, operands, "last_year", extra)


def ratio_of(ctx: Ctx, a: Figure, b: Figure) -> Answer:
    """``a`` as a multiple of ``b`` (in the same unit), or ``a`` divided by ``b``."""
    expression = f"{a.value} / {b.value}"
    out = run(expression, 2)
    if a.unit == b.unit:
        return _answer(ctx, f"{label(a)}是{label(b)}的倍数", expression, out["result"], "倍", [a, b], "ratio")
    return _answer(ctx, f"{label(a)}除以{label(b)}", expression, out["result"], a.unit, [a, b], "ratio")


def difference_of(ctx: Ctx, a: Figure, b: Figure) -> Answer | None:
    """``a`` less ``b``, in their one unit."""
    if a.unit != b.unit:
        return None
    expression = f"{a.value} − {b.value}"
    return _answer(ctx, f"{label(a)}与{label(b)}之差", expression, run(expression, 2)["result"], a.unit, [a, b], "difference")


def sum_of(ctx: Ctx, figs: list[Figure], description: str) -> Answer:
    expression = " + ".join(str(f.value) for f in figs)
    out = run(expression, None)
    return _answer(ctx, description, expression, _exact(out["result"], *figs), figs[0].unit, figs, "sum")


def share_of_sum(ctx: Ctx, parts: list[Figure], whole: Figure, description: str) -> Answer | None:
    """"这两项加起来完成了三公经费年初预算的百分之几": the parts added up, over the whole, × 100 (one
    part: its share)."""
    added = " + ".join(str(f.value) for f in parts)
    expression = f"({added}) / {whole.value} × 100" if len(parts) > 1 else f"{added} / {whole.value} × 100"
    try:
        total = _exact(run(added, None)["result"], *parts)
        out = run(expression, 2)
    except CalculationError:
        return None
    if len(parts) == 1:
        return _answer(ctx, description, expression, out["result"], "%", [*parts, whole], "share")
    summed = ctx.kb.ref(parts[0], subject="、".join(label(f) for f in parts) + "合计", value=total, unit=parts[0].unit, basis="计算", derived=True)
    summed.record_id = None
    return _answer(ctx, description, expression, out["result"], "%", [*parts, whole], "share", extra_refs=[summed])


def _exact(result: str, *figs: Figure) -> str:
    """Sums and differences keep the document's number of decimal places."""
    places = max(-f.value.as_tuple().exponent for f in figs)
    return str(Decimal(result).quantize(Decimal(1).scaleb(-places))) if places > 0 else result


def convert(ctx: Ctx, focus: Figure | None = None) -> Answer | None:
    """万元 → 亿元 or → 元, exactly."""
    to_yuan = bool(re.search(r"(换算|折合|合)成?元|多少元|几元", ctx.q.folded)) and "亿" not in ctx.q.folded
    f = focus
    if f is None:
        text = re.sub(r"(换算成|折合成|换算|折合|多少个?亿元?|几个亿|亿元|多少元)", " ", ctx.q.content)
        ranked = [r for r in best_figures(ctx, text=text, units=["万元"]) if r.figure.unit == "万元"]
        if not ranked or ranked[0].score < STRONG - 0.1:
            return None
        f = choose(ctx, ranked)
    if f.unit != "万元":
        return None
    if to_yuan:
        expression = f"{f.value} × 10000"
        out = run(expression, None)
        return _answer(ctx, f"{label(f)}折合元", expression, out["result"], "元", [f], "convert")
    expression = f"{f.value} / 10000"
    out = run(expression, None)
    return with_rounded(ctx, _answer(ctx, f"{label(f)}折合亿元", expression, out["result"], "亿元", [f], "convert"))


def with_rounded(ctx: Ctx, ans: Answer) -> Answer:
    """A conversion whose exact result runs past two decimals ("大约多少亿元"): also said rounded to two,
    as a reader quotes it."""
    calc = ans.calculation
    if calc is None or len(calc.result.partition(".")[2]) <= 2:
        return ans
    rounded = run(calc.result, 2)["result"]
    ans.answer += ctx.t("calculation", "rounded", value=qty(rounded, calc.unit))
    ans.figures.insert(1, ans.figures[0].model_copy(update={"value": rounded, "subject": f"{ans.figures[0].subject}（保留两位小数）"}))
    return ans


PERCENT_ASKED = re.compile(r"百分之几|百分之多少|百分比|几个百分点|几个点|多少个点|percent|幅度|增幅|降幅|增长率|下降率|几成|多少%|几%|(超出|超过|多出|少了|节约|结余)[^，,。？?]{0,6}的?比例")
DIFFERENCE = re.compile(r"^\(?(-?[\d.]+)\)? − \(?(-?[\d.]+)\)?$")


BUDGET_NEAR = 12  # lines from a figure within which its subject's budget is stated


def between_shown(ctx: Ctx, ans: Answer) -> Answer:
    """"年初预算和最后实际花的差了多少？": an answer (or the candidates it offers) giving one
    subject's two amounts on two bases, the difference asked by the calculator — larger minus
    smaller, both cited."""
    if "difference" not in ctx.q.intents or ans.calculation is not None or ans.kind not in ("figure", "clarification"):
        return ans
    if ctx.q.intents & {"change", "last_year"}:
        return ans  # "比上年减少多少": a change, not the gap between two figures shown
    shown = list({(f.value, f.basis, f.subject): f for f in ans.figures if not f.derived and f.unit in MONEY and f.basis not in ("比上年增减", "上年")}.values())
    given = ctx.kb.figure_by_id.get(shown[0].record_id or "") if len(shown) == 1 and "预算" in ctx.q.folded else None
    if given is not None and given.basis in ("本年决算", "年初预算"):
        # "实际花掉的钱比年初预算少了多少", "年初预算和最后决算差了多少": the other stated for the same subject beside it
        other = "年初预算" if given.basis == "本年决算" else "本年决算"
        budget = min((g for g in ctx.kb.figures if g.doc == given.doc and g.subject == given.subject and g.basis == other and g.unit == given.unit
                      and abs(g.line_start - given.line_start) <= BUDGET_NEAR), key=lambda g: abs(g.line_start - given.line_start), default=None)
        if budget is None:
            # "与年初预算相比，年初预算数 A，决算数 B": a sentence stating the other beside the same amount,
            # of a subject worded a little otherwise (…收入支出 for …支出)
            budget = next((g for g in ctx.kb.figures if g.doc == given.doc and g.basis == other and g.unit == given.unit
                           and longest_common(fold(g.subject), fold(given.subject)) >= 6
                           and any(h.doc == g.doc and h.line_start == g.line_start and h.basis == given.basis and h.value == given.value for h in ctx.kb.figures)), None)
        if budget is not None:
            shown.append(ctx.kb.ref(budget))
            ans.citations = [*ans.citations, ctx.kb.cite_figure(budget)]
    if len(shown) != 2 or (shown[0].basis, shown[0].subject) == (shown[1].basis, shown[1].subject) or shown[0].unit != shown[1].unit or shown[0].doc != shown[1].doc:
        return ans
    if longest_common(fold(shown[0].subject), fold(shown[1].subject)) < 4:
        return ans  # two subjects, not one on two bases
    a, b = sorted(shown, key=lambda f: -Decimal(f.value))
    expression = f"{a.value} − {b.value}"
    try:
        out = run(expression, 2)
    except CalculationError:
        return ans
    description = f"{a.subject}比{b.subject}多"
    line = ctx.t("calculation", "result", description=description, expression=expression, result=qty(out["result"], a.unit))
    stated = "；".join(f"{f.subject} {qty(f.value, f.unit)}" for f in (a, b))
    ans.answer = f"{line}\n（{stated}）"
    ans.kind = "calculation"
    ans.calculation = Calculation(expression=expression, result=out["result"], unit=a.unit, operands=[a, b])
    ans.figures = [a.model_copy(update={"subject": description, "value": out["result"], "basis": "计算", "derived": True, "record_id": None}), a, b]
    first, second = (ctx.kb.figure_by_id.get(f.record_id or "") for f in (a, b))
    return _with_stated_rate(ctx, ans, first, second) if first is not None and second is not None else ans


def relative(ctx: Ctx, ans: Answer) -> Answer:
    """"多出多少？超出百分之几？", "少了多少？下降了几个percent？": a difference (or a last-year value
    derived from a stated change) answered in money, when the question also asks it in percent —
    the difference over what it is measured against: the budget, last year, or the figure after 比."""
    calc = ans.calculation
    if calc is None or not PERCENT_ASKED.search(ctx.q.folded) or any(f.unit == "%" for f in ans.figures):
        return ans
    if ans.intent == "last_year":
        change = next((f for f in calc.operands if f.basis == "比上年增减" and f.unit == calc.unit), None)
        if change is None:
            return ans
        diff, base, base_label = change.value, calc.result, "上年推算值"
    else:
        m = DIFFERENCE.match(calc.expression)
        if m is None or len(calc.operands) != 2:
            return ans
        first, second = calc.operands
        budget = [f for f in calc.operands if "预算" in (f.basis or "") or f.subject.endswith("预算")]
        if len(budget) == 1 and RATE_PART.search(ctx.q.folded) and Decimal(budget[0].value):
            # "差了多少？决算完成了年初预算的百分之几？": the spending over its budget, not the gap's share
            spent = second if budget[0] is first else first
            percent = run(f"{spent.value} / {budget[0].value} × 100", 2)["result"]
            ans.answer += "\n" + ctx.t("figure", "rate_computed", rate=qty(percent, "%"))
            ans.figures = [*ans.figures, ans.figures[0].model_copy(update={"subject": f"{spent.subject}完成{budget[0].subject}的比例", "value": percent, "unit": "%",
                                                                            "basis": "计算", "derived": True, "record_id": None})]
            return ans
        reference = budget[0] if len(budget) == 1 else (first if LESS_THAN.search(ctx.q.folded) else second)
        diff, base, base_label = calc.result, reference.value, reference.subject
    if Decimal(base) == 0:
        return ans
    percent = run(f"{diff} / {base} × 100", 2)["result"]
    ans.answer += ctx.t("calculation", "relative", diff=qty(diff, calc.unit), base=qty(base, calc.unit), of=base_label, percent=qty(percent, "%"))
    derived = ans.figures[0].model_copy(update={"subject": f"{ans.figures[0].subject}（相对{base_label}的幅度）", "value": percent, "unit": "%", "basis": "计算", "derived": True, "record_id": None})
    ans.figures = [*ans.figures, derived]
    return ans

