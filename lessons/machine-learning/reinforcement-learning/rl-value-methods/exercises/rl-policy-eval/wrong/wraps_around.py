# mistake: Lets a move off the grid wrap around to the other side instead of staying in place.
# expect-status: failed
# expect-message: state 3 (row 0, column 3), action 1 (right)
import numpy as np


def gridworld_4x4():
    P, R = np.zeros((16, 4, 16)), np.zeros((16, 4))
    for s in range(16):
        for a, step in enumerate([-4, 1, 4, -1]):
            if s in (0, 15):
                P[s, a, s] = 1
                continue
            target = s + step
            if not 0 <= target < 16:
                target = s  # checks the top and bottom walls, but right/left wrap to the next row
            P[s, a, target] = 1
            R[s, a] = -1
    return P, R


def policy_evaluation(P, R, policy, gamma, theta=1e-10):
    V = np.zeros(P.shape[0])
    while True:
        V_new = (policy * (R + gamma * P @ V)).sum(axis=1)
        if np.abs(V_new - V).max() < theta:
            return V_new
        V = V_new
