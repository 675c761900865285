"""Reference solution: six behavioural tests with a shared, crash-proof probe."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

POSITIVE = ["a great film", "I loved it", "excellent acting and a fun story", "good"]
NEGATIVE = ["a terrible film", "I hated it", "boring and dull", "bad"]
NAMES = ["Alice", "Bob", "Chen", "Dmitri", "Fatima", "Priya"]
NAME_TEMPLATES = [
    "{name} loved the film",
    "{name} thought it was boring",
    "{name} watched it twice",
]
NEGATION_PAIRS = [
    ("the plot was good", "the plot was not good"),
    ("a great cast", "not a great cast"),
    ("I enjoyed it", "I never enjoyed it"),
]
BATCH = POSITIVE + NEGATIVE

Predict = Callable[[list[str]], Sequence[float]]


class ProbeFailed(Exception):
    """predict raised or broke the output contract."""


def probe(predict: Predict, texts: list[str]) -> list[float]:
    """Call predict and return plain floats, or raise ProbeFailed."""
    try:
        raw = predict(list(texts))
        values = [float(v) for v in raw]
    except Exception as exc:  # any failure of the model under test is a failed behaviour
        raise ProbeFailed(str(exc)) from exc
    if len(values) != len(texts):
        raise ProbeFailed(f"{len(values)} outputs for {len(texts)} texts")
    return values


def output_contract(predict: Predict) -> bool:
    scores = probe(predict, BATCH)
    return len(probe(predict, [])) == 0 and all(math.isfinite(s) and 0 <= s <= 1 for s in scores)


def minimum_functionality(predict: Predict) -> bool:
    scores = probe(predict, BATCH)
    n = len(POSITIVE)
    return all(s > 0.5 for s in scores[:n]) and all(s < 0.5 for s in scores[n:])


def name_invariance(predict: Predict) -> bool:
    for template in NAME_TEMPLATES:
        scores = probe(predict, [template.format(name=name) for name in NAMES])
        if max(scores) - min(scores) > 0.05:
            return False
    return True


def negation_direction(predict: Predict) -> bool:
    for plain, negated in NEGATION_PAIRS:
        s_plain, s_negated = probe(predict, [plain, negated])
        if not s_negated < s_plain:
            return False
    return True


def batch_consistency(predict: Predict) -> bool:
    together = probe(predict, BATCH)
    alone = [probe(predict, [text])[0] for text in BATCH]
    return all(abs(a - b) <= 1e-3 for a, b in zip(alone, together, strict=True))


def deterministic(predict: Predict) -> bool:
    return probe(predict, BATCH) == probe(predict, BATCH)


BEHAVIOURS: dict[str, Callable[[Predict], bool]] = {
    "output_contract": output_contract,
    "minimum_functionality": minimum_functionality,
    "name_invariance": name_invariance,
    "negation_direction": negation_direction,
    "batch_consistency": batch_consistency,
    "deterministic": deterministic,
}


def behavioral_report(predict: Predict) -> dict[str, bool]:
    """Return {behaviour: passed} for the six behaviours of the prompt."""
    report = {}
    for name, test in BEHAVIOURS.items():
        try:
            report[name] = bool(test(predict))
        except ProbeFailed:
            report[name] = False
    return report
