# mistake: Equalized odds computed from the TPR gap only (that is equal opportunity).
# expect-status: failed
# expect-message: also needs equal false positive rates
"""Equalized odds computed from the TPR gap only (that is equal opportunity)."""

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


def demographic_parity_difference(y_pred, groups):
    rates = [r["selection_rate"] for r in group_rates(y_pred, y_pred, groups).values()]
    return float(max(rates) - min(rates))


def equalized_odds_difference(y_true, y_pred, groups):
    tprs = [r["tpr"] for r in group_rates(y_true, y_pred, groups).values() if r["tpr"] is not None]
    return float(max(tprs) - min(tprs)) if len(tprs) > 1 else 0.0
