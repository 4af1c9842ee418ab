"""The items of the function classification (项) that meet a condition the question states.

"年初预算为0但有支出决算的项有哪些", "支出决算与年初预算相等的项", "完成年初预算比例低于60%的项",
"决算超过预算的项", "城乡社区支出里哪几项比上年减少了", "哪几项是说“决算数与预算数基本持平”的":
the narrative states, for each 项, its
年初预算 and 支出决算 (and often the rate it reached, or its change on last year); the condition is
read from the question as quantity · comparison · quantity-or-number and tested on every item,
within a 类 or 款 when the question names one. A rate the narrative does not state is the
calculator's 支出决算 ÷ 年初预算, marked as calculated. Words the question quotes as the reason or
the wording (是因为“…”, 是说“…”的) are looked for in what each item's statement says after its figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Answer, Calculation, FigureRef, Turn
from assistant.calculator import run
from assistant.compose import Ctx, qty
from assistant.handlers.classes import under
from assistant.rows import total_column
from assistant.route import without_departments
from assistant.understand import NONZERO_ONLY, SUM_ASKED
from assistant.text import fold, in_words, number_said
from ingest.numbers import MONEY_SCALE
from ingest.records import Figure

FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the template's budget kinds, each with a section of its own
FRAME = re.compile(r"^.*?(?:情况|说明|决算表|表)(?:中|里|当中|里面)[，,、]?")
WITHIN = re.compile(r"^[^，,？?]*?(?:中|里|当中|里面)[，,、]")  # "…说明逐项列出的…支出中，": where to look, not the condition
LIST_ASKED = re.compile(r"哪些|哪几|哪个|哪一|有什么|有啥|都是什么|列出|列一下|是什么项|几项|多少项|(?:几|多少)个(?!百分|点|percent)")  # which, or how many
BUDGET = "年初预算"
SPENT = "本年决算"
RATE = "完成比例"
NAMES = {BUDGET: "年初预算", SPENT: "支出决算", RATE: "完成年初预算的比例"}
QUANTITY = (
    (RATE, r"(?:完成|执行)了?(?:年初)?预算(?:数)?的?(?:比例|比率|程度|百分比)|(?:预算)?(?:完成|执行)(?:率|比例)"),
    (BUDGET, r"年初预算(?:数)?|(?<!公共|基金|经营)预算数|(?<!公共|基金|经营)预算(?!财政|拨款|支出)"),
    (SPENT, r"(?:支出)?决算(?:数)?|实际支出|实际花的?"),
)
LESS = r"低于|小于|少于|不足|不到|未达到|没达到|未达|没有达到|<"
MORE = r"高于|大于|多于|超过|超出|>"
SAME = r"相等|相同|一致|持平|一样"
THRESHOLD = re.compile(rf"(?:在|为|是)?(?P<op>{LESS}|{MORE}|以上|以下|等于|=)\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>%|万元|万)?|(?:在|为|是)?(?P<n2>\d+(?:\.\d+)?)\s*(?P<unit2>%|万元|万)?(?P<op2>以上|以下)")
ZERO = re.compile(r"(?:为|是|等于)\s*(?:0|零)(?:万元|万)?(?![\d.%])")
SPENT_SOME = re.compile(r"(?:但|却|而)?有(?:支出)?决算|有支出|花了钱")
CHANGE = re.compile(r"(?:比|较)(?:上年|去年|上一年)(?:决算)?(?:数)?(?:有所)?(减少|下降|降低|增加|增长|上升)|(?:上年|去年)(?:以来)?(减少|下降|增加|增长)")
UNSPENT = re.compile(r"没有?(花|用)完|未(花|用)完|(花|用)不完|有结余")
OVERSPENT = re.compile(r"超支|超预算|超了预算|花超了|花多了")
FALLING = ("减少", "下降", "降低")
EXTREME = re.compile(r"最(多|大|高|少|小|低)")  # the one item furthest from (or nearest to) its budget
SAYING = re.compile(r"原因|因为|理由|是说|说是|说明为|写的?是|写着|表述|提到|说的?是")
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
SAID = re.compile(r"(?:是因为|原因是|理由是|是说|说是|写的?是)([^“”\"？?，,]{2,30}?)的?(?:[？?，,]|$)")
# where an item's statement ends: the next item's name ("2、X（类）…", "“X（类）…") or the next heading
NEXT_ITEM = re.compile(r"(?:\d+\s*[、.．]\s*)?[“\"]?[^，。；：“”\"\n]{1,30}[（(]类[)）]|\n\s*[一二三四五六七八九十]+、")
_PLAIN = re.compile(r"[\s，,。.、；;：:“”\"'（）()！!？?]")
COMPARED = {"<": "低于", ">": "高于", "=": "等于", "≤": "不高于", "≥": "不低于"}
AGAINST = {**COMPARED, "=": "为"}
OPS = {"<": lambda a, b: a < b, ">": lambda a, b: a > b, "=": lambda a, b: a == b, "≤": lambda a, b: a <= b, "≥": lambda a, b: a >= b}


@dataclass
class Condition:
    left: str  # BUDGET · SPENT · RATE · "change" · "said"
    op: str  # < > = ≤ ≥, or 增加/减少 for a change
    right: str | Decimal  # another quantity, or a number (in the left quantity's unit)
    also_spent: bool = False  # "…但有支出决算": and its 支出决算 is above zero

    def words(self) -> str:
        if self.left == "said":
            return f"说明为“{self.right}”"
        if self.left == "change":
            return f"比上年{self.op}"
        if isinstance(self.right, str):
            text = f"{NAMES[self.left]}{COMPARED[self.op]}{NAMES[self.right]}"
        else:
            text = f"{NAMES[self.left]}{AGAINST[self.op]} {qty(self.right, '%' if self.left == RATE else '万元')}"
        return text + ("、且有支出决算" if self.also_spent else "")


def _quantities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, quantity) of each quantity named in ``text``, left to right, none overlapping."""
    found: list[tuple[int, int, str]] = []
    for key, pattern in QUANTITY:
        for m in re.finditer(pattern, text):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), key))
    return sorted(found)


