"""The statutory tables' rows as a question reaches them: a subject index built from the rows.

Every row is indexed under the names it can be asked by — its name as printed, without its
ordinal (一、) or a trailing 支出, its code — and a question is matched against them: a name the
question contains, a code it types, or (less surely) the longest stretch it shares with a name.
What the question says about columns (基本支出, 年初预算 …) and tables (支出决算表 …) is read from
``prompts/statements.toml``; a column word is not also taken for a row when the question names
another subject.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from ingest.config import PROMPTS
from ingest.records import DocumentRecords, StatementRow, StatementTable
from ingest.tokens import fold

from assistant.text import UNBUDGETED

ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]")
CODE = re.compile(r"(?<!\d)(\d{7}|\d{5}|\d{3})(?!\d)")
SPACED_CODE = re.compile(r"(?<![\d.])(\d{3})\s(\d{2})(?:\s(\d{2}))?(?![\d.])")
PARTIAL = 0.6  # a name shared this much (longest common stretch / name) is a partial match
TIE = 0.15


@dataclass(frozen=True)
class Vocabulary:
    columns: dict[str, list[str]]  # column → words (folded), longest first per column
    total_column: dict[str, str]
    tables: dict[str, list[str]]
    prefer: dict[str, list[str]]
    income_words: list[str]
    asks: dict[str, list[str]]
    generic: frozenset[str]
    row_names: dict[str, dict[str, list[str]]]  # table kind → row name → more names
    parts: dict[str, dict[str, list[str]]]  # table kind → total row → the codes of the 类 it is made of
    narrow: frozenset[str] = frozenset()  # tables of one narrow subject (三公): their totals only when named
    table_columns: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # table kind → column → words that name it only in that table
    side_prefix: dict[str, str] = field(default_factory=dict)  # table kind → the words before a side's name (财政拨款收入总计)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads((PROMPTS / "statements.toml").read_text(encoding="utf-8"))
    folded = lambda words: sorted({fold(w) for w in words}, key=len, reverse=True)  # noqa: E731
    return Vocabulary(
        columns={k: folded(v) for k, v in data["column"].items()},
        total_column=dict(data["total_column"]),
        tables={k: folded(v) for k, v in data["table"].items()},
        prefer={k: v for k, v in data["prefer"].items() if k not in ("income_words", "narrow")},
        narrow=frozenset(data["prefer"].get("narrow", [])),
        income_words=folded(data["prefer"]["income_words"]),
        asks={k: folded(v) for k, v in data["ask"].items()},
        generic=frozenset(fold(n) for n in data["generic"]["names"]),
        row_names={kind: {fold(k): [fold(w) for w in v] for k, v in rows.items()} for kind, rows in data.get("row_names", {}).items()},
        parts={kind: {fold(k): list(v) for k, v in rows.items()} for kind, rows in data.get("parts", {}).items()},
        table_columns={kind: {k: folded(v) for k, v in cols.items()} for kind, cols in data.get("table_columns", {}).items()},
        side_prefix={k: fold(v) for k, v in data.get("side_prefix", {}).items()},
    )


@dataclass(frozen=True)
class Entry:
    doc: str
    table: StatementTable
    row: StatementRow
    names: tuple[str, ...]  # folded names the row answers to, longest first

    @property
    def key(self) -> tuple[str, str]:
        """The subject a row belongs to, across tables: its code, else its name (and side)."""
        return (self.doc, self.row.code or f"{self.row.side or ''}:{self.names[-1] if self.names else self.row.name}")


@dataclass
class Hit:
    entry: Entry
    score: float
    span: tuple[int, int]  # where in the question the name was found (-1, -1 for partial matches)
    how: str  # code · name · partial


@dataclass
class Asked:
    """What a question says about the tables: columns, tables, the way it asks."""

    columns: list[str] = field(default_factory=list)
    column_spans: list[tuple[int, int]] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    table_spans: list[tuple[int, int]] = field(default_factory=list)  # where the question names a table
    span_columns: list[str] = field(default_factory=list)  # the column of each of column_spans
    children: bool = False
    rate: bool = False
    gap: bool = False  # the 预决算差异率 asked: (决算 − 预算) / 预算
    against: bool = False  # spending set against its budget ("超预算了吗", "没花完吧"): the gap between them
    income: bool = False


def side_total_name(row: StatementRow, kind: str) -> str:
    """A summary table's 总计 of one side, named with it: 收入总计 (财政拨款收入总计 in the fiscal one); else ""."""
    bare = ORDINAL.sub("", fold(row.name))
    if not row.side or row.level != "total" or row.side in bare:
        return ""
    return f"{vocabulary().side_prefix.get(kind, '')}{fold(row.side)}{bare}"


