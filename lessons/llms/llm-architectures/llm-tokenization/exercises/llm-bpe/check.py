"""Checks for llm-bpe: byte-level BPE training, encoding and decoding."""

from __future__ import annotations

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_equal

checks = Checks()

CORPUS = (
    "the tokenizer sees bytes, not letters. the tokenizer merges the most frequent pair. "
    "then the tokenizer repeats: count pairs, merge the best pair, repeat. "
    "naïve café déjà vu — 한국어 텍스트 🙂🙂 emoji 🙂 and 日本語 too. "
)
UNSEEN = ["Tokenizers merge bytes 🙂!", "한국어", "😀 new emoji", "", "a", "zzzz zzzz"]

RUN_STATS = "result = [[a, b, c] for (a, b), c in get_stats(list(ids)).items()]"
RUN_MERGE = (
    "before = list(ids)\n"
    "out = merge(ids, tuple(pair), idx)\n"
    "result = {'out': list(out), 'unchanged': ids == before}"
)
RUN_TRAIN = "result = [list(p) for p in train_bpe(text, n)]"
RUN_ENCODE = "result = list(encode(text, [tuple(p) for p in merges]))"
RUN_DECODE = "result = decode(list(ids), [tuple(p) for p in merges])"
RUN_ROUNDTRIP = "m = train_bpe(corpus, n)\nresult = [decode(encode(s, m), m) for s in samples]"


_REF: dict[int, list[list[int]]] = {}


def ref_merges(t, n: int) -> list[list[int]]:
    """Reference merges learned from CORPUS, cached per merge count."""
    if n not in _REF:
        _REF[n] = [list(p) for p in t.ref.train_bpe(CORPUS, n)]
    return _REF[n]


@checks.test("get_stats counts consecutive pairs (including empty and one-id lists)", points=1)
def stats_counts(t):
    for ids in ([1, 2, 3, 1, 2], [7, 7, 7, 7], [5], []):
        got = t.run(RUN_STATS, ids=ids)
        expected = {(a, b): c for (a, b), c in t.ref.get_stats(ids).items()}
        got_map = {(a, b): c for a, b, c in got}
        if got_map != expected:
            raise Fail(
                f"get_stats({ids}) returned the wrong counts. Every pair (ids[i], ids[i+1]) "
                "counts once, so a list of n ids has n - 1 pairs; empty and one-id lists have none."
            )


@checks.test("merge replaces pairs left to right without overlaps and keeps the last id", points=2)
def merge_cases(t):
    cases = [
        ([5, 6, 6, 7, 6, 7], [6, 7], 99, "a pair that occurs twice"),
        ([97, 97, 97], [97, 97], 256, "three equal ids 'aaa' with the pair (97, 97)"),
        ([1, 2, 3], [2, 3], 300, "the pair at the very end of the list"),
        ([1, 2, 3], [3, 1], 300, "a pair that does not occur"),
        ([4], [4, 4], 300, "a one-id list"),
    ]
    for ids, pair, idx, label in cases:
        got = t.run(RUN_MERGE, ids=ids, pair=pair, idx=idx)
        expect(got["unchanged"], f"merge changed its input list on {label}: build a new list.")
        expected = t.ref.merge(ids, tuple(pair), idx)
        expect(
            got["out"] == expected,
            f"merge on {label} (ids={ids}, pair={tuple(pair)}) is wrong. Scan left to right; when "
            "the pair starts at i, emit idx and jump to i + 2, otherwise emit ids[i]; do not drop "
            "the last id.",
        )


@checks.test("train_bpe on 'aaabdaaabac' with 3 merges, then encode it", points=2)
def worked_example(t):
    text = "aaabdaaabac"
    got = t.run(RUN_TRAIN, text=text, n=3)
    expected = [list(p) for p in t.ref.train_bpe(text, 3)]
    if got != expected:
        raise Fail(
            "train_bpe('aaabdaaabac', 3) learned different merges. Recount pairs after every "
            "merge, and on ties pick the pair that occurs first in the current sequence "
            "(ties decide the second merge here)."
        )
    enc = t.run(RUN_ENCODE, text=text, merges=expected)
    expect_equal(enc, t.ref.encode(text, expected), what="encode('aaabdaaabac', merges)")


@checks.test("train_bpe matches on a longer UTF-8 corpus (ties, multi-byte characters)", points=2)
def longer_corpus(t):
    for n in (10, 40):
        got = t.run(RUN_TRAIN, text=CORPUS, n=n)
        if got != ref_merges(t, n):
            first = next(
                (i for i, (g, e) in enumerate(zip(got, ref_merges(t, n), strict=False)) if g != e),
                min(len(got), n),
            )
            raise Fail(
                f"train_bpe on a 4-sentence corpus with {n} merges differs at merge number "
                f"{first + 1} (new id {256 + first}). Check that you count pairs over the UTF-8 "
                "bytes, recount after each merge, and break ties by first occurrence."
            )


@checks.test(
    "train_bpe stops early when no pair is left (and learns nothing for 0 merges)", points=1
)
def stops_early(t):
    for text, n in (("ab", 5), ("", 3), ("x", 2), ("abcabc", 0)):
        got = t.run(RUN_TRAIN, text=text, n=n)
        expected = [list(p) for p in t.ref.train_bpe(text, n)]
        expect(
            got == expected,
            f"train_bpe({text!r}, {n}) should return {len(expected)} merge(s): it makes at most "
            "num_merges merges and stops earlier as soon as fewer than two ids are left.",
        )


@checks.test("encode applies learned merges in training order, also on unseen text", points=2)
def encode_unseen(t):
    for n in (0, 40):
        merges = ref_merges(t, n)
        for s in UNSEEN:
            got = t.run(RUN_ENCODE, text=s, merges=merges)
            if got != t.ref.encode(s, [tuple(p) for p in merges]):
                hint = (
                    "with 0 merges encode must return the raw UTF-8 bytes"
                    if n == 0
                    else "apply the earliest-learned merge that is present, repeatedly"
                )
                raise Fail(
                    f"encode({s!r}) with {n} merges learned on the corpus gave different ids: "
                    f"start from text.encode('utf-8'), then {hint}."
                )


@checks.test("decode(encode(s)) == s for emoji, Hangul, accents and the empty string", points=2)
def round_trip(t):
    samples = UNSEEN + ["naïve café 🙂🙂", "한국어 텍스트"]
    got = t.run(RUN_ROUNDTRIP, corpus=CORPUS, n=40, samples=samples)
    for s, back in zip(samples, got, strict=False):
        expect(
            back == s,
            f"decode(encode({s!r})) returned {back!r}. Work on UTF-8 bytes (ids 0-255), not on "
            "code points: one emoji is 4 bytes.",
        )


@checks.test("decode turns invalid UTF-8 into U+FFFD instead of raising", points=1)
def decode_invalid(t):
    merges = ref_merges(t, 10)
    for ids in ([0xF0, 0x9F], [104, 105, 0xFF]):
        try:
            got = t.run(RUN_DECODE, ids=ids, merges=merges)
        except LearnerRaised as err:
            raise Fail(
                f"decode({ids}) raised {err.type_name} on invalid UTF-8 (a cut multi-byte "
                "character, as when a model stops mid-emoji). Decode with errors='replace'."
            ) from None
        expect(
            got == t.ref.decode(ids, [tuple(p) for p in merges]),
            f"decode({ids}) on invalid UTF-8 should not raise and should put the replacement "
            "character where bytes are invalid: use bytes.decode('utf-8', errors='replace').",
        )
