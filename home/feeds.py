"""RSS 2.0 and Atom feeds of an index page's children, in the index page's language.

Each index page serves its own feeds (`<index>/feed/rss/`, `<index>/feed/atom/`)
through RoutablePageMixin, so a feed's address is readable and translated with
its page, and each language tree has its own feed.
"""

import uuid

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags

from .addresses import page_full_url, rebase
from .models import site_contact
from .seo import organization_name

FEED_LENGTH = 20
FEED_FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class IndexPageFeed(Feed):
    """A feed of `index`'s live, public children, newest first. Subclasses choose the children."""

    def __init__(self, index, request, feed_format):
        super().__init__()
        self.index = index
        self.request = request
        self.feed_type = FEED_FORMATS[feed_format]
        self.feed_format = feed_format
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response

    def get_object(self, request, *args, **kwargs):
        return self.index

    def children(self):
        raise NotImplementedError

    def title(self, index):
        return f"{index.title} · {self.organisation()}"

    def link(self, index):
        return page_full_url(index, self.request)

    def feed_url(self, index):
        return rebase(self.request.get_full_path())

    def description(self, index):
        return getattr(index, "intro", "") or index.title

    subtitle = description

    def organisation(self):
        return organization_name(self.request, site_contact(self.request))

    def items(self, index):
        return list(self.children().live().public().defer_streamfields()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return page_full_url(item, self.request)

    def item_guid(self, item):
        # Stable across slug changes, the same in RSS and Atom, different per language.
        return f"urn:uuid:{uuid.uuid5(item.translation_key, self.language)}"

    item_guid_is_permalink = False

    def item_description(self, item):
        return " ".join(strip_tags(self.item_text(item)).split())

    def item_text(self, item):
        return item.search_description or ""

    def item_author_name(self, item):
        # The organisation speaks for every item: a participant's name never travels in a feed.
        return self.organisation()

    def item_updateddate(self, item):
        return item.last_published_at or item.latest_revision_created_at

    def item_pubdate(self, item):
        return item.first_published_at or item.last_published_at


def serve_feed(feed_class, index, request, feed_format):
    """`index`'s feed in `feed_format` ("rss" or "atom"); any other format is a 404."""
    if feed_format not in FEED_FORMATS:
        raise Http404
    return feed_class(index, request, feed_format)(request)


def feed_links(index, request):
    """(format, mime type, URL) of `index`'s feeds, for <link rel="alternate"> and visible links."""
    base = index.get_url(request)
    if not base:
        return []
    return [
        (name, feed_type.content_type.split(";")[0], base + index.reverse_subpage("feed", args=(name,)))
        for name, feed_type in FEED_FORMATS.items()
    ]
