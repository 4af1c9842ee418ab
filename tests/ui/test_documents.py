"""ui/documents.py: what is loaded, and the selector that restricts questions to one document."""

from __future__ import annotations

from ui import documents

BUNDLED = "urumqi-housing-2023"
OTHER_DOC = "other-2022"  # the renamed copy of the ``two_docs`` fixture


def test_one_document_is_summarised_with_its_counts(bot):
    (d,) = documents.summaries(bot.kb)
    records = bot.kb.records[0]
    assert (d.id, d.department, d.year) == (BUNDLED, "乌鲁木齐市住房保障和房产管理局（汇总）", 2023)
    assert (d.figures, d.tables, d.passages, d.lines) == (len(records.figures), len(records.tables), len(records.passages), records.info.line_count)
    assert documents.loaded_line(bot.kb) == "依据：乌鲁木齐市住房保障和房产管理局（汇总）2023 年度部门决算公开说明"
    html = documents.documents_html(bot.kb)
    assert f"<td>{d.figures}</td><td>{d.tables}</td><td>{d.passages}</td>" in html


def test_the_selector_offers_every_document_after_all(two_docs):
    assert documents.choices(two_docs.kb) == [
        ("全部已载入的文件", documents.ALL_DOCUMENTS),
        ("乌鲁木齐市住房保障和房产管理局（汇总） 2023 年度", BUNDLED),
        ("乌鲁木齐市住房保障和房产管理局（汇总） 2022 年度", OTHER_DOC),
    ]
    assert documents.loaded_line(two_docs.kb) == "依据：已载入 2 份文件（可在下方选择只问其中一份）"


def test_restrict_turns_a_choice_into_the_docs_argument(two_docs):
    kb = two_docs.kb
    assert documents.restrict(OTHER_DOC, kb) == [OTHER_DOC]
    assert documents.restrict(BUNDLED, kb) == [BUNDLED]
    assert documents.restrict(documents.ALL_DOCUMENTS, kb) is None
    assert documents.restrict(None, kb) is None
    assert documents.restrict("gone-1999", kb) is None  # a stale choice asks every document
