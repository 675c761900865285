"""Checks for chatbot-tool-calls. The model is a scripted stub; the tools are fakes that log calls."""

from __future__ import annotations

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_equal

checks = Checks()

SPECS = [
    {
        "name": "get_weather",
        "parameters": {"city": "string", "days": "integer"},
        "required": ["city"],
    },
    {"name": "get_time", "parameters": {}, "required": []},
]

# Fake tools and scripted models. A script looks only at the conversation it receives, so the
# same script gives the same run for any correct implementation.
STUB = r"""
import json

log = []
seen = []


def get_weather(city, days=1):
    log.append(["get_weather", city, days])
    return {"city": city, "days": days, "summary": "windy"}


def get_time():
    log.append(["get_time"])
    return {"time": "12:00"}


TOOLS = {"get_weather": get_weather, "get_time": get_time}


def last_tool(messages):
    tools = [m for m in messages if m["role"] == "tool"]
    return tools[-1]["content"] if tools else None


def weather_model(messages):
    seen.append([dict(m) for m in messages])
    result = last_tool(messages)
    if result is None:
        return '{"tool": "get_weather", "arguments": {"city": "Oslo", "days": "2"}}'
    if result.startswith("error:"):
        return '```json\n{"tool": "get_weather", "arguments": {"city": "Oslo", "days": 2}}\n```'
    return "It will be " + json.loads(result)["summary"] + " in Oslo."


def rogue_model(messages):
    seen.append([dict(m) for m in messages])
    n = sum(m["role"] == "tool" for m in messages)
    if n == 0:
        return '{"tool": "launch_rocket", "arguments": {}}'
    if n == 1:
        return '{"tool": "get_weather", "arguments": {"city": "Oslo"'
    return "I can only tell you the weather and the time."


def loop_model(messages):
    seen.append([dict(m) for m in messages])
    return '{"tool": "get_time", "arguments": {}}'


def plain_model(messages):
    seen.append([dict(m) for m in messages])
    return "Hello! How can I help?"


MODELS = {"weather": weather_model, "rogue": rogue_model, "loop": loop_model,
          "plain": plain_model}
"""

RUN = (
    STUB
    + """
out = run_agent(question, MODELS[model], TOOLS, specs, max_steps=max_steps)
result = {"out": out, "log": log, "seen": seen}
"""
)


def run_both(t, model: str, max_steps: int = 4) -> tuple[dict, dict]:
    """The learner's run (in the sandbox) and the reference run of the same script."""
    inputs = {
        "question": "What is the weather in Oslo?",
        "model": model,
        "specs": SPECS,
        "max_steps": max_steps,
    }
    try:
        got = t.run(RUN, **inputs)
    except LearnerRaised as err:
        raise Fail(
            f"run_agent with the '{model}' model raised {err.type_name}: {err.message}. The "
            "loop must turn every bad tool call into an error message for the model."
        ) from None
    namespace: dict = {"run_agent": t.ref.run_agent, **inputs}
    exec(RUN, namespace)
    return got, namespace["result"]


@checks.test("parse_tool_call: JSON calls (also fenced), plain answers, malformed calls", points=2)
def parsing(t):
    good = [
        ('{"tool": "get_time", "arguments": {}}', "a bare JSON call"),
        ('  \n{"tool": "get_weather", "arguments": {"city": "Oslo"}}\n', "a call with spaces"),
        ('```json\n{"tool": "get_time", "arguments": {}}\n```', "a call in a ```json fence"),
        ("It is sunny.", "a plain answer"),
        ("[1, 2]", "text that is not an object"),
        ("", "an empty reply"),
    ]
    for reply, label in good:
        got = t.call("parse_tool_call", reply)
        expect_equal(got, t.ref.parse_tool_call(reply), what=f"parse_tool_call on {label}")
    bad = [
        ('{"tool": "get_time", "arguments": {}', "broken JSON"),
        ('{"tool": 3, "arguments": {}}', "a tool name that is not a string"),
        ('{"tool": "get_time"}', "a call without arguments"),
        ('{"tool": "get_time", "arguments": [1]}', "arguments that are not an object"),
    ]
    missed = []
    for reply, label in bad:
        try:
            t.call("parse_tool_call", reply)
            missed.append(label)
        except LearnerRaised as err:
            if "ValueError" not in err.type_names:
                missed.append(f"{label} (raised {err.type_name})")
    if missed:
        raise Fail(
            "parse_tool_call should raise ValueError for a reply that starts like a call but "
            f"is not a valid one; it did not for: {'; '.join(missed)}."
        )


