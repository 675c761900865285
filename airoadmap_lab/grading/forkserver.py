"""The trusted side of the fork server: start it, ask it for sandboxes, stop it."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .config import SandboxConfig
from .launch import PACKAGE_ROOT, ChildHandle, ExitInfo, Launcher, LaunchSpec, clean_environment
from .polling import wait_readable
from .report import IsolationReport
from .sandbox import PRIVATE_TMP, SETUP_FAILED_EXIT, SandboxPlan

WORKER_START_TIMEOUT_S = 180.0


def _needs_exposing(path: Path) -> Path | None:
    """The highest ancestor of ``path`` that other users cannot traverse, if any."""
    blocked = None
    for parent in reversed(path.parents):
        try:
            if not parent.stat().st_mode & 0o001:
                return parent
        except OSError:
            return blocked
    return blocked


def make_plan(config: SandboxConfig) -> SandboxPlan:
    """The isolation plan this process can ask for (the worker then tests what really works)."""
    is_root = os.geteuid() == 0
    hide = [str(Path(p).resolve()) for p in config.hide_paths]
    expose: list[str] = []
    needed = {Path(sys.base_prefix), Path(sys.prefix), PACKAGE_ROOT}
    needed |= {Path(p) for p in sys.path if p and Path(p).is_dir()}
    if config.use_namespaces:
        # The sandbox gets an empty /tmp: a Python or checkout living there is bound back.
        for path in sorted(needed):
            resolved = str(path.resolve())
            if any(resolved.startswith(t + "/") for t in PRIVATE_TMP):
                expose.append(resolved)
    if is_root:
        # Dropping to an unprivileged uid: the Python installation must stay readable. When it
        # sits under a private folder (e.g. /root), mask that folder and bind the install back.
        for path in sorted(needed):
            blocker = _needs_exposing(path.resolve())
            if blocker is not None:
                if str(blocker) not in hide:
                    hide.append(str(blocker))
                expose.append(str(path.resolve()))
    for hidden in hide:
        # everything the grader and Python need that lies under a hidden path is bound back
        for needed_path in (Path(sys.base_prefix), Path(sys.prefix), PACKAGE_ROOT):
            p = str(needed_path.resolve())
            if (p + "/").startswith(hidden.rstrip("/") + "/") and p not in expose:
                expose.append(p)
    return SandboxPlan(
        namespaces=config.use_namespaces,
        user_namespace=not is_root,
        drop_uid=is_root,
        uid_base=config.sandbox_uid_base,
        seccomp=config.use_seccomp,
        hide_paths=hide,
        expose_paths=sorted(set(expose)),
        max_processes=config.max_processes,
        max_open_files=config.max_open_files,
        max_file_bytes=config.max_file_bytes,
        prefork=max(0, config.prefork),
        outer_uid=os.geteuid(),
        outer_gid=os.getegid(),
    )


class _ForkHandle(ChildHandle):
    def __init__(self, sock: socket.socket, out_fd: int, status_fd: int, ctl_fd: int):
        self.sock = sock
        self.out_fd = out_fd
        self._status_fd = status_fd
        self._ctl_fd: int | None = ctl_fd
        self._buffer = b""
        self._status_open = True
        self._info: ExitInfo | None = None
        self.child_pid: int | None = None

    def kill(self) -> None:
        """Closing the control pipe tells the supervisor to SIGKILL the child (PID 1)."""
        if self._ctl_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._ctl_fd)
            self._ctl_fd = None

    def _read_status(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while self._status_open:
            ready = wait_readable([self._status_fd], max(0.0, end - time.monotonic()))
            if not ready:
                return
            chunk = os.read(self._status_fd, 4096)
            if not chunk:
                self._status_open = False
                break
            self._buffer += chunk
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                self._handle_status(line)

    def _handle_status(self, line: bytes) -> None:
        try:
            data: dict[str, Any] = json.loads(line)
        except ValueError:
            return
        if "pid" in data:
            self.child_pid = int(data["pid"])
        elif "error" in data:
            self._info = ExitInfo(detail=f"supervisor: {data['error']}")
        else:
            code = data.get("returncode")
            self._info = ExitInfo(
                returncode=code,
                signal=data.get("signal"),
                timed_out=bool(data.get("timed_out")),
                detail="setup" if code == SETUP_FAILED_EXIT else "",
            )

    def wait(self, timeout: float) -> ExitInfo | None:
        self._read_status(timeout)
        if self._status_open:
            return None
        return self._info or ExitInfo(detail="supervisor ended without a report")

    def close(self) -> None:
        self.kill()
        if self.wait(5.0) is None and self.child_pid:
            # The supervisor did not finish: kill the sandbox's PID 1 ourselves.
            with contextlib.suppress(OSError):
                os.kill(self.child_pid, signal.SIGKILL)
            self.wait(5.0)
        self.sock.close()
        for fd in (self.out_fd, self._status_fd):
            with contextlib.suppress(OSError):
                os.close(fd)


class ForkServerLauncher(Launcher):
    """Keeps one warm worker process and asks it for a sandboxed child per attempt."""

    def __init__(self, config: SandboxConfig, log: logging.Logger):
        self.config = config
        self.log = log
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._ctrl: socket.socket | None = None
        self.hello: dict[str, Any] = {}
        self._home = tempfile.mkdtemp(prefix="airoadmap-forkserver-")
        self._start()

    def _start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "airoadmap_lab.grading.worker", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                cwd=self._home,
                env=clean_environment(self._home),
                start_new_session=True,
            )
        finally:
            theirs.close()
        self._ctrl = ours
        plan = make_plan(self.config)
        ours.send(json.dumps({"op": "configure", "plan": plan.to_json()}).encode())
        ours.settimeout(WORKER_START_TIMEOUT_S)
        try:
            data = ours.recv(1 << 20)
        finally:
            ours.settimeout(None)
        if not data:
            raise RuntimeError("the grading fork server exited during start-up")
        self.hello = json.loads(data)
        self.plan_requested = plan

    def report(self) -> IsolationReport:
        """Which layers the worker found working."""
        plan = SandboxPlan.from_json(self.hello.get("plan", {}))
        notes = self.hello.get("notes", {})
        probe = self.hello.get("probe", {})
        report = IsolationReport()
        report.add(
            "fork server",
            True,
            f"warm worker, numpy/scikit-learn/torch pre-imported "
            f"(start-up {self.hello.get('startup_s', 0):.1f} s)",
        )
        report.add(
            "rlimits",
            True,
            f"CPU, address space, {plan.max_processes} processes, file size, "
            f"{plan.max_open_files} open files, no core dumps",
        )
        report.add("wall-clock kill of the whole sandbox", True, "from outside the sandbox")
        ns_note = "PID, network, mount, IPC, UTS" + (" + user" if plan.user_namespace else "")
        if not self.config.use_namespaces:
            ns_note = "switched off in the configuration (use_namespaces=False)"
        report.add("namespaces", plan.namespaces, notes.get("namespaces", ns_note))
        report.add(
            "private /tmp, /var/tmp, /dev/shm and hidden paths",
            plan.namespaces,
            ", ".join(plan.hide_paths) or "no hidden paths configured",
        )
        if os.geteuid() == 0:
            report.add(
                "unprivileged uid",
                plan.drop_uid,
                notes.get("drop privileges", f"uid {plan.uid_base}+slot, one per concurrent slot"),
            )
        else:
            report.add("capabilities dropped", plan.namespaces, "runs as the server's own user")
        report.add("no_new_privs", True)
        if not self.config.use_seccomp:
            seccomp_note = "switched off in the configuration (use_seccomp=False)"
        else:
            seccomp_note = notes.get(
                "seccomp", "deny-list: namespaces, mounts, ptrace, io_uring, bpf, non-UNIX sockets"
            )
        report.add("seccomp filter", plan.seccomp, seccomp_note)
        report.add(
            "network blocked",
            str(probe.get("network", "")).startswith("blocked"),
            str(probe.get("network", "not tested")),
        )
        report.add(
            "torch works in the child",
            bool(probe.get("torch_ok")),
            f"{probe.get('torch_threads', '?')} thread(s)"
            + (f"; {probe.get('torch_error')}" if probe.get("torch_error") else ""),
        )
        report.add(
            "stdlib importable after dropping privileges",
            bool(probe.get("stdlib_ok")),
            str(probe.get("stdlib_error", "")),
        )
        if "sandbox" in notes:
            report.add("sandbox self-test", False, notes["sandbox"])
        return report

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def launch(self, spec: LaunchSpec) -> ChildHandle:
        parent_sock, child_sock = socket.socketpair()
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        status_r, status_w = os.pipe2(os.O_CLOEXEC)
        ctl_r, ctl_w = os.pipe2(os.O_CLOEXEC)
        request = {
            "op": "attempt",
            "time_limit_s": spec.time_limit_s,
            "memory_mb": spec.memory_mb,
            "slot": spec.slot,
            "backstop_s": spec.time_limit_s + self.config.kill_grace_s + 10.0,
        }
        fds = [child_sock.fileno(), out_w, status_w, ctl_r]
        try:
            with self._lock:
                for attempt in range(2):
                    if not self._alive() or self._ctrl is None:
                        self.log.warning("grading fork server is gone; starting a new one")
                        self._stop()
                        self._start()
                    try:
                        assert self._ctrl is not None
                        socket.send_fds(self._ctrl, [json.dumps(request).encode()], fds)
                        break
                    except OSError:
                        if attempt:
                            raise
                        self._stop()
        finally:
            child_sock.close()
            for fd in (out_w, status_w, ctl_r):
                os.close(fd)
        return _ForkHandle(parent_sock, out_r, status_r, ctl_w)

    def _stop(self) -> None:
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        if self._proc is not None:
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait(10)
            self._proc = None

    def close(self) -> None:
        """Stop the worker; its supervisors die with it and take their sandboxes along."""
        with self._lock:
            self._stop()
        with contextlib.suppress(OSError):
            os.rmdir(self._home)
