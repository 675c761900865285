"""Sentences for the learner: advice instead of stack dumps."""

from __future__ import annotations

import signal

from .checks import LearnerRaised
from .launch import ExitInfo

_ADVICE = {
    "RecursionError": "a function called itself too many times; check that the recursion has a "
    "base case that is always reached (or use a loop).",
    "MemoryError": "your code tried to use more memory than allowed; avoid building huge "
    "arrays or lists.",
    "SystemExit": "your code called sys.exit() or exit(); a function should return its result "
    "instead of ending the program.",
    "KeyboardInterrupt": "your code raised KeyboardInterrupt; do not raise it yourself.",
    "NotImplementedError": "a function still raises NotImplementedError: replace the TODO with "
    "your implementation.",
    "ModuleNotFoundError": "only the standard library, numpy, scipy, scikit-learn and torch can be "
    "imported in exercises.",
}


def is_out_of_memory(exc: LearnerRaised) -> bool:
    """Whether the learner's exception means the memory limit was hit (numpy or torch)."""
    if "MemoryError" in exc.type_names:
        return True
    text = exc.message.lower()
    return exc.type_name == "RuntimeError" and (
        "can't allocate memory" in text or "not enough memory" in text
    )


def advice_for(exc: LearnerRaised) -> str:
    """The learner-facing sentence for an exception raised by their code."""
    text = exc.describe() + "."
    extra = _ADVICE.get(exc.type_name)
    if extra:
        text += " " + extra[0].upper() + extra[1:]
    return text


def timeout_message(limit_s: float) -> str:
    """Advice when the attempt ran out of time."""
    return f"Your code ran longer than {limit_s:g} s — is there a loop that never ends?"


def memory_message(limit_mb: int) -> str:
    """Advice when the attempt ran out of memory."""
    return (
        f"Your code tried to use more than the {limit_mb} MB of memory allowed. Look for arrays "
        "or lists that grow much larger than the inputs (for example an outer product or a "
        "list that is appended to in a loop that never ends)."
    )


def died_message(info: ExitInfo | None) -> str:
    """Advice when the learner's process ended while it was being graded."""
    if info is None:
        return "Your code's process stopped answering while it was being graded."
    if info.signal is not None:
        try:
            name = signal.Signals(info.signal).name
        except ValueError:
            name = f"signal {info.signal}"
        if info.signal == signal.SIGSEGV:
            return (
                "Your code crashed the Python process (segmentation fault). This happens with "
                "ctypes, very deep recursion or broken native code; remove that part."
            )
        return (
            f"Your code's process was stopped by {name} while it was being graded. Do not send "
            "signals or end processes in an exercise."
        )
    return (
        f"Your code's process ended (exit status {info.returncode}) while it was being graded. "
        "Remove calls to sys.exit(), exit() or os._exit(), do not close files you did not open, "
        "and do not replace built-in functions; return results instead."
    )
