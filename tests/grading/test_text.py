"""Text from the sandbox or the learner: readable, capped, marked when cut; the CLI prints it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from airoadmap_lab.cli import main
from airoadmap_lab.grading.source import find_syntax_problem
from airoadmap_lab.grading.text import clip, decode_output, first_lone_surrogate, readable

COURSE = Path(__file__).parents[1] / "fixtures" / "course"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain\ttext\nwith lines\r\n", "plain\ttext\nwith lines\r\n"),
        ("héllo ✓ 😀", "héllo ✓ 😀"),
        ("lone \ud800 high, \udfff low", "lone \\ud800 high, \\udfff low"),
        ("nul \x00 bell \x07 esc \x1b del \x7f", "nul \\x00 bell \\x07 esc \\x1b del \\x7f"),
    ],
)
def test_readable_escapes_only_what_cannot_be_stored_or_shown(text, shown):
    assert readable(text) == shown
    readable(text).encode("utf-8")  # always encodable


def test_clip_cuts_with_a_visible_marker_and_says_how_much():
    assert clip("short", 10) == "short"
    cut = clip("x" * 45_000_000, 2_000)
    assert cut.startswith("x" * 2_000) and "44,998,000 more characters not shown" in cut
    assert len(cut) < 2_100
    assert clip(None, 5) == "" and clip(12345678, 3).startswith("123")


def test_output_bytes_that_are_not_utf8_show_as_escapes():
    assert decode_output(b"ok \xff\xfe \xc3\xa9 \x00") == "ok \\xff\\xfe é \\x00"


def test_lone_surrogates_and_nul_in_code_are_syntax_problems_with_a_line():
    assert first_lone_surrogate("a\nb\n\udc80") == (3, "U+DC80")
    assert first_lone_surrogate("all fine é") is None
    problem = find_syntax_problem("x = 1\ny = '\ud83d'\n")
    assert problem is not None and problem.line == 2 and "U+D83D" in problem.describe()
    problem = find_syntax_problem("x = 1\n\ny = 2\x00\n")
    assert problem is not None and problem.line == 3 and "NUL" in problem.describe()


def test_cli_grade_json_prints_output_with_lone_surrogates(tmp_path: Path, capsys):
    # Given a submission that prints a lone surrogate, a NUL and bytes that are not UTF-8,
    file = tmp_path / "answer.py"
    file.write_text(
        "import os\n\ndef add(a, b):\n    print('odd \\ud800 \\x00')\n"
        "    os.write(1, b'raw \\xff\\n')\n    return a + b\n",
        encoding="utf-8",
    )
    # when `jupyter airoadmap grade --json` grades it, it prints one JSON object and exits 0.
    code = main(["grade", "--course", str(COURSE), "add-numbers", str(file), "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "passed"
    assert "odd \\ud800 \\x00" in result["output"] and "raw \\xff" in result["output"]
