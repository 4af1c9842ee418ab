"""Performance self-evaluation tables: one project's funds, score, unit, goals and indicators."""

from __future__ import annotations

import re

from assistant import calculator
from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.compose import Ctx, qty, unique_citations
from assistant.link import rank_indicators, rank_projects
from assistant.text import fold, grams, longest_common, remove_words, subsequence_run
from ingest.records import Indicator, Measure, PerformanceTable

FIELD_LABELS = {
    "budget_initial": "年初预算数",
    "budget_full": "全年预算数",
    "executed": "全年执行数",
    "rate": "执行率",
    "score": "自评总分",
    "implementer": "实施单位",
    "department": "主管部门",
    "goal": "年度总体目标",
    "achieved": "实际完成情况",
    "indicators": "绩效指标",
}
PROJECT_MATCH = 0.7


def find_project(ctx: Ctx, text: str | None = None) -> tuple[float, PerformanceTable] | None:
    """The one table a question names: by its whole name, a strong match, or a clear winner."""
    ranked = rank_projects(ctx.kb, ctx.q, ctx.docs, text=text)
    if not ranked:
        return None
    whole = [t for _, t in ranked if t.kind == "department"]
    if len(whole) == 1 and re.search(r"(部门|单位)?整体.{0,6}(表|自评|绩效)", text or ctx.q.folded):
        return 1.0, whole[0]  # "部门整体那张表": there is one
    score, table = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    strong = score >= 1.0 or (score >= PROJECT_MATCH and score - second >= 0.05) or (score >= 0.6 and score - second >= 0.15)
    # a weak but lone match must at least share four consecutive characters with the name ("好班子奖金")
    name = fold(re.sub(r"\s*[（(]\s*\d{4}.*$", "", table.title) if table.kind == "department" else table.name)
    question = text or ctx.q.folded
    run = subsequence_run(question, name)
    lone = score >= 0.4 and score - second >= 0.25 and (longest_common(question, name) >= 4 or (run >= 5 and run >= len(name) / 3))
    if strong or lone:
        return score, table
    return None


def ref(ctx: Ctx, t: PerformanceTable, subject: str, value, unit: str) -> FigureRef:
    return FigureRef(subject=f"{t.name}·{subject}", value=str(value), unit=unit, doc=t.doc, record_id=t.id, basis="绩效自评表")


def fund_row(ctx: Ctx, t: PerformanceTable):
    """The table's funds row the question names by its source ("地（州、市）安排", "其他资金"), else
    the total (年度总资金)."""
    for f in t.funds[1:]:
        name = fold(_source(f))
        if len(name) >= 2 and name in ctx.q.folded:
            return f
    return t.total


def _source(f) -> str:
    """A funds row's source as printed, without "其中：" and its unit ("地（州、市）安排")."""
    return FUND_ROW_DRESS.sub("", f.label).strip()


FUND_ROW_DRESS = re.compile(r"^其中[：:]|[(（]万\s*元[)）]$")


def _row_named(t: PerformanceTable, f) -> str:
    """The project, with the funds row when it is not the total: "某局（地（州、市）安排）"."""
    return t.name if f is t.total else f"{t.name}（{_source(f)}）"


def funds_summary(ctx: Ctx, t: PerformanceTable) -> Answer:
    f = fund_row(ctx, t)
    refs = [
        ref(ctx, t, "年初预算数", f.budget_initial, "万元"),
        ref(ctx, t, "全年预算数", f.budget_full, "万元"),
        ref(ctx, t, "全年执行数", f.executed, "万元"),
        ref(ctx, t, "执行率", f.rate, "%"),
        ref(ctx, t, "资金执行得分", f.score, "分"),
    ]
    cites = [ctx.kb.cite_row(t, f.line)]
    if t.total_score is not None:
        refs.append(ref(ctx, t, "自评总分", t.total_score, "分"))
        cites.append(ctx.kb.cite_row(t, t.total_line))
    text = ctx.t(
        "table", "funds", project=_row_named(t, f), budget_initial=qty(f.budget_initial, "万元"), budget_full=qty(f.budget_full, "万元"),
        executed=qty(f.executed, "万元"), rate=qty(f.rate, "%"), funds_score=qty(f.score, "分"), total=qty(t.total_score, "分"),
    )
    return _done(ctx, t, "funds", text, [r for r in refs if r.value != "None"], cites)


