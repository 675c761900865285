# Epsilon-greedy on a 10-armed test bed: average over many bandits, for three values of epsilon.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np


def run(epsilon: float, steps: int, runs: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Average reward and fraction of optimal actions per step, over `runs` random bandits."""
    rng = np.random.default_rng(seed)
    rewards = np.zeros((runs, steps))
    optimal = np.zeros((runs, steps))
    for i in range(runs):
        means = rng.normal(size=10)
        Q, N = np.zeros(10), np.zeros(10)
        for t in range(steps):
            a = int(rng.integers(10)) if rng.random() < epsilon else int(np.argmax(Q))
            r = means[a] + rng.standard_normal()
            N[a] += 1
            Q[a] += (r - Q[a]) / N[a]
            rewards[i, t], optimal[i, t] = r, a == np.argmax(means)
    return rewards.mean(0), optimal.mean(0)


def show(epsilon: float = 0.1, steps: int = 500, runs: int = 100) -> None:
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    for eps, style in ((0.0, ":"), (epsilon, "-"), (1.0, "--")):
        reward, optimal = run(eps, steps, runs)
        top.plot(reward, style, label=f"epsilon = {eps:g}")
        bottom.plot(optimal, style, label=f"epsilon = {eps:g}")
    top.set_ylabel("average reward")
    bottom.set_ylabel("optimal action")
    bottom.set_xlabel("step")
    top.legend()
    plt.show()


widgets.interact_manual(
    show,
    epsilon=widgets.FloatSlider(value=0.1, min=0.0, max=0.5, step=0.01, description="epsilon"),
    steps=widgets.IntSlider(value=500, min=100, max=2000, step=100, description="steps"),
    runs=widgets.IntSlider(value=100, min=10, max=400, step=10, description="bandits"),
)
