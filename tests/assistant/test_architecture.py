"""The shape the design card asks for, checked on the code itself: a handler imports the other
handlers it uses at its top, never inside a function (where an import cycle hides)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HANDLERS = sorted((Path(__file__).resolve().parents[2] / "assistant" / "handlers").glob("*.py"))


@pytest.mark.parametrize("path", HANDLERS, ids=lambda p: p.name)
def test_a_handler_imports_other_handlers_only_at_its_top(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = [
        f"{path.name}:{node.lineno} {node.module}"
        for function in ast.walk(tree) if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function) if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("assistant.handlers")
    ]
    assert inside == []


def test_every_handler_is_checked():
    assert {p.stem for p in HANDLERS} >= {"across", "aggregate", "calc", "classes", "figures", "items", "scope", "statements", "tables", "texts"}
