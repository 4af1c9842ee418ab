"""A store of 50 documents: the bundled disclosure and 49 generated from the template
(tests/reliability/documents.py) — 40 departments with one year each, 某某市教育局 for 2019–2024 and
某某市财政局 for 2022–2024, each with its own 机关运行经费 and 固定资产原值.

A question that names a department and/or a year is answered from that document; one that
fits several asks which (a ``clarification`` that lists them); one about a department or year
the store does not hold is refused. Embedded with the HashEmbedder: routing does not depend on
the embedder, and the real one would take minutes for 2,600 passages (the benchmark measures it).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from corpus import BUNDLED_DOCUMENT
from reliability.documents import Generated, generate, write
from ingest.passages import text_hash
from reliability.helpers import BUNDLED_ID, HashEmbedder, open_bot, open_store

DOCS = generate()
BY_ID = {d.id: d for d in DOCS}
EDUCATION = [d for d in DOCS if d.department == "某某市教育局"]
SINGLE = [d for d in DOCS if sum(x.department == d.department for x in DOCS) == 1]
BUNDLED_TITLE = "乌鲁木齐市住房保障和房产管理局（汇总）2023 年度部门决算公开说明"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    paths = write(folder / "in", DOCS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("ingest.store.make_embedder", lambda spec: HashEmbedder())
        report = open_store(folder / "store").ingest([BUNDLED_DOCUMENT, *paths], progress=False)
    return folder / "store", report


@pytest.fixture(scope="module")
def many_bot(store):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("ingest.store.make_embedder", lambda spec: HashEmbedder())
        return open_bot(store[0])


def figure_of(answer) -> tuple[str, str | None, str | None]:
    f = answer.figures[0] if answer.figures else None
    return answer.kind, f.doc if f else None, f.value if f else None


def mismatches(bot, cases: list[tuple[str, Generated, str]]) -> list[tuple[str, tuple, tuple]]:
    """(question, expected, got) for every case not answered with the expected document's figure."""
    out = []
    for question, doc, value in cases:
        got = figure_of(bot.ask(question))
        want = ("figure", doc.id, value)
        if got != want:
            out.append((question, want, got))
    return out


def test_fifty_documents_are_stored_with_their_departments_and_years(store, hash_embedder):
    folder, report = store

    assert report.errors == []
    assert len(report.documents) == 50 and {d.status for d in report.documents} == {"ingested"}
    stored = open_store(folder).documents()
    assert {d.id: (d.department, d.year) for d in stored if d.id != BUNDLED_ID} == {d.id: (d.department, d.year) for d in DOCS}
    assert sum(d.passages for d in report.documents) == 394 + 49 * 46
    # one vector per distinct text: the template's boilerplate, repeated in every document, is stored once
    distinct = {text_hash(p.text) for r in open_store(folder).load(auto_ingest=False) for p in r.passages}
    assert open_store(folder).index().count() == len(distinct) < 394 + 49 * 46


def test_a_question_naming_department_and_year_goes_to_that_document(many_bot):
    cases = [(f"{d.department}{d.year}年机关运行经费是多少？", d, d.running_value) for d in DOCS]

    assert mismatches(many_bot, cases) == []


def test_a_department_named_without_its_city_and_a_year_goes_to_that_document(many_bot):
    cases = [(f"{d.department.removeprefix('某某市')}{d.year}年度机关运行经费是多少？", d, d.running_value) for d in DOCS]

    assert mismatches(many_bot, cases) == []


def test_a_department_with_one_document_needs_no_year(many_bot):
    cases = [(f"{d.department.removeprefix('某某市')}的固定资产原值是多少？", d, d.assets_value) for d in SINGLE]

    assert mismatches(many_bot, cases) == []


def test_a_year_that_only_one_document_has_needs_no_department(many_bot):
    (only_2019,) = [d for d in DOCS if d.year == 2019]

    assert mismatches(many_bot, [("2019年固定资产原值是多少？", only_2019, only_2019.assets_value)]) == []


