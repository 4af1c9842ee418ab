"""How the page looks: a theme that names only fonts on the visitor's machine, and the CSS.

Gradio's stock themes can load web fonts; this one loads none, so the page fetches nothing from
another host. Chinese text uses the visitor's own CJK font: WenQuanYi Micro Hei here (Debian's
fonts-wqy-microhei, installed by ``scripts/setup --browser``), the usual system fonts elsewhere.
The CJK fonts are wrapped in one @font-face of local() sources so that Chromium synthesises
bold for them (WenQuanYi Micro Hei has no bold face, and named as a system font it stays thin).
Serving the font file was tried and dropped: Chromium's font sanitiser (OTS) rejects
wqy-microhei.ttc ("FFTM: misaligned table"), so a url() to it would only cost 5 MB.

Colours are chosen for a contrast of at least 4.5:1 in light and dark mode (the browser tests
compute it from the rendered colours); the accent is a dark red in light mode and a light red in
dark mode. Below 760 px the source panel becomes a drawer from the bottom of the screen.
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
    return gr.themes.Default(primary_hue="red", secondary_hue="orange", neutral_hue="stone", font=font, font_mono=mono).set(
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_300",
        color_accent="*primary_700",
        color_accent_soft="*primary_50",
        link_text_color="*primary_700",
        link_text_color_dark="*primary_300",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_700",
        button_primary_background_fill_hover_dark="*primary_800",
        button_primary_text_color="white",
        button_primary_text_color_dark="white",
        button_secondary_text_color="*neutral_800",
        button_secondary_text_color_dark="*neutral_100",
        block_label_text_color="*neutral_700",
        block_label_text_color_dark="*neutral_200",
        block_title_text_color="*neutral_800",
        block_title_text_color_dark="*neutral_100",
        input_placeholder_color="*neutral_600",
        input_placeholder_color_dark="*neutral_300",
        button_cancel_background_fill="*primary_700",
        button_cancel_background_fill_hover="*primary_800",
        button_cancel_background_fill_dark="*primary_700",
        button_cancel_background_fill_hover_dark="*primary_800",
        button_cancel_text_color="white",
        button_cancel_text_color_dark="white",
        checkbox_label_text_color="*neutral_800",
        checkbox_label_text_color_dark="*neutral_100",
    )


# local() matches a face's full name, which is not always the family name
LOCAL_FACES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC Regular", "Noto Sans CJK SC", "Source Han Sans SC Regular", "PingFang SC Regular", "Microsoft YaHei")
_SOURCES = ", ".join(f'local("{n}")' for n in LOCAL_FACES)
FONT_FACE = f'@font-face {{ font-family: "{CJK_FACE}"; src: {_SOURCES}; }}\n'

CSS = FONT_FACE + """
:root { --dqa-accent: #b91c1c; --dqa-mark-bg: #fde68a; --dqa-mark-fg: #1c1917; --dqa-box: #dc2626; --dqa-muted: #57534e; --dqa-low: #9a3412; --dqa-panel-bg: #fafaf9; }
:root .dark, .dark { --color-accent: #fca5a5; --dqa-accent: #fca5a5; --dqa-mark-bg: #facc15; --dqa-mark-fg: #1c1917; --dqa-box: #f87171; --dqa-muted: #d6d3d1; --dqa-low: #fdba74; --dqa-panel-bg: #1c1917; }
.dqa-answer [hidden], .dqa-viewer [hidden], .dqa-audit-report [hidden], .dqa-upload-box [hidden] { display: none !important; }
.dqa-header h1 { margin: 0 0 .2rem 0; font-size: 1.6rem; }
.dqa-header p { margin: 0; color: var(--dqa-muted); }
.dqa-muted { color: var(--dqa-muted); font-size: .9em; }
.dqa-note { font-weight: 600; }
.dqa-examples-title { font-weight: 600; margin: .4rem 0 .2rem; }
.dqa-question { white-space: pre-wrap; overflow-wrap: anywhere; }
.dqa-n { white-space: nowrap; }
.dqa-answer p { margin: .2rem 0; }
.dqa-answer ul { margin: .2rem 0 .2rem 1.2rem; }
.dqa-notice { color: var(--body-text-color); }
.dqa-pending { color: var(--dqa-muted); display: flex; align-items: center; gap: .5rem; }
.dqa-spinner { width: .9rem; height: .9rem; border: 2px solid var(--dqa-muted); border-top-color: transparent; border-radius: 50%; animation: dqa-spin .8s linear infinite; }
@keyframes dqa-spin { to { transform: rotate(360deg); } }
.dqa-figure { margin: .1rem 0 .5rem; }
.dqa-value { font-size: 2rem; font-weight: 700; line-height: 1.2; color: var(--dqa-accent); white-space: nowrap; }
.dqa-subject { display: block; font-size: .9rem; color: var(--dqa-muted); }
.dqa-calc { margin: .5rem 0; padding: .4rem .6rem; border-left: 3px solid var(--dqa-accent); background: var(--background-fill-secondary); }
.dqa-calc-title, .dqa-citations-title { font-weight: 600; margin-top: .5rem; }
.dqa-formula { font-family: var(--font-mono); font-size: 1.05rem; margin: .2rem 0; overflow-wrap: anywhere; }
.dqa-operands { margin: .2rem 0 0 1.2rem; }
.dqa-operand-value { font-weight: 600; white-space: nowrap; }
.dqa-citations { margin: .2rem 0 0 1.4rem; padding: 0; }
.dqa-citation { margin: .35rem 0; }
.dqa-cite-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .5rem; }
.dqa-cite-label { font-weight: 600; }
.dqa-answer button, .dqa-conversation-actions button, .dqa-upload-box button, .dqa-filters button, .dqa-audit-report button, .dqa-viewer button, .dqa-side-head button {
  font: inherit; font-size: .85em; padding: .1rem .55rem; border-radius: 4px; cursor: pointer;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-primary); color: var(--body-text-color); }
