"""One document through the ingestion stages, in the order of ``PIPELINE``.

    read (pdf | text) → screen (refuse at once what cannot be a disclosure) → pages (lines with
    page, line and box) → statements (find, stitch and read the statutory tables) → narrative
    (sections, figures, reasons, glossary, performance tables) → reconcile (place the amounts a
    text export left without a column) → passages → coverage (every number on every page in a
    record or classified) → completeness (does the file stop short?)

Each stage is a function of the :class:`Draft` that returns one typed output, stored on the draft
under the stage's name; a stage reads only what the stages before it produced.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import DocumentTooLongError, NotADisclosureError
from ingest.figures import FigureReader, Reading
from ingest.layout import ATTACHMENT_PART, LEAD_IN, TOC, heading_level, layout
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

# One department's disclosure for one year: the bundled one has 42,000 characters with 31
# performance tables; fourteen times that leaves room, and keeps an ingest within seconds.
MAX_TEXT_CHARS = 600_000
MAX_LINES = 60_000  # the bundled one has 1,035 lines
_WHITESPACE = re.compile(r"\s+")
TITLE = re.compile(r"^(?P<dept>.+?)\s*(?P<year>\d{4})\s*年度?\s*部门决算")
ID_SUFFIXES = re.compile(r"[-_.](final[-_]accounts?|juesuan|决算公开说明|部门决算)$", re.I)
REGION = re.compile(r"^(中共|中国共产党)?(?P<region>(.{2,8}?(省|自治区))?(.{2,8}?(市|自治州|地区|盟))?(.{2,8}?(区|县|旗)(?!域|别|划))?)(?=.)")


def document_id(name: str, sha256: str = "") -> str:
    """A stable id from the file name: ``urumqi-housing-2023-final-accounts.txt`` → ``urumqi-housing-2023``.

    A name with other than ASCII letters, digits and separators keeps what it has of those and a
    hash of the whole name, so that ``住建局2023.txt`` and ``财政局2023.txt`` stay two documents
    (``2023-…``), and the same name always gives the same id (a corrected file replaces its
    predecessor). ``sha256`` is not used: an id never depends on the content.
    """
    stem = ID_SUFFIXES.sub("", Path(name).stem)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    if slug and stem.isascii():
        return slug
    digest = hashlib.sha256(unicodedata.normalize("NFC", stem).encode("utf-8")).hexdigest()[:10]
    return f"{slug or 'doc'}-{digest}"


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


@dataclass(frozen=True)
class Completeness:
    """Whether the file seems to stop short (a download cut off): where, and what shows it."""

    cut_off: int | None  # the last line the file has, when it looks cut off
    reasons: list[str]  # what shows it is cut off
    notes: list[str]  # other gaps worth a look (a table without its 总分 row inside the text)


@dataclass
class Draft:
    source: SourceText
    doc_id: str
    screened: bool = False
    pages: Pages | None = None
    statements: Statements | None = None
    narrative: Narrative | None = None
    reconciled: list[StatementTable] | None = None
    passages: list[Passage] | None = None
    coverage: tuple[Coverage, list[Coverage], list[Unparsed]] | None = None
    completeness: Completeness | None = None
    warnings: list[str] = field(default_factory=list)


# -- stages --------------------------------------------------------------------------------------------
def read_pages(d: Draft) -> Pages:
    """Source → every printed line with its page, page line and box (PDF) or file line (text)."""
    s = d.source
    if s.kind == "pdf":
        pages = read_pdf(s.raw, s.name)
        _screen(s.name, pages.texts)  # a PDF's text is known only now
        return pages
    return text_pages(s.name, s.lines, sha256=s.sha256, encoding=s.encoding, raw=s.raw)


def screen(d: Draft) -> bool:
    """Refuse at once, before anything is laid out, what cannot be one department's disclosure
    (a text file here; a PDF when its pages are read)."""
    if d.source.kind == "text":
        _screen(d.source.name, d.source.lines)
    return True


def _screen(name: str, texts: list[str]) -> None:
    """No 决算 anywhere and no statutory table title (the least the full check after the layout
    must find), or more lines or text than any disclosure has."""
    if "决算" not in _WHITESPACE.sub("", "".join(texts)):
        from ingest.statements.kinds import vocabulary

        kinds = vocabulary()
        if sum(1 for t in texts if "表" in t and len(t) <= 80 and kinds.kind_of(t) is not None) < 2:
            raise NotADisclosureError(name, "the text never mentions 决算 and names no statutory table")
    lines = len(texts) + sum(t.count("\f") for t in texts)  # a form feed starts a line too
    if lines > MAX_LINES:
        raise DocumentTooLongError(name, lines, MAX_LINES, "lines")
    chars = sum(len(t) for t in texts)
    if chars > MAX_TEXT_CHARS:
        raise DocumentTooLongError(name, chars, MAX_TEXT_CHARS)


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

    open_item = None  # the classified item the last text block ended inside
    for p in placed:
        block = p.block
        if block.kind in ("paragraph", "item", "title"):
            r = reader.read(p, item=open_item if p.follows_text else None)
            open_item = r.open_item
            merge(r)
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


def check_completeness(d: Draft) -> Completeness:
    """Signs that the file stops short: it ends inside a performance table (no 总分 row), on a
    clause that goes on (a comma, "主要原因是："), or before parts its table of contents lists."""
    assert d.pages is not None and d.narrative is not None
    texts = d.pages.texts
    last = max((line.n for line in d.pages.lines if line.text.strip() and line.role != "furniture"), default=0)
    reasons: list[str] = []
    notes: list[str] = []
    for t in d.narrative.tables:
        if t.total_line is not None:
            continue
        where = f"the performance table {t.name!r} (lines {t.line_start}–{t.line_end}) has no 总分 row"
        if t.line_end >= last:
            reasons.append(f"{where} and the file ends inside it")
        else:
            notes.append(f"{where}; check the file around line {t.line_end}")
    tail = squash(texts[last - 1]) if last else ""
    if tail and "\t" not in texts[last - 1] and (tail[-1] in GOES_ON or LEAD_IN.search(tail)):
        reasons.append(f"its last line ({last}) breaks off in mid-sentence: {tail[-30:]!r}")
    missing = _parts_never_reached(texts, d.narrative.sections)
    if missing:
        reasons.append(f"its table of contents lists {'、'.join(missing)}, which the text never reaches")
    return Completeness(cut_off=last if reasons else None, reasons=reasons, notes=notes)


GOES_ON = "，,、；;（(—"


def _parts_never_reached(texts: list[str], sections: list[Section]) -> list[str]:
    """The parts (第N部分) a table of contents lists after the last part the text has."""
    parts = [s for s in sections if s.level == 1]
    if not parts:
        return []
    toc = next((n for n, line in enumerate(texts, 1) if TOC.match(squash(line))), None)
    if toc is None or toc > parts[0].line_start:
        return []
    listed = []
    for line in texts[toc : parts[0].line_start - 1]:
        m = PART_NUMBER.match(squash(line).lstrip("-•· "))
        if m:
            listed.append(m.group(0))
    reached = max(_part_value(s.number) for s in parts)
    return [p for p in listed if _part_value(p) > reached]


PART_NUMBER = re.compile(r"^第[一二三四五六七八九十]+部分")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


def _part_value(number: str) -> int:
    """第三部分 → 3, 第十二部分 → 12."""
    word = number.removeprefix("第").removesuffix("部分")
    if "十" not in word:
        return _DIGITS.get(word, 0)
    tens, _, ones = word.partition("十")
    return (_DIGITS.get(tens, 0) if tens else 1) * 10 + _DIGITS.get(ones, 0)


PIPELINE: list[tuple[str, Callable[[Draft], object]]] = [
    ("screened", screen),
    ("pages", read_pages),
    ("statements", find_statements),
    ("narrative", read_narrative),
    ("reconciled", reconcile_statements),
    ("passages", build_passages),
    ("coverage", measure_coverage),
    ("completeness", check_completeness),
]


def parse_source(source: SourceText, *, doc_id: str | None = None) -> DocumentRecords:
    """Run every stage of ``PIPELINE`` on one source and assemble the records (under ``doc_id``
    when given: a stored document parsed again keeps its id)."""
    d = Draft(source=source, doc_id=doc_id or document_id(source.name))
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
    completeness = d.completeness or Completeness(None, [], [])
    if completeness.cut_off is not None:
        warnings.append(f"the file looks cut off at line {completeness.cut_off}: {'; '.join(completeness.reasons)}; ingest the complete file")
    warnings.extend(completeness.notes)
    if not narrative.figures and not narrative.tables and not statements:
        warnings.append("no figures, statutory tables or performance tables were found; is this a 部门决算?")
    for table in statements:
        warnings.extend(table.warnings)
    for grid in d.statements.other_grids:  # type: ignore[union-attr]
        if _looks_statutory(grid):
            warnings.append(f"page {grid.page}: a table with amounts was found under no statutory title; its rows were read as text")
    return DocumentRecords(
        info=narrative.info.model_copy(update={"cut_off": completeness.cut_off}),
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
