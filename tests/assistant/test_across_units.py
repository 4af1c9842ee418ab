"""Across documents published in different money units: one department's tables in 元, the others'
in 万元 (template-shaped documents from tests/generate, their figures the generator's ground truth).
A ranking compares the amounts, not the printed numbers; a total converts in the expression it shows
("48643802.41 / 10000"), never out of sight; each document's figure is cited as printed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.assistant import Assistant
from generate import generate
from ingest.library import MemoryLibrary
from ingest.pipeline import parse_file

SEEDS = [(3, "万元"), (4, "元"), (5, "万元")]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("units")
    out = []
    for seed, unit in SEEDS:
        doc = generate(seed, "text", unit=unit)
        path = folder / doc.name
        path.write_bytes(doc.data)
        out.append((doc.truth, parse_file(path)))
    return out


@pytest.fixture(scope="module")
def bot(docs):
    return Assistant(MemoryLibrary([rec for _, rec in docs]))


def basic(truth) -> Decimal:
    (total,) = [r for r in truth.tables["expense"].rows if r.key == "合计"]
    return total.amounts["基本支出"]


def test_the_generated_documents_differ_in_unit_so_that_printed_numbers_mislead(docs):
    (a, _), (b, _), (c, _) = docs
    assert [t.unit for t, _ in docs] == ["万元", "元", "万元"]
    assert basic(b) > basic(a) > basic(c)  # as printed, the 元 document's number is the largest
    assert basic(b) / 10000 < basic(a)  # as money, it is not


def test_a_ranking_compares_amounts_in_one_unit(bot, docs):
    (a, _), (b, _), (c, _) = docs

    answer = bot.ask(f"{a.department}、{b.department}和{c.department}哪个基本支出最多？")

    assert answer.answer.startswith(f"基本支出最高的是{a.department}{a.year}年度：{basic(a):,} 万元。")
    assert [f.value for f in answer.figures] == [str(basic(a)), str(basic(b)), str(basic(c))]
    assert [f.unit for f in answer.figures] == ["万元", "元", "万元"]


def test_a_total_converts_in_the_expression_it_shows(bot, docs):
    (a, _), (b, _), (c, _) = docs

    answer = bot.ask(f"{a.department}、{b.department}和{c.department}的基本支出合计是多少？")

    assert answer.kind == "calculation"
    assert answer.calculation.expression == f"{basic(a)} + {basic(b)} / 10000 + {basic(c)}"
    assert answer.calculation.unit == "万元"
    assert Decimal(answer.calculation.result) == (basic(a) + basic(b) / 10000 + basic(c)).quantize(Decimal("0.01"))
    assert {c_.document for c_ in answer.citations} == {f"{t.department}{t.year}年度" for t, _ in docs}
