"""The evaluation's scoring (evals/metrics.py): what counts as the expected figure being given."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.answer import Answer
from evals.metrics import figure_found


def _answer(*figures: tuple[str, str]) -> Answer:
    return SimpleNamespace(figures=[SimpleNamespace(value=v, unit=u) for v, u in figures], calculation=None)


def test_a_unit_of_alternatives_matches_either_alternative_but_not_another_unit():
    given = _answer(("2", "台（套）"))
    assert figure_found(SimpleNamespace(value="2", unit="台"), given)
    assert figure_found(SimpleNamespace(value="2", unit="套"), given)
    assert figure_found(SimpleNamespace(value="2", unit="台(套)"), given)
    assert not figure_found(SimpleNamespace(value="2", unit="辆"), given)
    assert not figure_found(SimpleNamespace(value="3", unit="台"), given)
    assert figure_found(SimpleNamespace(value="2", unit="台（套）"), _answer(("2", "台")))
    assert not figure_found(SimpleNamespace(value="2.00", unit="万元"), _answer(("2.00", "%")))


def test_an_amount_in_another_money_unit_is_the_same_amount_but_a_count_is_not_money():
    assert figure_found(SimpleNamespace(value="0", unit="万元"), _answer(("0", "元")))
    assert figure_found(SimpleNamespace(value="1.2", unit="万元"), _answer(("12000", "元")))
    assert figure_found(SimpleNamespace(value="52.54", unit="亿元"), _answer(("525400", "万元")))
    assert not figure_found(SimpleNamespace(value="12000", unit="万元"), _answer(("12000", "元")))
    assert not figure_found(SimpleNamespace(value="0", unit="万元"), _answer(("0", "辆")))


def test_the_general_measure_words_of_a_count_are_one_unit_but_not_other_counts():
    assert figure_found(SimpleNamespace(value="8", unit="个"), _answer(("8", "项")))
    assert figure_found(SimpleNamespace(value="8", unit="项"), _answer(("8", "个")))
    assert not figure_found(SimpleNamespace(value="8", unit="个"), _answer(("8", "辆")))
    assert not figure_found(SimpleNamespace(value="8", unit="人"), _answer(("8", "项")))


def test_percentage_points_may_be_written_as_a_percent_but_not_as_a_count():
    assert figure_found(SimpleNamespace(value="4.90", unit="%"), _answer(("4.90", "个百分点")))
    assert figure_found(SimpleNamespace(value="4.90", unit="个百分点"), _answer(("4.90", "%")))
    assert not figure_found(SimpleNamespace(value="4.90", unit="个"), _answer(("4.90", "个百分点")))
