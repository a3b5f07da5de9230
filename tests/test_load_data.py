"""The load-data generator: correct trees in both languages, and every page within its query budget on it."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from bench.load_data import generate
from bench.targets import budget, page_urls
from campaigns.models import CampaignPage, InterestSignup
from events.models import EventSession, Registration, TrainingEvent
from stories.models import SuccessStory

STORIES, EVENTS, CAMPAIGNS = 30, 40, 6


@pytest.fixture(scope="module")
def generated(demo_content, django_db_blocker):
    """The demo content plus a modest generated load, rolled back with the module's demo transaction."""
    with django_db_blocker.unblock():
        before = {model: model.objects.count() for model in (SuccessStory, TrainingEvent, CampaignPage, Registration)}
        out = io.StringIO()
        generate(
            stories=STORIES,
            events=EVENTS,
            campaigns=CAMPAIGNS,
            registrations=3,
            signups=4,
            skip_demo=True,
            say=lambda line: out.write(line + "\n"),
        )
    return before, out.getvalue()


@pytest.fixture
def data(generated, db):
    return generated


def test_generated_counts_in_both_languages(data):
    before, output = data
    assert SuccessStory.objects.count() == before[SuccessStory] + 2 * STORIES
    assert TrainingEvent.objects.count() == before[TrainingEvent] + 2 * EVENTS
    assert CampaignPage.objects.count() == before[CampaignPage] + 2 * CAMPAIGNS
    assert Registration.objects.count() == before[Registration] + 3 * EVENTS
    assert InterestSignup.objects.filter(name__startswith="Warga ").count() == 4 * CAMPAIGNS
    assert "40 trainings in Indonesian, 40 in English" in output


def test_page_tree_has_no_problems(data):
    # treebeard's own consistency check: paths, depths and numchild of every node.
    assert Page.find_problems() == ([], [], [], [], [])
    for page in Page.objects.filter(depth__gt=1):
        assert page.url_path == page.get_parent().url_path + page.slug + "/"


def test_generated_pages_render_in_both_languages_and_are_linked_as_translations(client, data):
    en = Locale.objects.get(language_code="en")
    for model in (SuccessStory, TrainingEvent, CampaignPage):
        generated = model.objects.filter(locale__language_code="id", slug__contains="-g").order_by("-pk")[:2]
        assert generated
        for page in generated:
            english = page.get_translation(en)
            assert english.live and english.slug != page.slug
            for url in (page.url, english.url):
                response = client.get(url)
                assert response.status_code == 200, url
            assert english.title.encode() in client.get(english.url).content


def test_generated_trainings_have_sessions_and_count_their_registrations(data):
    event = TrainingEvent.objects.filter(locale__language_code="id", slug__contains="-g").first()
    assert EventSession.objects.filter(event=event).exists()
    assert event.places_left == event.quota - event.places_taken - 3
    english = event.get_translation(Locale.objects.get(language_code="en"))
    assert EventSession.objects.filter(event=english).exists()
    assert TrainingEvent.objects.get(pk=english.pk).places_left == event.places_left


@pytest.mark.parametrize("language", ["id", "en"])
def test_query_budgets_hold_with_generated_data(client, data, language):
    counts = {}
    for name, url in page_urls(language).items():
        client.get(url)  # renditions and frame fragments are made on a first view
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    print(f"\nSQL queries with generated data ({language}):", counts)
    over = {name: count for name, count in counts.items() if count > budget(name, language)}
    assert not over, f"over budget: {over}"
