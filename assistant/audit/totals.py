"""Totals against their parts.

- the template's cross-section relations named in the vocabulary (基本支出 = 人员经费 + 公用经费,
  本年财政拨款支出 = 一般公共预算 + 政府性基金 + 国有资本经营 …), a part the document says it does
  not have ("无国有资本经营预算财政拨款…") counting as 0;
- 收入总计 = 支出总计 for every "<X>收入总计 / <X>支出总计" pair;
- the 类/款/项 classification: a 类 against its 项, the section total against its 类;
- "其中：" lists: a figure and the figures whose ``parent`` it is (one part: part ≤ total);
- lists of shares of one total ("A N 万元，占 N%"): the shares add up to 100%, and then the
  amounts add up to the total.

A relation already reported over the same (or more) operands is not reported again.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Citation
from assistant.audit.base import Audit
from assistant.audit.findings import Operand, Verdict, envelope, fmt, half_unit, places_of, plain
from assistant.audit.vocabulary import key
from ingest.records import Figure

SUMMABLE = ("amount", "count", "measure")
NOT_STATEMENTS = ("比上年增减", "占比", "预决算差异率", "执行率")


def check(a: Audit) -> None:
    named_sums(a)
    balances(a)
    classification(a)
    parts_lists(a)
    share_lists(a)


# -- the finding ------------------------------------------------------------------------------
def sum_finding(
    a: Audit, check: str, total: Figure, parts: list[tuple[Operand, Citation]], *, relation: str | None = None, topics: tuple[str, ...] = ()
) -> None:
    """``total`` = Σ ``parts``: exact sum of the stated parts against the stated total."""
    ops = [op for op, _ in parts]
    computed = sum((Decimal(op.value) for op in ops), Decimal(0))
    # every printed number carries half a unit of its last digit: a 尾差 within that is rounding
    v = Verdict(total.value, total.raw, computed, tolerance=envelope([total.raw, *(op.raw or op.value for op in ops)]))
    unit = total.unit
    name = a.name(total)
    relation = relation or f"{name} = " + " + ".join(op.subject for op in ops)
    terms = " + ".join(f"{op.subject} {fmt(op.raw or op.value)}" for op in ops)
    if v.severity == "ok":
        message = f"{terms} = {fmt(computed)} {unit}，与{name} {fmt(total.raw)} {unit} 一致。"
    else:
        message = f"{terms} = {fmt(computed)} {unit}；文中{name}为 {fmt(total.raw)} {unit}，相差 {fmt(v.difference)} {unit}。"
    note = None
    if v.severity == "rounding":
        note = f"差额在各数末位半个单位之和（{plain(v.tolerance)} {unit}）以内：分项是逐项四舍五入的尾差，公开的数字合计与总数仍差末位，可调整其中一项使其相符。"
    a.add(
        family="totals",
        check=check,
        relation=relation,
        message=message,
        operands=[a.operand(total, "total"), *ops],
        citations=[a.cite(total), *(c for _, c in parts)],
        verdict=v,
        unit=unit,
        note=note,
        topics=(total.subject, *topics),
        remember=True,
    )


def subset_finding(a: Audit, total: Figure, part: Figure) -> None:
    """A "其中" with one part, or a partial list: the part cannot exceed its total."""
    holds = part.value <= total.value
    t, p = a.operand(total, "total"), a.operand(part, "part")
    a.add(
        family="totals",
        check="totals.subset",
        severity="ok" if holds else "mismatch",
        relation=f"{p.subject} ≤ {t.subject}",
        message=f"其中{p.subject} {fmt(part.raw)} {part.unit} {'不超过' if holds else '大于'}{t.subject} {fmt(total.raw)} {total.unit}。",
        operands=[t, p],
        citations=[a.cite(total), a.cite(part)],
        unit=total.unit,
        topics=(total.subject, part.subject),
        remember=True,
    )


def shares_finding(a: Audit, total: Figure, members: list[Figure]) -> str:
    """The shares of one total add up to 100% (each share is rounded: one half-unit each)."""
    shares = [m.share for m in members if m.share is not None]
    computed = sum((s.percent for s in shares), Decimal(0))
    places = max(places_of(s.raw) for s in shares)
    tolerance = sum((half_unit(places_of(s.raw)) for s in shares), Decimal(0))
    hundred = Decimal(100).quantize(Decimal(1).scaleb(-places))
    v = Verdict(computed, hundred, hundred, tolerance=tolerance)
    ops = [
        a.share(m, "share")
        for m in members
        if m.share is not None
    ]
    name = a.name(total)
    terms = " + ".join(f"{op.subject[:-2]} {op.raw}%" for op in ops)
    message = f"{terms} = {plain(computed)}%" + ("。" if v.severity == "ok" else f"，与 {plain(hundred)}% 相差 {plain(computed - hundred)} 个百分点。")
    a.add(
        family="totals",
        check="totals.shares",
        relation=f"占{name}的各项比例合计 = 100%",
        message=message,
        operands=ops,
        citations=[a.cite(total), *(a.cite(m) for m in members)],
        verdict=v,
        unit="%",
        topics=(total.subject, *(m.subject for m in members)),
    )
    return v.severity


# -- the checks -------------------------------------------------------------------------------
def named_sums(a: Audit) -> None:
    for rel in a.vocab.sum:
        for total in a.find(
            lambda f, rel=rel: re.fullmatch(rel.total, key(f.subject)) is not None and f.basis == "本年决算" and f.kind == "amount" and not f.classification
        ):
            pool = [
                g
                for g in a.figures
                if g.id != total.id and g.basis == "本年决算" and g.unit == total.unit and (rel.scope == "document" or g.section == total.section)
            ]
            parts: list[tuple[Operand, Citation]] = []
            for i, pattern in enumerate(rel.parts):
                hit = next((g for g in pool if re.fullmatch(pattern, key(g.subject))), None)
                if hit is not None:
                    parts.append((a.operand(hit, "part"), a.cite(hit)))
                    continue
                said = a.absent(rel.absent[i]) if i < len(rel.absent) and rel.absent[i] else None
                if said is None:
                    break
                name = re.sub(r"[.*?+()\[\]|\\]", "", rel.parts[i])
                parts.append(
                    (
                        Operand(
                            subject=name,
                            value="0",
                            unit=total.unit,
                            doc=a.doc,
                            role="part",
                            raw="0",
                            basis="无",
                            line_start=said.line_start,
                            line_end=said.line_end,
                        ),
                        said,
                    )
                )
            else:
                sum_finding(a, "totals.named", total, parts, topics=(rel.name,))
                break  # one statement of the relation is enough


def balances(a: Audit) -> None:
    income = a.vocab.balance.income
    for f in a.find(lambda f: f.basis == "本年决算" and re.fullmatch(income, key(f.subject)) is not None):
        m = re.fullmatch(income, key(f.subject))
        target = a.vocab.balance.expense.format(x=m.group("x"))
        g = next((g for g in a.figures if g.section == f.section and g.basis == f.basis and g.unit == f.unit and key(g.subject) == target), None)
        if g is None:
            continue
        inc, exp = a.operand(f, "income"), a.operand(g, "expense")
        v = Verdict(g.value, g.raw, f.value)
        same = v.severity == "ok"
        a.add(
            family="totals",
            check="totals.balance",
            relation=f"{inc.subject} = {exp.subject}",
            message=f"{inc.subject} {fmt(f.raw)} {f.unit}，{exp.subject} {fmt(g.raw)} {g.unit}，"
            + ("收支平衡。" if same else f"相差 {fmt(v.difference)} {f.unit}。"),
            operands=[inc, exp],
            citations=[a.cite(f), a.cite(g)],
            verdict=v,
            unit=f.unit,
        )


def classification(a: Audit) -> None:
    """Within a section: each 类 = Σ its 项, and the section's total = Σ 类 (or 项 of an unlisted 类)."""
    from assistant.audit.narrative import path_of

    sections: dict[str, list[Figure]] = {}
    path: dict[str, list[str]] = {}
    stated: set[tuple[str, ...]] = set()
    for f in a.figures:
        if f.basis != "本年决算" or f.kind != "amount":
            continue
        # the classification read with the figure, or from its subject or its item's heading
        found = f.classification or path_of(a, f)
        if not found:
            continue
        signature = (f.section, *map(key, found))
        if signature in stated:
            continue  # one 项 stated twice in its item ("…（项）" N 万元 … 支出决算为 N 万元)
        stated.add(signature)
        path[f.id] = found
        sections.setdefault(f.section, []).append(f)
    for figs in sections.values():
        classes: dict[str, Figure] = {}
        for f in figs:
            if len(path[f.id]) == 1:
                classes.setdefault(key(path[f.id][0]), f)
        items = [f for f in figs if len(path[f.id]) >= 2]
        for name, cls in classes.items():
            name = path[cls.id][0]
            members = [i for i in items if key(path[i.id][0]) == key(name) and i.unit == cls.unit]
            if members:
                sum_finding(a, "totals.classification", cls, [(a.operand(i, "part"), a.cite(i)) for i in members], relation=f"{name} = 其下各项之和")
        first = figs[0]
        total = a.before(
            first,
            lambda g: not g.classification
            and g.id not in path
            and g.parent is None
            and g.basis == "本年决算"
            and g.kind == "amount"
            and g.unit == first.unit
            and key(g.subject).endswith("支出"),
        )
        parts = list(classes.values()) + [i for i in items if key(path[i.id][0]) not in classes]
        if total is not None and parts:
            total = a.main(total)
            ops = [(a.operand(p, "part"), a.cite(p)) for p in parts]
            sum_finding(a, "totals.classification", total, ops)


