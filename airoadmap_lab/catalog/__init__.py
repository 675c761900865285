"""The course catalog: loads lessons/ and validates it against schema/course/."""

from .loader import load_course
from .locations import builtin_course_dir, course_schema_dir
from .model import Course, Demo, Exercise, Lesson, Problem, Reading, Resource, Section, Topic

__all__ = [
    "Course",
    "Demo",
    "Exercise",
    "Lesson",
    "Problem",
    "Reading",
    "Resource",
    "Section",
    "Topic",
    "builtin_course_dir",
    "course_schema_dir",
    "load_course",
]
