"""Run every check over every document: ``run_audit(records) -> AuditReport``.

The checks, in order: the narrative's own relations (totals, percentages, changes, duplicates, the
performance tables, attachments), then the statutory tables within (statements) and across tables
(across), the narrative against the tables (narrative), identity and template.

>>> from ingest.pipeline import parse_file                                  # doctest: +SKIP
>>> report = run_audit([parse_file("data/urumqi-housing-2023-final-accounts.txt")])  # doctest: +SKIP
>>> report.exit_code                                                         # doctest: +SKIP
1
"""

from __future__ import annotations

from assistant.audit import across, attachments, changes, duplicates, identity, narrative, percentages, statements, tables, template, totals
from assistant.audit.base import Audit
from assistant.audit.findings import AuditReport
from assistant.audit.vocabulary import vocabulary
from assistant.knowledge import Knowledge
from ingest.records import DocumentRecords

CHECKS = (
    totals.check,
    percentages.check,
    changes.check,
    duplicates.check,
    tables.check,
    attachments.check,
    statements.check,
    across.check,
    narrative.check,
    identity.check,
    template.check,
)


def run_audit(records: list[DocumentRecords], *, kb: Knowledge | None = None) -> AuditReport:
    """Recompute every relation the documents state or imply; findings in document and line order."""
    kb = kb or Knowledge(records)
    vocab = vocabulary()
    findings = []
    for rec in records:
        audit = Audit(kb, rec, vocab)
        for check in CHECKS:
            check(audit)
        findings.extend(sorted(audit.findings, key=lambda f: (f.line_start, f.line_end, f.family, f.check)))
    return AuditReport(documents=[r.info.id for r in records], findings=findings)
