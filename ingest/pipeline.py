"""read → layout → sections → figures / tables / glossary → passages → coverage, for one document."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import NotADisclosureError
from ingest.figures import FigureReader, Reading
from ingest.layout import ATTACHMENT_PART, heading_level, layout
from ingest.numbers import RAW_NUMBER, find_numbers, label_kind
from ingest.passages import PassageBuilder
from ingest.read import SourceText, read_source
from ingest.records import (
    Attachment,
    Coverage,
    DocumentInfo,
    DocumentRecords,
    GlossaryTerm,
    PerformanceTable,
    Unparsed,
)
from ingest.sections import Placed, build_sections
from ingest.tables import TableParser
from ingest.text import Traced, normalize, squash

TITLE = re.compile(r"^(?P<dept>.+?)\s*(?P<year>\d{4})\s*年度?\s*部门决算")
ID_SUFFIXES = re.compile(r"[-_.](final[-_]accounts?|juesuan|决算公开说明|部门决算)$", re.I)


def document_id(name: str, sha256: str) -> str:
    """A stable id from the file name: ``urumqi-housing-2023-final-accounts.txt`` → ``urumqi-housing-2023``."""
    stem = Path(name).stem
    stem = ID_SUFFIXES.sub("", stem)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()
    return slug or f"doc-{sha256[:10]}"


def _document_info(source: SourceText, blocks, doc_id: str) -> DocumentInfo:
    head = " ".join(squash(line) for line in source.lines[:40] if line.strip())
    title_block = next((b for b in blocks if b.kind == "title"), None)
    title = squash(title_block.text.text) if title_block else ""
    m = TITLE.search(title) or TITLE.search(head)
    headings = [b for b in blocks if b.kind == "heading" and "决算" in b.text.text]
    if not m and len(headings) < 2:
        raise NotADisclosureError(
            source.name, "no '<部门> <年> 年度部门决算' title and fewer than two 决算 section headings were found"
        )
    return DocumentInfo(
        id=doc_id,
        title=title or (m.group(0) if m else source.name),
        department=m.group("dept").strip() if m else "",
        year=int(m.group("year")) if m else None,
        source_name=source.name,
        sha256=source.sha256,
        encoding=source.encoding,
        line_count=len(source.lines),
    )


def parse_source(source: SourceText) -> DocumentRecords:
    doc_id = document_id(source.name, source.sha256)
    blocks = layout(source.lines)
    info = _document_info(source, blocks, doc_id)
    sections, placed = build_sections(blocks, doc_id, len(source.lines))

    reader = FigureReader(doc_id, source.lines, info.department)
    tables_parser = TableParser(doc_id, source.lines)
    reading = Reading()
    tables: list[PerformanceTable] = []
    glossary: list[GlossaryTerm] = []
    attachments: list[Attachment] = []
    passages = PassageBuilder(doc_id)

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
            term = _glossary_term(block.text, block.number, doc_id, len(glossary))
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

    coverage, unparsed = _coverage(source.lines, reading)
    warnings = []
    if not reading.figures and not tables:
        warnings.append("no figures or performance tables were found; is this a 部门决算公开说明?")
    return DocumentRecords(
        info=info,
        lines=source.lines,
        sections=sections,
        figures=_dedupe(reading.figures),
        tables=tables,
        glossary=glossary,
        attachments=attachments,
        labels=reading.labels,
        unparsed=unparsed,
        passages=passages.passages,
        coverage=coverage,
        warnings=warnings,
    )


def parse_file(path: str | Path) -> DocumentRecords:
    return parse_source(read_source(path))


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


def _coverage(lines: list[str], reading: Reading) -> tuple[Coverage, list[Unparsed]]:
    total = 0
    in_records = labels = 0
    unparsed: list[Unparsed] = []
    for i, line in enumerate(lines, 1):
        for m in RAW_NUMBER.finditer(line):
            total += 1
            pos = (i, m.start())
            if pos in reading.label_origins:
                labels += 1
            elif pos in reading.covered:
                in_records += 1
            else:
                unparsed.append(Unparsed(raw=m.group(0), line=i, context=line[max(0, m.start() - 20) : m.end() + 20].strip()))
    return Coverage(numbers=total, in_records=in_records, labels=labels, unparsed=len(unparsed)), unparsed
