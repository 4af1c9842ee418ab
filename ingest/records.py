"""Stored records: what ingestion extracts from a disclosure, with the original line spans.

Every record that leaves ingestion is a pydantic model (``extra="forbid"``); money is ``Decimal``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = 5
# modules of ingest/ that do not shape the records (paths within it): a change to them never calls
# for re-parsing — every stored document would be parsed again at its next reading
_NOT_PARSER = {"store.py", "stream.py", "db.py", "embed.py", "vectors.py", "files.py", "config.py", "errors.py", "__init__.py",
               "checked.py", "library.py", "copies.py", "conflicts.py"}


def parser_fingerprint() -> str:
    """A hash of the parsing code and its data: records written by other parsing code are re-parsed at open."""
    import hashlib
    from pathlib import Path

    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*folder.rglob("*.py"), *folder.rglob("*.toml")]):
        if path.relative_to(folder).as_posix() not in _NOT_PARSER and "__pycache__" not in path.parts:  # statements/__init__.py is parsing
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PARSER = parser_fingerprint()


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(Record):
    line_start: int
    line_end: int


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


class DocumentInfo(Record):
    id: str
    title: str
    department: str
    year: int | None
    source_name: str
    sha256: str
    encoding: str
    line_count: int
    format: Literal["pdf", "text"] = "text"
    pages: int = 1
    level: str | None = None  # 区 · 市 · 省 … read from the department's name
    region: str | None = None  # 上海市普陀区 …
    cut_off: int | None = None  # the last line of a file that stops short (ingested with --allow-partial)


class Place(Record):
    """Where line n of the document was printed (``places[n - 1]``)."""

    page: int
    line: int  # within the page
    file_line: int = 0  # for a text file, its line number; 0 for a PDF
    bbox: Box | None = None
    role: Literal["text", "table_row", "table_text", "furniture"] = "text"


class Section(Record):
    id: str
    level: int  # 1 第一部分 · 2 一、 · 3 （一） · 4 1.
    number: str
    title: str  # the heading as written, numbering included
    kind: Literal["heading", "item"]
    parent: str | None
    line_start: int
    line_end: int


class Change(Record):
    """A change versus last year as the document states it."""

    direction: Literal["增加", "减少", "持平"]
    amount: Decimal | None = None
    amount_raw: str | None = None
    unit: str | None = None
    percent: Decimal | None = None
    percent_raw: str | None = None


class Share(Record):
    percent: Decimal
    raw: str
    of: str | None  # the total it is a share of, in the document's words


class Figure(Record):
    """One stated number with its subject in the document's own words."""

    id: str
    doc: str
    subject: str
    term: str | None = None  # the basis words as written when they name the figure (全年预算数 …)
    parent: str | None = None  # the total a "其中：" part belongs to
    value: Decimal
    raw: str  # as written, e.g. "636,952.54"
    unit: str
    kind: Literal["amount", "count", "percent", "measure"]
    basis: str  # 本年决算 · 上年 · 年初预算 · 全年预算 · 执行数 · 预决算差异率 · 比上年增减 · 占比 · 标准 …
    change: Change | None = None
    share: Share | None = None
    reason: str | None = None
    classification: list[str] | None = None  # ["住房保障支出(类)", "…(款)", "…(项)"]
    origin: Literal["text", "table"] = "text"
    table_id: str | None = None  # for numbers in a performance table's goals and notes
    section: str
    section_path: list[str]
    line_start: int
    line_end: int
    quote: str  # verbatim original text of the statement
    reason_quote: str | None = None
    reason_lines: Span | None = None


class Measure(Record):
    """A value in a performance table cell: comparator, number and unit, or words."""

    raw: str
    comparator: str | None = None  # = >= <= > < ≥ ≤
    value: Decimal | None = None
    unit: str | None = None
    text: str | None = None  # a qualitative value such as 有效提升


class FundRow(Record):
    label: str
    budget_initial: Decimal | None = None  # 年初预算数
    budget_full: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数
    weight: Decimal | None = None  # 分值
    rate: Decimal | None = None  # 执行率 (%)
    score: Decimal | None = None  # 得分
    line: int
    raw: str


