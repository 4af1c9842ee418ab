"""Planted errors (tests/generate/plant.py): one of each kind in an otherwise consistent document,
printed as a PDF and as a text export. The audit must report each with its severity, citing every
side (page; bbox in a PDF, line in a text; the words as printed), raise nothing else that fails the
gate, and find no error or mismatch in the same document without the plant."""

from __future__ import annotations

import re
from functools import cache

import pytest

from assistant.audit import run_audit
from assistant.audit.findings import FAILING
from generate.plant import PLANTS, SEED, plant
from ingest.pipeline import parse_source
from ingest.read import source_from_bytes

FORMS = ("pdf", "text")


@cache
def audited(name: str | None, form: str):
    case = plant(name, form=form)
    rec = parse_source(source_from_bytes(case.document.data, case.document.name))
    return case, rec, run_audit([rec])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_in(message: str) -> set[int]:
    """The pages a message names: "第 6 页", "第 10、11 页"."""
    return {int(n) for group in re.findall(r"第 ([\d、]+) 页", message) for n in group.split("、")}


def cites(finding, side, form: str) -> bool:
    """The finding quotes this side where it is printed: its page, its table, its words, and a box
    in a PDF or a line in a text export."""
    for c in finding.citations:
        if c.page != side.page or squash(side.quote) not in squash(c.quote):
            continue
        if side.table is not None and c.table != side.table:
            continue
        if (c.bbox is not None) if form == "pdf" else (c.line_start > 0 and c.bbox is None):
            return True
    return False


# what the clean document checks: relations that hold (by family), 尾差, and in the text export the
# 三公 row whose two car items fit two placements (its 公务用车购置费 and 运行维护费 left unread)
CLEAN = {
    "pdf": ({"across": 54, "changes": 3, "duplicates": 2, "narrative": 46, "percentages": 1, "statements": 150, "template": 23, "totals": 12}, 15, 0),
    "text": ({"across": 54, "changes": 3, "duplicates": 2, "narrative": 46, "percentages": 1, "statements": 148, "template": 23, "totals": 12}, 15, 1),
}


@pytest.mark.parametrize("form", FORMS)
def test_the_clean_document_has_no_error_mismatch_or_notice(form):
    case, rec, report = audited(None, form)
    assert [(f.check, f.severity, f.message) for f in report.findings if f.severity in (*FAILING, "notice")] == []
    assert report.exit_code == 0
    held = {}
    for f in report.findings:
        if f.severity == "ok":
            held[f.family] = held.get(f.family, 0) + 1
    assert (held, report.counts["rounding"], report.counts["unchecked"]) == CLEAN[form]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", list(PLANTS))
def test_each_planted_error_is_found_with_its_severity_and_every_side_cited(name, form):
    case, rec, report = audited(name, form)
    expect = case.expect
    check = expect.check_for(form)
    found = [f for f in report.findings if f.check == check and f.severity == expect.severity]
    assert found, (case.what, [(f.check, f.severity, f.message) for f in report.findings if f.severity not in ("ok", "rounding")])
    assert case.sides and all(side.page > 0 for side in case.sides)
    assert any(all(cites(f, side, form) for side in case.sides) for f in found), (case.what, [c.model_dump() for f in found for c in f.citations])
    # its message gives the numbers or words of each side and where they are printed
    hit = next(f for f in found if all(cites(f, side, form) for side in case.sides))
    assert {side.page for side in case.sides} <= pages_in(hit.message), hit.message
    assert set(hit.pages) >= {side.page for side in case.sides}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", list(PLANTS))
def test_a_plant_fails_nothing_else(name, form):
    """Every error or mismatch the audit raises cites the planted side: no false alarm elsewhere;
    the gate fails exactly when the planted kind is an error or a mismatch."""
    case, rec, report = audited(name, form)
    stray = [(f.check, f.severity, f.message) for f in report.findings if f.failing and not any(cites(f, s, form) for s in case.sides)]
    assert stray == []
    assert report.exit_code == (1 if case.expect.severity in FAILING else 0)


def test_the_plants_cover_every_family_of_the_issue():
    families = {expect.family for expect, _ in PLANTS.values()}
    assert families >= {"statements", "across", "narrative", "percentages", "identity", "template"}
    assert {expect.severity for expect, _ in PLANTS.values()} == {"error", "mismatch", "notice"}


@pytest.mark.parametrize(
    ("name", "check", "stated", "computed"),
    [
        ("row_sum", "statements.row", "140.14", "40.14"),  # 本年支出合计 140.14 against 基本支出 40.14
        ("summary_unbalanced", "statements.rows", "3190.95", "3200.95"),
        ("three_public_parts", "statements.items", "6.72", "5.72"),
        ("basic_split", "across.sum", "2126.01", "2127.01"),
        ("cross_table", "across.same", "888.84", "888.83"),
        ("narrative_amount", "narrative.amount", "2128.28", "2118.28"),
        ("narrative_change", "percentages.growth", "23.04", "18.0378"),
    ],
)
def test_the_planted_numbers_and_their_recomputation(name, check, stated, computed):
    """The seed's document (SEED) prints these exact numbers; the finding states them."""
    case, rec, report = audited(name, "pdf")
    f = next(f for f in report.findings if f.check == check and f.failing)
    assert (f.stated, f.computed) == (stated, computed)
    assert SEED == 30


def test_a_unit_slip_is_an_error_with_its_factor():
    case, rec, report = audited("unit_slip", "pdf")
    f = next(f for f in report.findings if f.check == "narrative.amount" and f.severity == "error")
    assert "10,000 倍" in f.note and "元与万元" in f.note
    assert "2,118.28 元" in f.message and "2,118.28 万元" in f.message


def test_a_text_export_that_cannot_place_a_row_says_its_numbers_do_not_add_up():
    """The 三公 row of a text export is placed by the table's identities; with 合计 wrong no
    placement holds, which is itself the finding."""
    case, rec, report = audited("three_public_parts", "text")
    f = next(f for f in report.findings if f.check == "statements.unplaced" and f.severity == "mismatch")
    assert "10.31 6.72 9.56 5.26 9.56 5.26 0.75 0.46" in f.message
    assert f.citations[0].table == "财政拨款“三公”经费支出决算表" and f.citations[0].page == 12


@pytest.mark.parametrize("seed", [1, 4, 8, 12, 16, 22, 33, 41])
def test_generated_documents_of_every_layout_audit_clean(seed):
    """No false alarm: consistent documents of other seeds (other departments, funds, 元 or 万元,
    layouts) as text exports give no error, mismatch or notice."""
    from generate import generate

    doc = generate(seed, "text")
    report = run_audit([parse_source(source_from_bytes(doc.data, doc.name))])
    assert [(f.check, f.message) for f in report.findings if f.severity in (*FAILING, "notice")] == []
    assert report.counts["ok"] >= 200
