"""Checks for llm-tiny-gpt: batching, the model's contract, and a short seeded training run."""

from __future__ import annotations

import math
from pathlib import Path

import torch
import torch.nn.functional as F

from airoadmap_lab.grading.checks import (
    Checks,
    Fail,
    LearnerRaised,
    expect,
    expect_raises,
)

checks = Checks()

BLOCK = 16
STEPS = 200
LR = 3e-3
BATCH = 16
MARGIN = 0.25  # the learner's final validation loss may be this much above the reference run's
MIN_DROP = 1.0

RUN_MODEL = """
import torch
torch.manual_seed(seed)
model = TinyGPT(vocab_size, block_size)
model.eval()
with torch.no_grad():
    logits, loss = model(idx, targets)
result = {"logits": logits, "loss": None if loss is None else float(loss)}
"""

RUN_MODULES = """
import torch
torch.manual_seed(0)
result = sorted({type(m).__name__ for m in TinyGPT(vocab_size, block_size).modules()})
"""

RUN_TWO = """
import torch
torch.manual_seed(seed)
model = TinyGPT(vocab_size, block_size)
model.eval()
with torch.no_grad():
    result = [model(a)[0], model(b)[0]]
"""

TRAIN = """
import torch
torch.manual_seed(seed)
chars = sorted(set(text))
stoi = {ch: i for i, ch in enumerate(chars)}
data = torch.tensor([stoi[ch] for ch in text], dtype=torch.long)
n_train = int(0.9 * len(data))
train, val = data[:n_train], data[n_train:]
model = TinyGPT(len(chars), block_size)
opt = torch.optim.AdamW(model.parameters(), lr=lr)
g = torch.Generator().manual_seed(seed)
vg = torch.Generator().manual_seed(seed + 1)
vstarts = torch.randint(len(val) - block_size - 1, (64,), generator=vg).tolist()
vx = torch.stack([val[s : s + block_size] for s in vstarts])
vy = torch.stack([val[s + 1 : s + block_size + 1] for s in vstarts])


def val_loss():
    model.eval()
    with torch.no_grad():
        out = float(model(vx, vy)[1])
    model.train()
    return out


first = val_loss()
for step in range(steps):
    st = torch.randint(len(train) - block_size - 1, (batch_size,), generator=g).tolist()
    x = torch.stack([train[s : s + block_size] for s in st])
    y = torch.stack([train[s + 1 : s + block_size + 1] for s in st])
    _, loss = model(x, y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
result = {"first": first, "last": val_loss()}
"""


def train_inputs(text: str) -> dict:
    """The inputs of the TRAIN snippet (the same for the learner and the reference)."""
    return {
        "text": text,
        "seed": 0,
        "block_size": BLOCK,
        "lr": LR,
        "steps": STEPS,
        "batch_size": BATCH,
    }


_REFERENCE: dict[str, dict] = {}


def reference_run(t, text: str) -> dict:
    """Train the reference model once in the trusted process with the same snippet."""
    if text in _REFERENCE:
        return _REFERENCE[text]
    namespace: dict = {"TinyGPT": t.ref.TinyGPT}
    namespace.update(train_inputs(text))
    # One thread: with two OpenMP threads on a busy 2-core machine this run is ~30x slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        exec(compile(TRAIN, "train", "exec"), namespace)
    finally:
        torch.set_num_threads(threads)
    _REFERENCE[text] = namespace["result"]
    return _REFERENCE[text]


def keeper_text(t) -> str:
    return Path(t.data_path("keeper.txt")).read_text(encoding="utf-8")


def random_tokens(seed: int, shape: tuple[int, int], vocab: int) -> torch.Tensor:
    return torch.randint(vocab, shape, generator=torch.Generator().manual_seed(seed))


@checks.test("make_batch returns inputs and next-token targets for every start", points=2)
def batch_values(t):
    data = torch.arange(100, 140)
    starts = [0, 7, 31]
    got = t.call("make_batch", data, starts, 8)
    expect(isinstance(got, (tuple, list)) and len(got) == 2, "make_batch must return (x, y)")
    x, y = got
    ex, ey = t.ref.make_batch(data, starts, 8)
    expect(
        isinstance(x, torch.Tensor) and torch.equal(x, ex),
        "x from make_batch(data, starts=[0, 7, 31], block_size=8) is wrong: row i must be "
        "data[starts[i] : starts[i] + block_size], stacked into shape (3, 8).",
    )
    if not torch.equal(y, ey):
        raise Fail(
            "y from make_batch(data, [0, 7, 31], 8) is wrong: the target at position i is the "
            "token that comes right after x[i], so y must be x shifted by one (y[:, :-1] == "
            "x[:, 1:])."
        )


@checks.test("make_batch accepts the last valid start and rejects starts without room", points=1)
def batch_edges(t):
    data = torch.arange(20)
    x, y = t.call("make_batch", data, [11], 8)
    expect(
        x.shape == (1, 8) and y.shape == (1, 8),
        "make_batch(data of length 20, [11], 8) is the last start with room for 8 inputs and "
        "8 targets; it must return shapes (1, 8) and (1, 8).",
    )
    for bad in (12, -1):
        expect_raises(
            "ValueError",
            lambda bad=bad: t.call("make_batch", data, [bad], 8),
            what=f"make_batch(data of length 20, [{bad}], 8)",
        )


