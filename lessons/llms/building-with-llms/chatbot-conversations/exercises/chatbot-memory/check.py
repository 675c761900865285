"""Checks for chatbot-memory: oldest-first trimming within a budget, and a stub-LLM conversation."""

from __future__ import annotations

from airoadmap_lab.grading.checks import Checks, Fail, LearnerRaised, expect, expect_equal

checks = Checks()

# A deterministic stand-in for a chat model: it remembers a name only if the message that gave
# it is still in the context it receives.
STUB = r"""
import re

seen = []


def stub_llm(messages):
    seen.append(len(messages))
    last = messages[-1]["content"]
    names = [m.group(1) for msg in messages if msg["role"] == "user"
             for m in [re.search(r"my name is (\w+)", msg["content"], flags=re.I)] if m]
    if "what is my name" in last.lower():
        return f"Your name is {names[-1]}." if names else "I do not know your name."
    return "Noted: " + " ".join(last.split()[:4])
"""

RUN_CHAT = (
    STUB
    + """
memory = ChatMemory(system, budget)
replies = [chat_turn(memory, text, stub_llm) for text in turns]
result = {"replies": replies, "seen": seen, "context": memory.context()}
"""
)

SYSTEM = {"role": "system", "content": "You are a helpful lighthouse assistant."}  # cost 9


def msg(role: str, words: int, tag: str) -> dict:
    return {"role": role, "content": " ".join([tag] + ["w"] * (words - 1))}


def conversation() -> list[dict]:
    """System, then 9 alternating turns (user first and last) with costs 3 + words."""
    lengths = [5, 12, 3, 8, 6, 4, 10, 2, 7]
    turns = [msg("user" if i % 2 == 0 else "assistant", n, f"m{i}") for i, n in enumerate(lengths)]
    return [SYSTEM, *turns]


def tags(messages) -> object:
    """Short names of messages for feedback: 'system', 'm0', 'm1', ..."""
    if not isinstance(messages, list):
        return messages
    return [
        "system" if m.get("role") == "system" else (m.get("content") or "?").split()[0]
        for m in messages
    ]


@checks.test("Everything fits: the conversation comes back unchanged", points=1)
def fits(t):
    messages = conversation()
    got = t.call("trim_history", messages, 1000)
    expect_equal(got, messages, what="trim_history(conversation, budget=1000)")


@checks.test("Trimming drops the oldest messages first and keeps the system message", points=2)
def trims_oldest(t):
    messages = conversation()
    for budget in (60, 40, 33, 19):
        got = t.call("trim_history", messages, budget)
        expected = t.ref.trim_history(messages, budget)
        if got != expected:
            raise Fail(
                f"trim_history(system + 9 messages, budget={budget}) kept {tags(got)}. Always "
                "keep the system message, then add messages from the newest backwards while the "
                "total cost stays <= budget; drop a leading assistant message from what remains."
            )


@checks.test("The kept messages fit the budget and never start with an orphan reply", points=1)
def properties(t):
    messages = conversation()
    for budget in range(19, 80, 3):
        got = t.call("trim_history", messages, budget)
        cost = sum(len(m["content"].split()) + 3 for m in got)
        expect(cost <= budget, f"With budget {budget} the kept messages cost {cost}.")
        expect(
            got[0] == SYSTEM and got[-1] == messages[-1],
            f"With budget {budget} the result must start with the system message and end with "
            "the newest message.",
        )
        expect(
            len(got) < 3 or got[1]["role"] == "user",
            f"With budget {budget} the first message after the system message is an assistant "
            "reply whose question was trimmed away; drop it too.",
        )
        expect(
            got[1:] == messages[len(messages) - len(got) + 1 :],
            f"With budget {budget} the kept messages are not the newest ones in their original "
            "order: keep a contiguous block that ends with the newest message.",
        )


@checks.test("Without a system message, and when nothing older fits", points=1)
def edge_cases(t):
    plain = conversation()[1:]
    for budget in (30, 10):
        expect_equal(
            t.call("trim_history", plain, budget),
            t.ref.trim_history(plain, budget),
            what=f"trim_history(9 messages without a system message, budget={budget})",
        )
    expect_equal(t.call("trim_history", [], 10), [], what="trim_history([], 10)")


@checks.test("ValueError when the system message and the newest message cannot fit", points=1)
def too_small(t):
    messages = conversation()
    missed = []
    for budget, label in ((18, "budget 18 < system 9 + newest 10"), (5, "budget 5")):
        try:
            t.call("trim_history", messages, budget)
            missed.append(label)
        except LearnerRaised as err:
            if "ValueError" not in err.type_names:
                missed.append(f"{label} (raised {err.type_name})")
    if missed:
        raise Fail(
            "trim_history must raise ValueError when even the system message plus the newest "
            f"message exceed the budget (silently dropping either is worse); not raised for "
            f"{'; '.join(missed)}."
        )


@checks.test("ChatMemory and chat_turn: the bot forgets exactly what was trimmed", points=2)
def chat(t):
    turns = [
        "Hello there, my name is Ada and I keep the north light",
        "What is my name?",
        "Tell me about the weather on the island today please",
        "How much oil is left in the store room right now",
        "Please remind me to clean the lens tomorrow morning early",
        "What is my name?",
    ]
    system = "You are a helpful lighthouse assistant."
    for budget in (200, 60):
        try:
            got = t.run(RUN_CHAT, system=system, budget=budget, turns=turns)
        except LearnerRaised as err:
            raise Fail(
                f"The conversation with budget {budget} raised {err.type_name}: {err.message}"
            ) from None
        namespace: dict = {}
        exec(STUB, namespace)
        memory = t.ref.ChatMemory(system, budget)
        expected = [t.ref.chat_turn(memory, text, namespace["stub_llm"]) for text in turns]
        expect(
            got["replies"] == expected and got["seen"] == namespace["seen"],
            f"With budget {budget} the stub model received contexts of {got['seen']} messages "
            f"and answered {got['replies'][-1]!r} at the end. chat_turn must add the user "
            "message, call llm(memory.context()) once, and add the reply as an assistant "
            "message; context() trims [system] + full history to the budget.",
        )
