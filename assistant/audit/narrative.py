"""The 情况说明 against the statutory tables: every amount the text states for a subject is checked
against the row and column that print it, and its words comparing 决算 with 年初预算 against
the numbers.

- A subject the text names by classification (…（类）…（款）…（项）) is found by its names, level
  by level, in the table its section explains (五、一般公共预算财政拨款支出决算情况说明 → 一般公共
  预算财政拨款支出决算表), in that table's total column. A name that is not under the 类 or 款
  the text puts it in, while the table prints it elsewhere, is an ``error``; a name the table does
  not print at all is a ``notice``.
- Any other subject is looked up in ``vocabulary.toml`` (``[[subject]]``: 本年收入合计, 基本支出,
  人员经费, the 三公 items …) and compared with every cell listed there.
- "决算数大于/小于/等于预算数", "基本持平", "预决算持平" after a 年初预算 and a 决算 of one subject
  must agree with them: the opposite word is an ``error``; "基本持平" for a difference above
  ``wording.level`` is a ``notice``.

A stated amount and its cell are one quantity printed twice (:func:`sums.same`): equal, or equal
after rounding when the text prints fewer decimals; 10 000 times off is a 万元/元 slip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import get_close_matches

from assistant.audit import sums
from assistant.audit.base import Audit
from assistant.audit.cells import Cell, core, parse_ref
from assistant.audit.findings import fmt
from assistant.audit.sums import cell_term, figure_term
from assistant.audit.vocabulary import Subject, key
from ingest.records import Figure, StatementRow, StatementTable
from ingest.statements.kinds import vocabulary as statutory

LEVEL = re.compile(r"[(（](类|款|项)[)）]")
NUMBERING = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[、.．]\s*")
BASIS_COLUMN = {"本年决算": None, "年初预算": "年初预算数"}  # None: the table's total column
CLOSE = 0.8  # a name this close to one printed under the same 款 is taken for it (its wording noted)


def check(a: Audit) -> None:
    for f in a.figures:
        if f.kind != "amount" or f.basis not in BASIS_COLUMN:
            continue
        for cell in cells_for(a, f):
            if not a.first_time("narrative.amount", tuple(path_of(a, f)) or key(f.subject), f.basis, f.raw, cell.record_id):
                continue  # the same number for the same subject, stated again
            sums.same(
                a,
                family="narrative",
                check="narrative.amount",
                relation=f"正文与报表：{_subject_name(a, f)}{'（' + f.basis + '）' if f.basis != '本年决算' else ''}",
                first=figure_term(a, f, f"正文{_subject_name(a, f)}"),
                second=cell_term(a, cell),
                topics=("说明与报表", f.subject, cell.table.label),
            )
    wording(a)


def _subject_name(a: Audit, f: Figure) -> str:
    path = path_of(a, f)
    return "".join(path) if path else a.name(f)


# -- which cells print a figure ---------------------------------------------------------------------
def cells_for(a: Audit, f: Figure) -> list[Cell]:
    path = path_of(a, f)
    kind = section_kind(a, f.section)
    if kind not in a.sheet.tables:
        kind = None
    if path:
        if kind is None or statutory().by_kind[kind].shape != "classified" or f.basis != "本年决算":
            return []
        cell = classified_cell(a, f, kind, path)
        return [cell] if cell is not None else []
    if kind is not None and statutory().by_kind[kind].shape == "classified" and f.basis == "本年决算" and not f.parent:
        row = class_row_named(a, kind, f.subject)
        if row is not None:
            return [_total_cell(a, kind, row)]
    out: list[Cell] = []
    for sub in a.vocab.subject:
        m = _matches(sub, f)
        if m is None:
            continue
        for text in sub.cells if f.basis == "本年决算" else sub.budget:
            ref = parse_ref(text.replace("{0}", m))
            cell = a.sheet.cell(ref, column=ref.column)
            if cell is not None and cell.column in {c.name for c in cell.table.columns}:
                out.append(cell)
        if out:
            break
    return out


def _matches(sub: Subject, f: Figure) -> str | None:
    name = re.sub(r"决算数?$", "", key(f.subject))  # "公务接待费支出决算": the basis words are not the subject
    if not re.fullmatch(sub.subject, name):
        return None
    if sub.parent is not None:
        if sub.parent == "":
            if f.parent:
                return None
        elif not re.fullmatch(sub.parent, key(f.parent or "")):
            return None
    if sub.section is not None and sub.section not in key(f.section):
        return None
    return name


def section_kind(a: Audit, section: str) -> str | None:
    """The statutory table a 情况说明 section explains: the longest table name the heading contains."""
    heading = key(section)
    best, size = None, 0
    for kind in statutory().kinds:
        stem = key(kind.label).removesuffix("表")
        if stem and stem in heading and len(stem) > size:
            best, size = kind.kind, len(stem)
    return best


def _total_cell(a: Audit, kind: str, row: StatementRow) -> Cell:
    from assistant.rows import vocabulary as statements

    table = a.sheet.tables[kind]
    column = statements().total_column.get(kind, table.columns[0].name if table.columns else "")
    return Cell(table, row, column, row.amount(column))


def path_of(a: Audit, f: Figure) -> list[str]:
    """The 类/款/项 names a figure's subject gives ("一般公共服务支出（类）财政事务（款）…"), also
    when the figure only carries its section's total as subject while it stands in a numbered
    item about one 项 — the item's heading just before it, or the item's first statement."""
    if f.classification:
        return [_clean(p) for p in f.classification]
    found = _split(f.subject)
    if found or f.basis not in BASIS_COLUMN:
        return found
    return _inherited(a, f)


def inherits_path(a: Audit, f: Figure) -> bool:
    """True for a figure whose subject is its section's total while it stands in a 项's item."""
    return not f.classification and not _split(f.subject) and f.basis in (*BASIS_COLUMN, "执行率") and bool(_inherited(a, f))


def _inherited(a: Audit, f: Figure) -> list[str]:
    start = max(1, f.line_start - 1)
    if key(f.subject) in key("".join(a.rec.lines[start - 1 : f.line_end])):
        return []  # the statement names its own subject
    lookback = max(1, f.line_start - 4)
    text = "".join(a.rec.lines[lookback - 1 : f.line_end])
    heads = list(re.finditer(r"(?:\d+|[一二三四五六七八九十]+)\s*[、.．]([^。；]*?[(（]项[)）])", text))
    if heads:
        return _split(heads[-1].group(1))
    earlier = [g for g in a.figures if g.section == f.section and lookback <= g.line_start < f.line_start and (g.classification or _split(g.subject))]
    if earlier:
        g = earlier[-1]
        return [_clean(p) for p in g.classification] if g.classification else _split(g.subject)
    return []


def _split(subject: str) -> list[str]:
    text = key(subject)
    if "(项)" not in text and "(款)" not in text and "(类)" not in text:
        return []
    parts = [p for p in re.split(r"(?<=\((?:类|款|项)\))", text) if p]
    return [_clean(p) for p in parts if LEVEL.search(p)]


def _clean(part: str) -> str:
    text = NUMBERING.sub("", key(part))
    return text.strip(".．、:：,，;；")


def _level_name(part: str) -> str:
    return LEVEL.sub("", part)


def class_row_named(a: Audit, kind: str, name: str) -> StatementRow | None:
    """A classified table's 类 row by a name (its own, the national one or an old one)."""
    want = core(_clean(name))
    for row in a.sheet.rows(kind):
        if row.level == "类" and row.code and any(core(n) == want for n in a.sheet.class_names(row.code)):
            return row
    return None


