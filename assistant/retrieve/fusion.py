"""Reciprocal-rank fusion: ranks, not raw scores, so BM25 and cosine scales never mix."""

from __future__ import annotations

from assistant.retrieve.base import Scored

RRF_K = 60


def fuse(rankings: list[list[Scored]], k: int, weights: list[float] | None = None) -> list[Scored]:
    """Fuse ranked lists; ``weights`` scale each list's contribution (default equal).

    >>> a = [Scored("p1", 9.0, "bm25"), Scored("p2", 3.0, "bm25")]
    >>> b = [Scored("p2", 0.9, "dense"), Scored("p3", 0.8, "dense")]
    >>> [s.passage_id for s in fuse([a, b], k=3)]
    ['p2', 'p1', 'p3']
    """
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking):
            scores[item.passage_id] = scores.get(item.passage_id, 0.0) + w / (RRF_K + rank + 1)
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    return [Scored(pid, score, "hybrid") for pid, score in best]