def said(text: str) -> Condition | None:
    """Words the question quotes as what an item's statement says ("是因为“厉行节约”的项")."""
    if not SAYING.search(text):
        return None
    m = QUOTED.search(text) or SAID.search(text)
    if m is None or re.search(r"什么|哪|怎么|多少|啥|为何", m.group(1)):
        return None  # "原因是什么": the reason asked, not given
    return Condition("said", "含", m.group(1).strip())


def _spent_beyond(folded: str) -> Condition | None:
    """"…的各个项里，超过N万元的有几个": an amount in 万元 with no quantity beside it, of what was spent."""
    bare = THRESHOLD.search(folded)
    if bare is None or not bare.group("op") or bare.group("unit") not in ("万元", "万"):
        return None
    return Condition(SPENT, "<" if re.fullmatch(LESS, bare.group("op")) else ">", Decimal(bare.group("n")))


def condition(folded: str) -> Condition | None:
    """The condition a question puts on the items, if it states one."""
    m = CHANGE.search(folded)
    if m:
        word = m.group(1) or m.group(2)
        return Condition("change", "减少" if word in FALLING else "增加", "")
    if UNSPENT.search(folded):
        return Condition(SPENT, "<", BUDGET)
    if OVERSPENT.search(folded):
        return Condition(SPENT, ">", BUDGET)
    named = _quantities(folded)
    if not named:
        return None
    spent_some = bool(SPENT_SOME.search(folded))
    for start, end, key in named:
        after = folded[end : end + 12]
        zero = ZERO.match(after)
        if zero:
            return Condition(key, "=", Decimal(0), also_spent=spent_some and key != SPENT)
        m = THRESHOLD.match(after.lstrip("的")) or THRESHOLD.match(after)
        if m:
            word = m.group("op") or m.group("op2")
            n = Decimal(m.group("n") or m.group("n2"))
            op = {"以上": "≥", "以下": "≤", "等于": "=", "=": "="}.get(word) or ("<" if re.fullmatch(LESS, word) else ">")
            if (m.group("unit") or m.group("unit2")) == "%":
                key = RATE  # "完成年初预算超过100%": a percentage is the rate, whichever amount it is said of
            return Condition(key, op, n)
    if len(named) == 1 and named[0][2] == BUDGET:  # "超过预算的项": what was spent, against the budget
        before = folded[max(0, named[0][0] - 4) : named[0][0]]
        tail = folded[named[0][1] : named[0][1] + 4]
        if re.search(f"({LESS})年?初?$", before) or (before.endswith("比") and re.match(r"(还|要)?(少|低|小)", tail)):
            return Condition(SPENT, "<", BUDGET)
        if re.search(f"({MORE})年?初?$", before) or (before.endswith("比") and re.match(r"(还|要)?(多|高|大)", tail)):
            return Condition(SPENT, ">", BUDGET)  # "哪几项花得比年初预算还多"
    if len(named) >= 2:
        (a0, a1, a), (b0, b1, b) = named[0], named[1]
        between = folded[a1:b0]
        tail = folded[b1 : b1 + 6]
        if a == b:
            return None
        if re.search(SAME, tail) or re.search(r"等于", between):
            return Condition(a, "=", b)
        if re.search(LESS, between) or ("比" in between and re.match(r"还?(少|低|小)", tail)):
            return Condition(a, "<", b)
        if re.search(MORE, between) or ("比" in between and re.match(r"还?(多|高|大)", tail)):
            return Condition(a, ">", b)
    return None