def classified_cell(a: Audit, f: Figure, kind: str, path: list[str]) -> Cell | None:
    table = a.sheet.tables[kind]
    rows = table.rows
    row = class_row_named(a, kind, _level_name(path[0]))
    if row is None:
        _unplaced(a, f, table, path, 0, None)
        return None
    for depth, part in enumerate(path[1:], 1):
        want = core(_level_name(part))
        kids = [r for r in rows if r.parent == row.code and r.code]
        hit = next((r for r in kids if core(r.name) == want), None)
        if hit is None:
            hit = next((r for r in kids if want and (want in core(r.name) or core(r.name) in want)), None)
        if hit is None:
            close = get_close_matches(want, [core(r.name) for r in kids], n=1, cutoff=CLOSE)
            hit = next((r for r in kids if close and core(r.name) == close[0]), None)
            if hit is not None:
                _misnamed(a, f, table, path, depth, hit)
        if hit is None:
            _unplaced(a, f, table, path, depth, row)
            return None
        row = hit
    return _total_cell(a, kind, row)


def _misnamed(a: Audit, f: Figure, table: StatementTable, path: list[str], depth: int, row: StatementRow) -> None:
    """The text names a subject almost as the table prints it (字序颠倒, a word more or less)."""
    if not a.first_time("narrative.misnamed", tuple(path)):
        return
    name = _level_name(path[depth])
    cell = Cell(table, row, "", None)
    a.add(
        family="narrative",
        check="narrative.subject",
        severity="notice",
        relation=f"正文科目与报表科目：{''.join(path)}",
        message=f"正文（{a.where(f.line_start)}）写作“{name}”，《{table.label}》（{a.where(row.line)}）中是 {row.code} “{row.name}”：名称不一致，按后者核对数字。",
        operands=[a.operand(f, "stated")],
        citations=[a.cite(f), a.cite_cell(cell)],
        topics=("科目编码与名称", f.subject, table.label),
        identity=(f.id, "misnamed"),
        labels=(row.code,),
    )


