"""Run the site as production does, on a database of its own, for benchmarks and multi-server checks.

Reusable by any benchmark (bench/pages.py uses it; load and Lighthouse runs can too):

    from bench.server import BenchDatabase, Server, production_env

    with BenchDatabase("bench", stories=200, events=200, campaigns=10) as db:
        with Server(production_env(db), port=8101) as server:
            urllib.request.urlopen(server.url + "/")

- ``BenchDatabase`` makes a fresh database, migrates it and fills it with
  ``python -m bench.load_data``: a SQLite file in a temporary directory by default, or
  a PostgreSQL database named ``<name of DATABASE_URL's database>_<label>`` when
  ``DATABASE_URL`` points at PostgreSQL (dropped and created again each run).
  Media (demo images and renditions) and collected static files live in its
  temporary directory too.
- ``production_env`` is the environment of ``make serve``: production settings,
  DEBUG off, hashed static files, plain HTTP on localhost. ``REDIS_URL`` is
  passed through when set.
- ``Server`` starts gunicorn with ``config/gunicorn.py`` and waits for ``/healthz/``.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _gunicorn():
    candidate = Path(PYTHON).with_name("gunicorn")
    return str(candidate) if candidate.exists() else shutil.which("gunicorn") or "gunicorn"


class BenchDatabase:
    """A database of its own, migrated and filled with generated content; removed on exit."""

    def __init__(
        self,
        label,
        *,
        stories,
        events,
        campaigns,
        registrations=5,
        signups=20,
        copy_of=None,
        keep=False,
        say=print,
        base_url=None,
        root=ROOT,
    ):
        """`copy_of`: start from a copy of another BenchDatabase (skips migrate and demo), then add these sizes.

        `base_url`: a PostgreSQL URL to make the database beside ("" for SQLite); default DATABASE_URL.
        `root`: the checkout whose migrations, demo content and generator fill it (another commit's, for
        the reference the bench compares with).
        """
        self.root = root
        self.label = label
        self.copy_of = copy_of
        self.sizes = {"stories": stories, "events": events, "campaigns": campaigns}
        self.extra = {"registrations": registrations, "signups": signups}
        self.keep = keep
        self.say = say
        self.directory = Path(tempfile.mkdtemp(prefix=f"pelatihan-bench-{label}-"))
        base = os.environ.get("DATABASE_URL", "") if base_url is None else base_url
        if base.startswith(("postgres://", "postgresql://")):
            parts = urlsplit(base)
            self.pg_name = f"{parts.path.lstrip('/') or 'pelatihan'}_{label}".replace("-", "_")
            self.pg_admin = urlunsplit(parts._replace(path="/postgres"))
            self.url = urlunsplit(parts._replace(path="/" + self.pg_name))
        else:
            self.pg_name = None
            self.url = f"sqlite:///{self.directory / 'db.sqlite3'}"
        self.generate_seconds = None

    @property
    def engine(self):
        return "PostgreSQL" if self.pg_name else "SQLite"

    def env(self):
        return {
            "DATABASE_URL": self.url,
            "DJANGO_MEDIA_ROOT": str(self.directory / "media"),
            "DJANGO_STATIC_ROOT": str(self.directory / "static"),
        }

    def _pg(self, sql):
        import psycopg

        with psycopg.connect(self.pg_admin, autocommit=True) as connection:
            connection.execute(sql)

    def __enter__(self):
        env = {**os.environ, **self.env(), "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DJANGO_DEBUG": "False"}
        manage = [PYTHON, "manage.py"]
        if self.pg_name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            template = f' TEMPLATE "{self.copy_of.pg_name}"' if self.copy_of else ""
            self._pg(f'CREATE DATABASE "{self.pg_name}"{template}')
        elif self.copy_of:
            shutil.copy(self.copy_of.directory / "db.sqlite3", self.directory / "db.sqlite3")
        if self.copy_of:
            shutil.copytree(self.copy_of.directory / "media", self.directory / "media", dirs_exist_ok=True)
        else:
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=self.root, env=env, check=True)
            subprocess.run(
                [*manage, "load_demo_content", "-v0"], cwd=self.root, env=env, check=True, stdout=subprocess.DEVNULL
            )
        collectstatic({**env, "DJANGO_SETTINGS_MODULE": "config.settings.production", **_SERVE_SECRETS}, self.root)
        started = time.perf_counter()
        args = [f"--{name}={value}" for name, value in {**self.sizes, **self.extra}.items()]
        subprocess.run(
            # Django is set up before bench.load_data imports its models (as `python -m` would not).
            [PYTHON, "-c", LOAD_DATA, "--skip-demo", *args],
            cwd=self.root,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.generate_seconds = time.perf_counter() - started
        self.say(f"  {self.engine} database '{self.label}': {self.sizes} generated in {self.generate_seconds:.1f} s")
        return self

    def __exit__(self, *exc):
        if self.keep:
            return
        if self.pg_name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        shutil.rmtree(self.directory, ignore_errors=True)


LOAD_DATA = (
    "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.dev'); "
    "django.setup(); from bench.load_data import main; main(sys.argv[1:])"
)

_SERVE_SECRETS = {
    "DJANGO_SECRET_KEY": "bench-only-not-a-production-secret-key-0000000000000000000000",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def production_env(database, **overrides):
    """The environment `make serve` uses, pointed at `database` (a BenchDatabase) and its checkout."""
    env = {
        **os.environ,
        **database.env(),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **_SERVE_SECRETS,
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_SERVE_MEDIA": "True",
        "GUNICORN_ACCESS_LOG": "",
        "PYTHONPATH": str(database.root),
    }
    env.update({name: str(value) for name, value in overrides.items()})
    return env


def collectstatic(env, root=ROOT):
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=root, env=env, check=True)


class Server:
    """gunicorn with the repository's config on 127.0.0.1:`port`; stopped (whole process group) on exit."""

    def __init__(self, env, port, *, workers=None, timeout=60, root=ROOT):
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        self.root = root
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.timeout = timeout
        self.process = None

    def __enter__(self):
        # A file, not a pipe: a full pipe would block gunicorn's logging.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [_gunicorn(), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=self.root,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.errors()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz/", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on port {self.port} did not answer /healthz/ within {self.timeout} s")

    def errors(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()
