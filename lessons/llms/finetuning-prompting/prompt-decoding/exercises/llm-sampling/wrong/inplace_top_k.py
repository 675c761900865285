# expect-status: failed
# expect-message: changed its input
"""Wrong: top-k masks the caller's logits array in place."""

from __future__ import annotations

import numpy as np


def next_token_probs(
    logits: np.ndarray,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> np.ndarray:
    """The next-token distribution after temperature, then top-k, then top-p filtering."""
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k must be >= 1")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError("top_p must be in (0, 1]")
    if temperature == 0:
        probs = np.zeros_like(logits)
        probs[int(np.argmax(logits))] = 1.0
        return probs
    if top_k is not None and top_k < logits.size:
        kth = np.sort(logits)[-top_k]
        logits[logits < kth] = -np.inf
    z = logits / temperature
    z = z - np.max(z)
    probs = np.exp(z)
    probs /= probs.sum()
    if top_p is not None:
        order = np.argsort(-probs, kind="stable")
        before = np.cumsum(probs[order]) - probs[order]
        keep = np.zeros(probs.size, dtype=bool)
        keep[order[before < top_p]] = True
        probs = np.where(keep, probs, 0.0)
        probs /= probs.sum()
    return probs


def sample_tokens(
    logits: np.ndarray,
    n: int,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Draw n token ids independently from next_token_probs(...), reproducibly from `seed`."""
    probs = next_token_probs(logits, temperature, top_k, top_p)
    rng = np.random.default_rng(seed)
    return rng.choice(probs.size, size=n, p=probs)
