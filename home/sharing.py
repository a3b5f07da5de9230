"""Sharing without third-party scripts: plain links to each network, QR codes made on the server, printable posters."""

import io
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import segno
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from .addresses import page_full_url
from .cache import cached_for
from .images import rendition_or_none
from .seo import SOCIAL_IMAGE


def _query(params):
    # %20 rather than +, and every reserved character encoded: an "&" in a title cannot end the parameter.
    return urlencode(params, quote_via=quote)


def share_links(url, title, message=None):
    """Links to each network's own share page, keyed by network, in the order pages list them.

    `message` is the text WhatsApp sends; by default the title and the address.
    """
    links = {
        "whatsapp": ("WhatsApp", "https://wa.me/?" + _query({"text": message or f"{title} {url}"})),
        "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query({"u": url})),
        "x": ("X", "https://x.com/intent/post?" + _query({"text": title, "url": url})),
        "telegram": ("Telegram", "https://t.me/share/url?" + _query({"url": url, "text": title})),
    }
    return {network: {"network": network, "label": label, "url": link} for network, (label, link) in links.items()}


def qr_code(url):
    """A QR code of `url` (error correction M: still reads on a creased or sun-faded poster)."""
    return segno.make(url, error="m", micro=False)


def qr_svg(url, **options):
    """The SVG of `url`'s QR code, the same size wherever it is printed or served."""
    return qr_code(url).svg_inline(scale=8, border=2, **options)


def qr_document(url, title=""):
    """`url`'s QR code as a standalone SVG file: XML declaration and SVG namespace.

    The inline form (`qr_svg`) omits both, which is right inside HTML but makes a
    browser show a served file as an XML tree instead of the code.
    """
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="svg", scale=8, border=2, title=title or url, xmldecl=True, svgns=True)
    return buffer.getvalue()


def qr_response(url, title=""):
    """`url`'s QR code on its own, for printing on flyers or banners."""
    response = HttpResponse(qr_document(url, title), content_type="image/svg+xml")
    patch_cache_control(response, max_age=3600)
    return response


def render_poster(page, request, template, **context):
    """A printable A4 poster of `page` (a template extending includes/poster_base.html) with its QR code.

    The code leads to the page's absolute address in its own language. The poster names
    the organiser and a WhatsApp contact: the site's (home.ContactSettings), unless the
    template's ``contact`` block names the page's own.
    """
    from .models import site_contact

    absolute_url = page_full_url(page, request)
    poster_context = page.get_context(request)
    # Who runs it and a WhatsApp number to ask: a printed poster has no other way to reach anyone.
    poster_context.update(
        absolute_url=absolute_url,
        qr_svg=qr_svg(absolute_url, omitsize=True),
        contact=site_contact(request),
        **context,
    )
    return TemplateResponse(request, template, poster_context)


# --- the share image of a list page -------------------------------------------------------

NO_IMAGE = "none"  # cached as such, so a list without pictures does not look again on every request


def list_share_image(request, index, candidates):
    """The picture link previews show for a list page: its first item's, else the home page's.

    `candidates()` gives the images of the list's items in the list's order (None for an item
    without one). The rendition's address and size are cached until content changes, so the
    list page spends no query on it after the first visitor.
    """

    def build():
        image = next((image for image in candidates() if image is not None), None)
        if image is None:
            home = index.get_parent().specific if index.depth > 2 else None
            image = getattr(home, "social_image", None)
        return _share_rendition(image) or NO_IMAGE

    found = cached_for(request, ("list-share-image", index.pk), build)
    return None if found == NO_IMAGE else found


def _share_rendition(image):
    rendition = rendition_or_none(image, SOCIAL_IMAGE)
    if rendition is None:
        return None
    return SimpleNamespace(url=rendition.url, width=rendition.width, height=rendition.height, alt=rendition.alt)
