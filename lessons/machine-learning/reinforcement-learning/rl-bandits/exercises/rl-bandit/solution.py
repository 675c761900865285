"""Reference solution for rl-bandit."""

import numpy as np


def run_epsilon_greedy(
    true_means: np.ndarray, epsilon: float, steps: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Play `steps` rounds of epsilon-greedy; returns (actions, rewards, Q)."""
    rng = np.random.default_rng(seed)
    k = len(true_means)
    Q = np.zeros(k)
    N = np.zeros(k)
    actions = np.zeros(steps, dtype=int)
    rewards = np.zeros(steps)
    for step in range(steps):
        a = int(rng.integers(k)) if rng.random() < epsilon else int(np.argmax(Q))
        r = float(true_means[a]) + rng.standard_normal()
        N[a] += 1
        Q[a] += (r - Q[a]) / N[a]
        actions[step], rewards[step] = a, r
    return actions, rewards, Q
