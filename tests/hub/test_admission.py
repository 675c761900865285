"""Fair grading without a server: per-student limits and round-robin slots (FairAdmission)."""

from __future__ import annotations

import asyncio

import pytest

from airoadmap_lab.admission import CheckRateLimited, FairAdmission, TooManyChecks


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_flood_from_one_student_waits_behind_another_students_check() -> None:
    # Given one slot, and a student whose attempts each hold it until released
    fair = FairAdmission(slots=1, max_in_flight=0, rate_per_minute=0)
    finished: list[str] = []
    gates: dict[str, asyncio.Event] = {}

    async def attempt(name: str) -> str:
        gates[name] = gate = asyncio.Event()
        await gate.wait()
        finished.append(name)
        return name

    flood = [
        asyncio.create_task(fair.run("mallory", lambda i=i: attempt(f"mallory-{i}")))
        for i in range(60)
    ]
    await asyncio.sleep(0)
    # When another student checks while the flood holds the slot and 59 wait
    other = asyncio.create_task(fair.run("alice", lambda: attempt("alice")))
    for _ in range(3):
        await asyncio.sleep(0)
    # Then as attempts finish one by one, alice's comes right after the one running now
    while not other.done():
        running = [name for name, gate in gates.items() if not gate.is_set()]
        assert len(running) == 1
        gates[running[0]].set()
        for _ in range(3):
            await asyncio.sleep(0)
    assert finished == ["mallory-0", "alice"]
    for task in flood:
        task.cancel()
    await asyncio.gather(*flood, return_exceptions=True)


async def test_round_robin_alternates_between_waiting_students() -> None:
    fair = FairAdmission(slots=1, max_in_flight=0, rate_per_minute=0)
    order: list[str] = []
    hold = asyncio.Event()

    async def first() -> None:
        await hold.wait()

    async def record(name: str) -> None:
        order.append(name)

    blocker = asyncio.create_task(fair.run("x", first))
    await asyncio.sleep(0)
    tasks = [asyncio.create_task(fair.run("a", lambda i=i: record(f"a{i}"))) for i in range(3)]
    tasks += [asyncio.create_task(fair.run("b", lambda i=i: record(f"b{i}"))) for i in range(3)]
    await asyncio.sleep(0)
    hold.set()
    await asyncio.gather(blocker, *tasks)

    assert order == ["a0", "b0", "a1", "b1", "a2", "b2"]


async def test_more_checks_in_flight_than_allowed_get_a_clear_429() -> None:
    fair = FairAdmission(slots=4, max_in_flight=2, rate_per_minute=0)
    hold = asyncio.Event()

    async def slow() -> str:
        await hold.wait()
        return "done"

    running = [asyncio.create_task(fair.run("bob", slow)) for _ in range(2)]
    await asyncio.sleep(0)

    with pytest.raises(TooManyChecks) as info:
        await fair.run("bob", slow)
    other = asyncio.create_task(fair.run("carol", slow))  # another student is not affected
    await asyncio.sleep(0)
    hold.set()

    assert info.value.status == 429
    assert "You have 2 checks running" in info.value.message
    assert await asyncio.gather(*running, other) == ["done"] * 3
    assert fair.in_flight("bob") == 0
    assert await fair.run("bob", slow) == "done"  # allowed again once they finished


async def test_the_rate_limit_refuses_with_a_wait_and_refills() -> None:
    clock = Clock()
    fair = FairAdmission(slots=2, max_in_flight=0, rate_per_minute=6, burst=3, clock=clock)

    async def quick() -> int:
        return 1

    assert [await fair.run("dave", quick) for _ in range(3)] == [1, 1, 1]
    with pytest.raises(CheckRateLimited) as info:
        await fair.run("dave", quick)
    assert await fair.run("erin", quick) == 1  # per student
    clock.now += 10.0  # 6 a minute: one more after 10 s

    assert info.value.status == 429 and info.value.retry_after_s == 10
    assert "wait 10 s" in info.value.message
    assert await fair.run("dave", quick) == 1


async def test_a_failing_attempt_frees_its_slot_and_count() -> None:
    fair = FairAdmission(slots=1, max_in_flight=1, rate_per_minute=0)

    async def boom() -> None:
        raise RuntimeError("grader broke")

    with pytest.raises(RuntimeError):
        await fair.run("fay", boom)

    assert fair.in_flight("fay") == 0
    assert await asyncio.wait_for(fair.run("fay", lambda: asyncio.sleep(0)), 5) is None
