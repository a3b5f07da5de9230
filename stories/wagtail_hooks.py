from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.registry import SEARCH_RESULT_TYPES, SearchResultType

from .models import StoryIndexPage, SuccessStory


class SuccessStoryFilterSet(PageListingViewSet.filterset_class):
    class Meta:
        model = SuccessStory
        fields = ["locale", "kecamatan", "hide_identity", "started_business"]


class SuccessStoryListingViewSet(PageListingViewSet):
    """Every story in one flat list, so editors need not open each language tree to find one."""

    model = SuccessStory
    icon = "user"
    menu_label = _("Success stories")
    menu_order = 210
    add_to_admin_menu = True
    columns = PageListingViewSet.columns + [
        Column("kecamatan", label=_("Kecamatan"), accessor="get_kecamatan_display"),
        Column("date_published", label=_("Date published"), sort_key="date_published"),
    ]
    filterset_class = SuccessStoryFilterSet


@hooks.register("register_admin_viewset")
def register_success_story_listing():
    return SuccessStoryListingViewSet("success_stories")


# --- Site search: this app's types of result (home.registry.SEARCH_RESULT_TYPES) ---


@hooks.register(SEARCH_RESULT_TYPES)
def search_stories():
    return SearchResultType(
        order=10, key="kisah", label=_("Success stories"), singular=_("Success story"), models=(SuccessStory,)
    )


@hooks.register(SEARCH_RESULT_TYPES)
def search_story_index():
    return SearchResultType(key="halaman", models=(StoryIndexPage,))
