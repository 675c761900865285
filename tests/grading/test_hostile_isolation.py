"""Hostile submissions against the isolation layers: seccomp, the allow-list root, the refusal.

Run inside their own PID and network namespaces, like the rest of the hostile corpus::

    unshare --pid --fork --mount-proc --net .venv/bin/python -m pytest -m hostile \\
        tests/grading/test_hostile_isolation.py

Each attack is written so that it would *pass* (full marks) if the attack worked: the learner's
function returns the right answer only after the forbidden call succeeded. Each case asserts one
status and the message the learner reads, and the next honest attempt must still pass.
"""

from __future__ import annotations

import platform
import textwrap

import pytest

from airoadmap_lab.grading import GradeStatus

from .test_hostile import OK, _check_clean, _grade, contained, hostile_grader, secret_dir

pytestmark = pytest.mark.hostile
__all__ = ["contained", "hostile_grader", "secret_dir"]  # fixtures shared with test_hostile

_ARCH = platform.machine()
# Older calls have per-architecture numbers; calls from 424 on share one number everywhere.
_NR = {
    "x86_64": {"clone": 56, "keyctl": 250, "userfaultfd": 323},
    "aarch64": {"clone": 220, "keyctl": 219, "userfaultfd": 282},
}.get(_ARCH, {})

EPERM = "Operation not permitted"
EACCES = "Permission denied"
ENOSYS = "Function not implemented"


def _syscall_code(call: str, setup: str = "") -> str:
    """Learner code that passes only if ``call`` (a C expression via ctypes) does not fail."""
    body = textwrap.indent(textwrap.dedent(setup), "    ")
    return OK + textwrap.dedent(
        """\
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        def standardize(X):
        {body}    ctypes.set_errno(0)
            result = {call}
            if result == -1:
                err = ctypes.get_errno()
                raise OSError(err, os.strerror(err))
            return _ok(X)
        """
    ).format(body=body, call=call)


# name, learner call, setup lines, the errno text the learner must read
SECCOMP_CASES: list[tuple[str, str, str, str]] = [
    ("unshare(CLONE_NEWUSER)", "libc.unshare(0x10000000)", "", EPERM),
    ("unshare(CLONE_NEWNS)", "libc.unshare(0x00020000)", "", EPERM),
    (
        "io_uring_setup",
        "libc.syscall(425, 1, params)",
        "params = ctypes.create_string_buffer(120)\n",
        EPERM,
    ),
    ("fsopen (new mount API)", "libc.syscall(430, b'tmpfs', 0)", "", EPERM),
    ("open_tree (new mount API)", "libc.syscall(428, -100, b'/', 0)", "", EPERM),
    (
        "name_to_handle_at",
        "libc.name_to_handle_at(-100, b'/tmp', handle, ctypes.byref(mount_id), 0)",
        "handle = ctypes.create_string_buffer((128).to_bytes(4, 'little'), 136)\n"
        "mount_id = ctypes.c_int()\n",
        EPERM,
    ),
    (
        "open_by_handle_at",
        "libc.open_by_handle_at(os.open('/', os.O_RDONLY), handle, 0)",
        "handle = ctypes.create_string_buffer((8).to_bytes(4, 'little'), 16)\n",
        EPERM,
    ),
    ("ptrace(PTRACE_TRACEME)", "libc.ptrace(0, 0, 0, 0)", "", EPERM),
    ("personality(ADDR_NO_RANDOMIZE)", "libc.personality(0x0040000)", "", EPERM),
    ("prctl(PR_SET_PDEATHSIG, 0)", "libc.prctl(1, 0, 0, 0, 0)", "", EPERM),
    ("prctl(PR_SET_DUMPABLE, 1)", "libc.prctl(4, 1, 0, 0, 0)", "", EPERM),
    (
        "clone3 (flags hidden from the filter)",
        "libc.syscall(435, args, 88)",
        "args = ctypes.create_string_buffer(88)\n",
        ENOSYS,
    ),
    ("netlink socket", "libc.socket(16, 3, 0)", "", EACCES),
    ("vsock socket", "libc.socket(40, 1, 0)", "", EACCES),
]
if _NR:
    SECCOMP_CASES += [
        (
            "clone(CLONE_NEWUSER)",
            f"libc.syscall({_NR['clone']}, 0x10000000 | 17, 0, 0, 0, 0)",
            "",
            EPERM,
        ),
        ("keyctl(session keyring)", f"libc.syscall({_NR['keyctl']}, 0, -3, 0)", "", EPERM),
        ("userfaultfd(user mode only)", f"libc.syscall({_NR['userfaultfd']}, 1)", "", EPERM),
    ]


@pytest.mark.parametrize(
    "name, call, setup, errno_text", SECCOMP_CASES, ids=[c[0] for c in SECCOMP_CASES]
)
def test_a_denied_system_call_fails_with_a_readable_error(
    hostile_grader, name, call, setup, errno_text
):
    code = _syscall_code(call, setup)
    if "clone(" in name:  # a successful raw clone would return 0 in a copy of this process
        code = code.replace(
            "    if result == -1:", "    if result == 0:\n        os._exit(0)\n    if result == -1:"
        )

    result = _grade(hostile_grader, code)

    assert result.status == GradeStatus.failed, (name, result)
    assert (
        f"raised {'PermissionError' if errno_text != ENOSYS else 'OSError'}"
        in result.tests[0].message
    )
    assert errno_text in result.tests[0].message, (name, result.tests[0].message)
    _check_clean(hostile_grader)
