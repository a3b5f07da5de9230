"""New success stories of one language, as RSS and Atom."""

import datetime

from home.feeds import IndexPageFeed
from home.timezones import WIB

from .models import SuccessStory


class StoryFeed(IndexPageFeed):
    def children(self):
        return SuccessStory.objects.child_of(self.index).order_by("-date_published", "-pk")

    def item_text(self, item):
        # The introduction is public text that the privacy check keeps free of a private participant's name.
        return item.search_description or item.intro

    def item_pubdate(self, item):
        # Stories are dated by the editor's publication date (a calendar day in WIB).
        return datetime.datetime.combine(item.date_published, datetime.time(), tzinfo=WIB)
