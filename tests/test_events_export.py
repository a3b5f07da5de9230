"""What leaves the site for other programs: .ics files and feeds, Google Calendar links, schema.org JSON-LD."""

import json
from datetime import datetime, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup

from events.models import Mode, Status, TrainingEvent

from .events_support import NOW, Taxonomy, english_for, html, make_event, make_schedule, translate_event, wib

pytestmark = pytest.mark.django_db

SESSIONS = [(wib(2026, 11, 23, 8), wib(2026, 11, 23, 12)), (wib(2026, 11, 24, 13), wib(2026, 11, 24, 16, 30))]


@pytest.fixture
def schedule(site_tree, locales):
    with time_machine.travel(NOW, tick=False):
        taxonomy = Taxonomy(*locales)
        index, en_index = make_schedule(site_tree, locales)
        yield SimpleNamespace(index=index, en_index=en_index, taxonomy=taxonomy)


def add(schedule, sessions=SESSIONS, **fields):
    return make_event(schedule.index, schedule.taxonomy, sessions, **fields)


def calendar_from(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def json_ld(response):
    """The page's schema.org Event (the site frame may add other blocks, such as breadcrumbs)."""
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", type="application/ld+json")
    events = [data for data in (json.loads(script.string) for script in scripts) if data.get("@type") == "Event"]
    assert len(events) == 1
    return events[0]


# --- .ics per training --------------------------------------------------------------


def test_training_ics_has_one_event_per_session_in_wib(client, schedule):
    add(schedule, title="Menjahit dasar")
    response = client.get("/jadwal-pelatihan/menjahit-dasar/ical/")
    assert response["Content-Disposition"] == 'attachment; filename="menjahit-dasar.ics"'
    cal = calendar_from(response)
    events = cal.events
    assert [(e.start, e.end) for e in events] == SESSIONS
    assert all(e.start.tzinfo == ZoneInfo("Asia/Pontianak") for e in events)
    assert b"DTSTART;TZID=Asia/Pontianak:20261123T080000" in response.content
    assert [str(e["SUMMARY"]) for e in events] == [
        "Menjahit dasar (sesi 1 dari 2)",
        "Menjahit dasar (sesi 2 dari 2)",
    ]
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in events)
    assert str(events[0]["URL"]) == "http://localhost/jadwal-pelatihan/menjahit-dasar/"
    assert str(events[0]["LOCATION"]) == "Aula Kelurahan, Jl. Jawa No. 12, Pahandut, Palangka Raya"
    [zone] = cal.timezones
    assert zone.tz_name == "Asia/Pontianak"
    offsets = {sub["TZOFFSETTO"].td for sub in zone.subcomponents}
    assert offsets == {timedelta(hours=7)}
    assert cal.get_missing_tzids() == set()


def test_ics_uid_is_stable_across_edits_and_shared_by_the_translation(client, schedule):
    event = add(schedule, title="Menjahit dasar")
    before = [str(e["UID"]) for e in calendar_from(client.get("/jadwal-pelatihan/menjahit-dasar/ical/")).events]
    assert len(set(before)) == 2
    assert all(uid.startswith(str(event.translation_key)) for uid in before)

    event = TrainingEvent.objects.get(pk=event.pk)
    event.title = "Menjahit busana dasar"
    sessions = event.sorted_sessions
    sessions[0].end = wib(2026, 11, 23, 11)
    event.sessions = sessions
    event.save_revision().publish()
    edited = calendar_from(client.get("/jadwal-pelatihan/menjahit-dasar/ical/")).events
    assert [str(e["UID"]) for e in edited] == before
    assert edited[0].end == wib(2026, 11, 23, 11)
    assert str(edited[0]["SUMMARY"]).startswith("Menjahit busana dasar")

    translate_event(event, english_for(event, **{event.title: "Basic dressmaking"}))
    english = calendar_from(client.get("/en/training-schedule/en-menjahit-dasar/ical/")).events
    assert [str(e["UID"]) for e in english] == before
    assert str(english[0]["SUMMARY"]) == "Basic dressmaking (session 1 of 2)"


