"""A template-shaped 部门决算 document from a :class:`Spec`, with its ground truth.

    spec = make_spec(7)                       # the department-year (spec.py)
    options = options_for(7)                  # how it is printed (the variants, drawn from the seed)
    doc = render(spec, options, "pdf")        # Document: .data (bytes), .truth (Truth)

The truth lists, for each statutory table kind, every row the parser should read: its code or item
name, its side (收入 · 支出 for the summary tables), its amounts by normalised column (None for a
blank cell) and the page it is printed on; and the figures the narrative states.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import zip_longest

from .catalog import CLASSES, ECONOMIC, FISCAL_INCOME_ITEMS, INCOME_ITEMS, ORDINALS, PERSONNEL_CLASSES, SUMMARY_CLASSES_24, SUMMARY_CLASSES_26
from .layout import BCell, BodyRow, Block, Fonts, Gap, HCell, Para, Table, layout
from .render import page_texts, pdf_bytes, register
from .spec import (
    EXPENSE_COLUMNS, INCOME_COLUMNS, Cents, Spec, class_totals, classified_rows, decimal, economic_rows, fmt, fund_totals,
    leaf_columns, percent, personnel_total, public_total, summary_totals, three_public_values,
)

KINDS = ["income_expense_summary", "income", "expense", "fiscal_summary", "general_budget_expense",
         "general_budget_basic", "three_public", "gov_fund", "state_capital"]

TITLES = {
    "income_expense_summary": ["收入支出决算总表", "部门收支决算总表"],
    "income": ["收入决算表", "部门收入决算表"],
    "expense": ["支出决算表", "部门支出决算表"],
    "fiscal_summary": ["财政拨款收入支出决算总表", "财政拨款收支决算总表"],
    "general_budget_expense": ["一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"],
    "general_budget_basic": ["一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"],
    "three_public": ["财政拨款“三公”经费支出决算表", "一般公共预算财政拨款“三公”经费支出决算表"],
    "gov_fund": ["政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表"],
    "state_capital": ["国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"],
}
NOTES = {
    "income_expense_summary": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "income": "注：本表反映部门本年度取得的各项收入情况。",
    "expense": "注：本表反映部门本年度各项支出情况。",
    "fiscal_summary": "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
    "general_budget_expense": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "general_budget_basic": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "three_public": "注：本表反映部门本年度“三公”经费支出预决算情况。",
    "gov_fund": "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "state_capital": "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
}
FUND_WORDS = {"gov_fund": "政府性基金预算财政拨款", "state_capital": "国有资本经营预算财政拨款"}
SMALL = {"three_public", "gov_fund", "state_capital"}  # tables that may share a page
DEFAULT_LANDSCAPE = frozenset({"income", "expense", "fiscal_summary", "three_public", "gov_fund", "state_capital"})


@dataclass(frozen=True)
class Options:
    """How a spec is printed. Every field is a layout variant; ``options_for(seed)`` draws them."""

    split_codes: bool = False  # 功能分类 codes in three cells (类 | 款 | 项) instead of one
    repeat_codes: bool = True  # with split codes: 类 and 款 printed on every row, or only where they change
    econ_split_codes: bool = False  # 经济分类 codes in two cells (类 | 款)
    econ_halves: int = 2  # the basic-expenditure table's side-by-side halves (1, 2 or 3)
    econ_all_items: bool = True  # every template item printed (most blank), or only those with money
    title_variant: int = 0  # 0: the template's titles; 1: the other wording; -1: a mix drawn from the seed
    drop_columns: bool = False  # columns no subject uses left out (支出决算表 without 经营支出 …)
    narrow: bool = False  # narrow amount columns: header cells such as 本年收入合计 wrap
    name_width: float = 150.0  # the 科目名称 column; narrow ones wrap long names
    landscape: frozenset[str] = DEFAULT_LANDSCAPE  # the kinds printed on landscape pages
    repeat_header: bool = False  # a table continued on the next page repeats its header
    page_numbers: str | None = "dash"  # dash "- 3 -" · plain "3" · di "第 3 页" · of "3 / 20" · None
    running_head: bool = False
    gb_total_last: bool = True  # 一般公共预算财政拨款支出决算表: 合计 at the foot (template) or the top
    summary_classes: str = "all24"  # all24 · all26 (with 债务还本/付息支出) · used (only the classes with money)
    three_top_row: bool = True  # the 三公 table's "财政拨款“三公”经费" row over the items
    budget_label: str = "预算数"  # or 年初预算数
    subtotal_label: str = "合计"  # the fund tables' 本年支出 sub-column: 合计 or 小计
    total_spans_code: bool = True  # the 合计 row's label across the code and name cells, or in the name cell
    unit_style: int = 0  # 0 单位：万元 · 1 金额单位：万元 · 2 编制部门：… 单位：万元 on one line
    font: str = "STSong-Light"  # or WQY (wqy-microhei, embedded)
    digit_font: str | None = None  # Helvetica / Times-Roman for digits, set lower than the Chinese
    commas: bool = True  # thousands separators
    size: float = 8.5  # table font size
    row_height: float = 0.0  # a body row's least height (taller rows: longer tables over more pages)
    empty_note_style: int = 0  # 0 说明：…本年度没有…，故本表无数据。 · 1 注：…无…，故本表为空表。
    shared_pages: bool = False  # the 三公 and fund tables follow each other on a page when they fit
    continued_title: bool = False  # a table continued on a later page has its title there, with （续）
    title_prefix: bool = False  # titles begin with the year: 2024年度收入决算表
    fund_header_in_total: bool = False  # the template's fund tables: 合计 · 基本支出 · 项目支出 printed in the 合计 row
    seed: int = 0  # for the title mix

    def title(self, kind: str) -> str:
        variants = TITLES[kind]
        if self.title_variant >= 0:
            return variants[min(self.title_variant, len(variants) - 1)]
        return random.Random(f"{self.seed}:{kind}").choice(variants)


def options_for(seed: int) -> Options:
    rng = random.Random(f"options:{seed}")
    landscape = set(DEFAULT_LANDSCAPE)
    for kind in KINDS:
        if rng.random() < 0.2:
            landscape ^= {kind}
    return Options(
        split_codes=rng.random() < 0.5,
        repeat_codes=rng.random() < 0.7,
        econ_split_codes=rng.random() < 0.3,
        econ_halves=rng.choice([1, 2, 2, 2, 3]),
        econ_all_items=rng.random() < 0.6,
        title_variant=rng.choice([0, 0, 1, -1]),
        drop_columns=rng.random() < 0.4,
        narrow=rng.random() < 0.4,
        name_width=rng.choice([95.0, 120.0, 150.0, 190.0]),
        landscape=frozenset(landscape),
        repeat_header=rng.random() < 0.4,
        page_numbers=rng.choice(["dash", "plain", "di", "of", None]),
        running_head=rng.random() < 0.3,
        gb_total_last=rng.random() < 0.7,
        summary_classes=rng.choice(["all24", "all24", "all26", "used"]),
        three_top_row=rng.random() < 0.7,
        budget_label=rng.choice(["预算数", "年初预算数"]),
        subtotal_label=rng.choice(["合计", "小计"]),
        total_spans_code=rng.random() < 0.6,
        unit_style=rng.choice([0, 0, 1, 2]),
        font=rng.choice(["STSong-Light", "STSong-Light", "WQY"]),
        digit_font=rng.choice([None, None, "Helvetica", "Times-Roman"]),
        commas=rng.random() < 0.85,
        size=rng.choice([8.0, 8.5, 9.0]),
        row_height=rng.choice([0.0, 0.0, 18.0, 24.0]),
        empty_note_style=rng.choice([0, 1]),
        shared_pages=rng.random() < 0.4,
        continued_title=rng.random() < 0.25,
        title_prefix=rng.random() < 0.2,
        fund_header_in_total=rng.random() < 0.3,
        seed=seed,
    )


# -- ground truth --------------------------------------------------------------------------------------
@dataclass
class ExpectedRow:
    kind: str
    key: str  # the code, or the item's name as printed (合计, 一、一般公共预算财政拨款收入, 公务接待费 …)
    side: str | None
    amounts: dict[str, Decimal | None]  # normalised column → value; None for a blank cell
    parent: str | None = None  # a summary table's carried-over group (年初财政拨款结转和结余)
    page: int = 0
    name: str = ""  # the subject's name as printed, a wrapped name joined (the key when empty)

    @property
    def amounts_printed(self) -> int:
        return sum(1 for v in self.amounts.values() if v is not None)


@dataclass
class ExpectedTable:
    kind: str
    title: str
    unit: str
    empty: bool
    empty_note: str | None
    columns: list[str]  # the printed amount columns (normalised)
    rows: list[ExpectedRow] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({r.page for r in self.rows})


@dataclass
class Truth:
    department: str
    year: int
    unit: str
    tables: dict[str, ExpectedTable]
    figures: dict[str, Decimal]  # subject as the narrative words it → value (in the document's unit)


@dataclass
class Document:
    spec: Spec
    options: Options
    form: str  # pdf · text
    data: bytes
    truth: Truth

    @property
    def name(self) -> str:
        return f"generated-{self.spec.seed}-{self.spec.year}-final-accounts.{ 'pdf' if self.form == 'pdf' else 'txt'}"


# -- building the document -----------------------------------------------------------------------------
class Builder:
    def __init__(self, spec: Spec, options: Options) -> None:
        self.spec = spec
        self.o = options
        self.blocks: list[Block] = []
        self.previous: str | None = None
        self.tables: dict[str, ExpectedTable] = {}
        self.figures: dict[str, Decimal] = {}

    # amounts
    def cell(self, cents: Cents | None, zero: bool = False) -> tuple[str, Decimal | None]:
        """The printed text and the expected value of an amount cell."""
        if cents is None or cents == 0 and not zero:
            return "", None
        if cents == 0:
            text = self.spec.zero_cells
            if text == "blank":
                return "", None
            return text, Decimal(0)
        return fmt(cents, self.o.commas), decimal(cents)

    def money(self, cents: Cents) -> str:
        """An amount in the narrative: no thousands separators, as the 情况说明 prints them."""
        return fmt(cents, False)

    def unit_line(self) -> Para:
        unit = self.spec.unit
        text = [f"单位：{unit}", f"金额单位：{unit}", f"编制部门：{self.spec.department}        单位：{unit}"][self.o.unit_style]
        return Para(text, size=9, indent=0, align="left" if self.o.unit_style == 2 else "right", before=2)

    def start_table(self, kind: str, columns: list[str], first: bool = False) -> ExpectedTable:
        orientation = "landscape" if kind in self.o.landscape else "portrait"
        title = self.o.title(kind)
        if self.o.title_prefix:
            title = f"{self.spec.year}年度{title}"
        self.lead = [Para(title, size=15, indent=0, align="center", before=6), self.unit_line()]
        self.new_page: str | None = orientation
        if first:
            self.blocks.append(Para(f"第二部分 {self.spec.department}{self.spec.year}年度部门决算表", size=14, indent=0,
                                    align="center", new_page=orientation))
            self.new_page = None
        elif self.o.shared_pages and kind in SMALL and self.previous in SMALL:
            self.new_page = None  # a small table follows the one above on its page when it fits
            self.lead[0].before = 24
        self.previous = kind
        self.continued = f"{title}（续）" if self.o.continued_title else None
        table = ExpectedTable(kind, title, self.spec.unit, False, None, columns)
        self.tables[kind] = table
        return table

    def end_table(self, kind: str, empty_note: str | None = None) -> None:
        self.blocks.append(Para(NOTES[kind], size=9, indent=0, before=3))
        if empty_note:
            self.blocks.append(Para(empty_note, size=9, indent=0))
            self.tables[kind].empty_note = empty_note
            self.tables[kind].empty = True

    def table(self, kind: str, widths, header, n_header, body) -> Table:
        t = Table(kind, widths, header, n_header, body, size=self.o.size, repeat_header=self.o.repeat_header,
                  min_height=self.o.row_height, lead=self.lead, new_page=self.new_page, continued=self.continued)
        self.blocks.append(t)
        return t

    # widths
    def amount_width(self, values: list[str], labels: list[str]) -> float:
        from .layout import PAD
        fonts = self.fonts()
        longest = max([fonts.width(v, self.o.size) for v in values if v] + [30.0]) + 2 * PAD + 4
        if self.o.narrow:
            return max(longest, 44.0)
        return max(longest, max(fonts.width(label, self.o.size) for label in labels) + 2 * PAD + 6)

    def fonts(self) -> Fonts:
        return Fonts(register(self.o.font), self.o.digit_font, 1.2 if self.o.digit_font else 0.0)

    # -- the classified tables (功能分类) ----------------------------------------------------------
    def classified(self, kind: str, first: bool = False) -> None:
        spec, o = self.spec, self.o
        rows = classified_rows(spec, kind)
        template = {"income": INCOME_COLUMNS, "expense": EXPENSE_COLUMNS, "general_budget_expense": ["合计", "基本支出", "项目支出"],
                    "gov_fund": ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"],
                    "state_capital": ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]}[kind]
        fund = kind in ("gov_fund", "state_capital")
        empty = fund and len(rows) == 1
        columns = list(template)
        if o.drop_columns and kind in ("income", "expense"):
            optional = {"income": ["上级补助收入", "经营收入", "附属单位上缴收入"], "expense": ["上缴上级支出", "经营支出", "对附属单位补助支出"]}[kind]
            columns = [c for c in columns if c not in optional or rows[0].values[c]]
        table = self.start_table(kind, columns, first)

        ncode = 3 if o.split_codes else 1
        code_widths = [24.0] * 3 if o.split_codes else [max(52.0, self.fonts().width("科目编码", o.size) + 10)]
        zero_cols = {"年初结转和结余", "年末结转和结余"} if fund else set()
        texts = {c: [self.cell(r.values[c], c in zero_cols)[0] for r in rows] for c in columns}
        labels = {c: self.label(kind, c) for c in columns}
        widths = code_widths + [o.name_width] + [self.amount_width(texts[c], [labels[c]]) for c in columns]

        # header: 项目 over the code and name columns; each amount column spans the header rows, but
        # a fund table's 本年支出 groups 合计/小计 · 基本支出 · 项目支出 under it
        n_header = 3 if o.split_codes else 2
        header = [HCell(0, 0, "项目", colspan=ncode + 1),
                  HCell(1, 0, "功能分类\n科目编码" if not o.split_codes else "支出功能分类\n科目编码", colspan=ncode),
                  HCell(1, ncode, "科目名称", rowspan=n_header - 1)]
        if o.split_codes:
            header += [HCell(2, 0, "类"), HCell(2, 1, "款"), HCell(2, 2, "项")]
        j = ncode + 1
        spent = [c for c in ("本年支出合计", "基本支出", "项目支出") if c in columns] if fund else []
        quirk = fund and o.fund_header_in_total
        for c in columns:
            if c in spent:
                if c == spent[0]:
                    header.append(HCell(0, j, "本年支出", colspan=len(spent), rowspan=n_header if quirk else 1))
                if not quirk:
                    header.append(HCell(1, j, labels[c], rowspan=n_header - 1))
            else:
                header.append(HCell(0, j, labels[c], rowspan=n_header))
            j += 1

        body: list[BodyRow] = []
        total_row = None
        for r in rows:
            amounts = []
            truth = {}
            for c in columns:
                text, value = self.cell(r.values[c], c in zero_cols)
                amounts.append(BCell(text, "right"))
                truth[c] = value
            if r.code is None:
                if quirk:
                    # the template prints 本年支出's sub-columns in the 合计 row, in place of its amounts
                    for i, c in enumerate(columns):
                        if c in spent:
                            amounts[i] = BCell(labels[c], "center")
                            truth[c] = None
                label = BCell("合计", "center", colspan=ncode + 1) if o.total_spans_code else None
                cells = [label] if label else [BCell("") for _ in range(ncode)] + [BCell("合计", "center")]
                row = BodyRow(cells + amounts, [ExpectedRow(kind, "合计", None, truth)])
                total_row = row
                continue
            if o.split_codes:
                parts = [r.code[:3], r.code[3:5], r.code[5:7]]
                shown = list(parts)
                if not o.repeat_codes:
                    # each row prints only its own level's part: 201 · 06 · 01
                    shown = [p if i == (len(r.code) - 3) // 2 else "" for i, p in enumerate(parts)]
                code_cells = [BCell(p, "center") for p in shown]
            else:
                code_cells = [BCell(r.code, "left")]
            body.append(BodyRow(code_cells + [BCell(r.name)] + amounts, [ExpectedRow(kind, r.code, None, truth, name=r.name)]))
        if total_row is not None and not empty:
            if kind == "general_budget_expense" and o.gb_total_last:
                body.append(total_row)
            else:
                body.insert(0, total_row)
        if empty:
            # the template's empty form: the 合计 row and a few blank rows
            blank = [BCell("") for _ in range(ncode + 1 + len(columns))]
            body = [total_row] + [BodyRow(list(blank)) for _ in range(2)]  # type: ignore[list-item]
        self.table(kind, widths, header, n_header, body)
        table.rows = [t for row in body for t in row.truth]
        note = None
        if empty:
            words = FUND_WORDS[kind]
            note = (f"说明：{spec.department}本年度没有{words}收入和支出，故本表无数据。" if o.empty_note_style == 0
                    else f"注：本单位无{words}收入、支出及结转和结余，故本表为空表。")
        self.end_table(kind, note)

    def label(self, kind: str, column: str) -> str:
        if column == "本年支出合计" and kind in ("gov_fund", "state_capital"):
            return self.o.subtotal_label
        return column

    # -- the summary tables ------------------------------------------------------------------------
    def summary_classes(self, values: dict[str, Cents]) -> list[str]:
        if self.o.summary_classes == "used":
            return [c for c in SUMMARY_CLASSES_26 if values.get(c)]
        return SUMMARY_CLASSES_26 if self.o.summary_classes == "all26" else SUMMARY_CLASSES_24

    def income_expense_summary(self, first: bool) -> None:
        spec = self.spec
        kind = "income_expense_summary"
        table = self.start_table(kind, ["决算数"], first)
        totals = summary_totals(spec)
        by_class = class_totals(spec, "本年支出合计")
        sources = {"gb": spec.total("gb_in"), "gf": spec.total("gf_in"), "sc": spec.total("sc_in")}
        left = []
        for i, (label, source) in enumerate(INCOME_ITEMS):
            value = sources[source] if source in sources else spec.total(source)
            left.append((f"{ORDINALS[i]}、{label}", value, None))
        right = [(f"{ORDINALS[i]}、{CLASSES[c]}", by_class.get(c, 0), None) for i, c in enumerate(self.summary_classes(by_class))]
        tail = [(("本年收入合计", totals["income"], None), ("本年支出合计", totals["expense"], None)),
                (("使用非财政拨款结余", spec.use_balance, None), ("结余分配", spec.distribution, None)),
                (("年初结转和结余", totals["begin"], None), ("年末结转和结余", totals["end"], None)),
                (("总计", totals["grand"], None), ("总计", totals["grand"], None))]
        self.summary_table(kind, [["决算数"], ["决算数"]], left, right, tail, table)

    def fiscal_summary(self) -> None:
        spec = self.spec
        kind = "fiscal_summary"
        columns = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
        table = self.start_table(kind, ["决算数", *columns])
        funds = fund_totals(spec)
        gb = {c: v for c, v in class_totals(spec, "合计", "general_budget_expense").items()}
        gf = {c: 0 for c in CLASSES}
        sc = {c: 0 for c in CLASSES}
        for leaf in spec.leaves:
            gf[leaf.code[:3]] += leaf["gf_project"]
            sc[leaf.code[:3]] += leaf["sc_project"]
            if leaf.fund is not None:
                gb[leaf.code[:3]] = gb.get(leaf.code[:3], 0) - leaf_columns(leaf, "general_budget_expense")["合计"]
        every = {c: gb.get(c, 0) + gf[c] + sc[c] for c in CLASSES}
        left = [(f"{ORDINALS[i]}、{label}", funds[f]["in"], None) for i, (label, f) in enumerate(FISCAL_INCOME_ITEMS)]
        right = [(f"{ORDINALS[i]}、{CLASSES[c]}", (every[c], gb.get(c, 0), gf[c], sc[c]), None)
                 for i, c in enumerate(self.summary_classes(every))]
        spent = tuple(sum(funds[f]["out"] for f in funds) if k == 0 else funds[("gb", "gf", "sc")[k - 1]]["out"] for k in range(4))
        end = tuple(sum(funds[f]["end"] for f in funds) if k == 0 else funds[("gb", "gf", "sc")[k - 1]]["end"] for k in range(4))
        income = sum(funds[f]["in"] for f in funds)
        begin = sum(funds[f]["begin"] for f in funds)
        carry = "年初财政拨款结转和结余"
        tail = [(("本年收入合计", income, None), ("本年支出合计", spent, None)),
                ((carry, begin, None), ("年末财政拨款结转和结余", end, None))]
        tail += [((f"{ORDINALS[i]}、{label}", funds[f]["begin"], carry), None) for i, (label, f) in enumerate(FISCAL_INCOME_ITEMS)]
        tail += [(("总计", income + begin, None), ("总计", tuple(a + b for a, b in zip(spent, end)), None))]
        self.summary_table(kind, [["决算数"], columns], left, right, tail, table)

    def summary_table(self, kind, sides, left, right, tail, table: ExpectedTable) -> None:
        o = self.o
        income_cols, expense_cols = sides
        fonts = self.fonts()
        item_w = 122.0 if o.narrow else 175.0
        if len(expense_cols) > 1 and kind not in o.landscape:
            item_w = 118.0 if o.narrow else 140.0
        values = []
        for items in (left, right):
            for _, v, _ in items:
                values.extend(v if isinstance(v, tuple) else (v,))
        for pair in tail:
            for item in pair:
                if item:
                    values.extend(item[1] if isinstance(item[1], tuple) else (item[1],))
        longest = max(fonts.width(fmt(v, o.commas), o.size) for v in values if v) if any(values) else 30.0
        amount_w = max(longest + 12, 44.0 if o.narrow else 62.0)
        widths = [item_w] + [amount_w] * len(income_cols) + [item_w] + [amount_w] * len(expense_cols)
        header = [HCell(0, 0, "收入", colspan=1 + len(income_cols)), HCell(0, 1 + len(income_cols), "支出", colspan=1 + len(expense_cols)),
                  HCell(1, 0, "项目")]
        header += [HCell(1, 1 + i, c) for i, c in enumerate(income_cols)]
        header += [HCell(1, 1 + len(income_cols), "项目")]
        header += [HCell(1, 2 + len(income_cols) + i, c) for i, c in enumerate(expense_cols)]

        def half(item, cols, side):
            if item is None:
                return [BCell("")] + [BCell("", "right") for _ in cols], None
            name, value, parent = item
            vals = value if isinstance(value, tuple) else (value,)
            cells = [BCell(name)]
            truth = {}
            for c, v in zip(cols, vals):
                text, d = self.cell(v)
                cells.append(BCell(text, "right"))
                truth[c] = d
            return cells, ExpectedRow(kind, name, side, truth, parent)

        body = []
        for l_item, r_item in [*zip_longest(left, right), *tail]:
            lc, lt = half(l_item, income_cols, "收入")
            rc, rt = half(r_item, expense_cols, "支出")
            body.append(BodyRow(lc + rc, [t for t in (lt, rt) if t]))
        self.table(kind, widths, header, 2, body)
        table.rows = [t for row in body for t in row.truth]
        self.end_table(kind)

    # -- the basic-expenditure table (经济分类) ---------------------------------------------------------
    def general_budget_basic(self) -> None:
        spec, o = self.spec, self.o
        kind = "general_budget_basic"
        table = self.start_table(kind, ["决算数"])
        groups = economic_rows(spec, o.econ_all_items)
        if o.econ_halves == 1:
            halves = [[r for c in ("301", "302", "303", "310") for r in groups.get(c, [])]]
        elif o.econ_halves == 2:
            halves = [[r for c in ("301", "303") for r in groups.get(c, [])], [r for c in ("302", "310") for r in groups.get(c, [])]]
        else:
            halves = [[r for c in ("301", "303") for r in groups.get(c, [])], groups.get("302", []), groups.get("310", [])]
        ncode = 2 if o.econ_split_codes else 1
        fonts = self.fonts()
        texts = [self.cell(r.values["决算数"])[0] for h in halves for r in h] + [fmt(personnel_total(spec), o.commas)]
        amount_w = self.amount_width(texts, ["决算数"])
        name_w = {1: 190.0, 2: 118.0, 3: 92.0}[o.econ_halves] if o.name_width >= 120 else {1: 150.0, 2: 92.0, 3: 80.0}[o.econ_halves]
        code_w = [24.0, 22.0] if ncode == 2 else [max(40.0, fonts.width("科目编码", o.size) + 10)]
        widths: list[float] = []
        header: list[HCell] = []
        n_header = 2 if ncode == 2 else 1
        for h in range(len(halves)):
            base = len(widths)
            widths += code_w + [name_w, amount_w]
            header.append(HCell(0, base, "经济分类\n科目编码", colspan=ncode))
            header.append(HCell(0, base + ncode, "科目名称", rowspan=n_header))
            header.append(HCell(0, base + ncode + 1, "决算数", rowspan=n_header))
            if ncode == 2:
                header += [HCell(1, base, "类"), HCell(1, base + 1, "款")]
        body = []
        for items in zip_longest(*halves):
            cells, truth = [], []
            for r in items:
                if r is None:
                    cells += [BCell("") for _ in range(ncode + 2)]
                    continue
                if ncode == 2:
                    cells += [BCell(r.code[:3], "center"), BCell(r.code[3:], "center")]
                else:
                    cells.append(BCell(r.code))
                text, value = self.cell(r.values["决算数"])
                cells += [BCell(r.name), BCell(text, "right")]
                truth.append(ExpectedRow(kind, r.code, None, {"决算数": value}, name=r.name))
            body.append(BodyRow(cells, truth))
        # 人员经费合计 | 公用经费合计 under the halves
        cells, truth = [], []
        totals = [("人员经费合计", personnel_total(spec)), ("公用经费合计", public_total(spec))]
        if len(halves) == 1:
            for label, value in totals:
                text, d = self.cell(value)
                body.append(BodyRow([BCell(label, "center", colspan=ncode + 1), BCell(text, "right")],
                                    [ExpectedRow(kind, label, None, {"决算数": d})]))
        else:
            for h in range(len(halves)):
                if h < 2:
                    label, value = totals[h]
                    text, d = self.cell(value)
                    cells += [BCell(label, "center", colspan=ncode + 1), BCell(text, "right")]
                    truth.append(ExpectedRow(kind, label, None, {"决算数": d}))
                else:
                    cells += [BCell("", colspan=ncode + 1), BCell("")]
            body.append(BodyRow(cells, truth))
        self.table(kind, widths, header, n_header, body)
        table.rows = [t for row in body for t in row.truth]
        self.end_table(kind)

    # -- 三公 ------------------------------------------------------------------------------------------
    def three_public(self) -> None:
        spec, o = self.spec, self.o
        kind = "three_public"
        table = self.start_table(kind, ["年初预算数", "决算数"])
        values = three_public_values(spec)
        order = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
        top = 1 if o.three_top_row else 0
        n_header = 3 + top
        header = []
        if top:
            header.append(HCell(0, 0, "财政拨款“三公”经费", colspan=12))
        header += [HCell(top, 0, "合计", rowspan=2, colspan=2), HCell(top, 2, "因公出国（境）费", rowspan=2, colspan=2),
                   HCell(top, 4, "公务用车购置及运行维护费", colspan=6), HCell(top, 10, "公务接待费", rowspan=2, colspan=2),
                   HCell(top + 1, 4, "小计", colspan=2), HCell(top + 1, 6, "公务用车购置费", colspan=2),
                   HCell(top + 1, 8, "公务用车运行维护费", colspan=2)]
        for i in range(6):
            header += [HCell(top + 2, 2 * i, o.budget_label), HCell(top + 2, 2 * i + 1, "决算数")]
        cells, truth = [], []
        for item in order:
            budget, actual = values[item]
            amounts = {}
            for column, v in (("年初预算数", budget), ("决算数", actual)):
                text, d = self.cell(v, zero=True)
                cells.append(BCell(text, "right"))
                amounts[column] = d
            truth.append(ExpectedRow(kind, item, None, amounts))
        fonts = self.fonts()
        w = max(56.0, max(fonts.width(c.text, o.size) for c in cells if c.text) + 12 if any(c.text for c in cells) else 56.0)
        body = [BodyRow(cells, truth)]
        self.table(kind, [w] * 12, header, n_header, body)
        # a data row whose every cell is blank prints nothing to read: no rows
        table.rows = truth if any(c.text for c in cells) else []
        table.empty = not any(v for pair in values.values() for v in pair)
        self.end_table(kind)

    # -- the document ----------------------------------------------------------------------------------
    def build(self) -> list[Block]:
        spec, o = self.spec, self.o
        d, y = spec.department, spec.year
        b = self.blocks
        b.append(Gap(180))
        b.append(Para(d, size=22, indent=0, align="center"))
        b.append(Para(f"{y}年度部门决算", size=22, indent=0, align="center", before=12))
        # 目录
        b.append(Para("目 录", size=16, indent=0, align="center", new_page="portrait"))
        toc = [f"第一部分 {d}概况", "一、主要职能", "二、部门决算单位构成", f"第二部分 {d}{y}年度部门决算表"]
        toc += [f"{ORDINALS[i]}、{o.title(k)}" for i, k in enumerate(KINDS)]
        toc += [f"第三部分 {d}{y}年度部门决算情况说明"] + [f"{ORDINALS[i]}、{t}" for i, t in enumerate(SECTION_TITLES)]
        toc += ["第四部分 名词解释"]
        for line in toc:
            b.append(Para(line, size=11, indent=0 if line.startswith("第") else 2))
        # 第一部分
        b.append(Para(f"第一部分 {d}概况", size=15, indent=0, align="center", new_page="portrait"))
        b.append(Para("一、主要职能", size=12, indent=2, before=6))
        b.append(Para(f"{d}的主要职能是：贯彻执行国家和本市的有关法律、法规和方针政策；负责本领域的规划、管理和服务工作；"
                      "完成上级交办的其他任务。", size=11))
        b.append(Para("二、部门决算单位构成", size=12, indent=2, before=6))
        b.append(Para(f"纳入{d}{y}年度部门决算编制范围的单位共{len(spec.units)}家，具体包括：", size=11))
        rows = [BodyRow([BCell(str(i + 1), "center"), BCell(u), BCell("")]) for i, u in enumerate(spec.units)]
        b.append(Table(None, [50.0, 300.0, 100.0], [HCell(0, 0, "序号"), HCell(0, 1, "单位名称"), HCell(0, 2, "备注")], 1, rows, size=10))
        # 第二部分: the nine tables
        self.income_expense_summary(first=True)
        self.classified("income")
        self.classified("expense")
        self.fiscal_summary()
        self.classified("general_budget_expense")
        self.general_budget_basic()
        self.three_public()
        self.classified("gov_fund")
        self.classified("state_capital")
        # 第三部分 and 第四部分
        self.narrative()
        return b

    def narrative(self) -> None:
        spec = self.spec
        d, y, u = spec.department, spec.year, spec.unit
        b = self.blocks
        m = self.money
        totals = summary_totals(spec)
        funds = fund_totals(spec)
        b.append(Para(f"第三部分 {d}{y}年度部门决算情况说明", size=15, indent=0, align="center", new_page="portrait"))

        def heading(i: int) -> None:
            b.append(Para(f"{ORDINALS[i]}、{SECTION_TITLES[i]}", size=12, indent=2, before=6))

        def change(now: Cents, before: Cents) -> str:
            diff = now - before
            if diff == 0:
                return "持平"
            word, rate = ("增加", "增长") if diff > 0 else ("减少", "下降")
            return f"{word}{m(abs(diff))}{u}，{rate}{percent(abs(diff), before)}%"

        heading(0)
        b.append(Para(f"{d}{y}年度收入支出总计{m(totals['grand'])}{u}。与{y - 1}年度相比，收入支出总计"
                      f"{change(totals['grand'], spec.last_year['grand'])}。主要原因：项目经费收支变动。"))
        self.figures["收入支出总计"] = decimal(totals["grand"])

        heading(1)
        income = totals["income"]
        parts = [("财政拨款收入", funds["gb"]["in"] + funds["gf"]["in"] + funds["sc"]["in"])]
        parts += [(k, spec.total(k)) for k in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")]
        parts = [(k, v) for k, v in parts if v]
        said = "；".join(f"{k}{m(v)}{u}，占{percent(v, income)}%" for k, v in parts)
        b.append(Para(f"本年收入合计{m(income)}{u}，其中：{said}。"))
        self.figures["本年收入合计"] = decimal(income)
        for k, v in parts:
            self.figures[k] = decimal(v)

        heading(2)
        expense = totals["expense"]
        cols = {c: sum(leaf_columns(leaf, "expense")[c] for leaf in spec.leaves) for c in EXPENSE_COLUMNS[1:]}
        parts = [(k, v) for k, v in cols.items() if v]
        said = "；".join(f"{k}{m(v)}{u}，占{percent(v, expense)}%" for k, v in parts)
        b.append(Para(f"本年支出合计{m(expense)}{u}，其中：{said}。"))
        self.figures["本年支出合计"] = decimal(expense)
        for k, v in parts:
            self.figures[k] = decimal(v)

        heading(3)
        fiscal_grand = sum(funds[f]["in"] + funds[f]["begin"] for f in funds)
        b.append(Para(f"{d}{y}年度财政拨款收入支出总计{m(fiscal_grand)}{u}。与{y - 1}年度相比，财政拨款收入支出总计"
                      f"{change(fiscal_grand, spec.last_year['fiscal'])}。主要原因：项目经费变动。"))

        heading(4)
        gb = funds["gb"]["out"]
        b.append(Para("（一）一般公共预算财政拨款支出决算总体情况", size=11))
        b.append(Para(f"一般公共预算财政拨款支出{m(gb)}{u}，占本年支出合计的{percent(gb, expense)}%。与{y - 1}年度相比，"
                      f"一般公共预算财政拨款支出{change(gb, spec.last_year['gb'])}。主要原因：人员经费及项目经费变动。"))
        self.figures["一般公共预算财政拨款支出"] = decimal(gb)
        b.append(Para("（二）一般公共预算财政拨款支出决算结构情况", size=11))
        by_class = {c: v for c, v in class_totals(spec, "合计", "general_budget_expense").items() if v}
        said = "；".join(f"{CLASSES[c]}（类）{m(v)}{u}，占{percent(v, gb)}%" for c, v in sorted(by_class.items()))
        b.append(Para(f"一般公共预算财政拨款支出{m(gb)}{u}，主要用于以下方面：{said}。"))
        b.append(Para("（三）一般公共预算财政拨款支出决算具体情况", size=11))
        b.append(Para(f"一般公共预算财政拨款支出年初预算为{m(spec.gb_budget)}{u}，支出决算为{m(gb)}{u}，"
                      f"完成年初预算的{percent(gb, spec.gb_budget)}%。其中："))
        n = 0
        for leaf in spec.leaves:
            if leaf.fund is not None:
                continue
            n += 1
            spent = leaf["gb_basic"] + leaf["gb_project"]
            budget = spec.leaf_budgets[leaf.code]
            why = "预决算持平。" if budget == spent else f"决算数{'大于' if spent > budget else '小于'}预算数的主要原因：年中预算调整。"
            b.append(Para(f"{n}、{CLASSES[leaf.code[:3]]}（类）{spec.section_name(leaf.code[:5])}（款）{leaf.name}（项）。"
                          f"主要用于：保障相关工作开展。年初预算为{m(budget)}{u}，支出决算为{m(spent)}{u}。{why}"))

        heading(5)
        basic = personnel_total(spec) + public_total(spec)
        p_items = "、".join(name for _, name in _items(spec, PERSONNEL_CLASSES))
        g_items = "、".join(name for _, name in _items(spec, ("302", "310")))
        b.append(Para(f"一般公共预算财政拨款基本支出{m(basic)}{u}。其中：人员经费{m(personnel_total(spec))}{u}，主要包括：{p_items}；"
                      f"公用经费{m(public_total(spec))}{u}，主要包括：{g_items}。"))
        self.figures["人员经费"] = decimal(personnel_total(spec))
        self.figures["公用经费"] = decimal(public_total(spec))

        heading(6)
        tp = three_public_values(spec)
        budget, actual = tp["合计"]
        if not budget and not actual:
            b.append(Para(f"{d}{y}年度无“三公”经费财政拨款支出。"))
        else:
            pieces = []
            for item, word in (("因公出国（境）费", "因公出国（境）费决算为"), ("公务用车购置及运行维护费", "公务用车购置及运行维护费支出决算为"),
                               ("公务接待费", "公务接待费支出决算为")):
                ib, ia = tp[item]
                pieces.append(f"{word}{m(ia)}{u}" + (f"，完成预算的{percent(ia, ib)}%" if ib else ""))
            b.append(Para(f"“三公”经费财政拨款支出年初预算为{m(budget)}{u}，支出决算为{m(actual)}{u}，完成预算的"
                          f"{percent(actual, budget)}%，其中：{'；'.join(pieces)}。"))

        for i, kind, key in ((7, "gov_fund", "gf"), (8, "state_capital", "sc")):
            heading(i)
            words = FUND_WORDS[kind]
            if self.tables[kind].empty:
                b.append(Para(f"{d}{y}年度无{words}收入和支出。"))
            else:
                b.append(Para(f"{words}收入{m(funds[key]['in'])}{u}，支出{m(funds[key]['out'])}{u}。"))
        heading(9)
        b.append(Para(f"{d}{y}年度按规定开展预算绩效管理工作，对纳入绩效目标管理的项目全面编报绩效目标。"))
        heading(10)
        b.append(Para("（一）机关运行经费支出情况", size=11))
        b.append(Para(f"{y}年度本部门机关运行经费支出按规定使用，具体数据见相关公开内容。"))
        b.append(Para("第四部分 名词解释", size=15, indent=0, align="center", before=12))
        for i, (term, text) in enumerate(GLOSSARY):
            b.append(Para(f"{ORDINALS[i]}、{term}：{text}"))


SECTION_TITLES = ["收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明", "财政拨款收入支出决算总体情况说明",
                  "一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款基本支出决算情况说明",
                  "财政拨款“三公”经费支出决算情况说明", "政府性基金预算财政拨款收入支出决算情况说明",
                  "国有资本经营预算财政拨款收入支出决算情况说明", "预算绩效管理情况", "其他重要事项说明"]
GLOSSARY = [
    ("财政拨款收入", "指本级财政当年拨付的资金。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("“三公”经费", "指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
]


def _items(spec: Spec, classes) -> list[tuple[str, str]]:
    out = []
    for cls in classes:
        for code, name in ECONOMIC[cls][1]:
            if spec.economic.get(code):
                out.append((code, name))
    return out


def build(spec: Spec, options: Options) -> tuple[list[Block], Builder]:
    builder = Builder(spec, options)
    return builder.build(), builder


def expected(spec: Spec, options: Options) -> Truth:
    """The ground truth: every statutory table's rows with their pages, and the narrative's figures."""
    blocks, builder = build(spec, options)
    fonts = builder.fonts()
    layout(blocks, fonts, options.page_numbers, _running_head(spec, options))
    for block in blocks:
        if isinstance(block, Table):
            for row in block.body:
                for t in row.truth:
                    t.page = row.page
    return Truth(spec.department, spec.year, spec.unit, builder.tables, builder.figures)


def _running_head(spec: Spec, options: Options) -> str | None:
    return f"{spec.department}{spec.year}年度部门决算" if options.running_head else None


def render(spec: Spec, options: Options, form: str = "pdf") -> Document:
    """The document as PDF bytes or as page texts (UTF-8), and its truth."""
    blocks, builder = build(spec, options)
    fonts = builder.fonts()
    pages = layout(blocks, fonts, options.page_numbers, _running_head(spec, options))
    for block in blocks:
        if isinstance(block, Table):
            for row in block.body:
                for t in row.truth:
                    t.page = row.page
    truth = Truth(spec.department, spec.year, spec.unit, builder.tables, builder.figures)
    if form == "pdf":
        data = pdf_bytes(pages, fonts, f"{spec.department}{spec.year}年度部门决算")
    else:
        data = page_texts(pages).encode("utf-8")
    return Document(spec, options, form, data, truth)


def generate(seed: int, form: str = "pdf", **overrides) -> Document:
    """``render(make_spec(seed), options_for(seed) with overrides, form)``."""
    from .spec import make_spec

    spec_keys = {"unit", "department_kind", "year", "gov_fund", "state_capital", "many", "zero_cells"}
    spec = make_spec(seed, **{k: v for k, v in overrides.items() if k in spec_keys})
    options = replace(options_for(seed), **{k: v for k, v in overrides.items() if k not in spec_keys})
    return render(spec, options, form)
