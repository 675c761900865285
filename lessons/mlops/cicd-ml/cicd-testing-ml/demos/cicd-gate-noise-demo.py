"""Two equally good models, a finite test set: how often does a strict gate reject the new one?"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display


def show(n_test=1000, accuracy=0.90, tolerance_points=1.0, agreement=0.90):
    """Simulate 4000 evaluations of two models with the same true accuracy.

    `agreement` is the share of test examples on which the two models make the same call; models
    retrained on similar data agree a lot, which makes their difference less noisy.
    """
    rng = np.random.default_rng(0)
    trials = 4000
    tol = tolerance_points / 100.0
    # Per example: both right, both wrong, or they disagree (each right half of the time).
    p_disagree = 1.0 - agreement
    p_both_right = accuracy - p_disagree / 2
    p_both_wrong = 1.0 - p_both_right - p_disagree
    if p_both_right < 0 or p_both_wrong < 0:
        print("This agreement is impossible at this accuracy: raise the agreement.")
        return
    probs = [p_both_right, p_disagree / 2, p_disagree / 2, p_both_wrong]
    counts = rng.multinomial(n_test, probs, size=trials)
    acc_prod = (counts[:, 0] + counts[:, 1]) / n_test
    acc_cand = (counts[:, 0] + counts[:, 2]) / n_test
    diff = acc_cand - acc_prod
    rejected = np.mean(diff < -tol - 1e-12)
    sd = np.sqrt(p_disagree / n_test)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.hist(100 * diff, bins=60, color="tab:blue", alpha=0.7)
    ax.axvline(
        -tolerance_points, color="tab:red", ls="--", label=f"gate: -{tolerance_points:g} points"
    )
    ax.set_xlabel("candidate accuracy - production accuracy (points)")
    ax.set_ylabel("evaluations")
    ax.set_title(
        f"equal models, {n_test} test examples: gate rejects {100 * rejected:.1f}% of the time"
    )
    ax.legend()
    plt.show()
    print(f"standard deviation of the difference: {100 * sd:.2f} points (sqrt(disagreement / n))")
    print(f"a tolerance of about {2 * 100 * sd:.2f} points keeps false rejections near 2.5%")


display(
    widgets.interactive(
        show,
        n_test=widgets.IntSlider(value=1000, min=100, max=50000, step=100, description="test size"),
        accuracy=widgets.FloatSlider(
            value=0.90, min=0.55, max=0.99, step=0.01, description="accuracy"
        ),
        tolerance_points=widgets.FloatSlider(
            value=1.0, min=0.0, max=5.0, step=0.1, description="tolerance (pts)"
        ),
        agreement=widgets.FloatSlider(
            value=0.90, min=0.5, max=0.999, step=0.005, description="agreement"
        ),
    )
)