def test_ics_sequence_rises_when_rescheduled_or_cancelled_and_only_then(client, schedule):
    def sequences():
        events = calendar_from(client.get("/jadwal-pelatihan/menjahit-dasar/ical/")).events
        return {int(e["SEQUENCE"]) for e in events}

    event = add(schedule, title="Menjahit dasar")
    assert sequences() == {0}

    event = TrainingEvent.objects.get(pk=event.pk)
    event.summary = "Belajar menjahit baju."  # text only: the saved entry is still right
    event.save_revision().publish()
    assert sequences() == {0}

    event = TrainingEvent.objects.get(pk=event.pk)
    sessions = event.sorted_sessions
    sessions[1].start, sessions[1].end = wib(2026, 11, 25, 13), wib(2026, 11, 25, 16)
    event.sessions = sessions
    draft = event.save_revision()
    assert sequences() == {0}  # a draft changes nothing anyone has saved
    draft.publish()
    assert sequences() == {1}

    event = TrainingEvent.objects.get(pk=event.pk)
    event.status, event.status_notice = Status.CANCELLED, "Penjahit sakit."
    event.save_revision().publish()
    assert sequences() == {2}

    # The English twin carries the same sequence, as it shares the entries' UIDs.
    event = TrainingEvent.objects.get(pk=event.pk)
    translate_event(event, english_for(event))
    english = calendar_from(client.get("/en/training-schedule/en-menjahit-dasar/ical/")).events
    assert {int(e["SEQUENCE"]) for e in english} == {2}


def test_cancelled_training_is_cancelled_in_the_calendar(client, schedule):
    add(schedule, title="Servis motor", status=Status.CANCELLED, status_notice="Bengkel direnovasi.")
    events = calendar_from(client.get("/jadwal-pelatihan/servis-motor/ical/")).events
    assert {str(e["STATUS"]) for e in events} == {"CANCELLED"}
    assert str(events[0]["SUMMARY"]).startswith("Dibatalkan: Servis motor")
    assert "Bengkel direnovasi." in str(events[0]["DESCRIPTION"])


def test_online_training_puts_its_link_as_location(client, schedule):
    add(schedule, title="Daring", mode=Mode.ONLINE, venue=None, online_url="https://meet.example.org/x")
    [first, _second] = calendar_from(client.get("/jadwal-pelatihan/daring/ical/")).events
    assert str(first["LOCATION"]) == "https://meet.example.org/x"


def test_event_page_links_to_its_ics_and_google_calendar(client, schedule):
    add(schedule, title="Menjahit dasar")
    doc = html(client.get("/jadwal-pelatihan/menjahit-dasar/"))
    assert doc.find("a", attrs={"download": True})["href"] == "/jadwal-pelatihan/menjahit-dasar/ical/"
    assert doc.find("link", type="text/calendar")["href"] == "/jadwal-pelatihan/menjahit-dasar/ical/"
    google = [a["href"] for a in doc.select("table.schedule a")]
    assert len(google) == 2
    query = parse_qs(urlparse(google[1]).query)
    assert urlparse(google[1]).netloc == "calendar.google.com"
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Menjahit dasar"]
    assert query["dates"] == ["20261124T060000Z/20261124T093000Z"]  # 13:00–16:30 WIB
    assert query["ctz"] == ["Asia/Pontianak"]
    assert "Jl. Jawa No. 12" in query["location"][0]
    assert "http://localhost/jadwal-pelatihan/menjahit-dasar/" in query["details"][0]


# --- feeds ---------------------------------------------------------------------------


