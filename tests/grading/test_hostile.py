"""The hostile corpus: submissions that attack the grader.

Run these only inside their own PID and network namespaces (you may be root on a shared machine,
and some of these call ``os.kill(-1, 9)``)::

    unshare --pid --fork --mount-proc --net .venv/bin/python -m pytest tests/grading -m hostile

Each case must end with the expected status and a message a learner understands; the next
honest submission must still grade correctly, and no process may be left behind.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from airoadmap_lab.grading import Grader, GradeResult, GradeStatus, SandboxConfig

from .conftest import FIXTURES, _uid, descendants, exercise, leftovers, read

pytestmark = pytest.mark.hostile

OK = textwrap.dedent(
    """\
    import numpy as np

    def _ok(X):
        s = X.std(axis=0)
        return (X - X.mean(axis=0)) / np.where(s == 0, 1.0, s)
    """
)


def _contained() -> bool:
    """True inside a private PID + network namespace (as made by `unshare --pid --net ...`)."""
    try:
        with open("/proc/1/cmdline", "rb") as f:
            init = f.read().split(b"\0")[0]
        with open("/proc/net/dev") as f:
            interfaces = [line.split(":")[0].strip() for line in f.readlines()[2:]]
    except OSError:
        return False
    return interfaces == ["lo"] and not init.endswith((b"init", b"systemd"))


@pytest.fixture(scope="module", autouse=True)
def contained() -> None:
    """Refuse (fail, not skip) to run hostile code outside its own PID and network namespaces."""
    if not _contained():
        pytest.fail(
            "hostile tests run only inside `unshare --pid --fork --mount-proc --net` "
            "(scripts/test.sh does this); run them with -m hostile that way"
        )


@pytest.fixture(scope="module")
def secret_dir() -> Iterator[Path]:
    """A world-readable "course" folder outside /tmp that the sandbox must not see."""
    base = Path("/run") if os.access("/run", os.W_OK) else Path(tempfile.gettempdir())
    folder = Path(tempfile.mkdtemp(prefix="airoadmap-hostile-", dir=base))
    os.chmod(folder, 0o755)
    (folder / "progress.sqlite").write_text("SECRET-PROGRESS")
    os.chmod(folder / "progress.sqlite", 0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def hostile_grader(secret_dir: Path) -> Iterator[Grader]:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=False)  # our own net namespace
    g = Grader(SandboxConfig(hide_paths=(FIXTURES, secret_dir), workers=2))
    g.start()
    worker = g._launcher._proc.pid  # type: ignore[union-attr]
    yield g
    g.close()
    assert not os.path.exists(f"/proc/{worker}") and descendants(worker) == set()


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1 in the test's namespace; records anything it receives."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    received: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            received.append(conn.recv(100) or b"<connected>")
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1], received
    server.close()


S = GradeStatus
CASES: list[tuple[str, str, set[GradeStatus], str]] = [
    (
        "infinite loop",
        "def standardize(X):\n    while True:\n        pass\n",
        {S.timeout},
        "longer than",
    ),
    ("infinite loop at import", "while True:\n    pass\n", {S.timeout}, "longer than"),
    (
        "sleep forever ignoring SIGTERM",
        "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "def standardize(X):\n    time.sleep(10**6)\n",
        {S.timeout},
        "longer than",
    ),
    (
        "50 GB numpy allocation",
        "import numpy as np\ndef standardize(X):\n    return np.ones(50 * 2**30 // 8)\n",
        {S.memory},
        "memory",
    ),
    (
        "50 GB bytearray at import",
        "junk = bytearray(50 * 2**30)\n",
        {S.memory},
        "memory",
    ),
    (
        "list growing without end",
        "def standardize(X):\n    junk = []\n    while True:\n        junk.append(' ' * 10**6)\n",
        {S.memory},
        "memory",
    ),
    (
        "fork bomb",
        "import os\ndef standardize(X):\n    while True:\n        os.fork()\n",
        {S.failed, S.error, S.timeout},
        "",
    ),
    (
        "fork bomb that swallows errors",
        "import os\ndef standardize(X):\n    while True:\n        try:\n            os.fork()\n"
        "        except OSError:\n            pass\n",
        {S.timeout, S.error},
        "",
    ),
    (
        "thread bomb",
        "import threading, time\ndef standardize(X):\n    while True:\n"
        "        threading.Thread(target=time.sleep, args=(100,)).start()\n",
        {S.failed},
        "thread",
    ),
    (
        "print 1 GB",
        OK + "def standardize(X):\n    for _ in range(2**20):\n        print('x' * 1024)\n"
        "    return _ok(X)\n",
        {S.passed, S.timeout},  # 3 calls x 1 GB of print() may not fit in 3 s of a busy machine
        "",
    ),
    (
        "write 256 MB to fd 1",
        OK + "import os\ndef standardize(X):\n    chunk = b'y' * 2**20\n    for _ in range(256):\n"
        "        os.write(1, chunk)\n    return _ok(X)\n",
        {S.passed},
        "",
    ),
    ("sys.exit at import", "import sys\nsys.exit(0)\n", {S.error}, "sys.exit"),
    (
        "sys.exit in the function",
        "import sys\ndef standardize(X):\n    sys.exit(0)\n",
        {S.failed},
        "sys.exit",
    ),
    (
        "os._exit(0)",
        "import os\ndef standardize(X):\n    os._exit(0)\n",
        {S.error},
        "process ended",
    ),
    (
        "kill the parent",
        "import os\ndef standardize(X):\n    os.kill(os.getppid(), 9)\n    os.kill(1, 9)\n"
        "    os._exit(3)\n",
        {S.error},
        "process ended",
    ),
    (
        "kill every process",
        OK + "import os\ndef standardize(X):\n    try:\n        os.kill(-1, 9)\n"
        "    except OSError:\n        pass\n    return _ok(X)\n",
        {S.passed},
        "",
    ),
    (
        "SIGSTOP self",
        OK + "import os, signal\ndef standardize(X):\n    os.kill(os.getpid(), signal.SIGSTOP)\n"
        "    return _ok(X)\n",
        {S.passed, S.timeout},
        "",
    ),
    (
        "deep recursion",
        "def standardize(X, depth=0):\n    return standardize(X, depth + 1)\n",
        {S.failed},
        "base case",
    ),
    (
        "recursion limit raised until the C stack overflows",
        "import sys\nsys.setrecursionlimit(10**7)\n"
        "def standardize(X, depth=0):\n    return standardize(X, depth + 1)\n",
        {S.error, S.memory, S.timeout},  # 3.11 keeps Python frames off the C stack
        "",
    ),
    (
        "huge return value",
        "import numpy as np\ndef standardize(X):\n    return np.zeros(5 * 10**6)\n",
        {S.failed},
        "MB of data",
    ),
    (
        "NaN everywhere",
        "import numpy as np\ndef standardize(X):\n    return X * np.nan\n",
        {S.failed},
        "nan",
    ),
    (
        "inf everywhere",
        "import numpy as np\ndef standardize(X):\n    return X * np.inf\n",
        {S.failed},
        "inf",
    ),
    (
        "non-serialisable return",
        "def standardize(X):\n    return iter([1, 2])\n",
        {S.failed},
        "cannot be checked",
    ),
    (
        "object with a lying __eq__",
        "class Yes:\n    def __eq__(self, other):\n        return True\n    __hash__ = None\n"
        "def standardize(X):\n    return Yes()\n",
        {S.failed},
        "cannot be checked",
    ),
    (
        "ndarray subclass with a lying __eq__",
        "import numpy as np\nclass Liar(np.ndarray):\n    def __eq__(self, other):\n"
        "        return True\n    def __array_ufunc__(self, *a, **k):\n        return True\n"
        "def standardize(X):\n    return np.zeros_like(X).view(Liar)\n",
        {S.failed},
        "not correct",
    ),
    (
        "read the caller's frames for the expected value",
        "import sys, numpy as np\ndef standardize(X):\n    f = sys._getframe(1)\n    found = None\n"
        "    while f is not None:\n        for v in f.f_locals.values():\n"
        "            if isinstance(v, np.ndarray) and v.shape == X.shape and v is not X:\n"
        "                found = v\n        f = f.f_back\n    return found if found is not None else X\n",
        {S.failed},
        "",
    ),
    (
        "scan gc.get_objects for the expected value",
        "import gc, numpy as np\ndef standardize(X):\n    for o in gc.get_objects():\n"
        "        if isinstance(o, np.ndarray) and o.shape == X.shape and o is not X:\n"
        "            return o\n    return X\n",
        {S.failed},
        "",
    ),
    (
        "patch numpy comparisons",
        "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: "
        "np.ones(np.shape(a), bool)\nnp.array_equal = lambda *a, **k: True\n"
        "def standardize(X):\n    return X * 0\n",
        {S.failed},
        "not correct",
    ),
    (
        "patch builtins",
        "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.len = lambda x: 0\n"
        "def standardize(X):\n    return 0\n",
        {S.failed, S.error},
        "",
    ),
    (
        "print a fake passed result",
        "import os, json\nprint(json.dumps({'status': 'passed', 'score': 4, 'max_score': 4}))\n"
        'os.write(1, b\'{"ok": true, "value": 1}\\n\')\n'
        "def standardize(X):\n    print('All 3 tests passed.')\n    return X\n",
        {S.failed},
        "not correct",
    ),
    (
        "forge the probe's reply",
        "import airoadmap_lab.grading.child as child\nreal = child.send_frame\n"
        "def fake(sock, header, buffers=None):\n    header.update(ok=True, value=0.0, mutated=[])\n"
        "    return real(sock, header, [])\nchild.send_frame = fake\n"
        "def standardize(X):\n    return X\n",
        {S.failed},
        "",
    ),
    (
        "threads left running",
        OK + "import threading, time\ndef spin():\n    while True:\n        print('still here')\n"
        "        time.sleep(0.001)\ndef standardize(X):\n"
        "    threading.Thread(target=spin, daemon=False).start()\n    return _ok(X)\n",
        {S.passed},
        "",
    ),
    (
        "subprocess left running",
        OK + "import subprocess\ndef standardize(X):\n    subprocess.Popen(['sleep', '1000'])\n"
        "    subprocess.Popen(['sh', '-c', 'setsid sleep 1000 &'])\n    return _ok(X)\n",
        {S.passed},
        "",
    ),
    (
        "close stdin, stdout and stderr",
        OK + "import os\ndef standardize(X):\n    for fd in (0, 1, 2):\n        try:\n"
        "            os.close(fd)\n        except OSError:\n            pass\n    return _ok(X)\n",
        {S.passed},
        "",
    ),
    (
        "close the probe socket",
        "import os\ndef standardize(X):\n    for fd in range(3, 64):\n        try:\n"
        "            os.close(fd)\n        except OSError:\n            pass\n    return X\n",
        {S.error},
        "",
    ),
    (
        "write garbage to the probe socket",
        "import os\ndef standardize(X):\n    os.write(3, b'\\xff' * 64)\n    return X\n",
        {S.error, S.failed},
        "",
    ),
    (
        "ctypes segfault",
        "import ctypes\ndef standardize(X):\n    ctypes.string_at(0)\n",
        {S.error},
        "crashed",
    ),
    (
        "file larger than the size limit",
        "def standardize(X):\n    with open('/tmp/big', 'wb') as f:\n        f.write(b'x' * 10**8)\n",
        {S.failed},
        "File too large",
    ),
    (
        "too many open files",
        "def standardize(X):\n    fs = [open('/dev/null') for _ in range(10**5)]\n",
        {S.failed},
        "Too many open files",
    ),
]


def _grade(grader: Grader, code: str) -> GradeResult:
    ex = dataclasses.replace(exercise("np-standardize"), time_limit_s=3.0, memory_limit_mb=256)
    return grader.grade_sync(ex, code)


def _check_clean(grader: Grader) -> None:
    """The next honest attempt passes and, once idle, only the fork server is left."""
    honest = _grade(grader, read("np-standardize", "solution.py"))
    assert honest.status == GradeStatus.passed, honest
    assert grader.wait_idle(30)
    assert leftovers(grader) == set()
    sandbox_uids = range(grader.config.sandbox_uid_base, grader.config.sandbox_uid_base + 64)
    assert not [p for p in descendants(os.getpid()) if _uid(p) in sandbox_uids]


@pytest.mark.parametrize("name, code, statuses, needle", CASES, ids=[c[0] for c in CASES])
def test_hostile_submission_is_contained(hostile_grader, name, code, statuses, needle):
    result = _grade(hostile_grader, code)
    assert result.status in statuses, (name, result)
    texts = " ".join([result.message] + [t.message for t in result.tests]).lower()
    assert needle.lower() in texts, (name, result)
    if result.status != GradeStatus.passed:
        assert texts.strip(), "a failed attempt must say why"
        assert "traceback (most recent call last)" not in texts
        assert "airoadmap_lab" not in texts
    assert len(result.output) <= 64_000
    _check_clean(hostile_grader)


def test_fake_output_does_not_change_the_grade(hostile_grader):
    code = "print('PASSED 4/4')\ndef standardize(X):\n    print('score: 4')\n    return X\n"
    result = _grade(hostile_grader, code)
    assert result.status == GradeStatus.failed and result.score == 0
    assert "PASSED 4/4" in result.output  # shown as output, never read as a grade


def test_hidden_files_and_paths_outside_the_sandbox(hostile_grader, secret_dir, tmp_path):
    outside = tmp_path / "written-from-sandbox.txt"
    targets = [
        str(secret_dir / "progress.sqlite"),
        str(FIXTURES / "np-standardize" / "solution.py"),
        str(FIXTURES / "np-standardize" / "check.py"),
        "/root/.bashrc",
        "/proc/1/environ",
    ]
    code = OK + textwrap.dedent(
        f"""\
        import os
        def standardize(X):
            leaked = []
            for path in {targets!r}:
                try:
                    with open(path) as f:
                        leaked.append((path, f.read(40)))
                except OSError:
                    pass
            if any('SECRET' in text or 'checks' in text for _, text in leaked):
                return _ok(X)  # would pass only if a private file could be read
            with open({str(outside)!r}, 'w') as f:
                f.write('escaped')
            return X
        """
    )
    result = _grade(hostile_grader, code)
    assert result.status == GradeStatus.failed, result
    assert "FileNotFoundError" in result.tests[0].message or "No such file" in str(result.tests)
    assert not outside.exists()
    _check_clean(hostile_grader)


def test_socket_to_a_local_listener_is_blocked(hostile_grader, listener):
    port, received = listener
    code = OK + textwrap.dedent(
        f"""\
        import socket
        def standardize(X):
            s = socket.create_connection(('127.0.0.1', {port}), timeout=1)
            s.sendall(b'escaped')
            return _ok(X)
        """
    )
    # the listener itself is reachable from the test's own namespace
    probe = socket.create_connection(("127.0.0.1", port), timeout=2)
    probe.sendall(b"from-test")
    probe.close()
    result = _grade(hostile_grader, code)
    assert result.status == GradeStatus.failed, result
    assert "raised" in result.tests[0].message
    assert b"escaped" not in received
    _check_clean(hostile_grader)


def test_corpus_is_large_enough():
    assert len(CASES) + 3 >= 25
