"""Reference solution: word chunking and a TF-IDF retriever equal to scikit-learn's defaults."""

from __future__ import annotations

import re

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def chunk_words(text: str, size: int, overlap: int) -> list[str]:
    """Windows of `size` words, each starting `size - overlap` words after the previous one."""
    if size < 1 or overlap < 0 or overlap >= size:
        raise ValueError("need size >= 1 and 0 <= overlap < size")
    words = text.split()
    chunks: list[str] = []
    start = 0
    while start < len(words):
        chunks.append(" ".join(words[start : start + size]))
        if start + size >= len(words):
            break
        start += size - overlap
    return chunks


def tokenize(text: str) -> list[str]:
    """Lowercase words of two or more word characters (scikit-learn's default pattern)."""
    return TOKEN.findall(text.lower())


def _fit(docs: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    tokens = [tokenize(d) for d in docs]
    vocab = sorted({w for doc in tokens for w in doc})
    index = {w: j for j, w in enumerate(vocab)}
    counts = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(tokens):
        for w in doc:
            counts[i, index[w]] += 1
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    return vocab, idf, counts


def _l2_rows(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def tfidf_matrix(docs: list[str]) -> tuple[list[str], np.ndarray]:
    """(sorted vocabulary, dense TF-IDF matrix) like TfidfVectorizer().fit_transform(docs)."""
    vocab, idf, counts = _fit(docs)
    return vocab, _l2_rows(counts * idf)


def retrieve(query: str, docs: list[str], k: int) -> list[int]:
    """Indices of the k documents most similar to the query (cosine of TF-IDF vectors)."""
    vocab, idf, counts = _fit(docs)
    doc_vecs = _l2_rows(counts * idf)
    index = {w: j for j, w in enumerate(vocab)}
    q = np.zeros(len(vocab))
    for w in tokenize(query):
        if w in index:
            q[index[w]] += 1
    q = _l2_rows(q * idf)
    scores = doc_vecs @ q
    order = sorted(range(len(docs)), key=lambda i: (-scores[i], i))
    return order[: max(k, 0)]
