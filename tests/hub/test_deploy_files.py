"""The deployment examples in docs/deploy/ load, and agree with the grading service's code.

Fast (no hub is started): the example jupyterhub_config.py is loaded the way JupyterHub loads it,
values.yaml and grading-service.yaml are parsed, the service commands in them are parsed by the
service's own option parser, and the scopes are checked against airoadmap_lab/hub/handlers.py and
JupyterHub's scope rules. The Dockerfiles are checked for the steps the classroom test performs.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jupyterhub.scopes
import pytest
import yaml
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from airoadmap_lab.hub import handlers
from airoadmap_lab.hub.service import AiroadmapHubService

from . import harness

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy"
SUBMIT, READ = handlers.SUBMIT, handlers.READ
SERVICE = "airoadmap"
ACCESS = f"access:services!service={SERVICE}"
ENV = {
    "AIROADMAP_STUDENT_ENV": "/opt/example/student-env",
    "AIROADMAP_COURSE": "/srv/example/course",
    "AIROADMAP_DB_URL": "postgresql+psycopg2://airoadmap:secret@127.0.0.1/airoadmap",
    "AIROADMAP_INSTRUCTORS": "alice",
    "AIROADMAP_STUDENTS": "bob, carol",
    "AIROADMAP_SERVICE_PORT": "10123",
}


def load_hub_config(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> Config:
    """docs/deploy/jupyterhub_config.py as JupyterHub loads it, under ``env``."""
    for name in [n for n in ENV if n not in env]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def service_options(command: list[str]) -> AiroadmapHubService:
    """The service's settings from a command line ``... -m airoadmap_lab.hub OPTIONS``."""
    args = command[command.index("airoadmap_lab.hub") + 1 :]
    app = AiroadmapHubService()  # not .instance(): no global state between tests
    app.parse_command_line(args)
    return app


