"""Audit questions in the conversation: "核对一下三公经费的数字", "这份决算有哪些数字对不上".

The audit runs once per :class:`Knowledge` (cached). A question that names a topic gets every
relation about it, problems first; a question without one gets the mismatches and errors. Every
number in the reply is a cited figure or one of the finding's own computed values, which the
answer carries as derived figures.
"""

from __future__ import annotations

import re
import threading
from weakref import WeakKeyDictionary

from assistant.answer import Answer, FigureRef, Turn
from assistant.audit.findings import FAILING, SEVERITIES, SEVERITY_LABEL, AuditReport, Finding
from assistant.audit.run import run_audit
from assistant.audit.vocabulary import vocabulary
from assistant.compose import Ctx
from assistant.knowledge import Knowledge
from assistant.route import without_departments
from assistant.text import fold

MAX_FINDINGS = 25
_REPORTS: WeakKeyDictionary[Knowledge, AuditReport] = WeakKeyDictionary()
_LOCK = threading.Lock()


def report_for(kb: Knowledge) -> AuditReport:
    """The audit of every document ``kb`` holds, computed on first use."""
    with _LOCK:
        report = _REPORTS.get(kb)
        if report is None:
            report = run_audit(kb.records, kb=kb)
            _REPORTS[kb] = report
        return report


def topic_words(content: str) -> list[str]:
    """What a question asks to check: its content without the words that only ask."""
    text = re.sub(r"[，,、。；;：:？?！!]", " ", content)
    for word in sorted(vocabulary().chat.noise, key=len, reverse=True):
        text = text.replace(fold(word), " ")
    return [w for w in text.split() if len(w) >= 2]


def about(f: Finding, word: str) -> bool:
    family = vocabulary().chat.families.get(word)
    if family is not None and f.family == family:
        return True
    names = [fold(t) for t in [*f.topics, f.relation]]
    return any(word in n for n in names)


def audit_answer(ctx: Ctx) -> Answer:
    report = report_for(ctx.kb)
    findings = [f for f in report.findings if f.doc in ctx.docs]
    words = topic_words(without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], ctx.q.content))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    chosen: list[Finding] = []
    if words:
        matched = {id(f): sum(about(f, w) for w in words) for f in findings}
        chosen = [f for f in findings if matched[id(f)]]
        most = max((matched[id(f)] for f in chosen), default=0)
        if len(words) >= 2 and most >= 2:
            # "情况说明里的人员经费和基本支出表的人员经费合计对得上吗": the checks that name the most of
            # what is asked, not every check that names one of its words
            chosen = [f for f in chosen if matched[id(f)] == most]
    if chosen:
        problems = [f for f in chosen if f.failing]
        lead = f"核对「{'、'.join(words)}」相关的数字：" + ("有对不上的地方。" if problems else "核对过的关系都成立（尾差在四舍五入范围内）。")
        if not problems and any(f.severity == "unchecked" for f in chosen):
            lead += "有的关系在正文里无法核对。"
    else:
        chosen = [f for f in findings if f.severity in FAILING]
        lead = f"没有找到与「{'、'.join(words)}」有关的数字关系。" if words else ""
        lead += "以下数字对不上（不一致或错误）：" if chosen else "核对了全部数字关系，没有发现对不上的数字。"
    chosen.sort(key=lambda f: (rank[f.severity], f.doc, f.line_start, f.line_end))
    shown = chosen[:MAX_FINDINGS]
    lines = [lead]
    for f in shown:
        lines.append(f"- 【{SEVERITY_LABEL[f.severity]}】{f.relation}：{f.message}")
    if len(chosen) > len(shown):
        lines.append("（其余关系见 disclosure-qa audit 的完整报告。）")
    figures = _figures(shown)
    citations = [c for f in shown for c in f.citations]
    known = [r.record_id for r in figures if r.record_id in ctx.kb.figure_by_id]
    turn = Turn(question=ctx.q.text, intent="audit", kind="list", doc=ctx.docs[0] if len(ctx.docs) == 1 else None, figure_ids=list(dict.fromkeys(known)))
    table = [{"结果": SEVERITY_LABEL[f.severity], "关系": f.relation, "行": _lines(f), "核对": f.message} for f in shown]
    return ctx.answer("list", "\n".join(lines), intent="audit", figures=figures, citations=citations, table=table, turn=turn)


def _lines(f: Finding) -> str:
    return str(f.line_start) if f.line_start == f.line_end else f"{f.line_start}-{f.line_end}"


def _figures(findings: list[Finding]) -> list[FigureRef]:
    """The operands of each finding (stated figures) and its computed values (derived)."""
    out: dict[tuple[str, str], FigureRef] = {}
    fields = set(FigureRef.model_fields)
    for f in findings:
        for op in f.operands:
            out.setdefault((op.subject, op.value), FigureRef(**op.model_dump(include=fields)))
        for value in f.labels:
            out.setdefault((f"{f.relation}·标注", value), FigureRef(subject=f"{f.relation}·页码、编码或年份", value=value, unit="", doc=f.doc, derived=True))
        size = f.difference.lstrip("-") if f.difference else None  # "相差 0.01": the difference's size
        for label, value in (("计算值", f.computed), ("应为", f.expected), ("差额", f.difference), ("相差", size), ("文中", f.stated)):
            if value is not None:
                out.setdefault(
                    (f"{f.relation}·{label}", value), FigureRef(subject=f"{f.relation}·{label}", value=value, unit=f.unit or "", doc=f.doc, derived=True)
                )
    return list(out.values())
