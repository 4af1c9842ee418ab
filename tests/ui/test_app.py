"""ui/app.py and ui/theme.py built without a server: the document selector, the look, nothing remote."""

from __future__ import annotations

import gradio as gr
from ui import theme
from ui.app import build_app


def components(demo, kind):
    return [block for block in demo.blocks.values() if isinstance(block, kind)]


def test_one_document_needs_no_selector(bot):
    (selector,) = components(build_app(bot), gr.Dropdown)
    assert selector.visible is False


def test_several_documents_get_a_selector(two_docs):
    (selector,) = components(build_app(two_docs), gr.Dropdown)
    assert selector.visible is True
    assert [value for _, value in selector.choices] == ["", "urumqi-housing-2023", "other-2022"]


def test_the_chat_keeps_markdown_html_sanitised_and_latex_off(bot):
    (chatbot,) = components(build_app(bot), gr.Chatbot)
    assert chatbot.sanitize_html is True and chatbot.latex_delimiters == []


def test_the_theme_names_local_fonts_only():
    t = theme.theme()
    assert t._stylesheets == [] and t._font_css == []  # no stylesheet to fetch, no font file to load
    assert t.font == "'DQA CJK', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', ui-sans-serif, system-ui, sans-serif"
    assert "url(" not in theme.CSS and "@import" not in theme.CSS
    assert theme.CSS.startswith('@font-face { font-family: "DQA CJK"; src: local("WenQuanYi Micro Hei"), ')
