"""Read the stated figures out of the template's narrative sentences.

The national template states figures in a few sentence shapes, which this module reads as
shapes, not as this document's words:

- ``<主体> N 万元，其中：<部分> N 万元，占 N%；…``            totals, parts and shares
- ``<主体> N 万元，比上年增加 N 万元，增长 N%，主要原因是：…``  changes and their reasons
- ``<主体>与上年相比，减少 N 万元，下降 N%``                    a change without a current value
- ``与年初预算相比，年初预算数 N 万元，决算数 N 万元，预决算差异率 N%``  budget bases
- ``1. <类>(类)<款>(款)<项>(项):支出决算数为 N 万元,…``          function classification items

A subject missing from a clause is taken from the clause group, the paragraph or the section
title, in that order.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from ingest.numbers import MONEY_UNITS, Num, find_numbers, label_kind
from ingest.records import Change, Figure, Label, Share, Span
from ingest.sections import Placed
from ingest.text import Traced, normalize, quote_span
from ingest.tokens import longest_common

REASON = re.compile(r"(主要原因是|主要原因为|差异原因是|差异原因为|原因是|原因为|(?:主要|差异)原因(?=[：:])|(?<=预算数的)主要原因(?=[\u4e00-\u9fff]))[：:]?")  # "…大于预算数的主要原因年中新增…" too  # "…的主要原因：…" too
SENTENCE_END = re.compile(r"[。！？]")
GROUP_END = re.compile(r"[；;]")
SEGMENT_END = re.compile(r"[，、：:]|(?<!\d),|,(?!\d)")  # a comma between digits groups thousands
# last year as the templates write it: 上年, or the year itself (Shanghai: "比 2024 年度")
LAST_YEAR = r"\s*(?:上年度?|上一年度?|(?:19|20)\d{2}\s*年度?)\s*"
CHANGE_INTRO = re.compile(rf"((与|和|同){LAST_YEAR}相比|比{LAST_YEAR}(决算)?|较{LAST_YEAR}|同比)$")
COMPARED = re.compile(rf"(比|较|与|和|同){LAST_YEAR}(决算数?)?(相比)?")
BUDGET_INTRO = re.compile(r"^与(年初|全年)预算(数)?相比$")
# a template left half-filled writes both directions ("减增加"): the one next to the number counts
CHANGE = re.compile(rf"(比{LAST_YEAR}(决算)?|较{LAST_YEAR}|与{LAST_YEAR}相比|同比)?(?:[增减](?=增|减|上|下|提|降))?(增加|增长|上升|提高|减少|下降|降低)了?$")
SHARE = re.compile(r"占(.*?)(的)?(比例|比重)?(为)?$")
INCREASE_WORDS = ("增加", "增长", "上升", "提高")
# basis words, longest first: (words, basis)
BASIS_WORDS = sorted([
    ("上年决算数", "上年决算"),
    ("全年预算总额", "全年预算"),
    ("实际执行总额", "执行数"),
    ("支出决算数", "本年决算"),
    ("年初预算数", "年初预算"),
    ("全年预算数", "全年预算"),
    ("全年执行数", "执行数"),
    ("预决算差异率", "预决算差异率"),
    ("决算数", "本年决算"),
    ("执行数", "执行数"),
    ("执行率", "执行率"),
    # the Shanghai template: "年初预算为 X 万元，支出决算为 Y 万元，完成（年初）预算的 Z%"
    ("完成年初预算的", "执行率"),
    ("完成预算的", "执行率"),
    ("支出决算", "本年决算"),
    ("年初预算", "年初预算"),
    ("全年预算", "全年预算"),
    ("决算", "本年决算"),
], key=lambda pair: -len(pair[0]))
# a clause without a number that narrows what follows: "在面向中小企业预留的项目中，" "由中小企业中标或成交的，"
QUALIFYING = re.compile(r"^在.{2,}中$|^.{4,}的$")
ATTRIBUTE_WORDS = ("价值", "面积", "金额", "涉及", "其中", "平均")  # "项目48个，…平均得分99.22分": of the entity just counted
VERB_ENDINGS = ("下设", "设有", "共有", "有", "新进", "新增", "去世", "完成", "开展", "聘请", "达到", "大于", "不少于")
CLASSIFICATION = re.compile(r"^(.+?[(（]类[)）])(.+?[(（]款[)）])?(.+?[(（]项[)）])?$")
# the classification a clause opens with, words after it or not: "X（类）Y（款）Z（项）主要用于" is
# a heading line joined to the next one without its 。
LEADING_CLASSIFICATION = re.compile(CLASSIFICATION.pattern.removesuffix("$"))


def figure_id(doc: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join([doc, *map(str, parts)]).encode("utf-8")).hexdigest()
    return f"{doc}:f{digest[:12]}"


BARE_AMOUNT = re.compile(r"(?:预算|决算|支出|收入|金额)(?:数)?(?:为|是)\s*$")


@dataclass(frozen=True)
class OpenItem:
    """The 类/款/项 item a block ends inside, for the paragraph that goes on with it: a numbered
    item is cut into blocks wherever a wrapped line happens to end with 。, so its figures, or the
    reason for them, may come a block later than its classification."""

    subject: str
    figure: Figure | None = None  # its last main figure: what a reason or change later explains


@dataclass
class Reading:
    """What reading one block yields."""

    figures: list[Figure] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    covered: set[tuple[int, int]] = field(default_factory=set)  # (line, column) of consumed numbers
    label_origins: set[tuple[int, int]] = field(default_factory=set)
    open_item: OpenItem | None = None  # the classified item still open at the block's end

    def add_label(self, num: Num, kind: str, t: Traced) -> None:
        """Record ``num`` (found in ``t``) as a label of ``kind``."""
        self.labels.append(Label(raw=num.raw, kind=kind, line=num.origin[0]))  # type: ignore[arg-type]
        self.label_origins |= num.origins(t)
        self.covered |= num.origins(t)


@dataclass
class _State:
    """Subjects in scope while reading a paragraph."""

    head: Figure | None = None  # the paragraph's first main figure
    group_head: Figure | None = None
    last_main: Figure | None = None
    last_entity: Figure | None = None  # the last main figure that is not an attribute of another
    parent: Figure | None = None  # the total of a "其中：" list
    pending_subject: str | None = None  # "X(项):" before its figures
    pending_change_subject: str | None = None  # "X与上年相比，" before its change
    compared: bool = False  # the group opened with "与上年相比，": "Y增加 N 万元" is Y's change
    item_subject: str | None = None  # "X（类）Y（款）Z（项）。" heading an item: the subject of its figures
    carried: str | None = None  # the subject of the item a paragraph goes on with (the last resort before the topic)
    qualifier: str = ""  # "在X项目中，由Y中标的，" before "采购金额 N": what narrows the next figure's subject


def _still_open(state: _State, out: Reading, item: OpenItem | None) -> OpenItem | None:
    """The classified item a block leaves open: the one it read figures of last, or, when it read
    none, the one its heading named or the one it went on with; none once it read another subject."""
    stated = [f for f in out.figures if f.basis != "说明"]  # numbers quoted inside a reason are not the item's
    if not stated:
        subject = state.item_subject or (item.subject if item else None)
        return OpenItem(subject, item.figure if item and item.subject == subject else None) if subject else None
    last = state.last_main or stated[-1]
    return OpenItem(last.subject, last) if last.classification else None


def _named_before_reason(text: str) -> str:
    """What the words before "…的主要原因" name: "2024年度X支出决算数小于预算数的" → X支出."""
    named = re.sub(r"^.*?(19|20)\d{2}\s*年度?", "", text)
    return re.sub(r"(决算数?|支出决算数?)?(大于|小于|等于|高于|低于|超过)(年初)?预算数?的?$|(增加|减少|增长|下降|变化|持平)的?$", "", named.strip(" ，,：:。"))


def _subject_key(subject: str) -> str:
    """A subject without quotes and the words templates add or drop: “三公”经费财政拨款支出 → 三公经费."""
    return re.sub(r"[“”\"'\s]|财政拨款|支出|决算数?", "", subject)


class FigureReader:
    def __init__(self, doc: str, lines: list[str], department: str):
        self.doc = doc
        self.lines = lines
        base = re.sub(r"[（(]汇总[)）]$", "", department)
        # the department as the narrative names itself: in full, or without its province or city
        # ("普陀区人民政府石泉路街道办事处部门（单位）共有车辆…"), the subject being what follows
        forms, rest = [], base
        while len(rest) >= 4:
            forms.append(rest)
            shorter = re.sub(r"^.+?(省|自治区|市|区|县)", "", rest, count=1)
            if shorter == rest:
                break
            rest = shorter
        alternatives = "|".join(re.escape(f).replace("\\(", "[（(]").replace("\\)", "[)）]") for f in sorted(forms, key=len, reverse=True))
        self._dept = re.compile(f"(?:{alternatives})" + r"(\s*[（(]汇总[)）])?(部门)?(\s*[（(]单位[)）])?") if forms else None

    # -- subjects -----------------------------------------------------------------------------
    def clean_subject(self, text: str) -> str:
        s = text.strip(" ，,、：:；;")
        previous = None
        while s != previous:
            previous = s
            s = re.sub(r"^(截至|截止)\s*", "", s)
            s = re.sub(r"^\d{4}\s*年(度|末|底)?(\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?)?\s*[，,]?\s*", "", s)
            if self._dept:
                s = self._dept.sub("", s, count=1) if self._dept.match(s) else s
            s = re.sub(r"^(我|本)(部门|单位|系统|局)(单位)?(本年度|本年|全年|年度)?(安排的)?", "", s)
            s = re.sub(r"^单位(全年|本年)?安排的", "", s)
            s = re.sub(r"^(其中|包括|含)[：:]?", "", s)
            s = re.sub(r"^(共有|现有|拥有)(?=..)", "", s)  # "共有车辆 10 辆": the subject is 车辆
            s = re.sub(r"(为|是|共计|达)$", "", s)
            s = s.strip(" ，,、：:；;")
        return s

    # -- reading ------------------------------------------------------------------------------
    def read(self, placed: Placed, text: Traced | None = None, *, table_id: str | None = None, item: OpenItem | None = None) -> Reading:
        """The figures and labels of one block; ``item`` is the classified item the block goes on
        with (see :class:`OpenItem`), whose subject its subjectless figures take."""
        block = placed.block
        t = normalize(text if text is not None else block.text)
        out = Reading()
        number = block.number.strip()
        if block.kind in ("item", "glossary") and number and t.text.startswith(number):
            head = t[: len(number)]
            for num in find_numbers(head):
                out.add_label(num, "ordinal", head)
            t = t[len(number) :].strip()
        state = _State(carried=item.subject if item else None, last_main=item.figure if item else None)
        for sentence in t.split(SENTENCE_END):
            state.parent = None  # a "其中：" list ends with its sentence
            for group, reason in self._groups(sentence):
                self._read_group(group, reason, placed, state, out, table_id)
        out.open_item = _still_open(state, out, item)
        return out

    def _groups(self, sentence: Traced) -> list[tuple[Traced, Traced | None]]:
        """Split a sentence into clause groups at ；, keeping a reason with the statement it explains.

        A reason runs on across ；-separated parts until a part opens a new money figure.
        """
        parts = sentence.split(GROUP_END)
        groups: list[tuple[Traced, Traced | None]] = []
        for part in parts:
            if groups and groups[-1][1] is not None and not self._opens_statement(part):
                stmt, reason = groups[-1]
                groups[-1] = (stmt, Traced.join([reason, part]))  # ``reason`` still ends with its "；"
                continue
            m = REASON.search(part.text)
            if m:
                groups.append((part[: m.start()], part[m.end() :].strip() or part[m.start() :]))
            else:
                groups.append((part, None))
        return groups

    def _reason_named(self, key: str, out: Reading) -> Figure | None:
        """"2024年度“三公”经费支出决算数小于预算数的主要原因：…" names what it explains (``key``, its
        subject key): the latest figure of that subject (its final amount first), not merely the last
        figure read."""
        if len(key) < 2:
            return None
        recent = [g for g in out.figures[-40:] if _subject_key(g.subject) == key]
        return next((g for g in reversed(recent) if g.basis == "本年决算"), recent[-1] if recent else None)

    def _reason_target(self, text: str, out: Reading, last: Figure | None) -> Figure | None:
        """The figure a reason explains when its own statement states none: the one its words name,
        else the figure just read (unless they name another subject)."""
        key = _subject_key(_named_before_reason(text))
        return self._reason_named(key, out) or self._unnamed_fallback(key, last)

    @staticmethod
    def _unnamed_fallback(key: str, last: Figure | None) -> Figure | None:
        """The figure just read, for a reason that names no subject ("主要原因是：…") or names that
        figure's; None for one naming another subject no figure states ("因公出国（境）费支出持平的主要
        原因是…" after the 公务接待费's change) — not another subject's reason."""
        if last is None:
            return None
        own = _subject_key(last.subject)
        if len(key) < 4 or key in own or own in key:
            return last
        return last if longest_common(key, own) >= 4 else None

    def _opens_statement(self, part: Traced) -> bool:
        for num in find_numbers(part):
            if label_kind(part.text, num):
                continue
            return num.unit in MONEY_UNITS
        return False

    def _read_group(self, group: Traced, reason: Traced | None, placed: Placed, state: _State, out: Reading, table_id: str | None) -> None:
        state.group_head = None
        state.pending_subject = None
        state.pending_change_subject = None
        state.compared = False
        state.qualifier = ""
        touched: Figure | None = None  # the figure a reason explains
        segments = group.split(SEGMENT_END)
        numbers = [find_numbers(seg) for seg in segments]  # each segment's, read once
        money = {n.unit for nums in numbers for n in nums if n.unit in MONEY_UNITS}  # the units the sentence's amounts are in
        for seg, nums in zip(segments, numbers):
            raw_seg = seg.text
            body = raw_seg.rstrip("，,、：:")
            quantities: list[Num] = []
            for num in nums:
                kind = label_kind(seg.text, num)
                if kind:
                    out.add_label(num, kind, seg)
                else:
                    quantities.append(num)
            if not quantities:
                stripped = self.clean_subject(body)
                if "其中" in body:
                    state.parent = state.last_entity or state.last_main or state.head
                m = CHANGE_INTRO.search(body)
                if m:
                    state.pending_change_subject = self.clean_subject(body[: m.start()]) or None
                    state.compared = True
                elif BUDGET_INTRO.match(body):
                    pass
                elif QUALIFYING.search(stripped):
                    state.qualifier += re.sub(r"^在", "", stripped)
                elif raw_seg.endswith((":", "：")) and stripped and "其中" not in body:
                    state.pending_subject = stripped
                    lead = LEADING_CLASSIFICATION.match(stripped)
                    if lead and lead.group(0) != stripped:
                        state.item_subject = lead.group(0)
                else:
                    lead = LEADING_CLASSIFICATION.match(stripped.rstrip("。."))
                    if lead:
                        state.item_subject = lead.group(0)
                continue
            cursor = 0
            for num in quantities:
                if not num.unit and re.match(r"\s*[\u4e00-\u9fff]", seg.text[num.end :]):
                    continue  # "禁毒、610 经费": a number that is part of a name, no quantity
                if not num.unit and len(money) == 1 and BARE_AMOUNT.search(seg.text[: num.start]) and re.match(r"\s*(?:[，,；;。]|$)", seg.text[num.end :]):
                    # "年初预算为 0，支出决算为 150 万元": a bare amount in the unit of the sentence's others
                    num = replace(num, unit=next(iter(money)))
                prefix = seg.text[cursor : num.start]
                fig = self._read_number(num, prefix, seg, group, placed, state, out, table_id)
                if fig is not None:
                    touched = fig
                cursor = num.end
                out.covered |= num.origins(seg)
        if reason is not None:
            reason = reason.strip("：:；;，, ")  # the clause separator after a reason is not part of it
        if reason is not None and reason.text:
            target = touched or self._reason_target(group.text, out, state.last_main or state.head)
            if target is not None and target.reason is None:
                target.reason = reason.text
                target.reason_quote = quote_span(self.lines, reason)
                target.reason_lines = Span(line_start=reason.line_start, line_end=reason.line_end)
            self.read_mentions(reason, placed, out, table_id)

    def _read_number(self, num: Num, prefix: str, seg: Traced, group: Traced, placed: Placed, state: _State, out: Reading, table_id: str | None) -> Figure | None:
        p = prefix.strip(" ，,、：:；;")
        # thresholds "单价 100 万元（含）以上" belong to the subject of the number after them
        full_before = seg.text[: num.start]
        if re.search(r"(以上|以下)", full_before) and re.search(r"\d", full_before):
            p = full_before.strip(" ，,、：:；;")

        m = SHARE.search(p)
        if m and num.unit == "%" and p.endswith(m.group(0)) and p.find("占") >= 0:
            target = state.last_main or state.head
            if target is not None and target.share is None:
                of = self.clean_subject(m.group(1)) or (state.parent.subject if state.parent else placed.topic or None)
                target.share = Share(percent=num.value, raw=num.raw, of=of)
                return target
            return self._new(num, self.clean_subject(p[: m.start()]) or (target.subject if target else placed.topic), "占比", group, placed, state, out, table_id, main=False)

        m = CHANGE.search(p)
        named = self.clean_subject(p[: m.start()]) if m else ""
        after_change = any(f.change is not None and 0 <= group.line_start - f.line_start <= 4 for f in out.figures[-4:])
        if m and named and not m.group(1) and (after_change or state.compared or COMPARED.search(p[: m.start()])):
            # "…比 2024 年度减少 19.66 万元，其中：公务用车购置及运行维护费支出决算减少 20.06 万元":
            # a part's own change, in a sentence that compares with last year
            direction = "增加" if m.group(3) in INCREASE_WORDS else "减少"
            subject = re.sub(r"(决算数?|预算数?)$", "", named)
            fig = self._new(num, subject, "比上年增减", group, placed, state, out, table_id, main=True)
            fig.change = Change(direction=direction)
            if num.unit == "%":
                fig.change.percent, fig.change.percent_raw = num.value, num.raw
            else:
                fig.change.amount, fig.change.amount_raw, fig.change.unit = num.value, num.raw, num.unit
            return fig
        if m and (m.group(1) or not named):
            direction = "增加" if m.group(3) in INCREASE_WORDS else "减少"
            target = self._change_target(state, group, placed, num, out, table_id, direction)
            ch = target.change or Change(direction=direction)
            if num.unit == "%":
                ch.percent, ch.percent_raw = num.value, num.raw
            else:
                ch.amount, ch.amount_raw, ch.unit = num.value, num.raw, num.unit
            if num.value == 0:
                ch.direction = direction  # the template writes "增加 0.00 万元" for no change
            target.change = ch
            return target

        for words, basis in BASIS_WORDS:
            bare = re.sub(r"(为|是)$", "", p)
            if bare.endswith(words):
                subject = self.clean_subject(bare[: -len(words)])
                if not subject:
                    subject = state.pending_subject or state.item_subject or (state.group_head.subject if state.group_head else None) or (state.head.subject if state.head else None) or state.carried or placed.topic
                fig = self._new(num, subject, basis, group, placed, state, out, table_id, main=basis in ("本年决算",), term=words)
                return fig

        subject = self.clean_subject(p)
        attribute = False
        if subject.endswith(VERB_ENDINGS):
            after = re.match(r"[^，,。；;：:、\d]+", seg.text[num.end :])
            if after:
                subject = subject + after.group(0).strip()
        if not subject:
            subject = state.pending_subject or (state.last_main.subject if state.last_main and state.last_main.unit != num.unit else None) or (state.last_main.subject if state.last_main else placed.topic)
        elif subject.startswith(ATTRIBUTE_WORDS) and state.last_entity is not None:
            subject = state.last_entity.subject + subject
            attribute = True
        elif state.qualifier and state.qualifier not in subject:
            subject = state.qualifier + subject  # "由中小企业供应商中标或成交的，采购金额 N": whose amount
        basis = "本年决算" if num.unit in MONEY_UNITS else "本年"
        fig = self._new(num, subject, basis, group, placed, state, out, table_id, main=True)
        if not attribute:
            state.last_entity = fig
        return fig

    def _change_target(self, state: _State, group: Traced, placed: Placed, num: Num, out: Reading, table_id: str | None, direction: str) -> Figure:
        if state.pending_change_subject:
            # "X与上年相比，增加 N 万元": the change is the figure
            for fig in reversed(out.figures):
                if fig.basis == "比上年增减" and fig.subject == state.pending_change_subject:
                    return fig
            return self._new(num, state.pending_change_subject, "比上年增减", group, placed, state, out, table_id, main=True)
        target = state.last_main if state.group_head is not None else None
        target = target or state.last_main or state.head
        if target is None:
            return self._new(num, placed.topic, "比上年增减", group, placed, state, out, table_id, main=True)
        return target

    def _new(self, num: Num, subject: str, basis: str, group: Traced, placed: Placed, state: _State, out: Reading, table_id: str | None, *, main: bool, term: str | None = None) -> Figure:
        statement = group.strip(" ，,、：:；;")
        if re.fullmatch(r"“[^“”]+”", subject):
            subject = subject[1:-1]  # “城乡社区支出（类）…（项）”: the quoted subject itself
        # a part of a "其中：" list is counted in its total's unit: "车辆 17 辆" does not hold "设备 7 台（套）"
        parent = state.parent.subject if state.parent is not None and state.parent.subject != subject and state.parent.unit == num.unit else None
        cls = CLASSIFICATION.match(subject)
        fig = Figure(
            id=figure_id(self.doc, num.origin, subject, num.raw),
            doc=self.doc,
            subject=subject,
            term=term,
            parent=parent,
            value=num.value,
            raw=num.raw,
            unit=num.unit,
            kind=num.kind,  # type: ignore[arg-type]
            basis=basis,
            classification=[g for g in cls.groups() if g] if cls else None,
            origin="table" if table_id else "text",
            table_id=table_id,
            section=placed.section_title,
            section_path=placed.titles,
            line_start=statement.line_start,
            line_end=statement.line_end,
            quote=quote_span(self.lines, statement),
        )
        out.figures.append(fig)
        if main:
            state.last_main = fig
            if state.group_head is None:
                state.group_head = fig
            if state.head is None:
                state.head = fig
        elif state.group_head is None:
            state.group_head = fig
            if state.last_main is None:
                state.last_main = fig
        return fig

    def read_mentions(self, text: Traced, placed: Placed, out: Reading, table_id: str | None = None) -> None:
        """Numbers mentioned inside a reason or a note: recorded with their local subject."""
        for part in text.split(re.compile(r"[；;。！？]")):
            state = _State()
            for seg in part.split(SEGMENT_END):
                cursor = 0
                for num in find_numbers(seg):
                    kind = label_kind(seg.text, num)
                    out.covered |= num.origins(seg)
                    if kind:
                        out.add_label(num, kind, seg)
                        continue
                    subject = self.clean_subject(seg.text[cursor : num.start])
                    if not subject or subject.endswith(VERB_ENDINGS):
                        after = re.match(r"[^，,。；;：:、\d]+", seg.text[num.end :])
                        subject = (subject + (after.group(0).strip() if after else "")) or placed.topic
                    self._new(num, subject, "说明", seg, placed, state, out, table_id, main=False)
                    cursor = num.end
