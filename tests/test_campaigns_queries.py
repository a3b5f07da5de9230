"""A campaign page with every block stays within its query budget, in both languages."""

import datetime

import pytest
import time_machine

from tests.campaigns_support import TODAY, block, make_campaign, make_campaign_index, translate_campaign
from tests.events_support import NOW, Taxonomy, make_event, make_schedule, wib
from tests.stories_helpers import image, make_index, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_campaign(site_tree, locales):
    with time_machine.travel(NOW, tick=False):
        taxonomy = Taxonomy(*locales)
        schedule, _en_schedule = make_schedule(site_tree, locales)
        for day in (18, 19, 20, 25):
            make_event(
                schedule,
                taxonomy,
                [(wib(2026, 11, day, 8), wib(2026, 11, day, 12))],
                title=f"Menjahit {day}",
                partners=[taxonomy.ngo],
            )
        make_event(
            schedule,
            taxonomy,
            [(wib(2026, 11, 21), wib(2026, 11, 21, 12))],
            title="Tenun Rotan",
            skill_areas=[taxonomy.weaving],
        )
        story_index, _en = make_index(site_tree)
        neighbour = story(story_index, "Kisah Sari", pull_quote="Sekarang saya punya usaha.")
        index, _en_index = make_campaign_index(site_tree, locales)
        body = [
            block("heading", {"text": "Mengapa menjahit?", "level": "h2"}),
            block("paragraph", "<p>Keterampilan membuka usaha.</p>"),
            block("key_figure", {"value": "7 dari 10", "label": "peserta punya penghasilan baru", "source": ""}),
            block("statistic", {"value": "120", "label": "lulusan", "source": ""}),
            block("featured_story", {"story": neighbour.pk, "heading": ""}),
            block("upcoming_trainings", {"heading": "", "limit": 3}),
            block("quote", {"text": "Ayo belajar.", "attribution": "Ibu Sari"}),
            block("faq", {"title": "Tanya jawab", "items": [{"question": "Gratis?", "answer": "<p>Ya.</p>"}]}),
            block(
                "call_to_action",
                {"title": "Lihat jadwal", "text": "", "page": schedule.pk, "url": "", "button_label": "Jadwal"},
            ),
        ]
        campaign = make_campaign(
            index,
            start=TODAY - datetime.timedelta(days=3),
            end=TODAY + datetime.timedelta(days=30),
            goal=50,
            hero_image=image("Sosialisasi menjahit"),
            skill_areas=[taxonomy.sewing],
            partners=[taxonomy.blk, taxonomy.ngo],
            body=body,
        )
        english = translate_campaign(campaign, locales[1])
    return campaign, english


@pytest.mark.parametrize("language", ["id", "en"])
def test_campaign_page_with_all_blocks_stays_within_15_queries(
    client, full_campaign, language, django_assert_max_num_queries
):
    campaign, english = full_campaign
    page = campaign if language == "id" else english
    with time_machine.travel(NOW, tick=False):
        client.get(page.url)  # fills the site frame's cache (menu, footer), as any earlier visitor would
        with django_assert_max_num_queries(15):
            response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    # Every block rendered, including the trainings filled in from the campaign's skill area.
    for text in ("7 dari 10", "Sekarang saya punya usaha.", "Tanya jawab", "Ayo belajar.", "Jadwal</a>"):
        assert text in content
    if language == "id":
        assert "Menjahit 18" in content and "Menjahit 20" in content
        assert "Menjahit 25" not in content  # three at most
    else:  # the trainings have no English translation yet: none is listed under /en/
        assert "Menjahit 18" not in content and "No training in these skill areas" in content
    assert "Tenun Rotan" not in content  # another skill area
