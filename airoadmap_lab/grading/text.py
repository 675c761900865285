"""Text that crossed from the sandbox (or came from a learner), made safe to store and to show.

Whatever the learner's process sends can hold lone surrogates (which no UTF-8 encoder, JSON
serialiser with strict UTF-8, or database accepts), NUL bytes (which PostgreSQL refuses), other
control characters, invalid UTF-8 and megabytes of text. Everything shown from it passes
through :func:`readable` and :func:`clip`: such characters become visible escapes (``\\udc80``,
``\\x00``) and long text is cut with a visible marker.
"""

from __future__ import annotations

import re

# C0 controls and DEL, except tab, newline and carriage return (ordinary in printed output).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")

CUT_MARK = "… [{:,} more characters not shown]"


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def readable(text: str) -> str:
    """``text`` with lone surrogates and control characters written as backslash escapes."""
    if not text.isascii() and _SURROGATE.search(text):
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if _CONTROL.search(text):
        text = _CONTROL.sub(_escape, text)
    return text


def clip(value: object, limit: int) -> str:
    """``value`` as readable text of at most about ``limit`` characters, marked when cut."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    extra = len(text) - limit
    if extra > 0:
        text = text[:limit]
    text = readable(text)
    if extra > 0:
        text += CUT_MARK.format(extra)
    return text


def decode_output(data: bytes) -> str:
    """Bytes a process wrote, as readable text (invalid UTF-8 as ``\\xNN`` escapes)."""
    return readable(data.decode("utf-8", "backslashreplace"))


def first_lone_surrogate(text: str) -> tuple[int, str] | None:
    """The line number and the escaped form of the first lone surrogate in ``text``, if any."""
    if text.isascii():
        return None
    match = _SURROGATE.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, f"U+{ord(match.group()):04X}"
