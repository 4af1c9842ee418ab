"""Who and when: one department and one year throughout, and subject codes under one name.

- The department's name wherever the template writes it (``identity.slots``: "<单位><年>年度…",
  "编制单位：<单位>") must be the department of the cover — in full or without its place
  (某市某区某局 · 某区某局 · 某局) — or one of its own units; another organisation's
  name there is an ``error``.
- The year: those slots, "截至<年>年12月31日" and "<年>年度部门决算" give the document's year;
  "与<年>年度相比" the year before. Another year is an ``error``.
- A subject code printed under two different names in two tables, or a 类 code under a name
  that is not its 类's (the national 功能分类/经济分类, ``classes``), is an ``error``.

Units (万元 against 元) are checked where two numbers meet: :mod:`sums` reports a difference of
a power of ten as a unit or digit slip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.audit.base import Audit
from assistant.audit.cells import Cell, core
from assistant.audit.vocabulary import key


@dataclass(frozen=True)
class Slot:
    line: int
    name: str | None  # the organisation named, lead words dropped
    year: int | None
    text: str  # the matched words
    kind: str  # slot · this_year · last_year


def check(a: Audit) -> None:
    slots = list(read_slots(a))
    departments(a, slots, units(a))
    years(a, slots)
    code_names(a)
    class_names(a)


def read_slots(a: Audit):
    voc = a.vocab.identity
    headings = {s.line_start for s in a.rec.sections}
    for n, line in enumerate(a.rec.lines, 1):
        mine = line.strip()
        if not mine:
            continue
        # a slot may run onto the next line (a long name wrapped): read on, keep what starts here —
        # not past a heading, which ends where its line ends
        joined = n not in headings and n + 1 not in headings and n < len(a.rec.lines)
        text = mine + (a.rec.lines[n].strip()[:40] if joined else "")
        for pattern in voc.slots:
            for m in re.finditer(pattern, text):
                if m.start() >= len(mine):
                    continue
                name = _organisation(a, m.group("name"))
                year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else None
                if name or year:
                    yield Slot(n, name, year, m.group(0), "slot")
        for kind, patterns in (("this_year", voc.this_year), ("last_year", voc.last_year)):
            for pattern in patterns:
                for m in re.finditer(pattern, text):
                    if m.start() < len(mine):
                        yield Slot(n, None, int(m.group("year")), m.group(0), kind)


def _organisation(a: Audit, text: str) -> str | None:
    """The organisation a slot names, or None when its words are not one (本部门, 2024年度)."""
    name = re.sub(r"^.*第[一二三四五六七八九十]+部分", "", key(text))  # a part's heading: 第三部分<单位>…
    changed = True
    while changed:
        changed = False
        for lead in a.vocab.identity.lead_words:
            if name.startswith(lead) and len(name) > len(lead) + 1:
                name, changed = name[len(lead) :], True
    if "XX" in name.upper():
        return None  # a template placeholder (reported by ``template``)
    if not any(name.endswith(s) for s in a.vocab.identity.suffixes):
        return None
    return name


def _ours(a: Audit, name: str, own: str) -> bool:
    dept = key(a.rec.info.department)
    region = key(a.rec.info.region or "")
    if name == dept or dept.endswith(name) or name.endswith(dept):
        return True
    if region and name.startswith(region) and dept.endswith(name[len(region) :]):
        return True
    bare = re.sub(r"[(（].*?[)）]", "", name)
    if bare != name and _ours(a, bare, own):
        return True
    return name in own


def units(a: Audit) -> str:
    """The text of the sections that list the department's own units (their names are ours)."""
    lines = []
    for s in a.rec.sections:
        if any(w in s.title for w in a.vocab.identity.unit_sections):
            lines += a.rec.lines[s.line_start - 1 : s.line_end]
    return key("".join(lines))


