"""One document under audit: its figures in reading order, operands, citations, findings so far."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from assistant.answer import Citation
from assistant.audit.cells import Cell, Sheet
from assistant.audit.findings import Family, Finding, Operand, Severity, Verdict, finding_id, plain
from assistant.audit.vocabulary import Vocabulary, key
from assistant.compose import unique_citations
from assistant.knowledge import Knowledge, label
from ingest.records import DocumentRecords, Figure, Indicator, PerformanceTable

SKIP_BASES = ("说明",)  # numbers mentioned inside a reason or a note are not statements


@dataclass
class Audit:
    kb: Knowledge
    rec: DocumentRecords
    vocab: Vocabulary
    findings: list[Finding] = field(default_factory=list)
    reported: set[frozenset[str]] = field(default_factory=set)  # operand sets already checked
    said: set[tuple] = field(default_factory=set)  # things reported once per document

    def __post_init__(self) -> None:
        self.doc = self.rec.info.id
        self.figures = [f for f in self.rec.figures if f.origin == "text" and f.basis not in SKIP_BASES]
        self.position = {f.id: i for i, f in enumerate(self.figures)}

    # -- finding figures ----------------------------------------------------------------------
    def before(self, f: Figure, pred: Callable[[Figure], bool], *, same_section: bool = True) -> Figure | None:
        """The nearest figure before ``f`` (in reading order) that satisfies ``pred``."""
        for g in reversed(self.figures[: self.position[f.id]]):
            if same_section and g.section != f.section:
                continue
            if pred(g):
                return g
        return None

    def find(self, pred: Callable[[Figure], bool]) -> list[Figure]:
        return [f for f in self.figures if pred(f)]

    def main(self, f: Figure) -> Figure:
        """The first statement of ``f``'s number in its section (not a later "决算数" repeating it)."""
        same = (g for g in self.figures if g.section == f.section and g.subject == f.subject and g.basis == f.basis and g.unit == f.unit and g.value == f.value)
        return next(same, f)

    def named(self, subject: str, *, before: Figure | None = None, unit: str | None = None, basis: str | None = None) -> Figure | None:
        """A figure named ``subject`` (the document's words): the nearest before ``before``, else the first."""

        def ok(g: Figure) -> bool:
            return key(g.subject) == key(subject) and (unit is None or g.unit == unit) and (basis is None or g.basis == basis)

        if before is not None:
            hit = self.before(before, ok, same_section=False)
            if hit is not None:
                return self.main(hit)
        hits = self.find(ok)
        return hits[0] if hits else None

    def absent(self, text: str) -> Citation | None:
        """The paragraph saying the department has no ``text`` ("本年度无国有资本经营预算财政拨款…")."""
        pattern = re.compile("无" + re.escape(key(text)))
        for p in self.rec.passages:
            if p.kind == "paragraph" and pattern.search(key(p.text)):
                return self.kb.cite_lines(self.doc, p.line_start, p.line_end)
        return None

    # -- operands and citations ---------------------------------------------------------------
    @staticmethod
    def name(f: Figure) -> str:
        """How a finding names ``f``: a classified item by its classification alone ("…(项)"), not
        "…(项)支出决算数"; anything else by its label."""
        return f.subject if f.classification else label(f)

    def operand(self, f: Figure, role: str, *, subject: str | None = None) -> Operand:
        return Operand(
            subject=subject or self.name(f),
            value=plain(f.value),
            unit=f.unit,
            doc=f.doc,
            record_id=f.id,
            basis=f.basis,
            role=role,
            raw=f.raw,
            line_start=f.line_start,
            line_end=f.line_end,
            page=self.page(f.line_start),
            source="narrative",
        )

    @staticmethod
    def stated_with(f: Figure, kind: str, *, subject: str, value: Decimal, raw: str | None, unit: str, basis: str, role: str) -> Operand:
        """A number stated in the same sentence as ``f`` and about it — its change, its rate, its
        share (``kind``: "change", "percent", "share") — as an operand cited at ``f``'s lines."""
        return Operand(
            subject=subject,
            value=plain(value),
            unit=unit,
            doc=f.doc,
            record_id=f"{f.id}:{kind}",
            basis=basis,
            role=role,
            raw=raw,
            line_start=f.line_start,
            line_end=f.line_end,
        )

    def share(self, f: Figure, role: str) -> Operand:
        """The share ``f``'s sentence states ("占 79.63%") as an operand."""
        return self.stated_with(f, "share", subject=f"{self.name(f)}占比", value=f.share.percent, raw=f.share.raw, unit="%", basis="占比", role=role)

    def cell(
        self,
        table: PerformanceTable,
        field_label: str,
        value: Decimal,
        unit: str,
        line: int,
        role: str,
        *,
        line_end: int | None = None,
        subject: str | None = None,
    ) -> Operand:
        """A performance-table cell as an operand: ``<项目名称>·<栏目>``."""
        return Operand(
            subject=subject or f"{table.name}·{field_label}",
            value=plain(value),
            unit=unit,
            doc=table.doc,
            record_id=f"{table.id}:L{line}:{field_label}",
            basis=field_label,
            role=role,
            raw=plain(value),
            line_start=line,
            line_end=line_end or line,
        )

    def derived(self, subject: str, value: Decimal | int, unit: str) -> Operand:
        return Operand(subject=subject, value=plain(Decimal(value)), unit=unit, doc=self.doc, role="derived", derived=True)

    def cite(self, f: Figure) -> Citation:
        return self.kb.cite_figure(f)

    def cite_row(self, table: PerformanceTable, line: int, line_end: int | None = None) -> Citation:
        return self.kb.cite_row(table, line, line_end)

    def cite_lines(self, start: int, end: int) -> Citation:
        return self.kb.cite_lines(self.doc, start, end)

    # -- the statutory tables -------------------------------------------------------------------
    @cached_property
    def sheet(self) -> Sheet:
        return Sheet(self.rec)

    def page(self, line: int) -> int:
        return self.rec.place(line).page

    @cached_property
    def paged(self) -> bool:
        return self.rec.info.format == "pdf" or self.rec.info.pages > 1

    def where(self, line: int) -> str:
        """Where document line ``line`` is, as a reader finds it: "第 21 页", or "第 98 行" in a
        text without pages."""
        if self.paged:
            return f"第 {self.page(line)} 页"
        return f"第 {self.rec.place(line).file_line or line} 行"

    def cite_cell(self, cell: Cell) -> Citation:
        """A table row quoted as printed, boxed at the cell (the row when the cell is blank), with
        its table and the header of each quoted cell."""
        row = cell.row
        c = self.kb.cite_lines(self.doc, row.line, row.line, row.quote)
        columns = ["科目编码"] if row.code else []
        columns.append("科目名称" if row.code else "项目")
        columns += [a.printed or a.column or "" for a in row.amounts if a.raw]
        c.table, c.columns = cell.table.label, columns
        c.section = cell.table.label
        box = cell.amount.bbox if cell.amount is not None and cell.amount.bbox and not cell.blank else row.bbox
        if box and self.rec.info.format == "pdf":
            c.bbox = list(box)
        return c

    def cell_operand(self, cell: Cell, role: str) -> Operand:
        return Operand(
            subject=cell.label,
            value=plain(cell.value),
            unit=cell.unit,
            doc=self.doc,
            record_id=cell.record_id,
            basis=cell.column,
            role=role,
            raw=cell.raw or "0",
            line_start=cell.row.line,
            line_end=cell.row.line,
            page=cell.row.page,
            source=cell.table.kind,
        )

    # -- findings -----------------------------------------------------------------------------
    def first_time(self, *what: object) -> bool:
        """True the first time ``what`` is asked about in this document (a subject stated in two
        sentences is reported once)."""
        if what in self.said:
            return False
        self.said.add(what)
        return True

    PLACED = re.compile(r"第 \d+(?:[、–]\d+)* [页行]")

    def _placed(self, message: str, citations: list[Citation]) -> str:
        """A message says where its sides are printed: the pages of its citations (their lines in
        a text without pages) are added when it does not name them itself."""
        if self.PLACED.search(message) or not citations:
            return message
        if self.paged:
            places = list(dict.fromkeys(c.page for c in citations if c.page))
            where = f"第 {'、'.join(map(str, places))} 页" if places else ""
        else:
            places = sorted({c.line_start for c in citations})
            where = f"第 {'、'.join(map(str, places))} 行"
        if not where:
            return message
        return message[:-1] + f"（{where}）。" if message.endswith("。") else f"{message}（{where}）"

    def seen(self, operands: Iterable[Operand]) -> bool:
        """True when a relation over these stated operands (or more) was already reported."""
        ids = frozenset(o.record_id for o in operands if o.record_id)
        return bool(ids) and any(ids <= done for done in self.reported)

    def add(
        self,
        *,
        family: Family,
        check: str,
        severity: Severity | None = None,
        relation: str,
        message: str,
        operands: list[Operand],
        citations: list[Citation],
        verdict: Verdict | None = None,
        unit: str | None = None,
        note: str | None = None,
        topics: Iterable[str] = (),
        identity: Iterable[object] = (),
        remember: bool = False,
        labels: Iterable[object] = (),
        lines: tuple[int, int] | None = None,
    ) -> Finding:
        """Record a finding; ``remember`` marks its stated operands so :meth:`seen` skips a repeat."""
        stated_ids = [o.record_id for o in operands if o.record_id]
        if remember:
            self.reported.add(frozenset(stated_ids))
        cites = _unique(citations)
        message = self._placed(message, citations)
        # where the finding is: the lines of its stated operands (a table's name row only cites)
        spans = [(o.line_start, o.line_end or o.line_start) for o in operands if o.line_start and not o.derived]
        spans = [lines] if lines else spans or [self.kb.lines_of(c) for c in cites]  # document lines (a PDF cites lines of a page)
        topic_list = list(dict.fromkeys([*topics, *(o.subject for o in operands if not o.derived)]))
        fields = verdict.fields() if verdict is not None else {}
        finding = Finding(
            id=finding_id(self.doc, check, *(list(identity) or sorted(stated_ids))),
            doc=self.doc,
            family=family,
            check=check,
            severity=severity or (verdict.severity if verdict is not None else "ok"),
            relation=relation,
            message=message,
            operands=operands,
            unit=unit,
            note=note,
            topics=topic_list,
            line_start=min(s for s, _ in spans) if spans else 0,
            line_end=max(e for _, e in spans) if spans else 0,
            pages=list(dict.fromkeys(c.page for c in citations if c.page)),
            labels=_labels(message, citations, operands, labels),
            citations=cites,
            **fields,
        )
        self.findings.append(finding)
        return finding


def indicator_signature(ind: Indicator) -> tuple[str, str, str]:
    """What makes two indicator rows the same indicator: name, target and weight (the duplicates
    check reports such rows; the score totals count each once)."""
    return (key(ind.name), re.sub(r"\s+", "", ind.target.raw), plain(ind.weight) if ind.weight is not None else "")


def _labels(message: str, citations: list[Citation], operands: list[Operand], extra: Iterable[object]) -> list[str]:
    """The numbers of ``message`` that name rather than count: the pages of its sides, the codes in
    its subjects' names, the years it gives."""
    from assistant.answer import NUMBER_IN_TEXT

    named = {str(c.page) for c in citations if c.page} | {str(x) for x in extra}
    named |= {str(n) for c in citations for n in (c.line_start, c.line_end)}
    for o in operands:
        if not o.derived:
            named |= set(re.findall(r"(?<![\d.,])\d{3,7}(?![\d.,])", o.subject))
            named |= {str(o.page)} if o.page else set()
    return [n for n in dict.fromkeys(NUMBER_IN_TEXT.findall(message)) if n in named]


def _unique(citations: list[Citation]) -> list[Citation]:
    return unique_citations(sorted(citations, key=lambda c: (c.line_start, c.line_end)))
