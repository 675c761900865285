"""The safe wire codec between the trusted grader and the sandboxed child.

A message is one frame::

    8 bytes   big-endian length of the JSON header (4 bytes) and number of buffers (4 bytes)
    header    UTF-8 JSON
    buffers   each preceded by its 8-byte big-endian length

Values are plain JSON where JSON can hold them exactly, and tagged objects otherwise
(``{"$": "tuple", ...}``). NumPy arrays, NumPy scalars, torch tensors and ``bytes`` travel as raw
buffers described by dtype and shape. Nothing is ever unpickled: the decoder only builds builtin
containers, ``numpy.ndarray`` from a plain (non-object) dtype, and torch tensors from those arrays.

Decoding is the security boundary: whatever the learner's process sends, the trusted side gets
fresh builtin objects (no learner class, no overridden ``__eq__``) or a :class:`CodecError`.
What it may cost is bounded before any object is built: the header's size, its nesting depth and
its number of elements are checked on the raw bytes (:func:`scan_header`), then each string's
length and each array's dimensions while decoding. Every read can carry one deadline for the
whole frame (a sender trickling one byte at a time cannot stretch it).
"""

from __future__ import annotations

import json
import math
import re
import socket
import struct
import time
from typing import Any

import numpy as np

_HEAD = struct.Struct(">II")
_LEN = struct.Struct(">Q")
_MAX_DEPTH = 64
_ALLOWED_KINDS = frozenset("biufcUS")

MAX_HEADER_BYTES = 16_000_000
"""Largest JSON header of a frame (its buffers count only against the frame's own cap)."""
MAX_HEADER_DEPTH = 2 * _MAX_DEPTH + 8
"""Deepest nesting of a header (a tuple or dict costs two levels; the envelope a few more)."""
MAX_ELEMENTS = 500_000
"""Most containers plus separators in a header: bounds the objects one answer can build."""
MAX_STRING_CHARS = 1_000_000
"""Longest string (or dict key) in a decoded value."""
MAX_NDIM = 32
"""Most dimensions of a decoded array."""
MAX_BUFFERS = 100_000
"""Most raw buffers in one frame."""

_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


class CodecError(ValueError):
    """A value cannot be encoded, or received data is malformed."""


class Unsupported(CodecError):
    """A value of a type the wire format does not carry."""

    def __init__(self, type_name: str):
        super().__init__(f"values of type {type_name} cannot be sent")
        self.type_name = type_name


class TooLarge(CodecError):
    """A frame is larger than the configured cap."""


class Unreadable(CodecError):
    """A whole frame arrived (the stream is still in step) but its header cannot be used."""


def scan_header(raw: bytes) -> None:
    """Refuse a JSON header that is too deep or has too many elements, before parsing it.

    Works on the bytes with regular expressions and NumPy only, so a hostile header costs time
    linear in its size and no Python object per element.
    """
    bare = _STRINGS.sub(b"", raw)  # strings may hold brackets and commas
    elements = bare.count(b"[") + bare.count(b"{") + bare.count(b",")
    if elements > MAX_ELEMENTS:
        raise Unreadable(
            f"it holds more than {MAX_ELEMENTS:,} values (lists, dicts and their items); "
            "return a NumPy array or a smaller value"
        )
    brackets = np.frombuffer(bare.translate(None, _NOT_BRACKETS), dtype=np.uint8)
    if brackets.size:
        opens = (brackets == ord("[")) | (brackets == ord("{"))
        depth = np.cumsum(opens.astype(np.int32) * 2 - 1)
        if int(depth.max()) > MAX_HEADER_DEPTH:
            raise Unreadable(f"it is nested more than {_MAX_DEPTH} levels deep")


def _torch_module() -> Any:
    """Return the torch module if it is already imported (never import it just to check a type)."""
    import sys

    return sys.modules.get("torch")


def _encode_float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"$": "float", "v": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def _decode_float(obj: Any) -> float:
    if isinstance(obj, bool) or not isinstance(obj, (int, float)):
        if (
            isinstance(obj, dict)
            and obj.get("$") == "float"
            and obj.get("v") in ("nan", "inf", "-inf")
        ):
            return float(obj["v"])
        raise CodecError("malformed float")
    return float(obj)


