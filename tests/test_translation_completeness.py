"""No English demo page or snippet shows Indonesian: checked through wagtail-localize's own records

(`home.translations.untranslated_segments`, tested against known answers in
`test_translation_records.py`), for every page type of the demo.
"""

from wagtail.models import Locale, Page

from home.models import Partner, SkillArea, Venue
from home.translations import partly_translated_pages, untranslated_segments


def test_every_english_demo_page_and_snippet_is_fully_translated(demo):
    en = Locale.objects.get(language_code="en")
    pages = Page.objects.filter(locale=en, live=True, depth__gte=2).specific()
    checked_types = set()
    for page in pages:
        assert untranslated_segments(page) == [], page.url
        checked_types.add(type(page).__name__)
    # Every page type of the demo is among them, so a new type cannot slip past.
    id_types = {type(p).__name__ for p in Page.objects.filter(locale__language_code="id", depth__gte=2).specific()}
    assert checked_types == id_types
    assert {"HomePage", "StandardPage", "CampaignPage", "TrainingEvent", "SuccessStory"} <= checked_types
    for model in (SkillArea, Partner, Venue):
        for snippet in model.objects.filter(locale=en):
            assert untranslated_segments(snippet) == [], snippet
    assert partly_translated_pages(Locale.objects.get(language_code="id"), en) == []


def test_the_english_about_page_asks_its_questions_in_english(demo, client):
    html = client.get("/en/about/").content.decode()
    assert "Do the courses cost anything?" in html
    assert "Apakah pelatihan berbayar?" not in html
