"""The wire codec: round trips, refusals, size caps."""

from __future__ import annotations

import math
import pickle
import socket
import struct
import threading
import time

import numpy as np
import pytest
import torch

from airoadmap_lab.grading.codec import (
    MAX_ELEMENTS,
    MAX_STRING_CHARS,
    CodecError,
    TooLarge,
    Unreadable,
    Unsupported,
    decode_value,
    encode_value,
    pack,
    recv_frame,
    send_frame,
)


def roundtrip(value, tensors="torch"):
    a, b = socket.socketpair()
    with a, b:
        buffers: list[bytes] = []
        send_frame(a, {"v": encode_value(value, buffers)}, buffers)
        header, got = recv_frame(b, 1 << 26)
    return decode_value(header["v"], got, tensors=tensors)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -(10**30),
        1.5,
        "héllo",
        b"\x00\xff",
        [1, [2, 3]],
        (1, "a"),
        {"a": [1, 2], "b": {"c": None}},
        {"$": "not a tag"},
        complex(1, -2),
    ],
)
def test_plain_values_round_trip(value):
    got = roundtrip(value)
    assert got == value
    assert type(got) is type(value)


def test_non_finite_floats_round_trip():
    got = roundtrip([math.nan, math.inf, -math.inf, complex(math.nan, math.inf)])
    assert math.isnan(got[0]) and got[1] == math.inf and got[2] == -math.inf
    assert math.isnan(got[3].real) and got[3].imag == math.inf


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "uint8", "bool", "complex128"])
def test_arrays_round_trip_with_dtype_and_shape(dtype):
    arr = (np.arange(24).reshape(2, 3, 4) % 3).astype(dtype)
    got = roundtrip(arr[:, ::2])  # non-contiguous view
    assert isinstance(got, np.ndarray) and got.dtype == arr.dtype
    np.testing.assert_array_equal(got, arr[:, ::2])
    assert got.flags.writeable


def test_zero_dimensional_arrays_and_tensors_keep_their_shape():
    got = roundtrip([np.array(1.5), torch.tensor(2.0)])
    assert isinstance(got[0], np.ndarray) and got[0].shape == () and got[0] == 1.5
    assert tuple(got[1].shape) == () and float(got[1]) == 2.0


def test_numpy_scalars_stay_numpy_scalars():
    got = roundtrip([np.float32(1.5), np.int64(7), np.bool_(True)])
    assert [type(v) for v in got] == [np.float32, np.int64, np.bool_]


def test_tensors_come_back_as_tensors_or_arrays():
    t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    got = roundtrip(t)
    assert isinstance(got, torch.Tensor) and got.dtype == torch.float32
    assert torch.equal(got, t)
    as_array = roundtrip(t.requires_grad_(), tensors="numpy")
    assert isinstance(as_array, np.ndarray) and as_array.shape == (2, 3)


@pytest.mark.parametrize(
    "value, name",
    [
        (object(), "object"),
        ({1: 2}, "dict with int keys"),
        (np.array([object()]), "numpy array of dtype object"),
        ({1, 2}, "set"),
    ],
)
def test_unsupported_values_are_refused(value, name):
    with pytest.raises(Unsupported) as info:
        encode_value(value, [])
    assert info.value.type_name == name


def test_object_dtype_and_pickle_are_refused_when_decoding():
    buffers = [pickle.dumps([1, 2])]
    with pytest.raises(CodecError):
        decode_value({"$": "ndarray", "dtype": "|O", "shape": [2], "buf": 0}, buffers)
    with pytest.raises(CodecError):
        decode_value({"$": "ndarray", "dtype": "<f8", "shape": [1000], "buf": 0}, buffers)
    with pytest.raises(CodecError):
        decode_value({"$": "pickle", "buf": 0}, buffers)


def test_malformed_trees_are_refused():
    for tree in [
        {"$": "tuple"},
        {"$": "ndarray", "dtype": "<f8", "shape": [-1], "buf": 0},
        {"$": "bytes", "buf": 5},
        {"$": "float", "v": "1e999"},
    ]:
        with pytest.raises(CodecError):
            decode_value(tree, [b"12345678"])


def test_frames_over_the_cap_are_refused():
    a, b = socket.socketpair()
    with a, b:
        buffers = [bytes(200_000)]
        a.sendall(pack({"x": 1}, buffers))
        with pytest.raises(TooLarge):
            recv_frame(b, 100_000)


def test_deeply_nested_values_are_refused():
    value: list = []
    for _ in range(200):
        value = [value]
    with pytest.raises(CodecError):
        encode_value(value, [])


def raw_frame(head: bytes, buffers: tuple[bytes, ...] = ()) -> bytes:
    """A frame with a header given as raw bytes (as a hostile child could send it)."""
    parts = [struct.pack(">II", len(head), len(buffers)), head]
    for buf in buffers:
        parts += [struct.pack(">Q", len(buf)), buf]
    return b"".join(parts)


def receive(frame: bytes, max_bytes: int = 1 << 26):
    a, b = socket.socketpair()
    with a, b:
        sender = threading.Thread(target=a.sendall, args=(frame,))
        sender.start()
        try:
            return recv_frame(b, max_bytes, deadline=time.monotonic() + 60)
        finally:
            sender.join()


