# expect-status: failed
# expect-message: stop at the first example that does not fit
"""Wrong: an example that does not fit is skipped and the search goes on with smaller ones."""

from __future__ import annotations

START, END = "<|im_start|>", "<|im_end|>"
ROLES = ("system", "user", "assistant")


def _check_messages(messages: list[dict], add_generation_prompt: bool) -> None:
    if not messages:
        raise ValueError("a conversation needs at least one message")
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or "role" not in m or "content" not in m:
            raise ValueError(f"message {i} must be a dict with 'role' and 'content'")
        if m["role"] not in ROLES:
            raise ValueError(f"message {i} has unknown role {m['role']!r}")
        if not isinstance(m["content"], str):
            raise ValueError(f"message {i} content must be a string")
        if START in m["content"] or END in m["content"]:
            raise ValueError(f"message {i} contains a control token")
    rest = messages[1:] if messages[0]["role"] == "system" else messages
    for i, m in enumerate(rest):
        expected = "user" if i % 2 == 0 else "assistant"
        if m["role"] != expected:
            raise ValueError(f"expected a {expected} message, got {m['role']!r}")
    if add_generation_prompt and (not rest or rest[-1]["role"] != "user"):
        raise ValueError("the last message must come from the user")


def format_chat(messages: list[dict], add_generation_prompt: bool = True) -> str:
    """Render messages in the ChatML format after validating the roles."""
    _check_messages(messages, add_generation_prompt)
    text = "".join(f"{START}{m['role']}\n{m['content']}{END}\n" for m in messages)
    return text + (f"{START}assistant\n" if add_generation_prompt else "")


def example_cost(example: dict) -> int:
    """Words in the text plus words in the label."""
    return len(example["text"].split()) + len(example["label"].split())


def select_fewshot(pool: list[dict], budget: int) -> list[dict]:
    """Round-robin over sorted labels, pool order within a label; stop at the first misfit."""
    queues: dict[str, list[dict]] = {}
    for example in pool:
        queues.setdefault(example["label"], []).append(example)
    labels = sorted(queues)
    chosen: list[dict] = []
    used = 0
    for rnd in range(max((len(q) for q in queues.values()), default=0)):
        for label in labels:
            if rnd >= len(queues[label]):
                continue
            example = queues[label][rnd]
            cost = example_cost(example)
            if used + cost > budget:
                continue
            chosen.append(example)
            used += cost
    return chosen


def build_fewshot_messages(instruction: str, examples: list[dict], query: str) -> list[dict]:
    """System instruction, one user/assistant pair per example, then the query."""
    messages = [{"role": "system", "content": instruction}]
    for example in examples:
        messages.append({"role": "user", "content": example["text"]})
        messages.append({"role": "assistant", "content": example["label"]})
    messages.append({"role": "user", "content": query})
    return messages
