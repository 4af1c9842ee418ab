"""Answers from the statutory tables: a row's amount in any column, a subject's children, its
execution rate, and the same figure stated in the narrative (cited too; both shown when they differ).

The question is matched to rows through :mod:`assistant.rows` (a subject index built from the
rows themselves); the column, the table and the way of asking are read apart from the subject.
Questions about changes versus last year, reasons and definitions are the narrative's to answer.
"""

from __future__ import annotations

import copy
import re
from functools import partial
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from assistant.answer import Answer, Calculation, Citation, FigureRef, Ranking, Turn
from assistant.calculator import run
from assistant.compose import Ctx, agreement, qty, unique_citations
from assistant.handlers.figures import BUDGETS, STRONG, best_figures, sole_item, without_basis
from assistant.handlers.figures import label as figure_label
from assistant.rows import ITEM_LIMIT, TIE, Asked, Entry, Hit, choose_table, columns_in_names, read_asked, total_column, vocabulary, without_columns
from assistant.understand import ADDED, ADDING, ASKING, NONZERO_ONLY, PARTS_CHECKED, SHARE_OF_WHOLE, SUM_ASKED, place_compared, within
from assistant.knowledge import subject_stem
from ingest.errors import CalculationError
from ingest.numbers import MONEY_SCALE
from ingest.records import Amount, Figure
from assistant.route import without_departments
from assistant.text import in_order, in_words, number_said, remove_words
from ingest.tokens import fold

GENERIC_TOTALS = {"合计", "总计", "小计"}
ORDINAL_PREFIX = re.compile(r"^[一二三四五六七八九十]+、")
NARRATIVE_ONLY = {"reason", "change", "last_year", "definition", "overview", "audit", "people", "future", "average", "convert"}
COUNT_ASKED = re.compile(r"(几|多少)(个|辆|台|套|人次|人|批次|次|批|团组|平方米|平米|家|所|处|场|场次|件|户|名|位|期|届|读者|游客|观众|员工|职工|居民|学生|编制|在编)"
                         r"|(几|多少)[\u4e00-\u9fff]{1,4}?(读者|游客|观众|员工|职工|居民|学生|人次)")  # "多少借阅读者"
MONEY_ASKED = re.compile(r"钱|金额|经费|费用|万元|元|花了|花费|支出|开支|预算|决算")
BUDGET_BASIS = {"年初预算数": "年初预算", "决算数": "本年决算", "本年支出合计": "本年决算", "合计": "本年决算"}
COLUMN_OF_BASIS = {basis: column for column, basis in reversed(BUDGET_BASIS.items())}  # 年初预算 → 年初预算数, 本年决算 → 决算数


@dataclass(frozen=True)
class Cell:
    """One amount of one row, as an answer states it."""

    entry: Entry
    amount: Amount

    @property
    def column(self) -> str:
        return self.amount.column or "/".join(self.amount.candidates)

    @property
    def subject(self) -> str:
        return display_name(self.entry)


def display_name(entry: Entry) -> str:
    """A row as an answer names it: with its code as the table prints it (201 06 01, or 2010601),
    or a total with its table's name."""
    row = entry.row
    if row.code:
        return f"{printed_code(entry)} {row.name}"
    if fold(row.name) in GENERIC_TOTALS:
        return re.sub(r"(收入支出|收支|支出|收入)?决算(明细)?(总)?表$", "", entry.table.label) + row.name
    return row.name


def answer(ctx: Ctx) -> Answer | None:
    """An answer from the tables, or None when the question is not about a table row."""
    expanded = _short_names_expanded(ctx)
    if expanded is not None:
        from assistant.understand import understand

        written, meant = expanded
        found = _answer(ctx.with_query(understand(f"{meant}加起来一共多少", ctx.lang)))
        if found is not None:
            ctx.notes.append(ctx.t("prompt", "read_as", written=written, meant=meant))  # how the short names were read
        return found
    return _answer(ctx)


