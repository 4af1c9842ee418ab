"""The app in Debian's Chromium: ask, follow up, open a citation, charts, tabs, escaping, no other hosts.

Screenshots go to artifacts/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]  # inside gradio's queue

BOT = '[data-testid="bot"]'
USER = '[data-testid="user"]'
HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">三公经费是多少？'


def ask(page, question: str):
    """Type ``question``, press Enter and return the new answer's message."""
    before = page.locator(BOT).count()
    box = page.locator("#dqa-question textarea")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(BOT)).to_have_count(before + 1, timeout=30_000)
    return page.locator(BOT).nth(before)


def test_ask_follow_up_cite_and_escape(page, screenshots):
    answer = ask(page, "政府采购货物支出多少？")
    expect(answer.locator(".dqa-value")).to_have_text("147.81 万元")
    citation = answer.locator(".dqa-citation").first
    expect(citation.locator(".dqa-cite-label")).to_have_text(re.compile(r"^\[1\] .+ · 第 \d+(–\d+)? 行$"))
    expect(citation.locator(".dqa-quote")).to_contain_text("政府采购货物支出 147.81 万元")

    # clicking the citation opens the document around the cited lines, the quote highlighted
    citation.locator("summary").click()
    expect(citation.locator(".dqa-source mark")).to_contain_text("147.81")
    expect(page.locator("#dqa-sources mark").first).to_contain_text("147.81")
    page.screenshot(path=str(screenshots / "chat-citation-open.png"))

    follow = ask(page, "服务类呢？")
    expect(follow.locator(".dqa-value")).to_have_text("312.12 万元")
    expect(follow.locator(".dqa-citation")).not_to_have_count(0)
    expect(page.locator("#dqa-sources .dqa-panel-q")).to_have_text("问：服务类呢？")
    page.screenshot(path=str(screenshots / "chat-follow-up.png"))

    # clicking an earlier answer brings its sources back to the side panel
    answer.locator(".dqa-text").click()
    expect(page.locator("#dqa-sources .dqa-panel-q")).to_have_text("问：政府采购货物支出多少？")

    ask(page, HOSTILE)
    expect(page.locator(USER).last).to_contain_text('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">')
    assert page.evaluate("window.__xss") is None
    assert page.locator("#dqa-chat script, #dqa-chat img[src='x']").count() == 0
    page.screenshot(path=str(screenshots / "chat-script-as-text.png"))


GLYPHS = """(text) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    const g = canvas.getContext("2d");
    g.font = "48px " + getComputedStyle(document.querySelector(".dqa-header h1")).fontFamily;
    return [...text].map((ch) => {
        g.clearRect(0, 0, 64, 64);
        g.fillText(ch, 4, 52);
        return g.getImageData(0, 0, 64, 64).data.join(",");
    });
}"""


def test_chinese_renders_with_a_cjk_font(page):
    """Without a CJK font every character is the same empty box as an unassigned code point."""
    family = page.evaluate("getComputedStyle(document.querySelector('.dqa-header h1')).fontFamily")
    assert family.startswith('"DQA CJK", "WenQuanYi Micro Hei"')
    assert page.evaluate("document.fonts.check('16px \"DQA CJK\"', '部门决算问答')")
    zhong, jue, nothing = page.evaluate(GLYPHS, "中决\ue000")
    assert len({zhong, jue, nothing}) == 3


def test_examples_calculation_and_table(page, screenshots):
    page.get_by_role("button", name="人员经费占基本支出的比例是多少？").click()
    expect(page.locator(BOT)).to_have_count(1, timeout=30_000)
    calc = page.locator(BOT).first.locator(".dqa-calc")
    expect(calc.locator(".dqa-formula")).to_have_text(re.compile(r"^4213\.97 / 4617\.45 × 100 = 91\.26%$"))
    expect(calc.locator(".dqa-operands li")).to_have_count(2)
    page.screenshot(path=str(screenshots / "chat-calculation.png"))

    page.get_by_role("button", name="执行率不到100%的项目有哪些？").click()
    expect(page.locator(BOT)).to_have_count(2, timeout=30_000)
    table = page.locator(BOT).nth(1).locator("table.dqa-table")
    expect(table.locator("tbody tr")).to_have_count(8)
    expect(table).to_contain_text("房产交易业务经费")
    page.locator(BOT).nth(1).evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshots / "chat-table.png"))

    page.locator("#dqa-clear").click()
    expect(page.locator(BOT)).to_have_count(0)
    expect(page.locator("#dqa-sources")).to_contain_text("提问后，这里显示")


def test_the_chat_bin_icon_forgets_the_conversation_too(page):
    ask(page, "政府采购货物支出多少？")
    page.locator('#dqa-chat button.icon-button[aria-label="清空对话"]').click()  # Gradio labels it in the page locale
    expect(page.locator(BOT)).to_have_count(0)
    expect(page.locator("#dqa-sources")).to_contain_text("提问后，这里显示")  # the clear handler ran


def test_tabs_keep_their_own_conversations(page, chromium, url):
    ask(page, "政府采购货物支出多少？")
    other = chromium.new_context(locale="zh-CN").new_page()
    try:
        other.goto(url, wait_until="load")
        other.wait_for_selector("#dqa-question textarea", timeout=30_000)
        ask(other, "公车一年花多少？")
        expect(other.locator(USER)).to_have_count(1)
        follow = ask(page, "服务类呢？")
        expect(follow.locator(".dqa-value")).to_have_text("312.12 万元")
    finally:
        other.context.close()


def test_charts_documents_evaluation_and_audit_tabs(page, screenshots):
    page.get_by_role("tab", name="图表").click()
    charts = page.locator("#dqa-charts")
    expect(charts).to_contain_text("一般公共预算财政拨款支出 · 按类")
    expect(charts).to_contain_text("483,911.04 万元")
    expect(charts.locator(".dqa-project")).to_have_count(30)
    expect(charts.locator(".dqa-project").first).to_contain_text("房产交易业务经费")
    page.screenshot(path=str(screenshots / "charts.png"), full_page=True)

    page.get_by_role("tab", name="文件").click()
    expect(page.locator("#dqa-documents")).to_contain_text("乌鲁木齐市住房保障和房产管理局（汇总）")
    page.screenshot(path=str(screenshots / "documents.png"))

    page.get_by_role("tab", name="评估").click()
    expect(page.locator("#dqa-eval")).to_contain_text(re.compile("还没有评估报告|Evaluation report"))
    page.screenshot(path=str(screenshots / "evaluation.png"))

    page.get_by_role("tab", name="审计").click()
    expect(page.locator("#dqa-audit")).not_to_contain_text("切换到此页时运行数字审计", timeout=30_000)
    page.screenshot(path=str(screenshots / "audit.png"))


def test_the_page_requests_nothing_from_other_hosts(page):
    ask(page, "政府采购货物支出多少？")
    page.get_by_role("tab", name="图表").click()
    page.wait_for_timeout(500)
    hosts = {urlparse(u).hostname for u in page.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, sorted(u for u in page.requests if urlparse(u).hostname != "127.0.0.1")
    assert len(page.requests) > 10  # the recorder saw the page load its assets