def parts_lists(a: Audit) -> None:
    """ "X N，其中：A N、B N": X = A + B (a single part only bounds: A ≤ X)."""
    groups: dict[str, tuple[Figure, list[Figure]]] = {}
    for f in a.figures:
        if not f.parent or f.kind not in SUMMABLE or f.basis in NOT_STATEMENTS:
            continue
        # a part written in another unit ("…7 台（套）" among vehicles) is not a term of the sum
        total = a.before(f, lambda g, f=f: key(g.subject) == key(f.parent) and g.unit == f.unit and g.basis == f.basis)
        if total is not None:
            groups.setdefault(total.id, (total, []))[1].append(f)
    for total, parts in groups.values():
        ops = [(a.operand(p, "part"), a.cite(p)) for p in parts]
        if with_shares := [p for p in parts if p.share is not None and len(parts) > 1]:
            shares_finding(a, total, with_shares)
        if a.seen([a.operand(total, "total"), *(op for op, _ in ops)]):
            continue
        if len(parts) == 1:
            subset_finding(a, total, parts[0])
        else:
            sum_finding(a, "totals.parts", total, ops)


def share_lists(a: Audit) -> None:
    """Figures stated as shares of one total, outside a "其中" list (结构情况: "A(类) N 万元，占 N%")."""
    groups: dict[str, tuple[Figure, list[Figure]]] = {}
    for f in a.figures:
        if f.share is None or f.parent is not None or not f.share.of or f.kind != "amount":
            continue
        total = a.named(f.share.of, before=f, unit=f.unit, basis="本年决算")
        if total is not None and total.id != f.id:
            groups.setdefault(total.id, (total, []))[1].append(f)
    for total, members in groups.values():
        complete = len(members) > 1 and shares_finding(a, total, members) != "mismatch"
        ops = [(a.operand(m, "part"), a.cite(m)) for m in members]
        if a.seen([a.operand(total, "total"), *(op for op, _ in ops)]):
            continue
        if complete and all(m.classification for m in members):
            continue  # the classification check already added them up
        if complete:
            sum_finding(a, "totals.shares", total, ops)
        else:
            for m in members:
                subset_finding(a, total, m)
