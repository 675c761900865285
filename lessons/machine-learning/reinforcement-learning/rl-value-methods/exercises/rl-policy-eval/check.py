"""Checks for rl-policy-eval: the gridworld's dynamics and values against exact linear solves."""

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_close

checks = Checks()

ACTION_NAMES = ["up", "right", "down", "left"]


def exact_values(
    P: np.ndarray, R: np.ndarray, policy: np.ndarray, gamma: float, terminal: tuple[int, ...] = ()
) -> np.ndarray:
    """Solve v = r_pi + gamma P_pi v directly (terminal states fixed at 0)."""
    P_pi = np.einsum("sa,sat->st", policy, P)
    r_pi = (policy * R).sum(axis=1)
    free = [s for s in range(len(r_pi)) if s not in terminal]
    V = np.zeros(len(r_pi))
    A = np.eye(len(free)) - gamma * P_pi[np.ix_(free, free)]
    V[free] = np.linalg.solve(A, r_pi[free])
    return V


def random_mdp(seed: int, S: int = 6, A: int = 3):
    """A random MDP with dense transitions and a random stochastic policy."""
    rng = np.random.default_rng(seed)
    P = rng.random((S, A, S))
    P /= P.sum(axis=2, keepdims=True)
    R = rng.normal(size=(S, A))
    policy = rng.random((S, A))
    policy /= policy.sum(axis=1, keepdims=True)
    return P, R, policy


def expect_fixed_point(V, P, R, policy, gamma: float, case: str) -> None:
    """Fail with advice when V does not satisfy the Bellman expectation equation."""
    try:
        V = np.asarray(V, dtype=float)
    except (TypeError, ValueError):
        return
    if V.shape != (P.shape[0],) or not np.all(np.isfinite(V)):
        return
    q = R + gamma * P @ V
    backup = (policy * q).sum(axis=1)
    residual = float(np.max(np.abs(backup - V)))
    if residual >= 1e-5:
        # Name the backup V does satisfy, when it is one of the usual wrong ones.
        if float(np.max(np.abs(q.max(axis=1) - V))) < 1e-5:
            raise Fail(
                f"{case}: V satisfies the Bellman optimality equation (a max over actions), so "
                "it is the value of the best policy, not of the given one: that is value "
                "iteration. Policy evaluation sums over actions weighted by policy[s, a]."
            )
        if float(np.max(np.abs(q.mean(axis=1) - V))) < 1e-5:
            raise Fail(
                f"{case}: V is the value of choosing every action equally often, not of the "
                "given policy. Weight each action's backup by policy[s, a]."
            )
    expect(
        residual < 1e-5,
        f"{case}: one more Bellman sweep would still change V by up to {residual:.3g}, so V "
        "is not yet v_pi. Keep sweeping until the largest change is below theta, and check "
        "that every backup uses R + gamma * P @ V.",
    )


@checks.test(
    "gridworld_4x4 has the moves, walls, terminal states and rewards of the prompt", points=3
)
def gridworld_dynamics(t):
    out = t.call("gridworld_4x4")
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise Fail("gridworld_4x4() should return a pair (P, R).")
    P, R = np.asarray(out[0], dtype=float), np.asarray(out[1], dtype=float)
    expect(
        P.shape == (16, 4, 16) and R.shape == (16, 4),
        f"gridworld_4x4(): P should have shape (16, 4, 16) and R (16, 4); got {P.shape} and "
        f"{R.shape}.",
    )
    ref_P, ref_R = t.ref.gridworld_4x4()
    for s in range(16):
        row, col = divmod(s, 4)
        for a in range(4):
            where = f"state {s} (row {row}, column {col}), action {a} ({ACTION_NAMES[a]})"
            if not np.allclose(P[s, a], ref_P[s, a]):
                raise Fail(
                    f"gridworld_4x4: the transition from {where} is wrong. Moves off the "
                    "grid stay in place, states 0 and 15 never leave."
                )
            if not np.isclose(R[s, a], ref_R[s, a]):
                raise Fail(f"gridworld_4x4: the reward for {where} is wrong.")


@checks.test(
    "Random policy on the gridworld (gamma = 1): the values of Sutton & Barto's figure 4.1",
    points=3,
)
def gridworld_values(t):
    P, R = t.ref.gridworld_4x4()
    policy = np.full((16, 4), 0.25)
    V = t.call("policy_evaluation", P, R, policy, 1.0)
    expect_fixed_point(V, P, R, policy, 1.0, "V of the random policy on the 4x4 gridworld, gamma=1")
    expected = exact_values(P, R, policy, 1.0, terminal=(0, 15))
    expect_close(
        V, expected, what="V of the random policy on the 4x4 gridworld, gamma=1", rtol=0, atol=1e-6
    )


@checks.test("Random MDPs with gamma = 0.9 and 0.5 match the exact Bellman solution", points=2)
def random_mdps(t):
    for seed, gamma in ((1, 0.9), (2, 0.5)):
        P, R, policy = random_mdp(seed)
        V = t.call("policy_evaluation", P, R, policy, gamma)
        expect_fixed_point(
            V, P, R, policy, gamma, f"V on a random 6-state, 3-action MDP with gamma={gamma}"
        )
        expect_close(
            V,
            exact_values(P, R, policy, gamma),
            what=f"V on a random 6-state, 3-action MDP with gamma={gamma}",
            rtol=0,
            atol=1e-6,
        )


@checks.test("A deterministic policy, and gamma = 0 (only the immediate reward counts)", points=1)
def deterministic_and_myopic(t):
    P, R, _ = random_mdp(3, S=5, A=2)
    policy = np.zeros((5, 2))
    policy[np.arange(5), [0, 1, 1, 0, 1]] = 1.0
    V = t.call("policy_evaluation", P, R, policy, 0.8)
    expect_fixed_point(V, P, R, policy, 0.8, "V of a deterministic policy on a random 5-state MDP")
    expect_close(
        V,
        exact_values(P, R, policy, 0.8),
        what="V of a deterministic policy on a random 5-state MDP, gamma=0.8",
        rtol=0,
        atol=1e-6,
    )
    V0 = t.call("policy_evaluation", P, R, policy, 0.0)
    expect_close(
        V0,
        (policy * R).sum(axis=1),
        what="V with gamma=0 (the expected immediate reward)",
        rtol=0,
        atol=1e-9,
    )