def _unplaced(a: Audit, f: Figure, table: StatementTable, path: list[str], depth: int, parent: StatementRow | None) -> None:
    """The text names a subject the table does not print where it says: elsewhere (``error``) or
    nowhere (``notice``)."""
    if not a.first_time("narrative.unplaced", tuple(path)):
        return
    name = _level_name(path[depth])
    level = LEVEL.search(path[depth])
    elsewhere = [r for r in table.rows if r.code and core(r.name) == core(name) and (level is None or r.level == level.group(1))]
    said = "".join(path)
    cites = [a.cite(f)]
    if elsewhere and parent is not None:
        other = elsewhere[0]
        up = next((r for r in table.rows if r.code == other.parent), None)
        cell = Cell(table, other, "", None)
        cites.append(a.cite_cell(cell))
        a.add(
            family="identity",
            check="identity.path",
            severity="error",
            relation=f"正文科目与报表科目：{said}",
            message=f"正文（{a.where(f.line_start)}）把{name}列在{parent.name}（{parent.code}）下，而《{table.label}》（{a.where(other.line)}）中{other.code} {other.name}属于"
            + (f"{up.code} {up.name}" if up is not None else "另一科目")
            + "。",
            operands=[a.operand(f, "stated")],
            citations=cites,
            topics=("科目编码与名称", f.subject, table.label),
            identity=(f.id, "path"),
            labels=(parent.code, other.code, *((up.code,) if up is not None else ())),
        )
        return
    a.add(
        family="narrative",
        check="narrative.subject",
        severity="notice",
        relation=f"正文科目与报表科目：{said}",
        message=f"正文（{a.where(f.line_start)}）的{said}在《{table.label}》中找不到名称相同的科目"
        + (f"（{parent.code} {parent.name}之下）" if parent is not None else "")
        + f"，正文 {fmt(f.raw)} {f.unit}无法与报表核对。",
        operands=[a.operand(f, "stated")],
        citations=cites,
        topics=("科目编码与名称", f.subject, table.label),
        identity=(f.id, "subject"),
        labels=(parent.code,) if parent is not None else (),
    )


# -- 决算数大于/小于预算数 -----------------------------------------------------------------------
@dataclass(frozen=True)
class Said:
    word: str  # the comparison word as written
    sense: str  # greater · less · equal · about
    start: int  # document lines of the sentence
    end: int
    text: str


