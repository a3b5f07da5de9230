"""Is a translation complete? Answered from wagtail-localize's own records.

wagtail-localize lets an editor publish a translation with some segments left
untranslated (they fall back to the source text), and a translated segment that
cannot be put back into the page (a StreamField item whose id changed) is
silently dropped, so a live English page can still show Indonesian text. Two
checks, both reading the records wagtail-localize keeps (TranslationSource, its
StringSegments and their StringTranslations):

- `partly_translated_pages`: live pages in the target language whose source has a
  segment with no translation into that language. One query, for the editors'
  dashboard.
- `untranslated_segments`: the segments a live translation *actually shows* in the
  source language, found by extracting the translated page's segments and its
  source's the way wagtail-localize does and matching them. This also catches
  a translation that exists in the records but never reached the page. For tests
  and for checking content before a launch; it reads the page, so it is not run
  on every dashboard view.

A segment that is deliberately the same in both languages (a person's or a
partner's name) is recorded by the editor as a translation equal to the source,
and is not reported; neither are segments without letters (figures such as "75%").
"""

import json

from django.db.models import Exists, F, OuterRef
from django.forms.models import model_to_dict
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _has_letters(text):
    return any(ch.isalpha() for ch in text)


def partly_translated_pages(source_locale, target_locale):
    """Live `target_locale` pages whose source has at least one segment not translated into it: one query."""
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string"), context=OuterRef("context"), locale=target_locale
    )
    untranslated = StringSegment.objects.filter(source=OuterRef("pk")).exclude(Exists(translated))
    sources = TranslationSource.objects.filter(locale=source_locale).filter(Exists(untranslated))
    return list(
        Page.objects.filter(locale=target_locale, live=True, translation_key__in=sources.values("object_id"))
        .only("id", "title", "translation_key", "locale_id")
        .order_by("title")
    )


def _texts(instance):
    return [
        (value.path, value.string.data)
        for value in extract_segments(instance)
        if isinstance(value, StringSegmentValue) and _has_letters(value.string.data)
    ]


def untranslated_segments(instance):
    """(path, text) of each segment `instance` (a translation) shows exactly as its source has it.

    Both pages are read through wagtail-localize's own segment extraction; the only
    text allowed to match is what a translator recorded as translated to itself.
    """
    source = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .exclude(locale_id=instance.locale_id)
        .first()
    )
    if source is None:
        return []
    source_instance = source.get_source_instance()
    source_texts = {text for _path, text in _texts(source_instance)}
    # Text wagtail-localize never offered for translation (StreamField list items
    # stored without ids are not extracted from the source) is still the source's:
    # look for it in the source's stored content too.
    data = source_instance.serializable_data() if isinstance(source_instance, Page) else model_to_dict(source_instance)
    stored = json.dumps(data, ensure_ascii=False, default=str)
    shown = [(path, text) for path, text in _texts(instance) if text in source_texts or text in stored]
    same_on_purpose = set(
        StringTranslation.objects.filter(
            locale_id=instance.locale_id,
            translation_of__data__in=[text for _path, text in shown],
            data=F("translation_of__data"),
        ).values_list("data", flat=True)
    )
    return [(path, text) for path, text in shown if text not in same_on_purpose]
