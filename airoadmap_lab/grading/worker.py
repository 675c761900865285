"""The fork server: ``python -m airoadmap_lab.grading.worker FD``.

Started by exec from the grader with a clean environment, before any exercise material is loaded,
so it holds no expected values and no server secrets. It pre-imports numpy, scikit-learn and
torch with one BLAS/OpenMP thread (and never runs a torch operation itself, because torch's
OpenMP pool deadlocks in children forked after a parallel op), checks at start which isolation
layers work, then forks one supervisor per attempt (see :mod:`.sandbox`).

Control protocol on the SOCK_SEQPACKET socket ``FD``: the grader sends ``{"op": "configure",
"plan": ...}``; the worker answers ``{"op": "hello", "layers": [...], "plan": ...}``; then each
attempt is one message ``{"op": "attempt", ...}`` carrying four descriptors (probe socket, output
pipe, status pipe, control pipe) as SCM_RIGHTS. End of file on ``FD`` stops the worker.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import signal
import socket
import sys
import time
import warnings
from typing import Any

from . import syscalls
from .polling import wait_readable

# Thread pools must be sized before numpy/torch are imported.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_name] = "1"

PREIMPORT = (
    "numpy",
    "numpy.linalg",
    "numpy.fft",
    "numpy.random",
    "scipy",
    "scipy.linalg",
    "scipy.special",
    "scipy.stats",
    "scipy.optimize",
    "sklearn",
    "sklearn.base",
    "sklearn.datasets",
    "sklearn.linear_model",
    "sklearn.model_selection",
    "sklearn.metrics",
    "sklearn.preprocessing",
    "sklearn.tree",
    "sklearn.ensemble",
    "sklearn.neighbors",
    "sklearn.cluster",
    "sklearn.decomposition",
    "sklearn.pipeline",
    "sklearn.svm",
    "torch",
    "torch.nn",
    "torch.nn.functional",
    "torch.optim",
    "torch.utils.data",
    # the serving exercises (deploy-fastapi-service): importing them costs ~1 s per attempt
    "pydantic",
    "fastapi",
    "fastapi.testclient",
)
# Standard-library modules learners commonly use; imported here so a child whose privileges are
# dropped never needs to read them lazily.
PREIMPORT_STDLIB = (
    "abc",
    "array",
    "bisect",
    "collections",
    "copy",
    "csv",
    "dataclasses",
    "decimal",
    "encodings.idna",
    "enum",
    "fractions",
    "functools",
    "hashlib",
    "heapq",
    "io",
    "itertools",
    "json",
    "math",
    "operator",
    "random",
    "re",
    "secrets",
    "statistics",
    "string",
    "textwrap",
    "typing",
    "unicodedata",
    "ctypes",
    "threading",
    "subprocess",
    "multiprocessing",
    "pathlib",
    "tempfile",
    "gc",
    "inspect",
)


def preimport() -> list[str]:
    """Import the heavy libraries and the common stdlib; return what could not be imported."""
    missing = []
    with warnings.catch_warnings():
        # A library's import-time deprecation notice (starlette's test client) is not news for
        # the learner: imported here, it is never printed into an attempt's output.
        warnings.simplefilter("ignore")
        for name in PREIMPORT + PREIMPORT_STDLIB:
            try:
                importlib.import_module(name)
            except Exception:
                missing.append(name)
    return missing


def _send(ctrl: socket.socket, data: dict[str, Any]) -> None:
    ctrl.send(json.dumps(data).encode())


def _probe_sandbox(supervisor: Supervisor) -> dict[str, Any]:
    """Start one sandbox with the full plan and let the child test itself."""
    parent, child = socket.socketpair()
    out_r, out_w = os.pipe()
    status_r, status_w = os.pipe()
    ctl_r, ctl_w = os.pipe()
    fds = {"probe": child.fileno(), "out": out_w, "status": status_w, "ctl": ctl_r}
    request = {"time_limit_s": 20, "memory_mb": 1024, "slot": 0, "backstop_s": 60, "test": True}
    report: dict[str, Any] = {}
    try:
        supervisor.spawn(request, fds)
    except OSError as exc:
        report["error"] = f"could not start the test sandbox: {exc}"
    child.detach()
    parent.settimeout(60)
    if "error" not in report:
        try:
            data = parent.recv(1 << 16)
            if data:
                report = json.loads(data)
        except (OSError, ValueError) as exc:
            report = {"error": f"no answer from the test sandbox: {exc}"}
    os.close(ctl_w)
    while supervisor.attempts:
        supervisor.step(timeout=1.0)
    with os.fdopen(status_r) as f:
        report["status"] = [json.loads(line) for line in f if line.strip()]
    out = b""
    with contextlib.suppress(OSError):
        os.set_blocking(out_r, False)
        out = os.read(out_r, 4096)
    os.close(out_r)
    parent.close()
    report["output"] = out.decode("utf-8", "replace")
    return report


class _Prepared:
    """A pre-forked sandbox waiting for its attempt on ``chan``."""

    def __init__(self, pid: int, chan: socket.socket):
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.chan = chan


class _Tracked:
    """A process the fork server watches: a sandboxed child (direct mode) or a supervisor."""

    def __init__(
        self,
        pid: int,
        status_fd: int | None,
        ctl_fd: int | None,
        backstop_s: float,
        pidfd: int | None = None,
    ):
        self.pid = pid
        self.pidfd = os.pidfd_open(pid) if pidfd is None else pidfd
        self.status_fd = status_fd
        self.ctl_fd = ctl_fd
        self.deadline = time.monotonic() + backstop_s
        self.timed_out = False
        self.killed = False


class Supervisor:
    """Forks sandboxes and, in direct mode (root), supervises them from this one process.

    Direct mode: one fork per attempt; the child is PID 1 of its own PID namespace and this
    process kills it when the grader closes the attempt's control pipe or the backstop timer
    fires, then reports its exit status on the status pipe. Otherwise (not root: a user
    namespace must be created first) a per-attempt supervisor process does that job
    (:func:`.sandbox.run_supervisor`) and this process only reaps it.
    """

    def __init__(self, plan: Any, seccomp_filter: Any):
        self.plan = plan
        self.seccomp_filter = seccomp_filter
        self.attempts: dict[int, _Tracked] = {}
        self.pool: dict[int, _Prepared] = {}
        self.own_pid_ns: int | None = None
        self._my_pid = os.getpid()
        self.configure()

    def configure(self) -> None:
        """Choose direct or supervisor mode for the current plan (drops prepared sandboxes)."""
        self.direct = self.plan.namespaces and not self.plan.user_namespace
        if self.direct and self.own_pid_ns is None:
            self.own_pid_ns = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        for prepared in list(self.pool.values()):
            self._discard(prepared)

    @property
    def pool_short(self) -> bool:
        """Whether a sandbox should be pre-forked now."""
        return self.direct and len(self.pool) < self.plan.prefork

    def prefork(self) -> _Prepared:
        """Fork one sandbox into a new PID namespace and let it set itself up halfway."""
        from .sandbox import run_prepared_child

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        if self.plan.namespaces:
            syscalls.unshare(syscalls.CLONE_NEWPID)
        try:
            pid = os.fork()
        finally:
            if self.plan.namespaces and os.getpid() == self._my_pid:
                assert self.own_pid_ns is not None
                syscalls.setns(self.own_pid_ns, syscalls.CLONE_NEWPID)
        if pid == 0:
            run_prepared_child(self.plan, theirs.fileno(), self.seccomp_filter)
        theirs.close()
        prepared = _Prepared(pid, ours)
        self.pool[prepared.pidfd] = prepared
        return prepared

    def _discard(self, prepared: _Prepared) -> None:
        self.pool.pop(prepared.pidfd, None)
        prepared.chan.close()
        with contextlib.suppress(OSError):
            signal.pidfd_send_signal(prepared.pidfd, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(prepared.pid, 0)
        os.close(prepared.pidfd)

    def _assign(self, request: dict[str, Any], fds: dict[str, int]) -> _Prepared:
        """Hand an attempt to a prepared sandbox (pre-forking one if none is ready)."""
        for _ in range(3):
            prepared = next(iter(self.pool.values()), None) or self.prefork()
            del self.pool[prepared.pidfd]
            try:
                socket.send_fds(
                    prepared.chan, [json.dumps(request).encode()], [fds["probe"], fds["out"]]
                )
            except OSError:
                self.pool[prepared.pidfd] = prepared
                self._discard(prepared)
                continue
            prepared.chan.close()
            return prepared
        raise OSError("no prepared sandbox accepted the attempt")

    def spawn(self, request: dict[str, Any], fds: dict[str, int]) -> None:
        """Start one sandbox; takes ownership of the descriptors in ``fds``."""
        from .sandbox import run_supervisor, spawn_direct

        backstop = float(request.get("backstop_s", 60))
        try:
            if self.direct and self.plan.prefork > 0:
                prepared = self._assign(request, fds)
                tracked = _Tracked(
                    prepared.pid, fds["status"], fds["ctl"], backstop, pidfd=prepared.pidfd
                )
                _status(tracked.status_fd, {"pid": prepared.pid})
                for name in ("probe", "out"):
                    os.close(fds[name])
            elif self.direct:
                pid = spawn_direct(self.plan, request, fds, self.seccomp_filter, self.own_pid_ns)
                tracked = _Tracked(pid, fds["status"], fds["ctl"], backstop)
                _status(tracked.status_fd, {"pid": pid})
                for name in ("probe", "out"):
                    os.close(fds[name])
            else:
                pid = os.fork()
                if pid == 0:
                    for t in self.attempts.values():
                        os.close(t.pidfd)
                    run_supervisor(self.plan, request, fds, self.seccomp_filter)
                tracked = _Tracked(pid, None, None, backstop + 30.0)
                for fd in fds.values():
                    os.close(fd)
        except BaseException:
            for fd in fds.values():
                with contextlib.suppress(OSError):
                    os.close(fd)
            raise
        self.attempts[tracked.pidfd] = tracked

    def watched(self) -> list[int]:
        """Descriptors to wait on: each child's pidfd and each control pipe."""
        fds = list(self.attempts) + list(self.pool)
        fds += [t.ctl_fd for t in self.attempts.values() if t.ctl_fd is not None]
        return fds

    def next_timeout(self) -> float | None:
        """Seconds until the nearest backstop deadline."""
        if not self.attempts:
            return None
        return max(0.0, min(t.deadline for t in self.attempts.values()) - time.monotonic())

    def _kill(self, t: _Tracked) -> None:
        if not t.killed:
            t.killed = True
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(t.pidfd, signal.SIGKILL)

    def handle(self, ready: list[int]) -> None:
        """React to ready descriptors and expired deadlines."""
        now = time.monotonic()
        for prepared in list(self.pool.values()):
            if prepared.pidfd in ready:  # a prepared sandbox died before its attempt
                self._discard(prepared)
        for t in list(self.attempts.values()):
            if t.ctl_fd is not None and t.ctl_fd in ready:
                self._kill(t)  # the grader is done with this attempt (or gave up on it)
                os.close(t.ctl_fd)
                t.ctl_fd = None
            if now >= t.deadline and not t.killed:
                t.timed_out = True
                self._kill(t)
            if t.pidfd in ready:
                self._reap(t)

    def _reap(self, t: _Tracked) -> None:
        try:
            _, status = os.waitpid(t.pid, 0)
        except ChildProcessError:
            status = 0
        if t.status_fd is not None:
            if os.WIFSIGNALED(status):
                info = {"signal": os.WTERMSIG(status), "timed_out": t.timed_out}
            else:
                info = {"returncode": os.WEXITSTATUS(status), "timed_out": t.timed_out}
            _status(t.status_fd, info)
            os.close(t.status_fd)
        if t.ctl_fd is not None:
            os.close(t.ctl_fd)
        os.close(t.pidfd)
        del self.attempts[t.pidfd]

    def step(self, timeout: float | None) -> None:
        """Wait for one round of events among the supervised processes only."""
        wait = self.next_timeout()
        if timeout is not None:
            wait = timeout if wait is None else min(wait, timeout)
        ready = wait_readable(self.watched(), wait)
        self.handle(ready)


