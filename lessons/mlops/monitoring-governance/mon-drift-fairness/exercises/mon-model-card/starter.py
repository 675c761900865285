"""Generate a model card from evaluation data, and check a card for its required sections."""

import numpy as np  # noqa: F401

REQUIRED_SECTIONS = ["Model details", "Intended use", "Training data", "Evaluation", "Limitations"]


def render_model_card(info, y_true, y_pred, groups, gap=0.05):
    """Return the Markdown model card described in the prompt."""
    raise NotImplementedError  # TODO


def missing_sections(markdown):
    """Return the required section names that have no '## <name>' heading, in order."""
    raise NotImplementedError  # TODO
