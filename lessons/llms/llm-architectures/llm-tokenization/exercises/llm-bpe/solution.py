"""Reference solution: byte-level byte-pair encoding (BPE)."""

from __future__ import annotations


def get_stats(ids: list[int]) -> dict[tuple[int, int], int]:
    """Count each pair of consecutive ids, in order of first occurrence."""
    counts: dict[tuple[int, int], int] = {}
    for pair in zip(ids, ids[1:], strict=False):
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def merge(ids: list[int], pair: tuple[int, int], idx: int) -> list[int]:
    """Replace every non-overlapping occurrence of `pair` (scanning left to right) by `idx`."""
    out: list[int] = []
    i = 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(idx)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train_bpe(text: str, num_merges: int) -> list[tuple[int, int]]:
    """Learn up to `num_merges` merges from `text`; merge i creates id 256 + i."""
    ids = list(text.encode("utf-8"))
    merges: list[tuple[int, int]] = []
    for step in range(num_merges):
        stats = get_stats(ids)
        if not stats:
            break
        best = max(stats, key=lambda p: stats[p])  # first-inserted (leftmost) wins ties
        ids = merge(ids, best, 256 + step)
        merges.append(best)
    return merges


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    """Encode `text` as UTF-8 bytes, then apply the merges in the order they were learned."""
    rank = {tuple(pair): 256 + i for i, pair in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) >= 2:
        stats = get_stats(ids)
        pair = min(stats, key=lambda p: rank.get(p, float("inf")))
        if pair not in rank:
            break
        ids = merge(ids, pair, rank[pair])
    return ids


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    """Turn ids back into text; invalid UTF-8 becomes U+FFFD."""
    vocab = {i: bytes([i]) for i in range(256)}
    for i, (a, b) in enumerate(merges):
        vocab[256 + i] = vocab[a] + vocab[b]
    return b"".join(vocab[i] for i in ids).decode("utf-8", errors="replace")
