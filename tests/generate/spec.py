"""One department-year's accounts, drawn from a seed, and the statutory tables' rows computed from them.

Money is held in integer hundredths of the document's unit (万元 or 元), so every total is exact:
类 = Σ款 = Σ项 in every column, the 合计 row = Σ类, 本年支出合计 = 基本支出 + 项目支出 + …,
本年收入合计 = Σ sources, and the summary tables' 总计 balance. A cell whose amount is 0 is printed
blank unless the document prints its zeros (``Spec.zero_cells``); blank is None, never 0.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .catalog import CLASSES, ECONOMIC, PERSONNEL, PERSONNEL_CLASSES, SECTIONS, USUAL, WORK, department_names

Cents = int

# normalised column names (statutory.toml [columns]) of the classified tables, template order
INCOME_COLUMNS = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
EXPENSE_COLUMNS = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
GB_COLUMNS = ["合计", "基本支出", "项目支出"]
FUND_COLUMNS = ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]
THREE_ITEMS = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
# the leaf amounts a 项 carries
LEAF_KEYS = ["gb_basic", "gb_project", "gf_project", "sc_project", "other_basic", "other_project", "上缴上级支出", "经营支出",
             "对附属单位补助支出", "gb_in", "gf_in", "sc_in", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
             "gf_begin", "sc_begin"]


@dataclass
class Leaf:
    """A 项 subject and its money."""

    code: str
    name: str
    spend: str  # basic · project · mixed
    fund: str | None  # gf · sc · None (一般公共预算)
    money: dict[str, Cents] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Cents:
        return self.money.get(key, 0)


@dataclass
class Spec:
    seed: int
    department: str
    department_kind: str
    year: int
    unit: str  # 万元 · 元
    leaves: list[Leaf]
    economic: dict[str, Cents]  # 经济分类 款 → 决算数 (一般公共预算财政拨款基本支出)
    three_public: dict[str, tuple[Cents, Cents]]  # 因公出国（境）费 · 公务用车购置费 · 公务用车运行维护费 · 公务接待费 → (预算, 决算)
    begin: dict[str, Cents]  # 年初财政拨款结转和结余 by fund (gb · gf · sc) and the non-fiscal rest ("other")
    use_balance: Cents  # 使用非财政拨款结余
    distribution: Cents  # 结余分配
    gb_budget: Cents  # 一般公共预算财政拨款支出年初预算
    leaf_budgets: dict[str, Cents]
    last_year: dict[str, Cents]  # totals of the year before, for the narrative's comparisons
    units: list[str]  # the units the department's accounts include
    zero_cells: str = "blank"  # how the 三公 and fund tables print a zero: blank · 0 · 0.00

    # -- subjects --------------------------------------------------------------------------------
    def class_name(self, code: str) -> str:
        return CLASSES[code]

    def section_name(self, code: str) -> str:
        return SECTIONS[code][0]

    def subject_name(self, code: str) -> str:
        if len(code) == 3:
            return CLASSES[code]
        if len(code) == 5:
            return SECTIONS[code][0]
        return next(leaf.name for leaf in self.leaves if leaf.code == code)

    def has(self, key: str) -> bool:
        return any(leaf[key] for leaf in self.leaves)

    def total(self, key: str) -> Cents:
        return sum(leaf[key] for leaf in self.leaves)

    @property
    def gf_empty(self) -> bool:
        return not any(leaf.fund == "gf" for leaf in self.leaves)

    @property
    def sc_empty(self) -> bool:
        return not any(leaf.fund == "sc" for leaf in self.leaves)


# -- per-leaf columns of each classified table ------------------------------------------------------------
def leaf_columns(leaf: Leaf, kind: str) -> dict[str, Cents]:
    basic = leaf["gb_basic"] + leaf["other_basic"]
    project = leaf["gb_project"] + leaf["gf_project"] + leaf["sc_project"] + leaf["other_project"]
    if kind == "income":
        fiscal = leaf["gb_in"] + leaf["gf_in"] + leaf["sc_in"]
        sources = {"财政拨款收入": fiscal, "上级补助收入": leaf["上级补助收入"], "事业收入": leaf["事业收入"],
                   "经营收入": leaf["经营收入"], "附属单位上缴收入": leaf["附属单位上缴收入"], "其他收入": leaf["其他收入"]}
        return {"本年收入合计": sum(sources.values()), **sources}
    if kind == "expense":
        parts = {"基本支出": basic, "项目支出": project, "上缴上级支出": leaf["上缴上级支出"], "经营支出": leaf["经营支出"],
                 "对附属单位补助支出": leaf["对附属单位补助支出"]}
        return {"本年支出合计": sum(parts.values()), **parts}
    if kind == "general_budget_expense":
        return {"合计": leaf["gb_basic"] + leaf["gb_project"], "基本支出": leaf["gb_basic"], "项目支出": leaf["gb_project"]}
    if kind in ("gov_fund", "state_capital"):
        f = "gf" if kind == "gov_fund" else "sc"
        if leaf.fund != f:
            return {c: 0 for c in FUND_COLUMNS}
        spent = leaf[f"{f}_project"]
        begin, income = leaf[f"{f}_begin"], leaf[f"{f}_in"]
        return {"年初结转和结余": begin, "本年收入": income, "本年支出合计": spent, "基本支出": 0, "项目支出": spent,
                "年末结转和结余": begin + income - spent}
    raise KeyError(kind)


@dataclass
class SubjectRow:
    code: str | None  # None for the 合计 row
    name: str
    values: dict[str, Cents]


def classified_rows(spec: Spec, kind: str) -> list[SubjectRow]:
    """The 合计 row, then 类 / 款 / 项 rows in code order, for the subjects this table covers."""
    cols = {"income": INCOME_COLUMNS, "expense": EXPENSE_COLUMNS, "general_budget_expense": GB_COLUMNS,
            "gov_fund": FUND_COLUMNS, "state_capital": FUND_COLUMNS}[kind]
    leaves = []
    for leaf in spec.leaves:
        values = leaf_columns(leaf, kind)
        if kind in ("gov_fund", "state_capital") and leaf.fund != ("gf" if kind == "gov_fund" else "sc"):
            continue
        if kind == "general_budget_expense" and leaf.fund is not None:
            continue
        if not any(values.values()):
            continue
        leaves.append((leaf, values))
    total = SubjectRow(None, "合计", {c: sum(v[c] for _, v in leaves) for c in cols})
    rows = [total]
    seen: set[str] = set()
    for leaf, values in leaves:
        for code in (leaf.code[:3], leaf.code[:5]):
            if code in seen:
                continue
            seen.add(code)
            group = [v for lf, v in leaves if lf.code.startswith(code)]
            rows.append(SubjectRow(code, spec.subject_name(code), {c: sum(v[c] for v in group) for c in cols}))
        rows.append(SubjectRow(leaf.code, leaf.name, dict(values)))
    return rows


def economic_rows(spec: Spec, all_items: bool) -> dict[str, list[SubjectRow]]:
    """By 类 (301 …): the 类 row then its 款 rows (every template item, or only those with money)."""
    out: dict[str, list[SubjectRow]] = {}
    for cls, (name, items) in ECONOMIC.items():
        kids = [SubjectRow(code, n, {"决算数": spec.economic.get(code, 0)}) for code, n in items]
        total = sum(k.values["决算数"] for k in kids)
        if not all_items:
            kids = [k for k in kids if k.values["决算数"]]
            if not total:
                continue
        out[cls] = [SubjectRow(cls, name, {"决算数": total}), *kids]
    return out


def personnel_total(spec: Spec) -> Cents:
    return sum(v for code, v in spec.economic.items() if code[:3] in PERSONNEL_CLASSES)


def public_total(spec: Spec) -> Cents:
    return sum(v for code, v in spec.economic.items() if code[:3] not in PERSONNEL_CLASSES)


def three_public_values(spec: Spec) -> dict[str, tuple[Cents, Cents]]:
    t = spec.three_public
    car = tuple(a + b for a, b in zip(t["公务用车购置费"], t["公务用车运行维护费"]))
    items = {"因公出国（境）费": t["因公出国（境）费"], "公务用车购置及运行维护费": car,
             "公务用车购置费": t["公务用车购置费"], "公务用车运行维护费": t["公务用车运行维护费"], "公务接待费": t["公务接待费"]}
    total = tuple(a + b + c for a, b, c in zip(items["因公出国（境）费"], car, items["公务接待费"]))
    return {"合计": total, **items}  # type: ignore[dict-item]


def class_totals(spec: Spec, column: str, kind: str = "expense") -> dict[str, Cents]:
    """Each 类's amount in one column of a classified table."""
    out: dict[str, Cents] = {}
    for leaf in spec.leaves:
        out[leaf.code[:3]] = out.get(leaf.code[:3], 0) + leaf_columns(leaf, kind).get(column, 0)
    return out


