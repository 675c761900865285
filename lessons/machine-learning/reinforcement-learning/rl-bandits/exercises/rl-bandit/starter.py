import numpy as np


def run_epsilon_greedy(true_means, epsilon, steps, seed):
    """Play `steps` rounds of epsilon-greedy; returns (actions, rewards, Q)."""
    rng = np.random.default_rng(seed)
    k = len(true_means)
    Q = np.zeros(k)
    N = np.zeros(k)
    actions = np.zeros(steps, dtype=int)
    rewards = np.zeros(steps)
    # TODO: one step = choose an arm, draw its reward, update N and Q
    raise NotImplementedError
    return actions, rewards, Q
