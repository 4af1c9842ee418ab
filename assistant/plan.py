"""Decide how to answer: which records a question is about and which handler answers it.

Order matters and is deliberate: refuse what is out of scope before guessing, resolve follow-ups
against the conversation, prefer an exactly named project or figure, and only then fall back to
passages or a refusal that says what the document does cover.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from assistant.answer import Answer, Calculation
from assistant.calculator import run
from assistant.compose import Ctx, qty, unique_citations
from assistant.handlers import aggregate, calc, chained, classes, figures, items, scope, statements, tables, texts
from assistant.knowledge import core_name, subject_stem
from ingest.numbers import MONEY_SCALE
from ingest.records import Figure
from assistant.link import SIDES, other_side, rank_figures, rank_indicators
from assistant.route import without_departments
from assistant.rows import DOCUMENT_NAMED, ITEM_LIMIT, ORDINAL, Asked, read_asked
from assistant.text import RANK_PLACE, fold, grams, longest_common, number_said, remove_words, subsequence_run
from assistant.understand import BASIS_NAMES, NOT_OF_THE_NAME, PARTS_CHECKED, SHARE_OF_WHOLE, WHOLE_TERMS, YEAR, basis_of, understand

LAST_YEAR_FIRST = re.compile(r"^(上年|上一年|去年|前一年)")
FOLLOW_UP_START = re.compile(r"^(那么?|那个|还有|然后|再问|另外|那它|它的?|其中)")
DIRECTION_WORDS = ["增加", "减少", "增长", "下降", "上升", "降低", "变化", "超支", "超出", "超了", "花多了", "花少了", "没花完", "多了", "少了", "涨", "降", "超", "去年", "上年", "今年"]
FIELDISH = set(tables.FIELD_LABELS) | set(tables.INDICATOR_FIELDS)  # what a performance table states
TABLE_ONLY = FIELDISH - {"budget_initial", "budget_full", "executed"}  # the funds are stated in the text too


RANKED_AGAIN = re.compile(r"^(?:那么?)?(?P<measure>[\u4e00-\u9fff]{0,10}?)(?P<rank>" + RANK_PLACE.pattern + r")(?:的|一个|一项|一名)?(?:项目|部门|单位)?(?:呢|是哪|是什么|是谁|是多少)")


def _ranked_at_another_place(ctx: Ctx) -> Answer | None:
    """"第二低的呢？", "倒数第二小的呢？" after a question that asked for one end ("…自评总分最低的项目是
    哪个"): that question again, at the place now asked — whichever kind of ranking answered it.
    (A ranking of a table's rows keeps its own rows: statements._ranked_again.)"""
    last = ctx.session.last
    m = RANKED_AGAIN.match(ctx.q.folded)
    if last is None or m is None or last.ranking is not None or len(ctx.q.folded) > 20:
        return None
    # the last ranking asked ("…最高的是哪一项？" "为什么超出这么多？" "最低的呢？"), or its message's
    # ("…最低的项目是哪个？多少分？": its last ask answered last)
    source = next((text for t in reversed(ctx.session.turns[-3:]) for text in (fold(t.question), fold(t.message or "")) if RANK_PLACE.search(text)), "")
    said = [m.group(0) for m in RANK_PLACE.finditer(source)]
    measure = m.group("measure").replace("的", "")
    if len(said) != 1 or said[0] == m.group("rank") or (measure and sum(ch in source for ch in measure) < 0.6 * len(measure)):
        # (the same place asked again names another measure: "超出年初预算最多的是哪一项" after "…少得最多的")
        return None  # ("得分最低的呢" after a rate ranked: another measure, asked on its own)
    from assistant.understand import understand

    asked = source.replace(said[0], m.group("rank"), 1)
    if asked == ctx.q.folded:
        return None  # (the last question was itself "第二大的呢？": asked again, it would ask itself)
    again = plan(ctx.with_query(understand(asked, ctx.lang)))
    return again if again.kind not in ("refusal", "clarification") else None


PAIRED = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,8}?)的?(?:和|与|及|跟|、)(?P<b>[\u4e00-\u9fff]{2,8}?)(?:的|(?=加起来|加在一起|合起来|一共|总共|合计|共计))")


def _distributed(ctx: Ctx) -> str | None:
    """"行政单位和事业单位的离退休一共多少": two rows of one table named by what sets them apart (行政单位,
    事业单位) and the words they share (离退休, or its end, 退休): the question with both rows named
    in full ("行政单位离退休和事业单位离退休"), when each is a row and neither is named already."""
    folded = ctx.q.folded
    found: list[tuple[int, str]] = []  # (how many of the shared words the question says, the question so written)
    for m in PAIRED.finditer(folded):
        a, b = (re.sub(r"机关(?:单位)?", "行政单位", w) for w in (m.group("a"), m.group("b")))  # 机关: the tables' 行政单位
        starts = {a[i : i + 2] for i in range(len(a) - 1)}  # (a row's name begins with two of a's characters running)
        for e in ctx.kb.rows.entries:
            if e.doc not in ctx.docs:
                continue
            name = fold(ORDINAL.sub("", e.row.name))
            if name[:2] not in starts:
                continue
            # a's words that begin the row's name, and after them none or the shared words' end ("行政单位退休")
            split = next(((i, j) for i in range(len(a) - 1) for j in range(len(a), i + 1, -1)
                          if name.startswith(a[i:j]) and (j == len(a) or name.endswith(a[j:]))), None)
            if split is None:
                continue
            shared = name[split[1] - split[0]:]
            # b with the shared words' end it repeats ("事业单位退休" of 离退休) left off
            own = next((b[:-k] for k in range(len(shared), 1, -1) if b.endswith(shared[-k:]) and len(b) - k >= 2), b)
            other = own + shared
            if len(shared) < (2 if e.row.code else 4) or other in folded or name in folded or not any(fold(ORDINAL.sub("", o.name)) == other for o in e.table.rows if o is not e.row):
                continue
            said = a[split[1]:] or next((shared[i:] for i in range(len(shared) - 1) if shared[i:] in folded[m.end():] or shared[i:] in folded[: m.start()]), None)
            if said is None:
                continue
            # the row whose shared words the question says most of ("年初和年末的财政拨款结转和结余": the
            # 财政拨款 rows, not 年初结转和结余 with 财政拨款 left over)
            found.append((len(said), folded[: m.start()] + a[: split[0]] + f"{name}和{other}" + folded[m.end():].replace(said, "", 1)))
        if found:
            return max(found, key=lambda f: f[0])[1]
    return None


FUND_CHOICE = re.compile(r"(一般公共预算|政府性基金|国有资本经营)[^，,。？?]{0,10}?还是[^，,。？?]{0,4}?(一般公共预算|政府性基金|国有资本经营)|(?:哪|什么)(?:个|种|类)?(?:钱|资金|预算|口子)|从哪(?:来|个口子|笔钱)")


def _fund_of_the_last(ctx: Ctx) -> Answer | None:
    """"这钱走的一般公共预算还是政府性基金？" after a figure: the fund whose section of the narrative
    (or whose table) states it."""
    last = ctx.session.last
    if last is None or not last.figure_ids or not FUND_CHOICE.search(ctx.q.folded) or not re.search(r"这|那|它|该|此", ctx.q.folded):
        return None
    f, cell = statements.first_given(ctx.kb, last)
    if f is not None:
        cite = ctx.kb.cite_figure(f)
        where = cite.section or ""
    elif cell is not None:
        cite = statements.cite_row(ctx, cell.entry)
        where = cell.entry.table.label
    else:
        return None
    funds = [w for w in statements.FUND_WORDS if w in where]
    if len(funds) != 1:
        return None
    text = ctx.t("figure", "fund_of", subject=f.subject if f is not None else cell.entry.row.name, where=where, fund=funds[0])
    return ctx.answer("text", text, intent="fund", figures=[ctx.kb.ref(f)] if f is not None else [], citations=[cite])


def _share_of_the_listed_whole(ctx: Ctx) -> Answer | None:
    """"占本年支出合计的比例？" after the rows under a whole were listed: that whole's share, not one
    of its rows' (nor the total named alone)."""
    last = ctx.session.last
    m = SHARE_OF_WHOLE.search(ctx.q.folded)
    if last is None or last.intent != "table_children" or not last.subject or "share" not in ctx.q.intents or m is None or m.start() > 1 \
            or re.search(r"各|分别|每", ctx.q.folded):
        return None  # (a share asked of something named before 占 is its own; "各占多少" is each row's)
    again = plan(ctx.with_query(understand(f"{last.subject}{ctx.q.text}", ctx.lang)))
    return again if again.kind == "calculation" or any(f.unit == "%" for f in again.figures) else None


IN_YUAN = re.compile(r"(?:换算|折合|折|合)成?(?:多少)?元|多少元|几元")
IN_YI = re.compile(r"(?:换算|折合|折|合)成?(?:多少)?亿元?|多少个?亿元?|几个亿")


def _computed_then_converted(ctx: Ctx) -> Answer | None:
    """"A加B合计多少元": the sum (a difference) worked out in the tables' 万元 first, then its result
    converted — not one of its operands converted in its place."""
    q = ctx.q
    to_yuan = IN_YUAN.search(q.folded)
    to_yi = IN_YI.search(q.folded) if to_yuan is None else None
    if "convert" not in q.intents or not q.intents & {"sum", "difference"} or not (to_yuan or to_yi):
        return None
    said = (to_yuan or to_yi).group(0)
    asked = understand(q.text.replace(said, "多少") if said in q.text else q.folded.replace(said, "多少"), ctx.lang)
    if "convert" in asked.intents:
        return None
    ans = plan(ctx.with_query(asked))
    calc_ = ans.calculation
    if calc_ is None or calc_.unit != "万元":
        return ans if ans.kind in ("refusal", "clarification") else None
    expression = f"{calc_.result} × 10000" if to_yuan else f"{calc_.result} / 10000"
    unit = "元" if to_yuan else "亿元"
    out = run(expression, None if to_yuan else 4)
    description = ctx.t("calculation", "converted", unit=unit)
    ans.answer += "\n" + ctx.t("calculation", "result", description=description, expression=expression, result=qty(out["result"], unit))
    ans.calculations = [*ans.calculations, Calculation(expression=expression, result=out["result"], unit=unit, operands=[f for f in ans.figures[:1]])]
    ans.figures.append(ans.figures[0].model_copy(update={"subject": description, "value": out["result"], "unit": unit, "basis": "计算", "derived": True, "record_id": None}))
    return ans


def _amount_of_the_term(ctx: Ctx) -> Answer | None:
    """"这个单位2024年末有多少？" right after what a glossary term means: how much of that term the
    department has, asked with the term's name."""
    last, q = ctx.session.last, ctx.q
    rest = re.sub(r"这个|这项|这一项|这些|这|那|它|该|单位|部门|[\s，,]", "", remove_words(q.content, [*q.orgs, *q.places]))  # ("那某局2024年这个有多少")
    if last is None or last.intent != "definition" or not last.subject or rest or not re.search(r"多少|几", q.folded):
        return None
    text = re.sub(r"这个|这一项|这项", "", q.text, count=1)
    org = next((o for o in q.orgs[:1] if o in text), None)  # the term right after the department named
    return plan(ctx.with_query(understand(text.replace(org, f"{org}{last.subject}", 1) if org else f"{last.subject}{text}", ctx.lang)))


def _row_named_short(ctx: Ctx) -> Answer | None:
    """"运行维护费的预算是多少？" right after rows that included 公务用车运行维护费: the one row just
    given whose name holds the words, asked by its full name."""
    last = ctx.session.last
    if last is None or not ctx.q.content or ctx.q.orgs:
        return None
    rest = _strip_fields(ctx)
    rest = re.sub(r"^(?:那么?|其中|里面)", "", rest)
    if len(rest) < 3 or rest not in ctx.q.text:
        return None
    names = {statements.ORDINAL_PREFIX.sub("", fold(e.row.name)) for e, _ in statements.turn_cells(ctx.kb, last)}
    if len(names) < 2 or rest in names:
        return None
    holding = [n for n in names if rest in n]
    if len(holding) != 1:
        return None
    from assistant.understand import understand

    again = plan(ctx.with_query(understand(ctx.q.text.replace(rest, holding[0], 1), ctx.lang)))
    return again if again.kind not in ("refusal", "clarification") else None


# "机关运行经费就是那个公用经费1745.29吧": two names claimed to be one thing
SAME_CLAIMED = re.compile(r"(?P<a>[\u4e00-\u9fff“”()（）\d]{2,30}?)[，,]?(?:其实|不)?(?:就是|即是|也就是|等于|等同于)(?:那个|这个)?(?P<b>[\u4e00-\u9fff“”()（）]{2,20}?)(?:[\d,.]+(?:万元|元)?)?[，,]?(?:吧|吗|嘛|对吧|是吧|对吗|对不对)")


def _same_claimed(ctx: Ctx) -> Answer | None:
    """"A就是B吧": both amounts, each as the document states it, and whether they are one figure."""
    m = SAME_CLAIMED.search(ctx.q.folded)
    if m is None or re.search(r"\d", m.group("a")[-4:]) or PARTS_CHECKED.search(ctx.q.folded):
        return None  # ("…加起来等于这个总额吗": parts added and checked, not two names of one amount)
    asked = plan(ctx.with_query(understand(f"{ctx.q.folded[: m.start()]}{m.group('a')}和{m.group('b')}分别是多少", ctx.lang)))
    amounts = [f for f in asked.figures if not f.derived and f.unit in MONEY_SCALE]
    if asked.kind not in ("figure", "list") or len({f.subject for f in amounts}) < 2:
        return None
    a, b = amounts[0], next(f for f in amounts if f.subject != amounts[0].subject)
    asked.answer += "\n" + ctx.t("figure", "not_one" if a.value != b.value else "one_amount", a=a.subject, b=b.subject)
    return asked


