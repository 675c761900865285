"""Checks for deploy-export-roundtrip.

The model is sent to the sandbox as a module of standard layers (``t.put``); the learner's
``export_model`` turns it into bytes that come back here, ``load_model`` rebuilds a callable there
from those bytes, and its outputs come back as data and are compared here with the same model in
eval mode. The bytes themselves are inspected here (without unpickling anything) for pickled Python
classes: a graph export (torch.export, TorchScript) holds none.
"""

from __future__ import annotations

import io
import pickletools
import zipfile
from functools import cache

import torch
from torch import nn

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect

checks = Checks()

N_IN, N_OUT = 6, 3
BATCHES = (1, 7, 64)
# Pickle globals a graph export may name: tensor rebuilding and containers, TorchScript's own
# "__torch__." types. Anything else (torch.nn.modules.linear Linear, ...) is a Python class.
_GRAPH_GLOBALS = ("torch ", "torch._utils ", "collections ", "builtins ", "__builtin__ ")
_MAX_PICKLE_BYTES = 64 * 1024 * 1024


def build_net() -> nn.Sequential:
    """The model: dropout and batch normalisation, so eval and train mode differ."""
    return nn.Sequential(
        nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 3)
    )


@cache
def weights_and_inputs() -> tuple[dict, dict]:
    """Trained-looking weights (non-trivial batch-norm statistics) and the probe batches."""
    torch.manual_seed(0)
    net = build_net()
    net.train()
    with torch.no_grad():
        for _ in range(5):  # move the running statistics away from 0 and 1
            net(torch.randn(32, N_IN) * 2.0 + 0.5)
    state = {k: v.clone() for k, v in net.state_dict().items()}
    gen = torch.Generator().manual_seed(1)
    inputs = {str(n): torch.randn(n, N_IN, generator=gen) for n in BATCHES}
    return state, inputs


def trained_net() -> nn.Sequential:
    """A fresh copy of the model with the trained-looking weights."""
    net = build_net()
    net.load_state_dict(weights_and_inputs()[0])
    return net


@cache
def expected_outputs() -> dict[str, torch.Tensor]:
    """Outputs of the model in eval mode, computed in the trusted process."""
    net = trained_net().eval()
    with torch.no_grad():
        return {n: net(x) for n, x in weights_and_inputs()[1].items()}


def pickled_classes(blob: bytes) -> list[str]:
    """Python classes named by the pickles inside a zip archive, read without unpickling."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            for info in archive.infolist():
                if not info.filename.endswith(".pkl") or info.file_size > _MAX_PICKLE_BYTES:
                    continue
                ops = list(pickletools.genops(archive.read(info)))
                for index, (op, arg, _) in enumerate(ops):
                    if op.name == "GLOBAL":
                        name = str(arg)
                    elif op.name == "STACK_GLOBAL" and index >= 2:
                        name = f"{ops[index - 2][1]} {ops[index - 1][1]}"
                    else:
                        continue
                    if not (name.startswith("__torch__.") or name.startswith(_GRAPH_GLOBALS)):
                        found.append(name)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return found  # not a readable archive: the outputs decide
    return found


def _attempt(fn):
    """fn(), or the learner's error as a short text."""
    try:
        return fn()
    except LearnerRaised as err:
        return f"{err.type_name}: {err.message[:300]}" if err.message else err.type_name


_LAST_RUN: dict[int, tuple[object, dict]] = {}


def run_once(t) -> dict:
    """Export and load once per attempt; every test reads the same run."""
    cached = _LAST_RUN.get(id(t))
    if cached is not None and cached[0] is t:
        return cached[1]
    _, inputs = weights_and_inputs()
    example = torch.randn(4, N_IN, generator=torch.Generator().manual_seed(2))
    net = t.put(trained_net())
    net.call("train", keep=True)  # as it comes out of a training loop
    blob = _attempt(lambda: t.call("export_model", net, example, allow_mutation=True))
    outputs: dict = {}
    after_change = kind = None
    classes: list[str] = []
    if isinstance(blob, (bytes, bytearray)):
        blob = bytes(blob)
        classes = pickled_classes(blob)
        served = _attempt(lambda: t.call("load_model", blob, keep=True))
        if isinstance(served, str):
            kind = served
        else:
            for n, x in inputs.items():
                outputs[n] = _attempt(lambda served=served, x=x: served(x))
            # Change every weight of the live model, then load the same bytes again.
            shifted = {
                k: v + 1.0 if v.is_floating_point() else v
                for k, v in weights_and_inputs()[0].items()
            }
            net.call("load_state_dict", shifted, keep=True)
            reloaded = _attempt(lambda: t.call("load_model", blob, keep=True))
            after_change = (
                reloaded if isinstance(reloaded, str) else _attempt(lambda: reloaded(inputs["7"]))
            )
    else:
        kind = blob if isinstance(blob, str) else "returned " + type(blob).__name__
    result = {"kind": kind, "outputs": outputs, "after_change": after_change, "classes": classes}
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
    if first and result["classes"]:
        names = ", ".join(sorted(set(result["classes"]))[:3])
        raise Fail(
            f"The bytes pickle Python classes ({names}), so loading them needs those classes to "
            "be importable: that is torch.save of the module object, not an exported graph. Use "
            "torch.export.save or torch.jit.save."
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
