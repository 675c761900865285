"""The wire codec: round trips, refusals, size caps."""

from __future__ import annotations

import math
import pickle
import socket

import numpy as np
import pytest
import torch

from airoadmap_lab.grading.codec import (
    CodecError,
    TooLarge,
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
