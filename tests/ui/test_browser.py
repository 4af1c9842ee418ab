"""The app in Debian's Chromium: asking, following up, readable answers (issue 15 · 4), escaping,
the CJK font, the tabs, and nothing fetched from another host.

Screenshots: chat-follow-up.png, chat-table.png, chat-calculation.png, chat-choices.png,
chat-script-as-text.png, charts.png, documents.png.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from uihelp import ANSWERED, BOT, PHONE, ask, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]  # inside gradio's queue

USER = '[data-testid="user"]'
HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">三公经费是多少？'


def labels(answer) -> list[str]:
    return answer.locator(".dqa-cite-label").all_inner_texts()


def test_the_wrong_follow_up_of_issue_15_is_answered_from_the_document(page, screenshots):
    """"公车一年花多少" then "比上年呢？": the change the document states beside the figure."""
    first = ask(page, "公车一年花多少？")
    expect(first.locator(".dqa-value")).to_have_text("25.39 万元")
    follow = ask(page, "比上年呢？")
    expect(follow.locator(".dqa-text")).to_contain_text("减少 19.69 万元")
    expect(follow.locator(".dqa-text")).to_contain_text("43.68%")
    page.screenshot(path=str(screenshots / "chat-follow-up.png"))


def test_ask_follow_up_cite_and_escape(page, screenshots):
    answer = ask(page, "政府采购货物支出多少？")
    expect(answer.locator(".dqa-value")).to_have_text("147.81 万元")
    citation = answer.locator(".dqa-citation").first
    expect(citation.locator(".dqa-cite-label")).to_have_text(re.compile(r"^\[1\] .+ · 第 \d+(–\d+)? 行$"))
    expect(citation.locator(".dqa-quote")).to_contain_text("政府采购货物支出 147.81 万元")

    follow = ask(page, "服务类呢？")
    expect(follow.locator(".dqa-value")).to_have_text("312.12 万元")
    expect(page.locator("#dqa-viewer .dqa-panel-q")).to_have_text("问：服务类呢？")

    # clicking an earlier answer brings its sources back to the side panel
    answer.locator(".dqa-text").click()
    expect(page.locator("#dqa-viewer .dqa-panel-q")).to_have_text("问：政府采购货物支出多少？")

    ask(page, HOSTILE)
    expect(page.locator(USER).last).to_contain_text('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">')
    assert page.evaluate("window.__xss") is None
    assert page.locator("#dqa-chat script, #dqa-chat img[src='x']").count() == 0
    page.screenshot(path=str(screenshots / "chat-script-as-text.png"))


def test_the_question_shows_at_once_with_a_pending_reply(page):
    release = []

    def slow(route):
        release.append(time.monotonic())
        time.sleep(1.5)  # the answer's step waits in the queue; the question's step does not
        route.continue_()

    page.route("**/gradio_api/queue/join**", slow)
    box = page.locator("#dqa-question textarea")
    box.fill("政府采购货物支出多少？")
    box.press("Enter")
    expect(page.locator(USER)).to_have_count(1, timeout=1000)
    expect(page.locator(f"{BOT} .dqa-pending")).to_have_text("正在查找……", timeout=1000)
    expect(box).to_have_value("")
    expect(page.locator(ANSWERED)).to_have_count(1, timeout=30_000)
    expect(page.locator(f"{BOT} .dqa-pending")).to_have_count(0)
    assert release


def test_a_new_answer_opens_at_its_start(page, screenshots):
    ask(page, "政府采购货物支出多少？")
    answer = ask(page, "执行率不到100%的项目有哪些？")
    expect(answer.locator("table.dqa-table").first.locator("tbody tr")).to_have_count(8)
    page.wait_for_timeout(300)
    top = answer.evaluate("""m => { let p = m.parentElement; while (p && !(getComputedStyle(p).overflowY.match(/auto|scroll/) && p.scrollHeight > p.clientHeight)) p = p.parentElement;
                                    return m.getBoundingClientRect().top - p.getBoundingClientRect().top; }""")
    assert 0 <= top < 20  # the headline and the table's header in view, not the end
    page.screenshot(path=str(screenshots / "chat-table.png"))


def test_readable_quotes_markup_stripped_numbers_whole(chromium, url):
    page = open_page(chromium, url, viewport=PHONE)
    try:
        answer = ask(page, "人员经费是多少？")
        expect(answer.locator(".dqa-value")).to_have_text("4,213.97 万元")
        quote = answer.locator(".dqa-quote").first
        expect(quote).to_contain_text("其中：人员经费 4,213.97 万元，包括")  # the text had **人员经费 4,213.97 万元**
        assert "**" not in answer.inner_text()
        # at 390 px every number stays on one line
        broken = page.evaluate("[...document.querySelectorAll('#dqa-chat .dqa-n')].filter(n => n.getClientRects().length > 1).map(n => n.textContent)")
        assert page.locator("#dqa-chat .dqa-n").count() > 5 and broken == []
        assert len(set(labels(answer))) == len(labels(answer))
    finally:
        page.context.close()


def test_several_documents_name_theirs_and_a_choice_is_a_click(pdf_page, screenshots):
    page = pdf_page
    clarification = ask(page, "三公经费是多少？")
    choices = clarification.locator(".dqa-choice")
    expect(choices).to_have_text(["乌鲁木齐市住房保障和房产管理局（汇总）2023年度", "上海市普陀区财政局2024年度"])
    page.screenshot(path=str(screenshots / "chat-choices.png"))
    choices.nth(1).click()
    expect(page.locator(ANSWERED)).to_have_count(2, timeout=30_000)
    chosen = page.locator(BOT).nth(1)
    expect(page.locator(USER).nth(1)).to_have_text("三公经费是多少？")
    for label in labels(chosen):
        assert label.split(" · ")[0].endswith("上海市普陀区财政局 2024 年度")
    # a table row is quoted under its column names
    row = chosen.locator(".dqa-row").first
    expect(row.locator("th")).to_have_text(["项目", "财政拨款“三公”经费 › 合计 › 预算数"])
    expect(row.locator("td")).to_have_text(["合计：预算数", "0.95"])


def test_an_example_keeps_the_typed_text_and_follow_ups_are_offered(page, screenshots):
    box = page.locator("#dqa-question textarea")
    box.fill("我正在输入的问题")
    page.get_by_role("button", name="人员经费占基本支出的比例是多少？").click()
    expect(page.locator(ANSWERED)).to_have_count(1, timeout=30_000)
    expect(box).to_have_value("我正在输入的问题")
    calc = page.locator(BOT).first.locator(".dqa-calc")
    expect(calc.locator(".dqa-formula")).to_have_text(re.compile(r"^4213\.97 / 4617\.45 × 100 = 91\.26%$"))
    expect(calc.locator(".dqa-operands li")).to_have_count(2)
    page.screenshot(path=str(screenshots / "chat-calculation.png"))

    box.fill("")
    answer = ask(page, "三公经费是多少？")
    expect(answer.locator(".dqa-suggest")).to_have_text(["比上年呢？", "为什么？"])
    answer.locator(".dqa-suggest").first.click()
    expect(page.locator(ANSWERED)).to_have_count(3, timeout=30_000)
    expect(page.locator(BOT).nth(2).locator(".dqa-text")).to_contain_text("减少 19.69 万元")

    page.locator("#dqa-clear").click()
    expect(page.locator(BOT)).to_have_count(0)
    expect(page.locator("#dqa-viewer")).to_contain_text("提问后，这里显示")


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


def test_the_chat_bin_icon_forgets_the_conversation_too(page):
    ask(page, "政府采购货物支出多少？")
    page.locator('#dqa-chat button.icon-button[aria-label="清空对话"]').click()
    expect(page.locator(BOT)).to_have_count(0)
    expect(page.locator("#dqa-viewer")).to_contain_text("提问后，这里显示")


def test_tabs_keep_their_own_conversations(page, chromium, url):
    ask(page, "政府采购货物支出多少？")
    other = open_page(chromium, url)
    try:
        ask(other, "公车一年花多少？")
        expect(other.locator(USER)).to_have_count(1)
        follow = ask(page, "服务类呢？")
        expect(follow.locator(".dqa-value")).to_have_text("312.12 万元")
    finally:
        other.context.close()


def test_charts_and_documents_tabs(page, screenshots):
    page.get_by_role("tab", name="图表").click()
    charts = page.locator("#dqa-charts")
    expect(charts).to_contain_text("一般公共预算财政拨款支出 · 按类")
    expect(charts).to_contain_text("483,911.04 万元")
    expect(charts.locator(".dqa-project")).to_have_count(30)
    page.screenshot(path=str(screenshots / "charts.png"), full_page=True)

    page.get_by_role("tab", name="文件").click()
    expect(page.locator("#dqa-documents td").first).to_have_text("乌鲁木齐市住房保障和房产管理局（汇总）")
    page.screenshot(path=str(screenshots / "documents.png"))


def test_the_page_requests_nothing_from_other_hosts(page):
    ask(page, "政府采购货物支出多少？")
    page.get_by_role("tab", name="图表").click()
    page.wait_for_timeout(500)
    hosts = {urlparse(u).hostname for u in page.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, sorted(u for u in page.requests if urlparse(u).hostname != "127.0.0.1")
    assert len(page.requests) > 10  # the recorder saw the page load its assets
