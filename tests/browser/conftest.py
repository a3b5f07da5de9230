"""Browser tests on the system Chromium (Debian's `chromium` package), never a downloaded browser.

The site runs in its own process (Django's development server with DEBUG off) on a
throwaway SQLite database with the demo content, built once per test session.
Without Chromium every browser test is skipped, with the reason in the summary.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The flags from shared/notes/tooling.md: without the background-networking ones Chromium floods a closed network.
# Playwright adds --headless and its own throwaway --user-data-dir itself.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)  # after -m has chosen
def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        browser = [item for item in items if item.get_closest_marker("browser")]
        if browser and len(browser) < len(items):
            # Not in the same process as the database tests: once Playwright's loop runs in a
            # worker, Django gives that worker's later tests connections without the test
            # database's serialized state (see the Makefile's `test`). `make test` runs both.
            items[:] = [item for item in items if not item.get_closest_marker("browser")]
            config.hook.pytest_deselected(items=browser)
            config.issue_config_time_warning(
                pytest.PytestWarning(f"{len(browser)} browser tests left out: run them with -m browser"), stacklevel=2
            )
        return
    skip = pytest.mark.skip(
        reason="browser tests need Chromium: `apt-get install -y chromium` (.ci/run does this in CI)"
    )
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright(playwright):
    # Playwright's sync API keeps an event loop running in this worker until the session ends,
    # and Django then takes every later database test on the same worker for async code. Nothing
    # here is async (the site under test runs in its own process), so lift that check, but only
    # in a worker that started Playwright.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Pontianak"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site():
    """The running site: base URL plus the URLs of the demo's pages (see tests/browser/site.py)."""
    if not CHROMIUM:
        pytest.skip("no Chromium")
    workdir = Path(tempfile.mkdtemp(prefix="pelatihan-browser-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "BROWSER_TEST_MEDIA_ROOT": str(workdir / "media"),
        "REDIS_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    prepared = subprocess.run(
        [*manage, "shell", "-v0", "-c", "from tests.browser.site import prepare; prepare()"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    port = _free_port()
    log = open(workdir / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        raise RuntimeError("the test server did not start: " + (workdir / "server.log").read_text()[-2000:])
    info["base"] = base
    info["log"] = workdir / "server.log"
    yield info
    server.terminate()
    server.wait(10)
    log.close()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def console_errors(page):
    """Console errors and CSP violations the page reports while the test runs."""
    messages = []
    page.on("console", lambda msg: msg.type in ("error", "warning") and messages.append(msg.text))
    return messages
