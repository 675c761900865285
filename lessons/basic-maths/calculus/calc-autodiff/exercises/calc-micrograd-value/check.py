"""Checks for calc-micrograd-value: values and gradients of Value graphs equal PyTorch's."""

import functools

import numpy as np
import torch

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect

checks = Checks()

# Each expression is plain Python that works both with the learner's Value objects, driven from
# here through handles (V = _Node of a new Value), and with float64 torch tensors (V = a leaf tensor
# that requires grad). It defines `out` and `leaves`.
EXPRESSIONS = {
    "micrograd's first sanity test": """
x = V(-4.0)
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
out = y
leaves = {"x": x}
""",
    "micrograd's second sanity test": """
a = V(-4.0)
b = V(2.0)
c = a + b
d = a * b + b ** 3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e ** 2
g = f / 2.0
g = g + 10.0 / f
out = g
leaves = {"a": a, "b": b}
""",
    "an expression with every operation": """
a = V(0.7)
b = V(-1.3)
c = V(2.5)
unused = V(4.0)
out = ((a * b).tanh() + (c / a).exp() * 0.01 - (2.0 - b) ** 1.5 + 1.0 / c
       + (a - c).relu() + (b * -1).relu() - (-a) * 0.5 + c ** 2 / b)
leaves = {"a": a, "b": b, "c": c, "unused": unused}
""",
    "a value used twice (b = a * a; out = b + b)": """
a = V(3.0)
b = a * a
out = b + b
leaves = {"a": a}
""",
    "a node reached along two paths (b = 3a; c = b * b; out = b + c)": """
a = V(2.0)
b = a * 3
c = b * b
out = b + c
leaves = {"a": a}
""",
    "relu at exactly 0 and below 0 (out = relu(a - 1) + relu(b) * a)": """
a = V(1.0)
b = V(-2.0)
out = (a - 1).relu() + b.relu() * a + a * b
leaves = {"a": a, "b": b}
""",
}


class _Node:
    """A learner's Value kept in the sandbox, driven from here: every operator is one call of
    the matching method of the learner's object (``2 * x`` calls ``x.__rmul__(2)`` as Python
    would), and data and grad come back as numbers."""

    def __init__(self, handle):
        self.handle = handle

    def _op(self, method: str, *args) -> "_Node":
        plain = [a.handle if isinstance(a, _Node) else a for a in args]
        return _Node(self.handle.call(method, *plain, allow_mutation=True, keep=True))

    def __add__(self, other):
        return self._op("__add__", other)

    def __radd__(self, other):
        return self._op("__radd__", other)

    def __mul__(self, other):
        return self._op("__mul__", other)

    def __rmul__(self, other):
        return self._op("__rmul__", other)

    def __sub__(self, other):
        return self._op("__sub__", other)

    def __rsub__(self, other):
        return self._op("__rsub__", other)

    def __truediv__(self, other):
        return self._op("__truediv__", other)

    def __rtruediv__(self, other):
        return self._op("__rtruediv__", other)

    def __pow__(self, exponent):
        return self._op("__pow__", exponent)

    def __neg__(self):
        return self._op("__neg__")

    def tanh(self):
        return self._op("tanh")

    def exp(self):
        return self._op("exp")

    def relu(self):
        return self._op("relu")


def _number(value, what: str) -> float:
    """A float from the learner's Value, or a clear failure."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Fail(f"{what} should be a number, got a {type(value).__name__}.") from None
    return number


def _evaluate(t, name: str) -> dict:
    """Build the expression from the learner's Value objects, run backward, read data and grads."""
    namespace: dict = {"V": lambda value: _Node(t.new("Value", value))}
    exec(EXPRESSIONS[name], namespace)
    out, leaves = namespace["out"], namespace["leaves"]
    out.handle.call("backward", allow_mutation=True)
    return {
        "out": _number(out.handle.get("data"), f"out.data for {name}"),
        "grads": {
            leaf: _number(node.handle.get("grad"), f"{leaf}.grad for {name}")
            for leaf, node in leaves.items()
        },
    }


@functools.cache
def _torch_reference(name: str) -> tuple[float, dict[str, float]]:
    """Output value and leaf gradients of an expression computed by torch autograd in float64."""

    def V(value: float) -> torch.Tensor:
        return torch.tensor(float(value), dtype=torch.float64, requires_grad=True)

    namespace: dict = {"V": V}
    exec(EXPRESSIONS[name], namespace)
    namespace["out"].backward()
    grads = {
        leaf_name: 0.0 if leaf.grad is None else leaf.grad.item()
        for leaf_name, leaf in namespace["leaves"].items()
    }
    return namespace["out"].item(), grads


def _compare(t, name: str, advice: str) -> None:
    expression = EXPRESSIONS[name].strip()
    try:
        got = _evaluate(t, name)
    except LearnerRaised as err:
        raise Fail(
            f"Evaluating {name} raised {err.type_name}: {err.message}. The expression was:\n"
            f"{expression}\nthen out.backward(). Check that every operator used there is "
            "defined, including the reflected ones such as __rmul__ and __rsub__."
        ) from None
    ref_out, ref_grads = _torch_reference(name)
    expect(
        bool(np.isclose(got["out"], ref_out, rtol=1e-9, atol=1e-12)),
        f"For {name}, out.data is {got['out']!r}, which is not what the forward computation "
        "gives. Check the forward formula of each operation used.",
    )
    for leaf_name, ref_grad in ref_grads.items():
        value = got["grads"].get(leaf_name)
        if value is None or not np.isclose(value, ref_grad, rtol=1e-9, atol=1e-12):
            raise Fail(
                f"For {name}, {leaf_name}.grad after out.backward() is {value!r}, which differs "
                f"from PyTorch's gradient. {advice}"
            )


@checks.test("micrograd's first sanity test (relu, +, * with constants) matches PyTorch", points=2)
def sanity_one(t):
    _compare(
        t,
        "micrograd's first sanity test",
        "Check the local derivatives of *, + and relu, and that grads are added with +=.",
    )


@checks.test("micrograd's second sanity test (all arithmetic, powers, division)", points=3)
def sanity_two(t):
    _compare(
        t,
        "micrograd's second sanity test",
        "Check the power rule n * x**(n - 1), division as x * y**-1, and that backward visits "
        "nodes in reverse topological order.",
    )


@checks.test("Every operation (tanh, exp, /, -, reflected operators, **) matches PyTorch", points=3)
def every_operation(t):
    _compare(
        t,
        "an expression with every operation",
        "Check each local derivative: tanh gives 1 - tanh(x)**2, exp gives exp(x), and a leaf "
        "that out does not depend on keeps grad 0.",
    )


@checks.test("A value used twice accumulates both contributions", points=2)
def used_twice(t):
    _compare(
        t,
        "a value used twice (b = a * a; out = b + b)",
        "When a value is used more than once, each use adds to its grad (+=, not =), and each "
        "node's backward step runs exactly once, after all its consumers.",
    )


@checks.test("A node reached along two paths is finished before it pushes its gradient", points=2)
def two_paths(t):
    _compare(
        t,
        "a node reached along two paths (b = 3a; c = b * b; out = b + c)",
        "b must collect the gradient from both out and c before passing it to a: build a "
        "topological order and call each node's backward step in reverse order, once per node.",
    )


@checks.test("relu has derivative 0 at 0 and below 0", points=1)
def relu_kink(t):
    _compare(
        t,
        "relu at exactly 0 and below 0 (out = relu(a - 1) + relu(b) * a)",
        "The derivative of relu is 1 where the input is > 0 and 0 elsewhere, including at 0.",
    )
