"""A document cannot make the page fetch anything (issue 14 · 12): Markdown images and HTML in the
document's text are shown as text in the audit list, the documents list and the chat — a logging
server on loopback, named in that text, receives no request."""

from __future__ import annotations

import http.server
import threading

import pytest
from corpus import BUNDLED_DOCUMENT
from playwright.sync_api import expect
from uihelp import STAFF_KEY, ask, free_port, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def logger():
    """A loopback HTTP server that records every path requested of it."""
    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, logger):
    """The bundled disclosure with a sentence of markup in its 三公 section: its parts (60 + 30) do not
    add up to its total (100), so the audit quotes it as a finding."""
    from conftest import assistant_over, hash_store
    from ui.app import build_app, launch

    base, _ = logger
    lines = BUNDLED_DOCUMENT.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("七、财政拨款“三公”经费支出决算情况说明")) + 1
    markup = (f'![x]({base}/md.png)<img src="{base}/img.png"><iframe src="{base}/frame"></iframe>'
              f"其他测试经费合计 100.00 万元，其中：甲项 60.00 万元，乙项 30.00 万元。")
    lines.insert(at, markup)
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile-urumqi-2023.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bot = assistant_over(hash_store(folder / "store", [source]))
    demo = build_app(bot, staff_key=STAFF_KEY)
    server = launch(demo, port=free_port(), block=False, quiet=True)
    yield server.url
    server.close()


def test_markup_in_a_document_fetches_nothing(chromium, hostile_app, logger, screenshots):
    base, seen = logger
    page = open_page(chromium, hostile_app, query=f"?staff={STAFF_KEY}")
    try:
        answer = ask(page, "其他测试经费合计多少？")
        expect(answer).to_contain_text("100.00 万元")
        page.get_by_role("tab", name="审计").click()
        report = page.locator(".dqa-audit-report")
        expect(report).to_be_visible(timeout=60_000)
        report.locator('select[name="severity"]').select_option("")
        expect(report).to_contain_text(f"{base}/md.png")  # shown, as text
        page.get_by_role("tab", name="文件").click()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(screenshots / "audit-markup-as-text.png"))
        assert seen == []
        assert not any(u.startswith(base) for u in page.requests)
        assert page.locator(f'img[src^="{base}"], iframe[src^="{base}"]').count() == 0
    finally:
        page.context.close()
