"""Checks for stats-welch-t: Welch's t against SciPy, a valid false-alarm rate, permutation p."""

import functools

import numpy as np
from scipy import stats

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_raises

checks = Checks()


def _groups() -> list[tuple[str, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(11)
    return [
        (
            "a of size 12 (sd 1) and b of size 40 (sd 3)",
            rng.normal(0.5, 1, 12),
            rng.normal(0, 3, 40),
        ),
        ("a of size 5 (sd 4) and b of size 9 (sd 0.5)", rng.normal(1, 4, 5), rng.normal(0, 0.5, 9)),
        ("a and b of size 2 each", np.array([1.0, 2.5]), np.array([-1.0, 0.25])),
    ]


def _welch(t, a: np.ndarray, b: np.ndarray, case: str) -> tuple[float, float]:
    try:
        out = t.call("welch_t", a, b)
    except LearnerRaised as err:
        raise Fail(f"welch_t on {case} raised {err.type_name}: {err.message}") from None
    expect(
        isinstance(out, (tuple, list)) and len(out) == 2,
        f"welch_t on {case} should return a tuple (t, df) of two floats.",
    )
    return float(out[0]), float(out[1])


@checks.test("welch_t matches SciPy's Welch test (t and df) on unequal sizes and spreads", points=3)
def matches_scipy(t):
    for case, a, b in _groups():
        got_t, got_df = _welch(t, a, b, case)
        ref = stats.ttest_ind(a, b, equal_var=False)
        expect(
            bool(np.isclose(got_t, ref.statistic, rtol=1e-9)),
            f"welch_t on {case}: t is {got_t:.6g}, which is not Welch's statistic. Use sample "
            "variances with ddof=1, each divided by its own group size (no pooling).",
        )
        expect(
            bool(np.isclose(got_df, ref.df, rtol=1e-9)),
            f"welch_t on {case}: t is right but df = {got_df:.6g} is not the Welch-Satterthwaite "
            "degrees of freedom. Check the formula, including n - 1 in each denominator term.",
        )


@checks.test("Swapping a and b flips the sign of t and keeps df", points=1)
def swap_symmetry(t):
    case, a, b = _groups()[0]
    t_ab, df_ab = _welch(t, a, b, case)
    t_ba, df_ba = _welch(t, b, a, case + " (swapped)")
    expect(
        bool(np.isclose(t_ab, -t_ba, rtol=1e-12) and np.isclose(df_ab, df_ba, rtol=1e-12)),
        f"On {case}, welch_t(b, a) should be (-t, df) where welch_t(a, b) = (t, df).",
    )


@checks.test("Constant groups and groups of one value raise ValueError", points=1)
def errors(t):
    cases = [
        (
            "a = [2, 2, 2] and b = [5, 5] (both constant: zero standard error)",
            np.array([2.0, 2.0, 2.0]),
            np.array([5.0, 5.0]),
        ),
        ("a = [1.0] (one value) and b = [1, 2, 3]", np.array([1.0]), np.array([1.0, 2.0, 3.0])),
    ]
    for case, a, b in cases:
        expect_raises(
            "ValueError", lambda a=a, b=b: t.call("welch_t", a, b), what=f"welch_t with {case}"
        )


@checks.test(
    "Under a true null with unequal variances, rejects 2%-9% of 400 tests at 0.05", points=2
)
def null_rejection_rate(t):
    rng = np.random.default_rng(2024)
    # Small group with the large spread: the case where a pooled-variance test over-rejects.
    a_all = rng.normal(0.0, 3.0, size=(400, 6))
    b_all = rng.normal(0.0, 1.0, size=(400, 30))
    # One call per simulated data set: each (t, df) crosses the probe boundary and the
    # rejection rate is computed here, on the trusted side.
    out = np.array(
        [
            _welch(t, a, b, f"simulated data set {i} (sizes 6 and 30)")
            for i, (a, b) in enumerate(zip(a_all, b_all, strict=True))
        ]
    )
    p = 2 * stats.t.sf(np.abs(out[:, 0]), out[:, 1])
    rate = float(np.mean(p < 0.05))
    expect(
        0.02 <= rate <= 0.09,
        f"With groups of sizes 6 (sd 3) and 30 (sd 1) and equal means, p-values from your (t, df) "
        f"reject the null in {100 * rate:.1f}% of 400 simulations at alpha = 0.05; a valid test "
        "rejects about 5%. A pooled (Student) variance over-rejects here.",
    )


@functools.cache
def _reference_p(case_index: int, n_permutations: int, seed: int) -> float:
    a, b = _permutation_groups()[case_index][1:]
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])

    def tstat(x: np.ndarray, y: np.ndarray) -> float:
        return (x.mean() - y.mean()) / np.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))

    t_obs = abs(tstat(a, b))
    count = 0
    for _ in range(n_permutations):
        perm = rng.permutation(pooled)
        count += abs(tstat(perm[: len(a)], perm[len(a) :])) >= t_obs
    return (count + 1) / (n_permutations + 1)


@functools.cache
def _permutation_groups() -> list[tuple[str, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(7)
    return [
        (
            "a of size 10 and b of size 14 with a moderate difference in means",
            rng.normal(0.8, 1.0, 10),
            rng.normal(0.0, 1.5, 14),
        ),
        (
            "a of size 15 and b of size 15 that do not overlap at all",
            rng.normal(10.0, 1.0, 15),
            rng.normal(0.0, 1.0, 15),
        ),
    ]


def _permutation_p(t, case_index: int, n_permutations: int, seed: int) -> tuple[str, float, float]:
    case, a, b = _permutation_groups()[case_index]
    what = f"permutation_p_value(a, b, n_permutations={n_permutations}, seed={seed}) on {case}"
    try:
        got = float(t.call("permutation_p_value", a, b, n_permutations=n_permutations, seed=seed))
    except LearnerRaised as err:
        raise Fail(f"{what} raised {err.type_name}: {err.message}") from None
    return what, got, _reference_p(case_index, n_permutations, seed)


@checks.test("permutation_p_value follows the stated order of random calls (two seeds)", points=2)
def permutation_matches(t):
    for seed in (0, 123):
        what, got, ref = _permutation_p(t, 0, 2000, seed)
        expect(
            abs(got - ref) <= 1.5 / 2001,
            f"{what} gives {got:.4f}, which differs from the expected p-value by more than one "
            "count. Check: a two-sided count abs(t_perm) >= abs(t_obs), one rng.permutation of the "
            "pooled data per round (a fresh permutation of the original pooled array each time, "
            "not a reshuffle of the previous round's), and (count + 1) / (n_permutations + 1).",
        )


@checks.test("A very strong difference gives p = 1 / (n_permutations + 1), never 0", points=1)
def permutation_floor(t):
    what, got, ref = _permutation_p(t, 1, 500, 0)
    expect(
        abs(got - ref) <= 0.5 / 501,
        f"{what} gives {got:.4f}. When no shuffle is as extreme as the data, the p-value is "
        "1 / (n_permutations + 1): count the observed arrangement (the + 1 terms).",
    )
