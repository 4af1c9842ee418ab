"""Fixtures for the UI tests: the app served in-process, a second document, Debian's Chromium.

The app runs on a free local port with ``prevent_thread_lock=True`` over the session ``bot``
(tests/conftest.py) and is closed after the session. Browser tests drive /usr/bin/chromium through
Playwright for Python (never ``playwright install``); they skip, naming the fix, when it is absent.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def served(bot):
    """The app over the session ``bot``: (demo, url)."""
    from ui.app import build_app, launch

    demo = build_app(bot)
    _, url, _ = launch(demo, port=free_port(), block=False, quiet=True)
    yield demo, url
    demo.close()


@pytest.fixture(scope="session")
def url(served) -> str:
    return served[1]


@pytest.fixture(scope="session")
def two_docs(bot):
    """An assistant over the bundled document and a renamed copy of it (``other-2022``)."""
    from assistant.assistant import Assistant

    original = bot.kb.records[0]
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
    """A fresh browser context (its own Gradio session) on the app, recording every request."""
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    page.goto(url, wait_until="load")
    page.wait_for_selector("#dqa-question textarea", timeout=30_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
