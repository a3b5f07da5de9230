"""The site's extension points: what a content app hands to the shared layer and to the site-wide features.

The shared layer (``home``) and the site-wide apps (``search``) never import a
content app. A content app fills these registries from its own ``wagtail_hooks.py``
with Wagtail's hook registry, which loads every installed app's ``wagtail_hooks``
module on first use::

    from wagtail import hooks
    from home.registry import SECTION_PAGES

    @hooks.register(SECTION_PAGES)
    def fisheries_section():
        return "fisheries.FisheriesIndexPage"

Each hook function takes no arguments and returns one value of the kind its
name documents. Adding a content area therefore adds registrations in the new
app and changes nothing here (README, "Layout").
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail import hooks

# A "Model label" of a section page: a page that sits under each language's home page,
# that writers work under and that the review workflow guards (home/roles.py).
SECTION_PAGES = "pelatihan_section_page"

# A HomeSection: a part of the home page (home.models.HomePage).
HOME_SECTIONS = "pelatihan_home_section"

# A SearchResultType: pages the site search finds, and how it labels them (search/).
SEARCH_RESULT_TYPES = "pelatihan_search_result_type"

# An AttentionList: a list in the editors' "Needs attention" dashboard panel (home/dashboard.py).
ATTENTION_LISTS = "pelatihan_attention_list"

# A DemoContent: an app's part of `manage.py load_demo_content`.
DEMO_CONTENT = "pelatihan_demo_content"


@dataclass(frozen=True)
class HomeSection:
    """A part of the home page, drawn by its app's template with the context it builds.

    ``context(page, request)`` returns the names the template reads; they join the
    home page's context, so each app prefixes its own. ``live_figures`` names the
    live figures the section shows (see ``home.page_cache``).
    """

    order: int
    template: str
    context: Callable
    live_figures: tuple = ()


@dataclass(frozen=True, kw_only=True)
class SearchResultType:
    """A kind of result in the site search. Registrations with the same key are one type, their models joined.

    One registration of a key defines the type: it gives ``order``, ``label``
    and ``singular`` (and ``ended_at`` if any). Others only join it, with
    ``key`` and ``models``: an app adds its index page to the "halaman" type
    that way. A key with two definitions, or none, is a configuration error.

    ``ended_at()`` returns an expression over the page (``OuterRef("pk")``) for
    when a result of this type is over, or NULL when it is not: such results sink
    below every other result and their card says so. It is evaluated in the one
    query that finds the matches, so it costs no extra query. ``rank``, ``load``
    and ``detail_template`` order the types and add what a type's card shows.
    """

    order: int = 0
    key: str  # in ?jenis=, the same in both languages like the other filter links
    label: str = ""  # plural, for the filter
    singular: str = ""  # on each result
    models: tuple = ()  # page models
    ended_at: Callable | None = None
    # Results of a higher rank come after those of a lower one (list pages after trainings and stories).
    rank: int = 0
    # ``load(queryset, now)``: what a result card needs loaded in bulk (a training's dates and places).
    load: Callable | None = None
    # Drawn under a result's summary with ``page`` and ``now`` (a training's dates and registration state).
    detail_template: str = ""


@dataclass(frozen=True)
class AttentionList:
    """A list in the dashboard's "Needs attention" panel, after the site-wide ones (review, translations).

    ``items(locale, now)`` finds what needs attention in the source language, in a
    fixed number of queries; ``rows(items, request)`` turns them into what
    ``template`` draws as one ``<li>`` (it reads ``row``).
    """

    order: int
    key: str
    heading: str
    items: Callable
    rows: Callable
    template: str


@dataclass(frozen=True)
class DemoContent:
    """``load(ctx)`` writes the app's demo content; lower orders run first, as later ones link to what they made."""

    order: int
    load: Callable
    name: str = ""


def registered(name) -> list:
    """Every value registered under a hook name, in the order the values give (``order``) or as registered."""
    values = [hook() for hook in hooks.get_hooks(name)]
    return sorted(values, key=lambda value: getattr(value, "order", 0))


def section_page_labels() -> list[str]:
    return registered(SECTION_PAGES)


def section_page_models() -> list:
    return [apps.get_model(label) for label in section_page_labels()]


@cache
def project_app_configs():
    """The project's own apps, in INSTALLED_APPS order: those whose top-level package is a folder of this repository.

    Not "whose path is under BASE_DIR": a virtualenv inside the checkout puts every library there too.
    """
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if (base / config.name.split(".")[0]).resolve()
        in (Path(config.path).resolve(), *Path(config.path).resolve().parents)
    ]


def project_app_labels() -> set[str]:
    return {config.label for config in project_app_configs()}
