"""Link a question to records: figures by subject, projects by name, indicators, glossary terms.

Scores combine how much of a record's name the question mentions and how much of the question
the name explains (bigrams weighted by rarity), then structure: the unit and the basis asked for.
Decisions are made by rank and margin, not by absolute similarity.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from assistant.knowledge import Knowledge
from assistant.text import coverage, fold, grams, longest_common, longest_run, subsequence_run
from assistant.understand import Query
from ingest.records import Figure, GlossaryTerm, Indicator, PerformanceTable

COUNT_UNITS = {"人", "个", "辆", "套", "户", "份", "次", "卷", "家", "条", "名", "批", "台", "种", "项", "类", "地"}
STATED_UNIT = re.compile(r"\d\s*(人|套|户|份|个|次|卷|辆|家|条|天|类|种|批)")  # "只买了4类"
ASKED_UNIT = re.compile(r"(?:多少|几)(?:[个名位])?(?:[\u4e00-\u9fff]{0,4}?)(人|套|户|份|个|次|卷|辆|家|条|天|元|平方米|万元)")
MONEY_ASKED = re.compile(r"多少钱|花了|花费|金额|花多少|用了多少钱")  # an amount of money, never a head count
COUNTED = ("人", "辆", "个", "套", "台（套）", "平方米", "批次", "人次", "户", "项")
HOW_MANY = re.compile(r"多少|几")
COUNT_NAMED = re.compile(r"(?:数量|个数|项目数|人数|户数|套数|次数)$")
COUNTED_AFTER = re.compile(r"\s*(?:批次|人次|批|场次|场|户|辆|台|套|名|个(?!百分|点|percent|%))")  # "多少批次": a count, not money
SECONDARY_BASES = ("年初预算", "全年预算", "执行数", "预决算差异率", "执行率")


@dataclass(frozen=True)
class Ranked:
    score: float
    figure: Figure


HEAD_BONUS = 0.03
HEAD_GRAMS = 3  # bigrams: a head of four characters or more


def _names_head(sequence: list[str], present: set[str]) -> bool:
    """Whether the question names the end of a name — a Chinese noun phrase's head ("…的公务用车
    保有量": 公务用车保有量), which says what the figure is, whatever qualifies it before."""
    tail = 0
    for g in sequence + ["|"]:  # a "|" ends each name the sequence holds
        if g == "|":
            if tail >= HEAD_GRAMS:
                return True
            tail = 0
        else:
            tail = tail + 1 if g in present else 0
    return False


def figure_score(kb: Knowledge, key, q_grams: set[str]) -> float:
    """How well a question names a figure.

    The best of its names (subject, last classification level, subject with basis words) for how
    much of that name the question mentions and how contiguously, plus how much of the question
    the figure's full name explains — so "国有土地使用权出让收入安排的…棚户区改造支出" prefers the
    figure whose classification says so over another "棚户区改造".
    """
    best = 0.0
    for g, seq in zip(key.keys, key.sequences):
        cs, _ = coverage(q_grams, g, kb.idf)
        if not cs:
            continue
        n = sum(1 for x in seq if x != "|")
        run = longest_run(seq, q_grams) / n if n else 0.0
        head = HEAD_BONUS if _names_head(seq, q_grams) else 0.0
        best = max(best, 0.4 * cs + 0.3 * run + head)
    if not best:
        return 0.0
    _, cq = coverage(q_grams, key.all_grams, kb.idf)
    score = best + 0.3 * cq
    if key.parent_grams:
        _, with_parent = coverage(q_grams, key.all_grams | key.parent_grams, kb.idf)
        score += 0.1 * (with_parent - cq)
    return score


