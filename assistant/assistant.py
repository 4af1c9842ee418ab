"""The assistant: open a store, answer questions with exact figures and verbatim citations.

>>> from assistant import Assistant
>>> bot = Assistant.open()                       # doctest: +SKIP
>>> bot.ask("棚改花了多少钱").figures[0].value      # doctest: +SKIP
'483911.04'
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

from assistant.answer import Answer, Calculation, FigureRef, Session, document_label
from assistant.calculator import run
from assistant.compose import Ctx, unique_citations
from ingest.config import Settings, quiet_third_parties
from ingest.errors import CalculationError, SessionError
from assistant.handlers.scope import department_mention, out_of_scope, refusal, year_uncovered
from assistant.knowledge import Knowledge, same_stem
from assistant.handlers import across, chained
from assistant.handlers.across import ADDED_ASKED
from assistant.handlers.statements import GENERIC_TOTALS, one_subject_twice, turn_cells
from assistant.plan import FORMER_LATTER, claims_checked, plan
from assistant.route import Scope, route, without_departments
from assistant.rows import ORDINAL, read_asked
from assistant.prompts import Language, language
from assistant.text import fold, in_order, longest_common_run, simplified, without, without_surrogates
from assistant.understand import BASIS_NAMES, PARTS_CHECKED, WHY_ASKED, english_frames, switched_frames, listed_under_topic, spaced_as_punctuated, understand
from ingest.numbers import to_decimal
from ingest.records import DocumentInfo, DocumentRecords


QUESTION_END = re.compile(r"(?<=[？?])")
CLAIMING = re.compile(r"\d")  # a clause with a number in it may claim rather than ask ("…是N万元？")
SPACED_ASK = re.compile(r"(?:意思|是指什么|指什么|指的是什么|是什么|是啥|指啥)(\s+)(?=[\u4e00-\u9fff\d])")  # "…是啥意思 今年…是多少": a term asked, then a space, then another ask
PREMISE = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|元|%|个|人|辆)")  # a clause claiming a figure
ADDED_ON = re.compile(r"(?:(?:再|还要|连同)?(?:加上|算上|加进|算进|连同)[^，,。？?]{2,}?|把[^，,。？?]{2,}?也?(?:算上|加上|算进去|加进去|算进来|加进来))"
                      r"(?:的|呢)?[，,]?\s*(?:这|那)?[两三四五六七八九十几]?(?:家|个部门|个单位)?(?:一共|合计|总共|加起来|共|总计|总和)")
ADDED = re.compile(r"加上|算上|加进来|算进来|加进去|算进去|加入")  # "再把丙街道加进来比较"
RANK_ASKED = re.compile(r"(?:谁|哪(?:个|家))的?(?P<what>[^，,。？?]{0,8}?)(?P<end>最[多少高低大小])")
RANKED_AMONG = re.compile(r"[两三四五六七八九十几](?:个|家)(?:部门|单位)?(?:里|中|当中|之中)?(?:面)?(?:哪|谁)(?:个|家)?的?(?P<what>[^，,。？?]{0,8}?)(?P<end>最[多少高低大小])")
THIS_CLASS = re.compile(r"这一?类|该类|此类")  # a class (类) under discussion
EARLIER_TURN = re.compile(r"(?<!回到)(?<!回到的)(?:刚才|前面|之前|上面|最开始|一开始)(?:说的|问的|提的|那个)?(?P<first>第一个|第一|头一个)(?:数字?|问的)?(?:说的)?(?:那些|那个)?(?!问题)|刚才(?:那个|的那个|说的那个)数字?")
THIS_ITEM = re.compile(r"这(?:一)?项|该项|此项|这个数字?|这一数字?|该数字?")  # an item under discussion named by a pronoun
THIS_TERM = re.compile(r"这(?:一)?部分|这(?:一)?项|该项|这个数|这笔钱|这笔")
NAMELESS = re.compile(r"\s|今年|本年|当年|全年|一共|总共|合计|共|实际|(?:19|20)\d{2}\s*年度?")  # words of a question that name nothing
DERIVED = re.compile(r"推算|倒推|反推|倒算")
OWN_YEAR = re.compile(r"\s*[（(]?\s*(?:19|20)\d{2}\s*年度?末?\s*[)）]?")  # a year right after a department named
IT_FIRST = re.compile(r"^(那么?)?(它|这个|这笔|该)")  # a question about the figure under discussion
LEANING = re.compile(r"(各|分别|它们?|其(?!中|他|余)|这些|那些|他们|都|比(?:排(?:在)?)?第|比最|加起来|加在一起|合起来|相加)")  # a question that starts so asks about the one before
ASKING = re.compile(r"多少|几|什么|啥|哪|吗|呢|怎么|为什么|为何|是否|有没有|是不是|对吧|对不对|是吧|吧(?=[？?，,]|$)|如何|how|what|which|why", re.I)


CLAUSE_END = re.compile(r"[、，,；;]")
LISTED_ASK = re.compile(r"^(?P<items>[^，,。；;]+?)((分别|各自|各)(是|为)?|(又)?(是|为))(多少|几)")  # "A、B和C分别是多少"
OTHER_NAMED = re.compile(r"^(那么?)|呢[？?]?$")  # what "X呢" leaves of X
SHORT_MESSAGE = 14  # a message this short that names no subject of its own leans on the one before
ELLIPTICAL = 12  # characters of "X呢？" at most that lean on the answer before for what they ask
ATTRIBUTE_ASKED = re.compile(r"^(平均|涉及|个数|项目数|数量|人数|金额|得分|价值|面积|比例|比重|占比|执行率|年初预算|全年预算|决算|预算|原值|增减|变化)")
# the words of a measure asked of some subject, naming none ("完成比例", "年初预算", "比上年增长")
MEASURE = re.compile(r"[比跟和与较]|相比|完成了?|执行|比例|占比|比重|百分比|百分之|[的率数额]|年初|全年|预算|决算|上年|同比|增长|增加|减少|增减|变化|变动|幅度|差异|"
                     r"金额|多少|几|合计|总额|总数|情况|是|为|有|呢|吗|了|[这那](?:家|个部门|个单位)|那么?|[\s，,。？?]")
THIS_MEASURE = re.compile(r"(?:这个|这一?|该|同样的?|同一个?)(?:比例|比重|占比|数字?|数据|指标|项|率|金额|情况|口径|统计口径)?")  # "乙街道的这个比例呢"
COMPARED_WITH = re.compile(r"^(?:那么?)?(?:比|跟|和|与|同|较)[^，,。？?]{2,}?(?:的|相比|比|比较)?[，,]?(?:多|少|高|低|大|小|差|相差|怎么样|如何)")
RANK_SAID = re.compile(r"最[多少高低大小]的是")  # how an answer says which one is first
YEAR_SAID = re.compile(r"(?:19|20)\d{2}\s*年度?")
WHICH_OF_THEM = re.compile(r"^(?:那么?)?(?:哪家|哪个部门|哪个单位|哪边|哪个|谁)的?[^，,。？?]{0,8}?(?:更|最)?(?:高|低|多|少|大|小)")  # "哪家高？高多少分？" after two departments' turns
BUDGET_GAP_ASKED = re.compile(r"比(?:年初|全年)?预算数?(?:还)?(?:少|多|省|超)|(?:未|没有?)(?:执行|花完|用完)|超(?:了|过|出)?(?:年初|全年)?预算|预算(?:执行|完成)(?:率|情况)|完成(?:了)?(?:年初|全年)?预算的?(?:百分之|比例|多少)")  # a budget against its spending
EACH_ONE = re.compile(r"各|分别|都")  # each department on its own, not one against the other
NAMES_HOLDING_HE = re.compile(r"结转和结余|商品和服务|社会保障和就业|个人和家庭|文化和旅游|购置和运行|交流和合作")  # the template's names that hold 和
ANOTHER_THEN = re.compile(r"^((?:那么?)?[^，,。？?]{2,24}?呢)[，,]\s*(.+)$")  # "乙局呢，差多少"
OF_ANOTHER = re.compile(r"^(那么?)?[^，,。？?]{2,24}?呢[？?]?$")  # "X呢？": what was asked, of X
# where the first ask of "X有几个、涉及多少钱" starts: what is before it names the subject of every ask
FIRST_ASK = re.compile(r"(有|是|为|共|一共|总共|合计)?(?<!哪)(多少|几)")


_ASKING = threading.local()


def _measure_only(text: str) -> bool:
    """Words that name a measure and no subject it is of ("的完成", "完成了年初预算的多少")."""
    return not MEASURE.sub("", text)


def _sentences(text: str) -> list[str]:
    """The sentences of a message, each ending in a question mark or an ask typed before a space
    ("…是啥意思 今年…是多少")."""
    split = (s.strip() for p in QUESTION_END.split(text) for s in SPACED_ASK.sub(lambda m: m.group(0).rstrip() + "\n", p).split("\n"))
    return [s for s in split if s]


def several_questions(text: str) -> list[str]:
    """The questions of a message that asks two to four, each ending in a question mark and asking
    something of its own, or asked one after another in one sentence about one subject
    ("项目有几个、涉及多少钱、平均多少分" → "项目有几个", "项目涉及多少钱", "项目平均多少分"); else an
    empty list."""
    parts = [c for p in _sentences(text) for c in _asks(p)]
    moved = any(OF_ANOTHER.match(p) for p in parts)  # ("乙局呢，差多少": short asks after a department moved to)
    if not 2 <= len(parts) <= 4 or not all((len(p) >= 4 or (moved and BARE_AMOUNT_ASK.fullmatch(p)) or (len(p) >= 3 and OF_ANOTHER.match(p))) and (ASKING.search(p) or (p.endswith(("？", "?")) and not CLAIMING.search(p))) for p in parts):
        return []
    if any(LEANING.match(p) for p in parts[1:]):
        return []  # "…的项有哪些？各支出多少？": the later question is about the earlier one's answer
    if len(parts) == 2 and BARE_AMOUNT_ASK.fullmatch(parts[1].strip()) and not OF_ANOTHER.search(parts[0].strip()):
        return []  # "A和B哪个多？多多少？": how much more, of the two just compared
    if len(parts) == 2 and re.search(r"(?:多|少|差|高|低)了?多少", parts[0]) and re.search(r"几倍|多少倍", parts[1]) and not re.search(r"几倍|多少倍", parts[0]):
        return []  # "A比B多多少，是B的几倍": one pair, its difference and its multiple at once
    if len(parts) == 2 and PARTS_CHECKED.search(f"{parts[0]}{parts[1]}"):
        return []  # "…下面四个项各多少？四项相加和款级合计对得上吗？": the items, added and set against their whole, at once
    return parts


def _sentence_ends(text: str) -> set[int]:
    """The places, among :func:`several_questions`' asks of ``text``, of each sentence's last ask
    ("…预算和决算各多少？为什么…": the 决算 ask ends its sentence — what follows leans on all of it)."""
    ends, at = set(), -1
    for sentence in _sentences(text):
        at += len(_asks(sentence))
        ends.add(at)
    return ends


def _asks(sentence: str) -> list[str]:
    """The asks of one sentence whose clauses each ask something of the first clause's subject, or
    that lists what it asks of one subject ("…的项目个数、涉及预算金额和平均得分分别是多少"), each
    with that subject; else the sentence."""
    listed = _listed(sentence)
    if listed:
        return listed
    moved = ANOTHER_THEN.match(sentence.strip())
    if moved is not None and (BARE_AMOUNT_ASK.fullmatch(moved.group(2).strip()) or re.match(r"(?:[两三四五六七八九]家|它们)?(?:谁|哪家|哪个)", moved.group(2))):
        return [f"{moved.group(1)}？", moved.group(2)]  # "乙局呢，差多少": the same of 乙局, then the ask after it
    clauses = [c.strip() for c in CLAUSE_END.split(sentence) if c.strip()]
    if len(clauses) >= 3 and PREMISE.search(clauses[0]) and not ASKING.search(clauses[0]) and all(ASKING.search(c) for c in clauses[1:]):
        # "既然X是N万元，那决算执行了多少，预决算差异率是多少": each ask with the premise it rests on
        return [f"{clauses[0]}，{c}" for c in clauses[1:]]
    if len(clauses) >= 3 and not ASKING.search(clauses[0]) and all(ASKING.search(c) for c in clauses[1:]):
        # "听说甲局有领导出国考察，出国花了多少钱、派了几个团": a scene, then the asks of one subject
        inner = _asks("，".join(clauses[1:]))
        first = FIRST_ASK.search(clauses[1])
        named = SPENT_AT_END.sub("", BASIS_AT_END.sub("", clauses[1][: first.start()])) if first else ""
        if len(inner) > 1 and len(named) >= 2 and not named.endswith("了"):  # ("…又买了新公车，买了几辆、花了多少": the scene's subject)
            return [f"{clauses[0]}，{c}" for c in inner]
    first = FIRST_ASK.search(clauses[0]) if len(clauses) > 1 else None
    if first is None or first.start() < 1 or not all(ASKING.search(c) for c in clauses) or any(LEANING.match(c) for c in clauses[1:]):
        return [sentence]  # "…有哪几项，各多少？": the later ask is about the earlier one's answer
    subject = BASIS_AT_END.sub("", clauses[0][: first.start()])  # "X年初预算多少，最后花了多少": the second is X's own
    named = subject  # ("项目支出是多少，占本年支出的几成": the share is 项目支出's)
    subject = SPENT_AT_END.sub("", subject) or subject  # "X一共花了多少钱、…": the subject is X
    if ATTRIBUTE_ASKED.match(subject):
        return clauses  # "涉及预算金额多少，平均得分是多少": attributes of what came before, each its own
    # a later clause naming a subject of its own ("…，绩效自评平均得分多少") keeps only the department
    # and year the first one named, not its subject
    year = list(re.finditer(r"(?:19|20)\d{2}\s*年度?", subject))
    where = subject[: year[-1].end()] if year else ""
    # (one that points back at the asks before it, "两项加起来多少", is asked as it is)
    # ("占本年收入多少" names the whole the first clause's subject is a share of: that subject's)
    return [clauses[0]] + [c if c.startswith(subject) or BEFORE_IT.match(c) or OF_ANOTHER.match(c) or (len(subject) <= 4 and WHY_ASKED.search(c)) else named + c if c.startswith("占") else (where if _names_a_subject(c) else subject) + c
                           for c in clauses[1:]]


def _names_a_subject(clause: str) -> bool:
    """A clause that names something itself: four characters or more besides the asking words and
    the attributes of what came before it ("涉及预算金额多少" names none)."""
    if ATTRIBUTE_ASKED.match(clause):
        return False
    said = re.sub(r"多少|几个?|了|各|分别|是|为|有|吗|呢|钱|花了?|用了?|一共|总共|实际|完成了?|执行了?|年初|全年|预算|决算|比例|比率|百分之|百分比|占|的|数|额|率|上年|比|增加|减少|变化|多|少", "", clause)
    return len(re.findall(r"[\u4e00-\u9fff]", said)) >= 4


SPENT_AT_END = re.compile(r"(?:一共|总共|共|合计)?(?:花了?|用了?|花费了?|支出了?)?$")
BASIS_AT_END = re.compile(rf"的?(?:{BASIS_NAMES}|执行数|执行率)数?$")


def _listed(sentence: str) -> list[str]:
    """"X的A、B和C分别是多少" → "X的A是多少", "X的B是多少", "X的C是多少" (after any clause that
    sets the scene, "…情况中，", kept before each); else an empty list."""
    m = LISTED_ASK.match(sentence)
    scene = ""
    if m is None:
        at = max(sentence.rfind("，"), sentence.rfind(","))
        m = LISTED_ASK.match(sentence[at + 1 :]) if at > 0 else None
        scene = sentence[: at + 1]
        if m is not None and not all(ATTRIBUTE_ASKED.match(i.strip()) for i in re.split(r"、|和", m.group("items"))[1:]):
            m = None  # "…表中，X的基本支出和项目支出各是多少": columns of one row, asked together
    if m is None:
        return []
    listed = m.group("items")
    if "占" in listed:
        return []  # "X占商品和服务支出的比重是多少": one share, of one whole
    if re.search(r"[(（][^)）]*(、|和)[^)）]*[)）]", listed):
        return []  # "（行政单位和参公事业单位）机关运行经费": a qualifier in brackets lists nothing
    *items, last = [i.strip() for i in listed.split("、")]
    held = [m.span() for m in NAMES_HOLDING_HE.finditer(last)]
    joins = [i for i, ch in enumerate(last) if ch == "和" and not any(a <= i < b for a, b in held)]  # ("年末结转和结余" is one row)
    if joins:
        at = joins[-1]
        items += [last[:at], last[at + 1 :]]
    else:
        items.append(last)
    if len(items) < 2 or not all(items) or re.search(r"一共|总共|合计|加起来|共计", m.group("items")):
        return []
    if "的" not in items[0]:
        # "绩效自评涉及预算金额和平均得分": each as it is, when the first names a subject and an
        # attribute; not "年初预算和决算各多少", nor "财政局和文旅局的…" (several subjects)
        attributes = all(ATTRIBUTE_ASKED.match(i) for i in items[1:])  # not "公务用车购置和运行维护费", one name
        return [f"{scene}{i}是多少" for i in items] if "的" not in m.group("items") and len(items[0]) >= 6 and attributes else []
    subject = items[0][: items[0].rindex("的") + 1]
    return [f"{scene}{subject}{i.removeprefix(subject)}是多少" for i in items]


BARE_AMOUNT_ASK = re.compile(r"(?:那|那么)?(?:多|少|差|高|低|相差|差了|多了|少了)(?:多少|几)(?:钱|万元)?[？?]?|(?:是|为)?(?:几|多少)倍[？?]?")  # an ask that names nothing
BEFORE_IT = re.compile(r"(?:这|那)?[两三几](?:项|个|者|笔|类|块)(?:加起来|合计|一共|共|相差|差)|它们|二者")  # "…各花了多少，两项加起来多少": the asks before it
# the words of "两家差多少？", "这两个加起来呢？": what is asked of two figures given, naming nothing else
PAIR_WORDS = r"[\s。，,？?]|两个|两项|两家|两边|两者|二者|这两|这俩|那俩|俩|它们|他们|部门|单位|加起来|一共|合计|总共|相差|相|差|多少|几倍|是|的|呢|了|哪个|哪家|谁|更|高|低|多|少|大|小"
KNOWLEDGE_KEPT = 8  # indexes of recently asked document sets kept in memory
LISTED = 60  # documents a "which one?" reply lists at most (a district has about fifty)
SILENT_CHECKED = 8  # documents a question across them is asked of one by one before asking which one


class Assistant:
    def __init__(self, documents, *, store=None, lang: Language | None = None, log=None):
        """``documents``: a store's :class:`~ingest.library.Library`, or records in memory."""
        from ingest.library import Library, MemoryLibrary

        self.library = documents if isinstance(documents, (Library, MemoryLibrary)) else MemoryLibrary(list(documents))
        self.store = store
        self.lang = lang or language()
        self.log = log or (lambda m: print(m, file=sys.stderr))
        self._retriever = None
        self._lock = threading.Lock()  # lazy retriever set-up happens once, even under concurrent questions
        self._kbs: OrderedDict[tuple[str, ...], Knowledge] = OrderedDict()

    @property
    def kb(self) -> Knowledge:
        """Every document's records, indexed (tools, the UI and tests; answering reads only the
        documents a question goes to — see :meth:`knowledge`)."""
        return self.knowledge(self.library.ids)

    def knowledge(self, docs: list[str]) -> Knowledge:
        """The records of ``docs``, indexed; the last few sets asked for are kept."""
        key = tuple(docs)
        with self._lock:
            kb = self._kbs.get(key)
            if kb is not None:
                self._kbs.move_to_end(key)
                return kb
        kb = Knowledge([self.library.records(d) for d in docs])
        with self._lock:
            self._kbs[key] = kb
            while len(self._kbs) > KNOWLEDGE_KEPT:
                self._kbs.popitem(last=False)
        return kb

    def refresh(self) -> None:
        """Forget what was read (after an ingest or a deletion)."""
        self.library.refresh()
        with self._lock:
            self._kbs.clear()
            self._retriever = None

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, embedder: str | None = None, chroma_url: str | None = None, db_url: str | None = None, auto_ingest: bool = True, log=None) -> Assistant:
        """Open the store (ingesting the bundled disclosure into an empty one)."""
        quiet_third_parties()
        from ingest.store import Store

        store = Store(Settings.resolve(data_dir, embedder, chroma_url, db_url=db_url), log=log)
        return cls(store.load(auto_ingest=auto_ingest), store=store, log=log)

    # -- retrieval ------------------------------------------------------------------------------
    @property
    def retriever(self):
        """Hybrid BM25 + dense retrieval, built on first use (keyword-only without a store)."""
        with self._lock:
            if self._retriever is None:
                from assistant.retrieve.bm25 import BM25Retriever
                from assistant.retrieve.hybrid import Hybrid

                cache = self.store.dir / "jieba" if self.store else None
                bm25 = BM25Retriever(self.library, cache)
                self._retriever = Hybrid(bm25, self._dense if self.store else _unavailable, warn=lambda m: self.log(f"warning: {m}"))
            return self._retriever

    def warm_up(self) -> None:
        """Build both retrievers now (BM25 with jieba, the embedder) rather than during the first
        question that searches passages; ``serve`` and ``chat`` run it in the background.
        What start-up built lives as long as the process: ``gc.freeze`` keeps the collector from
        walking it again on every collection."""
        import gc

        dense = self.retriever.dense()
        if dense is not None:
            dense.warm()
        gc.collect()
        gc.freeze()

    def _dense(self):
        from assistant.retrieve.dense import DenseRetriever

        return DenseRetriever(self.store, self.library)

    def langchain_retriever(self, k: int = 5):
        from assistant.retrieve.documents import PassageRetriever

        return PassageRetriever(hybrid=self.retriever, knowledge=self.kb, k=k)

    # -- answering ------------------------------------------------------------------------------
    def ask(self, question: str, session: Session | dict | str | None = None, *, docs: list[str] | None = None) -> Answer:
        """Answer ``question``; pass the previous answer's ``session`` for follow-ups.

        ``docs`` restricts the answer to those documents (a UI's document selector). A message of
        several questions ("收支总计多少？年初还有多少结转结余？") is also asked one question at a
        time, each with the session of the one before, and answered so when that answers more.
        """
        if isinstance(question, str) and (plain := simplified(question)) != question:
            answer = self.ask(plain, session, docs=docs)  # "財政局 人員經費…" is asked as "财政局 人员经费…"
            answer.question = question
            return answer
        if isinstance(question, str) and (framed := switched_frames(english_frames(question))) != question:
            answer = self.ask(framed, session, docs=docs)  # "And 文旅局 in 2025?" is asked as "那文旅局 in 2025呢？"
            answer.question = question
            return answer
        if isinstance(question, str) and (punctuated := spaced_as_punctuated(question)) != question:
            answer = self.ask(punctuated, session, docs=docs)  # "…2025 基本支出 项目支出 各多少" is asked as "…2025年基本支出、项目支出各多少"
            answer.question = question
            return answer
        if isinstance(question, str) and (listed := listed_under_topic(question)) != question:
            answer = self.ask(listed, session, docs=docs)  # "…的情况：A、B、C，请一并列出" is asked as "…的A、B、C分别是多少？"
            answer.question = question
            return answer
        started = time.perf_counter()
        answer = self._ask(question, session, docs=docs)
        parts = several_questions(question) if isinstance(question, str) else []
        if parts:
            each = self._each_asked(question, parts, session, docs, answer)
            if each is not None:
                each.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                return each
        again = self._last_asked_again(question, session, docs, answer)
        if again is not None:
            again.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
            return again
        against = self._against_the_last(question, _session(session), answer) if isinstance(question, str) and len(self.library.ids) > 1 else None
        if against is not None:
            against.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
            return against
        return answer

    def _last_asked_again(self, question, session, docs, answer: Answer) -> Answer | None:
        """"X呢？" after a question that leaned on the one before it ("…的年初预算和决算各多少？" →
        "完成年初预算的比例是多少？" → "城管执法呢？"): X is asked about as the conversation's subject
        was, and the leaning question is asked again of X — both answers in one. None unless that
        question, asked again, gives figures of its own (it did lean) and adds to the answer."""
        sess = _session(session)
        if not isinstance(question, str) or not OF_ANOTHER.search(question.strip()) or answer.kind in ("refusal", "clarification") or not answer.figures:
            return None
        asked = understand(question, self.lang)
        if asked.intents & {"reason", "rank_high", "rank_low"}:
            return None  # "…的主要原因呢？" asks why, of the subject under discussion, "X中最大的一项呢？" asks its own
        before = sess.last
        if before is not None and before.message and len(self.library.ids) > 1 and route(asked, self.library, None).named:
            return self._message_elsewhere(question, before, docs, answer, sess)
        if before is not None and before.message:
            return self._message_asked_again(question, before, docs, answer, sess)
        if before is not None and ((len(before.figure_ids) >= 2 and before.kind == "figure" and before.intent in ("table_lookup", "figure"))
                                   or (before.figure_ids and before.intent == "reason")
                                   or (len(before.figure_ids) >= 2 and before.intent == "table_calculation" and len(several_questions(before.question) or _asks(before.question)) >= 2)) \
                and not OF_ANOTHER.search(before.question.strip()):  # ("X是多少，占比多少？" → "那Y呢？": both asks, of Y)
            # "城管执法的年初预算和支出决算各是多少？" → "那行政运行呢？": that question of 行政运行
            again = self._message_asked_again(question, before.model_copy(update={"message": before.question}), docs, answer, sess)
            if again is not None:
                return again
        if len(sess.turns) < 2:
            return None
        if OTHER_NAMED.search(before.question) and len(before.question) <= ELLIPTICAL and self.library.names_found(question):
            return None  # "乙街道呢？" after "涉及的预算金额呢？": asked elsewhere as the figure it was answered with
        again = self._ask(before.question, answer.session, docs=docs)
        ids = {f.record_id for f in again.figures if f.record_id}
        firsts = [f.record_id for f in again.figures if f.record_id][:1]
        if again.kind in ("refusal", "clarification") or again.kind != before.kind or not ids or ids <= set(before.figure_ids) or set(firsts) & set(before.figure_ids[:1]):
            return None  # asked again, it answers as before (its first figure the same): it named its own subject
        if not _values(again) - _values(answer):
            return None
        return _together(question, [answer, again])

    def _message_elsewhere(self, question: str, before, docs, answer: Answer, sess: Session) -> Answer | None:
        """"文旅局呢？" after a message of several asks about another department ("…有多少个，平均得分
        多少？"): the whole message asked of the department now named — when it answers with the
        figures already found and more."""
        if getattr(_ASKING, "moved", False):
            return None  # the message asked again is itself "X呢？…": asked once, not again of itself
        q = understand(question, self.lang)
        whole = Session(turns=[*sess.turns[:-1], before.model_copy(update={"question": before.message, "message": None})])
        moved = self._same_question_elsewhere(q, route(q, self.library, None), whole)
        if moved is None:
            return None
        _ASKING.moved = True  # (per thread: the chat app answers several people at once)
        try:
            again = self.ask(moved[0].text, sess, docs=docs)
        finally:
            _ASKING.moved = False
        found = _values(again, units=True)
        if again.kind in ("refusal", "clarification") or not _values(answer, units=True) <= found or len(found) <= len(_values(answer, units=True)):
            return None
        again.question = question
        return again

    def _message_asked_again(self, question: str, before, docs, answer: Answer, sess: Session, asked_in: Session | None = None) -> Answer | None:
        """"事业单位医疗呢？" after a message of several asks about one subject ("行政单位医疗年初预算多少，
        最后花了多少？"): that message asked again with X in place of its subject — when it answers
        with the figure already found for X and more."""
        other = OTHER_NAMED.sub("", question.strip())
        kb = self.knowledge([before.doc] if before.doc else self.library.ids)
        named = [kb.figure_by_id[i] for i in before.figure_ids if i in kb.figure_by_id]
        names = [before.subject or "", *(f.subject for f in named)]
        # a column of a total row ("本年支出合计中项目支出是多少"): the column is what was asked about
        columns = [fold(c) for e, c in turn_cells(kb, before) if fold(e.row.name) in GENERIC_TOTALS]
        names += columns
        folded_names = [re.sub(r"^[\d\s]+", "", fold(n)) for n in names]
        subject = next((s for s in folded_names if len(s) >= 2 and s in fold(before.message)), None)
        if subject is None:
            # "…Z（项）预算和决算各多少？" answered by "X（类）Y（款）Z（项）": the last level named
            lasts = [piece for n in folded_names if (pieces := [p for p in re.split(r"(?<=[)）])", n) if p]) for piece in (pieces[-1], re.sub(r"[(（][类款项][)）]$", "", pieces[-1]))]
            subject = next((s for s in lasts if len(s) >= 2 and s in fold(before.message)), None)
        own = 1  # the message's turns: its last, and each ask of it before
        while own < len(sess.turns) and (t := sess.turns[-own - 1]).question and t.question in before.message and t.message in (None, before.message):
            own += 1
        if subject is None and len(sess.turns) > own and sess.turns[-own - 1].question and (BEFORE_IT.search(before.message) or LEANING.match(before.message)) \
                and not getattr(_ASKING, "chained", False):
            # "两者差多少？为什么…？" leaned on "X的年初预算和决算各是多少？": both asked again of the
            # subject named now, as one message
            earlier = sess.turns[-own - 1]
            _ASKING.chained = True
            try:
                return self._message_asked_again(question, earlier.model_copy(update={"message": f"{earlier.message or earlier.question}{before.message}"}), docs, answer, sess,
                                                 asked_in=Session(turns=sess.turns[: -own - 1]))  # (asked where "两者" cannot reach the old subject)
            finally:
                _ASKING.chained = False
        put = other
        if subject is None and len(fold(before.message)) <= SHORT_MESSAGE and not re.search(r"\d", before.message):
            # "接待了几批、多少人次？" (of 公务接待) then "其中外宾呢？": the message names its subject by its
            # last words (接待), and X goes after them ("接待外宾了几批、多少人次")
            tail = max((n[-k:] for n in folded_names for k in range(len(n) - 1, 1, -1) if n[-k:] in fold(before.message)), key=len, default=None)
            other = re.sub(r"^其中", "", other)
            subject, put = (tail, tail + other) if tail else (None, other)
        if subject is None or len(other) < 2 or other in subject or understand(other, self.lang).orgs or (_only_columns(other) and subject not in columns):
            return None  # (a department named is the same question asked elsewhere, a column another column of the same subject)
        message = before.message if subject in before.message else fold(before.message)
        message = re.sub(r"(?<!\d)\d{3}(?:\s?\d{2}){0,2}\s*(?=" + re.escape(subject) + ")", "", message, count=1)  # the code was the old subject's
        if re.search(r"[(（][类款项][)）]$", other):  # "行政运行（项）" for "城管执法（项）": the level once
            message = re.sub(re.escape(subject) + r"\s*[(（][类款项][)）]", subject, message)
        again = self.ask(message.replace(subject, put, 1), asked_in or sess, docs=docs)  # one turn for the message, as asked again
        if asked_in is not None and again.session is not None:
            again.session = Session(turns=[*sess.turns, *again.session.turns[len(asked_in.turns):]])
        found = _values(again, units=True)
        if again.kind in ("refusal", "clarification"):
            return None
        grew = _values(answer, units=True) <= found and len(found) > len(answer.figures)
        # (asked again with the subject leaned on, the answer to X alone may have been of something else)
        chained = asked_in is not None and len(found) >= 2 and fold(re.sub(r"[(（][类款项][)）]$", "", put)) in fold(again.answer)
        if not (grew or chained):
            return None
        again.question = question
        return again

    def _read_as_written(self, ctx: Ctx, refused: Answer) -> Answer:
        """A refused question with a word no document contains but one word of them nearly is
        ("邮点费"): asked again with that word, and answered so — saying how it was read — when
        that is answered; else the refusal."""
        typo = ctx.kb.typo(ctx.q.folded)
        if typo is None or "、" in ctx.q.content:
            return refused  # a list of things asked ("组织、宣传、统战三块工作经费") is not one mistyped word
        written, meant = typo
        if (set(written) ^ set(meant)) & set("有无没不非未"):
            return refused  # "年初有预算" is no typo of "年初无预算": a negation is never read into a question
        q = understand(ctx.q.text.replace(written, meant) if written in ctx.q.text else ctx.q.folded.replace(written, meant), self.lang)
        again = plan(ctx.with_query(q))
        if again.kind in ("refusal", "clarification"):
            return refused
        again.notes = [*again.notes, ctx.t("prompt", "read_as", written=written, meant=meant)]
        return again

    def _each_asked(self, question: str, parts: list[str], session, docs, whole: Answer) -> Answer | None:
        """The answers to each of ``parts`` as one answer, or None when one of them is refused or
        asks back, two need calculations of their own, or together they state no more figures than
        the answer to the whole message."""
        answers, sess, before = [], session, session
        ends = _sentence_ends(question)
        parts = _department_shared(parts, self.lang)
        for i, part in enumerate(parts):
            previous = sess
            if i and not parts[i - 1].endswith(("？", "?")) and i - 1 not in ends:
                sess = before  # asks of one sentence ("接待了几批、多少人次") lean on what came before it, not on each other
            before = sess
            a = self._ask(part, previous if i and sess is not previous and BEFORE_IT.search(part) else sess, docs=docs)
            if OF_ANOTHER.search(part):
                a = self._last_asked_again(part, sess, docs, a) or a  # "公用经费呢？是多少，占多少？": as a message of its own
            if a.kind in ("refusal", "clarification") and sess is not previous:
                a = self._ask(part, previous, docs=docs)  # "…涉及预算金额和平均得分": unless only the ask before it tells which
            if i and sess is not previous and a.figures and _values(a, units=True) <= self._turn_values(_session(sess).last, docs):
                a = self._ask(part, previous, docs=docs)  # it only repeated the turn before the message: the ask before it tells which
            answers.append(a)
            sess = a.session
        stated = _values(whole, units=True)  # (0 万元 and 0 个 are two figures)
        weak = whole.kind in ("refusal", "clarification") or whole.intent == "change_unstated"  # the whole message's answer says it cannot
        answered = [a for a in answers if a.kind not in ("refusal", "clarification")]
        if answered and len(answered) < len(answers):
            found = set().union(*(_values(a, units=True) for a in answered))
            if not weak and not (stated <= found and len(found) > len(stated)):
                return None
            refused = [p for p, a in zip(parts, answers) if a not in answered]
            given = {to_decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", question)}
            news = [f for a in answered for f in a.figures if to_decimal(f.value) not in given]  # (not the amounts the message itself states)
            # (a comparison or calculation left unanswered is not something the document is silent on)
            computed_ask = any(understand(p, self.lang).intents & {"difference", "ratio", "sum", "share", "rank_high", "rank_low"} or COMPARED_WITH.match(p) for p in refused)
            if whole.kind == "refusal" and news and not computed_ask and all(a.kind == "refusal" for a in answers if a not in answered) and not any(re.search(r"\d", p) for p in refused):
                # "预算呢，为啥一分没花": the asks the document answers, answered; the one it is silent on said so
                said = [a if a in answered else a.model_copy(update={"answer": self.lang.templates.render("refusal", "part_silent", ask=part.rstrip("？?。 ")),
                                                                       "figures": [], "citations": []})
                        for part, a in zip(parts, answers)]
                together = _together(question, said, asks=True)
                together.kind = next(a.kind for a in said if a in answered)
                return together
            if whole.kind in ("refusal", "clarification"):
                return None
            answers = answered  # an ask the others' answers already cover ("总共多少？A、B、C分别是多少": its 其中 list)
        if any(a.kind in ("refusal", "clarification") for a in answers):
            return None
        if _same_calculation(answers):
            if not weak:
                return None
            # "其中工程占了多少？比例是多少？": both asks answered by one calculation, which the
            # whole message could not give; once is enough
            done, once = set(), []
            for a in answers:
                key = (a.calculation.expression, a.calculation.result) if a.calculation is not None else None
                if key is None or key not in done:
                    once.append(a)
                done.add(key)
            answers = once
        shown: set = set()
        kept = []
        understood = [understand(p, self.lang) for p in parts]
        # "…加起来是多少？哪家最大？": a ranking adds which one is first, whatever figures it repeats;
        # "…用在哪？": what the money was for, as the narrative says it
        purpose_said = self.lang.templates.render("figure", "used_for", label="", purpose="").strip("：:。")
        ranked = [bool(q.intents & {"rank_high", "rank_low"}) and bool(RANK_SAID.search(a.answer)) for q, a in zip(understood, answers)]
        purpose_text = self.lang.templates.render("reason", "purpose", purpose="").split("：")[0]  # "文件说明这笔钱主要用于"

        def said_purpose(text: str) -> bool:
            return purpose_said in text or purpose_text in text

        told = self.lang.templates.render("figure", "count_in_words", quote="").split("，")[0]  # "文件没有用数字单列这个数目"
        with_purpose = [said_purpose(a.answer) or told in a.answer for a in answers]  # (or a count the document tells in words)
        purposed = [p and not said_purpose(whole.answer) for p in with_purpose]  # (a purpose the whole message's answer gives is no reason to answer apart)
        for i, a in enumerate(answers):  # an ask whose figures an earlier one already gave adds nothing
            own = _values(a, units=True)
            adds_words = a.intent == "reason" or ranked[i] or with_purpose[i]
            if not own or not own <= shown or adds_words:  # a reason, a ranking or a purpose adds its words
                kept.append(a)
            shown |= own
        words_apart = not RANK_SAID.search(whole.answer) and len(kept) == len(answers) == len(parts) and any(r or p for r, p in zip(ranked, purposed))
        answers = kept
        found = set().union(*(_values(a, units=True) for a in answers))
        each_answered = all(a.figures for a in answers) and len(found) >= len(parts)
        on_topic = self._about_the_last(session, answers) and not self._about_the_last(session, [whole])  # "年初有预算吗？为什么…" after an item's spending
        # "其中X呢？占多少？" in a conversation: the later asks name nothing of their own — each is
        # asked of the answer before it, as two messages would be
        later = understood[1:]
        leaning = len(answers) == len(parts) and each_answered and _session(session).last is not None and parts[0].endswith(("？", "?")) \
            and bool(re.match(r"^(那么?|其中)|.*呢[？?]?$", parts[0])) and all(not q.content and q.intents for q in later)
        # "X包括哪几样？X花了多少？": a definition and a figure, none of which the whole message's answer gives
        apart = len(answers) == len(parts) and any(a.kind == "text" for a in answers) and bool(found) and (
            not stated & found or (whole.kind != "text" and any(a.intent == "definition" for a in answers)))
        # "…各花了多少，两项加起来多少": a calculation asked, which the whole message's answer does not make
        # (on the figures the asks before it gave: not on others a part found by itself)
        computed = whole.calculation is None and each_answered and any(
            a.calculation is not None and a.calculation.operands and i
            and {(to_decimal(o.value), o.unit) for o in a.calculation.operands} <= set().union(*(_values(b, units=True) for b in answers[:i]))
            for i, a in enumerate(answers))
        # "三公经费预算多少、实际花多少？公车和招待各多少？": an ask none of whose figures the whole message's answer gives
        missed = each_answered and len(answers) == len(parts) and not _result_lost(whole, answers, found) and any(not (_values(a, units=True) & stated) for a in answers) \
            and all(self._rows_named(q.folded, a, docs) for q, a in zip(understood, answers) if not _values(a, units=True) & stated)
        # "执行率多少？未执行部分涉及哪些调整？": a reason asked, which the whole message's answer does not give
        reason_apart = len(answers) == len(parts) and whole.intent != "reason" and any(a.intent == "reason" and a.kind != "refusal" for a in answers)
        # "X是多少，占Y多少？": a share asked, which the whole message's answer does not give
        share_apart = len(answers) == len(parts) and not any(f.unit == "%" for f in whole.figures) \
            and any("share" in q.intents and any(f.unit == "%" for f in a.figures) for q, a in zip(understood, answers))
        # "X是多少，占Y多少？" answered as a whole by the share alone: the amount asked, which its words do not say
        said = whole.answer.replace(",", "")
        unsaid = each_answered and whole.intent == "share" and whole.calculation is None and any(
            f.unit in ("万元", "元", "亿元") and not f.derived and f.value not in said for a in answers for f in a.figures[:1])
        if not weak and not on_topic and not apart and not leaning and not words_apart and not computed and not missed and not reason_apart and not share_apart and not unsaid \
                and not (stated <= found and len(found) > len(stated)) \
                and not (each_answered and len(found) > len(stated) and not _result_lost(whole, answers, found)):
            return None  # the whole message's answer says more (each ask answered, and more figures, wins)
        return _together(question, answers, asks=True)

    def _rows_named(self, text: str, answer: Answer, docs) -> bool:
        """Every table row ``answer`` gives a cell of is one a part's words (``text``, folded, as the
        aliases read it: "公车" is 公务用车) name — its own subject, not a table's totals found for a
        part that named only columns."""
        kb = self.knowledge(docs or ([answer.figures[0].doc] if answer.figures and answer.figures[0].doc else self.library.ids))
        rows = {(f.record_id or "").partition("#")[0] for f in answer.figures if "#" in (f.record_id or "")}
        if not rows:
            return True
        named = {h.entry.key for h in kb.rows.match(text, read_asked(text)) if h.how != "partial"}
        return all(kb.rows.by_id[r].key in named for r in rows if r in kb.rows.by_id)

    def _turn_values(self, turn, docs) -> set:
        """The (value, unit) of each figure a turn gave: its narrative figures and its table cells."""
        if turn is None:
            return set()
        kb = self.knowledge(docs or ([turn.doc] if turn.doc else self.library.ids))
        out = set()
        for i in turn.figure_ids:
            f = kb.figure_by_id.get(i)
            if f is not None:
                out.add((f.value, f.unit))
        for e, column in turn_cells(kb, turn):
            a = e.row.amount(column)
            if a is not None and a.value is not None:
                out.add((a.value, e.table.unit))
        return out

    def _added_up(self, together: Answer, each: list[Answer]) -> None:
        """Each department's answer gave one figure in one unit: their total, by the calculator, first."""
        firsts = [_first_stated(a) for a in each]
        if any(f is None for f in firsts) or len({f.unit for f in firsts}) != 1 or together.calculation is not None:
            return
        expression = " + ".join(f.value for f in firsts)
        places = max(len(f.value.partition(".")[2]) for f in firsts)
        try:
            result = run(expression, places)["result"]
        except CalculationError:
            return
        unit = firsts[0].unit
        label = re.sub(r"^.*?[：:]", "", firsts[0].subject)
        text = self.lang.templates.render("across", "total", label=label, result=f"{result} {unit}", expression=expression).removesuffix("各部门：")
        together.answer = text + "\n" + together.answer
        together.calculation = Calculation(expression=expression, result=result, unit=unit, operands=firsts)
        together.figures.insert(0, FigureRef(subject=f"{label}合计", value=result, unit=unit, doc=firsts[0].doc, basis="计算", derived=True))
        together.kind = "calculation"

    def _set_against(self, together: Answer, each: list[Answer]) -> None:
        """Two departments' answers, each headed by one figure in one unit (stated, or derived with its
        calculation shown): the larger less the smaller, by the calculator, first."""
        heads = [a.figures[0] if a.figures and a.kind != "refusal" else None for a in each]
        if None in heads or heads[0].unit != heads[1].unit:
            return
        labels = [self._label(h.doc) + ("（上年，推算）" if h.basis == "上年（推算）" else "") for h in heads]
        (big, big_label), (small, small_label) = sorted(zip(heads, labels), key=lambda h: -to_decimal(h[0].value))
        expression = f"{big.value} − {small.value}"
        try:
            result = run(expression, 2)["result"]
        except CalculationError:
            return
        text = self.lang.templates.render("across", "difference", first=big_label, second=small_label, result=f"{result} {big.unit}", expression=expression)
        together.answer = text + "\n" + together.answer
        together.calculation = Calculation(expression=expression, result=result, unit=big.unit, operands=[big, small])
        together.figures.insert(0, FigureRef(subject=f"{big_label}与{small_label}之差", value=result, unit=big.unit, doc=big.doc, basis="计算", derived=True))
        together.kind = "calculation"

    def _about_the_last(self, session, answers: list[Answer]) -> bool:
        """Whether every answer's figures are about the subject of the conversation's last turn."""
        last = _session(session).last
        if last is None or not last.subject:
            return False
        subject = fold(last.subject)
        return all(a.figures and any(subject in fold(f.subject) for f in a.figures) for a in answers)

    def _ask(self, question: str, session: Session | dict | str | None = None, *, docs: list[str] | None = None) -> Answer:
        started = time.perf_counter()
        sess = _session(session)
        question = without_surrogates(question if isinstance(question, str) else str(question or ""))
        q = understand(question, self.lang)
        last = sess.last
        if last is not None and last.intent == "definition" and last.subject and (this := THIS_TERM.search(q.folded)):
            # "…是什么意思？" then "这部分有多少？": the term just defined
            q = understand(q.folded[: this.start()] + fold(last.subject) + q.folded[this.end() :], self.lang)
        elif last is not None and last.intent == "definition" and last.subject and not re.sub(r"^(?:支出|花费|开支|金额)$", "", NAMELESS.sub("", q.content)) \
                and (q.intents - {"definition"} | set(q.units) or re.search(r"多少|几", q.folded)):
            q = understand(fold(last.subject) + q.folded, self.lang)  # "…是指哪几样？今年一共花了多少": the term just defined
        elif last is not None and last.intent == "definition" and last.subject and q.orgs and not without(NAMELESS.sub("", q.content), q.orgs) \
                and not q.intents and (at := ORG_THEN_YEAR.search(q.folded)) is not None:
            # "…是什么意思？某局2024年是多少？": the term just defined, of that department
            q = understand(f"{q.folded[: at.end()]}的{fold(last.subject)}{q.folded[at.end():]}", self.lang)
        elif last is not None and last.subject and last.kind == "figure" and (this := (THIS_CLASS if re.search(r"[(（]类[)）]$", last.subject) else THIS_ITEM).search(q.folded)) \
                and (this.start() > 0 or this.re is THIS_CLASS) and not re.search(r"\d", q.folded[: this.start()]):
            # "情况说明里这一项的决算数和表里一致吗？" after a row: the row's name for the pronoun inside
            q = understand(q.folded[: this.start()] + ORDINAL.sub("", fold(last.subject)) + q.folded[this.end() :], self.lang)
        if (said := EARLIER_TURN.search(q.folded)) is not None and sess.turns:
            # "刚才第一个数占…百分之几", "刚才那个数年初预算是多少": the subject of the turn meant, in its place
            meant = sess.turns[0] if said.group("first") else last
            named = ORDINAL.sub("", fold(self._turn_subject(meant) or ""))
            if named:
                q = understand(q.folded[: said.start()] + named + q.folded[said.end() :], self.lang)
                if meant is not last:
                    sess = Session(turns=[*sess.turns, meant])  # the conversation goes on from the turn meant
        if last is not None and last.intent == "table_children" and last.subject and (it := IT_FIRST.match(q.folded)) and it.group(2):
            # "它占本年支出合计的比例是多少？" after the rows under a row were listed: that row
            whole = ORDINAL.sub("", fold(last.subject))
            q = understand(q.folded[: it.start(2)] + whole + q.folded[it.end(2) :], self.lang)
        known = self.library.ids
        each_table = self._in_the_two_tables(q, sess)
        if each_table is not None:
            return each_table
        combined = self._results_compared(q, sess) or self._across_pair_combined(q, sess, started) or self._previous_two_combined(q, sess, started) or self._previous_two_shares(q, sess, started) \
            or self._previous_two_each(q, sess, started)
        if combined is not None:
            return combined
        scope = None
        routed = not docs  # the caller did not choose the documents (a UI's selector): the question was routed
        if docs:
            docs = [d for d in docs if d in known] or known
        else:
            scope = route(q, self.library, sess.last.doc if sess.last else None)
            again = self._compared_with_the_last(q, scope, sess) or self._same_question_elsewhere(q, scope, sess) or self._added_to_the_last(q, scope, sess) \
                or self._which_of_the_last(q, scope, sess) or self._former_and_latter(q, scope, sess)
            if again is not None:
                q, scope = again
            elif (onward := self._with_the_last_departments(q, scope, sess)) is not None:
                if isinstance(onward, Answer):
                    onward.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                    return onward
                scope = onward
                subject = self._turn_subject(sess.last) if sess.last is not None else None
                if subject and _measure_only(re.sub(r"各自|各|自|谁|哪家|哪个|[大小高低快]|降幅|增幅|涨幅|跌幅|上一?年|去年", "", q.content)):
                    q = understand(f"{fold(subject)}{q.text}", self.lang)  # "跟各自上一年比 降幅谁大": of the subject under discussion
            docs = scope.docs
        if scope is not None and scope.across and not scope.named and _names_unknown(q, self.library):
            scope.across = False  # "甲区教育局…": a department no document is about is refused, not replaced by the place's
        named_infos = [i for i in (self._info(d) for d in (scope.named if scope is not None else [])) if i is not None]
        named_years = [i.year for i in named_infos if i.year]
        # (any department whose document is of the year after the one asked: its last year, derived)
        year_before = bool(q.years) and len(named_years) >= 2 and (all(y - 1 in q.years for y in named_years)
                                                                   or any(y not in q.years and y - 1 in q.years for y in named_years))
        derived = bool(DERIVED.search(q.folded))  # "根据变动数据推算…2024年度的X": last year's X, not its change
        if scope is not None and scope.across and (year_before or "last_year" in q.intents) and ("change" not in q.intents or derived) and len(scope.named) >= 2:
            scope.across = False  # "甲局和乙街道2024年度的…分别是多少": each department's last year, derived in its own document
        if scope is not None and scope.across and not q.is_empty:
            years = {i.year for i in (self._info(d) for d in docs) if i is not None and i.year}
            if "future" in q.intents or (years and q.years and min(q.years) > max(years)):  # "这四个部门2026年的预算", "…下一年度的预算": after every document's year
                kb = self.knowledge(docs[:LISTED])
                ctx = Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=docs[:LISTED], retriever=_LazyRetriever(self, kb))
                refused = refusal(ctx, "future")
                refused.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                return refused
            if q.years and scope.named:
                # "甲局和乙街道2023年度的…" with their 2025 documents: a year none of them covers
                kb = self.knowledge(docs[:LISTED])
                uncovered = year_uncovered(Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=docs[:LISTED], retriever=_LazyRetriever(self, kb)))
                if uncovered is not None:
                    uncovered.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                    return uncovered
            if q.years and scope.named and (info := self._named_with_another_year(q, scope)) is not None:
                # "甲局2025年的…和乙局2025年比" with 甲局's 2023 document only: not 甲局's 2023 figures
                kb = self.knowledge(docs[:LISTED])
                ctx = Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=docs[:LISTED], retriever=_LazyRetriever(self, kb))
                refused = refusal(ctx, "year_of_department", department=info.department, doc_year=info.year)
                refused.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                return refused
            sample = self.knowledge(docs[:1])  # the handler reads the others one by one (ctx.kb_of)
            ctx = Ctx(kb=sample, lang=self.lang, q=q, session=sess, docs=docs, retriever=_LazyRetriever(self, sample), knowledge=self.knowledge)
            answer = across.answer(ctx, self.library)
            if answer is not None and "share" in q.intents and not any(f.unit == "%" for f in answer.figures) and scope is not None and 2 <= len(scope.named) <= LISTED:
                answer = None  # "甲局和乙街道…中人员经费的占比各是多少": a share each, which the list of amounts does not give
            if answer is not None and BUDGET_GAP_ASKED.search(q.folded) and EACH_ONE.search(q.folded) and scope is not None and 2 <= len(scope.named) <= LISTED:
                answer = None  # "甲局和乙街道的…是不是都超了预算", "分别计算…年初预算未执行的金额": each one's budget against its spending
            if answer is not None:
                answer = claims_checked(ctx, answer)
                answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                return answer
        if len(docs) > LISTED and not q.is_empty:
            return self._name_a_document(q, sess, docs, started)
        kb = self.knowledge(docs)
        ctx = Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=docs, retriever=_LazyRetriever(self, kb), knowledge=self.knowledge)
        if len(docs) > 1 and not q.is_empty:
            refused = out_of_scope(ctx)  # a department or year no document covers: say so, do not ask which
            if refused is not None:
                refused.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                return refused
            if scope is not None and 2 <= len(scope.named) <= LISTED and len({i.department for i in named_infos}) == len(scope.named):  # not one department's years
                # "甲局和乙街道各有多少在编人员？": each department named, asked on its own
                each = [self._labelled(self._ask(self._of_one(q, d, scope.named), session, docs=[d]), d) for d in sorted(scope.named, key=lambda d: across.position(q, self.library, d))]  # as named
                together = _together(question, each)
                together.kind = "refusal" if all(a.kind == "refusal" for a in each) else together.kind
                if ADDED_ASKED.search(q.folded):
                    self._added_up(together, each)  # "这四家…加起来一共有多少台（套）"
                elif COMPARED_ASKED.search(q.folded) and len(each) == 2:
                    self._set_against(together, each)  # "甲局2024年和乙局2024年的…比一比"
                together.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                return together
            if scope is not None and scope.across and not scope.named and len(docs) <= SILENT_CHECKED:
                # "四个部门中哪个部门年末政府债务余额最高？" and nothing found across them: when no
                # document states it, say so for each — no need to ask which one
                each = [self._labelled(self._ask(question, Session(), docs=[d]), d) for d in docs]
                if all(a.kind == "refusal" for a in each):
                    refused = _together(question, each)
                    refused.kind = "refusal"
                    refused.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                    return refused
            return self._which_document(ctx, started)
        if q.truncated:
            ctx.notes.append(ctx.t("prompt", "truncated"))
        if q.injection:
            ctx.notes.append(ctx.t("prompt", "injection"))
        if len(docs) == 1 and q.orgs:
            # "财政局单价100万以上的设备": the department the document is about names no figure
            own = " ".join(without_departments(q, [kb.doc(docs[0]).info], q.content).split())
            if len(re.sub(r"[\s，。、]", "", own)) >= 2:
                q.content = own
        answer = plan(ctx)
        answer.citations = unique_citations(answer.citations)  # a sentence stating both operands is cited once
        if answer.kind == "refusal" and answer.intent == "refusal":  # "the document does not say", nothing more specific
            answer = self._read_as_written(ctx, answer)
        if answer.kind == "refusal" and any(kb.doc(d).info.cut_off for d in docs) and out_of_scope(ctx) is None:
            ctx.notes.append(ctx.t("prompt", "incomplete"))  # a file ingested cut off: the missing part may say it
        answer.notes = list(dict.fromkeys(answer.notes + ctx.notes))
        if len(known) > 1 and len(docs) == 1 and routed and answer.kind != "clarification":
            answer = self._labelled(answer, docs[0])  # the question went to one of several documents: say whose
        if answer.notes and answer.kind != "clarification":
            answer.answer = answer.answer + "\n" + "\n".join(f"（{n}）" for n in answer.notes)
        answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def _results_compared(self, q, sess: Session) -> Answer | None:
        """"哪家差额更大，大多少？" after a result worked out for each of two departments."""
        last = sess.last
        if last is None or len(last.calculations) != 2 or not all(c.operands for c in last.calculations):
            return None
        docs = list(dict.fromkeys(c.operands[0].doc for c in last.calculations))
        kb = self.knowledge(docs)
        return chained.compared_results(Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=docs))

    def _previous_two_combined(self, q, sess: Session, started: float) -> Answer | None:
        """"两个加起来多少？", "差多少？" after two answers: their headline figures, each asked again
        on its own (the turns keep the question as it was understood), added, subtracted or divided
        by the calculator, both cited. None unless the question asks nothing else."""
        wanted = q.intents & {"sum", "difference", "ratio"}
        if len(sess.turns) < 2 or not wanted or "reason" in q.intents or BUDGET_GAP_ASKED.search(q.folded):
            return None  # ("为什么超了？": why, not how much; "比预算少多少？": against its own budget)
        if re.sub(PAIR_WORDS, "", q.content):
            return None
        if one_subject_twice(self.knowledge([sess.last.doc] if sess.last.doc else self.library.ids), sess.last):
            return None  # "X的年初预算和决算各多少？" → "两者差多少？": those two of X, not the two turns
        firsts = []
        for turn in sess.turns[-2:]:
            again = self.ask(turn.question)
            head = _first_stated(again)
            if head is None or not again.citations or (turn.figure_ids and head.record_id not in turn.figure_ids):
                # asked on its own it finds another figure (the turn leaned on the one before: "那第二大的呢？"):
                # the figures the conversation's last two subjects were given, of one document
                firsts = self._last_two_heads(q, sess)
                break
            firsts.append((head, again.citations[0]))
        if not firsts or (firsts[0][0].record_id and firsts[0][0].record_id == firsts[1][0].record_id):
            return None  # one figure twice is not two
        return self._combined(q, sess, firsts, wanted, started)

    def _in_the_two_tables(self, q, sess: Session) -> Answer | None:
        """"这两张表的年初结转和结余分别是多少？" after a figure of one table and then of another: the row
        asked of each of the two tables, answered together."""
        m = BOTH_TABLES.match(q.folded)
        if m is None or not sess.turns:
            return None
        doc = sess.turns[-1].doc
        tables = {e.table.id: e.table for e in self.knowledge([doc]).rows.entries} if doc else {}
        named = list(dict.fromkeys(t.table_id for t in reversed(sess.turns[-3:]) if t.doc == doc and t.table_id in tables))
        if len(named) != 2:
            return None
        rest = m.group("rest")

        def row_in(table) -> str:
            """The row of ``table`` the words name, however it words them ("年初结转和结余" of 年初财政拨款结转和结余)."""
            names = [fold(r.name) for r in table.rows]
            if rest in names:
                return rest
            alike = [n for n in names if in_order(rest, n)]
            return alike[0] if len(alike) == 1 else rest

        answers = [self._ask(f"{tables[i].label}的{row_in(tables[i])}是多少？", sess, docs=[doc]) for i in reversed(named)]
        if any(a.kind in ("refusal", "clarification") or not a.figures for a in answers):
            return None
        return _together(q.text, answers)

    def _last_two_heads(self, q, sess: Session) -> list:
        """The first figure (a narrative's, or a table cell) of each of the last two turns about
        different subjects, with its citation; empty unless both are found."""
        from assistant.handlers import statements

        heads, seen = [], set()
        for turn in reversed(sess.turns[-4:]):
            if not turn.figure_ids or turn.figure_ids[0] in seen or not turn.doc or turn.doc != sess.turns[-1].doc:
                continue
            seen.add(turn.figure_ids[0])
            kb = self.knowledge([turn.doc])
            f, cell = statements.first_given(kb, turn)
            if f is not None:
                heads.append((kb.ref(f), kb.cite_figure(f)))
            else:
                if cell is None or cell.amount.value is None:
                    return []
                ctx = Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=[turn.doc])
                heads.append((statements.ref(ctx, cell), statements.cite_row(ctx, cell.entry, [cell.amount])))
            if len(heads) == 2:
                if any("预算" in (r.basis or "") or "预算" in (r.subject or "") for r, _ in heads):
                    return []  # a subject's spending and its budget: set against each other by the plan, its stated rate beside
                return heads[::-1]
        return []

    def _across_pair_combined(self, q, sess: Session, started: float) -> Answer | None:
        """"两家差多少？" after one answer giving the same figure of two departments: those two
        figures, as the answer stated them, added, subtracted or divided."""
        last = sess.last
        wanted = q.intents & {"sum", "difference", "ratio"}
        if last is None or last.intent != "across" or not wanted or re.sub(PAIR_WORDS, "", q.content):
            return None
        again = self.ask(last.question)  # (it names its departments)
        given = [f for f in again.figures if not f.derived and f.doc]
        docs = list(dict.fromkeys(f.doc for f in given))
        if len(docs) != 2 or len(given) != 2:
            return None
        firsts = []
        for f in given:
            cite = next((c for c in again.citations if c.doc == f.doc), None)
            if cite is None:
                return None
            firsts.append((f, cite))
        return self._combined(q, sess, firsts, wanted, started)

    def _previous_two_shares(self, q, sess: Session, started: float) -> Answer | None:
        """"两者各占本年支出合计多少？" after two answers: each headline figure's share of the whole
        named, each asked on its own in its document."""
        m = BOTH_SHARE.match(q.folded)
        if len(sess.turns) < 2 or m is None or len(m.group("whole")) < 2:
            return None
        each = []
        for turn in sess.turns[-2:]:
            again = self.ask(turn.question, docs=[turn.doc] if turn.doc else None)
            head = _first_stated(again)
            if head is None or (turn.figure_ids and head.record_id not in turn.figure_ids):
                return None  # asked on its own it finds another figure: the turn leaned on the one before
            share = self.ask(f"{head.subject}占{m.group('whole')}的比例是多少？", docs=[head.doc])
            if not any(f.unit == "%" for f in share.figures):
                return None
            each.append(share)
        together = _together(q.text, each)
        together.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return together

    def _previous_two_each(self, q, sess: Session, started: float) -> Answer | None:
        """"两家前一年各是多少" after the same figure of two departments, one turn each: the ask, of each
        turn's own figure in its own document."""
        m = BOTH_EACH.match(q.folded)
        if len(sess.turns) < 2 or m is None:
            return None
        firsts = [self._first_figure(turn) for turn in sess.turns[-2:]]
        if None in firsts or firsts[0].doc == firsts[1].doc:
            return None
        each = []
        for f in firsts:
            a = self.ask(f"{f.subject}{m.group('ask')}是多少？", docs=[f.doc])
            if a.kind in ("refusal", "clarification") or not a.figures:
                return None
            each.append(self._labelled(a, f.doc))  # each said of its department
        together = _together(q.text, each)
        together.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return together

    def _against_the_last(self, question: str, sess: Session, answer: Answer) -> Answer | None:
        """"它比某区某局2024年度的政府采购金额多多少？" after another department's figure: the
        figure under discussion against the one this question found, by the calculator."""
        head = _first_stated(answer)
        if sess.last is None or answer.kind != "figure" or head is None or not answer.citations or sess.last.doc in (None, head.doc):
            return None  # (checked before the question is read again: this runs after every answer)
        q = understand(question, self.lang)
        if "difference" not in q.intents or not IT_FIRST.match(q.folded):
            return None
        again = self.ask(sess.last.question)
        before = _first_stated(again)
        if before is None or not again.citations:
            return None
        return self._combined(q, sess, [(before, again.citations[0]), (head, answer.citations[0])], {"difference"}, time.perf_counter())

    def _combined(self, q, sess: Session, firsts: list, wanted: set[str], started: float) -> Answer | None:
        """Two headline figures (each with its citation) added, subtracted or divided."""
        (a, ca), (b, cb) = firsts
        if a.unit != b.unit:
            return None
        if a.doc != b.doc:  # the same subject of two departments: each named
            a, b = (f if f.subject.startswith(self._label(f.doc)) else f.model_copy(update={"subject": f"{self._label(f.doc)}{f.subject}"}) for f in (a, b))
            # each citation names its document, as with several documents in one answer
            ca, cb = (c.model_copy(update={"document": c.document or self._label(c.doc)}) for c in (ca, cb))
        from assistant.answer import Calculation, FigureRef
        from assistant.calculator import run
        from assistant.compose import qty
        from ingest.errors import CalculationError

        if "sum" in wanted:
            expression, description = f"{a.value} + {b.value}", f"{a.subject}与{b.subject}合计"
        elif "difference" in wanted and not ("ratio" in wanted and re.search(r"几倍|多少倍", q.folded)):  # ("相差几倍": a multiple)
            a, b = sorted([a, b], key=lambda f: -Decimal(f.value))
            expression, description = f"{a.value} − {b.value}", f"{a.subject}比{b.subject}多"
        else:
            expression, description = f"{a.value} / {b.value}", f"{a.subject}是{b.subject}的倍数"
        try:
            out = run(expression, 2)
        except CalculationError:
            return None
        unit = "倍" if " / " in expression else a.unit
        kb = self.knowledge([d for d in dict.fromkeys([ca.doc, cb.doc]) if d])
        ctx = Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=kb.doc_ids, retriever=_LazyRetriever(self, kb))
        result = FigureRef(subject=description, value=out["result"], unit=unit, doc=a.doc, basis="计算", derived=True)
        text = ctx.t("calculation", "result", description=description, expression=expression, result=qty(out["result"], unit))
        answer = ctx.answer("calculation", text, intent="combine_previous", figures=[result, a, b], citations=[ca, cb],
                            calculation=Calculation(expression=expression, result=out["result"], unit=unit, operands=[a, b]))
        answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def _info(self, doc: str | None):
        """A stored document's info, or None."""
        try:
            return self.library.info(doc) if doc else None
        except KeyError:
            return None

    def _labelled(self, answer: Answer, doc: str) -> Answer:
        """The answer saying whose document it is from, its citations naming the document as the UI
        does ("上海市…局 2024 年度")."""
        label = self._label(doc)
        if label and not answer.answer.startswith(label):
            answer.answer = f"{label}：{answer.answer}"
            named = self._label(doc, spaced=True)  # as the UI names a citation's document
            answer.citations = [c if c.document else c.model_copy(update={"document": named}) for c in answer.citations]
        return answer

    def _label(self, doc: str | None, *, spaced: bool = False) -> str:
        info = self._info(doc)
        return document_label(info, spaced=spaced) if info else ""

    def _same_question_elsewhere(self, q, scope, sess: Session):
        """"那乙街道呢？" after a question about another department: the previous question,
        asked of the department now named (its own department left out). None when the question
        says more than a department, or names the same one."""
        last = sess.last
        if last is None or not scope.named or last.doc in scope.docs or not last.question:
            return None
        infos = [i for i in (self._info(d) for d in scope.docs) if i is not None]
        rest = without_departments(q, infos, q.content)
        leftover = re.sub(r"[\s那么呢吧的了？?。，,、]+", "", re.sub(r"那边|这边|那里|这里|那儿|换成|换到|改成|改为|再看看?|看看|另一个|另外一个|另一家|另外|(?:的)?(?:部门|单位)", "", rest))
        if last.intent == "change":
            # "普陀区财政局2024年和2023年比呢？" after a change asked of another: the same change, its own years
            leftover = re.sub(r"(?:和|与|跟|同|较)?(?:上年|去年|上一年)?相?比较?|(?:19|20)?\d{2}\s*年度?", "", leftover)
        if leftover and not THIS_MEASURE.fullmatch(leftover):
            # it asks something of its own ("另一个…部门，甲局呢" asks nothing more); a measure
            # alone ("那甲局的完成比例呢？") is asked of the subject under discussion
            return self._measure_elsewhere(q, scope, last, leftover)
        said = last.question
        told = understand(said, self.lang)
        if _measure_only(told.content) and told.intents & {"change", "last_year", "share", "reason"} and (subject := self._subject_of(last) or self._turn_subject(last)):
            said = f"{subject}{said}"  # "比上年呢？" asked the change of the subject under discussion: that change, elsewhere
        elif OTHER_NAMED.search(said) and len(said) <= ELLIPTICAL and (subject := self._subject_of(last)):
            said = subject  # "涉及的预算金额呢？" was about the figure it was answered with
        elif _measure_only(understand(said, self.lang).content) and (subject := self._turn_subject(last)):
            said = f"{subject}{said}"  # "完成了年初预算的多少？" leaned on the subject before it
        previous = understand(said, self.lang)
        asked = " ".join(without_departments(previous, [i for i in map(self._info, [last.doc, *last.docs]) if i is not None]).split())  # (a turn that asked which document has none)
        mention = q.folded.replace(rest.strip(), "") if rest.strip() else q.folded
        mention = re.sub(r"^(那么?|还有|然后)|[呢吧？?。，,\s]+$", "", mention)
        if not asked or not mention:
            return None
        if re.search(r"(19|20)[0-9]{2}[ ]*年", mention):
            asked = re.sub(r"(19|20)[0-9]{2}[ ]*年度?", "", asked)  # "那乙局2025年呢？": the year named now, not the last one
        q2 = understand(f"{mention}{asked}", self.lang)
        scope2 = route(q2, self.library, None)
        years = {i.year for i in (self._info(d) for d in scope2.docs) if i is not None and i.year}
        before = self._info(last.doc)
        own_year = before is not None and set(q2.years) == {before.year} and not (years & set(q2.years))
        if q2.years and (own_year or not any(y in years or y + 1 in years for y in q2.years)):
            # the conversation's year was its document's own ("财政局2024年…" → "那文旅局呢？", whose
            # document is of 2025), or none of this department's: its own year
            q2 = understand(f"{mention}{re.sub(r'(19|20)[0-9]{2}[ ]*年度?', '', asked)}", self.lang)
            scope2 = route(q2, self.library, None)
        return q2, scope2

    def _with_the_last_departments(self, q, scope, sess: Session) -> Scope | Answer | None:
        """"涉及的预算金额呢？", "两家的基本支出相差多少？" after an answer about several departments,
        naming none: the conversation's departments. A comparison, total or ranking goes across
        them; anything else is each department's follow-up to its own part of that answer, one
        after another. None when the question names a department or place, or asks of every
        document ("所有部门…")."""
        last = sess.last
        if last is None or scope.named or scope.region or q.is_empty or EVERY_DOCUMENT.search(q.folded):
            return None
        counted = COUNTED_DEPARTMENTS.search(q.folded)
        n = _count(counted.group(1)) if counted else 2 if PAIR.search(q.folded) else 0
        if not n and (WHICH_ONE.match(q.folded) or re.search(r"各自|谁|哪家", q.folded)) and len(sess.turns) >= 2 and len({t.doc for t in sess.turns[-2:]} - {None}) == 2:
            n = 2  # "哪家…更高？", "跟各自上一年比 降幅谁大" after one department's answer and then another's: those two
        docs = [d for d in last.docs if d in self.library.ids]
        if not docs and n >= 2:  # "两家的…相差多少" after one department's answer and another's: the last two
            recent = list(dict.fromkeys(d for t in reversed(sess.turns) for d in ([t.doc] if t.doc else t.docs) if d in self.library.ids))
            docs = recent[:n][::-1] if len(recent) >= n else []
        if len(docs) < 2 or (n and n != len(docs)):
            return None  # "四个部门中…" after two: not these
        if q.years and not any(i is not None and i.year and (i.year in q.years or i.year - 1 in q.years) for i in map(self._info, docs)):
            return None
        infos = [self._info(d) for d in docs]
        if q.years and all(i is not None and i.year and i.year - 1 in q.years and i.year not in q.years for i in infos):
            q.intents.add("last_year")  # "两家2024年度的…各是多少" of 2025 documents: each one's year before, from its stated change
        each_gap = bool(BUDGET_GAP_ASKED.search(q.folded)) and bool(EACH_ONE.search(q.folded))  # "两家决算各比年初预算少了多少": each its own
        each_last_year = "last_year" in q.intents and not q.intents & {"change", "sum", "difference", "ratio", "rank_high", "rank_low"}  # "两家上一年的…各是多少": each worked out in its own
        each_share = "share" in q.intents and bool(re.match(r"(?:那么?)?(?:它们?|其|这些钱?|这两项|这几项)", q.folded))  # "它们分别占各自…的百分之几": each its own
        if not each_gap and not each_last_year and not each_share and (scope.across or q.intents & {"sum", "difference", "ratio", "rank_high", "rank_low"} or TOGETHER.search(q.folded)):
            return Scope(docs, across=True)
        each = []
        for d in docs:  # each department's own answer, as if it alone had been asked the turn before
            at = next((i for i in range(len(sess.turns) - 1, -1, -1) if sess.turns[i].doc == d), None) if not last.docs else None
            own = Session(turns=sess.turns[: at + 1]) if at is not None else Session(turns=[*sess.turns[:-1], last.model_copy(update={
                "doc": d, "docs": [], "intent": "figure", "kind": "figure",
                "question": self._of_one(understand(last.question, self.lang), d, docs),
                "figure_ids": [i for i in last.figure_ids if i.startswith(f"{d}:")]})])  # (a turn of its own, when one department was asked at a time)
            each.append(self._labelled(self._ask(q.text, own, docs=[d]), d))
        if all(a.kind in ("refusal", "clarification") for a in each):
            return None
        together = _together(q.text, each)
        together.kind = next((a.kind for a in each if a.kind not in ("refusal", "clarification")), together.kind)
        return together

    def _measure_elsewhere(self, q, scope, last, leftover: str):
        """"那甲局2025年的完成比例呢？" after a figure of another department: the measure named now,
        of the subject the conversation was about, asked of the department now named. None when the
        question names a subject of its own."""
        subject = self._turn_subject(last)
        if not subject or not _measure_only(leftover):
            return None
        at = q.folded.find(leftover[:2])
        if at < 0:
            return None
        return self._routed_to(f"{q.folded[:at]}{fold(subject)}{q.folded[at:]}", scope.docs)

    def _named_with_another_year(self, q, scope) -> DocumentInfo | None:
        """A department the question names with a year written right after it ("甲局2025年的…") that its
        stored document is not of — nor the year before (whose changes it states), nor the year after
        (when a year's final accounts are published)."""
        for doc, name, kind in self.library.names_found(q.raw):
            if kind == "region" or doc not in scope.named or name not in q.raw:
                continue
            after = re.match(r"\s*(?:的)?((?:19|20)\d{2})\s*年", q.raw[q.raw.find(name) + len(name) :])
            info = self._info(doc)
            if after is None or info is None or not info.year:
                continue
            year = int(after.group(1))
            if year not in (info.year - 1, info.year, info.year + 1) and not any(
                    (i := self._info(d)) is not None and i.department == info.department and i.year == year for d in self.library.ids):
                return info
        return None

    def _compared_with_the_last(self, q, scope, sess: Session):
        """"比甲局2024年的多多少？" after a figure of another department: the subject the
        conversation was about, compared between that department and the one named now."""
        last = sess.last
        named = scope.named or (scope.docs if scope.region and len(scope.docs) == 1 else [])  # "比某市多多少": a place of one department
        if last is None or not named or last.doc in named or not COMPARED_WITH.match(q.folded.strip()):
            return None
        before, subject = self._info(last.doc), self._turn_subject(last)
        infos = [i for i in (self._info(d) for d in named) if i is not None]
        if before is None or not subject or not _measure_only(without_departments(q, infos, q.content)):
            return None
        year = f"{before.year}年" if before.year else ""
        said = q.folded if scope.named else q.folded.replace(fold(scope.region), infos[0].department if len(infos) == 1 else fold(scope.region), 1)
        return self._routed_to(f"{before.department}{year}的{fold(subject)}{said}", [last.doc, *named])

    def _which_of_the_last(self, q, scope, sess: Session):
        """"哪家高？高多少分？" after one department's figure and then another's ("…平均得分是多少？" →
        "乙街道呢？"): that subject, compared between the two departments of the last two turns."""
        if scope.named or not WHICH_OF_THEM.match(q.folded.strip()) or not _measure_only(re.sub(r"哪家|哪个部门|哪个单位|哪边|哪个|谁|几?个?百分点|[高低多少大小更最分]", "", q.content)):
            return None
        run = self._last_departments(sess) if RANK_ASKED.search(q.folded) else self._last_two_departments(sess)
        last = sess.last
        if run is None and last is not None and last.doc is None and len(last.docs) >= 2 and last.subject and RANK_ASKED.search(q.folded):
            # "三家的X加起来是多少？" → "哪家最大？": the subject of that answer, ranked over its departments
            infos = [self._info(d) for d in last.docs]
            run = None if None in infos else (list(last.docs), infos, YEAR_SAID.sub("", fold(last.subject)))
        if run is None:
            return None
        docs, infos, subject = run  # "哪家最高" ranks every department of the run; "哪家高" the last two
        rate = self._first_figure(sess.turns[-1])
        measure = "完成年初预算的比例" if rate is not None and rate.basis == "执行率" else ""  # "哪个更高？高几个百分点？" of two rates
        return self._routed_to("、".join(_as_said(i.department) for i in infos) + f"的{fold(subject)}{measure}{q.folded}", docs)

    def _former_and_latter(self, q, scope, sess: Session):
        """"前者是后者的几倍？" after one department's figure and then another's: that subject of the
        first department as a multiple of the second's (or the other way round)."""
        m = FORMER_LATTER.match(q.folded.strip())
        if scope.named or m is None or m.group("a") == (m.group("b") or m.group("than")):
            return None
        two = self._last_two_departments(sess)
        if two is None:
            return None
        docs, infos, subject = two
        if m.group("a") == "后者":
            docs, infos = docs[::-1], infos[::-1]
        named = [f"{_as_said(i.department)}{f'{i.year}年' if i.year else ''}的{fold(subject)}" for i in infos]
        asked = f"比{named[1]}{m.group('more')}多少" if m.group("than") else f"是{named[1]}的几倍"
        return self._routed_to(named[0] + asked, docs)

    def _last_two_departments(self, sess: Session) -> tuple[list[str], list[DocumentInfo], str] | None:
        """(their documents, their infos, the subject) of the last two turns, when they were about
        one subject in two departments."""
        run = self._last_departments(sess)
        return None if run is None else (run[0][-2:], run[1][-2:], run[2])

    def _last_departments(self, sess: Session) -> tuple[list[str], list[DocumentInfo], str] | None:
        """(their documents, their infos, the subject) of the last turns in a row about one subject,
        each in another department ("…平均得分是多少？" → "乙街道呢？" → "丙局呢？"): two or more."""
        docs: list[str] = []
        subject = None
        for turn in reversed(sess.turns):
            said = self._turn_subject(turn)
            if turn.doc is None or turn.doc in docs or not said:
                break
            said = YEAR_SAID.sub("", fold(said))  # "…的2025年度项目平均得分" and "…的2024年度…": one subject
            if subject is not None and said != subject:
                # "政府采购支出总额" then "政府采购金额": one subject told two ways — the words they share
                common = longest_common_run(subject, said)
                if len(common) < 4:
                    break
                said = common
            subject = said
            docs.insert(0, turn.doc)
        infos = [self._info(d) for d in docs]
        return None if len(docs) < 2 or None in infos else (docs, infos, subject)

    def _routed_to(self, text: str, docs: list[str]):
        """(query, scope) of a question asked again in full, when it is routed to exactly ``docs``."""
        q2 = understand(text, self.lang)
        scope2 = route(q2, self.library, None)
        return (q2, scope2) if set(scope2.docs) == set(docs) else None

    def _added_to_the_last(self, q, scope, sess: Session):
        """"再加上丙局2024年的，三家合计多少？" after a subject was given for other departments: that
        subject, summed over the departments it was given for and the ones named now."""
        last = sess.last
        ranked = RANKED_AMONG.search(q.folded) or (RANK_ASKED.search(q.folded) if ADDED.search(q.folded) else None)
        if last is None or not scope.named or not (ADDED_ON.search(q.folded) or ranked):
            return None
        subject = self._turn_subject(last)
        if not subject:
            return None
        turns = []
        for t in reversed(sess.turns):  # the turns in a row about this subject ("…住房公积金", "那乙局呢？")
            said = self._turn_subject(t) or ""
            if said != subject and not same_stem(re.sub(r"合计$", "", said), re.sub(r"合计$", "", subject)):
                break
            turns.append(t)
        given = [d for t in reversed(turns) for d in (*(i.split(":")[0] for i in t.figure_ids), *([t.doc] if t.doc else []))]
        before = [d for d in dict.fromkeys(given) if d in self.library.ids]
        docs = [*before, *(d for d in scope.named if d not in before)]
        infos = [i for i in (self._info(d) for d in docs) if i is not None]
        if not before or len(infos) < 2 or len(docs) == len(before):
            return None
        what = ranked.group("what") if ranked else ""
        asked = f"{'' if what in subject else what}哪个{ranked.group('end')}" if ranked else "合计是多少"
        return self._routed_to("、".join(i.department for i in infos) + f"的{subject}{asked}", docs)

    def _turn_subject(self, turn) -> str | None:
        """What a turn was about: its subject, unless that is only a total's word (合计), else its first figure's."""
        if turn.subject and turn.subject not in ("合计", "总计", "小计"):
            return turn.subject
        return self._subject_of(turn)

    def _subject_of(self, turn) -> str | None:
        """The subject of a turn's first figure of a document's narrative."""
        f = self._first_figure(turn)
        return f.subject if f is not None else None

    def _first_figure(self, turn):
        """A turn's first figure of a document's narrative, if it gave one."""
        if not turn.figure_ids:
            return None
        first = turn.figure_ids[0]
        doc = first.split(":")[0]
        return self.knowledge([doc]).figure_by_id.get(first) if doc in self.library.ids else None

    def _name_a_document(self, q, sess: Session, docs: list[str], started: float) -> Answer:
        """Too many documents fit to list them all: ask for the department and year, naming a few."""
        kb = self.knowledge(docs[:LISTED])
        ctx = Ctx(kb=kb, lang=self.lang, q=q, session=sess, docs=docs[:LISTED], retriever=_LazyRetriever(self, kb))
        listed = "\n".join(f"- {self.library.info(d).title}" for d in docs[:LISTED])
        text = ctx.t("prompt", "which_document", documents=f"{listed}\n- ……（共 {len(docs)} 份）")
        answer = ctx.answer("clarification", text, intent="which_document")
        answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def _of_one(self, q, doc: str, named: list[str]) -> str:
        """The question as asked of ``doc`` alone: the other departments it names left out
        ("甲局和乙街道各有多少…" → "甲局 各有多少…")."""
        others = [i for i in (self._info(d) for d in named if d != doc) if i is not None]
        text = without_departments(q, others, q.folded)
        years = {str(i.year) for i in others if i.year}
        for gap in re.finditer(r" +", text):  # "乙街道（2025年）": the year that names another document goes with it
            end = gap.end()
            if q.folded[gap.start():end].strip() and (year := OWN_YEAR.match(q.folded, end)) and any(y in year.group(0) for y in years):
                text = text[:end] + " " * (year.end() - end) + text[year.end():]
        return re.sub(r"\s*[和与及、跟]?\s{2,}", " ", text).strip()

    def _which_document(self, ctx: Ctx, started: float) -> Answer:
        """Several documents fit: ask which one, listing them with their titles (cited)."""
        text = ctx.t("prompt", "which_document", documents=_which_document_text(ctx.kb, ctx.docs))
        answer = ctx.answer("clarification", text, intent="which_document", citations=[ctx.kb.cite_title(d) for d in ctx.docs])
        answer.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return answer

    def _documents(self, q, session: Session) -> list[str]:
        """Which documents a question is about: named by department or year, else the conversation's.

        A department counts as named only by an organisation the question names (in full, without
        its city, or abbreviated); the longest naming wins ("住房和城乡建设局" over "建设局"). A year
        picks that year's documents, or else the next year's, which state last year's figures.
        More than one left means the question must say which (the caller asks).
        """
        ids = self.library.ids
        if len(ids) == 1:
            return ids
        infos = {d: _Named(self.library.info(d)) for d in ids}
        naming = {d: len(department_mention(q, infos[d])) for d in ids}
        best = max(naming.values())
        named = [d for d in ids if naming[d] == best]
        if q.years:
            year_of = {d: infos[d].info.year for d in named}
            by_year = [d for d in named if year_of[d] in q.years] or [d for d in named if year_of[d] and year_of[d] - 1 in q.years]
            named = by_year or named
        if len(named) > 1 and session.last and session.last.doc in named:
            return [session.last.doc]
        return named


