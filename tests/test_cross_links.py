"""Stories and trainings lead to each other: a reader moved by a story can join, a visitor can read who did."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.listings import upcoming_in_skill_areas
from events.models import TrainingEvent
from stories.models import SuccessStory

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_stories_and_trainings_link_both_ways_in_each_language(client, demo):
    for language in ("id", "en"):
        story = (
            SuccessStory.objects.live()
            .filter(locale__language_code=language, skill_areas__slug="kerajinan-anyaman")
            .first()
        )
        # The demo's weaving training is under way with registration closed: a story links only to
        # trainings one can still join (issue 19), so open its registration again for this test.
        weaving = (
            TrainingEvent.objects.live()
            .filter(locale__language_code=language, skill_areas__slug="kerajinan-anyaman")
            .upcoming()
        )
        assert weaving, "the demo has an upcoming weaving training"
        TrainingEvent.objects.filter(translation_key__in=[event.translation_key for event in weaving]).update(
            registration_closes=timezone.now() + timedelta(days=2)
        )
        upcoming = upcoming_in_skill_areas(story.locale_id, {"kerajinan-anyaman"}, timezone.now())
        assert upcoming

        story_doc = html(client.get(story.url))
        section = story_doc.find(id="story-trainings-heading").parent
        assert [a["href"] for a in section.find_all("a")] == [event.url for event in upcoming]
        assert all(event.locale_id == story.locale_id for event in upcoming)

        event_doc = html(client.get(upcoming[0].url))
        stories = event_doc.find(id="training-stories-heading").parent
        assert story.url in [a["href"] for a in stories.find_all("a")]


def test_story_links_its_training_in_the_readers_language(client, demo):
    story = SuccessStory.objects.live().filter(locale__language_code="id", hide_identity=False).first()
    event = TrainingEvent.objects.live().filter(locale__language_code="id").first()
    story.training_event = event
    story.save_revision().publish()
    english_story = SuccessStory.objects.get(translation_key=story.translation_key, locale__language_code="en")
    # The link is synchronized: the English story points at the Indonesian training until synced.
    english_story.training_event = event
    english_story.save_revision().publish()
    english_event = TrainingEvent.objects.get(translation_key=event.translation_key, locale__language_code="en")

    facts = html(client.get(story.url)).find(class_="story-facts")
    assert facts.find("a", href=event.url).get_text() == event.title
    english_facts = html(client.get(english_story.url)).find(class_="story-facts")
    assert english_facts.find("a", href=english_event.url).get_text() == english_event.title
