"""The dashboard's "Needs attention" panel, from real data with known answers, in a bounded number of queries."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from events.models import EventSession, Registration, RegistrationStatus, Status, TrainingEvent
from home.dashboard import needs_attention
from home.models import Partner, SkillArea, Venue
from home.roles import MODERATOR, WORKFLOW_NAME, WRITER
from tests.conftest import publish_translation
from tests.editors_support import member, sections
from tests.stories_helpers import story


@pytest.fixture
def tree(site_tree):
    area = SkillArea.objects.create(locale=site_tree["home"].locale, name="Anyaman", slug="anyaman")
    return {**site_tree, **sections(site_tree), "area": area}


def training(tree, title, *, closes_in, quota=10, status=Status.SCHEDULED, starts_in=timedelta(days=30)):
    now = timezone.now()
    organizer = Partner.objects.get_or_create(locale=tree["home"].locale, name="BLK", kind="pemerintah")[0]
    event = TrainingEvent(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Belajar.",
        organizer=organizer,
        mode="daring",
        online_url="https://meet.example.org/x",
        quota=quota,
        registration_opens=now - timedelta(days=10),
        registration_closes=now + closes_in,
        contact_name="Ibu Sari",
        contact_whatsapp="0812 3456 7890",
        status=status,
        status_notice="Dibatalkan karena banjir." if status != Status.SCHEDULED else "",
    )
    event.sessions = [EventSession(start=now + starts_in, end=now + starts_in + timedelta(hours=3))]
    event.skill_areas = [tree["area"]]
    tree["events"].add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def register(event, status, count):
    for number in range(count):
        Registration.objects.create(
            event=event, full_name=f"Peserta {number}", whatsapp=f"0812000{status[:3]}{number}", status=status
        )


@pytest.fixture
def attention_data(tree):
    en = tree["en_home"].locale
    writer = member(WRITER)
    waiting = story(tree["stories"], "Kisah menunggu tinjauan", publish=False, areas=[tree["area"]], owner=writer)
    Workflow.objects.get(name=WORKFLOW_NAME).start(waiting, writer)
    untranslated = story(tree["stories"], "Kisah belum diterjemahkan", areas=[tree["area"]])
    changed = story(tree["stories"], "Kisah berubah", areas=[tree["area"]])
    publish_translation(changed, en, title="Changed story", slug="changed-story")
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        changed.intro = "Cerita yang diperbarui."
        changed.save_revision().publish()

    soon = training(tree, "Tutup tiga hari", closes_in=timedelta(days=3))
    later = training(tree, "Tutup sepuluh hari", closes_in=timedelta(days=10))
    full = training(tree, "Penuh dengan antrean", closes_in=timedelta(days=20), quota=2)
    register(full, RegistrationStatus.CONFIRMED, 2)
    register(full, RegistrationStatus.WAITLISTED, 3)
    full_no_queue = training(tree, "Penuh tanpa antrean", closes_in=timedelta(days=20), quota=1)
    register(full_no_queue, RegistrationStatus.CONFIRMED, 1)
    cancelled = training(tree, "Batal", closes_in=timedelta(days=2), status=Status.CANCELLED)
    venue = Venue.objects.create(
        locale=tree["home"].locale, name="Aula tanpa terjemahan", address="Jl. Jawa 1", kecamatan="pahandut"
    )
    # Translated trainings are counted once, on the Indonesian side.
    publish_translation(soon, en, title="Closes in three days", slug="closes-in-three-days")
    return {
        "waiting": waiting,
        "untranslated": untranslated,
        "changed": changed,
        "trainings": [soon, later, full, full_no_queue, cancelled],
        "venue": venue,
    }


def titles(pages):
    return [page.title for page in pages]


def test_panel_lists_what_needs_attention(attention_data, django_assert_max_num_queries):
    # One query per list: the partly translated pages are the tenth.
    with django_assert_max_num_queries(10):
        attention = needs_attention()
    assert titles(attention.awaiting_review) == ["Kisah menunggu tinjauan"]
    assert titles(attention.outdated_translations) == ["Kisah berubah"]
    assert set(titles(attention.missing_translations)) == {
        "Pengumuman",
        "Kisah belum diterjemahkan",
        "Tutup sepuluh hari",
        "Penuh dengan antrean",
        "Penuh tanpa antrean",
        "Batal",
    }
    # Made in Indonesian only: the skill area, the organizer and a venue.
    assert [str(s) for s in attention.missing_snippet_translations] == ["Anyaman", "BLK", "Aula tanpa terjemahan"]
    assert titles(attention.closing_soon) == ["Tutup tiga hari"]
    assert attention.closing_soon[0].places_left_annotated == 10
    assert titles(attention.waiting_lists) == ["Penuh dengan antrean"]
    assert attention.waiting_lists[0].waiting_count == 3


def test_query_count_does_not_grow_with_the_content(attention_data, tree, django_assert_max_num_queries):
    for number in range(5):
        training(tree, f"Tambahan {number}", closes_in=timedelta(days=1 + number))
        story(tree["stories"], f"Kisah tambahan {number}", areas=[tree["area"]])
    with django_assert_max_num_queries(10):
        attention = needs_attention()
    assert len(attention.closing_soon) == 6


def test_dashboard_shows_the_panel_with_links_to_the_work(attention_data, client):
    client.force_login(member(MODERATOR))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="panel-needs-attention' in html or "needs-attention" in html
    untranslated = attention_data["untranslated"]
    assert reverse("wagtail_localize:submit_page_translation", args=[untranslated.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[attention_data["waiting"].pk]) in html
    assert "Penuh dengan antrean" in html and "Tutup tiga hari" in html
    assert "Kisah berubah" in html
    venue = attention_data["venue"]
    assert reverse("wagtail_localize:submit_snippet_translation", args=["home", "venue", venue.pk]) in html
    assert reverse("editor_guide") in html


def test_coordinator_gets_a_link_to_the_waiting_list(attention_data, client):
    from home.roles import COORDINATOR

    full = attention_data["trainings"][2]
    link = f"/admin/registrations/?event={full.pk}"
    client.force_login(member(MODERATOR))
    assert link not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(member(COORDINATOR))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert link in html
    assert client.get(link).status_code == 200


def test_empty_panel_says_so(tree, client):
    client.force_login(member(MODERATOR))
    attention = needs_attention()
    assert attention.awaiting_review == [] and attention.closing_soon == [] and attention.waiting_lists == []
    assert titles(attention.missing_translations) == ["Pengumuman"]
    area = SkillArea.objects.get(slug="anyaman")
    if area.get_translation_or_none(tree["en_home"].locale) is None:
        assert needs_attention().missing_snippet_translations == [area]
        area.copy_for_translation(tree["en_home"].locale).save()
    assert needs_attention().missing_snippet_translations == []
