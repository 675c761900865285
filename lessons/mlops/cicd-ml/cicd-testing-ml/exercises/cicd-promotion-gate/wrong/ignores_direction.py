# mistake: Treats every metric as higher-is-better: faster models are rejected, slower ones promoted.
# expect-status: failed
# expect-message: latency
"""Treats every metric as higher-is-better: faster models are rejected, slower ones promoted."""

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
            if prod - cand > tolerance.get(metric, 0.0) + 1e-9:
                failures.append(f"{scope}/{metric}")
    return not failures, sorted(failures)
