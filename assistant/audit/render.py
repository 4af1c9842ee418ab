"""The audit report as Markdown (Chinese headings: problems in full, what holds in brief) and as
CSV (one finding per row, for spreadsheets).

>>> from assistant.audit.findings import AuditReport
>>> csv_text(AuditReport(documents=[], findings=[])).splitlines()[0].split(",")[:4]
['文档', '结果', '类别', '检查']
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from assistant.answer import clip, line_range
from assistant.audit.findings import FAMILY_LABEL, SEVERITIES, SEVERITY_LABEL, AuditReport, Finding

FULL = ("error", "mismatch", "notice", "unchecked")  # shown with notes and quotes
BRIEF = ("rounding", "ok")
QUOTE_CHARS = 160
CSV_COLUMNS = ["文档", "结果", "类别", "检查", "关系", "说明", "页码", "文中数", "计算值", "差额", "容差", "单位", "注", "出处"]


def markdown(report: AuditReport) -> str:
    out = ["# 数字核对报告", ""]
    out.append("文档：" + "、".join(report.documents))
    out += ["", "## 概要", "", "| 结果 | 条数 |", "|---|---|"]
    for severity in SEVERITIES:
        out.append(f"| {SEVERITY_LABEL[severity]}（{severity}） | {report.counts.get(severity, 0)} |")
    out.append("")
    if len(report.documents) > 1:
        out += ["| 文档 | 核对的关系 | " + " | ".join(SEVERITY_LABEL[s] for s in SEVERITIES) + " |", "|---|---|" + "---|" * len(SEVERITIES)]
        for doc, counts in report.by_document.items():
            out.append(f"| {doc} | {counts.get('relations', 0)} | " + " | ".join(str(counts.get(s, 0)) for s in SEVERITIES) + " |")
        out.append("")
    else:
        for counts in report.by_document.values():
            out += [f"共核对 {counts.get('relations', 0)} 条关系。", ""]
    if report.exit_code:
        out.append("结论：有数字不一致或错误，发布前需要更正（退出码 1）。")
    else:
        out.append("结论：没有不一致或错误（退出码 0）；提示、尾差与无法核对的关系列在下面备查。")
    out += ["", "### 容差", ""]
    out += [f"- {t}" for t in report.tolerances]
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
                out += ["", f"{level}# {i}. {f.relation}（{where(f)}）", "", f.message]
                if f.note:
                    out += ["", f"说明：{f.note}"]
                out.append("")
                for c in f.citations:
                    quote = c.quote.replace("\t", " | ").replace("\n", " ")
                    table = f"《{c.table}》" if c.table else ""
                    out.append(f"- {line_range(c)}{table}：{clip(quote, QUOTE_CHARS)}")
        for severity in BRIEF:
            chosen = [f for f in findings if f.severity == severity]
            if not chosen:
                continue
            out += ["", f"{level} {SEVERITY_LABEL[severity]}（{len(chosen)}）", ""]
            if severity == "ok":
                by_family = Counter(f.family for f in chosen)
                out += [f"- {FAMILY_LABEL.get(fam, fam)}：{n} 条" for fam, n in by_family.items()]
            else:
                out += [f"- {where(f)} · {f.relation}：{f.message}" for f in chosen]
    return "\n".join(out) + "\n"


def where(f: Finding) -> str:
    """第 6、10 页 / 第 98 行: the pages of a finding's sides, else its lines."""
    if f.pages:
        return f"第 {'、'.join(map(str, f.pages))} 页"
    return line_range(f)


def csv_text(report: AuditReport) -> str:
    """One finding per row, the columns in Chinese; quotes of every side in one cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.findings:
        sources = " | ".join(
            f"{(('《' + c.table + '》') if c.table else '')}{line_range(c)}：{clip(c.quote.replace(chr(10), ' '), QUOTE_CHARS)}" for c in f.citations
        )
        writer.writerow(
            [
                f.doc,
                SEVERITY_LABEL[f.severity],
                FAMILY_LABEL.get(f.family, f.family),
                f.check,
                f.relation,
                f.message,
                "、".join(map(str, f.pages)),
                f.stated or "",
                f.computed or "",
                f.difference or "",
                f.tolerance or "",
                f.unit or "",
                f.note or "",
                sources,
            ]
        )
    return buffer.getvalue()
