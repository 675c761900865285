# mistake: Does not guard the probes: the model's exception crashes the whole report.
# expect-status: failed
# expect-message: raised ValueError
"""Does not guard the probes: the model's exception crashes the whole report."""

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


def behavioral_report(predict):
    batch = [float(v) for v in predict(BATCH)]
    alone = [float(predict([t])[0]) for t in BATCH]
    return {
        "output_contract": len(predict([])) == 0
        and len(batch) == 8
        and all(math.isfinite(s) and 0 <= s <= 1 for s in batch),
        "minimum_functionality": all(s > 0.5 for s in batch[:4]) and all(s < 0.5 for s in batch[4:]),
        "name_invariance": all(
            max(s) - min(s) <= 0.05
            for s in [[float(v) for v in predict([t.format(name=n) for n in NAMES])] for t in NAME_TEMPLATES]
        ),
        "negation_direction": all(
            float(s[1]) < float(s[0]) for s in [predict(list(p)) for p in NEGATION_PAIRS]
        ),
        "batch_consistency": all(abs(a - b) <= 1e-3 for a, b in zip(alone, batch)),
        "deterministic": batch == [float(v) for v in predict(BATCH)],
    }