def plan(ctx: Ctx) -> Answer:
    q = ctx.q
    if q.is_empty or (not q.content and not q.intents and not q.fields and not q.expression):
        if ctx.session.last is None or q.is_empty:
            return scope.empty(ctx)
    if q.expression and ("calculate" in q.intents or _mostly_expression(q)):
        return calc.typed(ctx)
    if "calculate" in q.intents and re.search(r"\d\s*[^\d\s\u4e00-\u9fff.,，、%％。？?！!：:；;“”\"'（）()]+\s*\d", q.text):  # (not "71.73%，…2024年")
        return calc.typed(ctx, re.sub(r"^.*?(算一下|算算|计算|帮我算)\s*", "", q.text))  # says why it cannot be calculated
    again = _ranked_at_another_place(ctx) or _amount_of_the_term(ctx) or _same_claimed(ctx) or _row_named_short(ctx) or statements.where_printed(ctx) or _fund_of_the_last(ctx)
    if again is not None:
        return again
    converted = _computed_then_converted(ctx) or _share_of_the_listed_whole(ctx)
    if converted is not None:
        return converted
    distributed = _distributed(ctx)
    if distributed is not None:
        return plan(ctx.with_query(understand(distributed, ctx.lang)))
    _document_year_said(ctx)
    refused = scope.out_of_scope(ctx)
    if refused is not None:
        return refused
    if "audit" in q.intents and PARTS_CHECKED.search(q.folded) and (classes.LEVEL_ASKED.search(q.folded) or read_asked(q.folded).children or len(q.parts(ctx.kb.names)) > 2):
        q.intents.discard("audit")  # "…下列出的5个项分别是多少？加起来是否等于该类合计？": those items, added and set against it
        q.intents.add("sum")
    if "audit" in q.intents and "share" in q.intents and re.search(r"占(?:了)?(?:多少|几|百分之几|比多少)|百分之几", q.folded):
        q.intents.discard("audit")  # "…写占71.73%，对不上，帮我重新算一下到底占多少": the share, computed and set against the claim
    if "audit" in q.intents:
        from assistant.audit.chat import audit_answer  # imported only for "核对…" questions

        return audit_answer(ctx)
    _whole_department(ctx)

    years = {ctx.kb.doc(d).info.year for d in ctx.docs}
    previous_year = any(y + 1 in years for y in q.years)
    if previous_year:
        q.intents.add("last_year")  # "2022年度…是多少", "22年的收入总计"
    compared = "change" in q.intents and bool(re.search(r"(比|较|与|和|同|跟)\s*(?:(?:19|20)\d{2}|\d{2})\s*年", q.folded))  # "跟24年比"
    # "根据…及其较2024年度的增加额，2024年度收入支出总计是多少": what the last clause asks is last year's
    asked_last = any(int(y) + 1 in years and int(y) in q.years for y in re.findall(r"(?<![\d比较与和同跟])((?:19|20)\d{2})(?=\s?年)", re.split(r"[，,；;]", q.folded.rstrip("？?。 "))[-1]))
    last_clause = re.split(r"[，,；;。]", q.folded.rstrip("？?。 "))[-1].strip()
    asked_last = asked_last or ("last_year" in q.intents and len(re.split(r"[，,；;。]", q.folded)) > 1 and bool(LAST_YEAR_FIRST.match(last_clause)))  # "…比上年增加M万元；上年决算数是多少"
    if asked_last:
        q.intents.add("last_year")
    none = texts.none_stated(ctx) or _fund_none(ctx)  # "有没有…的钱", "…的N万元用于什么": the document's own "无…"
    if none is not None:
        return none
    used_for = texts.purpose(ctx) or _used_for_after_a_row(ctx)  # "主要用于什么": the narrative's words, before any table row
    if used_for is not None:
        return used_for
    meeting = items.class_ranked(ctx) or items.extreme(ctx) or items.filtered(ctx)  # "哪一项增长幅度最大", "年初预算为0的项有哪些": the classified items
    if meeting is not None:
        return meeting  # the numbers it asks with are thresholds, not claims to check
    these = chained.of_the_last_result(ctx) or chained.share_of_a_change(ctx) or chained.share_of_the_last_two(ctx) or chained.compared_results(ctx) or _of_the_last_turns(ctx) or _former_and_latter(ctx)  # "这两项加起来…", "前者是后者的几倍": the turns' own figures, before any table row the words name
    if these is not None:
        return these
    within_last = _share_within_the_last(ctx)  # "其中X占多少": of the subject just given, as the narrative states it
    if within_last is not None:
        return within_last
    from_tables = statements.answer(ctx)
    if from_tables is not None and _names_asked_of_a_number(ctx, from_tables):
        return scope.refusal(ctx, "silent")  # "委托给了哪些中介机构": a row's amount names no one it was paid to
    if from_tables is not None and from_tables.kind == "refusal":
        return _none_of_asked(ctx) or _premise(ctx, from_tables)  # a row printed blank: the narrative's "无…" says it better
    if from_tables is not None:
        return _other_part_shown(ctx, _premise(ctx, _reason_when_judged(ctx, _none_budgeted(ctx, _count_asked(ctx, calc.relative(ctx, _with_purposes(ctx, from_tables)))))))
    hit = project_hit(ctx)
    ranked = figures.best_figures(ctx)
    top_figure = ranked[0].score if ranked else 0.0
    several = len(q.parts(ctx.kb.names)) > 1
    steps = (
        (True, calc.rate_rechecked),  # "差异率写的是N%，用年初预算和决算数核一下": worked out again
        (True, _rest_of_the_whole),
        (True, _other_than_named),
        (True, follow_up),
        ("overview" in q.intents, texts.overview),
        (True, texts.units_covered),
        ("definition" in q.intents and (("reason" not in q.intents and not q.fields) or bool(GLOSSARY_ASKED.search(q.folded))), texts.definition),
        (True, _aggregate),
        (True, texts.people_added),  # "一共去世了几名": the people a sentence tells one by one
        (bool(q.intents & {"rank_high", "rank_low"}), figures.largest),
        (True, classes.classified),
        ("average" in q.intents and hit is not None, lambda c: tables.per_unit(c, hit[1])),  # 平均每人: its funds over a count
        (hit is not None and bool(tables.DEDUCTED.search(q.folded)), lambda c: tables.deducted(c, hit[1])),  # "某项目哪个指标扣了分"
        (hit is not None and (hit[0] >= 1.0 or hit[0] >= top_figure or bool(set(q.fields) & TABLE_ONLY)), lambda c: tables.project(c, hit[1])),
        # several parts asked of last year's document year ("2024年…购置和运行维护"): derived, not this year's parts
        (several and not (q.intents & {"sum", "difference", "ratio", "average", "reason"}) and not (previous_year and "change" not in q.intents) and not asked_last, figures.multi),
        ("reason" in q.intents, texts.reason),
        ("average" in q.intents, calc.average),  # ("平均每人次花了多少元": the average, in 元)
        ("convert" in q.intents, calc.convert),
        # ("…比年初预算多出好几倍，这是为啥": why, not how much more — no difference of guessed figures)
        (bool(q.intents & {"ratio", "difference", "sum"}) and not ("reason" in q.intents and "difference" in q.intents), calc.combine),
        # "上年X是多少（按…增加额推算）" asks for last year's value even when it names the change
        # ("比 2024 年度变化了多少" asks the change: the year there is what it is compared with)
        ("last_year" in q.intents and (bool(LAST_YEAR_FIRST.match(q.folded)) or (previous_year and not compared) or bool(re.search(r"推算|倒推|反推|倒算", q.folded)) or asked_last), figures.last_year),
        ("change" in q.intents, figures.change),
        ("last_year" in q.intents and "change" not in q.intents, figures.last_year),
        ("share" in q.intents, calc.share),
        (("rate" in q.fields or "执行率" in q.basis) and hit is None, calc.execution_rate),  # no project named: a figure's 执行数 over its budget
        (several, figures.multi),
        (True, figures.by_basis),
        (True, lambda c: figures.lookup(c, ranked)),
        (True, _with_previous_subject),
        (True, texts.named_by_purpose),
        (hit is not None, lambda c: tables.project(c, hit[1])),
        ("definition" in q.intents, texts.section_named),
        # "…包括哪些单位": not a term of the glossary, but a passage may say it
        ("definition" in q.intents, lambda c: texts.passage_answer(c, min_overlap=0.75)),
        ("definition" in q.intents, texts.no_definition),
        (True, _passage),
    )
    marked = bool(FOLLOW_UP_START.match(q.folded)) or q.folded.rstrip("?？!！。 ").endswith("呢")
    follow_intent = bool(q.intents & {"change", "share", "reason", "last_year", "average", "convert"})
    across = bool(q.intents & {"rank_high", "rank_low", "list", "count"})  # "执行率最低的是哪个项目，为什么" asks on its own
    if ctx.session.last is None and not _strip_fields(ctx) and (marked or follow_intent) and project_hit(ctx) is None and not across:
        # "比上年呢？" as the first question: there is nothing yet to compare
        return ctx.answer("clarification", ctx.t("prompt", "what_about"), intent="follow_up")
    for applies, handler in steps:
        if applies:
            ans = handler(ctx)
            if ans is not None and _names_asked_of_a_number(ctx, ans):
                return scope.refusal(ctx, "silent")  # "那个涉密项目叫什么名字": a count or an amount names nothing
            if ans is not None and (_quoted_name_unanswered(ctx, ans) or _qualifier_unanswered(ctx, ans)):
                return scope.refusal(ctx, "silent")  # "“某某工程”项目调减了多少", "公租房租金收入…": the figure found is of something else
            if ans is not None and _rate_unanswered(ctx, ans):
                return scope.refusal(ctx, "silent")  # "每平方米多少元": an area or an amount is no price per square metre
            if ans is not None:
                return _with_the_terms_amount(ctx, _term_amount_claimed(ctx, _gap_amount(ctx, _premise(ctx, _reason_when_judged(ctx, _none_budgeted(ctx, _parts_unnamed(ctx, _money_asked(ctx, _count_asked(ctx, _second_ask(ctx, _change_unstated(ctx, calc.relative(ctx, calc.between_shown(ctx, ans)))))))))))))
    return _parts_of_the_last_whole(ctx) or scope.refusal(ctx, "silent")


def _parts_of_the_last_whole(ctx: Ctx) -> Answer | None:
    """"货物、工程、服务三项加起来等于总额吗？" after 政府采购 (or one of its parts): parts named by
    the words that set them apart, of the whole the conversation is about — asked with it named."""
    whole = None
    for turn in reversed(ctx.session.turns[-3:]):  # the whole a recent answer gave, or the one its figure is a part of
        given = next((f for f in (ctx.kb.figure_by_id.get(i) for i in turn.figure_ids) if f is not None), None)
        if given is not None and len(figures.parts_of(ctx, given)) >= 2:
            whole = given
            break
    those = figures.parts_of(ctx, whole) if whole is not None else []
    if len(those) < 2 or fold(whole.subject) in ctx.q.folded:
        return None
    head, tail = figures.shared_ends(those)
    own = [fold(p.subject[len(head) : len(p.subject) - len(tail)]) for p in those if len(p.subject) > len(head) + len(tail)]
    if sum(1 for w in own if len(w) >= 2 and w in ctx.q.folded) < 2:
        return None
    again = plan(ctx.with_query(understand(f"{whole.subject}中{ctx.q.text}", ctx.lang)))
    return again if again.kind not in ("refusal", "clarification") else None


def _used_for_after_a_row(ctx: Ctx) -> Answer | None:
    """"这笔钱主要用在哪些项目上？" after a row whose own purpose the narrative does not state (a fund's
    income): the rows under it, each with what the narrative says it was for."""
    last = ctx.session.last
    bare_where = bool(re.fullmatch(r"(?:那|那么)?(?:主要|都|钱都?|钱主要)?(?:花哪了?|花在哪[儿里]?了?|用在哪[儿里]?了?|花到哪[儿里]?去?了?|去哪了?)[？?]?", ctx.q.folded))  # "主要花哪了？"
    if last is None or not (bare_where or (texts.PURPOSE_ASKED.search(ctx.q.folded) and re.search(r"这笔|这些|它们?|这部分", ctx.q.folded)
                                           and len(re.sub(r"这笔钱|这些钱|主要|具体|都|了|用在|用于|哪些|什么|项目|方面|上|[？?]", "", ctx.q.folded)) <= 2)):
        return None
    rows = [i.split("#", 1)[0] for i in last.figure_ids if "#" in i][:1]
    listed = statements.children(ctx, rows[0]) if rows else None
    if listed is None or listed.intent != "table_children":
        return None
    bare = listed.answer
    with_purposes = _with_purposes(ctx, listed)
    return with_purposes if with_purposes.answer != bare or bare_where else None  # (a pronoun's purpose: only when the narrative says what they were for)


# a total column and the parts it is the sum of, in the template's spending tables
COLUMN_PARTS = {"本年支出合计": ("基本支出", "项目支出"), "合计": ("基本支出", "项目支出")}


def _other_part_shown(ctx: Ctx, ans: Answer) -> Answer:
    """"X决算N万元，全部都是基本支出吧": a row's total and one of its parts answered — its other part
    (项目支出) comes too, so the parts are seen to add up to the total."""
    cells = [(f.record_id or "").partition("#") for f in ans.figures]
    if ans.kind != "figure" or len(cells) != 2 or cells[0][0] != cells[1][0] or not all(c[2] for c in cells):
        return ans
    entry = ctx.kb.rows.by_id.get(cells[0][0])
    columns = {c[2] for c in cells}
    total = next((c for c in columns if c in COLUMN_PARTS), None)
    if entry is None or total is None:
        return ans
    parts = COLUMN_PARTS[total]
    shown = (columns - {total}) & set(parts)
    missing = [a for a in entry.row.amounts if a.column in parts and a.column not in columns and a.value]
    if len(shown) != 1 or len(missing) != 1:
        return ans
    cell = statements.Cell(entry, missing[0])
    ans.answer += "\n" + statements.cell_sentence(ctx, cell)
    ans.figures.append(statements.ref(ctx, cell))
    ans.citations = unique_citations([*ans.citations, statements.cite_row(ctx, entry, [missing[0]])])
    return ans


def _purpose_asked(ctx: Ctx) -> bool:
    """What the money was for is asked: in the question, or in the last one when this one only
    names another subject ("主要用在什么上？" then "那乙科目呢？")."""
    if texts.PURPOSE_ASKED.search(ctx.q.folded):
        return True
    last = ctx.session.last
    marked = bool(FOLLOW_UP_START.match(ctx.q.folded)) and ctx.q.folded.rstrip("?？!！。 ").endswith("呢")
    return marked and last is not None and bool(texts.PURPOSE_ASKED.search(fold(last.question)))


def _with_purposes(ctx: Ctx, ans: Answer) -> Answer:
    """"政府性基金的钱花在了哪两个地方": the rows listed, each with what the narrative says it was
    used for ("主要用于：…"), when it says so."""
    if not _purpose_asked(ctx) or not ans.figures:
        return ans
    said = []
    # the rows listed, or the one row answered first ("其中某科目的支出是多少，主要用在什么上"; "…用在哪"
    # read as where the row is listed: the row, then its 款 and 类)
    for ref in ans.figures if ans.intent == "table_children" else ans.figures[:1]:
        if not ref.record_id or "#" not in ref.record_id:
            continue
        row, column = ref.record_id.split("#", 1)
        # the narrative's item of this row in this fund: the same amount (not the 一般公共预算 item of the same name)
        items = [f for f in texts.narrative_of_row(ctx, row) if str(f.value) == ref.value] or texts.narrative_below_row(ctx, row, column)
        found = next(((f, p) for f in items if (p := texts.purpose_of(ctx, f)) and not re.search(r"\d\s*万元", p)), None)
        if found is not None and all(found[1] != p for _, p in said):
            said.append(found)
    if not said:
        return ans
    ans.answer += "\n" + "\n".join(ctx.t("figure", "used_for", label=figures.label(f), purpose=p) for f, p in said)
    ans.citations = unique_citations([*ans.citations, *(ctx.kb.cite_figure(f) for f, _ in said)])
    return ans


PER_UNIT_ASKED = re.compile(r"每(?:平方米|平米|平方|亩|人|人次|辆|户|套|间|个|项|次)[^，,。？?]{0,6}?(?:多少|几)(?:钱|元|万元|块)")  # a price or cost per thing


def _rate_unanswered(ctx: Ctx, ans: Answer) -> bool:
    """"商品房平均售价每平方米多少元": a rate per thing asked, answered with a figure that is no such
    rate and no calculation of one (an area, a total)."""
    if not PER_UNIT_ASKED.search(ctx.q.folded) or ans.kind not in ("figure", "list") or ans.calculation is not None:
        return False
    return not any("/" in (f.unit or "") or "每" in (f.unit or "") or "每" in (f.subject or "") or "平均" in (f.subject or "") for f in ans.figures)


NAME_ASKED = re.compile(r"叫什么|什么名字|名字是|名称是什么|项目名称|品牌|型号|具体是什么项目|是做什么的|具体做什么|具体是做什么|由哪个单位实施")
EACH_NAMED = re.compile(r"(?:分别|各)是(?:什么|哪些)(?:设备|车辆?|资产)|是什么设备")  # "那N台设备分别是什么设备": names of things counted


# "委托给了哪些中介机构，每家多少": the parties paid, which these accounts never name
COUNTERPARTIES_ASKED = re.compile(r"(?:哪些|哪几家|哪家|哪个|什么)(?:中介机构|中介|公司|企业|供应商|承包商|施工单位|中标单位|事务所|服务商|第三方)")


QUOTED = re.compile(r"[“\"「『]([^”\"」』]{4,})[”\"」』](?=项目|工程)")  # "“某某工程”项目": a project named
GENERIC_GRAMS = {"项目", "工程", "支出", "经费", "资金", "费用", "建设", "工作", "管理", "提升", "改造", "专项"}


def _quoted_name_unanswered(ctx: Ctx, ans: Answer) -> bool:
    """The question quotes a name ("“某某路沿线风貌提升工程”项目…") and no figure of the
    answer names it or is stated beside it: that figure is of something else."""
    if ans.kind not in ("figure", "calculation") or not ans.figures:
        return False
    for name in QUOTED.findall(ctx.q.text):
        own = {g for g in grams(fold(name)) if len(g) == 2} - GENERIC_GRAMS
        if len(own) < 3:
            continue
        stated = [f for f in (ctx.kb.figure_by_id.get(r.record_id or "") for r in ans.figures) if f is not None]
        if len(stated) < len(ans.figures):
            return False  # a table's cell or a computed figure: its row is named by the table, not read here
        words = " ".join(fold(f"{f.subject} {f.quote} {f.parent or ''}") for f in stated) + " " + fold(" ".join(r.subject for r in ans.figures))
        if not own & grams(words):
            return True
    return False


QUALIFIED_KIND = re.compile(r"(?P<q>(?:(?!收入|支出|的|和|与|及|或)[\u4e00-\u9fff]){3,8})的?(?:收入|支出)")
WHOLE_SUBJECTS = {"收入总计", "支出总计", "本年收入合计", "本年支出合计", "收入支出总计", "本年收入", "本年支出", "总计"}
NOT_A_QUALIFIER = re.compile(r"本年|全年|今年|当年|一共|总共|合计|总计|全部|所有|年度|部门|单位|财政拨款|其他|上年|去年")


def _qualifier_unanswered(ctx: Ctx, ans: Answer) -> bool:
    """"公租房租金收入一共收了多少" answered by the department's 收入总计: the kind of income asked is
    named by words the total's sentence does not hold — the document does not state that one."""
    if ans.kind != "figure" or not ans.figures:
        return False
    f = ctx.kb.figure_by_id.get(ans.figures[0].record_id or "")
    if f is None or fold(f.subject) not in WHOLE_SUBJECTS:
        return False
    m = QUALIFIED_KIND.search(without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], ctx.q.content))
    qualifier = re.sub(r"^(?:中|里|之中|当中|其中)", "", NOT_A_QUALIFIER.sub("", m.group("q"))) if m is not None else ""
    said = fold(f.quote) + " ".join(fold(r.subject) for r in ans.figures)  # (the parts an answer lists name it too: "基本支出")
    return len(qualifier) >= 3 and not any(g in said for g in grams(qualifier) if len(g) == 2)


def _names_asked_of_a_number(ctx: Ctx, ans: Answer) -> bool:
    """The question asks only what something is called (a name, a brand, what it does), or which
    parties were paid, and the answer found is only a number (a count of it, its amount): the
    document does not say."""
    if ans.intent.startswith("table_") and statements.CODE_NAMED.search(ctx.q.folded):
        return False  # "2150899行决算数？这一项叫什么？": a row asked by its code, answered with its name
    numbers_only = ans.kind in ("figure", "calculation") and bool(ans.figures) and all(f.unit in MONEY_SCALE or f.unit in ("个", "项", "辆", "%") for f in ans.figures)
    paid = COUNTERPARTIES_ASKED.search(ctx.q.folded)
    if paid is not None and numbers_only and not any(paid.group(0)[2:] in fold(f.subject) for f in ans.figures):
        return True
    if (NAME_ASKED.search(ctx.q.folded) or EACH_NAMED.search(ctx.q.folded)) and EACH_ASKED.search(ctx.q.folded) and ans.kind == "figure" and ans.figures \
            and all(AGGREGATE.search(f.subject) or (f.unit not in MONEY_SCALE and f.unit != "%") for f in ans.figures):
        return True  # "那N个项目分别叫什么名字，各自得了多少分", "那N台设备分别是什么": an average or a count names none of them
    return bool(NAME_ASKED.search(ctx.q.folded)) and not re.search(r"多少|几", ctx.q.folded) and numbers_only


EACH_ASKED = re.compile(r"分别|各自|各得|每个|每一个|逐一|逐个|具体|都是")
AGGREGATE = re.compile(r"平均|合计|总计|总额|总数")


DOCUMENT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?的?(?:部门)?决算(?:说明|公开|报告|文件)?(?:中|里|里面|当中|上)")