def _as_said(department: str) -> str:
    """A department's name as a question says it: without a bracketed note ("（汇总）")."""
    return re.sub(r"[(（][^()（）]*[)）]$", "", department)


def _result_lost(whole: Answer, answers: list[Answer], found: set) -> bool:
    """The whole message's answer calculated a result (their sum, say) the answers to its parts
    neither give nor calculate otherwise: answering the parts would lose it."""
    calc = whole.calculation
    return calc is not None and (to_decimal(calc.result), calc.unit) not in found and not any(a.calculation for a in answers)


def _values(answer: Answer, *, units: bool = False) -> set:
    """The numbers an answer gives (with their units), those that read as numbers (not "≥503")."""
    out = set()
    given = [(f.value, f.unit) for f in answer.figures]
    if answer.calculation is not None:
        given.append((answer.calculation.result, answer.calculation.unit))  # a sum's result is a number it gives
    for raw, unit in given:
        value = to_decimal(raw)
        if value is not None:
            out.add((value, unit) if units else value)
    return out


def _same_calculation(answers: list[Answer]) -> bool:
    """Two asks answered by one calculation (each its own text, the same result): one is enough."""
    done = [(a.calculation.expression, a.calculation.result) for a in answers if a.calculation is not None]
    return len(done) != len(set(done))


