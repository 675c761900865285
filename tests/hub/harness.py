"""A real classroom on this machine: JupyterHub, configurable-http-proxy, the grading service,
real system users with single-user servers, and optionally a private PostgreSQL.

Used by the `hub` integration tests and by bench/classroom_load.py. Needs root (it creates users
with useradd and runs PostgreSQL as the postgres user). Everything listens on 127.0.0.1 and is
stopped by ``Classroom.close()``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = REPO / "tests" / "fixtures" / "course"
SYSTEM_PYTHON = "/usr/bin/python3"  # real users cannot run a Python that lives in root's home
CHP = REPO / ".cache" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
SHARED = Path(tempfile.gettempdir()) / "airoadmap-hub-test"  # world-readable cache for the users
STUDENT_SCOPES = ["custom:airoadmap:submit!user", "custom:airoadmap:read!user"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*cmd: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], check=True, text=True, capture_output=True, **kwargs
    )


def wait_for(predicate: Any, timeout: float, what: str, interval: float = 0.25) -> Any:
    """Poll ``predicate`` until it returns something truthy (a readiness check, not a sleep-sync)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with suppress(OSError, urllib.error.URLError, ValueError):
            value = predicate()
            if value:
                return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


def http(
    method: str,
    url: str,
    token: str | None = None,
    body: Any = None,
    timeout: float = 120,
    raw_body: bytes | None = None,
) -> Response:
    """One HTTP request; 4xx/5xx are returned, not raised."""
    data = (
        raw_body
        if raw_body is not None
        else (json.dumps(body).encode() if body is not None else None)
    )
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", f"token {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Response(response.status, response.read(), dict(response.headers))
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read(), dict(err.headers))


# -- pieces ------------------------------------------------------------------------------------------


def ensure_user(name: str) -> None:
    """A real system user with a home directory."""
    if subprocess.run(["id", "-u", name], capture_output=True).returncode != 0:
        run("useradd", "--create-home", "--shell", "/bin/bash", name)


def build_wheel() -> Path:
    """The project's wheel (with its prebuilt extension), built once per source state."""
    out = SHARED / "wheel"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, REPO)
    (wheel,) = out.glob("airoadmap_lab-*.whl")
    return wheel


def student_venv() -> Path:
    """A venv made from the system Python (readable by real users) with airoadmap-lab installed
    and its course stripped to the public part, as the documented single-user image does.

    Shared by every classroom run on the machine, so it is built under a lock."""
    SHARED.mkdir(parents=True, exist_ok=True)
    with open(SHARED / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return _student_venv()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _student_venv() -> Path:
    wheel = build_wheel()
    venv = SHARED / "venv"
    stamp = venv / "airoadmap-wheel.sha256"
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if not (venv / "bin" / "python").exists():
        run(SYSTEM_PYTHON, "-m", "venv", venv)
        pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        run(*pip, "torch==2.13.0")
        import jupyterhub

        run(*pip, f"jupyterhub=={jupyterhub.__version__}")
    if not stamp.exists() or stamp.read_text() != digest:
        pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        run(*pip, "--force-reinstall", "--no-deps", wheel)
        run(*pip, wheel)  # dependencies, if any are missing
        run(venv / "bin" / "jupyter-airoadmap", "strip-private")
        stamp.write_text(digest)
    for path in [SHARED, *SHARED.rglob("*")]:  # readable by the students
        with suppress(OSError):
            path.chmod(path.stat().st_mode | 0o044 | (0o011 if path.is_dir() else 0))
    return venv


@dataclass
class Postgres:
    """A private PostgreSQL cluster on 127.0.0.1, run as the postgres user."""

    directory: Path
    port: int = field(default_factory=free_port)

    @property
    def bin(self) -> Path:
        (found,) = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1:]
        return found

    def start(self) -> str:
        self.directory.mkdir(parents=True)
        shutil.chown(self.directory, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
        run(
            *as_pg,
            self.bin / "initdb",
            "-D",
            self.directory / "data",
            "--auth=trust",
            "--no-sync",
            "-U",
            "postgres",
        )
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(
            *as_pg,
            self.bin / "pg_ctl",
            "-w",
            "-D",
            self.directory / "data",
            "-o",
            options,
            "-l",
            self.directory / "log",
            "start",
        )
        run(
            *as_pg,
            self.bin / "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "airoadmap",
        )
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/airoadmap"

    def stop(self) -> None:
        if (self.directory / "data" / "postmaster.pid").exists():
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.directory / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ],
                capture_output=True,
            )


