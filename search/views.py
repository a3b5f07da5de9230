"""Site search at /cari/ and /en/search/: pages of the active language only, labelled by type.

One query finds every match (with its score and, for trainings, the end of the
last session), capped at MAX_HITS; ordering, type counts, the type filter and
pagination happen on that list in Python, so they cost nothing more. Then one
query per content type on the page fetches what the result cards show.
"""

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

import snowballstemmer
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from home.i18n import LanguageVersion

from .backend import backend_for_language

MAX_QUERY_LENGTH = 100
MAX_TERMS = 10
MAX_HITS = 200
RESULTS_PER_PAGE = 20
SUMMARY_LENGTH = 220

# The Snowball stemmers PostgreSQL uses for the same languages, to highlight what it matched.
STEMMERS = {"id": "indonesian", "en": "english"}


@dataclass(frozen=True)
class ResultType:
    key: str  # in ?jenis=, the same in both languages like the other filter links
    label: str
    models: tuple


@cache
def _result_types():
    from campaigns.models import CampaignIndexPage, CampaignPage
    from events.models import EventIndexPage, TrainingEvent
    from home.models import PartnerIndexPage, StandardPage
    from stories.models import StoryIndexPage, SuccessStory

    return (
        ResultType("kisah", _("Success stories"), (SuccessStory,)),
        ResultType("pelatihan", _("Trainings"), (TrainingEvent,)),
        ResultType("sosialisasi", _("Campaigns"), (CampaignPage,)),
        ResultType(
            "halaman",
            _("Pages"),
            (StandardPage, StoryIndexPage, EventIndexPage, CampaignIndexPage, PartnerIndexPage),
        ),
    )


SINGULAR_LABELS = {
    "kisah": _("Success story"),
    "pelatihan": _("Training"),
    "sosialisasi": _("Campaign"),
    "halaman": _("Page"),
}


def clean_query(raw):
    """(words to search, problem) for what the visitor typed; words are letters and digits only.

    Keeping only word characters means no search syntax of either database can be
    injected or broken (SQLite FTS5 fails on a stray quote; PostgreSQL gets quoted lexemes).
    """
    text = " ".join(raw.split())
    if not text:
        return "", None
    if len(text) > MAX_QUERY_LENGTH:
        return "", "too-long"
    words = re.findall(r"\w+", text)[:MAX_TERMS]
    if not words:
        return "", "no-words"
    return " ".join(words), None


def _hits(query, locale, language, operator="and"):
    from events.models import EventSession

    models = [model for result_type in _result_types() for model in result_type.models]
    last_end = EventSession.objects.filter(event_id=OuterRef("pk")).order_by("-end").values("end")[:1]
    queryset = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(*models)
        .annotate(last_session_end=Subquery(last_end))
        .only("id", "content_type_id", "translation_key")
    )
    results = backend_for_language(language).search(query, queryset, operator=operator).annotate_score("search_score")
    return list(results[:MAX_HITS])


def _order(hits, now):
    """Best match first, except that trainings already over sink below everything else."""
    ranked = sorted(
        enumerate(hits),
        key=lambda pair: (pair[1].last_session_end is not None and pair[1].last_session_end <= now, pair[0]),
    )
    return [hit for _index, hit in ranked]


def _type_of_content_type():
    """{content type id: ResultType}; Django caches content types, so usually no query."""
    from django.contrib.contenttypes.models import ContentType

    types = {model: result_type for result_type in _result_types() for model in result_type.models}
    return {ct.pk: types[model] for model, ct in ContentType.objects.get_for_models(*types).items()}


def _load(hits, now):
    """The specific pages of one results page, one query per content type, in the order given."""
    from django.contrib.contenttypes.models import ContentType

    from events.models import TrainingEvent

    by_model = {}
    for hit in hits:
        by_model.setdefault(hit.content_type_id, []).append(hit.pk)
    loaded = {}
    for content_type_id, ids in by_model.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        queryset = model.objects.filter(pk__in=ids).defer_streamfields()
        if model is TrainingEvent:
            queryset = queryset.with_schedule(now)
        loaded.update((page.pk, page) for page in queryset)
    return [loaded[hit.pk] for hit in hits if hit.pk in loaded]


