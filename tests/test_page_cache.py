"""Whole pages are cached for anonymous visitors and dropped the moment anything they show changes."""

import subprocess
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import Site

from campaigns.models import InterestSignup
from events.models import Registration, RegistrationStatus
from home.models import ContactSettings, Partner, PartnerKind, StandardPage
from home.page_cache import PageCacheMiddleware

from .campaigns_support import TODAY, make_campaign, make_campaign_index
from .events_support import NOW, Taxonomy, html, make_event, make_schedule

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def state(response):
    return response.get("X-Page-Cache")


def cached_twice(client, url):
    """Fetch twice; the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    assert state(second) == "hit", url
    return second


# --- what is cached, and the headers -------------------------------------------------


def test_anonymous_page_is_cached_and_public_for_a_minute(client, site_tree):
    first = client.get("/tentang/")
    assert state(first) == "miss"
    second = client.get("/tentang/")
    assert state(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"].startswith("text/html")
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]


def test_each_language_has_its_own_entry_and_undeclared_parameters_are_ignored(client, site_tree):
    cached_twice(client, "/tentang/")
    assert state(client.get("/en/about/")) == "miss"
    # A plain page declares no query parameters (tests/test_page_cache_bounds.py has pages that do).
    assert state(client.get("/tentang/?b=2&a=1")) == "hit"
    assert state(client.get("/tentang/?utm_source=whatsapp&fbclid=x")) == "hit"


def test_head_is_answered_from_the_cache_without_a_body(client, site_tree):
    get = cached_twice(client, "/tentang/")
    head = client.head("/tentang/")
    assert state(head) == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))


def test_not_found_and_health_and_excluded_paths_are_never_cached(client, site_tree, settings):
    for _ in range(2):
        missing = client.get("/tidak-ada/")
        assert missing.status_code == 404 and state(missing) is None
        health = client.get("/healthz/")
        assert state(health) is None and "no-cache" in health["Cache-Control"]
    settings.PAGE_CACHE_EXCLUDED_PATHS = ["/tentang/"]
    client.get("/tentang/")
    assert state(client.get("/tentang/")) is None


def test_a_view_that_says_private_is_never_stored():
    middleware = PageCacheMiddleware(lambda request: _private_response())
    request = RequestFactory().get("/cari/?q=menjahit")
    for _ in range(2):
        response = middleware(request)
        assert state(response) is None
        assert response["Cache-Control"] == "private, no-store"


def _private_response():
    response = HttpResponse("hasil pencarian")
    response["Cache-Control"] = "private, no-store"
    return response


# --- who bypasses it --------------------------------------------------------------------


def test_editors_are_never_served_or_stored(client, admin_client, site_tree):
    editor_page = admin_client.get("/tentang/")
    assert state(editor_page) is None
    assert "private" in editor_page["Cache-Control"]
    # What the editor saw was not kept for visitors, and a visitor's copy is not shown to editors.
    assert state(client.get("/tentang/")) == "miss"
    assert state(client.get("/tentang/")) == "hit"
    assert state(admin_client.get("/tentang/")) is None


def test_posts_bypass_the_cache(client, site_tree):
    cached_twice(client, "/tentang/")
    response = client.post("/tentang/", {"a": "1"})
    assert state(response) is None


def test_previews_are_never_cached(client, admin_client, site_tree):
    cached_twice(client, "/tentang/")
    about = site_tree["about"]
    about.title = "Pratinjau"
    revision = about.save_revision()
    preview = admin_client.get(f"/admin/pages/{about.pk}/revisions/{revision.pk}/view/")
    assert b"Pratinjau" in preview.content and state(preview) is None
    visitor = client.get("/tentang/")
    assert state(visitor) == "hit" and b"Pratinjau" not in visitor.content


def test_a_waiting_message_bypasses_the_cache_and_pages_with_new_messages_are_not_stored(client, site_tree):
    cached_twice(client, "/tentang/")
    client.cookies["messages"] = "anything"
    assert state(client.get("/tentang/")) is None

    def view_adding_a_message(request):
        messages.info(request, "Terima kasih")
        return HttpResponse("ok", content_type="text/html")

    factory = RequestFactory()
    request = factory.get("/halaman/")
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    middleware = PageCacheMiddleware(view_adding_a_message)
    assert state(middleware(request)) is None
    second = factory.get("/halaman/")
    second.session = {}
    second._messages = FallbackStorage(second)
    assert state(PageCacheMiddleware(lambda r: HttpResponse("x", content_type="text/html"))(second)) == "miss"


# --- invalidation: content -------------------------------------------------------------


def test_publishing_a_change_shows_at_once(client, site_tree):
    cached_twice(client, "/tentang/")
    about = site_tree["about"]
    about.intro = "Isi baru"
    about.save_revision().publish()
    response = client.get("/tentang/")
    assert state(response) == "miss" and b"Isi baru" in response.content


def test_saving_a_draft_keeps_the_cached_page(client, site_tree):
    cached_twice(client, "/tentang/")
    about = site_tree["about"]
    about.intro = "Draf"
    about.save_revision()
    assert state(client.get("/tentang/")) == "hit"


def test_unpublishing_and_deleting_remove_the_page(client, site_tree):
    cached_twice(client, "/tentang/")
    cached_twice(client, "/pengumuman/")
    site_tree["about"].unpublish()
    assert client.get("/tentang/").status_code == 404
    site_tree["only_id"].delete()
    assert client.get("/pengumuman/").status_code == 404


def test_moving_a_page_changes_its_address_at_once(client, site_tree):
    page = StandardPage(title="Syarat", slug="syarat")
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    cached_twice(client, "/syarat/")
    cached_twice(client, "/tentang/")
    page.move(site_tree["about"], pos="last-child")
    assert client.get("/syarat/").status_code in (404, 301, 302)
    assert client.get("/tentang/syarat/").status_code == 200
    # The parent's page changed too (everything depends on the content version).
    assert state(client.get("/tentang/")) == "miss"


def test_snippet_change_shows_at_once(client, site_tree, locales):
    partner = Partner.objects.create(locale=locales[0], name="Mitra Lama", kind=PartnerKind.GOVERNMENT)
    assert b"Mitra Lama" in cached_twice(client, "/mitra/").content
    partner.name = "Mitra Baru"
    partner.save()
    response = client.get("/mitra/")
    assert state(response) == "miss" and b"Mitra Baru" in response.content


def test_site_setting_change_shows_at_once(client, site_tree):
    settings = ContactSettings.objects.create(site=Site.objects.get(is_default_site=True), email="a@example.org")
    assert b"mailto:a@example.org" in cached_twice(client, "/tentang/").content
    settings.email = "b@example.org"
    settings.save()
    assert b"mailto:b@example.org" in client.get("/tentang/").content


# --- invalidation: live figures -----------------------------------------------------------


@pytest.fixture
def schedule(site_tree, locales, frozen):
    taxonomy = Taxonomy(*locales)
    index, en_index = make_schedule(site_tree, locales)
    event = make_event(index, taxonomy, [(NOW + 10 * DAY, NOW + 10 * DAY + timedelta(hours=4))], quota=3)
    return SimpleNamespace(index=index, event=event)


def registration_data(number):
    return {
        "full_name": "Siti Aminah",
        "whatsapp": number,
        "date_of_birth": "17/08/1995",
        "email": "",
        "kecamatan": "pahandut",
        "kelurahan": "Langkai",
        "education": "sma",
        "motivation": "Ingin membuka usaha jahit.",
        "consent": "on",
        "website": "",
    }


def places(response):
    return html(response).get_text(" ", strip=True)


def test_a_registration_updates_places_left_on_the_event_page_and_the_schedule(client, schedule):
    event_url = schedule.event.url
    assert "3 dari 3" in places(cached_twice(client, event_url))
    cached_twice(client, schedule.index.url)
    cached_twice(client, "/tentang/")

    # The registration form has its own page, which is never cached; posting works with CSRF on.
    visitor = Client(enforce_csrf_checks=True)
    form_page = visitor.get(event_url + "daftar/")
    assert state(form_page) is None and "no-store" in form_page["Cache-Control"]
    token = html(form_page).select_one("input[name=csrfmiddlewaretoken]")["value"]
    posted = visitor.post(event_url + "daftar/", {**registration_data("0812 3456 7001"), "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
    assert Registration.objects.count() == 1

    after = client.get(event_url)
    assert state(after) == "miss" and "2 dari 3" in places(after)
    assert state(client.get(schedule.index.url)) == "miss"
    # Pages that show no places are untouched by registrations.
    assert state(client.get("/tentang/")) == "hit"


def test_the_manage_form_on_the_cached_training_page_gives_each_visitor_their_own_working_token(client, schedule):
    event_url = schedule.event.url
    owner = Registration.objects.create(
        event=schedule.event, full_name="A", whatsapp="+6281234567001", status=RegistrationStatus.CONFIRMED
    )
    first_visitor, second_visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_visitor.get(event_url)
    page = second_visitor.get(event_url)
    assert state(page) == "hit"
    assert "private" in page["Cache-Control"]  # a copy with a token is not for CDNs
    form = html(page).select_one(".manage-lookup form")
    assert form["action"] == event_url + "daftar/kelola/" and form["method"] == "post"
    assert form.select_one("input[name=reference]") and form.select_one("input[name=whatsapp]")
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    first_token = html(first_visitor.get(event_url)).select_one(".manage-lookup [name=csrfmiddlewaretoken]")["value"]
    assert "PAGE_CACHE" not in token and token != first_token  # nobody's token is kept in the shared copy
    # Posted from the cached page, the code and number open the registration; a wrong pair does not.
    data = {"reference": owner.reference, "whatsapp": "0812 3456 7001", "website": "", "csrfmiddlewaretoken": token}
    opened = second_visitor.post(form["action"], data)
    assert opened.status_code == 302 and "/daftar/kelola/" in opened["Location"]
    wrong = second_visitor.post(form["action"], {**data, "whatsapp": "0812 3456 7999"})
    assert wrong.status_code == 400 and "Location" not in wrong


def test_cancelling_a_registration_frees_the_place_on_the_cached_page(client, schedule):
    registration = Registration.objects.create(
        event=schedule.event, full_name="A", whatsapp="081234567001", status=RegistrationStatus.CONFIRMED
    )
    assert "2 dari 3" in places(cached_twice(client, schedule.event.url))
    registration.delete()
    assert "3 dari 3" in places(client.get(schedule.event.url))


@pytest.fixture
def campaign(site_tree, locales, frozen):
    index, _en = make_campaign_index(site_tree, locales)
    active = make_campaign(index, start=TODAY - 5 * DAY, end=TODAY + 10 * DAY, goal=4)
    other = make_campaign(index, title="Ayo Menganyam", start=TODAY - 5 * DAY, end=TODAY + 10 * DAY)
    return SimpleNamespace(index=index, active=active, other=other)


def count_text(response):
    return html(response).select_one(".campaign-progress__count").get_text()


def test_campaign_page_with_its_form_is_cached_and_each_visitor_gets_a_working_token(client, campaign):
    url = campaign.active.url
    cached_twice(client, url)
    other_url = campaign.other.url
    cached_twice(client, other_url)
    cached_twice(client, "/tentang/")

    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    assert state(page) == "hit"
    assert "private" in page["Cache-Control"]  # a copy with a token is not for CDNs
    token = html(page).select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert "PAGE_CACHE" not in token and len(token) == 64
    assert "csrftoken" in page.cookies
    data = {"name": "Sari Dewi", "whatsapp": "0812-3456-7890", "kecamatan": "pahandut", "consent": "on"}
    posted = visitor.post(url + "tertarik/", {**data, "website": "", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
    assert InterestSignup.objects.count() == 1

    # The count shows at once; the other campaign and pages without counts keep their cached copy.
    after = client.get(url)
    assert state(after) == "miss" and "1 orang" in count_text(after)
    assert state(client.get(other_url)) == "hit"
    assert state(client.get("/tentang/")) == "hit"


def test_a_sign_up_updates_the_campaign_list_and_home_page(client, campaign):
    cached_twice(client, campaign.index.url)
    cached_twice(client, "/")
    InterestSignup.objects.create(
        campaign=campaign.active, name="Sari", whatsapp="081234567890", kecamatan="pahandut", consented_at=NOW
    )
    assert state(client.get(campaign.index.url)) == "miss"
    assert state(client.get("/")) == "miss"


def test_a_removed_sign_up_lowers_the_count_at_once(client, campaign):
    signup = InterestSignup.objects.create(
        campaign=campaign.active, name="Sari", whatsapp="081234567890", kecamatan="pahandut", consented_at=NOW
    )
    assert "1 orang" in count_text(cached_twice(client, campaign.active.url))
    signup.delete()
    assert "0 orang" in count_text(client.get(campaign.active.url))


# --- configuration ------------------------------------------------------------------------


def settings_in_subprocess(env, expression):
    code = f"import django, os; django.setup(); from django.conf import settings as s; print({expression})"
    environment = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_frontend_cache_invalidation_is_off_unless_configured():
    expression = "'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, hasattr(s, 'WAGTAILFRONTENDCACHE')"
    assert settings_in_subprocess({}, expression) == "False False"


def test_frontend_cache_invalidation_is_switched_on_by_the_environment():
    expression = "'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, s.WAGTAILFRONTENDCACHE"
    proxy = settings_in_subprocess({"FRONTEND_CACHE_URL": "http://cache.internal:8080"}, expression)
    assert proxy.startswith("True {'proxy':") and "http://cache.internal:8080" in proxy
    cloudflare = settings_in_subprocess({"CLOUDFLARE_ZONEID": "zone1", "CLOUDFLARE_BEARER_TOKEN": "t"}, expression)
    assert "CloudflareBackend" in cloudflare and "'ZONEID': 'zone1'" in cloudflare
