"""Site search at /cari/ and /en/search/: pages of the active language only, labelled by type.

The types of result, and which page models each covers, come from the apps'
`SEARCH_RESULT_TYPES` registrations (home/registry.py), so this app names no
content app. One query finds every match (with its score and, for types that
can be over, such as trainings, when it ended), capped at MAX_HITS; ordering,
type counts, the type filter and pagination happen on that list in Python, so
they cost nothing more. Then one query per content type on the page fetches
what the result cards show.
"""

import re
from dataclasses import replace
from urllib.parse import urlencode

import snowballstemmer
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db.models import Case, DateTimeField, Value, When
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

from home.addresses import rebase
from home.i18n import LanguageVersion
from home.registry import SEARCH_RESULT_TYPES, registered

from . import spelling
from .backend import backend_for_language

MAX_QUERY_LENGTH = 100
MAX_TERMS = 10
MAX_HITS = 200
RESULTS_PER_PAGE = 20
SUMMARY_LENGTH = 220

# The Snowball stemmers PostgreSQL uses for the same languages, to highlight what it matched.
STEMMERS = {"id": "indonesian", "en": "english"}


def result_types():
    """The registered SearchResultTypes in their order, one per key, with the models of every registration of it."""
    registrations = registered(SEARCH_RESULT_TYPES)
    definitions = {}
    for registration in registrations:
        if registration.label:
            if registration.key in definitions:
                raise ImproperlyConfigured(f"Search result type {registration.key!r} is defined twice.")
            definitions[registration.key] = registration
    joined = {}
    for registration in registrations:
        if registration.key not in definitions:
            raise ImproperlyConfigured(f"Search result type {registration.key!r} is joined but never defined.")
        joined.setdefault(registration.key, []).extend(registration.models)
    return tuple(replace(type_, models=tuple(dict.fromkeys(joined[key]))) for key, type_ in definitions.items())


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


def _ended_at(types, type_of):
    """When a hit is over, by its type's `ended_at`; NULL for types that never end."""
    whens = [
        When(content_type_id__in=[pk for pk, of in type_of.items() if of is result_type], then=result_type.ended_at())
        for result_type in types
        if result_type.ended_at
    ]
    return Case(*whens, default=Value(None), output_field=DateTimeField())


def _hits(query, locale, language, types, type_of, operator="and"):
    models = [model for result_type in types for model in result_type.models]
    queryset = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(*models)
        .annotate(ended_at=_ended_at(types, type_of))
        .only("id", "content_type_id", "translation_key")
    )
    results = backend_for_language(language).search(query, queryset, operator=operator).annotate_score("search_score")
    return list(results[:MAX_HITS])


def _order(hits, now, type_of):
    """Best match first within a type's rank (list pages after trainings and stories), except that
    results already over (trainings that ended) sink below everything else."""

    def key(pair):
        index, hit = pair
        result_type = type_of.get(hit.content_type_id)
        return (_is_over(hit, now), result_type.rank if result_type else 0, index)

    return [hit for _index, hit in sorted(enumerate(hits), key=key)]


def _is_over(hit, now):
    return hit.ended_at is not None and hit.ended_at <= now


def _type_of_content_type(types):
    """{content type id: SearchResultType}; Django caches content types, so usually no query."""
    type_of_model = {model: result_type for result_type in types for model in result_type.models}
    return {ct.pk: type_of_model[model] for model, ct in ContentType.objects.get_for_models(*type_of_model).items()}


def _load(hits, type_of, now):
    """The specific pages of one results page, one query per content type, in the order given,
    with what their type's card needs (its ``load``)."""
    by_model = {}
    for hit in hits:
        by_model.setdefault(hit.content_type_id, []).append(hit.pk)
    loaded = {}
    for content_type_id, ids in by_model.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pages = model.objects.filter(pk__in=ids).defer_streamfields()
        result_type = type_of.get(content_type_id)
        if result_type is not None and result_type.load is not None:
            pages = result_type.load(pages, now)
        loaded.update((page.pk, page) for page in pages)
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
    types = result_types()
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
        type_of = _type_of_content_type(types)
        hits = _hits(query, locale, language, types, type_of)
        if not hits and " " in query:
            # No page has every word: show the pages with any of them, best first, and say so.
            hits = _hits(query, locale, language, types, type_of, operator="or")
            context["any_word"] = bool(hits)
        hits = _order(hits, now, type_of)
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
        over = {hit.pk: _is_over(hit, now) for hit in page_obj.object_list}
        pages = _load(list(page_obj.object_list), type_of, now)
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
                "type_label": type_of[page.content_type_id].singular,
                "summary": highlight(summary_of(page), query, language),
                "title": highlight(page.title, query, language),
                "is_past": over[page.pk],
                "detail_template": type_of[page.content_type_id].detail_template,
            }
            for page in pages
        ]
        context["now"] = now
        if not hits and not chosen:
            context["suggestion"] = _suggestion(request, query, locale, language, types, type_of)
    context["language_versions"] = _search_in_each_language(request, language)
    return render(request, "search/search_results.html", context)


def _suggestion(request, query, locale, language, types, type_of):
    """For a search that found nothing: the same words spelt as in the site's titles ("anyamn" →
    "anyaman"), as (text, link), when that finds something; else None."""
    corrected = spelling.suggest(query, locale)
    if not corrected or corrected == query.lower():
        return None
    if not _hits(corrected, locale, language, types, type_of, operator="or"):
        return None
    return corrected, _link(request, q=corrected, page=None, jenis=None)


def _search_in_each_language(request, current):
    """The language switcher's links: the same search in the other language's search page."""
    query = {"q": request.GET["q"]} if request.GET.get("q") else {}
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search") + ("?" + urlencode(query) if query else "")
        versions.append(LanguageVersion(code, name, url, rebase(url), code == current, False))
    return versions