HUB_CONFIG = """
import json
settings = json.loads({settings!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings["proxy_port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.command = [settings["chp"]]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % settings["proxy_api_port"]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///" + settings["dir"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = settings["dir"] + "/cookie_secret"
c.JupyterHub.pid_file = settings["dir"] + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = settings["password"]
c.Authenticator.allowed_users = set(settings["students"] + [settings["instructor"]])
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [settings["venv"] + "/bin/jupyterhub-singleuser"]
c.Spawner.args = ["--AiroadmapLab.course_path=" + settings["public_course"]]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {{"AIROADMAP_SERVICE_URL": settings["service_url"] + "/services/airoadmap"}}
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=airoadmap",
    "custom:airoadmap:submit!user",
    "custom:airoadmap:read!user",
    "custom:airoadmap:read",
]
c.JupyterHub.custom_scopes = {{
    "custom:airoadmap:submit": {{"description": "Submit code to the airoadmap grading service"}},
    "custom:airoadmap:read": {{"description": "Read airoadmap progress and the gradebook"}},
}}
c.JupyterHub.load_roles = [
    {{"name": "user", "scopes": ["self", "access:services!service=airoadmap",
                                "custom:airoadmap:submit!user", "custom:airoadmap:read!user"]}},
    {{"name": "instructor", "users": [settings["instructor"]],
      "scopes": ["custom:airoadmap:read", "access:services!service=airoadmap"]}},
    {{"name": "test-admin", "services": ["test-admin"],
      "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"]}},
]
c.JupyterHub.services = [
    {{
        "name": "airoadmap",
        "url": settings["service_url"],
        "command": settings["service_command"],
        "environment": {{"AIROADMAP_DB_URL": settings["db_url"]}},
        "oauth_no_confirm": True,
        "display": False,
    }},
    {{"name": "test-admin", "api_token": settings["admin_token"]}},
]
"""


