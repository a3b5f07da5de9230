"""Two app servers on one PostgreSQL database and one Redis: a change published through one shows on the other at once.

Runs in CI (CI=true), where PostgreSQL and Redis listen on 127.0.0.1; on a machine
without them it is skipped with the reason. It uses a database of its own
(``production_two_servers``, not the test database), Redis database 2 and a key
prefix of its own, and two gunicorn processes started as ``make serve`` starts one.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bench.server import PYTHON, ROOT, Server

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "production_two_servers"
REDIS_URL = "redis://127.0.0.1:6379/2"
PASSWORD = "two-servers-" + secrets.token_hex(8)

SETUP = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site
from home.models import HomePage, StandardPage

root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Beranda", slug="beranda-dua-server", hero_heading="Belajar",
                                        locale=Locale.objects.get(language_code="id")))
home.save_revision().publish()
site = Site.objects.get(is_default_site=True)
old = site.root_page
site.root_page = home
site.save()
old.delete()
about = home.add_child(instance=StandardPage(title="Tentang", slug="tentang", intro="Versi pertama"))
about.save_revision().publish()
about.intro = "Versi kedua"
about.save_revision()  # a draft, published later through server A
get_user_model().objects.create_superuser("editor", "editor@example.org", "{PASSWORD}")
print("PAGE", about.pk)
"""


def reachable(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def services_or_skip():
    missing = [name for name, port in (("PostgreSQL", 5432), ("Redis", 6379)) if not reachable(port)]
    if missing:
        message = f"{' and '.join(missing)} not reachable on 127.0.0.1"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: CI must provide them for the two-server check")
        pytest.skip(f"{message}: the two-server check needs both (it runs in CI)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_sql(sql):
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


class Browser:
    """A tiny HTTP client for one server, keeping cookies by hand; claims HTTPS as the load balancer would."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, content

    def csrf(self, path):
        _response, content = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)


def visitor_get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    content = response.read().decode()
    connection.close()
    return response.status, response.getheader("X-Page-Cache"), content


@pytest.fixture(scope="module")
def two_servers():
    services_or_skip()
    workdir = Path(tempfile.mkdtemp(prefix="pelatihan-two-servers-"))
    admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    admin_sql(f'CREATE DATABASE "{DATABASE}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"two-servers-{secrets.token_hex(4)}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "two-servers-test-only-" + secrets.token_hex(24),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "GUNICORN_ACCESS_LOG": "",
        "WEB_CONCURRENCY": "1",
        "PAGE_CACHE_ENABLED": "True",
    }
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    made = subprocess.run(
        [*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    page_id = int(re.search(r"PAGE (\d+)", made.stdout).group(1))
    try:
        with Server(env, free_port()) as server_a, Server(env, free_port()) as server_b:
            yield server_a, server_b, page_id
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def test_a_change_published_through_one_server_shows_at_once_on_the_other(two_servers):
    server_a, server_b, page_id = two_servers
    for server in (server_a, server_b):
        visitor_get(server.port, "/tentang/")
        status, cache_state, content = visitor_get(server.port, "/tentang/")
        assert status == 200 and "Versi pertama" in content
        assert cache_state == "hit", "each server serves the page from the shared cache"

    editor = Browser(server_a.port)
    token = editor.csrf("/admin/login/")
    response, _ = editor.request(
        "POST", "/admin/login/", {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status == 302, "the editor is logged in on server A"
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    token = editor.csrf(publish)
    response, _ = editor.request("POST", publish, {"csrfmiddlewaretoken": token})
    assert response.status == 302, "the draft was published through server A"

    started = time.monotonic()
    status, cache_state, content = visitor_get(server_b.port, "/tentang/")
    assert status == 200
    assert "Versi kedua" in content and "Versi pertama" not in content
    assert cache_state == "miss"
    assert time.monotonic() - started < 5
    # And server B caches the new version for the next visitor.
    assert visitor_get(server_b.port, "/tentang/")[1] == "hit"


def test_without_the_services_it_skips_locally_and_fails_in_ci(monkeypatch):
    import tests.test_two_servers as module

    monkeypatch.setattr(module, "reachable", lambda port: port != 6379)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Redis not reachable"):
        services_or_skip()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must provide them"):
        services_or_skip()
