"""Entering the sandbox: the steps the supervisor and the learner's child take after a fork.

Per attempt the fork server forks a *supervisor* (trusted code). The supervisor unshares the PID,
network, mount, IPC and UTS namespaces (plus a user namespace when not root) and forks the
*child*, which is PID 1 of the new PID namespace. The child mounts private tmpfs over /tmp,
/var/tmp and /dev/shm, masks the hidden paths, mounts a /proc of its own, sets rlimits, drops
privileges, sets no_new_privs, loads a seccomp filter, then serves the probe socket
(:mod:`.child`). The supervisor waits for the child, kills it when the trusted grader closes the
control pipe or the backstop timer fires, and reports how it ended. When PID 1 of a PID namespace
dies, the kernel kills every other process in it, so nothing the learner started survives.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from . import syscalls
from .launch import CPU_LIMIT_EXIT
from .limits import apply_rlimits
from .polling import wait_readable

SETUP_FAILED_EXIT = 171
NS_FLAGS = (
    syscalls.CLONE_NEWPID
    | syscalls.CLONE_NEWNET
    | syscalls.CLONE_NEWNS
    | syscalls.CLONE_NEWIPC
    | syscalls.CLONE_NEWUTS
)


@dataclass
class SandboxPlan:
    """The isolation layers to apply, decided once when the fork server starts."""

    namespaces: bool = True
    user_namespace: bool = False  # needed when not root
    drop_uid: bool = False  # root only: run as uid_base + slot
    uid_base: int = 64000
    seccomp: bool = True
    hide_paths: list[str] = field(default_factory=list)
    expose_paths: list[str] = field(default_factory=list)  # re-exposed under masked parents
    max_processes: int = 32
    max_open_files: int = 256
    max_file_bytes: int = 16 * 1024 * 1024
    outer_uid: int = 0
    outer_gid: int = 0
    prefork: int = 2  # sandboxes the fork server keeps ready (direct mode)

    def to_json(self) -> dict[str, Any]:
        """As a JSON object."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SandboxPlan:
        """From :meth:`to_json` output."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


class SetupError(Exception):
    """A sandbox step failed; ``step`` names it."""

    def __init__(self, step: str, cause: BaseException):
        super().__init__(f"{step}: {cause}")
        self.step = step


# -- the child -------------------------------------------------------------------------------------


def _step(name: str, fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except BaseException as exc:
        raise SetupError(name, exc) from exc


PRIVATE_TMP = ("/tmp", "/var/tmp", "/dev/shm")  # each gets a private, empty tmpfs


def _tmpfs(target: str, mode: str = "1777", size: str = "64m") -> None:
    if os.path.isdir(target):
        syscalls.mount(
            "tmpfs",
            target,
            "tmpfs",
            syscalls.MS_NOSUID | syscalls.MS_NODEV,
            f"mode={mode},size={size}",
        )


def _traversable_by_others(path: str) -> bool:
    try:
        return bool(os.stat(path).st_mode & 0o001)
    except OSError:
        return False


def _bind_back(keep: list[tuple[str, int]], masks: list[str]) -> None:
    """Bind each kept path that lies under one of ``masks`` back over the mask."""
    for path, fd in keep:
        if any(path == m or path.startswith(m.rstrip("/") + "/") for m in masks):
            os.makedirs(path, mode=0o755, exist_ok=True)
            syscalls.mount(f"/proc/self/fd/{fd}", path, None, syscalls.MS_BIND | syscalls.MS_REC)


def _mounts(plan: SandboxPlan) -> None:
    """Private /tmp, /var/tmp and /dev/shm; hidden paths masked; the Python installation (and this
    package) bound back where a mask covers it, e.g. a checkout under /tmp or a Python under /root."""
    syscalls.mount(None, "/", None, syscalls.MS_REC | syscalls.MS_PRIVATE)
    keep: list[tuple[str, int]] = []  # opened before any mask, so they reach the real folders
    for path in plan.expose_paths:
        with contextlib.suppress(OSError):
            keep.append((path, os.open(path, os.O_PATH | os.O_DIRECTORY)))
    try:
        for target in PRIVATE_TMP:
            _tmpfs(target)
        _bind_back(keep, list(PRIVATE_TMP))
        # Hidden paths are masked after that, so a course inside a bound-back checkout stays hidden.
        for path in plan.hide_paths:
            if os.path.isdir(path):
                _tmpfs(path, mode="0755", size="1m")
        _bind_back(keep, plan.hide_paths)
    finally:
        for _, fd in keep:
            os.close(fd)
    syscalls.mount(
        "proc", "/proc", "proc", syscalls.MS_NOSUID | syscalls.MS_NODEV | syscalls.MS_NOEXEC
    )


def _drop_privileges(plan: SandboxPlan, slot: int) -> None:
    if plan.drop_uid:
        uid = plan.uid_base + slot
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
    if plan.namespaces or plan.drop_uid:
        with contextlib.suppress(OSError):
            syscalls.drop_all_capabilities()


def _on_cpu_limit(signum: int, frame: Any) -> None:
    os._exit(CPU_LIMIT_EXIT)


def prepare_child(plan: SandboxPlan, unshare_flags: int) -> None:
    """The request-independent layers: namespaces, mounts, session, signal handling."""
    if unshare_flags:
        _step("namespaces", syscalls.unshare, unshare_flags)
    _step("die with the supervisor", syscalls.prctl, syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)
    if plan.namespaces:
        _step("mounts (private /tmp, hidden paths, /proc)", _mounts, plan)
    # Own session and process group: kill(0, ...) must not reach the fork server's group.
    os.setsid()
    os.chdir("/tmp")
    os.environ.update({"HOME": "/tmp", "TMPDIR": "/tmp"})
    # PID 1 ignores signals it has no handler for: end on SIGXCPU explicitly.
    signal.signal(signal.SIGXCPU, _on_cpu_limit)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def finish_child(plan: SandboxPlan, request: dict[str, Any], seccomp_filter: Any) -> None:
    """The per-attempt layers: rlimits for this exercise, the slot's uid, no_new_privs, seccomp."""
    _step(
        "rlimits",
        lambda: apply_rlimits(
            cpu_s=float(request["time_limit_s"]),
            memory_mb=int(request["memory_mb"]),
            max_file_bytes=plan.max_file_bytes,
            nproc=plan.max_processes,
            nofile=plan.max_open_files,
        ),
    )
    _step("drop privileges", _drop_privileges, plan, int(request.get("slot", 0)))
    _step("no_new_privs", syscalls.prctl, syscalls.PR_SET_NO_NEW_PRIVS, 1)
    if plan.seccomp and seccomp_filter is not None:
        _step("seccomp", seccomp_filter.load)


