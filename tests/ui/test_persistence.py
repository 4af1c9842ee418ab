"""Conversations kept (issue 15 · 3): across a reload and a restart of the server, listed among past
conversations; an answer exported as Markdown and CSV, the whole conversation too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from uihelp import BOT, DESKTOP, ask, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

USER = '[data-testid="user"]'


def test_a_conversation_survives_a_reload_and_a_restart(chromium, bot, screenshots):
    from ui.app import build_app, launch

    port = free_port()
    context = chromium.new_context(locale="zh-CN", viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    server = launch(build_app(bot), port=port, block=False, quiet=True)
    try:
        page.goto(server.url, wait_until="load")
        page.wait_for_selector("#dqa-question textarea", timeout=30_000)
        ask(page, "公车一年花多少？")
        ask(page, "比上年呢？")

        page.reload(wait_until="load")
        page.wait_for_selector("#dqa-question textarea", timeout=30_000)
        expect(page.locator(USER)).to_have_count(2, timeout=15_000)
        expect(page.locator(BOT).nth(1)).to_contain_text("减少 19.69 万元")
        expect(page.get_by_role("combobox", name="过往对话")).to_have_value(re.compile("^公车一年花多少？"))
        page.screenshot(path=str(screenshots / "chat-after-reload.png"))
    finally:
        server.close()

    server = launch(build_app(bot), port=port, block=False, quiet=True)  # the same address: the same storage
    try:
        page.goto(server.url, wait_until="load")
        page.wait_for_selector("#dqa-question textarea", timeout=30_000)
        expect(page.locator(USER)).to_have_count(2, timeout=15_000)
        follow = ask(page, "公务接待费呢？")  # the conversation goes on where it was
        expect(follow).to_contain_text("万元")
    finally:
        server.close()
        context.close()


def test_an_answer_and_the_conversation_are_exported(page):
    answer = ask(page, "公车一年花多少？")

    with page.expect_download() as md:
        answer.locator('.dqa-export[value="md"]').click()
    with page.expect_download() as csv:
        answer.locator('.dqa-export[value="csv"]').click()

    markdown = open(md.value.path(), encoding="utf-8-sig").read()
    table = open(csv.value.path(), encoding="utf-8-sig").read()
    assert md.value.suggested_filename.endswith(".md") and "25.39 万元" in markdown and "第 182 行" in markdown
    assert csv.value.suggested_filename.endswith(".csv") and "25.39" in table
    whole = page.locator(".dqa-export-all")
    if whole.count():
        with page.expect_download() as everything:
            whole.first.click()
        assert "公车一年花多少？" in open(everything.value.path(), encoding="utf-8-sig").read()


def test_documents_picked_and_a_subject_compared_as_a_table_and_a_chart(chromium, pdf_url, screenshots):
    """Issue 15 · 6: with several documents, a 对比 tab asks each picked document the same subject."""
    from uihelp import open_page

    page = open_page(chromium, pdf_url)
    try:
        page.get_by_role("tab", name="对比").click()
        page.locator("#dqa-compare-subject textarea, #dqa-compare-subject input").first.fill("公务用车购置及运行维护费")
        page.locator("#dqa-compare-go").click()
        rows = page.locator("#dqa-compare-table tbody tr")
        expect(rows).to_have_count(2, timeout=30_000)
        text = " ".join(rows.all_inner_texts())
        assert "乌鲁木齐市住房保障和房产管理局" in text and "上海市普陀区财政局" in text
        assert "25.39" in text  # the bundled document's figure, as stated
        expect(page.locator("#dqa-compare .dqa-bar-row")).to_have_count(2)
        page.screenshot(path=str(screenshots / "compare.png"))
    finally:
        page.context.close()
