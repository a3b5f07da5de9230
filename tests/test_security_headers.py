"""Every kind of response carries the full set of security headers; the admin gets its own, looser CSP."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.site_urls import SITE_URLS, page_urls

pytestmark = pytest.mark.django_db

EXPECTED_STATUS = {"not found": 404}


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_security_headers(response, url):
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["X-Frame-Options"] == "DENY", url
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, (url, permissions)
    # A structured header (RFC 8941): origins as plain quoted strings; Chromium drops the whole header otherwise.
    assert 'fullscreen=(self "https://www.youtube-nocookie.com" ' in permissions, permissions
    assert '""' not in permissions, permissions
    csp = directives(response)
    assert csp["default-src"] == ["'self'"], url
    assert csp["script-src"] == ["'self'"], url
    assert csp["style-src"] == ["'self'"], url
    assert csp["object-src"] == ["'none'"], url
    assert csp["frame-ancestors"] == ["'none'"], url
    assert csp["base-uri"] == ["'self'"], url
    assert csp["form-action"] == ["'self'"], url


def test_every_public_page_type_sends_every_security_header_and_needs_no_inline_code(demo, client):
    """Headers on every page type, and nothing in the markup that the strict policy would block:
    inline scripts, style elements or attributes, on* handlers."""
    for language in ("id", "en"):
        for kind, url in {**page_urls(language), **SITE_URLS}.items():
            response = client.get(url)
            assert response.status_code == EXPECTED_STATUS.get(kind, 200), (kind, url)
            assert_security_headers(response, f"{kind}: {url}")
            if kind in SITE_URLS:
                continue
            doc = BeautifulSoup(response.content, "html.parser")
            inline = [s for s in doc.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
            assert inline == [], (kind, url)
            assert doc.find_all("style") == [], (kind, url)
            styled = [tag.name for tag in doc.find_all(style=True)]
            assert styled == [], (kind, url, styled)
            handlers = [(tag.name, a) for tag in doc.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
            assert handlers == [], (kind, url, handlers)


def test_health_check_and_form_results_carry_the_headers_too(demo, client):
    assert_security_headers(client.get("/healthz/"), "/healthz/")


def test_admin_gets_a_policy_that_lets_wagtail_run_but_still_only_from_this_site(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"] and "'self'" in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_login_page_has_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in directives(response)["script-src"]


@override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_over_https(client, demo):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP, as the RFC says


def test_production_cookies_are_secure_httponly_and_samesite_and_hsts_is_on():
    import json

    from tests.test_settings import GOOD_KEY, run

    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production';"
        "from django.conf import settings as s;"
        "print(json.dumps({n: getattr(s, n) for n in ("
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SAMESITE',"
        "'LANGUAGE_COOKIE_SECURE', 'LANGUAGE_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT')}))"
    )
    result = run(["-c", code], DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="pelatihan.example.org")
    values = json.loads(result.stdout)
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
    }
