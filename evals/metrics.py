"""Scoring one system's answers against the cases. Every metric has the same shape.

A metric is a function ``(case, results) -> list[float]`` of per-item scores in [0, 1] (possibly
empty when it does not apply); its value over a set of cases is the mean of all items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.answer import Answer
from assistant.text import fold
from evals.cases import Case, CaseTurn
from ingest.numbers import to_decimal
from ingest.text import quote


@dataclass
class TurnResult:
    turn: CaseTurn
    answer: Answer | None
    error: str | None = None
    seconds: float = 0.0
    retrieved: list[tuple[int, int]] = field(default_factory=list)  # line spans of the top passages


@dataclass
class CaseResult:
    case: Case
    turns: list[TurnResult]


def _dec(s: object) -> Decimal | None:
    return to_decimal(str(s))


def _unit(u: str | None) -> str:
    return (u or "").replace("(", "（").replace(")", "）").strip()


def figure_found(expected, answer: Answer) -> bool:
    want = _dec(expected.value)
    if want is None:
        return False
    unit = _unit(expected.unit)
    candidates = [(f.value, f.unit) for f in answer.figures]
    if answer.calculation:
        candidates.append((answer.calculation.result, answer.calculation.unit))
    for value, u in candidates:
        if _dec(value) == want and (not unit or _same_unit(_unit(u), unit)):
            return True
        given = _dec(value)
        if given is not None and _unit(u) in IN_WAN and unit in IN_WAN and given * IN_WAN[_unit(u)] == want * IN_WAN[unit]:
            return True  # one amount in another money unit: "0 元" is "0 万元", "12,000 元" is "1.2 万元"
    return False


IN_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


GENERIC_COUNTS = {"个", "项"}  # the general measure words of a count of items: "共 8 项" answers "有几个"
POINTS = {"%", "个百分点", "百分点"}  # a difference of two percentages, in points, is written either way


def _same_unit(given: str, expected: str) -> bool:
    """Equal, or one is the other's alternatives spelled out: "台（套）" is 台 or 套; or both are the
    general measure words of a count of items (个, 项); or percentage points written as "%"."""
    if given == expected or {given, expected} <= GENERIC_COUNTS or {given, expected} <= POINTS:
        return True
    def ways(u: str) -> set[str]:
        m = re.fullmatch(r"(.+?)（(.+?)）", u)
        return {u, m.group(1), m.group(2)} if m else {u}
    return bool(ways(given) & ways(expected)) and ("（" in given) != ("（" in expected)


OUTCOMES = ("right", "wrong_figure", "refused", "clarification", "wrong")


def outcome(t: TurnResult) -> str:
    """What a scored turn came to: right; a wrong figure (an answer that carries figures but not the
    expected ones, or figures where the document is silent); refused or asked back where an answer
    was due; or otherwise wrong (missing text, a wrong kind, an error)."""
    if not turn_failures(t):
        return "right"
    a, e = t.answer, t.turn.expect
    if a is None or e is None:
        return "wrong"
    if a.kind == "refusal":
        return "refused"
    if a.kind == "clarification":
        return "clarification"
    carried = bool(a.figures) or a.calculation is not None
    if carried and (e.figures or e.refusal):
        return "wrong_figure"
    return "wrong"


def turn_failures(t: TurnResult) -> list[str]:
    """Why a turn is wrong (empty when it is right)."""
    e = t.turn.expect
    if e is None:
        return []
    a = t.answer
    if a is None:
        return [f"error: {t.error}"]
    out = []
    if e.refusal and a.kind != "refusal":
        out.append(f"expected a refusal, got kind {a.kind}")
    if not e.refusal and a.kind == "refusal":
        out.append("refused a question the document answers")
    if e.refusal and a.figures:
        out.append("a refusal carried figures")
    if e.kind and a.kind != e.kind:
        out.append(f"expected kind {e.kind}, got {a.kind}")
    for f in e.figures:
        if not figure_found(f, a):
            out.append(f"missing figure {f.value} {f.unit}")
    answer_text = fold(a.answer)
    for s in e.text:
        if fold(s) not in answer_text:
            out.append(f"missing text “{s}”")
    shown = set(a.numbers_in_answer()) | {f.value for f in a.figures}
    for s in e.forbid:
        if any(_dec(x) == _dec(s) for x in shown):
            out.append(f"forbidden number {s} appears")
    return out


def accuracy(r: CaseResult) -> list[float]:
    scored = [t for t in r.turns if t.turn.expect is not None]
    return [1.0 if all(not turn_failures(t) for t in scored) else 0.0]


def citation_precision(r: CaseResult, locate) -> list[float]:
    """Each citation's quote is verbatim in the document at its lines. ``locate(citation)`` gives
    (the document's lines, first, last) in document line numbers, or None for an unknown document."""
    out = []
    for t in r.turns:
        if t.answer is None:
            continue
        for c in t.answer.citations:
            found = locate(c)
            if found is None:
                out.append(0.0)
                continue
            lines, start, end = found
            span = quote(lines, start, end)
            ok = 1 <= start <= end <= len(lines) and bool(c.quote) and c.quote.replace("\n", "") in span
            out.append(1.0 if ok else 0.0)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def citation_recall(r: CaseResult) -> list[float]:
    out = []
    for t in r.turns:
        if t.turn.expect is None or not t.turn.expect.cite:
            continue
        cited = [(c.line_start, c.line_end) for c in (t.answer.citations if t.answer else [])]
        for span in t.turn.expect.cite:
            out.append(1.0 if any(_overlaps(span, c) for c in cited) else 0.0)
    for t in r.turns:
        if t.turn.expect is None:
            continue
        citations = t.answer.citations if t.answer else []
        for page in t.turn.expect.pages:
            out.append(1.0 if any(c.page is not None and c.page <= page <= (c.page_end or c.page) for c in citations) else 0.0)
        for doc in t.turn.expect.docs:
            out.append(1.0 if any(c.doc == doc for c in citations) else 0.0)
    return out


def refusal_counts(r: CaseResult) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of refusing."""
    tp = fp = fn = 0
    for t in r.turns:
        if t.turn.expect is None or t.answer is None:
            continue
        refused = t.answer.kind == "refusal"
        if refused and t.turn.expect.refusal:
            tp += 1
        elif refused:
            fp += 1
        elif t.turn.expect.refusal:
            fn += 1
    return tp, fp, fn


def unsupported(r: CaseResult) -> list[str]:
    out = []
    for t in r.turns:
        if t.answer is not None:
            out += t.answer.unsupported_numbers()
    return out


def retrieval_recall(r: CaseResult) -> list[float]:
    if r.case.category not in ("reason", "definition"):
        return []
    out = []
    for t in r.turns:
        if t.turn.expect is None or not t.turn.expect.cite:
            continue
        out.append(1.0 if any(_overlaps(s, p) for s in t.turn.expect.cite for p in t.retrieved[:5]) else 0.0)
    return out


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def describe(a: Answer | None) -> str:
    if a is None:
        return "(no answer)"
    figs = ", ".join(f"{f.value} {f.unit}".strip() for f in a.figures[:6])
    cites = ", ".join(f"{c.line_start}-{c.line_end}" for c in a.citations[:6])
    text = re.sub(r"\s+", " ", a.answer)[:160]
    return f"[{a.kind}] {text} | figures: {figs or '—'} | cites: {cites or '—'}"
