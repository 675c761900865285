"""The sandboxed side of an attempt: load the learner's code and answer probe requests.

This module runs inside the sandboxed child (after the isolation layers are in place). It holds no
expected values: it only executes the learner's code, calls it on the inputs the trusted judge
sends, and sends back what the learner returned, encoded by :mod:`.codec`.

Protocol (one frame per message, see :mod:`.codec`):

* trusted -> child ``{"op": "load", "code", "seed", "max_output", "max_result"}`` first, then any of
  ``{"op": "call", "name", "args", "kwargs", "allow_mutation"}``, ``{"op": "run", "code",
  "inputs"}``, ``{"op": "has", "name"}``, ``{"op": "exit"}``.
* child -> trusted ``{"ok": true, "value", "output", "truncated", "mutated"}`` or ``{"ok": false,
  "kind": "raised" | "missing" | "unsupported" | "too_large" | "bad_request", ...}``.
"""

from __future__ import annotations

import io
import linecache
import os
import random
import socket
import sys
import traceback
import types
from typing import Any

from .codec import (
    CodecError,
    Unsupported,
    decode_value,
    encode_value,
    frame_size,
    pack,
    recv_frame,
    send_frame,
)
from .source import LEARNER_FILENAME, SNIPPET_FILENAME

_LEARNER_FILES = (LEARNER_FILENAME, SNIPPET_FILENAME)
_MAX_TRACE_FRAMES = 8
_MAX_REQUEST_BYTES = 512 * 1024 * 1024


class CappedWriter(io.TextIOBase):
    """A text stream that keeps at most ``cap`` characters and remembers it dropped the rest."""

    def __init__(self, cap: int):
        super().__init__()
        self.cap = cap
        self._parts: list[str] = []
        self._size = 0
        self.truncated = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, s: str) -> int:  # type: ignore[override]
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        room = self.cap - self._size
        if room > 0:
            piece = s[:room]
            self._parts.append(piece)
            self._size += len(piece)
        if len(s) > max(room, 0):
            self.truncated = True
        return len(s)

    def take(self) -> tuple[str, bool]:
        """Return what was written since the last call, and whether some of it was dropped."""
        text, truncated = "".join(self._parts), self.truncated
        self._parts, self._size, self.truncated = [], 0, False
        return text, truncated


def _safe_str(exc: BaseException) -> str:
    try:
        text = str(exc)
    except BaseException:  # a hostile __str__
        text = "(the exception message could not be read)"
    return text if len(text) <= 500 else text[:500] + "..."