@dataclass
class Item:
    name: str
    section: str
    figures: dict[str, Figure]  # by quantity
    change: Figure | None = None
    rate: Decimal | None = None  # as stated, else calculated
    says: str = ""  # what its statement says after its figures (its reason, "基本持平" …)
    says_line: int = 0  # the last line of that

    @property
    def rate_computed(self) -> bool:
        return self.rate is not None and RATE not in self.figures

    @property
    def statement(self) -> Figure:
        """The figure whose sentence states the item (its 支出决算, else any of its figures)."""
        return self.figures.get(SPENT) or self.change or next(iter(self.figures.values()))


def _items(ctx: Ctx, heading: str | None) -> list[Item]:
    """The 项 the narrative states figures for, in the documents asked about (within ``heading``)."""
    out: dict[tuple[str, str], Item] = {}
    for f in ctx.kb.figures:
        cls = f.classification or []
        if len(cls) != 3 or f.origin != "text" or (ctx.docs and f.doc not in ctx.docs):
            continue
        if heading is not None and heading not in [fold(c) for c in cls[:-1]]:
            continue
        item = out.setdefault((f.doc, f.subject), Item(name=f"{cls[1]}{cls[2]}", section=f.section, figures={}))
        if f.basis == "年初预算" and (f.unit == "万元" or (f.unit == "元" and f.value == 0)):  # "年初预算为 0 元": none, in any unit
            item.figures.setdefault(BUDGET, f)
        elif f.basis == "本年决算" and f.unit == "万元":
            item.figures.setdefault(SPENT, f)
            if f.change is not None and item.change is None:
                item.change = f
        elif f.basis == "执行率" and f.unit == "%":
            item.figures.setdefault(RATE, f)
    for item in out.values():
        if RATE in item.figures:
            item.rate = item.figures[RATE].value
        elif BUDGET in item.figures and SPENT in item.figures and item.figures[BUDGET].value != 0:
            item.rate = Decimal(run(f"{item.figures[SPENT].value} / {item.figures[BUDGET].value} × 100", 2)["result"])
    return list(out.values())


def _plain(text: str) -> str:
    return _PLAIN.sub("", fold(text))


def _read_says(ctx: Ctx, item: Item) -> None:
    """What the item's statement says after its last figure, up to the next item or heading."""
    last = max(item.figures.values(), key=lambda f: (f.line_end, f.line_start))
    lines = ctx.kb.doc(last.doc).lines
    first = lines[last.line_end - 1] if last.line_end - 1 < len(lines) else ""
    text = "\n".join(lines[last.line_end - 1 : last.line_end + 5])
    at = max(first.rfind(last.raw), 0)
    end = NEXT_ITEM.search(text, at + len(last.raw))
    said = text[at : end.start() if end else len(text)]
    item.says = said + "".join(f.reason or "" for f in item.figures.values())
    item.says_line = last.line_end + said.count("\n")


def _value(item: Item, key: str) -> Decimal | None:
    if key == RATE:
        return item.rate
    f = item.figures.get(key)
    return f.value if f is not None else None


def _meets(item: Item, c: Condition) -> bool | None:
    """Whether the item meets the condition; None when it lacks a figure the condition needs."""
    if c.left == "change":
        return None if item.change is None else item.change.change.direction == c.op
    if c.left == "said":
        return _plain(str(c.right)) in _plain(item.says)
    left = _value(item, c.left)
    right = _value(item, c.right) if isinstance(c.right, str) else c.right
    if left is None or right is None:
        return None
    if c.also_spent and not (_value(item, SPENT) or 0) > 0:
        return False
    return OPS[c.op](left, right)


