# A class hub on one machine: JupyterHub with real system users (PAM login, LocalProcessSpawner),
# the airoadmap grading service as a managed service, custom scopes, a student role, an instructor
# group and role, and the students' single-user servers in classroom mode.
#
# Start it as root from the environment with airoadmap-lab[hub] (README.md, steps 3-7):
#
#     AIROADMAP_STUDENT_ENV=/opt/airoadmap/env \
#     AIROADMAP_COURSE=/srv/airoadmap/course \
#     AIROADMAP_INSTRUCTORS=alice AIROADMAP_STUDENTS=bob,carol,dave \
#     /opt/airoadmap/env/bin/jupyterhub -f jupyterhub_config.py
#
# Every path and name below comes from an environment variable; the defaults after each
# "PLACEHOLDER" are examples, not requirements. docs/deploy/README.md explains each step.
# The scopes, roles, server token scopes and service definition are the ones the classroom
# integration test (tests/hub/test_classroom.py) runs on a real hub.

import os
import sys

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file


def _names(variable: str) -> set[str]:
    """A comma-separated list of user names from the environment."""
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


# -- settings (environment variables) --------------------------------------------------------------
# PLACEHOLDER: the environment students' servers run from (its course stripped of private files).
STUDENT_ENV = os.environ.get("AIROADMAP_STUDENT_ENV", "/opt/airoadmap/env")
# PLACEHOLDER: the full course (solutions, checks, data), readable only by the service's user.
# Empty: the course installed with airoadmap-lab in the hub's environment.
COURSE = os.environ.get("AIROADMAP_COURSE", "")
# PLACEHOLDER: the gradebook. PostgreSQL: postgresql+psycopg2://airoadmap:PASSWORD@127.0.0.1/airoadmap
DB_URL = os.environ.get("AIROADMAP_DB_URL", "sqlite:////srv/airoadmap/gradebook.sqlite3")
SERVICE_PORT = int(os.environ.get("AIROADMAP_SERVICE_PORT", "10101"))
SOLUTION_POLICY = os.environ.get("AIROADMAP_SOLUTION_POLICY", "after_failed")
GRADING_WORKERS = os.environ.get("AIROADMAP_GRADING_WORKERS", str(os.cpu_count() or 2))
INSTRUCTORS = _names("AIROADMAP_INSTRUCTORS")
STUDENTS = _names("AIROADMAP_STUDENTS")
HUB_DIR = os.environ.get("AIROADMAP_HUB_DIR", "/srv/jupyterhub")  # PLACEHOLDER: the hub's state

SERVICE_NAME = "airoadmap"
SERVICE_URL = f"http://127.0.0.1:{SERVICE_PORT}"
SUBMIT = "custom:airoadmap:submit"  # grade code, reveal hints and solutions
READ = "custom:airoadmap:read"  # read progress; unfiltered: the whole gradebook

# -- the hub ---------------------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("AIROADMAP_HUB_BIND_URL", "http://:8000")
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{HUB_DIR}/jupyterhub_cookie_secret"
# Put TLS in front (a reverse proxy), or set c.JupyterHub.ssl_cert / ssl_key here.

# Real system users log in with their system password.
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = STUDENTS | INSTRUCTORS

# Each user's server runs as that user, from the students' environment.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{STUDENT_ENV}/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Classroom mode: grade, hints, solutions and progress go to the service, nothing is graded here.
c.Spawner.environment = {"AIROADMAP_SERVICE_URL": f"{SERVICE_URL}/services/{SERVICE_NAME}"}
# What a single-user server's own token may do (intersected with its owner's permissions: a
# student's server gets read!user, an instructor's the unfiltered read).
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={SERVICE_NAME}",
    f"{SUBMIT}!user",
    f"{READ}!user",
    READ,
]

# -- scopes, groups, roles -------------------------------------------------------------------------
c.JupyterHub.custom_scopes = {
    SUBMIT: {"description": "Submit code to the airoadmap grading service"},
    READ: {"description": "Read airoadmap progress and the gradebook"},
}
c.JupyterHub.load_groups = {"instructors": {"users": sorted(INSTRUCTORS)}}
c.JupyterHub.load_roles = [
    {
        # Every user (the default "user" role): their own work, nobody else's.
        "name": "user",
        "scopes": [
            "self",
            f"access:services!service={SERVICE_NAME}",
            f"{SUBMIT}!user",
            f"{READ}!user",
        ],
    },
    {
        # The instructors group reads everyone's attempts and the gradebook; it cannot submit
        # for anyone else (no unfiltered submit scope exists in any role).
        "name": "instructor",
        "groups": ["instructors"],
        "scopes": [READ, f"access:services!service={SERVICE_NAME}"],
    },
]

# -- the grading service ---------------------------------------------------------------------------
# Started and stopped by the hub, as the hub's user (root here): each attempt then runs in the
# grading sandbox as an unprivileged uid of its own, and the students' users cannot read COURSE or
# the SQLite gradebook (both kept in folders of mode 0700).
service_command = [
    sys.executable,
    "-m",
    "airoadmap_lab.hub",
    "--solution-policy",
    SOLUTION_POLICY,
    "--workers",
    GRADING_WORKERS,
]
if COURSE:
    service_command += ["--course", COURSE]

c.JupyterHub.services = [
    {
        "name": SERVICE_NAME,
        "url": SERVICE_URL,
        "command": service_command,
        "environment": {"AIROADMAP_DB_URL": DB_URL},
        "oauth_no_confirm": True,
        "display": False,
    }
]
