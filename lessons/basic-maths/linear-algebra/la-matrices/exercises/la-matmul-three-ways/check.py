"""Checks for la-matmul-three-ways: each version equals A @ B and rejects bad shapes."""

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect_close, expect_raises

checks = Checks()

FUNCTIONS = ("matmul_loops", "matmul_broadcast", "matmul_einsum")


def _cases() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Products every version must get right, with a description a learner can read."""
    rng = np.random.default_rng(17)
    return [
        ("A 1x1 times B 1x1", np.array([[3.5]]), np.array([[-2.0]])),
        ("A 3x3 times B 3x3 (square)", rng.normal(size=(3, 3)), rng.normal(size=(3, 3))),
        ("A 3x0 times B 0x4 (empty inner dimension)", np.zeros((3, 0)), np.zeros((0, 4))),
        ("A 4x3 times B 3x5 (non-square)", rng.normal(size=(4, 3)), rng.normal(size=(3, 5))),
        (
            "A 5x3 times B 3x1 (matrix times a column)",
            rng.normal(size=(5, 3)),
            rng.normal(size=(3, 1)),
        ),
        (
            "A 2x6 times B 6x2 (integer entries)",
            rng.integers(-5, 6, size=(2, 6)),
            rng.integers(-5, 6, size=(6, 2)),
        ),
    ]


def _name_the_mistake(got: np.ndarray, A: np.ndarray, B: np.ndarray, what: str) -> None:
    """Fail with the cause when a wrong product is one of the lesson's usual mistakes."""
    elementwise = (
        A.shape == B.shape == got.shape
        and A.size > 1
        and np.allclose(got, A * B, rtol=1e-9, atol=1e-12)
    )
    if elementwise:
        raise Fail(
            f"{what} returned the element-wise product A * B, not the matrix product: "
            "C[i, j] sums A[i, k] * B[k, j] over the shared index k."
        )
    product = A[:, :, None] * B[None, :, :]
    for axis in (0, 2):
        wrong = product.sum(axis=axis)
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-9):
            raise Fail(
                f"{what} is the broadcast product summed over axis {axis}; sum over the "
                "shared index k instead (axis 1 of the (n, m, p) product)."
            )


def _check_products(t, name: str) -> None:
    for description, A, B in _cases():
        what = f"{name}(A, B) for {description}"
        try:
            got = t.call(name, A, B)
        except LearnerRaised as err:
            raise Fail(
                f"{what} raised {err.type_name}: {err.message}. Check the shape you allocate and "
                "the ranges of your loops or the axis you sum over."
            ) from None
        try:
            got_array = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            got_array = None  # not numbers: expect_close below says so
        if got_array is not None and (
            got_array.shape != (A @ B).shape
            or not np.allclose(got_array, A @ B, rtol=1e-9, atol=1e-12)
        ):
            _name_the_mistake(got_array, A, B, what)
        expect_close(got, A @ B, what=what, rtol=1e-9, atol=1e-12)


def _check_errors(t, name: str) -> None:
    bad = [
        ("A 2x3 and B 2x3 (inner dimensions 3 and 2)", np.ones((2, 3)), np.ones((2, 3))),
        ("A 2x2 and B 3x2 (B has more rows than A has columns)", np.ones((2, 2)), np.ones((3, 2))),
        ("a 1-D A of shape (3,) and B 3x2", np.ones(3), np.ones((3, 2))),
    ]
    for description, A, B in bad:
        try:
            expect_raises(
                "ValueError",
                lambda A=A, B=B: t.call(name, A, B),
                what=f"{name} with {description}",
            )
        except Fail as failure:
            raise Fail(
                f"{failure.message} Check A.ndim, B.ndim and the inner dimensions at the start "
                "of the function and raise ValueError yourself."
            ) from None


@checks.test("matmul_loops equals A @ B (1x1, empty, non-square, column)", points=2)
def loops_products(t):
    _check_products(t, "matmul_loops")


@checks.test("matmul_broadcast equals A @ B (1x1, empty, non-square, column)", points=2)
def broadcast_products(t):
    _check_products(t, "matmul_broadcast")


@checks.test("matmul_einsum equals A @ B (1x1, empty, non-square, column)", points=2)
def einsum_products(t):
    _check_products(t, "matmul_einsum")


@checks.test("matmul_loops raises ValueError on shapes that cannot be multiplied", points=1)
def loops_errors(t):
    _check_errors(t, "matmul_loops")


@checks.test("matmul_broadcast raises ValueError on shapes that cannot be multiplied", points=1)
def broadcast_errors(t):
    _check_errors(t, "matmul_broadcast")


@checks.test("matmul_einsum raises ValueError on shapes that cannot be multiplied", points=1)
def einsum_errors(t):
    _check_errors(t, "matmul_einsum")
