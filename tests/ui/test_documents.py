"""ui/documents.py: what is loaded, and the selector that restricts questions to one document."""

from __future__ import annotations

from ui import documents

BUNDLED = "urumqi-housing-2023"
OTHER_DOC = "other-2022"  # the renamed copy of the ``two_docs`` fixture


def test_one_document_is_summarised_with_its_counts(bot):
    (d,) = documents.summaries(bot)
    records = bot.library.records(BUNDLED)
    assert (d.id, d.department, d.year, d.format, d.pages) == (BUNDLED, "乌鲁木齐市住房保障和房产管理局（汇总）", 2023, "text", 1)
    assert (d.figures, d.tables, d.passages, d.coverage) == (len(records.figures), len(records.tables), len(records.passages), "100.00")
    assert documents.loaded_line(bot) == "依据：乌鲁木齐市住房保障和房产管理局（汇总）2023 年度部门决算公开说明"
    html = documents.documents_html(bot)
    assert f'<td>文本</td><td class="dqa-num">1</td><td class="dqa-num">0</td><td class="dqa-num">{d.tables}</td><td class="dqa-num">{d.figures}</td><td class="dqa-num">100.00%</td>' in html


def test_a_pdf_is_listed_with_its_pages_tables_and_coverage(pdf_bot):
    pdf = next(d for d in documents.summaries(pdf_bot) if d.id == "putuo-finance-2024")
    assert (pdf.department, pdf.year, pdf.format, pdf.pages, pdf.statement_rows, pdf.coverage) == ("上海市普陀区财政局", 2024, "pdf", 25, 214, "100.00")
    html = documents.documents_html(pdf_bot)
    assert '<td>上海市普陀区财政局</td><td class="dqa-num">2024</td>' in html and '<td>PDF</td><td class="dqa-num">25</td><td class="dqa-num">214</td>' in html


def test_document_names_are_escaped(bot):
    hostile = '<img src="http://127.0.0.1:9/x.png">'
    d = documents.summaries(bot)[0]
    from dataclasses import replace

    class Fake:
        class library:
            rows = None
            ids = ["x"]

    row = replace(d, department=hostile, title=hostile, source_name=hostile)
    import ui.documents as module

    original = module.summaries
    module.summaries = lambda bot: [row]
    try:
        html = documents.documents_html(Fake)
    finally:
        module.summaries = original
    assert "<img" not in html and "&lt;img src=&quot;http://127.0.0.1:9/x.png&quot;&gt;" in html


def test_the_selector_offers_every_document_after_all(two_docs):
    assert documents.choices(two_docs) == [
        ("全部已载入的文件", documents.ALL_DOCUMENTS),
        ("乌鲁木齐市住房保障和房产管理局（汇总） 2023 年度", BUNDLED),
        ("乌鲁木齐市住房保障和房产管理局（汇总） 2022 年度", OTHER_DOC),
    ]
    assert documents.loaded_line(two_docs) == "依据：已载入 2 份文件（可在“问答”页选择只问其中一份）"


def test_restrict_turns_a_choice_into_the_docs_argument(two_docs):
    ids = two_docs.library.ids
    assert documents.restrict(OTHER_DOC, ids) == [OTHER_DOC]
    assert documents.restrict(BUNDLED, ids) == [BUNDLED]
    assert documents.restrict(documents.ALL_DOCUMENTS, ids) is None
    assert documents.restrict(None, ids) is None
    assert documents.restrict("gone-1999", ids) is None  # a stale choice asks every document
