"""Reference solution: a model card whose metrics are recomputed from the evaluation data."""

from __future__ import annotations

from typing import Any

import numpy as np

REQUIRED_SECTIONS = ["Model details", "Intended use", "Training data", "Evaluation", "Limitations"]


def slice_accuracies(y_true: Any, y_pred: Any, groups: Any) -> list[tuple[str, int, float]]:
    """(slice name, n, accuracy) for "overall" and then each group in sorted order."""
    truth, pred, names = np.asarray(y_true), np.asarray(y_pred), np.asarray(groups).astype(str)
    correct = truth == pred
    rows = [("overall", int(correct.size), float(correct.mean()))]
    for g in sorted(set(names.tolist())):
        m = names == g
        rows.append((f"group={g}", int(m.sum()), float(correct[m].mean())))
    return rows


def render_model_card(
    info: dict[str, str], y_true: Any, y_pred: Any, groups: Any, gap: float = 0.05
) -> str:
    """Return the Markdown model card described in the prompt."""
    rows = slice_accuracies(y_true, y_pred, groups)
    overall = rows[0][2]
    flagged = [
        f"- Lower accuracy for {name}: {acc:.3f} vs {overall:.3f} overall"
        for name, _, acc in rows[1:]
        if acc < overall - gap
    ]
    lines = [
        f"# Model card: {info['name']} v{info['version']}",
        "",
        "## Model details",
        f"- Owner: {info['owner']}",
        f"- Version: {info['version']}",
        "",
        "## Intended use",
        info["intended_use"],
        "",
        "## Training data",
        info["training_data"],
        "",
        "## Evaluation",
        "| slice | n | accuracy |",
        "|---|---|---|",
        *(f"| {name} | {n} | {acc:.3f} |" for name, n, acc in rows),
        "",
        "## Limitations",
        *(flagged or ["- None identified"]),
        "",
    ]
    return "\n".join(lines)


def missing_sections(markdown: str) -> list[str]:
    """Return the required section names that have no '## <name>' heading, in order."""
    headings = {line.strip().lower() for line in markdown.splitlines()}
    return [name for name in REQUIRED_SECTIONS if f"## {name.lower()}" not in headings]