def filtered(ctx: Ctx) -> Answer | None:
    folded = ctx.q.folded
    if "definition" in ctx.q.intents and re.search(r"是指|指的是|指哪|什么意思|含义|定义|包括|包含", folded):
        return None  # "“机关运行经费”到底是指哪些钱": a term to define, however it is quoted
    if not LIST_ASKED.search(folded) or ("项目" in folded and ctx.kb.projects):
        return None  # "…的项目有哪些" asks about the performance tables' projects
    c = said(ctx.q.text)
    if c is None and re.search(r"(?<!项级)(?<!项)科目(?![(（]项[)）])", folded) and not re.search(r"说明|逐项", folded):
        return None  # "…的经济科目有哪些": the rows of a table, not the narrative's 功能分类 items (unless it says the narrative's)
    asked = FRAME.sub("", folded)  # "…具体情况中，": where to look, not the condition
    c = c or condition(WITHIN.sub("", asked)) or condition(asked)
    if c is None and not any(e.doc in ctx.docs for e in ctx.kb.rows.entries):
        c = _spent_beyond(asked)  # the tables are not in the document: its narrative's items
    if c is None:
        return None
    heading = under(ctx, without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], asked))
    fund = next((w for w in FUNDS if w in folded), None)
    items = [i for i in _items(ctx, heading) if fund is None or fund in i.section]
    if c.left == "said":
        for item in items:
            _read_says(ctx, item)
    judged = [(item, _meets(item, c)) for item in items]
    judged = [(item, ok) for item, ok in judged if ok is not None]
    if len(judged) < 2:
        return None  # the documents do not state these figures for their items
    keep = [item for item, ok in judged if ok]
    scope = f"{heading}下" if heading else ""
    criterion = f"{scope}{c.words()}"
    refs: list[FigureRef] = []
    cites = []
    lines = []
    rows = []
    for item in keep:
        parts = []
        for key in (BUDGET, SPENT):
            f = item.figures.get(key)
            if f is not None:
                parts.append(f"{NAMES[key]} {qty(f.raw, f.unit)}")
                refs.append(ctx.kb.ref(f))
        if item.rate is not None and (c.left == RATE or c.right == RATE):
            if item.rate_computed:
                spent = item.figures[SPENT]
                parts.append(ctx.t("items", "rate_computed", rate=qty(item.rate, "%")))
                derived = ctx.kb.ref(spent, subject=f"{item.name}{NAMES[RATE]}", value=str(item.rate), unit="%", basis="计算", derived=True)
                derived.record_id = None
                refs.append(derived)
            else:
                parts.append(ctx.t("items", "rate_stated", rate=qty(item.figures[RATE].raw, "%")))
                refs.append(ctx.kb.ref(item.figures[RATE]))
        if c.left == "change" and item.change is not None and item.change.change.amount_raw:
            ch = item.change.change
            parts.append(f"比上年{ch.direction} {qty(ch.amount_raw, ch.unit or '万元')}")
        anchor = item.change if c.left == "change" else item.statement
        if c.left == "said":  # the statement down to the words asked about
            cites.append(ctx.kb.cite_lines(anchor.doc, anchor.line_start, max(anchor.line_end, item.says_line)))
        else:
            cites.append(ctx.kb.cite_figure(anchor))
        if anchor.change is not None and anchor.change.amount is not None:
            refs.append(FigureRef(subject=f"{item.name}比上年{anchor.change.direction}", value=str(anchor.change.amount_raw or anchor.change.amount),
                                  unit=anchor.change.unit or "万元", doc=anchor.doc, record_id=anchor.id, basis="比上年增减"))
        lines.append(f"- {item.name}：{'，'.join(parts)}")
        rows.append({"科目": item.name, **{NAMES[k]: qty(item.figures[k].raw, item.figures[k].unit) for k in (BUDGET, SPENT) if k in item.figures}})
    doc = keep[0].statement.doc if keep else ctx.docs[0]
    counted = re.search(r"(?:几|多少)\s*(个|项)", ctx.q.folded)
    unit = counted.group(1) if counted else "项"  # counted as the question counts ("有几个")
    count = FigureRef(subject=f"{criterion}的项数", value=str(len(keep)), unit=unit, doc=doc, basis="计数", derived=True)
    most = EXTREME.search(folded)
    if most and keep and {c.left, c.right} == {BUDGET, SPENT}:
        return _widest(ctx, keep, criterion, count, largest=most.group(1) in "多大高")  # "哪一项比年初预算少得最多"
    if not keep:
        text = ctx.t("items", "none", criterion=criterion)
        return ctx.answer("list", text, intent="list", filters=[criterion], figures=[count],
                          citations=[ctx.kb.cite_figure(item.statement) for item, _ in judged][:8])
    text = ctx.t("items", "found", criterion=criterion, count=len(keep), unit=unit) + "\n" + "\n".join(lines)
    spent = [item.figures[SPENT] for item in keep if SPENT in item.figures]
    summed = None
    if len(spent) > 1 and len(spent) == len(keep) and SUM_ASKED.search(folded):  # "这些项一共多少钱": their 支出决算 added up
        expression = " + ".join(str(f.value) for f in spent)
        summed = Calculation(expression=expression, result=run(expression, 2)["result"], unit=spent[0].unit, operands=[ctx.kb.ref(f) for f in spent])
        text += "\n" + ctx.t("calculation", "result", description=ctx.t("items", "spent_summed", count=len(spent)), expression=expression, result=qty(summed.result, summed.unit))
        refs.insert(0, FigureRef(subject=f"{criterion}的项支出决算合计", value=summed.result, unit=summed.unit, doc=doc, basis="计算", derived=True))
    return ctx.answer(
        "list", text, intent="list", filters=[criterion], figures=[count, *refs], citations=cites, table=rows, calculation=summed,
        turn=Turn(question=ctx.q.text, intent="list", kind="list", doc=doc, figure_ids=[f.record_id for f in refs if f.record_id]),
    )



