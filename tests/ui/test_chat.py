"""ui/chat.py: one tab's conversation over the real assistant — follow-ups, isolation, friendly errors."""

from __future__ import annotations

import json

import pytest

from ingest.errors import SessionError
from ui import render
from ui.chat import Chat, Tab

OTHER_DOC = "other-2022"  # the renamed copy of the ``two_docs`` fixture


def test_a_question_and_its_follow_up_in_one_tab(bot):
    chat = Chat(bot)
    tab, first = chat.turn("政府采购货物支出多少？", Tab())
    tab, second = chat.turn("服务类呢？", tab)
    assert first.figures[0].value == "147.81" and second.figures[0].value == "312.12"
    assert [m["role"] for m in tab.messages] == ["user", "assistant", "user", "assistant"]
    assert '<span class="dqa-value">312.12 万元</span>' in tab.messages[3]["content"]
    assert tab.answers == {1: first, 3: second}  # message index -> its answer, for the side panel
    assert tab.session == second.session


def test_two_tabs_keep_separate_conversations(bot):
    chat = Chat(bot)
    a, _ = chat.turn("政府采购货物支出多少？", Tab())
    b, _ = chat.turn("公车一年花多少？", Tab())
    a, follow = chat.turn("服务类呢？", a)
    assert follow.figures[0].value == "312.12"
    assert len(b.messages) == 2 and "政府采购" not in b.messages[0]["content"]


def test_the_citations_open_onto_the_document(bot):
    tab, answer = Chat(bot).turn("政府采购货物支出多少？", Tab())
    html = tab.messages[1]["content"]
    assert "<details" in html and "<mark>" in html and render.citation_label(1, answer.citations[0]) in html


def test_the_side_panel_shows_every_citation_in_context(bot):
    chat = Chat(bot)
    _, answer = chat.turn("政府采购货物支出多少？", Tab())
    panel = chat.sources_html(answer)
    assert "问：政府采购货物支出多少？" in panel and "<mark>" in panel
    assert "提问后，这里显示" in chat.sources_html(None)


def test_an_empty_question_changes_nothing(bot):
    tab, answer = Chat(bot).turn("   ", Tab())
    assert answer is None and tab.messages == []


class Failing:
    """An assistant whose answering breaks, as a bug would."""

    def __init__(self, bot, error):
        self.kb, self.error = bot.kb, error

    def ask(self, question, session=None, *, docs=None):
        raise self.error


def test_an_error_becomes_a_friendly_chinese_message(bot):
    tab, answer = Chat(Failing(bot, KeyError("figure_by_id"))).turn("棚改花了多少钱？", Tab())
    assert answer is None
    assert render.FRIENDLY_ERROR in tab.messages[-1]["content"]
    assert "KeyError" not in tab.messages[-1]["content"] and "Traceback" not in tab.messages[-1]["content"]


def test_an_unreadable_session_starts_a_new_conversation(bot):
    tab, answer = Chat(Failing(bot, SessionError("bad"))).turn("服务类呢？", Tab())
    assert answer is None and render.SESSION_LOST in tab.messages[-1]["content"]
    assert tab.session.turns == []


def test_the_document_selector_restricts_the_answer(two_docs):
    chat = Chat(two_docs)
    for choice in (OTHER_DOC, "urumqi-housing-2023"):
        _, answer = chat.turn("政府采购货物支出多少？", Tab(), choice)
        assert answer.figures[0].value == "147.81"
        assert {c.doc for c in answer.citations} == {choice}


def test_the_api_answer_is_the_answer_json_with_its_session(bot):
    chat = Chat(bot)
    first = chat.api("政府采购货物支出多少？")
    assert first["figures"][0]["value"] == "147.81" and first["citations"][0]["quote"]
    second = chat.api("服务类呢？", json.dumps(first["session"]))
    assert second["figures"][0]["value"] == "312.12"
    with pytest.raises(SessionError):
        chat.api("服务类呢？", "not json")
