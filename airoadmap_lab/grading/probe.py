"""The trusted side of one attempt: the ``t`` object that check functions use.

Every request to the sandboxed child is one round trip over its socket, bounded by the attempt's
wall-clock deadline. While waiting, the child's raw stdout/stderr pipe is drained into a capped
buffer so a child printing without end can never block or flood the grader.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from .checks import Fail, LearnerRaised
from .codec import CodecError, TooLarge, decode_value, encode_value, recv_frame, send_frame
from .launch import ChildHandle, ExitInfo
from .polling import wait_readable


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

    def request(self, header: dict[str, Any], buffers: list[bytes] | None = None):
        """One round trip; returns the decoded response header and its buffers."""
        sock = self.handle.sock
        try:
            remaining = self._remaining()
            if remaining <= 0:
                raise self._timeout()
            sock.settimeout(remaining)
            send_frame(sock, header, buffers)
            self._wait_readable()
            sock.settimeout(max(self._remaining(), 0.001))
            response, out_buffers = recv_frame(sock, self.max_result_bytes + 1_000_000)
        except TimeoutError:
            raise self._timeout() from None
        except TooLarge:
            self.handle.kill()
            raise AttemptAborted("too_large") from None
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
        return response, out_buffers

    # -- the check API --------------------------------------------------------------------------

    def _value(self, response: dict[str, Any], buffers: list[bytes], where: str) -> Any:
        if response.get("ok") is True:
            try:
                return decode_value(response.get("value"), buffers, tensors="torch")
            except CodecError:
                raise Fail(f"{where} sent back data that could not be read.") from None
        kind = response.get("kind")
        if kind == "raised":
            err = response.get("error") or {}
            line = err.get("line")
            names = err.get("type_names")
            raise LearnerRaised(
                str(err.get("type", "Exception")),
                str(err.get("message", "")),
                line=line if isinstance(line, int) and not isinstance(line, bool) else None,
                traceback=str(err.get("traceback", "")),
                type_names=[str(n) for n in names] if isinstance(names, list) else (),
                where=where.strip("`") if where.startswith("`") else "",
            )
        if kind == "missing":
            raise Fail(
                f"your code does not define a function `{response.get('name')}`; "
                "check the spelling of its name and that it is defined at the top level."
            )
        if kind == "unsupported":
            raise Fail(
                f"{where} returned a {response.get('type')}, which cannot be checked; return a "
                "number, string, list, tuple, dict or NumPy array (or a torch tensor)."
            )
        if kind == "too_large":
            size = response.get("bytes")
            mb = size / 1e6 if isinstance(size, (int, float)) else float("nan")
            raise Fail(
                f"{where} returned {mb:.1f} MB of data, more than the "
                f"{self.max_result_bytes / 1e6:.1f} MB a result may have. "
                "Return only what was asked."
            )
        raise RuntimeError(f"the sandbox rejected a request from the check: {response}")

    def call(self, name: str, *args: Any, allow_mutation: bool = False, **kwargs: Any) -> Any:
        """Call the learner's top-level function ``name`` in the sandbox."""
        buffers: list[bytes] = []
        header = {
            "op": "call",
            "name": name,
            "args": encode_value(list(args), buffers),
            "kwargs": encode_value(dict(kwargs), buffers),
            "allow_mutation": bool(allow_mutation),
        }
        response, out = self.request(header, buffers)
        value = self._value(response, out, f"`{name}`")
        mutated = response.get("mutated") or []
        if mutated:
            raise Fail(
                f"your function `{name}` changed its input ({', '.join(map(str, mutated))}); "
                "work on a copy (for example `x = x.copy()`) instead of modifying the argument."
            )
        return value

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
            sock.settimeout(max(self._remaining(), 0.001))
            recv_frame(sock, 4096)
        except (TimeoutError, AttemptAborted):
            self.handle.kill()
            raise AttemptAborted("died", None, "the sandbox did not start") from None
        except (EOFError, OSError, CodecError) as exc:
            raise self._died(f"the sandbox did not start: {exc}") from None
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