def _status(fd: int | None, data: dict[str, Any]) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.write(fd, (json.dumps(data) + "\n").encode())


def self_test_in_child(sock: socket.socket) -> None:
    """Run inside a freshly sandboxed child at start-up: report what the sandbox looks like."""
    facts: dict[str, Any] = {"pid": os.getpid(), "uid": os.getuid()}
    try:
        import torch

        facts["torch_ok"] = float((torch.ones(8, 8) @ torch.ones(8, 8)).sum()) == 512.0
        facts["torch_threads"] = torch.get_num_threads()
    except Exception as exc:
        facts["torch_ok"] = False
        facts["torch_error"] = repr(exc)
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(0.5)
        s.connect(("127.0.0.1", 9))
        facts["network"] = "connected"
    except OSError as exc:
        facts["network"] = f"blocked ({exc.strerror or exc})"
    try:
        importlib.import_module("wave")  # a stdlib module that is not pre-imported
        facts["stdlib_ok"] = True
    except Exception as exc:
        facts["stdlib_ok"] = False
        facts["stdlib_error"] = repr(exc)
    facts["tmp_empty"] = os.listdir("/tmp") == []
    with contextlib.suppress(OSError):
        facts["proc_entries"] = sum(1 for e in os.listdir("/proc") if e.isdigit())
    sock.sendall(json.dumps(facts).encode())


