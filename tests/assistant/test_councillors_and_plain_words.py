"""A councillor and a budget officer checking how a budget was carried out, and people who ask in
plain words or in English: reasons read from the sentence that states them, counts asked of a
message of several asks.

Figures read off the corpus: the street text's 其他城乡社区公共设施支出 (项) budgeted 1,190.14 and
spent 615.12, 51.68% of its budget, "决算数小于预算数的主要原因：调减“管弄综合片区建设费”项目…"; its
一般行政管理事务 (项) 90.57%, "调减项目“石泉综合为老服务中心开办费”"; the culture text's 公务接待 2
批次 and 24 人次.
"""

from __future__ import annotations

from checks import amounts, talk


def test_a_budget_gap_reason_is_read_from_the_sentence_that_restates_the_amount(bots):
    a = bots("street").ask("石泉路街道2025年城乡社区公共设施支出只完成了预算的一半左右，为什么")
    assert a.intent == "reason" and "管弄综合片区建设费" in a.answer and "开办费" not in a.answer
    assert {"51.68", "1190.14", "615.12"} <= set(amounts(a)) and "90.57" not in amounts(a)


def test_an_average_of_two_counts_one_message_asked_together(bots):
    *_, per = talk(bots("culture"), ["上海市普陀区文化和旅游局2025年公务接待了几批次、多少人次？", "平均每批次多少人次？"])
    assert per.calculation.expression == "24 / 2" and per.calculation.result == "12.00"
