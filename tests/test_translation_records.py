"""A partly translated page is found through wagtail-localize's records, and listed on the dashboard.

A translation published with a segment left empty is found from the records; one that
is in the records but never reached the page (list items without ids, the demo's old
FAQ bug) is found by reading the page itself.
"""

import uuid

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from home.dashboard import attention_rows, needs_attention
from home.models import StandardPage
from home.translations import partly_translated_pages, untranslated_segments


def _page_with_faq(home, item_ids=True):
    def item(value):
        return {"type": "item", "value": value, "id": str(uuid.uuid4())} if item_ids else value

    page = StandardPage(
        title="Tanya jawab",
        slug="tanya-jawab",
        intro="Pertanyaan warga",
        body=[
            {
                "type": "faq",
                "value": {
                    "title": "Pertanyaan umum",
                    "items": [item({"question": "Apakah gratis?", "answer": "<p>Ya, gratis.</p>"})],
                },
                "id": str(uuid.uuid4()),
            }
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page, english, publish=True):
    """Translate through wagtail-localize as the translation editor would, leaving out what `english` lacks."""
    user = get_user_model().objects.create_superuser("penerjemah", "p@example.org", "x")
    en = Locale.objects.get(language_code="en")
    TranslationCreator(user, [en]).create_translations(page, include_related_objects=False)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=en)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = english.get(entry.msgid, "")
    translation.import_po(po, user=user)
    translation.save_target(user=user, publish=False)
    target = page.get_translation(en)
    target.get_latest_revision().publish(user=user)
    return Page.objects.get(pk=target.pk).specific


ENGLISH = {
    "Tanya jawab": "Questions",
    "tanya-jawab": "questions",
    "Pertanyaan warga": "Residents' questions",
    "Pertanyaan umum": "Common questions",
    "Apakah gratis?": "Is it free?",
    "Ya, gratis.": "Yes, free.",
}


@pytest.mark.django_db
def test_a_translation_published_with_a_segment_left_empty_is_listed(site_tree, client):
    page = _page_with_faq(site_tree["home"])
    english = dict(ENGLISH)
    del english["Apakah gratis?"]
    target = _translate(page, english)

    assert target.live
    assert untranslated_segments(target) == [(untranslated_segments(target)[0][0], "Apakah gratis?")]
    assert partly_translated_pages(site_tree["home"].locale, target.locale) == [Page.objects.get(pk=target.pk)]
    attention = needs_attention()
    assert [row["title"] for row in attention_rows(attention)["partly_translated"]] == ["Questions"]

    client.force_login(get_user_model().objects.get(username="penerjemah"))
    html = client.get("/admin/").content.decode()
    assert "Halaman bahasa Inggris yang belum lengkap diterjemahkan" in html  # the admin in Indonesian


@pytest.mark.django_db
def test_a_complete_translation_is_not_listed(site_tree):
    page = _page_with_faq(site_tree["home"])
    target = _translate(page, ENGLISH)
    assert untranslated_segments(target) == []
    assert partly_translated_pages(site_tree["home"].locale, target.locale) == []


@pytest.mark.django_db
def test_translated_text_that_never_reached_the_page_is_found(site_tree):
    # List items stored without ids get new ids on every read: the records hold the
    # English question, but wagtail-localize cannot put it back into the page.
    page = _page_with_faq(site_tree["home"], item_ids=False)
    target = _translate(page, ENGLISH)
    assert partly_translated_pages(site_tree["home"].locale, target.locale) == []  # the records look complete
    assert [text for _path, text in untranslated_segments(target)] == ["Apakah gratis?", "Ya, gratis."]
