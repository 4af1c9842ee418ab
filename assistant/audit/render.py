"""The audit report as Markdown, with Chinese headings: problems in full, what holds in brief."""

from __future__ import annotations

from assistant.answer import clip, line_range
from assistant.audit.findings import SEVERITIES, SEVERITY_LABEL, AuditReport

FULL = ("error", "mismatch", "unchecked")  # shown with notes and quotes
BRIEF = ("rounding", "ok")
QUOTE_CHARS = 160


def markdown(report: AuditReport) -> str:
    out = ["# 数字核对报告", ""]
    out.append("文档：" + "、".join(report.documents))
    out += ["", "## 概要", "", "| 结果 | 条数 |", "|---|---|"]
    for severity in SEVERITIES:
        out.append(f"| {SEVERITY_LABEL[severity]}（{severity}） | {report.counts.get(severity, 0)} |")
    out.append("")
    if report.exit_code:
        out.append("结论：有数字不一致或错误，发布前需要更正（退出码 1）。")
    else:
        out.append("结论：没有不一致或错误（退出码 0）；尾差与无法核对的关系列在下面备查。")
    several = len(report.documents) > 1
    for doc in report.documents:
        findings = [f for f in report.findings if f.doc == doc]
        if several:
            out += ["", f"## 文档 {doc}"]
        level = "###" if several else "##"
        for severity in FULL:
            chosen = [f for f in findings if f.severity == severity]
            if not chosen:
                continue
            out += ["", f"{level} {SEVERITY_LABEL[severity]}（{len(chosen)}）"]
            for i, f in enumerate(chosen, 1):
                out += ["", f"{level}# {i}. {f.relation}（{line_range(f)}）", "", f.message]
                if f.note:
                    out += ["", f"说明：{f.note}"]
                out.append("")
                for c in f.citations:
                    quote = c.quote.replace("\t", " | ").replace("\n", " ")
                    out.append(f"- {line_range(c)}：{clip(quote, QUOTE_CHARS)}")
        for severity in BRIEF:
            chosen = [f for f in findings if f.severity == severity]
            if not chosen:
                continue
            out += ["", f"{level} {SEVERITY_LABEL[severity]}（{len(chosen)}）", ""]
            out += [f"- {line_range(f)} · {f.relation}：{f.message}" for f in chosen]
    return "\n".join(out) + "\n"
