"""Numbers that must agree, for the statutory-table checks: a total and its parts, one quantity
printed in two places, a part of a whole. Each side is a :class:`Term` — a table cell or a figure
of the text — with its page; the verdict follows the tolerances of :mod:`findings` (a total may be
off its parts by the half units of their last digits; one quantity printed twice must be equal,
or equal after rounding when printed with fewer decimals); a difference of a power of ten is a
unit or digit slip (``error``), and a printed number one digit away from what its row implies is
named in the note.

>>> digit_typo("1,234.50", Decimal("12334.50"))
'漏印了一位数字'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Citation
from assistant.audit.cells import Cell, convert
from assistant.audit.findings import Family, Finding, Operand, Verdict, fmt, half_unit, places_of, plain

MAX_PLACEMENTS = 4096


@dataclass(frozen=True)
class Term:
    """One side of a relation: a cell or a stated figure, as the message names it."""

    name: str
    value: Decimal  # in ``unit``
    raw: str  # as printed; "" for a blank cell
    unit: str
    page: int | None  # None in a text without pages
    operand: Operand
    citation: Citation
    options: tuple[Decimal, ...] = ()  # a blank cell a text export may have lost: the amounts it may hold

    @property
    def place(self) -> str:
        """第 10 页, or 第 98 行 in a text without pages."""
        return f"第 {self.page} 页" if self.page else f"第 {self.citation.line_start} 行"

    @property
    def shown(self) -> str:
        return fmt(self.raw) if self.raw else "空白"

    def value_in(self, unit: str) -> Decimal:
        return convert(self.value, self.unit, unit)

    def half(self, unit: str) -> Decimal:
        """Half a unit of the last printed digit, in ``unit`` (nothing for a blank or a zero)."""
        if not self.raw or self.value == 0:
            return Decimal(0)
        return convert(half_unit(places_of(self.raw)), self.unit, unit)


def cell_term(a, cell: Cell, name: str | None = None) -> Term:
    options = ()
    if cell.uncertain:
        options = tuple(x.value for x in cell.row.amounts if x.column is None and cell.column in x.candidates and x.value is not None)
    page = cell.row.page if a.paged else None
    return Term(name or cell.label, cell.value, cell.raw, cell.unit, page, a.cell_operand(cell, "cell"), a.cite_cell(cell), options)


def figure_term(a, f, name: str | None = None) -> Term:
    page = a.page(f.line_start) if a.paged else None
    return Term(name or f"正文{a.name(f)}", f.value, f.raw, f.unit, page, a.operand(f, "stated"), a.cite(f))


def pages_of(terms: list[Term]) -> str:
    """"第 6 页", "第 10、11 页" — the pages the terms are printed on (their lines in a text
    without pages)."""
    pages = sorted({t.page for t in terms if t.page})
    if pages:
        return f"第 {'、'.join(map(str, pages))} 页"
    lines = sorted({t.citation.line_start for t in terms})
    return f"第 {'、'.join(map(str, lines))} 行" if lines else ""


def at(term: Term) -> str:
    """A term with its place: ``《支出决算表》201 一般公共服务支出·本年支出合计（第 10 页）``."""
    return f"{term.name}（{term.place}）"


# -- slips ------------------------------------------------------------------------------------------
def power_slip(stated: Decimal, computed: Decimal) -> int | None:
    """The power of ten (±1…±4) ``stated`` is off ``computed`` by, when it is one (within 0.1%)."""
    if stated == 0 or computed == 0 or (stated > 0) != (computed > 0):
        return None
    for k in (4, -4, 1, -1, 2, -2, 3, -3):
        scaled = computed * Decimal(10) ** k
        if abs(stated - scaled) <= abs(scaled) * Decimal("0.001"):
            return k
    return None


def digit_typo(raw: str, implied: Decimal) -> str | None:
    """How a printed number differs from the one its row implies by a single digit, if it does."""
    places = places_of(raw)
    printed = raw.replace(",", "").replace(".", "").lstrip("-")
    if implied < 0:
        return None
    wanted = format(implied.quantize(Decimal(1).scaleb(-places)), "f").replace(".", "")
    if printed == wanted:
        return None
    if len(wanted) == len(printed) + 1 and any(wanted[:i] + wanted[i + 1 :] == printed for i in range(len(wanted))):
        return "漏印了一位数字"
    if len(printed) == len(wanted) + 1 and any(printed[:i] + printed[i + 1 :] == wanted for i in range(len(printed))):
        return "多印了一位数字"
    if len(printed) == len(wanted):
        diffs = [i for i in range(len(printed)) if printed[i] != wanted[i]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and printed[diffs[0]] == wanted[diffs[1]] and printed[diffs[1]] == wanted[diffs[0]]:
            return "相邻两位数字颠倒"
    return None


def slip_note(stated: Decimal, computed: Decimal) -> str | None:
    k = power_slip(stated, computed)
    if k is None:
        return None
    if abs(k) == 4:
        return f"两处相差 {10 ** abs(k):,} 倍，正是元与万元之差：一处的单位写错了（元写成万元，或万元写成元）。"
    return f"两处相差 {10 ** abs(k):,} 倍：数位错了（小数点位置或多、少一位）。"


# -- verdicts ---------------------------------------------------------------------------------------
def _placements(terms: list[Term], unit: str) -> list[Decimal]:
    """The sums ``terms`` may add up to when some are cells a text export may have lost."""
    choices = [((t.value_in(unit),) + tuple(convert(o, t.unit, unit) for o in t.options)) if t.options else (t.value_in(unit),) for t in terms]
    size = 1
    for c in choices:
        size *= len(c)
    if size > MAX_PLACEMENTS:
        return []
    return sorted({sum(combo, Decimal(0)) for combo in itertools.product(*choices)})


def same(
    a,
    *,
    family: Family,
    check: str,
    relation: str,
    first: Term,
    second: Term,
    topics: tuple[str, ...] = (),
    note: str | None = None,
) -> Finding:
    """One quantity printed twice: equal, or equal once the finer is rounded as the coarser is printed."""
    coarse, fine = (first, second) if first.half(first.unit) >= second.half(first.unit) and first.raw else (second, first)
    unit = coarse.unit
    v = Verdict(coarse.value, coarse.raw or "0", fine.value_in(unit), tolerance=max(coarse.half(unit), fine.half(unit)))
    severity = v.severity
    notes = [note] if note else []
    if severity == "mismatch" and (first.options or second.options):
        lost = "文本导出丢失了部分空白单元格的位置："
        mine = {first.value_in(unit), *(convert(o, first.unit, unit) for o in first.options)}
        theirs = {second.value_in(unit), *(convert(o, second.unit, unit) for o in second.options)}
        if any(abs(x - y) <= v.tolerance for x in mine for y in theirs):
            severity = "ok"
            notes.append(lost + "按这些数字可能所在的栏目，两处一致。")
        else:
            notes.append(lost + "无论这些数字在哪一栏，两处都不一致。")
    if severity == "rounding":
        notes.append(f"{coarse.name}只保留到 {places_of(coarse.raw or '0')} 位小数，按此四舍五入后与另一处相同。")
    if severity == "mismatch":
        slip = slip_note(coarse.value, fine.value_in(unit))
        if slip:
            severity = "error"
            notes.append(slip)
        else:
            typo = digit_typo(coarse.raw, fine.value_in(unit)) if coarse.raw else None
            typo = typo or (digit_typo(fine.raw, convert(coarse.value, unit, fine.unit)) if fine.raw else None)
            if typo:
                notes.append(f"两处只差一位数字（{typo}）。")
    if v.severity == "ok":
        message = f"{at(first)}为 {first.shown} {first.unit}，{at(second)}为 {second.shown} {second.unit}，一致。"
    else:
        message = (
            f"{at(first)}为 {first.shown} {first.unit}，{at(second)}为 {second.shown} {second.unit}，"
            f"相差 {fmt(abs(first.value_in(unit) - second.value_in(unit)))} {unit}。"
        )
    return a.add(
        family=family,
        check=check,
        severity=severity,
        relation=relation,
        message=message,
        operands=[first.operand, second.operand],
        citations=[first.citation, second.citation],
        verdict=v,
        unit=unit,
        note=" ".join(notes) or None,
        topics=topics,
    )


def total(
    a,
    *,
    family: Family,
    check: str,
    relation: str,
    whole: list[Term],
    parts: list[Term],
    where: str = "",
    topics: tuple[str, ...] = (),
    note: str | None = None,
    bound: bool = False,
    placement: bool | None = None,
    unplaced: tuple[str, ...] = (),
) -> Finding:
    """Σ ``whole`` = Σ ``parts`` (``bound``: Σ ``parts`` ≤ Σ ``whole``), within the half units of every
    printed number. ``where`` names the place every term shares (one row, one table).
    ``placement``: whether some placement of the amounts a text export left unplaced satisfies the
    relation (None: the caller did not look; each blank term's ``options`` are tried instead), and
    ``unplaced`` those amounts as printed."""
    unit = whole[0].unit
    stated = sum((t.value_in(unit) for t in whole), Decimal(0))
    computed = sum((t.value_in(unit) for t in parts), Decimal(0))
    tolerance = sum((t.half(unit) for t in whole + parts), Decimal(0))
    notes = [note] if note else []
    if bound:
        v = Verdict(stated, plain(stated), computed, tolerance=tolerance)
        severity = "ok" if computed <= stated else v.severity
    else:
        v = Verdict(stated, plain(stated) if len(whole) > 1 else (whole[0].raw or "0"), computed, tolerance=tolerance)
        severity = v.severity
    lost = "文本导出丢失了部分空白单元格的位置："
    if placement is not None and (severity != "ok" or not placement):
        severity = "ok" if placement else "mismatch"  # the printed cells alone say nothing when amounts were not placed
        notes.append(lost + ("按这些数字可能所在的栏目，关系可以成立。" if placement else "无论这些数字在哪一栏，关系都不成立。"))
    elif severity == "mismatch" and any(t.options for t in whole + parts):
        wholes, partss = _placements(whole, unit), _placements(parts, unit)
        if bound:
            holds = bool(wholes and partss) and min(partss) <= max(wholes) + tolerance
        else:
            holds = any(abs(w - x) <= tolerance for w in wholes for x in partss)
        if holds:
            severity = "ok"
            notes.append(lost + "按这些数字可能所在的栏目，关系可以成立。")
        else:
            notes.append(lost + "无论这些数字在哪一栏，关系都不成立。")
    if severity == "rounding" and not bound:
        notes.append(f"差额在各数末位半个单位之和（{plain(tolerance)} {unit}）以内：是逐项四舍五入造成的尾差。")
    if severity == "mismatch" and len(whole) == 1 and len(parts) == 1:
        slip = slip_note(stated, computed)
        if slip:
            severity = "error"
            notes.append(slip)
    if severity == "mismatch" and not bound and len(whole) == 1:
        notes += _typos(whole[0], parts, stated, computed, unit)
    w = " + ".join(f"{t.name} {t.shown}" for t in whole)
    p = " + ".join(f"{t.name} {t.shown}" for t in parts) or "0"
    prefix = f"{where}：" if where else ""
    pages = pages_of(whole + parts)
    if bound:
        verb = "不超过" if severity == "ok" else "超过"
        message = f"{prefix}{p} {('= ' + fmt(computed) + ' ' + unit) if len(parts) > 1 else unit}，{verb}{w} {unit}" + (f"（{pages}）" if pages else "") + "。"
    elif placement is not None and unplaced:
        verb = "成立" if severity == "ok" else "都不成立"
        message = f"{prefix}这一行印有 {'、'.join(fmt(x) for x in unplaced)}，栏目不明；按它们可能所在的栏目，{relation.split('：')[-1]}{verb}" + (f"（{pages}）" if pages else "") + "。"
    elif severity == "ok":
        message = f"{prefix}{p} = {fmt(computed)} {unit}，与{w} {unit}一致" + (f"（{pages}）" if pages else "") + "。"
    else:
        message = f"{prefix}{w} {unit}，而 {p} = {fmt(computed)} {unit}，相差 {fmt(abs(stated - computed))} {unit}" + (f"（{pages}）" if pages else "") + "。"
    return a.add(
        family=family,
        check=check,
        severity=severity,
        relation=relation,
        message=message,
        operands=[t.operand for t in whole] + [t.operand for t in parts],
        citations=[t.citation for t in whole] + [t.citation for t in parts],
        verdict=v,
        unit=unit,
        note=" ".join(notes) or None,
        topics=topics,
    )


def _typos(whole: Term, parts: list[Term], stated: Decimal, computed: Decimal, unit: str) -> list[str]:
    """A printed number one digit away from the value the rest of the relation implies."""
    out = []
    if whole.raw and (typo := digit_typo(whole.raw, convert(computed, unit, whole.unit))):
        out.append(f"按分项，{whole.name}应为 {fmt(plain(computed))}，与印出的 {whole.shown} 相比{typo}。")
    for t in parts:
        if not t.raw:
            continue
        implied = stated - (computed - t.value_in(unit))
        if (typo := digit_typo(t.raw, convert(implied, unit, t.unit))):
            out.append(f"若其余数字无误，{t.name}应为 {fmt(plain(implied))}，与印出的 {t.shown} 相比{typo}。")
    return out
