"""Static look at the learner's code in the trusted process: syntax errors and "not attempted".

Parsing never executes the code. ``ast.parse`` only builds a tree, so it is safe on untrusted text.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .text import first_lone_surrogate

LEARNER_FILENAME = "<your code>"
SNIPPET_FILENAME = "<check snippet>"


@dataclass(frozen=True)
class SyntaxProblem:
    """Where and why the learner's code does not parse."""

    line: int | None
    column: int | None
    message: str

    def describe(self) -> str:
        """A sentence for the learner."""
        where = f"line {self.line}" if self.line else "your code"
        return f"Syntax error on {where}: {self.message}. Fix it and run the check again."


def find_unusable_character(code: str) -> SyntaxProblem | None:
    """A character no Python file, UTF-8 text or database column can hold: a NUL or a lone
    surrogate (half of a UTF-16 pair, left by a broken copy and paste). None when there is none.
    """
    surrogate = first_lone_surrogate(code)
    if surrogate is not None:
        line, point = surrogate
        return SyntaxProblem(
            line=line,
            column=None,
            message=f"it contains the character {point}, half of a broken Unicode pair (often "
            "left by copying and pasting); delete it",
        )
    nul = code.find("\0")
    if nul >= 0:
        return SyntaxProblem(
            line=code.count("\n", 0, nul) + 1,
            column=None,
            message="it contains a NUL character (\\x00); delete it",
        )
    return None


def find_syntax_problem(code: str) -> SyntaxProblem | None:
    """Return the first syntax problem of ``code``, or None when it parses."""
    unusable = find_unusable_character(code)
    if unusable is not None:
        return unusable
    try:
        ast.parse(code, filename=LEARNER_FILENAME)
    except SyntaxError as exc:
        return SyntaxProblem(line=exc.lineno, column=exc.offset, message=exc.msg)
    except (ValueError, MemoryError, RecursionError) as exc:
        # null bytes, or nesting too deep for the parser
        return SyntaxProblem(line=None, column=None, message=str(exc) or type(exc).__name__)
    return None


def _shape(code: str) -> str | None:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def is_unchanged(code: str, starter: str) -> bool:
    """True when ``code`` and ``starter`` have the same syntax tree (comments/format ignored).

    Docstrings count as code; a learner who only edits comments has not attempted the exercise.
    """
    mine = _shape(code)
    return mine is not None and mine == _shape(starter)
