"""Passage retrieval: jieba BM25 and Chroma dense vectors, fused; LangChain retrievers over both."""

from assistant.retrieve.base import Scored

__all__ = ["Scored"]
