"""Which documents a question goes to: the departments, places and years it names.

A department is named by any of the names stored with its document (in full, without its place,
a street office without 办事处) or by an abbreviation of them (文旅局, 房管局); a place (甲区,
乙市) names every document of that place; a year picks that year's documents, or the next
year's (they state last year's figures). The result says whether the question goes *across*
several documents (a comparison, a ranking, a total).

The names are looked up in the store (one scan of its ``names`` table, then a check of the few
candidates), never by reading every document: routing costs the same for fifty documents or ten
thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.handlers.scope import _abbreviates
from ingest.names import document_names, region_forms
from ingest.records import DocumentInfo
from ingest.tokens import fold

ACROSS_WORDS = re.compile(r"哪个部门|哪些部门|哪个单位|哪家单位|哪一个部门|各部门|各个部门|这几个部门|这些部门|几个部门|所有部门|全部部门|各单位|哪个区|哪一年|各年|历年|比一比|比较一下|对比|相比较|谁(花得?|的)?(多|少)|排名|排序|分别是多少|合计|加起来|一共|总共|[两三四五六七八九十几]个(部门|单位)|[两三四五六七八九十几]家|哪家|谁(有|没有)|谁[^，,。？?]{0,16}(最高|最低|最多|最少|更高|更低|更多|更少)")
REGION_KINDS = ("region",)


@dataclass
class Scope:
    docs: list[str]  # the documents the question goes to
    named: list[str] = field(default_factory=list)  # documents the question names by department
    region: str | None = None  # a place the question names, whose documents are all in scope
    across: bool = False  # a question over several documents (compare, rank, total)


WITHIN_THE_LAST = re.compile(r"^(?:那么?)?(?:其中|这里面|这其中|这里头|里面|里头|这些里|它们当中|它们中)")


def route(q, library, previous: str | None = None) -> Scope:
    """The documents ``q`` goes to among the library's."""
    ids = library.ids
    if len(ids) == 1:
        return Scope(list(ids))
    found = library.names_found(q.raw)
    if q.english:  # "the Putuo Culture and Tourism Bureau": the kind of department, in the words the documents use
        found += [n for n in library.names_found(q.aliased) if n not in found]
    named = _named(q, found, library)
    region, scoped = (None, named)
    if not named:
        region, scoped = _region(found, library)
    docs = scoped or list(ids)
    if q.years:
        infos = {d: library.info(d) for d in docs} if scoped else library.infos()  # the few named, or all
        docs = _by_year(docs, infos, q.years, named=len(named) >= 2)
    across = _across(q, docs, named, region)
    if across and not named and region is None and previous in docs and WITHIN_THE_LAST.match(q.folded):
        across = False  # "其中最大的一笔…" ranks the parts of what was just given, in its document
    if not across and len(docs) > 1 and previous in docs:
        docs = [previous]  # a follow-up stays with the conversation's document
    return Scope(docs, named=[d for d in named if d in docs], region=region, across=across)


def _named(q, found: list[tuple[str, str, str]], library) -> list[str]:
    """Documents whose department the question names, the most fully named first. A mention that
    lies inside a longer mention of another document ("委员会" of "发展和改革委员会") names only that
    other document; two departments named side by side ("财政局和文旅局") are both named."""
    raw = q.raw
    spans: dict[str, tuple[int, int]] = {}
    for doc, name, kind in found:
        if kind in REGION_KINDS or len(name) < 3:
            continue
        at = raw.find(name)
        if at < 0 and q.english and (aliased := q.aliased.find(name)) >= 0:
            at = len(raw) + 1 + aliased  # named in English ("the Finance Bureau"): where its aliases put it
        best = spans.get(doc)
        if best is None or len(name) > best[1] - best[0]:
            spans[doc] = (at, at + len(name))
    named = [name for _, name, kind in found if kind not in REGION_KINDS and len(name) >= 3]
    for org in q.orgs:  # abbreviations: 文旅局 for 文化和旅游局
        end = raw.find(org) + len(org)
        if end < len(org) or any(org.endswith(n) or n.endswith(org) for n in named):
            continue  # named as stored: no abbreviation to look for (a scan of every name with its last character)
        for doc, name, _ in library.names_ending(org[-1]):
            for start in range(end - 3, -1, -1):
                piece = raw[start:end]
                if not _abbreviates(piece, name):
                    break
                best = spans.get(doc)
                if best is None or len(piece) > best[1] - best[0]:
                    spans[doc] = (start, end)
    # a few distinct places in the question, each with the documents named there ("教育局" names
    # two thousand documents of 10,000: compared span by span, not document by document)
    at: dict[tuple[int, int], set[str]] = {}
    for doc, span in spans.items():
        at.setdefault(span, set()).add(doc)
    out = []
    for doc, (a, b) in spans.items():
        inside = any(x <= a and b <= y and (y - x) > (b - a) for x, y in at)  # a longer span is another document's
        if not inside:
            out.append(doc)
    return sorted(out, key=lambda d: -(spans[d][1] - spans[d][0]))


def _region(found: list[tuple[str, str, str]], library) -> tuple[str | None, list[str]]:
    """A place the question names ("甲区", "乙市"), and the documents of that place."""
    regions = [(doc, name) for doc, name, kind in found if kind in REGION_KINDS]
    if not regions:
        return None, []
    longest = max(len(n) for _, n in regions)
    best = next(n for _, n in regions if len(n) == longest)
    return best, sorted({d for d, n in regions if n == best})


def _by_year(docs: list[str], infos: dict[str, DocumentInfo], years: list[int], named: bool = False) -> list[str]:
    exact = [d for d in docs if infos[d].year in years]
    if exact and named:
        # departments named together, one with a year it has no document of ("文旅局2024年…比财政局
        # 2024年…", the store holding the bureau's 2025): its own document stays, answered as that
        # year's (every answer names each document's year)
        have = {infos[d].department for d in exact}
        return [d for d in docs if d in exact or infos[d].department not in have]
    if exact:
        return exact
    following = [d for d in docs if infos[d].year and infos[d].year - 1 in years]
    return following or docs


TOTAL_NAMES = re.compile(r"本年(收入|支出)合计|(财政拨款)?(收入支出|收支)总计")
SUM_WORDS = re.compile(r"合计|加起来|加在一起|一共|总共|共计|总和|之和|相加")


def _across(q, docs: list[str], named: list[str], region: str | None) -> bool:
    """Several documents are in scope and the question asks over them, not about one."""
    if len(docs) < 2:
        return False
    if len(named) >= 2:
        return True
    text = TOTAL_NAMES.sub("", q.folded)  # "本年支出合计中基本支出" names a row, it adds nothing up
    summed = "sum" in q.intents and bool(SUM_WORDS.search(text))
    return bool(ACROSS_WORDS.search(text)) or bool(q.intents & {"rank_high", "rank_low"}) or summed or region is not None


def without_departments(q, infos: list[DocumentInfo], text: str | None = None) -> str:
    """The question (or ``text``, e.g. its content words) without the departments and places it
    names ("文化和旅游局的…" does not ask about the 文化和旅游 款): what is left says what the
    question is about."""
    from assistant.handlers.scope import department_mention

    text = q.folded if text is None else text
    names: set[str] = set()
    for info in infos:
        names.update(fold(n) for n, _ in document_names(info))
        names.update(fold(p) for p in region_forms(info.region or ""))
        piece = department_mention(q, _Info(info))
        if piece:
            names.add(piece)
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, " " * len(name))
    return text


class _Info:
    """A document as routing sees it: its info only (no records)."""

    def __init__(self, info: DocumentInfo):
        self.info = info
