import contextlib
import copy
import io

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.models import HomePage, Partner, PartnerIndexPage, PartnerKind, StandardPage


@pytest.fixture
def frozen():
    """The clock stands still at the events tests' NOW (a Sunday morning in WIB)."""
    from tests.events_support import NOW

    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: database rows are rolled back between tests, cached pages are not."""
    from django.core.cache import cache

    from home import cache_backends, page_cache, readahead

    cache_backends._breakers.clear()  # each test meets a cache that has not failed yet
    cache_backends.stop_mirrors()  # nor one whose versions it already follows
    page_cache.forget_hints()  # and a process that has learnt nothing about pages yet
    readahead.forget_learnt()
    cache.clear()
    yield
    cache.clear()


def _english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="id"), _english()


def publish_translation(page, locale, **english_fields):
    """Translate a page the way the guide's tests do: copy for the locale, change the text, publish."""
    translated = page.copy_for_translation(locale)
    for name, value in english_fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def add_published(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _build_site_tree(id_locale, en_locale):
    root = Page.get_first_root_node()
    home = add_published(
        root,
        HomePage(title="Beranda", slug="beranda", hero_heading="Belajar keterampilan", locale=id_locale),
    )
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    old_root.delete()
    about = add_published(
        home, StandardPage(title="Tentang", slug="tentang", intro="Tentang program", show_in_menus=True)
    )
    partners = add_published(home, PartnerIndexPage(title="Mitra", slug="mitra", show_in_menus=True))
    only_id = add_published(home, StandardPage(title="Pengumuman", slug="pengumuman", show_in_menus=True))

    en_home = publish_translation(home, en_locale, title="Home", slug="home", hero_heading="Learn a skill")
    en_about = publish_translation(about, en_locale, title="About", slug="about", intro="About the programme")
    en_partners = publish_translation(partners, en_locale, title="Partners", slug="partners")
    return {
        "home": home,
        "about": about,
        "partners": partners,
        "only_id": only_id,
        "en_home": en_home,
        "en_about": en_about,
        "en_partners": en_partners,
    }


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="module")
def module_site_tree(request, django_db_blocker):
    """The site tree, built once for a module inside a savepoint rolled back after it, where that is safe.

    Publishing and translating its seven pages is a good part of what a test of a page costs; most
    tests only read them. Every test still runs in a savepoint of its own inside this one, so its
    writes are undone, and gets its own copies of the page objects (see `site_tree`). A module that
    has a transactional test (it flushes the database) or uses the demo content (another site root)
    builds the tree for each test instead: None here.
    """
    items = [item for item in request.session.items if item.module is request.module]
    if any(_transactional(item) or _uses_demo(item) for item in items):
        yield None
        return
    tree, held = _held(django_db_blocker, lambda: _build_site_tree(Locale.objects.get(language_code="id"), _english()))
    try:
        yield tree
    finally:
        _release(django_db_blocker, held)


@pytest.fixture
def site_tree(module_site_tree, locales):
    """Indonesian home with an about page and a partner page, all translated, plus one page only in Indonesian."""
    if module_site_tree is None:
        return _build_site_tree(*locales)
    # Copies: a test that changes a page object must not hand the change to the next test.
    return copy.deepcopy(module_site_tree)


@pytest.fixture
def partners(locales):
    id_locale, en_locale = locales
    made = []
    for index, kind in enumerate(PartnerKind):
        made.append(Partner.objects.create(locale=id_locale, name=f"Mitra {index}", kind=kind))
    return made


def _uses_demo(item):
    return "demo_content" in item.fixturenames


def pytest_collection_modifyitems(config, items):
    """Modules that start with the demo content run first, so that each worker loads it once for all
    of them instead of once per module (about 20 s each on PostgreSQL). Within each group the largest
    modules come first, as xdist would order them (its own reordering is off: --no-loadscope-reorder)."""
    modules = {}
    for item in items:
        modules.setdefault(item.module, []).append(item)
    ordered = sorted(modules.values(), key=lambda module_items: (not _uses_demo(module_items[0]), -len(module_items)))
    items[:] = [item for module_items in ordered for item in module_items]


@contextlib.contextmanager
def _rolled_back():
    """A transaction (a savepoint when nested) whose writes are undone when it ends."""
    from django.db import transaction

    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def _held(blocker, build=lambda: None):
    """`build()` in a rolled-back transaction (a savepoint when nested) left open after it: its result, and
    the stack that rolls it back (`_release`). A build that fails is rolled back at once, so that half of
    it never becomes the next module's."""
    with blocker.unblock(), contextlib.ExitStack() as held:
        held.enter_context(_rolled_back())
        result = build()
        return result, held.pop_all()


def _release(blocker, held):
    with blocker.unblock():
        held.close()


class _LoadedDemo:
    """The demo content, loaded in a transaction held open across modules, rolled back when dropped."""

    held = None

    def load(self, blocker):
        if self.held is None:
            _loaded, self.held = _held(blocker, lambda: call_command("load_demo_content", stdout=io.StringIO()))

    def drop(self, blocker):
        if self.held is not None:
            _release(blocker, self.held)
            self.held = None


_demo = _LoadedDemo()


@pytest.fixture(scope="session")
def loaded_demo(django_db_setup, django_db_blocker):
    yield _demo
    _demo.drop(django_db_blocker)


@pytest.fixture(scope="module", autouse=True)
def empty_site_unless_demo(request, django_db_blocker):
    """A module that does not start with the demo content starts on the migrations' rows alone, as it
    would in a process of its own: the demo that modules before it left loaded is rolled back first."""
    first = next(item for item in request.session.items if item.module is request.module)
    if not _uses_demo(first):
        _demo.drop(django_db_blocker)


@pytest.fixture(scope="module")
def demo_content(loaded_demo, django_db_blocker):
    """The full demo content, for every test of a module, inside a savepoint rolled back after it.

    The demo itself is loaded once per worker and kept across modules (see
    pytest_collection_modifyitems); what a module adds on top (a module-scoped fixture's rows)
    is rolled back with its savepoint, and every test of it runs in a savepoint of its own
    (pytest-django's per-test transaction nests in these), so neither a test nor a module can
    change what the next one sees. Keep tests that need an empty site out of modules that use it.
    """
    loaded_demo.load(django_db_blocker)
    _nothing, savepoint = _held(django_db_blocker)
    try:
        yield
    finally:
        _release(django_db_blocker, savepoint)


@pytest.fixture
def demo(demo_content, db):
    """The full demo content, as `make run` loads it."""


# The registrants' journey: the real database queue and a real SMTP server (tests/journey_support.py).
from .journey_support import queue, smtp  # noqa: E402, F401