def _short_names_expanded(ctx: Ctx) -> tuple[str, str] | None:
    """"组织、宣传、统战三块工作经费加起来一共多少": rows listed by the first two characters of their
    names — each the start of one coded row's name only, none a row's whole name, all under one
    parent — asked by their names ("组织事务、宣传事务、统战事务加起来一共多少"); else None."""
    q = ctx.q
    if "sum" in q.intents and (by_word := PARTS_BY_WORD.search(fold(q.text))):
        return _parts_by_word(ctx, by_word)
    pieces = re.split(r"、|和|及|与", q.text) if "、" in q.text else q.text.split("、")  # "组织、宣传和统战": the last joined by 和
    if "sum" not in q.intents or len(pieces) < 2:
        return None
    first = re.search(r"[\u4e00-\u9fff]+$", re.split(r"[的了\s，,]", pieces[0])[-1])
    items = [first.group(0)[-2:] if first else "", *pieces[1:-1], pieces[-1][:2]]  # "…在组织": its last two characters
    if not all(len(i) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", i) for i in items):
        return None
    found = []
    for item in items:
        rows = {(e.row.code, e.row.name) for e in ctx.kb.rows.entries
                if e.row.code and fold(e.row.name).startswith(item) and (not ctx.docs or e.doc in ctx.docs)}
        if len(rows) != 1 or any(fold(name) == item for _, name in rows):
            return None
        found.append(next(iter(rows)))
    if len({code[:-2] for code, _ in found}) != 1:
        return None
    return "、".join(items), "、".join(name for _, name in found)


PARTS_BY_WORD = re.compile(r"([\u4e00-\u9fff]{2})的(?:加上?|和|跟|与|及)([\u4e00-\u9fff]{2})的")  # "行政的加事业的"


def _parts_by_word(ctx: Ctx, m: re.Match) -> tuple[str, str] | None:
    """"离退休的钱，行政的加事业的一共多少": the rows under the one named whose names begin with
    the words given (no row named: the rows whose names hold the word they share) — one row each —
    asked by their names."""
    text = fold(ctx.q.text)
    named = {h.entry.row.code for h in ctx.kb.rows.match(text[: m.start()], read_asked(text[: m.start()]), ctx.docs)
             if h.how != "partial" and h.entry.row.code}
    shared = re.search(rf"{m.group(1)}的([\u4e00-\u9fff]{{2,8}})(?:和|加上?|与|及){m.group(2)}的\1", ctx.q.folded)  # 行政的离退休和事业的离退休
    found = []
    for word in m.groups():
        rows = {(e.row.code, e.row.name) for e in ctx.kb.rows.entries if e.row.code and fold(e.row.name).startswith(word)
                and (any(e.row.code.startswith(c) and e.row.code != c for c in named) if named else bool(shared and shared.group(1) in fold(e.row.name)))
                and (not ctx.docs or e.doc in ctx.docs)}
        if len(rows) != 1:
            return None
        found.append(next(iter(rows)))
    return m.group(0), "、".join(name for _, name in found)


WHICH_ROW = re.compile(r"(列|安排|放|记|算|花|用)在(了)?[^，,。？?]{0,8}?(哪|什么)(?!工程|项目|方面|事|地方|东西|用途)|(是|属于)(哪|什么)(一)?(项|类|款|个科目|科目|一块|方面)|哪(一)?(项|类|款|块)(下面|下|上|里)")


def _which_row(ctx: Ctx) -> Answer | None:
    """"这笔预算是列在哪一项上的？" after a total's cell: the rows of its table whose cells in that
    column hold the amount (0.95 of the 三公 total: 公务接待费's 0.95) — the document's own answer."""
    cells = _previous_cells(ctx, back=3)  # "…预算数是多少？" "实际决算数呢？" "其中预算安排在哪一项上？"
    # (of one row's cells, the one with an amount: a blank 决算数 beside the 预算数 holds nothing to place)
    cells = [(e, c) for e, c in cells if (a := e.row.amount(c)) is not None and a.value] if len(cells) > 1 else cells
    if not WHICH_ROW.search(ctx.q.folded) or len(cells) != 1:
        return None
    whole, column = cells[0]
    # "其中预算安排在哪一项上？" after its 决算数: the column the question names, of the same row
    column = next((c for c in read_asked(ctx.q.folded).columns if whole.row.amount(c) is not None), column)
    amount = whole.row.amount(column)
    if amount is None or amount.value is None or amount.value == 0:
        return None
    held = [e for e in ctx.kb.rows.entries if e.table.id == whole.table.id and e.doc == whole.doc and e.row.id != whole.row.id
            and e.row.level != "total" and (a := e.row.amount(column)) is not None and a.value == amount.value]
    if not held or len(held) > 3:
        return None
    cells_held = [Cell(e, e.row.amount(column)) for e in held]
    text = ctx.t("statement", "held_by", whole=display_name(whole), column=column, value=qty(amount.raw, whole.table.unit), table=whole.table.label,
                 rows="、".join(f"{display_name(c.entry)}（{qty(c.amount.raw, whole.table.unit)}）" for c in cells_held))
    figures = [ref(ctx, Cell(whole, amount))] + [ref(ctx, c) for c in cells_held]
    citations = [cite_row(ctx, whole, [amount])] + [cite_row(ctx, c.entry, [c.amount]) for c in cells_held]
    turn = Turn(question=ctx.q.text, intent="table_lookup", kind="figure", doc=whole.doc, figure_ids=[f.record_id for f in figures[1:] if f.record_id],
                subject=held[0].row.name, table_id=whole.table.id)
    return ctx.answer("figure", text, intent="table_lookup", figures=figures, citations=citations, turn=turn)


SPREAD_ASKED = re.compile(r"(分布|分配|分散|列|记|安排|放|花|用|落)(在|到)(了)?[^，,。？?]{0,4}?(哪些|哪几|什么|哪)|都(花|用)在(了)?哪|(分别|具体)(记|列|在)(在)?哪|由哪(些|几)[^，,。？?]{0,8}(构成|组成)"
                          r"|有[^，,。？?]{2,10}?的[“\"]?[类款项][”\"]?级?科目[^，,。？?]{0,4}(几个|多少个|哪些)")  # "有项目支出的“项”级科目共有几个"
LEVEL_WORDS = {"类": "类级", "款": "款级", "项": "项级"}


def _column_spread(ctx: Ctx) -> Answer | None:
    """"项目支出分布在哪些项级科目", "其他收入分别记在哪些科目下面": a column of the 功能分类 tables
    over the rows that hold it — the deepest (or the level named), those with an amount."""
    text = subject_text(ctx)
    at = SPREAD_ASKED.search(text) or EACH_ROW_ASKED.search(text)
    if not at:
        return None
    asked = read_asked(text)
    # the column named last before the asking ("除了财政拨款以外还有一点其他收入，…分别记在哪些科目")
    spread = [(span, c) for span, c in zip(asked.column_spans, asked.span_columns)
              if c not in ("决算数", "年初预算数", "合计", "本年支出合计", "本年收入合计") and span[1] <= at.end()]
    if not spread:
        return None
    column = max(spread)[1]
    tables = [t for d in ctx.docs for t in ctx.kb.doc(d).statements
              if any(c.name == column for c in t.columns) and any(r.code for r in t.rows) and (not asked.tables or t.kind in asked.tables)]
    if not tables:
        return None
    order = vocabulary().prefer["income" if asked.income or column.endswith("收入") else "spending"]
    table = min(tables, key=lambda t: order.index(t.kind) if t.kind in order else len(order))
    entries = [e for e in ctx.kb.rows.entries if e.table.id == table.id and e.doc == table.doc]
    named = [h.entry for h in ctx.kb.rows.match(text, asked, [table.doc]) if h.how != "partial" and h.entry.table.id == table.id and h.entry.row.code]
    previous = _previous_entry(ctx) if not named and ctx.session.last is not None else None
    if previous is not None and previous.row.code and previous.table.kind == table.kind and previous.doc == table.doc:
        named = [previous]  # "其中项目支出列在哪个项级科目？" right after a row's cells: within that row
    if not _named_in(text, asked, table, ctx) and BOTH_LAST.search(ctx.q.folded):
        # "这两类的项目支出分别落在哪个项上？" after two turns of one row each: each of those rows
        each = [_spread_of(ctx, table, column, entries, [e]) for e in _rows_of_the_last_turns(ctx, table, 2)]
        if len(each) == 2 and all(a is not None for a in each):
            return each_computed(ctx, each)
    return _spread_of(ctx, table, column, entries, named)


BOTH_LAST = re.compile(r"这两(?:类|款|项|个|行)|两者|二者|它们俩?|这俩")


def _named_in(text: str, asked: Asked, table, ctx: Ctx) -> bool:
    return any(h.how != "partial" and h.entry.table.id == table.id and h.entry.row.code for h in ctx.kb.rows.match(text, asked, [table.doc]))


def _rows_of_the_last_turns(ctx: Ctx, table, count: int) -> list[Entry]:
    """The row each of the last ``count`` turns gave its cells of, in ``table``'s kind, oldest first."""
    rows = []
    for turn in ctx.session.turns[-count:]:
        ids = {i.split("#")[0] for i in turn.figure_ids if "#" in i}
        found = [ctx.kb.rows.by_id[i] for i in ids if i in ctx.kb.rows.by_id]
        codes = {e.row.code for e in found if e.row.code and e.doc == table.doc}
        if len(codes) != 1:
            return []
        same = [e for e in ctx.kb.rows.entries if e.table.id == table.id and e.row.code in codes]
        if len(same) != 1:
            return []
        rows.append(same[0])
    return rows


def _spread_of(ctx: Ctx, table, column: str, entries: list[Entry], named: list[Entry]) -> Answer | None:
    """A column of ``table`` over the rows that hold it, within the rows ``named`` when any."""
    if named:  # "住房保障支出（类）的…项目支出列在哪个项级科目": within the row named
        code = max(named, key=lambda e: len(e.row.code)).row.code
        entries = [e for e in entries if e.row.code and e.row.code.startswith(code)]  # the row itself and those under it
    level = LEVEL_ASKED.search(ctx.q.folded) or LEVEL_NAMED.search(ctx.q.folded)  # "（201类）的项目支出由哪几个项构成": the level asked
    wanted = level.group(level.lastindex) if level else None
    parents = {e.row.parent for e in entries if e.row.parent}
    rows = [e for e in entries if e.row.code and (e.row.level == wanted if wanted else e.row.code not in parents)]
    held = [(e, a) for e in rows if (a := e.row.amount(column)) is not None and a.value]
    if not held:
        return None
    total = next((e for e in entries if e.row.level == "total"), None) if not named else next((e for e in entries if e.row.code == code), None)
    whole = total.row.amount(column) if total is not None else None
    unit = table.unit
    added = None
    if (whole is None or whole.value is None) and len(held) > 1 and not wanted:
        # the table prints no total of the column: the rows it spreads over, added by the calculator
        added = run(" + ".join(str(a.value) for _, a in held), 2)
    checked = None
    if whole is not None and whole.value is not None and len(held) > 1 and PARTS_CHECKED.search(ctx.q.folded):
        checked = _added(ctx, [Cell(e, a) for e, a in held])  # "各类级的基本支出…加起来是否等于基本支出合计": added, set against the total
    value = qty(whole.raw, unit) if whole is not None and whole.raw else qty(added["result"], unit) + "（计算）" if added else "—"
    head = ctx.t("statement", "spread", table=table.label, within=f"{display_name(total)}的" if named and total is not None else "", column=column.removesuffix("合计"), value=value,
                 count=len(held), level=LEVEL_WORDS.get(wanted or held[0][0].row.level, ""))
    lines = [head] + ["- " + ctx.t("statement", "child", code=f"{printed_code(e)} ", name=e.row.name, value=qty(a.raw, unit)) for e, a in held]
    figures = ([ref(ctx, Cell(total, whole))] if whole is not None and whole.value is not None else []) + [ref(ctx, Cell(e, a)) for e, a in held]
    figures.append(FigureRef(subject=f"{column}所在的科目数", value=str(len(held)), unit="个", doc=table.doc, basis="计数", derived=True))  # counted here
    if added is not None:
        figures.insert(0, FigureRef(subject=f"{column}合计", value=added["result"], unit=unit, doc=table.doc, basis="计算", derived=True))
    if checked is not None:
        said, refs = _set_against(ctx, checked, Cell(total, whole), f"各科目{column}")
        lines += said
        figures[:0] = [r for r in refs if r.derived]  # (the total's own cell is given already)
    citations = ([cite_row(ctx, total, [whole])] if whole is not None and whole.value is not None else []) + [cite_row(ctx, e, [a]) for e, a in held]
    turn = Turn(question=ctx.q.text, intent="table_lookup", kind="list", doc=table.doc, figure_ids=[f.record_id for f in figures if f.record_id], table_id=table.id)
    return ctx.answer("list", _named(ctx, held[0][0], "\n".join(lines)), intent="table_lookup", figures=figures, citations=citations, turn=turn,
                      table=[{"科目编码": printed_code(e), "科目名称": e.row.name, column: qty(a.raw, unit)} for e, a in held], calculation=checked)


EACH_ROW_ASKED = re.compile(r"各(?:功能分类)?(?:[类款项]级(?:科目)?|项|个?科目)(?:[（(][^）)]{0,4}[)）])?的?[^，,。？?]{0,8}?(?:分别|各)(?:是|为)?多少")  # "表中，各项的项目支出分别是多少"
TABLE_NAMED = re.compile(r"[\u4e00-\u9fff“”]{2,30}?决算(?:明细)?表")
CODE_NAMED = re.compile(r"(?<![\d.])[23]\d{4}(?:\d{2})?(?![\d.]|\s*(?:年(?!初|末)|万|元|人|个|%))")  # 30113, 2010601: a table's row


def code_digits(code: str | None) -> str:
    """A row's code without the spaces some tables print in it ("201 06 01" → 2010601)."""
    return re.sub(r"\D", "", code or "")


def _tables_absent(ctx: Ctx) -> Answer | None:
    """"…基本支出决算表中30113住房公积金的决算数": a row by its code in a document that prints no
    tables (their text was not in the file) — said so, not answered with a figure of the narrative."""
    code = CODE_NAMED.search(ctx.q.folded)
    table = TABLE_NAMED.search(ctx.q.folded)
    if code is None and table is not None and (SPREAD_ASKED.search(ctx.q.folded) or EACH_ROW_ASKED.search(ctx.q.folded)):
        # "收入决算表中，其他收入分别列在哪些功能分类科目下": a table's rows, which the narrative never lists
        text = ctx.t("statement", "tables_absent", asked="各科目", table=f"《{re.sub(r'^年度?', '', table.group(0))}》")
        return ctx.answer("refusal", text, intent="refusal", citations=[ctx.kb.cite_title(d) for d in ctx.docs[:1]])
    if code is None or not (table or code.group(0).startswith("3")):
        return None  # a 功能分类 code alone may be a 项 the narrative states
    name = re.sub(r"^年度?", "", table.group(0)) if table else ""
    row = re.match(r"\s*(?!的)([\u4e00-\u9fff]{2,12}?)(?:的|支出|决算|是|有|[，,？?]|$)", ctx.q.folded[code.end():])
    asked = f"“{row.group(1)}”" if row else "这一科目"  # named in words: the code itself is no figure of the document
    text = ctx.t("statement", "tables_absent", asked=asked, table=f"《{name}》" if name else "决算报表")
    return ctx.answer("refusal", text, intent="refusal", citations=[ctx.kb.cite_title(d) for d in ctx.docs[:1]])


def _answer(ctx: Ctx) -> Answer | None:
    q = ctx.q
    which = _ranked_again(ctx) or _which_row(ctx) or _column_spread(ctx)
    if which is not None:
        return which
    narrative = q.intents & NARRATIVE_ONLY
    if narrative == {"definition"} and (read_asked(q.folded).children or q.intents & {"rank_high", "rank_low"}):
        narrative = set()  # "…下面包括哪些项", "排前三位的…分别是什么": rows, not a term of the glossary
    if not ctx.kb.rows.entries and not narrative:
        return _tables_absent(ctx)
    if narrative == {"change"} and THAN_ANOTHER.match(q.folded.strip()) and ctx.session.last is not None and ctx.session.last.intent.startswith("table_"):
        return _against_previous(ctx)  # "跟年初结转和结余比变了多少？" after 年末结转和结余: the two cells, not a change on last year
    if narrative:
        return None
    counted = bool(q.units) and all(u not in MONEY_SCALE and u != "%" for u in q.units)  # "有8辆公车，是真的吗"
    if (COUNT_ASKED.search(q.folded) or counted) and not MONEY_ASKED.search(_asking_clauses(q.folded)):
        return None  # "接待了多少人次", "几辆": the tables hold money only
    text = subject_text(ctx)
    asked = read_asked(text)
    if ITEM_LIMIT.search(q.folded) and LEVEL_NAMED.search(q.folded) and re.search(r"几|多少个|哪些|哪几", q.folded):
        asked.children = True  # "有几个'项'超过了N万元": the rows of a level above an amount
    asked = without_columns(asked, columns_in_names(text, asked, f"{ctx.kb.subjects}\n{ctx.lang.aliases.terms}\n{ctx.kb.row_totals}"))  # "政府采购支出总额"
    asked = _columns_of_the_table_named(ctx, asked)
    hits = ctx.kb.rows.match(text, asked, ctx.docs)
    strong = [h for h in hits if h.how != "partial"] or hits
    strong = _printed_instead_of_blank(strong, hits, asked)
    funds = {m.group(1) for h in strong if h.entry.table.kind in SUMMARY_KINDS and (m := FUND_ROW.match(fold(h.entry.row.name)))}
    if funds and len(funds) == 1 and (LEVEL_NAMED.search(q.folded) or WHICH_CLASS.search(q.folded)) and q.intents & {"rank_high", "rank_low"} \
            and all(h.how == "partial" or h.entry.table.kind in SUMMARY_KINDS for h in strong):
        # "一般公共预算财政拨款支出，细到“项”这一级，哪一项最多": a fund named as its summary row, ranked in its own table
        top = _top_of_a_level(ctx, Asked(columns=[c for c in asked.columns if c not in FUND_TABLES], tables=[FUND_TABLES[next(iter(funds))]]))
        if top is not None:
            return top
    if (q.intents & {"rank_high", "rank_low"} or (asked.children and ITEM_LIMIT.search(q.folded))) and (LEVEL_NAMED.search(q.folded) or (funds and WHICH_CLASS.search(q.folded))) \
            and not [h for h in strong if h.how != "partial" and not _in_columns(h, asked)]:
        top = _top_of_a_level(ctx, asked)  # "一般公共预算财政拨款支出按类来看哪一类最多": no row named, a level
        if top is not None:
            return top
    listed = _table_listed(ctx, asked, strong)
    if listed is not None:
        return listed
    last = ctx.session.last
    if not asked.columns and hits and last is not None and last.kind == "figure" and (q.folded.rstrip("？?。 ").endswith("呢") or SAME_COLUMNS.search(q.folded)):
        # "其中2150899…（项）呢？" after a figure's 年初预算 and 决算: the same, of the row named now
        asked.columns = _bases_given(ctx, last, any_columns=bool(SAME_COLUMNS.search(q.folded)) or last.intent == "table_lookup")
        table = ctx.kb.rows.by_id[last.figure_ids[0].split("#")[0]].table if asked.columns and last.figure_ids and "#" in last.figure_ids[0] \
            and last.figure_ids[0].split("#")[0] in ctx.kb.rows.by_id else None
        if table is not None and not asked.tables and any(h.entry.table.kind == table.kind for h in hits):
            asked.tables = [table.kind]  # the same columns of the same table ("同样这三列，221住房保障支出呢？")
    only_columns = bool(strong) and bool(asked.columns) and all(_in_columns(h, asked) for h in strong)
    if last is not None and last.intent == "share" and _follows_up(ctx) and (THEN.match(q.folded) or q.folded.rstrip("？?。 ").endswith("呢")):
        return None  # "那卫生健康支出呢？" after a share: the same share of another subject (plan.follow_up)
    if last is not None and last.intent in ("change", "reason") and THEN.match(q.folded) and q.folded.rstrip("？?。 ").endswith("呢") and not asked.columns:
        return None  # "那公务接待费呢" after a change and its reason: the same, of another subject (plan.follow_up)
    if "share" in q.intents and last is not None and last.intent.startswith("table_") and _follows_up(ctx) \
            and any((f := ctx.kb.figure_by_id.get(i)) is not None and f.share is not None for i in last.figure_ids):
        return None  # "占本年支出合计的比例呢？": the share the narrative states beside the figure just given
    if "share" in q.intents and last is not None and last.intent.startswith("table_") and EACH_ONE.search(q.folded):
        each = _each_share_of_the_row(ctx)  # "各占多少比例？" after a row's 基本支出 and 项目支出
        if each is not None:
            return each
    if "share" in q.intents and last is not None and last.intent.startswith("table_") and _follows_up(ctx):
        shared = _share_of_previous(ctx, text, asked)
        if shared is not None:
            return shared
    if "difference" in q.intents and last is not None and last.intent.startswith("table_"):
        against = _against_previous(ctx)  # "比办公费少多少？" after 租赁费: the cell given against the row named
        if against is not None:
            return against
    if "share" in q.intents:
        of_column = _row_column_share(ctx, text) or _column_share(ctx, text)
        if of_column is not None:
            return of_column
    if SHARE_OF_IT.match(text) and last is not None and not last.intent.startswith("table_") and last.figure_ids:
        return None  # "占…的比例呢？" after a figure of the narrative: that figure's share (plan.follow_up)
    named_besides = any(h.how == "partial" and not _in_columns(h, asked) for h in hits)  # "那基本支出里的人员经费呢": a thing besides the columns
    if (not [h for h in hits if h.how != "partial"] or only_columns) and last is not None and last.intent.startswith("table_") and _follows_up(ctx) \
            and not named_besides:
        previous = _previous_entry(ctx)
        budget_only = previous is not None and bool(previous.row.code) and bool(BASIS_ONLY.fullmatch(q.folded))  # "年初有预算吗？"
        if previous is not None and not (q.intents & {"sum", "ratio"}):
            # "实际花了多少？", "超出年初预算多少？" right after a cell: the same row, by its id
            if asked.rate or q.intents & {"difference", "share"}:
                computed = calculate(ctx, [[previous]], asked)
                if computed is not None:
                    return computed
            elif any(previous.row.amount(c) is not None for c in asked.columns) or (
                    not asked.columns and (set(q.fields) & {"executed", "budget_initial", "budget_full"} or "whole_spent" in q.intents)) \
                    or any(stated_in_text(ctx, previous, c) for c in asked.columns):  # "它的年初预算": the narrative states it
                looked = _lookup(ctx, [[previous]], asked)
                if looked is not None or not budget_only:
                    return looked
            if budget_only:
                # "年初有预算吗？" after a row whose budget neither its table nor the narrative states:
                # said so of that row — not another subject's budget
                return ctx.answer("refusal", ctx.t("refusal", "part_unstated", whole=display_name(previous), part=(asked.columns or ["年初预算数"])[0]),
                                  intent="refusal", citations=[cite_row(ctx, previous)])
    if (not [h for h in hits if h.how != "partial"] or only_columns) and asked.columns and last is not None and PRONOUN.search(q.folded):
        # "那它的基本支出和项目支出分别是多少？" after an item of the narrative: that item's row
        own = _row_of_the_last(ctx)
        if own is not None and any(own.row.amount(c) is not None for c in asked.columns):
            return _lookup(ctx, [[own]], asked)
    sibling = _sibling_row(ctx, text) if not [h for h in hits if h.how != "partial"] and last is not None and last.table_id else None
    if sibling is not None:
        # "那公用经费呢？" after 人员经费合计: the row of the same table the words begin (公用经费合计)
        hits = strong = [Hit(sibling, 2.0, (-1, -1), "name")]
        if not asked.columns and last is not None:
            asked.columns = _bases_given(ctx, last)  # (on the columns the last answer gave: 年初预算数 and 决算数)
    elif (not [h for h in hits if h.how != "partial"] or only_columns) and last is not None and last.intent.startswith("table_") and last.subject and _follows_up(ctx) \
            and not named_besides:
        # "基本支出呢？", "年初预算呢？": the same subject, asked again in other terms (by the code
        # the last question named it with, when several rows share its name)
        coded = re.search(rf"(?<!\d)(\d{{3}}(?:\s?\d{{2}}){{0,2}})\s*{re.escape(fold(last.subject))}", fold(last.question or ""))
        text = f"{coded.group(1) + ' ' if coded else ''}{fold(last.subject)} {text}"
        asked = read_asked(text)
        hits = ctx.kb.rows.match(text, asked, ctx.docs)
        strong = [h for h in hits if h.how != "partial"]
    # a column word that is also a row's whole name (年初结转和结余: a column of the fund tables,
    # a row of the summary tables) asks for that row, not for the column's totals
    columns_only = _columns_of_one_total(ctx, strong, asked)
    if columns_only is not None:
        return _column_shares(ctx, *columns_only) if "share" in q.intents else _lookup(ctx, [[columns_only[0]]], columns_only[1])
    spans = {span for span, column in zip(asked.column_spans, asked.span_columns) if column in asked.columns}
    as_rows = [h for h in strong if h.how == "name" and h.span in spans]
    if strong and asked.columns and all(_in_columns(h, asked) for h in strong) and not as_rows:
        totals = _total_rows(ctx, asked)
        if totals and "share" in q.intents:
            entry = choose_table(totals, asked)
            shares = _column_shares(ctx, entry, asked) if entry is not None else None
            if shares is not None:
                return shares
        if totals:
            return _column_totals(ctx, totals, asked)
    named_under = _parts_named_after(strong, hits, text, asked) or _parts_by_their_ends(ctx, strong, text)
    if named_under:
        strong = named_under  # "三公经费里，公务用车购置和公务用车运行维护各…": the parts named after their whole
    inside = [h for h in strong if _in_brackets(text, h.span) or _in_brackets(text, _again(text, h.span))]  # (a name said before the brackets too)
    if len({h.entry.key for h in inside}) >= 2:
        strong = inside  # "离退休费（行政单位离退休和事业单位离退休）加起来": the rows the brackets list, not the gloss's
    if as_rows and len(as_rows) == len(strong) and asked.tables and not _columns_of_tables(ctx, asked) & set(asked.columns):
        asked = without_columns(asked, set(asked.columns))  # "收入支出决算总表中，本年收入合计、年初结转和结余各是多少": that table's rows
    if as_rows and len(as_rows) < len(strong):
        # the rows those words name, with any other row named apart from the columns (收支总计)
        strong = as_rows + [h for h in strong if h not in as_rows and not _in_columns(h, asked)]
        used = {column for span, column in zip(asked.column_spans, asked.span_columns) if any(h.span == span for h in as_rows)}
        asked = without_columns(asked, used)
    if not strong:
        totals = [e for e in _total_rows(ctx, asked) if e.table.kind in asked.tables]
        if not totals and set(asked.columns) - AMOUNT_COLUMNS and q.intents & {"rank_high", "rank_low"} and WHICH_PART.search(q.folded):
            totals = _total_rows(ctx, asked)  # "项目支出里哪一项最多？": the rows of the tables printing that column
        if totals:  # "政府性基金…决算表中，本年收入合计是多少": only a column, of the table named
            return _column_totals(ctx, totals, asked)
        return _top_of_a_level(ctx, asked) if q.intents & {"rank_high", "rank_low"} else None
    best = strong[0]
    if best.how == "partial" and not asked.tables and not named_under and not _partial_will_do(ctx, best, asked):
        return None  # a name shared only in part is the narrative's, unless a table is named
    if _part_named_after(text, strong):
        return None  # "政府性基金预算财政拨款支出中，某某工程支出决算是多少": the part is no row; the narrative names it
    bought = _bought_with_it(text, best)
    if bought is not None:  # "图书馆买新书一共花了多少钱": what the row's money bought is no row of its own
        return ctx.answer("refusal", ctx.t("refusal", "part_unstated", whole=display_name(best.entry), part=bought), intent="refusal",
                          citations=[cite_row(ctx, best.entry)])
    if not asked.tables and narrative_names_more(ctx, best):
        return None
    subjects = _subjects(strong, best, text)
    coded = [s for s in subjects if s[0].row.code]
    deepest = max(coded, key=lambda s: len(s[0].row.code)) if coded else None
    path = asked.children or bool(CLASS_PATH.search(ctx.q.text))
    if path and len(subjects) > 1 and deepest is not None and all(deepest[0].row.code.startswith(s[0].row.code) for s in coded):
        # "…（类）…（款）下面有哪些项", "…（类）…（款）信息化建设（项）的…": the last level named
        # (the summary tables print no codes)
        subjects = [deepest]
    subjects = _total_as_context(_without_context(ctx, _with_columns(subjects, asked), asked), strong, text)
    subjects = _one_per_name(subjects, asked)
    if len(subjects) > 1:
        subjects = _held_over_blank(_answerable(ctx, subjects, asked), asked)
    if len(subjects) > 1 and asked.rate:
        # "…决算完成了预算数的百分之几": the one of several same-named rows whose table holds both
        measured = [s for s in subjects if any(_budget_and_spent(e) for e in s)]
        subjects = measured if len(measured) == 1 else subjects
    under = _under_parents_named(ctx, subjects, asked) if len(subjects) > 1 else None
    if under is not None:
        subjects = under  # "群众团体事务、组织事务…五个款下的一般行政管理事务": each one named by its parent
    elif len(subjects) > 1 and not _lists_several(ctx, subjects) and not _named_apart(subjects, strong) and not _same_value(subjects, asked) \
            and not _all_of_one_name(ctx, subjects):
        return _candidates(ctx, subjects, asked)
    if len(subjects) > 1 and _same_value(subjects, asked):
        # of rows alike in value, the one whose every column asked is printed or stated ("住房公积金…比
        # 年初预算多了多少": the function row the narrative gives a budget, not the economic one)
        subjects = sorted(subjects, key=lambda s: -_columns_answered(ctx, s, asked))
        if not (asked.rate or asked.gap or q.intents & {"sum", "difference", "share", "ratio"}) or len(asked.columns) < 2:
            return _lookup(ctx, subjects[:1], asked, also=[e for s in subjects[1:] for e in s])
        subjects = subjects[:1]
    if q.intents & {"rank_high", "rank_low"} and (WHICH_PART.search(q.folded) or TOP_N.search(q.folded)) and len(subjects) == 1:
        top = _top_part(ctx, subjects[0], asked)
        if top is not None:
            return top  # "公用经费里决算数最大的经济分类科目是哪一项", "工资福利支出里排前三的款合计"
    if q.intents & {"rank_high", "rank_low"} and RANK_CLAIMED.search(q.folded) and len(subjects) == 1:
        top = _rank_claimed(ctx, subjects[0], asked)
        if top is not None:
            return top  # "…里花钱最多的应该是Y吧", "Y是第二大的支出类别，对吧"
    checked = _siblings_checked(ctx, subjects, asked) if len(subjects) > 1 else None
    if checked is not None:
        return checked
    if asked.children:
        return _children(ctx, subjects[0], asked)
    if "sum" in q.intents:
        subjects += _counted_apart(ctx, hits, strong, subjects)
    if (asked.rate or asked.gap) and len(subjects) > 1 and not q.intents & {"sum", "difference", "ratio"} and _named_apart(subjects, strong):
        each = [calculate(ctx, [s], asked) for s in subjects]  # "X（项）和Y（项）的年初预算、支出决算和完成比例各是多少": each its own
        if all(a is not None for a in each):
            return each_computed(ctx, each)
    if q.intents & {"rank_high", "rank_low"} and len(subjects) >= 2 and _named_apart(subjects, strong) and not q.intents & {"sum", "share", "ratio"}:
        ranked = _rank_named(ctx, subjects, asked)  # "A、B、C三项中哪项最大？比第二名多多少？"
        if ranked is not None:
            return ranked
    if asked.rate or asked.gap or q.intents & {"sum", "difference", "share", "ratio"} or (asked.against and len(subjects) == 1):
        computed = calculate(ctx, subjects, asked)
        if computed is not None:
            return computed
        if asked.rate:
            return _rate(ctx, subjects[0], asked)
        if "share" in q.intents and SHARE_OF_WHOLE.search(text):
            return None  # a share the rows cannot give is not answered with one row's amount
        if q.intents & {"difference", "ratio"} and len(subjects) == 1 and not (asked.rate or asked.gap) and re.search(r"比|相差|几倍|多少倍", q.folded):
            return None  # "X比Y多多少" with one of them no row: not one row's amount either
    again = _share_again(ctx, subjects, asked)
    return again or _lookup(ctx, _listed_total(ctx, subjects), asked)


AMOUNT_COLUMNS = {"决算数", "年初预算数", "全年预算数", "合计", "本年支出合计", "本年收入合计"}  # a table's amount, no kind of spending


def _column_totals(ctx: Ctx, totals: list[Entry], asked: Asked) -> Answer | None:
    """Only columns named ("项目支出是多少"): their totals — or, asked which row is largest in them
    ("项目支出里哪一项最多"), the table's rows ranked by that column."""
    if ctx.q.intents & {"rank_high", "rank_low"} and WHICH_PART.search(ctx.q.folded) and set(asked.columns) - AMOUNT_COLUMNS:
        top = _top_part(ctx, totals, asked)
        if top is not None:
            return top
    return _lookup(ctx, [totals], asked)


LISTED_TOTAL = re.compile(r"(?:^|[：:、，,])(?:合计|总计)(?=[、，,和与及])|[、和与及](?:合计|总计)(?=[、，,和与及的]|$)")  # "表：合计、公务用车…、公务接待费的…"


def _listed_total(ctx: Ctx, subjects: list[list[Entry]]) -> list[list[Entry]]:
    """A table's total listed among its rows ("三公经费支出决算表：合计、X、Y的预算数和决算数"): its
    合计 row first, with the rows named after it."""
    if len(subjects) < 2 or not LISTED_TOTAL.search(ctx.q.folded):
        return subjects
    tables = {e.table.id for s in subjects for e in s[:1]}
    if len(tables) != 1:
        return subjects
    table = subjects[0][0].table
    total = next((e for e in ctx.kb.rows.entries if e.table.id == table.id and fold(e.row.name) in GENERIC_TOTALS), None)
    if total is None or any(total.key == e.key for s in subjects for e in s):
        return subjects
    return [[total], *subjects]


def _columns_of_tables(ctx: Ctx, asked: Asked) -> set[str]:
    """The columns of the tables the question names."""
    return {c.name for d in ctx.docs for t in ctx.kb.doc(d).statements if t.kind in asked.tables for c in t.columns}


def each_computed(ctx: Ctx, each: list[Answer]) -> Answer:
    """Several rows' calculations of one kind, one after another, in one answer."""
    first = each[0]
    first.answer = "\n".join(a.answer for a in each)
    first.figures = [f for a in each for f in a.figures]
    first.citations = unique_citations([c for a in each for c in a.citations])
    first.calculations = [a.calculation for a in each[1:] if a.calculation is not None]
    return first


def _sibling_row(ctx: Ctx, text: str) -> Entry | None:
    """A row of the last answer's table whose name the question's words begin ("公用经费" of
    公用经费合计), when exactly one does and the question asks nothing more."""
    words = re.sub(r"^(那么?|还有|然后)|(呢|吗|是多少|多少|的)+$", "", re.sub(r"[\s？?。，,]", "", text))
    if not _follows_up(ctx):
        return None
    swapped = _counterpart_row(ctx, words)
    if swapped is not None:
        return swapped
    if len(words) < 3:
        return None
    found = [e for e in ctx.kb.rows.entries if e.table.id == ctx.session.last.table_id and fold(e.row.name).startswith(words)
             and fold(e.row.name) != words and len(fold(e.row.name)) - len(words) <= 2]
    if len(found) == 1:
        return found[0]
    previous = _previous_entry(ctx)
    if previous is None or found:
        return None
    # "运行维护费呢？" after 公务用车购置费: the row of that table that ends so and begins as the last one
    mine = fold(previous.row.name)
    ends = [e for e in ctx.kb.rows.entries if e.table.id == previous.table.id and e is not previous and (n := fold(e.row.name)).endswith(words)
            and n != words and len(n) > len(words) and mine.startswith(n[: len(n) - len(words)])]
    return ends[0] if len(ends) == 1 else None


COUNTERPARTS = (("年初", "年末"), ("基本", "项目"), ("人员", "公用"), ("收入", "支出"), ("行政", "事业"))  # words a template row name swaps


def _counterpart_row(ctx: Ctx, words: str) -> Entry | None:
    """"年初的呢？" after 年末结转和结余: the row of the same table named with the counterpart word."""
    previous = _previous_entry(ctx)
    if previous is None:
        return None
    name = fold(previous.row.name)
    for a, b in COUNTERPARTS:
        for said, other in ((a, b), (b, a)):
            if words == said and other in name and said not in name:
                swapped = name.replace(other, said, 1)
                found = [e for e in ctx.kb.rows.entries if e.table.id == previous.table.id and fold(e.row.name) == swapped]
                if len(found) == 1:
                    return found[0]
    return None


BOUGHT_AFTER = re.compile(r"^(?:买|购买|购置|采购|添置|修缮|维修|装修|请|聘请|发放?|补贴)(?!了|的|多少|是|给|过|费|款|金|经费|支出|资金|放)(?P<what>(?:(?!了|的|多少)[\u4e00-\u9fff]){2,8}?)(?=一共|总共|共|花了|用了|花|用|是|的|多少|[，,？?]|$)")


def _bought_with_it(text: str, hit: Hit) -> str | None:
    """"图书馆买新书…多少": a row named and right after it a thing bought or done with its money
    (not a column, not an asking word): that thing, which the tables never print; else None."""
    if hit.how != "name":
        return None
    m = BOUGHT_AFTER.match(text[hit.span[1]:])
    if m is None or read_asked(m.group(0)).columns:
        return None
    return m.group(0)


def _part_named_after(text: str, hits: list[Hit]) -> bool:
    """"X中，Y是多少" where every row found is named in X and Y names a thing of its own (four
    characters or more that are no column word): Y is a part the tables do not print."""
    found = within(text, comma=True)
    if found is None:
        return False
    whole_end = len(text) - len(found[1]) - 1
    if any(h.span[1] > whole_end or h.how == "code" for h in hits):
        return False
    rest = re.sub(r"(是多少|多少|是|的|了|呢|吗|[?？。，,\s])+", "", _without_columns(found[1]))
    if WHICH_PART.search(rest):
        return False  # "X里，哪一项花得最多": a question about X's rows, no part named
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 4


def _share_again(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> Answer | None:
    """"那信息化建设呢？" right after "占本年支出合计的比例是多少？": the same share, of another row."""
    last = ctx.session.last
    if last is None or last.intent != "table_calculation" or len(subjects) != 1 or not THEN.match(ctx.q.folded) or ctx.q.intents & {"rank_high", "rank_low"}:
        return None  # ("那这里面最大的一块是什么": a ranking asked, not the share again)
    whole = None
    for turn in reversed(ctx.session.turns):  # the share asked last, through "那…呢" turns that repeated it
        if turn.intent != "table_calculation":
            break
        whole = SHARE_OF_WHOLE.search(fold(turn.question))
        if whole is not None or not THEN.match(fold(turn.question)):
            break
    cells = _previous_cells(ctx)
    entry = choose_table(subjects[0], asked)
    if whole is None or not cells or entry is None:
        return None
    column = cells[0][1] if entry.row.amount(cells[0][1]) is not None else total_column(entry.table, entry.row)
    return _share_of_named(ctx, entry, column, whole.group(1)) if column else None


FOLLOW_UP = re.compile(r"^(那么?|那个|还有|然后|另外|它的?|其中|(这|那|该|此)(个|一)?(科目|项目|项|款|类|行))|呢[？?]?$|[给对为把]它|这笔|同一?行|本行|换(?:一?个)?列|切(?:换)?到?(?:其他|别的)?列")  # "年初有没有给它做预算"
THEN = re.compile(r"^那么?")  # "那X呢": the previous question, asked of X


SHARE_OF_IT = re.compile(r"^\s*(?:那么?|它|这个|这一?项|该项|这笔钱?|其)?\s*占(.+?)(?:的)?(?:比例|比重|百分之几|百分之多少|百分比|多少|几)")


def _previous_cells(ctx: Ctx, back: int = 1) -> list[tuple[Entry, str]]:
    """(row, column) of each table cell the previous answer gave (its ids "row#column"), or the
    latest of the last ``back`` answers that gave cells; none when one of them is not a row of these
    documents."""
    turns = [t for t in ctx.session.turns[-back:] if any("#" in i for i in t.figure_ids)]
    if not turns:
        return []
    cells = _previous_cells_of(ctx, turns[-1])
    return cells if len(cells) == sum("#" in i for i in turns[-1].figure_ids) else []


def _previous_cells_of(ctx: Ctx, turn) -> list[tuple[Entry, str]]:
    """(row, column) of each table cell ``turn`` gave."""
    return turn_cells(ctx.kb, turn)


def turn_cells(kb, turn) -> list[tuple[Entry, str]]:
    """(row, column) of each table cell a turn gave (its ids "row#column") that is a row of ``kb``."""
    wanted = [tuple(i.split("#", 1)) for i in turn.figure_ids if "#" in i]
    return [(kb.rows.by_id[r], column) for r, column in wanted if r in kb.rows.by_id]


WHERE_PRINTED = re.compile(r"哪(?:一)?(?:张|个|份)表|在哪(?:一)?页|哪(?:里|儿)(?:能|可以)?(?:查到|找到|看到|查)|出处|出自哪")
THIS_NUMBER = re.compile(r"这个数|这个数字|这一?数|该数|这笔|它|这个金额|这个")
NUMBER_GIVEN = re.compile(r"(?<![\d.])(\d[\d,]*\.\d+|(?!(?:19|20)\d{2}(?!\d))\d{3,})(?![\d.])")  # (a year is no amount)


NUMBERS_CHOSEN = re.compile(r"(?<![\d.])(\d[\d,]*\.\d+|\d{3,})\s*(?:万元|万)?\s*还是\s*(\d[\d,]*\.\d+|\d{3,})")  # "是A还是B" (two amounts written out)


def first_given(kb, turn) -> tuple[Figure | None, Cell | None]:
    """The first figure a turn gave: a narrative figure, or a table cell (None, None when neither)."""
    if not turn.figure_ids:
        return None, None
    first = turn.figure_ids[0]
    f = kb.figure_by_id.get(first)
    if f is not None:
        return f, None
    cells = [(e, c) for e, c in turn_cells(kb, turn) if f"{e.row.id}#{c}" == first]
    amount = cells[0][0].row.amount(cells[0][1]) if cells else None
    return None, (Cell(cells[0][0], amount) if amount is not None else None)


def where_printed(ctx: Ctx) -> Answer | None:
    """"这个数在哪张表？", "N这个数在哪张表里能查到？", "年初预算是A还是B": every table row
    that prints the amount (each the question writes, else the one the last answer gave first), with
    its table, column and page — and the narrative's sentences stating it."""
    chosen = NUMBERS_CHOSEN.search(ctx.q.folded)
    if not WHERE_PRINTED.search(ctx.q.folded) and chosen is None:
        return None
    written = NUMBER_GIVEN.search(ctx.q.folded)
    last = ctx.session.last
    if chosen is not None:
        values = [Decimal(chosen.group(1).replace(",", "")), Decimal(chosen.group(2).replace(",", ""))]
    elif written is not None:
        values = [Decimal(written.group(1).replace(",", ""))]
    elif THIS_NUMBER.search(ctx.q.folded) and last is not None and last.figure_ids:
        f, cell = first_given(ctx.kb, last)
        value = f.value if f is not None else (cell.amount.value if cell is not None else None)
        if value is None:
            return None
        values = [value]
    else:
        return _rows_printed(ctx)
    lines, citations, figures = [], [], []
    for value in values:
        cells = [Cell(e, a) for e in ctx.kb.rows.entries if e.doc in ctx.docs for a in e.row.amounts if a.value == value]
        stated = [f for f in ctx.kb.figures if f.doc in ctx.docs and f.value == value and f.unit in MONEY_SCALE][:3]
        printed = [] if cells or stated else _lines_printing(ctx, value)  # (a performance table's cell, say)
        if not cells and not stated and not printed:
            lines.append(ctx.t("figure", "printed_nowhere", value=str(value)))
            continue
        lines.append(ctx.t("figure", "printed_in", value=qty(str(value), cells[0].entry.table.unit if cells else stated[0].unit if stated else "万元")))
        for cell in cells:
            c = cite_row(ctx, cell.entry, [cell.amount])
            citations.append(c)
            lines.append(ctx.t("figure", "printed_row", table=cell.entry.table.label, row=display_name(cell.entry), column=cell.amount.printed or cell.column))
        quoted = set()
        for f in stated:
            c = ctx.kb.cite_figure(f)
            if (c.line_start, c.quote) in quoted:
                continue  # (two figures of one sentence: the sentence once)
            quoted.add((c.line_start, c.quote))
            citations.append(c)
            lines.append(ctx.t("figure", "printed_text", part=c.section or "", quote=(c.quote or "").strip()))
        for c in printed:
            citations.append(c)
            lines.append(ctx.t("figure", "printed_line", part=c.section or "", quote=(c.quote or "").strip()))
        figures += [ref(ctx, cell) for cell in cells] + [ctx.kb.ref(f) for f in stated]
        figures += [FigureRef(subject=f"{c.section or ''}所列数字", value=str(value), unit="万元", doc=c.doc, basis="原文") for c in printed[:1]]
    if not figures:
        return None
    return ctx.answer("figure", "\n".join(lines), intent="where_printed", figures=figures, citations=unique_citations(citations))


def _rows_printed(ctx: Ctx) -> Answer | None:
    """"“其他工资福利支出”是在哪张表里？金额是多少？": the tables printing each row the question names,
    with the row's amounts in the columns asked (its total column when none is)."""
    text = subject_text(ctx)
    asked = read_asked(text)
    hits = [h for h in ctx.kb.rows.match(text, asked, ctx.docs) if h.how != "partial"]
    if not hits:
        return None
    keys = list(dict.fromkeys(h.entry.key for h in hits))[:3]  # each row named ("人员经费合计"和"公用经费合计")
    lines, figures, citations = [], [], []
    for key in keys:
        entries = list({(h.entry.table.id, h.entry.row.id): h.entry for h in hits if h.entry.key == key}.values())[:4]
        lines.append(ctx.t("figure", "printed_tables", subject=display_name(entries[0])))
        for e in entries:
            columns = [c for c in asked.columns if e.row.amount(c) is not None] or [total_column(e.table, e.row) or ""]
            cells = [a for c in columns if (a := e.row.amount(c)) is not None]
            if not cells:
                continue
            citations.append(cite_row(ctx, e, cells))
            said = "，".join(f"“{a.printed or a.column}” {qty(a.raw, e.table.unit) if a.value is not None else '空白'}" for a in cells)
            lines.append(ctx.t("figure", "printed_row_value", table=e.table.label, row=display_name(e), value=said))
            figures += [ref(ctx, Cell(e, a)) for a in cells if a.value is not None]
    if not citations:
        return None
    return ctx.answer("figure", "\n".join(lines), intent="where_printed", figures=figures, citations=unique_citations(citations))


def _lines_printing(ctx: Ctx, value: Decimal) -> list[Citation]:
    """The document lines that print ``value`` as it is written (with or without thousands commas)."""
    written = {f"{value:,}", str(value)}
    pattern = re.compile(r"(?<![\d.,])(?:" + "|".join(re.escape(w) for w in written) + r")(?![\d])")
    out = []
    for doc in ctx.docs:
        rec = ctx.kb.doc(doc)
        for n, line in enumerate(rec.lines, 1):
            if pattern.search(line):
                out.append(ctx.kb.cite_lines(doc, n, n))
                if len(out) >= 3:
                    return out
    return out


def one_subject_twice(kb, turn) -> bool:
    """Whether a turn gave two or more amounts, all of one subject (its 年初预算 and 决算, from the
    narrative or its row): "两者" after it are those."""
    cells = [(e, e.row.amount(c)) for e, c in turn_cells(kb, turn)]
    stated = [f for f in (kb.figure_by_id.get(i) for i in turn.figure_ids) if f is not None and f.unit in MONEY_SCALE]
    names = [re.sub(r"^[\d\s]+", "", fold(e.row.name)) for e, _ in cells] + [fold(f.subject) for f in stated]
    values = {a.value for _, a in cells if a is not None} | {f.value for f in stated}
    if len(names) < 2 or len(values) < 2:
        return False  # (one amount, from its row and its sentence, is one)
    short = min(names, key=len)
    return len(short) >= 2 and all(short in n or n in short for n in names)


BASIS_ONLY = re.compile(r"(那么?)?(它的?|这项的?|其)?(年初|全年)?(有|有没有|安排了?|做了?)?(年初|全年)?预算(数|吗|呢|多少|是多少|有多少|安排了多少)*[？?]?")  # a budget asked of nothing named


PRONOUN = re.compile(r"它(?!们)|其(?!中|他)|这一?项|该项|这笔|^(?:这|那)?(?:里面|里头)的?(?=基本支出|项目支出|人员经费|公用经费)")  # "里面项目支出是多少": the row just given's column


def _row_of_the_last(ctx: Ctx) -> Entry | None:
    """The table row of what the last answer was about: its cells' row, or the 项 (款, 类) its
    narrative figure is the item of — in the spending tables first."""
    previous = _previous_entry(ctx)
    if previous is not None:
        return previous
    last = ctx.session.last
    named = [f for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None and f.classification]
    if not named:
        return None
    rows = [e for e in ctx.kb.rows.entries if e.doc == named[0].doc and e.row.code and fold(e.row.name) == item_named(named[0])]
    level = re.search(r"[(（]([类款项])[)）]$", fold(named[0].classification[-1]))
    digits = {"类": 3, "款": 5, "项": 7}.get(level.group(1)) if level else None
    at_level = [e for e in rows if len(code_digits(e.row.code)) == digits]  # "其他…支出" names a 款 and its 项 alike
    return choose_table(at_level or rows, Asked())


def item_named(f: Figure) -> str:
    """The 类, 款 or 项 a narrative figure is the item of, by its row's name ("图书馆（项）" → 图书馆)."""
    return level_name(f.classification[-1])


def level_name(classified: str) -> str:
    """A classification level as a row names it, without its level mark ("图书馆（项）" → 图书馆)."""
    return re.sub(r"[(（][类款项][)）]$", "", fold(classified))


def _previous_entry(ctx: Ctx) -> Entry | None:
    """The row of the cells the previous answer gave, when they are of one row."""
    whole = _listed_whole(ctx)
    if whole is not None:
        return whole
    rows = {e.row.id: e for e, _ in _previous_cells(ctx)}
    last = ctx.session.last
    if not rows and last is not None and last.intent.startswith("table_") and last.table_id and last.subject:
        # a row's figure the narrative states ("它的年初预算" answered from the text): the row itself
        rows = {e.row.id: e for e in ctx.kb.rows.entries if e.table.id == last.table_id and e.row.name == last.subject}
    if len(rows) > 1:
        # "三公经费…花了多少" answered with its 合计 and the parts named: the whole they are all under
        wholes = [e for e in rows.values() if all(o is e or _row_key(e) in _above(o) for o in rows.values())]
        return wholes[0] if len(wholes) == 1 else None
    return next(iter(rows.values())) if len(rows) == 1 else None


def _listed_whole(ctx: Ctx) -> Entry | None:
    """"它占…" after the rows under a row were listed: that row, not one of its rows."""
    last = ctx.session.last
    if last is None or last.intent != "table_children" or not last.table_id or not last.subject:
        return None
    whole = [e for e in ctx.kb.rows.entries if e.table.id == last.table_id and display_name(e) == last.subject]
    return whole[0] if len(whole) == 1 else None


EACH_SAID = re.compile(r"各自?(?:是|为|占)|分别")  # each of several asked apart ("各占多少", "分别是多少")
EACH_ONE = re.compile(r"^(那么?)?(它们|两者|二者|这两项|这几项)?各(自)?占")


def _each_share_of_the_row(ctx: Ctx) -> Answer | None:
    """"各占多少比例？" after several cells of one row: each cell over the row's total, by the calculator."""
    cells = _previous_cells(ctx)
    if len(cells) < 2 or len({e.row.id for e, _ in cells}) != 1:
        return None
    entry = cells[0][0]
    total = total_column(entry.table, entry.row)
    whole = entry.row.amount(total) if total else None
    if whole is None or not whole.value:
        return None
    lines, figures, calcs = [], [ref(ctx, Cell(entry, whole))], []
    for _, column in cells:
        part = entry.row.amount(column)
        if column == total or part is None or part.value is None:
            continue
        expression = f"{part.value} / {whole.value} × 100"
        result = run(expression, 2)["result"]
        label = column if entry.row.level == "total" else f"{display_name(entry)}{column}"  # the table's own total row: its columns
        lines.append(ctx.t("calculation", "result", description=f"{label}占{total}的比例", expression=expression, result=qty(result, "%")))
        operands = [ref(ctx, Cell(entry, part)), figures[0]]
        figures.insert(len(calcs), FigureRef(subject=f"{label}占{total}的比例", value=result, unit="%", doc=entry.doc, basis="计算", derived=True))
        figures.append(operands[0])
        calcs.append(Calculation(expression=expression, result=result, unit="%", operands=operands))
    if len(calcs) < 2:
        return None
    out = ctx.answer("calculation", "\n".join(lines), intent="table_calculation", figures=figures, calculation=calcs[0],
                     citations=[cite_row(ctx, entry)])
    out.calculations = calcs[1:]
    return out


def _share_of_previous(ctx: Ctx, text: str, asked: Asked) -> Answer | None:
    """"占本年支出合计的比例呢？" after a cell was given: that cell over the one named — another
    column of its row, or the row named in the same column (of the same table when it has it)."""
    m = SHARE_OF_IT.match(text)
    if m is not None and (len(m.group(1).strip()) < 2 or m.group(1).strip() in ("比例", "比重")):
        m = None  # "占比多少": no whole named
    cells = _previous_cells(ctx)
    if len(cells) != 1:
        return None
    entry, column = cells[0]
    if m is not None:
        named = m.group(1)
        for org in sorted(ctx.q.orgs, key=len, reverse=True):
            named = named.replace(org, "")  # "占甲局本年支出合计的比例": the department names no row
        return _share_of_named(ctx, entry, column, named.strip() or m.group(1))
    turns = ctx.session.turns
    if len(turns) >= 2 and fold(turns[-1].question).startswith("其中"):
        # "住房保障支出多少？" "其中住房公积金呢？" "占比多少？": of the whole the part was asked within
        before = [e for e, _ in _previous_cells_of(ctx, turns[-2])]
        if len(before) == 1 and before[0].row.id != entry.row.id:
            return _share_of_named(ctx, entry, column, ORDINAL_PREFIX.sub("", before[0].row.name))
    if len(turns) >= 2 and BARE_SHARE.match(ctx.q.folded):
        # "总共收进来多少？" "其他收入有多少？" "占多少？": of the larger amount of the same table and
        # column the conversation gave just before
        before = _previous_cells_of(ctx, turns[-2])
        if len(before) == 1 and before[0][0].table.id == entry.table.id and before[0][0].row.id != entry.row.id and before[0][1] == column:
            whole, part = before[0][0].row.amount(column), entry.row.amount(column)
            if whole is not None and part is not None and whole.value and part.value is not None and part.value <= whole.value:
                return _share_of_named(ctx, entry, column, ORDINAL_PREFIX.sub("", before[0][0].row.name))
    return None


WHOLE_OF_ALL = re.compile(r"合计|总计|总额|总数|全部|所有|一共|总支出|总收入|本年支出|本年收入|支出总|收入总|整体|全年|^(?:总的)?(?:支出|收入)的?$")  # a whole that is a column's total
OWN_ROW = re.compile(r"(?:该|这一?|本|此|其)(?:类|款|项|行|科目)的?(?:本年)?(?:支出)?(?:合计数?|总额|总数)?")  # "该类支出": the row itself
AGAINST_BUDGET = re.compile(r"(?:那么?)?(?:它的?)?(?:决算数?|实际)?(?:比|较)(?:年初|全年)?预算数?(?:还)?(?:多|少|高|低)了?(?:多少)?")  # "比年初预算多了多少"
BARE_SHARE = re.compile(r"^(?:那么?)?(?:它|这个|这项|这笔钱?)?占(?:了)?(?:多少|几成|百分之几|百分之多少|多大比例|比例|比重)[?？]?$")  # no whole named
THAN_ANOTHER = re.compile(r"^(?:那么?)?(?:它|这个|这项|这笔钱?|该项)?(?:比|较|跟|和|与)(?P<other>[^，,。？?]{2,20}?)(?:相比|比)?的?(?:多|少|高|低|差|变化?|相差)了?(?:多少|几)")


def _against_previous(ctx: Ctx) -> Answer | None:
    """"比办公费少多少？" right after a cell: that cell against the row named, in the same table and
    column, the larger less the smaller, by the calculator."""
    m = THAN_ANOTHER.match(ctx.q.folded.strip())
    cells = _previous_cells(ctx)
    if m is None or len(cells) != 1:
        return None
    entry, column = cells[0]
    other = m.group("other")
    named = [h.entry for h in ctx.kb.rows.match(other, read_asked(other), [entry.doc]) if h.how != "partial" and h.entry.table.id == entry.table.id]
    if len({e.row.id for e in named}) != 1 or named[0].row.id == entry.row.id:
        return None
    mine, theirs = entry.row.amount(column), named[0].row.amount(column)
    if mine is None or theirs is None or mine.value is None or theirs.value is None:
        return None
    a, b = _cell_operand(ctx, Cell(entry, mine)), _cell_operand(ctx, Cell(named[0], theirs))
    if a is None or b is None:
        return None
    big, small = (a, b) if a.value >= b.value else (b, a)
    return _computed(ctx, f"{big.label}比{small.label}多", f"{big.value} − {small.value}", entry.table.unit, [big, small], entry)


COLUMN_SHARE_ASKED = re.compile(r"^[，,]?(?P<column>[^，,占]{2,12}?)(?:的)?(?:占了?|所占)(?:(?:该|这一?|本|此|其)(?:类|款|项|行|科目)?的?(?:本年)?(?:支出)?(?:合计数?|总额|总数)?)?(?:多大|多少|几成|百分之几|百分之多少)?的?(?:比例|比重|占比|比)?(?:是|为)?(?:多少)?$")


def _row_column_share(ctx: Ctx, text: str) -> Answer | None:
    """"图书馆（项）花的钱里，基本支出占了多大比例": a column of the row named first over that row's
    total — not the column's share of the table, nor the department's."""
    found = within(text)
    m = COLUMN_SHARE_ASKED.match(found[1].strip(" ，,？?。")) if found else None
    if m is None:
        return None
    asked = read_asked(m.group("column"))
    if len(asked.columns) != 1 or [h for h in ctx.kb.rows.match(m.group("column"), asked, ctx.docs) if h.how != "partial" and not _in_columns(h, asked)]:
        return None  # the part must be a column only
    whole = re.sub(r"(花的钱|的钱|花的|支出的钱|那块|那一块|这块)$", "", found[0].strip(" ，,的"))
    hits = [h for h in ctx.kb.rows.match(whole, read_asked(whole), ctx.docs) if h.how != "partial"]
    if not hits:
        return None
    entry = choose_table([h.entry for h in hits if h.entry.key == hits[0].entry.key], asked)
    total = total_column(entry.table, entry.row) if entry is not None else None
    if entry is None or total is None or total == asked.columns[0] or entry.row.amount(asked.columns[0]) is None or entry.row.amount(total) is None:
        return None
    part, whole = (_cell_operand(ctx, Cell(entry, entry.row.amount(c))) for c in (asked.columns[0], total))
    if whole.value == 0 or part.value > whole.value:
        return None
    return _computed(ctx, f"{part.label}占{whole.label}的比重", f"{part.value} / {whole.value} × 100", "%", [part, whole], entry, share=True)


def _column_share(ctx: Ctx, text: str) -> Answer | None:
    """"基本支出占本年支出合计的比例": a column named as the part is its total row's cell; the
    whole is what the words after 占 name (:func:`whole_named`)."""
    m = SHARE_OF_WHOLE.search(text)
    if not m:
        return None
    part_text = text[: m.start()]
    asked = read_asked(part_text)
    if not asked.columns or any(not _in_columns(h, asked) for h in ctx.kb.rows.match(part_text, asked, ctx.docs) if h.how != "partial"):
        return None  # the part is a row: calculate() takes it
    totals = _total_rows(ctx, asked)
    entry = choose_table(totals, asked) if totals else None
    column = next((c for c in asked.columns if entry is not None and entry.row.amount(c) is not None), None)
    if entry is None or column is None:
        return None
    return _share_of_named(ctx, entry, column, m.group(1), of_a_column=True)


def _share_of_named(ctx: Ctx, entry: Entry, column: str, whole_text: str, *, of_a_column: bool = False) -> Answer | None:
    """``entry``'s cell in ``column`` over the whole ``whole_text`` names, by the calculator; None
    when the cell is blank, the whole is not found, is zero or is the cell itself, or the part is
    more than the whole (the row named is not what the cell is a part of)."""
    amount = entry.row.amount(column)
    part = _cell_operand(ctx, Cell(entry, amount)) if amount is not None else None
    whole = whole_named(ctx, entry, column, whole_text, of_a_column=of_a_column) if part is not None else None
    if part is None or whole is None or whole.value == 0 or part.ref.record_id == whole.ref.record_id or part.value > whole.value > 0:
        return None
    return _computed(ctx, f"{part.label}占{whole.label}的比重", f"{part.value} / {whole.value} × 100", "%", [part, whole], entry, share=True)


def whole_named(ctx: Ctx, entry: Entry, column: str, text: str, *, of_a_column: bool = False) -> Operand | None:
    """What a share of ``entry``'s cell in ``column`` is taken of, named by ``text`` (the words
    after 占): a row named (by name or code) in the same column, of the same table first; else a
    column named — a budget column of the same row (an execution rate), the same row's column when
    the cell is a total's, else that column's total in the table ("办公费占公用经费"). A part
    that is a column (``of_a_column``: "政府性基金预算财政拨款支出占本年支出合计") is over the row
    named as a whole, its total column — not the same column of that row, which is the part again.
    The row itself named by a pronoun ("占该类支出的比重") is its total column."""
    own = total_column(entry.table, entry.row)
    if OWN_ROW.fullmatch(text.strip(" 的")) and own and own != column and entry.row.amount(own) is not None:
        return _cell_operand(ctx, Cell(entry, entry.row.amount(own)))
    if of_a_column:
        named = [h for h in ctx.kb.rows.match(text, read_asked(text), [entry.doc]) if h.how == "name" and h.entry.table.id == entry.table.id]
        row = named[0].entry if named else None
        total = total_column(row.table, row.row) if row is not None else None
        if row is not None and total and total != column and row.row.amount(total) is not None:
            return _cell_operand(ctx, Cell(row, row.row.amount(total)))

    def rows_named(words: str) -> list[Hit]:
        return [h for h in ctx.kb.rows.match(words, read_asked(words), [entry.doc])
                if h.how != "partial" and h.entry.row.id != entry.row.id and h.entry.row.amount(column) is not None]

    asked = read_asked(text)
    hits = rows_named(text)
    if not hits and not asked.columns:  # "公用经费": its total row, "公用经费合计"
        hits = rows_named(f"{text.strip()}合计")
    hits.sort(key=lambda h: h.entry.table.id != entry.table.id)  # the same table first
    if hits:
        return _cell_operand(ctx, Cell(hits[0].entry, hits[0].entry.row.amount(column)))
    for named in asked.columns:
        own = entry.row.amount(named) if named != column else None  # the cell's own column: its total row's
        if own is not None and ("预算" in named or (fold(entry.row.name) in GENERIC_TOTALS and not entry.row.code)):
            return _cell_operand(ctx, Cell(entry, own))
        # (of the totals, the year's own — 本年支出合计 — before the 总计 that adds the carry-overs)
        total = min((e for e in ctx.kb.rows.entries if e.doc == entry.doc and e.table.id == entry.table.id and e.row.level == "total"
                     and not e.row.code and e.row.id != entry.row.id and e.row.amount(named) is not None), key=lambda e: "总计" in e.row.name, default=None)
        if total is not None:
            return _cell_operand(ctx, Cell(total, total.row.amount(named)))
        if own is not None:
            return _cell_operand(ctx, Cell(entry, own))
    for named in asked.columns:  # a column the cell's table lacks: the document's total row of that column
        total = min((e for e in ctx.kb.rows.entries if e.doc == entry.doc and e.row.level == "total" and not e.row.code
                     and (fold(e.row.name) in GENERIC_TOTALS or fold(e.row.name).endswith("支出合计")) and e.row.amount(named) is not None),
                    key=lambda e: "总计" in e.row.name, default=None)
        if total is not None:
            return _cell_operand(ctx, Cell(total, total.row.amount(named)))
    return None


OPERATION_WORDS = re.compile(r"[的是为按算了呢吗？?，,。\s]|多少|百分之|百分比|比例|比率|几|执行率|完成率|完成了?|相差|差额|差了?|超出|超过|占")


SAME_COLUMNS = re.compile(r"同样(?:这|的|那)?(?:[几两三四五]|\d)?(?:列|栏|个口径|口径|几项)|这?(?:[几两三四五]|\d)(?:列|栏)|[各每]一?[列栏]")


def _bases_given(ctx: Ctx, last, any_columns: bool = False) -> list[str]:
    """The columns the previous answer gave its subject on, when a budget was among them (or, with
    ``any_columns``, whenever it gave two or more: "同样这三列…呢")."""
    columns = []
    for i in last.figure_ids:
        f = ctx.kb.figure_by_id.get(i)
        column = i.split("#", 1)[1] if "#" in i else COLUMN_OF_BASIS.get(f.basis if f else "", "")
        if column and column not in columns:
            columns.append(column)
    return columns if ("年初预算数" in columns or any_columns) and len(columns) > 1 else []


def _follows_up(ctx: Ctx) -> bool:
    """A short question that leans on the previous one ("基本支出呢？", "那年初预算是多少")."""
    folded = ctx.q.folded.strip("？?!！。 ")
    if re.match(r"(?:那么?)?(?:它|这个|这项|这笔钱?|该项|其)?占", folded):
        return True  # "占本年支出合计的比例是多少", "这个占三公的多少": a share with no part of its own
    if folded.startswith("其中") and len(re.findall(r"[\u4e00-\u9fff]", ctx.q.content)) >= 10 and not _names_its_own_column(ctx):
        return False  # "其中用于某某剧院装修工程的支出": a part named at length, not the row again
    if FOLLOW_UP.search(folded) or BASIS_ONLY.fullmatch(ctx.q.folded) or AGAINST_BUDGET.fullmatch(folded):
        return True  # ("年初有预算吗？": a budget, of nothing named)
    if not OPERATION_WORDS.sub("", _without_columns(folded)):
        return True  # "决算是年初预算的百分之多少？": columns and an operation, no subject of its own
    short = len(folded) <= 8 or len(ctx.q.raw.strip("？?!！。 ")) <= 8  # as typed, before aliases
    return short and not _names_its_own(ctx)


def _without_columns(text: str) -> str:
    """``text`` without the tables' column words (each column's longest first)."""
    for words in vocabulary().columns.values():
        for w in sorted(words, key=len, reverse=True):
            text = text.replace(w, " ")
    return text


def _names_its_own_column(ctx: Ctx) -> bool:
    """"其中基本支出呢": what follows 其中 is only a column of the row."""
    return len(re.findall(r"[\u4e00-\u9fff]", _without_columns(ctx.q.content.replace("其中", "")))) < 4


def _names_its_own(ctx: Ctx) -> bool:
    """"机关运行经费多少？" is short, but names a figure of its own: not the previous row again."""
    rest = _without_columns(ctx.q.content).strip()
    ranked = best_figures(ctx, text=rest) if len(rest.replace(" ", "")) >= 3 else []
    return bool(ranked) and ranked[0].score >= STRONG


def _blank(entry: Entry, asked: Asked) -> bool:
    """Whether the row leaves blank every column asked (its total column when none is)."""
    columns = asked.columns or [total_column(entry.table, entry.row) or ""]
    return all((a := entry.row.amount(c)) is None or a.value is None for c in columns)


def _printed_instead_of_blank(strong: list[Hit], hits: list[Hit], asked: Asked) -> list[Hit]:
    """Rows named exactly but blank ("31013 公务用车购置" of the 基本支出 table), when a row of another
    table named as they are with an ending ("公务用车购置费" of the 三公 table) prints the amount: that row."""
    if not strong or not all(_blank(h.entry, asked) for h in strong):
        return strong
    names = {re.sub(r"^[\d\s]+", "", fold(h.entry.row.name)) for h in strong}
    printed = [h for h in hits if h not in strong and not _blank(h.entry, asked)
               and any(fold(h.entry.row.name).startswith(n) and fold(h.entry.row.name)[len(n):] in ("费", "支出", "费支出", "经费") for n in names)]
    return printed[:1] or strong


def subject_text(ctx: Ctx) -> str:
    """The question without the departments and places it names (spaces keep the positions)."""
    from assistant.route import without_departments

    def made() -> str:
        text = without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.kb.doc_ids])
        # "听说新买了4辆公车，买车花了多少钱": the clause claiming a figure is not what is asked when
        # the asking clause names a row of its own (and does not point back at it: "那…占了其中多少")
        # ("新买了公车，买车花了多少钱": an event told, a thing done — no amount needed)
        masked = CLAIM_CLAUSE.sub(lambda m: " " * len(m.group(0)) if not ASKING.search(m.group(0)) and (CLAIMED.search(m.group(0)) or EVENT_TOLD.search(m.group(0)))
                                  else m.group(0), text)
        rest = masked.strip(" ，,；;？?。")
        if masked != text and rest and not re.search(r"其|它|这|那|该|此", rest) and any(h.how != "partial" for h in ctx.kb.rows.match(masked, read_asked(masked), ctx.docs)):
            return masked
        return text

    return ctx.memo("subject_text", made)


