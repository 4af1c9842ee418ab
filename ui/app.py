"""The Gradio app: a Chinese chat over an ``Assistant``, the cited page beside it, documents, charts,
a cross-document comparison, and a staff view (audit, evaluation, document management).

>>> from assistant import Assistant                      # doctest: +SKIP
>>> from ui.app import build_app, launch                 # doctest: +SKIP
>>> launch(build_app(Assistant.open()), port=7860)       # doctest: +SKIP

The page's behaviour in the browser (the page panel, copying and export, clickable choices,
scrolling to a new answer, the upload widget) is ui/client.js; the server around the app is
ui/server.py. Visitors see 问答 · 图表 · 文件 (· 对比 with several documents); the staff view —
审计, 评估 and the document controls — appears only with ``?staff=KEY`` when a staff key is set
(``DISCLOSURE_QA_STAFF_KEY`` or ``serve(staff_key=…)``), and every staff action checks it again.
"""

from __future__ import annotations

import hashlib
import json
import logging

from ingest.config import quiet_third_parties

quiet_third_parties()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from ingest.errors import SessionError  # noqa: E402
from ui import charts, compare, documents, history, reports  # noqa: E402
from ui.chat import Chat, Tab  # noqa: E402
from ui.render import FRIENDLY_ERROR  # noqa: E402
from ui.site import Site  # noqa: E402
from ui.source import cite_views  # noqa: E402

log = logging.getLogger(__name__)

TITLE = "部门决算问答"
CITIZEN_EXAMPLES = ["棚改花了多少钱？", "公车一年花多少？", "为什么机关运行经费增加了？"]
STAFF_EXAMPLES = ["执行率不到100%的项目有哪些？", "人员经费占基本支出的比例是多少？", "政府采购货物支出多少？"]
# An answer is ~6 ms of pure Python and all answers share one interpreter lock with the event loop
# that accepts questions, so more workers add no throughput and take the lock from the loop: 200
# questions at once on 2 cores (tests/ui/test_load.py), joining the queue took p95 3.2–3.5 s with 8
# workers (over gradio_client's 5 s for a quarter of the callers when the machine was busy), 1.2–1.4 s
# with one (2.5 s busy), answered as fast.
CONCURRENCY = 1
# Queue places are sent to waiting callers every second rather than after every answer (Gradio's
# "auto"), which sent each of n waiting callers a message n times over.
STATUS_EVERY_SECONDS = 1.0
# ~8 s of answers on 2 cores: a caller joining behind a full queue is still answered well within a
# minute; past that it is told at once (503, "queue is full") instead of waiting on a timeout.
QUEUE_SIZE = 1000
BAD_SESSION = "会话内容无法读取：请传入上一个回答里的 session（JSON），或留空开始新的对话。"
PANEL_EMPTY = (
    '<div id="dqa-viewer" class="dqa-viewer"><p class="dqa-muted dqa-viewer-empty">提问后，这里显示回答所引用的原文：'
    "PDF 文件显示所在页面并框出引用的行、表格行或单元格；文本文件显示前后几行，引用的文字以黄色标出。</p></div>"
)
PRIVATE = {"api_visibility": "private"}  # the page's own events; programs use /chat


