# mistake: `prod - nan > tol` is False, so a candidate whose evaluation produced NaN sails through.
# expect-status: failed
# expect-message: NaN
"""`prod - nan > tol` is False, so a candidate whose evaluation produced NaN sails through."""


def promotion_decision(candidate, production, tolerance, lower_is_better):
    failures = []
    scopes = [("overall", production["overall"])] + list(production["slices"].items())
    for scope, metrics in scopes:
        cand_metrics = candidate["overall"] if scope == "overall" else candidate["slices"].get(scope)
        for metric, prod in metrics.items():
            if cand_metrics is None or metric not in cand_metrics or cand_metrics[metric] is None:
                failures.append(f"{scope}/{metric}")
                continue
            if prod is None:
                continue
            cand = cand_metrics[metric]
            regression = cand - prod if metric in lower_is_better else prod - cand
            if regression > tolerance.get(metric, 0.0) + 1e-9:
                failures.append(f"{scope}/{metric}")
    return not failures, sorted(failures)