def field_answer(ctx: Ctx, t: PerformanceTable, field: str) -> Answer:
    f = fund_row(ctx, t)
    cites = [ctx.kb.cite_row(t, f.line)] if f else []
    if field in ("budget_initial", "budget_full", "executed", "rate") and f is not None:
        value = getattr(f, field)
        unit = "%" if field == "rate" else "万元"
        text = ctx.t("table", "field", project=_row_named(t, f), field_label=FIELD_LABELS[field], value=qty(value, unit))
        refs = [ref(ctx, t, FIELD_LABELS[field], value, unit)]
        if field == "executed" and f.budget_full is not None:
            text += f"（全年预算数 {qty(f.budget_full, '万元')}，执行率 {qty(f.rate, '%')}）"
            refs += [ref(ctx, t, "全年预算数", f.budget_full, "万元"), ref(ctx, t, "执行率", f.rate, "%")]
        return _done(ctx, t, field, text, refs, cites)
    if field == "score":
        text = ctx.t("table", "field", project=t.name, field_label="自评总分", value=qty(t.total_score, "分"))
        refs = [ref(ctx, t, "自评总分", t.total_score, "分")]
        if f is not None and f.score is not None:
            text += f"其中资金执行（执行率 {qty(f.rate, '%')}）得分 {qty(f.score, '分')}。"
            refs += [ref(ctx, t, "资金执行得分", f.score, "分"), ref(ctx, t, "执行率", f.rate, "%")]
        cites = ([ctx.kb.cite_row(t, t.total_line)] if t.total_line else []) + cites
        return _done(ctx, t, field, text, refs, cites)
    if field in ("implementer", "department"):
        value = getattr(t, field) or "（表中未填写）"
        return _done(ctx, t, field, ctx.t("table", "text_field", project=t.name, field_label=FIELD_LABELS[field], value=value), [], [ctx.kb.cite_row(t, t.unit_line or t.name_line)])
    if field in ("goal", "achieved") and t.goal_lines:
        value = (t.goal if field == "goal" else t.achieved) or "（表中未填写）"
        lines = t.goal_lines
        stated = [ctx.kb.ref(f) for f in ctx.kb.figures if f.table_id == t.id and lines.line_start <= f.line_start <= lines.line_end and f.raw in value]
        return _done(ctx, t, field, ctx.t("table", "text_field", project=t.name, field_label=FIELD_LABELS[field], value=value), stated, [ctx.kb.cite_row(t, lines.line_start, lines.line_end)])
    if field == "indicators":
        rows = [i for i in t.indicators if i.duplicate_of is None]
        text = ctx.t("table", "text_field", project=t.name, field_label="绩效指标", value="；".join(i.name for i in rows))
        table = [{"一级指标": i.level1 or "", "二级指标": i.level2 or "", "三级指标": i.name, "年度指标值": shown(i.target), "实际完成值": shown(i.actual), "分值": str(i.weight), "得分": str(i.score)} for i in rows]
        ans = _done(ctx, t, field, text, [], [ctx.kb.cite_row(t, i.line_start, i.line_end) for i in rows])
        ans.kind = "list"
        ans.table = table
        return ans
    return funds_summary(ctx, t)


def _measure_ref(ctx: Ctx, t: PerformanceTable, ind: Indicator, which: str, m: Measure, other: Measure) -> FigureRef | None:
    if m.value is None:
        return None
    # a bare number in one cell takes the unit written in the other ("317.72" beside ">=389.99 亿元")
    unit = m.unit or (other.unit if other.value is not None else None) or ""
    return ref(ctx, t, f"{ind.name}·{which}", m.value, unit)