def build_app(bot, *, staff_key: str | None = None, site: Site | None = None) -> gr.Blocks:
    """The Blocks for ``bot``; every browser tab keeps its own conversation in ``gr.State`` and
    its past conversations in the browser's storage."""
    site = site or Site(bot, staff_key=staff_key)
    prepare(site)  # before any component: Gradio's blocks read their cache folder when created
    chat = Chat(site)
    evaluation = reports.EvalRun(bot, site.data_dir)
    secret = hashlib.sha256(f"dqa-history|{site.data_dir}".encode()).hexdigest()[:32]  # stable: a restart reads the old history
    audit_cache: dict = {}

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        demo.site = site  # for launch() and the tests
        demo.evaluation = evaluation
        tab = gr.State(Tab())  # deep-copied for each browser tab
        pending = gr.State("")
        saved = gr.BrowserState(history.History().model_dump(), storage_key="dqa-history", secret=secret)
        header = gr.HTML(_header(bot), elem_id="dqa-header")

        with gr.Tabs(elem_id="dqa-tabs"):
            with gr.Tab("问答", id="chat"):
                with gr.Row(elem_id="dqa-layout", equal_height=False):
                    with gr.Column(scale=3, min_width=300, elem_id="dqa-main"):
                        with gr.Row(elem_id="dqa-toolbar"):
                            choices = documents.choices(bot)
                            doc = gr.Dropdown(choices=choices, value=documents.ALL_DOCUMENTS, label="只问这份文件", visible=len(choices) > 2, interactive=True, elem_id="dqa-doc", scale=2)
                            past = gr.Dropdown(choices=[], value=None, label="过往对话", interactive=True, elem_id="dqa-history", scale=2)
                            new = gr.Button("新对话", size="sm", scale=0, min_width=90, elem_id="dqa-new")
                        chatbot = gr.Chatbot(
                            label="对话",
                            show_label=False,
                            height="62vh",
                            min_height=360,
                            layout="bubble",
                            buttons=[],  # copying is ours: the figure, the answer, a citation
                            feedback_options=None,
                            latex_delimiters=[],
                            autoscroll=False,  # the page script scrolls to the start of a new answer
                            placeholder="<p>请用中文提问，例如“棚改花了多少钱？”。每个数字都注明出处，点击“查看原文页面”即可核对。</p>",
                            elem_id="dqa-chat",
                        )
                        with gr.Row(elem_id="dqa-ask"):
                            box = gr.Textbox(label="输入问题", show_label=False, placeholder="输入问题，按回车发送", scale=5, max_lines=4, elem_id="dqa-question", autofocus=True, max_length=2000)
                            send = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="dqa-send")
                        gr.HTML(
                            '<div class="dqa-conversation-actions"><button type="button" class="dqa-export-all" value="md">导出整个对话（Markdown）</button>'
                            '<button type="button" class="dqa-export-all" value="csv">导出整个对话（CSV）</button></div>',
                            elem_id="dqa-conversation-actions",
                        )
                        clear = gr.Button("清空对话", variant="secondary", size="sm", scale=0, min_width=120, elem_id="dqa-clear")
                        gr.HTML('<div class="dqa-examples-title">市民常问</div>')
                        with gr.Row():
                            citizen = [gr.Button(q, size="sm", elem_classes="dqa-example") for q in CITIZEN_EXAMPLES]
                        gr.HTML('<div class="dqa-examples-title">业务人员常问</div>')
                        with gr.Row():
                            staff = [gr.Button(q, size="sm", elem_classes="dqa-example") for q in STAFF_EXAMPLES]
                    with gr.Column(scale=2, min_width=300, elem_id="dqa-side"):
                        gr.HTML(
                            '<div class="dqa-side-head"><h2 id="dqa-side-title">原文对照</h2>'
                            '<button type="button" class="dqa-drawer-close" aria-label="关闭原文">关闭</button></div>'
                        )
                        gr.HTML(PANEL_EMPTY, elem_id="dqa-sources")
                action = gr.Textbox(label="操作", visible="hidden", elem_id="dqa-action")
                act = gr.Button("执行", visible="hidden", elem_id="dqa-act")

            with gr.Tab("图表", id="charts"):
                charts_html = gr.HTML(_charts(bot), elem_id="dqa-charts")

            with gr.Tab("文件", id="documents") as documents_tab:
                doc_list = gr.HTML(documents.documents_html(bot), elem_id="dqa-documents")
                with gr.Group(visible=False, elem_id="dqa-doc-admin") as admin:
                    gr.HTML(UPLOAD_WIDGET, elem_id="dqa-upload")
                    with gr.Row():
                        target = gr.Dropdown(choices=choices[1:], label="选择文件", interactive=True, elem_id="dqa-doc-target", scale=3)
                        reingest = gr.Button("重新载入", size="sm", scale=0, min_width=100, elem_id="dqa-reingest")
                        delete = gr.Button("删除", size="sm", variant="stop", scale=0, min_width=80, elem_id="dqa-delete")
                    admin_note = gr.HTML("", elem_id="dqa-admin-note")
                    refresh_docs = gr.Button("刷新文件列表", size="sm", visible="hidden", elem_id="dqa-refresh-docs")

            with gr.Tab("对比", id="compare", visible=len(choices) > 2) as compare_tab:
                gr.HTML('<p class="dqa-muted">选择两份或更多文件，输入要比较的项目，每份文件各自回答并注明出处。</p>')
                with gr.Row():
                    compare_docs = gr.Dropdown(choices=choices[1:], value=[c[1] for c in choices[1:3]], multiselect=True, label="比较哪些文件", elem_id="dqa-compare-docs", scale=3)
                    compare_subject = gr.Textbox(label="比较的项目", value="三公经费", max_lines=1, elem_id="dqa-compare-subject", scale=2, max_length=200)
                    compare_go = gr.Button("比较", variant="primary", scale=0, min_width=80, elem_id="dqa-compare-go")
                compare_out = gr.HTML(compare.compare_html([], ""), elem_id="dqa-compare")

            with gr.Tab("审计", id="audit", visible=False) as audit_tab:
                audit_out = gr.HTML('<p class="dqa-muted">切换到此页时运行数字审计……</p>', elem_id="dqa-audit")
                audit_again = gr.Button("重新审计", size="sm", min_width=120, elem_id="dqa-audit-again")

            with gr.Tab("评估", id="eval", visible=False) as eval_tab:
                eval_out = gr.HTML(reports.eval_html(site.data_dir), elem_id="dqa-eval")
                with gr.Row():
                    eval_run = gr.Button("运行评估", size="sm", scale=0, min_width=120, elem_id="dqa-eval-run")
                eval_timer = gr.Timer(1.0, active=False)

        # -- the conversation ---------------------------------------------------------------------
        def start(question: str, state: Tab):
            state, question = chat.begin(question, state)
            return state, state.messages, question

        def start_typed(question: str, state: Tab):
            return ("", *start(question, state)) if (question or "").strip() else (gr.skip(), state, state.messages, "")

        def answer(state: Tab, question: str, choice: str, stored):
            state, _ = chat.finish(state, question, choice)
            return state, state.messages, _history(stored, state)

        def start_action(payload: str, state: Tab):
            try:
                wanted = json.loads(payload or "{}")
                question = str(wanted.get("ask", ""))
                docs = [d for d in wanted.get("docs") or [] if isinstance(d, str)]
            except (ValueError, AttributeError):
                return state, state.messages, "", []
            state, question = chat.begin(question, state)
            return state, state.messages, question, docs

        def answer_action(state: Tab, question: str, docs: list[str], choice: str, stored):
            state, _ = chat.finish(state, question, choice, [d for d in docs if d in bot.library.ids] or None)
            return state, state.messages, _history(stored, state)

        def clear_all(state: Tab, stored):
            fresh = Tab(staff=state.staff)
            h = history.load(stored)
            h.current = None
            return "", fresh, [], h.model_dump(), gr.update(choices=h.choices(), value=None)

        def open_past(conversation_id: str, state: Tab, stored):
            h = history.load(stored)
            found = h.get(conversation_id)
            if found is None or conversation_id == state.id:
                return gr.skip(), gr.skip(), gr.skip()
            fresh = chat.replay([t.model_dump() for t in found.turns], found.id)
            fresh.staff = state.staff
            h.current = found.id
            return fresh, fresh.messages, h.model_dump()

        def on_load(state: Tab, stored, request: gr.Request):
            is_staff = site.is_staff(request.query_params.get("staff") if request else None)
            h = history.load(stored)
            current = h.get(h.current)
            if current is not None:
                state = chat.replay([t.model_dump() for t in current.turns], current.id)
            state.staff = is_staff
            visible = gr.update(visible=is_staff)
            return (state, state.messages, gr.update(choices=h.choices(), value=current.id if current else None), visible, visible, visible)

        outputs = [tab, chatbot, pending]
        then = {"fn": answer, "inputs": [tab, pending, doc, saved], "outputs": [tab, chatbot, saved], **PRIVATE}
        for event in (box.submit, send.click):
            event(start_typed, [box, tab], [box, *outputs], queue=False, **PRIVATE).then(**then)
        for button, question in zip(citizen + staff, CITIZEN_EXAMPLES + STAFF_EXAMPLES):
            button.click(lambda state, q=question: start(q, state), [tab], outputs, queue=False, **PRIVATE).then(**then)  # the typed text stays
        docs_state = gr.State([])
        act.click(start_action, [action, tab], [tab, chatbot, pending, docs_state], queue=False, **PRIVATE).then(
            answer_action, [tab, pending, docs_state, doc, saved], [tab, chatbot, saved], **PRIVATE
        )
        for trigger in (clear.click, new.click, chatbot.clear):
            trigger(clear_all, [tab, saved], [box, tab, chatbot, saved, past], queue=False, **PRIVATE)
        past.input(open_past, [past, tab, saved], [tab, chatbot, saved], **PRIVATE)
        demo.load(on_load, [tab, saved], [tab, chatbot, past, audit_tab, eval_tab, admin], **PRIVATE)
        saved.change(lambda stored: gr.update(choices=history.load(stored).choices(), value=history.load(stored).current), saved, past, queue=False, **PRIVATE)

        # -- documents, charts, comparison --------------------------------------------------------
        def refreshed():
            options = documents.choices(bot)
            several = len(options) > 2
            return (_header(bot), documents.documents_html(bot), _charts(bot), gr.update(choices=options, visible=several),
                    gr.update(choices=options[1:], value=None), gr.update(visible=several), gr.update(choices=options[1:]))

        doc_outputs = [header, doc_list, charts_html, doc, target, compare_tab, compare_docs]
        documents_tab.select(refreshed, None, doc_outputs, **PRIVATE)
        refresh_docs.click(refreshed, None, doc_outputs, **PRIVATE)

        def staff_only(state: Tab) -> str | None:
            return None if state.staff and site.staff_enabled else "仅工作人员可以执行此操作。"

        def do_delete(state: Tab, doc_id: str):
            refused = staff_only(state) or (None if doc_id in bot.library.ids else "请先选择一份文件。")
            if refused:
                return (_note(refused), *[gr.skip()] * len(doc_outputs))
            gone = site.jobs.delete(doc_id)
            return (_note("已删除。" if gone else "这份文件已不在文件库中。"), *refreshed())

        def do_reingest(state: Tab, doc_id: str):
            refused = staff_only(state) or (None if doc_id in bot.library.ids else "请先选择一份文件。")
            if refused:
                return _note(refused)
            job = site.jobs.reingest(doc_id)
            return f'<div class="dqa-job" id="dqa-job-{job}"><p>已开始重新载入……</p></div><input type="hidden" class="dqa-watch-job" value="{job}">'

        delete.click(do_delete, [tab, target], [admin_note, *doc_outputs], **PRIVATE)
        reingest.click(do_reingest, [tab, target], [admin_note], **PRIVATE)

        def do_compare(picked: list[str], subject: str):
            names = {d.id: documents.short_name(d) for d in documents.summaries(bot)}
            picked = [d for d in picked or [] if d in names]
            if len(picked) < 2 or not (subject or "").strip():
                return compare.compare_html([], "")
            return compare.compare_html(compare.compare(bot, picked, subject, names), subject)

        compare_go.click(do_compare, [compare_docs, compare_subject], compare_out, **PRIVATE)
        compare_subject.submit(do_compare, [compare_docs, compare_subject], compare_out, **PRIVATE)

        # -- staff: audit and evaluation ----------------------------------------------------------
        def audit(state: Tab, again: bool = False):
            refused = staff_only(state)
            if refused:
                return _note(refused)
            key = (site.version, tuple(bot.library.ids))
            if again or audit_cache.get("key") != key:
                report = reports.run_audit_report(bot)
                audit_cache.update(key=key, html=reports.audit_html(report, lambda f: [v.page for v in cite_views(site, f.citations)]))
            return audit_cache["html"]

        audit_tab.select(audit, [tab], audit_out, **PRIVATE)
        audit_again.click(lambda state: audit(state, again=True), [tab], audit_out, **PRIVATE)

        def run_eval(state: Tab):
            refused = staff_only(state)
            if refused:
                return _note(refused), gr.Timer(active=False)
            evaluation.start()
            return evaluation.progress_html(), gr.Timer(active=True)

        def eval_tick(state: Tab):
            if staff_only(state):
                return gr.skip(), gr.Timer(active=False)
            return evaluation.progress_html(), gr.Timer(active=evaluation.running)

        eval_run.click(run_eval, [tab], [eval_out, eval_timer], **PRIVATE)
        eval_timer.tick(eval_tick, [tab], [eval_out, eval_timer], **PRIVATE)
        eval_tab.select(lambda state: evaluation.progress_html() if not staff_only(state) else _note(staff_only(state)), [tab], eval_out, **PRIVATE)

        # -- the API ------------------------------------------------------------------------------
        def chat_api(question: str, session: str = "") -> dict:
            """回答一个问题；追问时把上一个回答里的 session（JSON 字符串）一并传入。"""
            try:
                return chat.api(question, session)
            except SessionError:
                raise gr.Error(BAD_SESSION) from None
            except Exception:  # noqa: BLE001 - the client gets a friendly sentence, the log the traceback
                log.exception("answering a question through the API failed")
                raise gr.Error(FRIENDLY_ERROR) from None

        gr.api(chat_api, api_name="chat")
    return demo


