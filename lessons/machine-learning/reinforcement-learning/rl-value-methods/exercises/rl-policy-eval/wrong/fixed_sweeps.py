# mistake: Runs a fixed number of sweeps (10) instead of sweeping until the largest change is below theta.
# expect-status: failed
# expect-message: gamma=1
import numpy as np


def gridworld_4x4():
    P, R = np.zeros((16, 4, 16)), np.zeros((16, 4))
    for s in range(16):
        row, col = divmod(s, 4)
        for a, (dr, dc) in enumerate([(-1, 0), (0, 1), (1, 0), (0, -1)]):
            if s in (0, 15):
                P[s, a, s] = 1
                continue
            r, c = row + dr, col + dc
            P[s, a, r * 4 + c if 0 <= r < 4 and 0 <= c < 4 else s] = 1
            R[s, a] = -1
    return P, R


def policy_evaluation(P, R, policy, gamma, theta=1e-10):
    V = np.zeros(P.shape[0])
    for _ in range(10):  # a fixed number of sweeps instead of a convergence test
        V = (policy * (R + gamma * P @ V)).sum(axis=1)
    return V
