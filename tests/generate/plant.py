"""One known error planted into an otherwise consistent template-shaped document.

    from generate.plant import PLANTS, plant
    case = plant("row_sum", seed=30, form="pdf")   # Planted: .document (bytes, truth), .expect, .sides
    clean = plant(None, seed=30, form="pdf")       # the same document without the error

Each plant edits the laid-out blocks of :func:`disclosure.build` — one printed cell of a
statutory table, or words of the 情况说明 — and says which finding the audit must report (family,
check, severity) and where each side of it is printed (page, the table or the text, the words the
citation quotes). Planting changes nothing else: the spec, the options, every other cell and
sentence are the document :func:`disclosure.render` prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .catalog import ORDINALS, department_names
from .disclosure import SECTION_TITLES, Builder, Document, Truth, _running_head, build, options_for
from .layout import BodyRow, Page, Para, Table, layout
from .render import page_texts, pdf_bytes
from .spec import THREE_ITEMS, Spec, make_spec

SEED = 30  # a department with 三公 money, items over and under budget, split codes, 2 halves
SPEC = {"gov_fund": False, "state_capital": False, "unit": "万元"}


@dataclass(frozen=True)
class Expect:
    """The finding the audit must report for a plant. ``text_check``: the check that reports it in
    a text export instead, when the error keeps the parser from placing the row's amounts in
    columns (it places them by the table's arithmetic, which the error breaks)."""

    family: str
    check: str
    severity: str
    text_check: str | None = None

    def check_for(self, form: str) -> str:
        return self.text_check if form == "text" and self.text_check else self.check


@dataclass
class Side:
    """Where one side of the planted error is printed: its page, the statutory table (None for
    the text) and words its citation must quote."""

    page: int
    quote: str
    table: str | None = None


@dataclass
class Planted:
    name: str | None
    what: str
    document: Document
    expect: Expect | None
    sides: list[Side] = field(default_factory=list)


# -- reaching into the blocks ------------------------------------------------------------------------
class Site:
    """The blocks of one document, with the cells and sentences a plant edits."""

    def __init__(self, spec: Spec, blocks, builder: Builder) -> None:
        self.spec, self.blocks, self.builder = spec, blocks, builder
        self.spots: list[tuple[str, object, str]] = []  # (kind, table kind or None, words) to find after layout

    # tables
    def table(self, kind: str) -> Table:
        return next(b for b in self.blocks if isinstance(b, Table) and b.kind == kind)

    def columns(self, kind: str) -> list[str]:
        return self.builder.tables[kind].columns

    def row(self, kind: str, key: str, side: str | None = None) -> BodyRow:
        return next(r for r in self.table(kind).body if any(t.key == key and (side is None or t.side == side) for t in r.truth))

    def amount(self, kind: str, key: str, column: str, side: str | None = None):
        """The printed cell of ``key``'s ``column`` (a 功能分类/经济分类 code or an item's name)."""
        row = self.row(kind, key, side)
        if kind in ("income_expense_summary", "fiscal_summary"):
            income, expense = (["决算数"], ["决算数"]) if kind == "income_expense_summary" else (["决算数"], ["合计", *self._fund_columns()])
            start = 1 if side == "收入" else 2 + len(income)
            return row.cells[start + (income if side == "收入" else expense).index(column)]
        if kind == "three_public":
            return row.cells[2 * THREE_ITEMS.index(key) + (0 if column == "年初预算数" else 1)]
        if kind == "general_budget_basic":
            for i, cell in enumerate(row.cells):
                if cell.text.replace(" ", "") == key and i + 1 < len(row.cells):
                    return row.cells[i + 1] if key.endswith("合计") else row.cells[i + 2]
                if len(key) == 5 and cell.text == key[:3] and i + 1 < len(row.cells) and row.cells[i + 1].text == key[3:]:
                    return row.cells[i + 3]
            raise KeyError(key)
        columns = self.columns(kind)
        return row.cells[len(row.cells) - len(columns) + columns.index(column)]

    @staticmethod
    def _fund_columns() -> list[str]:
        return ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]

    def shift(self, cell, cents: int) -> str:
        """Add ``cents`` hundredths to a printed amount, printed as the table prints amounts."""
        old = Decimal(cell.text.replace(",", "") or "0")
        new = old + Decimal(cents) / 100
        cell.text = f"{new:,.2f}" if "," in cell.text or self.builder.o.commas else f"{new:.2f}"
        return cell.text

    def mark_cell(self, kind: str, key: str, text: str, side: str | None = None) -> None:
        self.spots.append(("table", (kind, key, side), text))

    # the text
    def para(self, contains: str) -> Para:
        return next(b for b in self.blocks if isinstance(b, Para) and contains in b.text)

    def edit(self, contains: str, old: str, new: str, count: int = 1) -> str:
        p = self.para(contains)
        assert old in p.text, (old, p.text)
        p.text = p.text.replace(old, new, count)
        self.spots.append(("text", None, new))
        return new

    def heading(self, i: int) -> str:
        return f"{ORDINALS[i]}、{SECTION_TITLES[i]}"

    def last(self, text: str) -> int:
        """The index of the last paragraph reading ``text`` (the body's heading, not the 目录's)."""
        return max(i for i, b in enumerate(self.blocks) if isinstance(b, Para) and b.text == text)


