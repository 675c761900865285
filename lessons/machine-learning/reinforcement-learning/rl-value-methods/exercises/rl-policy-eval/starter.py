import numpy as np


def gridworld_4x4():
    """P (16, 4, 16) and R (16, 4) of the 4x4 gridworld with terminal states 0 and 15."""
    P = np.zeros((16, 4, 16))
    R = np.zeros((16, 4))
    # TODO: fill in the transitions and rewards
    raise NotImplementedError
    return P, R


def policy_evaluation(P, R, policy, gamma, theta=1e-10):
    """The value function of `policy` by repeated Bellman expectation sweeps."""
    V = np.zeros(P.shape[0])
    # TODO
    raise NotImplementedError
    return V
