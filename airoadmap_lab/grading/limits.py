"""Resource limits (rlimits) for the sandboxed child."""

from __future__ import annotations

import math
import resource

_PAGE = resource.getpagesize()


def current_address_space() -> int:
    """Bytes of address space this process maps now (VmSize)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _set(kind: int, soft: int, hard: int | None = None) -> None:
    hard = soft if hard is None else hard
    cur_soft, cur_hard = resource.getrlimit(kind)
    if cur_hard != resource.RLIM_INFINITY:
        hard = min(hard, cur_hard)
        soft = min(soft, hard)
    resource.setrlimit(kind, (soft, hard))


def apply_rlimits(
    *,
    cpu_s: float,
    memory_mb: int,
    max_file_bytes: int,
    nproc: int,
    nofile: int = 256,
) -> None:
    """Cap CPU time, address space, processes, file size and open files; disable core dumps.

    The address-space cap is ``memory_mb`` on top of what the (pre-imported) process maps
    already, since numpy/torch reserve hundreds of MB of address space they never touch.
    """
    cpu = max(1, math.ceil(cpu_s))
    _set(resource.RLIMIT_CPU, cpu, cpu + 2)
    _set(resource.RLIMIT_AS, current_address_space() + memory_mb * 1024 * 1024)
    _set(resource.RLIMIT_FSIZE, max_file_bytes)
    _set(resource.RLIMIT_NPROC, nproc)
    _set(resource.RLIMIT_NOFILE, nofile)
    _set(resource.RLIMIT_CORE, 0)
