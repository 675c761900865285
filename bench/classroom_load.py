"""Load run of a classroom: simulated students grading concurrently through a real local JupyterHub.

Starts the same classroom as the ``hub`` integration tests (tests/hub/harness.py: JupyterHub,
configurable-http-proxy, the grading service, real system users with LocalProcessSpawner, SQLite or
a private PostgreSQL), spawns single-user servers for the first ``--servers`` students, and then for
``--seconds`` every student grades in a loop with no pause (correct and wrong code for the fixture
exercises ``add-numbers`` and ``scale-vector``):

- a student with a server grades through it, as the Check button does:
  proxy -> their single-user server -> the grading service (with the server's hub token);
- a student without a server (when ``--servers`` is less than ``--students``) sends the attempt
  straight to the grading service with their own hub token (proxy and single-user server skipped).

Every answer is checked (a correct attempt must pass, a wrong one must fail). At the end the
instructor's gradebook must hold exactly the attempts that were acknowledged, per student and
exercise. Prints p50/p95/max latency per path, throughput and errors; exits 1 on any error or
missing attempt.

    sudo .venv/bin/python bench/classroom_load.py --students 30 --seconds 60 --db sqlite

Needs root (it creates system users ``airo-ldNN``; those it created are deleted at the end) and
configurable-http-proxy (scripts/setup.sh --test). Run it from the repository root.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hub.harness import Classroom, Response, remove  # noqa: E402

# (exercise, code, expected status): a mix of correct and wrong attempts.
VARIANTS = [
    ("add-numbers", "def add(a, b):\n    return a + b\n", "passed"),
    ("add-numbers", "def add(a, b):\n    return a - b\n", "failed"),
    ("scale-vector", "def scale(x, c):\n    return x * c\n", "passed"),
    ("scale-vector", "def scale(x, c):\n    return x + c\n", "failed"),
]
VIA_SERVER = "student server -> service"
DIRECT = "service (direct, student token)"


@dataclass
class Sample:
    """One answered or failed attempt."""

    student: str
    path: str
    exercise: str
    started: float
    latency_ms: float
    ok: bool
    error: str = ""
    grade_ms: float | None = None  # the grader's own time for the attempt (from the result)


@dataclass
class Tally:
    """Everything the load phase observed (thread-safe appends)."""

    samples: list[Sample] = field(default_factory=list)
    acknowledged: Counter[tuple[str, str]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample, acknowledged: bool) -> None:
        with self.lock:
            self.samples.append(sample)
            if acknowledged:
                self.acknowledged[(sample.student, sample.exercise)] += 1


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    data = sorted(values)
    return data[min(len(data) - 1, max(0, round(q * (len(data) - 1))))]


def user_exists(name: str) -> bool:
    return subprocess.run(["id", "-u", name], capture_output=True).returncode == 0


def user_pids(users: list[str]) -> list[int]:
    """Every process owned by ``users``."""
    uids = set()
    for name in users:
        found = subprocess.run(["id", "-u", name], capture_output=True, text=True)
        if found.returncode == 0:
            uids.add(int(found.stdout))
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if proc.stat().st_uid in uids:
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


def resident_mb(users: list[str]) -> float:
    """Total resident memory (MiB) of every process owned by ``users``."""
    total_kb = 0
    for pid in user_pids(users):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if "VmRSS" in fields:
            total_kb += int(fields["VmRSS"].split()[0])
    return total_kb / 1024


def process_cpu_s(pid: int | None, reaped_children: bool = False) -> float:
    """CPU seconds (user + system, all threads) a process has used so far, plus with
    ``reaped_children`` those of its children it has waited for; 0 if unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if reaped_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def children(pid: int | None) -> list[int]:
    """The direct children of ``pid`` (e.g. the grader's fork server under the service)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if pid is not None and int(stat[1]) == pid:
                found.append(int(proc.name))
    return found


def path_cpu_s(room: Classroom, with_server: list[str]) -> tuple[float, float]:
    """(hub + proxy, students' servers) CPU seconds so far."""
    hub = room.hub.pid if room.hub else None
    service = room.service_pid()
    server_pids = user_pids(with_server)
    hub_and_proxy = process_cpu_s(hub) + sum(
        process_cpu_s(child)
        for child in children(hub)
        if child != service and child not in server_pids
    )
    servers = sum(process_cpu_s(pid) for pid in server_pids)
    return hub_and_proxy, servers


def grading_cpu_s(service_pid: int | None) -> tuple[float, float]:
    """(service process, sandboxes) CPU seconds so far: the sandboxes are the fork server's
    children, reaped by it, so they count in its children's time."""
    sandboxes = sum(process_cpu_s(child, True) for child in children(service_pid))
    return process_cpu_s(service_pid), sandboxes


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU jiffies of the whole machine so far."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class LoadRun:
    """One load run against a started classroom."""

    def __init__(self, room: Classroom, with_server: set[str]) -> None:
        self.room = room
        self.with_server = with_server
        self.tally = Tally()

    def attempt(self, student: str, number: int) -> Response:
        """Grade one attempt of ``student`` by its path; records the outcome."""
        exercise, code, expected = VARIANTS[number % len(VARIANTS)]
        body = {"code": f"# attempt {number} of {student}\n{code}"}
        path = VIA_SERVER if student in self.with_server else DIRECT
        started = time.monotonic()
        try:
            if path == VIA_SERVER:
                response = self.room.lab_api(student, "POST", f"exercises/{exercise}/grade", body)
            else:
                token = self.room.token(student)
                response = self.room.service("POST", f"exercises/{exercise}/grade", token, body)
        except OSError as err:  # timeouts, refused connections
            latency = (time.monotonic() - started) * 1000
            self.tally.add(
                Sample(student, path, exercise, started, latency, False, repr(err)), False
            )
            raise
        latency = (time.monotonic() - started) * 1000
        acknowledged = response.status == 200
        error = ""
        grade_ms = None
        if not acknowledged:
            error = f"HTTP {response.status}: {response.body[:200]!r}"
        else:
            result = response.json()
            grade_ms = result.get("duration_ms")
            if result.get("status") != expected:
                error = f"{exercise}: expected {expected}, got {result.get('status')}"
        sample = Sample(student, path, exercise, started, latency, not error, error, grade_ms)
        self.tally.add(sample, acknowledged)
        return response

    def student_loop(self, student: str, offset: int, until: float) -> None:
        """Grade without pause until ``until`` (monotonic seconds)."""
        number = offset
        while time.monotonic() < until:
            try:
                self.attempt(student, number)
            except OSError:
                time.sleep(0.5)  # the failure is recorded; do not spin on a dead endpoint
            number += 1

    def run(self, students: list[str], seconds: float) -> float:
        """Every student grades for ``seconds``; returns the wall time of the load phase."""
        started = time.monotonic()
        until = started + seconds
        with ThreadPoolExecutor(max_workers=len(students)) as pool:
            futures = [
                pool.submit(self.student_loop, student, i, until)
                for i, student in enumerate(students)
            ]
            for future in futures:
                future.result()
        return time.monotonic() - started


def gradebook_counts(room: Classroom) -> Counter[tuple[str, str]]:
    """Attempts per (student, exercise) in the instructor's gradebook, read through the service."""
    response = room.service("GET", "gradebook", room.token(room.instructor))
    if response.status != 200:
        raise RuntimeError(f"the instructor cannot read the gradebook: {response.status}")
    counts: Counter[tuple[str, str]] = Counter()
    for student in response.json()["students"]:
        for exercise_id, entry in student["exercises"].items():
            counts[(student["name"], exercise_id)] = int(entry["attempts"])
    return counts


def summarise(samples: list[Sample], wall_s: float) -> list[str]:
    """Markdown table rows: latency and throughput per path and overall."""
    rows = [
        "| path | attempts | errors | p50 ms | p95 ms | max ms | attempts/s | grading p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups = {VIA_SERVER: [], DIRECT: []}
    for sample in samples:
        groups[sample.path].append(sample)
    groups["all"] = list(samples)
    for name, group in groups.items():
        if not group:
            continue
        latencies = [s.latency_ms for s in group if s.ok]
        grading = [s.grade_ms for s in group if s.ok and s.grade_ms is not None]
        errors = sum(not s.ok for s in group)
        rows.append(
            f"| {name} | {len(group)} | {errors} | {percentile(latencies, 0.5):.0f} | "
            f"{percentile(latencies, 0.95):.0f} | {max(latencies, default=float('nan')):.0f} | "
            f"{sum(s.ok for s in group) / wall_s:.1f} | {percentile(grading, 0.5):.0f} |"
        )
    return rows


def spawn_all(room: Classroom, users: list[str], parallel: int) -> float:
    """Spawn ``users``' servers, ``parallel`` at a time; returns the wall time (s)."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        list(pool.map(room.spawn, users))
    return time.monotonic() - started


def machine() -> str:
    """A line about the machine: cores, load average, memory."""
    load = os.getloadavg()
    with open("/proc/meminfo") as f:
        total_kb = int(f.readline().split()[1])
    return (
        f"{os.cpu_count()} cores, load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}, "
        f"{total_kb / 1024 / 1024:.0f} GiB RAM, Python {sys.version.split()[0]}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="simulated students (30)")
    parser.add_argument(
        "--servers",
        type=int,
        default=None,
        help="how many of them get a single-user server (default: all); the others grade "
        "straight at the service with their own token",
    )
    parser.add_argument("--seconds", type=float, default=60, help="length of the load phase (60)")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--workers", type=int, default=2, help="the service's grading workers (2, one per core)"
    )
    parser.add_argument("--spawn-parallel", type=int, default=4, help="servers spawned at once")
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument(
        "--keep-users", action="store_true", help="do not delete the users this run created"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the load run; print the report; 0 when every attempt was answered and recorded."""
    args = parse_args(argv)
    if os.geteuid() != 0:
        print("error: the classroom creates system users: run as root", file=sys.stderr)
        return 2
    # Runs share the user names: one at a time (a second run would delete the first one's users).
    lock = open(Path(tempfile.gettempdir()) / "airoadmap-classroom-load.lock", "w")  # noqa: SIM115
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("error: another classroom load run is in progress", file=sys.stderr)
        return 2
    students = [f"airo-ld{i:02d}" for i in range(1, args.students + 1)]
    instructor = "airo-ldinst"
    servers = args.students if args.servers is None else min(args.servers, args.students)
    with_server = students[:servers]
    created = [u for u in (*students, instructor) if not user_exists(u)]
    print(f"machine: {machine()}", flush=True)
    room = Classroom(
        db=args.db, students=tuple(students), instructor=instructor, workers=args.workers
    )
    report: dict[str, object] = {}
    try:
        started = time.monotonic()
        room.start()
        print(f"classroom up in {time.monotonic() - started:.0f} s ({args.db})", flush=True)
        spawn_s = spawn_all(room, with_server, args.spawn_parallel)
        memory = resident_mb(with_server)
        print(
            f"{servers} single-user servers spawned in {spawn_s:.0f} s; "
            f"they hold {memory:.0f} MiB resident",
            flush=True,
        )
        for user in (*students, instructor):
            room.token(user)
        load = LoadRun(room, set(with_server))
        for i, student in enumerate(students):  # warm-up: first call of each path, not timed
            load.attempt(student, i)
        warmup = list(load.tally.samples)
        load.tally.samples.clear()
        print(f"load: {args.students} students for {args.seconds:.0f} s ...", flush=True)
        service_pid = room.service_pid()
        (service_cpu, sandbox_cpu), (busy, total) = grading_cpu_s(service_pid), machine_cpu()
        hub_cpu, servers_cpu = path_cpu_s(room, with_server)
        wall_s = load.run(students, args.seconds)
        service_after, sandbox_after = grading_cpu_s(service_pid)
        hub_after, servers_after = path_cpu_s(room, with_server)
        service_cores = (service_after - service_cpu) / wall_s
        sandbox_cores = (sandbox_after - sandbox_cpu) / wall_s
        hub_cores = (hub_after - hub_cpu) / wall_s
        servers_cores = (servers_after - servers_cpu) / wall_s
        graded = sum(s.ok for s in load.tally.samples)
        cpu_ms_per_attempt = 1000 * wall_s * (service_cores + sandbox_cores) / max(1, graded)
        busy_after, total_after = machine_cpu()
        machine_busy = (busy_after - busy) / max(1, total_after - total)
        book = gradebook_counts(room)
        acknowledged = load.tally.acknowledged
        missing = {k: v - book.get(k, 0) for k, v in acknowledged.items() if book.get(k, 0) < v}
        extra = {k: book[k] - v for k, v in acknowledged.items() if book.get(k, 0) > v}
        samples = load.tally.samples
        errors = [s for s in [*warmup, *samples] if not s.ok]
        rows = summarise(samples, wall_s)
        print(f"\nmachine after: {machine()}")
        print(
            f"{args.students} students ({servers} through their single-user servers, "
            f"{args.students - servers} straight at the service), {args.seconds:.0f} s, "
            f"service workers {args.workers}, gradebook on {args.db}\n"
        )
        print("\n".join(rows))
        print(
            f"\nduring the load: the service's process used {service_cores:.2f} cores "
            f"(event loop, hub token checks, judging, database), its sandboxes "
            f"{sandbox_cores:.2f} cores: {cpu_ms_per_attempt:.0f} ms of CPU per attempt; "
            f"the hub and proxy {hub_cores:.2f} cores, the students' servers "
            f"{servers_cores:.2f} cores; the machine was {machine_busy:.0%} busy "
            f"(everything on it, other users included)"
        )
        print(
            f"\nacknowledged attempts (with warm-up): {sum(acknowledged.values())}; "
            f"in the gradebook: {sum(book.values())}; missing: {sum(missing.values())}; "
            f"recorded but not acknowledged: {sum(extra.values())}"
        )
        for sample in errors[:10]:
            print(f"  error: {sample.student} {sample.exercise} via {sample.path}: {sample.error}")
        report = {
            "machine": machine(),
            "students": args.students,
            "servers": servers,
            "seconds": args.seconds,
            "db": args.db,
            "workers": args.workers,
            "spawn_s": spawn_s,
            "servers_resident_mib": memory,
            "table": rows,
            "service_cores": service_cores,
            "sandbox_cores": sandbox_cores,
            "cpu_ms_per_attempt": cpu_ms_per_attempt,
            "hub_and_proxy_cores": hub_cores,
            "servers_cores": servers_cores,
            "machine_busy": machine_busy,
            "acknowledged": sum(acknowledged.values()),
            "in_gradebook": sum(book.values()),
            "missing": sum(missing.values()),
            "errors": len(errors),
        }
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2))
        return 1 if errors or missing else 0
    except BaseException:
        print(room.log() if (room.dir / "hub.log").exists() else "", file=sys.stderr)
        raise
    finally:
        room.close()
        remove(room)
        if not args.keep_users:
            for user in created:
                subprocess.run(["userdel", "--remove", user], capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
