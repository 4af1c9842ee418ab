"""Conversations kept in files between CLI calls, and the batch input format."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

from assistant.answer import SESSION_VERSION, Session
from ingest.errors import SessionError
from ingest.files import atomic_write


def load_session(path: str | Path) -> Session:
    """The conversation in ``path``; a missing file starts one. A session file that is broken or
    from another version is set aside (numbered, never over an earlier backup); a path that is not
    a session file — a folder, a device, someone else's file — is refused and left alone."""
    p = Path(path)
    if not p.parent.is_dir():
        raise SessionError(f"{p}: the folder {p.parent} does not exist; create it or give another --session path.")
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        return Session()
    except OSError as exc:
        raise SessionError(f"{p} cannot be read ({exc.strerror or exc}); give another --session path.") from None
    if stat.S_ISDIR(mode):
        raise _not_ours(p, "it is a folder")
    if not stat.S_ISREG(mode):
        raise _not_ours(p, "it is not a regular file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SessionError(f"{p} cannot be read ({exc.strerror or exc}); give another --session path.") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        if raw.strip() and not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            raise _not_ours(p, "it is not JSON") from None
        return _start_anew(p, ".corrupt", f"is not a readable session ({type(exc).__name__})")
    if not isinstance(data, dict) or type(data.get("version")) is not int:
        raise _not_ours(p, "it is JSON, but not a conversation this program wrote")
    if data["version"] != SESSION_VERSION:
        return _start_anew(p, ".old", f"was written by another version (session version {data['version']!r}, this one is {SESSION_VERSION})")
    try:
        return Session.model_validate(data)
    except ValueError as exc:  # ValidationError
        return _start_anew(p, ".corrupt", f"is not a readable session ({type(exc).__name__})")


def _not_ours(path: Path, why: str) -> SessionError:
    return SessionError(
        f"{path} is not a disclosure-qa session file ({why}); it was left as it is. Give --session the path of a "
        "new file, or of one an earlier `ask --session` wrote."
    )


def _start_anew(path: Path, suffix: str, problem: str) -> Session:
    kept = _set_aside(path, suffix)
    print(f"warning: {path} {problem}{kept}; starting a new conversation", file=sys.stderr)
    return Session()


def _set_aside(path: Path, suffix: str) -> str:
    """Rename ``path`` to ``NAME.corrupt`` (or ``.old``), or ``NAME.corrupt-2``, ``-3`` … when that is
    taken: a backup never replaces an earlier one."""
    for n in range(1, 1000):
        backup = path.with_name(f"{path.name}{suffix}" if n == 1 else f"{path.name}{suffix}-{n}")
        try:
            os.link(path, backup)  # fails when ``backup`` exists: nothing is overwritten
        except FileExistsError:
            continue
        except OSError:  # no hard links here (or no permission): rename only into a free name
            if backup.exists() or backup.is_symlink():
                continue
            try:
                os.rename(path, backup)
            except OSError:
                return ""
            return f"; kept it as {backup}"
        try:
            os.unlink(path)
        except OSError:
            return f"; kept a copy as {backup}"
        return f"; kept it as {backup}"
    return ""


def save_session(path: str | Path, session: Session) -> None:
    try:
        atomic_write(Path(path), session.model_dump_json().encode("utf-8"))
    except OSError as exc:
        raise SessionError(
            f"the conversation could not be saved to {path} ({exc.strerror or exc}); give --session a file in a writable folder"
        ) from None


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
