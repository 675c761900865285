# mistake: TPR divided by the whole group's size instead of the group's positives.
# expect-status: failed
# expect-message: among the group's rows with y_true = 1
"""TPR divided by the whole group's size instead of the group's positives."""

import numpy as np


def _prep(y, g):
    y, g = np.asarray(y), np.asarray(g).astype(str)
    if y.size == 0 or y.shape != g.shape or not np.isin(y, [0, 1]).all():
        raise ValueError("bad input")
    return y.astype(int), g


def group_rates(y_true, y_pred, groups):
    t, g = _prep(y_true, groups)
    p, _ = _prep(y_pred, groups)
    out = {}
    for name in np.unique(g):
        m = g == name
        n = int(m.sum())
        has_pos, has_neg = bool((t[m] == 1).any()), bool((t[m] == 0).any())
        out[str(name)] = {"n": n, "selection_rate": float(p[m].mean()),
                          "tpr": float((p[m] * t[m]).sum() / n) if has_pos else None,
                          "fpr": float((p[m] * (1 - t[m])).sum() / n) if has_neg else None}
    return out


def _gap(values):
    values = [v for v in values if v is not None]
    return max(values) - min(values) if len(values) > 1 else 0.0


def demographic_parity_difference(y_pred, groups):
    return float(_gap([r["selection_rate"] for r in group_rates(y_pred, y_pred, groups).values()]))


def equalized_odds_difference(y_true, y_pred, groups):
    table = group_rates(y_true, y_pred, groups).values()
    return float(max(_gap([r["tpr"] for r in table]), _gap([r["fpr"] for r in table])))
