"""Conversation memory for a chatbot: fill in the functions and the class."""

from __future__ import annotations

from collections.abc import Callable


def message_cost(message: dict) -> int:
    """Approximate tokens of a message: its words plus 3 for the role and delimiters (given)."""
    return len(message["content"].split()) + 3


def trim_history(messages: list[dict], budget: int) -> list[dict]:
    """Keep a leading system message and the newest messages that fit in `budget`."""
    raise NotImplementedError  # TODO


class ChatMemory:
    """The full conversation, and the trimmed view of it that is sent to the model."""

    def __init__(self, system: str, budget: int) -> None:
        raise NotImplementedError  # TODO

    def add(self, role: str, content: str) -> None:
        raise NotImplementedError  # TODO

    def context(self) -> list[dict]:
        raise NotImplementedError  # TODO


def chat_turn(memory: ChatMemory, user_text: str, llm: Callable[[list[dict]], str]) -> str:
    """Record the user's message, ask the model with the trimmed context, record the reply."""
    raise NotImplementedError  # TODO