def _widest(ctx: Ctx, keep: list[Item], criterion: str, count: FigureRef, *, largest: bool) -> Answer:
    """Of the items meeting a budget-against-spending condition, the one whose 支出决算 is furthest
    from its 年初预算 (or nearest, asked "最少"), the gap by the calculator."""
    def gap(item: Item) -> Decimal:
        return abs(item.figures[SPENT].value - item.figures[BUDGET].value)

    pick = (max if largest else min)(keep, key=gap)
    budget, spent = pick.figures[BUDGET], pick.figures[SPENT]
    high, low = (budget, spent) if budget.value >= spent.value else (spent, budget)
    expression = f"{high.value} − {low.value}"
    result = run(expression, 2)["result"]
    word = "少" if spent.value < budget.value else "多"
    text = ctx.t("items", "widest", criterion=criterion, count=len(keep), name=pick.name, most="最多" if largest else "最少",
                 budget=qty(budget.raw, budget.unit), spent=qty(spent.raw, spent.unit), word=word, expression=expression, result=qty(result, spent.unit))
    derived = FigureRef(subject=f"{pick.name}支出决算比年初预算{word}", value=result, unit=spent.unit, doc=spent.doc, basis="计算", derived=True)
    operands = [ctx.kb.ref(high), ctx.kb.ref(low)]
    return ctx.answer("calculation", text, intent="list", filters=[criterion], figures=[derived, *operands, count],
                      citations=[ctx.kb.cite_figure(pick.statement)],
                      calculation=Calculation(expression=expression, result=result, unit=spent.unit, operands=operands),
                      turn=Turn(question=ctx.q.text, intent="list", kind="calculation", doc=spent.doc, figure_ids=[budget.id, spent.id]))


PLACE = r"第\s*(?P<place>[二三四五六七八九十]|\d{1,2})\s*"  # "第二高": a place, not the end
CHANGE_MOST = re.compile(r"(增长|增加|上升|减少|下降|降低)(?:的)?(?:幅度|比例|百分比|率|得|的钱|金额|额)?(?:[（(][^）)]{0,6}[）)])?(?:最多|最大|最高|最快|最厉害|" + PLACE + r"(?:多|大|高|快))"
                         r"|(增幅|降幅)(?:最|" + PLACE.replace("place", "place2") + r")(?:大|高)")
RATE_MOST = re.compile(r"(?:完成|执行)(?:了)?(?:年初)?(?:预算)?(?:的)?(?:比例|比率|率|百分比)?(?:最|" + PLACE + r")(高|低|大|小)")
GAP_MOST = re.compile(r"(?:差距|差额|相差|差异|偏差|差别|出入|差)(?:的)?(?:金额|额|数)?(?:最|得最)(大|多|小|少)")  # "年初预算与决算差距最大的是哪一项", "差得最多"
# "决算超出年初预算最多的是哪一项", "没花完最多的": the items on one side of their budget, the furthest
SIDE_MOST = re.compile(r"(?P<over>超出|超过|超支|超)(?:了)?(?:年初|全年)?(?:预算)?(?:的)?(?:金额|部分|数)?(?:最|得最)(?P<m1>多|大|少|小)"
                       r"|(?P<under>结余|没花完|没用完|未支出|少花)(?:了)?(?:的)?(?:金额|部分|数)?(?:最|得最)(?P<m2>多|大|少|小)")
ZERO_LEFT_OUT = re.compile(r"(?:不算|不含|不包括|除去|除了|排除|剔除|去掉)[^，,。？?]{0,10}?(?:为|是|等于)?(?:0|零)")  # "不算年初预算为0的科目"
AMOUNT_MOST = re.compile(r"(?P<back>倒数)?(?:" + PLACE + r"|最)(大|多|高|小|少|低)")
WHICH_ITEM = re.compile(r"哪(?:一|个|些)?(?:项|个|块|科目|笔)|的(?:一|个)?(?:项|块|笔)(?:是|为)?(?:什么|啥|哪)")  # "最大的一块是什么"
INSIDE_LAST = re.compile(r"^(?:那么?)?(?:这|那|其)(?:里面?|里头|当中|之中|中)|^其中")  # "这里面…": within the figure just given
RISING = ("增加", "增长", "上升")


CLASS_ASKED = re.compile(r"哪(?:一|个)?类|类级|按类|功能分类|功能支出")
CLASS_PLACE = re.compile(r"(?P<from_end>倒数)?(?:第\s*(?P<place>[二三四五六七八九十\d]+)\s*|最)(?P<m>大|多|高|小|少|低)")
LEVEL_BELOW = re.compile(r"项级|款级|哪(?:一|个)?[项款]|科目")


SPENDING_NAMED = re.compile(r"支出|财政拨款|功能|花|用")


