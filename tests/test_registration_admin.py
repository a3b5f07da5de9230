"""Coordinators see, contact, change and export registrants; nobody else in the admin can."""

import csv
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from events.registration import register

from .events_support import NOW, Taxonomy, make_event, make_schedule

pytestmark = pytest.mark.django_db

INDEX = "/admin/registrations/"


def person(number, name="Siti Aminah", **extra):
    return {
        "full_name": name,
        "whatsapp": number,
        "kecamatan": "pahandut",
        "kelurahan": "Langkai",
        "education": "sma",
        **extra,
    }


@pytest.fixture
def setup(site_tree, locales):
    taxonomy = Taxonomy(*locales)
    index, _en = make_schedule(site_tree, locales)
    start = timezone.now() + timedelta(days=10)
    event = make_event(index, taxonomy, [(start, start + timedelta(hours=4))], quota=2)
    other = make_event(index, taxonomy, [(start, start + timedelta(hours=4))], title="Anyaman", slug="anyaman")
    made = [register(event, person(f"+6281234567{n:03}", name=f"Peserta {n}"), "id").registration for n in range(3)]
    register(other, person("+6281234567099", name="Orang Anyaman"), "id")
    return SimpleNamespace(event=event, other=other, registrations=made)


def user(username, *, group=None, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", "pw")
    account = User.objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        account.groups.add(Group.objects.get(name=group))
    return account


@pytest.fixture
def coordinator(client):
    client.force_login(user("koordinator", group="Koordinator Pelatihan"))
    return client


def test_migration_creates_the_coordinator_group_with_view_and_change_only():
    group = Group.objects.get(name="Koordinator Pelatihan")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_registration", "change_registration", "access_admin"} <= codenames
    assert not {"add_registration", "delete_registration"} & codenames


@pytest.mark.parametrize("url", [INDEX, INDEX + "?export=csv", INDEX + "?export=xlsx", "status", "edit"])
def test_an_editor_without_the_group_is_refused_everywhere(client, setup, url):
    editor = user("editor", group="Editors")
    # Editors may do a lot (pages, images), just not this.
    assert editor.has_perm("wagtailadmin.access_admin")
    client.force_login(editor)
    pk = setup.registrations[0].pk
    url = {"status": f"{INDEX}{pk}/status/", "edit": f"{INDEX}edit/{pk}/"}.get(url, url)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "Peserta" not in response.content.decode()
    if response.status_code == 302:
        assert "/admin/" in response["Location"] and "registrations" not in response["Location"].split("?")[0]
    assert client.post(f"{INDEX}{pk}/status/", {"action": "cancel"}).status_code in (302, 403)
    assert Registration.objects.get(pk=pk).status == RegistrationStatus.CONFIRMED
    menu = client.get("/admin/").content.decode()
    assert INDEX not in menu


def test_coordinator_sees_the_list_with_whatsapp_links_and_the_menu_item(coordinator, setup):
    assert INDEX in coordinator.get("/admin/").content.decode()
    response = coordinator.get(INDEX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Peserta 0" in body and "Orang Anyaman" in body
    assert 'href="https://wa.me/6281234567000"' in body
    # No adding or deleting registrations in the admin: they come from the public form.
    assert coordinator.get(INDEX + "new/").status_code in (302, 403)


def test_coordinator_filters_by_event_and_status_and_searches_by_name_or_phone(coordinator, setup):
    body = coordinator.get(INDEX, {"event": setup.other.pk}).content.decode()
    assert "Orang Anyaman" in body and "Peserta 0" not in body
    body = coordinator.get(INDEX, {"status": RegistrationStatus.WAITLISTED}).content.decode()
    assert "Peserta 2" in body and "Peserta 0" not in body
    body = coordinator.get(INDEX, {"q": "Anyaman"}).content.decode()
    assert "Orang Anyaman" in body and "Peserta 1" not in body
    body = coordinator.get(INDEX, {"q": "567001"}).content.decode()
    assert "Peserta 1" in body and "Peserta 0" not in body
    today = timezone.localdate()
    body = coordinator.get(INDEX, {"created_at_from": str(today + timedelta(days=1))}).content.decode()
    assert "Peserta 0" not in body
    body = coordinator.get(INDEX, {"created_at_from": str(today), "created_at_to": str(today)}).content.decode()
    assert "Peserta 0" in body


def test_coordinator_cancels_and_the_first_waiting_moves_up(coordinator, setup):
    first, _second, waiting = setup.registrations
    assert waiting.status == RegistrationStatus.WAITLISTED
    # "Promote" is offered only to someone waiting; cancelling asks first.
    assert 'value="promote"' not in coordinator.get(f"{INDEX}{first.pk}/status/").content.decode()
    assert 'value="promote"' in coordinator.get(f"{INDEX}{waiting.pk}/status/").content.decode()
    asked = coordinator.post(f"{INDEX}{first.pk}/status/", {"action": "cancel"})
    assert asked.status_code == 200 and 'name="sure"' in asked.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED
    response = coordinator.post(f"{INDEX}{first.pk}/status/", {"action": "cancel", "sure": "1"})
    assert response.status_code == 302
    # The promotion names the person, with a WhatsApp link.
    shown = coordinator.get(response["Location"]).content.decode()
    assert "Peserta 2" in shown and "https://wa.me/6281234567002" in shown
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    # Confirming the cancelled one again is refused: the training is full.
    coordinator.post(f"{INDEX}{first.pk}/status/", {"action": "confirm"})
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert Registration.objects.filter(event=setup.event, status=RegistrationStatus.CONFIRMED).count() == 2
    page = coordinator.get(f"{INDEX}{first.pk}/status/")
    assert page.status_code == 200 and "Peserta 0" in page.content.decode()


def test_csv_export_is_excel_readable_and_safe(coordinator, setup):
    register(setup.event, person("+6281234567055", name="=HYPERLINK(1)", motivation="@SUM(A1)"), "id")
    response = coordinator.get(INDEX, {"export": "csv", "event": setup.event.pk})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 4  # the event filter applies to the export too
    # Headings in the coordinator's admin language (Indonesian here).
    by_name = {row["Nama lengkap"]: row for row in rows}
    assert by_name["Peserta 0"]["Status"] == "Terdaftar"
    assert by_name["Peserta 2"]["Status"] == "Dalam daftar tunggu"
    assert by_name["Peserta 2"]["Urutan dalam daftar tunggu"] == "1"
    assert by_name["Peserta 0"]["Kode pendaftaran"] == setup.registrations[0].reference
    assert by_name["Peserta 0"]["Pelatihan"] == "Menjahit dasar"
    # A formula typed into the form stays text in a spreadsheet.
    assert "'=HYPERLINK(1)" in by_name and by_name["'=HYPERLINK(1)"]["Motivasi"] == "'@SUM(A1)"
    xlsx = coordinator.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_superuser_sees_registrations_too(client, setup):
    client.force_login(user("root", superuser=True))
    assert "Peserta 0" in client.get(INDEX).content.decode()


# --- retention ----------------------------------------------------------------------


def test_retention_command_anonymises_old_trainings_only_and_dry_run_changes_nothing(setup, locales):
    old_start = NOW - timedelta(days=400)
    old = make_event(
        setup.event.get_parent().specific,
        _taxonomy_of(setup),
        [(old_start, old_start + timedelta(hours=4))],
        title="Lama",
        slug="lama",
        registration_opens=old_start - timedelta(days=30),
        registration_closes=old_start - timedelta(days=1),
    )
    Registration.objects.create(event=old, status=RegistrationStatus.CONFIRMED, **person("+6281234567077"))
    out = io.StringIO()
    call_command("purge_registrations", "--months", "6", "--dry-run", stdout=out)
    assert "would anonymise 1" in out.getvalue()
    assert Registration.objects.filter(full_name="Siti Aminah").count() == 1
    call_command("purge_registrations", "--months", "6", stdout=io.StringIO())
    gone = Registration.objects.get(event=old)
    assert gone.anonymised and gone.full_name == "" and "0812" not in gone.whatsapp and "+62" not in gone.whatsapp
    assert gone.status == RegistrationStatus.CONFIRMED  # still counted
    assert Registration.objects.filter(event=setup.event, anonymised=False).count() == 3
    call_command("purge_registrations", "--months", "6", "--delete", stdout=io.StringIO())
    assert not Registration.objects.filter(event=old).exists()
    assert Registration.objects.filter(event=setup.event).count() == 3


def _taxonomy_of(setup):
    from home.models import Partner, Venue

    return SimpleNamespace(
        blk=Partner.objects.get(name="Balai Latihan Kerja", locale__language_code="id"),
        hall=Venue.objects.get(name="Aula Kelurahan", locale__language_code="id"),
        sewing=setup.event.skill_areas.first(),
    )


def test_whatsapp_messages_to_send_open_wa_me_with_the_text_and_are_marked_sent_once(coordinator, setup):
    from urllib.parse import unquote

    from events.models import MessageChannel, MessageKind, MessageStatus, RegistrationMessage

    page = coordinator.get(f"{INDEX}pesan/?training={setup.event.pk}&kind={MessageKind.RECEIVED}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Peserta 0" in body and "Peserta 2" in body and "Orang Anyaman" not in body
    message = RegistrationMessage.objects.get(
        registration=setup.registrations[2], kind=MessageKind.RECEIVED, channel=MessageChannel.WHATSAPP_LINK
    )
    opened = coordinator.post(f"{INDEX}pesan/{message.pk}/kirim/")
    assert opened.status_code == 302 and opened["Location"].startswith("https://wa.me/6281234567002?text=")
    assert "daftar tunggu" in unquote(opened["Location"])  # written in the registrant's language
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.sent_at is not None
    # A second click (or a second coordinator) sends nothing more.
    again = coordinator.post(f"{INDEX}pesan/{message.pk}/kirim/")
    assert again.status_code == 302 and "wa.me" not in again["Location"]
    assert "Peserta 2" not in coordinator.get(f"{INDEX}pesan/?training={setup.event.pk}&kind=diterima").content.decode()
    history = coordinator.get(f"{INDEX}{setup.registrations[2].pk}/status/").content.decode()
    assert "Pesan terkirim" in history and "koordinator" in history
