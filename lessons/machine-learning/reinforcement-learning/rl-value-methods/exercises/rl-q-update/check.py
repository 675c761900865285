"""Checks for rl-q-update: the two TD updates, then the cliff-walking behaviour of each method."""

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close, expect_raises

checks = Checks()


def table(seed: int) -> np.ndarray:
    """A random 5 x 3 Q table."""
    return np.random.default_rng(seed).normal(size=(5, 3))


def greedy_path(Q: np.ndarray, ref) -> tuple[str, list[int]]:
    """Follow argmax Q from the start: ('goal' | 'fell' | 'loop', visited states)."""
    s, visited = ref.START, [ref.START]
    for _ in range(100):
        s_next, r, done = ref.cliff_step(s, int(np.argmax(Q[s])))
        if r == -100.0:
            return "fell", visited
        visited.append(s_next)
        s = s_next
        if done:
            return "goal", visited
    return "loop", visited


def train(t, method: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Run the learner's train_cliff with the textbook settings and check the shapes."""
    out = t.call("train_cliff", method, 500, 0.5, 0.1, 1.0, seed)
    case = f'train_cliff("{method}", 500 episodes, alpha=0.5, epsilon=0.1, gamma=1, seed={seed})'
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Fail(f"{case} should return a pair (Q, returns).")
    Q, returns = np.asarray(out[0], dtype=float), np.asarray(out[1], dtype=float)
    expect(
        Q.shape == (48, 4) and returns.shape == (500,),
        f"{case}: Q should have shape (48, 4) and returns (500,); got {Q.shape} and "
        f"{returns.shape}.",
    )
    return Q, returns


@checks.test("q_learning_update bootstraps from the best next action", points=2)
def q_update(t):
    for seed, (s, a, r, s_next, alpha, gamma) in enumerate(
        [(0, 1, -1.0, 2, 0.5, 0.9), (3, 2, 2.5, 3, 0.1, 0.99), (4, 0, 0.0, 1, 1.0, 0.5)]
    ):
        Q = table(seed)
        got = t.call("q_learning_update", Q, s, a, r, s_next, False, alpha, gamma)
        expected = t.ref.q_learning_update(Q, s, a, r, s_next, False, alpha, gamma)
        expect_close(
            got,
            expected,
            what=f"q_learning_update(Q, s={s}, a={a}, r={r}, "
            f"s_next={s_next}, done=False, alpha={alpha}, gamma={gamma})",
            rtol=1e-12,
        )


@checks.test("sarsa_update bootstraps from the action actually taken next", points=2)
def sarsa_update(t):
    for seed, (s, a, r, s_next, a_next, alpha, gamma) in enumerate(
        [(0, 1, -1.0, 2, 0, 0.5, 0.9), (3, 2, 2.5, 3, 2, 0.1, 0.99), (4, 0, 0.0, 4, 1, 1.0, 0.5)]
    ):
        Q = table(10 + seed)
        got = t.call("sarsa_update", Q, s, a, r, s_next, a_next, False, alpha, gamma)
        expected = t.ref.sarsa_update(Q, s, a, r, s_next, a_next, False, alpha, gamma)
        expect_close(
            got,
            expected,
            what=f"sarsa_update(Q, s={s}, a={a}, r={r}, s_next={s_next}, "
            f"a_next={a_next}, done=False, alpha={alpha}, gamma={gamma})",
            rtol=1e-12,
        )


@checks.test("At the end of an episode (done=True) the target is the reward alone", points=1)
def terminal(t):
    Q = table(20)
    got = t.call("q_learning_update", Q, 1, 1, -1.0, 4, True, 0.5, 1.0)
    expect_close(
        got,
        t.ref.q_learning_update(Q, 1, 1, -1.0, 4, True, 0.5, 1.0),
        what="q_learning_update with done=True (no next state to bootstrap from)",
        rtol=1e-12,
    )
    got = t.call("sarsa_update", Q, 1, 1, -1.0, 4, 2, True, 0.5, 1.0)
    expect_close(
        got,
        t.ref.sarsa_update(Q, 1, 1, -1.0, 4, 2, True, 0.5, 1.0),
        what="sarsa_update with done=True (no next state to bootstrap from)",
        rtol=1e-12,
    )


@checks.test("train_cliff rejects an unknown method with ValueError", points=1)
def unknown_method(t):
    expect_raises(
        "ValueError",
        lambda: t.call("train_cliff", "monte_carlo", 1, 0.5, 0.1, 1.0, 0),
        what='train_cliff("monte_carlo", ...)',
    )


@checks.test("Q-learning's greedy path walks along the cliff edge (13 steps)", points=2)
def q_learning_edge(t):
    Q, _ = train(t, "q_learning", 0)
    outcome, visited = greedy_path(Q, t.ref)
    expect(
        outcome == "goal",
        f"After Q-learning for 500 episodes, following the greedy action from the start "
        f"{'falls off the cliff' if outcome == 'fell' else 'goes round in circles'} "
        f"(visited {visited[:15]}). Check the Q-learning target and the episode loop.",
    )
    expect(
        len(visited) - 1 == 13,
        f"After Q-learning for 500 episodes the greedy path takes {len(visited) - 1} steps; "
        "Q-learning learns the values of the optimal policy, whose path hugs the cliff edge "
        "in 13 steps. Is your update bootstrapping from max over the next actions?",
    )


@checks.test(
    "SARSA keeps away from the cliff edge and, while exploring, earns more per episode",
    points=3,
)
def sarsa_safe(t):
    sarsa_returns, q_returns = [], []
    for seed in (0, 1):
        Q, returns = train(t, "sarsa", seed)
        sarsa_returns.append(returns[100:].mean())
        outcome, visited = greedy_path(Q, t.ref)
        expect(
            outcome != "fell" and not (outcome == "goal" and len(visited) - 1 == 13),
            f"After SARSA for 500 episodes (seed {seed}) the greedy path "
            f"{'falls off the cliff' if outcome == 'fell' else 'hugs the cliff edge in 13 steps'}"
            ", like Q-learning's. SARSA learns the value of its own exploring policy, for which "
            "the edge is dangerous, so its greedy path keeps a row or two away. Is your SARSA "
            "target using Q[s_next, a_next], the action actually taken next?",
        )
        _, q_ret = train(t, "q_learning", seed)
        q_returns.append(q_ret[100:].mean())
    expect(
        np.mean(sarsa_returns) > np.mean(q_returns),
        "Over episodes 100-499 (seeds 0 and 1) SARSA's average return "
        f"({np.mean(sarsa_returns):.1f}) is not higher than Q-learning's "
        f"({np.mean(q_returns):.1f}). SARSA learns the value of its own exploring policy, so "
        "it should prefer a path away from the cliff, where a random step costs -1 instead "
        "of -100. Is your SARSA target using Q[s_next, a_next], the action actually taken "
        "next? Are returns[i] the sums of all rewards of episode i?",
    )
