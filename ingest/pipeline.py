"""One document through the ingestion stages, in the order of ``PIPELINE``.

    read (pdf | text) → pages (lines with page, line and box) → statements (find, stitch and
    read the statutory tables) → narrative (sections, figures, reasons, glossary, performance
    tables) → reconcile (place the amounts a text export left without a column) → passages →
    coverage (every number on every page in a record or classified)

Each stage is a function of the :class:`Draft` that returns one typed output, stored on the draft
under the stage's name; a stage reads only what the stages before it produced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import NotADisclosureError
from ingest.figures import FigureReader, Reading
from ingest.layout import ATTACHMENT_PART, heading_level, layout
from ingest.numbers import RAW_NUMBER, Num, find_numbers, label_kind
from ingest.pages import Grid, Pages, text_pages
from ingest.passages import PassageBuilder
from ingest.pdf import read_pdf
from ingest.read import SourceText, read_source
from ingest.records import (
    Attachment,
    Coverage,
    DocumentInfo,
    DocumentRecords,
    Figure,
    GlossaryTerm,
    Label,
    Passage,
    PerformanceTable,
    Place,
    Section,
    StatementTable,
    Unparsed,
)
from ingest.sections import Placed, build_sections
from ingest.statements import read_statements, reconcile
from ingest.statements.find import RawTable
from ingest.tables import TableParser
from ingest.text import Traced, normalize, squash

TITLE = re.compile(r"^(?P<dept>.+?)\s*(?P<year>\d{4})\s*年度?\s*部门决算")
ID_SUFFIXES = re.compile(r"[-_.](final[-_]accounts?|juesuan|决算公开说明|部门决算)$", re.I)
REGION = re.compile(r"^(中共|中国共产党)?(?P<region>(.{2,8}?(省|自治区))?(.{2,8}?(市|自治州|地区|盟))?(.{2,8}?(区|县|旗)(?!域|别|划))?)(?=.)")


def document_id(name: str, sha256: str) -> str:
    """A stable id from the file name: ``urumqi-housing-2023-final-accounts.txt`` → ``urumqi-housing-2023``."""
    stem = Path(name).stem
    stem = ID_SUFFIXES.sub("", stem)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    return slug or f"doc-{sha256[:10]}"


# -- the draft every stage reads and adds to ------------------------------------------------------------
@dataclass
class Statements:
    tables: list[StatementTable]
    raw: list[RawTable]
    other_grids: list[Grid]

    @property
    def lines(self) -> set[int]:
        return set().union(*(t.lines for t in self.raw)) if self.raw else set()


@dataclass
class Narrative:
    info: DocumentInfo
    sections: list[Section]
    figures: list[Figure]
    tables: list[PerformanceTable]
    glossary: list[GlossaryTerm]
    attachments: list[Attachment]
    reading: Reading
    passages: PassageBuilder


@dataclass
class Draft:
    source: SourceText
    doc_id: str
    pages: Pages | None = None
    statements: Statements | None = None
    narrative: Narrative | None = None
    reconciled: list[StatementTable] | None = None
    passages: list[Passage] | None = None
    coverage: tuple[Coverage, list[Coverage], list[Unparsed]] | None = None
    warnings: list[str] = field(default_factory=list)


# -- stages --------------------------------------------------------------------------------------------
def read_pages(d: Draft) -> Pages:
    """Source → every printed line with its page, page line and box (PDF) or file line (text)."""
    s = d.source
    if s.kind == "pdf":
        return read_pdf(s.raw, s.name)
    return text_pages(s.name, s.lines, sha256=s.sha256, encoding=s.encoding, raw=s.raw)


def find_statements(d: Draft) -> Statements:
    """Pages → the statutory tables as typed rows (and the other ruled grids)."""
    tables, raws, others = read_statements(d.pages, d.doc_id)  # type: ignore[arg-type]
    return Statements(tables, raws, others)


def read_narrative(d: Draft) -> Narrative:
    """The lines outside the statutory tables → sections, figures, reasons, glossary, performance tables."""
    pages, statements = d.pages, d.statements
    assert pages is not None and statements is not None
    lines = _narrative_lines(pages, statements)
    blocks = layout(lines)
    info = _document_info(d, lines, blocks)
    sections, placed = build_sections(blocks, d.doc_id, len(lines))
    reader = FigureReader(d.doc_id, lines, info.department)
    tables_parser = TableParser(d.doc_id, lines)
    reading = Reading()
    tables: list[PerformanceTable] = []
    glossary: list[GlossaryTerm] = []
    attachments: list[Attachment] = []
    passages = PassageBuilder(d.doc_id)

    def merge(r: Reading) -> None:
        reading.figures.extend(r.figures)
        reading.labels.extend(r.labels)
        reading.covered |= r.covered
        reading.label_origins |= r.label_origins

    for p in placed:
        block = p.block
        if block.kind in ("paragraph", "item", "title"):
            merge(reader.read(p))
            passages.add_block(p)
        elif block.kind == "heading":
            merge(reader.read(p))  # headings carry only labels (years, ordinals)
        elif block.kind == "glossary":
            term = _glossary_term(block.text, block.number, d.doc_id, len(glossary))
            if term:
                glossary.append(term)
                passages.add_glossary(term, p.section_title)
            merge(reader.read(p))
        elif block.kind == "toc":
            merge(_labels(block.text, "ordinal"))  # years in entries; page numbers
        elif block.kind == "list_entry" and any(ATTACHMENT_PART.search(t) for t in p.titles):
            text = squash(block.text.text)
            level, number = heading_level(text)
            if level > 1 and text[len(number) :].strip():
                attachments.append(
                    Attachment(number=re.sub(r"[、.．（）()\s]", "", number), title=text[len(number) :].strip(), line=block.text.line_start)
                )
        elif block.kind == "table":
            merge(_labels(block.text, "year"))
            parsed = tables_parser.parse(block) if block.text.text else None
            if parsed is None:
                for line, raw in block.rows:
                    passages.add("table_row", squash(raw.replace("\t", " | ")), p.section_title, line, line)
                continue
            tables.append(parsed.table)
            reading.covered |= parsed.covered
            for role, cell in parsed.text_cells:
                r = Reading()
                reader.read_mentions(normalize(cell), Placed(block, p.path), r, parsed.table.id)
                if role == "name":
                    r.figures = []  # numbers inside a name are part of the name
                merge(r)
            passages.add_table(parsed.table, p.section_title)
    return Narrative(info, sections, _dedupe(reading.figures), tables, glossary, attachments, reading, passages)


def reconcile_statements(d: Draft) -> list[StatementTable]:
    """Place the amounts of text-exported rows in their columns, from the tables' arithmetic and
    the amounts the narrative states under a column's name."""
    assert d.statements is not None and d.narrative is not None
    reconcile(d.statements.tables, d.narrative.figures)
    return d.statements.tables


