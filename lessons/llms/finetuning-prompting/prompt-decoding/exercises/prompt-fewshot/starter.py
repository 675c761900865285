"""Chat templates and few-shot selection: fill in the functions below."""

from __future__ import annotations

START, END = "<|im_start|>", "<|im_end|>"
ROLES = ("system", "user", "assistant")


def format_chat(messages: list[dict], add_generation_prompt: bool = True) -> str:
    """Render messages in the ChatML format after validating the roles."""
    raise NotImplementedError  # TODO


def example_cost(example: dict) -> int:
    """Words in the text plus words in the label (given: you may keep this)."""
    return len(example["text"].split()) + len(example["label"].split())


def select_fewshot(pool: list[dict], budget: int) -> list[dict]:
    """Pick a balanced, deterministic set of examples whose total cost fits the budget."""
    raise NotImplementedError  # TODO


def build_fewshot_messages(instruction: str, examples: list[dict], query: str) -> list[dict]:
    """System instruction, one user/assistant pair per example, then the query."""
    raise NotImplementedError  # TODO
