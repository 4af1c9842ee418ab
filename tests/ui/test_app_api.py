"""ui/app.py through gradio_client: the stable /chat endpoint, follow-ups, errors, 20 and 50 questions at once."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

from ui import app

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")  # inside gradio's queue

QUESTIONS = [
    "政府采购货物支出多少？",
    "公车一年花多少？",
    "人员经费占基本支出的比例是多少？",
    "执行率不到100%的项目有哪些？",
    "为什么机关运行经费增加了？",
]


def same(answer: dict) -> dict:
    """An answer without its timing, to compare answers of the same question."""
    return {k: v for k, v in answer.items() if k != "elapsed_ms"}


@pytest.fixture(scope="module")
def client(url):
    return Client(url, verbose=False)


def test_chat_takes_a_question_and_returns_the_answer_json(client):
    answer = client.predict("政府采购货物支出多少？", api_name="/chat")
    assert answer["kind"] == "figure"
    assert (answer["figures"][0]["value"], answer["figures"][0]["unit"]) == ("147.81", "万元")
    assert "政府采购货物支出 147.81 万元" in answer["citations"][0]["quote"]
    assert answer["session"]["turns"][0]["question"] == "政府采购货物支出多少？"


def test_a_follow_up_passes_the_session_back(client):
    first = client.predict("政府采购货物支出多少？", api_name="/chat")
    second = client.predict("服务类呢？", json.dumps(first["session"]), api_name="/chat")
    assert second["figures"][0]["value"] == "312.12"
    assert len(second["session"]["turns"]) == 2


def test_a_bad_session_is_a_friendly_error(client):
    with pytest.raises(Exception) as caught:
        client.predict("服务类呢？", "{not json", api_name="/chat")
    assert app.BAD_SESSION in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_the_api_lists_chat_only(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert list(endpoints) == ["/chat"]
    params = endpoints["/chat"]["parameters"]
    assert [(p["parameter_name"], p["parameter_has_default"]) for p in params] == [("question", False), ("session", True)]


@pytest.mark.parametrize("at_once", [20, 50])  # issue 5 asks for 20, issue 7 for 50
def test_simultaneous_questions_get_their_own_answers(url, bot, at_once):
    questions = [QUESTIONS[i % len(QUESTIONS)] for i in range(at_once)]
    expected = {q: same(bot.ask(q).model_dump(mode="json")) for q in QUESTIONS}

    def ask(question):
        return Client(url, verbose=False).predict(question, api_name="/chat")

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        answers = list(pool.map(ask, questions))
    assert [a["question"] for a in answers] == questions
    for question, answer in zip(questions, answers):
        assert same(answer) == expected[question]
    assert {a["figures"][0]["value"] for a in answers if a["question"] == "政府采购货物支出多少？"} == {"147.81"}
