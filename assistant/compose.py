"""Building answers: quantities formatted with their units, templates filled, turns remembered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from assistant.answer import Answer, Calculation, Citation, FigureRef, Kind, Session, Turn
from assistant.knowledge import Knowledge
from assistant.prompts import Language
from assistant.understand import Query


def agreement(computed: Decimal, stated: Decimal) -> str:
    """How a rate worked out by the calculator agrees with the one the document states: a last digit
    apart is rounding (the tables' amounts are rounded, the narrative's rate is not)."""
    gap = abs(computed - stated)
    return "一致" if gap == 0 else "基本一致（差别来自金额的四舍五入）" if gap <= Decimal("0.01") else "不一致"


def qty(value: Decimal | str | None, unit: str | None) -> str:
    """``147.81 万元``, ``96.80%``, ``17 辆`` — a number with its unit as Chinese text writes it."""
    if value is None:
        return "—"
    text = str(value)
    if not unit:
        return text
    if unit in ("%", "‰"):
        return f"{text}{unit}"
    return f"{text} {unit}"


@dataclass
class Ctx:
    """Everything a handler needs for one question."""

    kb: Knowledge
    lang: Language
    q: Query
    session: Session
    docs: list[str]
    retriever: object | None = None
    notes: list[str] = field(default_factory=list)
    sources: list = field(default_factory=list)  # citations a note's words come from (the title that states the document's year)
    stated: list = field(default_factory=list)  # figures a note speaks of (a claimed figure, as the document states it)
    _memo: dict[str, object] = field(default_factory=dict)
    knowledge: Callable[[list[str]], Knowledge] | None = None  # the records of other documents, indexed

    def kb_of(self, docs: list[str]) -> Knowledge:
        return self.knowledge(docs) if self.knowledge is not None else self.kb

    def with_kb(self, kb: Knowledge, docs: list[str]) -> Ctx:
        """The same question over other documents."""
        return replace(self, kb=kb, docs=docs, _memo={})

    def with_query(self, q: Query) -> Ctx:
        """Another reading of the question over the same documents."""
        return replace(self, q=q, notes=[], _memo={})

    def memo(self, key: str, compute: Callable[[], object]):
        """A per-question cache for lookups several steps need."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def t(self, section: str, key: str, **values: object) -> str:
        return self.lang.templates.render(section, key, **values)

    def answer(
        self,
        kind: Kind,
        text: str,
        *,
        intent: str,
        figures: list[FigureRef] | None = None,
        citations: list[Citation] | None = None,
        calculation: Calculation | None = None,
        table: list[dict[str, str]] | None = None,
        turn: Turn | None = None,
        filters: list[str] | None = None,
    ) -> Answer:
        cites = unique_citations([*(citations or []), *self.sources])
        ans = Answer(
            question=self.q.original,
            kind=kind,
            answer=text,
            figures=[*(figures or []), *(f for f in self.stated if f not in (figures or []))],
            calculation=calculation,
            citations=cites,
            notes=list(self.notes),
            table=table,
            intent=intent,
            filters=filters or [],
        )
        session = self.session.model_copy(deep=True)
        if self.q.is_empty:  # nothing was asked (markup, emoji, blank): the conversation goes on as before
            ans.session = session
            return ans
        turn = turn or Turn(
            question=self.q.text,
            intent=intent,
            kind=kind,
            doc=(figures[0].doc if figures else (self.docs[0] if len(self.docs) == 1 else None)),
            figure_ids=[f.record_id for f in (figures or []) if f.record_id],
        )
        if calculation is not None and turn.calculation is None:
            turn = turn.model_copy(update={"calculation": calculation})
        if turn.doc is None and not turn.docs:
            docs = list(dict.fromkeys(f.doc for f in figures or [] if f.doc))
            turn.docs = docs if len(docs) > 1 else []  # an answer across departments: a follow-up goes on with them
        session.remember(turn)
        ans.session = session
        return ans


def unique_citations(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        key = (c.doc, c.line_start, c.line_end, c.quote)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
