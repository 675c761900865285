# mistake: Draws the random arm every step, even when exploiting, so the order of random calls differs.
# expect-status: failed
# expect-message: order of the random calls
import numpy as np


def run_epsilon_greedy(true_means, epsilon, steps, seed):
    rng = np.random.default_rng(seed)
    k = len(true_means)
    Q, N = np.zeros(k), np.zeros(k)
    actions, rewards = np.zeros(steps, dtype=int), np.zeros(steps)
    for t in range(steps):
        random_arm = int(rng.integers(k))  # drawn every step, even when exploiting
        a = random_arm if rng.random() < epsilon else int(np.argmax(Q))
        r = true_means[a] + rng.standard_normal()
        N[a] += 1
        Q[a] += (r - Q[a]) / N[a]
        actions[t], rewards[t] = a, r
    return actions, rewards, Q