def departments(a: Audit, slots: list[Slot], own: str) -> None:
    dept = a.rec.info.department
    if not dept:
        return
    cover = a.kb.cite_title(a.doc)
    for slot in slots:
        if slot.name is None or _ours(a, slot.name, own) or not a.first_time("identity.department", slot.name):
            continue
        a.add(
            family="identity",
            check="identity.department",
            severity="error",
            relation="全文为同一部门",
            message=f"封面的部门是{dept}（{a.where(a.kb.lines_of(cover)[0])}），{a.where(slot.line)}却写作“{slot.name}”。",
            operands=[],
            citations=[cover, a.cite_lines(slot.line, slot.line)],
            topics=("部门名称", dept, slot.name),
            identity=(slot.line, slot.name),
            lines=(slot.line, slot.line),
            labels=(cover.page or 1,),
        )


def years(a: Audit, slots: list[Slot]) -> None:
    year = a.rec.info.year
    if not year:
        return
    cover = a.kb.cite_title(a.doc)
    for slot in slots:
        if slot.year is None:
            continue
        want = year - 1 if slot.kind == "last_year" else year
        if slot.kind == "slot" and slot.name is None:
            continue  # "2024年度" after words that are not the department: not a slot
        if slot.year == want or not a.first_time("identity.year", slot.line, slot.text):
            continue
        what = "上年" if slot.kind == "last_year" else "本年度"
        a.add(
            family="identity",
            check="identity.year",
            severity="error",
            relation="全文为同一年度",
            message=f"本决算是 {year} 年度的（封面，{a.where(a.kb.lines_of(cover)[0])}），{a.where(slot.line)}“{slot.text}”指{what}，应为 {want} 年，文中却是 {slot.year} 年。",
            operands=[],
            citations=[cover, a.cite_lines(slot.line, slot.line)],
            topics=("年度", str(year)),
            identity=(slot.line, slot.text),
            lines=(slot.line, slot.line),
            labels=(year, want, slot.year),
        )


def code_names(a: Audit) -> None:
    """One subject code, one name, in every table that prints it."""
    seen: dict[str, Cell] = {}
    for table in a.rec.statements:
        for row in table.rows:
            if not row.code:
                continue
            cell = Cell(table, row, "", None)
            first = seen.setdefault(row.code, cell)
            if first is cell or _same_name(first.row.name, row.name) or not a.first_time("identity.code_name", row.code, core(row.name)):
                continue
            a.add(
                family="identity",
                check="identity.code_name",
                severity="error",
                relation=f"科目编码 {row.code} 在各表中名称一致",
                message=f"科目编码 {row.code} 在《{first.table.label}》（{a.where(first.row.line)}）中是“{first.row.name}”，在《{table.label}》（{a.where(row.line)}）中却是“{row.name}”。",
                operands=[],
                citations=[a.cite_cell(first), a.cite_cell(cell)],
                topics=("科目编码与名称", row.code, first.row.name, row.name),
                identity=(row.code, row.name),
                labels=(row.code,),
            )


def _same_name(x: str, y: str) -> bool:
    a, b = core(x), core(y)
    return a == b or (bool(a) and bool(b) and (a in b or b in a))


def class_names(a: Audit) -> None:
    """A 类 row's name is its code's 类 in the national classification."""
    classes = a.vocab.classes
    for table in a.rec.statements:
        for row in table.rows:
            if not row.code or len(row.code) != 3 or row.code not in classes:
                continue
            names = [classes[row.code], *a.vocab.class_aliases.get(row.code, [])]
            if any(_same_name(n, row.name) for n in names) or not a.first_time("identity.class", row.code, core(row.name)):
                continue
            a.add(
                family="identity",
                check="identity.class_name",
                severity="error",
                relation=f"科目编码 {row.code} 与类名称相符",
                message=f"《{table.label}》（{a.where(row.line)}）中科目编码 {row.code} 是“{classes[row.code]}”类，表中却写作“{row.name}”。",
                operands=[],
                citations=[a.cite_cell(Cell(table, row, "", None))],
                topics=("科目编码与名称", row.code, row.name),
                identity=(row.code, row.name),
                labels=(row.code,),
            )
