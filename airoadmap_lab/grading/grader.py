"""The grader: runs a learner's attempt in a sandboxed child and judges it in this process."""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType

from .checks import Checks, CheckTest, Fail, LearnerRaised
from .config import ExerciseFiles, SandboxConfig
from .forkserver import ForkServerLauncher
from .launch import ChildHandle, Launcher, LaunchSpec, SubprocessLauncher
from .messages import advice_for, died_message, is_out_of_memory, memory_message, timeout_message
from .modules import ExerciseModuleError, ModuleCache, limit_native_threads
from .probe import AttemptAborted, SandboxProbe
from .report import IsolationRefused, IsolationReport, Layer
from .result import GradeResult, GradeStatus, TestResult
from .source import find_syntax_problem, is_unchanged
from .text import clip, decode_output, readable

PREIMPORT = ("numpy", "sklearn", "torch")
STARTUP_TIMEOUT_S = 120.0  # a sandbox that is not up by then counts as broken
# Caps (characters) on the texts of a result; what the learner's code sent is capped before.
MAX_MESSAGE = 12_000


class Grader:
    """Grades attempts: ``grade`` (async, never blocks the loop) or ``grade_sync``."""

    def __init__(self, config: SandboxConfig | None = None, log: logging.Logger | None = None):
        self.config = config or SandboxConfig()
        self.log = log or logging.getLogger("airoadmap_lab.grading")
        self._modules = ModuleCache(self.config.judge_threads)
        self._launcher: Launcher | None = None
        self._isolation = IsolationReport()
        self._start_lock = threading.Lock()
        # `workers` attempts run at once; each sandbox also holds a slot (its uid) until it is
        # torn down in the background, so there are more slots than workers.
        workers = max(1, self.config.workers)
        self._running = threading.Semaphore(workers)
        self._slots: queue.Queue[int] = queue.Queue()
        self._slot_count = 2 * workers + 2
        for slot in range(self._slot_count):
            self._slots.put(slot)
        self._cleanup = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="airoadmap-cleanup"
        )
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="airoadmap-grade")
        self._closed = False

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the sandbox machinery (idempotent) and log which isolation layers are active."""
        with self._start_lock:
            if self._launcher is not None:
                return
            if self._closed:
                raise RuntimeError("this Grader was closed")
            limit_native_threads(self.config.judge_threads)
            self._launcher, self._isolation = self._make_launcher()
            summary = self._isolation.summary()
            if self._isolation.missing:
                self.log.warning("%s", summary)
            else:
                self.log.info("%s", summary)

    def _make_launcher(self) -> tuple[Launcher, IsolationReport]:
        """The launcher and its layers; :class:`IsolationRefused` when a layer is missing and
        ``require_isolation`` is on (nothing is left running then)."""
        allow_with = self.config.allow_weak_with
        if self.config.use_fork_server:
            try:
                forkserver = ForkServerLauncher(self.config, self.log)
            except Exception as exc:
                if self.config.require_isolation:
                    layer = Layer("fork server", False, f"could not start ({exc})")
                    raise IsolationRefused([layer], allow_with) from exc
                self.log.warning("grading fork server could not start (%s); falling back", exc)
            else:
                report = forkserver.report()
                if self.config.require_isolation and report.missing:
                    forkserver.close()
                    raise IsolationRefused(report.missing, allow_with)
                return forkserver, report
        report = IsolationReport()
        report.add("fork server", False, "one fresh python per attempt (slow)")
        report.add("rlimits", True, "CPU, address space, file size, open files, no core dumps")
        report.add("wall-clock kill of the process group", True)
        report.add("namespaces", False, "not used by the subprocess launcher")
        report.add("allow-list root", False, "not used by the subprocess launcher")
        report.add("seccomp filter", False, "not used by the subprocess launcher")
        if self.config.require_isolation:
            raise IsolationRefused(report.missing, allow_with)
        launcher = SubprocessLauncher(
            self.config.max_file_bytes, self.config.max_processes, PREIMPORT
        )
        return launcher, report

    @property
    def isolation(self) -> IsolationReport:
        """The isolation layers detected at start."""
        self.start()
        return self._isolation

    def close(self) -> None:
        """Stop the worker and every child; nothing is left running."""
        with self._start_lock:
            self._closed = True
            self._pool.shutdown(wait=True, cancel_futures=False)
            self._cleanup.shutdown(wait=True, cancel_futures=False)
            if self._launcher is not None:
                self._launcher.close()
                self._launcher = None

    def __enter__(self) -> Grader:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- grading --------------------------------------------------------------------------------

    async def grade(
        self, exercise: ExerciseFiles, code: str, *, detect_not_attempted: bool = True
    ) -> GradeResult:
        """Grade an attempt without blocking the event loop; attempts queue FIFO for a slot."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool,
            lambda: self.grade_sync(exercise, code, detect_not_attempted=detect_not_attempted),
        )

    def grade_sync(
        self, exercise: ExerciseFiles, code: str, *, detect_not_attempted: bool = True
    ) -> GradeResult:
        """Grade an attempt in this thread. Never raises for anything the learner's code does."""
        started = time.perf_counter()
        try:
            result = self._grade(exercise, code, detect_not_attempted)
        except Exception:
            self.log.exception("grading %s failed inside the grader", exercise.exercise_id)
            result = self._result(
                exercise,
                GradeStatus.error,
                0.0,
                [],
                message="The grader had an internal problem with this attempt (not your code's "
                "fault). Try again; if it keeps happening, tell your teacher.",
            )
        result.duration_ms = (time.perf_counter() - started) * 1000.0
        return result

    @staticmethod
    def _result(
        exercise: ExerciseFiles,
        status: GradeStatus,
        max_score: float,
        tests: list[TestResult],
        *,
        message: str = "",
        output: str = "",
        truncated: bool = False,
    ) -> GradeResult:
        """The result, with every text capped and readable (no lone surrogate, no NUL)."""
        for test in tests:
            test.message = clip(test.message, MAX_MESSAGE)
        return GradeResult(
            exercise_id=exercise.exercise_id,
            exercise_version=exercise.version,
            status=status,
            score=float(sum(t.points for t in tests)),
            max_score=max_score,
            tests=tests,
            message=clip(message, MAX_MESSAGE),
            output=output,
            output_truncated=truncated,
        )

    @staticmethod
    def _not_run(checks: Checks, message: str) -> list[TestResult]:
        return [
            TestResult(name=t.name, passed=False, message=message, points=0.0, max_points=t.points)
            for t in checks.tests
        ]

    def _reference_loader(self, exercise: ExerciseFiles):
        def load() -> ModuleType:
            return self._modules.load(exercise.solution_path)

        return load

    def _grade(self, exercise: ExerciseFiles, code: str, detect_not_attempted: bool) -> GradeResult:
        try:
            checks = self._modules.checks(exercise.check_path)
        except ExerciseModuleError as exc:
            self.log.error("exercise %s: %s", exercise.exercise_id, exc, exc_info=exc.__cause__)
            return self._result(
                exercise,
                GradeStatus.error,
                0.0,
                [],
                message="The checks of this exercise could not be loaded. This is a problem in the "
                "exercise, not in your code; your teacher can see the details in the server log.",
            )
        max_score = checks.max_score
        if len(code.encode("utf-8", "surrogatepass")) > self.config.max_code_bytes:
            return self._result(
                exercise,
                GradeStatus.error,
                max_score,
                self._not_run(checks, "not run"),
                message=f"Your code is larger than {self.config.max_code_bytes} bytes; submit only "
                "the exercise's functions.",
            )
        problem = find_syntax_problem(code)
        if problem is not None:
            return self._result(
                exercise,
                GradeStatus.error,
                max_score,
                self._not_run(checks, "not run: your code has a syntax error"),
                message=problem.describe(),
            )
        if detect_not_attempted and is_unchanged(code, exercise.starter):
            return self._result(
                exercise,
                GradeStatus.not_attempted,
                max_score,
                self._not_run(checks, "not run: the starter code is unchanged"),
                message="This is the starter code, unchanged. Write your solution where the TODO "
                "comments are, then run the check.",
            )
        self.start()
        with self._running:
            slot = self._slots.get()
            released = False
            try:
                result, handle = self._run_attempt(exercise, checks, code, slot)
                # The result is ready: tear the sandbox down in the background, then free the
                # slot (slots map to uids: one is reused only once its processes are all gone).
                self._cleanup.submit(self._finish, handle, slot)
                released = True
                return result
            finally:
                if not released:
                    self._slots.put(slot)

    def _finish(self, handle: ChildHandle, slot: int) -> None:
        try:
            handle.close()
        except Exception:
            self.log.exception("cleaning up a grading sandbox failed")
        finally:
            self._slots.put(slot)

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until no attempt is running and every sandbox is torn down."""
        deadline = time.monotonic() + timeout
        taken = []
        try:
            for _ in range(self._slot_count):
                taken.append(self._slots.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            return False
        finally:
            for slot in taken:
                self._slots.put(slot)
        return True

    def _run_attempt(
        self, exercise: ExerciseFiles, checks: Checks, code: str, slot: int
    ) -> tuple[GradeResult, ChildHandle]:
        assert self._launcher is not None
        limit_s = self.config.time_limit(exercise)
        memory_mb = self.config.memory_limit(exercise)
        seed = zlib.crc32(f"{exercise.exercise_id}:{exercise.version}".encode()) & 0x7FFFFFFF
        handle = self._launcher.launch(LaunchSpec(limit_s, memory_mb, slot))
        probe = SandboxProbe(
            handle,
            deadline=time.monotonic() + limit_s,
            seed=seed,
            max_result_bytes=self.config.max_result_bytes,
            max_output_bytes=self.config.max_output_bytes,
            reference=self._reference_loader(exercise),
            data_dir=exercise.directory / "data",
        )
        judged = _Judgement()
        try:
            self._judge(exercise, checks, code, probe, judged)
        except BaseException:
            handle.close()
            raise
        probe.drain_output()  # what the child wrote before its last answer is in the pipe
        handle.kill()
        any_hidden = any(t.hidden for t in checks.tests)
        output, truncated = readable(probe.output.text), probe.output.truncated
        if probe.raw_output and not any_hidden:
            output += decode_output(bytes(probe.raw_output))
            truncated = truncated or probe.raw_truncated
        if len(output) > self.config.max_output_bytes:
            output, truncated = output[: self.config.max_output_bytes], True
        status, message = judged.status_and_message(limit_s, memory_mb)
        result = self._result(
            exercise,
            status,
            checks.max_score,
            judged.tests,
            message=message,
            output=output,
            truncated=truncated,
        )
        return result, handle

    def _judge(
        self,
        exercise: ExerciseFiles,
        checks: Checks,
        code: str,
        probe: SandboxProbe,
        judged: _Judgement,
    ) -> None:
        try:
            probe.wait_ready(STARTUP_TIMEOUT_S, self.config.time_limit(exercise))
            loaded = probe.load(code, self.config.max_output_bytes)
            if loaded.get("ok") is not True:
                probe._value(loaded, [], "your code")  # raises what went wrong
                raise Fail("could not be loaded")
        except AttemptAborted as abort:
            judged.abort = abort
            judged.tests = self._not_run(checks, "not run: " + judged.abort_sentence())
            return
        except LearnerRaised as exc:
            judged.load_error = exc
        except Fail as exc:  # includes an answer to loading that could not be read
            judged.load_error = LearnerRaised("Error", exc.message)
        if judged.load_error is not None:
            judged.tests = self._not_run(
                checks, "not run: your code raised an exception while loading"
            )
            return
        for index, test in enumerate(checks.tests):
            outcome = self._run_test(exercise, test, probe, judged)
            judged.tests.append(outcome)
            if judged.abort is not None:
                rest = self._not_run(
                    Checks(checks.tests[index + 1 :]), "not run: " + judged.abort_sentence()
                )
                judged.tests.extend(rest)
                return

    def _run_test(
        self, exercise: ExerciseFiles, test: CheckTest, probe: SandboxProbe, judged: _Judgement
    ) -> TestResult:
        def outcome(passed: bool, message: str = "") -> TestResult:
            if test.hidden and not passed:
                message = "This hidden test did not pass."
            return TestResult(
                name=test.name,
                passed=passed,
                message=message,
                points=test.points if passed else 0.0,
                max_points=test.points,
            )

        probe.hidden = test.hidden
        try:
            test.fn(probe)
        except Fail as exc:
            return outcome(False, exc.message)
        except LearnerRaised as exc:
            if is_out_of_memory(exc):
                judged.memory = True
            message = advice_for(exc)
            if exc.traceback and not test.hidden:
                message += "\n" + exc.traceback
            return outcome(False, message)
        except AttemptAborted as abort:
            judged.abort = abort
            return outcome(False, judged.abort_sentence())
        except Exception:
            self.log.exception(
                "exercise %s: the check %r itself failed", exercise.exercise_id, test.name
            )
            judged.check_broken = True
            return TestResult(
                name=test.name,
                passed=False,
                message="This check itself failed (a problem in the exercise, not in your code); "
                "your teacher can see the details in the server log.",
                points=0.0,
                max_points=test.points,
            )
        finally:
            probe.hidden = False
        return outcome(True)


class _Judgement:
    """What happened during one attempt, turned into a status and a message at the end."""

    def __init__(self) -> None:
        self.tests: list[TestResult] = []
        self.abort: AttemptAborted | None = None
        self.load_error: LearnerRaised | None = None
        self.memory = False
        self.check_broken = False
        self.limit_s = 0.0
        self.memory_mb = 0

    def abort_kind(self) -> str:
        abort = self.abort
        if abort is None:
            return ""
        info = abort.exit_info
        if abort.reason == "timeout" or (
            info is not None and (info.timed_out or info.cpu_exceeded)
        ):
            return "timeout"
        if info is not None and info.detail == "memory":
            return "memory"
        return abort.reason

    def abort_sentence(self) -> str:
        kind = self.abort_kind()
        if kind == "timeout":
            return "the time limit was reached"
        if kind == "memory":
            return "the memory limit was reached"
        if kind == "too_large":
            return "your code sent back more data than allowed"
        return "your code's process ended"

    def status_and_message(self, limit_s: float, memory_mb: int) -> tuple[GradeStatus, str]:
        kind = self.abort_kind()
        if kind == "timeout" and self.memory:
            # It ran out of memory first; that is the more useful advice.
            return GradeStatus.memory, memory_message(memory_mb)
        if kind == "timeout":
            return GradeStatus.timeout, timeout_message(limit_s)
        if kind == "memory":
            return GradeStatus.memory, memory_message(memory_mb)
        if kind == "too_large":
            return GradeStatus.error, (
                "Your code sent back more data than a result may have. Return only what the "
                "exercise asks for."
            )
        if kind == "protocol":
            return GradeStatus.error, (
                "Your code interfered with the grader's connection to it, so it could not be "
                "graded. Do not write to or close file descriptors you did not open."
            )
        if kind == "died":
            return GradeStatus.error, died_message(self.abort.exit_info if self.abort else None)
        if self.load_error is not None:
            if is_out_of_memory(self.load_error):
                return GradeStatus.memory, memory_message(memory_mb)
            return GradeStatus.error, "While loading your code: " + advice_for(self.load_error) + (
                "\n" + self.load_error.traceback if self.load_error.traceback else ""
            )
        if self.check_broken:
            return GradeStatus.error, (
                "A check of this exercise failed to run (a problem in the exercise, not in your "
                "code); your teacher can see the details in the server log."
            )
        if self.memory:
            return GradeStatus.memory, memory_message(memory_mb)
        passed = sum(1 for t in self.tests if t.passed)
        if passed == len(self.tests):
            return GradeStatus.passed, f"All {passed} tests passed."
        return GradeStatus.failed, f"{passed} of {len(self.tests)} tests passed."
