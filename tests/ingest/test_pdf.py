"""ingest/pdf.py and PDFs through the store: lines with pages and boxes, refusals, re-ingest."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from assistant.cli import main
from corpus import FINANCE_PDF
from ingest.errors import BrokenPdfError, EncryptedPdfError, ScannedPdfError
from ingest.pages import text_pages
from ingest.pdf import read_pdf
from ingest.read import source_from_bytes


def _scan(pages: int = 3) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    image = ImageReader(Image.new("RGB", (200, 200), (210, 210, 210)))
    for _ in range(pages):
        c.drawImage(image, 50, 50, 400, 600)
        c.showPage()
    c.save()
    return buf.getvalue()


def _encrypted() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret")
    c.drawString(100, 700, "2024")
    c.showPage()
    c.save()
    return buf.getvalue()


FINANCE = FINANCE_PDF.read_bytes()


@pytest.fixture(scope="module")
def pages():
    return read_pdf(FINANCE, FINANCE_PDF.name)


def test_a_pdf_is_recognised_by_its_bytes_not_its_name():
    assert source_from_bytes(FINANCE, "download").kind == "pdf"
    assert source_from_bytes("上海市XX局 2024 年度部门决算\n".encode(), "x.pdf").kind == "text"


def test_lines_know_their_page_line_and_box(pages):
    assert pages.page_count == 25 and len(pages.page_sizes) == 25
    cover = [line for line in pages.lines if line.page == 1]
    assert [line.text for line in cover] == ["上海市普陀区财政局", "2024年度部门决算"]
    assert [line.page_line for line in cover] == [1, 2]
    x0, top, x1, bottom = cover[0].bbox
    assert 150 < x0 < x1 < 450 and 300 < top < bottom < 400


def test_a_grid_row_is_one_line_of_its_cells_joined_by_spaces(pages):
    (row,) = [line for line in pages.lines if line.text.startswith("201 06 01 行政运行 1,511.89") and line.page == 10]
    assert (row.page, row.role) == (10, "table_row")
    grid = next(g for g in pages.grids if row.n in g.lines)
    cells = grid.rows[grid.lines.index(row.n)]
    assert [c.text for c in cells[:7]] == ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"]
    assert all(c.bbox is not None for c in cells[:7])


def test_quotation_marks_on_another_baseline_stay_in_their_line(pages):
    titles = [line.text for line in pages.lines if line.page == 18]
    assert titles[0] == "财政拨款“三公”经费支出决算表"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (_scan(), ScannedPdfError, "OCR"),
        (_encrypted(), EncryptedPdfError, "已加密"),
        (FINANCE[: len(FINANCE) // 2], BrokenPdfError, "不完整"),
        (FINANCE[:-2000], BrokenPdfError, "cut-off"),
    ],
    ids=["scan", "encrypted", "cut-in-half", "cut-at-the-end"],
)
def test_an_unreadable_pdf_is_refused_with_a_clear_message(data, error, words):
    with pytest.raises(error) as caught:
        read_pdf(data, "report.pdf")
    assert str(caught.value).startswith("report.pdf ") and words in str(caught.value)


@pytest.mark.parametrize("name", ["scan", "encrypted"])
def test_a_refused_pdf_leaves_the_store_as_it_was(tmp_path, capsys, name):
    bad = tmp_path / f"{name}.pdf"
    bad.write_bytes(_scan() if name == "scan" else _encrypted())
    store = tmp_path / "store"

    code = main(["ingest", str(bad), "--data-dir", str(store), "--json"])

    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["documents"] == [] and len(report["errors"]) == 1
    assert not (store / "manifest.json").exists()


def test_form_feeds_split_pages_even_inside_a_line():
    p = text_pages("x.txt", ["封面", "第一页末尾\f第二页开头", "第二页"], sha256="", encoding="utf-8")
    assert [(line.text, line.page, line.page_line, line.file_line) for line in p.lines] == [
        ("封面", 1, 1, 1), ("第一页末尾", 1, 2, 2), ("第二页开头", 2, 1, 2), ("第二页", 2, 2, 3),
    ]


def test_page_numbers_printed_alone_are_furniture():
    text = ["标题", "正文一", "1", "\f正文二", "2", "\f正文三", "3"]
    p = text_pages("x.txt", text, sha256="", encoding="utf-8")
    assert [line.text for line in p.lines if line.role == "furniture"] == ["1", "2", "3"]


def test_a_lone_number_that_does_not_run_with_the_pages_is_content():
    p = text_pages("x.txt", ["标题", "合计", "7", "\f下一页"], sha256="", encoding="utf-8")
    assert all(line.role == "text" for line in p.lines)
