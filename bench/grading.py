"""Benchmark of the grading engine: latency (p50/p95) and throughput, warm fork server vs. one
fresh ``python`` per attempt, sequential and 8 concurrent, for a numpy, a scikit-learn and a torch
exercise. Prints a Markdown table.

    python bench/grading.py                      # engine level (Grader.grade)
    python bench/grading.py --rest               # + end to end through a `jupyter server`

Run it from the repository root. It grades only the reference solutions (honest code).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from airoadmap_lab.grading import ExerciseFiles, Grader, GradeStatus, SandboxConfig  # noqa: E402

FIXTURES = ROOT / "tests" / "grading" / "fixtures"
ENGINE_EXERCISES = {
    "numpy": "np-standardize",
    "scikit-learn": "sk-iris-logreg",
    "torch": "torch-linear",
}
REST_EXERCISES = {
    "numpy": "la-matmul-three-ways",
    "scikit-learn": "eval-leakage-free-pipeline",
    "torch": "llm-causal-attention",
}


@dataclass
class Measurement:
    """Latencies of one run and its wall time."""

    latencies_ms: list[float]
    wall_s: float
    failures: int

    def p(self, q: float) -> float:
        """The q-quantile of the latencies (nearest rank)."""
        data = sorted(self.latencies_ms)
        return data[min(len(data) - 1, max(0, round(q * (len(data) - 1))))]

    @property
    def throughput(self) -> float:
        """Attempts per second."""
        return len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0


async def _engine_run(grader: Grader, exercise: ExerciseFiles, code: str, n: int, conc: int):
    sem = asyncio.Semaphore(conc)
    latencies: list[float] = []
    failures = 0

    async def one() -> None:
        nonlocal failures
        async with sem:
            start = time.perf_counter()
            result = await grader.grade(exercise, code)
            latencies.append((time.perf_counter() - start) * 1000)
            failures += result.status != GradeStatus.passed

    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    return Measurement(latencies, time.perf_counter() - start, failures)


def bench_engine(exercise: ExerciseFiles, fork_server: bool, n_seq: int, n_conc: int, workers: int):
    """Sequential and 8-concurrent runs at the engine level."""
    # The fresh-python baseline has no namespaces or seccomp: allowed here knowingly.
    config = SandboxConfig(
        use_fork_server=fork_server, workers=workers, require_isolation=fork_server
    )
    grader = Grader(config)
    grader.start()
    code = (exercise.directory / "solution.py").read_text()
    try:
        warm = grader.grade_sync(exercise, code)  # loads check.py and the reference once
        if warm.status != GradeStatus.passed:
            raise SystemExit(f"{exercise.exercise_id}: the solution does not pass: {warm}")
        seq = asyncio.run(_engine_run(grader, exercise, code, n_seq, 1))
        conc = asyncio.run(_engine_run(grader, exercise, code, n_conc, 8))
    finally:
        grader.close()
    return seq, conc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """A `jupyter server` with the extension on 127.0.0.1, a token, and a private data dir."""

    def __init__(self, workers: int):
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.tmp = tempfile.TemporaryDirectory(prefix="airoadmap-bench-")
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        for name in ("JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR"):
            env[name] = str(Path(self.tmp.name) / name.lower())
        cmd = [
            sys.executable,
            "-m",
            "jupyter_server",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.open_browser=False",
            "--ServerApp.jpserver_extensions=airoadmap_lab=True",
            f"--AiroadmapLab.grading_workers={workers}",
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log = open(Path(self.tmp.name) / "server.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self.log, stderr=self.log, cwd=self.tmp.name
        )

    def request(self, conn: http.client.HTTPConnection, exercise_id: str, code: str):
        body = json.dumps({"code": code})
        conn.request(
            "POST",
            f"/airoadmap-lab/api/exercises/{exercise_id}/grade",
            body=body,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        response = conn.getresponse()
        return response.status, response.read()

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def wait_ready(self, exercise_id: str, code: str, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                conn = self.connect()
                status, body = self.request(conn, exercise_id, code)
                conn.close()
                if status == 200 and json.loads(body).get("status") == "passed":
                    return
                last = f"{status} {body[:300]!r}"
            except OSError as exc:
                last = repr(exc)
            time.sleep(0.5)
        raise SystemExit(f"jupyter server not ready: {last}\n(log: {self.log.name})")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        self.tmp.cleanup()


def bench_rest(
    server: JupyterServer, exercise_id: str, code: str, n: int, conc: int
) -> Measurement:
    """n POSTs of the grade endpoint, ``conc`` connections in flight."""
    latencies: list[float] = []
    failures = 0
    per_worker = [n // conc + (1 if i < n % conc else 0) for i in range(conc)]

    def worker(count: int) -> None:
        nonlocal failures
        conn = server.connect()
        for _ in range(count):
            start = time.perf_counter()
            status, body = server.request(conn, exercise_id, code)
            latencies.append((time.perf_counter() - start) * 1000)
            if status != 200 or json.loads(body).get("status") != "passed":
                failures += 1
        conn.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(conc) as pool:
        list(pool.map(worker, per_worker))
    return Measurement(latencies, time.perf_counter() - start, failures)


def course_exercise(exercise_id: str) -> ExerciseFiles:
    """An exercise of the built-in course, found by id."""
    for path in (ROOT / "lessons").rglob("exercise.yaml"):
        if f"id: {exercise_id}\n" in path.read_text():
            return ExerciseFiles.from_directory(path.parent)
    raise SystemExit(f"no exercise {exercise_id} under lessons/")


def row(label: str, kind: str, engine: str, mode: str, m: Measurement) -> str:
    return (
        f"| {label} | {kind} | {engine} | {mode} | {len(m.latencies_ms)} | {m.p(0.5):.0f} | "
        f"{m.p(0.95):.0f} | {m.throughput:.1f} | {m.failures} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rest", action="store_true", help="also measure the REST endpoint")
    parser.add_argument("--n", type=int, default=60, help="attempts per warm run")
    parser.add_argument("--n-baseline", type=int, default=8, help="attempts per baseline run")
    parser.add_argument("--workers", type=int, default=2, help="grading slots (SandboxConfig)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--only", choices=list(ENGINE_EXERCISES), help="measure one library's exercises only"
    )
    args = parser.parse_args()

    header = (
        "| exercise | library | engine | mode | attempts | p50 ms | p95 ms | gradings/s | "
        "not passed |\n|---|---|---|---|---|---|---|---|---|"
    )
    lines = [header]
    targets = [
        (kind, ExerciseFiles.from_directory(FIXTURES / name))
        for kind, name in ENGINE_EXERCISES.items()
    ]
    if args.only:
        targets = [(k, e) for k, e in targets if k == args.only]
    if args.rest:
        targets += [
            (kind, course_exercise(eid))
            for kind, eid in REST_EXERCISES.items()
            if not args.only or kind == args.only
        ]
    for kind, exercise in targets:
        seq, conc = bench_engine(exercise, True, args.n, args.n * 2, args.workers)
        lines.append(row(exercise.exercise_id, kind, "fork server", "sequential", seq))
        lines.append(row(exercise.exercise_id, kind, "fork server", "8 concurrent", conc))
        if not args.no_baseline:
            seq, conc = bench_engine(
                exercise, False, args.n_baseline, args.n_baseline, args.workers
            )
            lines.append(row(exercise.exercise_id, kind, "fresh python", "sequential", seq))
            lines.append(row(exercise.exercise_id, kind, "fresh python", "8 concurrent", conc))
        print("\n".join(lines[-4:]), file=sys.stderr, flush=True)
    if args.rest:
        server = JupyterServer(args.workers)
        try:  # noqa: SIM105 - report the engine numbers even if the server fails
            for kind, exercise_id in REST_EXERCISES.items():
                if args.only and kind != args.only:
                    continue
                code = (course_exercise(exercise_id).directory / "solution.py").read_text()
                server.wait_ready(exercise_id, code)
                seq = bench_rest(server, exercise_id, code, args.n, 1)
                conc = bench_rest(server, exercise_id, code, args.n * 2, 8)
                lines.append(row(exercise_id, kind, "REST, fork server", "sequential", seq))
                lines.append(row(exercise_id, kind, "REST, fork server", "8 concurrent", conc))
                print("\n".join(lines[-2:]), file=sys.stderr, flush=True)
        except SystemExit as exc:
            lines.append(f"\nREST measurement failed: {exc}")
        finally:
            server.close()
    print(
        f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end, "
        f"workers={args.workers}, python {sys.version.split()[0]}\n"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
