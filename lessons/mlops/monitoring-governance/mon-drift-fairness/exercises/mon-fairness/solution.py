"""Reference solution: per-group rates and the two fairness differences (fairlearn's definitions)."""

from __future__ import annotations

from typing import Any

import numpy as np


def _labels(values: Any, name: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if not np.isin(arr, [0, 1]).all():
        raise ValueError(f"{name} must hold only 0/1 labels")
    return arr.astype(int)


def _groups(groups: Any, n: int) -> np.ndarray:
    arr = np.asarray(groups).astype(str)
    if arr.shape != (n,):
        raise ValueError("groups must have one entry per row")
    if n == 0:
        raise ValueError("no rows")
    return arr


def _rate(selected: np.ndarray) -> float | None:
    return float(selected.mean()) if selected.size else None


def group_rates(y_true: Any, y_pred: Any, groups: Any) -> dict[str, dict[str, Any]]:
    """Per group: n, selection_rate, tpr (or None), fpr (or None)."""
    truth, pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    if truth.shape != pred.shape:
        raise ValueError("y_true and y_pred must have the same length")
    g = _groups(groups, truth.size)
    table = {}
    for name in np.unique(g):
        m = g == name
        table[str(name)] = {
            "n": int(m.sum()),
            "selection_rate": float(pred[m].mean()),
            "tpr": _rate(pred[m & (truth == 1)]),
            "fpr": _rate(pred[m & (truth == 0)]),
        }
    return table


def _gap(values: list[float | None]) -> float:
    defined = [v for v in values if v is not None]
    return max(defined) - min(defined) if len(defined) >= 2 else 0.0


def demographic_parity_difference(y_pred: Any, groups: Any) -> float:
    """Largest minus smallest selection rate across groups."""
    pred = _labels(y_pred, "y_pred")
    table = group_rates(pred, pred, groups)  # y_true is not needed for selection rates
    return float(_gap([row["selection_rate"] for row in table.values()]))


def equalized_odds_difference(y_true: Any, y_pred: Any, groups: Any) -> float:
    """The larger of the TPR gap and the FPR gap across groups."""
    table = group_rates(y_true, y_pred, groups)
    tpr_gap = _gap([row["tpr"] for row in table.values()])
    fpr_gap = _gap([row["fpr"] for row in table.values()])
    return float(max(tpr_gap, fpr_gap))
