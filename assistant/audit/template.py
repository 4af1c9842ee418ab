"""The template, filled in and complete: nothing of the form left, nothing required missing.

- Template words left in the text (``notice``): placeholders (XX, XXX万元), a word and its opposite
  written for the filler to choose (增加（减少）, 下降（增长）, or both run together: 减增加), and
  the instructions to the one filling it in (（如持平作持平表述）, 作下述说明 …).
- A required part, 情况说明 section or statutory table missing (``error``), cited where it should
  be — the part it belongs to, and the 目录 line that lists it when there is one.
- An empty statutory table: its reason must be stated, under the table or in the text ("本年度无
  政府性基金预算财政拨款收入和支出"); without one it is a ``notice``.
"""

from __future__ import annotations

import re

from assistant.audit.base import Audit
from assistant.audit.cells import ORDINAL
from assistant.audit.vocabulary import key
from ingest.records import StatementTable
from ingest.statements.kinds import vocabulary as statutory

TEXT_ROLES = ("text", "table_text")


def check(a: Audit) -> None:
    leftovers(a)
    required(a)
    empty_tables(a)


# -- words of the form ------------------------------------------------------------------------------
def _patterns(a: Audit) -> list[tuple[str, re.Pattern[str]]]:
    t = a.vocab.template
    out = [("占位符", re.compile(t.placeholder))]
    for x, y in t.pairs:
        for first, second in ((x, y), (y, x)):
            out.append(("二选一的用语", re.compile(rf"{first}[（(]{second}[）)]")))
            out.append(("二选一的用语", re.compile(rf"{first[0]}{second}(?!{first[1:]})")))
    words = "|".join(map(re.escape, sorted(t.instructions, key=len, reverse=True)))
    out.append(("填写说明", re.compile(rf"[（(][^（）()]{{0,30}}(?:{words})[^（）()]{{0,30}}[）)]|(?:{words})")))
    return out


def leftovers(a: Audit) -> None:
    patterns = _patterns(a)
    for n, line in enumerate(a.rec.lines, 1):
        if a.rec.places and a.rec.place(n).role not in TEXT_ROLES:
            continue
        found: list[tuple[str, str]] = []
        after = a.rec.lines[n].strip()[:6] if n < len(a.rec.lines) else ""
        text = line.rstrip() + after  # words broken over two lines (减 / 增加)
        for what, pattern in patterns:
            for m in pattern.finditer(text):
                if m.start() >= len(line.rstrip()):
                    continue
                if not any(m.group(0) in f or f in m.group(0) for _, f in found):
                    found.append((what, m.group(0)))
        if not found:
            continue
        said = "；".join(f"{what}“{text}”" for what, text in found)
        a.add(
            family="template",
            check="template.leftover",
            severity="notice",
            relation="模板用语已全部替换",
            message=f"{a.where(n)}留有模板用语：{said}。",
            operands=[],
            citations=[a.cite_lines(n, n)],
            topics=("模板", *(t for _, t in found)),
            identity=(n,),
            note="发布前应填入实际内容，删去括号中的备选词和填写说明。",
        )


# -- what the template requires ---------------------------------------------------------------------
def _title(text: str) -> str:
    text = re.sub(r"^第[一二三四五六七八九十]+部分", "", key(text))
    return ORDINAL.sub("", text)


def _toc_line(a: Audit, pattern: str) -> int | None:
    """The 目录 line naming a required part (before the first part's own heading)."""
    body = min((s.line_start for s in a.rec.sections if s.level == 1), default=0)
    for n, line in enumerate(a.rec.lines[: max(body - 1, 0)], 1):
        if line.strip() and re.fullmatch(pattern, _title(line)):
            return n
    return None


def _heading(a: Audit, s) -> str:
    """A part's heading, with its second line when the heading wraps (…2025 年度 / 部门决算情况说明)."""
    title = _title(s.title)
    following = a.rec.lines[s.line_start].strip() if s.line_start < len(a.rec.lines) else ""
    if following and len(key(following)) <= 12 and not ORDINAL.match(key(following)) and not re.match(r"第[一二三四五六七八九十]+部分", following):
        return title + key(following)
    return title


