# mistake: Compares without slack: 0.90 - 0.88 is 0.020000000000000018 in floating point, above 0.02.
# expect-status: failed
# expect-message: exactly the tolerance
"""Compares without slack: 0.90 - 0.88 is 0.020000000000000018 in floating point, above 0.02."""

import math


def promotion_decision(candidate, production, tolerance, lower_is_better):
    failures = []
    scopes = [("overall", production["overall"])] + list(production["slices"].items())
    for scope, metrics in scopes:
        cand_metrics = candidate["overall"] if scope == "overall" else candidate["slices"].get(scope, {})
        for metric, prod in metrics.items():
            if prod is None or not math.isfinite(prod):
                continue
            cand = cand_metrics.get(metric)
            if cand is None or not math.isfinite(cand):
                failures.append(f"{scope}/{metric}")
                continue
            regression = cand - prod if metric in lower_is_better else prod - cand
            if regression > tolerance.get(metric, 0.0):
                failures.append(f"{scope}/{metric}")
    return not failures, sorted(failures)
