"""Language as data: aliases, intent words and answer templates loaded from ``prompts/``.

A missing file, a malformed entry or a template variable the caller does not supply raises
:class:`PromptDataError` naming what is missing.
"""

from __future__ import annotations

import re
import string
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, RootModel, ValidationError

from ingest.config import PROMPTS
from ingest.errors import PromptDataError
from assistant.text import fold


class Alias(BaseModel):
    model_config = ConfigDict(extra="forbid")
    say: list[str]
    means: str
    unless: list[str] = []  # words that give the everyday words another sense ("比上年省了多少" is a change)


class AliasFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keep: list[str] = []  # the template's own terms an alias must not rewrite a part of
    alias: list[Alias]


class IntentFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    intent: dict[str, list[str]]
    field: dict[str, list[str]]
    basis: dict[str, list[str]]
    unit: dict[str, list[str]]


def _load_toml(name: str, folder: Path) -> dict:
    path = folder / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PromptDataError(f"missing prompt data file {path}; restore it from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        raise PromptDataError(f"{path} is not valid TOML: {exc}") from None


class TemplateFile(RootModel[dict[str, dict[str, str]]]):
    """answers.toml: sections of named templates."""


def _validated(model, name: str, folder: Path):
    try:
        return model.model_validate(_load_toml(name, folder))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise PromptDataError(f"{folder / name}: {where}: {first['msg']}; fix that entry") from None


class Aliases:
    """Replace everyday words with the document's terms, in one pass, longest first."""

    def __init__(self, entries: list[Alias], keep: list[str] = ()):
        self.keep = re.compile("|".join(re.escape(fold(k)) for k in keep)) if keep else None
        self.terms = "\n".join(fold(k) for k in keep)  # the template's terms kept as they are, one per line
        pairs = {}
        self.unless: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            means = fold(entry.means)
            for say in entry.say:
                key = fold(say)
                if key and key != means:
                    pairs[key] = means
                    if entry.unless:
                        self.unless[key] = tuple(fold(u) for u in entry.unless)  # only those some words rule out
        self.pairs = pairs
        keys = sorted(pairs, key=len, reverse=True)
        self.pattern = re.compile("|".join(_word(k) for k in keys)) if keys else None
        self._patterns: dict[frozenset[str], re.Pattern | None] = {}  # the pattern without the aliases a question's words rule out

    def apply(self, folded: str) -> str:
        if self.pattern is None:
            return folded

        kept = [k.span() for k in self.keep.finditer(folded)] if self.keep else []
        # an alias its `unless` words rule out is left out of the pattern, so a shorter or later one
        # can still match those characters ("没有公车方面的开支": 公车方面的开支)
        ruled_out = frozenset(k for k, words in self.unless.items() if any(u in folded for u in words))
        pattern = self.pattern if not ruled_out else self._without(ruled_out)
        if pattern is None:
            return folded

        def repl(m: re.Match) -> str:
            means = self.pairs[m.group(0)]
            if any(m.start() < b and a < m.end() and folded[a:b] not in means for a, b in kept):
                return m.group(0)  # inside a term the documents use as it is ("政府采购支出总额"), unless the alias keeps it too
            # keep the text when the document's own term is already there ("三公经费" in "财政拨款三公经费")
            for hit in re.finditer(re.escape(means), folded):
                if hit.start() < m.end() and m.start() < hit.end():
                    return m.group(0)
            # the words around it say the term's start or end already ("因公出国", "公车日常的运行维护"): said once
            before, after = folded[max(0, m.start() - len(means)) : m.start()], folded[m.end() : m.end() + len(means)]
            head = next((n for n in range(len(means) - 1, 1, -1) if before.endswith(means[:n])), 0)
            after = after[1:] if after.startswith("的") else after  # ("养公车的运行维护费")
            tail = next((n for n in range(len(means) - 1 - head, 1, -1) if after.startswith(means[-n:])), 0)
            return means[head : len(means) - tail]

        return pattern.sub(repl, folded)

    def _without(self, ruled_out: frozenset[str]) -> re.Pattern | None:
        if ruled_out not in self._patterns:
            keys = sorted((k for k in self.pairs if k not in ruled_out), key=len, reverse=True)
            self._patterns[ruled_out] = re.compile("|".join(_word(k) for k in keys)) if keys else None
        return self._patterns[ruled_out]


def _word(key: str) -> str:
    """An alias as a pattern; an English one starts a word ("cover", not the end of "discover")."""
    return ("(?<![a-z])" if key[:1].isascii() and key[:1].isalpha() else "") + re.escape(key)


class Templates:
    def __init__(self, data: dict[str, dict[str, str]], source: str):
        self.data = data
        self.source = source

    def render(self, section: str, key: str, **values: object) -> str:
        try:
            template = self.data[section][key]
        except KeyError:
            raise PromptDataError(f"no template [{section}].{key} in {self.source}") from None
        needed = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        missing = needed - values.keys()
        if missing:
            raise PromptDataError(f"template [{section}].{key} in {self.source} needs {sorted(missing)}; the caller gave {sorted(values)}")
        return template.format(**{k: values[k] for k in needed})


class Language:
    def __init__(self, folder: Path = PROMPTS):
        aliases = _validated(AliasFile, "aliases.toml", folder)
        self.aliases = Aliases(aliases.alias, aliases.keep)
        intents = _validated(IntentFile, "intents.toml", folder)
        self.intent = {k: [fold(w) for w in v] for k, v in intents.intent.items()}
        self.field = {k: [fold(w) for w in v] for k, v in intents.field.items()}
        self.basis = {k: [fold(w) for w in v] for k, v in intents.basis.items()}
        self.unit = {k: [fold(w) for w in v] for k, v in intents.unit.items()}
        self.templates = Templates(_validated(TemplateFile, "answers.toml", folder).root, str(folder / "answers.toml"))

    def has(self, intent: str, folded: str) -> bool:
        return any(w in folded for w in self.intent.get(intent, []))

    def matched(self, table: dict[str, list[str]], folded: str) -> list[str]:
        """Keys of ``table`` whose words occur in ``folded``, longest match first."""
        hits = []
        for key, words in table.items():
            best = max((len(w) for w in words if w in folded), default=0)
            if best:
                hits.append((best, key))
        return [k for _, k in sorted(hits, reverse=True)]


@lru_cache(maxsize=4)
def language(folder: str | None = None) -> Language:
    return Language(Path(folder) if folder else PROMPTS)