@checks.test("validate_arguments reports missing, unknown and mistyped arguments", points=2)
def validation(t):
    weather = SPECS[0]
    number_spec = {"name": "n", "parameters": {"x": "number", "flag": "boolean"}, "required": []}
    cases = [
        (weather, {"city": "Oslo", "days": 3}, "a valid call"),
        (weather, {"city": "Oslo"}, "a valid call without the optional days"),
        (weather, {"days": 3}, "a missing required city"),
        (weather, {"city": "Oslo", "when": "now"}, "an unknown argument"),
        (weather, {"city": "Oslo", "days": "3"}, "days given as the string '3'"),
        (weather, {"city": "Oslo", "days": 2.5}, "days given as 2.5"),
        (weather, {"city": "Oslo", "days": True}, "days given as True (a bool is not an integer)"),
        (weather, {"zip": 1, "days": None}, "several problems at once (sorted)"),
        (number_spec, {"x": 3, "flag": False}, "an int for a number and a bool for a boolean"),
        (number_spec, {"x": False, "flag": 1}, "a bool for a number and an int for a boolean"),
    ]
    for spec, args, label in cases:
        expect_equal(
            t.call("validate_arguments", spec, args),
            t.ref.validate_arguments(spec, args),
            what=f"validate_arguments with {label}",
        )


@checks.test("A plain answer ends the loop at once, with no tool call", points=1)
def plain(t):
    got, expected = run_both(t, "plain")
    expect_equal(got["out"], expected["out"], what="run_agent with a model that answers directly")
    expect(len(got["seen"]) == 1, f"The model was called {len(got['seen'])} times instead of once.")


@checks.test("A mistyped call is reported back, never executed, then retried", points=2)
def weather(t):
    got, expected = run_both(t, "weather")
    expect(
        got["log"] == expected["log"],
        f"The tools were executed as {got['log']}; only the corrected call "
        "get_weather(city='Oslo', days=2) may run. Validate the arguments against the spec "
        "before running a tool, and never run a tool with invalid arguments.",
    )
    expect(
        got["seen"] == expected["seen"],
        "The conversation sent to the model differs from the specified one. After each tool "
        "call append the assistant message (the raw reply) and a tool message {'role': 'tool', "
        "'name': ..., 'content': ...} whose content is json.dumps(result), or 'error: ' "
        "followed by the problems joined with '; '.",
    )
    expect_equal(got["out"], expected["out"], what="run_agent with the weather model")


@checks.test("Unknown tools and broken JSON become error messages, not crashes", points=1)
def rogue(t):
    got, expected = run_both(t, "rogue")
    expect(got["log"] == [], f"No tool should have run, but these did: {got['log']}.")
    expect(
        got["seen"] == expected["seen"],
        "The conversation after an unknown tool or a broken call differs from the specified "
        "one: the tool message is 'error: unknown tool NAME' (with the name the model used), "
        "or 'error: invalid tool call' with name '' when the reply is not a valid call.",
    )
    expect_equal(got["out"], expected["out"], what="run_agent with the rogue model")


@checks.test("A model that never stops is cut off after max_steps calls", points=1)
def loop(t):
    for max_steps in (4, 1):
        got, expected = run_both(t, "loop", max_steps=max_steps)
        expect(
            len(got["seen"]) == max_steps,
            f"With max_steps={max_steps} the model was called {len(got['seen'])} times; call it "
            "at most max_steps times.",
        )
        expect_equal(
            got["out"],
            expected["out"],
            what=f"run_agent with a model that always calls a tool (max_steps={max_steps})",
        )
