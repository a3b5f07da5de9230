"""Builders for the campaign tests: a campaign list in both languages and campaigns on it."""

import datetime
import uuid

from campaigns.models import CampaignIndexPage, CampaignPage

# Matches tests.events_support.NOW (Sunday 15 November 2026, 09:00 WIB).
TODAY = datetime.date(2026, 11, 15)


def make_campaign_index(site_tree, locales):
    _id, en_locale = locales
    index = CampaignIndexPage(title="Sosialisasi", slug="sosialisasi", intro="Ayo belajar keterampilan.")
    site_tree["home"].add_child(instance=index)
    index.save_revision().publish()
    english = index.copy_for_translation(en_locale)
    english.title, english.slug, english.intro = "Campaigns", "campaigns", "Come and learn a skill."
    english.save_revision().publish()
    index.refresh_from_db()
    english.refresh_from_db()
    return index, english


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def make_campaign(index, *, start, end, skill_areas=(), partners=(), body=(), **fields):
    defaults = {
        "title": "Ayo Menjahit",
        "summary": "Keterampilan menjahit membuka usaha dari rumah.",
        "audience": "Ibu rumah tangga dan lulusan SMA.",
    }
    defaults.update(fields)
    defaults.setdefault("slug", defaults["title"].lower().replace(" ", "-"))
    page = CampaignPage(start_date=start, end_date=end, body=list(body), **defaults)
    page.skill_areas = list(skill_areas)
    page.partners = list(partners)
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_campaign(page, en_locale, **english):
    copy = page.copy_for_translation(en_locale)
    english.setdefault("title", "EN " + page.title)
    english.setdefault("slug", "en-" + page.slug)
    english.setdefault("summary", "EN " + page.summary)
    for name, value in english.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy
