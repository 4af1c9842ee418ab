"""assistant/prompts.py and prompts/*.toml: language as data, loaded into typed models, with errors
that name the file, the entry or the template variable that is wrong.
"""

from __future__ import annotations

import ast
import shutil
import string
from pathlib import Path

import pytest

from ingest.config import PROMPTS, REPO
from ingest.errors import PromptDataError
from assistant.prompts import Alias, Aliases, Language, Templates

FILES = ("aliases.toml", "intents.toml", "answers.toml")


@pytest.fixture
def prompts(tmp_path) -> Path:
    """A copy of prompts/ to break."""
    folder = tmp_path / "prompts"
    shutil.copytree(PROMPTS, folder)
    return folder


def test_the_shipped_prompt_files_load():
    lang = Language(PROMPTS)

    assert lang.aliases.pairs["棚改"] == "棚户区改造"
    assert "reason" in lang.intent and "rate" in lang.field and "年初预算" in lang.basis
    assert lang.templates.render("figure", "one", label="三公经费", value="25.39 万元") == "三公经费为 25.39 万元。"


def test_a_template_missing_a_variable_raises_naming_the_variable():
    templates = Templates({"figure": {"one": "{label}为 {value}。"}}, "answers.toml")

    with pytest.raises(PromptDataError) as missing:
        templates.render("figure", "one", label="三公经费")

    assert "'value'" in str(missing.value)
    assert "[figure].one" in str(missing.value)
    assert "answers.toml" in str(missing.value)


def test_a_template_that_does_not_exist_raises_naming_it():
    templates = Templates({"figure": {"one": "{label}"}}, "answers.toml")

    with pytest.raises(PromptDataError, match=r"no template \[figure\]\.several in answers\.toml"):
        templates.render("figure", "several", label="x")


def test_extra_values_are_ignored_and_braces_in_values_stay_literal():
    templates = Templates({"figure": {"one": "{label}为 {value}。"}}, "answers.toml")

    assert templates.render("figure", "one", label="{value}", value="1", unused="x") == "{value}为 1。"


@pytest.mark.parametrize("name", FILES)
def test_a_missing_prompt_file_raises_naming_it(prompts, name):
    (prompts / name).unlink()

    with pytest.raises(PromptDataError) as missing:
        Language(prompts)

    assert name in str(missing.value)


@pytest.mark.parametrize("name", FILES)
def test_a_prompt_file_that_is_not_toml_raises_naming_it(prompts, name):
    (prompts / name).write_text('[figure\none = "unclosed', encoding="utf-8")

    with pytest.raises(PromptDataError) as broken:
        Language(prompts)

    assert name in str(broken.value)
    assert "TOML" in str(broken.value)


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("aliases.toml", '[[alias]]\nsay = ["棚改"]\n', "means"),  # an alias without its meaning
        ("aliases.toml", '[[alias]]\nsay = "棚改"\nmeans = "棚户区改造"\n', "say"),  # not a list
        ("aliases.toml", '[[alias]]\nsay = ["棚改"]\nmeans = "棚户区改造"\nsays = ["x"]\n', "says"),  # a misspelt key
        ("intents.toml", '[intent]\nreason = "为什么"\n[field]\n[basis]\n[unit]\n', "reason"),
        ("intents.toml", "[intent]\n[field]\n[basis]\n", "unit"),
        ("answers.toml", 'figure = "{label}为 {value}。"\n', "figure"),  # a section that is not a table of templates
    ],
)
def test_a_malformed_entry_raises_naming_the_file_and_the_entry(prompts, name, text, named):
    (prompts / name).write_text(text, encoding="utf-8")

    with pytest.raises(PromptDataError) as broken:
        Language(prompts)

    assert name in str(broken.value)
    assert named in str(broken.value)


def test_aliases_replace_the_longest_everyday_word_first():
    aliases = Aliases([Alias(say=["出国"], means="因公出国（境）"), Alias(say=["出国费"], means="因公出国（境）费")])

    assert aliases.apply("出国费是多少") == "因公出国(境)费是多少"
    assert aliases.apply("出国花了多少") == "因公出国(境)花了多少"


def test_an_alias_inside_the_documents_own_term_is_left_alone():
    aliases = Aliases([Alias(say=["三公"], means="三公经费")])

    assert aliases.apply("财政拨款三公经费") == "财政拨款三公经费"
    assert aliases.apply("三公花了多少") == "三公经费花了多少"


def test_an_alias_is_not_applied_where_the_question_gives_its_words_another_sense():
    aliases = Aliases([Alias(say=["省了多少"], means="预算没花完多少", unless=["上年", "年比"])])

    assert aliases.apply("三公经费省了多少") == "三公经费预算没花完多少"
    assert aliases.apply("三公经费比上年省了多少") == "三公经费比上年省了多少"
    assert aliases.apply("三公经费跟2024年比省了多少") == "三公经费跟2024年比省了多少"


def test_saving_on_last_year_is_the_change_the_document_states(bots):
    a = bots("urumqi").ask("乌鲁木齐住房局2023年的“三公”经费比上年省了多少？")
    assert a.intent == "change" and [f.value for f in a.figures] == ["25.39", "19.69", "43.68"]
    b = bots("culture").ask("文旅局2025年的“三公”经费跟2024年比少花了多少？")
    assert [f.value for f in b.figures if f.basis == "比上年增减"] == ["19.66", "86.61"]


def _template_calls():
    """Every ``ctx.t(section, key, name=…)`` / ``render(section, key, …)`` in the assistant's code."""
    calls = []
    for path in sorted((REPO / "assistant").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("t", "render")):
                continue
            if len(node.args) < 2 or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2]):
                continue
            spread = any(k.arg is None for k in node.keywords)  # **values: names unknown here
            names = {k.arg for k in node.keywords if k.arg}
            calls.append(pytest.param(node.args[0].value, node.args[1].value, names, spread, id=f"{path.relative_to(REPO)}:{node.lineno}"))
    return calls


@pytest.mark.parametrize(("section", "key", "names", "spread"), _template_calls())
def test_every_template_the_code_uses_exists_and_gets_its_variables(section, key, names, spread):
    lang = Language(PROMPTS)
    template = lang.templates.data.get(section, {}).get(key)

    assert template is not None, f"[{section}].{key} is used in the code but missing from prompts/answers.toml"
    needed = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    if not spread:
        assert needed <= names, f"[{section}].{key} needs {sorted(needed - names)}"
