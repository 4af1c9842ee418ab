"""The stored records of every document, indexed for answering, and verbatim citations."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.answer import Citation, FigureRef, document_label
from assistant.text import Idf, fold, grams, ordered_grams
from ingest.records import DocumentRecords, Figure, PerformanceTable, Section
from ingest.text import quote


def subject_stem(subject: str) -> str:
    """A subject as sentences restate it: without a trailing 支出/费用/经费 and basis word
    ("公务用车购置及运行维护费支出决算" and "…费" are one subject)."""
    return re.sub(r"(支出|费用|经费)?(决算数?|预算数?)?$", "", fold(subject))


def same_stem(a: str, b: str) -> bool:
    """Two subjects that name one thing, the funding source anywhere in either ("财政拨款“三公”经费支出"
    and "“三公”经费财政拨款支出")."""
    return subject_stem(a) == subject_stem(b) or re.sub(r"(一般公共预算)?财政拨款", "", subject_stem(a)) == re.sub(r"(一般公共预算)?财政拨款", "", subject_stem(b))


def core_name(name: str) -> str:
    """A name without its funding-source prefix and "支出" suffix, when enough is left to mean something."""
    for pattern in (r"^(一般公共预算)?财政拨款", r"支出$"):
        shorter = re.sub(pattern, "", name)
        if len(shorter) >= 3:
            name = shorter
    return name


@dataclass
class FigureKey:
    """A figure with the folded names it can be asked by."""

    figure: Figure
    keys: list[set[str]]  # bigram sets: full subject, its last classification level, subject+term
    texts: list[str]
    sequences: list[list[str]]  # the same bigrams in reading order, for contiguous-run matching
    all_grams: set[str] = field(default_factory=set)  # every name together
    parent_grams: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.all_grams = set().union(*self.keys) if self.keys else set()


@dataclass
class DocIndex:
    records: DocumentRecords
    headings: list[Section] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.headings = sorted((s for s in self.records.sections if s.kind == "heading"), key=lambda s: s.line_start)
        self.starts = [s.line_start for s in self.headings]

    def path_at(self, line: int) -> list[Section]:
        """Headings enclosing ``line``, outermost first."""
        i = bisect.bisect_right(self.starts, line)
        path: list[Section] = []
        for s in reversed(self.headings[:i]):
            if s.line_start <= line <= s.line_end and (not path or s.level < path[0].level):
                path.insert(0, s)
        return path

    def section_at(self, line: int) -> str:
        path = self.path_at(line)
        level2 = [s for s in path if s.level == 2]
        return (level2[-1] if level2 else path[-1]).title if path else ""


HAN = re.compile(r"[\u4e00-\u9fff]+")
QUESTION_WORDS = re.compile(r"多少|什么|哪|几|吗|呢|怎么|为何|为什么|是否|一共|总共|花了|用了")
PURPOSE = re.compile(r"主要用于[：:]?([^。；;]{2,80})")


class Knowledge:
    def __init__(self, records: list[DocumentRecords]):
        self.records = records
        self.docs = {r.info.id: DocIndex(r) for r in records}
        self.figures = [f for r in records for f in r.figures]
        self.figure_by_id = {f.id: f for f in self.figures}
        self.tables = [t for r in records for t in r.tables]
        self.table_by_id = {t.id: t for t in self.tables}
        self.projects = [t for t in self.tables if t.kind == "project"]
        self.glossary = [g for r in records for g in r.glossary]
        self.passages = {p.id: p for r in records for p in r.passages}

    # what matching a question needs is built when a question first needs it: a question answered
    # from the statutory tables, or across documents, never builds the narrative's figure keys
    @cached_property
    def keys(self) -> list[FigureKey]:
        return [self._figure_key(f) for f in self.figures]

    @cached_property
    def _names(self) -> list[str]:
        return [f.subject for f in self.figures] + [t.name for t in self.tables] + [i.name for t in self.tables for i in t.indicators]

    @cached_property
    def idf(self) -> Idf:
        return Idf(self._names)

    @cached_property
    def subjects(self) -> str:
        """The narrative figures' folded subjects, one per line (searched for a phrase, once folded)."""
        return "\n".join(dict.fromkeys(fold(f.subject) for f in self.figures))

    @cached_property
    def row_totals(self) -> str:
        """Each statement row's folded name said with 合计 ("资本性支出合计"), one per line: a row's own
        total, not the 支出合计 column."""
        return "\n".join(dict.fromkeys(f"{n}合计" for e in self.rows.entries for n in e.names))

    @cached_property
    def names(self) -> str:
        return "\n".join(dict.fromkeys(fold(n) for n in self._names + [g.term for g in self.glossary]))

    @staticmethod
    def _figure_key(f: Figure) -> FigureKey:
        subject = fold(f.subject)
        texts = [subject]
        bare = re.sub(r"\([^()]*\)", "", subject)  # "(事业单位)公用经费" → "公用经费"
        if bare and bare != subject and not f.classification:
            texts.append(bare)
        undated = re.sub(r"(19|20)\d{2}年度?", "", bare or subject)  # "绩效自评的2025年度项目…" is asked without its year
        if undated and undated not in texts:
            texts.append(undated)
        # "单价100万元（含）以上设备": a question's own numbers are not matched (they may be planted)
        unnumbered = re.sub(r"\d[\d.,]*\s*(万元|亿元|元)?|[(（][^()（）]*[)）]", "", subject)
        if len(unnumbered) >= 4 and unnumbered not in texts and re.search(r"\d", subject):
            texts.append(unnumbered)
        core = core_name(bare or subject)
        if core not in texts:
            texts.append(core)  # "财政拨款“三公”经费支出" is asked as "三公经费"
        if f.classification:
            texts.append(core_name(fold(f.classification[-1].split("(")[0])))
        purpose = PURPOSE.search(f.quote) if f.kind == "amount" and f.basis == "本年决算" and not f.parent else None
        if purpose:
            # "“…（项）”7.73 万元，主要用于：统战工作": what the money was for names the figure too
            texts += [p for p in (fold(x).strip(" 等") for x in re.split(r"[、，,及和]", purpose.group(1))) if len(p) >= 4][:4]
        key = FigureKey(f, [grams(t) for t in texts], texts, [ordered_grams(t) for t in texts])
        if f.term:
            key.all_grams |= grams(fold(f.term))  # "全年预算总额" explains a question, the basis bonus decides
        if f.parent:
            key.parent_grams = grams(fold(f.parent))  # the total it belongs to explains a question a little
        return key

    @cached_property
    def text(self) -> str:
        """Every line of the documents, folded (what a typo check looks words up in)."""
        return "\n".join(fold(line) for r in self.records for line in r.lines)

    def typo(self, folded: str) -> tuple[str, str] | None:
        """(as written, as the documents write it): the longest stretch of the question, three to
        six Chinese characters and no question words, that no document line contains, but that one
        and only one word of the documents matches with another character inside it ("邮点费" for
        邮电费, "政府彩购" for 政府采购); None when there is no such single reading."""
        text = self.text
        for length in range(6, 2, -1):
            for start in range(len(folded) - length + 1):
                piece = folded[start : start + length]
                if not HAN.fullmatch(piece) or QUESTION_WORDS.search(piece) or piece in text or piece[1:] in text or piece[:-1] in text:
                    continue  # a word of the documents with a character beside it is no typo
                found = set()
                for i in range(1, length - 1):
                    if piece[i - 1 : i + 1] in text or piece[i : i + 2] in text:
                        continue  # the character is written beside a neighbour as the documents write them ("预留金额"): two words, no typo
                    found |= set(re.findall(re.escape(piece[:i]) + "[\u4e00-\u9fff]" + re.escape(piece[i + 1 :]), text))
                    if len(found) > 1:
                        break
                if len(found) == 1:
                    return piece, found.pop()
        return None

    @cached_property
    def rows(self):
        """The statutory tables' rows, indexed by the names they answer to."""
        from assistant.rows import RowIndex

        return RowIndex(self.records)

    # -- documents ----------------------------------------------------------------------------
    def doc(self, doc_id: str) -> DocumentRecords:
        return self.docs[doc_id].records

    @cached_property
    def doc_ids(self) -> list[str]:
        return list(self.docs)

    def tables_of(self, doc_id: str | None) -> list[PerformanceTable]:
        return [t for t in self.projects if doc_id is None or t.doc == doc_id]

    # -- citations ----------------------------------------------------------------------------
    def cite_lines(self, doc_id: str, line_start: int, line_end: int, text: str | None = None) -> Citation:
        """A citation of document lines ``line_start..line_end``, numbered as printed (file lines,
        or lines within the page of a PDF) with the page and box."""
        index = self.docs[doc_id]
        rec = index.records
        first, last, page, page_end, box = rec.printed_span(line_start, line_end)
        paged = rec.info.format == "pdf" or rec.info.pages > 1
        return Citation(
            doc=doc_id,
            section=index.section_at(line_start),
            section_path=[s.title for s in index.path_at(line_start)],
            line_start=first,
            line_end=last,
            quote=text if text is not None else quote(rec.lines, line_start, line_end),
            page=page if paged else None,
            page_end=page_end if paged else None,
            bbox=list(box) if box else None,
            document=self.document_name(doc_id) if len(self.docs) > 1 else None,
        )

    def document_name(self, doc_id: str) -> str:
        return document_label(self.doc(doc_id).info)

    def lines_of(self, citation: Citation) -> tuple[int, int]:
        """The document lines a citation points at (the inverse of :meth:`cite_lines`)."""
        rec = self.doc(citation.doc)
        start = rec.line_number(citation.page, citation.line_start)
        end = rec.line_number(citation.page_end or citation.page, citation.line_end)
        return start, max(start, end)

    def cite_title(self, doc_id: str) -> Citation:
        """The title lines (department and year): what backs "this document is about …"."""
        rec = self.doc(doc_id)
        first = next((i for i, line in enumerate(rec.lines, 1) if line.strip()), 1)
        year = str(rec.info.year or "")
        last = next((i for i, line in enumerate(rec.lines[:60], 1) if year and year in line and i >= first), first)
        return self.cite_lines(doc_id, first, last)

    def cite_figure(self, f: Figure) -> Citation:
        return self.cite_lines(f.doc, f.line_start, f.line_end, f.quote)

    def cite_reason(self, f: Figure) -> Citation | None:
        if not f.reason_lines or not f.reason_quote:
            return None
        return self.cite_lines(f.doc, f.reason_lines.line_start, f.reason_lines.line_end, f.reason_quote)

    def cite_row(self, table: PerformanceTable, line: int, line_end: int | None = None) -> Citation:
        return self.cite_lines(table.doc, line, line_end or line)

    @staticmethod
    def ref(f: Figure, *, subject: str | None = None, value: str | None = None, unit: str | None = None, basis: str | None = None, derived: bool = False) -> FigureRef:
        return FigureRef(
            subject=subject or label(f),
            value=value if value is not None else str(f.value),
            unit=f.unit if unit is None else unit,
            doc=f.doc,
            record_id=f.id,
            basis=basis or f.basis,
            derived=derived,
            source="narrative",
        )


def label(f: Figure) -> str:
    """How an answer names a figure: its subject with the basis words the document used."""
    subject = f.subject
    if f.term and not subject.endswith(f.term):
        term = f.term.removesuffix("的")  # "完成年初预算的 92.67%" is named 完成年初预算
        if subject.endswith("支出") and term.startswith("支出"):
            term = term.removeprefix("支出")  # "…支出" with "支出决算": not "支出支出决算"
        subject = f"{subject}{term}"
    return subject