def enter_child(
    plan: SandboxPlan,
    request: dict[str, Any],
    probe_fd: int,
    out_fd: int,
    seccomp_filter: Any,
    unshare_flags: int = 0,
) -> None:
    """Apply every layer of ``plan`` to this (freshly forked) process. Raises :class:`SetupError`.

    ``unshare_flags``: namespaces this process still has to enter itself (all but PID, which
    only a parent can create for its children).
    """
    _step("descriptors", _own_descriptors, probe_fd, out_fd)
    prepare_child(plan, unshare_flags)
    finish_child(plan, request, seccomp_filter)


def run_prepared_child(plan: SandboxPlan, chan_fd: int, seccomp_filter: Any) -> None:
    """Body of a pre-forked sandbox: set up what does not depend on the attempt, then wait.

    The fork server keeps a few of these ready so an attempt does not wait for a fork. Each one
    is already PID 1 of its own namespaces; when an attempt comes it receives the request and
    the probe socket and output pipe over ``chan_fd``, applies the per-attempt layers and serves.
    Never returns.
    """
    try:
        syscalls.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)
        os.dup2(chan_fd, 3)
        os.closerange(4, 1 << 16)  # nothing of the fork server's other attempts stays open
        chan = socket.socket(fileno=3)
        prepare_child(plan, NS_FLAGS & ~syscalls.CLONE_NEWPID if plan.namespaces else 0)
        data, fds, _flags, _addr = socket.recv_fds(chan, 1 << 16, 2)
        chan.detach()
        if not data or len(fds) != 2:
            os._exit(0)
        request = json.loads(data)
    except BaseException:
        os._exit(SETUP_FAILED_EXIT)
    _child_body(plan, request, {"probe": fds[0], "out": fds[1]}, seccomp_filter, prepared=True)


def _own_descriptors(probe_fd: int, out_fd: int) -> None:
    """stdin from /dev/null, stdout/stderr to the output pipe, the probe socket at fd 3."""
    probe_high = fcntl.fcntl(probe_fd, fcntl.F_DUPFD, 100)
    out_high = fcntl.fcntl(out_fd, fcntl.F_DUPFD, 100)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_high, 1)
    os.dup2(out_high, 2)
    os.dup2(probe_high, 3)
    os.closerange(4, 1 << 16)
    os.set_inheritable(3, False)


# -- the supervisor --------------------------------------------------------------------------------


