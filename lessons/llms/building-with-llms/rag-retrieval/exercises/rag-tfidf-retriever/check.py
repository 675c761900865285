"""Checks for rag-tfidf-retriever: chunking, TF-IDF equal to scikit-learn, retrieval quality."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()

CHUNK_SIZE, CHUNK_OVERLAP, TOP_K = 25, 8, 3
MARGIN = 0.05  # the learner's top-3 hit rate may be this much below the reference's

RUN_HIT_RATE = """
chunks, owner = [], []
for doc in documents:
    for c in chunk_words(doc["text"], size, overlap):
        chunks.append(c)
        owner.append(doc["id"])
result = [[owner[i] for i in retrieve(q["q"], chunks, k)] for q in questions]
"""


def handbook(t) -> dict:
    return json.loads(Path(t.data_path("handbook.json")).read_text(encoding="utf-8"))


def numbered(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


@checks.test("chunk_words makes windows of `size` words that overlap by `overlap`", points=2)
def chunks_match(t):
    cases = [
        (numbered(10), 4, 1, "10 words, size 4, overlap 1"),
        (numbered(10), 4, 0, "10 words, size 4, overlap 0"),
        (numbered(7), 4, 1, "7 words, size 4, overlap 1 (the second window ends exactly)"),
        (numbered(3), 5, 2, "3 words, size 5 (shorter than one window)"),
        ("", 5, 2, "an empty text"),
        ("  spaced\n\nout   words\there ", 2, 1, "words separated by mixed whitespace"),
    ]
    for text, size, overlap, label in cases:
        got = t.call("chunk_words", text, size, overlap)
        if got != t.ref.chunk_words(text, size, overlap):
            raise Fail(
                f"chunk_words on {label} returned {got!r}. Split on whitespace, start a window "
                "every size - overlap words, and stop after the first window that reaches the "
                "last word (a trailing window contained in the previous one is not a new chunk)."
            )


@checks.test("chunk_words rejects a window that would not move forward", points=1)
def chunks_invalid(t):
    missed = []
    for size, overlap in ((4, 4), (4, 6), (0, 0), (3, -1)):
        try:
            t.call("chunk_words", numbered(10), size, overlap)
            missed.append(f"size={size}, overlap={overlap}")
        except LearnerRaised as err:
            if "ValueError" not in err.type_names:
                missed.append(f"size={size}, overlap={overlap} (raised {err.type_name})")
    if missed:
        raise Fail(
            "chunk_words should raise ValueError unless size >= 1 and 0 <= overlap < size; it "
            f"did not for {'; '.join(missed)}."
        )


@checks.test("tfidf_matrix equals scikit-learn's TfidfVectorizer with default settings", points=2)
def tfidf_matches(t):
    docs = [d["text"] for d in handbook(t)["documents"]]
    corpora = [
        (docs, "the 12 handbook documents"),
        (["the cat sat", "the cat ran, the dog sat!", "a b", "Dogs and CATS"], "4 short texts"),
    ]
    for corpus, label in corpora:
        got = t.call("tfidf_matrix", corpus)
        expect(isinstance(got, (tuple, list)) and len(got) == 2, "return (vocab, matrix)")
        vocab, matrix = got
        vec = TfidfVectorizer()
        expected = vec.fit_transform(corpus).toarray()
        expect(
            list(vocab) == list(vec.get_feature_names_out()),
            f"The vocabulary for {label} differs from scikit-learn's: lowercase the text, keep "
            r"tokens matching \b\w\w+\b (two or more word characters), and sort them.",
        )
        expect_close(
            matrix,
            expected,
            what=f"tfidf_matrix on {label} (raw counts times the smoothed idf "
            "ln((1 + n) / (1 + df)) + 1, then each row divided by its L2 norm)",
            rtol=1e-9,
            atol=1e-12,
        )


@checks.test("retrieve ranks by cosine similarity, ties to the lower index", points=2)
def retrieve_matches(t):
    docs = [d["text"] for d in handbook(t)["documents"]]
    queries = [
        ("how do I export my notes to pdf", 3),
        ("encryption passphrase", 1),
        ("zebra quantum", 4),  # no known word: every score is 0, so indices 0..3
        ("notes", 20),  # k larger than the number of documents
    ]
    for query, k in queries:
        got = t.call("retrieve", query, docs, k)
        expected = t.ref.retrieve(query, docs, k)
        if list(got) != expected:
            raise Fail(
                f"retrieve({query!r}, handbook, k={k}) returned {list(got)}. Vectorise the query "
                "with the documents' vocabulary and idf, L2-normalise it, score each document by "
                "the dot product, and return the k highest scores first (equal scores: lower "
                "index first; k larger than the corpus: all documents)."
            )


@checks.test("Top-3 hit rate on 24 labelled questions over the chunked handbook", points=2)
def hit_rate(t):
    data = handbook(t)
    inputs = {
        "documents": data["documents"],
        "questions": data["questions"],
        "size": CHUNK_SIZE,
        "overlap": CHUNK_OVERLAP,
        "k": TOP_K,
    }
    got = t.run(RUN_HIT_RATE, **inputs)
    namespace = {
        "chunk_words": t.ref.chunk_words,
        "retrieve": t.ref.retrieve,
        **inputs,
    }
    exec(RUN_HIT_RATE, namespace)
    expected = namespace["result"]

    def rate(rankings: list[list[str]]) -> float:
        hits = [q["doc"] in top for q, top in zip(data["questions"], rankings, strict=True)]
        return float(np.mean(hits))

    ours, theirs = rate(got), rate(expected)
    expect(
        ours >= theirs - MARGIN,
        f"With chunks of {CHUNK_SIZE} words overlapping by {CHUNK_OVERLAP}, the right document "
        f"is among your top {TOP_K} chunks for {ours:.0%} of the questions; the reference "
        f"reaches {theirs:.0%} (pass mark {theirs - MARGIN:.0%}).",
    )