def _department_shared(parts: list[str], lang) -> list[str]:
    """The asks of one message about the one department one of them names ("X是什么意思？某局2024年
    是多少？"): each ask before it, which names none, with that department (and year) before it."""
    named = [understand(p, lang).orgs for p in parts]
    orgs = {o for os in named for o in os}
    if len(orgs) != 1 or all(named):
        return parts
    org = next(iter(orgs))
    # as written where it is named first ("某区文化和旅游局2025年": the name read, 旅游局, may be its end)
    said = next((m.group(0) for p in parts if (m := re.match(r"[^，,。？?]{0,12}?" + re.escape(org) + r"(?:(?:19|20)\d{2}\s*年度?)?", fold(p)))), None)
    if said is None:
        return parts
    first = next(i for i, os in enumerate(named) if os)  # (asks after it lean on it anyway, as the conversation goes on)
    return [f"{said}{p}" if i < first else p for i, p in enumerate(parts)]


BOTH_TABLES = re.compile(r"^(?:那么?)?(?:这|那)?两张表(?:里面?|中|上)?的?(?P<rest>[^，,。？?]{2,20}?)(?:分别|各自|各)(?:是|为)?(?:多少|几)")  # "这两张表的X分别是多少"
ORG_THEN_YEAR = re.compile(r"^.*?(?:局|厅|委|办|中心|街道|办事处|政府)(?:(?:19|20)\d{2}年度?)?")


