"""A calculation one side of which is the amount the turn before worked out.

"货物和工程两类加起来是多少？占全部采购金额的比例是多少？", "…决算比年初预算少了多少？2000万元占这一
差额的比例是多少？", "四个项的年初预算合计多少？按该款决算数计算，完成率是多少？": the sum or
difference just computed is an operand again — written out in brackets inside the new expression,
so the answer shows every figure it rests on, each cited. The other side is a figure or a table
cell the words name, the same subjects added up on another basis ("两项决算合计"), or one subject's
own budget gap ("行政运行少花的金额").
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.calculator import run
from assistant.compose import Ctx, qty
from assistant.handlers.calc import MONEY, PARENT_LINES, _denominator, _exact, clean, pick
from assistant.handlers.figures import STRONG, best_figures, change_refs
from assistant.handlers.statements import Cell, Operand, _cell_operand, first_given
from assistant.knowledge import label
from assistant.rows import read_asked, total_column
from assistant.text import fold, grams
from assistant.understand import basis_of
from ingest.errors import CalculationError
from ingest.records import Figure

# "这一差额", "这一合计", "两项合计", "这部分 gap": the result the turn before worked out, named again
LAST_RESULT = re.compile(r"(?:这一|这个|该|此|上述|上面的?|前面的?|刚才的?|以上的?)总?(?:差额|差距|缺口|合计数?|总额|总和|结果)|这部分(?:\s*gap|差额|缺口|钱)?|这一?总差额"
                         r"|^(?:这|那|上述|以上)(?:两|三|四|五|六|几)(?:项|类|个|块|笔)(?:的钱|的金额|加起来)?$"
                         r"|(?:两|三|四|五|几|这几|这两|这三|这四)(?:项|类|个|块)的?(?P<basis>年初预算|全年预算|预算|决算|支出决算|执行数|全年执行数)?(?:数)?(?:合计|加起来|之和|总和|总额)")
# "两项决算合计", "年初预算合计": the same subjects on a basis, added up
BASIS_ADDED = re.compile(r"(?:(?:两|三|四|五|几|这几|这两|这三|这四)(?:项|类|个|块)的?)?(?P<basis>年初预算|全年预算|预算|支出决算|决算|全年执行数|执行数)数?(?:合计|之和|总和|总额)")
PERCENT_OF = re.compile(r"(?P<x>[^，,。？?]*?)(?:相当于|是|为|占了?|达到)(?P<y>[^，,。？?]+?)的?(?:百分之几|百分之多少|百分比|比例|比重|多少%|几成|share)")
RATE_ASKED = re.compile(r"完成率|执行率|完成(?:了)?(?:预算|年初预算)?的?(?:百分之几|比例|多少)")
OF_THE_LEVEL = re.compile(r"(?:该|这个|此|这一)(类|款|项)")
GAP_SIDE = re.compile(r"(?:的)?(?:差额|少花的?(?:金额|钱|部分)?|没花完的?(?:部分|钱)?|未支出的?部分|缺口|gap)")
BASIS_ENDING = re.compile(r"(?:年初预算|全年预算|支出决算|决算)数?$")
WITHIN_BEFORE = re.compile(r"(?P<whole>[^，,。？?]+?)(?:里|中|当中|之中)[，,]\s*$")
WITHIN_LAST = re.compile(r"^(?P<whole>.*?)(?:里|中|当中|之中)[，,]?")  # "这部分 gap 里，X…": the whole named first


def of_the_last_result(ctx: Ctx) -> Answer | None:
    """X ÷ Y × 100 where X or Y is the sum or difference of money the turn before worked out."""
    last = ctx.session.last
    if last is None or last.calculation is None or last.calculation.unit not in MONEY or worked_out(last.calculation) is None:
        return None
    asked = ctx.q.folded.strip("？?。 ")
    clause = re.split(r"[？?。]", asked)[-1] if asked else ""
    m = PERCENT_OF.search(clause)
    if m is not None:
        x, y = m.group("x"), m.group("y")
        before = WITHIN_BEFORE.search(clause[: m.start()])
        first = WITHIN_LAST.match(x)
        if first is not None and LAST_RESULT.search(first.group("whole")) and not LAST_RESULT.search(y):
            x, y = x[first.end() :], first.group("whole")  # "这部分 gap 里行政运行少花的金额占多大比例"
        elif before is not None and LAST_RESULT.search(before.group("whole")) and not clean(y, ctx):
            y = before.group("whole")  # "这部分 gap 里，行政运行少花的金额占多大比例": the whole said before the comma
    elif (rate := RATE_ASKED.search(clause)) is not None:  # "按该款决算数计算，完成率是多少": the amount named over the budget just added up
        x, y = re.sub(r"^按|计算[，,]?$|[，,]$", "", clause[: rate.start()].strip()), "这一合计"
    else:
        return None
    if worked_out(last.calculation) == "difference" and not (LAST_RESULT.search(x) or LAST_RESULT.search(y)):
        return None  # ("…多了多少？是预算的百分之几？": the spending over its budget — a gap is an operand only when named)
    operands = [ctx.kb.figure_by_id.get(r.record_id) for r in last.calculation.operands if r.record_id]
    operands = [f for f in operands if f is not None]
    first = _side(ctx, last, x, operands)
    sides = [first, _side(ctx, last, y, operands, whole_of=operands[0] if first == "last" and operands else None, part=False)]
    if any(s is None for s in sides) or sides.count("last") != 1:
        return None
    return _share(ctx, last, *sides)


def worked_out(c: Calculation) -> str | None:
    """"sum" or "difference": what a calculation of amounts did (None for anything else)."""
    if re.fullmatch(r"[\d.]+(?: \+ [\d.]+)+", c.expression):
        return "sum"
    return "difference" if re.fullmatch(r"[\d.]+ − [\d.]+", c.expression) else None


def short_label(subject: str) -> str:
    """A subject as an answer names it: the last of its 类/款/项 ("…（款）行政单位医疗（项）年初预算" → 行政单位医疗年初预算)."""
    return re.sub(r"^.*[）)](?=[^（）()]+$)", "", re.sub(r"（项）|\(项\)", "", subject)) or subject


def _side(ctx: Ctx, last: Turn, text: str, operands: list[Figure], whole_of: Figure | None = None, part: bool = True):
    """One side: "last" (the result worked out before), an Operand, a list of Operands (added up),
    a pair of Operands (a budget and its spending: the gap), or None (not found). ``whole_of``: a
    part of the result, whose whole the text may name ("全部采购金额")."""
    text = text.strip(" ，,")
    said = LAST_RESULT.search(text) or BASIS_ADDED.fullmatch(text.replace("的", ""))
    if not clean(text, ctx):
        return "last" if part else None  # "占全部采购金额的比例" (nothing before 占): the result is the part; a whole unsaid is its own
    if said is not None and not said.group("basis"):
        return "last"
    if said is not None:
        # "两项决算合计": the same subjects on another basis, added up (or the result itself, on its own basis)
        wanted = basis_of(said.group("basis"), ctx.lang) or ["本年决算"]  # (决算, 支出决算: the money spent)
        if operands and all(o.basis in wanted for o in operands):
            return "last"
        others = [_on_basis(ctx, o, wanted) for o in operands]
        return [_figure_operand(ctx, o) for o in others] if others and None not in others else None
    amount = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*万元", text)
    if amount is not None:  # "2000万元占这一差额的比例": the amount the question states, as the document states it
        value = Decimal(amount.group(1).replace(",", ""))
        words = set(grams(clean(text[: amount.start()], ctx)))
        stated = [f for f in ctx.kb.figures if f.doc in {o.doc for o in operands} and f.unit == "万元" and f.value == value]
        best = max(stated, key=lambda f: len(words & set(grams(fold(ctx.kb.doc(f.doc).lines[f.line_start - 1])))), default=None)
        return _figure_operand(ctx, best) if best is not None else None
    level = OF_THE_LEVEL.search(text)
    if level is not None:  # "该款决算数": the 款 the message named before ("城乡社区管理事务（款）下…")
        named = re.search(r"([\u4e00-\u9fff]{2,16})[（(]" + level.group(1) + r"[）)]", last.message or last.question)
        if named is None:
            return None
        name = re.sub(r"^.*(?:年|的|、|，|,|下|里|中)(?=[\u4e00-\u9fff]{2})", "", named.group(1))
        row = _row_named(ctx, name, {o.doc for o in operands})
        if row is not None:
            return row
        text = name + text[level.end() :]
    gap = GAP_SIDE.search(text)
    if gap is not None and worked_out(last.calculation) == "difference":
        # "行政运行（项）少花的金额占这部分 gap 的比例": that subject's own budget less its spending
        named = pick(ctx, clean(text[: gap.start()], ctx), units=list(MONEY), strict=True, exclude=operands)
        spent = named if named is None or named.basis == "本年决算" else _on_basis(ctx, named, ["本年决算"])
        budget = _on_basis(ctx, spent, ["年初预算"]) if spent is not None else None
        return (_figure_operand(ctx, budget), _figure_operand(ctx, spent)) if budget is not None else None
    if whole_of is not None:
        whole = _denominator(ctx, whole_of, clean(text, ctx))
        if whole is not None and whole not in operands:
            return _figure_operand(ctx, whole)
    found = pick(ctx, clean(text, ctx), units=list(MONEY), strict=True, exclude=operands)
    return _figure_operand(ctx, found) if found is not None else None


def _row_named(ctx: Ctx, name: str, docs: set[str]) -> Operand | None:
    """The table row of exactly that name, its total column (a 款 the narrative gives no figure of)."""
    hits = [h for h in ctx.kb.rows.match(name, read_asked(name), list(docs)) if h.how == "name" and fold(h.entry.row.name).endswith(fold(name))]
    for h in hits:
        column = total_column(h.entry.table, h.entry.row)
        amount = h.entry.row.amount(column) if column else None
        if amount is not None and amount.value is not None:
            return _cell_operand(ctx, Cell(h.entry, amount))
    return None


def _figure_operand(ctx: Ctx, f: Figure) -> Operand:
    return Operand(short_label(label(f)), f.value, ctx.kb.ref(f), ctx.kb.cite_figure(f))


def _on_basis(ctx: Ctx, a: Figure, bases: list[str]) -> Figure | None:
    """The figure stated near ``a`` for its subject on one of ``bases`` (a subject read with its
    basis, "…行政单位医疗（项）年初预算", is the same subject as "…行政单位医疗（项）")."""
    stem = BASIS_ENDING.sub("", a.subject)
    same = [g for g in ctx.kb.figures if g.doc == a.doc and g.unit == a.unit and g.id != a.id and g.basis in bases
            and BASIS_ENDING.sub("", g.subject) == stem and abs(g.line_start - a.line_start) <= PARENT_LINES]
    return min(same, key=lambda g: abs(g.line_start - a.line_start), default=None)


def _share(ctx: Ctx, last: Turn, x, y) -> Answer | None:
    """x ÷ y × 100, the last result written out in brackets, every step shown."""
    before = last.calculation
    named = [short_label(r.subject) for r in before.operands]
    earlier = "、".join(named) + "合计" if worked_out(before) == "sum" else "与".join(named[:2]) + "之差"
    steps = [f"{before.expression} = {qty(before.result, before.unit)}"]
    shown: list[FigureRef] = []

    def said(side) -> tuple[str, str, list[Operand]]:
        if side == "last":
            return f"({before.expression})", earlier, []
        if isinstance(side, (list, tuple)):
            sign = " + " if isinstance(side, list) else " − "
            inner = sign.join(str(o.value) for o in side)
            result = _exact(run(inner, None)["result"], *side) if isinstance(side, list) else run(inner, 2)["result"]
            name = "、".join(o.label for o in side) + "合计" if isinstance(side, list) else BASIS_ENDING.sub("", side[1].label) + "年初预算与决算之差"
            steps.append(f"{inner} = {qty(result, side[0].ref.unit)}")
            shown.append(FigureRef(subject=name, value=result, unit=side[0].ref.unit, doc=side[0].ref.doc, basis="计算", derived=True))
            return f"({inner})", name, list(side)
        return str(side.value), side.label, [side]

    try:
        (xe, xl, xo), (ye, yl, yo) = said(x), said(y)
        expression = f"{xe} / {ye} × 100"
        out = run(expression, 2)
    except CalculationError:
        return None
    used = [*xo, *yo]
    if not used:
        return None
    description = f"{xl}占{yl}的比例"
    refs = [*before.operands, *(o.ref for o in used)]
    doc = used[0].ref.doc
    again = FigureRef(subject=earlier, value=before.result, unit=before.unit, doc=doc, basis="计算", derived=True)
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(out["result"], "%")) + f"（其中 {'；'.join(steps)}）"
    cites = [o.citation for o in used] + [ctx.kb.cite_figure(g) for r in before.operands if r.record_id and (g := ctx.kb.figure_by_id.get(r.record_id)) is not None]
    return _percent_said(ctx, text, description, expression, out["result"], refs, cites, doc, [o.ref.record_id for o in used if o.ref.record_id], [again, *shown])


def _percent(ctx: Ctx, description: str, expression: str, result: str, refs: list[FigureRef], citations: list, doc: str,
             figure_ids: list[str], shown: list[FigureRef] = ()) -> Answer:
    """A share worked out (``expression`` = ``result`` %), with the operands it rests on and any
    intermediate results ``shown`` beside them."""
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(result, "%"))
    return _percent_said(ctx, text, description, expression, result, refs, citations, doc, figure_ids, shown)


def _percent_said(ctx: Ctx, text: str, description: str, expression: str, result: str, refs: list[FigureRef], citations: list, doc: str,
                  figure_ids: list[str], shown: list[FigureRef] = ()) -> Answer:
    derived = FigureRef(subject=description, value=result, unit="%", doc=doc, basis="计算", derived=True)
    return ctx.answer("calculation", text, intent="share", figures=[derived, *shown, *refs], citations=[c for c in citations if c],
                      calculation=Calculation(expression=expression, result=result, unit="%", operands=refs),
                      turn=Turn(question=ctx.q.text, intent="share", kind="calculation", doc=doc, figure_ids=figure_ids))


BARE_SHARE = re.compile(r"(?:那么?)?(?:它|这|这个|其|实际)?(?:占|占了|占比|是预算的|占预算的?)(?:多少|几成|百分之几|百分之多少|多大比例|多少比例|比例|比重)?(?:呢|啊)?")


def share_of_the_last_two(ctx: Ctx) -> Answer | None:
    """"预算是多少？" "实际花了多少？" "占多少？": the amount the last turn gave over the one the turn
    before gave (one amount each, in one unit), × 100."""
    turns = ctx.session.turns[-2:]
    if len(turns) < 2 or not BARE_SHARE.fullmatch(re.sub(r"[？?。！!\s]", "", ctx.q.folded)):
        return None
    given = []
    for turn in turns:
        if turn.calculation is not None or not 1 <= len(turn.figure_ids) <= 2:
            return None  # (one amount: a figure, or a figure and the table cell that prints it)
        f, cell = first_given(ctx.kb, turn)
        if f is not None and f.share is not None:
            return None  # ("其中X呢？占多少？": the share the document states of X is said as it is)
        if len(turn.figure_ids) == 2 and "#" not in turn.figure_ids[1]:
            return None  # two figures of the narrative: which one is meant is not said
        operand = _figure_operand(ctx, f) if f is not None else (_cell_operand(ctx, cell) if cell is not None else None)
        if operand is None or operand.ref.unit not in MONEY:
            return None
        given.append(operand)
    whole, part = given
    if part.ref.unit != whole.ref.unit or not whole.value or part.ref.record_id == whole.ref.record_id:
        return None
    expression = f"{part.value} / {whole.value} × 100"
    return _percent(ctx, f"{part.label}占{whole.label}的比例", expression, run(expression, 2)["result"], [part.ref, whole.ref],
                    [part.citation, whole.citation], part.ref.doc, [o.ref.record_id for o in given if o.ref.record_id])


# "哪家差额更大，大多少？": which department's result is larger, and by how much
WHICH_MORE = re.compile(r"(?:哪家|哪个|哪一家|哪个部门|哪个单位|谁)[^，,。？?]{0,10}?(?:更|最)?(?P<way>大|多|高|小|少|低)[^，,。？?]{0,4}?[，,]?\s*(?:大|多|高|小|少|低|差|相差)了?(?:多少|几)"
                        r"|(?:两家|两者|二者|两个部门|两个单位)?(?:相差|差了|差距)(?:多少|多大|几)")


def compared_results(ctx: Ctx) -> Answer | None:
    """The results the turn before worked out for two departments, the larger less the smaller."""
    last = ctx.session.last
    if last is None or len(last.calculations) != 2 or not WHICH_MORE.search(ctx.q.folded):
        return None
    a, b = last.calculations
    if a.unit != b.unit or a.unit not in MONEY or not a.operands or not b.operands:
        return None
    (big, big_doc), (small, small_doc) = sorted(((a, a.operands[0].doc), (b, b.operands[0].doc)), key=lambda x: Decimal(x[0].result), reverse=True)
    title = {d: f"{ctx.kb.doc(d).info.department}{ctx.kb.doc(d).info.year}年度" if d in ctx.kb.doc_ids else d for d in (big_doc, small_doc)}
    expression = f"{big.result} − {small.result}"
    out = run(expression, 2)
    refs = [FigureRef(subject=f"{title[d]}的计算结果", value=c.result, unit=c.unit, doc=d, basis="计算", derived=True) for c, d in ((big, big_doc), (small, small_doc))]
    description = f"{title[big_doc]}（{qty(big.result, big.unit)}）比{title[small_doc]}（{qty(small.result, small.unit)}）多"
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(out["result"], big.unit))
    text += f"（其中 {big.expression} = {qty(big.result, big.unit)}；{small.expression} = {qty(small.result, small.unit)}）"
    result = FigureRef(subject=description, value=out["result"], unit=big.unit, doc=big_doc, basis="计算", derived=True)
    cites = [ctx.kb.cite_figure(g) for r in (*big.operands, *small.operands) if r.record_id and (g := ctx.kb.figure_by_id.get(r.record_id)) is not None]
    return ctx.answer("calculation", text, intent="difference", figures=[result, *refs, *big.operands, *small.operands], citations=[c for c in cites if c],
                      calculation=Calculation(expression=expression, result=out["result"], unit=big.unit, operands=refs),
                      turn=Turn(question=ctx.q.text, intent="difference", kind="calculation", docs=[big_doc, small_doc]))


# "X比上年增加额中，Y的增加额占多大比例": one change as a share of another
CHANGE_WORD = r"(?:增加额|增长额|减少额|增加的(?:金额|部分|钱)?|增长的(?:金额|部分)?|减少的(?:金额|部分)?|增量|增减额|变动额)"
SHARE_OF_CHANGE = re.compile(rf"(?P<whole>[^，,。？?]+?){CHANGE_WORD}(?:里|中|当中)[，,]?(?P<part>[^，,。？?]+?)的?{CHANGE_WORD}占")


def share_of_a_change(ctx: Ctx) -> Answer | None:
    """A part's change over its whole's change, both as the document states them, × 100."""
    m = SHARE_OF_CHANGE.search(ctx.q.folded)
    if m is None:
        return None
    found = []
    for text in (m.group("part"), m.group("whole")):
        ranked = [r for r in best_figures(ctx, text=clean(text, ctx)) if r.figure.change is not None and r.figure.change.amount is not None]
        if not ranked or ranked[0].score < STRONG - 0.1:
            return None
        found.append(ranked[0].figure)
    part, whole = found
    if part.id == whole.id or not whole.change.amount or (part.change.unit or part.unit) != (whole.change.unit or whole.unit):
        return None
    refs = [change_refs(ctx, f)[1 if f.basis != "比上年增减" else 0] for f in (part, whole)]
    expression = f"{part.change.amount} / {whole.change.amount} × 100"
    return _percent(ctx, f"{refs[0].subject}占{refs[1].subject}的比例", expression, run(expression, 2)["result"], refs,
                    [ctx.kb.cite_figure(part), ctx.kb.cite_figure(whole)], part.doc, [part.id, whole.id])