def _document_year_said(ctx: Ctx) -> None:
    """"乙街道2024年度决算里，X是多少" of a 2025 document: the year names the document, wrongly —
    not last year's X. The year is dropped and the answer says which year's document it is."""
    own = {ctx.kb.doc(d).info.year for d in ctx.docs} - {None}
    if len(own) != 1:
        return
    doc_year = next(iter(own))
    for m in DOCUMENT_YEAR.finditer(ctx.q.folded):
        year = int(m.group(1))
        if year != doc_year and year + 1 == doc_year and year in ctx.q.years:
            ctx.q.years = [y for y in ctx.q.years if y != year]
            ctx.notes.append(ctx.t("prompt", "document_year", doc_year=doc_year))
            ctx.sources.append(ctx.kb.cite_title(ctx.docs[0]))
    if doc_year - 1 not in ctx.q.years:
        return
    # "2024年度公务接待费支出0.40万元，…" of a 2025 document stating exactly that for 2025: the
    # figure is this year's, the year said wrongly
    for m in CLAIM.finditer(ctx.q.folded):
        if m.group("unit") not in ("万元", "亿元") or ("." not in m.group("value") and len(m.group("value").replace(",", "")) < 4) or m.group("before") or m.group("after") or m.group("more"):
            continue  # a figure said exactly (two decimals, or four digits and more), not "约20万元"
        said = re.split(r"[，,。？?；;]", ctx.q.folded[: m.start()])[-1]
        if str(doc_year - 1) not in said and str(doc_year) in said:
            continue  # "2024年的X是N万元，那2023年的X是多少" of a 2024 document: this year's, said rightly
        said = re.sub(r"^.*?(?:19|20)\d{2}\s*年度?", "", said)
        value = Decimal(m.group("value").replace(",", ""))
        stated = next((f for f in ctx.kb.figures if f.doc in ctx.docs and f.basis == "本年决算" and f.value == value and f.unit == m.group("unit")
                       and longest_common(fold(f.subject), said) >= 4), None)
        if stated is not None:
            ctx.q.years = [y for y in ctx.q.years if y != doc_year - 1]
            ctx.notes.append(ctx.t("prompt", "year_of_claim", value=qty(m.group("value"), m.group("unit")), doc_year=doc_year))
            ctx.sources += [ctx.kb.cite_figure(stated), ctx.kb.cite_title(ctx.docs[0])]
            ctx.stated.append(ctx.kb.ref(stated))
            changed = stated if stated.change is not None else next((g for g in ctx.kb.figures if g.doc == stated.doc and g.change is not None and g.value == stated.value
                                                                     and g.subject == stated.subject), None)
            c = changed.change if changed is not None else None
            checked = re.search(r"是这样吗|对吗|对不对|是不是|是吗|没错吧|对吧", ctx.q.folded)  # (only a claim checked; not a slip of the year in another ask)
            if checked and c is not None and c.amount is not None and c.direction in ("增加", "减少") and (c.unit or stated.unit) == stated.unit:
                # the year the question named: this year's figure less its stated change
                expression = f"{stated.value} − {c.amount}" if c.direction == "增加" else f"{stated.value} + {c.amount}"
                before = run(expression, 2)["result"]
                ctx.notes.append(ctx.t("prompt", "year_of_claim_derived", direction=c.direction, amount=qty(str(c.amount), stated.unit),
                                       value=qty(before, stated.unit), expression=expression))
                ctx.stated += [ctx.kb.ref(changed, subject=f"{stated.subject}比上年{c.direction}", value=str(c.amount), basis="比上年增减"),
                               ctx.kb.ref(stated, subject=f"上年{stated.subject}（推算）", value=before, basis="计算", derived=True)]
            return


def _passage(ctx: Ctx) -> Answer | None:
    """The passage that answers best — unless a number is asked that no record states and the
    passage does not say there is none ("无政府性基金…"): then the document is silent on it."""
    ans = texts.passage_answer(ctx, min_overlap=0.75)
    numbered = NUMBER_ASKED.search(ctx.q.folded) or CLAIM.search(ctx.q.folded)  # "…有3000万，都花哪了"
    if not numbered or ctx.q.intents & {"reason", "definition", "list", "overview"}:
        return ans
    if ans is not None and NONE_STATED.search(ans.answer):
        return _none_said(ctx, ans) if NONE_OF.search(ans.answer) else ans
    if ans is not None and statements.COUNT_ASKED.search(ctx.q.folded) and any(f.unit in ("个", "家", "项") and not f.record_id for f in ans.figures):
        return ans  # "决算单位有几个": the passage's numbered list, counted
    return _none_of_asked(ctx)


def _fund_none(ctx: Ctx) -> Answer | None:
    """"国有资本经营预算财政拨款支出是多少" of a document stating no amount of that fund: its own
    sentence saying it has none — never another fund's figure named alike."""
    fund = texts.FUND_NAMED.search(ctx.q.folded)
    if fund is None or not _amount_asked(ctx) or len(ctx.docs) != 1:
        return None
    if any(fund.group(0) in fold(f.subject) and f.value for f in ctx.kb.figures if f.doc in ctx.docs):
        return None
    return _none_of_asked(ctx)


def _none_of_asked(ctx: Ctx) -> Answer | None:
    """"街道今年政府性基金收入有多少": "…2025年度无政府性基金预算财政拨款收入和支出" answers it — a
    passage saying there is none of what is asked."""
    none = texts.passage_answer(ctx, prefer=NONE_STATED, min_overlap=0.3)
    said = NONE_OF.search(none.answer) if none is not None else None
    if said is None or len(grams(fold(said.group(1))) & grams(ctx.q.content)) < 3:
        return None
    return _none_said(ctx, none)


def _none_said(ctx: Ctx, ans: Answer) -> Answer:
    """A passage saying there is none of what is asked: to "有没有…" the answer; to an amount asked
    ("…是多少"), no figure — a refusal, in the document's own words."""
    if _amount_asked(ctx) and not ans.figures:
        ans.kind = "refusal"
    return ans


def _amount_asked(ctx: Ctx) -> bool:
    """An amount asked ("…是多少"), not whether there is any ("有没有…"), and none claimed ("有N万，
    都花哪了" is corrected, not refused)."""
    return bool(HOW_MUCH.search(ctx.q.folded)) and not texts.EXISTENCE_ASKED.search(ctx.q.folded) and not claims(ctx.q.claimed)


NONE_OF = re.compile(r"无([\u4e00-\u9fff“”]{2,24})")
NONE_STATED = re.compile(r"无|没有|未(发生|安排|设|涉及)|不涉及|为零|为 ?0(\.0+)? ?万元")
NUMBER_ASKED = re.compile(r"多少|几(?![乎])|百分之|比例|占比|金额")
GLOSSARY_ASKED = re.compile(r"名词解释|怎么定义|如何定义|定义是|啥叫|什么叫|何为")  # the glossary, whatever else is named
HOW_MUCH = re.compile(r"多少|几(?![乎])")
ASKED_COUNT = re.compile(r"(几|多少)(辆|台|套|个|人|平方米|平米)|面积|多大")
ASKED_MONEY = re.compile(r"值多少|多少钱|价值|金额|花了多少|多少万")


PEOPLE_COUNTED = re.compile(r"(?:几|多少)(?:个|名)?(?:在职|在编|退休|离休)?(?:人员|人|职工|员工|干部|编制)")


def _count_asked(ctx: Ctx, ans: Answer) -> Answer:
    """"文化馆办了多少场群众文化活动": a count asked, and only money found (文化活动's spending) —
    the money does not answer it; the document is silent on the count."""
    folded = DOCUMENT_NAMED.sub("", ctx.q.folded)  # "甲局的决算里有写吗": the document, no money asked
    if ans.kind == "text" and not ans.figures and PEOPLE_COUNTED.search(folded) and not re.search(r"\d\s*(?:人|名)", ans.answer):
        return scope.refusal(ctx, "silent")  # "各下属单位分别有多少在职人员": a passage that counts no one answers no count
    counted = statements.COUNT_ASKED.search(folded) or statements.COUNT_ASKED.search(ctx.q.raw)  # "买了几辆" → 公务用车购置数
    # ("某某专项支出一共扶持了多少家企业": the money word of the name found asks for no money)
    unnamed = remove_words(folded, sorted({calc.CODE_FIRST.sub("", fold(f.subject)) for f in ans.figures}, key=len, reverse=True), " ")
    if ans.kind not in ("figure", "calculation") or not ans.figures or not counted \
            or statements.MONEY_ASKED.search(unnamed) or ASKED_MONEY.search(unnamed) or "亿" in folded:
        return ans  # "多少个亿", "几辆，值多少": money is asked too
    if all(f.unit in TO_WAN for f in ans.figures):
        return _count_in_words(ctx, ans, counted.group(2)) or scope.refusal(ctx, "silent")
    return _another_count(ctx, ans)


COUNT_FILLER = set("的了是有吗呢吧多少几个还共总一单位部门本年度对")  # words of a count question that tell no count from another


def _another_count(ctx: Ctx, ans: Answer) -> Answer:
    """"单位的车还有几辆": a count answered (车辆 N 辆) where the document counts the same thing
    otherwise too (开支财政拨款的公务用车保有量 M 辆) and the question's words do not tell which —
    the other count said after it, both as the document states them."""
    f = ctx.kb.figure_by_id.get(ans.figures[0].record_id or "") if ans.kind == "figure" else None
    if f is None or f.unit in TO_WAN or f.unit == "%" or f.parent:
        return ans
    words = set(re.findall(r"[\u4e00-\u9fff]", without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], ctx.q.raw))) - COUNT_FILLER - set(f.unit)  # (as asked: no alias's words)
    shown = {Decimal(r.value) for r in ans.figures if r.unit == f.unit}
    if len({Decimal(r.value) for r in ans.figures if r.unit == f.unit and not r.derived and Decimal(r.value)}) > 1 or re.search(r"[、和及]", ctx.q.content):
        return ans  # several counts given or asked: no one count to read otherwise
    # (another sentence's count of the same thing, not zero: a part counted none is no other reading)
    others = {g.value: g for g in ctx.kb.figures if g.doc == f.doc and g.id != f.id and g.unit == f.unit and not g.parent and g.basis == f.basis
              and g.value and g.value not in shown and abs(g.line_start - f.line_start) > 3
              and set(g.subject) & set(f.subject) & words and not (set(g.subject) ^ set(f.subject)) & words}
    if len(others) != 1:
        return ans
    g = next(iter(others.values()))
    ans.answer += ctx.t("prompt", "count_also", label=figures.label(g), value=qty(g.raw, g.unit), where=ctx.kb.docs[g.doc].section_at(g.line_start))
    ans.figures.append(ctx.kb.ref(g))
    ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(g)])
    return ans


def _count_in_words(ctx: Ctx, ans: Answer, unit: str) -> Answer | None:
    """"新买了几辆公车": a count asked in ``unit``, an amount found, and the sentence after the amount
    tells the count in words ("…购置支出为 N 万元。主要用于新购一辆公车。") — the amount, and that sentence quoted."""
    f = ctx.kb.figure_by_id.get(ans.figures[0].record_id or "") if len(ans.figures) == 1 else None
    told = _told_in_words(ctx, f, unit) if f is not None else None
    if told is None:
        return None
    ans.answer = figures.figure_sentence(ctx, f) + told[0]
    ans.citations = unique_citations([*ans.citations, told[1]])
    return ans


def _told_in_words(ctx: Ctx, f, unit: str):
    """(what the answer adds, its citation) for the sentence after ``f``'s that counts in ``unit``
    in words, or None."""
    told = texts.count_told_after(ctx, f, unit)
    if told is None:
        return None
    sentence, first, last = told
    return ctx.t("figure", "count_in_words", quote=sentence), ctx.kb.cite_lines(f.doc, first, last, sentence)


WORTH_ASKED = re.compile(r"值多少钱?|多少钱|价值多少|价值是多少|金额是多少|金额多少|花了多少|花费多少")


def _money_asked(ctx: Ctx, ans: Answer) -> Answer:
    """"这些设备总共值多少钱": money asked, and only a count found (2 台（套）) — the count does not
    answer it; the document is silent on the money."""
    if ans.kind not in ("figure", "calculation") or not ans.figures or not WORTH_ASKED.search(ctx.q.folded) \
            or statements.COUNT_ASKED.search(ctx.q.folded) or any(f.unit in TO_WAN or f.unit == "%" for f in ans.figures):
        return ans
    return scope.refusal(ctx, "silent")


def _parts_unnamed(ctx: Ctx, ans: Answer) -> Answer:
    """"组织、宣传、统战三块工作经费加起来一共多少": a sum of parts answered with one figure that
    names none of them is another subject's figure; the document is silent on the sum as asked."""
    if "sum" not in ctx.q.intents or ans.kind != "figure" or ans.calculation is not None:
        return ans
    parts = [p for p in re.split(r"[、和与及]", ctx.q.content) if len(p.strip()) >= 2]
    named = grams(fold(" ".join(f.subject for f in ans.figures)))
    if len(parts) < 2 or any(grams(fold(p)) & named for p in parts):
        return ans
    return scope.refusal(ctx, "silent")


GAP_AMOUNT = re.compile(r"(?:超了|超出了?|超支了?|多花了?|少花了?|省了|省下了?|节约了?|节省了?|结余了?|没花完的?|剩下?了?)(?:多少|几)")


def _term_amount_claimed(ctx: Ctx, ans: Answer) -> Answer:
    """"…表里“年末结转和结余”一栏是55.34万元，这个“年末结转和结余”具体指什么": a term defined, and
    the amount the question gives it found in the tables — said to agree, with its cell cited."""
    if ans.intent != "definition" or ans.figures or len(ctx.docs) != 1:
        return ans
    said = [c.value * TO_WAN[c.unit] for c in claims(ctx.q.claimed) if c.unit in TO_WAN and not c.approx]
    bare = re.findall(r"(?<![\d.,])(\d+\.\d{2})(?![\d.%])", ctx.q.folded)  # "年末结转和结余55.34 啥意思": an amount typed without its unit, as the tables print it
    said = said or ([Decimal(bare[0])] if len(bare) == 1 else [])
    cell = statements.cell_of_the_amount(ctx, ctx.docs[0], said[0]) if len(said) == 1 else None
    if cell is None:
        return ans
    shown = statements.ref(ctx, cell)
    ans.answer += "\n" + ctx.t("prompt", "premise_agrees", label=shown.subject, value=qty(cell.amount.raw, cell.entry.table.unit))
    ans.figures.append(shown)
    ans.citations = unique_citations([*ans.citations, statements.cite_row(ctx, cell.entry)])
    return ans


AMOUNT_TOO = re.compile(r"[，,；;]\s*(?:那|它|其)?(?:本年|今年|当年|(?:19|20)\d{2}年度?)?(?:的)?(?:金额|数额|决算数?|支出)?(?:是|为|有|花了|用了|一共)?多少(?:钱|万元)?")


def _with_the_terms_amount(ctx: Ctx, ans: Answer) -> Answer:
    """"名词解释里说的机关运行经费包括什么，本年是多少？": the term defined, then its amount this year."""
    last = ans.session.last if ans.session else None
    if ans.intent != "definition" or ans.figures or last is None or not last.subject or not AMOUNT_TOO.search(ctx.q.folded):
        return ans
    from assistant.understand import understand

    amount = plan(ctx.with_query(understand(f"{last.subject}是多少", ctx.lang)))
    if amount.kind not in ("figure", "calculation") or not amount.figures:
        return ans
    ans.answer += "\n" + amount.answer
    ans.figures = [*ans.figures, *amount.figures]
    ans.citations = unique_citations([*ans.citations, *amount.citations])
    return ans


def _gap_amount(ctx: Ctx, ans: Answer) -> Answer:
    """"预算多少 实际花多少 超了多少": an answer giving one subject's budget and its spending, and how far
    apart they are when the question asks it — by the calculator."""
    if not GAP_AMOUNT.search(ctx.q.folded) or ans.calculation is not None or ans.kind not in ("figure", "text"):
        return ans
    given = [f for r in ans.figures if (f := ctx.kb.figure_by_id.get(r.record_id or "")) is not None]
    budget = next((f for f in given if f.basis in ("年初预算", "全年预算")), None)
    spent = next((f for f in given if budget is not None and f.basis in ("本年决算", "执行数") and f.subject == budget.subject and f.unit == budget.unit), None)
    if budget is None or spent is None or spent.value == budget.value:
        return ans
    high, low = (spent, budget) if spent.value > budget.value else (budget, spent)
    expression = f"{high.value} − {low.value}"
    result = run(expression, 2)["result"]
    description = f"{figures.label(spent)}比{budget.basis}{'多' if high is spent else '少'}"
    ans.answer += "\n" + ctx.t("calculation", "result", description=description, expression=expression, result=qty(result, spent.unit))
    operands = [ctx.kb.ref(high), ctx.kb.ref(low)]
    ans.calculation = Calculation(expression=expression, result=result, unit=spent.unit, operands=operands)
    derived = ctx.kb.ref(spent, subject=description, value=result, unit=spent.unit, basis="计算", derived=True)
    derived.record_id = None
    ans.figures.insert(0, derived)
    return ans


def _second_ask(ctx: Ctx, ans: Answer) -> Answer:
    """"车辆呢 几辆 值多少", "房屋有多少平方米 价值多少": one subject, asked as a count and as money.

    The sentence that states one states the other ("车辆 17 辆，价值 433.66 万元"); the answer gives both."""
    said = ctx.q.raw  # as written: an alias may have taken an ask's words ("买了几辆" → 公务用车购置数)
    if max(ctx.q.asks, len(HOW_MUCH.findall(said))) < 2 or ans.kind != "figure" or not ans.figures:
        return ans
    f = ctx.kb.figure_by_id.get(ans.figures[0].record_id or "")
    if f is None or any(getattr(ctx.kb.figure_by_id.get(r.record_id or ""), "parent", None) != f.subject for r in ans.figures[1:]):
        return ans  # one figure (with the parts its sentence lists), no more
    money = f.unit in TO_WAN
    stem = lambda subject: re.sub(r"(费|数|量|金额|价值)$", "", subject)  # noqa: E731 (公务用车购置费 · 公务用车购置数)
    same = [g for g in ctx.kb.figures if g.doc == f.doc and g.line_start == f.line_start and g.id != f.id
            and (g.subject.startswith(f.subject) or f.subject.startswith(g.subject) or stem(g.subject) == stem(f.subject))]
    counted = [u for u in ctx.q.units if u != f.unit and u not in TO_WAN]  # "几批、多少人次": another count too
    if counted and not money:
        other = next((g for g in same if g.unit == counted[0] and g.subject == f.subject), None)
    else:
        wanted = (ASKED_COUNT.search(ctx.q.folded) or ASKED_COUNT.search(said)) if money else ASKED_MONEY.search(ctx.q.folded)
        other = next((g for g in same if (g.unit in TO_WAN) != money), None) if wanted else None
    if other is None:
        return ans
    pair = sorted([f, other], key=lambda x: x.unit in TO_WAN)  # the count first, then its value
    ans.answer = "".join(figures.figure_sentence(ctx, x) for x in pair)
    ans.figures = [ctx.kb.ref(x) for x in pair]
    ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(other)])
    if ans.session and ans.session.last:
        ans.session.last.figure_ids = [x.id for x in pair]
    return ans


