"""The function classification (类/款/项): list or add up the items under a heading.

"各类级科目的支出分别是多少" lists the 类; "行政事业单位养老支出(款)下各项合计" adds its 项 with the
calculator. Only figures stated as the year's final accounts in the narrative are used.
"""

from __future__ import annotations

import re

from decimal import Decimal

from assistant.answer import Answer, FigureRef
from assistant.compose import Ctx, qty, unique_citations
from assistant.handlers.calc import pick, sum_of
from assistant.handlers.figures import Ranked, several
from assistant.text import fold
from assistant.understand import PARTS_CHECKED
from ingest.records import Figure

LEVELS = {"类": 1, "款": 2, "项": 3}
LEVEL_ASKED = re.compile(r"各(类|款|项)|(类|款|项)级|下(?:面|边)?(?:各|的|属|列出了|列出的|列了|列的|列|有|有哪些|有哪几|共有)?(?:\d+|[一二三四五六七八九十两几])?个?(类|款|项)(?!目)"
                         r"|哪(?:几|些)(?:个)?大?(类)|(?:按|以)?(?:功能分类的?)?(?<![分大])(类|款|项)(?:级)?(?:来分|划分|来看|分)(?![值数])")


def _level(folded: str) -> int | None:
    m = LEVEL_ASKED.search(folded)
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    return LEVELS[word]


def under(ctx: Ctx, folded: str) -> str | None:
    """The classification heading the question names ("行政事业单位养老支出(款)")."""
    best = None
    for f in ctx.kb.figures:
        for segment in f.classification or []:
            name = fold(segment)
            bare = name.split("(")[0]
            if (name in folded or (len(bare) >= 4 and bare in folded)) and (best is None or len(name) > len(best)):
                best = name
    return best


def classified(ctx: Ctx) -> Answer | None:
    folded = ctx.q.folded
    level = _level(folded)
    if level is None:
        return None
    heading = under(ctx, folded)
    items: list[Figure] = []
    seen = set()
    for f in ctx.kb.figures:
        cls = [fold(c) for c in f.classification or []]
        if len(cls) != level or f.basis != "本年决算" or f.origin != "text" or (ctx.docs and f.doc not in ctx.docs):
            continue
        if heading is not None and heading not in cls[:-1]:
            continue
        if f.subject in seen:
            continue
        seen.add(f.subject)
        items.append(f)
    if len(items) < 2:
        return None
    if "sum" in ctx.q.intents or PARTS_CHECKED.search(folded):
        ans = sum_of(ctx, items, f"{heading or '各' + '类款项'[level - 1]}下各{'类款项'[level - 1]}支出决算数合计")
        whole = _heading_figure(ctx, heading, items) if heading else _whole_said(ctx, folded, items)
        heading = heading or (whole.subject if whole is not None else None)
        if whole is not None and ans.calculation is not None:
            # "加起来是否等于该类合计": the sum set against the heading's own stated figure
            agreed = ans.calculation.result == str(whole.value) or Decimal(ans.calculation.result) == whole.value
            ans.answer += "\n" + ctx.t("statement", "parts_agree_stated" if agreed else "parts_differ_stated", whole=heading, column="支出决算数", value=qty(whole.raw, whole.unit),
                                        gap=qty(str(abs(Decimal(ans.calculation.result) - whole.value)), whole.unit))
            ans.figures.append(ctx.kb.ref(whole))
            ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(whole)])
            if not agreed:
                ans.figures.append(FigureRef(subject=f"{heading}下各项合计与其支出决算数之差", value=str(abs(Decimal(ans.calculation.result) - whole.value)), unit=whole.unit,
                                             doc=whole.doc, basis="计算", derived=True))
    else:
        ans = several(ctx, [Ranked(1.0, f) for f in items], topic=heading or f"各{'类款项'[level - 1]}")
    if COUNTED.search(folded):  # "…下列了几个项级科目？合计多少？": how many the narrative lists, counted here
        name = f"{heading or ''}下列出的{'类款项'[level - 1]}级科目数"
        ans.answer = ctx.t("statement", "rows_counted", whole=heading or "文件", count=len(items), level=f"{'类款项'[level - 1]}级") + "\n" + ans.answer
        ans.figures.insert(0, FigureRef(subject=name, value=str(len(items)), unit="个", doc=items[0].doc, basis="计数", derived=True))
    return ans


WHOLE_SAID = re.compile(r"(?:等于|对得上|一致于|吻合|相符于?)(?:该|这个)?([^，,。？?吗]{4,}?)(?:的?(?:总额|总数|合计))?(?:吗|呢|[？?]|$)")


def _whole_said(ctx: Ctx, folded: str, items: list[Figure]) -> Figure | None:
    """"…三个类级支出相加，是否等于一般公共预算财政拨款支出总额": the whole the question sets the
    sum against, as the narrative states it for the year (never one of the items)."""
    m = WHOLE_SAID.search(folded)
    if m is None:
        return None
    whole = pick(ctx, m.group(1), units=[items[0].unit], exclude=items, strict=True)
    return whole if whole is not None and whole.basis == "本年决算" and whole.doc == items[0].doc and whole.value >= max(f.value for f in items) else None


COUNTED = re.compile(r"(?<!哪)(?:几|多少)个")


def _heading_figure(ctx: Ctx, heading: str, items: list[Figure]) -> Figure | None:
    """The heading's own figure of the year's final accounts, as the narrative states it."""
    doc = items[0].doc
    own = [f for f in ctx.kb.figures if f.doc == doc and f.basis == "本年决算" and f.unit == items[0].unit
           and [fold(c) for c in f.classification or []][-1:] == [heading]]
    own = own or [f for f in ctx.kb.figures if f.doc == doc and f.unit == items[0].unit and f.kind == "amount" and not f.classification and fold(f.subject) == heading]
    return own[0] if own else None
