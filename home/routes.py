"""Route words in the page's own language, for pages with RoutablePageMixin routes.

Routes are declared once, in Indonesian (the source language), with Wagtail's `@path`.
A page class lists the words of its routes in the other languages:

    class TrainingEvent(LocalizedRoutesMixin, Page):
        route_words = {"en": {"daftar": "register", "selesai": "done"}}

        @path("daftar/selesai/<str:token>/", name="registered")
        ...

An English page then answers `register/done/<token>/` and `reverse_subpage("registered", ...)`
gives that path; an Indonesian page answers and gives `daftar/selesai/<token>/` only. Each literal
segment of a path is looked up on its own, so a new route reusing known words needs no new entry;
a segment with no entry stays as written (`tests/test_route_words.py` fails on one that was
forgotten: words that are the same in both languages are declared as themselves).

An English address that still uses the Indonesian words (links shared before the words were
translated) answers with a permanent redirect to the English words: 301 for GET and HEAD,
308 for anything else, so a form posted to an old address is posted again, not lost.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import URLResolver
from django.urls import path as path_func
from django.urls.resolvers import RegexPattern, RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale
from wagtail.url_routing import RouteResult

_language_by_locale = {}


def _forget_locales(**kwargs):
    _language_by_locale.clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="home.routes.locales")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="home.routes.locales.delete")


def language_of(page):
    """The language code of a page's locale, without a query per page (locales are few and rarely change)."""
    cached = page._state.fields_cache.get("locale")
    if cached is not None:
        return cached.language_code
    if page.locale_id is None:
        return settings.LANGUAGE_CODE
    if page.locale_id not in _language_by_locale:
        _language_by_locale.update(Locale.objects.values_list("id", "language_code"))
    return _language_by_locale.get(page.locale_id, settings.LANGUAGE_CODE)


def translate_route(route, words):
    """`daftar/kelola/<str:token>/` with {"daftar": "register", "kelola": "manage"} → `register/manage/<str:token>/`."""
    return "/".join(segment if "<" in segment else words.get(segment, segment) for segment in route.split("/"))


def route_segments(route):
    """The literal words of a route string (not its converters)."""
    return [segment for segment in route.split("/") if segment and "<" not in segment]


class LocalizedRoutesMixin(RoutablePageMixin):
    # {language code: {Indonesian path segment: that language's word}}; see the module's docstring.
    route_words = {}

    @classmethod
    def words_for(cls, language):
        words = {}
        for klass in reversed(cls.__mro__):
            words.update(klass.__dict__.get("route_words", {}).get(language, {}))
        return words

    @classmethod
    def get_language_resolver(cls, language):
        if language == settings.LANGUAGE_CODE:
            return cls.get_resolver()
        if "_localized_resolvers" not in cls.__dict__:
            cls._localized_resolvers = {}
        resolvers = cls._localized_resolvers
        if language not in resolvers:
            words = cls.words_for(language)
            patterns = []
            for pattern in cls.get_subpage_urls():
                if isinstance(pattern.pattern, RoutePattern):
                    route = translate_route(pattern.pattern._route, words)
                    pattern = path_func(route, pattern.callback, kwargs=pattern.default_args, name=pattern.name)
                patterns.append(pattern)
            resolvers[language] = URLResolver(RegexPattern(r"^/"), patterns)
        return resolvers[language]

    @property
    def route_language(self):
        return language_of(self)

    def reverse_subpage(self, name, args=None, kwargs=None):
        return self.get_language_resolver(self.route_language).reverse(name, *(args or []), **(kwargs or {}))

    def resolve_subpage(self, path):
        match = self.get_language_resolver(self.route_language).resolve(path)
        match.func = match.func.__get__(self, type(self))
        return match

    def route(self, request, path_components):
        if self.live and self.route_language != settings.LANGUAGE_CODE:
            path = "/" + "".join(f"{component}/" for component in path_components)
            try:
                self.get_language_resolver(self.route_language).resolve(path)
            except Http404:
                moved = self._moved_route(path)
                if moved is not None:
                    return RouteResult(self, args=(self._redirect_to_route, (moved,), {}))
        return super().route(request, path_components)

    def _moved_route(self, path):
        """The path in this page's own words, when `path` is one of its routes in the default language."""
        try:
            old = self.get_resolver().resolve(path)
        except Http404:
            return None
        moved = self.reverse_subpage(old.url_name, args=old.args, kwargs=old.kwargs)
        return moved if "/" + moved.lstrip("/") != path else None

    def _redirect_to_route(self, request, moved):
        url = self.get_url(request) + moved.lstrip("/")
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        response = HttpResponsePermanentRedirect(url)
        if request.method not in ("GET", "HEAD"):
            response.status_code = 308
        return response
