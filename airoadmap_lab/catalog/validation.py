"""Validate course files against the versioned JSON Schemas, with messages an author can act on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .locations import course_schema_dir
from .model import Problem
from .yaml_source import Location, line_of

SCHEMA_VERSION = 1
ID_RULE = "use lowercase letters, digits and '-', starting with a letter"


@cache
def validator(kind: str) -> Draft202012Validator:
    """The validator for ``roadmap``, ``lesson`` or ``exercise`` files."""
    schema = json.loads((course_schema_dir() / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _field(path: Location) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _describe(error: ValidationError) -> str:
    keyword = error.validator
    value = error.instance
    if keyword == "required":
        missing = str(error.message).split("'")[1]
        return f"the field '{missing}' is missing; add it (see docs/authoring.md)"
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        return f"unknown field {', '.join(map(repr, extra))}; allowed here: {', '.join(allowed)}"
    if keyword == "type":
        return f"this should be {_a(error.validator_value)}, not {_a(_json_type(value))}"
    if keyword == "pattern" and error.validator_value == "^[a-z][a-z0-9-]*$":
        return f"{value!r} is not a valid id: {ID_RULE}"
    if keyword == "pattern" and str(error.validator_value).startswith("^https?"):
        return f"{value!r} is not a web address: it must start with http:// or https://"
    if keyword == "minItems":
        return f"this list needs at least {error.validator_value} item(s)"
    if keyword == "maxItems":
        return f"this list may have at most {error.validator_value} items"
    if keyword == "minLength":
        return "this must not be empty"
    if keyword == "oneOf" and error.path and "readings" in error.path:
        return "a reading is either {resource, pointer} (an entry of the reading list) or {title, url, pointer}"
    if keyword in {"minimum", "maximum", "exclusiveMinimum"}:
        return f"{value!r} is out of range ({keyword} {error.validator_value})"
    return str(error.message)


def _a(kind: Any) -> str:
    kinds = kind if isinstance(kind, list) else [kind]
    words = {
        "object": "a mapping",
        "array": "a list",
        "string": "a text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "empty",
    }
    return " or ".join(words.get(k, str(k)) for k in kinds)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def check_version(data: dict[str, Any], file: str, lines: dict[Location, int]) -> Problem | None:
    """A problem if ``schema_version`` is missing, too old or too new for this release."""
    version = data.get("schema_version")
    line = line_of(lines, ("schema_version",))
    if version is None:
        return Problem(
            file,
            f"schema_version is missing; start the file with 'schema_version: {SCHEMA_VERSION}'",
            "schema_version",
            line,
        )
    if not isinstance(version, int) or isinstance(version, bool):
        return Problem(
            file,
            f"schema_version must be a whole number ({SCHEMA_VERSION})",
            "schema_version",
            line,
        )
    if version > SCHEMA_VERSION:
        return Problem(
            file,
            f"this file uses schema_version {version}, newer than this airoadmap-lab "
            f"understands ({SCHEMA_VERSION}); upgrade airoadmap-lab",
            "schema_version",
            line,
        )
    if version < SCHEMA_VERSION:
        return Problem(
            file,
            f"schema_version {version} is no longer supported; convert the file to "
            f"version {SCHEMA_VERSION} (docs/authoring.md)",
            "schema_version",
            line,
        )
    return None


def validate(
    kind: str, data: dict[str, Any], file: str, lines: dict[Location, int]
) -> list[Problem]:
    """Every problem of one course file, in the order of the file."""
    problem = check_version(data, file, lines)
    if problem:
        return [problem]
    return sorted(_problems(kind, data, file, lines), key=lambda p: (p.line or 0, p.field))


def _problems(
    kind: str, data: dict[str, Any], file: str, lines: dict[Location, int]
) -> Iterator[Problem]:
    for error in validator(kind).iter_errors(data):
        path = tuple(error.absolute_path)
        yield Problem(file, _describe(error), _field(path), line_of(lines, path))


def relative_name(path: Path, root: Path) -> str:
    """A path as an author sees it: relative to the course root's parent when possible."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