def rank_figures(kb: Knowledge, q: Query, *, text: str | None = None, docs: list[str] | None = None, units: list[str] | None = None, basis: list[str] | None = None, require_change: bool = False, limit: int = 12) -> list[Ranked]:
    """Figures by how well ``text`` (default: the question's content) names them."""
    q_grams = grams(text) if text is not None else q.grams
    if not q_grams:
        return []
    units = q.units if units is None else units
    basis = q.basis if basis is None else basis
    money_asked = units == q.units and bool(MONEY_ASKED.search(q.folded)) and len(units) == 1
    # "共接待了多少批次、多少人次": only counts asked, however the money's name is said beside them
    asks = list(HOW_MANY.finditer(q.folded))
    counts_only = units == q.units and bool(asks) and all(COUNTED_AFTER.match(q.folded, m.end()) for m in asks) and not MONEY_ASKED.search(q.folded)
    counts_only = counts_only or (text is not None and bool(COUNT_NAMED.search(text.strip())))  # "…的项目数量": one part of several asks, a count
    out: list[Ranked] = []
    named: dict[tuple, float] = {}  # how well each subject's change is named, whatever the order of its words
    scored = []
    for key in kb.keys:
        f = key.figure
        if docs and f.doc not in docs:
            continue
        if require_change and f.change is None:
            continue
        s = figure_score(kb, key, q_grams)
        if s <= 0:
            continue
        scored.append((key, s))
        if f.basis == "比上年增减":
            named[_words_of(f)] = max(named.get(_words_of(f), 0.0), s)
    changes_asked = bool(q.intents & {"change", "last_year", "reason"})
    for key, s in scored:
        f = key.figure
        if f.basis != "比上年增减" and not changes_asked:
            # "财政拨款“三公”经费支出是多少" where the change is stated under those words and the
            # amount as "“三公”经费财政拨款支出": one subject, its amounts named as well as its change
            # (and the basis asked chooses among them)
            s = max(s, named.get(_words_of(f), 0.0))
        if f.basis == "说明":
            s *= 0.5  # a number mentioned inside a reason
        if f.origin == "table":
            s *= 0.6  # a number inside a performance table's prose
        if counts_only and f.unit in ("万元", "亿元", "元"):
            s -= 0.5
        if units:
            if f.unit == units[0] or (units[0] == "万元" and f.unit in ("万元", "亿元")) or (units == ["人"] and f.unit == "人次"):
                s += 0.1  # ("接待了多少人": its 人次)
            elif f.unit not in units:
                s -= 0.5 if money_asked and f.unit in COUNTED else 0.12
        if basis:
            # "留给中小企业的预算": a budget word the figure's own name holds names the figure, not a basis
            named_so = all(b in ("年初预算", "全年预算") for b in basis) and "预算" in FUND_NAMES.sub("", fold(f.subject))
            s += 0.15 if f.basis in basis or named_so else -0.1
        elif f.basis in SECONDARY_BASES:
            s -= 0.12  # a budget or a rate answers only when asked for
        if require_change is False and "change" in q.intents and f.change is not None:
            s += 0.05
        if f.basis == "比上年增减" and not require_change and not (q.intents & {"change", "last_year", "reason"}):
            s -= 0.15  # "收了多少" asks for an amount, not for a change
        # rounded: sums over sets of grams differ in the last bits from one process to the next
        # (string hashing is randomised), and a tie must be broken by line, not by that noise
        out.append(Ranked(round(s, 9), f))
    out.sort(key=lambda r: (-r.score, r.figure.line_start))
    query = text if text is not None else q.content
    out = [Ranked(round(r.score - OTHER_HEAD, 9), r.figure) if other_head(query, r.figure.subject) or other_side(query, r.figure.subject) else r
           for r in out[: 3 * limit]]
    out.sort(key=lambda r: (-r.score, r.figure.line_start))
    return out[:limit]


FUND_NAMES = re.compile(r"(?:一般公共|政府性基金|国有资本经营)预算")  # the budget kinds: "预算" there names no basis


def _words_of(f) -> tuple:
    """A figure's document and the characters of its subject, in no order."""
    return f.doc, "".join(sorted(re.sub(r"[^\u4e00-\u9fff\w]", "", fold(f.subject))))


OTHER_HEAD = 0.3  # what a figure loses when the question names another thing of the same kind
SIDES = ("收入", "支出")


