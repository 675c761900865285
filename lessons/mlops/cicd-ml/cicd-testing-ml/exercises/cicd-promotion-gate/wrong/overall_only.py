# mistake: Compares the overall metrics only: a model that fails one group of users is shipped.
# expect-status: failed
# expect-message: mobile accuracy -5 points
"""Compares the overall metrics only: a model that fails one group of users is shipped."""

import math


def promotion_decision(candidate, production, tolerance, lower_is_better):
    failures = []
    for metric, prod in production["overall"].items():
        if prod is None or not math.isfinite(prod):
            continue
        cand = candidate["overall"].get(metric)
        if cand is None or not math.isfinite(cand):
            failures.append(f"overall/{metric}")
            continue
        regression = cand - prod if metric in lower_is_better else prod - cand
        if regression > tolerance.get(metric, 0.0) + 1e-9:
            failures.append(f"overall/{metric}")
    return not failures, sorted(failures)
