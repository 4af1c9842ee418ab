"""Render laid-out pages: a PDF (reportlab, every cell ruled) or page texts joined by form feeds."""

from __future__ import annotations

import io
from functools import lru_cache

from .layout import Fonts, Page

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


@lru_cache(maxsize=None)
def register(font: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    elif font == "WQY":
        pdfmetrics.registerFont(TTFont("WQY", WQY, subfontIndex=0))
    return font


def pdf_bytes(pages: list[Page], fonts: Fonts, title: str = "") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(pages[0].width, pages[0].height), invariant=1)
    c.setTitle(title)
    for page in pages:
        c.setPageSize((page.width, page.height))
        c.setLineWidth(0.6)
        for x0, top, x1, bottom in page.rects:
            c.rect(x0, page.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
        for op in page.texts:
            x = op.x
            baseline = page.height - op.top - op.size * 0.86
            for text, font, drop in fonts.runs(op.text):
                c.setFont(font, op.size)
                c.drawString(x, baseline - drop, text)
                from reportlab.pdfbase import pdfmetrics

                x += pdfmetrics.stringWidth(text, font, op.size)
        c.showPage()
    c.save()
    return buf.getvalue()


def page_texts(pages: list[Page]) -> str:
    """Each page's strings grouped by line (same top), left to right, single spaces between
    strings; pages joined by a form feed (no line break before it), as exported page texts are."""
    out = []
    for page in pages:
        lines: dict[float, list] = {}
        for op in page.texts:
            lines.setdefault(round(op.top, 1), []).append(op)
        texts = [" ".join(op.text for op in sorted(ops, key=lambda o: o.x)) for _, ops in sorted(lines.items())]
        out.append("\n".join(texts))
    return "\f".join(out) + "\n"
