"""Translation through wagtail-localize's admin views, as a Penerjemah does it.

Submit a page for translation, download its PO file, upload it filled in, publish;
then the Indonesian page changes and is republished: the dashboard lists the
translation as out of date until it is synced ("Sync translated pages") and
published again. Slugs are translated: a changed English slug leaves a 301 behind,
and the language switcher follows. Snippets go the same way, and a translated page
shows the translated snippet.
"""

from datetime import timedelta

import polib
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation

from events.models import EventSession, TrainingEvent
from home.dashboard import needs_attention
from home.models import Kecamatan, Partner, SkillArea, Venue
from home.roles import MODERATOR, TRANSLATOR
from stories.models import SuccessStory
from tests.editors_support import form_data, member, sections
from tests.stories_helpers import story


@pytest.fixture
def tree(site_tree):
    area = SkillArea.objects.create(locale=site_tree["home"].locale, name="Anyaman", slug="anyaman")
    return {**site_tree, **sections(site_tree), "area": area}


@pytest.fixture
def translator(client):
    client.force_login(member(TRANSLATOR))
    return client


@pytest.fixture
def moderator():
    user = member(MODERATOR)
    moderating = Client()
    moderating.force_login(user)
    moderating.user = user
    return moderating


def english():
    return Locale.objects.get(language_code="en")


def edit(pk):
    return reverse("wagtailadmin_pages:edit", args=[pk])


def submit_page(client, page):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [english().pk]}
    )
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=english())