def build_passages(d: Draft) -> list[Passage]:
    """Narrative passages, then one passage per statutory table row (for retrieval)."""
    assert d.narrative is not None and d.reconciled is not None
    builder = d.narrative.passages
    for table in d.reconciled:
        builder.add_statement(table)
    return builder.passages


def measure_coverage(d: Draft) -> tuple[Coverage, list[Coverage], list[Unparsed]]:
    """Every number on every page: in a record (narrative or table), classified, or unparsed."""
    assert d.pages is not None and d.narrative is not None and d.reconciled is not None
    return _coverage(d.pages, d.narrative.reading, d.reconciled, d.statements.raw, d.statements.other_grids)  # type: ignore[union-attr]


PIPELINE: list[tuple[str, Callable[[Draft], object]]] = [
    ("pages", read_pages),
    ("statements", find_statements),
    ("narrative", read_narrative),
    ("reconciled", reconcile_statements),
    ("passages", build_passages),
    ("coverage", measure_coverage),
]


def parse_source(source: SourceText) -> DocumentRecords:
    """Run every stage of ``PIPELINE`` on one source and assemble the records."""
    d = Draft(source=source, doc_id=document_id(source.name, source.sha256))
    for name, stage in PIPELINE:
        setattr(d, name, stage(d))
    return _records(d)


def parse_file(path: str | Path) -> DocumentRecords:
    return parse_source(read_source(path))


def _records(d: Draft) -> DocumentRecords:
    pages, narrative, statements = d.pages, d.narrative, d.reconciled
    assert pages is not None and narrative is not None and statements is not None and d.coverage is not None
    coverage, page_coverage, unparsed = d.coverage
    warnings = list(d.warnings)
    if not narrative.figures and not narrative.tables and not statements:
        warnings.append("no figures, statutory tables or performance tables were found; is this a 部门决算?")
    for table in statements:
        warnings.extend(table.warnings)
    for grid in d.statements.other_grids:  # type: ignore[union-attr]
        if _looks_statutory(grid):
            warnings.append(f"page {grid.page}: a table with amounts was found under no statutory title; its rows were read as text")
    return DocumentRecords(
        info=narrative.info,
        lines=pages.texts,
        places=[Place(page=l.page, line=l.page_line, file_line=l.file_line, bbox=l.bbox, role=_role(l.n, l.role, d)) for l in pages.lines],
        sections=narrative.sections,
        figures=narrative.figures,
        tables=narrative.tables,
        statements=statements,
        glossary=narrative.glossary,
        attachments=narrative.attachments,
        labels=narrative.reading.labels,
        unparsed=unparsed,
        passages=d.passages or [],
        coverage=coverage,
        page_coverage=page_coverage,
        warnings=warnings,
    )


def _role(n: int, role: str, d: Draft) -> str:
    if role == "furniture":
        return role
    raw = d.statements.raw if d.statements else []
    for t in raw:
        if n in t.lines:
            return "table_row" if role == "table_row" or (t.source == "text" and any(line.n == n for line in t.body)) else "table_text"
    return "text" if role != "table_row" else "table_row"


def _looks_statutory(grid: Grid) -> bool:
    from ingest.statements.header import is_number

    return sum(1 for row in grid.rows for c in row if c.text and is_number(c.text)) >= 5


# -- narrative helpers ---------------------------------------------------------------------------------
def _narrative_lines(pages: Pages, statements: Statements) -> list[str]:
    """The document's lines as the narrative reads them: statutory tables and page furniture
    blanked (a blank line is a page break to the layout), other ruled grids with cells
    tab-separated (the performance-table reader's input)."""
    skip = statements.lines
    grid_rows = {}
    for grid in statements.other_grids:
        for row, n in zip(grid.rows, grid.lines):
            grid_rows[n] = "\t".join((c.text or "").replace("\n", "") for c in row if c.text is not None)
    out = []
    for line in pages.lines:
        if line.n in skip or line.role == "furniture":
            out.append("")
        elif line.n in grid_rows:
            out.append(grid_rows[line.n])
        else:
            out.append(line.text)
    return out


def _document_info(d: Draft, lines: list[str], blocks) -> DocumentInfo:
    source, pages = d.source, d.pages
    assert pages is not None
    head = " ".join(squash(line) for line in lines[:40] if line.strip())
    title_block = next((b for b in blocks if b.kind == "title"), None)
    title = squash(title_block.text.text) if title_block else ""
    m = TITLE.search(title) or TITLE.search(head)
    headings = [b for b in blocks if b.kind == "heading" and "决算" in b.text.text]
    tables = d.statements.tables if d.statements else []
    if not m and len(headings) < 2 and len(tables) < 2:
        raise NotADisclosureError(
            source.name, "no '<部门> <年> 年度部门决算' title and fewer than two 决算 section headings were found"
        )
    department = squash(m.group("dept")).strip() if m else ""
    region, level = region_of(department)
    return DocumentInfo(
        id=d.doc_id,
        title=title or (m.group(0) if m else source.name),
        department=department,
        year=int(m.group("year")) if m else None,
        source_name=source.name,
        sha256=source.sha256,
        encoding=source.encoding,
        line_count=len(lines),
        format="pdf" if pages.kind == "pdf" else "text",
        pages=pages.page_count,
        level=level,
        region=region,
    )


def region_of(department: str) -> tuple[str | None, str | None]:
    """The place a department belongs to and its level, from its name.

    >>> region_of("上海市普陀区财政局")
    ('上海市普陀区', '区')
    >>> region_of("中共上海市普陀区委社会工作部")
    ('上海市普陀区', '区')
    """
    m = REGION.match(department)
    region = m.group("region") if m else ""
    if not region or region == department:
        return None, None
    level = region[-1] if region[-1] in "省区县旗市盟州" else None
    if region.endswith("自治区"):
        level = "省"
    return region, level