# -- the plants ---------------------------------------------------------------------------------------
def row_sum(s: Site) -> str:
    leaf = next(x for x in s.spec.leaves if x.fund is None and x["gb_basic"])
    s.mark_cell("expense", leaf.code, s.shift(s.amount("expense", leaf.code, "本年支出合计"), 10000))
    return f"支出决算表 {leaf.code} 的本年支出合计多印了 100.00（不再等于基本支出 + 项目支出）"


def class_sum(s: Site) -> str:
    code = next(x.code[:3] for x in s.spec.leaves if x.fund is None and x["gb_basic"])
    s.shift(s.amount("general_budget_expense", code, "合计"), 5000)
    s.mark_cell("general_budget_expense", code, s.shift(s.amount("general_budget_expense", code, "基本支出"), 5000))
    return f"一般公共预算财政拨款支出决算表 {code} 类的合计和基本支出都多印了 50.00（类 ≠ Σ款）"


def summary_unbalanced(s: Site) -> str:
    s.mark_cell("income_expense_summary", "年初结转和结余", s.shift(s.amount("income_expense_summary", "年初结转和结余", "决算数", "收入"), 1000), "收入")
    return "收入支出决算总表收入方的年初结转和结余多印了 10.00（收入方不平衡）"


def three_public_parts(s: Site) -> str:
    s.mark_cell("three_public", "合计", s.shift(s.amount("three_public", "合计", "决算数"), 100))
    return "三公经费表的合计决算数多印了 1.00（≠ 各项之和）"


def basic_split(s: Site) -> str:
    s.mark_cell("general_budget_basic", "人员经费合计", s.shift(s.amount("general_budget_basic", "人员经费合计", "决算数"), 100))
    return "基本支出决算表的人员经费合计多印了 1.00（人员经费 + 公用经费 ≠ 基本支出）"


def cross_table(s: Site) -> str:
    code = next(x.code[:3] for x in s.spec.leaves if x.fund is None)
    from .catalog import CLASSES

    key = next(t.key for r in s.table("income_expense_summary").body for t in r.truth if t.side == "支出" and t.key.endswith(CLASSES[code]))
    s.mark_cell("income_expense_summary", key, s.shift(s.amount("income_expense_summary", key, "决算数", "支出"), 1), "支出")
    return f"收入支出决算总表的{key}比支出决算表的同一类少印了 0.01"


def narrative_amount(s: Site) -> str:
    p = s.para("其中：人员经费")
    old = re.search(r"人员经费(\d+\.\d{2})", p.text).group(1)
    new = f"{Decimal(old) + 10:.2f}"
    s.edit("其中：人员经费", f"人员经费{old}", f"人员经费{new}")
    return f"情况说明的人员经费写成 {new}（表中 {old}）"


def narrative_share(s: Site) -> str:
    p = s.para("本年收入合计")
    old = re.search(r"占(\d+\.\d{2})%", p.text).group(1)
    s.edit("本年收入合计", f"占{old}%", f"占{Decimal(old) + 1:.2f}%")
    return f"收入决算说明的第一个占比多写了 1 个百分点（{old}%）"


def narrative_change(s: Site) -> str:
    p = s.para("年度收入支出总计")
    m = re.search(r"(增长|下降)(\d+\.\d{2})%", p.text)
    s.edit("年度收入支出总计", m.group(0), f"{m.group(1)}{Decimal(m.group(2)) + 5:.2f}%")
    return "收入支出总计的增减百分比多写了 5 个百分点"


def wording(s: Site) -> str:
    p = next(b for b in s.blocks if isinstance(b, Para) and "决算数大于预算数" in b.text)
    m = re.search(r"支出决算为(\d+\.\d{2})", p.text)
    p.text = p.text.replace("决算数大于预算数", "决算数小于预算数")
    s.spots.append(("text", None, "决算数小于预算数"))
    return f"决算数（{m.group(1)}）大于预算数的项目写成“决算数小于预算数”"


