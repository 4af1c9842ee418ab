"""assistant/audit/sums.py and cells.py: the tolerances, slips of a power of ten or a digit, names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.audit.cells import bare, convert, core, parse_ref
from assistant.audit.findings import envelope
from assistant.audit.sums import digit_typo, power_slip, slip_note


@pytest.mark.parametrize(
    ("raws", "tolerance"),
    [
        (["1,000.00", "600.00", "300.00", "100.00"], "0.020"),  # four printed numbers, 0.005 each
        (["12.5", "0", "12.50"], "0.055"),  # 12.5 is printed to 0.1: 0.05; a zero carries nothing
        (["0", "0.00"], "0"),
        (["14,206", "12,010.40", "2,195.60"], "0.510"),
    ],
)
def test_the_rounding_envelope_of_a_total_and_its_parts(raws, tolerance):
    assert envelope(raws) == Decimal(tolerance)


@pytest.mark.parametrize(
    ("stated", "computed", "power"),
    [("2118.28", "0.211828", 4), ("0.211828", "2118.28", -4), ("123.40", "12.34", 1), ("1.53", "0", None), ("100.00", "101.00", None)],
)
def test_a_power_of_ten(stated, computed, power):
    assert power_slip(Decimal(stated), Decimal(computed)) == power


def test_the_note_of_a_unit_slip():
    assert slip_note(Decimal("2118.28"), Decimal("0.211828")) == "两处相差 10,000 倍，正是元与万元之差：一处的单位写错了（元写成万元，或万元写成元）。"
    assert slip_note(Decimal("123.40"), Decimal("12.34")) == "两处相差 10 倍：数位错了（小数点位置或多、少一位）。"


@pytest.mark.parametrize(
    ("raw", "implied", "typo"),
    [
        ("1,234.50", "12334.50", "漏印了一位数字"),
        ("12,334.50", "1234.50", "多印了一位数字"),
        ("1,324.50", "1234.50", "相邻两位数字颠倒"),
        ("326.71", "326.72", None),  # the last digit: a difference, not a typo
        ("1.53", "0", None),
    ],
)
def test_a_printed_number_one_digit_from_what_its_row_implies(raw, implied, typo):
    assert digit_typo(raw, Decimal(implied)) == typo


def test_units_convert():
    assert convert(Decimal("21522600.00"), "元", "万元") == Decimal("2152.26")
    assert convert(Decimal("2152.26"), "万元", "元") == Decimal("21522600.00")
    assert convert(Decimal("5"), "人", "万元") == Decimal("5")


def test_names_and_references():
    assert bare("十九、住房保障支出") == "住房保障支出"
    assert core("文化体育与传媒支出") == core("文化体育与传媒") == "文化体育与传媒"
    ref = parse_ref("fiscal_summary/支出:{类}:一般公共预算财政拨款")
    assert (ref.kind, ref.side, ref.row, ref.column) == ("fiscal_summary", "支出", "{类}", "一般公共预算财政拨款")
