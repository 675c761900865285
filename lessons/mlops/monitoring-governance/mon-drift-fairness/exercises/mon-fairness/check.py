"""Checks for mon-fairness: per-group rates and the two differences on synthetic decisions."""

from __future__ import annotations

from functools import cache

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_raises

checks = Checks()


@cache
def decisions(n_groups: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Loan decisions for groups of unequal size, base rate and model bias."""
    rng = np.random.default_rng(seed)
    names = ["group_a", "group_b", "group_c", "group_d"][:n_groups]
    sizes = [300, 120, 60, 25][:n_groups]
    groups = np.repeat(np.array(names), sizes)
    base = {"group_a": 0.5, "group_b": 0.35, "group_c": 0.6, "group_d": 0.4}
    bias = {"group_a": 0.1, "group_b": -0.15, "group_c": 0.0, "group_d": 0.2}
    y_true = (rng.uniform(size=groups.size) < np.vectorize(base.get)(groups)).astype(int)
    score = 0.6 * y_true + rng.normal(0, 0.3, groups.size) + np.vectorize(bias.get)(groups)
    y_pred = (score > 0.45).astype(int)
    order = rng.permutation(groups.size)  # groups interleaved, not in blocks
    return y_true[order], y_pred[order], groups[order]


def number(got: object, what: str) -> float:
    if isinstance(got, bool) or not isinstance(got, (int, float, np.floating)):
        raise Fail(f"{what} should return a float, got {type(got).__name__}.")
    return float(got)


def expect_metric(t, name: str, args: tuple, expected: float, case: str, advice: str) -> None:
    got = number(t.call(name, *args), f"{name} on {case}")
    expect(
        np.isclose(got, expected, rtol=1e-9, atol=1e-12),
        f"{name} on {case} returned {got:.6g}, which is not the expected value. {advice}",
    )


@checks.test("group_rates gives n, selection rate, TPR and FPR per group", points=2)
def rates(t):
    for n_groups, seed in ((2, 0), (3, 1)):
        y_true, y_pred, groups = decisions(n_groups, seed)
        case = f"{n_groups} groups of unequal size"
        got = t.call("group_rates", y_true, y_pred, groups)
        expected = t.ref.group_rates(y_true, y_pred, groups)
        expect(
            isinstance(got, dict) and set(got) == set(expected),
            f"group_rates on {case} should have one key per group name: {sorted(expected)}.",
        )
        for g, row in expected.items():
            mine = got[g]
            expect(
                isinstance(mine, dict) and set(mine) == set(row),
                f"group_rates[{g!r}] should be a dict with keys {sorted(row)}.",
            )
            expect(mine["n"] == row["n"], f"group_rates[{g!r}]['n'] should count the group's rows.")
            for key, meaning in (
                ("selection_rate", "the share of the group's rows predicted 1"),
                ("tpr", "among the group's rows with y_true = 1, the share predicted 1"),
                ("fpr", "among the group's rows with y_true = 0, the share predicted 1"),
            ):
                value = number(mine[key], f"group_rates[{g!r}][{key!r}]")
                expect(
                    np.isclose(value, row[key], rtol=1e-9),
                    f"group_rates[{g!r}][{key!r}] on {case} is wrong: it should be {meaning}.",
                )


@checks.test("demographic_parity_difference on 2, 3 and 4 groups", points=2)
def parity(t):
    for n_groups, seed in ((2, 0), (3, 1), (4, 2)):
        y_true, y_pred, groups = decisions(n_groups, seed)
        expect_metric(
            t,
            "demographic_parity_difference",
            (y_pred, groups),
            t.ref.demographic_parity_difference(y_pred, groups),
            f"{n_groups} groups",
            "It is the largest selection rate minus the smallest, over all groups.",
        )


@checks.test("equalized_odds_difference on 2, 3 and 4 groups", points=2)
def odds(t):
    for n_groups, seed in ((2, 0), (3, 1), (4, 2)):
        y_true, y_pred, groups = decisions(n_groups, seed)
        expect_metric(
            t,
            "equalized_odds_difference",
            (y_true, y_pred, groups),
            t.ref.equalized_odds_difference(y_true, y_pred, groups),
            f"{n_groups} groups",
            "Compute the TPR gap and the FPR gap over all groups and return the larger.",
        )


@checks.test("Equalized odds counts the false-positive gap too", points=1)
def fpr_gap(t):
    # Same TPR in both groups; group y gets many more false positives.
    y_true = np.array([1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0])
    y_pred = np.array([1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0])
    groups = np.array(["x"] * 6 + ["y"] * 6)
    expect_metric(
        t,
        "equalized_odds_difference",
        (y_true, y_pred, groups),
        0.75,
        "two groups with equal TPR (0.5) and FPRs 0.0 vs 0.75",
        "Equal true positive rates are 'equal opportunity'; equalized odds also needs equal false "
        "positive rates.",
    )


@checks.test("A group without positives has no TPR; the gap uses the other groups", points=1)
def undefined_rate(t):
    y_true = np.array([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    y_pred = np.array([1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1])
    groups = np.array(["p"] * 4 + ["q"] * 4 + ["r"] * 4)  # r has no positive rows
    rates_r = t.call("group_rates", y_true, y_pred, groups).get("r", {})
    expect(
        isinstance(rates_r, dict) and rates_r.get("tpr", 0) is None,
        "group_rates: group 'r' has no rows with y_true = 1, so its 'tpr' should be None.",
    )
    expect_metric(
        t,
        "equalized_odds_difference",
        (y_true, y_pred, groups),
        t.ref.equalized_odds_difference(y_true, y_pred, groups),
        "three groups where group 'r' has no positive rows",
        "Leave groups without a defined rate out of that rate's gap (do not count them as 0).",
    )


@checks.test("Renaming groups and shuffling rows change nothing; one group gives 0", points=1)
def invariances(t):
    y_true, y_pred, groups = decisions(3, 1)
    renamed = np.array([{"group_a": "z", "group_b": "m", "group_c": "a"}[g] for g in groups])
    order = np.random.default_rng(3).permutation(groups.size)
    for name, args_a, args_b in (
        ("demographic_parity_difference", (y_pred, groups), (y_pred[order], renamed[order])),
        (
            "equalized_odds_difference",
            (y_true, y_pred, groups),
            (y_true[order], y_pred[order], renamed[order]),
        ),
    ):
        a = number(t.call(name, *args_a), name)
        b = number(t.call(name, *args_b), name)
        expect(
            np.isclose(a, b, rtol=1e-12),
            f"{name} changed when the groups were renamed and the rows shuffled; the metric "
            "should depend only on the groups' rates, not on their names or order.",
        )
    single = np.array(["only"] * 10)
    for name, args in (
        ("demographic_parity_difference", (y_pred[:10], single)),
        ("equalized_odds_difference", (y_true[:10], y_pred[:10], single)),
    ):
        expect_metric(t, name, args, 0.0, "a single group", "With one group there is no gap.")


@checks.test("Lists and bool arrays are accepted; bad input raises ValueError", points=1)
def inputs(t):
    y_true = [1, 1, 0, 0, 1, 1, 0, 0]
    y_pred = [True, True, True, False, True, False, False, False]
    groups = ["a", "a", "a", "a", "b", "b", "b", "b"]
    expect_metric(
        t,
        "demographic_parity_difference",
        (y_pred, groups),
        0.5,
        "the prompt's example with bool predictions",
        "Convert the inputs with np.asarray.",
    )
    expect_metric(
        t,
        "equalized_odds_difference",
        (y_true, y_pred, groups),
        0.5,
        "the prompt's example with bool predictions",
        "Convert the inputs with np.asarray.",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("equalized_odds_difference", y_true[:-1], y_pred, groups),
        what="equalized_odds_difference with y_true one element shorter",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("demographic_parity_difference", [], []),
        what="demographic_parity_difference on empty input",
    )
    expect_raises(
        "ValueError",
        lambda: t.call("demographic_parity_difference", [0, 2, 1], ["a", "b", "a"]),
        what="demographic_parity_difference with a label 2",
    )
