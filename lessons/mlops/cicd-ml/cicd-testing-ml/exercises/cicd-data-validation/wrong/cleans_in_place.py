# expect-status: failed
# expect-message: changed its input
# mistake: Rewrites NaN to None in the caller's lists while validating (a validator must not edit data).
"""Normalises NaN to None in the caller's lists while validating: a validator must not edit data."""

import math


def validate_batch(columns, schema):
    codes = {f"MISSING_COLUMN:{c}" for c in schema if c not in columns}
    codes |= {f"UNEXPECTED_COLUMN:{c}" for c in columns if c not in schema}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        return sorted(codes | {"LENGTH_MISMATCH"})
    if not lengths or lengths == {0}:
        return sorted(codes | {"EMPTY"})
    for name, values in columns.items():
        spec = schema.get(name)
        if spec is None:
            continue
        kind = spec["type"]
        for i, v in enumerate(values):
            if isinstance(v, float) and math.isnan(v):
                values[i] = v = None  # "cleaning" the caller's data
            if v is None:
                if not spec.get("nullable", False):
                    codes.add(f"NULL:{name}")
                continue
            if isinstance(v, bool):
                ok = False
            elif kind == "int":
                ok = isinstance(v, int)
            elif kind == "float":
                ok = isinstance(v, (int, float))
            else:
                ok = isinstance(v, str)
            if not ok:
                codes.add(f"TYPE:{name}")
            elif kind in ("int", "float"):
                if math.isinf(v) or v < spec.get("min", -math.inf) or v > spec.get("max", math.inf):
                    codes.add(f"RANGE:{name}")
            elif kind == "category" and v not in spec["values"]:
                codes.add(f"CATEGORY:{name}")
    return sorted(codes)