def _classes_printed(ctx: Ctx, doc: str) -> dict[str, dict[str, object]]:
    """The classes (类, coded in three digits) each table of ``doc`` prints: table → name → its total."""
    printed: dict[str, dict[str, object]] = {}
    for e in ctx.kb.rows.entries:
        if e.doc != doc or not e.row.code or len(e.row.code) != 3:
            continue
        column = total_column(e.table, e.row)
        amount = e.row.amount(column) if column else None
        if amount is not None and amount.value is not None:
            printed.setdefault(e.table.id, {})[fold(e.row.name)] = amount.value
    return printed


def _table_agrees(printed: dict[str, dict[str, object]], listed: list[Figure]) -> bool:
    """Every class the narrative lists is a row of one table, printed with the same amount (a table
    whose rows are misprinted against their names does not rank them)."""
    names = [fold(re.sub(r"[（(]类[)）]$", "", f.subject)) for f in listed]
    return any(all(table.get(n) == f.value for n, f in zip(names, listed)) for table in printed.values())


def class_ranked(ctx: Ctx) -> Answer | None:
    """"一般公共预算财政拨款支出中哪一类最大？占比多少", "第二大的类呢": the classes (类) the narrative
    lists with their shares of the fund's spending, ranked — as the document states them (its tables
    may print the same classes; the narrative gives each one's share)."""
    folded = ctx.q.folded
    m = CLASS_PLACE.search(folded)
    if m is None or not CLASS_ASKED.search(folded) or LEVEL_BELOW.search(folded) or len(ctx.docs) != 1 or not SPENDING_NAMED.search(folded):
        return None  # ("政府采购货物、工程、服务…哪一类最多": kinds of purchase, not of spending)
    classes = [f for f in ctx.kb.figures if f.doc == ctx.docs[0] and f.share is not None and f.basis == "本年决算"
               and f.unit in MONEY_SCALE and re.search(r"[（(]类[)）]$", f.subject)]
    wholes = {f.share.of for f in classes}
    named = [w for w in wholes if fold(w) in folded or any(k in folded and k in w for k in FUNDS)]
    if len(named) != 1 and not (len(wholes) == 1 and not any(k in folded for k in FUNDS)):
        return None
    whole = named[0] if named else next(iter(wholes))
    listed = [f for f in classes if f.share.of == whole]
    printed = _classes_printed(ctx, ctx.docs[0]) if len(listed) >= 2 else {}
    if len(listed) < 2 or _table_agrees(printed, listed):
        return None  # (a table printing the same classes alike ranks them, its shares worked out)
    high = m.group("m") in "大多高"
    listed.sort(key=lambda f: f.value, reverse=high != bool(m.group("from_end")))
    place = min(number_said(m.group("place")) or 1, len(listed)) if m.group("place") else 1
    f = listed[place - 1]
    word = m.group("m") if m.group("m") in "大小" else ("大" if high else "小")
    order = ("倒数" if m.group("from_end") else "") + (f"最{word}" if place == 1 else f"第{in_words(place, ordinal=True)}{word}")
    text = ctx.t("items", "class_most", whole=whole, count=len(listed), order=order, name=f.subject, value=qty(f.raw, f.unit), share=qty(f.share.raw, "%"))
    if printed:
        text += ctx.t("items", "class_table_differs")  # (the tables print the classes, none alike: _table_agrees)
    refs = [ctx.kb.ref(f), ctx.kb.ref(f, subject=f"{f.subject}占{whole}比例", value=str(f.share.percent), unit="%", basis="占比"),
            FigureRef(subject=f"{whole}所列的类数", value=str(len(listed)), unit="类", doc=f.doc, basis="计数", derived=True)]
    return ctx.answer("figure", text, intent="list", figures=refs, citations=[ctx.kb.cite_figure(f)],
                      turn=Turn(question=ctx.q.text, intent="list", kind="figure", doc=f.doc, figure_ids=[f.id], subject=f.subject))


def _largest_spent(ctx: Ctx, items: list[Item], scope: str, m: re.Match) -> Answer | None:
    """"支出最小的是哪一项（不算为0的）", "金额第二大的项": the items' 支出决算 ranked, the one at the
    place asked (counted from the bottom when asked 倒数 or for the smallest)."""
    spent = [i for i in items if SPENT in i.figures and not (NONZERO_ONLY.search(ctx.q.folded) and i.figures[SPENT].value == 0)]
    if len(spent) < 2:
        return None
    high = m.group(m.lastindex) in "大多高"
    spent.sort(key=lambda i: i.figures[SPENT].value, reverse=high)
    place = min(_place(m), len(spent))
    pick = spent[place - 1]
    f = pick.figures[SPENT]
    word = "大" if high else "小"
    order = f"最{word}" if place == 1 else f"第{in_words(place, ordinal=True)}{word}"
    text = ctx.t("items", "spent_most", scope=scope, order=order, name=pick.name, count=len(spent), value=qty(f.raw, f.unit))
    refs = [ctx.kb.ref(f), FigureRef(subject=f"{scope}写明支出决算的项数", value=str(len(spent)), unit="项", doc=f.doc, basis="计数", derived=True)]
    if "change" in ctx.q.intents and f.change is not None and f.change.amount_raw:  # "…比上年变化了多少": as its sentence states
        ch = f.change
        text += ctx.t("items", "spent_changed", direction=ch.direction, amount=qty(ch.amount_raw, ch.unit or "万元"),
                      percent=f"，{'下降' if ch.direction in FALLING else '增长'} {qty(ch.percent_raw, '%')}" if ch.percent_raw else "")
        refs += _change_refs(pick.name, f)
    return ctx.answer("figure", text, intent="list", figures=refs, citations=[ctx.kb.cite_figure(f)],
                      turn=Turn(question=ctx.q.text, intent="list", kind="figure", doc=f.doc, figure_ids=[f.id]))


