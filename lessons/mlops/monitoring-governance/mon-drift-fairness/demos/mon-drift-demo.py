"""Shift and stretch a feature's distribution and compare three drift scores with their thresholds."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display


def drift_scores(ref: np.ndarray, cur: np.ndarray, n_bins: int) -> tuple[float, float, float]:
    """PSI (shared equal-width bins, 1e-4 floor), KS statistic and W1 / std(ref)."""
    edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins=n_bins)
    p = np.histogram(ref, edges)[0] / ref.size
    q = np.histogram(cur, edges)[0] / cur.size
    p, q = np.where(p == 0, 1e-4, p), np.where(q == 0, 1e-4, q)
    psi = float(np.sum((p - q) * np.log(p / q)))
    xs = np.sort(np.concatenate([ref, cur]))
    gaps = np.abs(
        np.searchsorted(np.sort(ref), xs, side="right") / ref.size
        - np.searchsorted(np.sort(cur), xs, side="right") / cur.size
    )
    ks = float(gaps.max())
    wasserstein = float(np.sum(gaps[:-1] * np.diff(xs)) / np.std(ref))
    return psi, ks, wasserstein


def show(shift_sd=0.3, scale=1.0, n_current=1000, n_bins=10, outlier_share=0.0):
    """Reference N(0, 1), 5000 values; current N(shift, scale), plus a share of outliers at 8."""
    rng = np.random.default_rng(0)
    ref = rng.normal(0, 1, 5000)
    cur = rng.normal(shift_sd, scale, n_current)
    n_out = int(outlier_share * n_current)
    cur[:n_out] = 8.0
    psi, ks, w = drift_scores(ref, cur, n_bins)
    ks_critical = 1.358 * np.sqrt((ref.size + cur.size) / (ref.size * cur.size))  # alpha = 0.05
    fig, ax = plt.subplots(figsize=(8, 3.5))
    bins = np.linspace(-5, 9, 80)
    ax.hist(ref, bins=bins, density=True, alpha=0.5, label="reference (training)")
    ax.hist(cur, bins=bins, density=True, alpha=0.5, label="current (production)")
    ax.set_xlabel("feature value")
    ax.legend()
    plt.show()
    flag = lambda hit: "DRIFT" if hit else "ok"  # noqa: E731
    print(f"PSI ({n_bins} bins)       {psi:7.3f}   threshold 0.1   {flag(psi >= 0.1)}")
    print(f"Wasserstein / std    {w:7.3f}   threshold 0.1   {flag(w >= 0.1)}")
    print(
        f"KS statistic         {ks:7.3f}   5% critical value {ks_critical:.3f} for these sizes   "
        f"{flag(ks > ks_critical)}"
    )
    print(
        "Try: a tiny shift with a large current sample (KS fires, the others do not), and a 2% "
        "share of outliers (KS barely moves; Wasserstein grows with how far away they are)."
    )


display(
    widgets.interactive(
        show,
        shift_sd=widgets.FloatSlider(
            value=0.3, min=-2, max=2, step=0.05, description="mean shift (sd)"
        ),
        scale=widgets.FloatSlider(value=1.0, min=0.3, max=3, step=0.05, description="scale"),
        n_current=widgets.IntSlider(
            value=1000, min=50, max=50000, step=50, description="current n"
        ),
        n_bins=widgets.IntSlider(value=10, min=3, max=50, description="PSI bins"),
        outlier_share=widgets.FloatSlider(
            value=0.0, min=0, max=0.2, step=0.005, description="outliers"
        ),
    )
)
