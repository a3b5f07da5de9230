"""Which language versions of a page exist, for the language switcher and hreflang links."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    is_current: bool
    # True when the page has no live translation in this language and the link
    # leads to that language's home page instead.
    is_fallback: bool


def _home_pages_by_language(request):
    """The live root page of each language tree of the current site, keyed by language code."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=site.root_page.translation_key).live().select_related("locale")
    }


def language_versions(request, page=None):
    """One entry per configured language, computed once per request."""
    cached = getattr(request, "_language_versions", None)
    if cached is not None and cached[0] == (page.pk if page else None):
        return cached[1]

    current = get_language()
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
                homes = _home_pages_by_language(request)
            target = homes.get(code)
        url = target.get_url(request) if target is not None else None
        if url is None:
            continue
        versions.append(
            LanguageVersion(code=code, name=name, url=url, is_current=code == current, is_fallback=is_fallback)
        )
    request._language_versions = (page.pk if page else None, versions)
    return versions
