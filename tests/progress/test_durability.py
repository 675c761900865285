"""Progress survives a killed server: every acknowledged attempt is in the database afterwards."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_COURSE
from tests.hub.harness import free_port, wait_for

CORRECT = "def add(a, b):\n    return a + b\n"
TOKEN = "durability-test-token"


class Server:
    """A real `jupyter server` with the extension, in its own process group."""

    def __init__(self, tmp: Path, db: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/airoadmap-lab/api"
        env = {
            **os.environ,
            "JUPYTER_DATA_DIR": str(tmp / "data"),
            "JUPYTER_RUNTIME_DIR": str(tmp / "rt"),
        }
        self.log = open(tmp / f"server-{self.port}.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                "--no-browser",
                "--allow-root",
                f"--ServerApp.port={self.port}",
                "--ServerApp.ip=127.0.0.1",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={tmp}",
                "--ServerApp.jpserver_extensions=airoadmap_lab=True",
                f"--AiroadmapLab.course_path={FIXTURE_COURSE}",
                f"--AiroadmapLab.progress_url=sqlite:///{db}",
                "--AiroadmapLab.progress_user=learner",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: self.call("GET", "roadmap")[0] == 200, 60, "the jupyter server")

    def call(self, method: str, path: str, body: object = None) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.url}/{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.log.close()


@pytest.mark.slow
def test_killing_the_server_mid_writes_loses_no_acknowledged_attempt(tmp_path: Path) -> None:
    # Given a server taking a stream of attempts from 4 clients
    db = tmp_path / "progress.sqlite3"
    server = Server(tmp_path, db)
    acknowledged: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            try:
                status, result = server.call(
                    "POST", "exercises/add-numbers/grade", {"code": CORRECT}
                )
            except (urllib.error.URLError, ConnectionError, OSError):
                return
            if status == 200 and result["status"] == "passed":
                with lock:
                    acknowledged.append(1)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    # When it is killed (SIGKILL, no clean-up) once at least 20 attempts were acknowledged
    wait_for(lambda: len(acknowledged) >= 20, 300, "20 acknowledged attempts", interval=0.05)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    # Then the database is intact and holds every acknowledged attempt
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("select count(*) from attempts").fetchone()[0]
    assert stored >= len(acknowledged)

    # And a restarted server reports that progress
    restarted = Server(tmp_path, db)
    try:
        _, progress = restarted.call("GET", "progress")
    finally:
        restarted.stop()
    assert progress["exercises"]["add-numbers"]["attempts"] == stored
    assert progress["exercises"]["add-numbers"]["state"] == "done"
