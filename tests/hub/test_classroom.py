"""The classroom on a real JupyterHub: real users, single-user servers, the grading service,
and the gradebook on SQLite and on a private PostgreSQL.

Marked ``hub``: run on its own with ``pytest -m hub`` (needs root, Chromium is not needed).
"""

from __future__ import annotations

import os
import socket

import pytest

from .harness import Classroom, remove

pytestmark = pytest.mark.hub

CORRECT = "def add(a, b):\n    return a + b\n"
WRONG = "def add(a, b):\n    return a - b\n"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def classroom(request: pytest.FixtureRequest):
    if os.geteuid() != 0:
        pytest.fail("the classroom tests create system users: run them as root")
    room = Classroom(db=request.param)
    with room:
        for user in (*room.students, room.instructor):
            room.spawn(user)
        yield room
        print(room.log())  # shown when a test fails
    ports = (room.proxy_port, room.service_port)
    remove(room)
    for port in ports:  # nothing left listening
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after teardown"


def test_students_grade_through_their_own_servers(classroom: Classroom) -> None:
    stu1, stu2 = classroom.students

    passed = classroom.lab_api(stu1, "POST", "exercises/add-numbers/grade", {"code": CORRECT})
    failed = classroom.lab_api(stu2, "POST", "exercises/add-numbers/grade", {"code": WRONG})

    assert passed.status == 200, passed.body
    assert (passed.json()["status"], passed.json()["score"]) == ("passed", 3)
    assert failed.json()["status"] == "failed"
    progress = classroom.lab_api(stu1, "GET", "progress").json()
    assert progress["exercises"]["add-numbers"]["state"] == "done"


def test_the_student_course_is_public_and_lessons_still_read(classroom: Classroom) -> None:
    stu1 = classroom.students[0]

    exercise = classroom.lab_api(stu1, "GET", "exercises/add-numbers")
    lesson = classroom.lab_api(stu1, "GET", "lessons/first-steps")

    assert exercise.status == 200 and exercise.json()["starter"].startswith("def add")
    assert lesson.status == 200


def test_instructor_reads_the_gradebook_students_cannot(classroom: Classroom) -> None:
    stu1, stu2 = classroom.students
    classroom.lab_api(stu1, "POST", "exercises/add-numbers/grade", {"code": CORRECT})
    classroom.lab_api(stu2, "POST", "exercises/add-numbers/grade", {"code": WRONG})

    book = classroom.lab_api(classroom.instructor, "GET", "gradebook")
    csv = classroom.lab_api(classroom.instructor, "GET", "gradebook.csv")
    history = classroom.lab_api(classroom.instructor, "GET", f"gradebook/students/{stu2}/attempts")
    denied = classroom.lab_api(stu1, "GET", "gradebook")

    assert book.status == 200, book.body
    rows = {s["name"]: s for s in book.json()["students"]}
    assert rows[stu1]["exercises"]["add-numbers"]["passed"] is True
    assert rows[stu2]["exercises"]["add-numbers"]["passed"] is False
    assert f"{stu1},add-numbers" in csv.body.decode()
    assert history.json()["attempts"][0]["code"] == WRONG
    assert denied.status == 403


@pytest.mark.parametrize(
    ("who", "method", "path", "body"),
    [
        ("stu1", "GET", "gradebook", None),
        ("stu1", "GET", "gradebook/students/{stu2}/attempts", None),
        ("stu1", "GET", "gradebook.csv", None),
    ],
    ids=["gradebook", "another-students-attempts", "csv"],
)
def test_a_student_token_cannot_read_others_at_the_service(
    classroom: Classroom, who, method, path, body
) -> None:
    stu1, stu2 = classroom.students
    response = classroom.service(method, path.format(stu2=stu2), classroom.token(stu1), body)

    assert response.status == 403


