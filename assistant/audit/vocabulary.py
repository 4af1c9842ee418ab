"""The template vocabulary the audit needs, loaded from ``vocabulary.toml`` into typed models.

>>> vocabulary().sum[0].name
'基本支出 = 人员经费 + 公用经费'
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.errors import PromptDataError

VOCABULARY = Path(__file__).with_name("vocabulary.toml")
CLASSIFICATION = Path(__file__).with_name("classification.toml")  # the national 类 codes and names


def key(text: str | None) -> str:
    """A name for matching: NFKC (full-width brackets become ASCII), no spaces, no quotes.

    Applied to subjects and to the patterns alike, so "财政拨款“三公”经费" matches 财政拨款三公经费.
    """
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s\"'“”‘’]+", "", text)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Select(Model):
    """Which figure: a subject (whole match), optionally its parent ("" = none) and its basis."""

    subject: str
    parent: str | None = None
    basis: str = "本年决算"

    def matches(self, f) -> bool:
        if not re.fullmatch(self.subject, key(f.subject)):
            return False
        if self.parent is not None and not re.fullmatch(self.parent, key(f.parent)):
            return False
        return f.basis == self.basis


class SumRelation(Model):
    name: str
    scope: Literal["section", "document"]
    total: str
    parts: list[str]
    absent: list[str] = []


class Balance(Model):
    income: str
    expense: str


class Same(Model):
    name: str
    a: Select
    b: Select


class SameTable(Model):
    name: str
    field: Literal["budget_initial", "budget_full", "executed"]
    text: Select


class ChangeBase(Model):
    subject: str
    current: list[str]


class Performance(Model):
    projects: str
    department_tables: str
    classified: str
    classified_budget: str


class Chat(Model):
    noise: list[str]
    families: dict[str, str] = {}


class TableSum(Model):
    """Rows of one statutory table that add up: ``total`` = its ``parts`` (row patterns), the
    rows printed under it (``children``), or the 经济分类 类 ``codes``."""

    name: str
    table: str  # kind[/side]
    total: str
    parts: list[str] = []
    children: bool = False
    codes: list[str] = []
    top_level: bool = False


class BalanceRows(Model):
    name: str
    table: str
    row: str


class RowIdentity(Model):
    table: str
    identity: str  # "A = B + C - D" over normalised columns


class Link(Model):
    """The same subject in two tables: Σ ``a`` op Σ ``b``, for each 类, code or column."""

    name: str
    a: list[str]
    b: list[str]
    op: Literal["=", "<="] = "="
    each: Literal["", "类", "code", "column"] = ""
    columns: list[str] = []  # for each = "column"; "a/b" pairs a column of a with one of b


class Subject(Model):
    """A subject the narrative states and the cells that print it."""

    subject: str
    parent: str | None = None
    section: str | None = None
    cells: list[str]  # the 决算
    budget: list[str] = []  # the 年初预算


class Wording(Model):
    greater: list[str]
    less: list[str]
    equal: list[str]
    about: list[str]
    level: str
    actual: list[str]
    budget: list[str]


class Template(Model):
    placeholder: str
    pairs: list[list[str]]
    instructions: list[str]
    parts: list[str]
    sections: list[str]
    tables: list[str]
    none_words: list[str]


class Identity(Model):
    slots: list[str]
    this_year: list[str]
    last_year: list[str]
    suffixes: list[str]
    lead_words: list[str]
    unit_sections: list[str]


class Vocabulary(Model):
    generic: list[str] = []
    sum: list[SumRelation]
    balance: Balance
    same: list[Same]
    same_table: list[SameTable]
    change_base: list[ChangeBase]
    performance: Performance
    chat: Chat
    table_sum: list[TableSum]
    balance_rows: list[BalanceRows]
    row_identity: list[RowIdentity]
    link: list[Link]
    subject: list[Subject]
    classes: dict[str, str]
    class_aliases: dict[str, list[str]] = {}
    wording: Wording
    template: Template
    identity: Identity


@lru_cache(maxsize=4)
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PromptDataError(f"missing audit vocabulary {path}; restore it from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        raise PromptDataError(f"{path} is not valid TOML: {exc}") from None
    try:
        data |= tomllib.loads(CLASSIFICATION.read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise PromptDataError(f"{CLASSIFICATION} cannot be read ({exc}); restore it from the repository") from None
    try:
        vocab = Vocabulary.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PromptDataError(f"{path}: {where}: {first['msg']}; see the comments in the file for the expected shape") from None
    _normalise(vocab)
    return vocab


def _normalise(vocab: Vocabulary) -> None:
    """Patterns are matched against :func:`key` of subjects: normalise their literal text the same way."""
    for rel in vocab.sum:
        rel.total = key(rel.total)
        rel.parts = [key(p) for p in rel.parts]
    for pair in vocab.same:
        for sel in (pair.a, pair.b):
            sel.subject = key(sel.subject)
            sel.parent = key(sel.parent) if sel.parent else sel.parent
    for st in vocab.same_table:
        st.text.subject = key(st.text.subject)
    for cb in vocab.change_base:
        cb.subject = key(cb.subject)
        cb.current = [key(c) for c in cb.current]
    for sub in vocab.subject:
        sub.subject = key(sub.subject)
        sub.parent = key(sub.parent) if sub.parent else sub.parent
        sub.section = key(sub.section) if sub.section else sub.section
    vocab.classes = {code: key(name) for code, name in vocab.classes.items()}
    vocab.template.sections = [key(s) for s in vocab.template.sections]
    vocab.balance.income = key(vocab.balance.income)
    vocab.balance.expense = key(vocab.balance.expense)
    p = vocab.performance
    p.projects, p.department_tables, p.classified, p.classified_budget = map(key, (p.projects, p.department_tables, p.classified, p.classified_budget))
