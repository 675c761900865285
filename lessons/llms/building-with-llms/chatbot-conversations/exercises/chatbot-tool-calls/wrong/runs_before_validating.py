# expect-status: failed
# expect-message: never run a tool with invalid arguments
"""Wrong: the tool runs first and the arguments are checked afterwards."""

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
    text = reply.strip()
    if text.startswith("```json") and text.endswith("```") and len(text) >= 10:
        text = text[len("```json") : -3].strip()
    if not text.startswith("{"):
        return None
    call = json.loads(text)  # invalid JSON raises json.JSONDecodeError, a ValueError
    if (
        not isinstance(call, dict)
        or not isinstance(call.get("tool"), str)
        or not isinstance(call.get("arguments"), dict)
    ):
        raise ValueError("a tool call needs a string 'tool' and an object 'arguments'")
    return {"tool": call["tool"], "arguments": call["arguments"]}


def _has_type(value: object, type_name: str) -> bool:
    if isinstance(value, bool) and type_name != "boolean":
        return False  # True is an int in Python, but not an integer argument
    return isinstance(value, TYPES[type_name])


def validate_arguments(spec: dict, arguments: dict) -> list[str]:
    """Sorted problems: 'missing: p', 'unknown: p', 'type: p'; [] when the call is valid."""
    params = spec["parameters"]
    problems = [f"missing: {p}" for p in spec.get("required", []) if p not in arguments]
    for name, value in arguments.items():
        if name not in params:
            problems.append(f"unknown: {name}")
        elif not _has_type(value, params[name]):
            problems.append(f"type: {name}")
    return sorted(problems)


def run_agent(
    question: str,
    llm: Callable[[list[dict]], str],
    tools: dict[str, Callable[..., object]],
    specs: list[dict],
    max_steps: int = 4,
) -> dict:
    """Call the model until it answers; run each valid tool call and feed back the result."""
    by_name = {spec["name"]: spec for spec in specs}
    messages: list[dict] = [{"role": "user", "content": question}]
    executed: list[str] = []
    for _ in range(max_steps):
        reply = llm([dict(m) for m in messages])
        try:
            call = parse_tool_call(reply)
        except ValueError:
            messages.append({"role": "assistant", "content": reply})
            messages.append({"role": "tool", "name": "", "content": "error: invalid tool call"})
            continue
        if call is None:
            return {"answer": reply, "tool_calls": executed}
        messages.append({"role": "assistant", "content": reply})
        name = call["tool"]
        if name not in by_name or name not in tools:
            content = f"error: unknown tool {name}"
        else:
            result = tools[name](**call["arguments"])
            problems = validate_arguments(by_name[name], call["arguments"])
            if problems:
                content = "error: " + "; ".join(problems)
            else:
                content = json.dumps(result)
                executed.append(name)
        messages.append({"role": "tool", "name": name, "content": content})
    return {"answer": STOPPED, "tool_calls": executed}
