# expect-status: failed
# expect-message: &lt;
"""Wrong: passage text is pasted into the prompt as is."""

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
    eligible = sorted(
        (h for h in hits if h["score"] >= min_score), key=lambda h: (-h["score"], h["id"])
    )
    chosen: list[dict] = []
    used = 0
    for hit in eligible:
        words = len(hit["text"].split())
        if used + words <= max_words:
            chosen.append(hit)
            used += words
    return chosen


def escape(text: str) -> str:
    """Neutralise angle brackets so a passage cannot close or open a <source> tag."""
    return text


def build_messages(question: str, passages: list[dict]) -> list[dict]:
    """System instructions plus a user message with numbered, delimited sources."""
    blocks = [
        f'[{n}] <source id="{p["id"]}">\n{escape(p["text"])}\n</source>'
        for n, p in enumerate(passages, start=1)
    ]
    user = "Sources:\n" + "\n".join(blocks) + f"\n\nQuestion: {question}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def answer(
    question: str,
    hits: list[dict],
    llm: Callable[[list[dict]], str],
    max_words: int = 120,
    min_score: float = 0.2,
) -> dict:
    """Ask the model with the selected passages, or refuse without calling it."""
    passages = select_passages(hits, max_words, min_score)
    if not passages:
        return {"answer": IDK, "citations": []}
    reply = llm(build_messages(question, passages))
    numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", reply)})
    citations = [passages[n - 1]["id"] for n in numbers if 1 <= n <= len(passages)]
    return {"answer": reply, "citations": citations}
