"""What the audit reports: findings with a severity, their operands, both sides cited.

Severities, from best to worst:

- ``ok``: the relation holds exactly.
- ``rounding``: the stated number differs from what its operands give by no more than half a
  unit of its last stated digit (plus the rounding its operands carry when they are themselves
  rounded results, such as a stated 执行率 used to compute a 得分).
- ``mismatch``: a stated number disagrees with its operands, or with the same number stated
  elsewhere, by more than that.
- ``error``: the statement is wrong in kind, not by an amount: a direction word contradicting
  the sign, a duplicated table row, a score above its weight, a value an order of magnitude off
  its target.
- ``unchecked``: the document names the relation but the text cannot check it (the attached
  tables are not in the text, a growth rate on a zero base, an operand it never states). It is
  reported, and does not fail the gate.

The rounding rule. A stated value written with *n* decimals is ``rounding`` when
``0 < |stated − computed| ≤ 0.5 × 10^-n``. Amounts the document states (万元 figures, counts) are
taken as exact facts: a total of stated 2-decimal parts is computed exactly, so any difference
from the stated total is a ``mismatch`` — even 0.01 万元, which the finding's note calls a
尾差 (it usually comes from rounding 元 to 万元 cell by cell, but the published numbers do not add
up). Percentages, rates and scores are the document's own rounded results, so they get the
half-unit tolerance; a sum of rounded shares gets one half-unit per share. One more rule for
shares: when the exactly rounded shares of a list would not total 100% and the document moved the
last digit of one share so that they do (尾差调整, largest-remainder rounding), that share is
``rounding``, with a note.
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, model_validator

from assistant.answer import Citation, FigureRef

Severity = Literal["ok", "rounding", "mismatch", "error", "unchecked"]
Family = Literal["totals", "percentages", "changes", "duplicates", "tables", "attachments"]
SEVERITIES: tuple[str, ...] = ("error", "mismatch", "unchecked", "rounding", "ok")  # report order
FAILING = ("mismatch", "error")
SEVERITY_LABEL = {"ok": "成立", "rounding": "尾差", "mismatch": "不一致", "error": "错误", "unchecked": "无法核对"}


class Operand(FigureRef):
    """A number a relation uses: a stated figure or table cell (cited), or a derived value."""

    role: str  # total · part · stated · budget · actual · current · change · derived …
    raw: str | None = None  # as written in the document
    line_start: int | None = None
    line_end: int | None = None


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    doc: str
    family: Family
    check: str
    severity: Severity
    relation: str  # the relation in words: "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余"
    message: str  # the relation with its numbers, in plain Chinese
    operands: list[Operand] = []
    stated: str | None = None
    computed: str | None = None
    expected: str | None = None  # computed, rounded as the stated value is written
    difference: str | None = None  # stated − computed
    tolerance: str | None = None
    unit: str | None = None
    note: str | None = None
    topics: list[str] = []  # subjects and table names the finding is about (for filtering)
    line_start: int
    line_end: int
    citations: list[Citation] = []

    @property
    def failing(self) -> bool:
        return self.severity in FAILING


class AuditReport(BaseModel):
    """All findings over one or more documents; ``exit_code`` gates a publishing workflow."""

    model_config = ConfigDict(extra="forbid")

    documents: list[str]
    findings: list[Finding]
    counts: dict[str, int] = {}
    exit_code: int = 0

    @model_validator(mode="after")
    def _tally(self) -> AuditReport:
        self.counts = {s: sum(1 for f in self.findings if f.severity == s) for s in get_args(Severity)}
        self.exit_code = 1 if any(f.failing for f in self.findings) else 0
        return self

    def to_markdown(self) -> str:
        from assistant.audit.render import markdown

        return markdown(self)

    def to_json(self, indent: int | None = 1) -> str:
        return self.model_dump_json(indent=indent)


# -- numbers ----------------------------------------------------------------------------------
def places_of(raw: str | Decimal) -> int:
    """Decimals as written: ``"636,952.54"`` → 2, ``"10"`` → 0, ``Decimal("7.48")`` → 2."""
    if isinstance(raw, Decimal):
        exp = raw.as_tuple().exponent
        return max(0, -exp) if isinstance(exp, int) else 0
    text = raw.strip().rstrip("%").replace(",", "")
    return len(text.split(".", 1)[1]) if "." in text else 0


def half_unit(places: int) -> Decimal:
    return Decimal(5).scaleb(-(places + 1))


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def shown(value: Decimal, places: int = 4, keep: int = 0) -> str:
    """A computed value for display: exact when short (with at least ``keep`` decimals), else
    rounded to ``places`` decimals."""
    if value == value.quantize(Decimal(1).scaleb(-places)):
        value = value.normalize()
        if places_of(value) < keep:
            value = quantize(value, keep)
        text = format(value, "f")
    else:
        text = format(quantize(value, places), "f")
    return "0" if text in ("-0", "-0.0") else text


def fmt(value: Decimal | str) -> str:
    """Thousands separators, as the document writes amounts: ``1,234.56``."""
    d = Decimal(str(value).replace(",", ""))
    return format(d, ",f")


def plain(value: Decimal) -> str:
    return format(value, "f")


class Verdict:
    """Stated against computed under the rounding rule (see the module docstring)."""

    def __init__(self, stated: Decimal, raw: str | Decimal, computed: Decimal, *, allowance: Decimal = Decimal(0), tolerance: Decimal | None = None):
        self.places = places_of(raw)
        self.stated = stated
        self.computed = computed
        self.expected = quantize(computed, self.places)
        self.difference = stated - computed
        self.tolerance = tolerance if tolerance is not None else half_unit(self.places) + allowance
        if self.difference == 0:
            self.severity: Severity = "ok"
        elif abs(self.difference) <= self.tolerance:
            self.severity = "rounding"
        else:
            self.severity = "mismatch"

    def fields(self) -> dict[str, str]:
        return {
            "stated": plain(self.stated),
            "computed": shown(self.computed, max(4, self.places), self.places),
            "expected": plain(self.expected),
            "difference": shown(self.difference, max(4, self.places), self.places),
            "tolerance": plain(self.tolerance),
        }


def finding_id(doc: str, check: str, *keys: object) -> str:
    digest = hashlib.sha1("|".join([doc, check, *map(str, keys)]).encode("utf-8")).hexdigest()
    return f"{doc}:a{digest[:12]}"
