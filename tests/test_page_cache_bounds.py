"""The page cache cannot be busted: only declared parameters make entries, and what it holds is bounded."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache

from home.models import StandardPage

from .events_support import NOW, Taxonomy, make_event, make_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def state(response):
    return response.get("X-Page-Cache")


def page_entries():
    """The stored pages in the local-memory cache (the tests' cache), not their bookkeeping."""
    return [key for key in cache._cache if ":page:" in key]


def test_two_hundred_unknown_parameters_make_one_entry_and_one_render(client, site_tree, django_assert_max_num_queries):
    renders = []
    serve = StandardPage.serve

    def counting_serve(page, request, *args, **kwargs):
        renders.append(request.get_full_path())
        return serve(page, request, *args, **kwargs)

    with mock.patch.object(StandardPage, "serve", counting_serve):
        assert state(client.get("/tentang/?x=0")) == "miss"
        with django_assert_max_num_queries(0):
            for number in range(1, 200):
                response = client.get(f"/tentang/?x{number}={number}&utm_source=wa&q={'z' * number}")
                assert (response.status_code, state(response)) == (200, "hit"), number
    assert len(renders) == 1
    assert len(page_entries()) == 1


@pytest.fixture
def schedule(site_tree, locales, frozen):
    index, _en_index = make_schedule(site_tree, locales)
    make_event(index, Taxonomy(*locales), [(NOW + timedelta(days=10), NOW + timedelta(days=10, hours=4))])
    return index


def test_a_listing_keys_on_its_declared_filters_alone(client, schedule):
    url = schedule.url
    assert state(client.get(url + "?mode=online&bidang=menjahit")) == "miss"
    assert state(client.get(url + "?bidang=menjahit&mode=online")) == "hit"  # order does not matter
    assert state(client.get(url + "?bidang=menjahit&mode=online&ref=poster&fbclid=1")) == "hit"
    assert state(client.get(url + "?bidang=menjahit")) == "miss"  # a declared filter changes the page
    assert state(client.get(url + "?page=2&bidang=menjahit")) == "miss"
    assert state(client.get(url + "?page=2&bidang=menjahit&nonsense=1")) == "hit"


def test_a_response_bigger_than_the_bound_is_never_stored(client, site_tree, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    assert state(client.get("/tentang/")) == "miss"
    assert state(client.get("/tentang/")) == "miss"
    assert page_entries() == []


def test_at_most_max_entries_are_stored_per_site_in_a_window(client, site_tree, settings):
    settings.PAGE_CACHE_MAX_ENTRIES = 2
    for url in ("/tentang/", "/mitra/", "/pengumuman/"):
        assert state(client.get(url)) == "miss"
    assert state(client.get("/tentang/")) == "hit" and state(client.get("/mitra/")) == "hit"
    assert state(client.get("/pengumuman/")) == "miss"  # served, not stored: the budget is spent
    assert len(page_entries()) == 2