CLAIM = re.compile(r"(?P<before>大约|大概|将近|接近|差不多|超过|约|近|逾)?(?<![\d.,])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<scale>千|百)?(?P<more>多)?"
                   r"(?P<unit>万元|亿元|万|亿|元|辆|人次|批次|人|个|套|项|次|台|平方米|分(?![之钟])|%)(?P<after>多|左右|上下|出头)?")
CHANGE_SAID = re.compile(r"比上年|比去年|比上一年|增加|减少|增长|下降|变化|变动|多了|少了")  # a claim said of a change, not of an amount
TO_WAN = {"万元": Decimal(1), "万": Decimal(1), "亿元": Decimal(10000), "亿": Decimal(10000), "元": Decimal("0.0001")}
SCALE = {"千": Decimal(1000), "百": Decimal(100)}


@dataclass(frozen=True)
class Claim:
    """A number a question states: "62万多" (more than 62 万, less than 63), "6千多万", "1700万左右"."""

    value: Decimal
    unit: str
    approx: str | None = None  # "more" · "about" · "over" · None (as stated, however rounded)
    step: Decimal = Decimal(1)  # the place of the last digit said: 20 → 10, 62 → 1, 62.5 → 0.1
    said_of: str = field(default="", compare=False)  # the words of its clause before it ("…年初预算是"): what it is claimed of


CN_COUNT_CLAIM = re.compile(r"(?<![几多第])(?P<value>[一二两三四五六七八九十]{1,2})(?P<unit>辆|台|套|批次|人次)")


CN_AMOUNT = re.compile(r"(?<![\d.\u4e00-\u9fff])([一二两三四五六七八九十百千]{1,6})(?=(?:多|来|左右|出头)?(?:万|亿))|(?<=[有是了花约近超过逾概为到达共计])([一二两三四五六七八九十百千]{1,6})(?=(?:多|来|左右|出头)?(?:万|亿))")
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_PLACES = {"十": 10, "百": 100, "千": 1000}


def _amounts_in_digits(text: str) -> str:
    """"两百多万", "三千五百万" written in digits ("200多万", "3500万"), as a claim is read."""
    def value(m: re.Match) -> str:
        said = m.group(0)
        total, current = 0, 0
        for ch in said:
            if ch in CN_DIGITS:
                current = CN_DIGITS[ch]
            else:
                total += (current or 1) * CN_PLACES[ch]
                current = 0
        return str(total + current)

    return CN_AMOUNT.sub(value, text)


def claims(text: str) -> list[Claim]:
    out = []
    text = _amounts_in_digits(text)
    for m in CN_COUNT_CLAIM.finditer(text):  # "新买了两辆公车": a count said in words
        value = number_said(m.group("value"))
        if value is not None:
            clause = re.split(r"[，,；;、。？?]", text[: m.start()])[-1]
            out.append(Claim(Decimal(value), m.group("unit"), None, Decimal(1), clause))
    limits = [t.span("n") for t in ITEM_LIMIT.finditer(text)] if re.search(r"几|多少个|哪些|哪几", text) else []
    for m in CLAIM.finditer(text):
        if any(a <= m.start("value") < b for a, b in limits):
            continue  # "超过N万元的项有几个": a threshold asked with, not a claim
        said = Decimal(m.group("value").replace(",", ""))
        scale = SCALE.get(m.group("scale") or "", Decimal(1))
        if said == said.to_integral_value() and said != 0:
            digits = str(int(said))
            step = Decimal(10) ** (len(digits) - len(digits.rstrip("0")))
        else:
            step = Decimal(1).scaleb(said.as_tuple().exponent)
        approx = None
        if m.group("more") or m.group("after") in ("多", "出头"):
            approx = "more"
        elif m.group("before") in ("超过", "逾"):
            approx = "over"
        elif m.group("before") or m.group("after"):
            approx = "about"
        clause = re.split(r"[，,；;、。？?]", text[: m.start()])[-1]
        out.append(Claim(said * scale, m.group("unit"), approx, step * scale, clause))
    return out


def _premise(ctx: Ctx, ans: Answer) -> Answer:
    """"今年公务用车买了3辆新车，花了多少钱？": the question states a figure the document contradicts.

    Besides the figure asked for, the answer gives the document's own figure for what the question
    claims (here 公务用车购置数 0 辆, stated in the same sentence) and says they differ. The claimed
    number itself is not repeated: every number in an answer comes from the document."""
    said = [] if ctx.q.expression else claims(ctx.q.claimed)
    if said and not ans.figures and (ans.kind == "figure" or (ans.kind == "refusal" and ans.intent == "table_lookup")) and len(ctx.docs) == 1:
        # a blank cell answered ("…新买的那辆公车花了多少钱"): the count claimed, as the document counts it
        named = SimpleNamespace(doc=ctx.docs[0], subject=_claim_words(ctx, ctx.q.content), section=None, line_start=0, line_end=-1, quote="")
        for claim in said:
            if claim.unit not in TO_WAN and claim.unit != "%":
                _count_said_otherwise(ctx, ans, named, claim)
            elif claim.unit in TO_WAN and claim.approx is None:
                _amount_of_another(ctx, ans, claim)
        if ans.figures and ans.kind == "refusal":
            ans.kind = "figure"  # the blank cell, and the count the document gives instead of the one claimed
    if not said or not ans.figures:
        return ans
    of_another = _claim_of_another_subject(ctx, ans)
    if of_another is not None:
        return of_another
    asked = ctx.kb.figure_by_id.get(ans.figures[0].record_id or "")
    if ans.kind != "figure" or asked is None or any(ctx.kb.figure_by_id.get(f.record_id or "") is None for f in ans.figures) \
            or len({(ctx.kb.figure_by_id[f.record_id].line_start) for f in ans.figures}) > 1:
        # a table row, a calculation, a reason, or candidates from several places ("棚改": two
        # 棚户区改造 items): which one is claimed is unclear, but a claim none of them bears out is
        # still said to differ
        return _unborne_claim(ans, said, ctx)
    # "在职人员是N个": 个, the classifier of anything, counts what the figure asked counts (人)
    said = [replace(c, unit=asked.unit) if c.unit == "个" and asked.unit not in TO_WAN and asked.unit != "%" else c for c in said]
    for claim in said:
        if claim.unit not in TO_WAN and claim.unit != "%" and _stated_for_claim(ctx, asked, claim) is None:
            _count_said_otherwise(ctx, ans, asked, claim)
    for claim in said:
        stated = _stated_for_claim(ctx, asked, claim)
        if stated is not None and stated is not asked and _same_amount(claim, stated) and not any(f.record_id == stated.id for f in ans.figures):
            # "…决算50多亿，是不是错了": another figure claimed, borne out — said as the document states it
            ans.figures.append(ctx.kb.ref(stated))
            ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(stated)])
            ans.answer += "\n" + ctx.t("prompt", "premise_agrees", label=figures.label(stated), value=_measured_from(ctx, ans, stated))
            continue
        if stated is None or _same_amount(claim, stated):
            continue
        if CHANGE_SAID.search(claim.said_of) and stated.change is not None and stated.change.amount is not None \
                and _same_amount(claim, SimpleNamespace(value=stated.change.amount, unit=stated.change.unit or stated.unit)):
            continue  # "…N万元，比上年增加M万元": M is the change its sentence states
        if stated is asked:
            return _said_to_differ(ctx, ans, [ans.figures[0]], claim)
        if not any(f.record_id == stated.id for f in ans.figures):
            ans.figures.append(ctx.kb.ref(stated))  # (an operand the answer gives already is said, not repeated)
        ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(stated)])
        ans.answer += ctx.t("prompt", "premise_figure", label=figures.label(stated), value=_measured_from(ctx, ans, stated))
        return ans
    return _unborne_claim(ans, said, ctx)


def _amount_of_another(ctx: Ctx, ans: Answer, claim: Claim) -> None:
    """"上级补助收入有N万元，是哪里拨的" answered by a blank cell: the row that prints N, said to
    be what the document states N of (其他收入)."""
    cell = statements.cell_of_the_amount(ctx, ctx.docs[0], claim.value * TO_WAN[claim.unit], income="收入" in claim.said_of)
    if cell is None:
        return
    label = cell.column if cell.entry.row.level == "total" else statements.display_name(cell.entry)
    ans.figures.append(statements.ref(ctx, cell))
    ans.citations = unique_citations([*ans.citations, statements.cite_row(ctx, cell.entry, [cell.amount])])
    ans.answer += ctx.t("prompt", "premise_beside", label=f"“{label}”", value=qty(cell.amount.raw, cell.entry.table.unit))


SUBJECT_FILLER = set("的支出费用数量金额为其中")


def _count_said_otherwise(ctx: Ctx, ans: Answer, asked, claim: Claim) -> None:
    """"新买了两辆公车，花了N万元？": a count claimed of an amount that states none. The answer says
    what the document counts instead: the sentence after the amount when it counts in the claim's
    unit ("主要用于新购一辆公车"), else the count in that unit nearest after the amount in its section
    (公务用车保有量), else the document's whole count of the same thing (共有车辆 N 辆)."""
    told = _told_in_words(ctx, asked, claim.unit) if asked.quote else None
    if told is not None:
        ans.answer += told[0]
        ans.citations = unique_citations([*ans.citations, told[1]])
        return
    counted = [f for f in ctx.kb.figures if f.doc == asked.doc and f.unit == claim.unit and not f.parent and f.basis in ("本年决算", "本年")]
    near = [f for f in counted if f.section == asked.section and asked.line_start <= f.line_start <= asked.line_end + 8]
    alike = [f for f in counted if (set(f.subject) & set(asked.subject)) - SUBJECT_FILLER]
    f = min(near, key=lambda f: f.line_start, default=None) or min(alike, key=lambda f: f.line_start, default=None)
    if f is None:
        return
    beside = f.line_start <= asked.line_end and asked.line_start <= f.line_end  # "车辆 17 辆，价值 N 万元": the claim's own count
    if beside and _same_amount(claim, f):
        return
    ans.figures.append(ctx.kb.ref(f))
    ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(f)])
    ans.answer += ctx.t("prompt", "premise_figure" if beside else "premise_count", label=figures.label(f), value=qty(f.raw, f.unit))


CLAIM_SUBJECT = re.compile(r"(?P<subject>[^，,。？?；;！!]{2,}?)(?:为|是|有|达到|共计|约|大约|大概|(?:搞|花|用|签|办)了?|一共|总共)?"
                           r"(?:才|只有|只|仅|仅有|就|竟然|居然|高达|足足|竟)?\s*$")  # "平均才89.22分": a judgement, not a name
BASIS_WORD = re.compile(rf"的?(?:{BASIS_NAMES}|执行)数?")


def _claim_words(ctx: Ctx, said: str) -> str:
    """A claim's subject without the words that name no figure: "听说", the department, the year."""
    text = re.sub(r"(?<!\d)(?:19|20)\d{2}\s?年度?", " ", fold(said))
    text = without_departments(ctx.q, [ctx.kb.doc(d).info for d in ctx.docs], text)  # "某市住房保障和房产管理局" as a whole
    for org in ctx.q.orgs:
        text = text.replace(org, " ")
    return NOT_OF_THE_NAME.sub("", text.strip()).strip()


def _claimed_subject(said: str) -> str:
    """What a claim is about: "X全年预算数为52.60万元、决算数" → "X决算数" (the list's subject
    carried to its later items)."""
    if "、" not in said:
        return said
    first, last = said.split("、")[0], said.split("、")[-1]
    named = list(BASIS_WORD.finditer(first))  # the last basis word: "一般公共预算…支出年初预算是N万元" keeps 一般公共预算
    return (first[: named[-1].start()] if named else first) + last


def _claim_of_another_subject(ctx: Ctx, ans: Answer) -> Answer | None:
    """"已知基本支出为15206万元，那么项目支出是多少？": the claim names a subject of its own, not
    the one asked; when the document states that subject otherwise, its figure is given too."""
    shown = {f.record_id for f in ans.figures}
    found: list[tuple[object, bool]] = []  # (the document's figure for a claim, whether it differs)
    for m in CLAIM.finditer(ctx.q.claimed):
        said = CLAIM_SUBJECT.search(ctx.q.claimed[: m.start()])
        if said is None:
            continue
        if m.group("unit") == "%" and "占" in said.group("subject"):
            share = _claimed_share(ctx, said.group("subject"), claims(m.group(0))[0])  # "X占W的81.33%"
            if share is not None:
                found.append(share)
            continue
        words, unit = _claim_words(ctx, _claimed_subject(said.group("subject"))), m.group("unit")
        basis = basis_of(words, ctx.lang)  # "…年初预算是N万元": the claim's own basis, not the one asked after it
        if unit in TO_WAN:
            ranked, needed = [r for r in figures.best_figures(ctx, text=words, basis=basis) if r.figure.unit in TO_WAN], figures.STRONG + 0.1
        else:  # "平均才89.22分": of the figures in that unit, which fewer subjects share
            ranked, needed = [r for r in figures.best_figures(ctx, text=words, units=[unit], basis=basis) if r.figure.unit == unit], figures.STRONG
            if unit not in ("%", "分"):
                needed -= 0.1  # "公车只有N辆": few figures count in 辆, and the claim's noun alone names them
        if not ranked or ranked[0].score < needed or ranked[0].figure.id in shown or any(
                not f.derived and f.unit == ranked[0].figure.unit and Decimal(f.value) == ranked[0].figure.value for f in ans.figures):
            continue  # the answer gives that figure already (as a table's cell, say)
        if len(ranked) > 1 and ranked[1].score > ranked[0].score - figures.TIE and ranked[1].figure.value != ranked[0].figure.value:
            continue  # which figure is claimed is unclear
        stated, claim = ranked[0].figure, claims(m.group(0))[0]
        if any(not f.derived and (f.unit in TO_WAN) == (claim.unit in TO_WAN) and _same_amount(claim, _Shown(f)) for f in ans.figures):
            continue  # a figure the answer gives bears the claim out
        if (stated.unit in TO_WAN) != (claim.unit in TO_WAN) or (claim.unit not in TO_WAN and stated.unit != claim.unit):
            continue
        found.append((stated, not _same_amount(claim, stated)))
        shown.add(stated.id)
    if not any(differs for _, differs in found):
        return None
    for stated, differs in found:  # every claimed figure as the document states it: those that differ, said so
        if isinstance(stated, tuple):  # a share the document states beside a figure
            f, ref = stated
            ans.figures.append(ref)
            ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(f)])
            ans.answer += ctx.t("prompt", "premise_figure" if differs else "premise_agrees", label=ref.subject, value=qty(ref.value, "%"))
            continue
        ans.figures.append(ctx.kb.ref(stated))
        ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(stated)])
        ans.answer += ctx.t("prompt", "premise_figure" if differs else "premise_agrees", label=figures.label(stated), value=_measured_from(ctx, ans, stated))
    return ans


def _measured_from(ctx: Ctx, ans: Answer, stated) -> str:
    """A stated figure said against a claim; a rate with the budget and spending its sentence
    measures it from (those the answer does not give yet are added to its figures)."""
    value = qty(stated.raw, stated.unit)
    shown = {(Decimal(f.value), f.unit) for f in ans.figures if f.value}
    measured = [g for g in figures.rate_operands(ctx, stated) if (g.value, g.unit) not in shown]
    if measured:
        value += "（" + "，".join(f"{g.term or g.basis} {qty(g.raw, g.unit)}" for g in measured) + "）"
        ans.figures += [ctx.kb.ref(g) for g in measured]
    return value


def _claimed_share(ctx: Ctx, said: str, claim: Claim):
    """"城乡社区支出占一般公共预算财政拨款支出的81.33%": the share the document states for the part
    named before 占, and whether the claim differs from it; None when no such share is stated."""
    part = _claim_words(ctx, said.split("占", 1)[0])
    ranked = [r for r in figures.best_figures(ctx, text=part) if r.figure.share is not None][:1]
    if not ranked or ranked[0].score < figures.STRONG:
        return None
    f = ranked[0].figure
    ref = ctx.kb.ref(f, subject=f"{figures.label(f)}占{f.share.of or '总额'}比例", value=str(f.share.percent), unit="%", basis="占比")
    return (f, ref), not _same_amount(claim, _Shown(ref))


def claims_checked(ctx: Ctx, ans: Answer) -> Answer:
    """An answer made elsewhere (across documents) says when the question's numbers are none of its figures."""
    said = [] if ctx.q.expression else claims(ctx.q.claimed)
    return _unborne_claim(ans, said, ctx) if said and ans.figures else ans


def _unborne_claim(ans: Answer, said: list[Claim], ctx: Ctx) -> Answer:
    """A number the question states ("棚改花了100万元吗", "增长了99%吗") that none of the answer's
    figures of that kind of unit is, however rounded: the answer says the document differs."""
    for claim in said:
        money = claim.unit in TO_WAN
        shown = [f for f in ans.figures if not f.derived and ((f.unit in TO_WAN) if money else f.unit == claim.unit)]
        computed = ans.calculation if ans.calculation is not None and ans.calculation.unit == claim.unit == "%" else None
        if computed is not None and not shown:
            # "…占…的N%，对吗" answered by a share computed: the claim is checked against it
            result = SimpleNamespace(value=Decimal(computed.result), unit="%")
            if not _same_amount(claim, result):
                ans.answer += ctx.t("prompt", "premise_computed")
            return ans
        # (a change the question states, "比上年增加N万元": the change the shown figure's sentence states)
        changed = [SimpleNamespace(value=rec.change.amount, unit=rec.change.unit or rec.unit) for f in shown
                   if (rec := ctx.kb.figure_by_id.get(f.record_id or "")) is not None and rec.change is not None and rec.change.amount is not None] \
            if CHANGE_SAID.search(claim.said_of) else []
        if shown and not any(_same_amount(claim, _Shown(f)) for f in shown) and not any(_same_amount(claim, c) for c in changed):
            return _said_to_differ(ctx, ans, shown, claim)
        if not shown and not money and claim.unit != "%" and len(ctx.docs) == 1:
            # "接待了24批次…，公务接待费却只有0.40万元？" answered by the amount: the count as the document counts it
            named = SimpleNamespace(doc=ctx.docs[0], subject=_claim_words(ctx, claim.said_of), section=None, line_start=0, line_end=-1, quote="")
            _count_said_otherwise(ctx, ans, named, claim)
    return ans


