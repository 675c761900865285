"""Errors the course backends raise; the HTTP layers map them to statuses in one place each."""

from __future__ import annotations


class CourseError(Exception):
    """An error with a sentence a person can act on, and the HTTP status it stands for."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(CourseError):
    status = 404


class NotAllowed(CourseError):
    status = 403


class ServiceUnavailable(CourseError):
    status = 503
