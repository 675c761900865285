"""Chunking and a TF-IDF retriever: fill in the functions below."""

from __future__ import annotations

import re

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def chunk_words(text: str, size: int, overlap: int) -> list[str]:
    """Windows of `size` words, each starting `size - overlap` words after the previous one."""
    raise NotImplementedError  # TODO


def tfidf_matrix(docs: list[str]) -> tuple[list[str], np.ndarray]:
    """(sorted vocabulary, dense TF-IDF matrix) like TfidfVectorizer().fit_transform(docs)."""
    raise NotImplementedError  # TODO


def retrieve(query: str, docs: list[str], k: int) -> list[int]:
    """Indices of the k documents most similar to the query (cosine of TF-IDF vectors)."""
    raise NotImplementedError  # TODO
