"""Stated changes against last year: the direction words agree with each other and with the sign.

"比上年减少 19.69 万元，下降 43.68%" — the amount's word (增加/减少) and the rate's word
(增长/下降) must point the same way, a number after a direction word carries no minus sign, and an
increase cannot exceed the current value (last year would be negative). When the document also
states last year's figure (上年决算数), current − last year must equal the change.
"""

from __future__ import annotations

import re

from assistant.audit.base import Audit
from assistant.audit.findings import Operand, Verdict, fmt, plain
from assistant.audit.percentages import current_of
from ingest.records import Figure

UP = ("增加", "增长", "上升", "提高")
DOWN = ("减少", "下降", "降低")
WORD = "(" + "|".join(UP + DOWN) + ")"


def check(a: Audit) -> None:
    for f in a.figures:
        if f.change is None or f.change.direction == "持平":
            continue
        direction(a, f)
        stated_last_year(a, f)


def word_before(text: str, raw: str | None, unit: str) -> str | None:
    """The direction word written right before ``raw`` ``unit`` in ``text`` (spaces removed)."""
    if not raw:
        return None
    m = re.search(WORD + r"了?(?:为)?" + re.escape(raw.replace(" ", "")) + re.escape(unit), text)
    return m.group(1) if m else None


def direction(a: Audit, f: Figure) -> None:
    ch = f.change
    text = re.sub(r"\s+|\*\*", "", f.quote)
    unit = ch.unit or f.unit
    if ch.amount_raw is None and f.kind == "amount" and f.subject.strip().endswith(ch.direction):
        ch = ch.model_copy(update={"amount": f.value, "amount_raw": f.raw})  # the change was read as the figure itself
    amount_word = word_before(text, ch.amount_raw, unit)
    rate_word = word_before(text, ch.percent_raw, "%")
    if amount_word is None and rate_word is None:
        return
    name = a.name(f)
    ops: list[Operand] = []
    said = []
    if amount_word is not None:
        ops.append(
            a.stated_with(f, "change", subject=f"{name}比上年{amount_word}额", value=ch.amount, raw=ch.amount_raw, unit=unit, basis="比上年增减", role="change")
        )
        said.append(f"{amount_word} {fmt(ch.amount_raw)} {unit}")
    if rate_word is not None:
        ops.append(
            a.stated_with(f, "percent", subject=f"{name}比上年{rate_word}率", value=ch.percent, raw=ch.percent_raw, unit="%", basis="比上年增减", role="change")
        )
        said.append(f"{rate_word} {ch.percent_raw}%")
    problems = []
    if amount_word and rate_word and (amount_word in UP) != (rate_word in UP):
        problems.append(f"金额写“{amount_word}”而比率写“{rate_word}”，方向相反")
    for raw, word in ((ch.amount_raw, amount_word), (ch.percent_raw, rate_word)):
        if word and raw and raw.strip().startswith(("-", "−")):
            problems.append(f"“{word}”后面的数字带负号，方向不明")
    current = current_of(a, f)
    cites = [a.cite(f)]
    if current is not None and current.id != f.id:
        ops.insert(0, a.operand(current, "current"))
        cites.insert(0, a.cite(current))
    if current is not None and ch.amount is not None and (amount_word or ch.direction) in UP and ch.amount > current.value >= 0:
        problems.append(f"比上年增加 {fmt(ch.amount_raw)} {unit}，超过本年数 {fmt(current.raw)} {current.unit}，上年数将为负")
        if current.id == f.id:
            ops.insert(0, a.operand(current, "current"))
    ok = not problems
    a.add(
        family="changes",
        check="changes.direction",
        severity="ok" if ok else "error",
        relation=f"{name}比上年增减的方向一致",
        message=f"{name}比上年" + "、".join(said) + ("：方向一致。" if ok else "：" + "；".join(problems) + "。"),
        operands=ops,
        citations=cites,
        unit=unit,
    )


def stated_last_year(a: Audit, f: Figure) -> None:
    """Current − 上年决算数 = the stated change, when the document states last year's figure."""
    ch = f.change
    if ch.amount is None or f.basis == "比上年增减":
        return
    last = next((g for g in a.figures if g.section == f.section and g.subject == f.subject and g.basis == "上年决算" and g.unit == f.unit), None)
    if last is None:
        return
    signed = ch.amount if ch.direction == "增加" else -ch.amount
    computed = f.value - last.value
    v = Verdict(signed, ch.amount_raw or plain(ch.amount), computed)
    name = a.name(f)
    change = a.stated_with(f, "change", subject=f"{name}比上年增减额", value=signed, raw=ch.amount_raw, unit=f.unit, basis="比上年增减", role="stated")
    a.add(
        family="changes",
        check="changes.last_year",
        relation=f"{name}比上年增减额 = 本年数 − 上年决算数",
        message=f"{fmt(f.raw)} − {fmt(last.raw)} = {fmt(computed)} {f.unit}；文中{ch.direction} {fmt(ch.amount_raw or plain(ch.amount))} {f.unit}"
        + ("，一致。" if v.severity == "ok" else f"，相差 {fmt(v.difference)} {f.unit}。"),
        operands=[a.operand(f, "current"), a.operand(last, "last_year"), change],
        citations=[a.cite(f), a.cite(last)],
        verdict=v,
        unit=f.unit,
    )