def _said_to_differ(ctx: Ctx, ans: Answer, shown: list, claim: Claim) -> Answer:
    """The answer says the question's number differs from the document's, and what that number
    is in the document when it is another figure of the subject answered (its budget)."""
    if _claimed_last_year(ctx, ans, shown, claim):
        return ans
    other = _claimed_beside(ctx, shown, claim)
    if other is None:
        ans.answer += ctx.t("prompt", "premise_number")
        return ans
    figure, label, value, citation = other
    ans.figures.append(figure)
    ans.citations = unique_citations([*ans.citations, citation])
    ans.answer += ctx.t("prompt", "premise_beside", label=label, value=value)
    return ans


def _claimed_last_year(ctx: Ctx, ans: Answer, shown: list, claim: Claim) -> bool:
    """"机关运行经费只有N万元吗" where N is last year's: this year's figure less the change the
    document states. The answer says so, with the change and last year's value worked out."""
    for ref in shown:
        f = ctx.kb.figure_by_id.get(ref.record_id or "")
        if f is None or f.unit not in TO_WAN or f.basis != "本年决算":
            continue
        g = f if f.change is not None else figures.restated_with_change(ctx, f) or figures.change_said_after(ctx, f)
        ch = g.change if g is not None else None
        if ch is None or ch.amount is None or (ch.unit or f.unit) != f.unit or ch.direction not in ("增加", "减少"):
            continue
        _, result = figures.last_years_value(f, ch)
        if not _same_amount(claim, SimpleNamespace(value=Decimal(result), unit=f.unit)):
            continue
        if any(r.derived and r.value == result for r in ans.figures):
            return True  # last year's value worked out is the answer already
        amount = qty(ch.amount_raw or str(ch.amount), ch.unit or f.unit)
        ans.answer += ctx.t("prompt", "premise_last_year", label=figures.label(f), value=qty(f.raw, f.unit), direction=ch.direction, amount=amount, result=qty(result, f.unit))
        if not any(r.basis == "比上年增减" and r.value == str(ch.amount) for r in ans.figures):
            ans.figures.append(ctx.kb.ref(g, subject=f"{figures.label(f)}比上年{ch.direction}", value=str(ch.amount), unit=ch.unit or f.unit, basis="比上年增减"))
        ans.figures.append(ctx.kb.ref(f, subject=f"上年{figures.label(f)}（推算）", value=result, basis="上年（推算）", derived=True))
        ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(g)])
        return True
    return False


def _claimed_beside(ctx: Ctx, shown: list, claim: Claim):
    """"三公经费花了0.95万元" where the document says 年初预算为0.95万元，支出决算为0.00万元: the
    claimed number is another figure of the subject answered — a cell of the table row of that name
    (its 预算数) when exactly one is, else the first figure of the same sentence that holds it.
    (figure, label, value, citation), or None."""
    if claim.approx is not None:
        return None
    said = claim.value * TO_WAN.get(claim.unit, Decimal(1))
    rows, beside = {}, {}
    for ref in shown:
        f = ctx.kb.figure_by_id.get(ref.record_id or "")
        row_id, _, column = (ref.record_id or "").partition("#")
        entry = ctx.kb.rows.by_id.get(row_id) if column else None
        if f is None and entry is not None:
            # a table cell answered ("三公经费花了N万元" where N is its 年初预算数): another cell of its row holds the claim (年初预算数)
            scale = TO_WAN.get(entry.table.unit, Decimal(1))
            held = [(entry, a) for a in entry.row.amounts if a.column and a.column != column and a.value is not None and a.value * scale == said]
            if not held:
                # "因公出国花了N万元": the claim is another row's amount in the same column (公务用车…)
                held = [(e, a) for e in ctx.kb.rows.entries if e.table.id == entry.table.id and e.row.id != entry.row.id
                        for a in e.row.amounts if a.column == column and a.value is not None and a.value * scale == said]
            for other, amount in held:
                cell = statements.Cell(other, amount)
                rows[f"{other.row.id}#{amount.column}"] = (statements.ref(ctx, cell), f"{statements.display_name(other)}{amount.column}", qty(amount.raw, other.table.unit),
                                                           statements.cite_row(ctx, other, [amount]))
            continue
        if f is None:
            continue
        for cell in statements.cells_of_the_name(ctx, f.doc, f.subject):
            if cell.amount.value is not None and cell.amount.value * TO_WAN.get(cell.entry.table.unit, Decimal(1)) == said and cell.amount.column:
                rows[f"{cell.entry.row.id}#{cell.column}"] = (statements.ref(ctx, cell), f"{cell.entry.row.name}{cell.column}",
                                                              qty(cell.amount.raw, cell.entry.table.unit), statements.cite_row(ctx, cell.entry, [cell.amount]))
        for g in ctx.kb.figures:
            if g.doc == f.doc and g.line_start == f.line_start and g.id != f.id and (g.unit == f.unit or {g.unit, f.unit} <= set(TO_WAN)) \
                    and g.value * TO_WAN.get(g.unit, Decimal(1)) == said:  # ("年初预算为 0 元，支出决算为 N 万元": one sentence, two money units)
                beside[g.id] = (ctx.kb.ref(g), figures.label(g), qty(g.raw, g.unit), ctx.kb.cite_figure(g))
    if rows:
        columns = {key.partition("#")[2] for key in rows}
        # one cell, or rows of one column holding it alike (a whole and its only spent part): the first
        return next(iter(rows.values())) if len(rows) == 1 or len(columns) == 1 else None
    # figures of the sentence all hold the claimed amount; several ("三公经费支出 25.39 … 公务用车…支出
    # 25.39"): the first as stated
    if beside or not shown:
        return next(iter(beside.values()), None)
    return _claimed_elsewhere(ctx, shown, said)


def _claimed_elsewhere(ctx: Ctx, shown: list, said: Decimal):
    """"支出总计是21,864.85万元吧" where 21,864.85 is the document's 一般公共预算财政拨款支出年初预算: an
    amount exact to the 分 (or of four figures and more) that one subject of the document states —
    said to be that, not the figure asked."""
    if said == said.to_integral_value() and said < 1000:
        return None  # ("100万元": a round number another figure may hold by chance)
    docs = {r.doc for r in shown if r.doc}
    held = {(g.subject, g.basis): g for g in ctx.kb.figures if g.doc in docs and g.unit in TO_WAN and g.value * TO_WAN[g.unit] == said}
    if len(held) != 1:
        return None
    g = next(iter(held.values()))
    return ctx.kb.ref(g), figures.label(g), qty(g.raw, g.unit), ctx.kb.cite_figure(g)


class _Shown:
    """A figure of an answer as :func:`_same_amount` reads one."""

    def __init__(self, ref):
        self.value = Decimal(ref.value)
        self.unit = ref.unit


def _stated_for_claim(ctx: Ctx, asked, claim: Claim):
    """The figure a claim is about: the one asked for, or a figure in the same sentence with its unit
    whose subject shares the asked one's words (购置费 万元 → 购置数 辆) — on the basis the claim's
    words name, when they name one ("年初预算是N万元")."""
    unit = claim.unit
    money = unit in TO_WAN
    if asked.basis == "比上年增减" and money:
        # "总支出是29044.27万元，比上年多了多少": the claim is of the amount, not of its change
        level = [f for f in ctx.kb.figures if f.doc == asked.doc and f.subject == asked.subject and f.unit in TO_WAN
                 and f.basis != "比上年增减" and abs(f.line_start - asked.line_start) <= 2]
        if level:
            return min(level, key=lambda f: abs(f.line_start - asked.line_start))
    basis = basis_of(claim.said_of, ctx.lang) or _basis_said_last(claim.said_of)
    if money and asked.unit in TO_WAN and basis and asked.basis not in basis:
        # "年初预算N万，决算50多亿": the claim names another basis of the same subject, stated beside it
        other = [f for f in ctx.kb.figures if f.doc == asked.doc and f.subject == asked.subject and f.basis in basis
                 and f.unit in TO_WAN and abs(f.line_start - asked.line_start) <= 2]
        if len({f.value for f in other}) == 1:
            return min(other, key=lambda f: abs(f.line_start - asked.line_start))
    if (asked.unit in TO_WAN) == money and (money or asked.unit == unit):
        return asked
    near = [
        f for f in ctx.kb.figures
        if f.doc == asked.doc and f.unit == unit and f.line_start <= asked.line_end and f.line_end >= asked.line_start
        and len(grams(fold(f.subject)) & grams(fold(asked.subject))) >= 3
    ]
    return max(near, key=lambda f: (f.basis in basis, len(grams(fold(f.subject)) & grams(fold(asked.subject)))), default=None)


CLAIM_BASIS = (("本年决算", re.compile(r"(?:决算|实际(?:支出|花了?|用了?)?)数?(?:才|只有|就|共|为|是|达到?|有)?$")),
               ("年初预算", re.compile(r"年初(?:预算)?数?(?:才|只有|就|为|是|有)?$")),
               ("全年预算", re.compile(r"全年预算数?(?:才|只有|就|为|是|有)?$")))


def _basis_said_last(said_of: str) -> list[str]:
    """The basis a claim's clause ends on ("决算50多亿", "年初才N万"): the figure it is claimed of."""
    return [basis for basis, ending in CLAIM_BASIS if ending.search(said_of)][:1]


def _same_amount(claim: Claim, stated) -> bool:
    """Equal, or the stated value rounded as the question rounds it ("150万" for 150.12 万元), or
    within what an approximate claim allows ("62万多" for 62.51, "1700万左右" for 1700.57)."""
    claimed, unit, value = claim.value, claim.unit, stated.value
    if unit in TO_WAN and stated.unit in TO_WAN:
        value = value * TO_WAN[stated.unit] / TO_WAN[unit]
    if claim.approx == "more":
        return claimed <= value < claimed + claim.step
    if claim.approx == "over":
        return value > claimed
    if claim.approx == "about":
        return abs(value - claimed) <= max(claim.step, claimed * Decimal("0.05"))
    try:
        return value.quantize(claimed) == claimed
    except InvalidOperation:
        return False


# "这是不是说明…乱花钱", "是不是写错了", "正常吗": a judgement asked of a stated figure, which the
# document's own reason for it answers better than any verdict
JUDGEMENT_ASKED = re.compile(r"是不是(?:说明|意味着|表明|代表|写错|算错|搞错|有问题|乱花|浪费|超支)|(?:是否|能否)(?:说明|表明|意味着)|乱花钱?|浪费|(?:正常|合理)(?:吗|不)|怎么回事|写错了?吗?|说明了?什么"
                            r"|(?:数据|数字|数)?(?:是不是|是否|有没有)(?:错了?|有误|有错|弄错)|(?:数据|数字)(?:错了|有误|不对)")


def _reason_when_judged(ctx: Ctx, ans: Answer) -> Answer:
    """A judgement asked of the figure answered ("差异率高达N%，是不是说明超预算乱花钱？"): the reason
    the document states for that figure, quoted after it."""
    if ans.kind not in ("figure", "calculation") or "reason" in ctx.q.intents or not ans.figures or not JUDGEMENT_ASKED.search(ctx.q.folded):
        return ans
    given = [f for r in ans.figures if (f := ctx.kb.figure_by_id.get(r.record_id or "")) is not None]
    if "预算" in ctx.q.folded:
        given = [f for f in given if f.change is None]  # (set against the budget: not the reason for last year's change)
    f = next((f for f in given if f.reason), None) if ans.kind == "calculation" else (given[:1] or [None])[0]
    if f is not None and not f.reason and "预算" in ctx.q.folded:
        # "年初N万，决算50多亿，是不是错了": the gap its sentence states between them, with its reason
        rate = next((g for g in figures.rates_stated(ctx.kb, f, range(f.line_start - 2, f.line_start + 3)) if g.reason and g.change is None), None)
        if rate is not None:
            ans.answer += "\n" + figures.rate_said(ctx, rate)
            ans.figures.append(ctx.kb.ref(rate))
            ans.citations = unique_citations([*ans.citations, ctx.kb.cite_figure(rate)])
            f = rate
    if f is None or not f.reason:
        return ans
    if _reason_of(f)[:12] in ans.answer:
        return ans
    return _with_reason(ctx, ans, f)


def _reason_of(f: Figure) -> str:
    return (f.reason_quote or f.reason).strip("：:；; ")


def _with_reason(ctx: Ctx, ans: Answer, f: Figure) -> Answer:
    """``ans`` with the reason the document states for ``f`` after it, cited."""
    ans.answer += "\n" + ctx.t("reason", "stated_other", reason=_reason_of(f))
    cited = ctx.kb.cite_reason(f)
    if cited is not None:
        ans.citations = unique_citations([*ans.citations, cited])
    return ans


def _none_budgeted(ctx: Ctx, ans: Answer) -> Answer:
    """"它年初做预算了吗？" answered with a budget of 0: the reason the document states for spending
    without one ("…为追加预算支出，未编制年初预算") comes with it."""
    given = [ctx.kb.figure_by_id.get(f.record_id or "") for f in ans.figures if not f.derived]
    if ans.kind != "figure" or "reason" in ctx.q.intents or len(given) != 1 or given[0] is None:
        return ans
    f = given[0]
    if f.basis != "年初预算" or f.value != 0:
        return ans
    why = next((g for g in ctx.kb.figures if g.doc == f.doc and g.subject == f.subject and g.reason and abs(g.line_start - f.line_start) <= 3), None)
    return ans if why is None else _with_reason(ctx, ans, why)


def _change_unstated(ctx: Ctx, ans: Answer) -> Answer:
    """"公车运维费增加了吗" found a figure whose change the document does not state: say so with it."""
    if "change" not in ctx.q.intents or ans.kind != "figure" or ans.intent != "figure" or len(ans.figures) != 1:
        return ans
    f = ctx.kb.figure_by_id.get(ans.figures[0].record_id or "")
    if f is None or f.change is not None:
        return ans
    whole = figures.change_not_stated(ctx, f)
    if whole.kind == "figure":
        return whole  # the change of the total it is listed under, said to be the total's
    ans.answer = ctx.t("change", "missing", label=figures.label(f), value=qty(f.raw, f.unit))
    ans.intent = "change_unstated"  # the change asked is not stated: what a fuller reading answers wins over it
    return ans


WHOLE = re.compile(r"总共|一共|全部|全年|整个|一年|合计")
WHEN_SPENT = re.compile(r"\s*(?:一年|全年|本年|当年|实际|实实在在|真正)\s*")  # "一年实际花了多少钱": the whole year's, as spent
WHOLE_WORD = re.compile(r"^(收入|支出|花费|开支|钱)$")  # "一年总共收入了多少钱": what the whole year is of, no subject
COMPARED_ONLY = re.compile(r"比|是|还是|多|少|增|减|变化|相比")
HEADCOUNT = "实有人数"  # the template's 机构设置及人员: "实有人数 N 人，其中：在职人员…"
WHOLE_BUDGET = "一般公共预算财政拨款支出"  # the budget the template states the department's execution of
# words that name no subject: the department's budget and spending as such ("预算两万多万，只花了一万九千多万")
DEPARTMENT_ONLY = re.compile(r"预算|年初|全年|实际|只|仅|才|最后|最终|全部|都|没有|没|花完|花了|花|完成|用完|用了|用|钱|总共|一共|总|的|了|啥|"
                             r"\d+(?:\.\d+)?|[一二三四五六七八九十两千百]*多?万多?|[，,。、\s]")


def _whole_department(ctx: Ctx) -> None:
    """"你们局一年总共花了多少钱": no subject but the department itself, so the whole year's
    spending (本年支出合计) or income (本年收入合计) — not the previous answer's subject, unless the
    question is only a follow-up ("花了多少？" after "三公经费"). "预算没有全部花完，原因是什么",
    "预算两万多万，为什么只花了一万九千多万": the department's budget against its spending, which the
    template states for 一般公共预算财政拨款支出."""
    q = ctx.q
    if (ctx.session.last is None or q.orgs) and (q.basis or "reason" in q.intents) and "预算" in q.folded \
            and not DEPARTMENT_ONLY.sub("", q.content):
        q.content = WHOLE_BUDGET
        return
    if (ctx.session.last is None or q.orgs) and q.intents & {"change", "reason"} and not COMPARED_ONLY.sub("", DEPARTMENT_ONLY.sub("", q.content)):
        # "总共花的钱比2024年是多了还是少了？为什么？": the whole year's spending (or income)
        spent, received = bool(re.search(r"花|支出|开支|用钱", q.folded)), bool(re.search(r"收入|进账|收了", q.folded))
        if spent != received:
            q.content = WHOLE_TERMS["whole_spent" if spent else "whole_received"]
            return
    rest = q.content
    for name in [*q.orgs, *q.places, *(re.findall(r"[\u4e00-\u9fff]{2,}(?:局|街道|委员会|办公室|中心)", rest))]:
        rest = rest.replace(name, " ")
    if q.units == ["人"] and (ctx.session.last is None or q.orgs) and not re.sub(r"[\s，,。]|有|的|共|一共|总共|了|多少|几", "", rest):
        q.content = HEADCOUNT  # "某局有多少人？": the department's headcount as the template states it
        return
    asked = [term for intent, term in WHOLE_TERMS.items() if intent in q.intents]
    if WHOLE_WORD.sub("", WHEN_SPENT.sub("", q.content).strip()) or len(asked) != 1 or set(q.fields) - {"executed"}:  # "花了" also reads as a project's 执行数
        return
    if ctx.session.last is None or WHOLE.search(q.folded) or q.orgs:
        q.content = asked[0]


BARE_SUM = re.compile(r"^(?:那么?)?(?:这些|它们|以上|上面这些)?的?(?:支出)?(?:决算数?)?(?:一共|总共|合计|加起来|共计|总计)(?:是|有)?多少")
RANKED_PARTS = re.compile(r"^(?:那么?)?(?:这|那)?(?P<n>两|俩|三|四)(?:类|款|项|个)")
THESE_TURNS = re.compile(r"^(那么?)?(这|那)?(?P<n>两|俩|三|四)(项|个|笔|块|者|样)|^(那么?)?(它们|两者|二者)")
HOW_MANY = {"两": 2, "俩": 2, "三": 3, "四": 4}


