"""A promotion gate: ship the candidate only if no scope or metric regresses."""

import math  # noqa: F401


def promotion_decision(candidate, production, tolerance, lower_is_better):
    """Return (promote, sorted failing 'scope/metric' pairs)."""
    # TODO
    raise NotImplementedError