def roles_by_name(roles: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {role["name"]: role for role in roles}


def check_scopes_exist(scopes: list[str], custom: dict[str, Any], monkeypatch) -> None:
    """JupyterHub's own check that every scope (and filter) exists, with ``custom`` defined."""
    for name, definition in custom.items():
        assert jupyterhub.scopes._custom_scope_pattern.match(name), name
        assert definition.get("description"), name
    merged = {**jupyterhub.scopes.scope_definitions, **custom}
    monkeypatch.setattr(jupyterhub.scopes, "scope_definitions", merged)
    jupyterhub.scopes._check_scopes_exist(scopes, who_for="the deploy example")


def assert_least_privilege(roles: dict[str, dict[str, Any]], server_scopes: list[str]) -> None:
    """Students hold only their own submit/read; the instructor reads all and submits for nobody."""
    student = set(roles["user"]["scopes"])
    assert {f"{SUBMIT}!user", f"{READ}!user", ACCESS} <= student
    assert READ not in student and SUBMIT not in student
    assert READ in roles["instructor"]["scopes"]
    assert roles["instructor"]["groups"] == ["instructors"]
    for role in roles.values():
        assert SUBMIT not in role["scopes"], f"role {role['name']} may submit for everyone"
    assert {f"{SUBMIT}!user", f"{READ}!user", ACCESS} <= set(server_scopes)
    assert SUBMIT not in server_scopes


# -- jupyterhub_config.py ----------------------------------------------------------------------------


def test_hub_config_defines_the_service_from_its_environment(monkeypatch) -> None:
    config = load_hub_config(monkeypatch, ENV)

    (service,) = [s for s in config.JupyterHub.services if s["name"] == SERVICE]
    options = service_options(service["command"])
    assert service["command"][0] == sys.executable
    assert service["url"] == "http://127.0.0.1:10123"
    assert service["environment"] == {"AIROADMAP_DB_URL": ENV["AIROADMAP_DB_URL"]}
    assert options.course_path == ENV["AIROADMAP_COURSE"]
    assert options.solution_policy == "after_failed"
    assert config.Spawner.cmd == ["/opt/example/student-env/bin/jupyterhub-singleuser"]
    # Students' servers reach the service directly, at the service's own URL and prefix
    assert config.Spawner.environment == {
        "AIROADMAP_SERVICE_URL": "http://127.0.0.1:10123/services/airoadmap"
    }
    assert config.Authenticator.allowed_users == {"alice", "bob", "carol"}
    assert config.JupyterHub.load_groups == {"instructors": {"users": ["alice"]}}
    assert config.JupyterHub.spawner_class == "localprocess"


def test_hub_config_without_a_course_uses_the_installed_one(monkeypatch) -> None:
    env = {k: v for k, v in ENV.items() if k != "AIROADMAP_COURSE"}
    config = load_hub_config(monkeypatch, env)

    (service,) = config.JupyterHub.services
    assert "--course" not in service["command"]
    assert service_options(service["command"]).course_path == ""


def test_hub_config_scopes_match_the_service(monkeypatch) -> None:
    config = load_hub_config(monkeypatch, ENV)
    custom = dict(config.JupyterHub.custom_scopes)
    roles = roles_by_name(config.JupyterHub.load_roles)
    server_scopes = list(config.Spawner.server_token_scopes)

    assert set(custom) == {SUBMIT, READ}
    assert_least_privilege(roles, server_scopes)
    every = [s for role in roles.values() for s in role["scopes"]] + server_scopes
    check_scopes_exist(every, custom, monkeypatch)


def test_scope_check_rejects_an_undefined_scope(monkeypatch) -> None:
    # The helper above must be able to fail: a scope the config does not define is refused.
    with pytest.raises(jupyterhub.scopes.ScopeNotFound):
        check_scopes_exist(["custom:airoadmap:grade!user"], {}, monkeypatch)


def test_hub_config_roles_are_the_ones_the_integration_test_proves(monkeypatch) -> None:
    config = load_hub_config(monkeypatch, ENV)
    tested = harness.HUB_CONFIG

    for scope in config.Spawner.server_token_scopes:
        assert f'"{scope}"' in tested, f"{scope} is not in the integration test's hub config"
    for role in config.JupyterHub.load_roles:
        for scope in role["scopes"]:
            assert f'"{scope}"' in tested, f"{scope} is not in the integration test's hub config"


# -- values.yaml ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "values.yaml").read_text())


def test_values_scopes_match_the_service_and_the_hub_config(values, monkeypatch) -> None:
    hub = values["hub"]
    custom = hub["config"]["JupyterHub"]["custom_scopes"]
    roles = {name: {"name": name, **role} for name, role in hub["loadRoles"].items()}
    server_scopes = hub["config"]["KubeSpawner"]["server_token_scopes"]
    example = load_hub_config(monkeypatch, ENV)

    assert set(custom) == {SUBMIT, READ}
    assert_least_privilege(roles, server_scopes)
    assert set(server_scopes) == set(example.Spawner.server_token_scopes)
    for role in example.JupyterHub.load_roles:
        assert set(roles[role["name"]]["scopes"]) == set(role["scopes"])
    every = [s for role in roles.values() for s in role["scopes"]] + server_scopes
    check_scopes_exist(every, custom, monkeypatch)


def test_values_managed_service_ports_line_up(values) -> None:
    hub, singleuser = values["hub"], values["singleuser"]
    service = hub["services"][SERVICE]
    options = service_options(service["command"])
    port = urlparse(service["url"]).port
    student_url = urlparse(singleuser["extraEnv"]["AIROADMAP_SERVICE_URL"])

    assert urlparse(options.service_url).hostname == "0.0.0.0"  # listens on the pod's addresses
    assert urlparse(options.service_url).port == port
    assert [p["port"] for p in hub["service"]["extraPorts"]] == [port]
    assert [p["targetPort"] for p in hub["service"]["extraPorts"]] == [port]
    assert hub["networkPolicy"]["ingress"][0]["ports"][0]["port"] == port
    assert singleuser["networkPolicy"]["egress"][0]["ports"][0]["port"] == port
    assert (student_url.hostname, student_url.port) == (urlparse(service["url"]).hostname, port)
    assert student_url.path == f"/services/{SERVICE}"


def test_values_extra_config_hands_the_database_url_to_the_service(values, monkeypatch) -> None:
    # What the chart does with hub.services (a dict of dicts) before running hub.extraConfig
    c = Config()
    c.JupyterHub.services = [
        {**service, "name": name} for name, service in values["hub"]["services"].items()
    ]
    monkeypatch.setenv("AIROADMAP_DB_URL", ENV["AIROADMAP_DB_URL"])
    secret = values["hub"]["extraEnv"]["AIROADMAP_DB_URL"]["valueFrom"]["secretKeyRef"]

    for snippet in values["hub"]["extraConfig"].values():
        exec(compile(snippet, "hub.extraConfig", "exec"), {"c": c})

    (service,) = c.JupyterHub.services
    assert service["environment"] == {"AIROADMAP_DB_URL": ENV["AIROADMAP_DB_URL"]}
    assert secret == {"name": "airoadmap-db", "key": "url"}


def test_external_grading_deployment_matches_the_service(values) -> None:
    deployment, k8s_service = yaml.safe_load_all((DEPLOY / "grading-service.yaml").read_text())
    pod = deployment["spec"]["template"]
    (container,) = pod["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    options = service_options(container["command"])
    health = [
        p
        for p, h in handlers.routes(env["JUPYTERHUB_SERVICE_PREFIX"])
        if h is handlers.HealthHandler
    ]

    assert env["JUPYTERHUB_SERVICE_NAME"] == SERVICE
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == f"/services/{SERVICE}/"
    assert options.solution_policy == "after_failed"
    assert container["readinessProbe"]["httpGet"]["path"] == health[0]
    assert urlparse(env["JUPYTERHUB_SERVICE_URL"]).port == container["ports"][0]["containerPort"]
    assert k8s_service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    assert pod["metadata"]["labels"]["hub.jupyter.org/network-access-hub"] == "true"
    # The commented alternative in values.yaml points at this Service
    text = (DEPLOY / "values.yaml").read_text()
    name, port = k8s_service["metadata"]["name"], k8s_service["spec"]["ports"][0]["port"]
    assert f"url: http://{name}:{port}" in text
    assert f"AIROADMAP_SERVICE_URL: http://{name}:{port}/services/{SERVICE}" in text


# -- Dockerfiles ---------------------------------------------------------------------------------


def run_lines(dockerfile: str) -> list[str]:
    """The RUN instructions of a Dockerfile, continuation lines joined."""
    text = (DEPLOY / dockerfile).read_text().replace("\\\n", " ")
    return [line[4:] for line in text.splitlines() if line.startswith("RUN ")]


def step(lines: list[str], pattern: str) -> int:
    """Index of the first RUN line matching ``pattern``."""
    found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    assert found, f"no RUN step matches {pattern!r}"
    return found[0]


@pytest.mark.parametrize("dockerfile", ["Dockerfile.singleuser", "Dockerfile.hub"])
def test_dockerfiles_pin_torch_before_installing_airoadmap(dockerfile: str) -> None:
    lines = run_lines(dockerfile)

    torch = step(lines, r"pip install torch==2\.13\.0 ")
    project = step(lines, r"pip install .*airoadmap_lab-\*\.whl")
    assert torch < project
    assert "download.pytorch.org/whl/cpu" in (DEPLOY / dockerfile).read_text()


def test_the_pin_is_the_one_the_classroom_test_installs() -> None:
    pin = re.search(r"torch==(\S+)", (DEPLOY / "Dockerfile.singleuser").read_text()).group(1)
    harness_source = inspect.getsource(harness)

    assert f'"torch=={pin}"' in harness_source
    assert '"strip-private"' in harness_source


def test_student_image_strips_private_files_the_hub_image_keeps_them() -> None:
    student, hub = run_lines("Dockerfile.singleuser"), run_lines("Dockerfile.hub")

    assert step(student, r"jupyter-airoadmap strip-private") > step(student, r"airoadmap_lab-\*")
    assert not any("strip-private" in line for line in hub)
    assert re.search(r"\[hub\]", hub[step(hub, r"airoadmap_lab-\*")])


def student_image_check() -> str:
    """The Python check Dockerfile.singleuser runs after strip-private."""
    (line,) = [r for r in run_lines("Dockerfile.singleuser") if "strip-private" in r]
    return re.search(r'python -c "(.*)"', line).group(1)


def test_the_student_image_check_fails_on_a_full_course() -> None:
    # The project's own environment has the full course: the image's check must refuse it.
    result = subprocess.run(
        [sys.executable, "-I", "-c", student_image_check()],
        capture_output=True,
        text=True,
        cwd="/",
    )

    assert result.returncode != 0
    assert "AssertionError" in result.stderr


@pytest.mark.hub
def test_the_student_image_check_passes_on_the_classroom_test_environment() -> None:
    # The classroom tests' student environment is built the way the student image is.
    python = harness.student_venv() / "bin" / "python"
    result = subprocess.run(
        [str(python), "-I", "-c", student_image_check()],
        capture_output=True,
        text=True,
        cwd="/",
    )

    assert result.returncode == 0, result.stderr
    assert "public course only" in result.stdout


# -- the example config on a real hub --------------------------------------------------------------

WRAPPER = """
import json
settings = json.loads({settings!r})
load_subconfig(settings["example"])
# What differs from the example on this machine: ports on 127.0.0.1, the proxy's path, no PAM
# passwords for the test users, the public fixture course, and an admin service for the test.
c.JupyterHub.bind_url = "http://127.0.0.1:%d" % settings["proxy_port"]
c.JupyterHub.hub_bind_url = "http://127.0.0.1:%d" % settings["hub_port"]
c.ConfigurableHTTPProxy.command = [settings["chp"]]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % settings["proxy_api_port"]
c.JupyterHub.pid_file = settings["dir"] + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = settings["password"]
c.Spawner.args = ["--AiroadmapLab.course_path=" + settings["public_course"]]
c.JupyterHub.services.append({{"name": "test-admin", "api_token": settings["admin_token"]}})
c.JupyterHub.load_roles.append(
    {{"name": "test-admin", "services": ["test-admin"],
      "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"]}}
)
"""


class ExampleConfigClassroom(harness.Classroom):
    """A classroom whose hub runs docs/deploy/jupyterhub_config.py (wrapped for this machine)."""

    def start(self) -> None:
        for name in (*self.students, self.instructor):
            harness.ensure_user(name)
        venv = harness.student_venv()
        self.private_course = self.dir / "private" / "course"
        shutil.copytree(harness.FIXTURE_COURSE, self.private_course)
        (self.dir / "private").chmod(0o700)
        self.public_course = harness.SHARED / f"public-course-{self.dir.name}"
        harness.run(
            sys.executable,
            "-m",
            "airoadmap_lab.cli",
            "export-public",
            self.public_course,
            "--course",
            harness.FIXTURE_COURSE,
        )
        for path in [self.public_course, *self.public_course.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.dir.chmod(0o755)
        settings = {
            "example": str(DEPLOY / "jupyterhub_config.py"),
            "proxy_port": self.proxy_port,
            "hub_port": harness.free_port(),
            "proxy_api_port": harness.free_port(),
            "chp": str(harness.CHP),
            "dir": str(self.dir),
            "password": self.password,
            "public_course": str(self.public_course),
            "admin_token": self.admin_token,
        }
        config = self.dir / "jupyterhub_config.py"
        config.write_text(WRAPPER.format(settings=json.dumps(settings)))
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            "AIROADMAP_STUDENT_ENV": str(venv),
            "AIROADMAP_COURSE": str(self.private_course),
            "AIROADMAP_DB_URL": f"sqlite:///{self.dir / 'private' / 'gradebook.sqlite3'}",
            "AIROADMAP_HUB_DIR": str(self.dir),
            "AIROADMAP_SERVICE_PORT": str(self.service_port),
            "AIROADMAP_GRADING_WORKERS": "1",
            "AIROADMAP_INSTRUCTORS": self.instructor,
            "AIROADMAP_STUDENTS": ",".join(self.students),
        }
        self.hub_log = open(self.dir / "hub.log", "wb")  # noqa: SIM115 - closed in close()
        self.hub = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.dir,
            env=env,
            stdout=self.hub_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        harness.wait_for(lambda: self.api("GET", "/hub/api/").status == 200, 90, "the hub")
        harness.wait_for(
            lambda: harness.http("GET", f"{self.service_api}/health").status == 200,
            120,
            "the grading service",
        )


@pytest.mark.hub
def test_the_example_config_runs_a_class_on_a_real_hub() -> None:
    if os.geteuid() != 0:
        pytest.fail("this test creates system users: run it as root")
    room = ExampleConfigClassroom(students=("airo-dstu",), instructor="airo-dinst", workers=1)
    try:
        with room:
            (student,) = room.students
            for user in (student, room.instructor):
                room.spawn(user)
            code = "def add(a, b):\n    return a + b\n"

            graded = room.lab_api(student, "POST", "exercises/add-numbers/grade", {"code": code})
            student_book = room.lab_api(student, "GET", "gradebook")
            book = room.lab_api(room.instructor, "GET", "gradebook")
            groups = room.api("GET", "/hub/api/users/" + room.instructor).json()["groups"]

            assert graded.status == 200, room.log()
            assert graded.json()["status"] == "passed"
            assert student_book.status == 403
            # The instructor's rights come from the group "instructors" (not from a user list)
            assert groups == ["instructors"]
            assert book.status == 200, book.body
            rows = {s["name"]: s for s in book.json()["students"]}
            assert rows[student]["exercises"]["add-numbers"]["attempts"] == 1
    finally:
        harness.remove(room)
