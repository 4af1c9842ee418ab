"""What the answer tests look at: the figures an answer carries, the lines it cites, the source text.

Line numbers are those of the bundled file, read here independently of the store, so a citation is
checked against the document itself rather than against what ingestion made of it.
"""

from __future__ import annotations

from assistant.answer import Answer
from corpus import BUNDLED_DOCUMENT

DOC = "urumqi-housing-2023"
LINES = BUNDLED_DOCUMENT.read_text(encoding="utf-8").split("\n")
KINDS = {"figure", "calculation", "list", "text", "refusal", "clarification"}


def talk(bot, questions: list[str]) -> list[Answer]:
    """Ask ``questions`` in one conversation, each with the session the answer before it left."""
    answers, session = [], None
    for q in questions:
        answers.append(bot.ask(q, session))
        session = answers[-1].session
    return answers


def values(answer: Answer) -> list[tuple[str, str]]:
    """``(value, unit)`` of every figure, in the answer's order."""
    return [(f.value, f.unit) for f in answer.figures]


def amounts(answer: Answer) -> list[str]:
    """The values of the answer's figures, in order (without their units)."""
    return [f.value for f in answer.figures]


def cited(answer: Answer) -> set[int]:
    """Every line some citation of the answer covers."""
    return {n for c in answer.citations for n in range(c.line_start, c.line_end + 1)}


def source(line_start: int, line_end: int) -> str:
    """The document between two lines as a quote may give it: line breaks and blank lines dropped."""
    return "".join(line for line in LINES[line_start - 1 : line_end] if line.strip())


def verbatim(citation) -> bool:
    return bool(citation.quote) and citation.quote.replace("\n", "") in source(citation.line_start, citation.line_end)


def quotes(answer: Answer) -> str:
    return "\n".join(c.quote for c in answer.citations)


def in_turn(bot, *questions) -> list[Answer]:
    """Each question asked with the session the previous answer left; every answer."""
    session, out = None, []
    for q in questions:
        a = bot.ask(q, session=session)
        session = a.session
        out.append(a)
    return out
