"""Stated percentages recomputed from their operands.

- shares: ``占 N%`` = part ÷ the total the share names;
- growth: ``增长/下降 N%`` = change ÷ last year, last year = current ∓ change;
- 预决算差异率 = (决算数 − 预算数) ÷ 预算数;
- 执行率 stated in the text = 全年执行数 ÷ 全年预算数, and 完成预算的 N% = 决算数 ÷ 年初预算数 —
  an operand the sentence does not state is read from the statutory table that prints it (the
  tables' 执行率 are in ``tables``).

A rate recomputed from printed operands inherits their rounding (:func:`carried`): a stated rate
within half a unit of its last digit plus that is ``rounding``. A rate on a zero base (上年为零的
增长率, a 完成率 of a zero budget) is a ``notice``: it has no meaning, whatever its value.

A share list whose exactly rounded shares would not total 100% may move one share by less than a
unit of its last digit so that they do (尾差调整): that share is ``rounding``, with a note.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.audit.base import Audit
from assistant.audit.findings import Operand, Verdict, fmt, half_unit, places_of, plain
from assistant.audit.cells import convert
from assistant.audit.sums import at, cell_term, figure_term
from assistant.audit.vocabulary import key
from ingest.records import Figure

HUNDRED = Decimal(100)


def check(a: Audit) -> None:
    shares(a)
    growth(a)
    variance(a)
    execution(a)


def carried(result: Decimal, *operands: tuple[Decimal, str]) -> Decimal:
    """The rounding a ratio inherits from its printed operands: each may be off half a unit of its
    last digit, so ``result`` may be off by ``|result| × Σ half-unit ÷ |operand|``.

    >>> carried(Decimal("25"), (Decimal("1.00"), "1.00"), (Decimal("4.00"), "4.00"))
    Decimal('0.15625')
    """
    out = Decimal(0)
    for value, raw in operands:
        if value:
            out += half_unit(places_of(raw)) / abs(value)
    return abs(result) * out


def outcome(v: Verdict, unit: str = "%") -> str:
    """How a stated value compares with its computed value, in words."""
    shown = v.fields()
    if v.severity == "ok":
        return f"与文中 {plain(v.stated)}{unit} 一致"
    if v.severity == "rounding":
        return f"四舍五入为 {shown['expected']}{unit}，文中 {plain(v.stated)}{unit}（尾差以内）"
    return f"四舍五入应为 {shown['expected']}{unit}，文中为 {plain(v.stated)}{unit}，相差 {shown['difference']}{unit}"


# -- shares -----------------------------------------------------------------------------------
def shares(a: Audit) -> None:
    groups: dict[str, list[tuple[Figure, Figure, Verdict, Operand, Operand]]] = {}  # part, total, verdict, their operands
    for f in a.figures:
        if f.share is None:
            continue
        part = a.operand(f, "part")
        stated = a.share(f, "stated")
        total = a.named(f.share.of, before=f, unit=f.unit, basis="本年决算") if f.share.of else None
        if (total is None or total.id == f.id) and f.share.of and table_share(a, f, part, stated):
            continue
        if total is None or total.id == f.id:
            a.add(
                family="percentages",
                check="percentages.share",
                severity="unchecked",
                relation=f"{part.subject}占比 = {part.subject} ÷ {f.share.of or '总数'}",
                message=f"{part.subject}占 {f.share.raw}%，但文中找不到它所占的总数（{f.share.of or '未写明'}）。",
                operands=[part, stated],
                citations=[a.cite(f)],
                unit="%",
            )
            continue
        if total.value == 0:
            a.add(
                family="percentages",
                check="percentages.share",
                severity="ok" if f.value == 0 and f.share.percent == 0 else "error",
                relation=f"{part.subject}占比 = {part.subject} ÷ {a.name(total)}",
                message=f"总数 {fmt(total.raw)} {total.unit} 为 0，占比只能为 0%，文中 {f.share.raw}%。",
                operands=[a.operand(total, "total"), part, stated],
                citations=[a.cite(total), a.cite(f)],
                unit="%",
            )
            continue
        computed = f.value / total.value * HUNDRED
        allowance = carried(computed, (f.value, f.raw), (total.value, total.raw))
        groups.setdefault(total.id, []).append((f, total, Verdict(f.share.percent, f.share.raw, computed, allowance=allowance), part, stated))
    for members in groups.values():
        balanced = _balanced(members)
        for f, total, v, part, stated in members:
            whole = a.operand(total, "total")
            note, ops = None, [whole, part, stated]
            said = f"{part.subject} {fmt(f.raw)} ÷ {whole.subject} {fmt(total.raw)} = {v.fields()['computed']}%"
            if v.severity == "mismatch" and balanced and abs(v.difference) < Decimal(1).scaleb(-v.places):
                # largest-remainder rounding: the list was made to total 100%
                v.severity = "rounding"
                ops.append(a.derived("各项占比合计", HUNDRED, "%"))
                message = f"{said}，四舍五入应为 {v.fields()['expected']}%，文中 {plain(v.stated)}%：为使各项占比合计 100% 而调整的尾差。"
                note = "尾差调整：各项按四舍五入合计不等于 100%，文中调整了这一项的末位，使各项占比合计为 100%。"
            else:
                message = f"{said}，{outcome(v)}。"
            a.add(
                family="percentages",
                check="percentages.share",
                relation=f"{part.subject}占比 = {part.subject} ÷ {whole.subject}",
                message=message,
                operands=ops,
                citations=[a.cite(total), a.cite(f)],
                verdict=v,
                unit="%",
                note=note,
                topics=(total.subject,),
            )


def table_share(a: Audit, f: Figure, part: Operand, stated: Operand) -> bool:
    """A share of a total the text does not state, recomputed with the statutory table's total."""
    from assistant.audit.narrative import cells_for

    cells = cells_for(a, f.model_copy(update={"subject": f.share.of, "parent": None, "classification": None, "basis": "本年决算"}))
    if not cells or cells[0].value == 0:
        return False
    whole = cell_term(a, cells[0])
    computed = convert(f.value, f.unit, whole.unit) / whole.value * HUNDRED
    v = Verdict(f.share.percent, f.share.raw, computed, allowance=carried(computed, (f.value, f.raw), (whole.value, whole.raw)))
    a.add(
        family="percentages",
        check="percentages.share",
        relation=f"{part.subject}占比 = {part.subject} ÷ {f.share.of}",
        message=f"{part.subject} {fmt(f.raw)} ÷ {at(whole)} {whole.shown} = {v.fields()['computed']}%，{outcome(v)}（{a.where(f.line_start)}）。",
        operands=[whole.operand, part, stated],
        citations=[whole.citation, a.cite(f)],
        verdict=v,
        unit="%",
        topics=(f.share.of,),
    )
    return True


