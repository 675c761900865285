"""Checks for stats-beta-binomial: conjugate update, mean, interval, sequential = batch."""

import numpy as np
from scipy import stats

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_raises

checks = Checks()

POSTERIOR_CASES = [
    ("a uniform prior Beta(1, 1) with 3 successes in 10 trials", 1.0, 1.0, 3, 10),
    ("the prior Beta(2, 5) with 0 trials (no data)", 2.0, 5.0, 0, 0),
    ("the prior Beta(0.5, 0.5) with 7 successes in 7 trials", 0.5, 0.5, 7, 7),
    ("the prior Beta(20, 80) with 0 successes in 15 trials", 20.0, 80.0, 0, 15),
]

INTERVAL_CASES = [
    ("Beta(4, 8), mass 0.95", 4.0, 8.0, 0.95),
    ("Beta(1, 3) (skewed), mass 0.9", 1.0, 3.0, 0.9),
    ("Beta(50, 2) (mass piled near 1), mass 0.95", 50.0, 2.0, 0.95),
    ("Beta(0.5, 0.5) (U-shaped), mass 0.5", 0.5, 0.5, 0.5),
]


def _call(t, what: str, name: str, *args, **kwargs):
    try:
        return t.call(name, *args, **kwargs)
    except LearnerRaised as err:
        raise Fail(f"{what} raised {err.type_name}: {err.message}") from None


@checks.test("beta_posterior adds successes to alpha and failures to beta", points=2)
def posterior_parameters(t):
    for case, alpha, beta, s, n in POSTERIOR_CASES:
        what = f"beta_posterior({alpha}, {beta}, successes={s}, trials={n}) for {case}"
        got = _call(t, what, "beta_posterior", alpha, beta, s, n)
        expect(
            isinstance(got, (tuple, list)) and len(got) == 2,
            f"{what} should return a tuple (a, b) of two floats.",
        )
        expect(
            bool(np.allclose(np.asarray(got, dtype=float), [alpha + s, beta + n - s])),
            f"{what} is not the conjugate posterior. Successes add to alpha, failures "
            "(trials - successes) add to beta.",
        )


@checks.test("posterior_mean is a / (a + b)", points=1)
def mean(t):
    for a, b in [(4.0, 8.0), (1.0, 3.0), (0.5, 0.5), (50.0, 2.0)]:
        what = f"posterior_mean({a}, {b})"
        got = float(_call(t, what, "posterior_mean", a, b))
        expect(
            bool(np.isclose(got, stats.beta.mean(a, b), rtol=1e-12)),
            f"{what} is not the mean of Beta({a}, {b}). The mode (a - 1) / (a + b - 2) is a "
            "different summary.",
        )


@checks.test(
    "credible_interval gives the equal-tailed quantiles (skewed and U-shaped too)", points=3
)
def interval(t):
    for case, a, b, mass in INTERVAL_CASES:
        what = f"credible_interval({a}, {b}, mass={mass}) for {case}"
        got = _call(t, what, "credible_interval", a, b, mass=mass)
        expect(
            isinstance(got, (tuple, list)) and len(got) == 2,
            f"{what} should return a tuple (lo, hi).",
        )
        lo, hi = (float(v) for v in got)
        tail = (1 - mass) / 2
        below, above = stats.beta.cdf(lo, a, b), stats.beta.sf(hi, a, b)
        expect(
            bool(np.isclose(below, tail, atol=1e-6) and np.isclose(above, tail, atol=1e-6)),
            f"{what}: the probability below lo is {below:.4f} and above hi is {above:.4f}; "
            f"each should be (1 - mass) / 2 = {tail:.4f}. Use the quantiles of the Beta "
            "distribution (scipy.stats.beta.ppf), not a normal approximation.",
        )


