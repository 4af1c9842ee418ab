"""assistant/retrieve/: reciprocal-rank fusion, jieba BM25, the hybrid with its BM25 fallback, and
the LangChain retriever whose Documents carry their line spans.
"""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from assistant.assistant import Assistant
from assistant.retrieve.base import Scored
from assistant.retrieve.bm25 import BM25Retriever
from assistant.retrieve.fusion import RRF_K, fuse
from assistant.retrieve.hybrid import Hybrid
from assistant.text import fold
from checks import DOC, source
from ingest.records import Passage


def ranking(source_name: str, *ids: str) -> list[Scored]:
    """A ranked list with made-up, decreasing scores."""
    return [Scored(pid, 100.0 - i, source_name) for i, pid in enumerate(ids)]


# -- fusion -------------------------------------------------------------------------------------
def test_fusion_adds_reciprocal_ranks_so_a_passage_both_lists_rank_wins():
    fused = fuse([ranking("bm25", "p1", "p2"), ranking("dense", "p2", "p3")], k=3)

    assert [s.passage_id for s in fused] == ["p2", "p1", "p3"]
    assert fused[0].score == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 1))
    assert fused[1].score == pytest.approx(1 / (RRF_K + 1))
    assert {s.source for s in fused} == {"hybrid"}


def test_fusion_reads_ranks_not_scores():
    a = [Scored("p1", 9000.0, "bm25"), Scored("p2", 8999.0, "bm25")]
    b = [Scored("p2", 0.02, "dense"), Scored("p1", 0.01, "dense")]

    fused = fuse([a, b], k=2)

    assert fused[0].score == fused[1].score  # each is first once and second once
    assert [s.passage_id for s in fused] == ["p1", "p2"]  # a tie falls to the id, so the order is stable


def test_fusion_keeps_k_and_weights_each_list():
    bm25, dense = ranking("bm25", "a", "b", "c"), ranking("dense", "c", "b", "a")

    assert [s.passage_id for s in fuse([bm25, dense], k=2, weights=[3.0, 1.0])] == ["a", "b"]
    assert [s.passage_id for s in fuse([bm25, dense], k=2, weights=[1.0, 3.0])] == ["c", "b"]
    assert len(fuse([bm25, dense], k=10)) == 3


@pytest.mark.parametrize("rankings", [[], [[]], [[], []]])
def test_fusing_nothing_gives_nothing(rankings):
    assert fuse(rankings, k=5) == []


# -- BM25 ---------------------------------------------------------------------------------------
def passage(pid: str, text: str, doc: str = "a", line: int = 1) -> Passage:
    return Passage(id=pid, doc=doc, kind="paragraph", text=text, section="一、", line_start=line, line_end=line)


SMALL = [
    passage("car", "公务用车运行维护费 25.39 万元，节约车辆经费开支。", line=1),
    passage("buy", "政府采购货物支出 147.81 万元。", line=2),
    passage("people", "实有人数 359 人，其中在职人员 242 人。", line=3),
    passage("other-car", "公务用车保有量 9 辆。", doc="b", line=4),
]


class Passages:
    """A library of loose passages (no documents behind them): what BM25 reads of a library."""

    def __init__(self, passages: list[Passage]):
        self.passages = passages

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(p.doc for p in self.passages))

    def passage_tokens(self, docs):
        from ingest.tokens import tokens

        return [(p.id, p.doc, tokens(p.text)) for p in self.passages if p.doc in docs]

    def records(self, doc):
        return type("Records", (), {"glossary": [], "tables": []})()


@pytest.fixture(scope="module")
def small_bm25():
    return BM25Retriever(Passages(SMALL))


@pytest.mark.parametrize(("query", "first"), [("政府采购货物", "buy"), ("在职人员有多少", "people"), ("车辆经费", "car")])
def test_bm25_ranks_the_passage_with_the_words_first(small_bm25, query, first):
    hits = small_bm25.retrieve(query, 2)

    assert hits[0].passage_id == first
    assert hits[0].source == "bm25"
    assert hits == sorted(hits, key=lambda s: -s.score)


