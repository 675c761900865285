"""Reference solution for rl-policy-eval."""

import numpy as np

MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]  # up, right, down, left


def gridworld_4x4() -> tuple[np.ndarray, np.ndarray]:
    """P (16, 4, 16) and R (16, 4) of the 4x4 gridworld with terminal states 0 and 15."""
    P = np.zeros((16, 4, 16))
    R = np.zeros((16, 4))
    for s in range(16):
        row, col = divmod(s, 4)
        for a, (dr, dc) in enumerate(MOVES):
            if s in (0, 15):
                P[s, a, s] = 1.0
                continue
            r, c = row + dr, col + dc
            target = r * 4 + c if 0 <= r < 4 and 0 <= c < 4 else s
            P[s, a, target] = 1.0
            R[s, a] = -1.0
    return P, R


def policy_evaluation(
    P: np.ndarray, R: np.ndarray, policy: np.ndarray, gamma: float, theta: float = 1e-10
) -> np.ndarray:
    """The value function of `policy` by repeated Bellman expectation sweeps."""
    V = np.zeros(P.shape[0])
    while True:
        V_new = (policy * (R + gamma * P @ V)).sum(axis=1)
        if np.max(np.abs(V_new - V)) < theta:
            return V_new
        V = V_new
