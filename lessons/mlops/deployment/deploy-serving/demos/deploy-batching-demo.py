"""Simulate a model server with dynamic batching: see latency percentiles and throughput move."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display


def simulate(rate: float, max_batch: int, max_wait_ms: float, fixed_ms: float, per_item_ms: float):
    """Latencies (ms) of 3000 Poisson arrivals served by one worker that batches requests.

    The worker takes the oldest waiting request, waits until `max_batch` requests are queued or the
    oldest has waited `max_wait_ms`, then runs one forward pass costing fixed_ms + per_item_ms * n.
    """
    rng = np.random.default_rng(0)
    arrivals = np.cumsum(rng.exponential(1000.0 / rate, size=3000))
    latencies = np.empty_like(arrivals)
    free_at, i, n_total = 0.0, 0, len(arrivals)
    batch_sizes = []
    while i < n_total:
        start = max(free_at, arrivals[i])
        deadline = max(start, arrivals[i] + max_wait_ms)
        j = i + 1
        while j < n_total and j - i < max_batch and arrivals[j] <= deadline:
            j += 1
        # Start as soon as the batch is full, otherwise at the deadline.
        launch = max(start, arrivals[j - 1]) if j - i == max_batch else deadline
        launch = max(launch, free_at)
        done = launch + fixed_ms + per_item_ms * (j - i)
        latencies[i:j] = done - arrivals[i:j]
        batch_sizes.append(j - i)
        free_at, i = done, j
    busy = sum(fixed_ms + per_item_ms * b for b in batch_sizes)
    return latencies, np.mean(batch_sizes), busy / (free_at - arrivals[0])


def show(rate=150.0, max_batch=8, max_wait_ms=5.0, fixed_ms=8.0, per_item_ms=0.5):
    """Plot the latency distribution and print the numbers a capacity plan needs."""
    lat, mean_batch, utilisation = simulate(rate, max_batch, max_wait_ms, fixed_ms, per_item_ms)
    capacity = 1000.0 * max_batch / (fixed_ms + per_item_ms * max_batch)
    p50, p95, p99 = np.percentile(lat, [50, 95, 99])
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.hist(np.minimum(lat, 500), bins=60, color="tab:blue", alpha=0.7)
    for q, name in ((p50, "p50"), (p95, "p95"), (p99, "p99")):
        ax.axvline(min(q, 500), color="tab:red", ls="--", lw=1)
        ax.text(min(q, 500), ax.get_ylim()[1] * 0.9, f" {name}", color="tab:red")
    ax.set_xlabel("latency (ms, capped at 500)")
    ax.set_ylabel("requests")
    overloaded = " OVERLOADED: the queue grows without bound" if rate >= capacity else ""
    ax.set_title(f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms{overloaded}")
    plt.show()
    print(
        f"mean batch size {mean_batch:.2f}; worker busy {100 * min(utilisation, 1):.0f}% of the time"
    )
    print(f"max throughput at full batches: {capacity:.0f} requests/s (arrivals: {rate:.0f}/s)")
    print(f"Little's law: about {rate * np.mean(lat) / 1000:.1f} requests in flight on average")


display(
    widgets.interactive(
        show,
        rate=widgets.FloatSlider(value=150, min=10, max=1200, step=10, description="requests/s"),
        max_batch=widgets.IntSlider(value=8, min=1, max=64, description="max batch"),
        max_wait_ms=widgets.FloatSlider(value=5, min=0, max=50, step=1, description="max wait ms"),
        fixed_ms=widgets.FloatSlider(value=8, min=0.5, max=30, step=0.5, description="fixed ms"),
        per_item_ms=widgets.FloatSlider(
            value=0.5, min=0.05, max=5, step=0.05, description="ms per item"
        ),
    )
)
