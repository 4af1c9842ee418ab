"""Text from documents and answers made safe and readable in HTML.

Every function escapes what it is given; numbers are wrapped so that a line never breaks inside
one ("43.68%" stays whole), and Markdown emphasis copied from a document's text is dropped.

>>> nums("下降 43.68%，<b>")
'下降 <span class="dqa-n">43.68%</span>，&lt;b&gt;'
>>> strip_markup("**一、收入支出决算总体情况说明**")
'一、收入支出决算总体情况说明'
"""

from __future__ import annotations

import re
from html import escape

NUMBER = re.compile(r"[-−+]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?%)?")
MARKUP = re.compile(r"\*\*|__|~~|`+|^\s{0,3}#{1,6}\s+|^\s{0,3}>\s?", re.M)
SHOWN_QUESTION = 2000  # characters of a question shown or echoed back


def nums(text: str) -> str:
    """``text`` escaped, each number in a span that does not wrap."""
    out, pos = [], 0
    for m in NUMBER.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(f'<span class="dqa-n">{escape(m.group(0))}</span>')
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def strip_markup(text: str) -> str:
    """Markdown emphasis, code ticks, heading and quote marks removed (the words stay)."""
    return MARKUP.sub("", text)


def clip(text: str, limit: int = SHOWN_QUESTION) -> str:
    return text if len(text) <= limit else text[:limit] + "…（已截断）"