def row_names(row: StatementRow, kind: str = "") -> tuple[str, ...]:
    """The names a row can be asked by, longest first."""
    name = fold(row.name)
    bare = ORDINAL.sub("", name)
    names = {name, bare, *vocabulary().row_names.get(kind, {}).get(bare, [])}
    for suffix in ("（含专用结余）", "(含专用结余)"):
        names.add(bare.replace(fold(suffix), ""))
    if side := side_total_name(row, kind):
        names.add(side)
    if bare.endswith("支出") and len(bare) > 4 and row.code:
        names.add(bare[:-2])  # 社会保障和就业支出 is asked as 社会保障和就业
    if "的" in bare[1:-1] and len(bare) >= 6:
        names.add(bare.replace("的", ""))  # 对个人和家庭的补助 is asked as 对个人和家庭补助
    if row.code:
        names |= connectives_dropped(bare)
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


# "下列了哪些项", "下面都包括哪几个款": the rows under a subject, however the verb is inflected
CHILDREN_ASKED = re.compile(r"(?:几|多少)个?[类款项]级|(?:下面|下|之下)[^，,。？?]{0,6}(?:几|多少)个?[类款](?:[？?]|$)|(下面|下列|下设|之下|下属|底下)(都|还|又)?(有|包括|包含|分为|分成|列|设)?(了|有)?(哪些|哪几)(项|款|类|个|科目)?|[)）类款项]下(的|面的?|属的?)?各(项|款)|下(面|属)?的?[\d一二三四五六七八九十两]+个[类款项](?!级?科目[^，,。？?]{0,4}(几|多少))")


BUDGET_MULTIPLE = re.compile(r"(?:是|为|相当于|达到了?)(?:其|它的?)?(?:年初|全年)?预算数?的(?:[\d.]+|[一二两三四五六七八九十几]+)倍")  # "决算是年初预算的3倍多": a rate
GAP_RATE = re.compile(r"差异率|[(（]\s*决算数?\s*[-－−减]\s*(?:年初)?预算数?\s*[)）]\s*(?:[÷/]|除以)")
DOCUMENT_NAMED = re.compile(r"部门决算(?:说明|公开|报告)?|决算(?:情况)?说明|决算公开|决算报告|(?:19|20)\d{2}\s*年度?的?决算(?![数表])|决算(?=里|上(?:有|写|说)|中(?:有|写|说))")
# "…下，决算数超过20万元的经济科目有哪些": the rows under a subject that meet a threshold
ITEM_LIMIT = re.compile(r"(?P<op>超过|高于|大于|多于|不少于|不低于)了?\s*(?P<n>\d+(?:\.\d+)?)\s*万")  # the amount, and whether it counts itself (不少于)
ITEMS_ABOVE = re.compile(ITEM_LIMIT.pattern + r"元?[^，,。？?]{0,6}(经济)?科目|(哪些|哪几个?)(经济)?科目[^，,。？?]{0,6}(超过|高于|大于|多于)\s*\d|"
                         r"(?:里|中|下面?)[，,]?(?:超过|高于|大于|多于|不少于|不低于)\s*\d+(?:\.\d+)?\s*万元?(?:以上)?的?(?:有|共有|一共有)?(?:哪些|哪几|几|多少)(?:个|项|笔)?(?!项目)")
LISTED_TOTAL = re.compile(r"(?:^|[的、和与及，,\s])(合计)数?(?=[、和与及]|[，,]?以及)|[、和与及](合计)数?(?=$|[分各是为，,？?])")


