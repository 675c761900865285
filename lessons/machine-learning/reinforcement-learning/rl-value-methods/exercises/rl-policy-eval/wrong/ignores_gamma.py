# mistake: Leaves gamma out of the backup, so discounted values are wrong.
# expect-status: failed
# expect-message: gamma=0.9
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
    for _ in range(1000):  # no discount: only converges when an episode surely ends
        V_new = (policy * (R + P @ V)).sum(axis=1)
        if np.abs(V_new - V).max() < theta:
            return V_new
        V = V_new
    return V