def fund_totals(spec: Spec) -> dict[str, dict[str, Cents]]:
    """For each fund (gb · gf · sc): 年初, 本年收入, 本年支出, 年末."""
    out = {}
    for f in ("gb", "gf", "sc"):
        spent = spec.total("gb_basic") + spec.total("gb_project") if f == "gb" else spec.total(f"{f}_project")
        begin = spec.begin[f] if f == "gb" else spec.total(f"{f}_begin")
        income = spec.total(f"{f}_in")
        out[f] = {"begin": begin, "in": income, "out": spent, "end": begin + income - spent}
    return out


def summary_totals(spec: Spec) -> dict[str, Cents]:
    income = sum(leaf_columns(leaf, "income")["本年收入合计"] for leaf in spec.leaves)
    expense = sum(leaf_columns(leaf, "expense")["本年支出合计"] for leaf in spec.leaves)
    funds = fund_totals(spec)
    begin = sum(funds[f]["begin"] for f in funds) + spec.begin["other"]
    grand = income + spec.use_balance + begin
    end = grand - expense - spec.distribution
    return {"income": income, "expense": expense, "begin": begin, "grand": grand, "end": end}


# -- drawing a spec ----------------------------------------------------------------------------------------
def _money(rng: random.Random, lo: float, hi: float, scale: int) -> Cents:
    """An amount between lo and hi 万元, in hundredths of the unit (``scale`` 1 for 万元, 10000 for 元)."""
    value = int(rng.uniform(lo, hi) * 100) * scale
    if scale > 1:
        value += rng.randrange(0, scale)  # 元 amounts have their own cents
    return max(value, 1)


