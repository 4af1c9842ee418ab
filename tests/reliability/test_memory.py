"""Load: 1,000 questions in one process (the real e5 store) — resident memory grows less than 10%
after warm-up, and every question is answered; 50 questions at once answer as they do one by one.

The process is a fresh one, so its memory is the assistant's alone; questions are the evaluation
cases, conversations with their sessions, round and round.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reliability.helpers import REPO

LOAD = """
import gc, json, sys
from assistant.assistant import Assistant
from evals.cases import load_cases


def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


bot = Assistant.open(sys.argv[1], log=lambda m: print(m, file=sys.stderr))
conversations = [[t.question for t in case.turns] for case in load_cases()]
failures = []


def run(n):
    asked = 0
    while asked < n:
        for turns in conversations:
            session = None
            for q in turns:
                try:
                    answer = bot.ask(q, session=session)
                    answer.model_dump_json()
                    session = answer.session
                except Exception as exc:
                    failures.append(f"{q}: {type(exc).__name__}: {exc}")
                    session = None
                asked += 1
                if asked == n:
                    return


run(sum(len(t) for t in conversations))  # warm-up: every question once (caches, lazy imports, jieba)
gc.collect()
samples = [rss_mb()]
for _ in range(10):
    run(100)
    gc.collect()
    samples.append(rss_mb())
print(json.dumps({"samples_mb": samples, "failures": failures[:20], "failed": len(failures)}))
"""


@pytest.mark.slow
def test_a_thousand_questions_grow_resident_memory_less_than_ten_percent(e5_store):
    store, _ = e5_store

    result = subprocess.run([sys.executable, "-c", LOAD, str(store.dir)], capture_output=True, text=True, timeout=1800, cwd=REPO)

    assert result.returncode == 0, result.stderr[-3000:]
    got = json.loads(result.stdout.splitlines()[-1])
    samples = got["samples_mb"]
    print(f"resident memory after warm-up and every 100 questions (MB): {[round(s, 1) for s in samples]}")
    assert got["failed"] == 0, got["failures"]
    assert samples[-1] < samples[0] * 1.10, samples


CONCURRENT = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from assistant.assistant import Assistant
from evals.cases import load_cases

bot = Assistant.open(sys.argv[1], log=lambda m: print(m, file=sys.stderr))
questions = [case.turns[0].question for case in load_cases()][:50]


def answer(q):
    return bot.ask(q).model_dump_json(exclude={"elapsed_ms"})


with ThreadPoolExecutor(16) as pool:  # cold: the retriever is built while questions wait for it
    together = list(pool.map(answer, questions))
print(json.dumps({"together": together, "one_by_one": [answer(q) for q in questions]}))
"""


@pytest.mark.slow
def test_fifty_questions_at_once_get_the_answers_they_get_one_by_one(e5_store):
    """The library under concurrent use (the UI's load test through gradio_client is the UI's)."""
    store, _ = e5_store

    result = subprocess.run([sys.executable, "-c", CONCURRENT, str(store.dir)], capture_output=True, text=True, timeout=600, cwd=REPO)

    assert result.returncode == 0, result.stderr[-3000:]
    got = json.loads(result.stdout.splitlines()[-1])
    assert len(got["together"]) == 50
    assert [i for i, (a, b) in enumerate(zip(got["together"], got["one_by_one"])) if a != b] == []
