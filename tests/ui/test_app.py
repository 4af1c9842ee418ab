"""ui/app.py and ui/theme.py built without a server: the document selector, the look, nothing remote."""

from __future__ import annotations

import gradio as gr
from ui import theme
from ui.app import build_app


def components(demo, kind):
    return [block for block in demo.blocks.values() if isinstance(block, kind)]


def component(demo, elem_id):
    (found,) = [block for block in demo.blocks.values() if getattr(block, "elem_id", None) == elem_id]
    return found


def test_one_document_needs_no_selector_and_no_comparison(bot):
    demo = build_app(bot)
    assert component(demo, "dqa-doc").visible is False
    assert [b.visible for b in demo.blocks.values() if isinstance(b, gr.Tab) and b.id == "compare"] == [False]


def test_several_documents_get_a_selector_and_a_comparison(two_docs):
    demo = build_app(two_docs)
    selector = component(demo, "dqa-doc")
    assert selector.visible is True
    assert [value for _, value in selector.choices] == ["", "urumqi-housing-2023", "other-2022"]
    assert [b.visible for b in demo.blocks.values() if isinstance(b, gr.Tab) and b.id == "compare"] == [True]


def test_the_staff_view_is_hidden_until_a_staff_key_opens_it(bot):
    demo = build_app(bot, staff_key="k")
    tabs = {b.id: b.visible for b in demo.blocks.values() if isinstance(b, gr.Tab)}
    assert tabs == {"chat": True, "charts": True, "documents": True, "compare": False, "audit": False, "eval": False}
    assert component(demo, "dqa-doc-admin").visible is False


def test_the_chat_keeps_markdown_html_sanitised_and_latex_off(bot):
    (chatbot,) = components(build_app(bot), gr.Chatbot)
    assert chatbot.sanitize_html is True and chatbot.latex_delimiters == []


def test_the_theme_names_local_fonts_only():
    t = theme.theme()
    assert t._stylesheets == [] and t._font_css == []  # no stylesheet to fetch, no font file to load
    assert t.font == "'DQA CJK', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', ui-sans-serif, system-ui, sans-serif"
    assert "url(" not in theme.CSS and "@import" not in theme.CSS
    assert theme.CSS.startswith('@font-face { font-family: "DQA CJK"; src: local("WenQuanYi Micro Hei"), ')
