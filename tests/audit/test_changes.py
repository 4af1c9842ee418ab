"""assistant/audit/changes.py: direction words agree with each other and with the sign."""

from __future__ import annotations

import pytest

from assistant.audit import run_audit
from assistant.audit.changes import word_before

from .conftest import CULTURE_LINES, culture, key_of, line_of


def test_every_bundled_change_points_one_way(report):
    found = [f for f in report.findings if f.family == "changes"]
    assert {f.severity for f in found} == {"ok"}
    assert sorted({f.line_end for f in found}) == [102, 116, 138, 140, 144, 146, 148, 152, 154, 156, 158, 162, 164, 176, 194, 202, 209, 215, 231, 233]
    assert len(found) == 23  # four on line 176: the total and its three parts


@pytest.mark.parametrize(
    ("text", "raw", "unit", "word"),
    [
        ("比上年减少19.69万元，下降43.68%", "19.69", "万元", "减少"),
        ("比上年减少19.69万元，下降43.68%", "43.68", "%", "下降"),
        ("比上年决算减少188,947.46万元,降低100.00%", "100.00", "%", "降低"),
        ("增长了1,191.00%", "1,191.00", "%", "增长"),
        ("比上年增加0.00万元", "43.68", "%", None),
    ],
)
def test_the_word_before_a_number(text, raw, unit, word):
    assert word_before(text, raw, unit) == word


def test_a_direction_word_contradicting_the_other_is_an_error():
    line = line_of(CULTURE_LINES, "公务接待费支出3.00万元")
    report = run_audit([culture("contradicting_direction")])
    bad = [f for f in report.findings if f.failing]
    assert [key_of(f) for f in bad] == [("changes.direction", "error", line, line)]
    assert "金额写“减少”而比率写“增长”，方向相反" in bad[0].message


def _with(old: str, new: str):
    from ingest.pipeline import parse_source
    from ingest.read import source_from_bytes

    from .conftest import CULTURE_NAME

    text = "\n".join(CULTURE_LINES).replace(old, new) + "\n"
    return parse_source(source_from_bytes(text.encode("utf-8"), CULTURE_NAME))


def test_an_increase_larger_than_the_current_value_is_an_error():
    # 280.00 万元 "比上年决算增加 300.00 万元" would make last year negative
    report = run_audit([_with("支出决算数为280.00万元，比上年决算增加0.00万元，增长0.00%", "支出决算数为280.00万元，比上年决算增加300.00万元，增长0.00%")])
    bad = [f for f in report.findings if f.check == "changes.direction" and f.failing]
    assert len(bad) == 1 and "上年数将为负" in bad[0].message