def _glossary_term(text: Traced, number: str, doc_id: str, index: int) -> GlossaryTerm | None:
    body = squash(text.text)
    body = body[len(squash(number)) :] if body.startswith(squash(number)) else body
    m = re.match(r"^(.+?)[：:](.+)$", body)
    if not m:
        return None
    return GlossaryTerm(
        id=f"{doc_id}:g{index + 1}",
        term=m.group(1).strip(),
        definition=m.group(2).strip(),
        line_start=text.line_start,
        line_end=text.line_end,
    )


def _labels(t: Traced, default: str) -> Reading:
    """The numbers of a table title or of the table of contents: years, or ``default``."""
    r = Reading()
    n = normalize(t)
    for num in find_numbers(n):
        r.add_label(num, label_kind(n.text, num) or default, n)
    return r


def _dedupe(figures):
    seen, out = set(), []
    for f in figures:
        if f.id in seen:
            continue
        seen.add(f.id)
        out.append(f)
    return out


# -- coverage ------------------------------------------------------------------------------------------
def _coverage(pages: Pages, reading: Reading, tables: list[StatementTable], raws: list[RawTable], grids: list[Grid]) -> tuple[Coverage, list[Coverage], list[Unparsed]]:
    """Count the numbers of every line: in a narrative record, in a statutory table record, a
    label (year, date, ordinal, code …), or unparsed. Page furniture is a label, and so is a row
    number in the first cell of any other ruled table (序号)."""
    in_tables = _table_numbers(tables, raws, pages)
    for grid in grids:
        for row, n in zip(grid.rows, grid.lines):
            first = next((c.text.strip() for c in row if c.text and c.text.strip()), "")
            if re.fullmatch(r"\d{1,3}", first):
                in_tables.setdefault(n, set()).add(("label", 0))
    per_page: dict[int, list[int]] = {page: [0, 0, 0, 0] for page in range(1, pages.page_count + 1)}
    unparsed: list[Unparsed] = []
    for line in pages.lines:
        counts = per_page.setdefault(line.page, [0, 0, 0, 0])  # numbers, in records, labels, unparsed
        covered_here = in_tables.get(line.n, set())
        for m in RAW_NUMBER.finditer(line.text):
            counts[0] += 1
            pos = (line.n, m.start())
            if line.role == "furniture" or pos in reading.label_origins or ("label", m.start()) in covered_here:
                counts[2] += 1
            elif pos in reading.covered or m.start() in covered_here:
                counts[1] += 1
            else:
                counts[3] += 1
                unparsed.append(Unparsed(raw=m.group(0), line=line.n, context=line.text[max(0, m.start() - 20) : m.end() + 20].strip()))
    page_coverage = [Coverage(numbers=c[0], in_records=c[1], labels=c[2], unparsed=c[3]) for _, c in sorted(per_page.items())]
    total = Coverage(
        numbers=sum(c.numbers for c in page_coverage),
        in_records=sum(c.in_records for c in page_coverage),
        labels=sum(c.labels for c in page_coverage),
        unparsed=sum(c.unparsed for c in page_coverage),
    )
    return total, page_coverage, unparsed


CODE_TOKEN = re.compile(r"^\d{2,7}$")


def _table_numbers(tables: list[StatementTable], raws: list[RawTable], pages: Pages) -> dict[int, set]:
    """Per line of a statutory table: the offsets of numbers that are amounts of its rows, and
    ("label", offset) for codes, years in titles and ordinals in headers."""
    out: dict[int, set] = {}
    amounts_by_line: dict[int, list[str]] = {}
    for t in tables:
        for r in t.rows:
            amounts_by_line.setdefault(r.line, []).extend(a.raw for a in r.amounts if a.raw)
    texts = {line.n: line.text for line in pages.lines}
    for raw in raws:
        for n in raw.lines:
            text = texts.get(n, "")
            wanted = [a.replace(" ", "") for a in amounts_by_line.get(n, [])]
            marks: set = set()
            for m in RAW_NUMBER.finditer(text):
                token = m.group(0)
                if token in wanted:
                    wanted.remove(token)
                    marks.add(m.start())
                elif CODE_TOKEN.match(token) or label_kind(text, Num(Decimal(0), token, "", m.start(), m.end(), (n, m.start()))):
                    marks.add(("label", m.start()))
            out[n] = marks
    return out
