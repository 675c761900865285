"""Plot the error of forward and central differences against the step h (log-log)."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

FUNCTIONS = {
    "sin(x)": (np.sin, np.cos),
    "exp(x)": (np.exp, np.exp),
    "x**3": (lambda x: x**3, lambda x: 3 * x**2),
}


def show_errors(function: str = "sin(x)", x: float = 1.0, log10_h: float = -5.0) -> None:
    """Draw both error curves over h and mark the step chosen with the slider."""
    f, df = FUNCTIONS[function]
    hs = np.logspace(-14, 0, 200)
    exact = df(x)
    forward = np.abs((f(x + hs) - f(x)) / hs - exact)
    central = np.abs((f(x + hs) - f(x - hs)) / (2 * hs) - exact)
    h = 10.0**log10_h
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.loglog(hs, np.maximum(forward, 1e-18), label="forward difference, error ~ h")
    ax.loglog(hs, np.maximum(central, 1e-18), label="central difference, error ~ h^2")
    ax.axvline(h, color="grey", ls="--")
    err_f = abs((f(x + h) - f(x)) / h - exact)
    err_c = abs((f(x + h) - f(x - h)) / (2 * h) - exact)
    ax.set_title(f"h = {h:.1e}: forward error {err_f:.1e}, central error {err_c:.1e}")
    ax.set_xlabel("step h")
    ax.set_ylabel("absolute error of the derivative")
    ax.set_ylim(1e-18, 1e2)
    ax.legend()
    plt.show()


ui = widgets.interactive(
    show_errors,
    function=widgets.Dropdown(options=list(FUNCTIONS), value="sin(x)"),
    x=widgets.FloatSlider(value=1.0, min=-2.0, max=2.0, step=0.1),
    log10_h=widgets.FloatSlider(value=-5.0, min=-14.0, max=0.0, step=0.5, description="log10 h"),
)
display(ui)
