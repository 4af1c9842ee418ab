"""Performance tables (绩效自评表): funds, 执行率, 得分, weights, scores, indicators, project totals.

- 年度资金总额 = its source rows, column by column;
- 执行率 = 全年执行数 ÷ 全年预算数; 得分 = 分值 × 执行率 (at most the 分值);
- 分值 of the funds row + each indicator's 分值 = the table's total weight, and the scores likewise
  (a repeated row is counted once: it is reported by ``duplicates``);
- each numeric indicator: an actual value that meets its target earns the full 分值; one that does
  not earns 分值 × 实际/目标 (× 目标/实际 for a "≤" target); an actual value an order of magnitude
  off a target it misses is an ``error`` (a digit too many or too few);
- the disclosed project tables against the stated number of evaluated projects and their
  全年预算数 / 全年执行数, the remainder explained by what the document says is classified (涉密项目).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.answer import Citation
from assistant.audit.base import Audit, indicator_signature
from assistant.audit.findings import Operand, Verdict, fmt, half_unit, places_of, plain, shown
from assistant.audit.vocabulary import key
from ingest.records import FundRow, Indicator, PerformanceTable

HUNDRED = Decimal(100)
COLUMNS = (("budget_initial", "年初预算数"), ("budget_full", "全年预算数"), ("executed", "全年执行数"))
MAGNITUDE = Decimal(10)


def check(a: Audit) -> None:
    for table in a.rec.tables:
        funds(a, table)
        rate_and_score(a, table)
        skip = counted_once(table)
        totals(a, table, skip)
        for i, ind in enumerate(table.indicators):
            if i not in skip:
                indicator(a, table, ind)
    projects(a)


def row_label(row: FundRow) -> str:
    label = re.sub(r"^其中[:：]\s*", "", row.label)
    return re.sub(r"[（(]万\s*元[)）]$", "", label).strip()


def topics(table: PerformanceTable) -> tuple[str, ...]:
    kind = "部门整体支出绩效自评表" if table.kind == "department" else "项目支出绩效自评表"
    return (table.name, kind, "绩效自评表")


def name_cite(a: Audit, table: PerformanceTable) -> Citation:
    return a.cite_row(table, table.name_line)


# -- funds ------------------------------------------------------------------------------------
def funds(a: Audit, table: PerformanceTable) -> None:
    if len(table.funds) < 2:
        return
    total, rows = table.funds[0], table.funds[1:]
    for attr, word in COLUMNS:
        value = getattr(total, attr)
        parts = [(r, getattr(r, attr)) for r in rows if getattr(r, attr) is not None]
        if value is None or not parts:
            continue
        computed = sum((v for _, v in parts), Decimal(0))
        v = Verdict(value, value, computed)
        whole = a.cell(table, f"{row_label(total)}·{word}", value, "万元", total.line, "total")
        ops = [a.cell(table, f"{row_label(r)}·{word}", x, "万元", r.line, "part") for r, x in parts]
        terms = " + ".join(f"{row_label(r)} {fmt(x)}" for r, x in parts)
        a.add(
            family="tables",
            check="tables.funds",
            relation=f"{table.name}：{row_label(total)}{word} = " + " + ".join(row_label(r) for r, _ in parts),
            message=f"{table.name}{word}：{terms} = {fmt(computed)} 万元"
            + (
                f"，与{row_label(total)} {fmt(value)} 万元 一致。"
                if v.severity == "ok"
                else f"；文中{row_label(total)} {fmt(value)} 万元，相差 {fmt(v.difference)} 万元。"
            ),
            operands=[whole, *ops],
            citations=[name_cite(a, table), a.cite_row(table, total.line), *(a.cite_row(table, r.line) for r, _ in parts)],
            verdict=v,
            unit="万元",
            topics=topics(table),
            identity=(table.id, attr),
        )


def rate_and_score(a: Audit, table: PerformanceTable) -> None:
    row = table.total
    if row is None or row.rate is None:
        return
    cites = [name_cite(a, table), a.cite_row(table, row.line)]
    rate = a.cell(table, "执行率", row.rate, "%", row.line, "stated")
    if row.budget_full is None or row.executed is None:
        return
    budget = a.cell(table, "全年预算数", row.budget_full, "万元", row.line, "budget")
    executed = a.cell(table, "全年执行数", row.executed, "万元", row.line, "actual")
    if row.budget_full == 0:
        a.add(
            family="tables",
            check="tables.rate",
            severity="unchecked",
            relation=f"{table.name}：执行率 = 全年执行数 ÷ 全年预算数",
            message=f"{table.name}全年预算数为 0，执行率无法计算；表中 {plain(row.rate)}%。",
            operands=[budget, executed, rate],
            citations=cites,
            unit="%",
            topics=topics(table),
            identity=(table.id,),
        )
        return
    computed = row.executed / row.budget_full * HUNDRED
    v = Verdict(row.rate, row.rate, computed)
    a.add(
        family="tables",
        check="tables.rate",
        relation=f"{table.name}：执行率 = 全年执行数 ÷ 全年预算数",
        message=f"{table.name}执行率 = {fmt(row.executed)} ÷ {fmt(row.budget_full)} = {v.fields()['computed']}%，" + _outcome(v, "%"),
        operands=[executed, budget, rate],
        citations=cites,
        verdict=v,
        unit="%",
        topics=topics(table),
        identity=(table.id,),
    )
    if row.weight is None or row.score is None:
        return
    weight = a.cell(table, "分值", row.weight, "分", row.line, "weight")
    score = a.cell(table, "得分", row.score, "分", row.line, "stated")
    capped = min(row.rate, HUNDRED)
    expected = row.weight * capped / HUNDRED
    # the stated 执行率 is itself rounded: its half-unit, scaled by the weight, is allowed too
    allowance = row.weight * half_unit(places_of(row.rate)) / HUNDRED
    sv = Verdict(row.score, row.score, expected, allowance=allowance)
    a.add(
        family="tables",
        check="tables.score",
        relation=f"{table.name}：资金得分 = 分值 × 执行率",
        message=f"{table.name}资金得分 = {plain(row.weight)} × {plain(capped)}% = {sv.fields()['computed']}，" + _outcome(sv, " 分"),
        operands=[weight, rate, score],
        citations=cites,
        verdict=sv,
        unit="分",
        topics=topics(table),
        identity=(table.id,),
    )


def _outcome(v: Verdict, unit: str) -> str:
    f = v.fields()
    if v.severity == "ok":
        return f"与表中 {f['stated']}{unit} 一致。"
    if v.severity == "rounding":
        return f"表中 {f['stated']}{unit}（尾差以内）。"
    return f"四舍五入应为 {f['expected']}{unit}，表中为 {f['stated']}{unit}，相差 {f['difference']}{unit}。"


# -- weights and scores -----------------------------------------------------------------------
def counted_once(table: PerformanceTable) -> set[int]:
    """Indexes of indicator rows that repeat an earlier one (verbatim, or the same indicator)."""
    skip, seen = set(), set()
    for i, ind in enumerate(table.indicators):
        sig = indicator_signature(ind)
        if ind.duplicate_of is not None or sig in seen:
            skip.add(i)
        seen.add(sig)
    return skip


def totals(a: Audit, table: PerformanceTable, skip: set[int]) -> None:
    row = table.total
    inds = [ind for i, ind in enumerate(table.indicators) if i not in skip]
    note = "重复的指标行只计一次（重复行另行报告）。" if skip else None
    cites = [name_cite(a, table)] + ([a.cite_row(table, table.total_line)] if table.total_line else [])
    for attr, word, total in (("weight", "分值", table.total_weight), ("score", "得分", table.total_score)):
        if total is None or not inds:
            continue
        fund = getattr(row, attr) if row is not None else None
        values = [getattr(ind, attr) for ind in inds]
        if fund is None or any(x is None for x in values):
            a.add(
                family="tables",
                check=f"tables.{attr}s",
                severity="unchecked",
                relation=f"{table.name}：{word}合计 = 资金{word} + 各指标{word}",
                message=f"{table.name}有的行没有{word}（或资金行的{word}缺失），无法核对{word}合计。",
                operands=[a.cell(table, f"总分·{word}", total, "分", table.total_line or table.line_start, "total")],
                citations=cites,
                unit="分",
                topics=topics(table),
                identity=(table.id, attr),
            )
            continue
        computed = fund + sum(values, Decimal(0))
        allowance = Decimal(0)
        if attr == "score":
            # a score short of its weight is a rounded proportion: each carries half a unit
            pairs = [(row.score, row.weight)] + [(ind.score, ind.weight) for ind in inds]
            allowance = sum((half_unit(places_of(s)) for s, w in pairs if s != w), Decimal(0))
        v = Verdict(total, total, computed, tolerance=(half_unit(places_of(total)) + allowance) if allowance else None)
        ops = [
            a.cell(table, f"总分·{word}", total, "分", table.total_line or table.line_start, "total"),
            a.cell(table, f"资金{word}", fund, "分", row.line, "part"),
            a.derived(f"各指标{word}之和", computed - fund, "分"),
        ]
        a.add(
            family="tables",
            check=f"tables.{attr}s",
            relation=f"{table.name}：{word}合计 = 资金{word} + 各指标{word}",
            message=f"{table.name}：资金{word} {plain(fund)} + 各指标{word} {plain(computed - fund)} = {plain(computed)}，" + _outcome(v, ""),
            operands=ops,
            citations=cites + [a.cite_row(table, row.line)] + [a.cite_row(table, ind.line_start, ind.line_end) for ind in inds],
            verdict=v,
            unit="分",
            note=note,
            topics=topics(table),
            identity=(table.id, attr),
        )


# -- indicators -------------------------------------------------------------------------------
def met(comparator: str | None, actual: Decimal, target: Decimal) -> bool:
    c = comparator or "="
    return {"≥": actual >= target, ">": actual > target, "≤": actual <= target, "<": actual < target}.get(c, actual == target)


def indicator(a: Audit, table: PerformanceTable, ind: Indicator) -> None:
    cites = [name_cite(a, table), a.cite_row(table, ind.line_start, ind.line_end)]
    where = (*topics(table), ind.name)
    if ind.weight is not None and ind.score is not None and ind.score > ind.weight:
        a.add(
            family="tables",
            check="tables.indicator",
            severity="error",
            relation=f"{table.name}“{ind.name}”：得分 ≤ 分值",
            message=f"{table.name}的指标“{ind.name}”得分 {plain(ind.score)} 超过分值 {plain(ind.weight)}。",
            operands=_cells(a, table, ind),
            citations=cites,
            unit="分",
            topics=where,
            identity=(table.id, ind.line_start, "cap"),
        )
        return
    t, x = ind.target, ind.actual
    if t.value is None or x.value is None or ind.weight is None or ind.score is None:
        return  # a qualitative indicator (有效提升 / 完全达到预期) has nothing to recompute
    if t.unit and x.unit and t.unit != x.unit:
        return
    ops = _cells(a, table, ind)
    reached = met(t.comparator, x.value, t.value)
    exceeded = (t.comparator or "=") == "=" and x.value > t.value
    name = f"{table.name}的指标“{ind.name}”"
    relation = f"{table.name}“{ind.name}”：得分与完成情况相符"
    if not reached and not exceeded and t.value != 0 and x.value != 0:
        ratio = x.value / t.value
        if ratio >= MAGNITUDE or ratio <= 1 / MAGNITUDE:
            ops.append(a.derived("实际值 ÷ 目标值", Decimal(shown(ratio, 4)), "倍"))
            a.add(
                family="tables",
                check="tables.magnitude",
                severity="error",
                relation=f"{table.name}“{ind.name}”：实际值与目标值同一数量级",
                message=f"{name}实际值 {x.raw} 是目标 {t.raw} 的 {shown(ratio, 4)} 倍，像是多写或少写了一位；表中仍给了 {plain(ind.score)} 分（分值 {plain(ind.weight)}）。",
                operands=ops,
                citations=cites,
                unit=x.unit or t.unit,
                topics=where,
                identity=(table.id, ind.line_start, "magnitude"),
            )
            return
    if reached or exceeded:
        v = Verdict(ind.score, ind.score, ind.weight)
        why = "超过目标" if exceeded else "达到目标"
        note = None
        if v.severity == "mismatch":
            low, high = sorted((x.value, t.value))
            proportional = ind.weight * low / high if high else None
            if proportional is not None and Verdict(ind.score, ind.score, proportional).severity != "mismatch":
                note = "表中得分是按实际值与目标值之比扣分算出的，而实际值已满足目标（“≤”指标低于上限即为达成）。"
            if ind.note:
                note = (note + " " if note else "") + f"表中说明：{ind.note}"
        message = f"{name}实际 {x.raw} {why} {t.raw}，应得满分 {plain(ind.weight)}" + ("。" if v.severity == "ok" else f"，表中得分 {plain(ind.score)}。")
        a.add(
            family="tables",
            check="tables.indicator",
            relation=relation,
            message=message,
            operands=ops,
            citations=cites,
            verdict=v,
            unit="分",
            note=note,
            topics=where,
            identity=(table.id, ind.line_start),
        )
        return
    expected = _proportional(ind.weight, x.value, t.value, t.comparator)
    if expected is None:
        return
    v = Verdict(ind.score, ind.score, expected)
    formula = (
        f"{plain(ind.weight)} × {plain(x.value)} ÷ {plain(t.value)}"
        if (t.comparator or "=") not in ("≤", "<")
        else f"{plain(ind.weight)} × {plain(t.value)} ÷ {plain(x.value)}"
    )
    message = f"{name}实际 {x.raw} 未达目标 {t.raw}，按完成比例得分 = {formula} = {v.fields()['computed']}，" + _outcome(v, " 分")
    if ind.score == ind.weight and v.severity == "mismatch":
        message = f"{name}实际 {x.raw} 未达目标 {t.raw}，却得满分 {plain(ind.score)}；按完成比例应为 {formula} = {v.fields()['computed']}。"
    a.add(
        family="tables",
        check="tables.indicator",
        relation=relation,
        message=message,
        operands=ops,
        citations=cites,
        verdict=v,
        unit="分",
        topics=where,
        identity=(table.id, ind.line_start),
    )


def _proportional(weight: Decimal, actual: Decimal, target: Decimal, comparator: str | None) -> Decimal | None:
    if (comparator or "=") in ("≤", "<"):
        return weight * target / actual if actual else None
    return weight * actual / target if target else None


def _cells(a: Audit, table: PerformanceTable, ind: Indicator) -> list[Operand]:
    out = []
    for label, measure in (("目标值", ind.target), ("实际完成值", ind.actual)):
        if measure.value is not None:
            out.append(
                a.cell(
                    table,
                    f"{ind.name}·{label}",
                    measure.value,
                    measure.unit or "",
                    ind.line_start,
                    "target" if label == "目标值" else "actual",
                    line_end=ind.line_end,
                )
            )
    for label, value in (("分值", ind.weight), ("得分", ind.score)):
        if value is not None:
            out.append(a.cell(table, f"{ind.name}·{label}", value, "分", ind.line_start, "weight" if label == "分值" else "stated", line_end=ind.line_end))
    return out


# -- evaluated projects -----------------------------------------------------------------------
def projects(a: Audit) -> None:
    vocab = a.vocab.performance
    tables = [t for t in a.rec.tables if t.kind == "project"]
    departments = [t for t in a.rec.tables if t.kind == "department"]

    def stated(pattern: str, **where) -> object:
        return next((f for f in a.figures if re.fullmatch(pattern, key(f.subject)) and all(getattr(f, k) == v for k, v in where.items())), None)

    count = stated(vocab.projects, kind="count")
    secret_count = stated(vocab.classified, kind="count")
    secret_budget = stated(vocab.classified_budget, kind="amount")
    secret_executed = stated(vocab.classified, kind="amount", basis="执行数")
    table_cites = [a.cite_row(t, t.name_line) for t in tables]
    where = ("预算绩效评价项目", "项目支出绩效自评表", "绩效自评表", "涉密项目")

    if count is not None:
        extra = [a.operand(secret_count, "classified")] if secret_count is not None else []
        computed = Decimal(len(tables)) + (secret_count.value if secret_count is not None else 0)
        v = Verdict(count.value, count.raw, computed)
        terms = f"公开的项目支出绩效自评表 {len(tables)} 张" + (f" + 涉密项目 {secret_count.raw} 个" if secret_count is not None else "")
        a.add(
            family="tables",
            check="tables.projects",
            relation="预算绩效评价项目个数 = 公开的项目自评表 + 涉密项目",
            message=f"{terms} = {plain(computed)} 个" + ("，与文中一致。" if v.severity == "ok" else f"；文中预算绩效评价项目 {count.raw} 个。"),
            operands=[a.operand(count, "total"), a.derived("公开的项目支出绩效自评表张数", len(tables), "张"), *extra],
            citations=[a.cite(count), *(a.cite(f) for f in [secret_count] if f is not None), *table_cites],
            verdict=v,
            unit="个",
            topics=where,
            identity=("count",),
        )

    for attr, word, basis, secret in (("budget_full", "全年预算数", "全年预算", secret_budget), ("executed", "全年执行数", "执行数", secret_executed)):
        total = stated(vocab.projects, kind="amount", basis=basis)
        if total is None:
            continue
        cells = [(t, getattr(t.total, attr)) for t in tables if t.total is not None and getattr(t.total, attr) is not None]
        disclosed = sum((x for _, x in cells), Decimal(0))
        computed = disclosed + (secret.value if secret is not None else 0)
        v = Verdict(total.value, total.raw, computed)
        ops = [a.operand(total, "total"), a.derived(f"公开的项目支出绩效自评表{word}之和", disclosed, "万元")]
        ops += [a.cell(t, word, x, "万元", t.total.line, "part") for t, x in cells]
        cites = [a.cite(total)] + [a.cite_row(t, t.total.line) for t, _ in cells]
        terms = f"公开的项目自评表{word}合计 {fmt(disclosed)} 万元"
        if secret is not None:
            ops.append(a.operand(secret, "classified"))
            cites.append(a.cite(secret))
            terms += f" + 涉密项目 {fmt(secret.raw)} 万元"
        message = f"{terms} = {fmt(computed)} 万元" + (
            f"，与文中{word} {fmt(total.raw)} 万元 一致。" if v.severity == "ok" else f"；文中{word} {fmt(total.raw)} 万元，相差 {fmt(v.difference)} 万元。"
        )
        if secret is not None:
            note = "公开的项目自评表之外的部分，由文中说明的涉密项目（其预算资金和执行数）补足。"
        else:
            note = "差额在文中没有说明（例如涉密项目）。" if v.severity == "mismatch" else None
        a.add(
            family="tables",
            check="tables.projects",
            relation=f"预算绩效评价项目{word} = 公开的项目自评表之和 + 涉密项目",
            message=message,
            operands=ops,
            citations=cites,
            verdict=v,
            unit="万元",
            note=note,
            topics=where,
            identity=(attr,),
        )

    dept_count = stated(vocab.department_tables, kind="count")
    if dept_count is not None:
        v = Verdict(dept_count.value, dept_count.raw, Decimal(len(departments)))
        a.add(
            family="tables",
            check="tables.projects",
            relation="整体支出绩效自评表个数 = 公开的部门整体支出绩效自评表",
            message=f"文中整体支出绩效自评表 {dept_count.raw} 个，正文公开了 {len(departments)} 张" + ("，一致。" if v.severity == "ok" else "，不一致。"),
            operands=[a.operand(dept_count, "total"), a.derived("公开的部门整体支出绩效自评表张数", len(departments), "张")],
            citations=[a.cite(dept_count), *(a.cite_row(t, t.name_line) for t in departments)],
            verdict=v,
            unit="个",
            topics=("整体支出绩效自评表", "部门整体支出绩效自评表", "绩效自评表"),
            identity=("departments",),
        )