def required(a: Audit) -> None:
    t = a.vocab.template
    sections = a.rec.sections
    parts = [s for s in sections if s.level == 1]
    if not parts:
        return
    for pattern in t.parts:
        hit = next((s for s in parts if re.fullmatch(pattern, _title(s.title)) or re.fullmatch(pattern, _heading(a, s))), None)
        _required(a, "template.part", pattern, hit.line_start if hit else None, None)
    explained = next((s for s in parts if re.fullmatch(t.parts[1], _title(s.title)) or re.fullmatch(t.parts[1], _heading(a, s))), None)
    if explained is not None:
        under = [s for s in sections if s.level == 2 and explained.line_start <= s.line_start <= explained.line_end]
        for pattern in t.sections:
            hit = next((s for s in under if re.fullmatch(pattern, _title(s.title))), None)
            _required(a, "template.section", pattern, hit.line_start if hit else None, explained.line_start)
    if a.rec.statements:
        where = next((s.line_start for s in parts if "决算表" in s.title or "报表" in s.title), None)
        for kind in t.tables:
            label = statutory().by_kind[kind].label
            table = a.sheet.tables.get(kind)
            _required(a, "template.table", re.escape(key(label)), table.title_line if table else None, where, label)


def _required(a: Audit, check: str, pattern: str, present: int | None, where: int | None, label: str | None = None) -> None:
    """``present``: the line of the part, section or table's title; ``where``: where it belongs."""
    name = label or re.sub(r"[\\.*?+()\[\]|^$]", "", pattern.split("|")[0])
    relation = {"template.part": "必备部分", "template.section": "必备的情况说明", "template.table": "必备的决算表"}[check] + f"：{name}"
    if present:
        a.add(family="template", check=check, severity="ok", relation=relation, message=f"{name}：有（{a.where(present)}）。", operands=[], citations=[a.cite_lines(present, present)], identity=(pattern,))
        return
    toc = _toc_line(a, pattern if not label else rf".*{pattern}")
    cites = [a.cite_lines(n, n) for n in (where, toc) if n]
    listed = f"目录（{a.where(toc)}）列有此项，" if toc else ""
    a.add(
        family="template",
        check=check,
        severity="error",
        relation=relation,
        message=f"{listed}正文中找不到{name}。",
        operands=[],
        citations=cites or [a.kb.cite_title(a.doc)],
        topics=("完整性", name),
        identity=(pattern,),
        note="部门决算公开的模板要求这一部分；没有此项业务时也应保留并说明原因。",
    )


# -- empty tables -----------------------------------------------------------------------------------
def _core(table: StatementTable) -> str:
    """What a table's emptiness is about: 政府性基金预算, 国有资本经营预算, 三公经费 …"""
    label = key(table.label)
    label = re.sub(r"(收入)?支出决算(明细)?表$|决算表$", "", label)
    return label.replace("财政拨款", "") or label


def empty_tables(a: Audit) -> None:
    text = key("".join(a.rec.lines))
    words = "|".join(map(re.escape, a.vocab.template.none_words))
    for table in a.rec.statements:
        if not table.empty or any("not read" in w for w in table.warnings):
            continue  # a table whose amounts the parser could not read is not empty
        topic = _core(table)
        said = table.empty_note or next(iter(re.findall(rf"(?:{words})[^。；]{{0,12}}{re.escape(topic)}[^。；]*", text)), None)
        relation = f"空表说明原因：{table.label}"
        first = table.title_line or table.line_start
        cite = a.cite_lines(first, first)
        cite.table = table.label
        if said:
            where = "表下" if table.empty_note else "正文"
            a.add(family="template", check="template.empty", severity="ok", relation=relation, message=f"《{table.label}》为空表，{where}说明了原因。", operands=[], citations=[cite], identity=(table.id,))
            continue
        a.add(
            family="template",
            check="template.empty",
            severity="notice",
            relation=relation,
            message=f"《{table.label}》（{a.where(first)}）没有数字，表下和正文都没有说明为什么是空表。",
            operands=[],
            citations=[cite],
            topics=("空表", table.label),
            identity=(table.id,),
            note="模板要求空表保留表格，并在表下说明“本部门（单位）本年度没有……收入和支出，故本表无数据”。",
        )