def _array_meta(arr: np.ndarray, buffers: list[bytes], tag: str) -> dict[str, Any]:
    if arr.dtype.kind not in _ALLOWED_KINDS or arr.dtype.fields is not None:
        raise Unsupported(f"numpy array of dtype {arr.dtype}")
    shape = list(arr.shape)  # before ascontiguousarray, which turns a 0-d array into shape (1,)
    buffers.append(np.ascontiguousarray(arr).tobytes())
    return {"$": tag, "dtype": arr.dtype.str, "shape": shape, "buf": len(buffers) - 1}


def encode_value(value: Any, buffers: list[bytes], depth: int = 0) -> Any:
    """Turn ``value`` into a JSON-able tree, appending raw buffers to ``buffers``."""
    if depth > _MAX_DEPTH:
        raise CodecError("value is nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return str(value) if isinstance(value, str) and type(value) is not str else value
    if isinstance(value, np.generic):
        arr = np.asarray(value)
        meta = _array_meta(arr, buffers, "npscalar")
        del meta["shape"]
        return meta
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _encode_float(float(value))
    if isinstance(value, complex):
        return {"$": "complex", "re": _encode_float(value.real), "im": _encode_float(value.imag)}
    if isinstance(value, (bytes, bytearray, memoryview)):
        buffers.append(bytes(value))
        return {"$": "bytes", "buf": len(buffers) - 1}
    if isinstance(value, np.ndarray):
        return _array_meta(np.asarray(value), buffers, "ndarray")
    torch = _torch_module()
    if torch is not None and isinstance(value, torch.Tensor):
        tensor = value.detach().cpu()
        if tensor.dtype == torch.bfloat16:
            tensor = tensor.float()
        if tensor.is_sparse:
            tensor = tensor.to_dense()
        return _array_meta(tensor.resolve_conj().resolve_neg().numpy(), buffers, "tensor")
    if isinstance(value, list):
        return [encode_value(v, buffers, depth + 1) for v in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "items": [encode_value(v, buffers, depth + 1) for v in value]}
    if isinstance(value, dict):
        items = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise Unsupported(f"dict with {type(k).__name__} keys")
            items[str(k)] = encode_value(v, buffers, depth + 1)
        return {"$": "dict", "items": items}
    raise Unsupported(type(value).__name__)


def _decode_array(obj: dict[str, Any], buffers: list[bytes], scalar: bool) -> np.ndarray:
    name = obj.get("dtype")
    if not isinstance(name, str) or not 0 < len(name) <= 16:
        raise CodecError("it is an array with a malformed dtype")
    try:
        dtype = np.dtype(name)
    except Exception as exc:  # numpy parses dtype strings with several exception types
        raise CodecError("it is an array with a malformed dtype") from exc
    if (
        dtype.kind not in _ALLOWED_KINDS
        or dtype.fields is not None
        or dtype.subdtype is not None
        or dtype.hasobject
        or dtype.itemsize == 0
    ):
        raise CodecError(f"it is an array of dtype {dtype.str}, which cannot be checked")
    shape_raw = [] if scalar else obj.get("shape")
    if not isinstance(shape_raw, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 2**62 for n in shape_raw
    ):
        raise CodecError("it is an array with a malformed shape")
    if len(shape_raw) > MAX_NDIM:
        raise CodecError(f"it is an array with {len(shape_raw)} dimensions (at most {MAX_NDIM})")
    buf = _buffer(obj, buffers)
    count = math.prod(shape_raw)
    if count * dtype.itemsize != len(buf):
        raise CodecError("it is an array whose data does not match its shape")
    try:
        return np.frombuffer(buf, dtype=dtype).reshape(shape_raw).copy()
    except (ValueError, TypeError, MemoryError) as exc:
        raise CodecError(f"it is an array numpy cannot rebuild ({exc})") from None


def _string(obj: str) -> str:
    if len(obj) > MAX_STRING_CHARS:
        raise CodecError(f"it holds a string longer than {MAX_STRING_CHARS:,} characters")
    return obj


def _buffer(obj: dict[str, Any], buffers: list[bytes]) -> bytes:
    index = obj.get("buf")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(buffers):
        raise CodecError("malformed buffer reference")
    return buffers[index]


def decode_value(obj: Any, buffers: list[bytes], *, tensors: str = "torch", depth: int = 0) -> Any:
    """Rebuild a value from its JSON tree. ``tensors``: ``"torch"`` or ``"numpy"``."""
    if depth > _MAX_DEPTH + 1:
        raise CodecError(f"it is nested more than {_MAX_DEPTH} levels deep")
    if isinstance(obj, str):
        return _string(obj)
    if obj is None or isinstance(obj, (bool, int)):
        return obj
    if isinstance(obj, float):
        return obj
    if isinstance(obj, list):
        return [decode_value(v, buffers, tensors=tensors, depth=depth + 1) for v in obj]
    if not isinstance(obj, dict):
        raise CodecError("malformed value")
    tag = obj.get("$")
    if tag == "float":
        return _decode_float(obj)
    if tag == "complex":
        return complex(_decode_float(obj.get("re")), _decode_float(obj.get("im")))
    if tag == "bytes":
        return bytes(_buffer(obj, buffers))
    if tag == "tuple":
        items = obj.get("items")
        if not isinstance(items, list):
            raise CodecError("malformed tuple")
        return tuple(decode_value(v, buffers, tensors=tensors, depth=depth + 1) for v in items)
    if tag == "dict":
        items = obj.get("items")
        if not isinstance(items, dict):
            raise CodecError("malformed dict")
        return {
            _string(k): decode_value(v, buffers, tensors=tensors, depth=depth + 1)
            for k, v in items.items()
        }
    if tag == "ndarray":
        return _decode_array(obj, buffers, scalar=False)
    if tag == "npscalar":
        return _decode_array(obj, buffers, scalar=True)[()]
    if tag == "tensor":
        arr = _decode_array(obj, buffers, scalar=False)
        if tensors == "numpy":
            return arr
        import torch

        try:
            return torch.from_numpy(arr)
        except (TypeError, ValueError, RuntimeError):
            raise CodecError(
                f"it is a tensor of dtype {arr.dtype.str}, which cannot be checked"
            ) from None

    raise CodecError("it holds an object of an unknown kind")


def pack(header: dict[str, Any], buffers: list[bytes] | None = None) -> bytes:
    """Serialise a header and its buffers into one frame."""
    buffers = buffers or []
    head = json.dumps(header, allow_nan=False, separators=(",", ":")).encode()
    parts = [_HEAD.pack(len(head), len(buffers)), head]
    for buf in buffers:
        parts.append(_LEN.pack(len(buf)))
        parts.append(buf)
    return b"".join(parts)


def frame_size(header: dict[str, Any], buffers: list[bytes]) -> int:
    """Bytes :func:`pack` would produce (without building the frame twice)."""
    return len(pack(header)) + sum(_LEN.size + len(b) for b in buffers)


def _recv_exact(sock: socket.socket, n: int, deadline: float | None = None) -> bytes:
    """Exactly ``n`` bytes; ``TimeoutError`` once ``deadline`` (``time.monotonic()``) passes."""
    chunks = bytearray()
    while len(chunks) < n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the deadline passed while reading a frame")
            sock.settimeout(remaining)
        chunk = sock.recv(min(n - len(chunks), 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks += chunk
    return bytes(chunks)


def send_frame(sock: socket.socket, header: dict[str, Any], buffers: list[bytes] | None = None):
    """Send one frame over a connected stream socket."""
    sock.sendall(pack(header, buffers))


def recv_frame(
    sock: socket.socket,
    max_bytes: int,
    *,
    deadline: float | None = None,
    max_header_bytes: int = MAX_HEADER_BYTES,
) -> tuple[dict[str, Any], list[bytes]]:
    """Receive one frame.

    :class:`TooLarge` if it exceeds ``max_bytes`` (the rest of the frame is not read: the stream
    is out of step), ``EOFError`` on close, ``TimeoutError`` once ``deadline`` passes (the socket's
    timeout is changed when one is given). :class:`Unreadable` if the whole frame arrived but its
    header is malformed, too deep or has too many elements.
    """
    head_len, n_buffers = _HEAD.unpack(_recv_exact(sock, _HEAD.size, deadline))
    total = _HEAD.size + head_len
    if total > max_bytes or head_len > max_header_bytes or n_buffers > MAX_BUFFERS:
        raise TooLarge(f"frame header of {head_len} bytes with {n_buffers} buffers exceeds the cap")
    raw = _recv_exact(sock, head_len, deadline)
    buffers = []
    for _ in range(n_buffers):
        (size,) = _LEN.unpack(_recv_exact(sock, _LEN.size, deadline))
        total += _LEN.size + size
        if total > max_bytes:
            raise TooLarge(f"frame exceeds the cap of {max_bytes} bytes")
        buffers.append(_recv_exact(sock, size, deadline))
    scan_header(raw)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Unreadable("it is not well-formed data") from exc
    if not isinstance(header, dict):
        raise Unreadable("it is not well-formed data")
    return header, buffers
