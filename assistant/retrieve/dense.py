"""Dense retrieval through LangChain's Chroma vector store, with our own embedder."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from assistant.retrieve.base import Scored


class EmbedderAdapter(Embeddings):
    """Our embedder behind LangChain's Embeddings interface."""

    def __init__(self, embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, v)) for v in self.embedder.embed_passages(texts)]

    def embed_query(self, text: str) -> list[float]:
        return list(map(float, self.embedder.embed_query(text)))


class DenseRetriever:
    def __init__(self, store):
        from langchain_chroma import Chroma

        index = store.index()
        self.vectorstore = Chroma(client=index.client, collection_name=index.name, embedding_function=EmbedderAdapter(store.embedder))

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]:
        where = None
        if docs:
            where = {"doc": docs[0]} if len(docs) == 1 else {"doc": {"$in": docs}}
        hits = self.vectorstore.similarity_search_with_score(query, k=k, filter=where)
        return [Scored(doc.id, 1.0 - float(distance), "dense") for doc, distance in hits if doc.id]
