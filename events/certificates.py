"""Certificates of completion: issued once to whoever completed, verifiable by number, revocable with a reason.

A number reads "PKR-2026-" and ten characters drawn with `secrets` from the
registration codes' alphabet (no 0/O, 1/I/L): 31¹⁰ ≈ 8 × 10¹⁴ possibilities, so
guessing a valid one is hopeless even for someone who knows some numbers. The
public pages (events.certificate_views) show only what is printed; once the holder
has their data deleted, the name is gone from there as well.
"""

import re
import secrets

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from home.addresses import absolute_url
from home.timezones import WIB

from .models import REFERENCE_ALPHABET, ActivityAction, Certificate, MessageKind
from .notifications import announce, log
from .registration import SYSTEM

PREFIX = "PKR"
NUMBER_LENGTH = 10
NUMBER_PATTERN = re.compile(rf"^{PREFIX}-(\d{{4}})-([{REFERENCE_ALPHABET}]{{{NUMBER_LENGTH}}})$")


def new_number(now=None):
    year = (now or timezone.now()).astimezone(WIB).year
    return f"{PREFIX}-{year}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(NUMBER_LENGTH))


def clean_number(raw):
    """The number as stored, from what someone typed or scanned; None for anything that cannot be one."""
    number = "".join((raw or "").split()).upper()
    return number if NUMBER_PATTERN.match(number) else None


def issue(registration, actor=SYSTEM):
    """The registration's certificate, issued (and announced to the holder) the first time; None if erased."""
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None or registration.anonymised:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    registration=registration,
                    event_id=registration.event_id,
                    number=new_number(),
                    holder_name=registration.full_name,
                )
                log(registration, ActivityAction.CERTIFIED, actor, certificate.number)
                # The message (email and the coordinators' WhatsApp list) is prepared by the worker.
                announce(registration.pk, MessageKind.CERTIFICATE, certificate.number)
            return certificate
        except IntegrityError:
            # The same number drawn twice (practically never), or issued by a parallel run: look again.
            existing = Certificate.objects.filter(registration=registration).first()
            if existing is not None:
                return existing
    raise RuntimeError("no free certificate number")


def revoke(certificate, reason, actor):
    """Revoke a certificate (a mistake, fraud): the verification page says so from now on."""
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason[:300], revoked_by=actor
        )
        if updated and certificate.registration_id:
            log(certificate.registration, ActivityAction.REVOKED, actor, f"{certificate.number}: {reason}")
    certificate.refresh_from_db()
    return bool(updated)


def verification_path(number, language):
    with translation.override(language):
        return reverse("certificate_verify", kwargs={"number": number})


def print_path(number, language):
    with translation.override(language):
        return reverse("certificate_print", kwargs={"number": number})


def verification_url(number, language):
    """The verification page on the public address, in `language`: what the certificate's QR code holds."""
    return absolute_url(verification_path(number, language))


def print_url(number, language):
    return absolute_url(print_path(number, language))
