"""Simulate many experiments where the null is true and count how often each test rejects it."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from scipy import stats


def show_false_alarms(n_a: int = 8, n_b: int = 40, sd_ratio: float = 3.0, alpha: float = 0.05):
    """Both groups have mean 0; group a has standard deviation sd_ratio, group b has 1."""
    rng = np.random.default_rng(0)
    a = rng.normal(0.0, sd_ratio, size=(4000, n_a))
    b = rng.normal(0.0, 1.0, size=(4000, n_b))
    p_student = stats.ttest_ind(a, b, axis=1, equal_var=True).pvalue
    p_welch = stats.ttest_ind(a, b, axis=1, equal_var=False).pvalue
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    for ax, p, name in [(axes[0], p_student, "Student (pooled)"), (axes[1], p_welch, "Welch")]:
        ax.hist(p, bins=20, range=(0, 1), color="tab:blue", alpha=0.7)
        ax.axhline(len(p) / 20, color="black", ls="--", lw=1, label="uniform (a valid test)")
        ax.set_title(f"{name}: rejects a true null in {100 * np.mean(p < alpha):.1f}% of runs")
        ax.set_xlabel("p-value")
        ax.legend()
    axes[0].set_ylabel("number of simulated experiments")
    plt.show()


ui = widgets.interactive(
    show_false_alarms,
    n_a=widgets.IntSlider(value=8, min=2, max=60, description="size of a"),
    n_b=widgets.IntSlider(value=40, min=2, max=60, description="size of b"),
    sd_ratio=widgets.FloatSlider(
        value=3.0, min=0.25, max=5.0, step=0.25, description="sd a / sd b"
    ),
    alpha=widgets.FloatSlider(value=0.05, min=0.01, max=0.2, step=0.01),
)
display(ui)