def wording(a: Audit) -> None:
    w = a.vocab.wording
    by_statement: dict[tuple[str, int], dict[str, Figure]] = {}
    for f in a.figures:
        if f.kind == "amount" and f.basis in ("年初预算", "本年决算"):
            by_statement.setdefault((f.subject, f.line_start), {}).setdefault(f.basis, f)
    for (subject, _), pair in by_statement.items():
        budget, actual = pair.get("年初预算"), pair.get("本年决算")
        if budget is None or actual is None or budget.unit != actual.unit:
            continue
        said = _comparison(a, actual)
        if said is None:
            continue
        diff = actual.value - budget.value
        truth = "greater" if diff > 0 else "less" if diff < 0 else "equal"
        level = Decimal(w.level)
        relative = abs(diff) / budget.value if budget.value else None
        if said.sense == truth or (said.sense == "about" and (truth == "equal" or (relative is not None and relative <= level))):
            severity = "ok"
        elif said.sense == "about" or (said.sense == "equal" and relative is not None and relative <= level):
            severity = "notice"
        else:
            severity = "error"
        name = _subject_name(a, actual)
        facts = f"年初预算 {fmt(budget.raw)} {budget.unit}，决算 {fmt(actual.raw)} {actual.unit}"
        if severity == "ok":
            message = f"{name}：{facts}，文中“{said.word}”与数字相符。"
        elif severity == "notice":
            message = f"{name}：{facts}，相差 {fmt(abs(diff))} {actual.unit}" + (f"（{fmt((relative * 100).quantize(Decimal('0.01')))}%）" if relative is not None else "") + f"，文中却说“{said.word}”。"
        else:
            real = {"greater": "大于", "less": "小于", "equal": "等于"}[truth]
            message = f"{name}：{facts}，决算数{real}预算数，文中却说“{said.word}”。"
        a.add(
            family="narrative",
            check="narrative.wording",
            severity=severity,
            relation=f"决算数与预算数的比较用语：{name}",
            message=message,
            operands=[a.operand(budget, "budget"), a.operand(actual, "actual")],
            citations=[a.cite(actual), a.cite_lines(said.start, said.end)],
            topics=("大于小于", "预决算", actual.subject),
            identity=(actual.id, "wording"),
        )


def _comparison(a: Audit, actual: Figure) -> Said | None:
    """The first comparison of 决算 with 预算 written after ``actual``, before the next statement."""
    w = a.vocab.wording
    later = [g.line_start for g in a.figures if g.line_start > actual.line_end]
    stop = min([*later, actual.line_end + 4, len(a.rec.lines) + 1])
    first = actual.line_start
    keyed = [key(line) for line in a.rec.lines[first - 1 : max(stop - 1, actual.line_end)]]
    flat = "".join(keyed)
    at = flat.find(key(actual.raw))
    offset = at + len(key(actual.raw)) if at >= 0 else 0
    rest = re.split(r"(?<![\d,.])\d{1,2}、", flat[offset:])[0]  # the next numbered item begins
    words = {"greater": w.greater, "less": w.less, "equal": w.equal, "about": w.about}
    alternatives = "|".join(sorted({re.escape(x) for xs in words.values() for x in xs}, key=len, reverse=True))
    actual_words = "|".join(sorted(map(re.escape, w.actual), key=len, reverse=True))
    budget_words = "|".join(sorted(map(re.escape, w.budget), key=len, reverse=True))
    patterns = [
        rf"(?:{actual_words})(?:与|比|较)?(?:{budget_words})?(?P<w>{alternatives})(?:{budget_words})?",
        rf"预决算(?P<w>{alternatives})",
    ]
    best = None
    for pattern in patterns:
        m = re.search(pattern, rest)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    word = best.group("w")
    if re.match(r"[(（](" + alternatives + r")[)）]", rest[best.end("w") :]):
        return None  # "大于（小于）": a template's alternatives, reported by ``template``
    sense = next(s for s in ("about", "greater", "less", "equal") if word in words[s])
    begin, end = offset + best.start(), offset + best.end()
    lines, pos = [], 0
    for i, text in enumerate(keyed):
        if pos < end and begin < pos + len(text):
            lines.append(first + i)
        pos += len(text)
    return Said(word, sense, lines[0] if lines else first, lines[-1] if lines else first, best.group(0))
