"""disclosure-qa: answers about a 部门决算公开说明 with exact figures and verbatim citations."""

from __future__ import annotations

__all__ = ["Answer", "Assistant", "Session"]


def __getattr__(name: str):
    # lazy, so that `ingest` can import `ingest.errors` without loading the whole assistant
    if name == "Assistant":
        from assistant.assistant import Assistant

        return Assistant
    if name in ("Answer", "Session"):
        from assistant import answer

        return getattr(answer, name)
    raise AttributeError(name)
