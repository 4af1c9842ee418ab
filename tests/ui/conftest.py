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

import json
import socket
from pathlib import Path

import pytest


from corpus import BUNDLED_DOCUMENT, FINANCE_PDF

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
OTHER_DOC = "other-2022"
STAFF_KEY = "test-staff-key"
PDF_DOC = "putuo-finance-2024"
TEXT_DOC = "urumqi-housing-2023"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
BOT = '[data-testid="bot"]'
ANSWERED = '[data-testid="bot"] .dqa-answer:not(.dqa-pending)'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def open_page(chromium, url: str, *, viewport=None, scheme: str = "light", locale: str = "zh-CN", query: str = ""):
    """A fresh browser context (its own Gradio session and storage) on the app, recording every request."""
    context = chromium.new_context(locale=locale, viewport=viewport or DESKTOP, color_scheme=scheme, accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url + query, wait_until="load")
    page.wait_for_selector("#dqa-question textarea", timeout=30_000)
    return page


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


def ask(page, question: str):
    """Type ``question``, press Enter and return the new answer's message once it is answered."""
    from playwright.sync_api import expect

    before = page.locator(ANSWERED).count()
    box = page.locator("#dqa-question textarea")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(ANSWERED)).to_have_count(before + 1, timeout=30_000)
    return page.locator(BOT).nth(before)


def record_timing(name: str, value: float) -> None:
    """Keep a measured timing for the report (artifacts/screenshots/ui-timings.json)."""
    path = SCREENSHOTS / "ui-timings.json"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    data = json.loads(path.read_text()) if path.exists() else {}
    data.setdefault(name, []).append(round(value, 1))
    data[name] = data[name][-20:]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