SPENT_CLAUSE = re.compile(r"(?:^|[，,、；;])(?:实际|最后|最终)?(?:花了|花掉了?|用了|支出了|开支了)(?:多少|几)")
# "政府性基金两项加起来多少": the items under a whole, counted, added up (not "A和B两项加起来": listed)
ITEMS_SUMMED = re.compile(r"^[^和、与及跟+]*?[\u4e00-\u9fff](?<![这那各])的?[两三四五六七八九十]项(?:加起来|合计|一共|总共|共计|加一起|加在一起)")
EACH_AND_SUM = re.compile(r"分别|各(?:是|为)?多少|一致|相等|等于|对得上|吻合|相符")


def columns_in_names(text: str, asked: Asked, subjects: str) -> set[str]:
    """Columns whose word the question joins to the words before it into a name the narratives give a
    figure ("政府采购支出总额" holds 支出总额, read as 本年支出合计): part of that name, not a column.
    ``subjects``: the narratives' folded subjects, one per line (``Knowledge.subjects``)."""
    phrases: dict[str, str] = {}
    for (a, b), column in zip(asked.column_spans, asked.span_columns):
        for k in range(2, 7):
            piece = text[a - k : b] if a - k >= 0 else ""
            if re.fullmatch(r"[\u4e00-\u9fff“”]+", piece):
                phrases[piece] = column
    if not phrases:
        return set()
    return {column for piece, column in phrases.items() if piece in subjects}


def without_columns(asked: Asked, columns: set[str]) -> Asked:
    kept = [(span, c) for span, c in zip(asked.column_spans, asked.span_columns) if c not in columns]
    asked.column_spans = [span for span, _ in kept]
    asked.span_columns = [c for _, c in kept]
    asked.columns = [c for c in asked.columns if c not in columns]
    return asked


