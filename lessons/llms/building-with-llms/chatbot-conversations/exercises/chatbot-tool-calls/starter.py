"""Tool calls for a chatbot: fill in the three functions."""

from __future__ import annotations

import json
from collections.abc import Callable

TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
STOPPED = "Stopped: too many tool calls."


def parse_tool_call(reply: str) -> dict | None:
    """{'tool', 'arguments'} if the reply is a JSON tool call, None if it is a plain answer."""
    raise NotImplementedError  # TODO


def validate_arguments(spec: dict, arguments: dict) -> list[str]:
    """Sorted problems: 'missing: p', 'unknown: p', 'type: p'; [] when the call is valid."""
    raise NotImplementedError  # TODO


def run_agent(
    question: str,
    llm: Callable[[list[dict]], str],
    tools: dict[str, Callable[..., object]],
    specs: list[dict],
    max_steps: int = 4,
) -> dict:
    """Call the model until it answers; run each valid tool call and feed back the result."""
    raise NotImplementedError  # TODO
