"""Starting a sandboxed child for one attempt, and what is known when it ends.

Two launchers share one interface: :class:`SubprocessLauncher` execs a fresh ``python`` per attempt
(simple, slow: it is the benchmark baseline and the fallback), and the fork-server launcher in
:mod:`.forkserver` forks a pre-imported worker.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]

THREAD_ENV = {
    name: "1"
    for name in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "BLIS_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    )
}


def clean_environment(home: str) -> dict[str, str]:
    """The whole environment of a sandbox process: no variable of the server is passed on."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": home,
        "TMPDIR": "/tmp",
        # the package itself, plus whatever path the server was started with (not a secret)
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
    }
    env.update(THREAD_ENV)
    return env


@dataclass
class ExitInfo:
    """How the sandboxed process ended."""

    returncode: int | None = None  # exit status when it exited
    signal: int | None = None  # the signal that killed it
    timed_out: bool = False  # killed by the wall-clock limit
    detail: str = ""

    @property
    def cpu_exceeded(self) -> bool:
        """Killed for using more CPU time than its limit."""
        return self.signal == signal.SIGXCPU or self.returncode == CPU_LIMIT_EXIT


CPU_LIMIT_EXIT = 152  # the sandbox's SIGXCPU handler exits with this code


@dataclass(frozen=True)
class LaunchSpec:
    """Limits of one attempt's sandbox."""

    time_limit_s: float
    memory_mb: int
    slot: int


class ChildHandle(ABC):
    """A running sandboxed child: its probe socket, its raw output pipe, and how to end it."""

    sock: socket.socket
    out_fd: int

    @abstractmethod
    def kill(self) -> None:
        """Kill the child and everything it started, now."""

    @abstractmethod
    def wait(self, timeout: float) -> ExitInfo | None:
        """Wait until the sandbox is gone; None if it is still there after ``timeout``."""

    def close(self) -> None:
        """Kill, wait, and release every descriptor."""
        self.kill()
        self.wait(5.0)
        self.sock.close()
        with contextlib.suppress(OSError):
            os.close(self.out_fd)


class Launcher(ABC):
    """Creates one sandboxed child per attempt."""

    @abstractmethod
    def launch(self, spec: LaunchSpec) -> ChildHandle:
        """Start a sandboxed child ready to receive the ``load`` request."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Stop helper processes."""


class _SubprocessHandle(ChildHandle):
    def __init__(self, proc: subprocess.Popen[bytes], sock: socket.socket, out_fd: int, home: str):
        self.proc = proc
        self.sock = sock
        self.out_fd = out_fd
        self.home = home

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def wait(self, timeout: float) -> ExitInfo | None:
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        shutil.rmtree(self.home, ignore_errors=True)
        return ExitInfo(returncode=code, signal=None) if code >= 0 else ExitInfo(signal=-code)


class SubprocessLauncher(Launcher):
    """One fresh ``python`` per attempt with rlimits and its own process group (no namespaces)."""

    def __init__(self, config_max_file_bytes: int, max_processes: int, preimport: tuple[str, ...]):
        self.max_file_bytes = config_max_file_bytes
        self.max_processes = max_processes
        self.preimport = preimport

    def launch(self, spec: LaunchSpec) -> ChildHandle:
        parent_sock, child_sock = socket.socketpair()
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        home = tempfile.mkdtemp(prefix="airoadmap-attempt-")
        imports = "".join(f"import {m}\n" for m in self.preimport)
        script = (
            imports
            + "import sys\nfrom airoadmap_lab.grading.child import main\nmain(sys.argv[1:])\n"
        )
        args = [
            str(child_sock.fileno()),
            str(spec.time_limit_s),
            str(spec.memory_mb),
            str(self.max_file_bytes),
            str(self.max_processes),
        ]
        try:
            proc = subprocess.Popen(
                [sys.executable, "-c", script, *args],
                pass_fds=[child_sock.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=out_w,
                stderr=out_w,
                cwd=home,
                env=clean_environment(home),
                start_new_session=True,
            )
        finally:
            child_sock.close()
            os.close(out_w)
        return _SubprocessHandle(proc, parent_sock, out_r, home)
