"""Which documents a question goes to: the departments, places and years it names.

A department is named by any of the names stored with its document (in full, without its place,
a street office without 办事处) or by an abbreviation of them (文旅局, 房管局); a place (普陀区,
乌鲁木齐市) names every document of that place; a year picks that year's documents, or the next
year's (they state last year's figures). The result says whether the question goes *across*
several documents (a comparison, a ranking, a total), and which department it named that no
document holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.handlers.scope import department_mention
from ingest.names import document_names
from ingest.records import DocumentInfo
from ingest.tokens import fold

ACROSS_WORDS = re.compile(r"哪个部门|哪些部门|哪个单位|哪家单位|哪一个部门|各部门|各个部门|这几个部门|这些部门|几个部门|所有部门|全部部门|各单位|哪个区|哪一年|各年|历年|比一比|比较一下|对比|相比较|谁(花得?|的)?(多|少)|排名|排序|分别是多少|合计|加起来|一共|总共")
SEVERAL_YEARS = re.compile(r"(\d{4})\s*年?\s*(和|与|跟|、|到|至|-)\s*(\d{4})\s*年")


@dataclass
class Scope:
    docs: list[str]  # the documents the question goes to
    named: list[str] = field(default_factory=list)  # documents the question names by department
    region: str | None = None  # a place the question names, whose documents are all in scope
    across: bool = False  # a question over several documents (compare, rank, total)


class _Info:
    """A document as routing sees it: its info only (no records)."""

    def __init__(self, info: DocumentInfo):
        self.info = info


def route(q, infos: dict[str, DocumentInfo], previous: str | None = None) -> Scope:
    """The documents ``q`` goes to among ``infos`` (document id → info)."""
    ids = list(infos)
    if len(ids) == 1:
        return Scope(ids)
    raw = q.raw
    named = _named(q, infos)
    region = None
    scoped = named
    if not named:
        region, scoped = _region(raw, infos)
    docs = scoped or ids
    if q.years:
        docs = _by_year(docs, infos, q.years)
    across = _across(q, docs, named, region)
    if not across and len(docs) > 1 and previous in docs:
        docs = [previous]  # a follow-up stays with the conversation's document
    return Scope(docs, named=[d for d in named if d in docs], region=region, across=across)


def _named(q, infos: dict[str, DocumentInfo]) -> list[str]:
    """Documents whose department the question names, the most fully named first. A mention that
    lies inside a longer mention of another document ("委员会" of "发展和改革委员会") names only that
    other document; two departments named side by side ("财政局和文旅局") are both named."""
    raw = q.raw
    spans: dict[str, tuple[int, int]] = {}
    for doc, info in infos.items():
        best: tuple[int, int] | None = None
        for name, kind in document_names(info):
            folded = fold(name)
            if kind == "region" or len(folded) < 3:
                continue
            at = raw.find(folded)
            if at >= 0 and (best is None or len(folded) > best[1] - best[0]):
                best = (at, at + len(folded))
        if best is None:
            piece = department_mention(q, _Info(info))
            at = raw.find(piece) if piece else -1
            if at >= 0:
                best = (at, at + len(piece))
        if best is not None:
            spans[doc] = best
    out = []
    for doc, (a, b) in spans.items():
        inside = any(x <= a and b <= y and (y - x) > (b - a) for d, (x, y) in spans.items() if d != doc)
        if not inside:
            out.append(doc)
    return sorted(out, key=lambda d: -(spans[d][1] - spans[d][0]))


def _same_department(a: DocumentInfo, b: DocumentInfo) -> bool:
    bare = lambda i: next((n for n, k in document_names(i) if k == "bare"), i.department)  # noqa: E731
    return bare(a) == bare(b)


def _region(raw: str, infos: dict[str, DocumentInfo]) -> tuple[str | None, list[str]]:
    """A place the question names ("普陀区", "乌鲁木齐市"), and the documents of that place."""
    best, docs = None, []
    for doc, info in infos.items():
        for place in _places(info):
            if place in raw and (best is None or len(place) >= len(best)):
                if best is not None and len(place) > len(best):
                    docs = []
                best = place
                docs.append(doc)
    return best, docs


def _places(info: DocumentInfo) -> list[str]:
    """A document's place as a question may write it: 上海市普陀区, 普陀区, 上海市; 乌鲁木齐市, 乌鲁木齐."""
    region = fold(info.region or "")
    if not region:
        return []
    parts = re.findall(r".+?(?:自治区|省|市|自治州|地区|盟|区|县|旗)", region)
    out = {region, *parts}
    for p in parts:
        if len(p) >= 3 and p[-1] in "市县区":
            out.add(p[:-1])
    return sorted((p for p in out if len(p) >= 2), key=len, reverse=True)


def _by_year(docs: list[str], infos: dict[str, DocumentInfo], years: list[int]) -> list[str]:
    exact = [d for d in docs if infos[d].year in years]
    if exact:
        return exact
    following = [d for d in docs if infos[d].year and infos[d].year - 1 in years]
    return following or docs


def _across(q, docs: list[str], named: list[str], region: str | None) -> bool:
    """Several documents are in scope and the question asks over them, not about one."""
    if len(docs) < 2:
        return False
    if len(named) >= 2:
        return True
    intents = q.intents
    return bool(ACROSS_WORDS.search(q.folded)) or bool(intents & {"rank_high", "rank_low", "sum"}) or region is not None and bool(intents & {"list"})


def without_departments(q, infos: list[DocumentInfo]) -> str:
    """The question without the departments and places it names ("文化和旅游局的…" does not ask
    about the 文化和旅游 款): what is left says what the question is about."""
    text = q.folded
    names: set[str] = set()
    for info in infos:
        names.update(fold(n) for n, _ in document_names(info))
        names.update(_places(info))
        piece = department_mention(q, _Info(info))
        if piece:
            names.add(piece)
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, " " * len(name))
    return text