def _split(rng: random.Random, total: Cents, n: int) -> list[Cents]:
    """``total`` cut into ``n`` positive parts."""
    if n <= 1:
        return [total]
    if total < n:
        return [total] + [0] * (n - 1)
    cuts = sorted(rng.sample(range(1, total), n - 1)) if total > n else list(range(1, n))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def make_spec(seed: int, *, unit: str | None = None, department_kind: str | None = None, year: int | None = None,
              gov_fund: bool | None = None, state_capital: bool | None = None, many: bool | None = None,
              zero_cells: str | None = None) -> Spec:
    """A consistent department-year from ``seed``; keyword arguments pin what the seed would choose.
    ``many`` gives a long 功能分类 table (a street office's or town's 40-odd rows)."""
    rng = random.Random(seed)
    if many is None:
        many = random.Random(f"many:{seed}").random() < 0.25
    kind = department_kind or rng.choice(sorted(WORK))
    unit = unit or ("元" if rng.random() < 0.2 else "万元")
    scale = 10000 if unit == "元" else 1
    year = year or rng.choice([2023, 2024, 2025])
    department = department_names(kind, rng.randrange(100), rng.randrange(100))

    work = [s for s in WORK[kind] if SECTIONS[s][1] is None]
    fund_sections = [s for s in WORK[kind] if SECTIONS[s][1] is not None]
    want_gf = gov_fund if gov_fund is not None else (bool([s for s in fund_sections if SECTIONS[s][1] == "gf"]) and rng.random() < 0.8) or rng.random() < 0.2
    want_sc = state_capital if state_capital is not None else (bool([s for s in fund_sections if SECTIONS[s][1] == "sc"]) or rng.random() < 0.1)
    gf_pool = [s for s in SECTIONS if SECTIONS[s][1] == "gf"]
    sc_pool = [s for s in SECTIONS if SECTIONS[s][1] == "sc"]
    chosen = set(PERSONNEL) | set(work)
    if many:
        extra = [s for s in SECTIONS if SECTIONS[s][1] is None and s not in chosen]
        chosen |= set(rng.sample(extra, min(len(extra), 9)))
    if want_gf:
        own = [s for s in fund_sections if SECTIONS[s][1] == "gf"]
        chosen |= set(own or rng.sample(gf_pool, 1))
        if many:
            chosen |= set(rng.sample(gf_pool, 2))
    if want_sc:
        own = [s for s in fund_sections if SECTIONS[s][1] == "sc"]
        chosen |= set(own or rng.sample(sc_pool, 1))

    running = [s for s in chosen if SECTIONS[s][1] is None and s not in PERSONNEL
               and any(name in ("行政运行", "事业运行") for name, _ in SECTIONS[s][2].values())]
    if not running:
        chosen.add("20103")  # 政府办公厅（室）及相关机构事务: the department's own 行政运行
        work = ["20103", *work]
    leaves: list[Leaf] = []
    for section in sorted(chosen):
        _, fund, items = SECTIONS[section]
        codes = sorted(items)
        if not many and len(codes) > 2:
            keep = rng.randint(2, len(codes))
            codes = sorted(rng.sample(codes, keep))
        if section == "20805":
            codes = sorted(set(codes) | {"2080505", "2080506"})
        if section == next((w for w in work if w in running or w == "20103"), None):
            # the department's own running costs (行政运行 · 事业运行): every department has 公用经费
            codes = sorted(set(codes) | {c for c in items if items[c][0] in ("行政运行", "事业运行")}) or codes
        for code in codes:
            leaves.append(Leaf(code, items[code][0], items[code][1], fund))

    service = kind.endswith("中心") or kind in ("教育局", "卫生健康委员会", "文化和旅游局", "体育局") and rng.random() < 0.7
    business = service and rng.random() < 0.35
    upper = rng.random() < 0.15
    affiliated = rng.random() < 0.15 and kind not in ("街道办事处",)
    other_income = rng.random() < 0.5
    to_upper = rng.random() < 0.1
    to_affiliates = affiliated and rng.random() < 0.5

    big = 3000 if many else 1500
    for leaf in leaves:
        m = leaf.money
        if leaf.fund in ("gf", "sc"):
            f = leaf.fund
            spent = _money(rng, 1, big, scale)
            m[f"{f}_project"] = spent
            m[f"{f}_begin"] = 0 if rng.random() < 0.7 else _money(rng, 1, 200, scale)
            m[f"{f}_in"] = max(0, spent - rng.randint(0, m[f"{f}_begin"])) if m[f"{f}_begin"] else spent + (0 if rng.random() < 0.7 else _money(rng, 0.1, 50, scale))
            continue
        if leaf.spend == "basic":
            m["gb_basic"] = _money(rng, 5, big / 3 if leaf.code[:5] in PERSONNEL else big, scale)
        elif leaf.spend == "project":
            m["gb_project"] = _money(rng, 0.5, big, scale)
        else:
            m["gb_basic"] = _money(rng, 10, big, scale)
            if rng.random() < 0.75:
                m["gb_project"] = _money(rng, 0.5, big / 4, scale)
        # fiscal income: mostly what was spent, sometimes more (carried to the year end) or less
        r = rng.random()
        spent = m.get("gb_basic", 0) + m.get("gb_project", 0)
        m["gb_in"] = spent if r < 0.75 else spent + _money(rng, 0.1, 40, scale) if r < 0.9 else max(0, spent - _money(rng, 0.1, 20, scale))
        if service and leaf.spend != "basic" or service and leaf.code[:5] not in PERSONNEL and rng.random() < 0.5:
            fee = _money(rng, 1, big / 3, scale)
            m["事业收入"] = fee
            if rng.random() < 0.5:
                m["other_basic"] = fee
            else:
                m["other_project"] = fee
        if business and leaf.spend != "basic" and rng.random() < 0.5:
            op = _money(rng, 1, 200, scale)
            m["经营收入"] = op
            m["经营支出"] = op - rng.randint(0, op // 5)
        if other_income and rng.random() < 0.3:
            oi = _money(rng, 0.01, 30, scale)
            m["其他收入"] = oi
            if rng.random() < 0.6:
                m["other_project"] = m.get("other_project", 0) + oi
        if upper and rng.random() < 0.3:
            ui = _money(rng, 1, 100, scale)
            m["上级补助收入"] = ui
            m["other_project"] = m.get("other_project", 0) + ui
        if affiliated and rng.random() < 0.3:
            ai = _money(rng, 1, 100, scale)
            m["附属单位上缴收入"] = ai
            m["other_basic"] = m.get("other_basic", 0) + ai
        if to_upper and rng.random() < 0.3:
            m["上缴上级支出"] = _money(rng, 1, 50, scale)
        if to_affiliates and rng.random() < 0.4:
            m["对附属单位补助支出"] = _money(rng, 1, 80, scale)
    for leaf in leaves:
        leaf.money = {k: v for k, v in leaf.money.items() if v}

    probe = Spec(seed, department, kind, year, unit, leaves, {}, {}, {"gb": 0, "gf": 0, "sc": 0, "other": 0}, 0, 0, 0, {}, {}, [])
    economic = _economic(rng, probe, scale)
    three = _three_public(rng, scale, economic)

    gb_spent = probe.total("gb_basic") + probe.total("gb_project")
    gb_in = probe.total("gb_in")
    gb_begin = max(0, gb_spent - gb_in) + (0 if rng.random() < 0.3 else _money(rng, 1, 300, scale))
    nonfiscal_in = sum(probe.total(k) for k in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"))
    nonfiscal_out = sum(probe.total(k) for k in ("other_basic", "other_project", "上缴上级支出", "经营支出", "对附属单位补助支出"))
    use_balance = 0
    if nonfiscal_out > nonfiscal_in:
        use_balance = nonfiscal_out - nonfiscal_in if rng.random() < 0.5 else 0
    other_begin = max(0, nonfiscal_out - nonfiscal_in - use_balance) + (0 if rng.random() < 0.5 else _money(rng, 1, 100, scale))
    distribution = _money(rng, 0.1, 5, scale) if nonfiscal_in and rng.random() < 0.15 else 0
    other_begin += distribution

    budgets = {}
    for leaf in leaves:
        if leaf.fund is None:
            spent = leaf["gb_basic"] + leaf["gb_project"]
            budgets[leaf.code] = spent if rng.random() < 0.3 else max(0, spent + rng.randint(-spent // 5, spent // 5))
    gb_budget = sum(budgets.values())
    units = [f"{department}（本级）"] + ([f"{department.removesuffix('局').removesuffix('委员会')}事务中心"] if rng.random() < 0.5 else [])
    last_year = {"grand": 0, "fiscal": 0, "gb": 0}
    spec = Spec(seed, department, kind, year, unit, leaves, economic, three, {"gb": gb_begin, "gf": 0, "sc": 0, "other": other_begin},
                use_balance, distribution, gb_budget, budgets, last_year, units,
                zero_cells or rng.choice(["blank", "blank", "0", "0.00"]))
    totals = summary_totals(spec)
    funds = fund_totals(spec)
    fiscal_grand = sum(funds[f]["in"] + funds[f]["begin"] for f in funds)
    spec.last_year = {"grand": max(1, totals["grand"] + rng.randint(-totals["grand"] // 4, totals["grand"] // 4)),
                      "fiscal": max(1, fiscal_grand + rng.randint(-fiscal_grand // 4, fiscal_grand // 4)),
                      "gb": max(1, gb_spent + rng.randint(-gb_spent // 4, gb_spent // 4))}
    return spec


def _economic(rng: random.Random, spec: Spec, scale: int) -> dict[str, Cents]:
    """The 一般公共预算财政拨款基本支出 by 经济分类 款: the personnel subjects' amounts go to the items
    they pay (养老保险缴费 → 30108 …), the rest is shared between the usual items."""
    basic = spec.total("gb_basic")
    by_code = {leaf.code: leaf["gb_basic"] for leaf in spec.leaves if leaf.fund is None}
    linked = {
        "30108": by_code.get("2080505", 0), "30109": by_code.get("2080506", 0),
        "30110": by_code.get("2101101", 0) + by_code.get("2101102", 0) + by_code.get("2101199", 0),
        "30113": by_code.get("2210201", 0), "30302": by_code.get("2080501", 0) + by_code.get("2080502", 0),
        "30399": by_code.get("2210203", 0) + by_code.get("2210202", 0) + by_code.get("2080599", 0),
    }
    linked = {k: v for k, v in linked.items() if v}
    rest = basic - sum(linked.values())
    out = dict(linked)
    if rest <= 0:
        return out
    public_share = rng.uniform(0.08, 0.3)
    public = int(rest * public_share)
    personnel = rest - public
    p_items = [c for c in USUAL["301"] if c not in linked]
    p_items = rng.sample(p_items, rng.randint(3, len(p_items)))
    if rng.random() < 0.3:
        p_items.append(rng.choice([c for c in USUAL["303"] if c not in linked]))
    for code, v in zip(p_items, _split(rng, personnel, len(p_items))):
        out[code] = out.get(code, 0) + v
    g_items = rng.sample(USUAL["302"], rng.randint(4, len(USUAL["302"])))
    if rng.random() < 0.5:
        g_items.append(rng.choice(USUAL["310"]))
    for code, v in zip(g_items, _split(rng, public, len(g_items))):
        out[code] = out.get(code, 0) + v
    return {k: v for k, v in out.items() if v}


def _three_public(rng: random.Random, scale: int, economic: dict[str, Cents]) -> dict[str, tuple[Cents, Cents]]:
    def pair(p_zero: float, lo: float, hi: float) -> tuple[Cents, Cents]:
        if rng.random() < p_zero:
            return (0, 0)
        budget = _money(rng, lo, hi, scale)
        spent = budget if rng.random() < 0.2 else int(budget * rng.uniform(0.2, 1.0))
        return (budget, spent)

    return {"因公出国（境）费": pair(0.75, 1, 20), "公务用车购置费": pair(0.8, 10, 30),
            "公务用车运行维护费": pair(0.3, 1, 15), "公务接待费": pair(0.3, 0.1, 5)}


# -- printing ----------------------------------------------------------------------------------------------
def decimal(cents: Cents) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def fmt(cents: Cents, commas: bool = True) -> str:
    d = decimal(cents)
    return f"{d:,.2f}" if commas else f"{d:.2f}"


def percent(part: Cents, whole: Cents) -> str:
    if not whole:
        return "0"
    p = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{p:.2f}"