def _first_stated(a: Answer):
    """An answer's headline figure: its first one the document states (not a calculated one)."""
    return next((f for f in a.figures if not f.derived), None)


COMPARED_ASKED = re.compile(r"比一比|比较|对比|相比|比下|差多少|相差|哪个多|哪家多|谁多")  # two departments set against each other
EVERY_DOCUMENT = re.compile(r"所有|全部|每个部门|每家|每一个部门|各个部门")
COUNTED_DEPARTMENTS = re.compile(r"([两二三四五六七八九十\d]+)\s*(?:个部门|个单位|家)")
BOTH_SHARE = re.compile(r"^(?:那么?)?(?:这两者|两者|二者|这两项|两项|这两个|两个|它们|这两部分|两部分)(?:各|分别|各自)?(?:占|是)(?P<whole>[^，,。？?]+?)的?(?:比例|比重|百分之几|多少|几成)")
BOTH_EACH = re.compile(r"^(?:那么?)?(?:这|那)?(?:两家|两个部门|两个单位|两者|二者|它们俩?|他们俩?)(?:的|里|中)?"
                       r"(?P<ask>(?:前一年|上一年|上年|去年|(?:19|20)\d{2}年度?|年初预算数?|全年预算数?|预算数?|决算数?|比上年|变化|变动|增减|幅度|的)+)"
                       r"(?:各自|各|分别)(?:是|为|有)?(?:多少|几)")  # "两家前一年各是多少": the same figure's other year or basis, no subject of its own
