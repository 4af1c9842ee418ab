"""Cut the document into retrievable passages; a chunk never separates a figure from its subject.

Paragraphs are split only at sentence ends, table rows stay whole and carry their table's name,
glossary entries stay whole. A passage id hashes the document, the text and its occurrence, so
unchanged text keeps its id and its embedding when lines move.
"""

from __future__ import annotations

import hashlib
import re

from ingest.records import GlossaryTerm, Passage, PerformanceTable, StatementTable
from ingest.sections import Placed
from ingest.text import Traced, normalize

MAX_CHARS = 320
SENTENCE = re.compile(r"[。！？]")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PassageBuilder:
    def __init__(self, doc: str):
        self.doc = doc
        self.passages: list[Passage] = []
        self._seen: dict[str, int] = {}

    def add(self, kind: str, text: str, section: str, line_start: int, line_end: int) -> None:
        text = text.strip()
        if not text:
            return
        n = self._seen.get(text, 0)
        self._seen[text] = n + 1
        pid = hashlib.sha1(f"{self.doc}|{n}|{text}".encode("utf-8")).hexdigest()[:16]
        self.passages.append(
            Passage(id=f"{self.doc}:p{pid}", doc=self.doc, kind=kind, text=text, section=section, line_start=line_start, line_end=line_end)  # type: ignore[arg-type]
        )

    def add_block(self, placed: Placed) -> None:
        t = normalize(placed.block.text)
        if not t.text:
            return
        head = f"【{placed.section_title}】" if placed.section_title else ""
        for chunk in chunks(t):
            self.add("paragraph", head + chunk.text, placed.section_title, chunk.line_start, chunk.line_end)

    def add_table(self, table: PerformanceTable, section: str) -> None:
        name = table.name
        total = table.total
        if total is not None:
            parts = [f"{name}｜项目资金（万元）：", f"年初预算数 {total.budget_initial}", f"全年预算数 {total.budget_full}", f"全年执行数 {total.executed}"]
            if total.rate is not None:
                parts.append(f"执行率 {total.rate}%")
            if total.score is not None:
                parts.append(f"得分 {total.score}")
            if table.implementer:
                parts.append(f"实施单位 {table.implementer}")
            self.add("table_row", "，".join(parts), section, total.line, total.line)
        if table.goal and table.goal_lines:
            text = f"{name}｜年度总体目标：{table.goal}"
            if table.achieved:
                text += f"｜实际完成情况：{table.achieved}"
            self.add("table_goal", text, section, table.goal_lines.line_start, table.goal_lines.line_end)
        for ind in table.indicators:
            if ind.duplicate_of is not None:
                continue
            text = f"{name}｜{ind.level1 or ''}/{ind.level2 or ''}/{ind.name}｜年度指标值 {ind.target.raw}｜实际完成值 {ind.actual.raw}｜分值 {ind.weight}｜得分 {ind.score}"
            if ind.note:
                text += f"｜{ind.note}"
            self.add("table_row", text, section, ind.line_start, ind.line_end)

    def add_statement(self, table: StatementTable) -> None:
        """A statutory table's rows are answered from its records (the subject index), not by
        search; a table stated empty is a passage with the document's statement."""
        if table.empty and table.empty_note:
            self.add("table_row", f"【{table.label}】{table.empty_note}", table.label, table.line_start, table.line_end)

    def add_glossary(self, term: GlossaryTerm, section: str) -> None:
        self.add("glossary", f"{term.term}：{term.definition}", section, term.line_start, term.line_end)


def chunks(t: Traced, limit: int = MAX_CHARS) -> list[Traced]:
    """Pack whole sentences into chunks of at most ``limit`` characters (a longer sentence stays whole)."""
    sentences = t.split(SENTENCE)
    out: list[Traced] = []
    current: list[Traced] = []
    size = 0
    for s in sentences:
        if current and size + len(s) > limit:
            out.append(Traced.join(current))
            current, size = [], 0
        current.append(s)
        size += len(s)
    if current:
        out.append(Traced.join(current))
    return out
