# mistake: Compares the first two groups it sees: with three or more groups the largest gap is missed.
# expect-status: failed
# expect-message: over all groups
"""Compares the first two groups it sees: with three or more groups the largest gap is missed."""

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
        pos, neg = p[m & (t == 1)], p[m & (t == 0)]
        out[str(name)] = {"n": int(m.sum()), "selection_rate": float(p[m].mean()),
                          "tpr": float(pos.mean()) if pos.size else None,
                          "fpr": float(neg.mean()) if neg.size else None}
    return out


def _first_two_gap(values):
    values = [v for v in values if v is not None][:2]
    return abs(values[0] - values[1]) if len(values) == 2 else 0.0


def demographic_parity_difference(y_pred, groups):
    return float(_first_two_gap([r["selection_rate"] for r in group_rates(y_pred, y_pred, groups).values()]))


def equalized_odds_difference(y_true, y_pred, groups):
    table = group_rates(y_true, y_pred, groups).values()
    return float(max(_first_two_gap([r["tpr"] for r in table]), _first_two_gap([r["fpr"] for r in table])))
