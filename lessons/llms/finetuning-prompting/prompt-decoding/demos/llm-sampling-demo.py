# One next-token distribution, three knobs.
# The bars are the probabilities a model might give the word after "The keeper climbed the".
# Temperature reshapes the whole distribution; top-k and top-p cut its tail (grey bars are
# removed). The text line shows 12 seeded samples, so you can see how varied the output gets.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

WORDS = [
    "stairs",
    "tower",
    "ladder",
    "hill",
    "rocks",
    "steps",
    "wall",
    "mast",
    "roof",
    "cliff",
    "spiral",
    "stair",
    "dune",
    "pier",
    "slope",
    "banana",
]
LOGITS = np.array(
    [4.0, 3.1, 2.6, 2.0, 1.7, 1.5, 1.1, 0.8, 0.6, 0.5, 0.2, 0.0, -0.4, -0.8, -1.2, -3.0]
)


def filtered(temperature, top_k, top_p):
    if temperature == 0:
        p = np.zeros_like(LOGITS)
        p[np.argmax(LOGITS)] = 1.0
        return p
    z = LOGITS / temperature
    if top_k < z.size:
        z = np.where(z >= np.sort(z)[-top_k], z, -np.inf)
    p = np.exp(z - z.max())
    p /= p.sum()
    order = np.argsort(-p, kind="stable")
    before = np.cumsum(p[order]) - p[order]
    keep = np.zeros(p.size, dtype=bool)
    keep[order[before < top_p]] = True
    p = np.where(keep, p, 0.0)
    return p / p.sum()


def show(temperature=1.0, top_k=16, top_p=1.0):
    p = filtered(temperature, top_k, top_p)
    fig, ax = plt.subplots(figsize=(10, 3.6))
    ax.bar(WORDS, p, color=["tab:blue" if x > 0 else "lightgrey" for x in p])
    ax.set_ylim(0, 1)
    ax.set_ylabel("probability")
    ax.tick_params(axis="x", rotation=60)
    kept = int((p > 0).sum())
    entropy = -np.sum(p[p > 0] * np.log(p[p > 0]))
    ax.set_title(f"{kept} tokens kept, entropy {entropy:.2f} nats")
    plt.tight_layout()
    plt.show()
    draws = np.random.default_rng(0).choice(len(WORDS), size=12, p=p)
    print("12 samples:", " ".join(WORDS[i] for i in draws))


_ = widgets.interact(
    show,
    temperature=widgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.05),
    top_k=widgets.IntSlider(value=16, min=1, max=16),
    top_p=widgets.FloatSlider(value=1.0, min=0.05, max=1.0, step=0.05),
)
