"""The Gradio app: a Chinese chat over an ``Assistant``, with charts, documents, evaluation and audit.

>>> from assistant import Assistant                      # doctest: +SKIP
>>> from ui.app import build_app, launch                 # doctest: +SKIP
>>> launch(build_app(Assistant.open()), port=7860)       # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
import threading
from html import escape

from ingest.config import quiet_third_parties

quiet_third_parties()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from ingest.errors import SessionError  # noqa: E402
from ui import charts, documents, reports, theme  # noqa: E402
from ui.chat import Chat, Tab  # noqa: E402
from ui.render import FRIENDLY_ERROR  # noqa: E402

log = logging.getLogger(__name__)

TITLE = "部门决算问答"
CITIZEN_EXAMPLES = ["棚改花了多少钱？", "公车一年花多少？", "为什么机关运行经费增加了？"]
STAFF_EXAMPLES = ["执行率不到100%的项目有哪些？", "人员经费占基本支出的比例是多少？", "政府采购货物支出多少？"]
CONCURRENCY = 4  # answers computed at once; more only queue on a 2-core machine
BAD_SESSION = "会话内容无法读取：请传入上一个回答里的 session（JSON），或留空开始新的对话。"


def build_app(bot) -> gr.Blocks:
    """The Blocks for ``bot``; every browser tab keeps its own conversation in ``gr.State``."""
    chat = Chat(bot)
    kb = bot.kb
    data_dir = bot.store.dir if getattr(bot, "store", None) is not None else None

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        tab = gr.State(Tab())  # deep-copied for each browser tab
        gr.HTML(f'<div class="dqa-header"><h1>{TITLE}</h1><p>{escape(documents.loaded_line(kb))}</p></div>')

        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                choices = documents.choices(kb)
                doc = gr.Dropdown(choices=choices, value=documents.ALL_DOCUMENTS, label="只问这份文件", visible=len(choices) > 2, interactive=True)
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="对话",
                            height="68vh",
                            min_height=420,
                            layout="bubble",
                            buttons=[],  # a copy button would copy the message HTML
                            feedback_options=None,
                            latex_delimiters=[],
                            placeholder="<p>请用中文提问，例如“棚改花了多少钱？”。每个数字都注明出处，可以点开核对原文。</p>",
                            elem_id="dqa-chat",
                        )
                        with gr.Row():
                            box = gr.Textbox(show_label=False, placeholder="输入问题，按回车发送", scale=5, max_lines=4, elem_id="dqa-question", autofocus=True)
                            send = gr.Button("提问", variant="primary", scale=1, min_width=80)
                        with gr.Row():
                            clear = gr.Button("清空对话", variant="secondary", size="sm", scale=0, min_width=120, elem_id="dqa-clear")
                        gr.HTML('<div class="dqa-examples-title">市民常问</div>')
                        with gr.Row():
                            citizen = [gr.Button(q, size="sm") for q in CITIZEN_EXAMPLES]
                        gr.HTML('<div class="dqa-examples-title">业务人员常问</div>')
                        with gr.Row():
                            staff = [gr.Button(q, size="sm") for q in STAFF_EXAMPLES]
                    with gr.Column(scale=2):
                        gr.Markdown("### 原文对照\n点击对话中的某条回答，这里显示它引用的原文。")
                        panel = gr.HTML(chat.sources_html(None), elem_id="dqa-sources")

            with gr.Tab("图表", id="charts"):
                gr.HTML("".join(charts.charts_html(r) for r in kb.records), elem_id="dqa-charts")

            with gr.Tab("文件", id="documents"):
                gr.HTML(documents.documents_html(kb), elem_id="dqa-documents")

            with gr.Tab("评估", id="eval") as eval_tab:
                eval_md = gr.Markdown(reports.eval_markdown(data_dir), elem_id="dqa-eval")
                with gr.Row():
                    eval_run = gr.Button("运行评估", size="sm", scale=0, min_width=120, elem_id="dqa-eval-run")
                    eval_refresh = gr.Button("刷新", size="sm", scale=0, min_width=120)

            with gr.Tab("审计", id="audit") as audit_tab:
                audit_md = gr.Markdown("切换到此页时运行数字审计……", elem_id="dqa-audit")
                with gr.Row():
                    audit_refresh = gr.Button("重新审计", size="sm", scale=0, min_width=120)

        def ask(question: str, state: Tab, choice: str):
            state, answer = chat.turn(question, state, choice)
            return "", state, state.messages, chat.sources_html(answer) if answer else gr.skip()

        def ask_example(question: str):
            return lambda state, choice: ask(question, state, choice)

        def select(state: Tab, evt: gr.SelectData):
            answer = state.answers.get(evt.index if isinstance(evt.index, int) else -1)
            return chat.sources_html(answer) if answer else gr.skip()

        def clear_all():
            return "", Tab(), [], chat.sources_html(None)

        outputs = [box, tab, chatbot, panel]
        private = {"api_visibility": "private"}  # the browser's events; programs use /chat
        box.submit(ask, [box, tab, doc], outputs, **private)
        send.click(ask, [box, tab, doc], outputs, **private)
        for button, question in zip(citizen + staff, CITIZEN_EXAMPLES + STAFF_EXAMPLES):
            button.click(ask_example(question), [tab, doc], outputs, **private)
        chatbot.select(select, [tab], [panel], **private)
        clear.click(clear_all, None, outputs, **private)
        chatbot.clear(clear_all, None, outputs, **private)  # the chat's own bin icon forgets the session too
        eval_run.click(lambda: reports.run_eval(bot, data_dir), None, eval_md, concurrency_limit=1, **private)
        eval_refresh.click(lambda: reports.eval_markdown(data_dir), None, eval_md, **private)
        eval_tab.select(lambda: reports.eval_markdown(data_dir), None, eval_md, **private)
        audited = functools.cache(lambda: reports.audit_markdown(kb.records))  # the records do not change while serving

        def audit_again() -> str:
            audited.cache_clear()
            return audited()

        audit_tab.select(audited, None, audit_md, **private)
        audit_refresh.click(audit_again, None, audit_md, **private)

        def chat_api(question: str, session: str = "") -> dict:
            """回答一个问题；追问时把上一个回答里的 session（JSON 字符串）一并传入。"""
            try:
                return chat.api(question, session)
            except SessionError:
                raise gr.Error(BAD_SESSION) from None
            except Exception:  # noqa: BLE001 - the client gets a friendly sentence, the log the traceback
                log.exception("answering %r through the API failed", question)
                raise gr.Error(FRIENDLY_ERROR) from None

        gr.api(chat_api, api_name="chat")
    return demo


def launch(demo: gr.Blocks, *, host: str = "127.0.0.1", port: int | None = 7860, block: bool = True, quiet: bool = False, bot=None):
    """Serve ``demo`` on ``host:port`` with nothing fetched from other hosts; returns Gradio's (app, url, share_url)."""
    if bot is not None:
        # build the retrievers now rather than during the first visitor's question
        threading.Thread(target=bot.warm_up, name="warm-retriever", daemon=True).start()
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        mcp_server=False,
        prevent_thread_lock=not block,
        quiet=quiet,
        show_error=False,
        theme=theme.theme(),
        css=theme.CSS,
        footer_links=["api"],
        run_history=False,
        enable_monitoring=False,
        pwa=False,
    )
