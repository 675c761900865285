"""The course that ships with airoadmap-lab, served by a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def jp_server_config(progress_db: Path) -> dict:
    return {
        "ServerApp": {"jpserver_extensions": {"airoadmap_lab": True}},
        "AiroadmapLab": {"progress_url": f"sqlite:///{progress_db}"},
    }


async def test_builtin_roadmap_has_5_sections_18_topics_9_books_7_websites(jp_fetch) -> None:
    roadmap = json.loads((await jp_fetch("airoadmap-lab", "api", "roadmap")).body)

    assert len(roadmap["sections"]) == 5
    assert sum(len(s["topics"]) for s in roadmap["sections"]) == 18
    assert len(roadmap["resources"]["books"]) == 9
    assert len(roadmap["resources"]["websites"]) == 7
    assert roadmap["problems"] == []
