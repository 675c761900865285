"""Grading through the REST endpoint, and the progress it records."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

API = "airoadmap-lab/api"
CORRECT = "def add(a, b):\n    return a + b\n"
WRONG = "def add(a, b):\n    return a - b\n"


async def grade(jp_fetch, exercise: str, body: object) -> dict:
    response = await jp_fetch(
        API,
        "exercises",
        exercise,
        "grade",
        method="POST",
        body=json.dumps(body),
        request_timeout=300,
    )
    return json.loads(response.body)


async def grade_error(jp_fetch, exercise: str, raw: str) -> tuple[int, str]:
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch(API, "exercises", exercise, "grade", method="POST", body=raw)
    return info.value.code, json.loads(info.value.response.body)["message"]


async def test_correct_code_passes_with_full_marks(jp_fetch) -> None:
    result = await grade(jp_fetch, "add-numbers", {"code": CORRECT})

    assert result["status"] == "passed"
    assert result["score"] == result["max_score"] == 3
    assert result["exercise_version"] == 1
    assert [t["passed"] for t in result["tests"]] == [True, True]


async def test_wrong_code_fails_with_messages(jp_fetch) -> None:
    result = await grade(jp_fetch, "add-numbers", {"code": WRONG})

    assert result["status"] == "failed"
    assert result["score"] == 0
    assert all(t["message"] for t in result["tests"])


async def test_unchanged_starter_is_not_attempted(jp_fetch) -> None:
    starter = (await jp_fetch(API, "exercises", "add-numbers")).body
    result = await grade(jp_fetch, "add-numbers", {"code": json.loads(starter)["starter"]})

    assert result["status"] == "not_attempted"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("not json", "not valid JSON"),
        ("[]", "Invalid request"),
        ('{"kode": "x"}', "code"),
        ('{"code": 5}', "code"),
        ('{"code": "x", "score": 100}', "score"),
    ],
    ids=["not-json", "not-an-object", "misspelt-field", "code-not-text", "score-from-client"],
)
async def test_malformed_bodies_are_400_naming_the_problem(
    jp_fetch, raw: str, fragment: str
) -> None:
    code, message = await grade_error(jp_fetch, "add-numbers", raw)

    assert code == 400
    assert fragment in message


async def test_oversized_code_is_413(jp_fetch) -> None:
    code, message = await grade_error(jp_fetch, "add-numbers", json.dumps({"code": "#" * 300_000}))

    assert code == 413
    assert "kB" in message


async def test_unknown_exercise_is_404(jp_fetch) -> None:
    code, message = await grade_error(jp_fetch, "no-such-exercise", json.dumps({"code": CORRECT}))

    assert code == 404
    assert "no-such-exercise" in message


async def test_progress_records_attempts_best_score_and_hints(jp_fetch) -> None:
    await grade(jp_fetch, "add-numbers", {"code": WRONG})
    await grade(jp_fetch, "add-numbers", {"code": CORRECT})
    await jp_fetch(API, "exercises", "scale-vector", "hints", "0")

    progress = json.loads((await jp_fetch(API, "progress")).body)

    add = progress["exercises"]["add-numbers"]
    assert (add["state"], add["attempts"], add["failed_attempts"], add["best_score"]) == (
        "done",
        2,
        1,
        3,
    )
    assert progress["exercises"]["scale-vector"]["hints_revealed"] == 1
    assert progress["lessons"]["first-steps"] == "in_progress"
    assert progress["topics"] == {"basics": "in_progress", "more": "not_started"}
    assert progress["next_lesson"] == "first-steps"
    assert (progress["done_exercises"], progress["total_exercises"]) == (1, 2)


async def test_solution_reveal_is_recorded(jp_fetch) -> None:
    solution = json.loads((await jp_fetch(API, "exercises", "add-numbers", "solution")).body)
    progress = json.loads((await jp_fetch(API, "progress")).body)

    assert "return a + b" in solution["code"]
    assert progress["exercises"]["add-numbers"]["solution_revealed"] is True


async def test_reset_needs_confirmation_then_forgets(jp_fetch) -> None:
    await grade(jp_fetch, "add-numbers", {"code": CORRECT})

    with pytest.raises(HTTPClientError) as info:
        await jp_fetch(API, "progress", "reset", method="POST", body=json.dumps({"confirm": False}))
    assert info.value.code == 400
    progress = json.loads(
        (
            await jp_fetch(
                API, "progress", "reset", method="POST", body=json.dumps({"confirm": True})
            )
        ).body
    )

    assert progress["exercises"]["add-numbers"]["attempts"] == 0


async def test_fifty_concurrent_grades_record_fifty_attempts(jp_fetch, progress_db: Path) -> None:
    codes = [CORRECT if i % 2 else WRONG for i in range(50)]

    results = await asyncio.gather(
        *(grade(jp_fetch, "add-numbers", {"code": code}) for code in codes)
    )

    assert [r["status"] for r in results] == ["passed" if i % 2 else "failed" for i in range(50)]
    with sqlite3.connect(progress_db) as db:
        assert db.execute("select count(*) from attempts").fetchone()[0] == 50


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        (
            "def add(a, b):\n    return a + b  # \ud800\n",
            "on line 2, it contains the character U+D800",
        ),
        ("def add(a, b):\n\n    return a + b\x00\n", "on line 3, it contains a NUL"),
    ],
    ids=["lone-surrogate", "nul"],
)
async def test_code_no_text_column_can_store_is_refused_with_400(
    jp_fetch, code: str, needle: str
) -> None:
    # json.dumps writes the lone surrogate as the escape \ud800, as a browser would send it
    status, message = await grade_error(jp_fetch, "add-numbers", json.dumps({"code": code}))
    assert status == 400
    assert needle in message
    assert "\ud800" not in message and "\x00" not in message


async def test_surrogates_and_nul_printed_by_the_code_come_back_readable(jp_fetch) -> None:
    code = (
        "import os\n\ndef add(a, b):\n    print('odd \\ud800 and \\x00')\n"
        "    os.write(1, b'raw \\xff\\n')\n    return a + b\n"
    )
    result = await grade(jp_fetch, "add-numbers", {"code": code})
    assert result["status"] == "passed"
    assert "odd \\ud800 and \\x00" in result["output"]
    assert "raw \\xff" in result["output"]
