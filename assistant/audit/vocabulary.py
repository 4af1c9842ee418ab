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


class Vocabulary(Model):
    sum: list[SumRelation]
    balance: Balance
    same: list[Same]
    same_table: list[SameTable]
    change_base: list[ChangeBase]
    performance: Performance
    chat: Chat


@lru_cache(maxsize=4)
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PromptDataError(f"missing audit vocabulary {path}; restore it from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        raise PromptDataError(f"{path} is not valid TOML: {exc}") from None
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
    vocab.balance.income = key(vocab.balance.income)
    vocab.balance.expense = key(vocab.balance.expense)
    p = vocab.performance
    p.projects, p.department_tables, p.classified, p.classified_budget = map(key, (p.projects, p.department_tables, p.classified, p.classified_budget))
