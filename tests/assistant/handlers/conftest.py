"""Fixtures of the handler tests: an assistant over one corpus document, parsed once per module."""

from __future__ import annotations

import pytest

from assistant.assistant import Assistant
from corpus import BUNDLED_DOCUMENT, CULTURE_TEXT, FINANCE_PDF, STREET_TEXT
from ingest.library import MemoryLibrary
from ingest.pipeline import parse_file

FILES = {"finance": FINANCE_PDF, "culture": CULTURE_TEXT, "street": STREET_TEXT, "urumqi": BUNDLED_DOCUMENT}


@pytest.fixture(scope="module")
def bots():
    """``bots("street")``: the assistant over that corpus document alone (records in memory)."""
    made: dict[str, Assistant] = {}

    def bot(key: str) -> Assistant:
        if key not in made:
            made[key] = Assistant(MemoryLibrary([parse_file(FILES[key])]))
        return made[key]

    return bot
