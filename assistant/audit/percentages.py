"""Stated percentages recomputed from their operands.

- shares: ``占 N%`` = part ÷ the total the share names;
- growth: ``增长/下降 N%`` = change ÷ last year, last year = current ∓ change;
- 预决算差异率 = (决算数 − 预算数) ÷ 预算数;
- 执行率 stated in the text = 全年执行数 ÷ 全年预算数 (the tables' 执行率 are in ``tables``).

A share list whose exactly rounded shares would not total 100% may move one share by less than a
unit of its last digit so that they do (尾差调整): that share is ``rounding``, with a note.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.audit.base import Audit
from assistant.audit.findings import Operand, Verdict, fmt, plain
from assistant.audit.vocabulary import key
from ingest.records import Figure

HUNDRED = Decimal(100)


def check(a: Audit) -> None:
    shares(a)
    growth(a)
    variance(a)
    execution(a)


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
        groups.setdefault(total.id, []).append((f, total, Verdict(f.share.percent, f.share.raw, computed), part, stated))
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
    return None


def growth(a: Audit) -> None:
    for f in a.figures:
        ch = f.change
        if ch is None or ch.percent is None or ch.amount is None:
            continue
        current = current_of(a, f)
        name = a.name(f)
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
        previous = current.value - ch.amount if increase else current.value + ch.amount
        now = a.operand(current, "current")
        last = a.derived(f"{name}上年数", previous, current.unit)
        sign = "−" if increase else "+"
        cites = [a.cite(current), a.cite(f)]
        ops = [now, amount, last, rate]
        head = f"上年数 = {fmt(current.raw)} {sign} {fmt(ch.amount_raw)} = {fmt(previous)} {current.unit}"
        if ch.amount == 0:
            v = Verdict(ch.percent, ch.percent_raw, Decimal(0))
            message = f"{name}比上年{ch.direction} {fmt(ch.amount_raw)} {amount.unit}，变动率应为 0%，{outcome(v)}。"
        elif previous == 0:
            a.add(
                family="percentages",
                check="percentages.growth",
                severity="unchecked",
                relation=relation,
                message=f"{head}，上年数为 0，变动率无法计算；文中写作 {ch.percent_raw}%。",
                operands=ops,
                citations=cites,
                unit="%",
                note="上年为零时增长率没有定义，文中的百分数只是惯例写法。",
            )
            continue
        elif previous < 0:
            continue  # an increase larger than the current value: reported by ``changes``
        else:
            computed = ch.amount / previous * HUNDRED
            v = Verdict(ch.percent, ch.percent_raw, computed)
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
    for f in a.figures:
        if f.basis != "执行率":
            continue
        budget = a.before(f, lambda g, f=f: _same_statement(f, g) and g.basis == "全年预算")
        executed = a.before(f, lambda g, f=f: _same_statement(f, g) and g.basis == "执行数")
        _ratio(a, f, "percentages.execution", budget, executed, "执行率", "全年执行数 ÷ 全年预算数")


def _ratio(a: Audit, f: Figure, check: str, budget: Figure | None, actual: Figure | None, word: str, formula: str) -> None:
    name = f.subject
    relation = f"{name}{word} = {formula}"
    stated = a.operand(f, "stated")
    if budget is None or actual is None:
        a.add(
            family="percentages",
            check=check,
            severity="unchecked",
            relation=relation,
            message=f"{name}{word} {f.raw}%，但同一句里找不到它的预算数或决算数。",
            operands=[stated],
            citations=[a.cite(f)],
            unit="%",
        )
        return
    b, x = a.operand(budget, "budget"), a.operand(actual, "actual")
    ops, cites = [b, x, stated], [a.cite(budget), a.cite(actual), a.cite(f)]
    if budget.value == 0:
        severity = "ok" if actual.value == 0 and f.value == 0 else "unchecked"
        a.add(
            family="percentages",
            check=check,
            severity=severity,
            relation=relation,
            message=f"预算数 {fmt(budget.raw)} {budget.unit}，决算数 {fmt(actual.raw)} {actual.unit}："
            + ("两者均为 0，文中 0%。" if severity == "ok" else f"预算数为 0，{word}无法计算；文中 {f.raw}%。"),
            operands=ops,
            citations=cites,
            unit="%",
        )
        return
    if check == "percentages.variance":
        computed = (actual.value - budget.value) / budget.value * HUNDRED
        expr = f"({fmt(actual.raw)} − {fmt(budget.raw)}) ÷ {fmt(budget.raw)}"
    else:
        computed = actual.value / budget.value * HUNDRED
        expr = f"{fmt(actual.raw)} ÷ {fmt(budget.raw)}"
    v = Verdict(f.value, f.raw, computed)
    a.add(
        family="percentages",
        check=check,
        relation=relation,
        message=f"{name}{word} = {expr} = {v.fields()['computed']}%，{outcome(v)}。",
        operands=ops,
        citations=cites,
        verdict=v,
        unit="%",
    )