INDICATOR_FIELDS = {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分"}


def shown(m: Measure) -> str:
    """A table value as a reader says it: "≥ 98%", "10108.9 平方米", "有效提升"."""
    if m.value is None:
        return m.text or m.raw
    comparator = "" if m.comparator in (None, "=") else f"{m.comparator} "
    return comparator + qty(m.value, m.unit)


def indicator_answer(ctx: Ctx, t: PerformanceTable, ind: Indicator, which: str | None = None) -> Answer:
    """One indicator row; ``which`` (target, actual, weight, score) puts that value first."""
    text = ctx.t("table", "indicator", project=t.name, name=ind.name, target=shown(ind.target), actual=shown(ind.actual), weight=qty(ind.weight, "分"), score=qty(ind.score, "分"))
    if ind.note:
        text += "\n" + ctx.t("table", "indicator_note", note=ind.note)
    actual = _measure_ref(ctx, t, ind, "实际完成值", ind.actual, ind.target)
    target = _measure_ref(ctx, t, ind, "年度指标值", ind.target, ind.actual)
    weight = ref(ctx, t, f"{ind.name}·分值", ind.weight, "分")
    score = ref(ctx, t, f"{ind.name}·得分", ind.score, "分")
    order = {"target": [target, actual, weight, score], "weight": [weight, score, actual, target], "score": [score, weight, actual, target]}.get(which or "", [actual, target, weight, score])
    refs = [r for r in order if r is not None]
    if which in INDICATOR_FIELDS:
        lead = INDICATOR_FIELDS[which]
        value = {"target": shown(ind.target), "actual": shown(ind.actual), "weight": qty(ind.weight, "分"), "score": qty(ind.score, "分")}[which]
        text = ctx.t("table", "field", project=t.name, field_label=f"指标“{ind.name}”的{lead}", value=value) + "\n" + text
    return ctx.answer(
        "figure", text, intent="project", figures=refs, citations=_cites(ctx, t, [ctx.kb.cite_row(t, ind.line_start, ind.line_end)]),
        turn=Turn(question=ctx.q.text, intent="project", kind="figure", doc=t.doc, table_id=t.id, field="indicator", indicator=ind.name, subject=t.name),
    )


def indicator_completed(ctx: Ctx, t: PerformanceTable, ind: Indicator) -> Answer | None:
    """"实际完成了预期值的百分之几": an indicator's actual value over its target × 100, by the
    calculator, when both are numbers in one unit (a bare actual takes the target's)."""
    target, actual = ind.target, ind.actual
    if target.value is None or actual.value is None or target.value == 0 or (actual.unit and target.unit and actual.unit != target.unit):
        return None
    expression = f"{actual.value} / {target.value} × 100"
    result = calculator.run(expression, 2)["result"]
    done = _measure_ref(ctx, t, ind, "实际完成值", actual, target)
    aimed = _measure_ref(ctx, t, ind, "年度指标值", target, actual)
    description = f"“{t.name}”的指标“{ind.name}”实际完成值相当于年度指标值的比例"
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(result, "%"))
    derived = FigureRef(subject=description, value=result, unit="%", doc=t.doc, basis="计算", derived=True)
    calc = Calculation(expression=expression, result=result, unit="%", operands=[done, aimed])
    return ctx.answer("calculation", text, intent="share", figures=[derived, done, aimed], calculation=calc,
                      citations=[ctx.kb.cite_row(t, ind.line_start, ind.line_end)],
                      turn=Turn(question=ctx.q.text, intent="share", kind="calculation", doc=t.doc, table_id=t.id, field="indicator", indicator=ind.name, subject=t.name))


DEDUCTED = re.compile(r"扣(了|掉)?分|失分|丢分|没(有)?(拿|得)(到)?满分|未(得|获)满分|不是满分|被扣|扣了?(?:多少|几)分")  # "哪个指标扣了分"
POINTS_LOST = re.compile(r"扣了?(?:多少|几)分|扣分(?:是|有)?多少|(?:失|丢)了?(?:多少|几)分|少得了?(?:多少|几)分")  # how many, not which


def points_lost(ctx: Ctx, t: PerformanceTable, ind: Indicator) -> Answer | None:
    """"这个指标扣了多少分": its weight minus its score, by the calculator."""
    if ind.weight is None or ind.score is None:
        return None
    expression = f"{ind.weight} − {ind.score}"
    result = calculator.run(expression, 2)["result"]
    weight, score = ref(ctx, t, f"{ind.name}·分值", ind.weight, "分"), ref(ctx, t, f"{ind.name}·得分", ind.score, "分")
    derived = FigureRef(subject=f"{ind.name}·扣分", value=result, unit="分", doc=t.doc, basis="计算", derived=True)
    text = ctx.t("calculation", "result", description=f"“{t.name}”的指标“{ind.name}”扣分（分值 − 得分）", expression=expression, result=qty(result, "分"))
    return ctx.answer("calculation", text, intent="project", figures=[derived, weight, score],
                      calculation=Calculation(expression=expression, result=result, unit="分", operands=[weight, score]),
                      citations=_cites(ctx, t, [ctx.kb.cite_row(t, ind.line_start, ind.line_end)]),
                      turn=Turn(question=ctx.q.text, intent="project", kind="calculation", doc=t.doc, table_id=t.id, field="indicator", indicator=ind.name, subject=t.name))


