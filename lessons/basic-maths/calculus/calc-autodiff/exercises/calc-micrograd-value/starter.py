"""A scalar value that records operations and computes gradients in reverse mode."""


class Value:
    """One float in a computational graph."""

    def __init__(self, data: float):
        self.data = float(data)
        self.grad = 0.0
        # TODO: remember the inputs of this node and how to push gradients to them.

    def __add__(self, other):
        raise NotImplementedError  # TODO

    def __mul__(self, other):
        raise NotImplementedError  # TODO

    def __pow__(self, exponent):
        raise NotImplementedError  # TODO

    def exp(self):
        raise NotImplementedError  # TODO

    def tanh(self):
        raise NotImplementedError  # TODO

    def relu(self):
        raise NotImplementedError  # TODO

    def backward(self) -> None:
        """Fill .grad of every node this value depends on."""
        raise NotImplementedError  # TODO

    # TODO: __neg__, __sub__, __truediv__ and the reflected __radd__, __rsub__, __rmul__,
    # __rtruediv__ can be written with the operations above.

    def __repr__(self) -> str:
        return f"Value(data={self.data}, grad={self.grad})"
