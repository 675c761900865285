"""A tiny linter for model-serving Dockerfiles, and a Dockerfile that passes it."""


def lint_dockerfile(text):
    """Return the sorted, unique rule codes (DF001..DF005) violated by the final stage."""
    # TODO: join continuation lines, parse instructions, keep the final stage, apply each rule
    raise NotImplementedError


def write_dockerfile(python_version, port):
    """Return a Dockerfile for app.py (FastAPI object `app`) that lints clean."""
    # TODO
    raise NotImplementedError
