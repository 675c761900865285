# Iterative policy evaluation on the 4x4 gridworld under the random policy: choose sweeps and gamma.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np


def gridworld() -> tuple[np.ndarray, np.ndarray]:
    """P (16, 4, 16) and R (16, 4): moves up/right/down/left, walls keep you in place."""
    P, R = np.zeros((16, 4, 16)), np.zeros((16, 4))
    for s in range(16):
        row, col = divmod(s, 4)
        for a, (dr, dc) in enumerate([(-1, 0), (0, 1), (1, 0), (0, -1)]):
            if s in (0, 15):
                P[s, a, s] = 1.0
                continue
            r, c = row + dr, col + dc
            P[s, a, r * 4 + c if 0 <= r < 4 and 0 <= c < 4 else s] = 1.0
            R[s, a] = -1.0
    return P, R


P, R = gridworld()
policy = np.full((16, 4), 0.25)


def show(sweeps: int = 1, gamma: float = 1.0) -> None:
    V = np.zeros(16)
    for _ in range(sweeps):
        V = (policy * (R + gamma * P @ V)).sum(axis=1)
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.imshow(V.reshape(4, 4), cmap="viridis")
    for s in range(16):
        ax.text(s % 4, s // 4, f"{V[s]:.1f}", ha="center", va="center", color="white")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"V after {sweeps} sweep(s), gamma = {gamma:.2f}")
    plt.show()


widgets.interact(
    show,
    sweeps=widgets.IntSlider(value=1, min=0, max=300, description="sweeps"),
    gamma=widgets.FloatSlider(value=1.0, min=0.5, max=1.0, step=0.01, description="gamma"),
)
