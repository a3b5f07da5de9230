"""A participant who asked for privacy: no real name and no photo of them in any HTML the site sends."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from tests import stories_helpers as h

pytestmark = pytest.mark.django_db

REAL_NAME = "Rahmawati Lestari"


@pytest.fixture
def private_story(site_tree):
    areas = h.make_skill_areas()
    index, _ = h.make_index(site_tree)
    sewing = areas["menjahit"][0]
    page = h.story(
        index,
        "Menjahit dari rumah",
        slug="menjahit-dari-rumah",
        participant_name=REAL_NAME,
        pseudonym="Ibu R.",
        hide_identity=True,
        areas=[sewing],
        portrait=h.image("Potret Rahmawati Lestari"),
        gallery=[
            {"image": h.image("Rahmawati Lestari di mesin jahit"), "caption": "Di mesin jahit"},
            {"image": h.image("Mukena siap kirim"), "caption": "Mukena siap dikirim", "shows_participant": False},
        ],
        pull_quote="Saya malu tampil, tapi tidak malu bercerita.",
        income_before=600_000,
        income_after=1_500_000,
    )
    english = h.translate(page, title="Sewing at home", slug="sewing-at-home")
    neighbour = h.story(index, "Kisah tetangga", slug="kisah-tetangga", areas=[sewing])
    return {"page": page, "english": english, "neighbour": neighbour, "index": index}


def assert_private(response):
    assert response.status_code == 200
    content = response.content.decode()
    for secret in ("Rahmawati", "Lestari", "potret-rahmawati", "rahmawati-lestari-di-mesin"):
        assert secret.lower() not in content.lower(), f"{secret!r} leaked into {response.wsgi_request.path}"
    return BeautifulSoup(content, "html.parser")


def test_story_page_shows_the_pseudonym_and_no_photo_of_the_participant(client, private_story):
    for url in ("/kisah-sukses/menjahit-dari-rumah/", "/en/success-stories/sewing-at-home/"):
        doc = assert_private(client.get(url))
        assert doc.find(class_="story__who").get_text().startswith("Ibu R.")
        assert doc.find(class_="story__portrait") is None
        assert doc.find(class_="story__quote").figcaption.get_text() == "— Ibu R."
        gallery_images = doc.find("section", class_="story-gallery").find_all("img")
        assert len(gallery_images) == 1  # only the photo of the prayer robes
        assert "mukena-siap-kirim" in gallery_images[0]["src"]
        og_image = doc.find("meta", property="og:image")["content"]
        assert "mukena-siap-kirim" in og_image


def test_lists_home_page_and_related_stories_keep_the_secret(client, private_story):
    doc = assert_private(client.get("/kisah-sukses/"))
    card = doc.find("a", string="Menjahit dari rumah").find_parent("article")
    assert "Ibu R." in card.get_text()
    assert card.find("img") is None
    assert_private(client.get("/en/success-stories/"))
    home = assert_private(client.get("/"))
    assert "Ibu R." in home.find(id="latest-stories-heading").find_parent("section").get_text()
    related = assert_private(client.get("/kisah-sukses/kisah-tetangga/")).find("section", class_="related-stories")
    assert "Ibu R." in related.get_text()


def test_lifting_the_flag_shows_name_and_portrait_again(client, private_story):
    page = private_story["page"]
    page.hide_identity = False
    page.save_revision().publish()
    doc = BeautifulSoup(client.get("/kisah-sukses/menjahit-dari-rumah/").content, "html.parser")
    assert doc.find(class_="story__who").get_text().startswith(REAL_NAME)
    assert doc.find(class_="story__portrait").img["alt"] == f"Potret {REAL_NAME}"
    assert len(doc.find("section", class_="story-gallery").find_all("img")) == 2


def test_a_private_story_needs_a_pseudonym(private_story):
    page = private_story["page"]
    page.pseudonym = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "pseudonym" in error.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Kisah rahmawati  lestari"),
        ("intro", "Rahmawati Lestari belajar menjahit."),
        ("search_description", "Tentang Rahmawati Lestari"),
        ("pseudonym", "Ibu Rahmawati Lestari"),
    ],
)
def test_the_real_name_cannot_be_written_into_a_private_story(private_story, field, value):
    page = private_story["page"]
    setattr(page, field, value)
    with pytest.raises(ValidationError):
        page.full_clean()


def test_the_real_name_cannot_hide_in_the_body_or_a_visible_photo(private_story):
    page = private_story["page"]
    page.body = [{"type": "quote", "value": {"text": "Terima kasih", "attribution": "Rahmawati Lestari"}}]
    with pytest.raises(ValidationError):
        page.full_clean()
    page.body = []
    page.full_clean()
    visible = page.gallery_images.get(shows_participant=False)
    visible.image.title = "Mukena buatan Rahmawati Lestari"
    visible.image.save()
    page.refresh_from_db()
    with pytest.raises(ValidationError):
        page.full_clean()


def test_a_name_that_merely_contains_the_real_one_is_allowed(site_tree):
    areas = h.make_skill_areas()
    index, _ = h.make_index(site_tree)
    page = h.story(
        index,
        "Kisah Anita",
        participant_name="Ani",
        pseudonym="Ibu A.",
        hide_identity=True,
        areas=[areas["menjahit"][0]],
        intro="Anita dan teman-temannya belajar menjahit.",
    )
    assert page.live
