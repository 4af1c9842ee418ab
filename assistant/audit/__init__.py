"""The consistency audit, as a reviewer reads a disclosure: every relation the narrative states or
implies recomputed, the statutory tables checked within themselves and against each other, the
情况说明 against the tables, one department and year throughout, and the template filled in.

>>> from assistant.audit import run_audit   # doctest: +SKIP
"""

from __future__ import annotations

__all__ = ["AuditReport", "Finding", "Operand", "run_audit"]


def __getattr__(name: str):
    """The names above, imported when first used: answering a question imports one check of this
    package (``assistant.audit.statements``), not the whole audit."""
    if name == "run_audit":
        from assistant.audit.run import run_audit

        return run_audit
    if name in ("AuditReport", "Finding", "Operand"):
        from assistant.audit import findings

        return getattr(findings, name)
    raise AttributeError(f"module 'assistant.audit' has no attribute {name!r}")
