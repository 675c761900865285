# mistake: Breaks ties among the best arms at random (an extra random call) instead of taking the first.
# expect-status: failed
# expect-message: first differing action
import numpy as np


def run_epsilon_greedy(true_means, epsilon, steps, seed):
    rng = np.random.default_rng(seed)
    k = len(true_means)
    Q, N = np.zeros(k), np.zeros(k)
    actions, rewards = np.zeros(steps, dtype=int), np.zeros(steps)
    for t in range(steps):
        if rng.random() < epsilon:
            a = int(rng.integers(k))
        else:
            best = np.flatnonzero(Q == Q.max())
            a = int(rng.choice(best))  # random tie break: an extra random call
        r = true_means[a] + rng.standard_normal()
        N[a] += 1
        Q[a] += (r - Q[a]) / N[a]
        actions[t], rewards[t] = a, r
    return actions, rewards, Q
