"""assistant/calculator.py: exact Decimal arithmetic over a whitelisted expression, and its LangChain tool.

The calculator is the only place an answer's numbers are computed, so it must be exact, refuse
everything that is not arithmetic with an error naming what it refused, and never run code.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.calculator import MAX_CHARS, MAX_DEPTH, CalculatorInput, calculate, calculator_tool, evaluate, run
from ingest.errors import CalculationError

PROPERTIES = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("expression", "exact"),
    [
        ("150.12 - 28.81", "121.31"),
        ("150.12 − 28.81", "121.31"),  # the minus sign answers print
        ("25.39 + 19.69", "45.08"),
        ("4213.97 + 403.48", "4617.45"),
        ("0.1 + 0.2", "0.3"),  # a float would give 0.30000000000000004
        ("1.10 * 3", "3.30"),
        ("483911.04 / 10000", "48.391104"),
        ("459.93 × 10000", "4599300.00"),
        ("459.93 x 10000", "4599300.00"),
        ("433.66 ÷ 17", "25.50941176470588235294117647"),
        ("1,000.5 + 1", "1001.5"),  # thousands separators as the document writes them
        ("（150.12 + 253.36）/ 403.48", "1"),  # full-width parentheses
        ("(4213.97 + 1) / 3", "1404.99"),
        ("2 + 3 × 4", "14"),  # × binds tighter than +
        ("(2 + 3) × 4", "20"),
        ("10 - 4 - 3", "3"),  # left to right
        ("64 / 4 / 2", "8"),
        ("-5 + 2", "-3"),
        ("--1", "1"),
        ("50%", "0.50"),
        ("200 × 10%", "20.0"),
        (".5 + .25", "0.75"),
    ],
)
def test_expressions_evaluate_exactly_in_decimal(expression, exact):
    result = evaluate(expression)

    assert type(result) is Decimal
    assert result == Decimal(exact)


@pytest.mark.parametrize(
    ("expression", "places", "result"),
    [
        ("4213.97 / 4617.45 × 100", 2, "91.26"),
        ("403.48 / 4617.45 × 100", 2, "8.74"),
        ("433.66 / 17", 2, "25.51"),
        ("(150.12 + 253.36) / 403.48", 2, "1.00"),
        ("0.125", 2, "0.13"),  # half-up, not banker's rounding (0.12)
        ("2.675", 2, "2.68"),  # a float would round to 2.67
        ("-0.125", 2, "-0.13"),
        ("1 / 3", 4, "0.3333"),
        ("483911.04 / 10000", None, "48.391104"),  # None keeps the exact result
        ("459.93 × 10000", None, "4599300"),
        ("150.12 − 28.81", None, "121.31"),
    ],
)
def test_calculate_rounds_half_up_to_the_places_asked(expression, places, result):
    out = calculate(expression, places)

    assert out["result"] == result
    assert out["expression"] == expression
    assert Decimal(out["exact"]) == evaluate(expression)


@pytest.mark.parametrize(
    ("expression", "named"),
    [
        ("abs(1)", "abs"),  # a call
        ("__import__('os').system('true')", "__import__"),
        ("open('/etc/passwd')", "open"),
        ("(1).real", ".real"),  # an attribute
        ("2 ** 3", "*"),  # power is not one of + − × ÷
        ("2 // 3", "/"),
        ("'12' + 1", "'12'"),  # a string
        ('"12"', '"12"'),
        ("a + 1", "a"),  # a name
        ("1e5", "e5"),
        ("1 if 1 else 0", "if"),
        ("[1, 2]", "["),
        ("1 == 1", "="),
        ("~1", "~"),
        ("1; 2", ";"),
    ],
)
def test_anything_but_arithmetic_is_refused_with_what_was_refused(expression, named):
    with pytest.raises(CalculationError) as refused:
        evaluate(expression)

    assert named in str(refused.value)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("1 +", "ends too early"),
        ("(1 + 2", "not closed"),
        ("1 + 2)", "')'"),
        ("1 2", "'2'"),
        ("()", "')'"),
        ("%", "'%'"),
    ],
)
def test_malformed_arithmetic_is_refused_with_the_reason(expression, message):
    with pytest.raises(CalculationError) as refused:
        evaluate(expression)

    assert message in str(refused.value)


@pytest.mark.parametrize("expression", ["1 / 0", "1 ÷ 0", "0 / 0", "5 / (2 - 2)", "1 / 0%", "1 / (0.5 - 0.50)"])
def test_division_by_zero_is_a_calculation_error(expression):
    with pytest.raises(CalculationError, match="division by zero"):
        evaluate(expression)


def test_an_expression_longer_than_the_limit_is_refused_before_it_is_read():
    expression = "1 + " * (MAX_CHARS // 4) + "1"

    with pytest.raises(CalculationError, match=f"{len(expression)} characters long; the limit is {MAX_CHARS}"):
        evaluate(expression)


def test_an_expression_at_the_length_limit_is_accepted():
    expression = "1+" * 149 + "10"

    assert len(expression) == MAX_CHARS
    assert evaluate(expression) == Decimal(159)


@pytest.mark.parametrize(
    "expression",
    ["(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1), "-" * (MAX_DEPTH + 1) + "1"],
    ids=["parentheses", "signs"],
)
def test_nesting_deeper_than_the_limit_is_refused(expression):
    with pytest.raises(CalculationError, match=f"deeper than {MAX_DEPTH} levels"):
        evaluate(expression)


def test_nesting_at_the_limit_is_accepted():
    assert evaluate("(" * MAX_DEPTH + "7" + ")" * MAX_DEPTH) == Decimal(7)


def test_a_number_with_more_than_thirty_digits_is_refused():
    with pytest.raises(CalculationError, match="more than 30 digits"):
        evaluate("1" * 31 + " + 1")


# -- properties ---------------------------------------------------------------------------------
SPELLINGS = {"+": ["+"], "-": ["-", "−", "–"], "*": ["*", "×", "x", "X", "·"], "/": ["/", "÷"]}
numbers = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


def _trees():
    leaves = st.builds(lambda d: ("num", d), numbers)

    def grow(children):
        return st.one_of(
            st.tuples(st.just("bin"), st.sampled_from(sorted(SPELLINGS)), children, children, st.integers(0, 4)),
            st.tuples(st.just("neg"), children),
            st.tuples(st.just("pct"), children),
        )

    return st.recursive(leaves, grow, max_leaves=12)


def render(node) -> str:
    kind = node[0]
    if kind == "num":
        text = format(abs(node[1]), "f")
        return f"(-{text})" if node[1] < 0 else text
    if kind == "bin":
        _, op, left, right, spelling = node
        names = SPELLINGS[op]
        return f"({render(left)} {names[spelling % len(names)]} {render(right)})"
    if kind == "neg":
        return f"-{render(node[1])}"
    return f"({render(node[1])})%"


def depth(node) -> int:
    """How deep the parser descends: one level per parenthesis and per sign."""
    kind = node[0]
    if kind == "num":
        return 2 if node[1] < 0 else 0  # "(-x)": a parenthesis and a sign
    if kind == "bin":
        return 1 + max(depth(node[2]), depth(node[3]))
    return 1 + depth(node[1])  # "-x" or "(x)%"


class DivisionByZeroSeen(Exception):
    pass


def reference(node) -> Decimal:
    """The same arithmetic done directly on the tree, in the calculator's precision."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "neg":
        return -reference(node[1])
    if kind == "pct":
        return reference(node[1]) / 100
    _, op, left, right, _ = node
    a, b = reference(left), reference(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise DivisionByZeroSeen
    return a / b


@PROPERTIES
@given(_trees())
def test_random_expression_trees_give_the_exact_decimal_or_a_calculation_error(tree):
    text = render(tree)
    try:
        with localcontext() as ctx:
            ctx.prec = 28
            expected = reference(tree)
    except DivisionByZeroSeen:
        expected = None

    if len(text) > MAX_CHARS or depth(tree) > MAX_DEPTH or expected is None:
        with pytest.raises(CalculationError):
            evaluate(text)
    else:
        result = evaluate(text)
        assert type(result) is Decimal
        assert result == expected


RUNNABLE = st.sampled_from(
    [
        "__import__('pathlib').Path('{sentinel}').touch()",
        "open('{sentinel}', 'w')",
        "exec(\"open('{sentinel}', 'w')\")",
        "eval('1')",
        "compile('1', 'x', 'eval')",
        "(lambda: 1)()",
        "globals()",
        "().__class__.__bases__[0].__subclasses__()",
        "1 if True else 0",
        "[1][0]",
        "{'a': 1}['a']",
        "print(1)",
    ]
)


@PROPERTIES
@given(st.lists(st.one_of(RUNNABLE, st.builds(render, _trees())), min_size=1, max_size=4), st.sampled_from([" + ", " × ", "", ";", " and "]))
def test_expressions_with_code_in_them_never_run_it(tmp_path_factory, parts, glue):
    sentinel = tmp_path_factory.getbasetemp() / "calculator-ran-code"
    expression = glue.join(parts).replace("{sentinel}", str(sentinel))
    refuse = AssertionError("the calculator must not execute code")

    with mock.patch("builtins.eval", side_effect=refuse), mock.patch("builtins.exec", side_effect=refuse), mock.patch("builtins.compile", side_effect=refuse):
        try:
            result = evaluate(expression)
        except CalculationError:
            result = None

    assert not sentinel.exists()
    assert result is None or type(result) is Decimal


@PROPERTIES
@given(st.text(max_size=MAX_CHARS + 20))
def test_any_text_gives_a_decimal_or_a_calculation_error(text):
    try:
        result = evaluate(text)
    except CalculationError:
        return
    assert type(result) is Decimal
    assert result.is_finite()


@PROPERTIES
@given(
    st.lists(st.from_regex(r"\A[0-9]{1,30}(\.[0-9]{1,6})?\Z"), min_size=1, max_size=4),
    st.sampled_from([" + ", " - ", " × ", " / "]),
    st.one_of(st.none(), st.integers(0, 10)),
)
@example(["199999999999999999999999900"], " + ", 2)  # 27 digits and 2 places: more than the 28 of the context
def test_calculate_gives_decimal_strings_or_a_calculation_error(numbers_, op, places):
    try:
        out = calculate(op.join(numbers_), places)
    except CalculationError:
        return
    for key in ("result", "exact"):
        assert isinstance(out[key], str)
        Decimal(out[key])  # a decimal string, never a float's repr
    if places is not None:
        assert Decimal(out["result"]).as_tuple().exponent == -places


# -- the LangChain tool -------------------------------------------------------------------------
def test_the_tool_is_named_and_described_by_its_pydantic_schema():
    tool = calculator_tool()

    assert tool.name == "calculator"
    assert tool.args_schema is CalculatorInput
    schema = CalculatorInput.model_json_schema()
    assert set(schema["properties"]) == {"expression", "places"}
    assert schema["required"] == ["expression"]
    assert schema["properties"]["expression"]["maxLength"] == MAX_CHARS
    assert schema["properties"]["places"]["default"] == 2


@pytest.mark.parametrize(
    ("arguments", "result"),
    [
        ({"expression": "(150.12 + 253.36) / 403.48"}, "1.00"),  # two places by default
        ({"expression": "4213.97 / 4617.45 × 100", "places": 2}, "91.26"),
        ({"expression": "483911.04 / 10000", "places": None}, "48.391104"),
        ({"expression": "1 / 8", "places": 1}, "0.1"),
    ],
)
def test_the_tool_invoked_with_arguments_returns_the_result(arguments, result):
    out = calculator_tool().invoke(arguments)

    assert out["result"] == result
    assert out["expression"] == arguments["expression"]
    assert run(**arguments) == out  # what the answering path calls, without importing LangChain


@pytest.mark.parametrize("arguments", [{"expression": "1 + 1", "places": 11}, {"expression": "1+" * MAX_CHARS + "1"}])
def test_arguments_outside_the_schema_are_a_calculation_error_on_the_answering_path(arguments):
    with pytest.raises(CalculationError, match="the expression is rejected: "):
        run(**arguments)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"expression": "1 + 1", "places": 11}, "places"),
        ({"expression": "1 + 1", "places": -1}, "places"),
        ({"expression": "1+" * MAX_CHARS + "1"}, "expression"),
        ({"places": 2}, "expression"),
    ],
)
def test_the_tool_refuses_arguments_outside_its_schema(arguments, field):
    with pytest.raises(ValidationError) as refused:
        calculator_tool().invoke(arguments)

    assert refused.value.errors()[0]["loc"] == (field,)


@pytest.mark.parametrize(("expression", "message"), [("1 / 0", "division by zero"), ("2 ** 3", "'*'"), ("abs(1)", "abs")])
def test_the_tool_raises_the_calculation_error_rather_than_returning_text(expression, message):
    with pytest.raises(CalculationError) as refused:
        calculator_tool().invoke({"expression": expression})

    assert message in str(refused.value)
