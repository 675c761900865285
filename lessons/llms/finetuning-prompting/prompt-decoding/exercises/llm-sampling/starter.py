"""Decoding strategies: fill in the two functions."""

from __future__ import annotations

import numpy as np


def next_token_probs(
    logits: np.ndarray,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> np.ndarray:
    """The next-token distribution after temperature, then top-k, then top-p filtering."""
    raise NotImplementedError  # TODO


def sample_tokens(
    logits: np.ndarray,
    n: int,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Draw n token ids independently from next_token_probs(...), reproducibly from `seed`."""
    raise NotImplementedError  # TODO
