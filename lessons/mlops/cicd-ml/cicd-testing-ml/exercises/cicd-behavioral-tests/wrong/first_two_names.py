# mistake: Invariance checked on two names only: a bias against (or for) another group goes unseen.
# expect-status: failed
# expect-message: one particular name
"""Invariance checked on two names only: a bias against (or for) another group goes unseen."""

import math

POSITIVE = ["a great film", "I loved it", "excellent acting and a fun story", "good"]
NEGATIVE = ["a terrible film", "I hated it", "boring and dull", "bad"]
NAMES = ["Alice", "Bob", "Chen", "Dmitri", "Fatima", "Priya"]
NAME_TEMPLATES = ["{name} loved the film", "{name} thought it was boring", "{name} watched it twice"]
NEGATION_PAIRS = [
    ("the plot was good", "the plot was not good"),
    ("a great cast", "not a great cast"),
    ("I enjoyed it", "I never enjoyed it"),
]
BATCH = POSITIVE + NEGATIVE


def _p(predict, texts):
    out = [float(v) for v in predict(list(texts))]
    if len(out) != len(texts):
        raise ValueError("wrong length")
    return out


def behavioral_report(predict):
    tests = {
        "output_contract": lambda: len(_p(predict, [])) == 0
        and all(math.isfinite(s) and 0 <= s <= 1 for s in _p(predict, BATCH)),
        "minimum_functionality": lambda: all(s > 0.5 for s in _p(predict, BATCH)[:4])
        and all(s < 0.5 for s in _p(predict, BATCH)[4:]),
        "name_invariance": lambda: all(
            abs(a - b) <= 0.05
            for a, b in [_p(predict, [t.format(name=n) for n in NAMES[:2]]) for t in NAME_TEMPLATES]
        ),
        "negation_direction": lambda: all(
            s[1] < s[0] for s in [_p(predict, list(pair)) for pair in NEGATION_PAIRS]
        ),
        "batch_consistency": lambda: all(
            abs(_p(predict, [t])[0] - b) <= 1e-3 for t, b in zip(BATCH, _p(predict, BATCH))
        ),
        "deterministic": lambda: _p(predict, BATCH) == _p(predict, BATCH),
    }
    report = {}
    for key, test in tests.items():
        try:
            report[key] = bool(test())
        except Exception:
            report[key] = False
    return report
