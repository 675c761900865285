# mistake: Drops the factor n of the power rule: d(x**n)/dx taken as x**(n - 1).
# expect-status: failed
# expect-message: power rule n * x**(n - 1)
"""The power rule without its factor n."""

import math


class Value:
    """One float in a computational graph, with the gradient of the last backward pass."""

    def __init__(self, data: float, _inputs: tuple = ()):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = _inputs
        self._push_grad = lambda: None

    @staticmethod
    def _wrap(other) -> "Value":
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other) -> "Value":
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other))

        def push() -> None:
            self.grad += out.grad
            other.grad += out.grad

        out._push_grad = push
        return out

    def __mul__(self, other) -> "Value":
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other))

        def push() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._push_grad = push
        return out

    def __pow__(self, exponent: float) -> "Value":
        if not isinstance(exponent, (int, float)):
            raise TypeError("only int or float exponents are supported")
        out = Value(self.data**exponent, (self,))

        def push() -> None:
            self.grad += self.data ** (exponent - 1) * out.grad

        out._push_grad = push
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,))

        def push() -> None:
            self.grad += out.data * out.grad

        out._push_grad = push
        return out

    def tanh(self) -> "Value":
        out = Value(math.tanh(self.data), (self,))

        def push() -> None:
            self.grad += (1.0 - out.data**2) * out.grad

        out._push_grad = push
        return out

    def relu(self) -> "Value":
        out = Value(max(self.data, 0.0), (self,))

        def push() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._push_grad = push
        return out

    def __neg__(self) -> "Value":
        return self * -1.0

    def __sub__(self, other) -> "Value":
        return self + (-self._wrap(other))

    def __truediv__(self, other) -> "Value":
        return self * self._wrap(other) ** -1

    def __radd__(self, other) -> "Value":
        return self + other

    def __rmul__(self, other) -> "Value":
        return self * other

    def __rsub__(self, other) -> "Value":
        return self._wrap(other) - self

    def __rtruediv__(self, other) -> "Value":
        return self._wrap(other) / self

    def backward(self) -> None:
        """Fill .grad of every node this value depends on, in reverse topological order."""
        order: list[Value] = []
        seen: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:  # iterative depth-first search: deep graphs do not hit the recursion limit
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in node._inputs if id(child) not in seen)
        self.grad = 1.0
        for node in reversed(order):
            node._push_grad()

    def __repr__(self) -> str:
        return f"Value(data={self.data}, grad={self.grad})"
