"""ui/chat.py: one tab's conversation over the real assistant — follow-ups, isolation, friendly errors."""

from __future__ import annotations

import json

import pytest

from ingest.errors import SessionError
from ui import render
from ui.chat import Chat, Tab
from ui.text import SHOWN_QUESTION

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
    assert 'class="dqa-open"' in html and '<div hidden class="dqa-ctx">' in html and "<mark>" in html
    assert render.citation_label(1, answer.citations[0]) in html


def test_the_question_shows_at_once_with_a_pending_reply(bot):
    chat = Chat(bot)
    tab, question = chat.begin("  政府采购货物支出多少？ ", Tab())
    assert question == "政府采购货物支出多少？"
    assert [m["role"] for m in tab.messages] == ["user", "assistant"] and "dqa-pending" in tab.messages[1]["content"]
    tab, answer = chat.finish(tab, question)
    assert len(tab.messages) == 2 and "dqa-pending" not in tab.messages[1]["content"]
    assert tab.turns == [{"q": "政府采购货物支出多少？", "docs": None}]


def test_a_stored_conversation_is_asked_again_with_its_follow_ups(bot):
    chat = Chat(bot)
    tab = chat.replay([{"q": "政府采购货物支出多少？", "docs": None}, {"q": "服务类呢？", "docs": None}], "c1")
    assert tab.id == "c1" and [a.figures[0].value for a in tab.answers.values()] == ["147.81", "312.12"]
    assert len(tab.messages) == 4


def test_repeated_citations_show_once(pdf_bot):
    answer = pdf_bot.ask("一般公共服务支出多少", docs=["putuo-finance-2024"])
    doubled = answer.model_copy(update={"citations": answer.citations + answer.citations})
    html = Chat(pdf_bot).answer_html(doubled)
    assert html.count('class="dqa-citation"') == len(answer.citations) == 2


def test_a_which_document_reply_offers_each_document_as_a_choice(pdf_bot):
    chat = Chat(pdf_bot)
    tab, answer = chat.turn("三公经费是多少？", Tab())
    assert answer.kind == "clarification" and answer.intent == "which_document"
    html = tab.messages[1]["content"]
    assert html.count('class="dqa-choice"') == 2
    assert '&quot;docs&quot;: [&quot;putuo-finance-2024&quot;]}">上海市普陀区财政局2024年度</button>' in html
    tab, chosen = chat.turn("三公经费是多少？", tab, docs=["putuo-finance-2024"])
    assert {c.doc for c in chosen.citations} == {"putuo-finance-2024"}


def test_an_empty_question_changes_nothing(bot):
    tab, answer = Chat(bot).turn("   ", Tab())
    assert answer is None and tab.messages == []


class Failing:
    """An assistant whose answering breaks, as a bug would."""

    def __init__(self, bot, error):
        self.library, self.error = bot.library, error

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


def test_the_api_echoes_a_long_question_cut_short(bot):
    reply = Chat(bot).api("政府采购货物支出多少？" + "啊" * 100_000)
    assert len(reply["question"]) == SHOWN_QUESTION + len("…（已截断）")
    assert len(json.dumps(reply, ensure_ascii=False)) < 40_000


def test_follow_ups_are_offered_only_when_the_document_answers_them(bot):
    chat = Chat(bot)
    _, answer = chat.turn("三公经费是多少？", Tab())
    assert chat.follow_ups(answer) == ["比上年呢？", "为什么？"]  # no share of anything is stated
    _, listed = chat.turn("执行率不到100%的项目有哪些？", Tab())
    assert chat.follow_ups(listed) == []
