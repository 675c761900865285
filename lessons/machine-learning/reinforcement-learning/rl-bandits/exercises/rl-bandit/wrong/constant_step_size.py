# mistake: Uses a constant step size 0.1 instead of the sample average 1/N(a).
# expect-status: failed
# expect-message: mean reward of the
import numpy as np


def run_epsilon_greedy(true_means, epsilon, steps, seed):
    rng = np.random.default_rng(seed)
    k = len(true_means)
    Q = np.zeros(k)
    actions, rewards = np.zeros(steps, dtype=int), np.zeros(steps)
    for t in range(steps):
        a = int(rng.integers(k)) if rng.random() < epsilon else int(np.argmax(Q))
        r = true_means[a] + rng.standard_normal()
        Q[a] += 0.1 * (r - Q[a])  # a constant step size is not the sample average
        actions[t], rewards[t] = a, r
    return actions, rewards, Q