SPENT_WORDS = re.compile(r"支出|金额|决算|花|钱|万元")
FUND_FIELDS = {"budget_initial", "budget_full", "executed"}  # a project table's funds, words the narrative uses too ("一般公共预算")


def _change_refs(name: str, f: Figure) -> list[FigureRef]:
    """An item's change on last year as its sentence states it: the amount and the percentage given."""
    ch = f.change
    refs = []
    if ch.amount_raw:
        refs.append(FigureRef(subject=f"{name}比上年{ch.direction}", value=str(ch.amount), unit=ch.unit or "万元", doc=f.doc, record_id=f.id, basis="比上年增减"))
    if ch.percent_raw:
        pct_word = "下降" if ch.direction in FALLING else "增长"
        refs.append(FigureRef(subject=f"{name}比上年{pct_word}幅度", value=str(ch.percent), unit="%", doc=f.doc, record_id=f.id, basis="比上年增减"))
    return refs


def _fund_of_the_last(ctx: Ctx) -> str | None:
    """"这里面最大的一块是什么" after a fund's spending: that fund, as the figure just given names it."""
    last = ctx.session.last
    if last is None:
        return None
    if last.intent == "list" and not ctx.q.orgs:
        # "增长率最高的是哪一项？" after the items of a fund were ranked: among the same items
        for turn in reversed(ctx.session.turns):
            if turn.intent != "list":
                break
            named = next((w for w in FUNDS if w in fold(turn.question or "")), None)
            if named:
                return named
    if not INSIDE_LAST.match(ctx.q.folded):
        return None
    given = [f.subject for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None]
    return next((w for w in FUNDS for s in given if w in s), None)


def _place(m: re.Match) -> int:
    """The place a "第二高" names (1 for "最高")."""
    said = next((m.group(g) for g in ("place", "place2") if g in m.re.groupindex and m.group(g)), None)
    return (number_said(said) or 1) if said else 1


