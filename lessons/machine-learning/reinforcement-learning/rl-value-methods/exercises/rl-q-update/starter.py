import numpy as np

ROWS, COLS = 4, 12
START, GOAL = 36, 47
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]  # up, right, down, left


def cliff_step(s, a):
    """One move in the cliff-walking grid: (next state, reward, episode over). Given, do not change."""
    row, col = divmod(s, COLS)
    dr, dc = MOVES[a]
    row = min(max(row + dr, 0), ROWS - 1)
    col = min(max(col + dc, 0), COLS - 1)
    s_next = row * COLS + col
    if 37 <= s_next <= 46:
        return START, -100.0, False
    return s_next, -1.0, s_next == GOAL


def epsilon_greedy(Q, s, epsilon, rng):
    """A random action with probability epsilon, else the greedy one. Given, do not change."""
    if rng.random() < epsilon:
        return int(rng.integers(Q.shape[1]))
    return int(np.argmax(Q[s]))


def q_learning_update(Q, s, a, r, s_next, done, alpha, gamma):
    """A new Q table after one Q-learning update of Q[s, a]."""
    # TODO
    raise NotImplementedError


def sarsa_update(Q, s, a, r, s_next, a_next, done, alpha, gamma):
    """A new Q table after one SARSA update of Q[s, a]."""
    # TODO
    raise NotImplementedError


def train_cliff(method, episodes, alpha, epsilon, gamma, seed):
    """Learn Q on cliff walking with "q_learning" or "sarsa"; returns (Q, returns)."""
    rng = np.random.default_rng(seed)
    Q = np.zeros((ROWS * COLS, 4))
    returns = np.zeros(episodes)
    # TODO: the episode loop
    raise NotImplementedError
    return Q, returns