def read_asked(folded: str) -> Asked:
    voc = vocabulary()
    folded = UNBUDGETED.sub(lambda m: "■" * len(m.group()), folded)  # (positions kept: spans index the question)
    asked = Asked()
    taken: list[tuple[int, int]] = []
    span_columns: list[str] = []  # the column of each of asked.column_spans
    # the longest words first, and of two as long the leftmost: "基本支出合计" is the 基本支出
    # column's total, not 基本 + the column 支出合计
    found = [(m.start(), m.end(), column) for column, words in voc.columns.items() for w in words for m in re.finditer(re.escape(w), folded)]
    for start, end, column in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        span = (start, end)
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        taken.append(span)
        if column not in asked.columns:
            asked.columns.append(column)
        asked.column_spans.append(span)
        span_columns.append(column)
    for kind, words in voc.tables.items():
        for w in words:
            at = folded.find(w)
            if at >= 0:
                asked.table_spans.append((at, at + len(w)))
                if kind not in asked.tables:
                    asked.tables.append(kind)
    # words that name a column only in the table named ("政府性基金…决算表中，…的本年支出": elsewhere a row)
    for kind in asked.tables:
        for column, words in voc.table_columns.get(kind, {}).items():
            for w in words:
                for m in re.finditer(re.escape(w), folded):
                    if not any(a < m.end() and m.start() < b for a, b in taken):
                        taken.append(m.span())
                        asked.column_spans.append(m.span())
                        span_columns.append(column)
                        asked.columns += [column] if column not in asked.columns else []
    # words of a table's title are not columns asked ("基本支出决算表中…" asks no 基本支出 column)
    # nor are those of the document's own name ("都是2025年度部门决算吧", "决算说明中…")
    named = asked.table_spans + [m.span() for m in DOCUMENT_NAMED.finditer(folded)]
    inside = lambda span: any(x <= span[0] and span[1] <= y for x, y in named)  # noqa: E731
    kept = [(span, c) for span, c in zip(asked.column_spans, span_columns) if not inside(span)]
    asked.column_spans = [span for span, _ in kept]
    asked.span_columns = [c for _, c in kept]
    asked.columns = [c for c in asked.columns if c in {col for _, col in kept}]
    # a longer table name wins over the shorter it contains (一般公共预算…支出决算表 is not 支出决算表,
    # 政府性基金预算财政拨款收入支出决算表 not 收入支出决算总表's words)
    if "general_budget_expense" in asked.tables or "general_budget_basic" in asked.tables:
        asked.tables = [t for t in asked.tables if t != "expense"]
    named = [((at, at + len(w)), kind) for kind, words in voc.tables.items() if kind in asked.tables for w in words if (at := folded.find(w)) >= 0]
    within = lambda a, b: b[0] <= a[0] and a[1] <= b[1] and b != a  # noqa: E731
    inner = {k for k in asked.tables if all(any(within(span, other) and o != k for other, o in named) for span, kind in named if kind == k)}
    if inner and len(inner) < len(asked.tables):
        asked.tables = [t for t in asked.tables if t not in inner]
    if "fiscal_summary" in asked.tables:
        asked.tables = [t for t in asked.tables if t != "income_expense_summary"]
    if len(asked.columns) > 1:
        # "本年支出合计中基本支出": a column named to place another is not itself asked
        first, *rest = sorted(zip(asked.column_spans, asked.columns))
        between = folded[first[0][1] : rest[0][0][0]] if rest else ""
        if re.match(r"\s*(中的?|里的?|里面的?|之中|当中)", between):
            kept = {c for _, c in rest}
            asked.columns = [c for c in asked.columns if c in kept]
    listed = LISTED_TOTAL.search(folded)
    if asked.columns and listed and "合计" not in asked.columns:
        # "…的合计、基本支出和项目支出分别是多少": the row's total column, listed with the others
        word = 1 if listed.group(1) else 2
        at = sum(1 for span in asked.column_spans if span[0] < listed.start(word))
        asked.columns.insert(at, "合计")
        asked.column_spans.insert(at, listed.span(word))
        asked.span_columns.insert(at, "合计")
    spent = SPENT_CLAUSE.search(folded)
    if spent and "年初预算数" in asked.columns and not {"决算数", "合计", "本年支出合计"} & set(asked.columns):
        # "那死亡抚恤呢，花了多少，年初预算又是多少": spending asked in a clause of its own, beside a budget
        at = sum(1 for span in asked.column_spans if span[0] < spent.start())
        asked.columns.insert(at, "决算数")
        asked.column_spans.insert(at, spent.span())
        asked.span_columns.insert(at, "决算数")
    if any(w in folded for w in voc.asks.get("against_budget", [])):
        asked.columns = list(dict.fromkeys(["决算数", "年初预算数", *asked.columns]))  # "比预算还多吗": spent and budgeted
        asked.against = True
    asked.children = any(w in folded for w in voc.asks["children"] if not (w[0] in "花用" and re.search(r"大头|大部分|最多", folded))) or bool(ITEMS_ABOVE.search(folded)) or bool(ITEMS_SUMMED.search(folded)) or (
        bool(CHILDREN_ASKED.search(folded)) and (not re.search(r"合计|一共(?!列)|总共|加起来|之和", folded) or bool(EACH_AND_SUM.search(folded))))
    # ("…下各项的年初预算合计": a sum; "一共列了几个款": a count; "下面各项分别是多少？合计多少？": both)
    own = re.sub(r"(?<=[占是为])(其|它的?|自身的?|自己的?|本项的?|该项的?)(?=(年初|全年)?预算)", "", folded)  # "占其年初预算的百分之几": its own budget
    asked.rate = any(w in own for w in voc.asks["rate"]) or bool(BUDGET_MULTIPLE.search(own))
    asked.gap = bool(GAP_RATE.search(own))  # "预决算差异率", "（决算数－年初预算数）÷年初预算数"
    asked.rate = asked.rate and not asked.gap
    asked.income = any(w in folded for w in voc.income_words) and "支出" not in folded.replace("收入支出", "")
    return asked


def connectives_dropped(bare: str) -> set[str]:
    """A coded row's name as typed without its 和/及/与/的: 商品和服务支出 as 商品服务(支出), 对个人和家庭的补助
    as 对个人家庭补助 (read like a short name: only when what follows ends it)."""
    joined = bare[0] + re.sub(r"[和及与的]", "", bare[1:-1]) + bare[-1] if len(bare) >= 5 else bare
    if joined == bare or len(joined) < 4:
        return set()
    return {joined, joined[:-2]} if joined.endswith("支出") and len(joined) > 5 else {joined}


