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
    page_cache.forget_hints()  # and a process that has learnt nothing about pages yet
    readahead.forget_learnt()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="id"), Locale.objects.get_or_create(language_code="en")[0]


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


@pytest.fixture
def site_tree(locales):
    """Indonesian home with an about page and a partner page, all translated, plus one page only in Indonesian."""
    id_locale, en_locale = locales
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


@pytest.fixture
def partners(locales):
    id_locale, en_locale = locales
    made = []
    for index, kind in enumerate(PartnerKind):
        made.append(Partner.objects.create(locale=id_locale, name=f"Mitra {index}", kind=kind))
    return made


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The full demo content, loaded once per test module and rolled back after it.

    Loading it takes seconds; every test of a module gets it inside its own
    savepoint (pytest-django's per-test transaction nests in this one), so a test
    still cannot change what the next one sees. Keep tests that need an empty
    site out of modules that use it.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo_content", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_content, db):
    """The full demo content, as `make run` loads it."""


# The registrants' journey: the real database queue and a real SMTP server (tests/journey_support.py).
from .journey_support import queue, smtp  # noqa: E402, F401