def describe_exception(exc: BaseException) -> dict[str, Any]:
    """The learner-facing facts of an exception: type, message, learner line, trimmed traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in _LEARNER_FILES]
    line = None
    for f in frames:
        if f.filename == LEARNER_FILENAME:
            line = f.lineno
    if isinstance(exc, SyntaxError) and exc.filename in _LEARNER_FILES:
        line = exc.lineno
    shown = frames[-_MAX_TRACE_FRAMES:]
    lines = []
    if len(frames) > len(shown):
        lines.append(f"  ... {len(frames) - len(shown)} earlier calls not shown")
    for f in shown:
        where = "your code" if f.filename == LEARNER_FILENAME else "the check's snippet"
        text = f"  {where}, line {f.lineno}, in {f.name}"
        if f.line:
            text += f"\n    {f.line.strip()}"
        lines.append(text)
    type_names = [c.__name__ for c in type(exc).__mro__ if c not in (object, BaseException)]
    message = _safe_str(exc)
    return {
        "type": type(exc).__name__,
        "type_names": type_names,
        "message": message,
        "line": line,
        "traceback": "\n".join(lines + [f"{type(exc).__name__}: {message}".rstrip(": ")]),
    }


def _snapshot(value: Any) -> bytes | None:
    """A canonical byte image of a value, to detect mutation; None if it cannot be encoded."""
    try:
        buffers: list[bytes] = []
        tree = encode_value(value, buffers)
        return pack({"v": tree}, buffers)
    except (CodecError, ValueError, TypeError, RecursionError):
        return None


class ChildSession:
    """Learner module plus the request loop, living in the sandboxed child."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.module = types.ModuleType("submission")
        self.writer = CappedWriter(64_000)
        self.max_result = 16_000_000
        self.tensors = "torch"
        self.pid = os.getpid()

    def _reply(self, header: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        if os.getpid() != self.pid:
            os._exit(0)  # a copy made by os.fork() in the learner's code must stay silent
        text, truncated = self.writer.take()
        header["output"] = text
        header["truncated"] = truncated
        send_frame(self.sock, header, buffers)

    def _raised(self, exc: BaseException) -> None:
        if isinstance(exc, MemoryError):
            # Free what the learner's frames hold (the list that grew too big) before building
            # the answer, which needs a little memory too.
            traceback.clear_frames(exc.__traceback__)
        try:
            info = describe_exception(exc)
        except BaseException:
            info = {
                "type": type(exc).__name__,
                "type_names": [c.__name__ for c in type(exc).__mro__][:-1],
                "message": "",
                "line": None,
                "traceback": "",
            }
        self._reply({"ok": False, "kind": "raised", "error": info})

    def load(self, request: dict[str, Any]) -> None:
        """Execute the learner's code as module ``submission``."""
        code = str(request.get("code", ""))
        self.writer.cap = int(request.get("max_output", 64_000))
        self.max_result = int(request.get("max_result", 16_000_000))
        reseed(int(request.get("seed", 0)))
        linecache.cache[LEARNER_FILENAME] = (
            len(code),
            None,
            code.splitlines(True),
            LEARNER_FILENAME,
        )
        self.module.__dict__["__file__"] = LEARNER_FILENAME
        sys.modules["submission"] = self.module
        try:
            compiled = compile(code, LEARNER_FILENAME, "exec")
            exec(compiled, self.module.__dict__)
        except BaseException as exc:  # SystemExit too: the learner must not end the process
            self._raised(exc)
            return
        self._reply({"ok": True})

    def _send_value(self, value: Any, mutated: list[str]) -> None:
        buffers: list[bytes] = []
        try:
            tree = encode_value(value, buffers)
        except Unsupported as exc:
            self._reply({"ok": False, "kind": "unsupported", "type": exc.type_name})
            return
        except (CodecError, ValueError, RecursionError) as exc:
            self._reply({"ok": False, "kind": "unsupported", "type": _safe_str(exc)})
            return
        header = {"ok": True, "value": tree, "mutated": mutated}
        size = frame_size(header, buffers)
        if size > self.max_result:
            self._reply({"ok": False, "kind": "too_large", "bytes": size})
            return
        self._reply(header, buffers)

    def call(self, request: dict[str, Any], buffers: list[bytes]) -> None:
        """Call a learner function on decoded arguments; detect mutation of the arguments."""
        name = str(request.get("name"))
        fn = self.module.__dict__.get(name)
        if not callable(fn):
            self._reply({"ok": False, "kind": "missing", "name": name})
            return
        args = decode_value(request.get("args"), buffers, tensors=self.tensors)
        kwargs = decode_value(request.get("kwargs"), buffers, tensors=self.tensors)
        watched: list[tuple[str, Any, bytes | None]] = []
        if not request.get("allow_mutation"):
            watched = [(f"argument {i + 1}", a, _snapshot(a)) for i, a in enumerate(args)]
            watched += [(f"argument `{k}`", v, _snapshot(v)) for k, v in kwargs.items()]
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:
            self._raised(exc)
            return
        mutated = [label for label, arg, before in watched if _snapshot(arg) != before]
        self._send_value(value, mutated)

    def run(self, request: dict[str, Any], buffers: list[bytes]) -> None:
        """Run a check snippet in a copy of the learner's namespace; return its ``result``."""
        code = str(request.get("code", ""))
        namespace = dict(self.module.__dict__)
        namespace.update(decode_value(request.get("inputs"), buffers, tensors=self.tensors))
        namespace.pop("result", None)
        linecache.cache[SNIPPET_FILENAME] = (
            len(code),
            None,
            code.splitlines(True),
            SNIPPET_FILENAME,
        )
        try:
            exec(compile(code, SNIPPET_FILENAME, "exec"), namespace)
        except BaseException as exc:
            self._raised(exc)
            return
        self._send_value(namespace.get("result"), [])

    def serve(self) -> None:
        """Answer requests until the trusted side says exit or closes the connection."""
        sys.stdout = sys.stderr = self.writer
        send_frame(self.sock, {"ready": True})
        while True:
            try:
                request, buffers = recv_frame(self.sock, _MAX_REQUEST_BYTES)
            except (EOFError, OSError):
                return
            op = request.get("op")
            try:
                if op == "load":
                    self.load(request)
                elif op == "call":
                    self.call(request, buffers)
                elif op == "run":
                    self.run(request, buffers)
                elif op == "has":
                    self._reply(
                        {"ok": True, "value": str(request.get("name")) in self.module.__dict__}
                    )
                elif op == "exit":
                    return
                else:
                    self._reply(
                        {"ok": False, "kind": "bad_request", "detail": f"unknown op {op!r}"}
                    )
            except CodecError as exc:
                self._reply({"ok": False, "kind": "bad_request", "detail": str(exc)})


def reseed(seed: int) -> None:
    """Seed every random generator the learner may use."""
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(seed % (2**32))
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)


def serve_forever(sock: socket.socket) -> None:
    """Run the request loop, then end the process at once (leftover threads do not matter)."""
    try:
        ChildSession(sock).serve()
    finally:
        os._exit(0)


def main(argv: list[str]) -> None:
    """Entry point of the plain-subprocess launcher: ``python -m ...child FD``."""
    from .limits import apply_rlimits

    fd = int(argv[0])
    apply_rlimits(
        cpu_s=float(argv[1]),
        memory_mb=int(argv[2]),
        max_file_bytes=int(argv[3]),
        nproc=int(argv[4]),
    )
    serve_forever(socket.socket(fileno=fd))


if __name__ == "__main__":
    main(sys.argv[1:])