@pytest.mark.parametrize(
    ("head", "needle"),
    [
        (b'{"v":' + b"[" * 5000 + b"]" * 5000 + b"}", "nested"),
        (b'{"v":' + b"{" * 50_000, "nested"),
        (b'{"v":[' + b",".join([b"[]"] * (MAX_ELEMENTS + 1)) + b"]}", "values"),
        (b'{"v":"\xff\xfe"}', "well-formed"),
        (b'{"v": [1, 2', "well-formed"),
        (b"[1, 2]", "well-formed"),
        (b'{"v": ' + b"9" * 5000 + b"}", "well-formed"),
    ],
    ids=[
        "deep-lists",
        "deep-dicts",
        "too-many-elements",
        "bad-utf8",
        "truncated",
        "not-object",
        "huge-int",
    ],
)
def test_unusable_headers_are_refused_after_the_whole_frame_is_read(head, needle):
    a, b = socket.socketpair()
    with a, b:
        frame = raw_frame(head, (b"12345678",))
        sender = threading.Thread(target=a.sendall, args=(frame + pack({"next": 1}),))
        sender.start()
        with pytest.raises(Unreadable) as info:
            recv_frame(b, 1 << 26, deadline=time.monotonic() + 60)
        # the stream stays in step: the next frame reads normally
        assert recv_frame(b, 1 << 26, deadline=time.monotonic() + 60) == ({"next": 1}, [])
        sender.join()
    assert needle in str(info.value)


def test_strings_inside_the_header_do_not_count_as_structure():
    text = "[{,}]" * 200_000
    header, _ = receive(pack({"v": text, "w": '\\"[['}))
    assert header == {"v": text, "w": '\\"[['}


def test_many_values_in_a_legal_answer_still_decode():
    value = list(range(MAX_ELEMENTS // 2))
    buffers: list[bytes] = []
    header, got = receive(pack({"v": encode_value(value, buffers)}, buffers))
    assert decode_value(header["v"], got) == value


@pytest.mark.parametrize(
    ("tree", "needle"),
    [
        ({"$": "ndarray", "dtype": "<U0", "shape": [3], "buf": 0}, "dtype <U0"),
        ({"$": "ndarray", "dtype": "<f8", "shape": [1] * 65, "buf": 1}, "65 dimensions"),
        ({"$": "ndarray", "dtype": "|O", "shape": [1], "buf": 1}, "dtype |O"),
        ({"$": "ndarray", "dtype": "(2,)<f8", "shape": [1], "buf": 1}, "dtype"),
        ({"$": "ndarray", "dtype": "<M8[s]", "shape": [1], "buf": 1}, "dtype <M8"),
        ({"$": "ndarray", "dtype": "x" * 1000, "shape": [1], "buf": 1}, "malformed dtype"),
        ({"$": "ndarray", "dtype": "<f8\x00", "shape": [1], "buf": 1}, "malformed dtype"),
        ({"$": "ndarray", "dtype": 5, "shape": [1], "buf": 1}, "malformed dtype"),
        ({"$": "ndarray", "dtype": "<f8", "shape": [0, 2**70], "buf": 0}, "malformed shape"),
        ({"$": "ndarray", "dtype": "<f8", "shape": [0, 2**61, 2**61], "buf": 0}, "rebuild"),
        ({"$": "ndarray", "dtype": "<f8", "shape": [3], "buf": 1}, "does not match"),
        ({"$": "ndarray", "dtype": "<f8", "shape": [1], "buf": 7}, "buffer"),
        ({"$": "tensor", "dtype": "<U1", "shape": [2], "buf": 1}, "tensor of dtype <U1"),
        ({"$": "nope"}, "unknown kind"),
        ("x" * (MAX_STRING_CHARS + 1), "string longer"),
        ({"$": "dict", "items": {"k" * (MAX_STRING_CHARS + 1): 1}}, "string longer"),
    ],
)
def test_odd_values_raise_only_codec_errors_that_name_the_problem(tree, needle):
    with pytest.raises(CodecError) as info:
        decode_value(tree, [b"", b"\x00" * 8])
    assert needle in str(info.value)


def test_a_sender_trickling_bytes_cannot_outlive_the_deadline():
    a, b = socket.socketpair()
    stop = threading.Event()

    def trickle() -> None:
        a.sendall(struct.pack(">II", 10_000, 0))
        while not stop.wait(0.05):
            a.sendall(b" ")

    sender = threading.Thread(target=trickle)
    sender.start()
    try:
        with pytest.raises(TimeoutError):
            recv_frame(b, 1 << 20, deadline=time.monotonic() + 0.5)
    finally:
        stop.set()
        sender.join()
        a.close()
        b.close()


def test_an_oversize_header_length_is_refused_before_reading_it():
    a, b = socket.socketpair()
    with a, b:
        a.sendall(struct.pack(">II", 17_000_000, 0))
        with pytest.raises(TooLarge):
            recv_frame(b, 1 << 30, deadline=time.monotonic() + 60)