class Indicator(Record):
    level1: str | None
    level2: str | None
    name: str
    target: Measure
    basis_note: str | None = None  # 指标值设定依据 (整体表)
    actual: Measure
    weight: Decimal | None
    score: Decimal | None
    note: str | None = None  # 偏差原因分析及改进措施
    duplicate_of: int | None = None  # index of an identical earlier row
    line_start: int
    line_end: int
    raw: str


class PerformanceTable(Record):
    id: str
    doc: str
    kind: Literal["department", "project"]
    title: str
    name: str  # 项目名称 / 部门（单位）名称
    department: str | None = None  # 主管部门
    implementer: str | None = None  # 实施单位
    unit_line: int | None = None  # the row naming 主管部门 and 实施单位
    funds: list[FundRow]
    goal: str | None = None
    achieved: str | None = None
    goal_lines: Span | None = None
    indicators: list[Indicator]
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    total_line: int | None = None
    name_line: int
    line_start: int
    line_end: int

    @property
    def total(self) -> FundRow | None:
        return self.funds[0] if self.funds else None


class GlossaryTerm(Record):
    id: str
    term: str
    definition: str
    line_start: int
    line_end: int


class Attachment(Record):
    """A table the text lists as attached (见附表) but does not contain."""

    number: str
    title: str
    line: int


class Label(Record):
    """A number that is not a quantity: a year, date, ordinal, document number or identifier."""

    raw: str
    kind: Literal["year", "date", "ordinal", "doc_number", "identifier", "threshold"]
    line: int


class Unparsed(Record):
    raw: str
    line: int
    context: str


class Passage(Record):
    """A retrievable piece: a paragraph, a table row, a glossary entry."""

    id: str
    doc: str
    kind: Literal["paragraph", "table_row", "table_goal", "glossary", "heading"]
    text: str  # normalised text used for search (may carry a context prefix)
    section: str
    line_start: int
    line_end: int


class Amount(Record):
    """One amount cell of a statutory table: its column, the cell as printed and its value."""

    column: str | None  # the normalised column name (本年支出合计 …); None while unresolved
    printed: str  # the column's header as printed, levels joined by "/"
    raw: str  # the cell as printed ("2,106.66"); "" for a blank cell
    value: Decimal | None  # None for a blank cell: blank is not zero
    bbox: Box | None = None
    candidates: list[str] = []  # a text export lost the cell's position: the columns it may be in


class StatementRow(Record):
    """A row of a statutory table: a subject (by code and name) or an item, with its amounts."""

    id: str
    doc: str
    table: str  # the StatementTable id
    kind: str  # the statutory table kind (statutory.toml)
    side: Literal["收入", "支出"] | None = None  # the half of a summary table
    code: str | None = None  # 2010601 (功能分类) or 30201 (经济分类)
    name: str  # as printed, a wrapped name joined
    level: Literal["类", "款", "项", "total", "item"]
    classification: Literal["功能分类", "经济分类"] | None = None
    parent: str | None = None  # the parent's code, or the item a sub-item belongs to
    amounts: list[Amount]
    page: int
    line: int  # the document line of the row
    bbox: Box | None = None
    quote: str  # the row as printed, cells joined by single spaces

    def amount(self, column: str) -> Amount | None:
        return next((a for a in self.amounts if a.column == column), None)


class Column(Record):
    name: str  # normalised
    printed: str
    side: Literal["收入", "支出"] | None = None


