"""Schema validation for a batch of tabular data."""

import math  # noqa: F401


def validate_batch(columns, schema):
    """Return the sorted, distinct failure codes of `columns` against `schema`."""
    # TODO: column set, lengths, then nulls, types, ranges and categories per column
    raise NotImplementedError
