"""wagtail-localize's translation editor in Indonesian (home/admin_strings.py, DJANGOJS).

The editor is a React app: its strings come from Django's JavaScript catalogue, served by
wagtail-localize's own `JavaScriptCatalog(packages=["wagtail_localize"])` view. Upstream files
its Indonesian under `id_ID`, which Django never loads for `id`, and it is incomplete: an
Indonesian editor saw "Save", "Not translated", "Upload PO file"... The project's
`home/admin_locale/id/LC_MESSAGES/djangojs.po` (in LOCALE_PATHS, which that view also reads)
holds every one of its strings.
"""

import json
import re
from pathlib import Path

import polib
import pytest
import wagtail_localize
from django.contrib.auth import get_user_model
from django.urls import reverse

from home import admin_strings

UPSTREAM = Path(wagtail_localize.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"


def editor_msgids():
    return [entry.msgid for entry in polib.pofile(str(UPSTREAM)) if entry.msgid and not entry.obsolete]


def served_catalogue(client):
    response = client.get(reverse("wagtail_localize:javascript_catalog"))
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(found.group(1))


def test_every_string_of_the_translation_editor_has_our_indonesian():
    missing = [msgid for msgid in editor_msgids() if not admin_strings.DJANGOJS.get(msgid, "").strip()]
    assert missing == []


@pytest.mark.django_db
def test_an_indonesian_editor_gets_the_translation_editors_strings_in_indonesian(client):
    editor = get_user_model().objects.create_superuser("penyunting", "penyunting@example.org", "x")
    client.force_login(editor)  # no language chosen: the admin speaks the site's default, Indonesian
    catalogue = served_catalogue(client)
    english = [msgid for msgid in editor_msgids() if catalogue.get(msgid, msgid) == msgid]
    assert english == []
    assert catalogue["Not translated"] == "Belum diterjemahkan"
    assert catalogue["Upload PO file"] == "Unggah berkas PO"
    assert catalogue["Save"] == "Simpan"
