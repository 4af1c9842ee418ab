"""Fixtures of the assistant tests: a question in a fresh conversation, and a whole conversation.

The assistant itself (``bot``) and its store (``e5_store``) are the session fixtures of
tests/conftest.py; every conversation here starts from a new Session so tests stay independent.
"""

from __future__ import annotations

import pytest

from assistant.answer import Answer, Session


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
