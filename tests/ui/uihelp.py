"""What the UI tests share: the Chromium flags, the apps' constants, asking in the page, timings."""

from __future__ import annotations

import json
import socket
from pathlib import Path

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
