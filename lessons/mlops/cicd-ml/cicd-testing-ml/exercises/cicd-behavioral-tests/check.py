"""Checks for cicd-behavioral-tests: mutation testing of the learner's behavioural report.

The models (the healthy one and each planted bug) run here, on the trusted side: the learner's
behavioral_report gets `predict` as a check function (t.callback), so every probe it makes is
answered here, and the report it returns is compared with the reference solution's report on the
same model, never with hard-coded answers.
"""

from __future__ import annotations

from functools import cache

from airoadmap_lab.grading.checks import Checks, Fail, expect

checks = Checks()

MODEL_CODE = """
import math as _math
import random as _random

_LEXICON = {
    "good": 1.5, "great": 2.0, "excellent": 2.5, "loved": 2.0, "enjoyed": 1.5, "fun": 1.0,
    "bad": -1.5, "terrible": -2.5, "boring": -1.5, "hated": -2.0, "awful": -2.0, "dull": -1.0,
}
_NEGATORS = {"not", "never", "no"}


def _logit(text, mutant):
    total, negate = 0.0, False
    for word in text.lower().replace(",", " ").replace(".", " ").split():
        if word in _NEGATORS:
            negate = mutant != "negation_blind"
            continue
        value = _LEXICON.get(word, 0.0)
        if value:
            total += -value if negate else value
            negate = False
    if mutant == "name_bias" and "priya" in text.lower():
        total += 1.5
    return total


def make_model(mutant):
    def predict(texts):
        if mutant == "crash_on_empty" and len(texts) == 0:
            raise ValueError("cannot stack an empty batch")
        logits = [_logit(t, mutant) for t in texts]
        if mutant == "batch_norm" and logits:
            mean = sum(logits) / len(logits)
            logits = [z - mean for z in logits]
        if mutant == "logits":
            return list(logits)
        probs = [1.0 / (1.0 + _math.exp(-z)) for z in logits]
        if mutant == "inverted":
            probs = [1.0 - p for p in probs]
        if mutant == "noisy":
            probs = [min(1.0, max(0.0, p + _random.uniform(-1e-4, 1e-4))) for p in probs]
        return probs

    return predict
"""

KEYS = [
    "output_contract",
    "minimum_functionality",
    "name_invariance",
    "negation_direction",
    "batch_consistency",
    "deterministic",
]

MUTANTS = {
    "healthy": "the healthy model",
    "logits": "a model that returns raw logits instead of probabilities",
    "crash_on_empty": "a model that crashes on an empty batch",
    "name_bias": "a model that scores texts mentioning one particular name higher",
    "negation_blind": "a model that ignores 'not' and 'never'",
    "batch_norm": "a model whose scores depend on the other texts in the batch",
    "noisy": "a model that adds tiny random noise to every score",
    "inverted": "a model with its labels flipped",
}


@cache
def make_model():
    """The model factory of MODEL_CODE, built once in the trusted process."""
    namespace: dict = {}
    exec(MODEL_CODE, namespace)
    return namespace["make_model"]


@cache
def expected_report(ref, mutant: str) -> dict[str, bool]:
    """The reference report for a mutant, computed in the trusted process."""
    return ref.behavioral_report(make_model()(mutant))


def predict_for(t, mutant: str):
    """The mutant's predict as a check function the learner's code calls."""
    model = make_model()(mutant)

    def predict(texts):
        if not isinstance(texts, (list, tuple)) or not all(isinstance(x, str) for x in texts):
            raise TypeError("predict takes a list of strings")
        return model(list(texts))

    return t.callback(predict, name="predict")


def judge(t, mutant: str) -> None:
    described = MUTANTS[mutant]
    got = t.call("behavioral_report", predict_for(t, mutant))
    if not isinstance(got, dict) or sorted(got) != sorted(KEYS):
        keys = sorted(got) if isinstance(got, dict) else type(got).__name__
        raise Fail(f"behavioral_report should return a dict with the six keys {KEYS}; got {keys}.")
    bad_types = [k for k in KEYS if not isinstance(got[k], bool)]
    expect(not bad_types, f"The values of the report should be True or False (see {bad_types}).")
    expected = expected_report(t.ref, mutant)
    false_alarms = [k for k in KEYS if expected[k] and not got[k]]
    missed = [k for k in KEYS if not expected[k] and got[k]]
    if false_alarms:
        raise Fail(
            f"On {described}, your report says {', '.join(false_alarms)} failed, but this model "
            "has that behaviour: a false alarm. Check the probe texts and the threshold in the "
            "prompt's table."
        )
    if missed:
        raise Fail(
            f"On {described}, your report says {', '.join(missed)} passed: the planted bug "
            "survived your tests. Which probe would expose it?"
        )


@checks.test("The healthy model passes all six behaviours (no false alarms)", points=2)
def healthy(t):
    judge(t, "healthy")


@checks.test("Catches raw logits returned instead of probabilities", points=1)
def logits(t):
    judge(t, "logits")


@checks.test("Catches a crash on an empty batch (and does not crash itself)", points=1)
def crash_on_empty(t):
    judge(t, "crash_on_empty")


@checks.test("Catches a bias towards one name", points=1)
def name_bias(t):
    judge(t, "name_bias")


@checks.test("Catches a model blind to negation", points=1)
def negation_blind(t):
    judge(t, "negation_blind")


@checks.test("Catches scores that depend on the rest of the batch", points=1)
def batch_norm(t):
    judge(t, "batch_norm")


@checks.test("Catches non-deterministic scores", points=1)
def noisy(t):
    judge(t, "noisy")


@checks.test("Catches flipped labels", points=1)
def inverted(t):
    judge(t, "inverted")