def summary_of(page):
    """The text a result shows: the search description, else the summary or introduction."""
    for attribute in ("search_description", "summary", "intro", "hero_text"):
        value = getattr(page, attribute, "")
        if value:
            return Truncator(" ".join(strip_tags(str(value)).split())).chars(SUMMARY_LENGTH)
    return ""


def highlight(text, query, language):
    """`text`, escaped, with every word that stems like a query word wrapped in <mark>."""
    name = STEMMERS.get(language)
    stemmer = snowballstemmer.stemmer(name) if name else None

    def stem(word):
        word = word.lower()
        return stemmer.stemWord(word) if stemmer else word

    wanted = {stem(word) for word in query.split()}
    pieces = []
    for piece in re.split(r"(\w+)", text):
        escaped = conditional_escape(piece)
        if piece and re.fullmatch(r"\w+", piece) and stem(piece) in wanted:
            escaped = f"<mark>{escaped}</mark>"
        pieces.append(escaped)
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def _link(request, **changes):
    """This search's address with some parameters changed (None removes one)."""
    params = {key: request.GET.get(key) for key in ("q", "jenis", "page") if request.GET.get(key)}
    params.update(changes)
    params = {key: value for key, value in params.items() if value is not None}
    return "?" + urlencode(params)


def search_view(request):
    raw = request.GET.get("q", "")
    if "\x00" in raw:
        return HttpResponseBadRequest(_("That search contains characters we cannot read. Type it again."))
    language = get_language()
    query, problem = clean_query(raw)
    types = _result_types()
    chosen_key = request.GET.get("jenis", "")
    chosen = next((t for t in types if t.key == chosen_key), None)
    context = {
        "query": raw.strip()[: MAX_QUERY_LENGTH * 2],
        "searched": query,
        "problem": problem,
        "max_length": MAX_QUERY_LENGTH,
        "chosen_type": chosen,
        "type_ignored": bool(chosen_key) and chosen is None,
        "results": [],
        "facets": [],
        "total": 0,
        "capped": False,
    }
    locale = Locale.objects.filter(language_code=language).first()
    if query and locale is not None:
        now = timezone.now()
        hits = _hits(query, locale, language)
        if not hits and " " in query:
            # No page has every word: show the pages with any of them, best first, and say so.
            hits = _hits(query, locale, language, operator="or")
            context["any_word"] = bool(hits)
        hits = _order(hits, now)
        type_of = _type_of_content_type()
        counts = {}
        for hit in hits:
            result_type = type_of.get(hit.content_type_id)
            counts[result_type.key] = counts.get(result_type.key, 0) + 1
        context["facets"] = [(t, counts.get(t.key, 0)) for t in types]
        context["capped"] = len(hits) >= MAX_HITS
        if chosen is not None:
            hits = [hit for hit in hits if type_of[hit.content_type_id] is chosen]
        context["total"] = len(hits)
        page_obj = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        pages = _load(list(page_obj.object_list), now)
        context["page_obj"] = page_obj
        if page_obj.has_previous():
            context["previous_url"] = _link(request, page=page_obj.previous_page_number())
        if page_obj.has_next():
            context["next_url"] = _link(request, page=page_obj.next_page_number())
        context["facet_links"] = [
            (t, count, _link(request, jenis=t.key, page=None)) for t, count in context["facets"] if count
        ]
        context["all_types_url"] = _link(request, jenis=None, page=None)
        context["results"] = [
            {
                "page": page,
                "type_key": type_of[page.content_type_id].key,
                "type_label": SINGULAR_LABELS[type_of[page.content_type_id].key],
                "summary": highlight(summary_of(page), query, language),
                "title": highlight(page.title, query, language),
                "is_past": getattr(page, "last_end", None) is not None and page.last_end <= now,
            }
            for page in pages
        ]
    context["language_versions"] = _search_in_each_language(request, language)
    return render(request, "search/search_results.html", context)


def _search_in_each_language(request, current):
    """The language switcher's links: the same search in the other language's search page."""
    query = {"q": request.GET["q"]} if request.GET.get("q") else {}
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search") + ("?" + urlencode(query) if query else "")
        versions.append(LanguageVersion(code, name, url, request.build_absolute_uri(url), code == current, False))
    return versions