def _of_the_last_turns(ctx: Ctx) -> Answer | None:
    """"这两项的支出决算合计是多少？" after two turns about two subjects: each turn's figure on the
    basis asked (支出决算 by default), added up by the calculator."""
    m = THESE_TURNS.search(ctx.q.folded) or BARE_SUM.match(ctx.q.folded)
    ranked_parts = RANKED_PARTS.search(ctx.q.folded)
    if ranked_parts is not None and "share" in ctx.q.intents and "sum" in ctx.q.intents:
        n = HOW_MANY.get(ranked_parts.group("n"), 2)
        ranked = ctx.session.turns[-n:]
        if len(ranked) == n and all(t.ranking is not None for t in ranked) and len({t.ranking.row_id for t in ranked}) == 1:
            # "这两类加起来占多少？" after the largest and the second largest of one row's parts: their sum over that row
            return statements.ranked_share(ctx, ranked)
    if m is None or not (ctx.q.intents & {"sum", "difference", "ratio"} or EACH.search(ctx.q.folded)):
        return None
    last = ctx.session.last
    if "n" in m.groupdict():
        n = HOW_MANY.get(m.group("n") or "两", 2)
    else:  # "合计是多少？" after a list of several figures: all of them
        n = len(last.figure_ids) if last is not None and last.kind == "figure" else 0
        if n < 2:
            return None
    of_whole = OF_A_WHOLE.search(ctx.q.folded, m.end())
    # the basis words of "…完成了三公经费年初预算的百分之几" are the whole's, not the turns'
    basis = ["本年决算"] if of_whole is not None else [b for b in ctx.q.basis if b != "执行率"] or ["本年决算"]
    picked = _last_answer_figures(ctx, n, basis)  # "A和B各花了多少？" → "两项合计多少？": the last answer's own
    if picked is None and n == 2 and re.search(r"两者|二者", m.group(0)) and last is not None and statements.one_subject_twice(ctx.kb, last):
        return None  # "X的年初预算和决算各多少？" → "两者差多少？": those two of X (statements), not the turns before
    if picked is None:  # else one figure of each of the last n turns ("这两项…" after two turns)
        turns = ctx.session.turns[-n:]
        if "n" not in m.groupdict() or len(turns) < n:
            return None
        picked = []
        for t in turns:
            given = [g for g in (ctx.kb.figure_by_id.get(i) for i in t.figure_ids) if g is not None and g.kind == "amount" and g.unit in MONEY_SCALE]
            # the one amount a turn gave, when the question names no basis ("…年初预算是多少？决算是多少？" →
            # "两者差多少？": that budget and that 决算)
            f = given[0] if len(given) == 1 and not ctx.q.basis and of_whole is None else _turn_figure(ctx, t, basis)
            if f is None or any(f.id == g.id for g in picked):
                return _cells_of_the_last_turns(ctx, turns) if ctx.q.intents & {"sum", "difference", "ratio"} and of_whole is None else None
            picked.append(f)
    if of_whole is not None and len({f.unit for f in picked}) == 1:
        # "这两项加起来完成了三公经费年初预算的百分之几": their sum over the whole named
        whole = calc.pick(ctx, of_whole.group("whole"), units=[picked[0].unit], exclude=picked)
        if whole is not None and whole.value:
            return calc.share_of_sum(ctx, picked, whole, "、".join(figures.label(f) for f in picked) + f"合计占{figures.label(whole)}的比例")
    if "difference" in ctx.q.intents and "预算" in ctx.q.folded[m.end():] and "sum" not in ctx.q.intents:
        # "两个都比预算少吧？各少多少？": each one's budget less its spending, as its sentence states both
        spent = [f if f.basis not in figures.BUDGETS else calc.on_another_basis(ctx, f, ["本年决算"]) for f in picked]
        budgets = [calc.on_another_basis(ctx, f, list(figures.BUDGETS)) if f is not None else None for f in spent]
        if all(b is not None for b in budgets) and all(f is not None for f in spent):
            return statements.each_computed(ctx, [calc.budget_gap(ctx, b, f) for b, f in zip(budgets, spent)])
    if "change" in ctx.q.intents and "sum" not in ctx.q.intents and all(f.change is not None for f in picked):
        # "这两项比上年各增加了多少？": each one's change, as its sentence states it
        each = [figures.change(ctx, f) for f in picked]
        if all(a is not None for a in each):
            return statements.each_computed(ctx, each)
    if len(picked) == 2 and "sum" not in ctx.q.intents and ctx.q.intents & {"difference", "ratio"} and picked[0].unit == picked[1].unit:
        # "两个差多少", "两者是几倍" after two turns: the larger against the smaller
        larger, smaller = sorted(picked, key=lambda f: f.value, reverse=True)
        if "ratio" in ctx.q.intents and smaller.value:  # ("相差几倍": a multiple)
            return calc.ratio_of(ctx, larger, smaller)
        if "difference" in ctx.q.intents:
            return calc.difference_of(ctx, larger, smaller)
    if not ctx.q.intents & {"sum", "difference", "ratio"}:  # "这两项的年初预算分别是多少？"
        text = "".join(figures.figure_sentence(ctx, f) for f in picked)
        return ctx.answer("figure", text, intent="figure", figures=[ctx.kb.ref(f) for f in picked], citations=[ctx.kb.cite_figure(f) for f in picked])
    if len({f.unit for f in picked}) != 1 or "sum" not in ctx.q.intents:
        return None
    return calc.sum_of(ctx, picked, "、".join(figures.label(f) for f in picked) + "合计")


def _share_stated_of_cells(ctx: Ctx, last):
    """The narrative figure of a turn's one table cell that states its share: the same amount, its
    subject ending in the row's name (or, of a total row, the column's)."""
    cells = statements.turn_cells(ctx.kb, last)
    if len(cells) != 1:
        return None
    entry, column = cells[0]
    cell = entry.row.amount(column)
    if cell is None or cell.value is None:
        return None
    names = {ORDINAL.sub("", fold(entry.row.name)), fold(column)} - {"合计", "总计", "决算数"}
    alike = [f for f in ctx.kb.figures if f.doc == entry.doc and f.value == cell.value and f.share is not None
             and any(fold(f.subject).endswith(n) for n in names)]
    return alike[0] if len({f.share.percent for f in alike}) == 1 else None


def _cells_of_the_last_turns(ctx: Ctx, turns) -> Answer | None:
    """"这两项加起来是多少？", "两个差多少" after two turns that each gave one table cell (退休费, then
    离休费): the two cells of one column added up or set against each other, by the calculator."""
    cells = [statements.turn_cells(ctx.kb, t) for t in turns]
    if any(len(c) != 1 for c in cells):
        return None
    if len({c[0][1] for c in cells}) != 1:  # cells of other columns
        return statements.cells_combined(ctx, [c[0] for c in cells])
    return statements.calculate(ctx, [[c[0][0]] for c in cells], Asked(columns=[cells[0][0][1]]))


# "前者是后者的几倍", "前者比后者多多少"
FORMER_LATTER = re.compile(r"^(?:那么?)?(?P<a>前者|后者)(?:(?:是|为|相当于)(?P<b>前者|后者)的(?:多少|几)倍|比(?P<than>前者|后者)(?P<more>多|少|高|低)了?(?:多少|几))")


def _former_and_latter(ctx: Ctx) -> Answer | None:
    """"前者是后者的几倍？" after two turns (two departments' 政府采购金额, say): the first turn's figure
    over the second's, or the other way round, by the calculator."""
    m = FORMER_LATTER.search(ctx.q.folded)
    turns = ctx.session.turns[-2:]
    if m is None or m.group("a") == (m.group("b") or m.group("than")) or len(turns) < 2:
        return None
    former, latter = (_turn_figure(ctx, t, ["本年决算"]) for t in turns)
    if former is None or latter is None or former.id == latter.id or former.unit != latter.unit:
        return None
    a, b = (former, latter) if m.group("a") == "前者" else (latter, former)
    if m.group("than"):
        return calc.difference_of(ctx, a, b)
    return calc.ratio_of(ctx, a, b) if b.value else None


EACH = re.compile(r"分别|各(是|为|有|多少|少了?多少|多了?多少|差多少|(?:增加|减少|增长|下降|变化|变动)了?多少)")
OF_A_WHOLE = re.compile(r"(?:占|完成了?|是|相当于)(?P<whole>[^，,。？?]{2,20}?)的?(?:百分之几|百分之多少|多少百分比|百分比|比例|比重|几成|多少(?![钱万元个项辆人]))")


REST_ASKED = re.compile(r"^(那么?)?(剩下|剩余|其余|余下|另外)(的|那些|那部分|部分)")


WITHIN_LAST = re.compile(r"^(?:那么?)?其中(?P<part>[^，,。？?占]{2,40}?)(?:的)?(?:所占|占)(?:了)?(?:(?:决算数?|支出决算|总额|总数|全部|总共)的?)?(?:多少|几成|百分之几|百分之多少|的?比例|的?比重)")


def _share_within_the_last(ctx: Ctx) -> Answer | None:
    """"其中资源勘探工业信息等支出占多少？" after 一般公共预算财政拨款支出: the part's share of the subject
    just given — the share the narrative states of that whole, when it states one."""
    last = ctx.session.last
    m = WITHIN_LAST.match(ctx.q.folded.strip())
    if last is None or m is None or not last.figure_ids:
        return None
    whole = ctx.kb.figure_by_id.get(last.figure_ids[0])
    if whole is None or whole.unit not in MONEY_SCALE:
        return None
    ranked = figures.best_figures(ctx, text=calc.clean(m.group("part"), ctx), units=[])
    stated = [r.figure for r in ranked if r.score >= figures.STRONG - 0.1 and r.figure.share is not None and r.figure.share.of
              and _same_words(r.figure.share.of, whole.subject) and r.figure.doc == whole.doc]
    if stated:
        return figures.stated_share(ctx, stated[0], whole)
    # no share stated: one of the whole's own stated parts, over the whole, by the calculator
    # ("某经费决算数" → "其中X占决算的多少？")
    near = [r for r in ranked if r.score >= figures.STRONG and r.figure.doc == whole.doc and r.figure.basis == whole.basis and r.figure.parent
            and _same_words(r.figure.parent, whole.subject) and r.figure.unit == whole.unit and 0 <= r.figure.value <= whole.value]
    if not near or not whole.value or any(r.figure.value != near[0].figure.value and near[0].score - r.score <= figures.TIE for r in near[1:]):
        return None  # none, or two parts nearly as well named with different amounts: not for this to choose
    part = near[0].figure
    return calc.share_of_sum(ctx, [part], whole, f"{figures.label(part)}占{figures.label(whole)}的比例")


def _same_words(a: str, b: str) -> bool:
    """One name in another order ("财政拨款“三公”经费支出", "“三公”经费财政拨款支出")."""
    return sorted(fold(a)) == sorted(fold(b))


def _rest_of_the_whole(ctx: Ctx) -> Answer | None:
    """"剩下的是什么收入？" after a part of a stated whole ("本年收入…其中：财政拨款收入…"): the
    whole's other parts the same sentence states, those that are not zero, each with its share."""
    last = ctx.session.last
    if last is None or not REST_ASKED.search(ctx.q.folded):
        return None
    given = [f for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None]
    part = next((f for f in given if f.parent and f.kind == "amount"), None)
    if part is None:
        return None
    shown = {f.id for f in given}
    rest = [g for g in ctx.kb.figures if g.doc == part.doc and g.parent == part.parent and g.line_start == part.line_start
            and g.unit == part.unit and g.basis == part.basis and g.id not in shown and g.value != 0]
    if not rest:
        return None
    return _the_rest(ctx, part, rest)


def _the_rest(ctx: Ctx, part, rest: list) -> Answer:
    """The parts of a whole besides ``part``, each with the share its sentence states."""
    refs = []
    for g in rest:
        refs.append(ctx.kb.ref(g))
        if g.share is not None:
            refs.append(ctx.kb.ref(g, subject=f"{figures.label(g)}占{g.share.of or g.parent}比例", value=str(g.share.percent), unit="%", basis="占比"))
    text = ctx.t("list", "rest_of", whole=rest[0].parent, part=figures.label(part)) + "".join(figures.figure_sentence(ctx, g) for g in rest)
    return ctx.answer("figure", text, intent="figure", figures=refs, citations=[ctx.kb.cite_figure(g) for g in rest])


OTHER_THAN = re.compile(r"(?:不是|不属于|除了?|除去)(?P<part>[\u4e00-\u9fff]{2,10}?)(?:收入|支出)?(?:以外|之外)?的(?:那部分|部分|那些|其他|其余|另外)?")


def _other_than_named(ctx: Ctx) -> Answer | None:
    """"里面不是财政拨款的那部分收入有多少" after a whole ("本年收入合计"): the whole's other parts its
    narrative sentence states ("其中：财政拨款收入…；其他收入…"), those that are not zero, each
    with its share."""
    last = ctx.session.last
    m = OTHER_THAN.search(ctx.q.folded)
    if last is None or m is None:
        return None
    given = [f for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None]
    names = [*(f.subject for f in given), *(entry.row.name for entry, _ in statements.turn_cells(ctx.kb, last))]
    for whole in dict.fromkeys(fold(ORDINAL.sub("", n)) for n in names):
        parts = [g for g in ctx.kb.figures if g.parent and fold(g.parent) == whole and g.kind == "amount" and g.doc in ctx.docs]
        lines = {g.line_start for g in parts}
        if not parts or len(lines) > 1 and not any(sum(g.line_start == n for g in parts) >= 2 for n in lines):
            continue
        line = max(lines, key=lambda n: sum(g.line_start == n for g in parts))
        named = [g for g in parts if g.line_start == line and m.group("part") in fold(g.subject)]
        rest = [g for g in parts if g.line_start == line and g not in named and g.value != 0]
        if named and rest:
            return _the_rest(ctx, named[0], rest)
    return None


def _last_answer_figures(ctx: Ctx, n: int, basis: list[str]) -> list[Figure] | None:
    """The ``n`` figures of as many subjects the last answer gave on ``basis``, when it gave exactly those."""
    last = ctx.session.last
    if last is None or last.kind != "figure":
        return None
    given = [f for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None and f.basis in basis and f.unit != "%"]
    return given if len(given) == n and len({f.subject for f in given}) == n else None


def _turn_figure(ctx: Ctx, turn, basis: list[str]):
    """A turn's figure on ``basis``: one it gave, or its subject's figure on that basis (a table
    row's 年初预算 as the narrative states it)."""
    given = [f for f in (ctx.kb.figure_by_id.get(i) for i in turn.figure_ids) if f is not None]
    f = next((f for f in given if f.basis in basis and f.kind == "amount"), None)
    if f is not None:
        return f
    if given:
        return _same_subject(ctx, given[0], basis)
    if not turn.subject:
        return None
    ranked = [r for r in figures.best_figures(ctx, text=fold(turn.subject), basis=basis) if r.figure.basis in basis and r.figure.kind == "amount"]
    return ranked[0].figure if ranked and ranked[0].score >= figures.STRONG else None


def _with_previous_subject(ctx: Ctx) -> Answer | None:
    """"接待了多少人次？" after "公务接待费呢？": a short question whose words alone name no figure,
    read with the subject under discussion (the unit it asks for choosing among that subject's)."""
    last = ctx.session.last
    given = ctx.kb.figure_by_id.get(last.figure_ids[0]) if last is not None and last.figure_ids else None
    subject = (last.subject if last is not None else None) or (given.subject if given is not None else None)  # "涉及多少钱？" after a count
    if not subject or len(ctx.q.content.replace(" ", "")) > 6 or not (ctx.q.content.strip() or ctx.q.intents & {"change", "last_year"}):
        return None  # ("比2024年增加了多少？" names nothing: the subject's change)
    if ctx.q.orgs and ctx.q.content.strip() and YEAR.search(ctx.q.folded):
        return None  # "某局2024年扶贫的钱是多少？": a question of its own, whatever was asked before
    if "change" in ctx.q.intents:
        # "比2024年多还是少？" after its counts (批次, 人次), which state no change: the subject's figure that does
        changed = figures.best_figures(ctx, text=f"{fold(subject)} {ctx.q.content}", require_change=True)
        if changed and changed[0].score >= figures.STRONG:
            return figures.change(ctx, changed[0].figure)
    ranked = figures.best_figures(ctx, text=f"{fold(subject)} {ctx.q.content}", units=ctx.q.units or None)
    if ctx.q.units:
        ranked = [r for r in ranked if r.figure.unit in ctx.q.units]
    if not ranked or ranked[0].score < figures.STRONG:
        return None
    if given is not None and ranked[0].figure.id == given.id and not ctx.q.intents and not ctx.q.basis and _names_another(ctx, given, subject):
        # "给中小企业留了多少？" after 政府采购: words another figure is named by, not the figure just given again
        own = [r for r in figures.best_figures(ctx, text=ctx.q.content, units=ctx.q.units or None) if r.figure.id != given.id]
        return figures.lookup(ctx, own) if own and own[0].score >= figures.STRONG else None
    return figures.lookup(ctx, ranked)


def _names_another(ctx: Ctx, given: Figure, subject: str) -> bool:
    """The question's own words (four characters running) name another figure of the document, not
    the subject under discussion ("中小企业" after 政府采购 — not "具体点", "主要买的啥")."""
    words = re.sub(r"\s", "", fold(ctx.q.content))
    own = fold(subject)
    runs = {words[i : i + 4] for i in range(len(words) - 3)} - {own[i : i + 4] for i in range(len(own) - 3)}
    return any(r in fold(g.subject) for r in runs for g in ctx.kb.figures if g.doc == given.doc and g.id != given.id)


def project_hit(ctx: Ctx):
    """The one project the question names (computed once per question)."""
    return ctx.memo("project", lambda: tables.find_project(ctx))


def _mostly_expression(q) -> bool:
    letters = re.sub(r"[\s\d.,+\-−×xX*/÷()（）%=？?]", "", q.text)
    return len(letters) <= 4


COUNT_OF_PROJECTS = re.compile(r"(几|多少)(个|张|项)(项目|自评表|表)|(项目|自评表)(有|一共有|共有|总共有)?(几|多少)(个|张|项)")


