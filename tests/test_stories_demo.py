"""The demo success stories: enough of them, in both languages, written from the seed's facts."""

import pytest
from bs4 import BeautifulSoup

from stories.models import SuccessStory

pytestmark = pytest.mark.django_db


def test_demo_has_six_stories_across_four_skill_areas_in_both_languages(demo):
    for language in ("id", "en"):
        stories = SuccessStory.objects.live().filter(locale__language_code=language)
        assert stories.count() >= 6
        slugs = set(stories.values_list("skill_areas__slug", flat=True))
        assert len(slugs) >= 4
        assert {"kerajinan-anyaman", "menjahit", "teknologi-informasi", "kuliner-kalimantan"} <= slugs


def test_weaving_success_from_the_seed_is_there(demo):
    weaving = SuccessStory.objects.get(
        locale__language_code="id", skill_areas__slug="kerajinan-anyaman", sells_locally=True
    )
    assert weaving.sells_beyond_region
    assert weaving.income_after > weaving.income_before


def test_demo_includes_a_private_story_that_keeps_its_secret(demo, client):
    private = SuccessStory.objects.get(locale__language_code="en", hide_identity=True)
    response = client.get(private.url)
    assert response.status_code == 200
    assert private.participant_name not in response.content.decode()
    assert private.pseudonym in response.content.decode()


def test_english_stories_are_written_in_english(demo, client):
    response = client.get("/en/success-stories/")
    doc = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text() for a in doc.select(".story-card__title a")]
    assert any("woven bags" in title for title in titles)
    assert len(titles) >= 6
    for link in doc.select(".story-card__title a"):
        page = client.get(link["href"])
        assert page.status_code == 200
        text = BeautifulSoup(page.content, "html.parser").find("main").get_text()
        assert "What changed" in text or "Share this story" in text
        assert "Pendapatan" not in text and "Membuka usaha" not in text


def test_story_list_is_in_the_menu_of_both_languages(demo, client):
    id_menu = BeautifulSoup(client.get("/").content, "html.parser").find("nav", class_="primary-nav").get_text()
    en_menu = BeautifulSoup(client.get("/en/").content, "html.parser").find("nav", class_="primary-nav").get_text()
    assert "Kisah Sukses" in id_menu
    assert "Success stories" in en_menu