def zero_base(s: Site) -> str:
    p = s.para("年度收入支出总计")
    grand = re.search(r"收入支出总计(\d+\.\d{2})", p.text).group(1)
    change = re.search(r"收入支出总计((?:增加|减少)\d+\.\d{2}[^，]*，(?:增长|下降)\d+\.\d{2}%|持平)", p.text.split("相比，")[1]).group(1)
    s.edit("年度收入支出总计", change, f"增加{grand}{s.spec.unit}，增长100.00%")
    return "收入支出总计比上年增加的金额等于本年数（上年为零），却写增长 100.00%"


def department(s: Site) -> str:
    other = department_names(s.spec.department_kind, SEED + 1, SEED + 2)
    if other == s.spec.department:
        other = department_names(s.spec.department_kind, SEED + 3, SEED + 5)
    title = f"第三部分 {s.spec.department}{s.spec.year}年度部门决算情况说明"
    s.blocks[s.last(title)].text = f"第三部分 {other}{s.spec.year}年度部门决算情况说明"
    s.spots.append(("text", None, other))
    return f"第三部分的标题写成了另一个单位：{other}"


def year(s: Site) -> str:
    y = s.spec.year
    s.edit("年度财政拨款收入支出总计", f"{s.spec.department}{y}年度", f"{s.spec.department}{y - 1}年度")
    return f"财政拨款收入支出总体情况写成 {y - 1} 年度"


def unit_slip(s: Site) -> str:
    p = s.para("其中：人员经费")
    value = re.search(r"人员经费(\d+\.\d{2})", p.text).group(1)
    other = "元" if s.spec.unit == "万元" else "万元"
    s.edit("其中：人员经费", f"人员经费{value}{s.spec.unit}", f"人员经费{value}{other}")
    return f"人员经费的单位写成了{other}"


def code_name(s: Site) -> str:
    leaves = [x for x in s.spec.leaves if x.fund is None]
    target = leaves[-1]
    name = next(x.name for x in leaves if x.code[:3] != target.code[:3] and x.name not in target.name and target.name not in x.name)
    row = s.row("general_budget_expense", target.code)
    cell = next(c for c in row.cells if c.text == target.name)
    cell.text = name
    s.mark_cell("general_budget_expense", target.code, name)
    return f"一般公共预算财政拨款支出决算表中 {target.code} 印成了“{name}”"


def template_leftover(s: Site) -> str:
    s.edit("年度收入支出总计", "主要原因：项目经费收支变动。", "主要原因：XXXXXXXX。（如持平作持平表述）")
    return "收入支出总体情况的原因留着模板的 XXXXXXXX 和填写说明"


def missing_section(s: Site) -> str:
    title = s.heading(6)
    i, end = s.last(title), s.last(s.heading(7))
    del s.blocks[i:end]
    s.spots.append(("text", None, SECTION_TITLES[6]))  # its line in the 目录
    return f"删去了“{title}”一节"


def missing_table(s: Site) -> str:
    table = s.table("three_public")
    i = s.blocks.index(table)
    del s.blocks[i : i + 2]  # the table (its title and unit line are its lead) and its note
    s.spots.append(("text", None, s.builder.o.title("three_public")))  # its line in the 目录
    return "删去了三公经费支出决算表"


def empty_table(s: Site) -> str:
    kind = "gov_fund"
    note = s.builder.tables[kind].empty_note
    assert note, "the plant needs an empty 政府性基金 table"
    i = next(i for i, b in enumerate(s.blocks) if isinstance(b, Para) and b.text == note)
    del s.blocks[i]
    said = f"{s.spec.department}{s.spec.year}年度无政府性基金预算财政拨款收入和支出。"
    s.para(said).text = "政府性基金预算财政拨款收入支出情况见上表。"
    s.spots.append(("table_title", kind, s.builder.o.title(kind)))
    return "政府性基金预算财政拨款收入支出决算表为空表，表下和正文都删去了原因"


def shifted_rows(s: Site) -> str:
    """From the second 类 on, every row of the 一般公共预算 table prints the amounts of the row below
    it (the last row's amounts move to the 合计 row's place at the foot, as a slipped layout does)."""
    kind = "general_budget_expense"
    columns = s.columns(kind)
    rows = [r for r in s.table(kind).body if r.truth and r.truth[0].key != "合计"]
    start = next(i for i, r in enumerate(rows) if i and len(r.truth[0].key) == 3)
    amounts = [[c.text for c in r.cells[len(r.cells) - len(columns):]] for r in rows]
    for i in range(start, len(rows) - 1):
        for c, text in zip(rows[i].cells[len(rows[i].cells) - len(columns):], amounts[i + 1]):
            c.text = text
    s.spots.append(("table_row", (kind, rows[start].truth[0].key), ""))
    return f"一般公共预算财政拨款支出决算表自 {rows[start].truth[0].key} 起数字错行（每行印着下一行的数字）"


