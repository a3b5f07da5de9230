"""The pieces every public form shares: WhatsApp numbers, honeypot, rate limit."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from home.forms import PublicForm, WhatsAppNumberField, normalise_whatsapp, submission_rate_limited, whatsapp_link


@pytest.mark.parametrize(
    "written",
    ["0812-3456-7890", "0812 3456 7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456.7890", "+6281234567890"],
)
def test_the_ways_people_write_a_number_become_one(written):
    assert normalise_whatsapp(written) == "+6281234567890"


@pytest.mark.parametrize(
    "written",
    ["", "12345", "0211234567x", "+1 415 555 0100", "0812", "08123456789012345", "<script>", "٠٨١٢٣٤٥٦٧٨٩٠", "😀"],
)
def test_numbers_that_are_not_indonesian_mobiles_are_refused_with_a_translated_message(written):
    with translation.override("id"):
        with pytest.raises(ValidationError) as error:
            normalise_whatsapp(written)
        assert "Masukkan nomor ponsel Indonesia" in error.value.messages[0]


def test_whatsapp_links_are_international_and_carry_an_encoded_message():
    assert whatsapp_link("0812 3456 7890") == "https://wa.me/6281234567890"
    assert whatsapp_link("+6281234567890", "Halo & selamat") == "https://wa.me/6281234567890?text=Halo%20%26%20selamat"
    assert whatsapp_link("") == ""


class SignUp(PublicForm):
    name = forms.CharField()
    phone = WhatsAppNumberField()


def test_form_field_normalises_the_number():
    form = SignUp(data={"name": "Sari", "phone": "0812-3456-7890"})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == "+6281234567890"


def test_a_filled_honeypot_is_refused():
    form = SignUp(data={"name": "Bot", "phone": "081234567890", "website": "http://spam.example"})
    assert not form.is_valid()
    assert form.is_spam


def test_rate_limit_counts_submissions_per_client(settings):
    settings.PUBLIC_FORM_RATE = "3/m"
    factory = RequestFactory()
    results = [submission_rate_limited(factory.post("/", REMOTE_ADDR="10.0.0.1"), "test") for _ in range(4)]
    assert results == [False, False, False, True]
    # Another client is counted on its own.
    assert submission_rate_limited(factory.post("/", REMOTE_ADDR="10.0.0.2"), "test") is False


def test_rate_limit_lets_people_through_when_the_cache_server_is_down(settings):
    settings.PUBLIC_FORM_RATE = "1/m"
    settings.CACHES = {
        "default": {"BACKEND": "home.cache_backends.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.3")
    assert [submission_rate_limited(request, "test") for _ in range(3)] == [False, False, False]


def test_shared_form_template_ties_errors_to_fields_and_hides_the_trap():
    from bs4 import BeautifulSoup
    from django.template.loader import render_to_string

    form = SignUp(data={"name": "", "phone": "12"})
    form.is_valid()
    with translation.override("en"):
        doc = BeautifulSoup(render_to_string("includes/form_fields.html", {"form": form}), "html.parser")
    assert doc.find(class_="form-errors")["role"] == "alert"
    phone = doc.find("input", attrs={"name": "phone"})
    assert phone["aria-invalid"] == "true"
    assert doc.find(id=phone["aria-describedby"].split()[-1]).get_text().startswith("Enter an Indonesian mobile")
    assert doc.find("label", attrs={"for": "id_phone"}).get_text() == "WhatsApp number"
    trap = doc.find("input", attrs={"name": "website"})
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(class_="form-trap")["aria-hidden"] == "true"