def test_feed_of_a_language_holds_its_trainings_and_recent_past(client, schedule):
    with time_machine.travel(NOW, tick=False):
        sewing = add(schedule, title="Menjahit dasar")
        add(schedule, [(NOW - timedelta(days=10), NOW - timedelta(days=10) + timedelta(hours=3))], title="Baru lewat")
        add(schedule, [(NOW - timedelta(days=60), NOW - timedelta(days=60) + timedelta(hours=3))], title="Lama")
        weaving = add(schedule, [SESSIONS[0]], title="Anyaman", skill_areas=[schedule.taxonomy.weaving])
        translate_event(sewing, english_for(sewing, **{sewing.title: "Basic sewing"}))
        translate_event(weaving, english_for(weaving, **{weaving.title: "Weaving"}))
        indonesian = calendar_from(client.get("/jadwal-pelatihan/ical/"))
        english = calendar_from(client.get("/en/training-schedule/ical/"))
        weaving_only = calendar_from(client.get("/en/training-schedule/ical/anyaman/"))
        unknown = client.get("/jadwal-pelatihan/ical/tidak-ada/")

    def summaries(cal):
        return sorted(str(e["SUMMARY"]) for e in cal.events)

    assert summaries(indonesian) == [
        "Anyaman",
        "Baru lewat",
        "Menjahit dasar (sesi 1 dari 2)",
        "Menjahit dasar (sesi 2 dari 2)",
    ]
    assert str(indonesian["X-WR-CALNAME"]) == "Jadwal Pelatihan"
    assert summaries(english) == ["Basic sewing (session 1 of 2)", "Basic sewing (session 2 of 2)", "Weaving"]
    assert summaries(weaving_only) == ["Weaving"]
    assert str(weaving_only["X-WR-CALNAME"]) == "Training schedule: Weaving"
    assert english.get_missing_tzids() == set()
    assert unknown.status_code == 404


def test_schedule_page_offers_the_feeds(client, schedule):
    doc = html(client.get("/en/training-schedule/"))
    subscribe = doc.select_one(".event-subscribe")
    assert subscribe.find("a", class_="button")["href"] == "http://localhost/en/training-schedule/ical/"
    assert "/en/training-schedule/ical/menjahit/" in [a["href"] for a in subscribe.select("details a")]
    assert doc.find("link", type="text/calendar")["href"] == "http://localhost/en/training-schedule/ical/"


# --- JSON-LD ----------------------------------------------------------------------------


def test_event_page_describes_the_training_for_search_engines(client, schedule):
    add(schedule, title="Menjahit dasar", quota=16, places_taken=4, registration_opens=wib(2026, 11, 1, 8))
    data = json_ld(client.get("/jadwal-pelatihan/menjahit-dasar/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Menjahit dasar"
    assert data["description"] == "Belajar menjahit pakaian sederhana."
    assert data["startDate"] == "2026-11-23T08:00:00+07:00"
    assert data["endDate"] == "2026-11-24T16:30:00+07:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Aula Kelurahan",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Jl. Jawa No. 12",
            "addressLocality": "Palangka Raya",
            "addressRegion": "Kalimantan Tengah",
            "addressCountry": "ID",
        },
    }
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Balai Latihan Kerja",
        "url": "https://blk.example.org/",
    }
    assert data["offers"]["price"] == 0
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["validFrom"] == "2026-11-01T08:00:00+07:00"
    assert data["offers"]["url"] == data["url"] == "http://localhost/jadwal-pelatihan/menjahit-dasar/"
    assert data["remainingAttendeeCapacity"] == 12
    assert data["inLanguage"] == "id"
    # Every date carries the WIB offset, never a bare or UTC time.
    for value in (data["startDate"], data["endDate"], data["offers"]["validFrom"]):
        assert datetime.fromisoformat(value).utcoffset() == timedelta(hours=7)