PLANTS: dict[str, tuple[Expect, Callable[[Site], str]]] = {
    "row_sum": (Expect("statements", "statements.row", "mismatch"), row_sum),
    "class_sum": (Expect("statements", "statements.codes", "mismatch"), class_sum),
    "summary_unbalanced": (Expect("statements", "statements.rows", "mismatch"), summary_unbalanced),
    "three_public_parts": (Expect("statements", "statements.items", "mismatch", text_check="statements.unplaced"), three_public_parts),
    "basic_split": (Expect("across", "across.sum", "mismatch"), basic_split),
    "cross_table": (Expect("across", "across.same", "mismatch"), cross_table),
    "narrative_amount": (Expect("narrative", "narrative.amount", "mismatch"), narrative_amount),
    "narrative_share": (Expect("percentages", "percentages.share", "mismatch"), narrative_share),
    "narrative_change": (Expect("percentages", "percentages.growth", "mismatch"), narrative_change),
    "wording": (Expect("narrative", "narrative.wording", "error"), wording),
    "zero_base": (Expect("percentages", "percentages.growth", "notice"), zero_base),
    "department": (Expect("identity", "identity.department", "error"), department),
    "year": (Expect("identity", "identity.year", "error"), year),
    "unit_slip": (Expect("narrative", "narrative.amount", "error"), unit_slip),
    "code_name": (Expect("identity", "identity.code_name", "error"), code_name),
    "template_leftover": (Expect("template", "template.leftover", "notice"), template_leftover),
    "missing_section": (Expect("template", "template.section", "error"), missing_section),
    "missing_table": (Expect("template", "template.table", "error"), missing_table),
    "empty_table": (Expect("template", "template.empty", "notice"), empty_table),
    "shifted_rows": (Expect("statements", "statements.misaligned", "error"), shifted_rows),
}


# -- rendering ---------------------------------------------------------------------------------------
def plant(name: str | None, seed: int = SEED, form: str = "pdf", **spec_overrides) -> Planted:
    """The document of ``seed`` (with ``SPEC`` and ``spec_overrides``) with the plant ``name``, or
    clean when ``name`` is None, rendered as ``form`` ("pdf" · "text")."""
    spec = make_spec(seed, **(SPEC | spec_overrides))
    options = replace(options_for(seed))
    blocks, builder = build(spec, options)
    site = Site(spec, blocks, builder)
    expect, what = None, "无（对照）"
    if name is not None:
        expect, edit = PLANTS[name]
        what = edit(site)
    fonts = builder.fonts()
    pages = layout(blocks, fonts, options.page_numbers, _running_head(spec, options))
    for block in blocks:
        if isinstance(block, Table):
            for row in block.body:
                for t in row.truth:
                    t.page = row.page
    truth = Truth(spec.department, spec.year, spec.unit, builder.tables, builder.figures)
    data = pdf_bytes(pages, fonts, f"{spec.department}{spec.year}年度部门决算") if form == "pdf" else page_texts(pages).encode("utf-8")
    document = Document(spec, options, form, data, truth)
    return Planted(name, what, document, expect, [_side(site, pages, spot) for spot in site.spots])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _side(site: Site, pages: list[Page], spot) -> Side:
    what, where, words = spot
    if what == "table":
        kind, key, side = where
        row = site.row(kind, key, side)
        return Side(row.page, words, _label(kind))
    if what == "table_row":  # a whole table's slip: any of its rows, from this one's page on
        kind, key = where
        return Side(site.row(kind, key).page, words, _label(kind))
    if what == "table_title":
        table = site.table(where)
        return Side(table.body[0].page if table.body else 0, words, _label(where))
    return Side(_page_of(pages, words), words, None)


def _page_of(pages: list[Page], words: str) -> int:
    """The first page whose printed text holds ``words`` (lines joined, spaces dropped)."""
    want = _squash(words)
    for n, page in enumerate(pages, 1):
        lines: dict[float, list] = {}
        for op in page.texts:
            lines.setdefault(round(op.top, 1), []).append(op)
        text = "".join(" ".join(o.text for o in sorted(ops, key=lambda o: o.x)) for _, ops in sorted(lines.items()))
        if want in _squash(text):
            return n
    return 0


def _label(kind: str) -> str:
    from ingest.statements.kinds import vocabulary

    return vocabulary().by_kind[kind].label


__all__ = ["PLANTS", "SEED", "Expect", "Planted", "Side", "plant"]