def test_forged_requests_gain_nothing(classroom: Classroom) -> None:
    stu1, stu2 = classroom.students
    token = classroom.token(stu1)

    # A score in the body is refused, not believed
    scored = classroom.service(
        "POST",
        "exercises/add-numbers/grade",
        token,
        {"code": WRONG, "score": 3, "status": "passed"},
    )
    # Someone else's name in the body changes nothing: the attempt is recorded for the token's owner
    named = classroom.service(
        "POST", "exercises/add-numbers/grade", token, {"code": WRONG, "user": stu2}
    )
    # An invalid or stolen-then-revoked token is refused
    bogus = classroom.service("POST", "exercises/add-numbers/grade", "0" * 32, {"code": CORRECT})
    # A student's server will not act for another student either (the proxy routes by token owner)
    other_server = classroom.lab_api(stu2, "GET", "progress", token=token)

    assert scored.status == 400 and "score" in scored.json()["message"]
    assert named.status == 400
    assert bogus.status == 403
    assert other_server.status in (302, 403, 404)
    history = classroom.lab_api(classroom.instructor, "GET", f"gradebook/students/{stu2}/attempts")
    assert not any(
        a["code"] == WRONG and a["status"] == "passed" for a in history.json()["attempts"]
    )


def test_odd_characters_in_code_and_output_are_answered_cleanly(classroom: Classroom) -> None:
    stu1 = classroom.students[0]
    token = classroom.token(stu1)
    grade = "exercises/add-numbers/grade"

    # Code with a lone surrogate or a NUL (no text column can store either, PostgreSQL least)
    surrogate = classroom.service("POST", grade, token, {"code": CORRECT + "# \ud800\n"})
    nul = classroom.service("POST", grade, token, {"code": CORRECT + "# \x00\n"})
    # and output with both, printed by otherwise correct code
    printed = classroom.service(
        "POST",
        grade,
        token,
        {"code": "def add(a, b):\n    print('odd \\ud800 \\x00')\n    return a + b\n"},
    )

    assert surrogate.status == 400 and "U+D800" in surrogate.json()["message"]
    assert nul.status == 400 and "NUL" in nul.json()["message"]
    assert printed.status == 200, printed.body
    assert printed.json()["status"] == "passed"
    assert "odd \\ud800 \\x00" in printed.json()["output"]
    history = classroom.lab_api(classroom.instructor, "GET", f"gradebook/students/{stu1}/attempts")
    assert history.status == 200


def test_students_cannot_read_hidden_material(classroom: Classroom) -> None:
    stu1 = classroom.students[0]
    probe = f"""
import glob, os, sys, sysconfig
found = []
package = os.path.join(sysconfig.get_paths()["purelib"], "airoadmap_lab")
assert os.path.isdir(os.path.join(package, "course", "lessons"))
for root in [package, {str(classroom.public_course)!r}]:
    found += glob.glob(os.path.join(root, "**", "solution.py"), recursive=True)
    found += glob.glob(os.path.join(root, "**", "check.py"), recursive=True)
try:
    os.listdir({str(classroom.private_course)!r})
    found.append("service course readable")
except PermissionError:
    pass
try:
    open({str(classroom.dir / "private" / "gradebook.sqlite3")!r}, "rb")
    found.append("gradebook readable")
except (PermissionError, FileNotFoundError):
    pass
print(found)
"""
    result = classroom.as_user(stu1, probe)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    # And the solution endpoint follows the instructor's policy (3 failed checks first)
    refused = classroom.lab_api(classroom.students[1], "GET", "exercises/scale-vector/solution")
    assert refused.status == 403 and "attempts" in refused.json()["message"]


def test_service_down_is_said_clearly_and_loses_nothing(classroom: Classroom) -> None:
    stu1 = classroom.students[0]
    before = classroom.lab_api(
        classroom.instructor, "GET", f"gradebook/students/{stu1}/attempts"
    ).json()
    pid = classroom.service_pid()
    assert pid
    os.kill(pid, 9)

    response = classroom.lab_api(stu1, "POST", "exercises/add-numbers/grade", {"code": CORRECT})

    assert response.status == 503
    assert "cannot be reached" in response.json()["message"]
    assert before["attempts"], "earlier attempts were recorded"
