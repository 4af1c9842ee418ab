"""One protocol for every retriever: ``retrieve(query, k, docs) -> list[Scored]``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Scored:
    passage_id: str
    score: float
    source: str  # bm25 · dense · hybrid


class Retriever(Protocol):
    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]: ...
