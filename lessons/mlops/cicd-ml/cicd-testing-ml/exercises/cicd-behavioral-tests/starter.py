"""Behavioural tests for a sentiment model, judged by mutation testing."""

POSITIVE = ["a great film", "I loved it", "excellent acting and a fun story", "good"]
NEGATIVE = ["a terrible film", "I hated it", "boring and dull", "bad"]
NAMES = ["Alice", "Bob", "Chen", "Dmitri", "Fatima", "Priya"]
NAME_TEMPLATES = ["{name} loved the film", "{name} thought it was boring", "{name} watched it twice"]
NEGATION_PAIRS = [
    ("the plot was good", "the plot was not good"),
    ("a great cast", "not a great cast"),
    ("I enjoyed it", "I never enjoyed it"),
]


def behavioral_report(predict):
    """Return {behaviour: passed} for the six behaviours of the prompt."""
    # TODO: output_contract, minimum_functionality, name_invariance,
    #       negation_direction, batch_consistency, deterministic
    raise NotImplementedError