@checks.test("sequential_posterior: row 0 is the prior, each row adds one outcome", points=2)
def sequential_rows(t):
    outcomes = np.array([1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1])
    what = "sequential_posterior(2.0, 3.0, outcomes) for 12 outcomes"
    got = np.asarray(_call(t, what, "sequential_posterior", 2.0, 3.0, outcomes), dtype=float)
    expect(
        got.shape == (13, 2),
        f"{what} should have shape (13, 2): one row for the prior and one per outcome; got "
        f"{got.shape}.",
    )
    expect(
        bool(np.allclose(got[0], [2.0, 3.0])),
        f"{what}: row 0 should be the prior [alpha, beta].",
    )
    steps = np.diff(got, axis=0)
    expected_steps = np.column_stack([outcomes == 1, outcomes == 0]).astype(float)
    bad = np.where(~np.all(np.isclose(steps, expected_steps), axis=1))[0]
    expect(
        bad.size == 0,
        f"{what}: going from row {bad[0] if bad.size else 0} to the next should add 1 to alpha "
        "for a success (1) or 1 to beta for a failure (0).",
    )
    what0 = "sequential_posterior(2.0, 3.0, np.array([])) (no outcomes)"
    empty = np.asarray(
        _call(t, what0, "sequential_posterior", 2.0, 3.0, np.array([], dtype=int)), dtype=float
    )
    expect(
        empty.shape == (1, 2) and bool(np.allclose(empty, [[2.0, 3.0]])),
        f"{what0} should be [[2.0, 3.0]] with shape (1, 2); got shape {empty.shape}.",
    )


@checks.test("Sequential and batch updates agree, in any order of the outcomes", points=2)
def sequential_equals_batch(t):
    rng = np.random.default_rng(3)
    outcomes = (rng.random(40) < 0.3).astype(int)
    s, n = int(outcomes.sum()), len(outcomes)
    what = f"beta_posterior(1.5, 2.5, successes={s}, trials={n})"
    batch = np.asarray(_call(t, what, "beta_posterior", 1.5, 2.5, s, n), dtype=float)
    for label, order in [("in the given order", outcomes), ("shuffled", rng.permutation(outcomes))]:
        whats = f"the last row of sequential_posterior(1.5, 2.5, outcomes) with 40 outcomes {label}"
        last = np.asarray(_call(t, whats, "sequential_posterior", 1.5, 2.5, order), dtype=float)[-1]
        expect(
            bool(np.allclose(last, batch)),
            f"{whats} differs from the batch posterior {what}; both must be "
            "[alpha + successes, beta + failures].",
        )


@checks.test("Invalid priors, counts, masses and outcomes raise ValueError", points=2)
def errors(t):
    bad_calls = [
        ("beta_posterior(0.0, 1.0, 1, 2) (alpha must be > 0)", "beta_posterior", (0.0, 1.0, 1, 2)),
        (
            "beta_posterior(1.0, 1.0, 5, 3) (more successes than trials)",
            "beta_posterior",
            (1.0, 1.0, 5, 3),
        ),
        (
            "beta_posterior(1.0, 1.0, -1, 3) (negative successes)",
            "beta_posterior",
            (1.0, 1.0, -1, 3),
        ),
        ("posterior_mean(1.0, -2.0) (beta must be > 0)", "posterior_mean", (1.0, -2.0)),
        (
            "credible_interval(2.0, 2.0, 1.0) (mass must be < 1)",
            "credible_interval",
            (2.0, 2.0, 1.0),
        ),
        (
            "credible_interval(2.0, 2.0, 0.0) (mass must be > 0)",
            "credible_interval",
            (2.0, 2.0, 0.0),
        ),
        (
            "sequential_posterior(1.0, 1.0, [1, 2, 0]) (outcomes must be 0 or 1)",
            "sequential_posterior",
            (1.0, 1.0, np.array([1, 2, 0])),
        ),
    ]
    for what, name, args in bad_calls:
        expect_raises("ValueError", lambda name=name, args=args: t.call(name, *args), what=what)