@dataclass
class Classroom:
    """A running classroom hub. Use as a context manager."""

    db: str = "sqlite"  # or "postgresql"
    students: tuple[str, ...] = ("airo-stu1", "airo-stu2")
    instructor: str = "airo-inst"
    solution_policy: str = "after_failed"
    workers: int = 2

    def __post_init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="airoadmap-hub-"))
        self.proxy_port = free_port()
        self.service_port = free_port()
        self.admin_token = hashlib.sha256(os.urandom(32)).hexdigest()
        self.password = "classroom"
        self.hub: subprocess.Popen[bytes] | None = None
        self.postgres: Postgres | None = None
        self.tokens: dict[str, str] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.service_port}"

    @property
    def service_api(self) -> str:
        return f"{self.service_url}/services/airoadmap/api"

    def __enter__(self) -> Classroom:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        if not CHP.exists():
            raise RuntimeError(
                f"configurable-http-proxy is missing ({CHP}); run scripts/setup.sh --test"
            )
        for name in (*self.students, self.instructor):
            ensure_user(name)
        venv = student_venv()
        # The service's full course, readable only by the service's user (root here).
        self.private_course = self.dir / "private" / "course"
        shutil.copytree(FIXTURE_COURSE, self.private_course)
        (self.dir / "private").chmod(0o700)
        self.public_course = SHARED / f"public-course-{self.dir.name}"
        run(
            sys.executable,
            "-m",
            "airoadmap_lab.cli",
            "export-public",
            self.public_course,
            "--course",
            FIXTURE_COURSE,
        )
        for path in [self.public_course, *self.public_course.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.dir.chmod(0o755)
        if self.db == "postgresql":
            self.postgres = Postgres(self.dir / "postgres")
            db_url = self.postgres.start()
        else:
            db_url = f"sqlite:///{self.dir / 'private' / 'gradebook.sqlite3'}"
        self.db_url = db_url
        settings = {
            "proxy_port": self.proxy_port,
            "hub_port": free_port(),
            "proxy_api_port": free_port(),
            "chp": str(CHP),
            "dir": str(self.dir),
            "password": self.password,
            "students": list(self.students),
            "instructor": self.instructor,
            "venv": str(venv),
            "public_course": str(self.public_course),
            "service_url": self.service_url,
            "db_url": db_url,
            "admin_token": self.admin_token,
            "service_command": [
                sys.executable,
                "-m",
                "airoadmap_lab.hub",
                "--course",
                str(self.private_course),
                "--solution-policy",
                self.solution_policy,
                "--workers",
                str(self.workers),
            ],
        }
        config = self.dir / "jupyterhub_config.py"
        config.write_text(HUB_CONFIG.format(settings=json.dumps(settings)))
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
        self.hub_log = open(self.dir / "hub.log", "wb")  # noqa: SIM115 - closed in close()
        self.hub = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.dir,
            env=env,
            stdout=self.hub_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: self.api("GET", "/hub/api/").status == 200, 90, "the hub")
        wait_for(
            lambda: http("GET", f"{self.service_api}/health").status == 200,
            120,
            "the grading service",
        )

    def api(self, method: str, path: str, body: Any = None) -> Response:
        """A hub API call as the test's admin service."""
        return http(method, self.url + path, self.admin_token, body)

    def token(self, user: str) -> str:
        """An API token of ``user`` (with the user's own permissions)."""
        if user not in self.tokens:
            response = self.api("POST", f"/hub/api/users/{user}/tokens", {"note": "classroom test"})
            assert response.status in (200, 201), response.body
            self.tokens[user] = response.json()["token"]
        return self.tokens[user]

    def spawn(self, user: str) -> None:
        response = self.api("POST", f"/hub/api/users/{user}/server")
        assert response.status in (201, 202, 400), response.body  # 400: already running

        def ready() -> bool:
            model = self.api("GET", f"/hub/api/users/{user}").json()
            return bool(model.get("servers", {}).get("", {}).get("ready"))

        wait_for(ready, 150, f"{user}'s server")

    def lab_api(
        self,
        user: str,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        raw_body: bytes | None = None,
    ) -> Response:
        """A call to /airoadmap-lab/api/ on ``user``'s single-user server, through the proxy."""
        url = f"{self.url}/user/{user}/airoadmap-lab/api/{path}"
        return http(method, url, token or self.token(user), body, raw_body=raw_body)

    def service(
        self, method: str, path: str, token: str, body: Any = None, raw_body: bytes | None = None
    ) -> Response:
        """A direct call to the grading service."""
        return http(method, f"{self.service_api}/{path}", token, body, raw_body=raw_body)

    def as_user(self, user: str, code: str) -> subprocess.CompletedProcess[str]:
        """Run Python as ``user`` with the student environment's interpreter (what a kernel is)."""
        return subprocess.run(
            ["runuser", "-u", user, "--", str(SHARED / "venv" / "bin" / "python"), "-c", code],
            text=True,
            capture_output=True,
            timeout=60,
            cwd="/",
        )

    def service_pid(self) -> int | None:
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                with suppress(OSError):
                    cmd = (proc / "cmdline").read_bytes().split(b"\0")
                    if b"airoadmap_lab.hub" in cmd and str(self.private_course).encode() in cmd:
                        return int(proc.name)
        return None

    def close(self) -> None:
        if self.hub is not None and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGTERM)
            try:
                self.hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.hub.pid, signal.SIGKILL)
                self.hub.wait()
        pid = self.service_pid()
        if pid:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for user in (*self.students, self.instructor):
            subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True)
        if self.postgres:
            self.postgres.stop()
        if hasattr(self, "hub_log"):
            self.hub_log.close()
        if hasattr(self, "public_course"):
            shutil.rmtree(self.public_course, ignore_errors=True)

    def log(self) -> str:
        return (self.dir / "hub.log").read_text(errors="replace")[-20_000:]


def remove(classroom: Classroom) -> None:
    """Delete the classroom's files (after close)."""
    shutil.rmtree(classroom.dir, ignore_errors=True)
