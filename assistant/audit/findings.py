"""What the audit reports: findings with a severity, their operands, both sides cited.

Severities, from best to worst:

- ``ok``: the relation holds exactly.
- ``rounding``: the numbers differ, but by no more than the rounding of the printed numbers can
  explain (the tolerances below). Reported separately, never as a problem.
- ``notice``: wording and form rather than numbers: a template placeholder left in the text
  (XX, 增加（减少）), an empty table without its reason, a rate on a zero base, a 决算 that is
  only "基本持平" with its budget while far from it.
- ``unchecked``: the document names the relation but it cannot be checked (the attached tables
  are not in the text, an operand is never stated). It does not fail the gate.
- ``mismatch``: a stated number disagrees with its operands, or with the same number stated
  elsewhere, by more than rounding.
- ``error``: the statement is wrong in kind, not by an amount — the two sides cannot both be true:
  a direction or comparison word contradicting the numbers (减少 … 增长, 决算数小于预算数 when it
  is larger), a value off by a power of ten (万元 written for 元), two department names or years
  for one document, one subject code under two names, a required table or section missing, a
  duplicated table row, a score above its weight.

The exit code is 1 when any finding is a ``mismatch`` or an ``error``.

Tolerances (:data:`TOLERANCES`, stated in every report). Every number a disclosure prints is
rounded to its last printed digit, so it may be off by half a unit of that digit (0.005 for
2,106.66; 0.05 for 6.2; 0.5 for 14,206):

- the same quantity printed twice (in two tables, or in a table and the text) must be identical
  when both are printed with the same decimals — rounding one number twice gives one result; when
  one is printed with fewer decimals, it must equal the other rounded to its decimals, within half
  a unit of its last digit (``rounding``);
- a total against its parts: each printed non-zero number carries its own half unit, so the total
  may differ from the exact sum of its parts by the sum of those half units (a 合计 of three
  2-decimal parts: 0.02) — that is ``rounding`` (尾差), beyond it ``mismatch``; a printed zero or a
  blank cell is exactly nothing;
- a percentage, rate or score is the document's own rounded result: it may differ from the
  recomputed value by half a unit of its last digit (plus the rounding its operands carry when
  they are themselves rounded results, such as a stated 执行率 used to compute a 得分); when the
  exactly rounded shares of a list would not total 100% and the document moved the last digit of
  one share so that they do (尾差调整, largest-remainder rounding), that share is ``rounding``;
- 元 and 万元 are compared after converting (1 万元 = 10,000 元); two sides that differ by a
  factor of 10, 100, 1,000 or 10,000 beyond rounding are an ``error`` (a unit or digit slip).
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, model_validator

from assistant.answer import Citation, FigureRef

Severity = Literal["ok", "rounding", "notice", "mismatch", "error", "unchecked"]
# the narrative's own relations (totals … attachments) and the statutory tables': within one table
# (statements), between tables (across), the narrative against the tables (narrative), the
# document's identity — department, year, units, subject codes (identity) — and its form (template)
Family = Literal["totals", "percentages", "changes", "duplicates", "tables", "attachments", "statements", "across", "narrative", "identity", "template"]
SEVERITIES: tuple[str, ...] = ("error", "mismatch", "notice", "unchecked", "rounding", "ok")  # report order
FAILING = ("mismatch", "error")
SEVERITY_LABEL = {"ok": "成立", "rounding": "尾差", "notice": "提示", "mismatch": "不一致", "error": "错误", "unchecked": "无法核对"}
FAMILY_LABEL = {
    "totals": "正文合计",
    "percentages": "正文比率",
    "changes": "增减变动",
    "duplicates": "重复与前后一致",
    "tables": "绩效自评表",
    "attachments": "附表",
    "statements": "表内勾稽",
    "across": "表间一致",
    "narrative": "说明与报表",
    "identity": "单位、年度与科目",
    "template": "模板与完整性",
}
TOLERANCES = [
    "同一数字在两处出现（两张表之间、表与正文之间）：小数位数相同时必须完全相同；一处保留的位数较少时，按其位数四舍五入后相同即为尾差。",
    "合计与分项：每个非零数都是四舍五入到末位的结果，可能偏差末位的半个单位；合计与分项之和的差不超过这些半个单位之和时为尾差（如三个两位小数的分项：0.02 以内），超过为不一致。空白单元格和 0 按零计。",
    "百分比、比率和得分：与按文中数字重算的结果相差不超过其末位的半个单位时为尾差。",
    "元与万元按 1 万元 = 10,000 元换算后比较；两处相差 10、100、1,000 或 10,000 倍（舍入以外）为单位或数位错误。",
]


class Operand(FigureRef):
    """A number a relation uses: a stated figure or table cell (cited), or a derived value."""

    role: str  # total · part · stated · budget · actual · current · change · derived …
    raw: str | None = None  # as written in the document
    line_start: int | None = None
    line_end: int | None = None
    page: int | None = None  # where it is printed (a table cell's page)


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
    pages: list[int] = []  # the pages of its sides, in order
    labels: list[str] = []  # numbers in the message that are not quantities: pages, subject codes, years
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
    by_document: dict[str, dict[str, int]] = {}  # per document: relations checked, and findings by severity
    tolerances: list[str] = TOLERANCES
    exit_code: int = 0

    @model_validator(mode="after")
    def _tally(self) -> AuditReport:
        self.counts = _tally(self.findings)
        self.by_document = {doc: {"relations": len(mine), **_tally(mine)} for doc in self.documents for mine in [[f for f in self.findings if f.doc == doc]]}
        self.exit_code = 1 if any(f.failing for f in self.findings) else 0
        return self

    def to_markdown(self) -> str:
        from assistant.audit.render import markdown

        return markdown(self)

    def to_json(self, indent: int | None = 1) -> str:
        return self.model_dump_json(indent=indent)

    def to_csv(self) -> str:
        from assistant.audit.render import csv_text

        return csv_text(self)


def _tally(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in get_args(Severity)}


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


def envelope(raws: list[str | Decimal]) -> Decimal:
    """How far a total may be from the exact sum of its parts when every printed number is rounded:
    half a unit of the last digit of each non-zero number (the total's and each part's).

    >>> envelope(["1,000.00", "600.00", "300.00", "100.00"])
    Decimal('0.020')
    >>> envelope(["12.5", "0", "12.50"])
    Decimal('0.055')
    """
    out = Decimal(0)
    for raw in raws:
        text = str(raw).replace(",", "").strip()
        try:
            value = Decimal(text.rstrip("%"))
        except ArithmeticError:
            continue
        if value:
            out += half_unit(places_of(raw))
    return out


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
