"""Static look at the learner's code in the trusted process: syntax errors and "not attempted".

Parsing never executes the code. ``ast.parse`` only builds a tree, so it is safe on untrusted text.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

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


def find_syntax_problem(code: str) -> SyntaxProblem | None:
    """Return the first syntax problem of ``code``, or None when it parses."""
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
