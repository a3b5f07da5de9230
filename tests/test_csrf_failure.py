"""A form sent with an expired or missing CSRF token: a page in the site's frame and language, nothing stored."""

import pytest
from django.test import Client

from events.models import Registration
from tests.test_public_form_flow import REGISTRATION, forms  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

WORDS = {
    "id": ("Formulir Anda belum terkirim", "tombol Kembali"),
    "en": ("Your form was not sent", "Back button"),
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_expired_token_gives_the_translated_page_with_the_typed_values_and_stores_nothing(forms, language):  # noqa: F811
    form = forms["registration"]
    client = Client(enforce_csrf_checks=True)
    assert client.get(form.url[language]).status_code == 200  # the visitor opened the form...
    client.cookies.pop("csrftoken", None)  # ...and hours later the token is gone
    response = client.post(
        form.url[language], {**REGISTRATION, "csrfmiddlewaretoken": "expired" * 5}, HTTP_REFERER=form.url[language]
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    for words in WORDS[language]:
        assert words in body
    assert 'class="site-header' in body or "<header" in body  # the site's own frame
    assert "Siti Aminah" in body and "0812 3456 7001" in body  # what they typed is not lost
    assert "CSRF verification failed" not in body
    assert "style=" not in body and "<style" not in body
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert f'href="{form.url[language]}"' in body  # back to the form
    assert Registration.objects.count() == 0


def test_an_admin_form_is_never_echoed(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editor", "password": "secret-password"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "secret-password" not in body and "editor" not in body.split("<main", 1)[-1].split("</main>")[0]


def test_a_foreign_referer_is_not_offered_as_the_way_back(forms):  # noqa: F811
    form = forms["sign-up"]
    response = Client(enforce_csrf_checks=True).post(
        form.url["id"], form.data, HTTP_REFERER="https://evil.example/phish"
    )
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()
