"""Builds the browser tests' site: demo content, more trainings (so the list pages), an admin, and the URLs."""

import json
from datetime import timedelta
from types import SimpleNamespace

ADMIN = ("browser-admin", "browser-test-password-1")


def prepare():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from events.models import EventIndexPage, Registration, RegistrationStatus, TrainingEvent
    from home.models import Partner, SkillArea, Venue
    from tests.events_support import bulk_trainings
    from tests.site_urls import open_campaign, open_event, page_urls

    call_command("load_demo_content", verbosity=0)
    index = EventIndexPage.objects.get(locale__language_code="id")
    venue = Venue.objects.filter(locale=index.locale).first()
    partner = Partner.objects.filter(locale=index.locale).first()
    areas = SkillArea.objects.filter(locale=index.locale).order_by("pk")
    now = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    bulk_trainings(
        index,
        SimpleNamespace(blk=partner, hall=venue, workshop=venue, sewing=areas[0], weaving=areas[1]),
        [now + timedelta(days=60 + day) for day in range(20)],
        sessions_each=1,
        prefix="tambahan",
    )
    get_user_model().objects.create_superuser(ADMIN[0], "browser@example.org", ADMIN[1])

    def full_event(language):
        for event in TrainingEvent.objects.live().filter(locale__language_code=language).order_by("path"):
            if event.accepts_registrations and event.places_left <= 0:
                return event.url
        raise LookupError("no full training in the demo")

    edit = TrainingEvent.objects.filter(locale__language_code="id").first()
    from events.models import Certificate, EventSession

    # The check-in list of the demo training running now: the first of its sessions not over yet.
    check_in = (
        EventSession.objects.filter(event__slug="anyaman-rotan-purun-pemula", end__gt=timezone.now())
        .order_by("start")
        .first()
    )
    certificate = Certificate.objects.order_by("pk").first()
    print(
        json.dumps(
            {
                "pages": {language: page_urls(language) for language in ("id", "en")},
                "open_event": {language: open_event(language).url for language in ("id", "en")},
                "open_places": open_event("id").places_left,
                "full_event": {language: full_event(language) for language in ("id", "en")},
                "campaign": {language: open_campaign(language).url for language in ("id", "en")},
                "edit_page": f"/admin/pages/{edit.pk}/edit/",
                "waiting": Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count(),
                "check_in": f"/admin/kehadiran/sesi/{check_in.pk}/",
                "certificate": {
                    "id": f"/sertifikat/{certificate.number}/cetak/",
                    "en": f"/en/certificate/{certificate.number}/print/",
                },
            }
        )
    )
