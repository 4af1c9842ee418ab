"""The saved copy of every ingested file, in ``data_dir/sources``: its name, where it may be, and
whether it is still the file that was ingested (the records are rebuilt from it when damaged).

A path read from the database is never trusted: a damaged or crafted row must not make the store
read, replace or delete a file outside the folder of saved copies.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FOLDER = "sources"


def copy_name(sha256: str, name: str, suffix: str) -> str:
    """The saved copy's file name: the content hash, then the original name (so a store whose
    database is lost still knows what each file was called).

    >>> copy_name("508cdb183f6f0000", "报告.txt", ".txt")
    '508cdb183f6f-报告.txt'
    """
    safe = re.sub(r"[\\/\x00]", "_", name).lstrip(".") or "document"
    return f"{sha256[:12]}-{safe}" if safe.lower().endswith(suffix) else f"{sha256[:12]}-{safe}{suffix}"


def original_name(stored_name: str) -> str:
    """``508cdb183f6f-报告.pdf`` → ``报告.pdf``; a copy saved by an earlier version,
    ``urumqi-housing-2023-508cdb183f6f.txt`` → ``urumqi-housing-2023.txt`` (the id survives)."""
    if re.match(r"^[0-9a-f]{12}-.", stored_name):
        return stored_name[13:]
    stem, _, suffix = stored_name.rpartition(".")
    if "-" in stem and len(stem.rsplit("-", 1)[1]) == 12:
        stem = stem.rsplit("-", 1)[0]
    return f"{stem}.{suffix or 'txt'}"


def saved_copies(data_dir: Path) -> list[Path]:
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.txt"), *folder.glob("*.pdf")])


def copy_path(data_dir: Path, source_file: str) -> Path | None:
    """The file a document row names as its saved copy, or None when that name leads anywhere but
    into ``data_dir/sources`` (``../../notes.txt``, an absolute path, a link pointing out)."""
    try:
        folder = (data_dir / FOLDER).resolve()
        path = (data_dir / source_file).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a loop of links
        return None
    return path if path.parent == folder else None


def copy_problem(data_dir: Path, source_file: str, sha256: str) -> str | None:
    """What keeps a document's saved copy from rebuilding it, or None: the copy ``is missing``,
    ``is damaged …`` (its bytes no longer hash to the ingested file's), or is named outside the
    data directory."""
    path = copy_path(data_dir, source_file)
    if path is None:
        return f"is named {source_file!r}, a path outside {data_dir / FOLDER} (the database is damaged there)"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "is missing"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if hashlib.sha256(data).hexdigest() != sha256:
        return "is damaged (its checksum does not match the ingested file's)"
    return None


def copy_intact(path: Path, sha256: str) -> bool:
    """Whether ``path`` holds the file whose hash is ``sha256``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False
