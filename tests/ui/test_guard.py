"""The server's guards (issue 14 · 11–13): only this server's Host names on loopback, no writes from
a foreign Origin, Gradio's open upload endpoint closed, staff uploads type- and size-limited and kept
inside the data directory's temp area, the echoed question capped."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
from uihelp import STAFF_KEY

from ui.server import MAX_BODY_BYTES, STAFF_HEADER

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(pdf_served):
    demo, url = pdf_served
    return demo, url.rstrip("/")


def test_a_foreign_host_name_is_refused(served):
    """DNS rebinding: a page on another name that resolves to 127.0.0.1 is not this server."""
    _, url = served
    port = urlsplit(url).port

    refused = httpx.get(url + "/", headers={"Host": f"evil.example:{port}"})
    served_ok = httpx.get(url + "/", headers={"Host": f"localhost:{port}"})

    assert refused.status_code == 421
    assert served_ok.status_code == 200 and 'lang="zh-CN"' in served_ok.text


def test_a_write_from_a_foreign_origin_is_refused(served):
    _, url = served
    body = {"data": ["三公经费是多少？", ""]}

    foreign = httpx.post(url + "/gradio_api/call/chat", json=body, headers={"Origin": "http://evil.example"})
    same = httpx.post(url + "/gradio_api/call/chat", json=body, headers={"Origin": url})

    assert foreign.status_code == 403
    assert same.status_code == 200 and "event_id" in same.json()


def test_gradios_own_upload_endpoint_is_closed(served):
    _, url = served

    answer = httpx.post(url + "/gradio_api/upload", files={"files": ("x.txt", b"hello")})

    assert answer.status_code == 403


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(served):
    _, url = served

    answer = httpx.post(url + "/gradio_api/call/chat", content=b"x" * (MAX_BODY_BYTES + 1), headers={"Content-Type": "application/json"})

    assert answer.status_code == 413


@pytest.mark.parametrize(
    ("name", "content", "key", "status"),
    [
        ("notes.pdf", b"%PDF-1.4 ...", None, 403),  # a visitor
        ("tool.exe", b"MZ\x90\x00", STAFF_KEY, 415),  # not PDF or text
        ("fake.pdf", b"<html>not a pdf</html>", STAFF_KEY, 415),  # named .pdf, not a PDF
        ("data.txt", b"abc\x00\x01\x02", STAFF_KEY, 415),  # binary bytes in a text file
        ("empty.txt", b"", STAFF_KEY, 415),
    ],
)
def test_staff_uploads_are_limited_by_who_and_what_and_leave_nothing_behind(served, name, content, key, status):
    demo, url = served
    headers = {"x-file-name": name, **({STAFF_HEADER: key} if key else {})}

    answer = httpx.post(url + "/dqa/upload", content=content, headers=headers)

    assert answer.status_code == status, answer.text
    uploads = demo.site.temp_dir / "uploads"
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))


def test_a_staff_upload_over_the_size_limit_is_refused(served):
    demo, url = served
    too_big = demo.site.jobs.max_bytes + 1

    answer = httpx.post(url + "/dqa/upload", content=b"%PDF-" + b"0" * (too_big - 5), headers={"x-file-name": "big.pdf", STAFF_HEADER: STAFF_KEY})

    assert answer.status_code == 413 and "上限" in answer.json()["error"]


def test_the_upload_area_is_inside_the_data_directory(served):
    demo, _ = served

    assert demo.site.temp_dir.resolve().is_relative_to(demo.site.bot.store.settings.data_dir.resolve())
