"""assistant/audit/chat.py: audit questions in the conversation, answered as cited lists."""

from __future__ import annotations

import pytest

from assistant.audit.chat import report_for, topic_words


@pytest.mark.parametrize(
    ("content", "words"),
    [("三公经费的数字", ["三公经费"]), ("这份决算有 数字", []), ("政府采购", ["政府采购"]), ("项目支出绩效自评表的数字", ["项目支出绩效自评表"])],
)
def test_the_topic_of_a_question(content, words):
    assert topic_words(content) == words


def test_checking_the_three_public_expenses(bot):
    answer = bot.ask("核对一下三公经费的数字")
    assert (answer.kind, answer.intent) == ("list", "audit")
    assert 176 in [c.line_start for c in answer.citations]
    assert answer.unsupported_numbers() == []
    assert answer.answer.startswith("核对「三公经费」相关的数字：核对过的关系都成立")
    assert "因公出国（境）费支出 0.00 + 公务用车购置及运行维护费支出 25.39 + 公务接待费支出 0.00 = 25.39 万元" in answer.answer
    assert "变动率 = 19.69 ÷ 45.08 = 43.6779%" in answer.answer
    assert {row["结果"] for row in answer.table} <= {"成立", "尾差", "无法核对"}


def test_which_numbers_do_not_add_up(bot):
    answer = bot.ask("这份决算有哪些数字对不上")
    assert answer.kind == "list"
    assert answer.answer.startswith("以下数字对不上（不一致或错误）：")
    assert {row["结果"] for row in answer.table} == {"错误", "不一致"}
    assert len(answer.table) == 20
    assert "531,862.79" in answer.answer and "=290000 元" in answer.answer
    assert {118, 416, 417} <= {c.line_start for c in answer.citations}
    assert 98 not in {c.line_start for c in answer.citations}  # 收入总计's 0.01 is 尾差, not a problem
    assert answer.unsupported_numbers() == []


def test_a_topic_with_nothing_to_check_lists_the_problems(bot):
    answer = bot.ask("核对一下教育经费")
    assert answer.answer.startswith("没有找到与「教育经费」有关的数字关系。以下数字对不上")
    assert answer.unsupported_numbers() == []


def test_a_table_topic(bot):
    answer = bot.ask("项目支出绩效自评表的数字对得上吗")
    assert answer.kind == "list"
    assert answer.table[0]["结果"] == "错误" and answer.table[0]["行"] == "416"
    assert answer.unsupported_numbers() == []


def test_the_audit_runs_once_per_knowledge(bot):
    assert report_for(bot.kb) is report_for(bot.kb)


def test_whether_a_total_equals_its_parts_is_an_audit_question(bot):
    """Line 98: 636,952.54 + 47.79 + 229.10 = 637,229.43, stated 637,229.42 — within the rounding
    of its four printed numbers (0.020), so 尾差."""
    answer = bot.ask("收入总计等于各项之和吗")

    assert (answer.kind, answer.intent) == ("list", "audit")
    assert answer.answer.startswith("核对「收入总计」相关的数字：核对过的关系都成立（尾差在四舍五入范围内）。")
    assert answer.table[0]["结果"] == "尾差"
    assert "= 637,229.43 万元；文中收入总计为 637,229.42 万元" in answer.answer
    assert answer.unsupported_numbers() == []
