"""Checks for cicd-data-validation: a clean batch, then one planted defect per fixture."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail

checks = Checks()

SCHEMA = {
    "age": {"type": "int", "min": 18, "max": 100},
    "income": {"type": "float", "min": 0.0, "nullable": True},
    "score": {"type": "float", "min": 0.0, "max": 1.0},
    "country": {"type": "category", "values": ["DE", "FR", "IT", "NL"]},
    "name": {"type": "str", "nullable": True},
    "weight": {"type": "float"},
}


@cache
def clean_batch() -> dict[str, list]:
    """60 valid rows; the bounds themselves (18, 100, 0.0, 1.0) and nulls in nullable columns appear."""
    rng = np.random.default_rng(11)
    n = 60
    age = [int(a) for a in rng.integers(18, 101, size=n)]
    age[0], age[1] = 18, 100
    income: list = [float(round(x, 2)) for x in rng.gamma(2.0, 20000.0, size=n)]
    income[2], income[3], income[4] = 0.0, None, float("nan")
    score = [float(s) for s in rng.uniform(0, 1, size=n)]
    score[5], score[6], score[7] = 0.0, 1.0, 1  # an int in a float column is fine
    country = [str(c) for c in rng.choice(["DE", "FR", "IT", "NL"], size=n)]
    name: list = [f"user{i}" for i in range(n)]
    name[8] = None
    weight = [float(w) for w in rng.normal(0.0, 50.0, size=n)]  # no bounds: any finite float
    weight[9] = -1e300
    return {
        "age": age,
        "income": income,
        "score": score,
        "country": country,
        "name": name,
        "weight": weight,
    }


def with_value(column: str, row: int, value: object) -> Callable[[dict], dict]:
    def corrupt(batch: dict) -> dict:
        batch[column][row] = value
        return batch

    return corrupt


def drop(column: str) -> Callable[[dict], dict]:
    def corrupt(batch: dict) -> dict:
        del batch[column]
        return batch

    return corrupt


def add(column: str) -> Callable[[dict], dict]:
    def corrupt(batch: dict) -> dict:
        batch[column] = [0] * len(batch["age"])
        return batch

    return corrupt


def truncate(column: str) -> Callable[[dict], dict]:
    def corrupt(batch: dict) -> dict:
        batch[column] = batch[column][:-1]
        return batch

    return corrupt


def empty(batch: dict) -> dict:
    return {k: [] for k in batch}


def both(*fns: Callable[[dict], dict]) -> Callable[[dict], dict]:
    def corrupt(batch: dict) -> dict:
        for fn in fns:
            batch = fn(batch)
        return batch

    return corrupt


NAN, INF = float("nan"), float("inf")

RANGES = [
    ("age 17, below the minimum 18", with_value("age", 10, 17)),
    ("age 101, above the maximum 100", with_value("age", 11, 101)),
    ("income -0.01, below the minimum 0.0 (no maximum)", with_value("income", 12, -0.01)),
    ("score 1.5, above the maximum 1.0", with_value("score", 13, 1.5)),
    ("score inf", with_value("score", 14, INF)),
    ("income -inf (a nullable column without maximum)", with_value("income", 15, -INF)),
    ("income inf (a column with a minimum but no maximum)", with_value("income", 16, INF)),
    ("weight inf (a float column without any bounds)", with_value("weight", 17, INF)),
    ("weight -inf (a float column without any bounds)", with_value("weight", 18, -INF)),
]
TYPES = [
    ("age 30.0, a float in an int column", with_value("age", 16, 30.0)),
    ("age True, a bool in an int column", with_value("age", 17, True)),
    ("score False, a bool in a float column", with_value("score", 18, False)),
    ("score '0.5', a string in a float column", with_value("score", 19, "0.5")),
    ("name 42, an int in a str column", with_value("name", 20, 42)),
    ("country 3, an int in a category column", with_value("country", 21, 3)),
]
NULLS = [
    ("age None", with_value("age", 22, None)),
    ("score NaN", with_value("score", 23, NAN)),
    ("country None", with_value("country", 24, None)),
    ("income NaN (income is nullable: not an error)", with_value("income", 25, NAN)),
    ("name None (name is nullable: not an error)", with_value("name", 26, None)),
]
CATEGORIES = [
    ("country 'UK', not an allowed value", with_value("country", 27, "UK")),
    ("country 'de', lower case", with_value("country", 28, "de")),
    ("country '' (empty string)", with_value("country", 29, "")),
]
TABLE = [
    ("the column 'score' missing", drop("score")),
    ("an extra column 'debug'", add("debug")),
    ("column 'name' one row shorter than the others", truncate("name")),
    ("no rows at all", empty),
    ("no rows and an extra column", both(empty, add("debug"))),
    ("no columns at all ({})", lambda batch: {}),
    (
        "score missing and a NaN in age (value checks still run)",
        both(drop("score"), with_value("age", 3, NAN)),
    ),
    (
        "a shorter column plus a bad age (value checks skipped)",
        both(truncate("name"), with_value("age", 5, 5)),
        "When the lengths differ, report LENGTH_MISMATCH and skip the value checks.",
    ),
    (
        "an unexpected column holding strings (not value-checked)",
        both(add("debug"), with_value("debug", 0, "x")),
        "Value checks run only on the columns the schema lists.",
    ),
]
COMBINED = [
    (
        "age 17 and country 'UK' and score NaN",
        both(
            with_value("age", 30, 17), with_value("country", 31, "UK"), with_value("score", 32, NAN)
        ),
    ),
    ("two bad ages in the same column", both(with_value("age", 33, 5), with_value("age", 34, 500))),
]


MISSED_ADVICE = {
    "RANGE": "inf and -inf are out of range in every numeric column, also in one without 'min' "
    "or 'max': test them with math.isinf, since a missing bound compares nothing.",
    "TYPE": "An int column takes int but not bool or float; a float column takes int or float but "
    "not bool; str and category columns take str only. Test bool first: isinstance(True, int) "
    "is True.",
    "NULL": "A value is null when it is None or a float NaN, and NaN passes every comparison "
    "unnoticed: test it with math.isnan before the type and range checks.",
    "CATEGORY": "Compare the string with the allowed values exactly: case matters.",
    "MISSING_COLUMN": "Every schema column absent from the batch is reported, also when the batch "
    "is empty.",
    "UNEXPECTED_COLUMN": "Every batch column that the schema does not list is reported.",
    "LENGTH_MISMATCH": "Compare the lengths of all columns.",
    "EMPTY": "EMPTY applies when every column has length 0, and also when there are no columns.",
}
EXTRA_ADVICE = {
    "RANGE": "The bounds are inclusive: min and max themselves are fine; a null is never a RANGE "
    "error.",
    "TYPE": "A null (None or NaN) is reported as NULL (or not at all in a nullable column), never "
    "as TYPE; an int is a valid float.",
    "NULL": "Nulls in a column with 'nullable': True are allowed.",
    "CATEGORY": "Only values outside 'values' are a CATEGORY error; a null is not.",
    "EMPTY": "EMPTY is for a batch whose columns all have length 0 (or no columns).",
    "LENGTH_MISMATCH": "Columns of equal length are aligned.",
}


def run_cases(t, cases: list[tuple]) -> None:
    """Each case is (description, corrupt) or (description, corrupt, advice on failure)."""
    for case, corrupt, *case_advice in cases:
        batch = corrupt(copy.deepcopy(clean_batch()))
        expected = t.ref.validate_batch(batch, SCHEMA)
        got = t.call("validate_batch", batch, SCHEMA)
        if not isinstance(got, list) or not all(isinstance(c, str) for c in got):
            raise Fail(f"validate_batch should return a list of str codes (fixture: {case}).")
        if got != sorted(set(got)):
            raise Fail(f"On the fixture '{case}' the codes are not sorted and distinct: {got}.")
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missed {', '.join(missing)}")
            if extra:
                parts.append(f"also reported {', '.join(extra)}")
            first = (missing or extra)[0].split(":")[0]
            advice = (MISSED_ADVICE if missing else EXTRA_ADVICE).get(
                first, "Reread the rule for that code in the prompt."
            )
            if case_advice:
                advice = case_advice[0]
            raise Fail(f"On the fixture '{case}' your validator {' and '.join(parts)}. {advice}")


@checks.test("A clean batch (with values on the bounds and allowed nulls) gives []", points=2)
def clean(t):
    run_cases(t, [("the clean batch", lambda b: b)])


@checks.test("Out-of-range values, including infinity", points=2)
def ranges(t):
    run_cases(t, RANGES)


@checks.test("Wrong types, including bools in numeric columns", points=2)
def types(t):
    run_cases(t, TYPES)


@checks.test("Nulls (None and NaN) only where the column is not nullable", points=2)
def nulls(t):
    run_cases(t, NULLS)


@checks.test("Unknown categories", points=1)
def categories(t):
    run_cases(t, CATEGORIES)


@checks.test("Missing and unexpected columns, length mismatch and empty batches", points=2)
def table(t):
    run_cases(t, TABLE)


@checks.test("Several defects at once are all reported, once each", points=1)
def combined(t):
    run_cases(t, COMBINED)
