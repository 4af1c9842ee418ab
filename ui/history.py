"""Past conversations as the browser keeps them (``gr.BrowserState``): their questions, not answers.

The answers are asked again from the store when a conversation is opened, so a reload or a
restart shows them as the documents now say, and the browser stores a few KB. What comes back from
the browser is untrusted: it is validated, cut to size, and anything else starts afresh.

>>> h = remember(History(), "c1", [{"q": "三公经费是多少？", "docs": None}])
>>> [(c.id, c.title) for c in h.items], h.current
([('c1', '三公经费是多少？')], 'c1')
"""

from __future__ import annotations

import time

from pydantic import BaseModel, ConfigDict, Field, ValidationError

KEPT = 30  # conversations kept
TURNS = 30  # questions kept per conversation
QUESTION = 2000  # characters kept per question
TITLE = 40


class StoredTurn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    q: str = Field(max_length=QUESTION + 20)
    docs: list[str] | None = None


class Conversation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str = Field(max_length=40)
    title: str = Field(max_length=200)
    at: float = 0
    turns: list[StoredTurn] = []


class History(BaseModel):
    model_config = ConfigDict(extra="ignore")
    v: int = 1
    current: str | None = None
    items: list[Conversation] = []

    def get(self, conversation_id: str | None) -> Conversation | None:
        return next((c for c in self.items if c.id == conversation_id), None)

    def choices(self) -> list[tuple[str, str]]:
        """(label, id) of the conversations, newest first, for the history list."""
        return [(f"{c.title}（{len(c.turns)} 问）", c.id) for c in sorted(self.items, key=lambda c: -c.at)]


def load(value) -> History:
    """The stored history, or an empty one when the browser holds nothing valid."""
    if not isinstance(value, dict):
        return History()
    try:
        history = History.model_validate(value)
    except ValidationError:
        return History()
    history.items = history.items[:KEPT]
    return history


def remember(history: History, conversation_id: str, turns: list[dict]) -> History:
    """``history`` with conversation ``conversation_id`` set to ``turns`` and made current."""
    kept = [StoredTurn(q=str(t.get("q", ""))[:QUESTION], docs=t.get("docs")) for t in turns[-TURNS:]]
    items = [c for c in history.items if c.id != conversation_id]
    if kept:
        title = kept[0].q.strip().splitlines()[0][:TITLE] if kept[0].q.strip() else "（空）"
        items.insert(0, Conversation(id=conversation_id, title=title, at=time.time(), turns=kept))
    return History(current=conversation_id, items=items[:KEPT])


def forget(history: History, conversation_id: str) -> History:
    items = [c for c in history.items if c.id != conversation_id]
    return History(current=None, items=items)
