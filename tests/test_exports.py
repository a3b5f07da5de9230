"""The coordinators' exports (registrations, interest sign-ups) are safe to open in a spreadsheet, in CSV and XLSX.

Both go through one export (home/exports.py), tried here through the admin's own URLs:
no cell a visitor filled runs as a formula, times are in WIB whatever time zone the
coordinator chose, and choice fields show their labels in the coordinator's language.
"""

import csv
import io
from datetime import datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from campaigns.models import InterestSignup
from events.registration import register
from home.exports import FORMULA_STARTS, neutralise

from .campaigns_support import TODAY, make_campaign, make_campaign_index
from .events_support import NOW, Taxonomy, make_event, make_schedule

pytestmark = pytest.mark.django_db

HOSTILE_NAME = '=HYPERLINK("http://evil","x")'
# Every start that makes a spreadsheet run a cell, OWASP's list.
HOSTILE = [HOSTILE_NAME, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
# NOW (09:00 WIB), as a coordinator on the other side of the world would not want to read it.
FAR_AWAY = "America/New_York"


def coordinator_client(client, language):
    user = get_user_model().objects.create_user("koordinator", "k@example.org", "pw")
    user.groups.add(Group.objects.get(name="Koordinator Pelatihan"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.current_time_zone = FAR_AWAY
    profile.save()
    client.force_login(user)
    return client


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"), newline="")))


def xlsx_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows()]


def assert_no_formula_in_csv(rows):
    for row in rows:
        for text in row:
            assert not text.startswith(FORMULA_STARTS), text


def assert_no_formula_in_xlsx(rows):
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(FORMULA_STARTS), cell.value


def by_heading(rows, heading):
    headings, *body = rows
    column = headings.index(heading)
    return [row[column] for row in body]


def xlsx_values(rows):
    return [[cell.value for cell in row] for row in rows]


# XML reads a carriage return back as a line feed (XML 1.0, "End-of-Line Handling").
XLSX_HOSTILE = [text.replace("\r", "\n") for text in HOSTILE]


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Siti Aminah") == "Siti Aminah"
    assert neutralise("") == ""
    assert neutralise("a=b") == "a=b"
    assert [neutralise(text) for text in HOSTILE] == ["'" + text for text in HOSTILE]


# --- registrations ---------------------------------------------------------------------

REGISTRATIONS = "/admin/registrations/"


@pytest.fixture
def registrations(site_tree, locales, frozen):
    index, _en = make_schedule(site_tree, locales)
    start = NOW + timedelta(days=10)
    event = make_event(index, Taxonomy(*locales), [(start, start + timedelta(hours=4))], quota=len(HOSTILE))
    for number, name in enumerate(HOSTILE):
        person = {
            "full_name": name,
            "whatsapp": f"+6281234567{number:03}",
            "kecamatan": "jekan-raya",
            "kelurahan": "-Bukit Tunggal",
            "education": "sma",
            "motivation": "@SUM(A1)",
        }
        register(event, person, "id")
    return event


@pytest.mark.parametrize(
    "language, headings, status, education",
    [
        (
            "id",
            ("Nama lengkap", "Status", "Pendidikan terakhir", "Kecamatan", "Waktu mendaftar"),
            "Terdaftar",
            "SMA/SMK",
        ),
        (
            "en",
            ("Full name", "Status", "Last education", "Kecamatan (district)", "Registered at"),
            "Confirmed",
            "Senior secondary school (SMA/SMK)",
        ),
    ],
)
def test_registrations_export_is_safe_in_wib_and_in_the_coordinators_language(
    client, registrations, language, headings, status, education
):
    coordinator = coordinator_client(client, language)
    name, status_heading, education_heading, kecamatan_heading, time_heading = headings

    rows = csv_rows(coordinator.get(REGISTRATIONS, {"export": "csv"}))
    assert len(rows) == 1 + len(HOSTILE)
    assert_no_formula_in_csv(rows)
    assert sorted(by_heading(rows, name)) == sorted("'" + text for text in HOSTILE)
    # A number starting with "+" is a formula too: without the apostrophe a spreadsheet shows 6.28123E+12.
    assert "'+6281234567000" in by_heading(rows, "WhatsApp number" if language == "en" else "Nomor WhatsApp")
    assert set(by_heading(rows, status_heading)) == {status}
    assert set(by_heading(rows, education_heading)) == {education}
    assert set(by_heading(rows, kecamatan_heading)) == {"Jekan Raya"}
    assert set(by_heading(rows, time_heading)) == {"2026-11-15 09:00:00+07:00"}

    rows = xlsx_rows(coordinator.get(REGISTRATIONS, {"export": "xlsx"}))
    assert_no_formula_in_xlsx(rows)
    values = xlsx_values(rows)
    assert sorted(by_heading(values, name)) == sorted("'" + text for text in XLSX_HOSTILE)
    assert set(by_heading(values, status_heading)) == {status}
    assert set(by_heading(values, education_heading)) == {education}
    assert set(by_heading(values, kecamatan_heading)) == {"Jekan Raya"}
    assert set(by_heading(values, time_heading)) == {datetime(2026, 11, 15, 9, 0)}


# --- interest sign-ups ----------------------------------------------------------------

SIGNUPS = "/admin/interest_signups/"


@pytest.fixture
def signups(site_tree, locales, frozen):
    index, _en = make_campaign_index(site_tree, locales)
    campaign = make_campaign(index, start=TODAY, end=TODAY)
    for number, name in enumerate(HOSTILE):
        InterestSignup.objects.create(
            campaign=campaign,
            name=name,
            whatsapp=f"+62812000000{number}",
            kecamatan="jekan-raya",
            language="id",
            consented_at=NOW,
        )
    return campaign


@pytest.mark.parametrize(
    "language, headings",
    [
        ("id", ("Nama", "Kecamatan", "Tanggal mendaftar", "Halaman sosialisasi")),
        ("en", ("Name", "Kecamatan (district)", "Signed up", "Campaign page")),
    ],
)
def test_sign_ups_export_is_safe_in_wib_and_in_the_coordinators_language(client, signups, language, headings):
    coordinator = coordinator_client(client, language)
    name, kecamatan_heading, time_heading, campaign_heading = headings

    rows = csv_rows(coordinator.get(SIGNUPS, {"export": "csv"}))
    assert len(rows) == 1 + len(HOSTILE)
    assert_no_formula_in_csv(rows)
    assert sorted(by_heading(rows, name)) == sorted("'" + text for text in HOSTILE)
    assert set(by_heading(rows, kecamatan_heading)) == {"Jekan Raya"}
    assert set(by_heading(rows, time_heading)) == {"2026-11-15 09:00:00+07:00"}
    assert set(by_heading(rows, campaign_heading)) == {"Ayo Menjahit"}

    rows = xlsx_rows(coordinator.get(SIGNUPS, {"export": "xlsx"}))
    assert_no_formula_in_xlsx(rows)
    values = xlsx_values(rows)
    assert sorted(by_heading(values, name)) == sorted("'" + text for text in XLSX_HOSTILE)
    assert set(by_heading(values, kecamatan_heading)) == {"Jekan Raya"}
    assert set(by_heading(values, time_heading)) == {datetime(2026, 11, 15, 9, 0)}
