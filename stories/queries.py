"""Querysets and look-ups shared by the story list, the story page and the home page.

Everything here is written so a page costs the same number of queries with five
stories or five hundred.
"""

from dataclasses import dataclass

from django.db.models import Aggregate, CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import PageViewRestriction, Site

from home.cache import cached
from home.localized import snippet_field
from home.models import Partner, SkillArea


class IdList(Aggregate):
    """Comma-separated values of a column.

    Django 5.2 has no portable string aggregate (StringAgg is PostgreSQL-only until
    Django 6), so this picks GROUP_CONCAT (SQLite, MySQL) or STRING_AGG (PostgreSQL).
    """

    function = "GROUP_CONCAT"
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(Cast(expression, output_field=CharField()), **extra)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')", **extra_context
        )


def parse_ids(text):
    return [int(part) for part in (text or "").split(",") if part]


def published_stories(locale_id):
    """Stories a visitor may read in one language: live, and not behind a password or login.

    Wagtail's `.public()` would cost a query of its own on every call; this checks
    the restrictions of every ancestor inside the same SQL statement.
    """
    from .models import SuccessStory

    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return SuccessStory.objects.live().filter(locale_id=locale_id).exclude(Exists(restricted))


def with_taxonomy_ids(queryset, partners=False):
    """Annotate each story with the ids of its skill areas (and partners), without a query per story."""
    from .models import SuccessStory

    def ids_of(field, target):
        through = getattr(SuccessStory, field).through
        return Subquery(
            through.objects.filter(successstory_id=OuterRef("pk"))
            .values("successstory_id")
            .annotate(ids=IdList(f"{target}_id"))
            .values("ids")
        )

    queryset = queryset.annotate(skill_area_ids=ids_of("skill_areas", "skillarea"))
    if partners:
        queryset = queryset.annotate(partner_ids=ids_of("partners", "partner"))
    return queryset


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
    from .models import StoryIndexPage

    def build():
        index = StoryIndexPage.objects.live().filter(locale_id=locale_id).first()
        return index.get_url(request) if index else None

    site = Site.find_for_request(request)
    return cached(("story-index-url", site.pk if site else None, locale_id), build)
