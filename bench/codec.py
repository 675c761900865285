"""Benchmark of the trusted side of the codec: reading and decoding one answer from a socket.

Times ``recv_frame`` + ``decode_value`` (what the judge does with every answer) for ordinary
answers and for the hostile ones of issue #13, and the peak memory Python allocates meanwhile
(tracemalloc). Prints a Markdown table.

    python bench/codec.py [--repeat N]

Run it from the repository root.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from airoadmap_lab.grading.codec import (  # noqa: E402
    CodecError,
    decode_value,
    encode_value,
    pack,
    recv_frame,
)

CAP = 17_000_000  # the default frame cap: max_result_bytes + 1 MB


def _answer(value: object) -> bytes:
    buffers: list[bytes] = []
    return pack({"ok": True, "value": encode_value(value, buffers)}, buffers)


def _raw(head: bytes) -> bytes:
    return len(head).to_bytes(4, "big") + (0).to_bytes(4, "big") + head


CASES: dict[str, Callable[[], bytes]] = {
    "a float": lambda: _answer(0.5),
    "list of 1,000 floats": lambda: _answer([i / 7 for i in range(1000)]),
    "100 x 100 float64 array": lambda: _answer(np.arange(10_000.0).reshape(100, 100)),
    "list of 400,000 ints (legal, near the cap)": lambda: _answer(list(range(400_000))),
    "5.3 M empty lists, 15.9 MB (refused)": lambda: _raw(
        b'{"ok":true,"value":[' + b",".join([b"[]"] * 5_300_000) + b"]}"
    ),
    "20,000 nested lists (refused)": lambda: _raw(
        b'{"ok":true,"value":' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    ),
    "one 15 MB string (refused)": lambda: _raw(b'{"ok":true,"value":"' + b"x" * 15_000_000 + b'"}'),
}


def read_once(frame: bytes, trace: bool) -> tuple[float, int, str]:
    """Seconds to receive and decode ``frame``, peak traced bytes (when ``trace``), outcome.

    tracemalloc slows allocation-heavy decoding many times over, so timed runs do not trace.
    """
    a, b = socket.socketpair()
    sender = threading.Thread(target=a.sendall, args=(frame,))
    sender.start()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        header, buffers = recv_frame(b, CAP, deadline=time.monotonic() + 60)
        decode_value(header["value"], buffers, tensors="numpy")
        outcome = "decoded"
    except CodecError as exc:
        outcome = f"refused: {str(exc)[:40]}"
    elapsed = time.perf_counter() - started
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    sender.join()
    a.close()
    b.close()
    return elapsed, peak, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| answer | frame | median ms | peak MB (traced) | outcome |")
    print("|---|---:|---:|---:|---|")
    for name, make in CASES.items():
        frame = make()
        runs = [read_once(frame, trace=False) for _ in range(args.repeat)]
        ms = statistics.median(r[0] for r in runs) * 1000
        _, peak, outcome = read_once(frame, trace=True)
        print(f"| {name} | {len(frame) / 1e6:.2f} MB | {ms:.2f} | {peak / 1e6:.1f} | {outcome} |")


if __name__ == "__main__":
    main()