def deducted(ctx: Ctx, t: PerformanceTable) -> Answer:
    """"哪个指标扣了分？": the indicators scored below their weight, each with its target, actual
    value and score; the table's every indicator at full marks, said so."""
    below = [i for i in t.indicators if not i.duplicate_of and i.weight is not None and i.score is not None and i.score < i.weight]
    if len(below) == 1:
        return indicator_answer(ctx, t, below[0])
    if not below:
        return _done(ctx, t, "indicator", ctx.t("table", "none_deducted", project=t.name), [], [ctx.kb.cite_row(t, i.line_start, i.line_end) for i in t.indicators[:1]])
    each = [indicator_answer(ctx, t, i) for i in below]
    return ctx.answer("figure", "\n".join(a.answer for a in each), intent="project", figures=[f for a in each for f in a.figures],
                      citations=unique_citations([c for a in each for c in a.citations]),
                      turn=Turn(question=ctx.q.text, intent="project", kind="figure", doc=t.doc, table_id=t.id, field="indicator", subject=t.name))


def _done(ctx: Ctx, t: PerformanceTable, field: str, text: str, refs: list[FigureRef], cites) -> Answer:
    return ctx.answer(
        "figure" if refs else "text", text, intent="project", figures=refs, citations=_cites(ctx, t, cites),
        turn=Turn(question=ctx.q.text, intent="project", kind="figure" if refs else "text", doc=t.doc, table_id=t.id, field=field, subject=t.name),
    )


def project(ctx: Ctx, table: PerformanceTable | None = None, field: str | None = None) -> Answer | None:
    if table is None:
        hit = find_project(ctx)
        if hit is None:
            return None
        table = hit[1]
    answer = _project(ctx, table, field)
    wrong_unit = _wrong_unit(ctx, table)
    if answer is not None and wrong_unit:
        answer.answer += "\n" + ctx.t("prompt", "implementer", actual=table.implementer, said=wrong_unit)
        if table.unit_line:
            answer.citations.append(ctx.kb.cite_row(table, table.unit_line))
    return answer


def _wrong_unit(ctx: Ctx, table: PerformanceTable) -> str | None:
    """"某中心的某项目经费": the question names a unit that does not run this project."""
    if not table.implementer:
        return None
    for org in ctx.q.orgs:
        o = fold(org)
        if len(o) >= 4 and o not in fold(table.implementer) and o not in fold(table.department or "") and subsequence_run(o, fold(table.name)) < len(o) \
                and not _abbreviates(o, fold(table.implementer)):
            return org
    return None


def _abbreviates(short: str, name: str) -> bool:
    """"某市丙交易中心" for 某市丙产权交易中心: every character in order, the same ending."""
    chars = iter(name)
    return short[-2:] == name[-2:] and all(c in chars for c in short)


