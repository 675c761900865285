"""Apply a hand-picked 3x3 kernel to a small drawing, with a stride and a padding of your choice."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from IPython.display import display


def drawing(size: int = 16) -> np.ndarray:
    """A hand-drawn '7' with a bar, made of lines on a blank canvas."""
    img = np.zeros((size, size))
    img[3, 3:13] = 1.0  # top stroke
    for k in range(10):  # diagonal down-left stroke
        img[4 + k, 12 - k // 2] = 1.0
    img[8, 6:12] = 1.0  # crossbar
    return img


KERNELS = {
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "vertical edges (Sobel x)": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "horizontal edges (Sobel y)": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "blur (box)": [[1 / 9] * 3] * 3,
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
}
IMAGE = drawing()


def show(kernel: str = "vertical edges (Sobel x)", stride: int = 1, padding: int = 1) -> None:
    """Input, kernel and output side by side, with the output size from the formula."""
    k = torch.tensor(KERNELS[kernel], dtype=torch.float64)[None, None]
    x = torch.tensor(IMAGE)[None, None]
    out = F.conv2d(x, k, stride=stride, padding=padding)[0, 0].numpy()
    size = (IMAGE.shape[0] + 2 * padding - 3) // stride + 1
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
    axes[0].imshow(IMAGE, cmap="gray")
    axes[0].set_title(f"input {IMAGE.shape[0]}x{IMAGE.shape[1]}")
    axes[1].imshow(k[0, 0].numpy(), cmap="coolwarm")
    for (i, j), v in np.ndenumerate(k[0, 0].numpy()):
        axes[1].text(j, i, f"{v:.2g}", ha="center", va="center")
    axes[1].set_title("kernel (not flipped)")
    axes[2].imshow(out, cmap="coolwarm")
    axes[2].set_title(f"output {out.shape[0]}x{out.shape[1]} (formula: {size})")
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    plt.show()


ui = widgets.interactive(
    show,
    kernel=widgets.Dropdown(options=list(KERNELS), value="vertical edges (Sobel x)"),
    stride=widgets.IntSlider(value=1, min=1, max=3),
    padding=widgets.IntSlider(value=1, min=0, max=3),
)
display(ui)
