"""What leaves the assistant: the Answer contract (see CONTRACT.md) and the conversation Session."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Citation(Model):
    doc: str
    section: str
    line_start: int
    line_end: int
    quote: str
    section_path: list[str] = []


class Calculation(Model):
    expression: str
    result: str
    unit: str
    operands: list[FigureRef] = []


class Turn(Model):
    """What a turn left for follow-ups to lean on."""

    question: str
    intent: str
    kind: Kind
    doc: str | None = None
    figure_ids: list[str] = []
    table_id: str | None = None
    field: str | None = None  # a performance-table field
    indicator: str | None = None  # an indicator of that table
    subject: str | None = None


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


NUMBER_IN_TEXT = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except Exception:  # noqa: BLE001
        return None


def unsupported_numbers(answer: Answer) -> list[str]:
    allowed: set[Decimal] = set()
    for f in answer.figures:
        d = _dec(f.value)
        if d is not None:
            allowed.add(d)
    if answer.calculation:
        for s in [answer.calculation.result, *NUMBER_IN_TEXT.findall(answer.calculation.expression)]:
            d = _dec(s)
            if d is not None:
                allowed.add(d)
        for f in answer.calculation.operands:
            d = _dec(f.value)
            if d is not None:
                allowed.add(d)
    for cond in answer.filters:
        for s in NUMBER_IN_TEXT.findall(cond):
            d = _dec(s)
            if d is not None:
                allowed.add(d)
    for c in answer.citations:
        for s in NUMBER_IN_TEXT.findall(c.quote):
            d = _dec(s)
            if d is not None:
                allowed.add(d)
    out = []
    for s in NUMBER_IN_TEXT.findall(answer.answer):
        d = _dec(s)
        if d is None or d not in allowed:
            out.append(s)
    return out
