"""Reference solution for rl-q-update."""

import numpy as np

ROWS, COLS = 4, 12
START, GOAL = 36, 47
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]  # up, right, down, left


def cliff_step(s: int, a: int) -> tuple[int, float, bool]:
    """One move in the cliff-walking grid: (next state, reward, episode over)."""
    row, col = divmod(s, COLS)
    dr, dc = MOVES[a]
    row = min(max(row + dr, 0), ROWS - 1)
    col = min(max(col + dc, 0), COLS - 1)
    s_next = row * COLS + col
    if 37 <= s_next <= 46:
        return START, -100.0, False
    return s_next, -1.0, s_next == GOAL


def epsilon_greedy(Q: np.ndarray, s: int, epsilon: float, rng: np.random.Generator) -> int:
    """A random action with probability epsilon, else the greedy one (smallest index on ties)."""
    if rng.random() < epsilon:
        return int(rng.integers(Q.shape[1]))
    return int(np.argmax(Q[s]))


def q_learning_update(
    Q: np.ndarray, s: int, a: int, r: float, s_next: int, done: bool, alpha: float, gamma: float
) -> np.ndarray:
    """A new Q table after one Q-learning update of Q[s, a]."""
    target = r if done else r + gamma * np.max(Q[s_next])
    Q = Q.copy()
    Q[s, a] += alpha * (target - Q[s, a])
    return Q


def sarsa_update(
    Q: np.ndarray,
    s: int,
    a: int,
    r: float,
    s_next: int,
    a_next: int,
    done: bool,
    alpha: float,
    gamma: float,
) -> np.ndarray:
    """A new Q table after one SARSA update of Q[s, a]."""
    target = r if done else r + gamma * Q[s_next, a_next]
    Q = Q.copy()
    Q[s, a] += alpha * (target - Q[s, a])
    return Q


def train_cliff(
    method: str, episodes: int, alpha: float, epsilon: float, gamma: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Learn a Q table (48 x 4) on cliff walking with 'q_learning' or 'sarsa'.

    Returns (Q, returns) where returns[i] is the sum of rewards of episode i.
    """
    if method not in ("q_learning", "sarsa"):
        raise ValueError(f"unknown method {method!r}")
    rng = np.random.default_rng(seed)
    Q = np.zeros((ROWS * COLS, 4))
    returns = np.zeros(episodes)
    for episode in range(episodes):
        s = START
        a = epsilon_greedy(Q, s, epsilon, rng)
        done = False
        while not done:
            s_next, r, done = cliff_step(s, a)
            returns[episode] += r
            a_next = epsilon_greedy(Q, s_next, epsilon, rng)
            if method == "sarsa":
                Q = sarsa_update(Q, s, a, r, s_next, a_next, done, alpha, gamma)
            else:
                Q = q_learning_update(Q, s, a, r, s_next, done, alpha, gamma)
            s, a = s_next, a_next
    return Q, returns
