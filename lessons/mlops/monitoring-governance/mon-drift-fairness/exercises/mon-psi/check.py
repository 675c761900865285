"""Checks for mon-psi: PSI against a direct evaluation of the formula, KS and Wasserstein against SciPy."""

from __future__ import annotations

from functools import cache

import numpy as np
from scipy import stats

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_raises

checks = Checks()


@cache
def samples() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Named (reference, current) pairs; generated once with fixed seeds."""
    rng = np.random.default_rng(2024)
    ref = rng.normal(0.0, 1.0, 2000)
    return {
        "a 0.5-sd mean shift (2000 vs 2000 values)": (ref, rng.normal(0.5, 1.0, 2000)),
        "a shift to the left (2000 vs 700 values)": (ref, rng.normal(-0.4, 1.0, 700)),
        "a variance change, different sizes (2000 vs 300)": (ref, rng.normal(0.0, 1.6, 300)),
        "a skewed feature (income-like, 800 vs 500)": (
            rng.lognormal(10, 0.5, 800),
            rng.lognormal(10.2, 0.6, 500),
        ),
        "discrete values with many ties (0..5)": (
            rng.integers(0, 5, 400).astype(float),
            rng.integers(1, 6, 250).astype(float),
        ),
        "tiny samples (3 vs 2 values)": (np.array([0.1, 0.5, 0.9]), np.array([0.4, 2.0])),
    }


def expected_psi(ref: np.ndarray, cur: np.ndarray, n_bins: int) -> float:
    """The prompt's formula, evaluated directly."""
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins=n_bins)
    p = np.histogram(ref, edges)[0] / len(ref)
    q = np.histogram(cur, edges)[0] / len(cur)
    p, q = np.where(p == 0, 1e-4, p), np.where(q == 0, 1e-4, q)
    return float(np.sum((p - q) * np.log(p / q)))


PSI_FLOOR_ADVICE = (
    "If a bin is empty in one sample, its fraction is 0 and the logarithm is infinite: replace "
    "zero fractions by 1e-4 before taking the logarithm."
)


def scalar(got: object, what: str, advice: str = "Drift scores are finite numbers.") -> float:
    if isinstance(got, bool) or not isinstance(got, (int, float, np.floating)):
        raise Fail(f"{what} should return a float, got {type(got).__name__}.")
    value = float(got)
    expect(np.isfinite(value), f"{what} returned {value}. {advice}")
    return value


def close(got: float, expected: float, what: str, advice: str) -> None:
    expect(
        np.isclose(got, expected, rtol=1e-7, atol=1e-10),
        f"{what} returned {got:.6g}, which is not the expected value. {advice}",
    )


@checks.test("psi matches the formula on shifts, variance changes, skew and ties", points=3)
def psi_values(t):
    for case, (ref, cur) in samples().items():
        for n_bins in (10, 4):
            what = f"psi on {case} with n_bins={n_bins}"
            got = scalar(t.call("psi", ref, cur, n_bins), what, PSI_FLOOR_ADVICE)
            close(
                got,
                expected_psi(ref, cur, n_bins),
                what,
                "Use equal-width edges over both samples and divide counts by each sample's size.",
            )


@checks.test(
    "psi is finite when bins are empty (the 1e-4 floor), and 0 for identical samples", points=2
)
def psi_floor(t):
    ref = samples()["a 0.5-sd mean shift (2000 vs 2000 values)"][0]
    what = "psi on two samples 10 standard deviations apart (most bins empty in one sample)"
    got = scalar(t.call("psi", ref, ref + 10.0, 10), what, PSI_FLOOR_ADVICE)
    close(
        got,
        expected_psi(ref, ref + 10.0, 10),
        what,
        "An empty bin gives log(0): replace zero fractions by 1e-4 before the logarithm.",
    )
    same = scalar(t.call("psi", ref, ref.copy(), 10), "psi on identical samples")
    expect(abs(same) < 1e-12, "psi of a sample against itself should be 0.")


