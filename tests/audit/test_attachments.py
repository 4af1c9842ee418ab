"""assistant/audit/attachments.py: the attached tables the text lists but does not contain."""

from __future__ import annotations

from .conftest import CULTURE_LINES, line_of


def test_the_nine_attached_tables_cannot_be_checked(report):
    found = [f for f in report.findings if f.family == "attachments"]
    assert len(found) == 1
    f = found[0]
    assert (f.severity, f.line_start, f.line_end) == ("unchecked", 1027, 1035)
    assert f.message.count("《") == 9 and "《财政拨款“三公”经费支出决算表》" in f.message
    assert [(c.line_start, c.line_end) for c in f.citations] == [(1027, 1035)]
    assert not f.failing  # the gate does not fail on what the text cannot hold


def test_a_document_lists_its_own_attachments(clean):
    f = next(f for f in clean.findings if f.family == "attachments")
    first = line_of(CULTURE_LINES, "《收入支出决算总表》")
    assert (f.line_start, f.line_end) == (first, first + 1)
