"""Reference solution: a per-slice promotion gate that treats missing or non-finite values as failures."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

SLACK = 1e-9


def scopes(report: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ("overall", metrics) and then (slice name, metrics) for each slice."""
    yield "overall", report.get("overall", {})
    yield from report.get("slices", {}).items()


def is_finite_number(value: Any) -> bool:
    """A real number that is neither NaN nor infinite (bool excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def promotion_decision(
    candidate: dict[str, Any],
    production: dict[str, Any],
    tolerance: dict[str, float],
    lower_is_better: list[str],
) -> tuple[bool, list[str]]:
    """Return (promote, sorted failing 'scope/metric' pairs)."""
    candidate_scopes = dict(scopes(candidate))
    failures = []
    for scope, metrics in scopes(production):
        for metric, prod in metrics.items():
            if not is_finite_number(prod):
                continue  # no baseline to compare with
            cand = candidate_scopes.get(scope, {}).get(metric)
            if not is_finite_number(cand):
                failures.append(f"{scope}/{metric}")
                continue
            regression = cand - prod if metric in lower_is_better else prod - cand
            if regression > tolerance.get(metric, 0.0) + SLACK:
                failures.append(f"{scope}/{metric}")
    failures.sort()
    return not failures, failures
