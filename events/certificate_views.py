"""The public certificate pages: verification (/sertifikat/<number>/, /en/certificate/<number>/) and the certificate.

Plain Django views inside `i18n_patterns` (config/urls.py), with translated paths.
Both are sent with `Cache-Control: no-store` and are left out of the page cache
(it caches only Wagtail pages), so a revocation or a deletion shows at once.
Anything that is not a well-formed number gets the same "not found" page as a
well-formed number that was never issued. A handful of queries, always the same.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home.addresses import rebase
from home.i18n import LanguageVersion
from home.localized import localized_snippets
from home.sharing import qr_svg

from .certificates import clean_number, print_path, verification_path, verification_url
from .models import Certificate, EventSession, TrainingEvent


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _language_versions(number, url_for):
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        url = url_for(number, code)
        versions.append(LanguageVersion(code, name, url, rebase(url), code == current, False))
    return versions


def _find(raw):
    number = clean_number(raw)
    if number is None:
        return None
    return Certificate.objects.select_related("registration", "event", "event__organizer").filter(number=number).first()


def _training(certificate, language):
    """What the certificate says of its training, in `language`: the page, first and last day, hours."""
    original = certificate.event
    event = original
    if original.locale.language_code != language:
        event = (
            TrainingEvent.objects.filter(translation_key=original.translation_key, locale__language_code=language)
            .live()
            .select_related("organizer")
            .first()
        ) or original
    sessions = list(EventSession.objects.filter(event_id=original.pk).values_list("start", "end"))
    span = EventSession.objects.filter(event_id=original.pk).aggregate(first=Min("start"), last=Max("end"))
    hours = sum((end - start for start, end in sessions), timedelta()).total_seconds() / 3600
    return {
        "training": event,
        "first_day": span["first"],
        "last_day": span["last"],
        "hours": int(hours) if hours == int(hours) else round(hours, 1),
        "sessions": len(sessions),
    }


def _not_found(request, raw):
    context = {"number": (raw or "")[:40], "language_versions": _language_versions(raw or "-", _safe_verify_path)}
    return _no_store(render(request, "events/certificate_verify.html", context | {"state": "unknown"}, status=404))


def _safe_verify_path(number, language):
    # A junk number cannot go back into the URL pattern: the switcher then leads to a valid-looking path.
    return verification_path(number if clean_number(number) else "-", language)


def _state(certificate):
    if not certificate.holder_name:
        return "deleted"
    if certificate.revoked:
        return "revoked"
    return "genuine"


def verify(request, number):
    """Whether a certificate is genuine, with the training, dates and the holder's name as printed."""
    certificate = _find(number)
    if certificate is None:
        return _not_found(request, number)
    language = translation.get_language()
    state = _state(certificate)
    context = {
        "certificate": certificate,
        "state": state,
        "holder_name": certificate.holder_name if state == "genuine" else "",
        "print_url": print_path(certificate.number, language) if state == "genuine" else "",
        "language_versions": _language_versions(certificate.number, verification_path),
        **_training(certificate, language),
    }
    return _no_store(render(request, "events/certificate_verify.html", context))


def certificate_page(request, number):
    """The certificate itself, one A4 page in the language of the address (the holder's, from their message)."""
    certificate = _find(number)
    if certificate is None:
        return _not_found(request, number)
    state = _state(certificate)
    if state != "genuine":
        return verify(request, number)
    language = translation.get_language()
    details = _training(certificate, language)
    event = details["training"]
    partners = localized_snippets(list(event.partners.all()), event.locale_id)
    organizer = localized_snippets([event.organizer], event.locale_id)[0] if event.organizer_id else None
    url = verification_url(certificate.number, language)
    context = {
        "certificate": certificate,
        "holder_name": certificate.holder_name,
        "organizer": organizer,
        "partners": [partner for partner in partners if organizer is None or partner.pk != organizer.pk],
        "verification_url": url,
        "qr_svg": qr_svg(url, omitsize=True),
        **details,
    }
    return _no_store(render(request, "events/certificate.html", context))


urlpatterns = [
    path(_("certificate/<str:number>/"), verify, name="certificate_verify"),
    path(_("certificate/<str:number>/print/"), certificate_page, name="certificate_print"),
]
