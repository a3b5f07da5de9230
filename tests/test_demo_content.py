"""`load_demo_content` builds both language trees and is idempotent."""

import io

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Revision

from home.demo import DEMO_PASSWORD, DEMO_USERNAME
from home.models import HomePage, Partner, SkillArea, Venue

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


def test_running_twice_changes_nothing(demo):
    before = row_counts()
    latest_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    call_command("load_demo_content", stdout=io.StringIO())
    assert row_counts() == before
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == latest_revision


def test_both_trees_are_complete_and_live(demo):
    id_pages = Page.objects.filter(locale__language_code="id", depth__gte=2)
    en_pages = Page.objects.filter(locale__language_code="en", depth__gte=2)
    assert id_pages.count() >= 3
    assert sorted(id_pages.values_list("translation_key", flat=True)) == sorted(
        en_pages.values_list("translation_key", flat=True)
    )
    assert not en_pages.filter(live=False).exists()
    assert not en_pages.filter(has_unpublished_changes=True).exists()
    for model, at_least in ((SkillArea, 4), (Partner, 4), (Venue, 2)):
        assert model.objects.filter(locale__language_code="id").count() >= at_least
        assert (
            model.objects.filter(locale__language_code="en").count()
            == model.objects.filter(locale__language_code="id").count()
        )


def test_english_pages_are_really_english(demo, client):
    en_home = HomePage.objects.get(locale__language_code="en")
    assert en_home.title == "Home"
    assert en_home.hero_heading == "Learn a skill, change your future"
    response = client.get("/en/")
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    assert doc.html["lang"] == "en"
    assert "Beranda" not in doc.find("nav", class_="primary-nav").get_text()
    menu = [a.get_text() for a in doc.find("nav", class_="primary-nav").find_all("a")]
    # Home, the content areas, then partners and about, as the brief orders the menu.
    assert menu[0] == "Home" and menu[-2:] == ["Partners", "About the programme"]
    assert menu.index("Success stories") < menu.index("Training schedule")
    for link in doc.find("nav", class_="primary-nav").find_all("a"):
        assert client.get(link["href"]).status_code == 200


def test_skill_area_slugs_are_shared_by_both_languages(demo):
    id_slugs = set(SkillArea.objects.filter(locale__language_code="id").values_list("slug", flat=True))
    en_slugs = set(SkillArea.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    assert id_slugs == en_slugs >= {"menjahit", "kerajinan-anyaman", "kuliner-kalimantan", "teknologi-informasi"}


def test_tree_child_counts_stay_consistent(demo):
    # Treebeard's numchild must match reality, or pages under /en/ stop routing.
    for page in Page.objects.all():
        assert page.numchild == Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()


def test_demo_user_has_no_known_password_outside_development(demo, client):
    assert not client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