def test_bm25_keeps_to_the_documents_asked_for(small_bm25):
    assert [s.passage_id for s in small_bm25.retrieve("公务用车", 5, docs=["b"])] == ["other-car"]
    assert "other-car" not in {s.passage_id for s in small_bm25.retrieve("公务用车", 5, docs=["a"])}


@pytest.mark.parametrize("query", ["", "   ", "的 了 是", "？！", "zzzz"])
def test_bm25_returns_nothing_for_a_query_without_matching_words(small_bm25, query):
    assert small_bm25.retrieve(query, 5) == []


def test_bm25_over_the_disclosure_finds_the_sangong_paragraph_for_why_it_fell(bot):
    bm25 = BM25Retriever(bot.library)

    top = bm25.retrieve("三公经费为什么下降", 3)
    first = bot.kb.passages[top[0].passage_id]

    assert (first.doc, first.line_start, first.line_end) == (DOC, 176, 176)
    assert "节约车辆经费开支" in source(first.line_start, first.line_end)


# -- hybrid and its fallback --------------------------------------------------------------------
class Fixed:
    """A retriever that returns the same ranking whatever is asked."""

    def __init__(self, scored: list[Scored]):
        self.scored = scored
        self.calls = 0

    def retrieve(self, query, k=5, docs=None):
        self.calls += 1
        return self.scored[:k]


class Failing:
    def retrieve(self, query, k=5, docs=None):
        raise ConnectionError("chroma went away")


def no_dense():
    raise RuntimeError("no vector store is open")


def test_the_hybrid_fuses_keyword_and_dense_rankings():
    hybrid = Hybrid(Fixed(ranking("bm25", "p1", "p2")), lambda: Fixed(ranking("dense", "p2", "p3")), warn=pytest.fail)

    assert [s.passage_id for s in hybrid.retrieve("q", 3)] == ["p2", "p1", "p3"]


def test_when_dense_retrieval_cannot_start_keyword_results_come_back_with_one_warning():
    warnings: list[str] = []
    bm25 = Fixed(ranking("bm25", "p1", "p2", "p3"))
    hybrid = Hybrid(bm25, no_dense, warn=warnings.append)

    first = hybrid.retrieve("q", 2)
    second = hybrid.retrieve("q", 2)

    assert [s.passage_id for s in first] == ["p1", "p2"] == [s.passage_id for s in second]
    assert {s.source for s in first} == {"bm25"}
    assert len(warnings) == 1
    assert "dense retrieval is unavailable" in warnings[0] and "RuntimeError: no vector store is open" in warnings[0]
    assert "keyword search only" in warnings[0]


def test_when_dense_retrieval_fails_mid_query_the_keyword_results_are_returned_with_a_warning():
    warnings: list[str] = []
    hybrid = Hybrid(Fixed(ranking("bm25", "p1", "p2")), Failing, warn=warnings.append)

    hits = hybrid.retrieve("q", 2)

    assert [(s.passage_id, s.source) for s in hits] == [("p1", "bm25"), ("p2", "bm25")]
    assert len(warnings) == 1
    assert "ConnectionError: chroma went away" in warnings[0]


def test_an_assistant_without_a_vector_store_answers_from_keywords_and_warns(bot):
    warnings: list[str] = []
    keyword_only = Assistant(bot.kb.records, store=None, log=warnings.append)

    hits = keyword_only.retriever.retrieve("三公经费为什么下降", 3)

    assert bot.kb.passages[hits[0].passage_id].line_start == 176
    assert {s.source for s in hits} == {"bm25"}
    assert any("dense retrieval is unavailable" in w for w in warnings)