def _configure(plan: Any) -> tuple[Any, dict[str, str], list[dict[str, Any]], Supervisor]:
    """Build the seccomp filter and find, by trying, which layers of ``plan`` work here."""
    from .seccomp import build_seccomp_filter

    notes: dict[str, str] = {}
    seccomp_filter = None
    if plan.seccomp:
        try:
            seccomp_filter = build_seccomp_filter()
        except Exception as exc:
            plan.seccomp = False
            what = (
                "pyseccomp could not be imported" if isinstance(exc, ImportError) else "not built"
            )
            notes["seccomp"] = f"{what} ({type(exc).__name__}: {exc})"
    supervisor = Supervisor(plan, seccomp_filter)
    probes = []
    for _ in range(4):
        report = _probe_sandbox(supervisor)
        probes.append(report)
        errors = [str(s.get("error", "")) for s in report.get("status", []) if "error" in s]
        problem = " ".join(errors + [str(report.get("error", "")), str(report.get("output", ""))])
        if "pid" in report and not problem.strip():
            break
        # Turn off the layer that failed and try again (reported as missing, never silent).
        if "seccomp" in problem and plan.seccomp:
            plan.seccomp = False
            notes["seccomp"] = f"failed to load: {problem.strip()}"
        elif "drop privileges" in problem and plan.drop_uid:
            plan.drop_uid = False
            notes["drop privileges"] = f"failed: {problem.strip()}"
        elif plan.namespaces:
            plan.namespaces = False
            plan.user_namespace = False
            notes["namespaces"] = f"failed: {problem.strip()}"
        else:
            notes["sandbox"] = f"test child failed: {problem.strip()}"
            break
        supervisor.configure()
    return seccomp_filter, notes, probes, supervisor


