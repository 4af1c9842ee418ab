"""The statutory table kinds and header words, loaded from ``statutory.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

VOCABULARY = Path(__file__).with_name("statutory.toml")
_NOISE = re.compile(r"[\s“”\"'‘’「」]")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")


def compact(text: str | None) -> str:
    """Header or title text without spaces, line breaks and quotation marks."""
    return _NOISE.sub("", text or "")


@dataclass(frozen=True)
class Identity:
    """``total = part + part …`` over normalised column (or item) names."""

    total: str
    parts: tuple[str, ...]

    @staticmethod
    def parse(text: str) -> Identity:
        left, right = text.split("=")
        return Identity(left.strip(), tuple(p.strip() for p in right.split("+")))


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    titles: tuple[re.Pattern[str], ...]
    shape: str
    columns: tuple[str, ...] = ()
    income_columns: tuple[str, ...] = ()
    expense_columns: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    identities: tuple[Identity, ...] = ()
    whole: bool = False  # covers every fund of the department
    within: str | None = None  # the kind whose rows of the same code bound this one's
    item_endings: tuple[str, ...] = ()  # how a summary table's items (一、…) end: a label ending otherwise is wrapped
    class_sources: tuple[tuple[str, str, str], ...] = ()  # (column, kind, its column): a 类's amount is that kind's 类 row's

    @property
    def classification(self) -> str | None:
        return {"classified": "功能分类", "economic": "经济分类"}.get(self.shape)


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[Kind, ...]
    columns: dict[str, str]
    items: dict[str, str]
    code_words: frozenset[str]
    name_words: frozenset[str]
    group_words: frozenset[str]
    by_kind: dict[str, Kind] = field(default_factory=dict)

    def kind_of(self, title: str) -> Kind | None:
        """The statutory kind a table title names, or None.

        >>> vocabulary().kind_of("财政拨款“三公”经费支出决算表").kind
        'three_public'
        """
        text = compact(title)
        if not text or len(text) > 60:
            return None
        for kind in self.kinds:
            if any(p.search(text) for p in kind.titles):
                return kind
        return None

    def column(self, path: list[str]) -> str | None:
        """The normalised column name for a header path (top cell first), or None."""
        parts = [compact(p) for p in path if compact(p)]
        for i in range(len(parts) - 1):
            joined = f"{parts[i]}/{parts[-1]}"
            if joined in self.columns:
                return self.columns[joined]
        for part in reversed(parts):
            if part in self.columns:
                return self.columns[part]
            if part in self.code_words or part in self.name_words:
                return None
        return None

    def item(self, text: str) -> str | None:
        return self.items.get(compact(text))

    def is_header_word(self, text: str) -> bool:
        t = compact(text)
        return bool(t) and (t in self.columns or t in self.code_words or t in self.name_words or t in self.group_words or t in self.items)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = tomllib.loads(VOCABULARY.read_text(encoding="utf-8"))
    kinds = []
    for t in data["table"]:
        kinds.append(
            Kind(
                kind=t["kind"],
                label=t["label"],
                titles=tuple(re.compile(p) for p in t["titles"]),
                shape=t["shape"],
                columns=tuple(t.get("columns", ())),
                income_columns=tuple(t.get("income_columns", ())),
                expense_columns=tuple(t.get("expense_columns", ())),
                items=tuple(t.get("items", ())),
                measures=tuple(t.get("measures", ())),
                identities=tuple(Identity.parse(i) for i in t.get("identities", ())),
                whole=t.get("whole", False),
                within=t.get("within"),
                item_endings=tuple(t.get("item_endings", ())),
                class_sources=tuple((c, *src.split("/", 1)) for c, src in t.get("class_sources", {}).items()),
            )
        )
    structure = data["structure"]
    return Vocabulary(
        kinds=tuple(kinds),
        columns={compact(k): v for k, v in data["columns"].items()} | {k: v for k, v in data["columns"].items() if "/" in k},
        items={compact(k): v for k, v in data["items"].items()},
        code_words=frozenset(compact(w) for w in structure["code"]),
        name_words=frozenset(compact(w) for w in structure["name"]),
        group_words=frozenset(compact(w) for w in structure["group"]),
        by_kind={k.kind: k for k in kinds},
    )


def subject_level(code: str, classification: str | None) -> str:
    """类 / 款 / 项 from a subject code's length (3 / 5 / 7 digits)."""
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "项")


def parent_code(code: str) -> str | None:
    return code[:-2] if len(code) > 3 else None
