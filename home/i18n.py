"""Which language versions of a page exist, for the language switcher and hreflang links."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .addresses import page_full_url
from .cache import cached


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    full_url: str
    is_current: bool
    # True when the page has no live translation in this language and the link
    # leads to that language's home page instead.
    is_fallback: bool


def _home_pages_by_language(site):
    """The live root page of each language tree of the site, keyed by language code."""
    return {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=site.root_page.translation_key).live().select_related("locale")
    }


def _build_versions(request, site, page, current):
    translations = {}
    if page is not None and page.pk:
        live = list(Page.objects.filter(translation_key=page.translation_key).live().select_related("locale"))
        translations = {p.locale.language_code: p for p in live}
        if all(p.pk != page.pk for p in live):
            # A preview or draft is not live but is still "this page" in its own language.
            translations.setdefault(page.locale.language_code, page)
    homes = None
    versions = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        is_fallback = target is None
        if is_fallback:
            if homes is None:
                homes = _home_pages_by_language(site) if site is not None else {}
            target = homes.get(code)
        url = target.get_url(request) if target is not None else None
        if url is None:
            continue
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                url=url,
                full_url=page_full_url(target, request),
                is_current=code == current,
                is_fallback=is_fallback,
            )
        )
    return versions


def language_versions(request, page=None):
    """One entry per language that has somewhere to go; cached until content changes."""
    site = Site.find_for_request(request)
    current = get_language()
    if getattr(request, "is_preview", False) or (page is not None and not page.live):
        return _build_versions(request, site, page, current)
    parts = ("lang", site.pk if site else None, page.pk if page else None, current)
    return cached(parts, lambda: _build_versions(request, site, page, current))