WHICH_ONE = re.compile(r"^(?:那么?)?(?:哪家|哪个部门|哪个单位|哪边|谁家)")
PAIR = re.compile(r"二者|两者|两边|这两|两家|两个部门|两个单位")
TOGETHER = re.compile(r"两家|两个部门|两个单位|二者|两者|它们|他们|各自|分别|各是|各有|各多少|哪家|谁")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else "一二三四五六七八九十".find(word.replace("两", "二")) + 1 if len(word) == 1 else 0


def _without_notes_said(text: str, before: list[Answer]) -> str:
    """An answer's text without the note lines ("（…）") an earlier answer of the message already said."""
    said = {line for a in before for line in a.answer.split("\n") if line.startswith("（") and line.endswith("）")}
    return "\n".join(line for line in text.split("\n") if line not in said)


def _said_once(texts: list[str]) -> list[str]:
    """The texts of a message's answers, less any a later one begins with ("…购置支出为 25 万元。"
    then "…购置支出为 25 万元。文件没有用数字单列这个数目…": the second says all of the first)."""
    return [t for i, t in enumerate(texts) if not any(u != t and u.startswith(t) for u in texts[i + 1 :])]


def _together(question: str, answers: list[Answer], *, asks: bool = False) -> Answer:
    """Answers to the asks of one message as one answer (the session is the last one's; when they
    are the message's several ``asks``, its last turn keeps the message)."""
    citations = list({(c.doc, c.line_start, c.line_end, c.quote): c for a in answers for c in a.citations}.values())
    session = answers[-1].session.model_copy(deep=True)
    if asks and session.last is not None:
        session.last.message = question
        # the message's other asks' figures after the last ask's own ("接待了几批次、多少人次？" →
        # "平均每批次多少人次？": both counts are the conversation's)
        others = [i for a in answers[:-1] if a.session.last is not None and a.session.last.doc == session.last.doc for i in a.session.last.figure_ids]
        session.last.figure_ids = list(dict.fromkeys([*session.last.figure_ids, *others]))
    docs = list(dict.fromkeys(a.session.last.doc for a in answers if a.session.last is not None and a.session.last.doc))
    if len(docs) > 1 and session.last is not None:  # each department's answer: the conversation goes on with them all
        turns = [a.session.last for a in answers if a.session.last is not None]
        each = [a.calculation for a in answers if a.calculation is not None]
        session.turns[-1] = session.last.model_copy(update={"question": question, "doc": None, "docs": docs,
                                                       "figure_ids": [i for t in turns for i in t.figure_ids],
                                                       "calculation": None, "calculations": each if len(each) == len(answers) else []})
    return Answer(
        question=question, kind=next((a.kind for a in answers if a.calculation is not None), answers[0].kind),
        answer="\n\n".join(_said_once([_without_notes_said(a.answer, answers[:i]) for i, a in enumerate(answers)])),
        figures=list({(f.record_id or f.subject, f.value, f.unit): f for a in answers for f in a.figures}.values()),
        calculation=next((a.calculation for a in answers if a.calculation is not None), None),
        calculations=[c for a in answers for c in (a.calculation, *a.calculations) if c is not None][1:], citations=citations,
        notes=list(dict.fromkeys(n for a in answers for n in a.notes)), table=next((a.table for a in answers if a.table), None),
        filters=list(dict.fromkeys(x for a in answers for x in a.filters)), intent=answers[0].intent, session=session,
    )


