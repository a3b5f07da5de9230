"""The site search names no content app: its types of result are the apps' SEARCH_RESULT_TYPES registrations."""

import ast
import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateTimeField, Value
from django.utils import translation
from wagtail import hooks

from campaigns.models import CampaignIndexPage, CampaignPage
from events.models import EventIndexPage, TrainingEvent
from home.models import HomePage, PartnerIndexPage, StandardPage
from home.registry import SEARCH_RESULT_TYPES, SearchResultType
from impact.models import ImpactPage
from search.views import result_types
from stories.models import StoryIndexPage, SuccessStory
from tests.conftest import add_published

CONTENT_APPS = {"stories", "events", "campaigns"}


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def home_pages_type(**extra):
    return SearchResultType(
        order=50, key="beranda", label="Home pages", singular="Home page", models=(HomePage,), **extra
    )


def test_each_app_registers_its_own_type_and_adds_its_index_page_to_pages():
    with translation.override("en"):
        types = [(t.key, str(t.label), str(t.singular)) for t in result_types()]
    assert types == [
        ("kisah", "Success stories", "Success story"),
        ("pelatihan", "Trainings", "Training"),
        ("sosialisasi", "Campaigns", "Campaign"),
        ("halaman", "Pages", "Page"),
    ]
    models = {t.key: set(t.models) for t in result_types()}
    assert models == {
        "kisah": {SuccessStory},
        "pelatihan": {TrainingEvent},
        "sosialisasi": {CampaignPage},
        "halaman": {StandardPage, PartnerIndexPage, StoryIndexPage, EventIndexPage, CampaignIndexPage, ImpactPage},
    }
    registered_by = {}
    for hook in hooks.get_hooks(SEARCH_RESULT_TYPES):
        registered_by.setdefault(hook().key, set()).add(hook.__module__)
    assert registered_by == {
        "kisah": {"stories.wagtail_hooks"},
        "pelatihan": {"events.wagtail_hooks"},
        "sosialisasi": {"campaigns.wagtail_hooks"},
        "halaman": {
            "home.wagtail_hooks",
            "stories.wagtail_hooks",
            "events.wagtail_hooks",
            "campaigns.wagtail_hooks",
            "impact.wagtail_hooks",
        },
    }


def test_only_trainings_can_be_over():
    assert [t.key for t in result_types() if t.ended_at] == ["pelatihan"]


@pytest.mark.django_db
def test_a_registered_type_is_searched_filtered_and_labelled(client, site_tree):
    assert html(client.get("/cari/", {"q": "Beranda"})).select(".search-result") == []
    with hooks.register_temporarily(SEARCH_RESULT_TYPES, home_pages_type):
        doc = html(client.get("/cari/", {"q": "Beranda"}))
    result = doc.select_one(".search-result")
    assert result["class"] == ["search-result", "search-result--beranda"]
    assert result.select_one(".search-result__title a")["href"] == "/"
    assert result.select_one(".badge").get_text() == "Home page"
    assert {a.get_text(): a["href"] for a in doc.select(".search-types a")} == {
        "Home pages (1)": "?q=Beranda&jenis=beranda"
    }


@pytest.mark.django_db
def test_a_type_that_says_when_its_results_are_over_sinks_them(client, site_tree):
    add_published(site_tree["home"], StandardPage(title="Beranda baru", slug="beranda-baru"))
    yesterday = Value(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1), DateTimeField())
    with hooks.register_temporarily(SEARCH_RESULT_TYPES, lambda: home_pages_type(ended_at=lambda: yesterday)):
        cards = html(client.get("/cari/", {"q": "Beranda"})).select(".search-result")
    assert [card.select_one(".search-result__title").get_text() for card in cards] == ["Beranda baru", "Beranda"]
    assert [bool(card.select_one(".badge--past")) for card in cards] == [False, True]


def test_a_type_joined_but_never_defined_or_defined_twice_is_a_configuration_error():
    joined_only = SearchResultType(key="beranda", models=(HomePage,))
    with (
        hooks.register_temporarily(SEARCH_RESULT_TYPES, lambda: joined_only),
        pytest.raises(ImproperlyConfigured, match="never defined"),
    ):
        result_types()
    second_pages = SearchResultType(key="halaman", label="Pages")
    with (
        hooks.register_temporarily(SEARCH_RESULT_TYPES, lambda: second_pages),
        pytest.raises(ImproperlyConfigured, match="defined twice"),
    ):
        result_types()


def test_the_search_app_imports_no_content_app():
    for path in sorted((Path(settings.BASE_DIR) / "search").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            assert not {name.split(".")[0] for name in names} & CONTENT_APPS, f"{path.name} imports {names}"
