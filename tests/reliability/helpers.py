"""Helpers for the reliability tests: the fake embedder, store snapshots, subprocess scripts.

The :class:`HashEmbedder` and the ``EDU_TEXT`` template are the ingestion tests' own
(tests/ingest/conftest.py), loaded by path: that folder is not a package, and its name would
shadow the ``ingest`` package if it were put on ``sys.path``.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
BUNDLED_ID = "urumqi-housing-2023"
EDU_ID = "mouxx-education-2024"


def _ingest_fixtures():
    name = "_disclosure_qa_ingest_fixtures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / "ingest" / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


HashEmbedder = _ingest_fixtures().HashEmbedder
EDU_TEXT: str = _ingest_fixtures().EDU_TEXT
EDU_NAME: str = _ingest_fixtures().EDU_NAME


def use_hash_embedder() -> HashEmbedder:
    """Make every store opened from now on in this process embed with one HashEmbedder."""
    import ingest.store

    embedder = HashEmbedder()
    ingest.store.make_embedder = lambda spec: embedder
    return embedder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → sha256), except the lock file and the memo of
    what was found intact (ingest/checked.py: it records checks, not data). The records
    database counts by its content (a reader may checkpoint its write-ahead log, which changes the
    bytes but not the data), and its -wal/-shm companions are left out."""
    import sqlite3

    out = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name in (".lock", "checked.json") or p.name.endswith(("-wal", "-shm")):
            continue
        if p.name == "records.sqlite3":
            with contextlib.closing(sqlite3.connect(f"file:{p}?mode=ro", uri=True)) as con:
                dump = "\n".join(con.iterdump())
            out[str(p.relative_to(folder))] = hashlib.sha256(dump.encode("utf-8")).hexdigest()
            continue
        out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# A subprocess that embeds with the HashEmbedder: the preamble of every script below.
PREAMBLE = f"""
import sys
sys.path[:0] = [{str(REPO)!r}, {str(TESTS)!r}]  # the repository first: tests/assistant must not shadow assistant
from reliability.helpers import use_hash_embedder
embedder = use_hash_embedder()
"""


def python(body: str, *args: str, timeout: float = 300, env: dict | None = None, wrap: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run ``body`` (after the hash-embedder preamble) in a new Python process; text output."""
    code = PREAMBLE + textwrap.dedent(body)
    command = [*(wrap or []), sys.executable, "-c", code, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=REPO)


@contextlib.contextmanager
def read_only(folder: Path):
    """A command prefix that runs a program with ``folder`` read-only; the test is skipped where that
    cannot be arranged. Root writes through file modes, so as root ``folder`` is bind-mounted
    read-only in a private mount namespace; as another user its modes are lowered, then restored."""
    if os.geteuid() == 0:
        if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
            import pytest

            pytest.skip("running as root without permission for a mount namespace: cannot make a read-only directory")
        remount = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        yield ["unshare", "-m", "--propagation", "private", "sh", "-c", remount, str(folder)]
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for p in modes:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield []
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def open_store(folder: Path, messages: list[str] | None = None, **settings):
    """A Store over ``folder`` with the ``hash`` embedder spec (the test patches what it makes)."""
    from ingest.config import Settings
    from ingest.store import Store

    return Store(Settings(data_dir=folder, embedder="hash", **settings), log=messages.append if messages is not None else (lambda m: None))


def open_bot(folder: Path, messages: list[str] | None = None, **kwargs):
    from assistant.assistant import Assistant

    return Assistant.open(folder, embedder="hash", log=messages.append if messages is not None else (lambda m: None), **kwargs)
