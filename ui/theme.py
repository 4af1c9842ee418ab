"""How the page looks: a theme that names only fonts on the visitor's machine, and the CSS.

Gradio's stock themes can load web fonts; this one loads none, so the page fetches nothing from
another host. Chinese text uses the visitor's own CJK font: WenQuanYi Micro Hei here (Debian's
fonts-wqy-microhei, installed by ``scripts/setup --browser``), the usual system fonts elsewhere.
The CJK fonts are wrapped in one @font-face of local() sources so that Chromium synthesises
bold for them (WenQuanYi Micro Hei has no bold face, and named as a system font it stays thin).
Serving the font file was tried and dropped: Chromium's font sanitiser (OTS) rejects
wqy-microhei.ttc ("FFTM: misaligned table"), so a url() to it would only cost 5 MB.
"""

from __future__ import annotations

CJK_FACE = "DQA CJK"
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei")
MONO_FONTS = ("WenQuanYi Micro Hei Mono", "Consolas")
GENERIC = ["ui-sans-serif", "system-ui", "sans-serif"]  # CSS keywords: unquoted
GENERIC_MONO = ["ui-monospace", "monospace"]


def theme():
    import gradio as gr

    # gr.themes.Font is a font on the visitor's machine (quoted in CSS, no stylesheet link);
    # GoogleFont and LocalFont would load files
    font = [gr.themes.Font(n) for n in (CJK_FACE, *CJK_FONTS)] + GENERIC
    mono = [gr.themes.Font(n) for n in MONO_FONTS] + GENERIC_MONO
    return gr.themes.Default(primary_hue="red", secondary_hue="orange", neutral_hue="stone", font=font, font_mono=mono)


# local() matches a face's full name, which is not always the family name
LOCAL_FACES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC Regular", "Noto Sans CJK SC", "Source Han Sans SC Regular", "PingFang SC Regular", "Microsoft YaHei")
_SOURCES = ", ".join(f'local("{n}")' for n in LOCAL_FACES)
FONT_FACE = f'@font-face {{ font-family: "{CJK_FACE}"; src: {_SOURCES}; }}\n'

CSS = FONT_FACE + """
.dqa-header h1 { margin: 0 0 .2rem 0; font-size: 1.6rem; }
.dqa-header p { margin: 0; color: var(--body-text-color-subdued); }
.dqa-muted { color: var(--body-text-color-subdued); font-size: .9em; }
.dqa-examples-title { font-weight: 600; margin: .4rem 0 .2rem; }
.dqa-question { white-space: pre-wrap; }
.dqa-answer p { margin: .2rem 0; }
.dqa-answer ul { margin: .2rem 0 .2rem 1.2rem; }
.dqa-notice { color: var(--body-text-color); }
.dqa-figure { margin: .1rem 0 .5rem; }
.dqa-value { display: block; font-size: 2rem; font-weight: 700; line-height: 1.2; color: var(--color-accent); }
.dqa-subject { display: block; font-size: .9rem; color: var(--body-text-color-subdued); }
.dqa-calc { margin: .5rem 0; padding: .4rem .6rem; border-left: 3px solid var(--color-accent); background: var(--background-fill-secondary); }
.dqa-calc-title, .dqa-citations-title { font-weight: 600; margin-top: .5rem; }
.dqa-formula { font-family: var(--font-mono); font-size: 1.1rem; margin: .2rem 0; }
.dqa-operands { margin: .2rem 0 0 1.2rem; }
.dqa-operand-value { font-weight: 600; }
.dqa-citations { margin: .2rem 0 0 1.4rem; padding: 0; }
.dqa-citation { margin: .3rem 0; }
.dqa-cite summary { cursor: pointer; color: var(--link-text-color); }
.dqa-cite-label { font-weight: 600; }
.dqa-quote { margin: .2rem 0; padding: .2rem .5rem; border-left: 3px solid var(--border-color-primary); font-size: .92em; }
.dqa-source { font-size: .88em; margin: .3rem 0; border: 1px solid var(--border-color-primary); border-radius: 4px; padding: .3rem; background: var(--background-fill-secondary); }
.dqa-line { display: flex; gap: .5rem; }
.dqa-line.dqa-cited { background: var(--background-fill-primary); }
.dqa-ln { flex: 0 0 3rem; text-align: right; color: var(--body-text-color-subdued); font-family: var(--font-mono); }
.dqa-lt { white-space: pre-wrap; word-break: break-all; }
.dqa-tab { color: var(--body-text-color-subdued); }
.dqa-source mark, .dqa-answer mark { background: #ffe58a; color: inherit; }
.dqa-table-wrap { overflow-x: auto; margin: .4rem 0; }
.dqa-table { border-collapse: collapse; font-size: .9em; }
.dqa-table th, .dqa-table td { border: 1px solid var(--border-color-primary); padding: .2rem .5rem; text-align: left; }
.dqa-table th { background: var(--background-fill-secondary); }
.dqa-table td.dqa-num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.dqa-more > summary { cursor: pointer; color: var(--link-text-color); margin: .2rem 0; }
.dqa-panel-q { font-weight: 600; }
.dqa-panel-cite { margin-bottom: .6rem; }
.dqa-chart { margin: .6rem 0 1.2rem; }
.dqa-chart-title { font-weight: 700; font-size: 1.1rem; margin-bottom: .2rem; }
.dqa-bar-row { display: flex; align-items: center; gap: .5rem; margin: .15rem 0; }
.dqa-bar-label { flex: 0 0 16rem; text-align: right; font-size: .9em; }
.dqa-bar-track { flex: 1 1 auto; height: .9rem; background: var(--background-fill-secondary); border-radius: 2px; }
.dqa-bar { display: block; height: 100%; background: var(--color-accent); border-radius: 2px; }
.dqa-bar-low { background: #e8870e; }
.dqa-bar-score { background: #5b8def; }
.dqa-bar-value { flex: 0 0 9rem; font-family: var(--font-mono); font-size: .9em; }
.dqa-project { padding: .3rem 0; border-bottom: 1px dashed var(--border-color-primary); }
.dqa-project-name { font-weight: 600; }
.dqa-project .dqa-bar-label { flex-basis: 5rem; }
"""