def _balanced(members: list[tuple]) -> bool:
    """The stated shares total exactly 100% while the exactly rounded ones would not."""
    if len(members) < 2:
        return False
    stated = sum((f.share.percent for f, _, _, *_ in members), Decimal(0))
    rounded = sum((v.expected for _, _, v, *_ in members), Decimal(0))
    return stated == HUNDRED and rounded != HUNDRED


# -- growth -----------------------------------------------------------------------------------
def current_of(a: Audit, f: Figure) -> Figure | None:
    """The value a change is measured on: the figure itself, or for "X收入支出总体与上年相比" X's 总计."""
    if f.basis != "比上年增减":
        return f
    for base in a.vocab.change_base:
        m = re.fullmatch(base.subject, key(f.subject))
        if not m:
            continue
        for name in base.current:
            target = name.format(**m.groupdict())
            hit = next((g for g in a.figures if g.section == f.section and g.basis == "本年决算" and g.unit == f.unit and key(g.subject) == target), None)
            if hit is not None:
                return hit
    # "与上年相比，X增加 N 万元": X as the text states it before
    return a.named(f.subject, before=f, unit=f.unit, basis="本年决算")


def current_term(a: Audit, f: Figure):
    """The value a change is measured on, as a :class:`sums.Term`: stated in the text, else the
    statutory table's cell for the subject (财政拨款“三公”经费支出 → the 三公 table's 合计)."""
    from assistant.audit.narrative import cells_for

    current = current_of(a, f) if f.id in a.position else None
    if current is not None:
        return figure_term(a, current, a.name(current))
    cells = cells_for(a, f.model_copy(update={"basis": "本年决算", "kind": "amount"}))
    return cell_term(a, cells[0]) if cells else None


def stated_change(a: Audit, f: Figure) -> tuple[Figure, Decimal, str, str] | None:
    """The change a figure states — (the figure it is about, amount, as written, unit) — also when
    the change itself was read as the figure ("收入支出总计增加 487.62 万元，增长 23.04%": subject
    收入支出总计增加): then the figure it is about is the one named without the direction word."""
    ch = f.change
    if ch is None or ch.percent is None:
        return None
    if ch.amount is not None:
        return f, ch.amount, ch.amount_raw or plain(ch.amount), ch.unit or f.unit
    stem = key(f.subject)
    if f.kind != "amount" or not stem.endswith(ch.direction) or len(stem) <= len(ch.direction):
        return None
    subject = re.sub(rf"{ch.direction}\s*$", "", f.subject.strip())
    about = a.named(subject, before=f, unit=f.unit, basis="本年决算")
    if about is None:  # not stated in the text: its statutory table may print it
        about = f.model_copy(update={"subject": subject, "change": None, "id": f"{f.id}:about"})
    return about, f.value, f.raw, f.unit