CLAIM_CLAUSE = re.compile(r"[^，,；;。？?]+(?=[，,；;])")  # a clause another follows
CLAIMED = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|万|亿|元|%|个|人|辆|台|套|项)")
EVENT_TOLD = re.compile(r"(?:听说|据说|新)[^，,；;]*了|(?:购置|买|添置|新增)了")  # "听说新买了公车", "购置了公务用车"


NAMED_IN_PART = 0.8  # a row named this much of its name, in a list of its siblings, is that row


def _parts_named_after(strong: list[Hit], hits: list[Hit], text: str, asked: Asked) -> list[Hit]:
    """Rows under a row named first, each named (in part) at its own place after it ("三公经费里，
    公务用车购置和公务用车运行维护各…"): those rows, whatever other table names the same words."""
    for whole in sorted(strong, key=lambda h: h.span):
        if whole.span[0] < 0:
            continue  # a row asked by its code is placed nowhere in the words
        own = _row_key(whole.entry)
        under = [h for h in hits if h is not whole and h.span[0] >= whole.span[1] and h.entry.table.id == whole.entry.table.id and own in _above(h.entry)
                 and (h.how == "name" or h.score >= NAMED_IN_PART) and not any(x < h.span[1] and h.span[0] < y for x, y in asked.column_spans)]
        spans = sorted({h.span for h in under})
        # (each may be asked on its own: "买车花了多少、车子日常运行维护又花了多少")
        listed = all(a[1] <= b[0] and re.fullmatch(r"\s*(?:(?:又|还|各|分别)?(?:花了|用了|是|为|有)?(?:多少钱?|几))?\s*(和|、|及|与|跟|以及|，|,)\s*(?:又|还)?", text[a[1] : b[0]]) for a, b in zip(spans, spans[1:]))
        if len({h.entry.key for h in under}) >= 2 and listed:
            return under
        if len({h.entry.key for h in under}) == 1 and re.match(r"\s*(?:里面?|中|当中|之中)", text[whole.span[1]:]):
            return under  # "三公经费里，公务用车购置花了多少": the one row under it the words name
    return []


