"""ui/charts.py: chart data read from the records of the bundled disclosure, and their HTML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ui import charts


@pytest.fixture(scope="module")
def records(bot):
    return bot.library.records(bot.library.ids[0])


def test_spending_by_class_is_the_three_general_budget_classes(records):
    bars = charts.spending_by(records, "类")
    assert [(b.label, b.value) for b in bars] == [
        ("住房保障支出", Decimal("483911.04")),
        ("城乡社区支出", Decimal("22611.63")),
        ("社会保障和就业支出", Decimal("587.27")),
    ]
    assert {b.unit for b in bars} == {"万元"}


def test_spending_by_item_comes_from_the_general_budget_section_only(records):
    bars = charts.spending_by(records, "项")
    assert len(bars) == 11
    assert (bars[0].label, bars[0].value) == ("棚户区改造", Decimal("483911.04"))
    assert (bars[-1].label, bars[-1].value) == ("灾害风险防治", Decimal("0.00"))
    # the 政府性基金 items (棚户区改造支出, 城市公共设施 …) belong to another budget
    assert not any("政府性基金" in b.detail or b.label in ("棚户区改造支出", "城市公共设施") for b in bars)
    assert bars[0].detail == "住房保障支出(类) › 保障性安居工程支出(款) › 棚户区改造(项)"


def test_item_values_add_up_to_their_classes(records):
    """A consistency check that the chart reads whole records: 项 sum to 类 in this document."""
    by_class = {b.label: b.value for b in charts.spending_by(records, "类")}
    sums: dict[str, Decimal] = {}
    for b in charts.spending_by(records, "项"):
        top = b.detail.split(" › ")[0].rsplit("(", 1)[0]
        sums[top] = sums.get(top, Decimal(0)) + b.value
    assert sums.pop("灾害防治及应急管理支出") == Decimal("0.00")  # a 项 of 0.00 whose 类 is not stated
    assert sums == by_class


def test_projects_lowest_execution_rate_first(records):
    items = charts.projects(records)
    assert len(items) == 30
    assert (items[0].name, items[0].rate, items[0].score, items[0].out_of) == ("房产交易业务经费", Decimal("74.82"), Decimal("95.48"), Decimal("100"))
    rates = [p.rate for p in items]
    assert rates == sorted(rates)
    assert sum(1 for r in rates if r < 100) == 8


def test_the_chart_html_shows_exact_amounts_and_escapes_labels():
    bars = [
        charts.Bar("住房保障支出", Decimal("483911.04"), "万元", "住房保障支出(类)", 134),
        charts.Bar("<b>小</b>", Decimal("0.00"), "万元", "x", 1),
    ]
    html = charts.bar_chart_html("按类", bars)
    assert "483,911.04 万元" in html and 'style="width:100.00%"' in html
    assert "&lt;b&gt;小&lt;/b&gt;" in html and 'style="width:0%"' in html


def test_a_small_nonzero_bar_stays_visible():
    bars = [charts.Bar("大", Decimal("1000000"), "万元", "", 1), charts.Bar("小", Decimal("1"), "万元", "", 2)]
    assert 'style="width:0.50%"' in charts.bar_chart_html("t", bars)


def test_empty_charts_say_so():
    assert "文件中没有可画图的数据" in charts.bar_chart_html("按类", [])
    assert "文件中没有项目绩效自评表" in charts.project_chart_html("项目", [])


def test_all_charts_of_a_document(records):
    html = charts.charts_html(records)
    for text in ("一般公共预算财政拨款支出 · 按类", "一般公共预算财政拨款支出 · 按项", "项目支出绩效：执行率与自评得分", "74.82%", "95.48 分", "20,698.48 万元"):
        assert text in html
