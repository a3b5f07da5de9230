"""New awareness campaigns of one language, as RSS and Atom."""

from home.feeds import IndexPageFeed

from .models import CampaignPage


class CampaignFeed(IndexPageFeed):
    def children(self):
        return CampaignPage.objects.child_of(self.index).order_by("-first_published_at", "-pk")

    def item_text(self, item):
        return item.search_description or item.summary