.dqa-answer button:hover, .dqa-viewer button:hover { border-color: var(--dqa-accent); }
.dqa-answer button:focus-visible, .dqa-viewer button:focus-visible, .dqa-conversation-actions button:focus-visible { outline: 2px solid var(--dqa-accent); outline-offset: 1px; }
.dqa-answer button.dqa-open { color: var(--dqa-accent); border-color: var(--dqa-accent); font-weight: 600; }
.dqa-copy-figure { margin-left: .6rem; vertical-align: super; }
.dqa-suggests { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: .5rem 0 0; }
.dqa-actions, .dqa-choices, .dqa-conversation-actions { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0 .1rem; }
.dqa-choices button.dqa-choice { font-size: .95em; padding: .3rem .8rem; color: var(--dqa-accent); border-color: var(--dqa-accent); font-weight: 600; }
.dqa-quote { margin: .2rem 0; padding: .2rem .5rem; border-left: 3px solid var(--border-color-primary); font-size: .92em; overflow-wrap: anywhere; }
.dqa-row-title { margin-bottom: .1rem; }
.dqa-source { font-size: .88em; margin: .3rem 0; border: 1px solid var(--border-color-primary); border-radius: 4px; padding: .3rem; background: var(--background-fill-secondary); }
.dqa-line { display: flex; gap: .5rem; }
.dqa-line.dqa-cited { background: var(--background-fill-primary); }
.dqa-ln { flex: 0 0 3rem; text-align: right; color: var(--dqa-muted); font-family: var(--font-mono); }
.dqa-lt { white-space: pre-wrap; overflow-wrap: anywhere; }
.dqa-tab { color: var(--dqa-muted); }
mark, .dqa-source mark, .dqa-answer mark { background: var(--dqa-mark-bg); color: var(--dqa-mark-fg); }
mark *, mark .dqa-tab { color: var(--dqa-mark-fg) !important; }
.dqa-table-wrap { overflow-x: auto; margin: .4rem 0; max-width: 100%; }
.dqa-table { border-collapse: collapse; font-size: .9em; }
.dqa-table th, .dqa-table td { border: 1px solid var(--border-color-primary); padding: .2rem .5rem; text-align: left; }
.dqa-table th { background: var(--background-fill-secondary); }
.dqa-row .dqa-table th, .dqa-row .dqa-table td { white-space: nowrap; }
.dqa-table td { min-width: 3em; }
.dqa-table td.dqa-num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.dqa-more > summary { cursor: pointer; color: var(--link-text-color); margin: .2rem 0; }
/* the side panel: in view while the conversation scrolls (Gradio's container clips with
   overflow: hidden, which makes it a scroll container and stops position: sticky) */
