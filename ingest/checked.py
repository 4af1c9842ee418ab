"""What was last found intact in a store — the records database, Chroma's and each saved copy — remembered by
file size, modification time and inode, so that opening a store of thousands of documents checks
again only the files that changed since. Each check reads a whole file (SQLite's ``quick_check``
reads every page; a copy is hashed with SHA-256): at 10,000 documents that was seconds at every
start. A file written, truncated or replaced since its check has another size, time or inode and is
checked again; the memo is an optimisation only — lost, unreadable or unwritable, everything is
checked as before.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from ingest.files import atomic_write

MEMO = "checked.json"


def fingerprint(path: Path | str) -> list[int] | None:
    """Size, modification time (ns) and inode of ``path``, or None when it does not exist."""
    try:
        st = Path(path).lstat()  # a copy replaced by a link is another inode: checked again
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def database_print(path: Path) -> list:
    """The database file's fingerprint with its write-ahead log's (an empty log is no change)."""
    wal = fingerprint(f"{path}-wal")
    return [fingerprint(path), wal if wal and wal[0] else None]


class Checked:
    def __init__(self, data_dir: Path):
        self.path = data_dir / MEMO
        data: dict = {}
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            data = loaded if isinstance(loaded, dict) else {}
        databases, copies = data.get("databases"), data.get("copies")
        self.databases: dict[str, list] = databases if isinstance(databases, dict) else {}
        self.copies: dict[str, list] = copies if isinstance(copies, dict) else {}
        self.dirty = False

    # -- SQLite files: the records database, Chroma's --------------------------------------------
    def database_intact(self, path: Path, key: str = "records") -> bool:
        found = self.databases.get(key)
        return found is not None and found[0] is not None and found == database_print(path)

    def remember_database(self, path: Path, key: str = "records") -> None:
        self.databases[key], self.dirty = database_print(path), True

    # -- saved copies ---------------------------------------------------------------------------
    def copy_intact(self, name: str, print_: list[int] | None, sha256: str) -> bool:
        return print_ is not None and self.copies.get(name) == [*print_, sha256]

    def remember_copy(self, name: str, path: Path, sha256: str) -> None:
        print_ = fingerprint(path)
        if print_ is not None:
            self.copies[name], self.dirty = [*print_, sha256], True

    def forget_copy(self, name: str) -> None:
        if self.copies.pop(name, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Written when something changed; a read-only store keeps checking everything."""
        if not self.dirty:
            return
        with contextlib.suppress(OSError):
            atomic_write(self.path, json.dumps({"databases": self.databases, "copies": self.copies}, separators=(",", ":")).encode("utf-8"))
            self.dirty = False