def test_last_years_figure_comes_from_the_next_years_document(many_bot):
    """No document is for 2018; the 2019 one states 2018's 机关运行经费 as "比上年减少 20.45 万元"."""
    only_2019 = next(d for d in DOCS if d.year == 2019)

    answer = many_bot.ask("教育局2018年机关运行经费是多少？")

    assert (answer.kind, answer.figures[0].doc, answer.figures[0].value) == ("calculation", only_2019.id, str(Decimal(only_2019.running_value) + Decimal("20.45")))


def test_the_bundled_document_is_found_among_the_generated_ones(many_bot):
    answer = many_bot.ask("乌鲁木齐市住房保障和房产管理局棚改花了多少钱？")

    assert figure_of(answer) == ("figure", BUNDLED_ID, "483911.04")


def titles_listed(answer) -> list[str]:
    return [line[2:] for line in answer.answer.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("question", ["三公经费是多少？", "机关运行经费是多少？"])
def test_an_unqualified_question_asks_which_document_listing_all(many_bot, question):
    """The second names no department either, although 机关事务管理局 shares a word with it."""
    answer = many_bot.ask(question)

    assert answer.kind == "clarification"
    assert answer.figures == []
    assert answer.answer.startswith("已载入多份决算说明，请说明是哪个部门、哪一年度的：")
    assert sorted(titles_listed(answer)) == sorted([f"{d.department}{d.year}年度部门决算公开说明" for d in DOCS] + [BUNDLED_TITLE])
    assert sorted(c.doc for c in answer.citations) == sorted([d.id for d in DOCS] + [BUNDLED_ID])


def test_a_department_with_several_years_asks_which_year(many_bot):
    answer = many_bot.ask("教育局机关运行经费是多少？")

    assert answer.kind == "clarification"
    assert titles_listed(answer) == [f"某某市教育局{d.year}年度部门决算公开说明" for d in EDUCATION]


@pytest.mark.parametrize("question", ["2021年三公经费是多少？", "2021年机关运行经费是多少？"])
def test_a_year_with_several_departments_asks_which_department(many_bot, question):
    answer = many_bot.ask(question)

    in_2021 = [d for d in DOCS if d.year == 2021]
    assert answer.kind == "clarification"
    assert sorted(titles_listed(answer)) == sorted(f"{d.department}2021年度部门决算公开说明" for d in in_2021)


@pytest.mark.parametrize(
    ("question", "missing"),
    [("烟草专卖局的三公经费是多少？", "没有“烟草专卖局”的"), ("2017年三公经费是多少？", "2019、2020、2021、2022、2023、2024 年度的，没有其他年度的")],
    ids=["unknown-department", "unknown-year"],
)
def test_a_department_or_year_the_store_does_not_hold_is_refused(many_bot, question, missing):
    answer = many_bot.ask(question)

    assert answer.kind == "refusal"
    assert answer.figures == []
    assert missing in answer.answer


def test_a_follow_up_stays_with_the_document_of_the_conversation(many_bot):
    doc = next(d for d in SINGLE if d.department.endswith("审计局"))
    first = many_bot.ask(f"{doc.department.removeprefix('某某市')}机关运行经费是多少？")

    follow = many_bot.ask("比上年呢？", session=first.session)

    assert figure_of(first) == ("figure", doc.id, doc.running_value)
    assert {f.doc for f in follow.figures} == {doc.id}
    assert "比上年减少 20.45 万元" in follow.answer


def test_the_answer_to_which_document_can_be_given_by_the_documents_argument(many_bot):
    """The UI's document selector: ``docs=`` names the document, the question need not."""
    doc = EDUCATION[2]

    answer = many_bot.ask("机关运行经费是多少？", docs=[doc.id])

    assert figure_of(answer) == ("figure", doc.id, doc.running_value)
