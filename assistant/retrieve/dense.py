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
    """Chroma holds one vector per distinct text (ids are text hashes); the hits are turned back
    into the passages of the documents asked about."""

    def __init__(self, store, library):
        from langchain_chroma import Chroma

        index = store.index()
        self.library = library
        self.vectorstore = Chroma(client=index.client, collection_name=index.name, embedding_function=EmbedderAdapter(store.embedder))

    def retrieve(self, query: str, k: int = 5, docs: list[str] | None = None) -> list[Scored]:
        from ingest.vectors import doc_filter

        hits = self.vectorstore.similarity_search_with_score(query, k=k, filter=doc_filter(docs))
        hashes = [doc.id for doc, _ in hits if doc.id]
        passages = self.library.passages_with_texts(hashes, docs)
        out = []
        for doc, distance in hits:
            for pid in passages.get(doc.id or "", []):
                out.append(Scored(pid, 1.0 - float(distance), "dense"))
        return out[:k]
