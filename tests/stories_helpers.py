"""Builders for the success-story tests: a translated story list, skill areas, partners and stories."""

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import Kecamatan, Partner, PartnerKind, SkillArea
from stories.models import StoryGalleryImage, StoryIndexPage, SuccessStory

_counter = itertools.count(1)

SKILL_AREAS = [
    ("menjahit", "Menjahit", "Sewing"),
    ("kerajinan-anyaman", "Kerajinan anyaman", "Weaving"),
    ("teknologi-informasi", "Teknologi informasi", "Information technology"),
]


def locales():
    return Locale.objects.get(language_code="id"), Locale.objects.get(language_code="en")


def image(title="Foto", size=(96, 64), colour="#0b6e4f"):
    """A small generated image: renditions of it are quick to make."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{slug}.png"))


def translated_snippet(snippet, **english):
    copy = snippet.copy_for_translation(locales()[1])
    for name, value in english.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def make_skill_areas():
    """Indonesian skill areas with English translations, keyed by slug: {slug: (id, en)}."""
    id_locale, _en = locales()
    areas = {}
    for slug, id_name, en_name in SKILL_AREAS:
        area = SkillArea.objects.create(locale=id_locale, slug=slug, name=id_name)
        areas[slug] = (area, translated_snippet(area, name=en_name))
    return areas


def make_partner(id_name, en_name, website=""):
    partner = Partner.objects.create(locale=locales()[0], name=id_name, kind=PartnerKind.NGO, website=website)
    return partner, translated_snippet(partner, name=en_name)


def make_index(site_tree):
    """The Indonesian story list under the home page and its published English translation."""
    index = StoryIndexPage(title="Kisah Sukses", slug="kisah-sukses", intro="Kisah warga")
    site_tree["home"].add_child(instance=index)
    index.save_revision().publish()
    english = index.copy_for_translation(locales()[1])
    english.title, english.slug, english.intro = "Success stories", "success-stories", "Residents' stories"
    english.save_revision().publish()
    index.refresh_from_db()
    english.refresh_from_db()
    return index, english


def story(index, title="Kisah", *, areas=(), partners=(), gallery=(), publish=True, **fields):
    """A story under `index`; published unless `publish` is False (then it stays a draft)."""
    number = next(_counter)
    defaults = {
        "slug": f"kisah-{number}",
        "participant_name": "Siti Rahma",
        "kecamatan": Kecamatan.PAHANDUT,
        "training_year": 2024,
        "intro": "Cerita singkat tentang pelatihan.",
        "date_published": datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
    }
    page = SuccessStory(title=title, **{**defaults, **fields})
    page.skill_areas = list(areas)
    page.partners = list(partners)
    page.gallery_images = [StoryGalleryImage(**item) for item in gallery]
    if not publish:
        page.live = False
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def translate(page, **english):
    """Publish an English translation of a story (its synchronized fields are copied as they are)."""
    copy = page.copy_for_translation(locales()[1])
    for name, value in english.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy
