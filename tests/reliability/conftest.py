"""Fixtures for the reliability tests: stores built with the fast HashEmbedder, copied per test.

The bundled disclosure is ingested once per session into a template store; a test that damages
a store gets its own copy (``hash_store``). Tests whose behaviour depends on the real embedder use
the session's ``e5_store`` / ``bot`` from tests/conftest.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.config import Settings
from corpus import BUNDLED_DOCUMENT
from reliability.helpers import EDU_NAME, EDU_TEXT, HashEmbedder


@pytest.fixture
def hash_embedder(monkeypatch) -> HashEmbedder:
    """Every store opened in the test (and every Assistant.open) embeds with this HashEmbedder."""
    embedder = HashEmbedder()
    monkeypatch.setattr("ingest.store.make_embedder", lambda spec: embedder)
    return embedder


@pytest.fixture(scope="session")
def bundled_hash_template(tmp_path_factory) -> Path:
    """A store holding the bundled disclosure, embedded with the HashEmbedder (never modified)."""
    from ingest.store import Store

    folder = tmp_path_factory.mktemp("bundled-hash") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("ingest.store.make_embedder", lambda spec: HashEmbedder())
        report = Store(Settings(data_dir=folder, embedder="hash"), log=lambda m: None).ingest([BUNDLED_DOCUMENT], progress=False)
    assert report.errors == [] and [d.status for d in report.documents] == ["ingested"]
    return folder


@pytest.fixture
def hash_store(bundled_hash_template, tmp_path, hash_embedder) -> Path:
    """A private copy of the bundled hash store: damage it freely."""
    folder = tmp_path / "store"
    shutil.copytree(bundled_hash_template, folder)
    return folder


@pytest.fixture
def edu_file(tmp_path) -> Path:
    path = tmp_path / "in" / EDU_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EDU_TEXT, encoding="utf-8")
    return path

