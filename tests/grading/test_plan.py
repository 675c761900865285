"""The sandbox plan keeps the Python installation reachable behind the sandbox's masks."""

from __future__ import annotations

import sys

import pytest

from airoadmap_lab.grading import SandboxConfig
from airoadmap_lab.grading.forkserver import make_plan


@pytest.mark.parametrize("where", ["/tmp/checkout/.venv", "/var/tmp/env", "/dev/shm/env"])
def test_a_python_under_a_private_tmp_is_bound_back(monkeypatch, where: str) -> None:
    # Given a Python installed under a folder the sandbox replaces with an empty tmpfs
    monkeypatch.setattr(sys, "prefix", where)

    plan = make_plan(SandboxConfig())

    # Then the plan binds it back, or the learner's process could not import anything lazily
    assert where in plan.expose_paths


def test_nothing_is_bound_back_without_namespaces(monkeypatch) -> None:
    monkeypatch.setattr(sys, "prefix", "/tmp/checkout/.venv")

    plan = make_plan(SandboxConfig(use_namespaces=False))

    assert "/tmp/checkout/.venv" not in plan.expose_paths
