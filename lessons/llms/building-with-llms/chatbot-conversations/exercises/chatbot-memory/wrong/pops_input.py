# expect-status: failed
# expect-message: changed its input
"""Wrong: old messages are popped from the caller's list."""

from __future__ import annotations

from collections.abc import Callable


def message_cost(message: dict) -> int:
    """Approximate tokens of a message: its words plus 3 for the role and delimiters."""
    return len(message["content"].split()) + 3


def trim_history(messages: list[dict], budget: int) -> list[dict]:
    """Keep a leading system message and the newest messages that fit in `budget`."""
    if not messages:
        return []
    system = messages[:1] if messages[0]["role"] == "system" else []
    rest = messages[len(system) :]
    used = sum(message_cost(m) for m in system)
    if not rest:
        if used > budget:
            raise ValueError("the system message alone exceeds the budget")
        return list(system)
    if used + message_cost(rest[-1]) > budget:
        raise ValueError("the system message and the newest message do not fit in the budget")
    first = len(system)
    while sum(message_cost(m) for m in messages) > budget:
        messages.pop(first)
    kept = messages[first:]
    if len(kept) > 1 and kept[0]["role"] == "assistant":
        kept = kept[1:]  # a reply without its question only confuses the model
    return system + kept


class ChatMemory:
    """The full conversation, and the trimmed view of it that is sent to the model."""

    def __init__(self, system: str, budget: int) -> None:
        self.system = {"role": "system", "content": system}
        self.budget = budget
        self.history: list[dict] = []

    def add(self, role: str, content: str) -> None:
        """Append one message to the full history."""
        self.history.append({"role": role, "content": content})

    def context(self) -> list[dict]:
        """The messages to send: the system message and the newest history within the budget."""
        return trim_history([self.system, *self.history], self.budget)


def chat_turn(memory: ChatMemory, user_text: str, llm: Callable[[list[dict]], str]) -> str:
    """Record the user's message, ask the model with the trimmed context, record the reply."""
    memory.add("user", user_text)
    reply = llm(memory.context())
    memory.add("assistant", reply)
    return reply
