# mistake: Overall accuracy as the unweighted mean of the group accuracies (macro instead of micro).
# expect-status: failed
# expect-message: not the mean of the group accuracies
"""Overall accuracy as the unweighted mean of the group accuracies (macro instead of micro)."""

import numpy as np

REQUIRED_SECTIONS = ["Model details", "Intended use", "Training data", "Evaluation", "Limitations"]


def render_model_card(info, y_true, y_pred, groups, gap=0.05):
    correct = np.asarray(y_true) == np.asarray(y_pred)
    groups = np.asarray(groups)
    per_group = [(g, int((groups == g).sum()), float(correct[groups == g].mean())) for g in sorted(set(groups.tolist()))]
    overall = float(np.mean([acc for _, _, acc in per_group]))
    flagged = [f"- Lower accuracy for group={g}: {a:.3f} vs {overall:.3f} overall" for g, _, a in per_group if a < overall - gap]
    lines = [f"# Model card: {info['name']} v{info['version']}", "## Model details",
             f"- Owner: {info['owner']}", f"- Version: {info['version']}",
             "## Intended use", info["intended_use"], "## Training data", info["training_data"],
             "## Evaluation", "| slice | n | accuracy |", "|---|---|---|",
             f"| overall | {correct.size} | {overall:.3f} |"]
    lines += [f"| group={g} | {n} | {a:.3f} |" for g, n, a in per_group]
    lines += ["## Limitations"] + (flagged or ["- None identified"])
    return "\n".join(lines)


def missing_sections(markdown):
    heads = {line.strip().lower() for line in markdown.splitlines()}
    return [s for s in REQUIRED_SECTIONS if "## " + s.lower() not in heads]
