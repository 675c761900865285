"""The sandboxed side of an attempt: load the learner's code and answer probe requests.

This module runs inside the sandboxed child (after the isolation layers are in place). It holds no
expected values: it only executes the learner's code, calls it on the inputs the trusted judge
sends, and sends back what the learner returned, encoded by :mod:`.codec`.

Protocol (one frame per message, see :mod:`.codec`):

* trusted -> child ``{"op": "load", "code", "seed", "max_output", "max_result"}`` first, then any of
  ``{"op": "call", "name", "target", "args", "kwargs", "refs", "allow_mutation", "keep"}``,
  ``{"op": "get", "target", "name", "keep"}``, ``{"op": "put", "value"}``,
  ``{"op": "export" | "state", "target"}``, ``{"op": "run", "code", "inputs"}``,
  ``{"op": "has", "name"}``, ``{"op": "exit"}``.
* child -> trusted ``{"ok": true, "value", "after", "output", "truncated"}`` (``after``: the
  arguments as they are after the call, so the trusted side can judge mutation) or ``{"ok": true,
  "handle", "type"}`` for an object kept here, or ``{"ok": false, "kind": "raised" | "missing" |
  "unsupported" | "too_large" | "not_exportable" | "bad_request", ...}``.

Objects kept here (``keep``, ``put``) are named by small integer handles; ``target`` and ``refs``
(argument position or keyword -> handle) refer to them. Nothing this module reports is trusted:
the judge decides from returned values only (docs/authoring.md).
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
    Unreadable,
    Unsupported,
    decode_value,
    encode_value,
    frame_size,
    recv_frame,
    send_frame,
)
from .source import LEARNER_FILENAME, SNIPPET_FILENAME
from .torchspec import ModuleSpecError, build, describe, is_spec, module_state

_LEARNER_FILES = (LEARNER_FILENAME, SNIPPET_FILENAME)
_MAX_TRACE_FRAMES = 8
_MAX_REQUEST_BYTES = 512 * 1024 * 1024


# Exceptions a trusted function's failure may be raised as in the learner's code.
_RAISABLE: dict[str, type[Exception]] = {
    e.__name__: e for e in (ValueError, TypeError, KeyError, LookupError, RuntimeError)
}


class TrustedFunction:
    """Stands in for a function of the check (``t.callback``); each call goes to the judge."""

    def __init__(self, session: ChildSession, ident: int):
        self._session = session
        self._ident = ident

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.callback(self._ident, args, kwargs)

    def __repr__(self) -> str:
        return "<function of the check>"


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


class ChildSession:
    """Learner module plus the request loop, living in the sandboxed child."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.module = types.ModuleType("submission")
        self.writer = CappedWriter(64_000)
        self.max_result = 16_000_000
        self.tensors = "torch"
        self.pid = os.getpid()
        self.objects: dict[int, Any] = {}
        self.next_handle = 0

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

    def _send_value(self, value: Any, after: Any = None, watch: bool = False) -> None:
        buffers: list[bytes] = []
        try:
            tree = encode_value(value, buffers)
        except Unsupported as exc:
            self._reply({"ok": False, "kind": "unsupported", "type": exc.type_name})
            return
        except (CodecError, ValueError, RecursionError) as exc:
            self._reply({"ok": False, "kind": "unsupported", "type": _safe_str(exc)})
            return
        header: dict[str, Any] = {"ok": True, "value": tree}
        size = frame_size(header, buffers)
        if size > self.max_result:
            self._reply({"ok": False, "kind": "too_large", "bytes": size})
            return
        if watch:
            self._attach_after(header, after, buffers)
        self._reply(header, buffers)

    @staticmethod
    def _attach_after(header: dict[str, Any], after: Any, buffers: list[bytes]) -> None:
        """Send the arguments back as they are now; the trusted side compares them."""
        mark = len(buffers)
        try:
            header["after"] = encode_value(after, buffers)
        except (CodecError, ValueError, TypeError, RecursionError):
            del buffers[mark:]  # no "after": the trusted side counts that as a changed input

    def _keep(self, value: Any, after: Any = None, watch: bool = False) -> None:
        self.next_handle += 1
        self.objects[self.next_handle] = value
        header: dict[str, Any] = {
            "ok": True,
            "handle": self.next_handle,
            "type": type(value).__name__,
        }
        buffers: list[bytes] = []
        if watch:
            self._attach_after(header, after, buffers)
        self._reply(header, buffers)

    def _target(self, request: dict[str, Any]) -> Any:
        handle = request.get("target")
        if handle not in self.objects:
            raise CodecError(f"unknown handle {handle!r}")
        return self.objects[handle]

    def _inject(self, value: Any, injected: dict[int, Any]) -> Any:
        """Replace ``{"$ref": [kind, id]}`` by the kept object or a trusted-function stand-in.

        Lists and dicts are changed in place (so a later change by the learner's code shows in
        what is sent back); ``injected`` maps each substituted object's id to its reference.
        """
        if isinstance(value, dict):
            ref = value.get("$ref") if len(value) == 1 else None
            if isinstance(ref, list) and len(ref) == 2:
                kind, ident = ref
                if kind == "handle" and ident in self.objects:
                    obj = self.objects[ident]
                elif kind == "callback" and isinstance(ident, int):
                    obj = TrustedFunction(self, ident)
                else:
                    raise CodecError("malformed reference")
                injected[id(obj)] = value
                return obj
            for k in list(value):
                value[k] = self._inject(value[k], injected)
            return value
        if isinstance(value, list):
            for i, v in enumerate(value):
                value[i] = self._inject(v, injected)
            return value
        if isinstance(value, tuple):
            return tuple(self._inject(v, injected) for v in value)
        return value

    @staticmethod
    def _uninject(value: Any, injected: dict[int, Any], depth: int = 0) -> Any:
        """A copy of ``value`` with substituted objects turned back into their references."""
        if id(value) in injected:
            return injected[id(value)]
        if depth > 64:
            return value
        if isinstance(value, list):
            return [ChildSession._uninject(v, injected, depth + 1) for v in value]
        if isinstance(value, tuple):
            return tuple(ChildSession._uninject(v, injected, depth + 1) for v in value)
        if isinstance(value, dict):
            return {k: ChildSession._uninject(v, injected, depth + 1) for k, v in value.items()}
        return value

    def callback(self, ident: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Call a trusted function: one frame up, wait for its answer."""
        buffers: list[bytes] = []
        header = {
            "callback": ident,
            "args": encode_value(list(args), buffers),
            "kwargs": encode_value(dict(kwargs), buffers),
        }
        send_frame(self.sock, header, buffers)
        answer, answer_buffers = recv_frame(self.sock, _MAX_REQUEST_BYTES)
        if answer.get("ok") is True:
            return decode_value(answer.get("value"), answer_buffers, tensors=self.tensors)
        error = answer.get("error")
        error = error if isinstance(error, dict) else {}
        kind = _RAISABLE.get(str(error.get("type")), RuntimeError)
        raise kind(str(error.get("message", "")))

    def call(self, request: dict[str, Any], buffers: list[bytes]) -> None:
        """Call a learner function (or a method of a kept object) on decoded arguments."""
        name = request.get("name")
        if request.get("target") is not None:
            obj = self._target(request)
            try:
                fn = obj if name is None else getattr(obj, str(name))
            except BaseException as exc:
                self._raised(exc)
                return
        else:
            fn = self.module.__dict__.get(str(name))
            if not callable(fn):
                self._reply({"ok": False, "kind": "missing", "name": str(name)})
                return
        args = decode_value(request.get("args"), buffers, tensors=self.tensors)
        kwargs = decode_value(request.get("kwargs"), buffers, tensors=self.tensors)
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            raise CodecError("malformed arguments")
        injected: dict[int, Any] = {}
        if request.get("refs"):
            args, kwargs = self._inject(args, injected), self._inject(kwargs, injected)
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:
            self._raised(exc)
            return
        watch = not request.get("allow_mutation")
        after = self._uninject([args, kwargs], injected) if watch else None
        if request.get("keep"):
            self._keep(value, after, watch)
        else:
            self._send_value(value, after, watch)

    def get(self, request: dict[str, Any]) -> None:
        """Read an attribute of a kept object, as data or as a new kept object."""
        obj = self._target(request)
        try:
            value = getattr(obj, str(request.get("name")))
        except BaseException as exc:
            self._raised(exc)
            return
        if request.get("keep"):
            self._keep(value)
        else:
            self._send_value(value)

    def put(self, request: dict[str, Any], buffers: list[bytes]) -> None:
        """Keep a value the trusted side sent (a torch.nn description becomes a module)."""
        value = decode_value(request.get("value"), buffers, tensors=self.tensors)
        if is_spec(value):
            try:
                value = build(value)
            except ModuleSpecError as exc:
                raise CodecError(str(exc)) from None
        self._keep(value)

    def export(self, request: dict[str, Any], state_only: bool) -> None:
        """Describe a kept torch module as data (standard layers, or any module's state)."""
        obj = self._target(request)
        try:
            value = module_state(obj) if state_only else describe(obj)
        except ModuleSpecError as exc:
            self._reply({"ok": False, "kind": "not_exportable", "detail": _safe_str(exc)})
            return
        except BaseException as exc:
            self._raised(exc)
            return
        self._send_value(value)

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
        self._send_value(namespace.get("result"))

    def serve(self) -> None:
        """Answer requests until the trusted side says exit or closes the connection."""
        sys.stdout = sys.stderr = self.writer
        send_frame(self.sock, {"ready": True})
        while True:
            try:
                request, buffers = recv_frame(self.sock, _MAX_REQUEST_BYTES)
            except (EOFError, OSError):
                return
            except Unreadable as exc:  # a whole request it cannot use: the check's problem
                self._reply({"ok": False, "kind": "bad_request", "detail": str(exc)})
                continue
            op = request.get("op")
            try:
                if op == "load":
                    self.load(request)
                elif op == "call":
                    self.call(request, buffers)
                elif op == "get":
                    self.get(request)
                elif op == "put":
                    self.put(request, buffers)
                elif op in ("export", "state"):
                    self.export(request, state_only=op == "state")
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
