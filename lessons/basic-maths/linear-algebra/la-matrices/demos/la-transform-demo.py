"""Set the four entries of a 2x2 matrix and watch what it does to the unit square."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display


def show_transform(a: float = 2.0, b: float = 1.0, c: float = 0.0, d: float = 1.0) -> None:
    """Draw the unit square, its image under [[a, b], [c, d]], and the images of e1 and e2."""
    A = np.array([[a, b], [c, d]])
    square = np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)
    image = A @ square
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.fill(square[0], square[1], alpha=0.2, color="grey", label="unit square")
    ax.fill(image[0], image[1], alpha=0.35, color="tab:blue", label="A @ square")
    ax.arrow(0, 0, A[0, 0], A[1, 0], color="tab:red", width=0.03, length_includes_head=True)
    ax.arrow(0, 0, A[0, 1], A[1, 1], color="tab:green", width=0.03, length_includes_head=True)
    ax.text(A[0, 0], A[1, 0], " A e1 (column 1)", color="tab:red")
    ax.text(A[0, 1], A[1, 1], " A e2 (column 2)", color="tab:green")
    ax.axhline(0, color="black", lw=0.5)
    ax.axvline(0, color="black", lw=0.5)
    ax.set_xlim(-3.5, 3.5)
    ax.set_ylim(-3.5, 3.5)
    ax.set_aspect("equal")
    ax.set_title(f"det A = {np.linalg.det(A):.2f}  (area of the blue shape, with sign)")
    ax.legend(loc="lower left")
    plt.show()


slider = dict(min=-3.0, max=3.0, step=0.1)
ui = widgets.interactive(
    show_transform,
    a=widgets.FloatSlider(value=2.0, description="a = A[0,0]", **slider),
    b=widgets.FloatSlider(value=1.0, description="b = A[0,1]", **slider),
    c=widgets.FloatSlider(value=0.0, description="c = A[1,0]", **slider),
    d=widgets.FloatSlider(value=1.0, description="d = A[1,1]", **slider),
)
display(ui)
