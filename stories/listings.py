"""The story lists (the list page, the home page's latest, a training's stories): filters, cards fetched in bulk,
taxonomy names in the reader's language, and the list's own address.

Everything here costs the same number of queries with five stories or five hundred.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Site

from home.cache import cached
from home.localized import snippet_field
from home.models import Kecamatan, Partner, SkillArea
from home.pagination import page_links, page_number, paginate
from home.seo import SOCIAL_IMAGE

from .models import StoryIndexPage, SuccessStory

# The same specs as the {% picture %} tags in the templates: renditions are
# prefetched for exactly these, so a card costs no query of its own.
CARD_IMAGE = "format-{avif,webp,jpeg} fill-{360x240,720x480}"
PORTRAIT_IMAGE = "format-{avif,webp,jpeg} fill-{320x400,640x800}"
GALLERY_IMAGE = "format-{avif,webp,jpeg} width-{400,800}"
SHARE_IMAGE = SOCIAL_IMAGE

# Longer values cannot be a skill-area slug or a kecamatan; they are not even echoed back.
MAX_FILTER_LENGTH = 100


def specs(*patterns):
    return [spec for pattern in patterns for spec in Filter.expand_spec(pattern)]


def renditions_for(*patterns):
    rendition_model = get_image_model().get_rendition_model()
    return rendition_model.objects.filter(filter_spec__in=specs(*patterns))


def story_cards(queryset, locale_id):
    """Stories ready for a card: portrait and its renditions, skill areas by id; never the body."""
    return (
        queryset.select_related("portrait")
        .prefetch_related(Prefetch("portrait__renditions", queryset=renditions_for(CARD_IMAGE)))
        .defer_streamfields()
        .with_taxonomy_ids()
        .order_by("-date_published", "-pk")
    )


def label_cards(stories, locale_id):
    labels = skill_area_labels(locale_id)
    for story in stories:
        story.skill_area_labels = labels.for_ids(parse_ids(story.skill_area_ids))
    return stories


def latest_stories(locale_id, limit=3):
    """The newest published stories of one language, for the home page: two queries."""
    return label_cards(list(story_cards(SuccessStory.objects.published(locale_id), locale_id)[:limit]), locale_id)


class StoryFilters:
    """`bidang` (a skill-area slug, the same in both languages) and `kecamatan`, as given in the URL.

    A repeated parameter counts once (the last one, as Django's QueryDict.get
    reads it). A value that names nothing known gives an empty result the reader
    can clear, but it is never echoed back, not even in a link.
    """

    def __init__(self, params, labels, base_url=""):
        self.base_url = base_url
        self.skill_area_slug = _clean(params.get("bidang"))
        self.kecamatan = _clean(params.get("kecamatan"))
        self.skill_area = next((label for label in labels.options if label.slug == self.skill_area_slug), None)
        self.skill_area_ids = [pk for pk, label in labels.by_pk.items() if label == self.skill_area]
        self.kecamatan_label = Kecamatan(self.kecamatan).label if self.kecamatan in Kecamatan.values else None

    @property
    def active(self):
        return bool(self.skill_area_slug or self.kecamatan)

    @property
    def matches_nothing(self):
        return bool(self.skill_area_slug and not self.skill_area) or bool(self.kecamatan and not self.kecamatan_label)

    def params(self, **changes):
        """The recognised filters as URL parameters; unknown values are left out of every link."""
        values = {
            "bidang": self.skill_area.slug if self.skill_area else "",
            "kecamatan": self.kecamatan if self.kecamatan_label else "",
            **changes,
        }
        return {name: value for name, value in values.items() if value}

    def url(self, page=1, **changes):
        """A link to this list with the same filters, on `page` (the first page has no number)."""
        query = urlencode(self.params(page=page if page > 1 else "", **changes))
        return f"{self.base_url}?{query}" if query else self.base_url or "?"

    def chips(self):
        """The active filters, each with a link that removes it and keeps the other."""
        chips = []
        if self.skill_area_slug:
            name = self.skill_area.name if self.skill_area else _("unknown skill area")
            chips.append({"label": _("Skill area: %(name)s") % {"name": name}, "remove_url": self.url(bidang="")})
        if self.kecamatan:
            name = self.kecamatan_label or _("unknown kecamatan")
            chips.append({"label": _("Kecamatan: %(name)s") % {"name": name}, "remove_url": self.url(kecamatan="")})
        return chips

    def apply(self, queryset):
        if self.matches_nothing:
            return queryset.none()
        if self.skill_area:
            through = SuccessStory.skill_areas.through
            queryset = queryset.filter(
                Exists(through.objects.filter(successstory_id=OuterRef("pk"), skillarea_id__in=self.skill_area_ids))
            )
        if self.kecamatan:
            queryset = queryset.filter(kecamatan=self.kecamatan)
        return queryset


def _clean(value):
    value = (value or "").strip()
    return value if len(value) <= MAX_FILTER_LENGTH else "\N{REPLACEMENT CHARACTER}"


def story_listing(index, request):
    labels = skill_area_labels(index.locale_id)
    list_url = index.get_url(request)
    filters = StoryFilters(request.GET, labels, list_url)
    stories = filters.apply(SuccessStory.objects.published(index.locale_id).child_of(index))
    requested = page_number(request.GET.get("page"))
    page = paginate(story_cards(stories, index.locale_id), requested, index.stories_per_page)
    label_cards(page.object_list, index.locale_id)
    return {
        "list_url": list_url,
        "stories": page.object_list,
        "page_obj": page,
        "page_links": page_links(page, lambda number: filters.url(page=number)),
        "filters": filters,
        "filter_chips": filters.chips(),
        "skill_area_options": labels.options,
        "kecamatan_options": Kecamatan.choices,
        # Filtered and out-of-range variants are not separate documents for search engines.
        "noindex": filters.active or "page" in request.GET and page.number != requested,
    }


def stories_in_skill_areas(locale_id, skill_area_slugs, limit=3):
    """Published stories of one language from any of these skill areas, for a training's page: two queries.

    Skill-area slugs are the same in every language, so a training's areas find
    the stories of its own language whichever snippet rows it points at.
    """
    if not skill_area_slugs:
        return []
    labels = skill_area_labels(locale_id)
    area_ids = [pk for pk, label in labels.by_pk.items() if label.slug in skill_area_slugs]
    through = SuccessStory.skill_areas.through
    in_area = Exists(through.objects.filter(successstory_id=OuterRef("pk"), skillarea_id__in=area_ids))
    return label_cards(
        list(story_cards(SuccessStory.objects.published(locale_id).filter(in_area), locale_id)[:limit]), locale_id
    )


def parse_ids(text):
    return [int(part) for part in (text or "").split(",") if part]


# --- Taxonomy labels in the reader's language ------------------------------------
#
# A translated story keeps pointing at the Indonesian skill areas and partners
# (they are synchronized fields), so names are looked up by translation key at
# render time. The tables are small and change rarely: the whole lookup is cached
# under the site's content version, which any snippet save or publish changes.


@dataclass(frozen=True)
class SkillAreaLabel:
    key: str
    name: str
    slug: str


@dataclass(frozen=True)
class PartnerLabel:
    key: str
    name: str
    website: str


@dataclass(frozen=True)
class Labels:
    by_pk: dict
    options: list

    def for_ids(self, ids):
        """Labels for the given row ids, once each, in name order."""
        found = {self.by_pk[pk] for pk in ids if pk in self.by_pk}
        return sorted(found, key=lambda label: label.name.casefold())


def _labels(model, locale_id, fields, make):
    """One label per translation key, its `fields` in the reader's language (else the first row's own), by row id."""
    rows = (
        model.objects.order_by("locale_id", "pk")
        .annotate(**{f"local_{name}": snippet_field(model, name, locale_id) for name in fields})
        .values("pk", "translation_key", *(f"local_{name}" for name in fields))
    )
    by_key, by_pk = {}, {}
    for row in rows:
        key = str(row["translation_key"])
        if key not in by_key:
            by_key[key] = make(key, *(row[f"local_{name}"] for name in fields))
        by_pk[row["pk"]] = by_key[key]
    options = sorted(by_key.values(), key=lambda label: label.name.casefold())
    return Labels(by_pk=by_pk, options=options)


def skill_area_labels(locale_id):
    return cached(
        ("story-skill-areas", locale_id), lambda: _labels(SkillArea, locale_id, ("name", "slug"), SkillAreaLabel)
    )


def partner_labels(locale_id):
    return cached(("story-partners", locale_id), lambda: _labels(Partner, locale_id, ("name", "website"), PartnerLabel))


def story_index_url(locale_id, request):
    """The story list of one language, for links from the home page and from stories."""

    def build():
        index = StoryIndexPage.objects.live().filter(locale_id=locale_id).first()
        return index.get_url(request) if index else None

    site = Site.find_for_request(request)
    return cached(("story-index-url", site.pk if site else None, locale_id), build)
