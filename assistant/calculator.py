"""A deterministic calculator: ``Decimal`` arithmetic over a whitelisted expression tree.

Only numbers, ``+ − × ÷``, parentheses and a postfix ``%`` are accepted; the expression is
tokenized and parsed here (never ``eval``), its size and depth are bounded, and every result is a
``Decimal``. It is also exposed as a LangChain tool with a pydantic argument schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, localcontext

from pydantic import BaseModel, Field, ValidationError

from ingest.errors import CalculationError

MAX_CHARS = 300
MAX_DEPTH = 24
MAX_DIGITS = 30
_OPS = {"+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "×": "*", "x": "*", "X": "*", "·": "*", "/": "/", "÷": "/"}
_TOKEN = re.compile(r"\s*(?:(\d[\d,]*(?:\.\d+)?|\.\d+)|([-+−–*×xX·/÷()（）%]))")


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Unary:
    op: str
    operand: object


@dataclass(frozen=True)
class Binary:
    op: str
    left: object
    right: object


@dataclass(frozen=True)
class Percent:
    operand: object


def tokenize(expression: str) -> list[tuple[str, str]]:
    if len(expression) > MAX_CHARS:
        raise CalculationError(f"the expression is {len(expression)} characters long; the limit is {MAX_CHARS}")
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = expression.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise CalculationError(f"unexpected {text[pos:pos + 10]!r} at position {pos}; only numbers, + − × ÷ ( ) and % are allowed")
        pos = m.end()
        if m.group(1):
            digits = m.group(1).replace(",", "")
            if len(digits.replace(".", "")) > MAX_DIGITS:
                raise CalculationError(f"the number {digits[:12]}… has more than {MAX_DIGITS} digits")
            tokens.append(("num", digits))
        else:
            sym = m.group(2)
            sym = {"（": "(", "）": ")"}.get(sym, sym)
            tokens.append(("sym", _OPS.get(sym, sym)))
    if not tokens:
        raise CalculationError("the expression is empty; write e.g. (150.12 + 253.36) / 403.48")
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self):
        node = self.expr(0)
        if self.peek() is not None:
            raise CalculationError(f"unexpected {self.peek()[1]!r} after a complete expression")
        return node

    def expr(self, depth: int):
        node = self.term(depth)
        while self.peek() in (("sym", "+"), ("sym", "-")):
            op = self.take()[1]
            node = Binary(op, node, self.term(depth))
        return node

    def term(self, depth: int):
        node = self.factor(depth)
        while self.peek() in (("sym", "*"), ("sym", "/")):
            op = self.take()[1]
            node = Binary(op, node, self.factor(depth))
        return node

    def factor(self, depth: int):
        if depth > MAX_DEPTH:
            raise CalculationError(f"the expression nests deeper than {MAX_DEPTH} levels")
        tok = self.peek()
        if tok in (("sym", "+"), ("sym", "-")):
            self.take()
            return Unary(tok[1], self.factor(depth + 1))
        node = self.primary(depth)
        while self.peek() == ("sym", "%"):
            self.take()
            node = Percent(node)
        return node

    def primary(self, depth: int):
        tok = self.peek()
        if tok is None:
            raise CalculationError("the expression ends too early")
        if tok[0] == "num":
            self.take()
            return Num(Decimal(tok[1]))
        if tok == ("sym", "("):
            self.take()
            node = self.expr(depth + 1)
            if self.peek() != ("sym", ")"):
                raise CalculationError("a parenthesis is not closed")
            self.take()
            return node
        raise CalculationError(f"unexpected {tok[1]!r}")


def _eval(node) -> Decimal:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Unary):
        v = _eval(node.operand)
        return -v if node.op == "-" else v
    if isinstance(node, Percent):
        return _eval(node.operand) / 100
    if isinstance(node, Binary):
        a, b = _eval(node.left), _eval(node.right)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if b == 0:
            raise CalculationError("division by zero")
        return a / b
    raise CalculationError(f"unsupported node {type(node).__name__}")  # pragma: no cover


def evaluate(expression: str) -> Decimal:
    """Evaluate ``expression`` exactly with Decimal.

    >>> evaluate("433.66 / 17")
    Decimal('25.50941176470588235294117647')
    """
    tree = _Parser(tokenize(expression)).parse()
    with localcontext() as ctx:
        ctx.prec = 28
        ctx.Emax = 10**6
        ctx.Emin = -(10**6)
        ctx.traps[DivisionByZero] = True
        try:
            value = _eval(tree)
        except (InvalidOperation, DivisionByZero, OverflowError):
            raise CalculationError("the expression has no finite result") from None
    if not value.is_finite():
        raise CalculationError("the expression has no finite result")
    return value


def round2(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A decimal string without exponent or needless trailing zeros (for exact results)."""
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"


class CalculatorInput(BaseModel):
    """Arguments of the calculator tool."""

    expression: str = Field(description="arithmetic over decimal numbers with + - × ÷ ( ) and %, e.g. '4213.97 / 4617.45 × 100'", max_length=MAX_CHARS)
    places: int | None = Field(default=2, ge=0, le=10, description="round half-up to this many decimal places; null keeps the exact result")


def calculate(expression: str, places: int | None = 2) -> dict[str, str]:
    value = evaluate(expression)
    try:
        with localcontext() as ctx:
            ctx.prec = 80  # rounding a 28-digit result to 2 places needs more than 28 digits
            result = round2(value, places) if places is not None else value
    except InvalidOperation:
        raise CalculationError("the result is too large to round") from None
    return {"expression": expression, "result": plain(result) if places is None else str(result), "exact": plain(value)}


def run(expression: str, places: int | None = 2) -> dict[str, str]:
    """What the calculator tool returns for these arguments, checked by the same schema; arguments
    the schema rejects (an expression over ``MAX_CHARS``) are a ``CalculationError`` too.

    The answering path calls this rather than the LangChain tool, whose import costs half a second
    in a new process; the tool wraps the same schema and function."""
    try:
        args = CalculatorInput.model_validate({"expression": expression, "places": places})
    except ValidationError as exc:
        raise CalculationError(f"the expression is rejected: {exc.errors()[0]['type']}") from None
    return calculate(args.expression, args.places)


def calculator_tool():
    """The calculator as a LangChain tool (an LLM-driven mode can call the same function)."""
    from langchain_core.tools import StructuredTool

    return StructuredTool.from_function(
        func=calculate,
        name="calculator",
        description="Exact Decimal arithmetic for sums, differences, ratios, shares and unit conversions of figures from the disclosure.",
        args_schema=CalculatorInput,
    )