def _names_unknown(q, library) -> bool:
    """The question names a department (局, 委员会, 街道 …) that no stored document is about."""
    from assistant.handlers.scope import _abbreviates

    for org in q.orgs:
        if any(kind != "region" and (org.endswith(name) or name.endswith(org)) for _, name, kind in library.names_found(org)):
            continue
        if any(_abbreviates(org, name) for _, name, _ in library.names_ending(org[-1])):
            continue
        return True
    return False


class _Named:
    """A document as routing sees it: its info only, not its records."""

    def __init__(self, info):
        self.info = info


def _which_document_text(kb: Knowledge, docs: list[str]) -> str:
    return "\n".join(f"- {kb.doc(d).info.title}" for d in docs)


class _LazyRetriever:
    """Builds the retriever only when a handler actually searches passages."""

    def __init__(self, assistant: Assistant, kb: Knowledge):
        self.assistant = assistant
        self.kb = kb

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None):
        known = self.kb.passages
        return [s for s in self.assistant.retriever.retrieve(query, k, docs) if s.passage_id in known]


def _unavailable():
    raise RuntimeError("no vector store is open")


def _only_columns(text: str) -> bool:
    """"决算数", "年初预算数": words naming a table's columns and nothing else."""
    folded = fold(text)
    asked = read_asked(folded)
    rest = folded
    for a, b in sorted(asked.column_spans, reverse=True):
        rest = rest[:a] + rest[b:]
    return bool(asked.columns) and not re.sub(r"[的呢那么？?，,。\s]|是多少|多少", "", rest)


def _session(session: Session | dict | str | None) -> Session:
    if session is None:
        return Session()
    if isinstance(session, Session):
        return session
    try:
        if isinstance(session, str):
            return Session.model_validate_json(session)
        return Session.model_validate(session)
    except Exception as exc:  # noqa: BLE001
        raise SessionError(f"the session is not a disclosure-qa session ({type(exc).__name__}); start a new conversation") from exc