@checks.test("psi bins span both samples, so values outside the reference range count", points=1)
def psi_edges(t):
    rng = np.random.default_rng(5)
    ref, cur = rng.uniform(0, 1, 500), rng.uniform(0.5, 3.0, 500)
    what = "psi with a current sample reaching far beyond the reference range"
    got = scalar(t.call("psi", ref, cur, 10), what, PSI_FLOOR_ADVICE)
    close(
        got,
        expected_psi(ref, cur, 10),
        what,
        "Compute the edges from np.concatenate([reference, current]), not from the reference "
        "alone: values outside the edges are silently dropped by np.histogram.",
    )


@checks.test("ks_statistic equals scipy's ks_2samp statistic, ties included", points=2)
def ks_values(t):
    cases = dict(samples())
    cases["the prompt's example"] = (np.array([1.0, 2.0, 2.0, 3.0]), np.array([2.0, 3.0]))
    cases["one value each"] = (np.array([1.0]), np.array([2.0]))
    for case, (ref, cur) in cases.items():
        what = f"ks_statistic on {case}"
        got = scalar(t.call("ks_statistic", ref, cur), what)
        close(
            got,
            float(stats.ks_2samp(ref, cur).statistic),
            what,
            "Evaluate both empirical CDFs (fraction <= x) at every point of both samples.",
        )


@checks.test("wasserstein_normed equals W1 / std(reference)", points=2)
def wasserstein_values(t):
    for case, (ref, cur) in samples().items():
        what = f"wasserstein_normed on {case}"
        got = scalar(t.call("wasserstein_normed", ref, cur), what)
        expected = stats.wasserstein_distance(ref, cur) / np.std(ref)
        close(
            got,
            float(expected),
            what,
            "W1 is the area between the two CDFs; divide by np.std(reference) with ddof=0.",
        )


@checks.test("Empty samples, NaN and a constant reference raise ValueError", points=1)
def errors(t):
    ref = np.array([0.0, 1.0, 2.0])
    for name in ("psi", "ks_statistic", "wasserstein_normed"):
        expect_raises(
            "ValueError",
            lambda n=name: t.call(n, np.array([]), ref),
            what=f"{name} with an empty reference sample",
        )
        expect_raises(
            "ValueError",
            lambda n=name: t.call(n, ref, np.array([1.0, np.nan])),
            what=f"{name} with NaN in the current sample",
        )
    expect_raises(
        "ValueError",
        lambda: t.call("wasserstein_normed", np.full(5, 3.0), ref),
        what="wasserstein_normed with a constant reference (std 0)",
    )


@checks.test(
    "drift_report flags a 0.5-sd shift and not a fresh sample of the same distribution", points=2
)
def report(t):
    rng = np.random.default_rng(99)
    ref = rng.normal(0, 1, 5000)
    for case, cur, drift in (
        ("a 0.5-sd shift", rng.normal(0.5, 1, 5000), True),
        ("a new sample from the same distribution", rng.normal(0, 1, 5000), False),
    ):
        got = t.call("drift_report", ref, cur)
        keys = {"psi", "ks", "wasserstein", "psi_drift", "wasserstein_drift"}
        expect(
            isinstance(got, dict) and set(got) == keys,
            f"drift_report should return a dict with the keys {sorted(keys)}.",
        )
        for key in ("psi_drift", "wasserstein_drift"):
            expect(
                isinstance(got[key], bool),
                f"drift_report: '{key}' should be a Python bool (wrap a NumPy result in bool()).",
            )
            expect(
                got[key] is drift,
                f"drift_report on {case}: '{key}' should be {drift}. Compare the score with "
                "the threshold 0.1 (>= means drift).",
            )
        close(
            scalar(got["psi"], "drift_report['psi']"),
            expected_psi(ref, cur, 10),
            f"drift_report['psi'] on {case}",
            "Use the default of 10 bins.",
        )
