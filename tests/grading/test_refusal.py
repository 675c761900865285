"""Isolation is never silently off: a missing layer refuses to grade, naming it.

Not hostile code (nothing runs in the sandbox): these run in the ordinary suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from airoadmap_lab.grading import Grader, IsolationRefused, SandboxConfig


def _unimportable_pyseccomp(tmp_path: Path, monkeypatch, why: str) -> None:
    """A `pyseccomp` that fails to import, first on the fork server's import path."""
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "pyseccomp.py").write_text(f"raise ImportError({why!r})\n")
    monkeypatch.setenv("PYTHONPATH", str(stub))


def test_a_missing_seccomp_refuses_to_grade_and_names_the_layer(tmp_path: Path, monkeypatch):
    # Given a `pyseccomp` that cannot be imported, first on the fork server's import path
    _unimportable_pyseccomp(tmp_path, monkeypatch, "libseccomp is not installed here")

    # When the grader starts with the default settings
    grader = Grader(
        SandboxConfig(workers=1, allow_weak_with="c.AiroadmapLab.require_isolation = False")
    )
    with pytest.raises(IsolationRefused) as refused:
        grader.start()
    grader.close()

    # Then it refuses, naming the layer, why, how to get it back and the one setting
    message = str(refused.value)
    assert [layer.name for layer in refused.value.missing] == ["seccomp filter"]
    assert "seccomp filter: pyseccomp could not be imported" in message
    assert "libseccomp is not installed here" in message
    assert "install `pyseccomp`" in message
    assert message.rstrip().endswith("set c.AiroadmapLab.require_isolation = False.")


def test_a_missing_seccomp_grades_with_a_warning_when_weaker_grading_is_allowed(
    tmp_path: Path, monkeypatch, caplog
):
    _unimportable_pyseccomp(tmp_path, monkeypatch, "no libseccomp")

    with Grader(SandboxConfig(workers=1, require_isolation=False)) as weak:
        assert not weak.isolation.is_active("seccomp filter")
        assert "[OFF] seccomp filter: pyseccomp could not be imported" in caplog.text
