# expect-status: failed
# expect-message: country 'de', lower case
# expect-message: case matters
# mistake: Compares category values case-insensitively, so 'de' passes for 'DE'.
"""Compares categories case-insensitively: 'de' is accepted as 'DE'."""

from __future__ import annotations

import math
from typing import Any


def is_null(value: Any) -> bool:
    """None or a float NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def has_type(value: Any, kind: str) -> bool:
    """Whether a non-null value has the column's type (bool is never a number here)."""
    if kind in ("str", "category"):
        return isinstance(value, str)
    if isinstance(value, bool):
        return False
    if kind == "int":
        return isinstance(value, int)
    return isinstance(value, (int, float))


def out_of_range(value: float, spec: dict[str, Any]) -> bool:
    """Below min, above max (both inclusive bounds), or infinite."""
    if math.isinf(value):
        return True
    return ("min" in spec and value < spec["min"]) or ("max" in spec and value > spec["max"])


def column_codes(name: str, values: list[Any], spec: dict[str, Any]) -> set[str]:
    """The value-level failure codes of one column."""
    codes: set[str] = set()
    kind = spec["type"]
    for value in values:
        if is_null(value):
            if not spec.get("nullable", False):
                codes.add(f"NULL:{name}")
        elif not has_type(value, kind):
            codes.add(f"TYPE:{name}")
        elif kind in ("int", "float") and out_of_range(value, spec):
            codes.add(f"RANGE:{name}")
        elif kind == "category" and value.upper() not in [v.upper() for v in spec["values"]]:
            codes.add(f"CATEGORY:{name}")
    return codes


def validate_batch(columns: dict[str, list[Any]], schema: dict[str, dict[str, Any]]) -> list[str]:
    """Return the sorted, distinct failure codes of `columns` against `schema`."""
    codes = {f"MISSING_COLUMN:{c}" for c in schema if c not in columns}
    codes |= {f"UNEXPECTED_COLUMN:{c}" for c in columns if c not in schema}
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        codes.add("LENGTH_MISMATCH")
    elif not lengths or lengths == {0}:
        codes.add("EMPTY")
    else:
        for name, values in columns.items():
            if name in schema:
                codes |= column_codes(name, values, schema[name])
    return sorted(codes)
