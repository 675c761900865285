"""The read endpoints: roadmap, lessons, exercises, hints; auth and error shapes."""

from __future__ import annotations

import json

import pytest
from tornado.httpclient import HTTPClientError

from tests.conftest import FIXTURE_COURSE

API = "airoadmap-lab/api"


async def get_json(jp_fetch, *parts: str) -> dict:
    response = await jp_fetch(API, *parts)
    assert response.headers["Content-Type"].startswith("application/json")
    return json.loads(response.body)


async def fetch_error(jp_fetch, *parts: str, **kwargs) -> tuple[int, dict]:
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch(API, *parts, **kwargs)
    return info.value.code, json.loads(info.value.response.body)


async def test_roadmap_lists_the_tree_with_counts(jp_fetch) -> None:
    roadmap = await get_json(jp_fetch, "roadmap")

    assert roadmap["title"] == "Test course"
    assert [s["id"] for s in roadmap["sections"]] == ["intro"]
    basics = roadmap["sections"][0]["topics"][0]
    assert basics["lesson_count"] == 1 and basics["exercise_count"] == 2
    assert basics["readings"] == ["a-book", "a-site"]
    assert roadmap["resources"]["books"][0]["id"] == "a-book"
    assert roadmap["problems"] == []


async def test_lesson_has_body_objectives_readings_and_exercises(jp_fetch) -> None:
    lesson = await get_json(jp_fetch, "lessons", "first-steps")

    assert "$e^{i\\pi} + 1 = 0$" in lesson["body"]
    assert lesson["topic_title"] == "Basics"
    assert lesson["readings"][0] == {
        "title": "A Book",
        "url": None,
        "pointer": "Chapter 1",
        "resource_id": "a-book",
    }
    assert [e["id"] for e in lesson["exercises"]] == ["add-numbers", "scale-vector"]
    assert lesson["demos"][0]["id"] == "hello-demo"


async def test_exercise_is_its_public_part(jp_fetch) -> None:
    exercise = await get_json(jp_fetch, "exercises", "add-numbers")

    assert exercise["id"] == "add-numbers"
    assert exercise["starter"].startswith("def add")
    assert exercise["hints_count"] == 2
    assert exercise["limits"] == {"time_s": 5.0, "memory_mb": 1024}
    assert set(exercise) == {
        "id",
        "title",
        "version",
        "lesson",
        "topic",
        "section",
        "prompt",
        "starter",
        "hints_count",
        "limits",
    }


async def test_no_read_endpoint_leaks_a_solution_or_a_check(jp_fetch) -> None:
    # Given every private file of the course
    private = [
        p.read_text() for p in FIXTURE_COURSE.rglob("*.py") if p.name in ("solution.py", "check.py")
    ]
    assert private
    # When every read endpoint is fetched (the solution endpoint is the one meant to reveal)
    bodies = [
        json.dumps(await get_json(jp_fetch, "roadmap")),
        json.dumps(await get_json(jp_fetch, "lessons", "first-steps")),
    ]
    for exercise in ("add-numbers", "scale-vector"):
        bodies.append(json.dumps(await get_json(jp_fetch, "exercises", exercise)))
        for n in range(2):
            bodies.append(
                json.dumps(await get_json(jp_fetch, "exercises", exercise, "hints", str(n)))
            )
    # Then no private file, and not the checks' secret marker, appears in any of them
    text = "\n".join(bodies)
    assert "hidden-check-marker-7f3a" not in text
    for source in private:
        assert json.dumps(source)[1:-1] not in text


async def test_hints_come_one_at_a_time_and_out_of_range_is_404(jp_fetch) -> None:
    hint = await get_json(jp_fetch, "exercises", "add-numbers", "hints", "0")
    assert hint == {
        "exercise_id": "add-numbers",
        "index": 0,
        "count": 2,
        "text": "Python has an operator for this.",
    }

    code, body = await fetch_error(jp_fetch, "exercises", "add-numbers", "hints", "2")
    assert code == 404 and "has 2 hints" in body["message"]


@pytest.mark.parametrize(
    "parts",
    [
        ("lessons", "nope"),
        ("exercises", "nope"),
        ("exercises", "nope", "hints", "0"),
        ("no-such-endpoint",),
    ],
)
async def test_unknown_ids_are_404_with_a_message(jp_fetch, parts) -> None:
    code, body = await fetch_error(jp_fetch, *parts)
    assert code == 404
    assert body["message"]


@pytest.mark.parametrize(
    "parts",
    [
        ("roadmap",),
        ("lessons", "first-steps"),
        ("exercises", "add-numbers"),
        ("exercises", "add-numbers", "hints", "0"),
        ("exercises", "add-numbers", "solution"),
        ("progress",),
    ],
)
async def test_every_endpoint_refuses_requests_without_a_token(jp_fetch, parts) -> None:
    code, _ = await fetch_error(jp_fetch, *parts, headers={"Authorization": ""})
    assert code == 403


async def test_grading_refuses_requests_without_a_token(jp_fetch) -> None:
    code, _ = await fetch_error(
        jp_fetch,
        "exercises",
        "add-numbers",
        "grade",
        method="POST",
        body=json.dumps({"code": "x"}),
        headers={"Authorization": ""},
    )
    assert code == 403
