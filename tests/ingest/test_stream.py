"""ingest/stream.py: an ingest takes its files one at a time — it never holds more than a few
parsed documents, whatever the number of files — and worker processes give the same store."""

from __future__ import annotations

import gc
from dataclasses import asdict

import pytest

from ingest.read import SourceText
from ingest.records import DocumentRecords
from ingest.store import Store
from ingest.stream import window
from reliability.documents import generate, write

FILES = 12


def alive(names: set[str]) -> tuple[int, int]:
    """How many parsed documents and read files of ``names`` this process holds."""
    objects = gc.get_objects()
    records = sum(1 for o in objects if type(o) is DocumentRecords and o.info.source_name in names)
    sources = sum(1 for o in objects if type(o) is SourceText and o.name in names)
    return records, sources


@pytest.mark.parametrize("workers", [1, 2])
def test_an_ingest_holds_a_bounded_number_of_documents_whatever_their_number(db_settings, tmp_path, monkeypatch, workers):
    """Ingest used to read every file, then parse every one, then write them: 1,000 documents
    peaked at 2.1 GB. Counted when each document's rows are written: the parsed documents and
    the read files alive in this process."""
    import ingest.store as store_module

    paths = write(tmp_path / "in", generate(FILES))
    names = {p.name for p in paths}
    seen: list[tuple[int, int]] = []
    real_insert = store_module.insert_document

    def insert_document(*args, **kwargs):
        gc.collect()
        seen.append(alive(names))
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(store_module, "insert_document", insert_document)

    report = Store(db_settings, log=lambda m: None).ingest(paths, progress=False, workers=workers)

    assert report.errors == [] and [d.status for d in report.documents] == ["ingested"] * FILES
    assert len(seen) == FILES
    most = window(workers) + 1  # the one being written, and those waiting for their turn
    assert max(records for records, _ in seen) <= most, seen
    assert max(sources for _, sources in seen) <= most, seen


def test_worker_processes_write_the_same_rows_and_reports_as_one_process(tmp_path, hash_embedder):
    from ingest.config import Settings
    from ingest.db import Database

    paths = write(tmp_path / "in", generate(6))
    stores = {n: Settings(data_dir=tmp_path / f"store-{n}", embedder="hash") for n in (1, 2)}

    reports = {n: Store(s, log=lambda m: None).ingest(paths, progress=False, workers=n) for n, s in stores.items()}

    def rows(settings: Settings) -> dict[str, list]:
        db = Database.for_data_dir(settings.data_dir)
        try:
            return {t: db.query(f"SELECT * FROM {t} ORDER BY 1, 2, 3") for t in ("passages", "figures", "statement_amounts", "citations")}
        finally:
            db.close()

    def stripped(n: int) -> list[dict]:
        return [{k: v for k, v in asdict(d).items() if k not in ("seconds", "embedded")} for d in reports[n].documents]

    assert rows(stores[1]) == rows(stores[2])
    assert stripped(1) == stripped(2) and len(stripped(1)) == 6
    distinct = len({h for (h,) in Database.for_data_dir(stores[1].data_dir).query("SELECT DISTINCT text_hash FROM passages")})
    assert sum(d.embedded for d in reports[1].documents) == distinct
    # each worker embeds what it parsed (two at once may both embed one shared text)
    assert sum(d.embedded for d in reports[2].documents) >= distinct