# -- the LangChain retriever --------------------------------------------------------------------
def test_the_langchain_retriever_returns_documents_with_their_lines(bot):
    retriever = bot.langchain_retriever(k=3)

    documents = retriever.invoke("三公经费为什么下降")

    assert isinstance(retriever, BaseRetriever)
    assert 1 <= len(documents) <= 3
    assert all(isinstance(d, Document) for d in documents)
    first = documents[0]
    assert (first.metadata["doc"], first.metadata["line_start"], first.metadata["line_end"]) == (DOC, 176, 176)
    assert first.metadata["section"] == "七、财政拨款“三公”经费支出决算情况说明"
    assert first.id in bot.kb.passages
    for d in documents:
        assert set(d.metadata) >= {"doc", "kind", "section", "line_start", "line_end", "score"}
        assert 1 <= d.metadata["line_start"] <= d.metadata["line_end"] <= 1035


def test_each_documents_text_is_the_text_at_its_lines(bot):
    for d in bot.langchain_retriever(k=5).invoke("机关运行经费增加的原因"):
        body = d.page_content.split("】", 1)[-1]  # after the section the passage is prefixed with

        assert fold(body) in fold(source(d.metadata["line_start"], d.metadata["line_end"]))


def test_warming_up_builds_both_retrievers_before_the_first_question(e5_store):
    """``serve`` and ``chat`` warm up in the background so the first reason question is not slow."""
    store, _ = e5_store
    fresh = Assistant(store.load(auto_ingest=False), store=store, log=lambda message: None)
    assert fresh._retriever is None

    fresh.warm_up()

    assert fresh._retriever is not None and fresh._retriever._dense is not None
    assert fresh._retriever.dense_failed is None


def test_passage_tokens_come_from_the_store_not_from_jieba_at_question_time(e5_store, monkeypatch):
    """Tokens are computed once, at ingest; a question tokenizes only itself."""
    import assistant.retrieve.bm25 as bm25

    store, _ = e5_store
    library = store.load(auto_ingest=False)
    real = bm25.tokens
    calls: list[str] = []
    monkeypatch.setattr(bm25, "tokens", lambda text: calls.append(text) or real(text))

    hits = BM25Retriever(library).retrieve("三公经费为什么下降", 3)

    assert calls == ["三公经费为什么下降"]
    assert hits and all(h.source == "bm25" for h in hits)


# -- dense: the few documents a question goes to are scored from their stored vectors -----------------
def reopened(e5_store):
    """A new Store over the shared e5 store's folder: nothing opened yet (Chroma included)."""
    from ingest.config import Settings
    from ingest.store import Store

    store, _ = e5_store
    fresh = Store(Settings(data_dir=store.dir), log=lambda message: None)
    return fresh, fresh.load(auto_ingest=False)


def test_a_search_within_the_documents_asked_about_reads_their_vectors_and_leaves_chroma_closed(e5_store):
    from assistant.retrieve.dense import DenseRetriever

    store, library = reopened(e5_store)
    dense = DenseRetriever(store, library)

    stored = dense.retrieve("三公经费为什么下降", 5, [DOC])

    assert store._index is None  # Chroma's index (loaded whole when queried) was not opened
    chroma = dense._chroma("三公经费为什么下降", 5, [DOC])
    assert store._index is not None
    # the same passages in the same order, with the same cosine similarity Chroma reports
    assert [s.passage_id for s in stored] == [s.passage_id for s in chroma]
    assert [round(s.score, 4) for s in stored] == [round(s.score, 4) for s in chroma]
    assert all(s.source == "dense" for s in stored)


def test_a_passage_whose_vector_the_cache_lacks_is_searched_in_chroma(e5_store, monkeypatch):
    from assistant.retrieve.dense import DenseRetriever

    store, library = reopened(e5_store)
    dense = DenseRetriever(store, library)
    real = library.passage_hashes
    monkeypatch.setattr(library, "passage_hashes", lambda docs: [*real(docs), ("p-new", "0" * 64)])

    hits = dense.retrieve("三公经费为什么下降", 5, [DOC])

    assert store._index is not None and hits and all(h.source == "dense" for h in hits)
    assert "p-new" not in {h.passage_id for h in hits}
