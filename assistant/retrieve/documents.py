"""The hybrid retriever behind LangChain's BaseRetriever: Documents whose metadata carry citations.

Kept apart from ``hybrid`` so that answering by keyword search does not import LangChain.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class PassageRetriever(BaseRetriever):
    """LangChain retriever over the hybrid index; each Document's metadata carries its citation."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: Any
    knowledge: Any
    k: int = 5
    docs: list[str] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        out = []
        for s in self.hybrid.retrieve(query, self.k, self.docs):
            p = self.knowledge.passages.get(s.passage_id)
            if p is None:
                continue
            out.append(
                Document(
                    id=p.id,
                    page_content=p.text,
                    metadata={"doc": p.doc, "kind": p.kind, "section": p.section, "line_start": p.line_start, "line_end": p.line_end, "score": s.score},
                )
            )
        return out