def round_trip_po(client, translation, texts, back_to):
    """Download the PO file through the admin, fill it in from `texts` (msgctxt or msgid -> English), upload it."""
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = texts.get(entry.msgctxt) or texts.get(entry.msgid) or entry.msgstr
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("story-en.po", str(po).encode(), "text/x-gettext-translation"), "next": back_to},
    )
    assert upload.status_code == 302 and upload["Location"] == back_to
    return po


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Press "Publish in English" in the translation editor (wagtail-localize publishes on commit)."""

    def press(client, url):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"action": "publish"})
        assert response.status_code == 302
        return response

    return press


def titles(pages):
    return [page.title for page in pages]


def test_story_translated_by_po_upload_then_synced_after_the_source_changes(tree, translator, moderator, publish):
    source = story(tree["stories"], "Kisah Ibu Rina", slug="kisah-ibu-rina", areas=[tree["area"]])
    translation = submit_page(translator, source)
    en_page = SuccessStory.objects.get(translation_key=source.translation_key, locale=english())
    assert "Kisah Ibu Rina" in titles(needs_attention().missing_translations)  # a draft only, not yet live

    texts = {
        "title": "Mrs Rina's story",
        "slug": "mrs-rinas-story",
        "Cerita singkat tentang pelatihan.": "A short story about the training.",
    }
    po = round_trip_po(translator, translation, texts, edit(en_page.pk))
    assert {entry.msgctxt for entry in po} >= {"title", "slug", "intro"}
    publish(translator, edit(en_page.pk))
    en_page.refresh_from_db()
    assert en_page.live and en_page.title == "Mrs Rina's story" and en_page.intro == "A short story about the training."
    assert translator.get("/en/success-stories/mrs-rinas-story/").status_code == 200
    attention = needs_attention()
    assert "Kisah Ibu Rina" not in titles(attention.missing_translations + attention.outdated_translations)

    # The Indonesian page changes and is published again (by a Moderator, through the editor).
    later = timezone.now() + timedelta(minutes=1)
    with time_machine.travel(later):
        changed = form_data(
            source, moderator.user, intro="Cerita baru tentang usaha anyaman.", **{"action-publish": "action-publish"}
        )
        assert moderator.post(edit(source.pk), changed).status_code == 302
    assert titles(needs_attention().outdated_translations) == ["Kisah Ibu Rina"]
    dashboard = translator.get(reverse("wagtailadmin_home")).content.decode()
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert sync_url in dashboard

    # Sync ("Sync translated pages"), translate the new text, publish: up to date again.
    with time_machine.travel(later + timedelta(minutes=1)):
        assert translator.post(sync_url, {}).status_code == 302
    assert "Kisah Ibu Rina" not in titles(needs_attention().outdated_translations)
    texts["Cerita baru tentang usaha anyaman."] = "A new story about a weaving business."
    texts["slug"] = "rina-weaves"
    round_trip_po(translator, translation, texts, edit(en_page.pk))
    publish(translator, edit(en_page.pk))
    en_page.refresh_from_db()
    assert en_page.intro == "A new story about a weaving business."

    # The English slug changed: the old address redirects permanently; the switcher follows.
    old = translator.get("/en/success-stories/mrs-rinas-story/")
    assert old.status_code == 301 and old["Location"].endswith("/en/success-stories/rina-weaves/")
    assert translator.get("/en/success-stories/rina-weaves/").status_code == 200
    indonesian_html = translator.get("/kisah-sukses/kisah-ibu-rina/").content.decode()
    assert 'href="/en/success-stories/rina-weaves/"' in indonesian_html
    english_html = translator.get("/en/success-stories/rina-weaves/").content.decode()
    assert 'href="/kisah-sukses/kisah-ibu-rina/"' in english_html
    assert "mrs-rinas-story" not in english_html + indonesian_html


def test_translated_story_links_to_the_english_training(tree, translator, publish):
    """A link between pages (story -> training) leads to the translation in each language, whatever its slug."""
    id_locale = tree["home"].locale
    organizer = Partner.objects.create(locale=id_locale, name="BLK", kind="pemerintah")
    start = timezone.now() + timedelta(days=30)
    event = TrainingEvent(
        title="Anyaman dasar",
        slug="anyaman-dasar",
        summary="Belajar anyaman.",
        organizer=organizer,
        mode="daring",
        online_url="https://meet.example.org/x",
        quota=10,
        registration_opens=timezone.now() - timedelta(days=1),
        registration_closes=start - timedelta(days=1),
        contact_name="Ibu Sari",
        contact_whatsapp="0812 3456 7890",
    )
    event.sessions = [EventSession(start=start, end=start + timedelta(hours=3))]
    event.skill_areas = [tree["area"]]
    tree["events"].add_child(instance=event)
    event.save_revision().publish()
    source = story(tree["stories"], "Kisah Pak Budi", slug="kisah-pak-budi", areas=[tree["area"]], training_event=event)

    for page, texts in (
        (event, {"title": "Basic weaving", "slug": "basic-weaving", "Belajar anyaman.": "Learn weaving."}),
        (source, {"title": "Mr Budi's story", "slug": "mr-budis-story"}),
    ):
        translation = submit_page(translator, page)
        target = translation.get_target_instance()
        round_trip_po(translator, translation, texts, edit(target.pk))
        publish(translator, edit(target.pk))

    html = translator.get("/en/success-stories/mr-budis-story/").content.decode()
    assert 'href="/en/training-schedule/basic-weaving/"' in html
    assert 'href="/jadwal-pelatihan/anyaman-dasar/"' not in html


def test_snippet_translated_through_the_admin_shows_on_the_english_training(tree, translator, publish):
    id_locale = tree["home"].locale
    organizer = Partner.objects.create(locale=id_locale, name="BLK", kind="pemerintah")
    venue = Venue.objects.create(
        locale=id_locale,
        name="Aula Kelurahan Langkai",
        address="Jl. Jawa No. 12",
        kecamatan=Kecamatan.PAHANDUT,
        accessibility_notes="Satu anak tangga di pintu masuk.",
    )
    start = timezone.now() + timedelta(days=20)
    event = TrainingEvent(
        title="Menjahit",
        slug="menjahit",
        summary="Belajar menjahit.",
        organizer=organizer,
        venue=venue,
        quota=10,
        registration_opens=timezone.now() - timedelta(days=1),
        registration_closes=start - timedelta(days=1),
        contact_name="Ibu Sari",
        contact_whatsapp="0812 3456 7890",
    )
    event.sessions = [EventSession(start=start, end=start + timedelta(hours=3))]
    event.skill_areas = [tree["area"]]
    tree["events"].add_child(instance=event)
    event.save_revision().publish()

    # The venue, through wagtail-localize's snippet views.
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["home", "venue", venue.pk])
    assert translator.post(submit, {"locales": [english().pk]}).status_code == 302
    venue_translation = Translation.objects.get(source__object_id=venue.translation_key, target_locale=english())
    en_venue = Venue.objects.get(translation_key=venue.translation_key, locale=english())
    venue_edit = reverse("wagtailsnippets_home_venue:edit", args=[en_venue.pk])
    round_trip_po(
        translator,
        venue_translation,
        {"name": "Langkai Village Hall", "accessibility_notes": "One step at the entrance."},
        venue_edit,
    )
    publish(translator, venue_edit)
    en_venue.refresh_from_db()
    assert en_venue.name == "Langkai Village Hall"

    # The training, translated too: its venue link still points at the Indonesian venue (synchronized) ...
    translation = submit_page(translator, event)
    en_event = translation.get_target_instance()
    round_trip_po(translator, translation, {"title": "Sewing", "slug": "sewing"}, edit(en_event.pk))
    publish(translator, edit(en_event.pk))
    en_event.refresh_from_db()
    assert en_event.venue_id == venue.pk

    # ... but the English page shows the English venue.
    html = translator.get("/en/training-schedule/sewing/").content.decode()
    assert "Langkai Village Hall" in html and "One step at the entrance." in html
    assert "Aula Kelurahan Langkai" not in html
