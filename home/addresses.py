"""The site's one public address (``PUBLIC_BASE_URL``), for every absolute link it hands out.

Share links, QR codes, posters, the sitemap, canonical and ``og:url`` leave the site and
are used elsewhere (a WhatsApp message, a printed flyer, a search engine), so they must
name the address the public reaches, not whatever host a request came in on or what
the Wagtail Site record happened to say. ``make release`` and ``make run`` write the
address into the default Site record (``manage.py sync_site_address``), and a system
check warns when the two disagree (``home.checks``).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def public_base_url():
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute_url(url):
    """A path of this site made absolute on the public address; an absolute URL (a CDN's media) is left alone."""
    if not url or urlsplit(url).netloc:
        return url
    return public_base_url() + "/" + url.lstrip("/")


def rebase(url):
    """One of our own addresses, whatever host it was built with, on the public address."""
    if not url:
        return url
    parts = urlsplit(url)
    return public_base_url() + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def page_full_url(page, request=None):
    """A page's absolute address on the public address (None when the page is not routable)."""
    return rebase(page.get_url(request))


def site_address():
    """(hostname, port) of the public address, as Wagtail's Site record keeps them."""
    parts = urlsplit(public_base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def site_matches(site):
    return site.root_url.rstrip("/") == public_base_url()


def sync_site(site):
    """Point the Site record at the public address; True when it changed."""
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
