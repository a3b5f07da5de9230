"""What search engines and link previews read: sitemap with hreflang alternates, robots.txt, structured data."""

import json
from collections import defaultdict
from datetime import date, datetime, time

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from .addresses import absolute_url, page_full_url, public_base_url, rebase
from .timezones import WIB

# The site's logo, named as the publisher's logo in structured data.
LOGO = "img/logo.svg"

# The size link previews (WhatsApp, Facebook) ask for.
SOCIAL_IMAGE = "cover-1200x630|format-jpeg"

# Characters that could end a <script> element or start markup inside it.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json(data):
    """A schema.org JSON-LD <script> that no text inside `data` can break out of."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


def meta_description(page, limit=160):
    """The page's search description, else its summary or introduction, as plain text."""
    if page is None:
        return ""
    for attribute in ("search_description", "summary", "intro", "hero_text"):
        value = getattr(page, attribute, "")
        if value:
            text = " ".join(strip_tags(str(value)).split())
            return Truncator(text).chars(limit)
    return ""


class MultilingualSitemap(Sitemap):
    """Every live page of every language tree, each with its translations as xhtml:link alternates.

    Wagtail's own sitemap only walks the default language's tree and lists no alternates.
    """

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).values_list("path", flat=True)
        in_site = Q()
        for path in homes:
            in_site |= Q(path__startswith=path)
        pages = Page.objects.live().public().filter(in_site).order_by("path")
        self._alternates = self._alternates_by_key(pages)
        return pages.defer_streamfields().specific()

    def _alternates_by_key(self, pages):
        by_key = defaultdict(dict)
        for page in pages.select_related("locale"):
            url = page_full_url(page, self.request)
            if url:
                by_key[page.translation_key][page.locale.language_code] = url
        return by_key

    def _urls(self, page, protocol, domain):
        # Wagtail's loop, with the page's translations attached to its own URL.
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            versions = self._alternates.get(item.translation_key, {})
            for index, url_info in enumerate(item.get_sitemap_urls(self.request)):
                url_info = {**url_info, "location": rebase(url_info["location"])}
                if index == 0 and len(versions) > 1:
                    url_info = {**url_info, "alternates": self._alternate_links(versions)}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    @staticmethod
    def _alternate_links(versions):
        links = [{"lang_code": code, "location": location} for code, location in versions.items()]
        if settings.LANGUAGE_CODE in versions:
            links.append({"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]})
        return links


def sitemap(request):
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    return django_sitemap(request, {"pages": MultilingualSitemap(request)})


@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


ARTICLE_HEADLINE_LIMIT = 110  # Google's limit for an Article headline


def article_json_ld(page, request, *, page_url, image_url=None, day=None):
    """schema.org `Article` for a page (a story, a campaign), built from what it shows, by the site's organisation.

    ``day``: the date the page says it was published, when it has its own (a story's).
    """
    from .models import site_contact

    organisation = organization_reference(request, site_contact(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:ARTICLE_HEADLINE_LIMIT],
        "description": meta_description(page, limit=300),
        "url": page_url,
        "mainEntityOfPage": page_url,
        "inLanguage": get_language(),
        **publication_dates(page, day=day),
        "author": organisation,
        "publisher": organisation,
    }
    if image_url:
        data["image"] = [image_url]
    return ld_json(data)


def organization_name(request, contact):
    """Who publishes the site: the contact settings' organisation, else the site's name."""
    site = Site.find_for_request(request)
    return (contact and contact.organisation) or (site and site.site_name) or str(settings.WAGTAIL_SITE_NAME)


def organization_reference(request, contact):
    """A short schema.org Organization (name, home URL and logo), for authors and publishers."""
    return {
        "@type": "Organization",
        "name": organization_name(request, contact),
        "url": public_base_url() + "/",
        "logo": {"@type": "ImageObject", "url": absolute_url(static(LOGO))},
    }


def wib_iso(value):
    """ISO 8601 with time and offset in Palangka Raya's zone: 2026-03-04T09:00:00+07:00.

    A date alone (a story's "published on") is the start of that day in WIB.
    """
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(), tzinfo=WIB)
    return value.astimezone(WIB).isoformat(timespec="seconds")


def publication_dates(page, day=None):
    """schema.org datePublished / dateModified for a page, with time and offset.

    `day` is the publication day an editor set, if the page has one: its first publication
    time is used when it fell on that day, else the start of the day.
    """
    first = page.first_published_at
    published = first if first and (day is None or first.astimezone(WIB).date() == day) else day
    modified = page.last_published_at or page.latest_revision_created_at
    dates = {"datePublished": wib_iso(published if isinstance(published, date) else None)}
    if modified and (published is None or modified.astimezone(WIB) >= _as_datetime(published)):
        dates["dateModified"] = wib_iso(modified)
    return {key: value for key, value in dates.items() if value}


def _as_datetime(value):
    return value.astimezone(WIB) if isinstance(value, datetime) else datetime.combine(value, time(), tzinfo=WIB)


def organization_data(request, contact):
    """schema.org Organization for the home page, from the site's contact settings."""
    data = {"@context": "https://schema.org", **organization_reference(request, contact)}
    if contact:
        if contact.email:
            data["email"] = contact.email
        if contact.whatsapp:
            data["telephone"] = contact.whatsapp
        if contact.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": contact.address, "addressCountry": "ID"}
        if contact.social_links:
            data["sameAs"] = [url for _label, url in contact.social_links]
    return data
