"""HTTP adapters of /airoadmap-lab/api/: parse, call the engine, serialise."""

from .base import NotFoundHandler
from .course import ExerciseHandler, HintHandler, LessonHandler, RoadmapHandler, SolutionHandler
from .grade import GradeHandler
from .gradebook import GradebookCsvHandler, GradebookHandler, StudentAttemptsHandler
from .progress import ProgressHandler, ProgressResetHandler

ID = r"([a-z][a-z0-9-]*)"

ROUTES = [
    (r"roadmap", RoadmapHandler),
    (rf"lessons/{ID}", LessonHandler),
    (rf"exercises/{ID}", ExerciseHandler),
    (rf"exercises/{ID}/hints/([0-9]{{1,4}})", HintHandler),
    (rf"exercises/{ID}/solution", SolutionHandler),
    (rf"exercises/{ID}/grade", GradeHandler),
    (r"progress", ProgressHandler),
    (r"progress/reset", ProgressResetHandler),
    (r"gradebook", GradebookHandler),
    (r"gradebook\.csv", GradebookCsvHandler),
    (r"gradebook/students/([^/]+)/attempts", StudentAttemptsHandler),
    (r"(.*)", NotFoundHandler),
]

__all__ = ["ROUTES"]
