"""What a story page shows besides its own fields: names in the reader's language, gallery, related stories."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects

from home.addresses import absolute_url, rebase
from home.cache import cached_for
from home.images import rendition_or_none
from home.seo import article_json_ld
from home.sharing import share_links

from .listings import (
    CARD_IMAGE,
    GALLERY_IMAGE,
    PORTRAIT_IMAGE,
    SHARE_IMAGE,
    parse_ids,
    partner_labels,
    renditions_for,
    skill_area_labels,
    story_index_url,
)
from .models import SuccessStory

RELATED_COUNT = 3


def related_stories(story, skill_area_keys, request=None, limit=RELATED_COUNT):
    """Other published stories of the same language that share a skill area, newest first.

    Content only, so cached per content version (never in a preview, which may change the skill areas):
    building this statement was a sixth of an uncached story page's time.
    """
    if not skill_area_keys:
        return []
    labels = skill_area_labels(story.locale_id)
    area_ids = sorted(pk for pk, label in labels.by_pk.items() if label.key in skill_area_keys)

    def build():
        through = SuccessStory.skill_areas.through
        shares_an_area = Exists(through.objects.filter(successstory_id=OuterRef("pk"), skillarea_id__in=area_ids))
        queryset = SuccessStory.objects.published(story.locale_id).filter(shares_an_area)
        if story.pk:
            queryset = queryset.exclude(pk=story.pk)
        queryset = queryset.select_related("portrait").defer_streamfields()
        return list(queryset.with_taxonomy_ids().order_by("-date_published", "-pk")[:limit])

    if story.pk:
        related = cached_for(request, ("related-stories", story.locale_id, story.pk, limit, *area_ids), build)
    else:
        related = build()
    for other in related:
        other.skill_area_labels = labels.for_ids(parse_ids(other.skill_area_ids))
    return related


def _own_facts(story, preview):
    """The story's skill-area ids, partner ids and portrait (if it may be shown)."""
    if preview:
        # A preview shows the editor's unsaved choices, which live only on this object.
        return (
            [area.pk for area in story.skill_areas.all()],
            [partner.pk for partner in story.partners.all()],
            None if story.hide_identity else story.portrait,
        )
    queryset = SuccessStory.objects.filter(pk=story.pk).defer_streamfields()
    if not story.hide_identity:
        queryset = queryset.select_related("portrait")
    row = queryset.with_taxonomy_ids(partners=True).get()
    portrait = None if story.hide_identity else row.portrait
    return parse_ids(row.skill_area_ids), parse_ids(row.partner_ids), portrait


def story_page_context(story, request):
    """Four queries whatever the story holds: its own facts, gallery, related stories, renditions."""
    preview = getattr(request, "is_preview", False) or not story.pk
    area_ids, partner_ids, portrait = _own_facts(story, preview)
    skill_areas = skill_area_labels(story.locale_id).for_ids(area_ids)
    partners = partner_labels(story.locale_id).for_ids(partner_ids)

    gallery = story.gallery_images.all()
    if isinstance(gallery, QuerySet):  # not an unsaved preview
        gallery = gallery.select_related("image")
    gallery = [item for item in gallery if not (story.hide_identity and item.shows_participant)]
    related = related_stories(story, {area.key for area in skill_areas}, request)

    images = [portrait, *(item.image for item in gallery)]
    images += [other.portrait for other in related if not other.hide_identity]
    images = [image for image in images if image is not None]
    renditions = renditions_for(PORTRAIT_IMAGE, GALLERY_IMAGE, CARD_IMAGE, SHARE_IMAGE)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))

    share_image = portrait or (gallery[0].image if gallery else None)
    share_image = rendition_or_none(share_image, SHARE_IMAGE)
    share_url = rebase(story.get_url(request) or request.path)
    share_image_url = absolute_url(share_image.url) if share_image else None
    return {
        # The portrait is only ever handed to the template when the participant allows it.
        "portrait": portrait,
        "share_image": share_image,
        # Absolute, as other sites fetch it; absolute_url leaves a CDN's absolute MEDIA_URL alone.
        "share_image_url": share_image_url,
        # Privacy: the Article names no participant, and its image is the share image, never the
        # portrait or a photo of a participant who asked for privacy.
        "article_json_ld": article_json_ld(
            story, request, page_url=share_url, image_url=share_image_url, day=story.date_published
        ),
        "gallery": gallery,
        "story_skill_areas": skill_areas,
        "story_partners": partners,
        "related_stories": related,
        "story_index_url": story_index_url(story.locale_id, request),
        "share_url": share_url,
        "share_links": share_links(share_url, story.title),
    }