def _history(stored, state: Tab) -> dict:
    return history.remember(history.load(stored), state.id, state.turns).model_dump()


def _header(bot) -> str:
    from html import escape

    return f'<div class="dqa-header"><h1>{TITLE}</h1><p>{escape(documents.loaded_line(bot))}</p></div>'


def _charts(bot) -> str:
    out = []
    for d in bot.library.ids:
        try:
            out.append(charts.charts_html(bot.library.records(d)))
        except Exception:  # noqa: BLE001 - one damaged document must not hide the others' charts
            log.exception("charting %s failed", d)
    return "".join(out) or '<p class="dqa-muted">尚未载入任何文件。</p>'


def _note(text: str) -> str:
    from html import escape

    return f'<p class="dqa-note">{escape(text)}</p>'


UPLOAD_WIDGET = """<div class="dqa-upload-box">
<label class="dqa-upload-label" for="dqa-upload-file">上传决算文件（PDF 或 .txt，不超过 20 MB）</label>
<input id="dqa-upload-file" type="file" accept=".pdf,.txt,application/pdf,text/plain">
<button type="button" class="dqa-upload-go">上传并载入</button>
<div class="dqa-progress" role="progressbar" aria-label="上传与载入进度" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0" hidden><div class="dqa-progress-fill"></div></div>
<p class="dqa-upload-status" aria-live="polite"></p></div>"""


def launch(demo: gr.Blocks, *, host: str = "127.0.0.1", port: int = 7860, block: bool = True, quiet: bool = False, bot=None):
    """Serve ``demo`` on ``host:port`` (ui/server.py) with nothing fetched from other hosts;
    returns the running :class:`ui.server.Server`."""
    from ui.server import Server, create_app

    site = demo.site
    if bot is not None:
        import threading

        # build the retrievers now rather than during the first visitor's question
        threading.Thread(target=bot.warm_up, name="warm-retriever", daemon=True).start()
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE, status_update_rate=STATUS_EVERY_SECONDS)
    server = Server(create_app(demo, site, host=host, port=port), host, port).start()
    if not quiet:
        print(f"部门决算问答：{server.url}", flush=True)
    if block:
        _wait(server, site)
    return server


def prepare(site: Site) -> None:
    """Gradio's cache and every upload live in the data directory's temp area, emptied now."""
    import os

    if site.temp_dir is not None:
        site.jobs.clean()
        (site.temp_dir / "gradio").mkdir(parents=True, exist_ok=True)
        os.environ["GRADIO_TEMP_DIR"] = str(site.temp_dir / "gradio")


def _wait(server, site: Site) -> None:
    import time

    try:
        while server.thread.is_alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        site.jobs.clean()
        site.images.close()