def _shortened(e: Entry) -> set[str]:
    """The template's short names of a row that are part of its printed name (公务用车, 接待)."""
    name = fold(e.row.name)
    bare = ORDINAL.sub("", name)
    return {n for n in vocabulary().row_names.get(e.table.kind, {}).get(bare, []) if n in name}


# what may follow a row's shortened name (公务用车 for 公务用车购置及运行维护费) for it to be that row:
# the end, a conjunction or punctuation, or the words that ask about it — not more of another name
MONEY_OF = re.compile(r"(?:的|上的|方面的?|这块的?|这一块的?)?(?:钱|经费|开支|花费|支出)")  # "养老的钱": what was spent on it
SHORT_NAME_END = re.compile(r"$|[和及与、，,。；;？?！!的花用一是多有预实决年各支共总呢吗(（都这那在比较占中里]")


class RowIndex:
    """The rows of some documents' statutory tables, by the names they answer to."""

    def __init__(self, records: list[DocumentRecords]):
        self._codes: dict[tuple[str, str], dict[str, Entry]] = {}
        self._records = records
        self._extension_cache: dict[str, set[str]] = {}
        self.entries: list[Entry] = []
        for rec in records:
            for table in rec.statements:
                for row in table.rows:
                    self.entries.append(Entry(rec.info.id, table, row, row_names(row, table.kind)))

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        """A row by its id (an answer's figure ids are "row#column")."""
        return {e.row.id: e for e in self.entries}

    @cached_property
    def by_key(self) -> dict[tuple[str, str], list[Entry]]:
        out: dict[tuple[str, str], list[Entry]] = {}
        for e in self.entries:
            out.setdefault(e.key, []).append(e)
        return out

    def match(self, folded: str, asked: Asked, docs: list[str] | None = None) -> list[Hit]:
        """Rows the question names, best first (one hit per row)."""
        voc = vocabulary()
        codes = set(CODE.findall(folded)) | {"".join(m) for m in SPACED_CODE.findall(folded)}  # "201 06 07", as tables print it
        hits: list[Hit] = []
        for e in self.entries:
            if docs and e.doc not in docs:
                continue
            best: Hit | None = None
            if e.row.code and e.row.code in codes:
                best = Hit(e, 3.0 + len(e.row.code) / 10, (-1, -1), "code")
            for name in e.names:
                if name in voc.generic and e.table.kind not in asked.tables:
                    continue  # "总计", "合计": a row by that name only in the table the question names
                at = folded.find(name)
                if at >= 0 and any(x <= at < y for x, y in asked.table_spans):
                    at = folded.find(name, max(y for x, y in asked.table_spans if x <= at < y))  # not inside the table's title ("三公经费表，合计、…")
                if at >= 0 and (name in _shortened(e) or (e.row.code and name in connectives_dropped(ORDINAL.sub("", fold(e.row.name))))) and (folded[at + len(name) : at + len(name) + 2] in self._extensions(name)
                                                          or not SHORT_NAME_END.match(folded, at + len(name))):
                    continue  # a short name the question goes on to make another subject's ("公务用车" of 公务用车保有量)
                if at > 0 and name == side_total_name(e.row, e.table.kind) and re.match(r"[\u4e00-\u9fff]", folded[at - 1]) and folded[at - 1] not in "年的中里":
                    continue  # "…拨款支出总计" (一共, folded) is that longer subject's total, not the summary table's 支出 side
                if at >= 0:
                    score = 2.0 + min(len(name), 20) / 20
                    if best is None or score > best.score:
                        best = Hit(e, score, (at, at + len(name)), "name")
                    break
            if best is None and e.names and e.names[0] not in voc.generic:
                name = e.names[0]
                m = SequenceMatcher(None, name, folded, autojunk=False).find_longest_match(0, len(name), 0, len(folded))
                shared = m.size / len(name)
                if m.size >= 3 and shared >= PARTIAL:
                    best = Hit(e, shared, (m.b, m.b + m.size), "partial")
            if best is not None:
                hits.append(best)
        if not any(h.how in ("code", "name") for h in hits):
            hits += self._by_shared_ending(folded, docs, {id(h.entry) for h in hits})
        self._columns_inside_names(hits, asked)
        named_columns = {c.name for rec in self._records if not docs or rec.info.id in docs
                         for t in rec.statements if t.kind in asked.tables for c in t.columns} if asked.tables else set()
        hits = self._drop_column_words(hits, asked, named_columns)
        hits = self._in_named_tables(hits, asked)
        hits = self._drop_contained(hits)
        self._parent_bonus(hits, folded)
        hits.sort(key=lambda h: (-h.score, h.entry.row.line))
        return hits

    def _by_shared_ending(self, folded: str, docs: list[str] | None, found: set[int]) -> list[Hit]:
        """A word the question gives that ends a coded row's name (支出 aside) and is found, in that
        table, only inside that row and rows under it: that row, the whole the word names ("离退休" of 行政事业
        单位离退休 above 行政单位离退休 and 事业单位离退休; "公积金" of 住房公积金)."""
        out: list[Hit] = []
        for e in self.entries:
            if (docs and e.doc not in docs) or not e.row.code or id(e) in found:
                continue
            core = re.sub(r"支出$", "", fold(e.row.name))
            for size in range(min(len(core) - 1, 6), 1, -1):
                word = core[-size:]
                at = folded.find(word)
                if at < 0 or not SHORT_NAME_END.match(folded, at + size) or not re.fullmatch(r"[\u4e00-\u9fff]+", word) or word[0] in "和及与的之等":
                    continue
                if size == 2 and not MONEY_OF.match(folded, at + size):
                    continue  # two characters name a row only as "养老的钱", "医疗这块": money of it
                alike = [r for r in e.table.rows if word in fold(r.name)]
                if len(alike) > 1 and all(r.code and r.code.startswith(e.row.code) for r in alike):
                    out.append(Hit(e, 2.0 + size / 20, (at, at + size), "name"))  # the row's own name, shortened
                break
        return out

    def _extensions(self, name: str) -> set[str]:
        """The two characters that follow ``name`` inside the longer subjects of the documents (their
        rows' names and their narratives' figures; any document's, as the words are the template's):
        "保有", "运行" after 公务用车."""
        cache = self._extension_cache
        if name not in cache:
            out: set[str] = set()
            for rec in self._records:
                subjects = {fold(f.subject) for f in rec.figures} | {fold(r.name) for t in rec.statements for r in t.rows}
                for subject in subjects:
                    at = subject.find(name)
                    while at >= 0:
                        after = subject[at + len(name) : at + len(name) + 2]
                        if len(after) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", after):
                            out.add(after)
                        at = subject.find(name, at + 1)
            cache[name] = out
        return cache[name]

    @staticmethod
    def _columns_inside_names(hits: list[Hit], asked: Asked) -> None:
        """A column word inside a longer row name the question gives ("财政拨款" of 年初财政拨款结转
        和结余) is part of that name, not a column asked."""
        names = [h.span for h in hits if h.how == "name"]
        inside = [i for i, (a, b) in enumerate(asked.column_spans) if any(x <= a and b <= y and (y - x) > (b - a) for x, y in names)]
        if not inside:
            return
        kept = [i for i in range(len(asked.column_spans)) if i not in inside]
        still = {asked.span_columns[i] for i in kept}
        asked.column_spans = [asked.column_spans[i] for i in kept]
        asked.span_columns = [asked.span_columns[i] for i in kept]
        asked.columns = [c for c in asked.columns if c in still]

    @staticmethod
    def _drop_column_words(hits: list[Hit], asked: Asked, named_columns: set[str]) -> list[Hit]:
        """A row found only where the question names a column (其他收入, 基本支出) is the column,
        when the question names another subject too — or when the table the question names has
        that column ("政府性基金…决算表中的年初结转和结余": its column, not the summary's row)."""
        def in_column(h: Hit) -> bool:
            # (a column its own table does not have is no column of it: 年初结转和结余, a column of
            # the fund tables, is a row of the summary tables)
            a, b = h.span
            own = {c.name for c in h.entry.table.columns}
            elsewhere = bool(asked.tables) and h.entry.table.kind not in asked.tables  # the table named has it
            return any(a < y and x < b and (column in own or elsewhere) for (x, y), column in zip(asked.column_spans, asked.span_columns))

        def named_tables_column(h: Hit) -> bool:
            a, b = h.span
            return h.entry.table.kind not in asked.tables and any(a < y and x < b and column in named_columns
                                                                 for (x, y), column in zip(asked.column_spans, asked.span_columns))

        hits = [h for h in hits if not named_tables_column(h)]
        others = [h for h in hits if not in_column(h) and h.how != "partial"]
        return [h for h in hits if not in_column(h)] if others else hits

    @staticmethod
    def _in_named_tables(hits: list[Hit], asked: Asked) -> list[Hit]:
        """A name that is part of a table's title the question gives ("一般公共预算财政拨款基本支出
        决算表中…") is not a row asked; and when the question names a table, its rows come first."""
        def in_title(h: Hit) -> bool:
            a, b = h.span
            return h.how != "code" and any(x <= a and b <= y for x, y in asked.table_spans)

        kept = [h for h in hits if not in_title(h)]
        named = [h for h in kept if h.entry.table.kind in asked.tables]
        return named or kept

    @staticmethod
    def _drop_contained(hits: list[Hit]) -> list[Hit]:
        """A name found inside a longer name the question also contains is not asked on its own
        (行政运行 inside 机关运行经费 is not; 住房改革支出 is not 住房保障支出)."""
        spans = [h.span for h in hits if h.how == "name"]
        out = []
        for h in hits:
            a, b = h.span
            if h.how == "name" and any(x <= a and b <= y and (y - x) > (b - a) for x, y in spans):
                continue
            out.append(h)
        return out

    def ancestors(self, entry: Entry) -> list[Entry]:
        """The 款 and 类 rows above a row, in its own table."""
        by_code = self._codes.get((entry.doc, entry.table.id))
        if by_code is None:
            by_code = {e.row.code: e for e in self.entries if e.doc == entry.doc and e.table.id == entry.table.id and e.row.code}
            self._codes[(entry.doc, entry.table.id)] = by_code
        out, code = [], entry.row.parent
        while code and code in by_code:
            out.append(by_code[code])
            code = by_code[code].row.parent
        return out

    def _parent_bonus(self, hits: list[Hit], folded: str) -> None:
        """A row whose parent (类 or 款) the question also names is the one meant (several 款 have
        a 一般行政管理事务)."""
        by_code = {(e.doc, e.row.code): e for e in self.entries if e.row.code}
        for h in hits:
            code = h.entry.row.parent
            while code:
                parent = by_code.get((h.entry.doc, code))
                if parent is None:
                    break
                if any(n in folded for n in parent.names if len(n) >= 2):
                    h.score += 0.5
                code = parent.row.parent


def choose_table(entries: list[Entry], asked: Asked) -> Entry | None:
    """The row of a subject that answers: in the table the question names, else one that has the
    column asked, else the first table in the order of ``[prefer]``."""
    voc = vocabulary()
    if asked.tables:
        named = [e for e in entries if e.table.kind in asked.tables]
        if named:
            entries = named
    if asked.columns:
        having = [e for e in entries if any(a.column in asked.columns and a.value is not None for a in e.row.amounts)]
        # else a table with that column, where the row leaves it blank ("某支出是从一般公共预算里安排的吧")
        having = having or [e for e in entries if any(c.name in asked.columns for c in e.table.columns) and e.row.amounts]
        if having:
            entries = having
    order = voc.prefer["income" if asked.income else "spending"]
    return min(entries, key=lambda e: (order.index(e.table.kind) if e.table.kind in order else len(order), e.row.line), default=None)


def total_column(table: StatementTable, row: StatementRow) -> str | None:
    """The column a plain "how much" reads in this row."""
    voc = vocabulary()
    wanted = voc.total_column.get(table.kind)
    names = [a.column for a in row.amounts if a.column]
    if wanted in names:
        return wanted
    return names[0] if names else wanted
