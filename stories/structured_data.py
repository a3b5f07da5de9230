"""schema.org `Article` for a success story, built from what the page shows.

Privacy: the participant is never named here (not even by pseudonym) and the image
is the page's share image, which is never the portrait or a photo of a participant
who asked for privacy (see `detail.story_page_context`).
"""

from django.utils.translation import get_language

from home.models import site_contact
from home.seo import ld_json, meta_description, organization_reference, publication_dates

HEADLINE_LIMIT = 110  # Google's limit for an Article headline


def article_data(story, request, *, page_url, share_image_url):
    organisation = organization_reference(request, site_contact(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title[:HEADLINE_LIMIT],
        "description": meta_description(story, limit=300),
        "url": page_url,
        "mainEntityOfPage": page_url,
        "inLanguage": get_language(),
        **publication_dates(story, day=story.date_published),
        "author": organisation,
        "publisher": organisation,
    }
    if share_image_url:
        data["image"] = [share_image_url]
    return data


def article_json_ld(story, request, *, page_url, share_image_url):
    return ld_json(article_data(story, request, page_url=page_url, share_image_url=share_image_url))
