"""Opening a store reads none of its files whole when they are unchanged since they were last found
intact (ingest/checked.py): SQLite's ``quick_check`` and a saved copy's SHA-256 run again only for a
file written, replaced or copied since. The damage itself is still found (tests/reliability/test_faults.py)."""

from __future__ import annotations

import contextlib
import os
import sqlite3

import pytest

import ingest.store as store_module
from corpus import BUNDLED_DOCUMENT
from ingest.config import Settings
from ingest.db import Database


@pytest.fixture
def checks(monkeypatch) -> dict[str, int]:
    """How often the database and a saved copy were checked."""
    counted = {"database": 0, "copy": 0}
    quick_check, copy_problem = Database.integrity_problem, store_module.copy_problem

    def database(self):
        counted["database"] += 1
        return quick_check(self)

    def copy(*args):
        counted["copy"] += 1
        return copy_problem(*args)

    monkeypatch.setattr(Database, "integrity_problem", database)
    monkeypatch.setattr(store_module, "copy_problem", copy)
    return counted


def open_store(folder, messages=None) -> None:
    store = store_module.Store(Settings(data_dir=folder, embedder="hash"), log=(messages.append if messages is not None else lambda m: None))
    assert [r.info.id for r in store.load(auto_ingest=False)] != []
    store.db.close()


def test_an_unchanged_store_is_opened_without_reading_its_files_whole(hash_store, checks):
    open_store(hash_store)  # a copied store: every file is another inode, checked once
    assert checks == {"database": 1, "copy": 1}

    open_store(hash_store)
    open_store(hash_store)

    assert checks == {"database": 1, "copy": 1}


def test_a_copy_rewritten_since_its_check_is_checked_again_and_found_damaged(hash_store, checks):
    open_store(hash_store)
    (copy,) = (hash_store / "sources").iterdir()
    data = copy.read_bytes()
    copy.write_bytes(data[:-4] + b"0000")  # the same size: told by its modification time
    messages: list[str] = []

    open_store(hash_store, messages)

    assert checks["copy"] == 2
    assert messages == [
        f"warning: the saved copy sources/{copy.name} of urumqi-housing-2023 is damaged (its checksum does not match the "
        f"ingested file's): the store cannot rebuild that document if its records are damaged; ingest {BUNDLED_DOCUMENT.name} again"
    ]


def test_a_database_written_by_another_program_is_checked_again(hash_store, checks):
    open_store(hash_store)
    with contextlib.closing(sqlite3.connect(hash_store / "records.sqlite3")) as con:
        con.execute("CREATE TABLE notes (x TEXT)")
        con.commit()

    open_store(hash_store)

    assert checks["database"] == 2


def test_an_ingest_leaves_its_database_and_copies_remembered_as_intact(tmp_path, hash_embedder, checks):
    folder = tmp_path / "store"
    report = store_module.Store(Settings(data_dir=folder, embedder="hash"), log=lambda m: None).ingest([BUNDLED_DOCUMENT], progress=False)
    assert [d.status for d in report.documents] == ["ingested"]
    assert not os.path.exists(f"{folder / 'records.sqlite3'}-wal") or os.path.getsize(f"{folder / 'records.sqlite3'}-wal") == 0

    open_store(folder)

    assert checks == {"database": 0, "copy": 0}


def test_a_lost_memo_means_everything_is_checked(hash_store, checks):
    open_store(hash_store)
    (hash_store / "checked.json").write_text("{not json", encoding="utf-8")

    open_store(hash_store)

    assert checks == {"database": 2, "copy": 2}