def growth(a: Audit) -> None:
    for f in a.figures:
        said = stated_change(a, f)
        if said is None:
            continue
        about, change_value, change_raw, change_unit = said
        ch = f.change.model_copy(update={"amount": change_value, "amount_raw": change_raw, "unit": change_unit})
        current = current_term(a, about)
        name = a.name(about)
        amount = a.stated_with(f, "change", subject=f"{name}比上年{ch.direction}额", value=ch.amount, raw=ch.amount_raw, unit=ch.unit or f.unit, basis="比上年增减", role="change")
        rate = a.stated_with(f, "percent", subject=f"{name}比上年变动率", value=ch.percent, raw=ch.percent_raw, unit="%", basis="比上年增减", role="stated")
        relation = f"{name}变动率 = 变动额 ÷ 上年数"
        if current is None:
            a.add(
                family="percentages",
                check="percentages.growth",
                severity="unchecked",
                relation=relation,
                message=f"{name}比上年{ch.direction} {fmt(ch.amount_raw)} {amount.unit}，但文中找不到本年数，无法核对 {ch.percent_raw}%。",
                operands=[amount, rate],
                citations=[a.cite(f)],
                unit="%",
            )
            continue
        increase = ch.direction == "增加"
        change_amount = convert(ch.amount, ch.unit or f.unit, current.unit)
        previous = current.value - change_amount if increase else current.value + change_amount
        now = current.operand.model_copy(update={"role": "current"})
        last = a.derived(f"{name}上年数", previous, current.unit)
        sign = "−" if increase else "+"
        cites = [current.citation, a.cite(f)]
        ops = [now, amount, last, rate]
        head = f"上年数 = {current.shown} {sign} {fmt(ch.amount_raw)} = {fmt(previous)} {current.unit}"
        if ch.amount == 0:
            v = Verdict(ch.percent, ch.percent_raw, Decimal(0))
            message = f"{name}比上年{ch.direction} {fmt(ch.amount_raw)} {amount.unit}，变动率应为 0%，{outcome(v)}。"
        elif previous == 0:
            a.add(
                family="percentages",
                check="percentages.growth",
                severity="notice",
                relation=relation,
                message=f"{head}，上年数为 0，变动率无法计算；文中却写 {ch.percent_raw}%。",
                operands=ops,
                citations=cites,
                unit="%",
                note="上年为零时增长率没有定义：应写明上年没有此项支出，而不是给出百分数。",
            )
            continue
        elif previous < 0:
            continue  # an increase larger than the current value: reported by ``changes``
        else:
            computed = change_amount / previous * HUNDRED
            h_change = half_unit(places_of(ch.amount_raw or plain(ch.amount)))
            h_previous = h_change + current.half(current.unit)
            v = Verdict(ch.percent, ch.percent_raw, computed, allowance=abs(computed) * (h_change / change_amount + h_previous / abs(previous)))
            message = f"{head}；变动率 = {fmt(ch.amount_raw)} ÷ {fmt(previous)} = {v.fields()['computed']}%，{outcome(v)}。"
        a.add(family="percentages", check="percentages.growth", relation=relation, message=message, operands=ops, citations=cites, verdict=v, unit="%")


# -- 预决算差异率 and 执行率 ---------------------------------------------------------------------
def _same_statement(rate: Figure, g: Figure) -> bool:
    return g.subject == rate.subject and g.kind != "percent" and g.line_start >= rate.line_start - 5


def variance(a: Audit) -> None:
    for f in a.figures:
        if f.basis != "预决算差异率":
            continue
        budget = a.before(f, lambda g, f=f: _same_statement(f, g) and g.basis in ("年初预算", "全年预算"))
        actual = a.before(f, lambda g, f=f: _same_statement(f, g) and g.basis == "本年决算")
        _ratio(a, f, "percentages.variance", budget, actual, "预决算差异率", "(决算数 − 预算数) ÷ 预算数")


