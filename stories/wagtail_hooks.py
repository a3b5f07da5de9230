from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.registry import (
    DEMO_CONTENT,
    HOME_SECTIONS,
    SEARCH_RESULT_TYPES,
    SECTION_PAGES,
    DemoContent,
    HomeSection,
    SearchResultType,
)

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


# --- What the stories app hands to the shared layer (home.registry) ---------------------------


@hooks.register(SECTION_PAGES)
def stories_section():
    return "stories.StoryIndexPage"


def _home_context(page, request):
    from .listings import latest_stories, story_index_url

    locale_id = page.locale_id
    # Rendered inside a {% cache %} fragment: the callables cost nothing unless it is rendered.
    return {
        "latest_stories": lambda: latest_stories(locale_id),
        "story_index_url": lambda: story_index_url(locale_id, request),
    }


@hooks.register(HOME_SECTIONS)
def latest_stories_on_home():
    # The impact figures above it come from the impact app (impact/wagtail_hooks.py), which falls back to the stories'.
    return HomeSection(order=30, template="stories/includes/home_sections.html", context=_home_context)


@hooks.register(DEMO_CONTENT)
def stories_demo_content():
    from . import demo

    return DemoContent(order=20, load=demo.load, name="stories.demo")


# --- Site search: this app's types of result (home.registry.SEARCH_RESULT_TYPES) ---


@hooks.register(SEARCH_RESULT_TYPES)
def search_stories():
    return SearchResultType(
        order=10, key="kisah", label=_("Success stories"), singular=_("Success story"), models=(SuccessStory,)
    )


@hooks.register(SEARCH_RESULT_TYPES)
def search_story_index():
    return SearchResultType(key="halaman", models=(StoryIndexPage,))