def test_json_ld_of_the_english_page_is_english(client, schedule):
    event = add(schedule, title="Menjahit dasar", cost=50000)
    translate_event(event, english_for(event, **{event.title: "Basic sewing"}))
    data = json_ld(client.get("/en/training-schedule/en-menjahit-dasar/"))
    assert data["name"] == "Basic sewing"
    assert data["location"]["name"] == "Village Hall"
    assert data["organizer"]["name"] == "Vocational Training Centre"
    assert data["offers"]["price"] == 50000
    assert data["isAccessibleForFree"] is False
    assert data["inLanguage"] == "en"


def test_json_ld_of_changed_trainings(client, schedule):
    add(schedule, title="Batal", status=Status.CANCELLED, status_notice="Batal.")
    add(
        schedule,
        title="Diundur",
        status=Status.RESCHEDULED,
        previous_start=wib(2026, 11, 16, 8),
        status_notice="Diundur.",
    )
    add(schedule, title="Pindah", status=Status.MOVED_ONLINE, online_url="https://meet.example.org/p")
    add(
        schedule,
        title="Campuran",
        mode=Mode.MIXED,
        online_url="https://meet.example.org/c",
        places_taken=16,
    )
    cancelled = json_ld(client.get("/jadwal-pelatihan/batal/"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    rescheduled = json_ld(client.get("/jadwal-pelatihan/diundur/"))
    assert rescheduled["eventStatus"] == "https://schema.org/EventRescheduled"
    assert rescheduled["previousStartDate"] == "2026-11-16T08:00:00+07:00"
    moved = json_ld(client.get("/jadwal-pelatihan/pindah/"))
    assert moved["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert moved["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert moved["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/p"}
    mixed = json_ld(client.get("/jadwal-pelatihan/campuran/"))
    assert mixed["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in mixed["location"]] == ["Place", "VirtualLocation"]
    assert mixed["offers"]["availability"] == "https://schema.org/SoldOut"


def test_json_ld_of_a_closed_training_with_places_left_does_not_say_sold_out(client, schedule):
    event = add(
        schedule,
        title="Sudah tutup",
        registration_opens=NOW - timedelta(days=20),
        registration_closes=NOW - timedelta(days=1),
    )
    data = json_ld(client.get(event.url))
    assert data["remainingAttendeeCapacity"] == 16
    assert "availability" not in data["offers"]
    assert data["offers"]["validThrough"] == data["offers"]["validThrough"][:19] + "+07:00"


def test_json_ld_has_an_absolute_image_url(client, schedule, settings, tmp_path):
    from home.demo import make_image

    settings.MEDIA_ROOT = tmp_path
    add(schedule, title="Bergambar", image=make_image("Uji gambar", ["#ffffff", "#0b6e4f", "#b8480b"]))
    data = json_ld(client.get("/jadwal-pelatihan/bergambar/"))
    [image] = data["image"]
    assert image.startswith("http://localhost/media/images/")
    assert image.endswith(".jpg")


def test_a_title_cannot_break_out_of_the_json_ld_script(client, schedule):
    title = '</script><script>alert("x")</script> & <!-- Menjahit'
    add(schedule, title=title, slug="aman")
    response = client.get("/jadwal-pelatihan/aman/")
    head = response.content.decode().split("</head>")[0]
    scripts = [part.split("</script>")[0] for part in head.split('<script type="application/ld+json">')[1:]]
    assert scripts
    for script in scripts:
        assert "<" not in script and ">" not in script
    assert json_ld(response)["name"] == title
    # No script element other than structured data was opened by the title.
    assert head.count("<script") == len(scripts)
    # And the visible title shows the text as text.
    assert BeautifulSoup(response.content, "html.parser").h1.get_text() == title


def test_stamp_in_ics_is_utc(client, schedule):
    add(schedule, title="Menjahit dasar")
    response = client.get("/jadwal-pelatihan/menjahit-dasar/ical/")
    [first, _second] = calendar_from(response).events
    assert first.DTSTAMP.utcoffset() == timedelta(0)
    assert b"DTSTAMP:20261115T020000Z" in response.content  # published at 09:00 WIB