.gradio-container { overflow-x: clip !important; overflow-y: visible !important; }
#dqa-side { position: sticky; top: .5rem; align-self: flex-start; max-height: calc(100vh - 1rem); overflow-y: auto; }
.dqa-side-head { display: flex; justify-content: space-between; align-items: center; }
.dqa-side-head h2 { font-size: 1.15rem; margin: .2rem 0; }
.dqa-drawer-close, .dqa-drawer-open-button { display: none; }
.dqa-panel-q { font-weight: 600; margin: .2rem 0; }
.dqa-chips { display: flex; flex-wrap: wrap; gap: .3rem; margin: .3rem 0; }
.dqa-chip[aria-selected="true"] { background: var(--dqa-accent) !important; color: var(--background-fill-primary) !important; border-color: var(--dqa-accent) !important; }
.dqa-viewer-label { margin: .3rem 0; }
.dqa-pager { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .3rem 0; }
.dqa-pager button:disabled { opacity: .55; cursor: default; }
.dqa-page { position: relative; width: 100%; border: 1px solid var(--border-color-primary); background: #fff; }
.dqa-page img { display: block; width: 100%; height: auto; }
.dqa-box { position: absolute; border: 3px solid var(--dqa-box); background: rgba(250, 204, 21, .18); box-sizing: border-box; border-radius: 2px; pointer-events: none; }
.dqa-side-by-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: .8rem; }
.dqa-audit-pages { margin-top: 1rem; padding: .5rem; border: 1px solid var(--border-color-primary); border-radius: 4px; }
.dqa-audit-pages-head { display: flex; justify-content: space-between; gap: 1rem; align-items: baseline; }
/* charts */
.dqa-chart { margin: .6rem 0 1.2rem; }
.dqa-chart-title { font-weight: 700; font-size: 1.1rem; margin-bottom: .2rem; }
.dqa-bar-row { display: flex; align-items: center; gap: .5rem; margin: .15rem 0; }
.dqa-bar-label { flex: 0 0 16rem; text-align: right; font-size: .9em; }
.dqa-bar-track { flex: 1 1 6rem; min-width: 4rem; height: .9rem; background: var(--background-fill-secondary); border-radius: 2px; }
.dqa-bar { display: block; height: 100%; background: var(--dqa-accent); border-radius: 2px; }
.dqa-bar-low { background: #c2410c; }
.dqa-bar-score { background: #2563eb; }
.dqa-bar-value { flex: 0 0 9rem; font-family: var(--font-mono); font-size: .9em; white-space: nowrap; }
.dqa-project { padding: .3rem 0; border-bottom: 1px dashed var(--border-color-primary); }
.dqa-project-name { font-weight: 600; }
.dqa-project .dqa-bar-label { flex-basis: 5rem; }
/* staff */
.dqa-filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
.dqa-filters select, .dqa-filters input { font: inherit; padding: .1rem .3rem; color: var(--body-text-color); background: var(--background-fill-primary); border: 1px solid var(--border-color-primary); border-radius: 4px; }
.dqa-findings { padding-left: 1.6rem; }
.dqa-finding { margin: .4rem 0; }
.dqa-badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85em; font-weight: 700; border: 1px solid currentColor; }
.dqa-badge-error, .dqa-badge-mismatch { color: var(--dqa-accent); }
.dqa-badge-notice, .dqa-badge-unchecked { color: var(--dqa-low); }
.dqa-badge-ok, .dqa-badge-rounding { color: var(--dqa-muted); }
.dqa-progress { height: .7rem; border-radius: .35rem; background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); overflow: hidden; margin: .4rem 0; }
.dqa-progress-fill { height: 100%; width: 0; background: var(--dqa-accent); transition: width .3s; }
.dqa-upload-box { display: flex; flex-direction: column; gap: .4rem; padding: .5rem; }
.dqa-upload-label { font-weight: 600; }
#dqa-action, #dqa-act, #dqa-refresh-docs { position: absolute !important; width: 1px !important; height: 1px !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; }
"""

# Gradio rewrites the rules inside @media blocks of the CSS it is given to apply only inside its
# container, so a rule on body (the drawer's open state) never matches; these are served as a
# stylesheet of our own (/dqa/client.css), with !important where they override the rules above.
_MEDIA = """@media (prefers-reduced-motion: reduce) { .dqa-spinner { animation: none; } }
/* a phone: the panel is a drawer, charts keep their bars, tables scroll sideways */
@media (max-width: 760px) {
  #dqa-layout { flex-direction: column; }
  #dqa-main, #dqa-main > *, #dqa-chat, #dqa-toolbar > * { min-width: 0; max-width: 100%; }
  #dqa-chat .message-row, #dqa-chat .message, #dqa-chat .message-content { max-width: 100%; min-width: 0; }
  .dqa-table th, .dqa-table td { min-width: 5em; }
  #dqa-toolbar { flex-wrap: wrap; }
  #dqa-new { min-width: 5.5em; flex: 0 0 auto; white-space: nowrap; }
  #dqa-side { position: fixed; left: 0; right: 0; bottom: 0; top: auto; max-height: 78vh; height: 78vh; z-index: 1000;
    background: var(--background-fill-primary); border-top: 2px solid var(--dqa-accent); box-shadow: 0 -4px 16px rgba(0,0,0,.25);
    transform: translateY(105%); transition: transform .2s; padding: .5rem .8rem; margin: 0; min-width: 0; width: auto; display: block; overflow-y: auto; }
  #dqa-side > * { flex-shrink: 0; margin-bottom: .4rem; }
  body.dqa-drawer-open #dqa-side { transform: none; }
  .dqa-drawer-close { display: inline-block; }
  body.dqa-has-sources:not(.dqa-drawer-open) .dqa-drawer-open-button { display: block; position: fixed; right: .8rem; bottom: 6.5rem; z-index: 999;
    padding: .5rem 1rem; border-radius: 1.2rem; border: none; background: #b91c1c; color: #fff; font: inherit; font-weight: 700; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
  .dqa-bar-row { flex-wrap: wrap; }
  .dqa-bar-label { flex: 1 0 100%; text-align: left; }
  .dqa-bar-track { flex: 1 1 8rem; }
  .dqa-bar-value { flex: 0 0 auto; }
  .dqa-project .dqa-bar-label { flex-basis: 100%; }
  .dqa-value { font-size: 1.6rem; }
  .dqa-header h1 { font-size: 1.3rem; }
}
"""


def _important(css: str) -> str:
    """Every declaration of ``css`` marked !important (these rules come before Gradio's)."""
    import re

    return re.sub(r"([^;{}\s][^;{}]*?)\s*;", lambda m: m.group(0) if "!important" in m.group(1) or m.group(1).strip().startswith("@") else f"{m.group(1)} !important;", css)


MEDIA_CSS = _important(_MEDIA)
