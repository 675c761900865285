"""Byte-level BPE: fill in the five functions below."""

from __future__ import annotations


def get_stats(ids: list[int]) -> dict[tuple[int, int], int]:
    """Count each pair of consecutive ids."""
    raise NotImplementedError  # TODO


def merge(ids: list[int], pair: tuple[int, int], idx: int) -> list[int]:
    """Return a new list where each occurrence of `pair` is replaced by `idx`."""
    raise NotImplementedError  # TODO


def train_bpe(text: str, num_merges: int) -> list[tuple[int, int]]:
    """Learn up to `num_merges` merges from `text`; merge i creates id 256 + i."""
    raise NotImplementedError  # TODO


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    """Encode `text` into a list of token ids."""
    raise NotImplementedError  # TODO


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    """Decode token ids back into a string."""
    raise NotImplementedError  # TODO
