"""Checks for rl-bandit: exact replay of the specified random calls, averages, and performance."""

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close

checks = Checks()


def unpack(out, steps: int, k: int, case: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Check the (actions, rewards, Q) triple and return it as arrays."""
    if not isinstance(out, (tuple, list)) or len(out) != 3:
        raise Fail(
            f"run_epsilon_greedy with {case} should return (actions, rewards, Q); it "
            f"returned a {type(out).__name__}."
        )
    actions = np.asarray(out[0])
    rewards = np.asarray(out[1], dtype=float)
    Q = np.asarray(out[2], dtype=float)
    expect(
        actions.shape == (steps,) and rewards.shape == (steps,),
        f"run_epsilon_greedy with {case}: actions and rewards should have shape ({steps},), "
        f"got {actions.shape} and {rewards.shape}.",
    )
    expect(
        Q.shape == (k,),
        f"run_epsilon_greedy with {case}: Q should have shape ({k},), got {Q.shape}.",
    )
    return actions.astype(int), rewards, Q


def replay(t, means: np.ndarray, epsilon: float, steps: int, seed: int) -> None:
    """Compare a whole run, action by action, with the reference."""
    case = f"epsilon={epsilon}, {steps} steps, seed={seed}, {len(means)} arms"
    actions, rewards, Q = unpack(
        t.call("run_epsilon_greedy", means, epsilon, steps, seed), steps, len(means), case
    )
    ref_actions, ref_rewards, ref_Q = t.ref.run_epsilon_greedy(means, epsilon, steps, seed)
    differ = np.flatnonzero(actions != ref_actions)
    if differ.size:
        raise Fail(
            f"run_epsilon_greedy with {case}: the first differing action is at step "
            f"{differ[0]} (counting from 0). Check the order of the random calls "
            "(random, then integers only when exploring, then standard_normal) and the "
            "tie rule of argmax."
        )
    expect_close(rewards, ref_rewards, what=f"the rewards with {case}", rtol=1e-12)
    expect_close(
        Q,
        ref_Q,
        what=f"the final Q with {case} (Q[a] is the sample average of the rewards of arm a)",
        rtol=1e-9,
        atol=1e-12,
    )


@checks.test("Pure exploitation (epsilon = 0) replays exactly", points=1)
def greedy(t):
    replay(t, np.array([0.2, -0.5, 1.0]), 0.0, 25, 1)


@checks.test("Pure exploration (epsilon = 1) replays exactly", points=1)
def explore(t):
    replay(t, np.array([0.2, -0.5, 1.0, 0.0]), 1.0, 25, 2)


@checks.test("epsilon = 0.1 replays exactly for three seeds", points=2)
def mixed(t):
    rng = np.random.default_rng(0)
    means = rng.normal(size=10)
    for seed in (3, 4, 5):
        replay(t, means, 0.1, 200, seed)


@checks.test("Q is the average reward of each arm", points=1)
def q_is_average(t):
    means = np.array([1.0, 0.5, -1.0, 2.0, 0.0])
    actions, rewards, Q = unpack(
        t.call("run_epsilon_greedy", means, 0.3, 300, 7), 300, 5, "epsilon=0.3, 300 steps, seed=7"
    )
    for arm in range(5):
        pulled = actions == arm
        expected = rewards[pulled].mean() if pulled.any() else 0.0
        expect_close(
            Q[arm],
            expected,
            what=f"Q[{arm}] compared with the mean reward of the "
            f"{int(pulled.sum())} pulls of arm {arm} in your own run",
            rtol=1e-9,
            atol=1e-12,
        )


@checks.test("steps = 0 returns empty histories and Q = 0", points=1)
def zero_steps(t):
    _, _, Q = unpack(t.call("run_epsilon_greedy", np.array([0.5, 1.5]), 0.1, 0, 0), 0, 2, "steps=0")
    expect_close(Q, np.zeros(2), what="Q after 0 steps")


@checks.test("On a 10-armed test bed epsilon = 0.1 beats pure exploration", points=1)
def testbed(t):
    rng = np.random.default_rng(42)
    total_greedyish, total_random = 0.0, 0.0
    for run in range(5):
        means = rng.normal(size=10)
        _, rewards, _ = unpack(
            t.call("run_epsilon_greedy", means, 0.1, 500, 100 + run), 500, 10, f"test bed run {run}"
        )
        _, random_rewards, _ = unpack(
            t.call("run_epsilon_greedy", means, 1.0, 500, 100 + run),
            500,
            10,
            f"test bed run {run}, epsilon=1",
        )
        total_greedyish += rewards.mean()
        total_random += random_rewards.mean()
    expect(
        total_greedyish > total_random + 1.0,
        "Over five 10-armed bandits, epsilon=0.1 earned about as much as choosing at random "
        f"(mean reward {total_greedyish / 5:.2f} vs {total_random / 5:.2f}). Does exploiting "
        "pick the arm with the largest Q?",
    )
