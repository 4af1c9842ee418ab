"""Fixtures of the assistant tests: a question in a fresh conversation, a whole conversation, and
assistants over the corpus documents.

The assistant itself (``bot``) and its store (``e5_store``) are the session fixtures of
tests/conftest.py; every conversation here starts from a new Session so tests stay independent.
"""

from __future__ import annotations

import pytest

from assistant.answer import Answer, Session
from assistant.assistant import Assistant
from corpus import BUNDLED_DOCUMENT, CULTURE_TEXT, FINANCE_PDF, STREET_TEXT
from ingest.library import MemoryLibrary
from ingest.pipeline import parse_file

CORPUS_FILES = {"finance": FINANCE_PDF, "culture": CULTURE_TEXT, "street": STREET_TEXT, "urumqi": BUNDLED_DOCUMENT}


@pytest.fixture
def ask(bot):
    """``ask(question)``: one question in a conversation of its own."""

    def _ask(question: str) -> Answer:
        return bot.ask(question, session=Session())

    return _ask


@pytest.fixture
def converse(bot):
    """``converse([q1, q2, …])``: each turn asked with the session the previous answer left."""

    def _converse(questions: list[str]) -> list[Answer]:
        answers, session = [], Session()
        for q in questions:
            answer = bot.ask(q, session=session)
            answers.append(answer)
            session = answer.session
        return answers

    return _converse


@pytest.fixture(scope="module")
def parsed():
    """The corpus documents, parsed once per module: ``parsed["street"]``."""
    return {k: parse_file(p) for k, p in CORPUS_FILES.items()}


@pytest.fixture(scope="module")
def bots(parsed):
    """``bots("finance,urumqi")``: an assistant over those corpus documents in one store (records in
    memory). The handler tests (tests/assistant/handlers) have their own, one document each."""
    made: dict[str, Assistant] = {}

    def bot(keys: str) -> Assistant:
        if keys not in made:
            made[keys] = Assistant(MemoryLibrary([parsed[k] for k in keys.split(",")]))
        return made[keys]

    return bot
