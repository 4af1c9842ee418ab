"""One browser tab's conversation: questions in, rendered answers out, the Session kept between turns.

Plain Python over ``Assistant.ask``; ``ui.app`` wires it to Gradio components. A turn has two
steps so the page shows the question at once: :meth:`Chat.begin` adds it with a pending reply,
:meth:`Chat.finish` replaces the pending reply with the answer. What a conversation needs to be
rebuilt (its questions and the documents each was restricted to) is kept in ``Tab.turns``; the
browser stores it (ui/history.py) and :meth:`Chat.replay` asks the questions again.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field

from assistant.answer import Answer, Session
from ingest.errors import SessionError
from ui import documents, render
from ui.site import Site
from ui.source import cite_views, unique_citations
from ui.text import SHOWN_QUESTION, clip

log = logging.getLogger(__name__)

KEEP_ANSWERS = 50  # answers a tab keeps (for exports and the panel)
FOLLOW_UPS = ("比上年呢？", "为什么？", "占多少比例？")  # offered under a figure when the document answers them
REPLAYED_TURNS = 30  # questions of a stored conversation asked again on reload


@dataclass
class Tab:
    """What one browser tab remembers (kept in ``gr.State``)."""

    session: Session = field(default_factory=Session)
    messages: list[dict] = field(default_factory=list)  # the Chatbot's messages, already rendered
    answers: dict[int, Answer] = field(default_factory=dict)  # message index -> its Answer
    turns: list[dict] = field(default_factory=list)  # {"q": question, "docs": [...] | None}
    id: str = field(default_factory=lambda: secrets.token_hex(6))
    staff: bool = False


class Chat:
    def __init__(self, site):
        self.site = site if isinstance(site, Site) else Site(site)
        self.bot = self.site.bot

    # -- a turn ------------------------------------------------------------------------------------
    def turn(self, question: str, tab: Tab, choice: str | None = None, docs: list[str] | None = None) -> tuple[Tab, Answer | None]:
        """Ask ``question`` in ``tab``'s conversation; the tab gets both messages, rendered."""
        tab, question = self.begin(question, tab)
        if not question:
            return tab, None
        return self.finish(tab, question, choice, docs)

    def begin(self, question: str, tab: Tab) -> tuple[Tab, str]:
        """Show ``question`` with a pending reply (nothing for an empty question)."""
        question = (question or "").strip()
        if not question:
            return tab, ""
        tab.messages = tab.messages + [{"role": "user", "content": render.user_html(question)}, {"role": "assistant", "content": render.pending_html()}]
        return tab, question

    def finish(self, tab: Tab, question: str, choice: str | None = None, docs: list[str] | None = None) -> tuple[Tab, Answer | None]:
        """Answer the pending ``question`` (the last two messages are it and its pending reply)."""
        if not question:
            return tab, None
        at = len(tab.messages) - 1
        docs = docs or documents.restrict(choice, self.bot.library.ids)
        try:
            answer = self.bot.ask(question, session=tab.session, docs=docs)
        except SessionError:
            tab.session = Session()
            return self._reply(tab, at, render.notice_html(render.SESSION_LOST)), None
        except Exception:  # noqa: BLE001 - the visitor sees a friendly sentence, the log the traceback
            log.exception("answering %r failed", clip(question, 200))
            return self._reply(tab, at, render.notice_html(render.FRIENDLY_ERROR)), None
        tab.session = answer.session
        tab.turns = tab.turns + [{"q": clip(question, SHOWN_QUESTION), "docs": docs}]
        tab.answers = {i: a for i, a in tab.answers.items() if i >= at - 2 * KEEP_ANSWERS}
        tab.answers[at] = answer
        self.site.prefetch([(c.doc, c.page) for c in answer.citations if c.page])
        return self._reply(tab, at, self.answer_html(answer, docs)), answer

    @staticmethod
    def _reply(tab: Tab, at: int, html: str) -> Tab:
        messages = list(tab.messages)
        messages[at] = {"role": "assistant", "content": html}
        tab.messages = messages
        return tab

    # -- rendering ---------------------------------------------------------------------------------
    def answer_html(self, answer: Answer, docs: list[str] | None = None) -> str:
        views = cite_views(self.site, unique_citations(answer.citations))
        return render.answer_html(answer, views, choices=self.choices(answer, views), follow_ups=self.follow_ups(answer, docs))

    def follow_ups(self, answer: Answer, docs: list[str] | None = None) -> list[str]:
        """The follow-ups of :data:`FOLLOW_UPS` the document answers after ``answer`` (asked now,
        in milliseconds, so none leads to "the document does not say")."""
        if answer.kind not in ("figure", "calculation") or not answer.figures:
            return []
        shown = []
        for question in FOLLOW_UPS:
            try:
                reply = self.bot.ask(question, session=answer.session.model_copy(deep=True), docs=docs)
            except Exception:  # noqa: BLE001 - a suggestion is optional
                continue
            if reply.kind not in ("refusal", "clarification") and reply.answer != answer.answer:
                shown.append(question)
        return shown

    @staticmethod
    def choices(answer: Answer, views) -> list[tuple[str, dict]]:
        """A "which document?" reply's documents as buttons that ask the question of that one."""
        if answer.kind != "clarification" or answer.intent != "which_document":
            return []
        out = []
        for v in views:
            name = v.document or v.citation.quote
            out.append((name, {"ask": answer.question, "docs": [v.citation.doc]}))
        return out

    # -- stored conversations ----------------------------------------------------------------------
    def replay(self, turns: list[dict], conversation_id: str | None = None) -> Tab:
        """A tab rebuilt by asking ``turns`` again, in order (the answers come from the current store)."""
        tab = Tab(id=conversation_id) if conversation_id else Tab()
        known = set(self.bot.library.ids)
        for t in turns[-REPLAYED_TURNS:]:
            docs = [d for d in (t.get("docs") or []) if d in known] or None
            tab, question = self.begin(str(t.get("q", "")), tab)
            if question:
                tab, _ = self.finish(tab, question, docs=docs)
        return tab

    # -- the API -----------------------------------------------------------------------------------
    def api(self, question: str, session: str | dict | None = None) -> dict:
        """The API endpoint's work: the Answer as JSON (its ``session`` carries the conversation);
        the question is echoed back cut to :data:`SHOWN_QUESTION` characters."""
        answer = self.bot.ask(question or "", session=session or None)
        answer.question = clip(answer.question, SHOWN_QUESTION)
        for turn in answer.session.turns:
            turn.question = clip(turn.question, SHOWN_QUESTION)
        return answer.model_dump(mode="json")
