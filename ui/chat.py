"""One browser tab's conversation: questions in, rendered answers out, the Session kept between turns.

Plain Python over ``Assistant.ask``; ``ui.app`` wires it to Gradio components.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape

from assistant.answer import Answer, Session
from ingest.errors import SessionError
from ui import documents, render, source

log = logging.getLogger(__name__)

INLINE_LINES_AROUND = 2  # context shown when a citation in the chat is opened
PANEL_LINES_AROUND = 6  # context in the side panel for an answer with a few citations
PANEL_LINES_AROUND_MANY = 2  # ... and for one with many (a list of projects)
KEEP_ANSWERS = 50  # answers a tab keeps for the side panel


@dataclass
class Tab:
    """What one browser tab remembers (kept in ``gr.State``)."""

    session: Session = field(default_factory=Session)
    messages: list[dict] = field(default_factory=list)  # the Chatbot's messages, already rendered
    answers: dict[int, Answer] = field(default_factory=dict)  # message index -> its Answer


class Chat:
    def __init__(self, bot):
        self.bot = bot

    def turn(self, question: str, tab: Tab, choice: str | None = None) -> tuple[Tab, Answer | None]:
        """Ask ``question`` in ``tab``'s conversation; the tab gets both messages, rendered."""
        question = (question or "").strip()
        if not question:
            return tab, None
        tab.messages = tab.messages + [{"role": "user", "content": render.user_html(question)}]
        try:
            answer = self.bot.ask(question, session=tab.session, docs=documents.restrict(choice, self.bot.kb))
        except SessionError:
            tab.session = Session()
            tab.messages = tab.messages + [{"role": "assistant", "content": render.notice_html(render.SESSION_LOST)}]
            return tab, None
        except Exception:  # noqa: BLE001 - the visitor sees a friendly sentence, the log the traceback
            log.exception("answering %r failed", question)
            tab.messages = tab.messages + [{"role": "assistant", "content": render.notice_html(render.FRIENDLY_ERROR)}]
            return tab, None
        tab.session = answer.session
        tab.answers = {i: a for i, a in tab.answers.items() if i >= len(tab.messages) - 2 * KEEP_ANSWERS}
        tab.answers[len(tab.messages)] = answer
        tab.messages = tab.messages + [{"role": "assistant", "content": self.answer_html(answer)}]
        return tab, answer

    def answer_html(self, answer: Answer) -> str:
        sources = {
            n: source.source_html(source.for_citation(self.bot.kb, c, lines_around=INLINE_LINES_AROUND))
            for n, c in enumerate(answer.citations, 1)
        }
        return render.answer_html(answer, sources)

    def sources_html(self, answer: Answer | None) -> str:
        """The side panel: every citation of ``answer`` with the document around it."""
        if answer is None:
            return '<p class="dqa-muted">提问后，这里显示回答所引用的原文段落，引用的文字以黄色标出。</p>'
        if not answer.citations:
            return f'<p class="dqa-muted">“{escape(answer.question)}”的回答没有引用原文。</p>'
        blocks = [f'<p class="dqa-panel-q">问：{escape(answer.question)}</p>']
        around = PANEL_LINES_AROUND if len(answer.citations) <= render.CITATIONS_SHOWN else PANEL_LINES_AROUND_MANY
        for n, c in enumerate(answer.citations, 1):
            view = source.for_citation(self.bot.kb, c, lines_around=around)
            blocks.append(f'<div class="dqa-panel-cite"><div class="dqa-cite-label">{escape(render.citation_label(n, c))}</div>{source.source_html(view)}</div>')
        return "".join(blocks)

    def api(self, question: str, session: str | dict | None = None) -> dict:
        """The API endpoint's work: the Answer as JSON (its ``session`` carries the conversation)."""
        answer = self.bot.ask(question or "", session=session or None)
        return answer.model_dump(mode="json")