WHICH_PROJECT = re.compile(r"哪(?:个|一个|些|几个)?项目|项目(?:是|有)?哪|项目里|项目中")
EACH_PROJECT = re.compile(r"项目(?:各自|分别|逐一|逐个)的?|每(?:一)?个项目的|各(?:个)?项目的(?:名称|得分|分数|执行率)")
PROJECT_MEASURED = re.compile(r"得分|分数|评分|打分|执行率|执行数|完成率")


def _aggregate(ctx: Ctx) -> Answer | None:
    """Questions across projects; a question about one named project ("…实际完成多少个") is not one."""
    q = ctx.q
    each_project = bool(EACH_PROJECT.search(q.folded))  # "43个绩效自评项目各自的名称及自评得分"
    if ((q.intents & {"rank_high", "rank_low"} and WHICH_PROJECT.search(q.folded)) or each_project) and PROJECT_MEASURED.search(q.folded) and ctx.docs and not aggregate.projects(ctx):
        # "绩效自评的项目里得分最低的是哪个": the document gives no project's own table, only their summary
        return scope.refusal(ctx, "projects_unlisted" if q.intents & {"rank_high", "rank_low"} else "projects_unlisted_each")
    counted = [r for r in figures.best_figures(ctx) if r.figure.kind == "count"][:1]
    if counted and counted[0].score >= figures.STRONG + 0.1 and len(fold(counted[0].figure.subject)) >= 4 and fold(counted[0].figure.subject) in q.folded \
            and "绩效" not in counted[0].figure.subject:
        return None  # "本年涉密项目有几个": a count the narrative states by that name, not the performance tables counted
    hit = project_hit(ctx)
    if hit is None:
        return aggregate.aggregate(ctx, False)  # no project named: nothing below could make it one
    named_whole = hit[0] >= 1.0
    across = bool(q.intents & {"rank_high", "rank_low"}) or bool(COUNT_OF_PROJECTS.search(q.folded))
    across = across or ("list" in q.intents and not named_whole)
    unit = aggregate.named_unit(ctx)
    if unit is not None and ("项目" in q.folded or "负责" in q.folded) and not named_whole:
        across = True  # "实施单位为…的项目": the unit's projects, not one project
    if len(aggregate.named_in_full(ctx)) >= 2:
        across = True  # several projects named one by one
    group = aggregate.named_group(ctx)
    if len(group) >= 2 and (not named_whole or hit[1] in group):
        across = True  # "某某补贴三批一共…", "某某补贴发放人数", "三个某某补贴项目": the projects the name abbreviates
    return aggregate.aggregate(ctx, not across)


# -- follow-ups -------------------------------------------------------------------------------
def _share_of(ctx: Ctx) -> re.Match | None:
    """"占…多少比例？" with no numerator of its own (a year said before it is the document's own)."""
    m = SHARE_OF.match(ctx.q.folded)
    year = ctx.kb.doc(ctx.docs[0]).info.year if m is not None and m.group("year") and ctx.docs else None
    return None if m is None or (m.group("year") and year != int(m.group("year"))) else m


GIVEN_TO = re.compile(r"^(?:那么?)?(?:给|对|向|面向)[\u4e00-\u9fff]{2,8}?的(?:有|是)?多少(?:钱)?[？?]?$")  # a part of the subject just given, by whom it went to


def _elliptical(ctx: Ctx) -> bool:
    q = ctx.q
    short = len(q.content) <= 10
    last = ctx.session.last
    table_turn = last is not None and last.table_id is not None
    rest = _strip_fields(ctx)
    if _share_of(ctx) and last is not None and last.figure_ids:
        return True  # "占…多少比例？" has no numerator of its own
    if table_turn and tables.DEDUCTED.search(q.folded) and project_hit(ctx) is None:
        return True  # "哪个指标扣了分？" right after a project's table
    if table_turn and last.indicator and re.search(r"(这个|该|此|那个)指标", q.folded):
        return True  # "那这个指标实际完成了预期值的百分之几？" right after an indicator
    if table_turn and project_hit(ctx) is None and not _own_subject(ctx):
        # "请了几个保安？" right after a project: an indicator of that project
        table = ctx.kb.table_by_id.get(last.table_id)
        if table is not None:
            inds = rank_indicators(ctx.kb, q, [table], text=rest or q.content)
            if inds and inds[0][0] >= (0.45 if short else 0.6):
                return True
    return bool(
        not q.content
        or (short and (q.folded.rstrip("?？!！。 ").endswith("呢") or FOLLOW_UP_START.match(q.folded)))
        or (short and bool(GIVEN_TO.match(q.folded)) and last is not None and bool(last.figure_ids) and not _own_subject(ctx))  # "给中小企业的有多少？"
        or (short and table_turn and set(q.fields) & FIELDISH and project_hit(ctx) is None)
        or (not rest and q.intents & {"change", "share", "reason", "last_year", "average", "convert"})
        or (not rest and (bool(q.basis) or "rate" in q.fields) and last is not None and bool(last.figure_ids))  # "与年初预算比，预决算差异率是多少？年初预算数是多少？", "执行率是多少？"
        or (short and q.intents & {"change", "share", "reason", "last_year", "average", "convert"} and not _own_subject(ctx))
        # "最后完成了年初预算的多少？" after a budget: the rate of the subject under discussion
        or (short and "执行率" in q.basis and last is not None and bool(last.figure_ids) and not _own_subject(ctx))
        # "涉及多少预算？" after "有几个项目做了绩效自评": a word of another figure of the same sentence
        or (short and bool(rest) and _of_the_same_subject(ctx, last, rest) is not None)
        # "它的决算数大于预算数的主要原因是什么？": "它" is the figure under discussion, however long the rest
        or (bool(IT.match(q.folded)) and bool(q.intents & {"reason", "change", "share"}) and not _own_subject(ctx))
        # "为什么会有这笔支出？": a pronoun inside a short question names nothing else
        or (short and bool(IT_INSIDE.search(q.folded)) and bool(q.intents & {"reason", "change", "share"}))
        # "决算数小于预算数的主要原因是什么？": why the figure under discussion differs from its budget
        or ("reason" in q.intents and budget_gap_why(q.folded))
    )


def _of_the_same_subject(ctx: Ctx, last, rest: str):
    """The one other figure of the last answer's subject, stated in its sentence, that ``rest``
    names ("涉及" of "…项目4个，涉及预算金额598.42万元": the 项目's 涉及预算金额); else None."""
    focus = ctx.kb.figure_by_id.get(last.figure_ids[0]) if last is not None and last.figure_ids else None
    if focus is None or len(rest) < 2:
        return None
    said, own = fold(rest), fold(focus.subject)
    named = lambda subject: subsequence_run(said, fold(subject), anchored=True) == len(said)  # noqa: E731 ("涉及金额" of "…涉及预算金额")
    others = {fold(g.subject): g for g in ctx.kb.figures if g.doc == focus.doc and g.id != focus.id and g.quote == focus.quote
              and fold(g.subject).startswith(own) and named(fold(g.subject)[len(own):])}
    return next(iter(others.values())) if len(others) == 1 and not named(own) else None


IT = re.compile(r"^(它(?!们)|其(?!中|他|余)|这笔|这一?项|该项|此项)")  # the figure under discussion, named by a pronoun ("其中X" names a part)
IT_INSIDE = re.compile(r"这笔|这一?项|该项|此项|它(?!们)")
NO_BUDGET_WHY = re.compile(r"^(那么?)?(年初)?(怎么|为什么|为啥|咋)(会)?(年初)?(没有|没|无)(做|编|编制|安排)?(年初)?预算[?？]?$")  # "年初怎么没有预算？"
BUDGET_GAP_WHY = re.compile(r"^(那么?)?(决算数?|支出决算数?|实际支出)?(为什么|为啥|怎么)?(会)?((大于|小于|超过|低于|高于|超出)(年初)?预算数?|(没有?|未)(完成|花完|用完)(年初)?(预算)?|超支)的?((主要)?原因(是什么|是啥|是|为)?)?呢?[?？]?$")  # "决算数为什么小于预算数？", "没完成的主要原因是什么？"
# a why asked of spending against its budget, in words that name nothing else ("为什么没花满",
# "为什么比预算少", "为什么年初是0", "为什么决算数小于预算数")
GAP_NAMED = re.compile(r"预算|花满|花完|用完|超支|年初(是|为)?(0|零)")
GAP_WORDS = re.compile(r"为什么|为啥|怎么|咋|原因|主要|是什么|是啥|大于|小于|超过|低于|高于|超出|超支|完成|执行|决算数?|实际|预算数?|年初|全年|这么|那么|"
                       r"[会了的得呢那么多少低高超没有未不花用满完支出比较是为0零?？!！。，, ]")


def budget_gap_why(folded: str) -> bool:
    """Why the figure under discussion differs from its budget, asked in words naming nothing else."""
    return bool(BUDGET_GAP_WHY.match(folded) or NO_BUDGET_WHY.match(folded)
                or (re.search(r"为什么|为啥|怎么|咋|原因", folded) and GAP_NAMED.search(folded) and not GAP_WORDS.sub("", folded)))


def _own_subject(ctx: Ctx) -> bool:
    ranked = figures.best_figures(ctx)
    return bool(ranked) and ranked[0].score >= figures.STRONG + 0.1


def follow_up(ctx: Ctx) -> Answer | None:
    last = ctx.session.last
    if last is None or not _elliptical(ctx):
        return None
    q = ctx.q
    kb = ctx.kb
    focus = kb.figure_by_id.get(last.figure_ids[0]) if last.figure_ids else None
    if last.intent == "change" and PERCENT_AGAIN.match(q.folded) and focus is not None and focus.change is not None:
        return figures.change(ctx, focus)  # "换成百分比呢？" after a change: the change, its rate said with it
    if "reason" in q.intents:  # of the figures just given, the one whose reason the document states
        given = [*(kb.figure_by_id.get(i) for i in last.figure_ids),
                 *(f for i in last.figure_ids if "#" in i for f in texts.narrative_of_row(ctx, i.split("#", 1)[0]))]  # a table cell: its row's narrative
        if last.message and not any(f is not None and (f.reason or f.change is not None) for f in given):
            # "…花了多少？接待了几批、多少人次？" then "为什么增加了？": the message's figures asked before its last
            earlier = [t for t in ctx.session.turns[:-1][-3:] if t.message == last.message or (t.question and t.question in last.message)]
            given += [kb.figure_by_id.get(i) for t in earlier for i in t.figure_ids]
        changed = [f for f in given if f is not None and f.change is not None]
        if not changed and "change" in q.intents:  # "这个比2024年度变化了多少？怎么解释的？" after this year's amount: its change stated apart
            changed = [g for f in given if f is not None and (g := figures.restated_with_change(ctx, f) or figures.change_said_after(ctx, f)) is not None]
        if changed and (last.intent == "change" or "change" in q.intents):  # why it changed, not why it fell short of its budget
            focus = next((f for f in changed if f.reason), changed[0])
        else:
            focus = next((f for f in given if f is not None and f.reason), None) or focus or next((f for f in given if f is not None), None)
        whole = figures.stated_parent(kb, focus) if focus is not None and not focus.reason else None
        if whole is not None and whole.reason and not any(f is not None and f.reason for f in given):
            focus = whole  # "这一项为什么一分没花？" of a part whose reason is stated only for its whole: the whole's, said as its
    elif q.intents & {"change", "last_year"} and len(last.figure_ids) > 1:
        # "比上年增加了多少？" after a row's 年初预算数 and 决算数: of the figures just given, the
        # one whose change on last year the document states (a change is of the money spent)
        focus = _changed_or_spent([f for i in last.figure_ids if (f := kb.figure_by_id.get(i)) is not None]) or focus
    if focus is not None and focus.basis == "执行率" and q.intents & {"last_year", "change"} and re.search(r"决算|实际(?:花|支出|用)", q.folded):
        focus = _same_subject(ctx, focus, ["本年决算"]) or focus  # "换成上一年的决算呢" after a rate: the spending its sentence states
    if focus is None and q.intents & {"last_year", "change"}:
        # "比上年增加了多少？" after a rate computed from a row's cells: the row's own narrative figure
        focus = _changed_or_spent([f for entry, column in statements.turn_cells(kb, last) for f in statements.stated_in_text(ctx, entry, column)])
    if last.intent == "sum" and q.intents & {"last_year", "change", "reason"}:
        focus = _whole_of_the_sum(ctx, last) or focus  # "那它上年呢？" after "A加B一共": the whole they make
    table = kb.table_by_id.get(last.table_id) if last.table_id else None
    rest = _strip_fields(ctx)
    rest = re.sub(r"^[花用超差多少了得会这那样么怎]+$", "", rest)  # "为什么花超了", "为什么差这么多": no subject of their own

    if table is not None:
        return _table_follow_up(ctx, table, last, rest)

    if focus is None and "share" in q.intents and not rest and not _share_of(ctx):
        # "占比呢？" after a table cell: the share the narrative states of the same amount, named as
        # the row or the column it is the total of ("基本支出 N 万元，占 M%")
        stated = _share_stated_of_cells(ctx, last)
        if stated is not None:
            return figures.stated_share(ctx, stated)
    if focus is None:
        return None
    if "执行率" in q.basis or ("rate" in q.fields and not q.basis):
        # "完成了年初预算的百分之几？", "执行率是多少？": the rate the document states for the subject under discussion
        rate = _same_subject(ctx, focus, ["执行率"])
        if rate is not None:
            return _apply(ctx, "figure", rate)
        wanted = "全年预算" if "全年预算" in q.folded else "年初预算"
        spent = focus if focus.basis == "本年决算" else _same_subject(ctx, focus, ["本年决算"])
        budget = focus if focus.basis == wanted else _same_subject(ctx, focus, [wanted])
        if spent is not None and budget is not None and spent.line_start == budget.line_start:
            completed = calc.budget_completed(ctx, spent, budget)  # stated together, the rate not: computed
            if completed is not None:
                return completed
    share = _share_of(ctx)
    if share:
        # "占基本支出多少比例？": the figure under discussion over the total named now (of the
        # figures just given, one whose share the document states)
        stated = [g for g in (kb.figure_by_id.get(i) for i in last.figure_ids) if g is not None and g.share is not None]
        part = stated[0] if stated else _candidate_of_the_whole(ctx, last, share.group("of")) or focus
        if not q.basis and part.basis != "本年决算":
            # "这笔钱占…" after its 年初预算: the money spent is the part, as a share is of spending
            part = _same_subject(ctx, part, ["本年决算"]) or part
        return calc.share(ctx, focus=part, of=share.group("of"))
    if focus.unit not in MONEY_SCALE and MONEY_WORDS.search(q.folded) and not q.basis:
        # "花了多少钱？" after 公务接待 2 批次: the money of that subject (公务接待费), not the count again
        money = _money_of(ctx, focus)
        if money is not None:
            return _apply(ctx, _intent(q) or "figure", money)
    intent = _intent(q) or last.intent
    if intent == "reason" and "reason" not in q.intents and re.search(r"多少|几", q.folded):
        intent = "figure"  # "那X是多少" after a reason: an amount, not the reason again
    if rest and intent != "average" and not IT.match(q.folded) and not (len(q.content) <= 10 and IT_INSIDE.search(q.folded)) \
            and not budget_gap_why(q.folded):
        # ("它的…", "决算数小于预算数的原因": the figure under discussion, no other)
        named = [w for w in re.split(r"[、，,和及与]", re.sub(r"^(?:其中|那么?)", "", q.content).strip()) if len(w.strip()) >= 2]
        if len(named) >= 2 and re.search(r"各|分别|都", q.folded) and intent in ("figure", "table_lookup", "multi", None) and not q.basis:
            # "其中货物、工程、服务各是多少？": each part named, of the subject under discussion
            each = [_sibling(ctx, focus, w) for w in named]
            if all(each) and len({f.id for f in each}) == len(each):
                return figures.each_stated(ctx, each)
        # (a reason is of a change: "那X呢" after "为什么" — X's stated change, where it has one)
        sibling = _of_the_same_subject(ctx, last, rest) or _sibling(ctx, focus, rest, require_change=intent in ("change", "reason")) \
            or (_sibling(ctx, focus, rest) if intent == "reason" else None)
        if sibling is None and q.basis:
            # "它们涉及的预算金额是多少": a name holding a basis word ("…涉及预算金额"), read whole
            sibling = _sibling(ctx, focus, re.sub(r"它们?|其", "", q.content), require_change=intent == "change")
        if sibling is None or (MONEY_WORDS.search(q.folded) and sibling.unit not in MONEY_SCALE):
            return None  # (money asked: "这些车的运行维护花了多少钱" is no count of cars)
        focus = sibling
    elif q.basis and "reason" not in q.intents and (focus.basis not in q.basis or len(q.basis) > 1):  # "为什么超预算了": a reason, not the budget
        # "预决算差异率呢？", "决算数和预决算差异率呢？": the same subject, stated on other bases
        others = [o for o in (_same_subject(ctx, focus, [b]) for b in q.basis) if o is not None]
        if len(others) == 1:
            # ("那上一年实际花了多少" after a budget: last year's of the spending)
            own = _intent(q)  # (asked now: not the intent of the turn before)
            if own in ("last_year", "change"):
                return _apply(ctx, own, (figures.restated_with_change(ctx, others[0]) if others[0].change is None else None) or others[0])
            return _apply(ctx, "figure", others[0])
        parts = _parts_on_basis(ctx, focus, q.basis) if not others else []
        if parts:
            # "全年预算是多少？" of 公务用车购置及运行维护费, stated only of its parts: the parts
            return figures.several(ctx, [figures.Ranked(1.0, p) for p in parts], topic=focus.subject)
        if len(others) > 1:
            return figures.several(ctx, [figures.Ranked(1.0, o) for o in others], topic=focus.subject)
    pair = _budget_and_spent_given(ctx, last) if (intent == "change" or ("difference" in q.intents and "reason" not in q.intents)) and not q.years and not AGAINST_LAST_YEAR.search(q.folded) else None
    if pair is not None:
        # "少了多少？" right after a subject's 年初预算 and 决算: the one against the other, not last year
        budget, spent = pair
        return calc.difference_of(ctx, *((budget, spent) if budget.value >= spent.value else (spent, budget)))
    applied = _apply(ctx, intent, focus)
    if intent == "change" and (applied is None or applied.kind == "refusal"):
        # "接待了几批、多少人次？" then "比2024年呢？": the counts state no change; the money the
        # conversation asked about before them does
        earlier = _changed_earlier(ctx)
        if earlier is not None and earlier.id != focus.id:
            return _apply(ctx, intent, earlier) or applied
    return applied