def _project(ctx: Ctx, table: PerformanceTable, field: str | None) -> Answer | None:
    # an indicator named in the question (or identified by the unit it asks for), inside this project
    rest = question_rest(ctx, table)
    inds = rank_indicators(ctx.kb, ctx.q, [table], text=rest)
    which = next((f for f in ctx.q.fields if f in INDICATOR_FIELDS), None)
    fields = [f for f in dict.fromkeys(ctx.q.fields) if f in FIELD_LABELS]
    if "goal" in fields and re.search(r"目标自评表", ctx.q.folded) and not re.search(r"总体目标|绩效目标是|目标是什么|目标有哪些", ctx.q.folded):
        fields.remove("goal")  # "…绩效目标自评表" names the table, it does not ask for its goals
    margin = inds[0][0] - inds[1][0] if len(inds) > 1 else 1.0
    if "reason" in ctx.q.intents and inds and inds[0][2].note and inds[0][0] >= 0.35 and margin >= 0.05:
        return indicator_answer(ctx, table, inds[0][2])  # "防疫物资为啥只买了4类": the row's 偏差原因
    if inds and margin >= 0.05 and (inds[0][0] >= 0.55 or (inds[0][0] >= 0.45 and (which or not fields))) and (not fields or which or inds[0][0] >= 0.9):
        return indicator_answer(ctx, table, inds[0][2], which)
    if not fields and inds and inds[0][0] >= 0.2 and (len(inds) == 1 or inds[0][0] - inds[1][0] >= 0.15):
        return indicator_answer(ctx, table, inds[0][2], which)  # "实际完成了多少套": the one counted in 套
    if field:
        return field_answer(ctx, table, field)
    missing = INDICATOR_KIND.search(re.sub(r"^(的|之|里|中)+", "", rest.strip()))
    if not fields and missing and (not inds or inds[0][0] < 0.2):
        # "某项目的满意度": the table has no such indicator; say so and name the ones it has
        names = "、".join(dict.fromkeys(i.name for i in table.indicators))
        cites = [ctx.kb.cite_row(table, table.name_line)] + [ctx.kb.cite_row(table, i.line_start, i.line_end) for i in table.indicators]
        return ctx.answer("refusal", ctx.t("table", "no_indicator", project=table.name, asked=missing.group(0), names=names),
                          intent="project", citations=cites, turn=Turn(question=ctx.q.text, intent="project", kind="refusal", doc=table.doc, table_id=table.id))
    pair = _field_pair(ctx)
    if pair is not None:
        return difference(ctx, table, *pair)
    if len(fields) > 1:
        return _merge(ctx, [field_answer(ctx, table, f) for f in fields])
    if fields:
        return field_answer(ctx, table, fields[0])
    return funds_summary(ctx, table)


INDICATOR_KIND = re.compile(r"^[\u4e00-\u9fff]{0,8}(满意度|度|率|次数|人数|数量|面积|时长|天数|户数|套数)$")  # what an indicator measures


def question_rest(ctx: Ctx, table: PerformanceTable) -> str:
    """The question without the project's name (or the abbreviation of it) and field words."""
    name = fold(table.name)
    rest = ctx.q.content.replace(" ", "").replace(name, " ")
    start, length = 0, 0
    for i in range(len(rest)):
        run = subsequence_run(rest[i:], name, anchored=True)
        if run > length:
            start, length = i, run
    if length >= 4:
        rest = rest[:start] + " " + rest[start + length :]
    for words in ctx.lang.field.values():
        rest = remove_words(rest, words)
    rest = re.sub(r"(那个|这个|项目中|项目里|项目的|项目|中的|里的|里)", " ", rest)
    return re.sub(r"\s+", " ", rest).strip()


def _merge(ctx: Ctx, answers: list[Answer]) -> Answer:
    first = answers[0]
    for a in answers[1:]:
        first.answer += "\n" + a.answer
        first.figures += [f for f in a.figures if f not in first.figures]
        first.citations += [c for c in a.citations if c not in first.citations]
    return first


UNSPENT = re.compile(r"没花完|没花的|没用的|没用完|没花出去|没用出去|没花掉|没有花|未花|未使用|未支出|剩余|还剩|剩下|结余|没有?执行|未执行")
MONEY_LEFT = re.compile(r"(?:多少|几)(?:钱|万)|金额")  # "还有多少钱没花出去": an amount left, asked outright
FUND_WORDS = {"budget_initial": "年初预算数?", "budget_full": "全年预算数?|预算数", "executed": "全年执行数|执行数|实际执行"}


def _field_pair(ctx: Ctx) -> tuple[str, str] | None:
    """Two funds fields compared: "全年预算数比年初预算数增加了多少", "预算数减执行数", "还有多少没花完"."""
    folded = ctx.q.folded
    found = []
    for name, pattern in FUND_WORDS.items():
        m = re.search(pattern, folded)
        if m:
            found.append((m.start(), name))
    found.sort()
    compared = re.search(r"比|减去?|减掉|相差|差多少|差额|-|−", folded) or UNSPENT.search(folded)
    if len(found) == 2 and compared:
        return found[0][1], found[1][1]
    if UNSPENT.search(folded) and ("difference" in ctx.q.intents or MONEY_LEFT.search(folded)):
        return "budget_full", "executed"
    return None


