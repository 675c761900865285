"""Checks for mon-model-card: parse the learner's card and compare it with recomputed metrics."""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from airoadmap_lab.grading.checks import Checks, Fail, expect, expect_equal

checks = Checks()

INFO = {
    "name": "loan-risk",
    "version": "3.1",
    "owner": "credit-ml team",
    "intended_use": "Rank consumer loan applications for manual review by an underwriter.",
    "training_data": "Applications from 2019 to 2023, de-duplicated, with outcomes after 12 months.",
}
SECTIONS = ["Model details", "Intended use", "Training data", "Evaluation", "Limitations"]
BULLET = re.compile(r"^- Lower accuracy for (group=\S+): ([0-9.]+) vs ([0-9.]+) overall$")


@cache
def evaluation(kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels, predictions and groups; 'uneven' has one clearly worse group, 'even' none."""
    rng = np.random.default_rng({"uneven": 4, "even": 5}[kind])
    sizes = {"north": 200, "south": 80, "islands": 40}
    error = {
        "uneven": {"north": 0.08, "south": 0.12, "islands": 0.30},
        "even": {"north": 0.10, "south": 0.11, "islands": 0.09},
    }[kind]
    groups = np.concatenate([np.full(n, g) for g, n in sizes.items()])
    y_true = rng.integers(0, 2, groups.size)
    flip = rng.uniform(size=groups.size) < np.vectorize(error.get)(groups)
    y_pred = np.where(flip, 1 - y_true, y_true)
    order = rng.permutation(groups.size)
    return y_true[order], y_pred[order], groups[order]


def sections_of(card: str) -> dict[str, list[str]]:
    """Map each '## ' heading (lower case) to the stripped, non-empty lines under it."""
    out: dict[str, list[str]] = {}
    current = None
    for raw in card.splitlines():
        line = raw.strip()
        if line.startswith("## "):
            current = line[3:].strip().lower()
            out[current] = []
        elif line.startswith("# "):
            current = None
        elif current is not None and line:
            out[current].append(line)
    return out


def get_card(t, kind: str, gap: float = 0.05) -> tuple[str, dict[str, list[str]]]:
    y_true, y_pred, groups = evaluation(kind)
    card = t.call("render_model_card", INFO, y_true, y_pred, groups, gap)
    expect(isinstance(card, str), "render_model_card should return the card as a str.")
    return card, sections_of(card)


def expected_rows(kind: str) -> list[tuple[str, int, float]]:
    y_true, y_pred, groups = evaluation(kind)
    correct = y_true == y_pred
    rows = [("overall", correct.size, float(correct.mean()))]
    for g in sorted(set(groups.tolist())):
        m = groups == g
        rows.append((f"group={g}", int(m.sum()), float(correct[m].mean())))
    return rows


@checks.test("Title and the five sections, in order, with the info texts", points=2)
def structure(t):
    card, sections = get_card(t, "uneven")
    first = next((line.strip() for line in card.splitlines() if line.strip()), "")
    expect(
        first == f"# Model card: {INFO['name']} v{INFO['version']}",
        "The first line should be the title '# Model card: <name> v<version>'.",
    )
    headings = [
        line.strip()[3:].strip().lower()
        for line in card.splitlines()
        if line.strip().startswith("## ")
    ]
    for name in SECTIONS:
        expect(name.lower() in headings, f"The card has no '## {name}' section.")
    positions = [headings.index(name.lower()) for name in SECTIONS]
    expect(positions == sorted(positions), f"The sections should come in the order {SECTIONS}.")
    details = sections["model details"]
    expect(
        f"- Owner: {INFO['owner']}" in details and f"- Version: {INFO['version']}" in details,
        "'## Model details' should list '- Owner: <owner>' and '- Version: <version>'.",
    )
    expect(
        INFO["intended_use"] in " ".join(sections["intended use"]),
        "'## Intended use' should contain info['intended_use'].",
    )
    expect(
        INFO["training_data"] in " ".join(sections["training data"]),
        "'## Training data' should contain info['training_data'].",
    )


def table_rows(sections: dict[str, list[str]]) -> list[list[str]]:
    lines = [line for line in sections.get("evaluation", []) if line.startswith("|")]
    if len(lines) < 2:
        raise Fail(
            "'## Evaluation' should hold a Markdown table: a header row, a |---| row and data rows."
        )
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    expect(
        [c.lower() for c in cells[0]] == ["slice", "n", "accuracy"],
        "The evaluation table's header should be '| slice | n | accuracy |'.",
    )
    return cells[2:]


@checks.test("The evaluation table recomputes n and accuracy, overall and per group", points=3)
def table(t):
    for kind in ("uneven", "even"):
        _, sections = get_card(t, kind)
        rows = table_rows(sections)
        expected = expected_rows(kind)
        names = [r[0] for r in rows]
        expect(
            names == [e[0] for e in expected],
            f"The table rows should be 'overall' then 'group=<g>' for each group in sorted order "
            f"(found {names}).",
        )
        for row, (name, n, acc) in zip(rows, expected, strict=True):
            expect(len(row) == 3, f"The table row for {name} should have 3 cells.")
            expect(
                row[1] == str(n), f"The row {name}: n should be the number of rows of that slice."
            )
            try:
                value = float(row[2])
            except ValueError:
                raise Fail(
                    f"The row {name}: accuracy should be a number with 3 decimals."
                ) from None
            expect(
                re.fullmatch(r"\d\.\d{3}", row[2]) is not None,
                f"The row {name}: write the accuracy with 3 decimals (f'{{acc:.3f}}').",
            )
            advice = (
                "The overall accuracy is over all rows, not the mean of the group accuracies."
                if name == "overall"
                else "Accuracy is the share of the group's rows with y_pred == y_true."
            )
            expect(
                abs(value - acc) <= 0.0005 + 1e-12,
                f"The row {name}: the accuracy is wrong. {advice}",
            )


def bullets(sections: dict[str, list[str]]) -> list[str]:
    return [line for line in sections.get("limitations", []) if line.startswith("-")]


@checks.test("Limitations flag exactly the groups more than `gap` below overall", points=2)
def limitations(t):
    for kind, gap in (("uneven", 0.05), ("uneven", 0.0), ("uneven", 0.25), ("even", 0.05)):
        _, sections = get_card(t, kind, gap)
        rows = expected_rows(kind)
        overall = rows[0][2]
        flagged = [(name, acc) for name, _, acc in rows[1:] if acc < overall - gap]
        got = bullets(sections)
        case = f"the {'uneven' if kind == 'uneven' else 'even'} evaluation with gap={gap}"
        if not flagged:
            expect_equal(got, ["- None identified"], what=f"the Limitations bullets for {case}")
            continue
        parsed = [BULLET.match(line) for line in got]
        expect(
            all(parsed),
            f"For {case}, each Limitations bullet should read '- Lower accuracy for "
            "group=<g>: <acc> vs <overall> overall'.",
        )
        names = [m.group(1) for m in parsed]
        expect(
            names == [name for name, _ in flagged],
            f"For {case}, the flagged groups are wrong (found {names}). Flag a group when its "
            "accuracy is below overall - gap, and list flagged groups in sorted order.",
        )
        for m, (name, acc) in zip(parsed, flagged, strict=True):
            expect(
                abs(float(m.group(2)) - acc) <= 0.0005 + 1e-12
                and abs(float(m.group(3)) - overall) <= 0.0005 + 1e-12,
                f"For {case}, the numbers in the bullet for {name} do not match the table.",
            )


@checks.test("missing_sections finds exactly the missing required headings", points=2)
def missing(t):
    full = t.ref.render_model_card(INFO, *evaluation("even"))
    cases = [
        ("a complete card", full),
        ("an empty string", ""),
        ("a card without Limitations", full.split("## Limitations")[0]),
        (
            "a card with '### Evaluation' instead of '## Evaluation'",
            full.replace("## Evaluation", "### Evaluation"),
        ),
        (
            "a card with upper-case and indented headings",
            full.replace("## Training data", "   ## TRAINING DATA  "),
        ),
        ("the prompt's example", "# Card\n## Model details\n## Evaluation\n"),
        (
            "a card whose Intended use heading is only mentioned in text",
            full.replace("## Intended use", "See the intended use below."),
        ),
    ]
    for case, text in cases:
        got = t.call("missing_sections", text)
        expect(isinstance(got, list), "missing_sections should return a list of section names.")
        expect_equal(got, t.ref.missing_sections(text), what=f"missing_sections on {case}")
