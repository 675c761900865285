"""airoadmap-lab: the AI Engineering Roadmap as a JupyterLab course with graded exercises."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "0.0.0.dev0"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "airoadmap-lab"}]


def _jupyter_server_extension_points() -> list[dict[str, object]]:
    from .app import AiroadmapLab

    return [{"module": "airoadmap_lab", "app": AiroadmapLab}]
