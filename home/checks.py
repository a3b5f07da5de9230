"""System checks of the site's own configuration."""

from django.core.checks import Warning, register
from django.db import DatabaseError


@register()
def site_record_matches_public_base_url(app_configs, **kwargs):
    """Links that leave the site (share links, QR codes, sitemap) must name the public address."""
    from wagtail.models import Site

    from .addresses import public_base_url, site_matches

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet (a fresh clone, a release before migrate): nothing to compare
        return []
    if site is None or site_matches(site):
        return []
    return [
        Warning(
            f"The default Site record says {site.root_url}, but PUBLIC_BASE_URL is {public_base_url()}.",
            hint="Run `manage.py sync_site_address` (make release and make run do), or set DJANGO_PUBLIC_BASE_URL.",
            id="home.W001",
        )
    ]
