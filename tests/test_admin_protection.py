"""The admin is closed to strangers: lockout after failed logins, no page or export without login, upload limits."""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLResolver, get_resolver
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)


def attempt(client, password, username="editor", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


# --- Lockout -------------------------------------------------------------------------


def test_fifth_wrong_password_locks_the_account_with_a_translated_message(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong")
        assert response.status_code == 200  # Wagtail's form, saying the password is wrong
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert 'lang="id"' in body
    assert "Terlalu banyak percobaan masuk yang gagal" in body
    assert "60 menit" in body
    # Even the right password is refused while locked.
    assert attempt(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_message_in_english_for_an_english_browser(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, "wrong", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "60 minutes" in response.content.decode()


def test_lockout_is_counted_in_the_cache_not_the_database(client, editor, settings):
    from axes.models import AccessAttempt

    assert settings.AXES_HANDLER == "axes.handlers.cache.AxesCacheHandler"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")
    assert AccessAttempt.objects.count() == 0
    cache.clear()  # a new cool-off period (the cache forgot): the right password works again
    assert attempt(client, PASSWORD).status_code == 302


def test_lockout_is_per_address_so_a_coordinator_elsewhere_can_still_log_in(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", REMOTE_ADDR="203.0.113.9")
    assert attempt(client, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert attempt(Client(), PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_behind_a_proxy_the_forwarded_client_address_is_locked_not_the_proxy(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert attempt(client, PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    # Another visitor through the same proxy is not locked out, even one who forges a first hop.
    other = attempt(Client(), PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert other.status_code == 302


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302


def test_logins_in_code_without_a_request_still_work(editor):
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password=PASSWORD) == editor


# --- Nothing served without login ------------------------------------------------------

# Admin URLs that must answer strangers: the login and password-reset flow, and the icon sprite they show.
PUBLIC_ADMIN = re.compile(r"^admin/(login/|password_reset/|logout/|jsi18n/|sprite/)")


def admin_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    for route in walk(get_resolver().url_patterns):
        # Regular-expression routes (Wagtail's catch-all 404s) have no URL to make; the others all do.
        if route.startswith("admin/") and not PUBLIC_ADMIN.match(route) and not set("^$(\\") & set(route):
            # Any value for each URL argument: the login check comes before the object lookup.
            yield "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "1" if m.group(1) == "int" else "x", route)


def test_every_admin_url_redirects_strangers_to_the_login(client):
    routes = sorted(set(admin_routes()))
    assert len(routes) > 100
    registrant_data = [r for r in routes if "registration" in r or "signup" in r or "minat" in r]
    assert registrant_data, "the registrant lists must be among the walked URLs"
    for url in routes:
        for query in ("", "?export=csv", "?export=xlsx"):
            response = client.get(url + query)
            assert response.status_code in (302, 403, 404, 405), (url + query, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(LOGIN), (url, response["Location"])
            assert b"+62" not in response.content and b"whatsapp" not in response.content.lower(), url


# --- Upload limits -----------------------------------------------------------------------


def png_bytes(size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, url, name, content, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(url, {"title": name, "file": SimpleUploadedFile(name, content), **fields})


def test_image_upload_refuses_too_big_and_wrong_type_and_stores_nothing(client, editor, settings):
    client.force_login(editor)
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
    too_big = upload(client, "/admin/images/add/", "besar.png", png_bytes() + b"\0" * 3000)
    assert too_big.status_code == 200
    assert "too large" in too_big.content.decode().lower() or "terlalu besar" in too_big.content.decode().lower()
    wrong = upload(client, "/admin/images/add/", "skrip.svg", b"<svg onload='alert(1)'></svg>")
    assert wrong.status_code == 200
    assert "svg" in wrong.content.decode().lower()
    assert WagtailImage.objects.count() == 0
    ok = upload(client, "/admin/images/add/", "kecil.png", png_bytes())
    assert ok.status_code == 302 and WagtailImage.objects.count() == 1


def test_document_upload_refuses_wrong_type_and_too_big_and_stores_nothing(client, editor, settings):
    client.force_login(editor)
    wrong = upload(client, "/admin/documents/add/", "virus.exe", b"MZ\x90\x00")
    assert wrong.status_code == 200
    assert "exe" in wrong.content.decode().lower()
    html = upload(client, "/admin/documents/add/", "halaman.html", b"<script>alert(1)</script>")
    assert html.status_code == 200
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    big = upload(client, "/admin/documents/add/", "jadwal.pdf", b"%PDF-1.4\n" + b"0" * 2000)
    assert big.status_code == 200
    assert Document.objects.count() == 0
    assert upload(client, "/admin/documents/add/", "jadwal.pdf", b"%PDF-1.4\n").status_code == 302
    assert Document.objects.count() == 1


def test_request_bodies_are_bounded(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)
