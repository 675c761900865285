# mistake: SARSA uses the max over next actions instead of the next action actually taken (that is Q-learning).
# expect-status: failed
# expect-message: hugs the cliff edge
import numpy as np

ROWS, COLS = 4, 12
START, GOAL = 36, 47
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]


def cliff_step(s, a):
    row, col = divmod(s, COLS)
    dr, dc = MOVES[a]
    row = min(max(row + dr, 0), ROWS - 1)
    col = min(max(col + dc, 0), COLS - 1)
    s_next = row * COLS + col
    if 37 <= s_next <= 46:
        return START, -100.0, False
    return s_next, -1.0, s_next == GOAL


def epsilon_greedy(Q, s, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(Q.shape[1]))
    return int(np.argmax(Q[s]))


def q_learning_update(Q, s, a, r, s_next, done, alpha, gamma):
    Q = Q.copy()
    target = r if done else r + gamma * Q[s_next].max()
    Q[s, a] += alpha * (target - Q[s, a])
    return Q


def sarsa_update(Q, s, a, r, s_next, a_next, done, alpha, gamma):
    # Uses the best next action instead of the one taken: this is Q-learning again.
    return q_learning_update(Q, s, a, r, s_next, done, alpha, gamma)


def train_cliff(method, episodes, alpha, epsilon, gamma, seed):
    if method not in ("q_learning", "sarsa"):
        raise ValueError(method)
    rng = np.random.default_rng(seed)
    Q, returns = np.zeros((ROWS * COLS, 4)), np.zeros(episodes)
    for i in range(episodes):
        s, done = START, False
        a = epsilon_greedy(Q, s, epsilon, rng)
        while not done:
            s2, r, done = cliff_step(s, a)
            returns[i] += r
            a2 = epsilon_greedy(Q, s2, epsilon, rng)
            if method == "sarsa":
                Q = sarsa_update(Q, s, a, r, s2, a2, done, alpha, gamma)
            else:
                Q = q_learning_update(Q, s, a, r, s2, done, alpha, gamma)
            s, a = s2, a2
    return Q, returns
