from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.registry import (
    DEMO_CONTENT,
    HOME_SECTIONS,
    SEARCH_RESULT_TYPES,
    SECTION_PAGES,
    DemoContent,
    HomeSection,
    SearchResultType,
)

from .models import ImpactPage


@hooks.register(SECTION_PAGES)
def impact_section():
    return "impact.ImpactPage"


def _home_context(page, request):
    from home.cache import cached, cached_for
    from stories.figures import impact_figures as story_figures
    from stories.listings import story_index_url

    from .figures import programme_figures

    locale_id = page.locale_id

    def impact_page_url():
        impact = ImpactPage.objects.live().filter(locale_id=locale_id).only("id", "url_path").first()
        return impact.get_url(request) if impact else None

    # Evaluated by the template only when drawn; each is cached (the measured figures until an answer changes).
    return {
        "impact_measured": lambda: programme_figures(locale_id).latest,
        "impact_from_stories": lambda: cached(("home-story-figures", locale_id), lambda: story_figures(locale_id)),
        "impact_page_url": lambda: cached_for(request, ("impact-page-url", locale_id), impact_page_url),
        "story_index_url": lambda: story_index_url(locale_id, request),
    }


@hooks.register(HOME_SECTIONS)
def impact_on_home():
    # Before the latest stories (order 30), where the stories' own figures used to be.
    return HomeSection(
        order=25, template="impact/includes/home_impact.html", context=_home_context, live_figures=("impact",)
    )


@hooks.register(DEMO_CONTENT)
def impact_demo_content():
    from . import demo

    # After the trainings (10) and stories (20): it answers for the trainings' completers.
    return DemoContent(order=40, load=demo.load, name="impact.demo")


@hooks.register(SEARCH_RESULT_TYPES)
def search_impact_page():
    return SearchResultType(key="halaman", models=(ImpactPage,))


# --- Story candidates (impact.candidates) ---------------------------------------------------


@hooks.register("register_admin_urls")
def candidates_admin_urls():
    from .candidates import candidates_view

    return [path("kandidat-kisah/", candidates_view, name="impact_story_candidates")]


class CandidatesMenuItem(MenuItem):
    def is_shown(self, request):
        from .candidates import can_see_candidates

        return can_see_candidates(request.user)


@hooks.register("register_admin_menu_item")
def candidates_menu_item():
    return CandidatesMenuItem(_("Story candidates"), reverse("impact_story_candidates"), icon_name="user", order=212)
