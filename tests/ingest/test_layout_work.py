"""ingest/layout.py and ingest/text.py do work in proportion to the text, however it is shaped.

Rejoining a paragraph used to copy it at every line it gained, so a run of lines without a full
stop (a column of numbers) cost the square of its length: 100,000 number lines never finished.
The work is counted here — characters copied into joined texts — rather than timed.
"""

from __future__ import annotations

import pytest

from ingest.layout import MAX_PARAGRAPH_CHARS, layout
from ingest.text import Traced, normalize


def number_lines(n: int) -> list[str]:
    return [f"{i * 37 % 100000}.{i % 100:02d}" for i in range(n)]


@pytest.fixture
def copied(monkeypatch) -> list[int]:
    """Characters of every text built by joining pieces."""
    total = [0]
    join, concat = Traced.join, getattr(Traced, "concat", None)

    def counted_join(parts, sep=""):
        out = join(parts, sep)
        total[0] += len(out.text)
        return out

    monkeypatch.setattr(Traced, "join", staticmethod(counted_join))
    if concat is not None:
        def counted_concat(pieces):
            out = concat(pieces)
            total[0] += len(out.text)
            return out

        monkeypatch.setattr(Traced, "concat", staticmethod(counted_concat))
    return total


@pytest.mark.parametrize("n", [1_000, 8_000])
def test_a_run_of_number_lines_is_joined_with_work_in_proportion_to_its_length(copied, n):
    lines = number_lines(n)
    chars = sum(len(line) for line in lines)

    blocks = layout(lines)

    assert copied[0] <= 2 * chars
    # one "paragraph" of numbers is cut into pieces a later stage can read, every line kept once
    assert all(len(b.text.text) <= MAX_PARAGRAPH_CHARS + 16 for b in blocks)
    assert "".join(b.text.text for b in blocks) == "".join(lines)


def test_a_long_table_of_contents_is_joined_with_work_in_proportion_to_its_length(copied):
    lines = ["目录"] + [f"第{i}节 条目" for i in range(5_000)]

    (toc,) = layout(lines)

    assert toc.kind == "toc" and toc.text.line_end == 5_001
    assert copied[0] <= 2 * sum(len(line) + 1 for line in lines)


def test_cleaning_a_line_of_many_spaces_keeps_every_origin():
    """normalize used to look ahead from every space to the next non-space: the square of a line
    of spaces. The result (one space per run, none between Chinese) is unchanged."""
    text = "12 34  万元 ， 合 计" * 20_000

    out = normalize(Traced.from_line(7, text))

    assert out.text == "12 34 万元 , 合计" * 20_000  # ， is folded to , (not Chinese punctuation then)
    assert len(out.origin) == len(out.text) and out.origin[:6] == ((7, 0), (7, 1), (7, 2), (7, 3), (7, 4), (7, 5))
