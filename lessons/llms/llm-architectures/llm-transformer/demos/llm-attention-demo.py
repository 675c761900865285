# Causal attention weights for a short sentence.
# The queries and keys are random projections of random embeddings (no training), so look at
# the structure rather than at which words attend to which: the upper triangle is always zero,
# every row sums to 1, and the sharpness slider multiplies the scores (a large value without the
# 1/sqrt(d) scaling is what makes a softmax saturate). Untick "causal" to see what leaks.
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

WORDS = ["the", "keeper", "climbed", "the", "stairs", "and", "lit", "the", "lamp"]
D = 16
rng = np.random.default_rng(0)
EMB = {w: rng.normal(size=D) for w in set(WORDS)}
X = np.stack([EMB[w] for w in WORDS]) + 0.3 * rng.normal(size=(len(WORDS), D))  # + "position"
WQ, WK = rng.normal(size=(D, D)) / np.sqrt(D), rng.normal(size=(D, D)) / np.sqrt(D)


def weights(sharpness, causal, scaled):
    q, k = X @ WQ, X @ WK
    scores = sharpness * (q @ k.T) / (np.sqrt(D) if scaled else 1.0)
    if causal:
        scores = np.where(np.triu(np.ones_like(scores, dtype=bool), k=1), -np.inf, scores)
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def show(sharpness=1.0, causal=True, scaled=True, query=4):
    w = weights(sharpness, causal, scaled)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.imshow(w, cmap="viridis", vmin=0, vmax=1)
    ax1.set_xticks(range(len(WORDS)), WORDS, rotation=60)
    ax1.set_yticks(range(len(WORDS)), WORDS)
    ax1.set_xlabel("key (attended to)")
    ax1.set_ylabel("query (attending)")
    ax1.axhline(query, color="white", lw=0.8)
    ax2.bar(range(len(WORDS)), w[query])
    ax2.set_xticks(range(len(WORDS)), WORDS, rotation=60)
    ax2.set_ylim(0, 1)
    ax2.set_title(f"weights of query '{WORDS[query]}' (row {query}), sum = {w[query].sum():.3f}")
    plt.tight_layout()
    plt.show()


_ = widgets.interact(
    show,
    sharpness=widgets.FloatLogSlider(value=1.0, base=10, min=-1, max=1.5, step=0.05),
    causal=widgets.Checkbox(value=True),
    scaled=widgets.Checkbox(value=True, description="divide by sqrt(d)"),
    query=widgets.IntSlider(value=4, min=0, max=len(WORDS) - 1),
)
