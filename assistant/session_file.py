"""Conversations kept in files between CLI calls, and the batch input format."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

from assistant.answer import SESSION_VERSION, Session
from ingest.errors import SessionError
from ingest.files import atomic_write


def load_session(path: str | Path) -> Session:
    """The conversation in ``path``; a missing file starts one, a broken or old one is set aside."""
    p = Path(path)
    if not p.parent.is_dir():
        raise SessionError(f"{p}: the folder {p.parent} does not exist; create it or give another --session path.")
    if not p.exists():
        return Session()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        if data.get("version") != SESSION_VERSION:
            found = data.get("version")
            kept = _set_aside(p, ".old")
            print(f"warning: {p} was written by another version (session version {found!r}, this one is {SESSION_VERSION}){kept}; starting a new conversation", file=sys.stderr)
            return Session()
        return Session.model_validate(data)
    except (OSError, ValueError) as exc:  # UnicodeDecodeError, JSONDecodeError and ValidationError are ValueErrors
        kept = _set_aside(p, ".corrupt")
        print(f"warning: {p} is not a readable session ({type(exc).__name__}){kept}; starting a new conversation", file=sys.stderr)
        return Session()


def _set_aside(path: Path, suffix: str) -> str:
    backup = path.with_name(path.name + suffix)
    try:
        os.replace(path, backup)
        return f"; kept it as {backup}"
    except OSError:
        return ""


def save_session(path: str | Path, session: Session) -> None:
    atomic_write(Path(path), session.model_dump_json().encode("utf-8"))


class BatchCase(BaseModel):
    """One line of ``ask --batch``: {"id", "question"} or {"id", "turns": [...]} (extra fields ignored)."""

    model_config = ConfigDict(extra="ignore")
    id: str
    question: str | None = None
    turns: list[str | dict] | None = None

    @model_validator(mode="after")
    def _has_questions(self) -> BatchCase:
        if self.question is None and not self.turns:
            raise ValueError("a batch case needs a question or turns")
        return self

    def questions(self) -> list[str]:
        if self.question is not None:
            return [self.question]
        return [t if isinstance(t, str) else str(t.get("question", "")) for t in self.turns or []]
