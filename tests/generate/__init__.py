"""A test-only generator of template-shaped 部门决算 documents with known ground truth.

    from generate import generate
    doc = generate(7, "pdf")          # Document: .data (bytes), .truth (Truth), .spec, .options

See ``disclosure.py`` (documents, variants, truth) and ``spec.py`` (the department-year's money).
"""

from .disclosure import KINDS, Document, ExpectedRow, ExpectedTable, Options, Truth, expected, generate, options_for, render
from .spec import Spec, make_spec

__all__ = ["KINDS", "Document", "ExpectedRow", "ExpectedTable", "Options", "Spec", "Truth", "expected", "generate",
           "make_spec", "options_for", "render"]
