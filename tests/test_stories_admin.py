"""Editors create a story in the Wagtail admin and translate it with wagtail-localize."""

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation

from stories.models import SuccessStory
from tests import stories_helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(site_tree, locales):
    areas = h.make_skill_areas()
    index, en_index = h.make_index(site_tree)
    partner, _ = h.make_partner("Yayasan Perempuan Betang", "Betang Women's Foundation")
    return {"areas": areas, "index": index, "en_index": en_index, "partner": partner, "locales": locales}


def story_form(setup, **overrides):
    data = {
        "title": "Sri Wahyuni membuka usaha jahit",
        "slug": "usaha-jahit-sri",
        "participant_name": "Sri Wahyuni",
        "pseudonym": "",
        "kecamatan": "pahandut",
        "kelurahan": "Panarung",
        "training_year": "2025",
        "date_published": "2026-09-15",
        "pull_quote": "Pelanggan datang ke rumah.",
        "intro": "Sri membuka usaha jahit di rumahnya.",
        "body": streamfield(
            [
                ("heading", {"text": "Belajar menjahit", "level": "h2"}),
                ("paragraph", rich_text("<p>Ia belajar membuat pola dan menjahit seragam.</p>")),
            ]
        ),
        "gallery_images": inline_formset(
            [{"image": h.image("Seragam").pk, "caption": "Seragam sekolah", "alt_text": "", "shows_participant": ""}]
        ),
        "income_before": "500000",
        "income_after": "1800000",
        "started_business": "on",
        "people_employed": "1",
        "sells_locally": "on",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    form = nested_form_data(data)
    # Checkbox lists are repeated keys, which nested_form_data would number instead.
    form["skill_areas"] = [setup["areas"]["menjahit"][0].pk]
    form["partners"] = [setup["partner"].pk]
    return form


def test_editor_creates_and_publishes_a_story(admin_client, setup, client):
    index = setup["index"]
    response = admin_client.post(f"/admin/pages/add/stories/successstory/{index.pk}/", story_form(setup))
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    story = SuccessStory.objects.get(slug="usaha-jahit-sri")
    assert story.live
    assert story.get_parent().pk == index.pk
    assert list(story.skill_areas.all()) == [setup["areas"]["menjahit"][0]]
    assert list(story.partners.all()) == [setup["partner"]]
    item = story.gallery_images.get()
    assert (item.caption, item.shows_participant, item.locale_id) == ("Seragam sekolah", False, story.locale_id)
    assert (story.income_before, story.income_after, story.started_business) == (500_000, 1_800_000, True)
    page = client.get("/kisah-sukses/usaha-jahit-sri/")
    assert page.status_code == 200
    outcomes = BeautifulSoup(page.content, "html.parser").find(class_="story-outcomes").get_text()
    assert "Pendapatan naik dari Rp 500.000 menjadi Rp 1.800.000 per bulan." in outcomes


def test_editor_is_stopped_from_naming_a_private_participant(admin_client, setup):
    index = setup["index"]
    data = story_form(setup, hide_identity="on", pseudonym="Ibu S.", intro="Sri Wahyuni membuka usaha jahit.")
    response = admin_client.post(f"/admin/pages/add/stories/successstory/{index.pk}/", data)
    assert response.status_code == 200
    assert not SuccessStory.objects.filter(slug="usaha-jahit-sri").exists()
    content = response.content.decode()
    assert "their real name appears in" in content or "nama aslinya muncul di" in content


def test_editor_chooses_among_the_skill_areas_of_the_storys_language(admin_client, setup):
    response = admin_client.get(f"/admin/pages/add/stories/successstory/{setup['en_index'].pk}/")
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    offered = {label.get_text(strip=True) for label in doc.select("[name=skill_areas]") for label in [label.parent]}
    assert offered == {"Sewing", "Weaving", "Information technology"}


def test_editor_translates_a_story_with_wagtail_localize(admin_client, setup, client):
    id_locale, en_locale = setup["locales"]
    index = setup["index"]
    admin_client.post(f"/admin/pages/add/stories/successstory/{index.pk}/", story_form(setup))
    story = SuccessStory.objects.get(slug="usaha-jahit-sri")

    response = admin_client.post(f"/admin/localize/submit/page/{story.pk}/", {"locales": [en_locale.pk]})
    assert response.status_code == 302
    english = story.get_translation(en_locale)
    # A new translation starts as a draft; names and numbers come over as they are.
    assert not english.live
    assert english.participant_name == "Sri Wahyuni"
    assert (english.income_before, english.income_after, english.people_employed) == (500_000, 1_800_000, 1)
    assert list(english.skill_areas.all()) == [setup["areas"]["menjahit"][0]]
    assert english.gallery_images.get().locale_id == en_locale.pk

    # The translator fills in every string, then publishes.
    translation = Translation.objects.get(source__object_id=story.translation_key, target_locale=en_locale)
    po = translation.export_po()
    msgids = {entry.msgid for entry in po}
    assert "Sri Wahyuni" not in msgids  # the participant's name is synchronized, never translated
    assert "500000" not in msgids
    english_text = {
        "Sri Wahyuni membuka usaha jahit": "Sri Wahyuni opens a sewing business",
        "usaha-jahit-sri": "sri-sewing-business",
        "Pelanggan datang ke rumah.": "Customers come to the house.",
        "Sri membuka usaha jahit di rumahnya.": "Sri opened a sewing business at home.",
        "Belajar menjahit": "Learning to sew",
        "Ia belajar membuat pola dan menjahit seragam.": "She learned to cut patterns and sew uniforms.",
        "Seragam sekolah": "School uniforms",
    }
    for entry in po:
        entry.msgstr = english_text[entry.msgid]
    translation.import_po(po)
    translation.save_target(publish=False)
    english = story.get_translation(en_locale)
    english.get_latest_revision().publish()

    page = client.get("/en/success-stories/sri-sewing-business/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Sri Wahyuni opens a sewing business" in content
    outcomes = BeautifulSoup(content, "html.parser").find(class_="story-outcomes").get_text()
    assert "Income rose from IDR 500,000 to IDR 1,800,000 a month." in outcomes
    assert "School uniforms" in content
    assert 'href="/en/success-stories/?bidang=menjahit">Sewing</a>' in content


def test_editors_have_a_flat_list_of_every_story(admin_client, setup):
    h.story(setup["index"], "Kisah di daftar admin", areas=[setup["areas"]["menjahit"][0]])
    response = admin_client.get("/admin/success_stories/")
    assert response.status_code == 200
    assert "Kisah di daftar admin" in response.content.decode()
    filtered = admin_client.get("/admin/success_stories/?kecamatan=rakumpit")
    assert "Kisah di daftar admin" not in filtered.content.decode()


def test_editor_previews_an_unsaved_story(admin_client, setup):
    url = f"/admin/pages/add/stories/successstory/{setup['index'].pk}/preview/"
    data = story_form(setup, hide_identity="on", pseudonym="Ibu S.", title="Usaha jahit di rumah")
    data["gallery_images-0-shows_participant"] = "on"
    response = admin_client.post(url, data)
    assert response.json()["is_valid"]
    preview = admin_client.get(url)
    assert preview.status_code == 200
    doc = BeautifulSoup(preview.content, "html.parser")
    assert doc.h1.get_text() == "Usaha jahit di rumah"
    assert doc.find(class_="story__who").get_text().startswith("Ibu S.")
    assert "Sri Wahyuni" not in doc.find("main").get_text()
    assert doc.find("section", class_="story-gallery") is None  # its only photo shows the participant
    assert doc.find("a", string="Menjahit")