def other_side(query: str, subject: str) -> bool:
    """The question names only income and the figure only spending, or the other way round
    ("政府性基金预算财政拨款本年收入" is not "政府性基金预算财政拨款支出")."""
    said = {w for w in SIDES if w in query}
    named = {w for w in SIDES if w in fold(subject)}
    return len(said) == 1 and len(named) == 1 and said != named


def other_head(query: str, subject: str) -> bool:
    """The question and the figure share a name's end but each puts another word before it:
    "政府性基金预算财政拨款支出" is not "一般公共预算财政拨款支出", "行政单位离退休" is not
    "事业单位离退休" — another thing of the same kind, however much of the name they share."""
    q, n = query, fold(subject)  # a space is where the question had a department or a number: no word runs across it
    m = difflib.SequenceMatcher(None, q, n, autojunk=False).find_longest_match(0, len(q), 0, len(n))
    if m.size < 4:
        return False
    head_q = re.search(r"[\u4e00-\u9fff]{2,}$", re.split(r"[搞花用的了在是有和与及把给为里中局委办处由被]|下面|下属|所属|街道|部门|最终|最后|实际上?", q[: m.a])[-1])  # a word, not "街道搞", "文旅局下面", "最终由"
    head_n = re.search(r"[\u4e00-\u9fff]{2,}$", re.sub(r"[(（][^()（）]*[)）]$", "", n[: m.b]))
    if head_q is None or head_n is None:
        return False
    a, b = head_q.group(0)[-4:], head_n.group(0)[-4:]
    # each head is foreign to the other side as a whole (word order aside: "2025年度绩效自评的…" is
    # "绩效自评的2025年度项目…")
    return not (grams(a) & grams(n)) and not (grams(b) & grams(q)) and not (set(a) & set(b))


GENERIC_QUALIFIERS = re.compile(r"^(本年|今年|全年|当年|本年度|年度|全部|总的|一共|总共|合计|部门|单位|本部门|本单位|决算|实际|本级)$")


def broader(query: str, subject: str) -> bool:
    """The figure is the question's name with a qualifier the question puts before it taken away:
    "财政拨款收入" (the whole) for "政府性基金预算财政拨款收入" (a part of it) — a broader figure,
    not the one asked for."""
    q, n = query, re.sub(r"^[一二三四五六七八九十]+、", "", fold(subject))
    m = difflib.SequenceMatcher(None, q, n, autojunk=False).find_longest_match(0, len(q), 0, len(n))
    if m.size < 4 or m.b != 0 or m.a == 0:
        return False
    before = re.split(r"[的了在是有和与及把给为里中局委办处]|下面|下属|所属|街道|部门", q[: m.a])[-1]
    head = re.search(r"[\u4e00-\u9fff]{2,}$", before)
    if head is None or GENERIC_QUALIFIERS.match(head.group(0)):
        return False
    return not (grams(head.group(0)) & grams(n))


def name_score(folded_question: str, name: str, q_grams: set[str], kb: Knowledge) -> float:
    """How well a question names a project, an indicator, a unit or a term."""
    n = fold(name)
    if not n:
        return 0.0
    plain = re.sub(r"[()]", "", n)
    if n in folded_question or (len(plain) >= 4 and plain in re.sub(r"[()]", "", folded_question)):
        return 1.0 + min(len(plain), 20) / 100  # the whole name (brackets aside), longer names win ties
    lcs = longest_common(folded_question, n)
    cs, cq = coverage(q_grams, grams(n), kb.idf)
    run = subsequence_run(folded_question, n)
    core = len(re.sub(r"^\d{4}年度?", "", n)) or len(n)
    # an abbreviation keeps a good part of the name: "购房补贴第二批" for "购房财政补贴（第二批）"
    abbreviation = 0.5 * run / len(n) + 0.5 * min(run, 8) / 8 if run >= 4 and run >= min(core / 3, 6) else 0.0
    return round(max(lcs / len(n) if lcs >= 3 else 0.0, 0.6 * cs + 0.4 * cq, abbreviation), 9)  # see rank_figures