PERCENT_AGAIN = re.compile(r"^(?:那么?)?(?:换成|换算成|用|按|折合成?)?(?:百分比|百分之几|百分数|增长率|增幅|降幅|幅度)(?:表示|来说|算|呢|是多少|多少)*[?？]?$")


def _changed_or_spent(given: list[Figure]) -> Figure | None:
    """Of figures just given, the one a change on last year is asked of: the one whose change the
    document states, else the money spent."""
    return next((f for f in given if f.change is not None), None) or next((f for f in given if f.basis == "本年决算"), None)


AGAINST_LAST_YEAR = re.compile(r"上年|去年|上一年|前一年|同比|往年|以前")


def _budget_and_spent_given(ctx: Ctx, last):
    """The 年初预算 and the 决算 of one subject the last turn gave (one sentence states both); else None."""
    if not (re.search(r"预算", last.question or "") and re.search(r"决算|实际|花", last.question or "")):
        return None  # (the last question asked both, not a rate of another subject measured from them)
    given = [f for f in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if f is not None and f.unit in MONEY_SCALE]
    budgets = [f for f in given if f.basis == "年初预算"]
    if len(budgets) != 1:
        return None
    budget = budgets[0]
    spent = [f for f in given if f.basis == "本年决算" and f.subject == budget.subject and f.unit == budget.unit]
    if len({f.value for f in spent}) != 1:
        return None
    # the one its own sentence states, when there is one (the same amount)
    beside = next((f for f in ctx.kb.figures if f.doc == budget.doc and f.line_start == budget.line_start and f.basis == "本年决算"
                   and f.subject == budget.subject and f.value == spent[0].value), None)
    return budget, beside or spent[0]


def _whole_of_the_sum(ctx: Ctx, last):
    """The figure the document states for the whole the last turn's parts were added up to (their
    parent, of the same amount as their sum); else None."""
    parts = [ctx.kb.figure_by_id.get(i) for i in last.figure_ids]
    if len(parts) < 2 or None in parts:
        return None
    total = sum(p.value for p in parts)
    wholes = {w.id: w for p in parts if (w := figures.stated_parent(ctx.kb, p)) is not None and w.value == total}
    return next(iter(wholes.values())) if len(wholes) == 1 else None


def _changed_earlier(ctx: Ctx):
    """The latest figure of the conversation's earlier turns whose change on last year is stated."""
    for turn in list(reversed(ctx.session.turns[:-1]))[:3]:
        for i in turn.figure_ids:
            g = ctx.kb.figure_by_id.get(i)
            if g is None:
                continue
            if g.change is not None:
                return g
            again = figures.restated_with_change(ctx, g) or figures.change_apart(ctx.kb, g)
            if again is not None:
                return again  # the same subject's change, stated with it again or in a sentence of its own
            if figures.level_with_last_year(ctx, g) is not None:
                return g  # "…决算数与2023年度持平": level with last year, said so
    return None


SHARE_OF = re.compile(r"^(那么?)?(?:(?P<year>(?:19|20)\d{2})\s*年度?的?)?(它们?|其|这笔钱?|这笔支出|这项|该项|这部分|这一项|这个数?|那个数?|这些钱?|此项)?(?:分别|各自|各)?占(?:各自的?)?(?P<of>.+?)(的)?(多少|比例|比重|百分|几)")  # ("2023年它占…": the year the figure is of)


MONEY_WORDS = re.compile(r"多少钱|花了多少|花费|金额|费用|经费|开支|支出多少")


def _money_of(ctx: Ctx, focus):
    """The money figure of a counted subject (公务接待 → 公务接待费支出决算): its name begins the
    money's name, stated this year; the nearest."""
    stem = core_name(fold(focus.subject))
    if len(stem) < 2:
        return None
    found = [f for f in ctx.kb.figures if f.doc == focus.doc and f.unit in MONEY_SCALE and f.basis == "本年决算" and core_name(fold(f.subject)).startswith(stem)]
    found.sort(key=lambda f: (len(f.subject), abs(f.line_start - focus.line_start)))
    return found[0] if found else None


def _same_subject(ctx: Ctx, focus, basis: list[str]):
    """The figure of ``focus``'s subject stated on another basis, nearest first ("公务用车购置及运行维护费
    支出" and "…费" name one subject)."""
    core = subject_stem(focus.subject)
    candidates = [f for f in ctx.kb.figures if f.doc == focus.doc and f.basis in basis and (f.subject == focus.subject or subject_stem(f.subject) == core)]
    if not candidates:
        # "公务用车运行费全年预算数" for 公务用车运行维护费: the name shortened, its head kept — unless
        # two names shorten it (购置费 and 运行费 of 购置及运行维护费): its parts, not it
        candidates = [f for f in ctx.kb.figures if f.doc == focus.doc and f.basis in basis and _shortened(subject_stem(f.subject), core)]
        if len({fold(f.subject) for f in candidates}) > 1:
            return None
    if not candidates:
        # "政府性基金预算财政拨款支出" whose budget is stated of "…收入支出": both stated together
        # (or of its whole: "本年收入" of 政府性基金预算财政拨款收入总计)
        names = [fold(focus.subject), *([re.sub(r"(总计|合计)$", "", fold(focus.parent))] if focus.parent else [])]
        joint = {j for own in names for j in (own.replace("支出", "收入支出"), own.replace("收入", "收入支出")) if j != own}
        candidates = [f for f in ctx.kb.figures if f.doc == focus.doc and f.basis in basis and fold(f.subject) in joint]
    candidates.sort(key=lambda f: (abs(f.line_start - focus.line_start), f.line_start))
    return candidates[0] if candidates else None


def _parts_on_basis(ctx: Ctx, focus, basis: list[str]) -> list:
    """The figures on ``basis`` of names that each shorten ``focus``'s, stated in one sentence — its
    parts (公务用车购置费, 公务用车运行费 of 公务用车购置及运行维护费)."""
    core = subject_stem(focus.subject)
    found = [f for f in ctx.kb.figures if f.doc == focus.doc and f.basis in basis and _shortened(subject_stem(f.subject), core)]
    lines = {f.line_start for f in found}
    if len(lines) != 1 or len({fold(f.subject) for f in found}) < 2:
        return []
    return sorted(found, key=lambda f: f.line_start)


def _shortened(short: str, long: str) -> bool:
    """``short`` is ``long`` with words left out, both starting alike ("公务用车运行费" of
    "公务用车运行维护费"); never the other way ("…基本支出" is not "…支出" said in full)."""
    if len(short) < 5 or len(short) >= len(long) or short[:4] != long[:4]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _intent(q) -> str | None:
    for intent in ("reason", "convert", "average", "last_year", "change", "share"):
        if intent in q.intents:
            if intent == "last_year" and "change" in q.intents:
                return "change"
            return intent
    return None


def _candidate_of_the_whole(ctx: Ctx, last, whole: str) -> Figure | None:
    """Of the candidates the last answer offered (棚户区改造 of two funds), the one stated in the
    section of the whole a share is now asked of ("占一般公共预算百分之几": the 一般公共预算 item)."""
    given = [g for g in (ctx.kb.figure_by_id.get(i) for i in last.figure_ids) if g is not None and g.unit in MONEY_SCALE]
    if len(given) < 2 or len({fold(g.subject) for g in given}) < 2:
        return None
    words = fold(re.sub(r"的?(?:百分之几|比例|比重|多少|几成).*$", "", whole))
    if len(words) < 4:
        return None
    placed = [g for g in given if longest_common(words, fold(ctx.kb.cite_figure(g).section or "")) >= 4]
    return placed[0] if len(placed) == 1 else None


CHANGE_NEAR = 3  # lines around a figure within which a change of what holds it is its change


def _apply(ctx: Ctx, intent: str, f) -> Answer | None:
    if intent == "change":
        if f.change is None:
            # "比上年减少了多少？" after the 决算数 of 186: the change is stated with the same subject at 176
            with_change = [g for g in ctx.kb.figures if g.doc == f.doc and g.change is not None and fold(g.subject) == fold(f.subject)]
            if not with_change:
                # "本年收入" of 政府性基金…收入总计, then "…收入支出与上年相比，减少…": the change stated
                # beside it of a subject that holds it
                whole = fold(f.parent or f.subject)
                with_change = [g for g in ctx.kb.figures if g.doc == f.doc and g.change is not None and abs(g.line_start - f.line_start) <= CHANGE_NEAR
                               and longest_common(whole, fold(g.subject)) >= 6]
            with_change.sort(key=lambda g: abs(g.line_start - f.line_start))
            f = with_change[0] if with_change else f
        return figures.change(ctx, f)
    if intent == "last_year":
        return figures.last_year(ctx, f)
    if intent == "share":
        return calc.share(ctx, focus=f)
    if intent == "reason":
        if (texts.UNDER_BUDGET.search(ctx.q.folded) or texts.OVER_BUDGET.search(ctx.q.folded)) and (f.change is not None or not f.reason):
            # "为啥没用完" after a subject whose sentence gives the change's reason: why it fell short of
            # (or went past) its budget, as the narrative says of the same subject
            stem = fold(f.subject)
            # (the same item: its classification path when it has one — "一般行政管理事务" is under several 款)
            gap = [g for g in ctx.kb.figures if g.doc == f.doc and g.reason and g.change is None and g.basis in ("执行率", "预决算差异率", "本年决算", "年初预算")
                   and ((g.classification or []) == (f.classification or []) if f.classification else longest_common(fold(g.subject), stem) >= min(6, len(stem)))]
            f = min(gap, key=lambda g: abs(g.line_start - f.line_start)) if gap else f
        if texts.GAP_ASKED.search(ctx.q.folded) and f.basis != "预决算差异率":
            # "预决算差异率是多少？主要原因是什么？" after the 决算数: the gap stated beside it, with its own reason
            f = next((g for g in ctx.kb.figures if g.doc == f.doc and g.basis == "预决算差异率" and g.reason and g.line_start == f.line_start), f)
        return texts.reason(ctx, f)
    if intent == "convert":
        return calc.convert(ctx, f)
    if intent == "average":
        return calc.average(ctx, focus=f)
    return figures.single(ctx, f)


FOLLOW_WORDS = re.compile(r"^(这张表里|这张表中|这张表|该表中|该表|这个表里|这个表|表里|表中|算下来|算起来|这样算来?|这么算|那么|那个|那|它的|它|比起|相比|对比|比|较|跟|其中|还有|另外|再看|最后|最终|后来|到底|究竟|实际上|实际|这个|这项|折合|换算成?|合|and|so|then|also|whataboutthe|whatabout|howabout)+|(类|的|呢|是|项目|情况|这个|那个|这些|那些|哪个|哪家|哪些|什么|多少|几|来着|支出决算数|支出决算|决算数|决算|数|折合|亿元|元)+$")


def _strip_fields(ctx: Ctx) -> str:
    """A follow-up without the words that only ask (fields, bases, intents): what it newly names."""
    text = ctx.q.content
    intent_words = [ctx.lang.intent.get(k, []) for k in ("reason", "change", "last_year", "share", "average", "convert")]
    # all at once, the longest first: "完成预算" (a basis) before "预算" (a field)
    text = remove_words(text, [w for words in list(ctx.lang.field.values()) + list(ctx.lang.basis.values()) + intent_words + [DIRECTION_WORDS] for w in words])
    text = re.sub(r"[\s、，,和与]+|(?<![涉普])及", "", text)  # (涉及 is a word)
    previous = None
    while text != previous:
        previous = text
        text = FOLLOW_WORDS.sub("", text)
    return text


def _several_indicators(ctx: Ctx, table, which: str | None) -> Answer | None:
    """Several things asked of one project, each an indicator of it; of indicators named alike but
    for one word ("发放企业某某补贴款" · "发放个人某某补贴款"), the ones alike are taken."""
    parts = ctx.q.parts(ctx.kb.names)
    if len(parts) < 2:
        return None
    ranked = [[r for r in rank_indicators(ctx.kb, ctx.q, [table], text=p) if r[0] >= 0.3][:3] for p in parts]
    if not all(ranked):
        return None
    picks = [r[0][2] for r in ranked]
    for i, options in enumerate(ranked):  # a pick like none of the others yields to a close one that is
        others = [p.name for j, p in enumerate(picks) if j != i]
        if not any(figures.parallel(picks[i].name, o) for o in others):
            picks[i] = next((ind for score, _, ind in options if any(figures.parallel(ind.name, o) for o in others)), picks[i])
    if len({p.name for p in picks}) < len(picks) or not all(any(figures.parallel(p.name, o.name) for o in picks if o is not p) for p in picks):
        return None
    answers = [tables.indicator_answer(ctx, table, ind, which) for ind in picks]
    first = answers[0]
    first.answer = "\n".join(a.answer for a in answers)
    first.figures = [f for a in answers for f in a.figures]
    first.citations = unique_citations([c for a in answers for c in a.citations])
    return first


def _table_follow_up(ctx: Ctx, table, last, rest: str) -> Answer | None:
    q = ctx.q
    if tables.POINTS_LOST.search(q.folded) and last.indicator and (ind := tables.indicator_by_name(table, last.indicator)) is not None:
        lost = tables.points_lost(ctx, table, ind)  # "这个指标一共扣了多少分？"
        if lost is not None:
            return lost
    if tables.DEDUCTED.search(q.folded):
        return tables.deducted(ctx, table)  # "哪个指标扣了分？" of the table under discussion
    if last.indicator and "share" in q.intents and TARGET_WORDS.search(q.folded):
        ind = tables.indicator_by_name(table, last.indicator)
        done = tables.indicator_completed(ctx, table, ind) if ind is not None else None
        if done is not None:
            return done  # "这个指标实际完成了预期值的百分之几？"
    if "reason" in q.intents and last.indicator:
        ind = tables.indicator_by_name(table, last.indicator)
        if ind is not None:
            return tables.indicator_answer(ctx, table, ind)  # its 偏差原因 note answers "为啥"
    which = next((f for f in q.fields if f in tables.INDICATOR_FIELDS), None)
    fields = [f for f in dict.fromkeys(q.fields) if f in tables.FIELD_LABELS]  # several: each (the project merges them)
    if last.indicator and which in ("target", "actual") and len(rest) <= INDICATOR_FIELD_ONLY and not PROJECT_WIDE.search(q.folded) and "项目" not in q.folded:
        # "原定目标是多少人？" right after an indicator: that indicator's target, not a sibling project
        ind = tables.indicator_by_name(table, last.indicator)
        if ind is not None:
            return tables.indicator_answer(ctx, table, ind, which)
    if rest and not THIS_PROJECT.search(q.folded):  # "这个项目自评得了几分": this table, not a sibling named like it
        # first an indicator of this project ("发给了多少人"), then a sibling project ("第二批呢？")
        several = _several_indicators(ctx, table, which)
        if several is not None:
            return several  # "发给企业和个人的钱各是多少": one indicator each, named alike
        inds = rank_indicators(ctx.kb, q, [table], text=rest)
        if inds and inds[0][0] >= 0.45:
            return tables.indicator_answer(ctx, table, inds[0][2], which)
        stem = re.sub(r"[(（][^)）]*[)）]$", "", fold(table.name))  # "某某补贴（第三批）" → "某某补贴"
        hit = tables.find_project(ctx, text=rest) or tables.find_project(ctx, text=stem + rest)
        if hit is not None:
            asked = [f for f in dict.fromkeys(q.fields) if f in tables.FIELD_LABELS]  # several: each (the project merges them)
            field = (asked[0] if len(asked) == 1 else None) if asked else (last.field if last.field != "indicator" else None)
            return tables.project(ctx, hit[1], field)
        return None
    if last.indicator and which and not PROJECT_WIDE.search(q.folded):  # "这个项目自评总分": the project's, not the indicator's
        ind = tables.indicator_by_name(table, last.indicator)
        if ind is not None:
            return tables.indicator_answer(ctx, table, ind, which)
    fields = [f for f in dict.fromkeys(q.fields) if f in tables.FIELD_LABELS]
    if len(fields) > 1:  # "执行率和项目总得分呢？": each field of the project under discussion
        return tables.project(ctx, table)
    if fields:
        return tables.field_answer(ctx, table, fields[0])
    return None


TARGET_WORDS = re.compile(r"预期|目标|指标值|计划")  # what an indicator's actual value is set against
INDICATOR_FIELD_ONLY = 6  # characters besides a field word ("原定目标…人") that still ask only the field
PROJECT_WIDE = re.compile(r"(这个|该|整个|此|那个)项目|总分")
THIS_PROJECT = re.compile(r"(这个|该|此|这一)项目")


def _sibling(ctx: Ctx, focus, rest: str, require_change: bool = False):
    """The figure a "X 呢？" follow-up means: named by X, near the figure being discussed."""
    q_grams = grams(fold(rest))
    if not q_grams:
        return None
    best = None
    for r in rank_figures(ctx.kb, ctx.q, text=rest, docs=[focus.doc], units=[], limit=40, require_change=require_change):
        f = r.figure
        if f.id == focus.id:
            continue
        if f"非{fold(rest)}" in fold(f.subject) and fold(rest) not in fold(f.subject).replace(f"非{fold(rest)}", ""):
            continue  # "使用非财政拨款结余" is what "财政拨款" is not
        if other_side(fold(focus.subject), f.subject) and not other_side(fold(rest), f.subject) and not any(w in fold(rest) for w in SIDES):
            continue  # "其中财政拨款多少？" after an income: its 财政拨款收入, not a 财政拨款支出
        if ctx.q.units and "万元" not in ctx.q.units and f.unit not in ctx.q.units:
            continue  # "那公务用车保有量是几辆？": a count, not the money named alike
        score = r.score
        if f.section == focus.section:
            score += 0.25
        if f.line_start == focus.line_start:
            score += 0.15
        if f.unit == focus.unit:
            score += 0.1
        if f.basis == focus.basis:
            score += 0.05
        if f.basis == "说明" or f.origin == "table":
            score -= 0.3
        if best is None or score > best[0]:
            best = (score, f)
    if best is None or best[0] < 0.45:
        return None
    return best[1]
