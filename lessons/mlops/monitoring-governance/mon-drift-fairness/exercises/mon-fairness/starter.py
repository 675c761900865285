"""Group fairness metrics: demographic parity and equalized odds differences."""

import numpy as np  # noqa: F401


def group_rates(y_true, y_pred, groups):
    """Per group: n, selection_rate, tpr (or None), fpr (or None)."""
    raise NotImplementedError  # TODO


def demographic_parity_difference(y_pred, groups):
    """Largest minus smallest selection rate across groups."""
    raise NotImplementedError  # TODO


def equalized_odds_difference(y_true, y_pred, groups):
    """The larger of the TPR gap and the FPR gap across groups."""
    raise NotImplementedError  # TODO
