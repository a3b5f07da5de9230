"""A training with five daily sessions around the events tests' NOW, and its people: for the attendance tests."""

from datetime import timedelta
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import Registration, RegistrationStatus
from events.registration import register

from .events_support import NOW, Taxonomy, make_event, make_schedule, wib

COORDINATORS = "Koordinator Pelatihan"


def person(number, name="Siti Aminah"):
    return {"full_name": name, "whatsapp": number, "kecamatan": "pahandut", "kelurahan": "Langkai", "education": "sma"}


def user(username, *, group=None, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    account = User.objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        account.groups.add(Group.objects.get(name=group))
    return account


def five_day_training(site_tree, locales, *, people=3, quota=16, **fields):
    """Sessions Friday 13 to Tuesday 17 November 2026, 08:00–12:00 WIB (NOW is Sunday the 15th at 09:00)."""
    taxonomy = Taxonomy(*locales)
    index, english_index = make_schedule(site_tree, locales)
    sessions = [(wib(2026, 11, day, 8), wib(2026, 11, day, 12)) for day in range(13, 18)]
    event = make_event(
        index,
        taxonomy,
        sessions,
        quota=quota,
        registration_opens=NOW - timedelta(days=30),
        registration_closes=wib(2026, 11, 12, 16),
        signatory_name="Drs. Budi Santoso",
        signatory_role="Kepala UPTD BLK Palangka Raya",
        partners=[taxonomy.ngo],
        **fields,
    )
    registrations = []
    for n in range(people):
        registrations.append(
            Registration.objects.create(
                event=event,
                status=RegistrationStatus.CONFIRMED,
                full_name=f"Peserta {n:02}",
                whatsapp=f"+6281200000{n:03}",
                language="id",
            )
        )
    return SimpleNamespace(
        event=event,
        index=index,
        english_index=english_index,
        taxonomy=taxonomy,
        sessions=list(event.sessions.order_by("start")),
        people=registrations,
        register=lambda number, name="Orang Baru": register(event, person(number, name), "id").registration,
    )
