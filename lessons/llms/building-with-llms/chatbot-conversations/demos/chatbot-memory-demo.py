# Shrink the budget and watch the oldest turns fall out of the context.
# A short conversation with a lighthouse assistant. The cost of a message is its number of words
# plus 3. Messages in the context are shown in full; trimmed ones are struck out with ~~. Note
# that the system message always stays, and that an assistant reply whose question was trimmed
# is dropped too.
import ipywidgets as widgets

CONVERSATION = [
    ("system", "You are a helpful lighthouse assistant. Answer in one sentence."),
    ("user", "Hi, my name is Ada and I keep the north light."),
    ("assistant", "Nice to meet you, Ada."),
    ("user", "How much oil should I order for the winter?"),
    ("assistant", "About five weeks of oil, counting one lamp burning every night."),
    ("user", "And how often should I clean the lens?"),
    ("assistant", "Every day at dawn, after the lamp is put out."),
    ("user", "What is my name?"),
]


def cost(content):
    return len(content.split()) + 3


def trim(messages, budget):
    system, rest = messages[:1], messages[1:]
    used = cost(system[0][1])
    start = len(rest)
    while start > 0 and used + cost(rest[start - 1][1]) <= budget:
        start -= 1
        used += cost(rest[start][1])
    if len(rest) - start > 1 and rest[start][0] == "assistant":
        start += 1
    return {0} | {1 + i for i in range(start, len(rest))}


def show(budget=80):
    minimum = cost(CONVERSATION[0][1]) + cost(CONVERSATION[-1][1])
    if budget < minimum:
        print(f"budget {budget} is below system + newest message ({minimum}): ValueError")
        return
    kept = trim(CONVERSATION, budget)
    total = sum(cost(c) for i, (_, c) in enumerate(CONVERSATION) if i in kept)
    print(f"context: {len(kept)} of {len(CONVERSATION)} messages, {total} of {budget} tokens\n")
    for i, (role, content) in enumerate(CONVERSATION):
        line = f"{role:>9} ({cost(content):2d}): {content}"
        print(line if i in kept else f"~~{line}~~")
    name_kept = 1 in kept
    print(
        "\nThe model can answer 'What is my name?':", "yes" if name_kept else "no, it was trimmed"
    )


_ = widgets.interact(show, budget=widgets.IntSlider(value=80, min=15, max=100, step=1))
