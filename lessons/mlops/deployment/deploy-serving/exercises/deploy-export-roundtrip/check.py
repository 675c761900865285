"""Checks for deploy-export-roundtrip.

The model class is built inside a function in the learner's process (so it cannot be pickled);
the same architecture with the same weights is evaluated here, in the trusted process.
"""

from __future__ import annotations

from functools import cache

import torch
from torch import nn

from airoadmap_lab.grading.checks import Checks, Fail, expect

checks = Checks()

N_IN, N_OUT = 6, 3
BATCHES = (1, 7, 64)

ARCHITECTURE = """
def build_net(state):
    class TabularNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(
                nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 3)
            )

        def forward(self, x):
            return self.body(x)

    net = TabularNet()
    if state is not None:
        net.load_state_dict(state)
    return net
"""

SNIPPET = (
    "import torch\nfrom torch import nn\n"
    + ARCHITECTURE
    + """
def _attempt(fn):
    try:
        return fn()
    except Exception as exc:
        text = str(exc)[:300]
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

net = build_net(state)
net.train()
blob = _attempt(lambda: export_model(net, example))
outputs, after_change, kind = {}, None, None
if isinstance(blob, (bytes, bytearray)):
    served = _attempt(lambda: load_model(bytes(blob)))
    if not isinstance(served, str):
        for n, x in inputs.items():
            outputs[n] = _attempt(lambda: served(x).detach())
        with torch.no_grad():
            for p in net.parameters():
                p.add_(1.0)
        reloaded = _attempt(lambda: load_model(bytes(blob)))
        after_change = reloaded if isinstance(reloaded, str) else _attempt(
            lambda: reloaded(inputs["7"]).detach()
        )
    else:
        kind = served
else:
    kind = blob if isinstance(blob, str) else "returned " + type(blob).__name__
result = {"kind": kind, "outputs": outputs, "after_change": after_change}
"""
)


@cache
def weights_and_inputs() -> tuple[dict, dict]:
    """Trained-looking weights (non-trivial batch-norm statistics) and the probe batches."""
    torch.manual_seed(0)
    namespace: dict = {"nn": nn}
    exec(ARCHITECTURE, namespace)
    net = namespace["build_net"](None)
    net.train()
    with torch.no_grad():
        for _ in range(5):  # move the running statistics away from 0 and 1
            net(torch.randn(32, N_IN) * 2.0 + 0.5)
    state = {k: v.clone() for k, v in net.state_dict().items()}
    gen = torch.Generator().manual_seed(1)
    inputs = {str(n): torch.randn(n, N_IN, generator=gen) for n in BATCHES}
    return state, inputs


@cache
def expected_outputs() -> dict[str, torch.Tensor]:
    """Outputs of the model in eval mode, computed in the trusted process."""
    state, inputs = weights_and_inputs()
    namespace: dict = {"nn": nn}
    exec(ARCHITECTURE, namespace)
    net = namespace["build_net"](state).eval()
    with torch.no_grad():
        return {n: net(x) for n, x in inputs.items()}


_LAST_RUN: dict[int, tuple[object, dict]] = {}


def run_once(t) -> dict:
    """Export and load once per attempt; every test reads the same run."""
    cached = _LAST_RUN.get(id(t))
    if cached is not None and cached[0] is t:
        return cached[1]
    state, inputs = weights_and_inputs()
    example = torch.randn(4, N_IN, generator=torch.Generator().manual_seed(2))
    result = t.run(SNIPPET, state=state, example=example, inputs=inputs)
    _LAST_RUN.clear()
    _LAST_RUN[id(t)] = (t, result)
    return result


def exported(t, first: bool = False) -> dict:
    """The run's result, failing with the learner's error if export or load did not work."""
    result = run_once(t)
    kind = result.get("kind")
    if kind is not None and not first:
        raise Fail(
            "Not checked yet: export_model and load_model must work first (see the first test)."
        )
    if kind is not None:
        raise Fail(
            f"Exporting or loading did not give a usable model ({kind}). export_model must return "
            "bytes, and load_model(blob) a callable. If the error is about pickling, you saved the "
            "Python object itself: export its graph instead."
        )
    return result


def expect_batch(t, n: int) -> None:
    rows = f"{n} row" if n == 1 else f"{n} rows"
    got = exported(t)["outputs"].get(str(n))
    if isinstance(got, str):
        raise Fail(
            f"Calling the loaded model on a batch of {rows} raised {got}. Was the graph "
            "specialised to the example's batch size? Mark dimension 0 as dynamic."
        )
    expect(
        isinstance(got, torch.Tensor) and tuple(got.shape) == (n, N_OUT),
        f"The loaded model should map a ({n}, {N_IN}) batch to shape ({n}, {N_OUT}).",
    )
    expect(
        torch.allclose(got.float(), expected_outputs()[str(n)], atol=1e-5, rtol=1e-5),
        f"On a batch of {rows} the loaded model's outputs differ from the model in eval mode. "
        "Dropout and batch normalisation must be in inference mode when you export.",
    )


@checks.test("export_model returns bytes that load_model turns into a callable", points=1)
def returns_bytes(t):
    exported(t, first=True)


@checks.test(
    "Same outputs as the eval-mode model on a batch of 7 (not the example's size)", points=2
)
def batch_seven(t):
    expect_batch(t, 7)


@checks.test("Same outputs on a batch of 1", points=1)
def batch_one(t):
    expect_batch(t, 1)


@checks.test("Same outputs on a batch of 64", points=1)
def batch_sixty_four(t):
    expect_batch(t, 64)


@checks.test("The blob is a snapshot: later weight changes do not leak into it", points=1)
def snapshot(t):
    result = exported(t)
    first = result["outputs"].get("7")
    if not (
        isinstance(first, torch.Tensor)
        and torch.allclose(first.float(), expected_outputs()["7"], atol=1e-5, rtol=1e-5)
    ):
        raise Fail("Not checked yet: first make the batch-of-7 test pass.")
    after = result["after_change"]
    if isinstance(after, str):
        raise Fail(f"Loading the blob a second time raised {after}.")
    expect(
        isinstance(after, torch.Tensor)
        and torch.allclose(after.float(), expected_outputs()["7"], atol=1e-5, rtol=1e-5),
        "The blob is not a snapshot: after export_model returned, the checks added 1.0 to every "
        "weight of the original model and loaded the blob again, and the outputs changed. The "
        "bytes must hold a copy of the weights, not a reference to the live model object.",
    )
