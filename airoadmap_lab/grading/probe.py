"""The trusted side of one attempt: the ``t`` object that check functions use.

Every request to the sandboxed child is one round trip over its socket, bounded by the attempt's
wall-clock deadline: one deadline for the whole attempt, applied to every read (so a child that
answers one byte at a time cannot stretch it). While waiting, the child's raw stdout/stderr pipe is
drained into a capped buffer so a child printing without end can never block or flood the grader.

Everything the child answers is the learner's responsibility: an answer that cannot be decoded
becomes a failed test ("returned a value that cannot be checked"), never a problem of the exercise,
and every text taken from it (error message, traceback, type names) is capped and made readable.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from .checks import Fail, LearnerRaised
from .codec import (
    CodecError,
    TooLarge,
    Unreadable,
    decode_value,
    encode_value,
    frame_size,
    recv_frame,
    send_frame,
)
from .launch import ChildHandle, ExitInfo
from .polling import wait_readable
from .remote import Callback, Remote, changed_arguments, encode_module_spec, outbound
from .text import clip

MAX_CALLBACKS = 10_000  # calls of the check's functions per attempt
# Caps on the texts taken from the child's answers (characters; longer ones are cut, marked).
MAX_ERROR_MESSAGE = 2_000
MAX_TRACEBACK = 8_000
MAX_NAME = 200
MAX_TYPE_NAMES = 64


class AttemptAborted(BaseException):  # noqa: N818 - BaseException so checks cannot swallow it
    """The sandbox can no longer answer: time is up, it died, or it broke the protocol."""

    def __init__(self, reason: str, exit_info: ExitInfo | None = None, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason  # "timeout" | "died" | "protocol" | "too_large"
        self.exit_info = exit_info
        self.detail = detail


class OutputBuffer:
    """Captured text, capped at ``cap`` characters, that remembers it dropped the rest."""

    def __init__(self, cap: int):
        self.cap = cap
        self.text = ""
        self.truncated = False

    def add(self, text: str, truncated: bool = False) -> None:
        """Append ``text`` (or as much of it as fits)."""
        room = self.cap - len(self.text)
        if len(text) > room:
            text, truncated = text[: max(room, 0)], True
        self.text += text
        self.truncated = self.truncated or truncated


class SandboxProbe:
    """Implements :class:`checks.Probe` for one attempt."""

    def __init__(
        self,
        handle: ChildHandle,
        *,
        deadline: float,
        seed: int,
        max_result_bytes: int,
        max_output_bytes: int,
        reference: Any,
        data_dir: Path,
    ):
        self.handle = handle
        self.deadline = deadline
        self.seed = seed
        self.max_result_bytes = max_result_bytes
        self.output = OutputBuffer(max_output_bytes)
        self.raw_output = bytearray()
        self.raw_truncated = False
        self.raw_cap = max_output_bytes
        self.hidden = False  # while a hidden test runs, its output is dropped
        self._reference = reference
        self._data_dir = data_dir
        self._out_open = True
        self._rng: np.random.Generator | None = None
        self._callbacks: list[Callback] = []
        self._callback_count = 0
        self._callback_error: BaseException | None = None

    @property
    def rng(self) -> np.random.Generator:
        """A generator seeded here from the OS, unknown to the sandbox (unlike ``seed``)."""
        if self._rng is None:
            self._rng = np.random.default_rng(secrets.randbits(128))
        return self._rng

    # -- transport ------------------------------------------------------------------------------

    def _remaining(self) -> float:
        return self.deadline - time.monotonic()

    def _timeout(self) -> AttemptAborted:
        self.handle.kill()
        return AttemptAborted("timeout")

    def _died(self, detail: str) -> AttemptAborted:
        self.drain_output(wait=0.2)
        info = self.handle.wait(2.0)
        if info is None:
            self.handle.kill()
            info = self.handle.wait(5.0)
        return AttemptAborted("died", info, detail)

    def drain_output(self, wait: float = 0.0) -> None:
        """Read what the child wrote to its stdout/stderr descriptors (capped, rest discarded)."""
        end = time.monotonic() + wait
        for _ in range(256):  # bounded: a thread of the child may still be printing
            if not self._out_open:
                return
            ready = wait_readable([self.handle.out_fd], max(0.0, end - time.monotonic()))
            if not ready:
                return
            self._read_out()

    def _read_out(self) -> None:
        try:
            chunk = os.read(self.handle.out_fd, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            self._out_open = False
            return
        room = self.raw_cap - len(self.raw_output)
        if room > 0:
            self.raw_output += chunk[:room]
        if len(chunk) > room:
            self.raw_truncated = True

    def _wait_readable(self) -> None:
        sock = self.handle.sock
        while True:
            remaining = self._remaining()
            if remaining <= 0:
                raise self._timeout()
            fds = [sock.fileno(), self.handle.out_fd] if self._out_open else [sock.fileno()]
            ready = wait_readable(fds, remaining)
            if self.handle.out_fd in ready:
                self._read_out()
            if sock.fileno() in ready:
                return

    def request(
        self,
        header: dict[str, Any],
        buffers: list[bytes] | None = None,
        extra_bytes: int = 0,
        where: str = "your code",
    ):
        """One round trip; returns the decoded response header and its buffers.

        ``extra_bytes``: what the answer may carry beyond a result (the arguments sent back).
        :class:`Fail` if the answer arrived whole but cannot be read (the attempt goes on),
        :class:`AttemptAborted` if the child cannot answer any more.
        """
        sock = self.handle.sock
        try:
            remaining = self._remaining()
            if remaining <= 0:
                raise self._timeout()
            sock.settimeout(remaining)
            send_frame(sock, header, buffers)
            while True:  # the learner's code may call trusted functions before it answers
                self._wait_readable()
                response, out_buffers = recv_frame(
                    sock,
                    self.max_result_bytes + 1_000_000 + extra_bytes,
                    deadline=self.deadline,
                )
                if "callback" not in response:
                    break
                self._answer_callback(response, out_buffers)
                sock.settimeout(max(self._remaining(), 0.001))
        except TimeoutError:
            raise self._timeout() from None
        except TooLarge:
            self.handle.kill()
            raise AttemptAborted("too_large") from None
        except Unreadable as exc:
            raise Fail(cannot_check(where, exc)) from None
        except CodecError as exc:
            self.handle.kill()
            raise AttemptAborted("protocol", detail=str(exc)) from None
        except (EOFError, ConnectionError, BrokenPipeError) as exc:
            raise self._died(str(exc)) from None
        finally:
            sock.settimeout(None)
        output = response.get("output")
        if isinstance(output, str) and not self.hidden:
            self.output.add(output, bool(response.get("truncated")))
        if self._callback_error is not None:
            error, self._callback_error = self._callback_error, None
            raise error
        return response, out_buffers

    # -- trusted functions called by the learner's code -----------------------------------------

    def callback(self, fn: Any, name: str | None = None) -> Callback:
        """Wrap a trusted function so the learner's code can call it (see :class:`Callback`)."""
        self._callbacks.append(Callback(fn, len(self._callbacks), name or fn.__name__))
        return self._callbacks[-1]

    def _answer_callback(self, request: dict[str, Any], buffers: list[bytes]) -> None:
        ident = request.get("callback")
        self._callback_count += 1
        try:
            if not (isinstance(ident, int) and 0 <= ident < len(self._callbacks)):
                raise RuntimeError("unknown function")
            cb = self._callbacks[ident]
            if self._callback_count > MAX_CALLBACKS:
                if self._callback_error is None:
                    self._callback_error = Fail(
                        f"your code called `{cb.name}` (and the check's other functions) more "
                        f"than {MAX_CALLBACKS} times in one attempt."
                    )
                raise RuntimeError("too many calls")
            try:
                args = decode_value(request.get("args"), buffers, tensors="torch")
                kwargs = decode_value(request.get("kwargs"), buffers, tensors="torch")
            except CodecError:
                raise TypeError(f"{cb.name}() was given values that cannot be sent") from None
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise TypeError(f"{cb.name}() was called with malformed arguments")
            cb.calls.append((tuple(args), kwargs))
            try:
                value = cb.fn(*args, **kwargs)
            except (ValueError, TypeError, KeyError, RuntimeError):
                raise  # the function's own answer: the learner's code sees it raised
            except Exception as exc:  # Fail, or a bug of the check: raised after the call
                if self._callback_error is None:
                    self._callback_error = exc
                raise RuntimeError("the check stopped this call") from None
        except (ValueError, TypeError, KeyError, RuntimeError) as exc:
            error = {"type": type(exc).__name__, "message": str(exc)[:500]}
            send_frame(self.handle.sock, {"ok": False, "error": error})
            return
        out: list[bytes] = []
        try:
            tree = encode_value(value, out)
        except (CodecError, RecursionError) as exc:  # a problem of the check, not the learner's
            if self._callback_error is None:
                self._callback_error = RuntimeError(
                    f"{cb.name} returned a value not sendable: {exc}"
                )
            error = {"type": "RuntimeError", "message": "the check stopped this call"}
            send_frame(self.handle.sock, {"ok": False, "error": error})
            return
        send_frame(self.handle.sock, {"ok": True, "value": tree}, out)

    # -- the check API --------------------------------------------------------------------------

    def _value(self, response: dict[str, Any], buffers: list[bytes], where: str) -> Any:
        if response.get("ok") is True:
            try:
                return decode_value(response.get("value"), buffers, tensors="torch")
            except CodecError as exc:
                raise Fail(cannot_check(where, exc)) from None
        kind = response.get("kind")
        if kind == "raised":
            err = response.get("error")
            err = err if isinstance(err, dict) else {}
            line = err.get("line")
            names = err.get("type_names")
            raise LearnerRaised(
                clip(err.get("type", "Exception"), MAX_NAME),
                clip(err.get("message", ""), MAX_ERROR_MESSAGE),
                line=line if type(line) is int and 0 < line < 10**9 else None,
                traceback=clip(err.get("traceback", ""), MAX_TRACEBACK),
                type_names=(
                    [clip(n, MAX_NAME) for n in names[:MAX_TYPE_NAMES]]
                    if isinstance(names, list)
                    else ()
                ),
                where=where.strip("`") if where.startswith("`") else "",
            )
        if kind == "missing":
            raise Fail(
                f"your code does not define a function `{clip(response.get('name'), MAX_NAME)}`; "
                "check the spelling of its name and that it is defined at the top level."
            )
        if kind == "unsupported":
            raise Fail(
                f"{where} returned a {clip(response.get('type'), MAX_NAME)}, which cannot be "
                "checked; return a number, string, list, tuple, dict or NumPy array (or a torch "
                "tensor)."
            )
        if kind == "too_large":
            size = response.get("bytes")
            mb = size / 1e6 if isinstance(size, (int, float)) else float("nan")
            raise Fail(
                f"{where} returned {mb:.1f} MB of data, more than the "
                f"{self.max_result_bytes / 1e6:.1f} MB a result may have. "
                "Return only what was asked."
            )
        if kind == "bad_request":  # the child could not decode what the check sent
            detail = clip(response.get("detail"), MAX_ERROR_MESSAGE)
            raise RuntimeError(f"the sandbox rejected a request from the check: {detail}")
        raise Fail(cannot_check(where, CodecError("it is not an answer the grader understands")))

    def call(
        self, name: str, *args: Any, allow_mutation: bool = False, keep: bool = False, **kwargs: Any
    ) -> Any:
        """Call the learner's top-level function ``name`` in the sandbox.

        Returns the result as data, or a :class:`~.remote.Remote` handle with ``keep=True``.
        Unless ``allow_mutation``, the arguments come back after the call and are compared here.
        """
        return self.invoke(
            name, args, kwargs, target=None, allow_mutation=allow_mutation, keep=keep
        )

    def new(self, name: str, *args: Any, **kwargs: Any) -> Remote:
        """Instantiate the learner's class ``name``; the object stays in the sandbox."""
        return self.invoke(name, args, kwargs, target=None, allow_mutation=True, keep=True)

    def put(self, value: Any) -> Remote:
        """Send a value (or a torch module of standard layers) to be kept in the sandbox."""
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(value, torch.nn.Module):
            value = encode_module_spec(value)
        buffers: list[bytes] = []
        header = {"op": "put", "value": encode_value(value, buffers)}
        response, _ = self.request(header, buffers)
        return self._remote(response, "the check's object")

    def invoke(
        self,
        name: str | None,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        *,
        target: Remote | None,
        allow_mutation: bool,
        keep: bool,
    ) -> Any:
        """One call in the sandbox (a learner function, or a method of a kept object)."""
        (plain_args, plain_kwargs), refs = outbound([list(args), dict(kwargs)])
        buffers: list[bytes] = []
        header = {
            "op": "call",
            "name": name,
            "target": None if target is None else target.handle,
            "args": encode_value(plain_args, buffers),
            "kwargs": encode_value(plain_kwargs, buffers),
            "refs": refs,
            "allow_mutation": bool(allow_mutation),
            "keep": bool(keep),
        }
        if target is None:
            where = f"`{name}`"
        else:
            where = f"`{target.where}`" if name is None else f"`{target.where}.{name}`"
        response, out = self.request(
            header, buffers, extra_bytes=frame_size(header, buffers), where=where
        )
        if keep:
            value: Any = self._remote(response, where.strip("`"))
        else:
            value = self._value(response, out, where)
        if not allow_mutation:
            mutated = changed_arguments([plain_args, plain_kwargs], response, out)
            if mutated:
                who = f"function `{name}`" if target is None else where
                raise Fail(
                    f"your {who} changed its input ({', '.join(mutated)}); work on a copy "
                    "(for example `x = x.copy()`) instead of modifying the argument."
                )
        return value

    def _remote(self, response: dict[str, Any], where: str) -> Remote:
        handle = response.get("handle")
        if response.get("ok") is True and isinstance(handle, int) and not isinstance(handle, bool):
            return Remote(self, handle, str(response.get("type", "object"))[:100], where)
        self._value(response, [], f"`{where}`")  # raises the learner-facing problem
        raise Fail(f"`{where}` did not answer as expected.")

    def remote_op(self, header: dict[str, Any], where: str) -> Any:
        """A request about a kept object (``get``, ``export``, ``state``)."""
        response, out = self.request(header)
        if header.get("keep"):
            return self._remote(response, where.strip("`"))
        where = where if where.startswith("`") else f"`{where}`"
        if response.get("kind") == "not_exportable":
            raise Fail(
                f"{where} returned a network that cannot be checked: "
                f"{str(response.get('detail', ''))[:300]}."
            )
        return self._value(response, out, where)

    def run(self, code: str, **inputs: Any) -> Any:
        """Run ``code`` in the learner's namespace plus ``inputs``; return its ``result``."""
        buffers: list[bytes] = []
        header = {"op": "run", "code": code, "inputs": encode_value(dict(inputs), buffers)}
        response, out = self.request(header, buffers)
        return self._value(response, out, "your code")

    def has(self, name: str) -> bool:
        """Whether the learner's module defines ``name``."""
        response, _ = self.request({"op": "has", "name": name})
        return response.get("value") is True

    @property
    def ref(self) -> Any:
        """The reference solution module (trusted process)."""
        return self._reference()

    def data_path(self, name: str) -> Path:
        """A file of the exercise's ``data/`` folder (trusted side only)."""
        path = (self._data_dir / name).resolve()
        if self._data_dir.resolve() not in path.parents:
            raise ValueError(f"data_path({name!r}) points outside the exercise's data folder")
        return path

    def wait_ready(self, startup_timeout: float, time_limit: float) -> None:
        """Wait for the child's first frame, then start the attempt's wall clock."""
        self.deadline = time.monotonic() + startup_timeout
        sock = self.handle.sock
        try:
            self._wait_readable()
            recv_frame(sock, 4096, deadline=self.deadline)
        except (TimeoutError, AttemptAborted):
            self.handle.kill()
            raise AttemptAborted("died", None, "the sandbox did not start") from None
        except (EOFError, OSError, CodecError) as exc:
            raise self._died(f"the sandbox did not start: {clip(exc, MAX_NAME)}") from None
        finally:
            sock.settimeout(None)
        self.deadline = time.monotonic() + time_limit

    def load(self, code: str, max_output: int) -> dict[str, Any]:
        """Send the learner's code; returns the child's response to loading it."""
        response, _ = self.request(
            {
                "op": "load",
                "code": code,
                "seed": self.seed,
                "max_output": max_output,
                "max_result": self.max_result_bytes,
            }
        )
        return response


def cannot_check(where: str, problem: CodecError) -> str:
    """The learner-facing sentence for an answer the trusted side refuses to decode."""
    return f"{where} returned a value that cannot be checked: {problem}."
