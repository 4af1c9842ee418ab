"""What leaves the assistant: the Answer contract (see CONTRACT.md) and the conversation Session."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ingest.numbers import to_decimal

Kind = Literal["figure", "calculation", "list", "text", "refusal", "clarification"]
SESSION_VERSION = 2


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FigureRef(Model):
    subject: str
    value: str  # a decimal string exactly as stated (or as calculated)
    unit: str
    doc: str
    record_id: str | None = None
    basis: str | None = None
    derived: bool = False  # True when calculated from stated figures, not stated
    source: str | None = None  # "narrative", or the statutory table kind an amount was read from


class Citation(Model):
    """Where an answer's words come from. ``line_start``/``line_end`` are lines of the text file,
    or for a PDF lines within ``page``; ``bbox`` ([x0, top, x1, bottom] in PDF points) boxes the
    cited lines, row or cell on that page."""

    doc: str
    section: str
    line_start: int
    line_end: int
    quote: str
    section_path: list[str] = []
    page: int | None = None
    page_end: int | None = None  # when the quote runs onto the next page
    bbox: list[float] | None = None
    table: str | None = None  # the statutory table a row is quoted from
    columns: list[str] | None = None  # the header of each quoted cell of a table row
    document: str | None = None  # the department and year, when the store holds several documents


class Calculation(Model):
    expression: str
    result: str
    unit: str
    operands: list[FigureRef] = []


class Ranking(Model):
    """What a ranking answer ranked: the parts of one table row, at one level, by one column — so that
    "第二多的呢？" or "最少的呢？" ranks the same again."""

    row_id: str
    level: str
    column: str
    share: bool = False  # each part's share of the row was asked too


class Turn(Model):
    """What a turn left for follow-ups to lean on."""

    question: str
    intent: str
    kind: Kind
    doc: str | None = None
    docs: list[str] = []  # the departments' documents a turn across several answered, in their order
    figure_ids: list[str] = []
    table_id: str | None = None
    field: str | None = None  # a performance-table field
    indicator: str | None = None  # an indicator of that table
    subject: str | None = None
    message: str | None = None  # the whole message, when the turn answered one of its several asks
    ranking: Ranking | None = None
    calculation: Calculation | None = None  # what the turn worked out ("这一差额占…": its result, an operand again)
    calculations: list[Calculation] = []  # each department's, when a turn across several worked one out for each


class Session(Model):
    version: int = SESSION_VERSION
    turns: list[Turn] = []

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def remember(self, turn: Turn, keep: int = 20) -> None:
        self.turns.append(turn)
        del self.turns[:-keep]


class Answer(Model):
    question: str
    kind: Kind
    answer: str
    figures: list[FigureRef] = []
    calculation: Calculation | None = None
    calculations: list[Calculation] = []  # the further ones, when a message of several asks needs more than one
    citations: list[Citation] = []
    notes: list[str] = []
    table: list[dict[str, str]] | None = None  # rows when the answer is a list or a comparison
    filters: list[str] = []  # conditions read from the question, e.g. "执行率 < 100%"
    intent: str | None = None
    elapsed_ms: float | None = None
    session: Session = Field(default_factory=Session)

    def numbers_in_answer(self) -> list[str]:
        return NUMBER_IN_TEXT.findall(self.answer)

    def unsupported_numbers(self) -> list[str]:
        """Numbers in the answer text that are neither a figure, a quoted number nor a calculation part."""
        return unsupported_numbers(self)


def document_label(info, *, spaced: bool = False) -> str:
    """How an answer ("某局2024年度") or a citation ("某局 2024 年度", ``spaced``) names a document;
    ``info`` is anything with its ``department`` and ``year``."""
    if not info.year:
        return info.department
    return f"{info.department} {info.year} 年度" if spaced else f"{info.department}{info.year}年度"


def line_range(span) -> str:
    """"第 162 行", "第 207–209 行", or with a page "第 21 页第 4 行" for anything with ``line_start``
    and ``line_end`` (a citation, a finding) and perhaps ``page``."""
    lines = f"第 {span.line_start} 行" if span.line_start == span.line_end else f"第 {span.line_start}–{span.line_end} 行"
    page = getattr(span, "page", None)
    if page is None:
        return lines
    end = getattr(span, "page_end", None)
    pages = f"第 {page}–{end} 页" if end else f"第 {page} 页"
    if getattr(span, "bbox", None) is None:
        return f"{lines}（{pages}）"  # a text file: its own line numbers, and the page they fall on
    return pages + lines


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with "…" when something was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


NUMBER_IN_TEXT = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")


def unsupported_numbers(answer: Answer) -> list[str]:
    written = [f.value for f in answer.figures]
    for calc in [answer.calculation, *answer.calculations] if answer.calculation else answer.calculations:
        written += [calc.result, *NUMBER_IN_TEXT.findall(calc.expression)]
        written += [f.value for f in calc.operands]
    # a cited document's name (department and year) is shown with its citation: its year is a label
    for text in [*answer.filters, *(c.quote for c in answer.citations), *(c.document or "" for c in answer.citations)]:
        written += NUMBER_IN_TEXT.findall(text)
    allowed = {d for d in map(to_decimal, written) if d is not None}
    return [s for s in answer.numbers_in_answer() if to_decimal(s) not in allowed]