class StatementTable(Record):
    """One statutory table, stitched across pages, with its rows as typed records."""

    id: str
    doc: str
    kind: str
    label: str  # the template's name for the kind
    title: str  # as printed
    unit: str  # 万元 · 元
    columns: list[Column]
    pages: list[int]
    title_line: int
    line_start: int
    line_end: int
    rows: list[StatementRow]
    empty: bool = False  # the document states the table is empty, or every amount is blank or 0
    empty_note: str | None = None  # the sentence saying so (本表无数据 …)
    notes: list[str] = []
    source: Literal["grid", "text"] = "grid"
    warnings: list[str] = []

    # -- where lines were printed ---------------------------------------------------------------
    def place(self, n: int) -> Place:
        """Where document line ``n`` was printed (a text without places: page 1, line n)."""
        if 0 < n <= len(self.places):
            return self.places[n - 1]
        return Place(page=1, line=n, file_line=n)

    def printed_span(self, line_start: int, line_end: int) -> tuple[int, int, int, int | None, Box | None]:
        """(first, last, page, last page if another, box) of document lines as a citation gives
        them: file lines for a text, lines within the page for a PDF."""
        a, b = self.place(line_start), self.place(line_end)
        if self.info.format == "pdf":
            first, last = a.line, b.line if b.page == a.page else a.line
            boxes = [p.bbox for p in (self.place(n) for n in range(line_start, line_end + 1)) if p.bbox and p.page == a.page]
        else:
            first, last = a.file_line or line_start, b.file_line or line_end
            boxes = []
        box = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes), max(x[3] for x in boxes)) if boxes else None
        return first, last, a.page, (b.page if b.page != a.page else None), box

    def line_number(self, page: int | None, line: int) -> int:
        """The document line a citation's (page, line) points at — the inverse of :meth:`printed_span`."""
        if not self.places:
            return line
        if self.info.format == "pdf":
            return next((n for n, p in enumerate(self.places, 1) if p.page == page and p.line == line), line)
        return next((n for n, p in enumerate(self.places, 1) if p.file_line == line and (page is None or p.page == page)), line)


class Coverage(Record):
    numbers: int
    in_records: int
    labels: int
    unparsed: int

    @property
    def percent(self) -> Decimal:
        if not self.numbers:
            return Decimal("100")
        return (Decimal(self.in_records + self.labels) * 100 / self.numbers).quantize(Decimal("0.01"))


class DocumentRecords(Record):
    schema_version: int = SCHEMA_VERSION
    parser: str = PARSER
    info: DocumentInfo
    lines: list[str]
    places: list[Place] = []
    statements: list[StatementTable] = []
    page_coverage: list[Coverage] = []
    sections: list[Section]
    figures: list[Figure]
    tables: list[PerformanceTable]
    glossary: list[GlossaryTerm]
    attachments: list[Attachment]
    labels: list[Label]
    unparsed: list[Unparsed]
    passages: list[Passage]
    coverage: Coverage
    warnings: list[str] = []

    # -- where lines were printed ---------------------------------------------------------------
    def place(self, n: int) -> Place:
        """Where document line ``n`` was printed (a text without places: page 1, line n)."""
        if 0 < n <= len(self.places):
            return self.places[n - 1]
        return Place(page=1, line=n, file_line=n)

    def printed_span(self, line_start: int, line_end: int) -> tuple[int, int, int, int | None, Box | None]:
        """(first, last, page, last page if another, box) of document lines as a citation gives
        them: file lines for a text, lines within the page for a PDF."""
        a, b = self.place(line_start), self.place(line_end)
        if self.info.format == "pdf":
            first, last = a.line, b.line if b.page == a.page else a.line
            boxes = [p.bbox for p in (self.place(n) for n in range(line_start, line_end + 1)) if p.bbox and p.page == a.page]
        else:
            first, last = a.file_line or line_start, b.file_line or line_end
            boxes = []
        box = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes), max(x[3] for x in boxes)) if boxes else None
        return first, last, a.page, (b.page if b.page != a.page else None), box

    def line_number(self, page: int | None, line: int) -> int:
        """The document line a citation's (page, line) points at — the inverse of :meth:`printed_span`."""
        if not self.places:
            return line
        if self.info.format == "pdf":
            return next((n for n, p in enumerate(self.places, 1) if p.page == page and p.line == line), line)
        return next((n for n, p in enumerate(self.places, 1) if p.file_line == line and (page is None or p.page == page)), line)
