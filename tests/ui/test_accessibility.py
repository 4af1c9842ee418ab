"""Issue 15 · 7, accessibility and locale: lang="zh-CN" in any browser, Chinese names for every control,
clean names for messages, a contrast of at least 4.5:1 computed from the rendered colours in light
and dark mode, and a usable page at 390 px (charts drawn, tables scrolling sideways, no page-wide
horizontal scroll).

Screenshots: phone-chat-{light,dark}.png, phone-charts.png, desktop-dark.png.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from uihelp import BOT, DESKTOP, PHONE, STAFF_KEY, ask, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONTRAST = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")
ALLOWED_LATIN = {"PDF", "CSV", "Markdown", "txt"}  # names of formats, not words of a language

NAMES = """() => [...document.querySelectorAll('button, input, textarea, select, [role="tab"]')]
  .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                 return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && e.type !== 'hidden'; })
  .map(e => { const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
              return (e.getAttribute('aria-label') || label || e.innerText || e.title || e.placeholder || '').trim(); })"""


# Gradio's container clips what is wider than the page, so scrollWidth cannot tell: look for boxes
OVERFLOWING = """(width) => [...document.querySelectorAll('#dqa-tabs *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !e.closest('.dqa-table-wrap') && !e.closest('#dqa-side'); }).map(e => e.tagName + '#' + e.id + '.' + e.className)"""


def english_words(names: list[str]) -> list[str]:
    return [n for n in names if any(w not in ALLOWED_LATIN for w in re.findall(r"[A-Za-z]{3,}", n))]


def test_an_english_browser_gets_a_chinese_page(chromium, pdf_url):
    with urllib.request.urlopen(pdf_url, timeout=30) as response:
        assert '<html\n\tlang="zh-CN"' in response.read().decode("utf-8")
    page = open_page(chromium, pdf_url, locale="en-US")
    try:
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        answer = ask(page, "上海市普陀区财政局三公经费是多少？")
        names = page.evaluate(NAMES)
        assert "" not in names and english_words(names) == []
        expect(page.get_by_role("textbox", name="输入问题")).to_be_visible()
        expect(page.locator('#dqa-chat button[aria-label="清空对话"]')).to_have_count(1)  # Gradio's own control, in Chinese
        # a message is named by its words, not its HTML
        label = answer.locator("xpath=ancestor-or-self::*[@aria-label][1]").get_attribute("aria-label")
        assert label.startswith("回答：") and "<" not in label
        user = page.locator('#dqa-chat [aria-label^="提问："]')
        expect(user).to_have_count(1)
        assert page.locator('#dqa-chat [aria-label*="message"]').count() == 0
    finally:
        page.context.close()


def test_the_staff_view_is_chinese_too(chromium, pdf_url):
    page = open_page(chromium, pdf_url, locale="en-US", query=f"?staff={STAFF_KEY}")
    try:
        for tab in ("审计", "评估", "文件"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(300)
            assert english_words(page.evaluate(NAMES)) == [], tab
    finally:
        page.context.close()


def test_a_citation_opens_from_the_keyboard(pdf_page):
    answer = ask(pdf_page, "上海市普陀区财政局一般公共服务支出多少？")
    opener = answer.locator(".dqa-citation").nth(1).locator(".dqa-open")
    opener.focus()
    pdf_page.keyboard.press("Enter")
    expect(pdf_page.locator("#dqa-viewer .dqa-pageno")).to_have_text("第 21 / 25 页")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_has_a_contrast_of_4_5(chromium, pdf_url, screenshots, scheme):
    page = open_page(chromium, pdf_url, scheme=scheme, query=f"?staff={STAFF_KEY}")
    try:
        assert page.evaluate("document.body.classList.contains('dark')") == (scheme == "dark")
        ask(page, "上海市普陀区财政局一般公共服务支出多少？")
        text = ask(page, "乌鲁木齐市住房保障和房产管理局政府采购货物支出多少？")
        text.locator(".dqa-open").first.click()  # a text citation: the quote on yellow
        expect(page.locator("#dqa-viewer mark").first).to_be_visible()
        failures = page.evaluate(CONTRAST)
        assert failures == [], failures
        if scheme == "dark":
            page.screenshot(path=str(screenshots / "desktop-dark.png"))
        for tab in ("图表", "文件", "对比", "审计"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(500)
            failures = page.evaluate(CONTRAST)
            assert failures == [], (tab, failures)
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_gets_charts_tables_and_no_sideways_page(chromium, url, screenshots, scheme):
    page = open_page(chromium, url, viewport=PHONE, scheme=scheme)
    try:
        answer = ask(page, "执行率不到100%的项目有哪些？")
        wrap = answer.locator(".dqa-table-wrap").first
        assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
        assert page.evaluate(OVERFLOWING, PHONE["width"]) == []
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # the table scrolls inside the answer
        # the headline is not covered by a floating label
        value = answer.locator(".dqa-value")
        expect(value).to_be_visible()
        value.scroll_into_view_if_needed()
        hit = value.evaluate("v => { const r = v.getBoundingClientRect(); const e = document.elementFromPoint(r.x + 5, r.y + r.height / 2); return v.contains(e) || e === v ? '' : (e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40)); }")
        assert hit == ""
        failures = page.evaluate(CONTRAST)
        assert failures == [], failures
        page.screenshot(path=str(screenshots / f"phone-chat-{scheme}.png"))
        if scheme == "light":
            page.get_by_role("tab", name="图表").click()
            bars = page.locator("#dqa-charts .dqa-bar")
            expect(bars.first).to_be_visible()
            widths = bars.evaluate_all("bs => bs.map(b => b.getBoundingClientRect().width)")
            styles = bars.evaluate_all("bs => bs.map(b => parseFloat(b.style.width))")
            assert all(w > 0 for w, s in zip(widths, styles) if s > 0) and max(widths) > 100
            assert page.evaluate(OVERFLOWING, PHONE["width"]) == []
            page.screenshot(path=str(screenshots / "phone-charts.png"), full_page=True)
    finally:
        page.context.close()
