from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.addresses import absolute_url, page_full_url
from home.cache import cached
from home.i18n import language_versions
from home.images import rendition_or_none
from home.models import site_contact
from home.seo import SOCIAL_IMAGE, ld_json, meta_description, organization_data

register = template.Library()

OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def _cacheable(request, page):
    return not getattr(request, "is_preview", False) and (page is None or page.live)


def _trail(request, page):
    """(title, url) from the language's home page down to `page`."""

    def build():
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2) if page.depth > 2 else [page]
        return [(p.pk, p.title, p.get_url(request), page_full_url(p, request)) for p in ancestors]

    if not page.pk or not _cacheable(request, page):
        return build()
    site = Site.find_for_request(request)
    return cached(("trail", site.pk if site else None, page.pk), build)


def _menu(request, page):
    site = Site.find_for_request(request)
    if site is None:
        return []
    # The page's own locale, so a preview shows the menu of the page's language.
    locale = {"locale_id": page.locale_id} if page is not None else {"locale__language_code": get_language()}

    def build():
        home = Page.objects.filter(translation_key=site.root_page.translation_key, **locale).live().first()
        if home is None:
            return []
        children = home.get_children().live().in_menu()
        return [(p.pk, p.title, p.get_url(request)) for p in [home, *children]]

    if not _cacheable(request, page):
        return build()
    return cached(("menu", site.pk, *locale.values()), build)


@register.inclusion_tag("includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    request = context["request"]
    page = context.get("page")
    entries = _menu(request, page)
    items = []
    for index, (pk, title, url) in enumerate(entries):
        if index == 0:  # the home page is only "current" on itself
            active = page is not None and page.pk == pk
        else:
            active = bool(url) and request.path.startswith(url)
        items.append({"title": title, "url": url, "active": active})
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context["request"]
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    trail = _trail(request, page)
    return {"crumbs": [{"title": title, "url": url} for _pk, title, url, _full in trail[:-1]], "current": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    # A view without a page (site search) may hand over its own language versions.
    versions = context.get("language_versions")
    return {"versions": versions or language_versions(context["request"], context.get("page"))}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel=alternate> for each live translation, plus x-default for the Indonesian one."""
    versions = [v for v in language_versions(context["request"], context.get("page")) if not v.is_fallback]
    default = next((v for v in versions if v.code == settings.LANGUAGE_CODE), versions[0] if versions else None)
    return {
        "alternates": [(v.code, v.full_url) for v in versions],
        "x_default": default.full_url if default else None,
    }


@register.simple_tag(takes_context=True)
def contact_details(context):
    """The footer's contact settings for this site, cached until content changes."""
    return site_contact(context["request"])


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical URL, Open Graph / Twitter card tags and structured data for the page."""
    request = context["request"]
    page = context.get("page")
    data = {"description": meta_description(page), "structured_data": []}
    if page is None:
        return data
    data["canonical"] = context.get("canonical_url") or page_full_url(page, request)
    data["title"] = page.seo_title or page.title
    data["og_type"] = getattr(page, "og_type", "website")
    data["og_locale"] = OG_LOCALES.get(get_language(), "id_ID")
    data["og_locale_alternates"] = [
        OG_LOCALES[v.code] for v in language_versions(request, page) if not v.is_fallback and not v.is_current
    ]
    # A page view may choose the shared image itself (a story hides a private participant's
    # portrait); otherwise the page model's `social_image` is used.
    rendition = context.get("share_image")
    if rendition is None and getattr(page, "social_image", None) is not None:
        rendition = rendition_or_none(page.social_image, SOCIAL_IMAGE)
    if rendition is not None:
        data["image"] = {
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.alt,
        }
    if page.depth == 2:
        data["structured_data"].append(ld_json(organization_data(request, site_contact(request))))
    else:
        trail = _trail(request, page)
        items = [
            {"@type": "ListItem", "position": index, "name": title, "item": full_url}
            for index, (_pk, title, _url, full_url) in enumerate(trail, start=1)
        ]
        data["structured_data"].append(
            ld_json({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
        )
    return data
