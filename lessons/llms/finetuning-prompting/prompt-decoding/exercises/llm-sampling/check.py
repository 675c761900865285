"""Checks for llm-sampling: temperature, top-k, top-p and the sampler built on them."""

from __future__ import annotations

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_close

checks = Checks()

RTOL, ATOL = 1e-9, 1e-12


def logits_for(seed: int, v: int = 12, scale: float = 2.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(scale=scale, size=v)


def compare(t, logits, what, **kw):
    got = t.call("next_token_probs", logits, **kw)
    expect_close(got, t.ref.next_token_probs(logits, **kw), what=what, rtol=RTOL, atol=ATOL)
    return got


@checks.test("With temperature 1 and no filter the result is softmax(logits)", points=1)
def plain_softmax(t):
    for seed, v in ((0, 12), (1, 1), (2, 50)):
        compare(t, logits_for(seed, v), f"next_token_probs(logits of length {v})")


@checks.test("Temperature divides the logits (0.5 sharpens, 2 flattens)", points=1)
def temperature(t):
    logits = logits_for(3)
    for temp in (0.5, 2.0, 0.05):
        compare(
            t,
            logits,
            f"next_token_probs(logits, temperature={temp}) (softmax of logits / temperature)",
            temperature=temp,
        )


@checks.test("Temperature 0 is greedy: one-hot on the argmax, lowest index on ties", points=1)
def greedy(t):
    cases = [
        (logits_for(4), "random logits"),
        (np.array([1.0, 3.0, 3.0, -2.0]), "a tie between tokens 1 and 2"),
    ]
    for logits, label in cases:
        compare(t, logits, f"next_token_probs with temperature=0 on {label}", temperature=0.0)


@checks.test(
    "top_k keeps the k largest logits (and ties with the k-th), k >= V keeps all", points=2
)
def top_k(t):
    logits = logits_for(5)
    for k in (1, 3, 12, 40):
        compare(t, logits, f"next_token_probs(12 logits, top_k={k})", top_k=k)
    tied = np.array([2.0, 1.0, 1.0, 0.0, -1.0])
    compare(
        t,
        tied,
        "next_token_probs([2, 1, 1, 0, -1], top_k=2): the 2nd-largest value 1 is shared, so keep "
        "every logit >= it (3 tokens)",
        top_k=2,
    )


@checks.test("top_p keeps the smallest most-likely set reaching p, never an empty one", points=2)
def top_p(t):
    peaked = np.array([5.0, 1.0, 0.5, 0.0])
    got = t.call("next_token_probs", peaked, top_p=0.01)
    expect(
        isinstance(got, np.ndarray) and np.all(np.isfinite(got)) and np.isclose(got.sum(), 1.0),
        "next_token_probs([5, 1, 0.5, 0], top_p=0.01) must still return a distribution: the most "
        "likely token alone already exceeds p, so keep it (a token is kept while the mass of the "
        "tokens before it is still below p).",
    )
    compare(t, peaked, "next_token_probs([5, 1, 0.5, 0], top_p=0.01)", top_p=0.01)
    logits = logits_for(6)
    for p in (0.5, 0.9, 1.0):
        compare(
            t,
            logits,
            f"next_token_probs(12 logits, top_p={p}) (keep a token while the probability of the "
            "more likely tokens before it is still below p)",
            top_p=p,
        )


@checks.test("Temperature, then top-k, then top-p, combined", points=1)
def combined(t):
    logits = logits_for(7, 20)
    for temp, k, p in ((0.7, 5, 0.8), (1.5, 8, 0.6), (1.0, 2, 0.95)):
        compare(
            t,
            logits,
            f"next_token_probs(20 logits, temperature={temp}, top_k={k}, top_p={p}): apply "
            "top-k first, renormalise, then top-p",
            temperature=temp,
            top_k=k,
            top_p=p,
        )


@checks.test("Huge logits and -inf (masked) logits give a finite distribution", points=1)
def stability(t):
    logits = logits_for(8) * 1e4
    compare(t, logits, "next_token_probs(logits around 1e4)")
    masked = logits_for(9)
    masked[[0, 4, 7]] = -np.inf
    got = compare(t, masked, "next_token_probs with tokens 0, 4 and 7 masked (-inf)", top_p=0.9)
    expect(bool(np.all(got[[0, 4, 7]] == 0)), "Masked tokens (-inf logits) must get probability 0.")


@checks.test("Invalid settings raise ValueError", points=1)
def invalid(t):
    logits = logits_for(10)
    bad = [
        ({"temperature": -1.0}, "temperature=-1"),
        ({"top_k": 0}, "top_k=0"),
        ({"top_p": 0.0}, "top_p=0"),
        ({"top_p": 1.5}, "top_p=1.5"),
    ]
    missed = []
    for kw, label in bad:
        try:
            t.call("next_token_probs", logits, **kw)
            missed.append(label)
        except LearnerRaised as err:
            if "ValueError" not in err.type_names:
                missed.append(f"{label} (raised {err.type_name})")
    if missed:
        raise Fail(f"next_token_probs should raise ValueError for: {', '.join(missed)}.")


@checks.test("sample_tokens: frequencies match the probabilities, seeded and repeatable", points=2)
def sampling(t):
    logits = logits_for(11, 8)
    n = 20000
    for kw in ({"temperature": 0.8}, {"top_k": 3}, {"top_p": 0.7}):
        expected = t.ref.next_token_probs(logits, **kw)
        got = t.call("sample_tokens", logits, n, seed=123, **kw)
        expect(
            isinstance(got, np.ndarray) and got.shape == (n,) and got.dtype.kind in "iu",
            f"sample_tokens(..., n={n}) must return an integer array of shape ({n},).",
        )
        expect(
            bool(np.all((got >= 0) & (got < logits.size))),
            "sample_tokens returned ids outside 0..V-1.",
        )
        freq = np.bincount(got, minlength=logits.size) / n
        expect(
            bool(np.all(freq[expected == 0] == 0)),
            f"sample_tokens with {kw} drew tokens that the filter removed (probability 0).",
        )
        worst = float(np.max(np.abs(freq - expected)))
        expect(
            worst < 0.02,
            f"sample_tokens with {kw}: over {n} draws the frequency of some token is off by "
            f"{worst:.3f} from next_token_probs (allowed 0.02). Sample from the filtered "
            "distribution, e.g. rng.choice(V, size=n, p=probs).",
        )
    a = t.call("sample_tokens", logits, 50, seed=7)
    b = t.call("sample_tokens", logits, 50, seed=7)
    c = t.call("sample_tokens", logits, 50, seed=8)
    expect(np.array_equal(a, b), "sample_tokens with the same seed must return the same tokens.")
    expect(not np.array_equal(a, c), "sample_tokens with seeds 7 and 8 returned the same tokens.")
    greedy = t.call("sample_tokens", logits, 30, temperature=0.0, seed=1)
    expect(
        bool(np.all(greedy == int(np.argmax(logits)))),
        "sample_tokens with temperature=0 must always return the argmax token.",
    )
