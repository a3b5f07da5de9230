"""Both catalogues hold every translatable string, and the committed .mo files match their .po files."""

import polib
import pytest
from django.utils import translation

from home.catalogues import APPS, LANGUAGES, compiled_matches, extract_messages, po_path


@pytest.fixture(scope="module")
def extracted():
    return extract_messages()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_catalogue_translates_every_string(extracted, app, language):
    catalogue = polib.pofile(str(po_path(app, language)))
    translated = {
        (e.msgctxt, e.msgid)
        for e in catalogue
        if not e.obsolete
        and "fuzzy" not in e.flags
        and (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values())))
    }
    missing = sorted(msgid for key, msg in extracted[app].items() if key not in translated for msgid in [msg.msgid])
    assert not missing, f"Run `make messages` and translate in {po_path(app, language)}: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", APPS)
def test_compiled_catalogue_is_up_to_date(app, language):
    assert compiled_matches(po_path(app, language)), f"Stale {app} {language} .mo file: run `make messages`."


def test_extraction_finds_template_and_python_strings(extracted):
    home = extracted["home"]
    assert (None, "Skip to main content") in home  # base.html
    assert (None, "Local government") in home  # models.py choices


def test_indonesian_is_served_from_the_compiled_catalogue():
    with translation.override("id"):
        assert translation.gettext("Page not found") == "Halaman tidak ditemukan"
    with translation.override("en"):
        assert translation.gettext("Page not found") == "Page not found"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_string_means_the_same_in_every_app(language):
    # Django merges the apps' catalogues into one: of two translations of one msgid, only one wins.
    seen, clashes = {}, []
    for app in APPS:
        for entry in polib.pofile(str(po_path(app, language))):
            key = (entry.msgctxt, entry.msgid)
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append((key, seen[key], (app, entry.msgstr)))
            seen.setdefault(key, (app, entry.msgstr))
    assert not clashes, clashes
