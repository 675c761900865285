"""Pick a Beta prior and some data; see the prior, the likelihood and the posterior of theta."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from scipy import stats


def show_posterior(
    prior_a: float = 2.0, prior_b: float = 2.0, trials: int = 10, successes: int = 3
):
    """Plot the prior, the normalised likelihood and the posterior with its 95% interval."""
    successes = min(successes, trials)
    theta = np.linspace(0.0005, 0.9995, 1000)
    a, b = prior_a + successes, prior_b + trials - successes
    prior = stats.beta.pdf(theta, prior_a, prior_b)
    likelihood = stats.beta.pdf(theta, successes + 1, trials - successes + 1)
    posterior = stats.beta.pdf(theta, a, b)
    lo, hi = stats.beta.ppf([0.025, 0.975], a, b)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.plot(theta, prior, label=f"prior Beta({prior_a:g}, {prior_b:g})", color="grey")
    ax.plot(theta, likelihood, label="likelihood (normalised)", color="tab:orange", ls="--")
    ax.plot(theta, posterior, label=f"posterior Beta({a:g}, {b:g})", color="tab:blue", lw=2)
    ax.axvspan(lo, hi, color="tab:blue", alpha=0.1, label=f"95% interval [{lo:.2f}, {hi:.2f}]")
    ax.axvline(a / (a + b), color="tab:blue", ls=":", label=f"posterior mean {a / (a + b):.3f}")
    ax.set_xlabel("theta (probability of success)")
    ax.set_ylabel("density")
    ax.legend()
    plt.show()


ui = widgets.interactive(
    show_posterior,
    prior_a=widgets.FloatSlider(value=2.0, min=0.5, max=50.0, step=0.5, description="prior alpha"),
    prior_b=widgets.FloatSlider(value=2.0, min=0.5, max=50.0, step=0.5, description="prior beta"),
    trials=widgets.IntSlider(value=10, min=0, max=500),
    successes=widgets.IntSlider(value=3, min=0, max=500),
)
display(ui)