def _write_status(fd: int, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        os.write(fd, (json.dumps(data) + "\n").encode())


def _map_user(plan: SandboxPlan) -> None:
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"0 {plan.outer_uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"0 {plan.outer_gid} 1")


def _kill_orphans() -> None:
    """Without a PID namespace: kill every process re-parented to this (subreaper) supervisor."""
    me = str(os.getpid())
    for _ in range(20):
        found = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found = True
                with contextlib.suppress(OSError):
                    os.kill(int(entry), signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        if not found:
            return


def run_supervisor(
    plan: SandboxPlan,
    request: dict[str, Any],
    fds: dict[str, int],
    seccomp_filter: Any,
) -> None:
    """Body of the per-attempt supervisor process; never returns."""
    status_fd, ctl_fd = fds["status"], fds["ctl"]
    code = 0
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        syscalls.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)
        if plan.namespaces:
            flags = NS_FLAGS | (syscalls.CLONE_NEWUSER if plan.user_namespace else 0)
            syscalls.unshare(flags)
            if plan.user_namespace:
                _map_user(plan)
        else:
            syscalls.prctl(syscalls.PR_SET_CHILD_SUBREAPER, 1)
        pid = os.fork()
        if pid == 0:
            _child_main(plan, request, fds, seccomp_filter)
        os.close(fds["probe"])
        os.close(fds["out"])
        _write_status(status_fd, {"pid": pid})
        _write_status(status_fd, _supervise(pid, ctl_fd, float(request["backstop_s"])))
        if not plan.namespaces:
            _kill_orphans()
    except BaseException as exc:
        _write_status(status_fd, {"error": f"{type(exc).__name__}: {exc}"})
        code = 1
    os._exit(code)


def _supervise(pid: int, ctl_fd: int, backstop_s: float) -> dict[str, Any]:
    """Wait for the child; kill it when the grader closes ``ctl_fd`` or time runs out."""
    pidfd = os.pidfd_open(pid)
    ready = wait_readable([pidfd, ctl_fd], backstop_s)
    timed_out = not ready
    if pidfd not in ready:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(pidfd)
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status), "timed_out": timed_out}
    return {"returncode": os.WEXITSTATUS(status), "timed_out": timed_out}


def spawn_direct(
    plan: SandboxPlan,
    request: dict[str, Any],
    fds: dict[str, int],
    seccomp_filter: Any,
    own_pid_ns: int | None,
) -> int:
    """Fork the sandboxed child straight from the (root) fork server; returns its pid.

    The fork server enters a new PID namespace for its next child only, forks, and goes back to
    its own (``own_pid_ns``: a descriptor of /proc/self/ns/pid). The child then unshares its
    network, mount, IPC and UTS namespaces itself. One fork per attempt instead of two.
    """
    if plan.namespaces:
        assert own_pid_ns is not None
        syscalls.unshare(syscalls.CLONE_NEWPID)
    try:
        pid = os.fork()
    except BaseException:
        if plan.namespaces and own_pid_ns is not None:
            syscalls.setns(own_pid_ns, syscalls.CLONE_NEWPID)
        raise
    if pid == 0:
        _child_main(plan, request, fds, seccomp_filter, NS_FLAGS & ~syscalls.CLONE_NEWPID)
    if plan.namespaces and own_pid_ns is not None:
        syscalls.setns(own_pid_ns, syscalls.CLONE_NEWPID)
    return pid


def _child_main(
    plan: SandboxPlan,
    request: dict[str, Any],
    fds: dict[str, int],
    seccomp_filter: Any,
    unshare_flags: int = 0,
) -> None:
    _child_body(plan, request, fds, seccomp_filter, unshare_flags=unshare_flags)


def _child_body(
    plan: SandboxPlan,
    request: dict[str, Any],
    fds: dict[str, int],
    seccomp_filter: Any,
    unshare_flags: int = 0,
    prepared: bool = False,
) -> None:
    from .child import serve_forever

    try:
        if prepared:
            _step("descriptors", _own_descriptors, fds["probe"], fds["out"])
            finish_child(plan, request, seccomp_filter)
        else:
            enter_child(
                plan,
                request,
                fds["probe"],
                fds["out"],
                seccomp_filter,
                unshare_flags if plan.namespaces else 0,
            )
    except BaseException as exc:
        with contextlib.suppress(BaseException):
            os.write(2, f"sandbox setup failed: {exc}\n".encode())
        os._exit(SETUP_FAILED_EXIT)
    if request.get("test"):
        from .worker import self_test_in_child

        try:
            self_test_in_child(socket.socket(fileno=3))
        finally:
            os._exit(0)
    serve_forever(socket.socket(fileno=3))
