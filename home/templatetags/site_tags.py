from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.i18n import language_versions

register = template.Library()


def _page_ancestors(request, page):
    """Ancestors below the tree root, from the language's home page down; one query per request."""
    cached = getattr(request, "_page_ancestors", None)
    if cached is None or cached[0] != page.pk:
        if page.pk and page.depth > 2:
            ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gte=2))
        else:
            ancestors = [page]
        request._page_ancestors = cached = (page.pk, ancestors)
    return cached[1]


def _language_home(request, page):
    if page is not None:
        return _page_ancestors(request, page)[0]
    site = Site.find_for_request(request)
    if site is None:
        return None
    return (
        Page.objects.filter(translation_key=site.root_page.translation_key, locale__language_code=get_language())
        .live()
        .first()
    )


@register.inclusion_tag("includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    request = context["request"]
    page = context.get("page")
    home = _language_home(request, page)
    if home is None:
        return {"items": []}
    current_path = request.path
    items = [{"title": home.title, "url": home.get_url(request), "active": page is not None and page.pk == home.pk}]
    for child in home.get_children().live().in_menu():
        url = child.get_url(request)
        items.append({"title": child.title, "url": url, "active": bool(url) and current_path.startswith(url)})
    return {"items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context["request"]
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    ancestors = _page_ancestors(request, page)
    return {"crumbs": [{"title": p.title, "url": p.get_url(request)} for p in ancestors[:-1]], "current": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"versions": language_versions(context["request"], context.get("page"))}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel=alternate> for each live translation, plus x-default for the Indonesian one."""
    request = context["request"]
    versions = [v for v in language_versions(request, context.get("page")) if not v.is_fallback]
    default = next((v for v in versions if v.code == settings.LANGUAGE_CODE), versions[0] if versions else None)
    return {
        "alternates": [(v.code, request.build_absolute_uri(v.url)) for v in versions],
        "x_default": request.build_absolute_uri(default.url) if default else None,
    }
