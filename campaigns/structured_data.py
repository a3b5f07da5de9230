"""schema.org `Article` for an awareness campaign, built from what the page shows."""

from django.utils.translation import get_language

from home.models import site_contact
from home.seo import ld_json, meta_description, organization_reference, publication_dates

HEADLINE_LIMIT = 110  # Google's limit for an Article headline


def campaign_data(campaign, request, *, page_url, image_url=None):
    organisation = organization_reference(request, site_contact(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": campaign.title[:HEADLINE_LIMIT],
        "description": meta_description(campaign, limit=300),
        "url": page_url,
        "mainEntityOfPage": page_url,
        "inLanguage": get_language(),
        **publication_dates(campaign),
        "author": organisation,
        "publisher": organisation,
    }
    if image_url:
        data["image"] = [image_url]
    return data


def campaign_json_ld(campaign, request, *, page_url, image_url=None):
    return ld_json(campaign_data(campaign, request, page_url=page_url, image_url=image_url))
