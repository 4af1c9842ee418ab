"""The consistency audit: every arithmetic relation a disclosure states or implies, recomputed.

>>> from assistant.audit import run_audit   # doctest: +SKIP
"""

from __future__ import annotations

from assistant.audit.findings import AuditReport, Finding, Operand
from assistant.audit.run import run_audit

__all__ = ["AuditReport", "Finding", "Operand", "run_audit"]
