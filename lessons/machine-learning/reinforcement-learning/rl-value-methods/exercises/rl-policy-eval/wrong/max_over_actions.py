# mistake: Takes the max over actions (value iteration) instead of the policy-weighted sum.
# expect-status: failed
# expect-message: Bellman optimality equation
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
    while True:
        new = (R + gamma * P @ V).max(axis=1)
        if np.max(np.abs(new - V)) < theta:
            return new
        V = new
