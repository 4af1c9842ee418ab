"""Fixtures for the UI tests: the app served in-process, a store with a PDF, Debian's Chromium.

Two apps run on free local ports for the session (ui/server.py, ``launch(block=False)``):

- ``url``: the session ``bot`` (tests/conftest.py) — the bundled text disclosure alone;
- ``pdf_url``: a store of the bundled disclosure and a real PDF disclosure (the finance bureau's,
  tests/corpus), embedded with the fast ``hash`` embedder, with the staff view enabled by
  :data:`STAFF_KEY`.

Browser tests drive /usr/bin/chromium through Playwright for Python (never ``playwright install``);
they skip, naming the fix, when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import BUNDLED_DOCUMENT, FINANCE_PDF
from uihelp import CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS, STAFF_KEY, free_port, open_page

OTHER_DOC = "other-2022"


def serve(bot, **options):
    from ui.app import build_app, launch

    demo = build_app(bot, **options)
    server = launch(demo, port=free_port(), block=False, quiet=True)
    return demo, server


@pytest.fixture(scope="session")
def served(bot):
    """The app over the session ``bot``: (demo, url)."""
    demo, server = serve(bot)
    yield demo, server.url
    server.close()


@pytest.fixture(scope="session")
def url(served) -> str:
    return served[1]


def hash_store(folder: Path, paths: list[Path]):
    from ingest.config import Settings
    from ingest.store import Store

    store = Store(Settings(data_dir=folder, embedder="hash"), log=lambda message: None)
    report = store.ingest(paths, progress=False)
    assert not report.errors, report.errors
    return store


def assistant_over(store):
    from assistant.assistant import Assistant

    return Assistant(store.load(auto_ingest=False), store=store, log=lambda message: None)


@pytest.fixture(scope="session")
def pdf_bot(tmp_path_factory):
    """An assistant over the bundled text disclosure and a real PDF disclosure."""
    return assistant_over(hash_store(tmp_path_factory.mktemp("pdf-store"), [BUNDLED_DOCUMENT, FINANCE_PDF]))


@pytest.fixture(scope="session")
def pdf_served(pdf_bot):
    demo, server = serve(pdf_bot, staff_key=STAFF_KEY)
    yield demo, server.url
    server.close()


@pytest.fixture(scope="session")
def pdf_url(pdf_served) -> str:
    return pdf_served[1]


@pytest.fixture(scope="session")
def two_docs(bot):
    """An assistant over the bundled document and a renamed copy of it (``other-2022``)."""
    from assistant.assistant import Assistant

    original = bot.library.records(bot.library.ids[0])
    copy = original.model_copy(deep=True)
    copy.info.id, copy.info.year = OTHER_DOC, 2022
    copy.info.title = copy.info.title.replace("2023", "2022")
    for item in [*copy.figures, *copy.tables, *copy.passages]:
        item.doc = OTHER_DOC
        item.id = f"{OTHER_DOC}:{item.id}"
        if getattr(item, "table_id", None):
            item.table_id = f"{OTHER_DOC}:{item.table_id}"
    return Assistant([original, copy], log=lambda message: None)


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium (one per session)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: run scripts/setup --full --browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, url):
    page = open_page(chromium, url)
    yield page
    page.context.close()


@pytest.fixture
def pdf_page(chromium, pdf_url):
    page = open_page(chromium, pdf_url)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