def _parts_by_their_ends(ctx: Ctx, strong: list[Hit], text: str) -> list[Hit]:
    """"公务用车购置及运行维护费决算中，购置费和运行维护费各是多少": a row named, then two or more of
    the rows under it by the ends of their names (three characters or more, each found once after
    it): those rows."""
    for whole in strong:
        if whole.how != "name" or whole.span[0] < 0:
            continue
        own = _row_key(whole.entry)
        kids = [e for e in ctx.kb.rows.entries if e.doc == whole.entry.doc and e.table.id == whole.entry.table.id and own in _above(e)[:1]]
        after = text[whole.span[1]:]
        found = []
        for kid in kids:
            name = fold(kid.row.name)
            end = next((name[-n:] for n in range(min(len(name) - 1, 8), 2, -1) if after.count(name[-n:]) == 1), None)
            if end is not None:
                at = whole.span[1] + after.find(end)
                found.append(Hit(kid, 2.0, (at, at + len(end)), "name"))
        spans = sorted(h.span for h in found)
        if len(found) >= 2 and all(a[1] <= b[0] for a, b in zip(spans, spans[1:])):
            return found
    return []


def _again(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where the words at ``span`` are said next in ``text`` ((-1, -1) when they are not)."""
    a, b = span
    if a < 0:
        return span
    at = text.find(text[a:b], b)
    return (at, at + b - a) if at >= 0 else (-1, -1)


def _in_brackets(text: str, span: tuple[int, int]) -> bool:
    a, b = span
    if a < 0:
        return False
    opened = max(text.rfind("（", 0, a), text.rfind("(", 0, a))
    closed = max(text.rfind("）", 0, a), text.rfind(")", 0, a))
    return opened > closed and re.search(r"[)）]", text[b:]) is not None


def _counted_apart(ctx: Ctx, hits: list[Hit], strong: list[Hit], subjects: list[list[Entry]]) -> list[list[Entry]]:
    """"养老保险、职业年金和基本医疗保险，三项加起来": a sum that counts more names than the rows
    found by name takes, for each name no found row covers, the rows it names in part (职工基本医疗
    保险缴费) — the count said still checks the sum."""
    stated = COUNT_SAID.search(ctx.q.folded)
    wanted = number_said(stated.group(1)) if stated else None
    if wanted is None or len(subjects) >= wanted:
        return []
    taken = {e.key for s in subjects for e in s}
    covered = [h.span for h in strong if h.entry.key in taken]
    best: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        if h.how != "partial" or h.entry.key in taken or any(a < h.span[1] and h.span[0] < b for a, b in covered):
            continue
        same = best.setdefault(h.span, [])
        if not same or h.score > same[0].score:
            best[h.span] = [h]
        elif h.score == same[0].score:
            same.append(h)
    groups: dict[tuple[str, str], list[Entry]] = {}
    for span in sorted(best):
        for h in best[span]:
            groups.setdefault(h.entry.key, []).append(h.entry)
    return list(groups.values())


UNDER_SAID = re.compile(r"下(?:面|边|属)?的|下面|下边|下属|项下")


def _subjects(hits: list[Hit], best: Hit, text: str = "") -> list[list[Entry]]:
    """The subjects (rows of one code or name, across tables) as good as the best hit."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    # "201 06财政事务款下面的行政运行、一般行政管理事务…": rows under the row a code names, listed by name
    under = [h for h in hits if best.how == "code" and h.how == "name" and h.score >= 2.0 and best.entry.row.code and h.entry.row.code
             and h.entry.row.code != best.entry.row.code and h.entry.row.code.startswith(best.entry.row.code)]
    listed = len({h.span for h in under}) >= 2 and bool(UNDER_SAID.search(text)) and "其中" not in text  # (not "X合计多少？其中A和B各多少")
    # "表：人员经费合计、公用经费合计，以及301…、302…各是多少": codes typed, and total rows named beside them
    coded = len({h.entry.row.code for h in hits if h.how == "code"}) >= 2 and bool(re.search(r"各|分别", text)) and "占" not in text
    totals = [h for h in hits if coded and best.how == "code" and h.how == "name" and h.score >= 2.0 and not h.entry.row.code and h.entry.row.level == "total"
              and fold(h.entry.row.name) not in GENERIC_TOTALS]
    for h in hits:
        if h.score >= best.score - TIE or (h.how == best.how == "name" and h.span != best.span and h.score >= 2.0) \
                or (h.how == best.how == "code" and h.entry.row.code != best.entry.row.code) or (listed and h in under) or h in totals:  # each code typed is asked for
            groups.setdefault(h.entry.key, []).append(h.entry)
    return list(groups.values())


def _in_columns(h: Hit, asked: Asked) -> bool:
    a, b = h.span
    return h.how != "code" and any(a < y and x < b for x, y in asked.column_spans)


def _columns_of_one_total(ctx: Ctx, strong: list[Hit], asked: Asked) -> tuple[Entry, Asked] | None:
    """"本年收入合计中，财政拨款收入和其他收入分别是多少": every row found is named by words that are
    each a column of one table's 合计 row, its total column among them — that row's columns, not
    the rows sharing a name with some of them; else None."""
    said = list(dict.fromkeys(asked.span_columns))
    if len(said) < 3 or not strong or not all(h.span in asked.column_spans for h in strong):
        return None
    every = replace(asked, columns=said)
    totals = _total_rows(ctx, every)
    entry = choose_table(totals, asked) if totals else None
    if entry is None or total_column(entry.table, entry.row) not in said:
        return None  # (the whole is named too: "…中")
    return entry, every


def _total_rows(ctx: Ctx, asked: Asked) -> list[Entry]:
    """A question that names only columns ("本年支出合计中基本支出") asks about the 合计 rows that have them."""
    out = []
    for e in ctx.kb.rows.entries:
        if e.row.level == "total" and not e.row.code and fold(e.row.name) in GENERIC_TOTALS and e.doc in ctx.docs:
            if all(e.row.amount(c) is not None for c in asked.columns if c in {a.column for a in e.row.amounts} or True) and any(e.row.amount(c) is not None for c in asked.columns):
                out.append(e)
    return out


def _partial_will_do(ctx: Ctx, best: Hit, asked: Asked) -> bool:
    """A row named only in part ("办公设备" of 办公设备购置) answers when it shares four characters
    or more and the narrative names nothing better."""
    if best.span[1] - best.span[0] < 4:
        return False
    stretch = subject_text(ctx)[best.span[0] : best.span[1]]
    named = [e for e in ctx.kb.rows.entries if e.names and stretch in e.names[0] and (not ctx.docs or e.doc in ctx.docs)]
    if len({e.names[0] for e in named}) > 1:
        return False  # a stretch several names share ("公务用车…") does not pick one
    if ctx.q.intents & {"rank_high", "rank_low"} and WHICH_PART.search(ctx.q.folded) and len(named) == 1 and _parts_of(ctx, named[0]):
        return True  # "公用经费里哪一项最大": the parts the table lists under it, which no sentence ranks
    ranked = best_figures(ctx)
    if not ranked or ranked[0].score < STRONG:
        return True
    # "…年初预算多少" of a subject the narrative states only as spent: the row that prints the budget
    budget = BUDGET_BASIS["年初预算数"]
    return "年初预算数" in asked.columns and any(e.row.amount("年初预算数") is not None for e in named) \
        and not any(r.figure.basis == budget for r in ranked if r.score >= STRONG)


# a subject named by its classification levels: "…（类）…（款）", "一般公共服务支出下财政事务款"
CLASS_PATH = re.compile(r"[(（]类[)）].{2,}?[(（]款[)）]|(?:类|款|支出)(?:下面?|下面?的|项下)(?!有|是|的?[各哪几多])[\u4e00-\u9fff]{2,}?(?:款|项)")


def narrative_names_more(ctx: Ctx, best: Hit) -> bool:
    """The row's name is part of a longer subject the question names and the narrative states
    ("一般公共预算财政拨款基本支出中人员经费…" is not the row 一般公共预算财政拨款): the narrative answers."""
    if best.how != "name":
        return False
    text = subject_text(ctx)
    a, b = best.span
    docs = set(ctx.docs or ctx.kb.doc_ids)
    row = re.sub(r"[(（][类款项][)）]$", "", fold(ORDINAL_PREFIX.sub("", best.entry.row.name)))  # ("十四、X" is X)
    for f in ctx.kb.figures:
        if f.doc not in docs:
            continue
        own = re.sub(r"[(（][类款项][)）]$", "", fold(f.classification[-1] if f.classification else f.subject))
        if own.endswith(row) and (f.classification or CLASS_PATH.search(f.subject) or own == row):
            continue  # "…（类）…（款）信息化建设（项）", "X（类）": the narrative names the same row by its classification
        for name in (f.subject, f.parent):
            n = fold(name or "")
            if len(n) > b - a:
                at = text.find(n)
                if 0 <= at <= a and b <= at + len(n):
                    return True
    return False


def _with_columns(subjects: list[list[Entry]], asked: Asked) -> list[list[Entry]]:
    """When a column is asked, the subjects whose tables have it."""
    if not asked.columns:
        return subjects
    # "决算数" is every table's final amount: its total column where no column has that name
    final = ["决算数"] if "决算数" in asked.columns else []
    having = [s for s in subjects if any(e.row.amount(c) is not None for e in s for c in asked.columns)
              or any(e.row.amount(total_column(e.table, e.row) or "") is not None for e in s for _ in final)]
    return having or subjects


def _without_context(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> list[list[Entry]]:
    """A 类 or 款 named only to place the rows asked about ("商品和服务支出下的福利费") is not itself asked."""
    if asked.children or len(subjects) < 2:
        return subjects
    above = {a.key for s in subjects for e in s for a in ctx.kb.rows.ancestors(e)}
    kept = [s for s in subjects if s[0].key not in above]
    return kept or subjects


def _total_as_context(subjects: list[list[Entry]], hits: list[Hit], text: str) -> list[list[Entry]]:
    """"三公经费里公务接待费的预算数": a table's total named just before one of its rows ("X里Y", "X中的Y")
    only places the row; the row is asked, not the total."""
    if len(subjects) != 2:
        return subjects
    spans = {h.entry.key: h.span for h in hits if h.how != "partial"}
    for whole, part in (subjects, subjects[::-1]):
        a, b = spans.get(whole[0].key), spans.get(part[0].key)
        if a is None or b is None or a[1] > b[0] or whole[0].row.level != "total":
            continue
        if any(w.table.id == p.table.id for w in whole for p in part) and re.fullmatch(r"(?:里|中|下|当中|里面|之中)?的?(?:[，,])?", text[a[1]: b[0]]):
            return [part]
    return subjects


def _one_per_name(subjects: list[list[Entry]], asked: Asked) -> list[list[Entry]]:
    """Rows of one name that carry the same amount (住房公积金 as a 功能分类 item and as an 经济分类
    item) are one subject: the preferred table's row answers, the others are cited."""
    by_name: dict[str, list[list[Entry]]] = {}
    for s in subjects:
        by_name.setdefault(fold(ORDINAL_PREFIX.sub("", s[0].row.name)), []).append(s)
    out = []
    for group in by_name.values():
        if len(group) > 1 and _same_value(group, asked):
            out.append([e for s in group for e in s])
        else:
            out.extend(group)
    return out


def _same_value(subjects: list[list[Entry]], asked: Asked) -> bool:
    """Several rows answer, all with the same amount (住房公积金 as a 功能分类 item and as an
    经济分类 item): one answer, every row cited."""
    values, names, tables = set(), set(), set()
    for entries in subjects:
        entry = choose_table(entries, asked)
        cells = _cells(entry, asked) if entry else []
        if not cells or cells[0].amount.value is None:
            return False
        values.add(cells[0].amount.value)
        names.add(re.sub(r"^[\d\s]+", "", fold(entry.row.name)))
        tables.add(entry.table.id)
    short = min(names, key=len) if names else ""
    # (two rows of one table, named otherwise, that happen to hold one amount — 年初 and 年末结转和结余
    # — are two answers)
    return len(values) == 1 and (len(tables) > 1 or all(short in n for n in names))


def _answerable(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> list[list[Entry]]:
    """Rows of the same name that can answer: a row whose table lacks the column asked (年初预算 of
    a 支出决算表 row) only when the narrative states it for that row's subject — a choice between
    blanks is no choice; all of them when none can."""
    def can(entries: list[Entry]) -> bool:
        entry = choose_table(entries, asked)
        if entry is None or not _missing(entry, asked) or _cells(entry, asked):
            return True
        return any(stated_in_text(ctx, entry, c) for c in _missing(entry, asked))

    kept = [s for s in subjects if can(s)] or subjects
    if len(asked.columns) > 1:
        # "年初安排了多少预算，实际花了多少": the row whose table prints every column asked (the 三公
        # table's, not the 基本支出 table's row of one column)
        whole = [s for s in kept if any(not _missing(e, asked) for e in s)]
        kept = whole or kept
    return kept


def _held_over_blank(subjects: list[list[Entry]], asked: Asked) -> list[list[Entry]]:
    """One subject printed in two tables (公务接待费 of the 经济分类 table and of the 三公 table; 公务
    用车购置 and 公务用车购置费): the one whose cell asked holds an amount when the others are blank,
    and when all are blank, the one that prints any amount at all (the 三公 row's 年初预算数)."""
    names = [fold(s[0].row.name) for s in subjects]
    shortest = min(names, key=len)
    if not all(shortest in n for n in names):
        return subjects

    def held(s: list[Entry]) -> bool:
        entry = choose_table(s, asked)
        return entry is not None and any(c.amount.value is not None for c in _cells(entry, asked))

    kept = [s for s in subjects if held(s)]
    if not kept:
        kept = [s for s in subjects if any(a.value is not None for e in s for a in e.row.amounts)]
    return kept if len(kept) == 1 else subjects


def _under_parents_named(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> list[list[Entry]] | None:
    """Rows of one name the question tells apart by their parents, two or more of them named
    ("群众团体事务、组织事务下的一般行政管理事务"): those rows, in the order the parents are named."""
    counts: dict[str, int] = {}
    for s in subjects:
        counts[fold(s[0].row.name)] = counts.get(fold(s[0].row.name), 0) + 1
    shared = max(counts, key=counts.get)
    alike = [s for s in subjects if fold(s[0].row.name) == shared]
    above = {a.row.code for s in alike for e in s for a in ctx.kb.rows.ancestors(e)}
    above |= {fold(a.row.name) for s in alike for e in s for a in ctx.kb.rows.ancestors(e)}  # summary tables print no codes
    if len(alike) < 2 or any(s[0].row.code not in above and not set(s[0].names) & above for s in subjects if s not in alike):
        return None  # another row named that is no context of these ("一般公共服务支出中，…")
    text = subject_text(ctx)
    at = {}
    for s in alike:
        entry = choose_table(s, asked)
        parents = ctx.kb.rows.ancestors(entry)[:1] if entry is not None else []
        name = fold(parents[0].row.name) if parents else ""
        if len(name) >= 2 and name in text and text.count(name) == 1:
            at[id(s)] = text.index(name)
    kept = sorted((s for s in alike if id(s) in at), key=lambda s: at[id(s)])
    return kept if len(kept) >= 2 else None


def _named_apart(subjects: list[list[Entry]], hits: list[Hit]) -> bool:
    """Rows of one table, each found at its own place in the question, none overlapping another
    ("公务用车购置和公务用车运行维护…各"): several asked, even when each is named only in part."""
    if set.intersection(*({e.table.kind for e in s} for s in subjects)) == set() or any(e.row.level == "total" for s in subjects for e in s):
        return False  # rows of one table, none of them its total
    spans = []
    for s in subjects:
        span = next((h.span for h in hits if h.entry.key == s[0].key and h.span != (-1, -1)), None)
        if span is None:
            return False
        spans.append(span)
    spans.sort()
    return all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def _all_of_one_name(ctx: Ctx, subjects: list[list[Entry]]) -> bool:
    """"各款中“一般行政管理事务”（项）的决算数合计": every row of that name, added — no need to ask which."""
    return "sum" in ctx.q.intents and bool(EVERY_ONE.search(ctx.q.folded)) and len({fold(s[0].row.name) for s in subjects}) == 1


EVERY_ONE = re.compile(r"各(?:款|类|项|个|级)|所有|全部|每个|都")


def _lists_several(ctx: Ctx, subjects: list[list[Entry]]) -> bool:
    """The question names several subjects on purpose ("福利费和工会经费分别是多少")."""
    names = {fold(s[0].row.name) for s in subjects}
    text = subject_text(ctx)
    compact = re.sub(r"\s+", "", text)
    return len(names) == len(subjects) and all(any(n in text for n in s[0].names) or (s[0].row.code and s[0].row.code in compact) for s in subjects)


def _asked_columns(entry: Entry, asked: Asked) -> list[str]:
    """The columns asked, in this row's terms: 决算 of a row whose table has no 决算数 column is its total."""
    total = total_column(entry.table, entry.row)
    return [total if c in ("决算数", "合计") and entry.row.amount(c) is None and total else c for c in asked.columns]


def _cells(entry: Entry, asked: Asked) -> list[Cell]:
    own = {c.name for c in entry.table.columns}
    if not entry.row.amounts:
        # a row printed with no amount at all ("四、公共安全支出" and nothing after it): every cell of it
        # is blank, the one asked or (a budget the table has no column for) the row's total
        columns = [c for c in dict.fromkeys(_asked_columns(entry, asked)) if c in own] or [total_column(entry.table, entry.row)]
        return [Cell(entry, Amount(column=c, printed=c, raw="", value=None)) for c in columns if c]
    columns = [c for c in dict.fromkeys(_asked_columns(entry, asked)) if entry.row.amount(c) is not None]
    blank = [c for c in dict.fromkeys(_asked_columns(entry, asked)) if c in own and entry.row.amount(c) is None]
    if not columns and blank and all(a.column for a in entry.row.amounts):
        # a column of the row's table left blank in the row (every amount of the row placed): said
        # blank, with the cells that do hold the row's money ("一般公共预算财政拨款" blank, "政府性
        # 基金预算财政拨款" N)
        held = [a for a in entry.row.amounts if a.value is not None]
        return [*(Cell(entry, Amount(column=c, printed=c, raw="", value=None)) for c in blank), *(Cell(entry, a) for a in held)]
    if not columns and _missing(entry, asked):
        return []  # only columns this table lacks were asked: the narrative may state them
    if not columns:
        wanted = total_column(entry.table, entry.row)
        columns = [wanted] if wanted else []
    cells = [Cell(entry, entry.row.amount(c)) for c in columns if entry.row.amount(c) is not None]
    cells += [Cell(entry, a) for a in entry.row.amounts if a.column is None and a.candidates and set(a.candidates) & set(columns)]
    return cells


def _missing(entry: Entry, asked: Asked) -> list[str]:
    """Columns asked that the row's table does not have (年初预算数 of a 支出决算表 row)."""
    return [c for c in _asked_columns(entry, asked) if entry.row.amount(c) is None and c in BUDGET_BASIS]


def _answering_row(ctx: Ctx, entries: list[Entry], asked: Asked) -> Entry | None:
    """The row of one subject that answers (rows.choose_table), unless its table lacks a budget
    column asked that the narrative states only for another of the subject's rows (住房公积金's
    功能分类 row, not its 经济分类 one): that row."""
    entry = choose_table(entries, asked)
    missing = _missing(entry, asked) if entry is not None else []
    if not missing or all(_gives(ctx, entry, c) for c in missing):
        return entry
    fuller = [e for e in entries if e is not entry and all(_gives(ctx, e, c) for c in missing)]
    return choose_table(fuller, Asked(columns=[c for c in asked.columns if c not in missing], tables=asked.tables)) if fuller else entry


def _gives(ctx: Ctx, entry: Entry, column: str) -> bool:
    """The row prints ``column``, or (a budget its table has no column for) the narrative states it."""
    return entry.row.amount(column) is not None or (column in BUDGET_BASIS and bool(stated_in_text(ctx, entry, column)))


def _columns_answered(ctx: Ctx, entries: list[Entry], asked: Asked) -> int:
    """How many of the columns asked a subject's rows print, or the narrative states of them."""
    return sum(any(_gives(ctx, e, c) for e in entries) for c in asked.columns)


def stated_in_text(ctx: Ctx, entry: Entry, column: str) -> list[Figure]:
    """The narrative's figures of a subject on the basis of ``column`` (its 年初预算 …)."""
    probe = Cell(entry, Amount(column=column, printed=column, raw="", value=None))
    found, _ = _narrative(ctx, probe)
    basis = column.removesuffix("数")
    if not found and basis in BUDGETS:
        # a class whose budget the narrative states under its one item only: that item's
        spent, _ = _narrative(ctx, Cell(entry, Amount(column="决算数", printed="决算数", raw="", value=None)))
        found = [item for g in spent[:1] if (item := sole_item(ctx, g, [basis])) is not None]
    return found


def _lookup(ctx: Ctx, subjects: list[list[Entry]], asked: Asked, also: list[Entry] | None = None) -> Answer | None:
    lines, figures, citations = [], [], []
    shown: list[Cell] = []
    stated_too: list[str] = []  # the narrative's figures of the same subjects: what a follow-up leans on
    first_entry = None
    for entries in subjects:
        entry = _answering_row(ctx, entries, asked)
        if entry is None:
            continue
        first_entry = first_entry or entry
        for column in _missing(entry, asked):
            for f in stated_in_text(ctx, entry, column)[:1]:
                lines.append(ctx.t("statement", "in_text", subject=display_name(entry), column=column, value=qty(f.raw, f.unit), where=ctx.kb.docs[f.doc].section_at(f.line_start)))
                figures.append(ctx.kb.ref(f))
                citations += [ctx.kb.cite_figure(f), cite_row(ctx, entry)]  # the row shows the subject's code
        if not entry.row.amounts and not _named_alone(ctx, entry):
            continue
        cells = _cells(entry, asked)
        if not cells:
            continue
        cells = _with_their_total(entry, cells)
        shown += cells
        citations.append(cite_row(ctx, entry, [c.amount for c in cells]))
        for cell in cells:
            lines.append(cell_sentence(ctx, cell))
            if cell.amount.value is not None and cell.amount.column:
                figures.append(ref(ctx, cell))
            narrative, note = _narrative(ctx, cell)
            citations += [ctx.kb.cite_figure(f) for f in narrative]
            stated_too += [f.id for f in narrative]
            if cell.amount.value is None and narrative and not note:
                # a blank cell the narrative states (as 0.00): the stated figure is the answer's (the
                # cell is kept in the turn, so "那年初预算安排了多少" reads the same row)
                stated_too.append(f"{cell.entry.row.id}#{cell.column}")
                f = narrative[0]
                lines.append(ctx.t("statement", "blank_stated", where=ctx.kb.docs[f.doc].section_at(f.line_start), value=qty(f.raw, f.unit)))
                figures.append(ctx.kb.ref(f))
            if note:
                figures += [ctx.kb.ref(f) for f in narrative if f.value != cell.amount.value]
                lines.append(note)
            unbalanced = _row_unbalanced(ctx, cell)
            if unbalanced is not None:
                lines.append(unbalanced[0])
                figures.append(unbalanced[1])
    if not lines or first_entry is None:
        return None
    for entry in also or []:
        citations.append(cite_row(ctx, entry))  # the same amount in another table
    text = "\n".join(lines) if len(lines) > 1 else lines[0]
    ids = list(dict.fromkeys([*stated_too, *(f.record_id for f in figures if f.record_id)]))
    turn = Turn(question=ctx.q.text, intent="table_lookup", kind="figure", doc=first_entry.doc, figure_ids=ids,
                subject=first_entry.row.name, table_id=first_entry.table.id)
    # only blank cells, and nothing stated of them elsewhere: the document gives no figure for what is
    # asked — said as such, with the row cited
    kind = "refusal" if not figures and shown and all(c.amount.value is None and c.amount.column for c in shown) else "figure"
    return ctx.answer(kind, _named(ctx, first_entry, text), intent="table_lookup", figures=figures, citations=citations, turn=turn)


def _budget_and_spent(entry: Entry) -> bool:
    """A row with both a budget and the money spent printed (the 三公 table's 年初预算数 and 决算数)."""
    bases = {BUDGET_BASIS.get(a.column) for a in entry.row.amounts if a.value is not None}
    return {"年初预算", "本年决算"} <= bases


@lru_cache(maxsize=1)
def _table_and_column_words() -> frozenset[str]:
    """Every word that names a statement table or one of its columns (statements.toml)."""
    voc = vocabulary()
    return frozenset(w for ws in (*voc.tables.values(), *voc.columns.values()) for w in ws)


def _named_alone(ctx: Ctx, entry: Entry) -> bool:
    """A row printed blank answers only a question that names it and nothing more besides the
    department, a table, a column and the asking words: "教育支出花了多少", not "公务用车购置和运行
    维护费是多少" (whose longer name holds the blank row's)."""
    rest = remove_words(fold(ctx.q.content), sorted({*entry.names, *_table_and_column_words()}, key=len, reverse=True), " ")
    rest = without_departments(ctx.q, [ctx.kb.doc(d).info for d in {entry.doc}], without_basis(ctx, rest))
    name = fold(entry.row.name)
    rest = re.sub(r"[^的里中在表\s]{2,}", lambda m: "" if m.group(0) in name else m.group(0), rest)  # "收入里事业收入": the kind it is of
    return len(re.sub(r"[^\u4e00-\u9fff]|[的里中在表]", "", rest)) <= 1


def _with_their_total(entry: Entry, cells: list[Cell]) -> list[Cell]:
    """Two or more part columns of a row asked ("群众文化的基本支出和项目支出"): the row's total they
    make up, first — as the narrative states a whole before its parts."""
    from assistant.audit.statements import identities

    asked = {c.amount.column for c in cells}
    for ident in identities(entry.table.kind):
        if len(asked) >= 2 and not ident.minus and asked <= set(ident.plus) and ident.total not in asked:
            total = entry.row.amount(ident.total)
            if total is not None and total.value is not None:
                return [Cell(entry, total), *cells]
    return cells


def _row_unbalanced(ctx: Ctx, cell: Cell) -> tuple[str, FigureRef] | None:
    """A part column of a row whose columns do not add up ("212 城乡社区支出：合计 13,583.48 =
    基本支出 1,066.51 + 项目支出 2,921.97"? no): the value the row's other cells imply, by the
    calculator, beside the printed one — a reviewer's first question about such a cell."""
    from assistant.audit.statements import identities

    row, column = cell.entry.row, cell.amount.column
    if cell.amount.value is None or not column or any(a.column is None and a.value is not None for a in row.amounts):
        return None  # a text export whose cells could not all be placed: nothing to check
    for ident in identities(cell.entry.table.kind):
        if column not in ident.plus or ident.minus:
            continue
        total = row.amount(ident.total)
        others = [row.amount(c) for c in ident.plus if c != column]
        others = [o for o in others if o is not None and o.value is not None]
        if total is None or total.value is None:
            continue
        implied = total.value - sum((o.value for o in others), Decimal(0))
        if abs(implied - cell.amount.value) <= Decimal("0.01"):
            return None
        expression = " − ".join([str(total.value), *(str(o.value) for o in others)]) if others else str(total.value)
        try:
            out = run(expression, 2)
        except CalculationError:
            return None
        unit = cell.entry.table.unit
        text = ctx.t("statement", "unbalanced", total=ident.total, expression=expression, column=column,
                     implied=qty(out["result"], unit), printed=qty(cell.amount.raw, unit))
        return text, ref(ctx, cell, value=out["result"], derived=True)
    return None


def cell_sentence(ctx: Ctx, cell: Cell) -> str:
    table = cell.entry.table
    if cell.amount.column is None:
        return ctx.t("statement", "unplaced", subject=cell.subject, table=table.label, value=qty(cell.amount.raw, table.unit), candidates="、".join(cell.amount.candidates))
    if cell.amount.value is None:
        return ctx.t("statement", "blank", subject=cell.subject, table=table.label, column=cell.column)
    return ctx.t("statement", "value", subject=cell.subject, table=table.label, column=cell.column, value=qty(cell.amount.raw, table.unit))


def _named(ctx: Ctx, entry: Entry, text: str) -> str:
    """With several documents in the store, the answer says whose table it is."""
    if len(ctx.kb.docs) > 1:
        return f"{ctx.kb.document_name(entry.doc)}：{text}"
    return text


def printed_code(entry: Entry) -> str:
    """The code cells of a row as its quote prints them (every number of an answer is quoted)."""
    row = entry.row
    at = row.quote.find(row.name)
    printed = row.quote[:at].strip() if at > 0 else ""
    return printed if printed.replace(" ", "") == row.code else (row.code or "")


def cells_of_the_name(ctx: Ctx, doc: str, subject: str) -> list[Cell]:
    """The cells of the rows of ``doc`` named as a narrative figure's subject is (公务接待费)."""
    name = ORDINAL_PREFIX.sub("", fold(subject))
    return [Cell(e, a) for e in ctx.kb.rows.entries if e.doc == doc and ORDINAL_PREFIX.sub("", fold(e.row.name)) == name for a in e.row.amounts]


CLASS_LEVELS = ("类", "款", "项")


def cell_of_the_amount(ctx: Ctx, doc: str, value: Decimal, *, income: bool = False) -> Cell | None:
    """The cell of ``doc`` that prints ``value`` (万元), in the table a subject is first read from —
    the thing it is the amount of (a 合计 row's column); None when none does or two things do."""
    cells = [Cell(e, a) for e in ctx.kb.rows.entries if e.doc == doc and e.table.unit == "万元" for a in e.row.amounts if a.value == value]
    cells = [c for c in cells if c.entry.row.level not in CLASS_LEVELS] or cells  # (a 类 row's share of the column is a part of it)
    things = {ORDINAL_PREFIX.sub("", fold(c.column if c.entry.row.level == "total" else c.entry.row.name)) for c in cells}
    if not cells or len(things) != 1:
        return None
    entry = choose_table([c.entry for c in cells], Asked(income=income))
    return next(c for c in cells if c.entry is entry)


def ref(ctx: Ctx, cell: Cell, *, value: str | None = None, derived: bool = False) -> FigureRef:
    return FigureRef(
        subject=cell_label(cell),  # 201 06 01 行政运行基本支出; 财政拨款“三公”经费合计
        value=value if value is not None else str(cell.amount.value),
        unit=cell.entry.table.unit,
        doc=cell.entry.doc,
        record_id=f"{cell.entry.row.id}#{cell.column}",
        basis=cell.column,
        derived=derived,
        source=cell.entry.table.kind,
    )


def cite_row(ctx: Ctx, entry: Entry, amounts: list[Amount] | None = None) -> Citation:
    """A table row quoted as printed, with its table and the header of each quoted cell."""
    row, table = entry.row, entry.table
    c = ctx.kb.cite_lines(entry.doc, row.line, row.line, row.quote)
    columns = []
    if row.code:
        columns.append("科目编码")
    columns.append("科目名称" if row.code else "项目")
    columns += [a.printed or a.column or "" for a in row.amounts if a.raw]
    c.table, c.columns = table.label, columns
    c.section = c.section or table.label
    if row.bbox:
        c.bbox = list(row.bbox)
    return c


TRANSPOSED = 6  # characters a name needs before the same characters in another order are taken for it


def _narrative(ctx: Ctx, cell: Cell) -> tuple[list[Figure], str | None]:
    """The narrative's own statement of the same subject and basis: cited beside the row; when its
    number differs, both are given and the answer says so."""
    basis = BUDGET_BASIS.get(cell.amount.column or "")
    if basis is None:
        return [], None
    row = cell.entry.row
    name = ORDINAL_PREFIX.sub("", fold(row.name))  # ("一、一般公共预算财政拨款" is 一般公共预算财政拨款)
    from assistant.rows import vocabulary

    extra = [] if row.code else vocabulary().row_names.get(cell.entry.table.kind, {}).get(name, [])
    found: list[Figure] = []
    above = ctx.kb.rows.ancestors(cell.entry) if row.code else []
    for f in ctx.kb.figures:
        if f.doc != cell.entry.doc or f.basis != basis or f.kind != "amount":
            continue
        if f.unit != cell.entry.table.unit and not (f.value == 0 and f.unit in MONEY_SCALE):
            continue  # "年初预算为 0 元" is none in any unit
        last = fold(f.classification[-1]).split("(")[0] if f.classification else fold(f.subject)
        # the same name, or its characters transposed (a narrative's "其他社区城乡管理事务支出" for the
        # row 其他城乡社区管理事务支出)
        named = last == name or (len(name) >= TRANSPOSED and sorted(last) == sorted(name))
        same = named and (not row.code or len(f.classification or []) == {3: 1, 5: 2, 7: 3}.get(len(row.code), 0))
        if same and row.code and f.classification and len(f.classification) >= 2:
            # "统战事务（款）一般行政管理事务（项）" is not the 群众团体事务 one: the 款 above must agree
            same = not above or fold(f.classification[-2]).split("(")[0] == fold(above[0].row.name)
        if same or (not f.classification and any(_names_row(fold(f.subject), n) for n in [name, *extra])):
            found.append(f)
    # a fund's section states the row's part in that fund: it is the fund's column of a table that
    # prints one per fund (财政拨款收入支出决算总表), not the row's 合计
    columns = [c.name for c in cell.entry.table.columns]
    found = [f for f in found if not (fund := next((w for w in FUND_WORDS if w in ctx.kb.docs[f.doc].section_at(f.line_start)), None))
             or not any(fund in c for c in columns) or fund in (cell.amount.column or "") or fund in name]
    if not found:
        return [], None
    value = cell.amount.value if cell.amount.value is not None else Decimal(0)
    differing = [f for f in found if f.value != value]
    if not differing:
        return found[:1], None
    f = differing[0]
    where = ctx.kb.docs[f.doc].section_at(f.line_start)
    shown = qty(cell.amount.raw, cell.entry.table.unit) if cell.amount.value is not None else "空白"
    text = ctx.t("statement", "differs", other=qty(f.raw, f.unit), where=where, value=shown)
    scale = MONEY_SCALE.get(f.unit, Decimal(1)) / MONEY_SCALE.get(cell.entry.table.unit, Decimal(1))
    alike = next((a for a in row.amounts if a.column and a.column != cell.amount.column and a.value is not None and a.value == f.value * scale), None)
    if alike is not None:  # "公务接待费支出决算为1.53万元" where the row's 年初预算数 is 1.53: the narrative's number is that column's
        text += ctx.t("statement", "differs_as_column", column=alike.column)
    return [f], text


FUND_WORDS = ("一般公共预算", "政府性基金", "国有资本经营")
ROW_SUFFIX = ("", "支出", "费", "费用", "费支出", "经费", "合计", "财政拨款", "财政拨款支出")  # what a narrative adds to a row's name


def _names_row(subject: str, name: str) -> bool:
    """The narrative's subject is the row's name with a suffix at most ("公务用车购置及运行维护费支出"),
    not a longer subject the name begins (公务用车购置支出 is not 公务用车's)."""
    return subject.startswith(name) and subject[len(name):] in ROW_SUFFIX


def _candidates(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> Answer:
    """Several rows of the same name (一般行政管理事务 under several 款): show them, ask which."""
    items, figures, citations = [], [], []
    for entries in subjects[:8]:
        entry = choose_table(entries, asked)
        if entry is None:
            continue
        cells = _cells(entry, asked)
        value = qty(cells[0].amount.raw, entry.table.unit) if cells and cells[0].amount.raw else "空白"
        items.append("- " + ctx.t("statement", "candidate", path=_path(ctx, entry), table=entry.table.label, value=value))
        if cells and cells[0].amount.value is not None:
            figures.append(ref(ctx, cells[0]))
        citations.append(cite_row(ctx, entry, [c.amount for c in cells]))
    name = subjects[0][0].row.name
    text = ctx.t("statement", "candidates", name=name) + "\n" + "\n".join(items)
    return ctx.answer("clarification", text, intent="table_candidates", figures=figures, citations=citations)


def _path(ctx: Ctx, entry: Entry) -> str:
    """类 > 款 > 项 names of a row ("一般公共服务支出 > 群众团体事务 > 一般行政管理事务")."""
    names = [a.row.name for a in reversed(ctx.kb.rows.ancestors(entry))] + [entry.row.name]
    prefix = f"{printed_code(entry)} " if entry.row.code else ""  # as the table prints it: the citation quotes it so
    return prefix + " > ".join(names)


WHICH_PART = re.compile(r"哪|什么|啥|谁|(?:最|第[二三四五六七八九十\d]+)[大多高小少低]的[一那]?(?:项|个|类|款|块|笔|科目)")  # "最大的一项呢"
LEVEL_NAMED = re.compile(r"[(（]?([类款项])[)）]|([类款项])(?:这一?|一)?级|大(类)|(?:按|的)[“\"'‘]?([类款项])[”\"'’]?(?:来看|排|分|看|划分|区分)|哪几([类款])|哪一?([类款])(?=支出|科目|功能)"
                         r"|[“\"'‘]([类款项])[”\"'’]|(?:个|的)([类款项])(?=[的里中呢是最？?，,]|$|合计|超过|加)")
LEVEL_ASKED = re.compile(r"(?:哪几个?|哪些|哪个|哪一个?|几个)\s*([类款项])(?:级|科目|构成|组成|上|里|下|中|[？?，,]|$)")
PLACE_SAID = re.compile(r"第\s*([二三四五六七八九十]|\d{1,2})\s*(?:位|名|大|多|高|小|少|低|的)")  # "排第二位", "第三大"
TOP_N = re.compile(r"前\s*([两二三四五六七八九十]|\d{1,2})|哪\s*([两二三四五六七八九十]|\d{1,2})\s*(?:个|大|项|类)|(?:最多|最高|最大|最少|最低)的\s*([两二三四五六七八九十]|\d{1,2})\s*(?:个|项|类|大)")


def _kids(ctx: Ctx, entry: Entry) -> list[Entry]:
    """The rows just under a row in its table (a row's parent is its parent's code, or in a table
    without codes, 三公经费, its parent's name)."""
    return [e for e in ctx.kb.rows.entries if e.doc == entry.doc and e.table.id == entry.table.id and e.row.parent and e.row.parent == _row_key(entry)]


def _parts_of(ctx: Ctx, entry: Entry) -> list[Entry]:
    """The rows a row is made of, in its table: those under it (by code or name); for a total the
    table prints apart from its 类 (人员经费合计), the rows under the 类 the template makes it of; for
    the total of one side of a summary table, that side's items."""
    kids = _kids(ctx, entry)
    if kids:
        return kids
    rows = [e for e in ctx.kb.rows.entries if e.doc == entry.doc and e.table.id == entry.table.id and e is not entry]
    name = ORDINAL_PREFIX.sub("", fold(entry.row.name))
    classes = vocabulary().parts.get(entry.table.kind, {}).get(name)
    if classes:
        under = [e for e in rows if e.row.parent in classes]
        return under or [e for e in rows if e.row.code in classes]
    if entry.row.level == "total":
        return [e for e in rows if e.row.level != "total" and e.row.side == entry.row.side and (e.row.level in ("类", "item") or not e.row.parent)]
    return []


SAME_COLUMN = {"本年收入合计": "本年收入", "本年支出合计": "本年支出", "本年收入": "本年收入合计", "本年支出": "本年支出合计"}


def _columns_of_the_table_named(ctx: Ctx, asked: Asked) -> Asked:
    """"政府性基金…决算表中，本年收入合计是多少": the table named prints the column as 本年收入 —
    the column asked is that table's, not the 本年收入合计 of another table."""
    if not asked.tables or not asked.columns:
        return asked
    printed = {a.column for e in ctx.kb.rows.entries if e.doc in ctx.docs and e.table.kind in asked.tables for a in e.row.amounts if a.column}
    if not printed:
        return asked
    def printed_as(column: str) -> str:
        return SAME_COLUMN[column] if column not in printed and SAME_COLUMN.get(column) in printed else column

    if all(printed_as(c) == c for c in asked.columns):
        return asked
    out = copy.copy(asked)
    out.columns = [printed_as(c) for c in asked.columns]
    out.span_columns = [printed_as(c) for c in asked.span_columns]
    return out


TABLE_LISTED = re.compile(r"列(?:一下|一列|出来?|个表|表|明细)|明细|逐项|每一?项|各项|都有哪些|有哪些项|哪几项|整张|全表")
LISTED_AT_MOST = 40  # rows of one table listed in an answer


def _table_listed(ctx: Ctx, asked: Asked, strong: list[Hit]) -> Answer | None:
    """"三公表每项预算和决算列个表", "把基本支出决算表列一下": a table named, asked to be listed, no
    row of it named but its total — every row of it, in the columns asked (else all its columns)."""
    if len(asked.tables) != 1 or not TABLE_LISTED.search(ctx.q.folded) or ctx.q.intents & {"rank_high", "rank_low", "share", "difference", "ratio", "average", "change", "reason"}:
        return None
    entries = [e for e in ctx.kb.rows.entries if e.doc in ctx.docs and e.table.kind == asked.tables[0]]
    if len({e.table.id for e in entries}) != 1 or len(entries) > LISTED_AT_MOST:
        return None  # (one table of one document)
    table = entries[0].table
    if any(h.how != "partial" and (h.entry.table.id != table.id or (h.entry.row.level != "total" and fold(h.entry.row.name) not in GENERIC_TOTALS)) for h in strong):
        return None  # a row of it named: that row's
    lines, figures, citations, rows = [ctx.t("statement", "table_listed", table=table.label, unit=table.unit)], [], [], []
    for e in entries:
        cells = _cells(e, asked) if asked.columns else [Cell(e, a) for a in e.row.amounts if a.column]
        if not cells:
            continue
        said = "；".join(f"{c.column} {qty(c.amount.raw, table.unit) if c.amount.raw else '空白'}" for c in cells)
        lines.append("- " + ctx.t("statement", "child", code=f"{printed_code(e)} " if e.row.code else "", name=e.row.name, value=said))
        figures += [ref(ctx, c) for c in cells if c.amount.value is not None and c.amount.column]
        citations.append(cite_row(ctx, e))
        rows.append({"科目编码": printed_code(e), "科目名称": e.row.name, **{c.column: (c.amount.raw or "空白") for c in cells}})
    if len(rows) < 2:
        return None
    turn = Turn(question=ctx.q.text, intent="table_children", kind="list", doc=table.doc, figure_ids=[f.record_id for f in figures if f.record_id], subject=table.label, table_id=table.id)
    return ctx.answer("list", _named(ctx, entries[0], "\n".join(lines)), intent="table_children", figures=figures, citations=citations, table=rows, turn=turn)


SUMMARY_KINDS = ("fiscal_summary", "income_expense_summary")
WHICH_CLASS = re.compile(r"哪一?个?类(?=最|排|[？?，,。]|$)")  # of a fund's spending: its classes ("…支出里，占比最大的是哪一类")
FUND_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、)?(一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款)(?:收入|支出)?$")  # a fund's row in a summary table
FUND_TABLES = {"一般公共预算财政拨款": "general_budget_expense", "政府性基金预算财政拨款": "gov_fund", "国有资本经营预算财政拨款": "state_capital"}


def _top_of_a_level(ctx: Ctx, asked: Asked) -> Answer | None:
    """"哪三大类支出花钱最多", "收入最多的款级科目": no row named, a level of the function
    classification — the year's rows of that level in the spending (or income) table, ranked;
    "超过N万元的项有几个": those rows above the amount, counted and listed."""
    funds = [FUND_TABLES[c] for c in asked.columns if c in FUND_TABLES]
    if not (LEVEL_NAMED.search(ctx.q.folded) or (funds and WHICH_CLASS.search(ctx.q.folded))):
        return None  # "一般公共预算财政拨款支出按类": that fund's own table
    kinds = asked.tables or funds[:1] or ["income" if asked.income else "expense"]
    totals = [e for e in ctx.kb.rows.entries if e.doc in ctx.docs and e.table.kind in kinds and e.row.level == "total" and not e.row.code]
    if set(kinds) <= set(SUMMARY_KINDS):  # a summary table's two sides: the one asked ("支出金额最大的三个类": its spending)
        side = "收入" if asked.income else "支出"
        totals = sorted(totals, key=lambda e: (side not in fold(e.row.name), "本年" not in fold(e.row.name)))
    if not totals:
        return None
    if asked.children and ITEM_LIMIT.search(ctx.q.folded):
        return _children(ctx, [totals[0]], Asked(columns=[c for c in asked.columns if c not in FUND_TABLES], tables=asked.tables))
    return _top_part(ctx, [totals[0]], asked)


def _at_level(ctx: Ctx, parts: list[Entry], wanted: str | None = None) -> list[Entry]:
    """The rows of the level the question names ("最多的项级科目", "有几个款级科目") — or ``wanted``
    — among ``parts`` and below them: under a total of 类, two levels down."""
    level = LEVEL_NAMED.search(ctx.q.folded[max(ctx.q.folded.find("最"), 0):]) or LEVEL_NAMED.search(ctx.q.folded)
    wanted = wanted or (level.group(level.lastindex) if level else None) or ("类" if WHICH_CLASS.search(ctx.q.folded) else None)
    if not wanted or not any(p.row.level in "类款项" for p in parts):
        return parts
    while parts and not any(p.row.level == wanted for p in parts) and "类款项".find(wanted) > "类款项".find(parts[0].row.level):
        parts = [k for p in parts for k in _parts_of(ctx, p)]
    return [p for p in parts if p.row.level == wanted] or parts


LEVEL_COUNTED = re.compile(r"(?<!哪)(?:几|多少)个?(?:[类款项]级)?(?:科目|[类款项])(?![目算])")  # "有几个款级科目", "涉及几个项级科目"


def _counted(ctx: Ctx, entry: Entry, parts: list[Entry]) -> tuple[str, FigureRef] | None:
    """"…下有几个款级科目": how many rows are listed, counted here, as a line and a figure."""
    if not LEVEL_COUNTED.search(ctx.q.folded) or not parts:
        return None
    level = LEVEL_WORDS.get(parts[0].row.level, "")
    line = ctx.t("statement", "rows_counted", whole=display_name(entry), count=len(parts), level=level)
    return line, FigureRef(subject=f"{display_name(entry)}下{level}科目数", value=str(len(parts)), unit="个", doc=entry.doc, basis="计数", derived=True)


def _counted_above(ctx: Ctx, entry: Entry, parts: list[Entry], limit: str) -> tuple[str, FigureRef] | None:
    """"…里超过100万元的有几项": how many rows meet the threshold, in the measure word asked."""
    if not parts or not re.search(r"(?:几|多少)(?:个|项|笔)|有几", ctx.q.folded):
        return None
    unit = "项" if re.search(r"几项|多少项", ctx.q.folded) else "个"
    line = ctx.t("statement", "rows_above_counted", count=len(parts), unit=unit)
    return line, FigureRef(subject=f"{display_name(entry)}下{limit}的科目数", value=str(len(parts)), unit=unit, doc=entry.doc, basis="计数", derived=True)


def _top_part(ctx: Ctx, entries: list[Entry], asked: Asked, *, level: str | None = None, claimed: Entry | None = None) -> Answer | None:
    """"X里决算数最大的科目是哪一项": X's parts ranked by the column asked (else each row's total),
    the largest (or smallest, the first few, the one at a place asked) said, every part listed with
    its row cited; its share of X or the few's sum when asked. ``level``: the parts' level, when a
    follow-up ranks again what the last turn ranked; ``claimed``: a part the question claims is at
    that place ("…里最多的应该是Y吧"), whose own place is said too."""
    with_parts = [e for e in entries if _parts_of(ctx, e)]
    if not with_parts and entries:  # a summary table's row ("一、一般公共服务支出"): the same class where its parts are listed
        name = ORDINAL_PREFIX.sub("", fold(entries[0].row.name))
        with_parts = [e for e in ctx.kb.rows.entries if e.doc == entries[0].doc and e.row.code and fold(e.row.name) == name and _parts_of(ctx, e)]
    entry = choose_table(with_parts or entries, asked)
    if entry is None:
        return None
    parts = _at_level(ctx, _parts_of(ctx, entry), level)
    while len(parts) == 1 and _parts_of(ctx, parts[0]):
        parts = _parts_of(ctx, parts[0])  # a class of one 款 ("201 → 20106 财政事务"): that 款's own parts are ranked
    while True:
        cells = [(p, c[0]) for p in parts if (c := (_cells(p, asked) or _cells(p, Asked()))) and c[0].amount.value is not None]
        if NONZERO_ONLY.search(ctx.q.folded):
            cells = [(p, c) for p, c in cells if c.amount.value != 0]  # "最少的呢？只算有金额的"
        if len(cells) == 1 and level is None and _parts_of(ctx, cells[0][0]):
            parts = _parts_of(ctx, cells[0][0])  # one class printed in the column ranked ("项目支出里哪一项最多"): its own parts are
            continue
        break
    if len(cells) < 2:
        return None
    high = "rank_high" in ctx.q.intents
    cells.sort(key=lambda pc: pc[1].amount.value, reverse=high)
    n = TOP_N.search(ctx.q.folded)
    count = (number_said(n.group(n.lastindex)) or 1) if n else 1
    chosen = [pc for pc in cells if pc[1].amount.value in {c.amount.value for _, c in cells[:count]}]  # ties kept
    nth = PLACE_SAID.search(ctx.q.folded)
    place = number_said(nth.group(1)) if nth else None
    if place and 1 < place <= len(cells):
        chosen, count = [cells[place - 1]], 1  # "排第二位的是哪一类": that place only
        if re.search(r"最(大|多|高|小|少|低)", ctx.q.folded):
            chosen, count = [cells[0], cells[place - 1]], 2  # "最大和第二大的分别是": both places
    column = chosen[0][1].column
    unit = entry.table.unit
    own = next(iter(_cells(entry, asked) or _cells(entry, Asked())), None)
    own = own if own is not None and own.amount.value is not None and own.column == column else None
    lines = [cell_sentence(ctx, own)] if own is not None else []  # "项目支出合计多少？…最多的是哪个": the whole too
    stated_shares: list[Figure] = []
    lines += [ctx.t("statement", "largest", whole=display_name(entry), table=entry.table.label, column=column,
                   order=(f"第{in_words(place, ordinal=True)}{'大' if high else '小'}" if place and place > 1 else ("最大" if high else "最小")) if count == 1
                   else (f"{'最大' if high else '最小'}和第{in_words(place, ordinal=True)}{'大' if high else '小'}" if place and place > 1
                         else f"{'最大' if high else '最小'}的前{in_words(count)}项"),
                   name="、".join(display_name(p) for p, _ in chosen), value="、".join(qty(c.amount.raw, unit) for _, c in chosen))]
    for _, c in chosen:  # the share the narrative states of what was ranked first ("…，占71.73%")
        said = next((f for f in _narrative(ctx, c)[0] if f.share is not None and f.value == c.amount.value), None)
        if said is not None:
            lines.append(ctx.t("statement", "share_stated", name=display_name(c.entry), of=said.share.of or "", value=qty(said.share.raw, "%")))
            stated_shares.append(said)
    other_end = None
    if count == 1 and len(cells) > 2 and re.search(r"最(多|高|大)", ctx.q.folded) and re.search(r"最(少|低|小)", ctx.q.folded):
        end, cell = other_end = cells[-1]  # "哪一类最多、哪一类最少": the other end too
        lines.append(ctx.t("statement", "largest", whole=display_name(entry), table=entry.table.label, column=column, order="最小" if high else "最大",
                           name=display_name(end), value=qty(cell.amount.raw, unit)))
    listed = cells[:PARTS_LISTED_AT_MOST]
    lines += _ranked_lines(ctx, listed, column, unit, high)
    figures = [ref(ctx, c) for _, c in chosen] + [ref(ctx, c) for p, c in listed if (p, c) not in chosen] + ([ref(ctx, own)] if own else [])
    citations = [cite_row(ctx, p, [c.amount]) for p, c in chosen] + [cite_row(ctx, p, [c.amount]) for p, c in listed if (p, c) not in chosen] + (
        [cite_row(ctx, entry, [own.amount])] if own else [])
    figures += [ctx.kb.ref(f, subject=f"{f.subject}占{f.share.of or ''}的比例", value=str(f.share.percent), unit="%", basis="占比") for f in stated_shares]
    citations += [ctx.kb.cite_figure(f) for f in stated_shares]
    if other_end is not None and other_end not in listed:  # the other end said beyond the rows listed: cited too
        figures.insert(len(chosen), ref(ctx, other_end[1]))
        citations.insert(len(chosen), cite_row(ctx, other_end[0], [other_end[1].amount]))
    if claimed is not None and all(p.row.id != claimed.row.id for p, _ in chosen):
        at = next((i for i, (p, _) in enumerate(cells, 1) if p.row.id == claimed.row.id), None)
        if at is not None:  # "…最多的应该是Y吧": Y's own place
            lines.insert(len(lines) - len(listed) - 1, ctx.t("statement", "ranked_at", name=display_name(claimed), value=qty(cells[at - 1][1].amount.raw, unit),
                                                             place=in_words(at, ordinal=True), direction="从大到小" if high else "从小到大"))
            figures.append(ref(ctx, cells[at - 1][1]))
            citations.insert(len(chosen), cite_row(ctx, claimed, [cells[at - 1][1].amount]))
    counted = _counted(ctx, entry, [p for p, _ in cells])
    if counted is not None:  # "…下有几个款级科目？其中金额最大的是哪个": the count first
        lines.insert(1 if own is not None else 0, counted[0])
        figures.append(counted[1])
    computed = _of_the_chosen(ctx, [c for _, c in chosen], own, count)
    gap = _gap_between_places(ctx, cells, high)
    if gap is not None:
        computed.append(gap)  # "哪一款最大？比排第二的多多少？"
    for description, calc in computed:
        lines.append(ctx.t("calculation", "result", description=description, expression=calc.expression, result=qty(calc.result, calc.unit)))
        figures.insert(len(chosen), FigureRef(subject=description, value=calc.result, unit=calc.unit, doc=entry.doc, basis="计算", derived=True, source=entry.table.kind))
    turn = Turn(question=ctx.q.text, intent="table_lookup", kind="figure", doc=entry.doc, figure_ids=[f.record_id for f in figures[: len(chosen)] if f.record_id],
                subject=chosen[0][0].row.name, table_id=entry.table.id, ranking=Ranking(row_id=entry.row.id, level=chosen[0][0].row.level, column=column, share="share" in ctx.q.intents))
    out = ctx.answer("calculation" if computed else "figure", _named(ctx, entry, "\n".join(lines)), intent="table_lookup", figures=figures, citations=citations, turn=turn,
                     calculation=computed[0][1] if computed else None)
    out.calculations = [c for _, c in computed[1:]]
    if "share" in ctx.q.intents:
        for _, c in chosen:  # the share the narrative states of the same amount, beside the computed one
            stated = stated_share(ctx, c)
            if stated is not None:
                _share_said_beside(ctx, out, stated, entry)
    return out


def _share_said_beside(ctx: Ctx, out: Answer, stated: Figure, entry: Entry) -> None:
    """The share the narrative states of an amount, said after the share computed of it (their last
    digits may differ by the document's rounding), as a figure and a citation of its own."""
    of = stated.share.of or display_name(entry)
    out.answer += "\n" + ctx.t("share", "alike", label=figure_label(stated), value=qty(stated.raw, stated.unit), of=of, share=qty(stated.share.raw, "%"))
    out.figures.append(ctx.kb.ref(stated, subject=f"{figure_label(stated)}占{of}比例", value=str(stated.share.percent), unit="%", basis="占比"))
    out.citations = unique_citations([*out.citations, ctx.kb.cite_figure(stated)])


def _gap_between_places(ctx: Ctx, cells: list, high: bool) -> tuple[str, Calculation] | None:
    """"哪项最大？比第二名多多少", "比最小的那行多多少": the first place less the place named (or
    the other end), by the calculator. ``cells`` are (row, cell) pairs in the order ranked."""
    other = place_compared(ctx.q.folded, cells)
    if other is None or len(cells) < 2:
        return None
    (first, a), (second, b) = cells[0], other
    big, small = (a, b) if a.amount.value >= b.amount.value else (b, a)
    expression = f"{big.amount.value} − {small.amount.value}"
    return (f"{display_name(big.entry)}比{display_name(small.entry)}多", Calculation(expression=expression, result=run(expression, 2)["result"], unit=big.entry.table.unit,
                                                                               operands=[ref(ctx, big), ref(ctx, small)]))


def _ranked_lines(ctx: Ctx, pairs: list, column: str, unit: str, high: bool) -> list[str]:
    """"各项决算数（从大到小）：" and one line per (row, cell), in the order given."""
    return [ctx.t("statement", "ranked_parts", column=column, direction="从大到小" if high else "从小到大"),
            *("- " + ctx.t("statement", "child", code=f"{printed_code(p)} " if p.row.code else "", name=p.row.name, value=qty(c.amount.raw, unit)) for p, c in pairs)]


def _rank_named(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> Answer | None:
    """"图书馆、群众文化、文化和旅游管理事务三项中哪项支出决算最大？比第二名多多少？": the rows
    named, in one column, ranked — the first (or last) said, each listed, a gap asked computed."""
    cells = []
    common = set.intersection(*({e.table.kind for e in s} for s in subjects))
    first = choose_table([e for e in subjects[0] if e.table.kind in common], asked)  # one table for all of them
    for s in subjects:
        entry = next((e for e in s if first is not None and e.table.kind == first.table.kind), None)
        cell = next((c for c in (_cells(entry, asked) if entry is not None else []) if c.amount.value is not None), None)
        if cell is None:
            return None
        cells.append((entry, cell))
    if len({c.column for _, c in cells}) != 1:
        return None
    high = "rank_high" in ctx.q.intents
    cells.sort(key=lambda pc: pc[1].amount.value, reverse=high)
    column, unit = cells[0][1].column, cells[0][0].table.unit
    lines = [ctx.t("statement", "named_largest", column=column, order="最大" if high else "最小", name=display_name(cells[0][0]), value=qty(cells[0][1].amount.raw, unit))]
    lines += _ranked_lines(ctx, cells, column, unit, high)
    figures = [ref(ctx, c) for _, c in cells]
    gap = _gap_between_places(ctx, cells, high)
    if gap is not None:
        lines.append(ctx.t("calculation", "result", description=gap[0], expression=gap[1].expression, result=qty(gap[1].result, gap[1].unit)))
        figures.insert(1, FigureRef(subject=gap[0], value=gap[1].result, unit=gap[1].unit, doc=cells[0][0].doc, basis="计算", derived=True))
    turn = Turn(question=ctx.q.text, intent="table_lookup", kind="figure", doc=cells[0][0].doc, figure_ids=[figures[0].record_id] if figures[0].record_id else [],
                subject=cells[0][0].row.name, table_id=cells[0][0].table.id)
    return ctx.answer("calculation" if gap else "figure", "\n".join(lines), intent="table_lookup", figures=figures,
                      citations=[cite_row(ctx, p, [c.amount]) for p, c in cells], turn=turn, calculation=gap[1] if gap else None)


def stated_share(ctx: Ctx, cell: Cell) -> Figure | None:
    """The narrative's figure of a cell's amount that states its share ("一般公共服务支出（类）N 万元，
    占 M%"): the same amount, its subject ending in the row's name."""
    name = re.sub(r"[(（][类款项][)）]$", "", ORDINAL_PREFIX.sub("", fold(cell.entry.row.name)))
    alike = [f for f in ctx.kb.figures if f.doc == cell.entry.doc and f.value == cell.amount.value and f.unit == cell.entry.table.unit and f.share is not None
             and re.sub(r"[(（][类款项][)）]$", "", fold(f.classification[-1] if f.classification else f.subject)).endswith(name)]
    return alike[0] if len({f.share.percent for f in alike}) == 1 else None




RANK_CLAIMED = re.compile(r"吧|对不对|是不是|是吗|没错|吗[？?。]?$")


def _rank_claimed(ctx: Ctx, entries: list[Entry], asked: Asked) -> Answer | None:
    """"…（款）里花钱最多的应该是Y吧", "Y是第二大的支出类别，对吧": Y's siblings ranked — the parts
    of the row above Y in its table (of a 类, the table's total) — the place asked said, and Y's own."""
    entry = choose_table(entries, asked)
    if entry is None or entry.row.level not in ("类", "款", "项"):
        return None
    above = ctx.kb.rows.ancestors(entry)
    whole = above[0] if above else next((e for e in ctx.kb.rows.entries if e.doc == entry.doc and e.table.id == entry.table.id
                                         and e.row.level == "total" and not e.row.code), None)
    if whole is None:
        return None
    return _top_part(ctx, [whole], asked, level=entry.row.level, claimed=entry)


INSIDE_THE_LAST = re.compile(r"(?:这|那)一?个?([类款项])(?:里面?|中|下面?|下边|之中)")  # "这个款里面最小的项"


def _ranked_again(ctx: Ctx) -> Answer | None:
    """A short follow-up of a ranking answer naming no row ("第二多的呢？", "最少的呢？只算有金额的",
    "最小的是哪一类？"): the same row's parts ranked again, at the same level and column (a level or
    column the question names instead), at the place or end now asked; "这个款里面最小的项": the
    parts of the one just chosen."""
    last, q = ctx.session.last, ctx.q
    if last is None or last.ranking is None or not q.intents & {"rank_high", "rank_low"} or len(q.folded) > 30:
        return None
    whole = ctx.kb.rows.by_id.get(last.ranking.row_id)
    text = subject_text(ctx)
    asked = read_asked(text)
    if whole is None or [h for h in ctx.kb.rows.match(text, asked, ctx.docs) if h.how != "partial" and not _in_columns(h, asked)]:
        return None  # a row named: a ranking of its own
    level = LEVEL_NAMED.search(q.folded)
    level = level.group(level.lastindex) if level else last.ranking.level
    inside = INSIDE_THE_LAST.search(q.folded)
    if inside:
        chosen = [e for e in _at_level(ctx, _parts_of(ctx, whole), last.ranking.level) if e.row.name == last.subject]
        if len(chosen) != 1:
            return None
        whole = chosen[0]
    if not asked.columns:
        asked = Asked(columns=[last.ranking.column])
    if last.ranking.share and "share" not in q.intents and not inside:
        q = copy.copy(q)
        q.intents = set(q.intents) | {"share"}  # "第二大的类呢？" after "哪一类最大？占比多少？": its share too
        ctx = ctx.with_query(q)
    return _top_part(ctx, [whole], asked, level=None if inside and not LEVEL_NAMED.search(q.folded) else level)


def _added(ctx: Ctx, cells: list[Cell]) -> Calculation:
    """Cells of one table added up by the calculator, each an operand."""
    expression = " + ".join(str(c.amount.value) for c in cells)
    return Calculation(expression=expression, result=run(expression, 2)["result"], unit=cells[0].entry.table.unit, operands=[ref(ctx, c) for c in cells])


def _of_the_chosen(ctx: Ctx, chosen: list[Cell], whole: Cell | None, count: int) -> list[tuple[str, Calculation]]:
    """What a ranking answer computes of the parts it chose, by the calculator: the few's sum
    ("前三项合计"), and each one's share of the whole ranked ("哪一类最多？占比多少")."""
    out = []
    if len(chosen) > 1 and count > 1 and SUM_ASKED.search(ctx.q.folded):
        out.append((ctx.t("statement", "ranked_sum", count=in_words(len(chosen))), _added(ctx, chosen)))
    if "share" in ctx.q.intents and whole is not None and whole.amount.value:
        for c in chosen:
            expression = f"{c.amount.value} / {whole.amount.value} × 100"
            out.append((f"{display_name(c.entry)}占{display_name(whole.entry)}的比重", Calculation(expression=expression, result=run(expression, 2)["result"], unit="%",
                                                                                             operands=[ref(ctx, c), ref(ctx, whole)])))
    return out


PARTS_LISTED_AT_MOST = 8
WHERE_SPENT = re.compile(r"花(?:在|到)?哪|用在哪|去哪了|花在什么地方")


def children(ctx: Ctx, row_id: str) -> Answer | None:
    """The rows under the row ``row_id`` (or, for a summary row named like a table of its own, that
    table's items), listed as "…下面有哪些项" lists them."""
    entry = ctx.kb.rows.by_id.get(row_id)
    return _children(ctx, [entry], Asked()) if entry is not None else None


def _children(ctx: Ctx, entries: list[Entry], asked: Asked) -> Answer | None:
    entry = choose_table(entries, asked)
    if entry is None:
        return None
    kids = _kids(ctx, entry) or (_parts_of(ctx, entry) if entry.row.level == "total" else [])
    if not kids and not entry.row.code:
        # "政府性基金预算财政拨款支出有哪几项": a summary row named like a whole table of its own;
        # its items are that table's 类 rows
        topic = re.sub(r"^[一二三四五六七八九十]+[、.．]", "", fold(entry.row.name))
        whole = [e for e in ctx.kb.rows.entries if e.doc == entry.doc and e.table.id != entry.table.id and len(topic) >= 4 and topic in fold(e.table.title or "")]
        classes = [e for e in whole if e.row.level == "类"]
        if classes:
            entry, kids = next((e for e in whole if e.row.level == "total"), classes[0]), classes
    kids = _at_level(ctx, kids)
    if not kids and re.search(r"[花用][在到]了?哪", ctx.q.folded):
        return None  # "这一项的钱花在哪了" of a row with no rows under it: what the narrative says it was for
    if not kids and re.search(r"多少|几", ctx.q.folded):
        return _lookup(ctx, [entries], asked)  # "基本支出明细里头，津贴补贴发了多少": the row itself, not its items
    if not kids:
        text = ctx.t("statement", "no_children", subject=entry.row.name, table=entry.table.label)
        return ctx.answer("text", text, intent="table_children", citations=[cite_row(ctx, entry)])
    lines, figures, citations = [ctx.t("statement", "children", subject=display_name(entry), table=entry.table.label)], [], [cite_row(ctx, entry)]
    above = ITEM_LIMIT.search(ctx.q.folded)
    if above:
        # "…下，决算数超过20万元的经济科目有哪些": only the rows whose amount is above it ("不少于": or at it)
        limit, at_least = Decimal(above.group("n")), above.group("op").startswith("不")
        kids = [k for k in kids if (c := (_cells(k, asked) or [None])[0]) is not None and c.amount.value is not None
                and (c.amount.value >= limit if at_least else c.amount.value > limit)]
        lines = [ctx.t("statement", "children_at_least" if at_least else "children_above", subject=display_name(entry), table=entry.table.label,
                       limit=qty(above.group("n"), entry.table.unit))]
        if not kids:
            lines.append(ctx.t("statement", "none_above"))
    given = [(kid, (_cells(kid, asked) or [None])[0]) for kid in kids]  # each item's cell in the column asked
    if kids and not above and not any(c is not None and c.amount.value is not None for _, c in given):
        # "三公经费都花在哪了" where every item is blank in the column: nothing was spent on any of
        # them; the whole's own figure answers, as the table or the narrative states it
        ctx.notes.append(ctx.t("statement", "children_blank", names="、".join(k.row.name for k in kids)))
        return _lookup(ctx, [entries], asked)
    table_rows = []
    for kid, cell in given:
        value = qty(cell.amount.raw, kid.table.unit) if cell and cell.amount.raw else "空白"
        lines.append("- " + ctx.t("statement", "child", code=f"{printed_code(kid)} " if kid.row.code else "", name=kid.row.name, value=value))
        if cell and cell.amount.value is not None and cell.amount.column:
            figures.append(ref(ctx, cell))
        citations.append(cite_row(ctx, kid))
        table_rows.append({"科目编码": printed_code(kid), "科目名称": kid.row.name, (cell.column if cell else "金额"): value})
        if WHERE_SPENT.search(ctx.q.folded) and cell and cell.amount.value and not kid.row.code:
            # "主要花哪了" of a table without codes (三公): a part's own parts too, one level down
            for sub in _kids(ctx, kid)[:PARTS_LISTED_AT_MOST]:
                c = (_cells(sub, asked) or [None])[0]
                if c is not None and c.amount.value is not None and c.amount.column:
                    lines.append("  - " + ctx.t("statement", "child", code=f"{printed_code(sub)} " if sub.row.code else "", name=sub.row.name, value=qty(c.amount.raw, sub.table.unit)))
                    figures.append(ref(ctx, c))
                    citations.append(cite_row(ctx, sub))
    counted = _counted(ctx, entry, kids) if not above else _counted_above(ctx, entry, kids, above.group(0))
    summed = None
    if counted is not None and above:  # "超过100万元的有几项": how many meet it; the whole's amount is no answer
        lines.insert(1, counted[0])
        figures = [counted[1], *figures]
        held = [c for _, c in given if c is not None and c.amount.value is not None]
        if len(held) > 1 and SUM_ASKED.search(ctx.q.folded):  # "这几个项合计多少": those rows added by the calculator
            summed = _added(ctx, held)
            lines.append(ctx.t("calculation", "result", description=ctx.t("statement", "ranked_sum", count=in_words(len(held))), expression=summed.expression,
                               result=qty(summed.result, summed.unit)))
            figures.insert(1, FigureRef(subject=f"{display_name(entry)}下{above.group(0)}的科目合计", value=summed.result, unit=summed.unit, doc=entry.doc, basis="计算", derived=True))
    elif counted is not None:  # "涉及几个项级科目？合计多少？": the count and the whole's own amount
        column = next((c.column for _, c in given if c is not None), None)  # the column the items were given in
        own = _own_cell(entry, given)
        held = [c.amount.value for _, c in given if c is not None and c.amount.value is not None]
        if own is not None:
            total, shown = ref(ctx, own), qty(own.amount.raw, entry.table.unit)
        elif column and len(held) > 1:  # the table prints no total in that column: the items added by the calculator
            expression = " + ".join(str(v) for v in held)
            result = run(expression, 2)["result"]
            total = FigureRef(subject=f"{display_name(entry)}下各科目{column}合计", value=result, unit=entry.table.unit, doc=entry.doc, basis="计算", derived=True)
            shown = f"{qty(result, entry.table.unit)}（{expression}）"
        else:
            total, shown = None, ""
        lines.insert(1, counted[0] + (ctx.t("statement", "rows_total", value=shown) if total is not None else ""))
        figures = [counted[1], *([total] if total is not None else []), *figures]
    elif not above and (SUM_ASKED.search(ctx.q.folded) or PARTS_CHECKED.search(ctx.q.folded)) \
            and len(held := [c for _, c in given if c is not None and c.amount.value is not None]) > 1:
        # "下面各项分别是多少？合计多少？", "加起来和类级合计数一致吗": the items added by the calculator,
        # set against the whole's own printed amount
        summed = _added(ctx, held)
        said, refs = _set_against(ctx, summed, _own_cell(entry, given), f"{display_name(entry)}下各科目")
        lines += said
        figures[:0] = refs
    elif not above and (own := _own_cell(entry, given)) is not None and own.amount.value in _numbers_said(ctx, entry.table.unit):  # "资本性支出37.03万元全部用来买办公设备了？": the whole beside its parts
        lines[0] = ctx.t("statement", "children_of_amount", subject=display_name(entry), table=entry.table.label, value=qty(own.amount.raw, entry.table.unit))
        figures = [ref(ctx, own), *figures]
    turn = Turn(question=ctx.q.text, intent="table_children", kind="list", doc=entry.doc, figure_ids=[f.record_id for f in figures if f.record_id], subject=display_name(entry), table_id=entry.table.id)
    return ctx.answer("list", _named(ctx, entry, "\n".join(lines)), intent="table_children", figures=figures, citations=citations, table=table_rows, turn=turn,
                      filters=[above.group(0)] if above else None, calculation=summed)  # the threshold is the question's, shown as its condition


WHOLE_CHECKED = re.compile(r"对得上|对不上|等于|一致|相等|吻合|相符|核对")


def _siblings_checked(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> Answer | None:
    """"X款下面四个项（A、B、C、D）各多少？相加和款级合计对得上吗": the rows named, in one table,
    each in the column asked, added by the calculator and set against the row they are all under."""
    folded = ctx.q.folded
    if not WHOLE_CHECKED.search(folded) or not (SUM_ASKED.search(folded) or PARTS_CHECKED.search(folded) or "sum" in ctx.q.intents):
        return None
    first = choose_table(subjects[0], asked)
    if first is None:
        return None
    rows = [next((e for e in s if e.table.id == first.table.id), None) for s in subjects]
    codes = [code_digits(e.row.code) if e is not None else "" for e in rows]
    if not all(codes):
        return None
    under = max({c[:-2] for c in codes}, key=lambda p: sum(c[:-2] == p for c in codes))
    kept = sorted(((e, c) for e, c in zip(rows, codes) if c[:-2] == under), key=lambda ec: ec[1])  # in the table's order
    if len(kept) < 2 or any(not under.startswith(c) for c in codes if c[:-2] != under):
        return None  # not rows of one table under one row (the row itself, or its own whole, may be named too)
    rows, codes = [e for e, _ in kept], [c for _, c in kept]
    parent = next((e for e in ctx.kb.rows.entries if e.table.id == first.table.id and code_digits(e.row.code) == codes[0][:-2]), None)
    cells = [(_cells(e, asked) or [None])[0] for e in rows]
    if parent is None or any(c is None for c in cells) or len({c.column for c in cells}) != 1:
        return None
    lines = [ctx.t("statement", "children", subject=display_name(parent), table=first.table.label)]
    lines += ["- " + ctx.t("statement", "child", code=f"{printed_code(c.entry)} ", name=c.entry.row.name,
                           value=qty(c.amount.raw, first.table.unit) if c.amount.value is not None else "空白") for c in cells]
    held = [c for c in cells if c.amount.value is not None]
    if len(held) < 2:
        return None
    summed = _added(ctx, held)
    amount = parent.row.amount(cells[0].column)
    said, refs = _set_against(ctx, summed, Cell(parent, amount) if amount is not None else None, f"{display_name(parent)}下所列各科目")
    lines += said
    figures = [*refs, *(ref(ctx, c) for c in held)]
    turn = Turn(question=ctx.q.text, intent="table_children", kind="list", doc=parent.doc, figure_ids=[f.record_id for f in figures if f.record_id],
                subject=display_name(parent), table_id=parent.table.id)
    return ctx.answer("list", "\n".join(lines), intent="table_children", figures=figures, citations=[cite_row(ctx, e) for e in [parent, *rows]],
                      turn=turn, calculation=summed)


def _set_against(ctx: Ctx, summed: Calculation, whole: Cell | None, parts: str) -> tuple[list[str], list[FigureRef]]:
    """The parts' sum, said with its expression, and set against the whole's own printed cell —
    equal, or off by a gap the calculator gives. Lines and figures (the sum, the whole, the gap)."""
    unit = summed.unit
    lines = [ctx.t("calculation", "result", description=ctx.t("statement", "parts_added"), expression=summed.expression, result=qty(summed.result, unit))]
    doc = summed.operands[0].doc if summed.operands else None
    refs = [FigureRef(subject=f"{parts}合计", value=summed.result, unit=unit, doc=doc, basis="计算", derived=True)]
    if whole is None or whole.amount.value is None:
        return lines, refs
    gap = run(f"{summed.result} - {whole.amount.value}", 2)["result"].lstrip("-")
    agreed = Decimal(gap) == 0
    lines.append(ctx.t("statement", "parts_agree" if agreed else "parts_differ", whole=display_name(whole.entry), column=whole.column,
                       value=qty(whole.amount.raw, unit), gap=qty(gap, unit)))
    refs.append(ref(ctx, whole))
    if not agreed:  # the gap, computed from the sum and the whole's cell
        refs.append(FigureRef(subject=f"{parts}合计与表中合计之差", value=gap, unit=unit, doc=doc, basis="计算", derived=True))
    return lines, refs


def _numbers_said(ctx: Ctx, unit: str) -> set[Decimal]:
    """The amounts the question states, in ``unit`` (a table's 万元 or 元)."""
    said = set()
    for number, written in re.findall(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|亿元|元|万|亿)", ctx.q.text):
        said.add(Decimal(number.replace(",", "")) * MONEY_SCALE[written] / MONEY_SCALE.get(unit, MONEY_SCALE["万元"]))
    return said


def _own_cell(entry: Entry, given: list) -> Cell | None:
    """The whole's own cell in the column its parts were given in, when it prints one."""
    column = next((c.column for _, c in given if c is not None), None)
    amount = entry.row.amount(column) if column else None
    return Cell(entry, amount) if amount is not None and amount.value is not None else None


def _rate(ctx: Ctx, entries: list[Entry], asked: Asked) -> Answer | None:
    """决算数 / 年初预算数 × 100, from a row that has both (the 三公 table), computed."""
    having = [e for e in entries if e.row.amount("年初预算数") is not None and e.row.amount("决算数") is not None]
    if not having:
        return None  # the narrative states budgets and rates for the other subjects
    entry = having[0]
    budget, actual = entry.row.amount("年初预算数"), entry.row.amount("决算数")
    actual_value = actual.value if actual.value is not None else Decimal(0)
    cells = [Cell(entry, budget), Cell(entry, actual)]
    citations = [cite_row(ctx, entry, [budget, actual])]
    actual_text = qty(actual.raw or "0", entry.table.unit) if actual.value is not None else "空白（没有支出）"
    if not budget.value:
        text = ctx.t("statement", "no_budget", subject=display_name(entry), actual=actual_text)
        figures = [ref(ctx, c) for c in cells if c.amount.value is not None]
        return ctx.answer("figure", _named(ctx, entry, text), intent="table_rate", figures=figures, citations=citations)
    expression = f"{actual_value} / {budget.value} × 100"
    try:
        out = run(expression, 2)
    except CalculationError:
        return None
    operands = [ref(ctx, c, value=str(c.amount.value if c.amount.value is not None else Decimal(0))) for c in cells]
    calc = Calculation(expression=expression, result=out["result"], unit="%", operands=operands)
    text = ctx.t("statement", "rate", subject=display_name(entry), actual=actual_text, budget=qty(budget.raw, entry.table.unit), result=qty(out["result"], "%"), expression=expression)
    figures = [ref(ctx, cells[1], value=out["result"], derived=True).model_copy(update={"subject": f"{entry.row.name}预算完成率", "unit": "%", "basis": "计算"})]
    figures += [operands[1], operands[0]]  # the 决算数 and 年初预算数 the sentence states, as figures of the answer too
    return ctx.answer("calculation", _named(ctx, entry, text), intent="table_rate", figures=figures, citations=citations, calculation=calc)


# -- calculations over rows -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Operand:
    """A value an answer computes with: a table cell or a narrative figure, cited either way."""

    label: str
    value: Decimal
    ref: FigureRef
    citation: Citation


def _cell_operand(ctx: Ctx, cell: Cell) -> Operand | None:
    value = cell.amount.value
    if value is None or cell.amount.column is None:
        return None
    return Operand(cell_label(cell), value, ref(ctx, cell), cite_row(ctx, cell.entry, [cell.amount]))


def cells_combined(ctx: Ctx, cells: list[tuple[Entry, str]]) -> Answer | None:
    """Cells of other columns given one by one (财政拨款收入, then 其他收入), added up, the larger
    less the smaller, or the larger as a multiple of the smaller — as the question asks."""
    operands = [_cell_operand(ctx, Cell(e, a)) for e, column in cells if (a := e.row.amount(column)) is not None]
    if len(operands) != len(cells) or len(operands) < 2 or None in operands or len({e.table.unit for e, _ in cells}) != 1:
        return None
    first, unit, intents = cells[0][0], cells[0][0].table.unit, ctx.q.intents
    if "sum" in intents:
        return _computed(ctx, "、".join(o.label for o in operands) + "合计", " + ".join(str(o.value) for o in operands), unit, operands, first)
    a, b = sorted(operands, key=lambda o: -o.value)[:2]
    if len(operands) == 2 and "ratio" in intents and b.value:  # ("相差几倍": a multiple)
        return _computed(ctx, f"{a.label}是{b.label}的倍数", f"{a.value} / {b.value}", "倍", [a, b], first)
    if len(operands) == 2 and "difference" in intents:
        return _computed(ctx, f"{a.label}比{b.label}多", f"{a.value} − {b.value}", unit, [a, b], first)
    return None


def _columns_summed(ctx: Ctx, entry: Entry, asked: Asked) -> Answer | None:
    """"X的基本支出加项目支出，等于合计吗": the row's cells asked, added up by the calculator, and set
    against the row's own total column when the table prints one."""
    total = total_column(entry.table, entry.row)
    parts = [c for c in _cells(entry, asked) if c.amount.value is not None and c.amount.column != total]
    summed = cells_combined(ctx, [(entry, c.amount.column) for c in parts])
    whole = entry.row.amount(total) if total else None
    if summed is None or whole is None or whole.value is None:
        return summed
    gap = Decimal(summed.calculation.result) - whole.value
    high, low = sorted([Decimal(summed.calculation.result), whole.value], reverse=True)
    verdict = "与相加结果一致" if gap == 0 else f"与相加结果相差 {qty(str(abs(gap)), entry.table.unit)}（{high} − {low}）"
    summed.answer += "\n" + ctx.t("statement", "sum_against_total", total=total, value=qty(whole.raw, entry.table.unit), verdict=verdict)
    summed.figures.append(ref(ctx, Cell(entry, whole)))
    if gap:
        summed.figures.append(FigureRef(subject=f"{display_name(entry)}相加结果与{total}之差", value=str(abs(gap)), unit=entry.table.unit, doc=entry.doc, basis="计算", derived=True, source=entry.table.kind))
        for cell in parts:  # which printed cell the row's other cells contradict: what each would have to be
            note = _row_unbalanced(ctx, cell)
            if note is not None:
                summed.answer += "\n" + note[0]
                summed.figures.append(note[1])
    summed.citations = unique_citations([*summed.citations, cite_row(ctx, entry, [whole])])
    return summed


def ranked_share(ctx: Ctx, turns) -> Answer | None:
    """The parts several ranking turns gave (the largest, then the second largest), added up over
    the row they are parts of, in the column they were ranked by."""
    cells = [c for t in turns for c in turn_cells(ctx.kb, t)[:1]]
    whole = ctx.kb.rows.by_id.get(turns[-1].ranking.row_id)
    column = turns[-1].ranking.column
    if whole is None or len(cells) != len(turns) or any(c != column for _, c in cells):
        return None
    operands = [_cell_operand(ctx, Cell(e, a)) for e, c in cells if (a := e.row.amount(c)) is not None]
    total = whole.row.amount(column)
    whole_operand = _cell_operand(ctx, Cell(whole, total)) if total is not None else None
    if len(operands) != len(cells) or None in operands or whole_operand is None or not whole_operand.value:
        return None
    expression = f"({' + '.join(str(o.value) for o in operands)}) / {whole_operand.value} × 100"
    return _computed(ctx, "、".join(o.label for o in operands) + f"合计占{whole_operand.label}的比重", expression, "%", [*operands, whole_operand], cells[0][0])


def cell_label(cell: Cell) -> str:
    """How a calculation names a cell: the row (its total column needs no name), a column of it,
    or a column's total."""
    entry, column = cell.entry, cell.column
    if fold(entry.row.name) in GENERIC_TOTALS and not entry.row.code:
        if column in ("合计", "决算数"):
            return display_name(entry)
        return column if column.endswith(("合计", "总计")) else f"{column}{entry.row.name}"
    if column == total_column(entry.table, entry.row):
        return display_name(entry)
    return f"{display_name(entry)}{column}"


def _figure_operand(ctx: Ctx, entry: Entry, f: Figure) -> Operand:
    """A row's figure as the narrative states it, named without the row's code (its citation is the
    narrative's sentence, which does not print the code)."""
    return Operand(f"{entry.row.name}{f.term or f.basis}", f.value, ctx.kb.ref(f), ctx.kb.cite_figure(f))


def _budget_and_actual(ctx: Ctx, entry: Entry) -> tuple[Operand, Operand] | None:
    """A subject's 年初预算数 and 决算数: from its row when the table has both (三公), else the
    budget the narrative states and the row's total (or the narrative's 决算)."""
    row = entry.row
    budget_cell, actual_cell = row.amount("年初预算数"), row.amount("决算数")
    budget = _cell_operand(ctx, Cell(entry, budget_cell)) if budget_cell is not None else None
    if budget is None:
        stated = stated_in_text(ctx, entry, "年初预算数")
        budget = _figure_operand(ctx, entry, stated[0]) if stated else None
    if actual_cell is not None:
        actual = _cell_operand(ctx, Cell(entry, actual_cell)) or (
            Operand(f"{display_name(entry)}决算数", Decimal(0), ref(ctx, Cell(entry, actual_cell), value="0"), cite_row(ctx, entry, [actual_cell])) if actual_cell.value is None else None)
    else:
        total = total_column(entry.table, row)
        cell = row.amount(total) if total else None
        actual = _cell_operand(ctx, Cell(entry, cell)) if cell is not None else None
        if actual is None:
            stated = stated_in_text(ctx, entry, "决算数")
            actual = _figure_operand(ctx, entry, stated[0]) if stated else None
    if budget is None or actual is None:
        return None
    return budget, actual


def _computed(ctx: Ctx, description: str, expression: str, unit: str, operands: list[Operand], first: Entry, *, share: bool = False) -> Answer | None:
    """A calculation over table cells, with its operands; ``share``: a part over its whole, beside
    which the share the narrative states of the same amount is said."""
    try:
        out = run(expression, 2)
    except CalculationError:
        return None
    calc = Calculation(expression=expression, result=out["result"], unit=unit, operands=[o.ref for o in operands])
    text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(out["result"], unit))
    stated = "；".join(f"{o.label} {qty(o.ref.value, o.ref.unit)}" for o in operands)
    result = FigureRef(subject=description, value=out["result"], unit=unit, doc=first.doc, basis="计算", derived=True, source=first.table.kind)
    turn = Turn(question=ctx.q.text, intent="table_calculation", kind="calculation", doc=first.doc, figure_ids=[o.ref.record_id for o in operands if o.ref.record_id],
                subject=first.row.name, table_id=first.table.id)
    out = ctx.answer("calculation", _named(ctx, first, f"{text}\n（{stated}）"), intent="table_calculation", figures=[result, *[o.ref for o in operands]],
                     citations=[o.citation for o in operands], calculation=calc, turn=turn)
    said = _share_stated_alike(ctx, operands[0]) if share and operands else None
    if said is not None:
        _share_said_beside(ctx, out, said, first)
    return out


def _share_stated_alike(ctx: Ctx, operand) -> Figure | None:
    """The narrative's share of a table cell's amount, when an operand is a cell."""
    row_id, _, column = (operand.ref.record_id or "").partition("#")
    entry = ctx.kb.rows.by_id.get(row_id)
    amount = entry.row.amount(column) if entry is not None and column else None
    return stated_share(ctx, Cell(entry, amount)) if amount is not None and amount.value is not None else None


def _stated_rate(ctx: Ctx, budget: Operand, entry: Entry | None = None) -> Figure | None:
    """The rate the narrative states in the sentence its budget comes from ("…完成年初预算的 102.30%"),
    or, for a table row's budget, the one rate the narrative states of the row's name."""
    f = ctx.kb.figure_by_id.get(budget.ref.record_id or "")
    if f is None and entry is not None:
        name = subject_stem(fold(ORDINAL_PREFIX.sub("", entry.row.name)))
        stated = [g for g in ctx.kb.figures if g.doc == entry.doc and g.basis == "执行率" and g.unit == "%" and subject_stem(g.subject) == name]
        return stated[0] if len(stated) == 1 else None
    if f is None:
        return None
    return next((g for g in ctx.kb.figures if g.doc == f.doc and g.subject == f.subject and g.basis == "执行率"
                 and g.unit == "%" and abs(g.line_start - f.line_start) <= 2), None)


def _against_budget(first: Entry, actual: Operand, budget: Operand) -> tuple[str, str, list[Operand]]:
    """(description, expression, operands) of a row's spending against its budget: the excess when it
    spent more, not a negative "unspent"; else what was left of the budget."""
    if actual.value > budget.value:
        return f"{display_name(first)}决算超出年初预算的部分", f"{actual.value} − {budget.value}", [actual, budget]
    return f"{display_name(first)}年初预算未支出的部分", f"{budget.value} − {actual.value}", [budget, actual]


def calculate(ctx: Ctx, subjects: list[list[Entry]], asked: Asked) -> Answer | None:
    """Sums, differences, shares and execution rates of rows, by the calculator."""
    intents = ctx.q.intents
    text = subject_text(ctx)
    ordered = sorted(subjects, key=lambda s: min((text.find(n) for n in s[0].names if n in text), default=len(text)))
    shared = set.intersection(*({e.table.kind for e in s} for s in ordered)) if len(ordered) > 1 else set()
    if shared:
        # several subjects are combined from a table that prints them all (住房公积金 and 购房补贴:
        # the 功能分类 tables, not 住房公积金's 经济分类 row)
        ordered = [[e for e in s if e.table.kind in shared] for s in ordered]
    entries = [_answering_row(ctx, s, asked) for s in ordered]
    entries = [e for e in entries if e is not None]
    if not entries:
        return None
    first = entries[0]
    unit = first.table.unit
    # (one row and a difference: against its budget — when the words say so, not "X比Y多多少" with Y no row)
    budget_said = re.search(r"预算|budget|超|没花完|没用完|未执行|没有?执行|剩|结余", ctx.q.folded + "".join(fold(t.question or "") for t in ctx.session.turns[-2:]))  # (now, or in the turns before: "年初预算呢？" → "两者差多少？")
    spent_budget = asked.rate or asked.gap or (len(entries) == 1 and (asked.against or ("difference" in intents and bool(budget_said))))
    if spent_budget:
        pair = _budget_and_actual(ctx, first)
        if pair is None:
            return None
        budget, actual = pair
        if asked.gap:
            if budget.value == 0:
                return None
            # "（决算数－年初预算数）÷年初预算数": the 预决算差异率, by the calculator
            return _computed(ctx, f"{display_name(first)}预决算差异率", f"({actual.value} − {budget.value}) / {budget.value} × 100", "%", [actual, budget], first)
        if asked.rate:
            if budget.value == 0:
                return None
            computed = _computed(ctx, f"{display_name(first)}年初预算完成率", f"{actual.value} / {budget.value} × 100", "%", [actual, budget], first)
            stated = _stated_rate(ctx, budget, first)
            if computed is not None and stated is not None:
                # the narrative states it too: said beside the calculation, agreeing or not (a last
                # digit apart: the table's amounts are rounded, the narrative's rate is not)
                computed.answer += ctx.t("statement", "rate_stated", result=qty(stated.raw, "%"), agree=agreement(Decimal(computed.calculation.result), stated.value))
                computed.figures.append(ctx.kb.ref(stated))
                computed.citations = [ctx.kb.cite_figure(stated), *computed.citations]
            if computed is not None and "ratio" in intents and re.search(r"几倍|多少倍", ctx.q.folded):
                # "决算数大约是预算的几倍": the same division, said as a multiple
                times = run(f"{actual.value} / {budget.value}", 2)["result"]
                description = f"{display_name(first)}决算数是年初预算数的倍数"
                computed.answer += "\n" + ctx.t("calculation", "result", description=description, expression=f"{actual.value} / {budget.value}", result=qty(times, "倍"))
                computed.figures.append(FigureRef(subject=description, value=times, unit="倍", doc=first.doc, basis="计算", derived=True, source=first.table.kind))
            if computed is not None and "difference" in intents and actual.value != budget.value:
                # "超了多少钱，完成预算百分之几": the amount over (or left of) the budget too
                description, expression, _ = _against_budget(first, actual, budget)
                amount = run(expression, 2)["result"]
                computed.answer = ctx.t("calculation", "result", description=description, expression=expression, result=qty(amount, unit)) + "\n" + computed.answer
                computed.figures.insert(0, FigureRef(subject=description, value=amount, unit=unit, doc=first.doc, basis="计算", derived=True, source=first.table.kind))
            return computed
        description, expression, operands = _against_budget(first, actual, budget)
        gap = _computed(ctx, description, expression, unit, operands, first)
        stated = _stated_rate(ctx, budget, first)
        if gap is not None and stated is not None:
            # the rate its sentence states beside the two amounts: said too ("…完成年初预算的 N%")
            gap.answer += "\n" + ctx.t("calculation", "rate_stated", label=display_name(first), value=qty(stated.raw, "%"))
            gap.figures.append(ctx.kb.ref(stated))
            gap.citations = unique_citations([*gap.citations, ctx.kb.cite_figure(stated)])
        return gap
    if "share" in intents and len(entries) == 1 and len(_cells(first, asked)) > 1:
        return _column_shares(ctx, first, asked)
    if "sum" in intents and len(entries) == 1 and len(_cells(first, asked)) > 1 and (ADDING.search(ctx.q.folded) or ADDED.search(ctx.q.folded)):  # added, not a 合计 column listed
        return _columns_summed(ctx, first, asked)
    if any(_missing(e, asked) and not _cells(e, asked) for e in entries):
        # a budget column the tables lack ("…的年初预算合计"): each row's as its narrative states it —
        # never another column in its place
        operands = []
        for e in entries:
            stated = [f for c in _missing(e, asked) for f in stated_in_text(ctx, e, c)]
            if not stated:
                return None
            operands.append(_figure_operand(ctx, e, stated[0]))
        cells = []
    else:
        # a row without the column asked ("决算数" of an expense table) gives its total column
        cells = _first_cells(entries, asked)
        operands = [o for o in (_cell_operand(ctx, c) for c in cells) if o is not None]
    if "share" in intents:
        named = SHARE_OF_WHOLE.search(text)
        if named and len(re.sub(r"[了就都也还又是]|多大|多少|几", "", named.group(1))) < 2:
            named = None  # "占了几成", "在X里占多大比例": no whole named after 占
        if not cells:
            return None
        if len(operands) == 1 and named and not any(n in text[: named.start()] for n in cells[0].entry.names):
            return None  # "社区环境卫生的钱占城乡社区支出": the row found is the whole; the part names no row
        within_named = None
        if len(operands) == 1 and not named:
            # "基本支出里，绩效工资在工资福利支出中占了几成": the whole nearest the 占 first
            nearest = IN_WHOLE.search(text)
            within_named = (nearest.group(1), "") if nearest else within(text, comma=True) or _level_first(text)  # "基本支出里，…占了几成"
        if len(operands) == 1 and (named or within_named):
            # "办公费占公用经费的比例", "基本支出里，工资福利支出占了几成": the whole the
            # question names, before any column total
            whole = whole_named(ctx, cells[0].entry, cells[0].column, named.group(1) if named else within_named[0])
            if whole is not None:
                operands.append(whole)
        if len(operands) == 1 and not named and "占" not in ctx.q.folded:
            return None  # "超出年初预算的比例": a proportion of something else than the column's total
        if len(operands) == 1 and named and not WHOLE_OF_ALL.search(named.group(1)):
            return None  # "住房公积金占人员经费百分之几": the whole named is not in the tables — never their column total instead
        if len(operands) == 1:
            total = _column_total(ctx, cells[0])
            if total is None:
                return None
            operands.append(total)
        if len(operands) >= 2 and named and PARTS_ADDED.search(text[: named.start()]):
            # "X和Y两项合计占Z的比例": the parts added up, over the whole named after 占
            whole = whole_named(ctx, cells[0].entry, cells[0].column, named.group(1))
            if whole is not None and whole.value and all(o.ref.record_id != whole.ref.record_id for o in operands):
                added = " + ".join(str(o.value) for o in operands)
                shared = _computed(ctx, f"{'、'.join(o.label for o in operands)}合计占{whole.label}的比重", f"({added}) / {whole.value} × 100", "%", [*operands, whole], first)
                if SUM_ASKED.search(ctx.q.folded):  # "…合计多少？占…的比重？": the sum said too
                    summed = run(added, 2)["result"]
                    description = f"{'、'.join(o.label for o in operands)}合计"
                    shared.answer = ctx.t("calculation", "result", description=description, expression=added, result=qty(summed, unit)) + "\n" + shared.answer
                    shared.figures.insert(0, FigureRef(subject=description, value=summed, unit=unit, doc=first.doc, basis="计算", derived=True))
                return shared
        if len(operands) >= 3 and EACH_SAID.search(ctx.q.folded):
            # "本年收入合计中，财政拨款收入和其他收入分别是多少，各占比多少": the largest row is the
            # whole when the others together are no more than it; each of them its share
            whole = max(operands, key=lambda o: o.value)
            parts = [o for o in operands if o is not whole]
            if sum(o.value for o in parts) <= whole.value:
                return _each_share(ctx, parts, whole, first)
        if len(operands) == 2 and EACH_SAID.search(ctx.q.folded) and not named and (around := within(text)) is not None:
            # "三公经费里公务用车和公务接待各花了多少，各占几成": each, of the whole named before them
            whole = whole_named(ctx, cells[0].entry, cells[0].column, around[0])
            if whole is not None and whole.value and all(o.ref.record_id != whole.ref.record_id for o in operands):
                return _each_share(ctx, operands, whole, first)
        if len(operands) < 2 or operands[1].value == 0:
            return None
        part, whole = _part_and_whole(operands[:2], [c.entry for c in cells], text, named)
        if part.ref.record_id == whole.ref.record_id:
            return None  # a cell is not a share of itself
        return _computed(ctx, f"{part.label}占{whole.label}的比重", f"{part.value} / {whole.value} × 100", "%", [part, whole], first, share=True)
    if len(operands) == 1 and "sum" in intents and ADDING.search(ctx.q.folded):
        # "医疗这块，行政单位和事业单位加起来": the parts of the one row found, each named by words
        # only its own child row holds
        children = _children_named(ctx, first, text)
        if children:
            entries = children
            operands = [o for o in map(partial(_cell_operand, ctx), _first_cells(children, asked)) if o is not None]
            if len(operands) != len(children):
                return None
    if len(operands) < 2:
        return None
    if "sum" in intents:
        if _nested(entries):
            return None  # "三公经费一共…？出国、公车…各…": a whole and its own part are never added
        stated = COUNT_SAID.search(ctx.q.folded) or THESE_COUNTED.search(ctx.q.folded)
        # ("年初没编预算、年中追加的A和B，两项加一起": the count said is the rows found — the rest describes them)
        unfound = [] if stated and number_said(stated.group(1)) == len(operands) else _listed_unfound(ctx, text, entries)
        counted = number_said(stated.group(1)) if stated else None
        if unfound or (counted is not None and counted != len(operands)):
            together = _listed_in_one_table(ctx, text, counted)
            if together is not None:
                # "基本支出里的养老保险缴费、职业年金缴费、医疗保险缴费和住房公积金四项": every part a row of one table
                entries, unfound = together, []
                operands = [o for o in map(partial(_cell_operand, ctx), _first_cells(entries, asked)) if o is not None]
                if len(operands) != len(entries):
                    return None
        found = [r for r in (_sole_row_of(ctx, entries, core) for core in unfound) if r is not None]
        if unfound and len(found) == len(unfound) and not _nested([*entries, *found]):
            # "…+其他养老": a part the question words shortly is the one row of the same table whose
            # name holds its words in order
            entries = [*entries, *found]
            operands = [*operands, *[o for o in map(partial(_cell_operand, ctx), _first_cells(found, asked)) if o is not None]]
            unfound = [] if len(operands) == len(entries) else unfound
        if unfound:
            # "离退休+养老保险+职业年金+其他养老加起来": a listed part no row was found for — the
            # rows found are said, never added up as if they were all
            said = ctx.t("statement", "parts_unfound", parts="、".join(f"“{p}”" for p in unfound),
                         names="；".join(f"{o.label} {qty(o.ref.value, o.ref.unit)}" for o in operands))
            return ctx.answer("clarification", said, intent="table_candidates", figures=[o.ref for o in operands], citations=[o.citation for o in operands])
        stated = COUNT_SAID.search(ctx.q.folded)
        if stated and number_said(stated.group(1)) not in (None, len(operands)):
            # "三项加起来" with two found: a sum of fewer than meant would be a wrong figure
            text = ctx.t("statement", "count_differs", stated=in_words(number_said(stated.group(1))), count=in_words(len(operands)),
                         names="、".join(o.label for o in operands))
            return ctx.answer("clarification", text, intent="table_candidates", figures=[o.ref for o in operands], citations=[o.citation for o in operands])
        return _computed(ctx, "、".join(o.label for o in operands) + "合计", " + ".join(str(o.value) for o in operands), unit, operands, first)
    if "difference" in intents:
        a, b = sorted(operands[:2], key=lambda o: -o.value)
        more = _computed(ctx, f"{a.label}比{b.label}多", f"{a.value} − {b.value}", unit, [a, b], first)
        if more is not None and "ratio" in intents and b.value:  # "多多少？是它的几倍？": both
            description, expression = f"{a.label}是{b.label}的倍数", f"{a.value} / {b.value}"
            times = run(expression, 2)["result"]
            more.answer += "\n" + ctx.t("calculation", "result", description=description, expression=expression, result=qty(times, "倍"))
            more.figures.append(FigureRef(subject=description, value=times, unit="倍", doc=first.doc, basis="计算", derived=True))
        return more
    if "ratio" in intents:
        a, b = operands[:2]
        if b.value == 0:
            return None
        return _computed(ctx, f"{a.label}是{b.label}的倍数", f"{a.value} / {b.value}", "倍", [a, b], first)
    return None


def _above(entry: Entry) -> list[str]:
    """The rows a row is under in its table, nearest first, each by its code or (in a table without
    codes, 三公经费) its name — as a row's ``parent`` names them."""
    by_key = {(r.code or r.name): r for r in entry.table.rows}
    out, parent = [], entry.row.parent
    while parent and len(out) < 4:
        out.append(parent)
        parent = by_key[parent].parent if parent in by_key else None
    return out


def _row_key(entry: Entry) -> str:
    return entry.row.code or entry.row.name


def _nested(entries: list[Entry]) -> bool:
    """Whether one row is another's whole (its parent, or the parent's parent), in one table."""
    return any(o is not e and o.table.id == e.table.id and _row_key(o) in _above(e) for e in entries for o in entries)


def _asking_clauses(text: str) -> str:
    """The clauses that ask (a question word in them), not those that set a premise ("新买了3辆公车
    花了45.6万，那现在一共有几辆车": money is said, a count is asked)."""
    clauses = re.split(r"[，,。；;！!]", text)
    asking = [c for c in clauses if re.search(r"几|多少|哪|什么|啥|吗|怎|如何|是否|[?？]", c)]
    return "，".join(asking) or text


def _first_cells(entries: list[Entry], asked: Asked) -> list[Cell]:
    """Each row's first cell asked (a row without the column asked: its total column)."""
    return [c for e in entries for c in (_cells(e, asked) or _cells(e, Asked()))[:1]]


def _children_named(ctx: Ctx, entry: Entry, text: str) -> list[Entry]:
    """The rows under ``entry`` that the question's listed parts name, one each, or none: a part
    names a child when it holds the words that set the child apart from ``entry`` (行政 of 行政单位医疗
    under 行政事业单位医疗), or the child's name holds the part's words in order."""
    pieces = []
    added = ADDING.search(text)
    if added is None:
        return []
    for piece in ctx.q._pieces(text[: added.start()], ctx.kb.names):  # the parts listed before "加起来" (not "一共多少？A和B各多少")
        for name in entry.names:
            piece = piece.replace(name, " ")
        words = [w for w in re.split(r"[\s,，]+", piece) if w]
        if words and len(core := LISTED_FILLER.sub("", "".join(words))) >= 2:
            pieces.append(core)
    if len(pieces) < 2:
        return []
    key, whole = _row_key(entry), fold(entry.row.name)
    below = [r for r in entry.table.rows if r.parent == key]

    def own_words(name: str) -> str:  # the child's name without the ending it shares with its whole
        n = 0
        while n < min(len(name), len(whole)) and name[-1 - n] == whole[-1 - n]:
            n += 1
        return name[: max(2, len(name) - n)]

    chosen = []
    for piece in pieces:
        rows = [r for r in below if r not in chosen and (own_words(fold(r.name)) in piece or in_order(piece, fold(r.name)))]
        if len(rows) != 1:
            return []
        chosen.append(rows[0])
    found = [ctx.kb.rows.by_id.get(r.id) for r in chosen]
    return found if all(found) else []


def _sole_row_of(ctx: Ctx, entries: list[Entry], core: str) -> Entry | None:
    """The one row of the rows' table (beside them) whose name holds ``core``'s words in order."""
    table = entries[0].table
    if any(e.table.id != table.id for e in entries):
        return None
    taken = {_row_key(e) for e in entries}
    rows = [r for r in table.rows if (r.code or r.name) not in taken and in_order(core, fold(r.name))]
    levels = {len(e.row.code or "") for e in entries}
    if len(rows) > 1 and len(levels) == 1:
        rows = [r for r in rows if len(r.code or "") in levels]  # "教育、科学技术…三块": of the level of the rows found (类)
    if len(rows) != 1:
        return None
    return ctx.kb.rows.by_id.get(rows[0].id)


def _listed_in_one_table(ctx: Ctx, text: str, counted: int | None) -> list[Entry] | None:
    """The rows of one table, one named by each part a question lists to be added, when the rows
    first found were of several tables or fewer than the parts: the table that names them all."""
    pieces = [re.sub(r"^.*?(?:里的?|中的?|当中的?)|[两二三四五六七八九十]项.*$|[？?。！!]+$", "", p.split()[-1] if p.split() else p) for p in ctx.q._pieces(text, ctx.kb.names)]
    pieces = [re.sub(r"(?<!年)[\d\s]|那几项|这几项|加起来|合计|一共|总共|多少|的", "", p) for p in pieces]
    if len(pieces) < 2 or any(len(p) < 2 for p in pieces) or (counted is not None and counted != len(pieces)):
        return None
    tables: dict[str, list[list[Entry]]] = {}
    for e in ctx.kb.rows.entries:
        if e.doc not in ctx.docs or not e.row.code:
            continue
        name = fold(e.row.name)
        for i, piece in enumerate(pieces):
            if in_order(piece, name) or (len(name) >= 4 and in_order(name, piece)):
                tables.setdefault(e.table.id, [[] for _ in pieces])[i].append(e)
    complete = [[rows[0] for rows in found] for found in tables.values() if all(len(rows) == 1 for rows in found)]
    complete = [rows for rows in complete if len({e.row.id for e in rows}) == len(rows)]
    return complete[0] if len(complete) == 1 else None


LISTED_FILLER = re.compile(r"[\d\s年度]|那几项|这几项|几项|那些|这些|的钱|的|钱|给|发|交|那|这|些|和|加起来|加一块|一块|一起|在一起|一下|一共|总共|合计|total|多少")


def _listed_unfound(ctx: Ctx, text: str, entries: list[Entry]) -> list[str]:
    """The parts a question lists to be added ("A、B、C和D加起来") that none of the rows found
    was named by: each part's words lie outside every span the rows were found at."""
    pieces = ctx.q._pieces(text, ctx.kb.names)
    if len(pieces) <= len(entries):
        return []
    rows = {(e.doc, e.table.id, _row_key(e)) for e in entries}
    spans = [h.span for h in ctx.kb.rows.match(text, read_asked(text), ctx.docs) if (h.entry.doc, h.entry.table.id, _row_key(h.entry)) in rows and h.span[0] >= 0]
    if not spans:
        return []  # the rows were not found by their words here (a code, a turn before): nothing to set against
    unfound, start = [], 0
    for piece in pieces:
        at = text.find(piece, start)
        if at < 0:
            return []
        start = at + len(piece)
        words = [w for w in re.split(r"[\s,，]+", piece) if w]
        core = LISTED_FILLER.sub("", words[-1] if words else piece)
        if 2 <= len(core) <= 8 and not re.search(r"是|有|没|追加|安排", core) and not any(a < at + len(piece) and at < b for a, b in spans):
            unfound.append(core)  # (a short name of its own: "有两个项是年初没有预算" describes the rows, it lists none)
    return unfound


THESE_COUNTED = re.compile(r"[这那]([两二三四五六七八九十])(?:项|个|笔|块|类)")  # "这两项决算合计多少"
COUNT_SAID = re.compile(r"(?<![\d.])([两二三四五六七八九十]|\d{1,2})\s*(?:项|个|笔|块|类|部分|样)(?:加起来|加在一起|加一起|加到一起|加一块|合计|一共|总共|共|之和|相加|的合计|的总和)")
def _level_first(text: str) -> tuple[str, str] | None:
    """"X（款）里Y占多少": a row named with its level first, then what is within it."""
    found = within(text)
    return (found[0].strip(), found[1]) if found and re.search(r"[(（][类款项][)）]$", found[0].strip()) else None


PARTS_ADDED = re.compile(r"合计|加起来|加在一起|合起来|一共|共同|[两二三四五六七八九]项(?:加|一起|共)")  # parts added before 占
IN_WHOLE = re.compile(r"在([^，,。？?在]{2,}?)(?:之中|当中|里面|中|里)(?:所)?占")  # "Y在X中占了几成"


def _part_and_whole(operands: list[Operand], entries: list[Entry], text: str, named: re.Match | None) -> tuple[Operand, Operand]:
    """Which of two operands of a share is the part: the one named last before 占 ("三公经费…，
    公务接待费占了其中多少"), else the first named."""
    if named is None or len(entries) < 2:
        return operands[0], operands[1]
    before = text[: named.start()]
    last = [max((before.rfind(n) for n in e.names), default=-1) for e in entries[:2]]
    if last[1] > last[0]:
        return operands[1], operands[0]
    return operands[0], operands[1]


def _column_shares(ctx: Ctx, entry: Entry, asked: Asked) -> Answer | None:
    """"本年支出合计中基本支出、项目支出各是多少，各占多少": each column asked, and its share of the
    row's total column, by the calculator."""
    total_name = total_column(entry.table, entry.row)
    total_cell = entry.row.amount(total_name or "")
    whole = _cell_operand(ctx, Cell(entry, total_cell)) if total_cell is not None else None
    if whole is None:
        return None
    parts = [_cell_operand(ctx, cell) for cell in _cells(entry, asked) if cell.amount.column != total_name]
    return _each_share(ctx, [p for p in parts if p is not None], whole, entry)


def _each_share(ctx: Ctx, parts: list[Operand], whole: Operand, entry: Entry) -> Answer | None:
    """Each part with its share of the whole, by the calculator ("…中A和B各是多少，各占多少")."""
    if whole.value == 0:
        return None
    lines, figures, first_calc = [], [], None
    for part in parts:
        expression = f"{part.value} / {whole.value} × 100"
        try:
            out = run(expression, 2)
        except CalculationError:
            return None
        description = f"{part.label}占{whole.label}的比重"
        lines.append(ctx.t("calculation", "result", description=f"{part.label} {qty(part.ref.value, part.ref.unit)}，{description}", expression=expression, result=qty(out["result"], "%")))
        figures += [part.ref, FigureRef(subject=description, value=out["result"], unit="%", doc=entry.doc, basis="计算", derived=True)]
        first_calc = first_calc or Calculation(expression=expression, result=out["result"], unit="%", operands=[part.ref, whole.ref])
    if not lines:
        return None
    figures.append(whole.ref)
    citations = unique_citations([whole.citation, *(p.citation for p in parts)])
    return ctx.answer("calculation", _named(ctx, entry, "\n".join(lines)), intent="table_calculation", figures=figures, citations=citations, calculation=first_calc)


def _column_total(ctx: Ctx, cell: Cell) -> Operand | None:
    """The total of a cell's column in its table: the 合计 row (or the row's 类, for a 款 or 项)."""
    table = cell.entry.table
    total = next((e for e in ctx.kb.rows.entries if e.doc == cell.entry.doc and e.table.id == table.id and e.row.level == "total" and not e.row.code), None)
    if total is None or total.row.amount(cell.amount.column or "") is None:
        return None
    return _cell_operand(ctx, Cell(total, total.row.amount(cell.amount.column)))
