"""Read a YAML file and remember the line of every value, so errors can name a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

Location = tuple[Any, ...]


class YamlError(ValueError):
    """A file that is not valid YAML, or not a mapping at the top."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _lines(node: yaml.Node, path: Location, out: dict[Location, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _lines(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), out)


def load_yaml(path: Path) -> tuple[dict[str, Any], dict[Location, int]]:
    """Load a YAML mapping and a map from value path (keys and indexes) to line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise YamlError(f"the file is not UTF-8 text ({err.reason}); save it as UTF-8") from err
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise YamlError(f"this is not valid YAML: {err.problem}", line) from err
    except yaml.YAMLError as err:
        raise YamlError(f"this is not valid YAML: {err}") from err
    if not isinstance(data, dict) or node is None:
        raise YamlError(
            "the file must be a YAML mapping (key: value lines) starting with schema_version"
        )
    lines: dict[Location, int] = {}
    _lines(node, (), lines)
    return data, lines


def line_of(lines: dict[Location, int], path: Location) -> int | None:
    """The line of the deepest known value on ``path``."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
