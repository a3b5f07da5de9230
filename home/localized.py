"""Snippets and pages in the reader's language.

Links to snippets and pages are synchronized fields, so a translated page still
points at the Indonesian venue, partner, skill area or linked page. Their
translations share its `translation_key`; these helpers find them without a
query per item (Wagtail's `.localized` costs up to three queries per object).
"""

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page

# What a link to a page needs: its URL (url_path, locale) and its place in the tree (depth, path).
LINK_FIELDS = ("id", "url_path", "locale_id", "depth", "path")


def snippet_field(model, field, locale_id, via=""):
    """A snippet's `field` in `locale_id` as SQL: its translation's value when there is one, else its own.

    `via` is the path from the queried model to the snippet (`"venue"`,
    `"event__venue"`), or empty when the query is over the snippets themselves.
    A correlated subquery, so a listing of any length costs no extra query.
    """
    prefix = f"{via}__" if via else ""
    translation = model.objects.filter(translation_key=OuterRef(f"{prefix}translation_key"), locale_id=locale_id)
    return Coalesce(Subquery(translation.order_by().values(field)[:1]), F(f"{prefix}{field}"))


def localized_snippets(instances, locale_id):
    """Snippets in `locale_id`, each falling back to itself when it has no translation yet.

    For pages that show more of a snippet than a name (a venue's address and
    accessibility notes). One query for any number of snippets of one model,
    none when they are all in `locale_id` already.
    """
    instances = [instance for instance in instances if instance is not None]
    foreign = [instance for instance in instances if instance.locale_id != locale_id]
    if not foreign:
        return instances
    model = type(foreign[0])
    translated = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            locale_id=locale_id, translation_key__in=[instance.translation_key for instance in foreign]
        )
    }
    return [translated.get(instance.translation_key, instance) for instance in instances]


def localized_page(page, locale_id, fields=LINK_FIELDS):
    """A linked page in `locale_id` when it has a live translation there, else the page itself.

    `page` is a page, or only its id (a foreign key's `_id`: the linked page
    need not be loaded first, and only `fields` of it are). One query; none
    for a page that is already in `locale_id`.
    """
    if not page:
        return None
    if isinstance(page, Page):
        if locale_id is None or page.locale_id == locale_id:
            return page
        translated = type(page).objects.live().filter(translation_key=page.translation_key, locale_id=locale_id)
        return translated.first() or page
    linked = Page.objects.filter(pk=page).values("translation_key")[:1]
    candidates = (
        Page.objects.filter(translation_key=Subquery(linked))
        .filter(Q(pk=page) | Q(locale_id=locale_id, live=True))
        .only(*fields)
    )
    by_locale = {candidate.locale_id: candidate for candidate in candidates}
    return by_locale.get(locale_id) or next(iter(by_locale.values()), None)