def rank_projects(kb: Knowledge, q: Query, docs: list[str] | None = None, *, text: str | None = None) -> list[tuple[float, PerformanceTable]]:
    """Tables by how well the question names them (a department table also answers to its title)."""
    folded = text if text is not None else q.folded
    q_grams = grams(folded)
    out = []
    for t in kb.tables:
        if docs and t.doc not in docs:
            continue
        if t.kind == "department":
            # the department's own table is asked for as such, not by the department's name
            title = re.sub(r"\s*[（(]\s*\d{4}.*$", "", t.title)  # "…自评表 (2023 年度)" → "…自评表"
            score = name_score(folded, title, q_grams, kb) if ("整体" in folded or "部门" in folded) else 0.0
        else:
            score = name_score(folded, t.name, q_grams, kb)
        out.append((score, t))
    out.sort(key=lambda x: -x[0])
    return out


def rank_indicators(kb: Knowledge, q: Query, tables: list[PerformanceTable], *, text: str | None = None) -> list[tuple[float, PerformanceTable, Indicator]]:
    """Indicators by name; the unit the question asks for ("多少人", "几套") breaks ties."""
    folded = text if text is not None else q.content
    q_grams = grams(folded)
    wanted = set(q.units) | set(ASKED_UNIT.findall(q.folded)) | set(STATED_UNIT.findall(q.folded))
    out = []
    for t in tables:
        for ind in t.indicators:
            if ind.duplicate_of is not None:
                continue
            score = name_score(folded, ind.name, q_grams, kb) if folded.strip() else 0.0
            if folded.strip() and _ends_with_match(folded, fold(ind.name)):
                score += 0.2  # the question's phrase is the name's head noun: "…委托核查任务"
            unit = (ind.actual.unit or ind.target.unit or "").split("/")[0]
            if wanted and unit:
                counted = "个" in wanted and unit in COUNT_UNITS  # "几个保安" counts people
                score += 0.2 if unit in wanted or counted else -0.05
            out.append((score, t, ind))
    out.sort(key=lambda x: -x[0])
    return out


def _ends_with_match(question: str, name: str) -> bool:
    """Does ``name`` end with a stretch of four or more characters the question contains?"""
    name = re.sub(r"[(（][^)）]*[)）]$", "", name)
    return any(name[-k:] in question for k in range(min(len(name), 12), 3, -1))


def rank_terms(kb: Knowledge, q: Query, docs: list[str] | None = None) -> list[tuple[float, GlossaryTerm]]:
    q_grams = q.grams
    out = []
    for g in kb.glossary:
        if docs and not g.id.startswith(tuple(f"{d}:" for d in docs)):
            continue
        out.append((name_score(q.content or q.folded, g.term, q_grams, kb), g))
    out.sort(key=lambda x: -x[0])
    return out


PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,6}?(市|县|区|州|盟)(?=[\u4e00-\u9fff]{4,})")


def rank_units(kb: Knowledge, q: Query, docs: list[str] | None = None, text: str | None = None) -> list[tuple[float, str]]:
    """Implementing units (实施单位) the question (or ``text``, its words) names; "丙交易中心"
    names "某市丙交易中心"."""
    names = sorted({t.implementer for t in kb.tables if t.implementer and (not docs or t.doc in docs)})
    said = q.folded if text is None else text
    q_grams = grams(said)
    out = []
    for n in names:
        score = max(name_score(said, n, q_grams, kb), name_score(said, PLACE_PREFIX.sub("", n), q_grams, kb))
        # a distinctive ending names the unit: "局本级" → "…管理局本级"
        for k in range(min(len(n), 6), 2, -1):
            tail = fold(n)[-k:]
            if tail in said and sum(1 for m in names if fold(m).endswith(tail)) == 1:
                score = max(score, 0.8)
                break
        out.append((score, n))
    out.sort(key=lambda x: -x[0])
    return out
