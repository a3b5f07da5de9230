"""The admin speaks Indonesian on the screens editors use (home/admin_strings.py).

Each screen is rendered for an editor whose language is Indonesian; its visible text,
its labels (placeholder, aria-label, title, alt) and the text in its JSON props (the
sidebar, the translation editor) must contain none of the upstream msgids listed in
`home.admin_strings.DJANGO` in English. The list holds the strings found on these
screens when they were English; each one is an msgid of Wagtail or wagtail-localize.
"""

import json

import polib
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale, Page

from events.models import TrainingEvent
from home import admin_strings
from impact.models import ImpactPage

# Translations that are the same word in both languages cannot show a difference.
SAME_IN_BOTH = {msgid for msgid, text in admin_strings.DJANGO.items() if msgid.strip(": ") == text.strip(": ")}
CHECKED = sorted(set(admin_strings.DJANGO) - SAME_IN_BOTH - set(admin_strings.LEFT_IN_ENGLISH))


def shown_texts(content):
    soup = BeautifulSoup(content, "html.parser")
    texts = set()

    def walk(value):
        if isinstance(value, str):
            texts.add(" ".join(value.split()))
        elif isinstance(value, dict):
            for key, item in value.items():
                # Identifiers in the props (model names, icon names) are not shown.
                if key in {
                    "label",
                    "title",
                    "text",
                    "placeholder",
                    "help_text",
                    "heading",
                    "description",
                } or isinstance(item, (dict, list)):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for script in soup.find_all("script", type="application/json"):
        walk(json.loads(script.string or "null"))
    for tag in soup.find_all(attrs={"data-props": True}):
        walk(json.loads(tag["data-props"]))
    for tag in soup(["script", "style"]):
        tag.decompose()
    for string in soup.find_all(string=True):
        texts.add(" ".join(string.split()))
    for tag in soup.find_all(True):
        for attribute in ("placeholder", "aria-label", "title", "alt"):
            if isinstance(tag.get(attribute), str):
                texts.add(" ".join(tag[attribute].split()))
        if tag.name == "input" and tag.get("type") in {"submit", "button", "reset"} and tag.get("value"):
            texts.add(" ".join(tag["value"].split()))  # a button's label; other values are data
    return texts


def english_left(content):
    texts = shown_texts(content)
    return sorted(msgid for msgid in CHECKED if " ".join(msgid.split()) in texts)


def test_every_listed_string_is_an_upstream_msgid():
    upstream = set()
    for domain in ("django", "djangojs"):
        for path in admin_strings._upstream_catalogues("en", domain):
            upstream.update(entry.msgid for entry in polib.pofile(str(path)))
    assert set(admin_strings.DJANGO) <= upstream
    assert set(admin_strings.DJANGOJS) <= upstream


def test_the_compiled_catalogue_matches_the_list(tmp_path):
    admin_strings.build(tmp_path)
    built = polib.mofile(str(tmp_path / "id/LC_MESSAGES/django.mo"))
    committed = polib.mofile(str(admin_strings.OUT_DIR / "id/LC_MESSAGES/django.mo"))
    assert {e.msgid: e.msgstr for e in built} == {e.msgid: e.msgstr for e in committed}, "run update_catalogues"
    with translation.override("id"):
        assert translation.gettext("Forgotten password?") == "Lupa kata sandi?"
        assert translation.gettext("Search all pages…") == "Cari semua halaman…"


def test_login_and_password_reset_are_in_indonesian(demo, client):
    for url in ("/admin/login/", "/admin/password_reset/"):
        response = client.get(url)
        assert response.status_code == 200
        assert english_left(response.content) == [], url
    assert "Kata sandi" in client.get("/admin/login/").content.decode()


def test_editors_screens_are_in_indonesian(demo, client):
    user = get_user_model().objects.get(username="admin")
    # No language chosen in the profile: the admin speaks the site's default, Indonesian.
    assert not user.wagtail_userprofile.preferred_language if hasattr(user, "wagtail_userprofile") else True
    client.force_login(user)
    home = Page.objects.get(depth=2, locale__language_code="id")
    event = TrainingEvent.objects.filter(locale__language_code="id").first()
    english_event = event.get_translation(Locale.objects.get(language_code="en"))
    urls = [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/{english_event.pk}/edit/",
        f"/admin/pages/add/home/standardpage/{home.pk}/",
        f"/admin/pages/{event.pk}/history/",
        "/admin/pages/search/?q=anyaman",
        "/admin/snippets/home/skillarea/",
        "/admin/snippets/home/partner/",
        "/admin/images/",
        f"/admin/localize/submit/page/{event.pk}/",
        "/admin/reports/locked/",
        "/admin/workflows/list/",
        "/admin/kandidat-kisah/",
        f"/admin/pages/{ImpactPage.objects.get(locale__language_code='id').pk}/edit/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_left(response.content) == [], url

    # The editor's error message after an invalid page.
    response = client.post(
        f"/admin/pages/add/home/standardpage/{home.pk}/", {"title": "", "slug": "", "body-count": "0"}
    )
    assert english_left(response.content) == []
    assert "Halaman tidak dapat dibuat karena ada isian yang salah." in response.content.decode()


def test_snippet_choices_on_a_page_are_in_the_page_language_only(demo, client):
    from home.models import Partner, SkillArea

    client.force_login(get_user_model().objects.get(username="admin"))
    event = TrainingEvent.objects.filter(locale__language_code="id").first()
    doc = BeautifulSoup(client.get(f"/admin/pages/{event.pk}/edit/").content, "html.parser")
    for name, model in (("skill_areas", SkillArea), ("partners", Partner)):
        offered = {int(option["value"]) for option in doc.select(f'[name="{name}"] option') if option.get("value")}
        offered |= {int(box["value"]) for box in doc.select(f'input[name="{name}"]')}
        assert offered, name
        languages = set(model.objects.filter(pk__in=offered).values_list("locale__language_code", flat=True))
        assert languages == {"id"}, name
