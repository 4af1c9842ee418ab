"""The baseline: plain vector-retrieval RAG over the same passages — the top passage is the answer.

It shows what a general RAG chat gives for the same questions: the figures it "answers" are every
number in the passage it returns, it cites that passage, and it never refuses.
"""

from __future__ import annotations

import re

from assistant.answer import Answer, Citation, FigureRef, Session
from assistant.assistant import Assistant
from ingest.numbers import find_numbers
from ingest.text import Traced, quote


class VectorBaseline:
    name = "baseline: vector RAG (top-1 passage)"

    def __init__(self, assistant: Assistant):
        self.assistant = assistant

    def dense(self):
        """The assistant's own dense retriever (built once, shared with its hybrid search)."""
        hybrid = self.assistant.retriever
        dense = hybrid.dense()
        if dense is None:
            raise RuntimeError(f"the baseline needs dense retrieval, which is unavailable ({hybrid.dense_failed})")
        return dense

    def ask(self, question: str, session: Session | None = None) -> Answer:
        kb = self.assistant.kb
        hits = [h for h in self.dense().retrieve(question or "?", 3) if h.passage_id in kb.passages]
        if not hits:
            return Answer(question=question, kind="text", answer="", session=session or Session())
        p = kb.passages[hits[0].passage_id]
        text = p.text.split("】", 1)[-1]
        figures = [
            FigureRef(subject="passage", value=str(n.value), unit=n.unit, doc=p.doc)
            for n in find_numbers(Traced.from_line(0, re.sub(r"\s+", " ", text)))
        ]
        doc = kb.doc(p.doc)
        cite = Citation(doc=p.doc, section=p.section, line_start=p.line_start, line_end=p.line_end, quote=quote(doc.lines, p.line_start, p.line_end))
        return Answer(question=question, kind="text", answer=text, figures=figures, citations=[cite], session=session or Session())