def extreme(ctx: Ctx) -> Answer | None:
    """"哪一项支出比上年增长幅度最大", "哪一项减少的钱最多", "完成比例最高的是哪一项": of the
    narrative's items (within a 类 or 款 named), the one whose stated change — in percent or in
    money, as asked — or whose completion rate is the largest (or smallest)."""
    folded = ctx.q.folded
    last = ctx.session.last
    # "减少金额最多的呢？" after an item was ranked: which item, as that question asked
    again = last is not None and last.intent == "list" and bool(re.search(r"的呢[？?]?$", folded))
    if not WHICH_ITEM.search(folded) and not again:
        return None
    changed, rated = CHANGE_MOST.search(folded), RATE_MOST.search(folded)
    sided = SIDE_MOST.search(folded) if "预算" in folded or "结余" in folded else None
    gapped = (GAP_MOST.search(folded) if "预算" in folded and condition(folded) is None else None) or sided
    # a document whose statutory tables are not in it (attachments): its narrative's items, ranked by amount
    amounted = AMOUNT_MOST.search(folded) if changed is None and rated is None and gapped is None and not any(e.doc in ctx.docs for e in ctx.kb.rows.entries) \
        and (SPENT_WORDS.search(folded) or _fund_of_the_last(ctx)) and not set(ctx.q.fields) - FUND_FIELDS and not ("项目" in folded and ctx.kb.projects) else None
    if changed is None and rated is None and amounted is None and gapped is None:
        return None
    heading = under(ctx, without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], folded))
    fund = next((w for w in FUNDS if w in folded), None) or _fund_of_the_last(ctx)
    items = [i for i in _items(ctx, heading) if fund is None or fund in i.section]
    scope = f"{heading}下" if heading else f"{fund.removesuffix('预算')}预算财政拨款支出中，" if fund else ""
    if amounted is not None:
        return _largest_spent(ctx, items, scope, amounted)
    if gapped is not None and changed is None and rated is None:  # every item stating both, the one furthest from its budget
        both = [i for i in items if BUDGET in i.figures and SPENT in i.figures]
        criterion = f"{scope}写明年初预算和支出决算"
        if ZERO_LEFT_OUT.search(folded):
            both = [i for i in both if i.figures[BUDGET].value != 0]
            criterion += "、年初预算不为 0"
        if sided is not None:  # only those spent beyond (or short of) their budget
            over = bool(sided.group("over"))
            both = [i for i in both if (i.figures[SPENT].value > i.figures[BUDGET].value) == over and i.figures[SPENT].value != i.figures[BUDGET].value]
            criterion += "、决算超出年初预算" if over else "、决算少于年初预算"
        if len(both) < 2:
            return None
        count = FigureRef(subject=f"{criterion}的项数", value=str(len(both)), unit="项", doc=both[0].statement.doc, basis="计数", derived=True)
        most = sided.group("m1") or sided.group("m2") if sided is not None else gapped.group(1)
        return _widest(ctx, both, criterion, count, largest=most in "大多")
    if changed is not None:
        word = changed.group(1) or changed.group(2)
        falling = word in FALLING or word == "降幅"
        in_percent = bool(re.search(r"幅度|比例|百分|率|增幅|降幅|最快", changed.group(0)))
        moved = [i for i in items if i.change is not None and (i.change.change.direction in FALLING) == falling
                 and (i.change.change.percent if in_percent else i.change.change.amount) is not None]
        if len(moved) < 2:
            return None
        moved.sort(key=lambda i: i.change.change.percent if in_percent else i.change.change.amount, reverse=True)
        pick = moved[min(_place(changed), len(moved)) - 1]
        f, ch = pick.change, pick.change.change
        pct_word = "下降" if falling else "增长"
        text = ctx.t("items", "most_changed", scope=scope, word=pct_word if in_percent else ch.direction, measure="幅度" if in_percent else "金额",
                     name=pick.name, count=len(moved), value=f"{qty(f.raw, f.unit)}，" if f.unit in MONEY_SCALE else "", direction=ch.direction, amount=qty(ch.amount_raw, ch.unit or "万元") if ch.amount_raw else "",
                     pct_word=pct_word, percent=qty(ch.percent_raw, "%") if ch.percent_raw else "")
        refs = [FigureRef(subject=f"{scope}写明比上年{ch.direction}的项数", value=str(len(moved)), unit="项", doc=f.doc, basis="计数", derived=True), *_change_refs(pick.name, f)]
        if f.unit in MONEY_SCALE:
            refs.append(ctx.kb.ref(f))
        return ctx.answer("figure", text, intent="list", figures=refs, citations=[ctx.kb.cite_figure(f)],
                          turn=Turn(question=ctx.q.text, intent="list", kind="figure", doc=f.doc, figure_ids=[f.id]))
    stated_only = bool(re.search(r"写明|列明|注明|标明", folded))  # "写明了完成比例的项里": the rates stated, none calculated
    rated_items = [i for i in items if i.rate is not None and not (stated_only and i.rate_computed)]
    if len(rated_items) < 2:
        return None
    high = rated.group(rated.lastindex) in "高大"
    rated_items.sort(key=lambda i: i.rate, reverse=high)
    place = min(_place(rated), len(rated_items))
    pick = rated_items[place - 1]
    rate = pick.figures.get(RATE)
    order = ("最高" if high else "最低") if place == 1 else f"第{in_words(place, ordinal=True)}{'高' if high else '低'}"
    amounts = "".join(f"{NAMES[k]} {qty(pick.figures[k].raw, pick.figures[k].unit)}，" for k in (BUDGET, SPENT) if k in pick.figures)
    text = ctx.t("items", "rate_most", scope=scope, order=order, name=pick.name, count=len(rated_items), amounts=amounts,
                 rate=qty(rate.raw if rate is not None else pick.rate, "%"), computed="" if rate is not None else "（计算值）")
    if rate is not None:
        refs = [ctx.kb.ref(rate)]
    else:
        spent = pick.figures[SPENT]
        derived = ctx.kb.ref(spent, subject=f"{pick.name}{NAMES[RATE]}", value=str(pick.rate), unit="%", basis="计算", derived=True)
        derived.record_id = None
        refs = [derived, ctx.kb.ref(spent), ctx.kb.ref(pick.figures[BUDGET])]
    refs += [r for r in (ctx.kb.ref(pick.figures[k]) for k in (BUDGET, SPENT) if k in pick.figures) if r not in refs]  # what the rate is of
    refs.append(FigureRef(subject=f"{scope}有完成比例的项数", value=str(len(rated_items)), unit="项", doc=pick.statement.doc, basis="计数", derived=True))
    return ctx.answer("figure", text, intent="list", figures=refs, citations=[ctx.kb.cite_figure(pick.statement)],
                      turn=Turn(question=ctx.q.text, intent="list", kind="figure", doc=pick.statement.doc, figure_ids=[pick.statement.id]))