def execution(a: Audit) -> None:
    """执行率 / 完成预算的 N%: the executed amount over the budget of the same statement; an operand
    the statement does not give is read from the statutory table that prints it (the 三公 items'
    年初预算数)."""
    from assistant.audit.narrative import cells_for

    for f in a.figures:
        if f.basis != "执行率" or not a.first_time("execution", f.subject, f.line_start, f.raw):
            continue
        about = _rated(a, f)
        budget = a.before(f, lambda g, f=about: _same_statement(f, g) and g.basis in ("全年预算", "年初预算") and g.kind == "amount")
        executed = a.before(f, lambda g, f=about: _same_statement(f, g) and g.basis in ("执行数", "本年决算") and g.kind == "amount")
        terms = []
        for found, basis in ((budget, "年初预算"), (executed, "本年决算")):
            if found is not None:
                terms.append(figure_term(a, found, a.name(found)))
                continue
            cells = cells_for(a, about.model_copy(update={"basis": basis, "kind": "amount"}))
            terms.append(cell_term(a, cells[0]) if cells else None)
        word = "完成率" if f.term and "完成" in f.term else "执行率"
        formula = "决算数 ÷ 预算数" if word == "完成率" else "全年执行数 ÷ 全年预算数"
        _ratio(a, about if about is not f else f, "percentages.execution", terms[0], terms[1], word, formula, stated=f)


def _rated(a: Audit, f: Figure) -> Figure:
    """What a rate is about: the amount written just before it ("因公出国（境）费决算为 0 万元，完成
    预算的 0%"), even when the rate was read under the sentence's first subject; else itself."""
    i = a.position[f.id]
    prev = a.figures[i - 1] if i else None
    if prev is not None and prev.kind == "amount" and prev.basis in ("本年决算", "执行数") and prev.subject != f.subject and prev.line_end >= f.line_start - 1 and prev.line_start <= f.line_end:
        return prev.model_copy(update={"basis": "执行率", "kind": "percent", "value": f.value, "raw": f.raw, "id": f.id, "unit": f.unit, "term": f.term})
    return f


def _ratio(a: Audit, f: Figure, check: str, budget, actual, word: str, formula: str, stated: Figure | None = None) -> None:
    """A stated rate ``f`` against budget and actual (figures or :class:`sums.Term`). A zero budget
    makes the rate meaningless: a ``notice`` (a 预决算差异率 of 0% between two zeros is ``ok``).
    ``stated``: the figure as read, when ``f`` is it restated about another subject."""
    if isinstance(budget, Figure):
        budget = figure_term(a, budget, a.name(budget))
    if isinstance(actual, Figure):
        actual = figure_term(a, actual, a.name(actual))
    name = f.subject
    relation = f"{name}{word} = {formula}"
    cite_stated = a.cite(stated or f)
    stated = a.operand(f, "stated")
    if budget is None or actual is None:
        a.add(
            family="percentages",
            check=check,
            severity="unchecked",
            relation=relation,
            message=f"{name}{word} {f.raw}%，但同一句里找不到它的预算数或决算数。",
            operands=[stated],
            citations=[cite_stated],
            unit="%",
        )
        return
    ops, cites = [budget.operand, actual.operand, stated], [budget.citation, actual.citation, cite_stated]
    unit = budget.unit
    if budget.value == 0:
        severity = "ok" if check == "percentages.variance" and actual.value == 0 and f.value == 0 else "notice"
        a.add(
            family="percentages",
            check=check,
            severity=severity,
            relation=relation,
            message=f"{at(budget)} {budget.shown} {budget.unit}，{at(actual)} {actual.shown} {actual.unit}："
            + ("两者均为 0，文中 0%。" if severity == "ok" else f"预算数为 0，{word}没有意义；文中却写 {f.raw}%（{a.where(f.line_start)}）。"),
            operands=ops,
            citations=cites,
            unit="%",
            note=None if severity == "ok" else f"基数为零时{word}无法计算，应改为文字说明（如“年初未安排预算”）。",
        )
        return
    x, b = actual.value_in(unit), budget.value
    if check == "percentages.variance":
        computed = (x - b) / b * HUNDRED
        expr = f"({actual.shown} − {budget.shown}) ÷ {budget.shown}"
        allowance = abs(HUNDRED * x / b) * (actual.half(unit) / abs(x) if x else 0) + abs(HUNDRED * x / b) * budget.half(unit) / abs(b)
    else:
        computed = x / b * HUNDRED
        expr = f"{actual.shown} ÷ {budget.shown}"
        allowance = abs(computed) * ((actual.half(unit) / abs(x) if x else 0) + budget.half(unit) / abs(b))
    v = Verdict(f.value, f.raw, computed, allowance=allowance)
    a.add(
        family="percentages",
        check=check,
        relation=relation,
        message=f"{name}{word} = {expr} = {v.fields()['computed']}%，{outcome(v)}（{a.where(f.line_start)}）。",
        operands=ops,
        citations=cites,
        verdict=v,
        unit="%",
    )