@checks.test("TinyGPT returns logits (B, T, V), loss None without targets, own blocks", points=1)
def shapes(t):
    for b, tt in ((2, 32), (3, 5), (1, 1)):
        idx = random_tokens(1, (b, tt), 11)
        got = t.run(RUN_MODEL, seed=0, vocab_size=11, block_size=32, idx=idx, targets=None)
        logits = got["logits"]
        expect(
            isinstance(logits, torch.Tensor) and tuple(logits.shape) == (b, tt, 11),
            f"model(idx) with idx of shape ({b}, {tt}) and vocab_size 11 must return logits of "
            f"shape ({b}, {tt}, 11); sequences shorter than block_size must work too.",
        )
        expect(got["loss"] is None, "model(idx) without targets must return loss None.")
    used = t.run(RUN_MODULES, vocab_size=11, block_size=32)
    ready_made = [name for name in used if name.startswith("Transformer")]
    expect(
        not ready_made,
        f"TinyGPT uses {', '.join(ready_made)}: build the blocks yourself from embeddings, "
        "attention, LayerNorm and Linear layers (that is the point of the exercise).",
    )


@checks.test("The loss is the mean cross-entropy over all B*T positions", points=1)
def loss_value(t):
    idx, targets = random_tokens(2, (3, 10), 13), random_tokens(3, (3, 10), 13)
    got = t.run(RUN_MODEL, seed=0, vocab_size=13, block_size=16, idx=idx, targets=targets)
    logits = got["logits"].double()
    expected = F.cross_entropy(logits.reshape(-1, 13), targets.reshape(-1)).item()
    expect(
        got["loss"] is not None and abs(got["loss"] - expected) < 1e-4,
        "For idx and targets of shape (3, 10) the loss must be the cross-entropy averaged over "
        "all 30 positions: F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1)).",
    )


@checks.test("At initialisation the loss is close to ln(vocab_size)", points=1)
def initial_loss(t):
    vocab = 47
    idx, targets = random_tokens(4, (8, 32), vocab), random_tokens(5, (8, 32), vocab)
    got = t.run(RUN_MODEL, seed=0, vocab_size=vocab, block_size=32, idx=idx, targets=targets)
    loss = got["loss"]
    expect(loss is not None, "model(idx, targets) must return the loss as its second value.")
    expect(
        abs(loss - math.log(vocab)) <= 0.3,
        f"With vocab_size {vocab} an untrained model should predict nearly uniformly, so the "
        f"initial loss should be within 0.3 of ln({vocab}) = {math.log(vocab):.2f}; yours is "
        f"{loss:.2f}. Initialise Linear and Embedding weights with a small normal "
        "(std 0.02) and biases with zeros.",
    )


@checks.test("Changing later tokens does not change earlier logits (causality)", points=2)
def causality(t):
    a = random_tokens(6, (2, 12), 9)
    b = a.clone()
    b[:, 6:] = (b[:, 6:] + 1) % 9
    la, lb = t.run(RUN_TWO, seed=0, vocab_size=9, block_size=16, a=a, b=b)
    expect(
        bool(torch.allclose(la[:, :6], lb[:, :6], rtol=0, atol=1e-6)),
        "Changing tokens 6..11 changed the logits at positions 0..5: the model sees the future, "
        "and would learn to copy the next token instead of predicting it. Use a causal mask.",
    )


@checks.test("Predictions use earlier context, not only the current token", points=1)
def uses_context(t):
    a = random_tokens(7, (2, 12), 9)
    b = a.clone()
    b[:, 0] = (b[:, 0] + 1) % 9
    la, lb = t.run(RUN_TWO, seed=0, vocab_size=9, block_size=16, a=a, b=b)
    expect(
        not bool(torch.allclose(la[:, 5:], lb[:, 5:], rtol=0, atol=1e-9)),
        "Changing token 0 did not change the logits at positions 5..11: each prediction depends "
        "only on its own token (a bigram model). Add self-attention blocks over the context.",
    )


@checks.test(
    f"Validation loss falls by >= {MIN_DROP} in {STEPS} seeded AdamW steps on the keeper's notebook",
    points=3,
)
def training(t):
    text = keeper_text(t)
    reference = reference_run(t, text)
    try:
        got = t.run(TRAIN, **train_inputs(text))
    except LearnerRaised as err:
        raise Fail(
            f"Training raised {err.type_name}: {err.message}. The loop calls model(x, y) with x "
            f"and y of shape ({BATCH}, {BLOCK}) and then loss.backward()."
        ) from None
    drop = got["first"] - got["last"]
    target = reference["last"] + MARGIN
    expect(
        drop >= MIN_DROP and got["last"] <= target,
        f"After {STEPS} steps (AdamW, lr {LR}, batch {BATCH}, block {BLOCK}) your validation "
        f"loss went from {got['first']:.2f} to {got['last']:.2f}. To pass it must fall by at "
        f"least {MIN_DROP} and end at or below {target:.2f} (the reference run plus {MARGIN}). "
        "Check the residual connections, LayerNorm, and that positions are embedded.",
    )
