"""Evaluation cases (``evals/qa/*.jsonl``): one question or a conversation, with what it must get."""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from ingest.errors import DisclosureQAError

EVALS = Path(__file__).resolve().parent
# the case sets, in the order they were written: qa (developed against), holdout (written blind,
# then developed against), final (written blind, measured once before being added)
SETS = ("qa", "holdout", "final")


def default_files() -> list[Path]:
    return [p for s in SETS for p in sorted((EVALS / s).glob("*.jsonl"))]


class CaseSet(BaseModel):
    """A folder of cases and the documents its store holds (``set.toml``; the first three sets,
    written for the bundled disclosure, have none)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    documents: list[str]
    sealed: bool = False
    written: str = ""
    note: str = ""
    blind: dict[str, float | int | str] = {}  # the first, blind measurement

    @property
    def files(self) -> list[Path]:
        return sorted((EVALS / self.name).glob("*.jsonl"))


LEGACY_DOCUMENT = "urumqi-housing-2023-final-accounts.txt"


def case_sets(patterns: list[str] | None = None) -> list[CaseSet]:
    """The case sets whose names match ``patterns`` (shell-style; default: every set)."""
    names = sorted(p.name for p in EVALS.iterdir() if p.is_dir() and any(p.glob("*.jsonl")))
    chosen = [n for n in names if not patterns or any(fnmatch.fnmatch(n, pat) for pat in patterns)]
    if patterns and not chosen:
        raise CaseFileError(f"no case set matches {', '.join(patterns)}; the sets are: {', '.join(names)}")
    out = []
    for name in chosen:
        meta = EVALS / name / "set.toml"
        data = tomllib.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {"documents": [LEGACY_DOCUMENT]}
        out.append(CaseSet(name=name, **data))
    return out
class CaseFileError(DisclosureQAError):
    pass


CATEGORIES = (
    "lookup", "multi_figure", "change", "derived_last_year", "calculation", "project_table",
    "aggregation", "reason", "definition", "follow_up", "refusal", "adversarial", "table", "cross_document",
)


class ExpectedFigure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: str
    unit: str


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    figures: list[ExpectedFigure] = []
    cite: list[tuple[int, int]] = []
    pages: list[int] = []  # pages a citation must point at (PDF, or text with form-feed pages)
    docs: list[str] = []  # documents a citation must come from (a store of several)
    text: list[str] = []
    refusal: bool = False
    kind: str | None = None
    forbid: list[str] = []


class CaseTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str
    expect: Expect | None = None


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    category: Literal[CATEGORIES]  # type: ignore[valid-type]
    style: Literal["citizen", "staff"]
    lang: Literal["zh", "en", "mixed"] = "zh"
    set: str = ""  # the folder the case came from (filled in when loading)
    question: str | None = None
    expect: Expect | None = None
    turns: list[CaseTurn] = []

    @model_validator(mode="after")
    def _one_form(self) -> Case:
        if self.question is not None:
            if self.turns:
                raise ValueError("a case has either question/expect or turns, not both")
            self.turns = [CaseTurn(question=self.question, expect=self.expect or Expect())]
            self.question = None
            self.expect = None
        if not self.turns:
            raise ValueError("a case needs a question or turns")
        return self


def load_cases(paths: list[str | Path] | None = None) -> list[Case]:
    """Cases from the given JSONL files (default: every case set under evals/)."""
    files = [Path(p) for p in paths] if paths else default_files()
    cases: list[Case] = []
    seen: set[str] = set()
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                case = Case.model_validate(json.loads(line))
                case.set = path.parent.name
            except (json.JSONDecodeError, ValidationError) as exc:
                raise CaseFileError(f"{path}:{n}: not a valid case ({exc.__class__.__name__}: {str(exc)[:300]})") from None
            if case.id in seen:
                raise CaseFileError(f"{path}:{n}: duplicate case id {case.id!r}")
            seen.add(case.id)
            cases.append(case)
    return cases
