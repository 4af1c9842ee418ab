"""The consistency audit, as a reviewer reads a disclosure: every relation the narrative states or
implies recomputed, the statutory tables checked within themselves and against each other, the
情况说明 against the tables, one department and year throughout, and the template filled in.

>>> from assistant.audit import run_audit   # doctest: +SKIP
"""

from __future__ import annotations

from assistant.audit.findings import AuditReport, Finding, Operand
from assistant.audit.run import run_audit

__all__ = ["AuditReport", "Finding", "Operand", "run_audit"]