def serve(ctrl: socket.socket) -> None:
    """Configure, self-test the sandbox, then start one sandbox per attempt until EOF."""
    from .sandbox import SandboxPlan

    started = time.perf_counter()
    message = json.loads(ctrl.recv(1 << 20) or b"{}")
    plan = SandboxPlan.from_json(message.get("plan", {}))
    missing = preimport()
    # Move every object imported so far out of the collector's reach: a child's garbage
    # collection then does not write to (and so copy) every page inherited from this process.
    gc.collect()
    gc.freeze()
    _, notes, probes, supervisor = _configure(plan)
    _send(
        ctrl,
        {
            "op": "hello",
            "plan": plan.to_json(),
            "notes": notes,
            "probe": probes[-1],
            "direct": supervisor.direct,
            "missing_imports": missing,
            "startup_s": time.perf_counter() - started,
        },
    )
    ctrl_open = True
    while ctrl_open or supervisor.attempts:
        watched = supervisor.watched() + ([ctrl.fileno()] if ctrl_open else [])
        refill = ctrl_open and supervisor.pool_short
        ready = wait_readable(watched, 0 if refill else supervisor.next_timeout())
        supervisor.handle(ready)
        if ctrl_open and ctrl.fileno() in ready:
            ctrl_open = _accept(ctrl, supervisor)
        elif refill and not ready:
            try:
                supervisor.prefork()  # nothing else to do: get the next sandbox ready
            except OSError as exc:
                sys.stderr.write(f"airoadmap grading worker: could not pre-fork: {exc}\n")
                supervisor.plan.prefork = 0
    # The grader is gone: end every sandbox still running or waiting.
    for t in list(supervisor.attempts.values()):
        supervisor._kill(t)
    for prepared in list(supervisor.pool.values()):
        supervisor._discard(prepared)


def _accept(ctrl: socket.socket, supervisor: Supervisor) -> bool:
    """Receive one attempt request; False when the grader closed the control socket."""
    try:
        data, fds, _flags, _addr = socket.recv_fds(ctrl, 1 << 16, 8)
    except InterruptedError:
        return True
    except OSError:
        return False
    if not data:
        return False
    names = ("probe", "out", "status", "ctl")
    try:
        request = json.loads(data)
        if len(fds) != len(names) or not isinstance(request, dict):
            raise ValueError("malformed attempt request")
    except ValueError:
        for fd in fds:
            os.close(fd)
        return True
    request.pop("test", None)
    fdmap = dict(zip(names, fds, strict=True))
    try:
        supervisor.spawn(request, fdmap)
    except OSError as exc:
        # spawn closed the descriptors; the grader sees the status pipe close without a report
        sys.stderr.write(f"airoadmap grading worker: could not start a sandbox: {exc}\n")
    return True


def main(argv: list[str]) -> None:
    """Entry point."""
    ctrl = socket.socket(fileno=int(argv[0]))
    try:
        serve(ctrl)
    finally:
        os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
