"""Grounded prompts for retrieval-augmented generation: fill in the functions below."""

from __future__ import annotations

import re
from collections.abc import Callable

SYSTEM_PROMPT = (
    "Answer the question using only the sources. Cite every source you use as [n]. "
    'If the sources do not contain the answer, say "I don\'t know."'
)
IDK = "I don't know."


def select_passages(hits: list[dict], max_words: int, min_score: float) -> list[dict]:
    """Hits with score >= min_score, best first (ties: id), that fit in max_words in total."""
    raise NotImplementedError  # TODO


def build_messages(question: str, passages: list[dict]) -> list[dict]:
    """System instructions plus a user message with numbered, delimited sources."""
    raise NotImplementedError  # TODO


def answer(
    question: str,
    hits: list[dict],
    llm: Callable[[list[dict]], str],
    max_words: int = 120,
    min_score: float = 0.2,
) -> dict:
    """Ask the model with the selected passages, or refuse without calling it."""
    raise NotImplementedError  # TODO