def serve(settings, *, host: str = "127.0.0.1", port: int = 7860, staff_key: str | None = None) -> int:
    """``disclosure-qa serve``: a waiting page at once, the app when the store is open."""
    from assistant.assistant import Assistant
    from ui.server import Server, Startup, create_app, waiting_app

    startup = Startup()
    try:
        server = Server(waiting_app(startup), host, port).start()
    except OSError as exc:
        import sys

        print(f"error: cannot serve on {host}:{port} ({exc}); pass a free --port or another --host", file=sys.stderr)
        return 2
    print(f"部门决算问答：{server.url}（正在打开文件库）", flush=True)
    try:
        bot = Assistant.open(settings.data_dir, embedder=settings.embedder, chroma_url=settings.chroma_url, db_url=settings.db_url, log=startup.log)
    except Exception as exc:  # noqa: BLE001 - the waiting page says so; the CLI exits non-zero
        startup.error = f"文件库无法打开：{type(exc).__name__}。详情见服务器日志。"
        log.exception("opening the store failed")
        server.close()
        raise
    startup.stage = "app"
    import threading

    threading.Thread(target=bot.warm_up, name="warm-retriever", daemon=True).start()
    demo = build_app(bot, staff_key=staff_key)
    site = demo.site
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE, status_update_rate=STATUS_EVERY_SECONDS)
    server.switch.switch(create_app(demo, site, host=host, port=port))
    print(f"部门决算问答已就绪：{server.url}", flush=True)
    _wait(server, site)
    return 0
