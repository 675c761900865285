# How much of a weight change can a rank-r update capture?
# Fine-tuning changes a 256 x 256 weight matrix by some Delta W. Here Delta W is made of a few
# strong directions plus noise (the "intrinsic rank" slider sets how many strong ones). The best
# rank-r approximation (from the SVD) is what LoRA can reach at best with r * (in + out)
# parameters. Move r and compare the captured share with the parameter count.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

N_IN = N_OUT = 256
rng = np.random.default_rng(0)


def make_delta(intrinsic_rank, noise):
    u = rng.normal(size=(N_OUT, intrinsic_rank))
    v = rng.normal(size=(intrinsic_rank, N_IN))
    strengths = np.linspace(3.0, 1.0, intrinsic_rank)[:, None]
    return u @ (strengths * v) / np.sqrt(N_IN) + noise * rng.normal(size=(N_OUT, N_IN)) / 16


def show(r=4, intrinsic_rank=8, noise=0.3):
    delta = make_delta(intrinsic_rank, noise)
    s = np.linalg.svd(delta, compute_uv=False)
    energy = np.cumsum(s**2) / np.sum(s**2)
    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.plot(np.arange(1, 65), energy[:64], marker=".", lw=1)
    ax.axvline(r, color="tab:red", ls="--")
    ax.set_xlabel("rank of the update")
    ax.set_ylabel("share of ||Delta W||^2 captured")
    ax.set_ylim(0, 1.02)
    ax.set_title(
        f"r = {r}: {energy[r - 1]:.1%} of the change with {r * (N_IN + N_OUT):,} parameters "
        f"({r * (N_IN + N_OUT) / (N_IN * N_OUT):.1%} of a full {N_IN * N_OUT:,})"
    )
    plt.tight_layout()
    plt.show()


_ = widgets.interact(
    show,
    r=widgets.IntSlider(value=4, min=1, max=64),
    intrinsic_rank=widgets.IntSlider(value=8, min=1, max=32),
    noise=widgets.FloatSlider(value=0.3, min=0.0, max=2.0, step=0.1),
)