def difference(ctx: Ctx, t: PerformanceTable, first: str, second: str) -> Answer | None:
    """One funds field minus another, by the calculator ("没花完" = 全年预算数 − 全年执行数)."""
    from assistant.answer import Calculation
    f = t.total
    if f is None or getattr(f, first) is None or getattr(f, second) is None:
        return None
    a, b = getattr(f, first), getattr(f, second)
    expression = f"{a} − {b}"
    result = calculator.run(expression, 2)["result"]
    refs = [ref(ctx, t, FIELD_LABELS[first], a, "万元"), ref(ctx, t, FIELD_LABELS[second], b, "万元")]
    calc = Calculation(expression=expression, result=result, unit="万元", operands=refs)
    text = ctx.t("calculation", "result", description=f"“{t.name}”{FIELD_LABELS[first]}与{FIELD_LABELS[second]}之差", expression=expression, result=qty(result, "万元"))
    derived = ref(ctx, t, f"{FIELD_LABELS[first]}与{FIELD_LABELS[second]}之差", result, "万元")
    derived.derived = True
    return ctx.answer("calculation", text, intent="project", figures=[derived, *refs], calculation=calc, citations=_cites(ctx, t, [ctx.kb.cite_row(t, f.line)]),
                      turn=Turn(question=ctx.q.text, intent="project", kind="calculation", doc=t.doc, table_id=t.id, field=second, subject=t.name))


def _cites(ctx: Ctx, t: PerformanceTable, cites: list) -> list:
    """A project whose name carries numbers ("2023 年…") cites its name row too."""
    if any(ch.isdigit() for ch in t.name):
        return [ctx.kb.cite_row(t, t.name_line), *cites]
    return cites


def indicator_by_name(table: PerformanceTable, name: str) -> Indicator | None:
    return next((i for i in table.indicators if i.name == name), None)


COUNTING_UNITS = ("人", "人次", "户", "套", "个", "辆", "台", "家", "次", "场", "项", "名")


def _unit(ind: Indicator) -> str | None:
    """An indicator's unit, written in either of its cells."""
    return ind.actual.unit or ind.target.unit


def per_unit(ctx: Ctx, t: PerformanceTable) -> Answer | None:
    """"某项目平均到每个服务人员身上是多少钱": the project's 全年执行数 over the actual value of the
    count indicator the question names (its 服务人员数量, in 人), by the calculator."""
    total = t.total
    if total is None or total.executed is None:
        return None
    rest = question_rest(ctx, t)
    if any(re.search(r"人均|平均|户均", ind.name) and grams(fold(ind.name)) & grams(rest) for ind in t.indicators):
        return None  # "人均月工资实际完成值": an indicator states the average; the table answers
    counts = [ind for ind in t.indicators if ind.actual.value and _unit(ind) in COUNTING_UNITS]
    named = sorted(((len(grams(fold(ind.name)) & grams(rest)), i, ind) for i, ind in enumerate(counts)), key=lambda x: (-x[0], x[1]))
    per = re.search(r"人均|(?:平均每|每)(?:个|位|名)?(人|户|套|辆|台|家|次|场|项)", ctx.q.folded)
    per_unit_word = (per.group(1) or "人") if per else None
    of_unit = [ind for ind in counts if _unit(ind) == per_unit_word]
    if named and named[0][0] > 0 and not (len(named) > 1 and named[1][0] == named[0][0]):
        ind = named[0][2]
    elif len(of_unit) == 1:
        ind = of_unit[0]  # "人均多少": the one count in 人
    else:
        return None  # no count named, or two alike: no guess
    unit = _unit(ind)
    expression = f"{total.executed} / {ind.actual.value}"
    result = calculator.run(expression, 2)["result"]
    money = ref(ctx, t, "全年执行数", total.executed, "万元")
    count = _measure_ref(ctx, t, ind, "实际完成值", ind.actual, ind.target)
    description = f"“{t.name}”全年执行数平均每{unit}（{ind.name}）"
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(result, "万元"))
    derived = FigureRef(subject=description, value=result, unit="万元", doc=t.doc, basis="计算", derived=True)
    calc = Calculation(expression=expression, result=result, unit="万元", operands=[money, count])
    return ctx.answer("calculation", text, intent="average", figures=[derived, money, count], calculation=calc,
                      citations=[ctx.kb.cite_row(t, t.name_line), ctx.kb.cite_row(t, total.line), ctx.kb.cite_row(t, ind.line_start, ind.line_end)],
                      turn=Turn(question=ctx.q.text, intent="average", kind="calculation", doc=t.doc, table_id=t.id))
