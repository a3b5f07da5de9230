"""The training schedule as a visitor uses it: listings, filters, calendar, archive, event pages, both languages."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from events.models import EventIndexPage, EventSession, Mode, RegistrationState, Status, TrainingEvent
from home.models import Kecamatan

from .events_support import NOW, Taxonomy, editor, english_for, html, make_event, make_schedule, translate_event, wib

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(site_tree, locales, frozen):
    taxonomy = Taxonomy(*locales)
    index, en_index = make_schedule(site_tree, locales)
    return SimpleNamespace(index=index, en_index=en_index, taxonomy=taxonomy, home=site_tree["home"])


def add(schedule, sessions, **fields):
    return make_event(schedule.index, schedule.taxonomy, sessions, **fields)


def day(offset_days, hour=8, length_hours=4):
    start = NOW.replace(hour=hour, minute=0) + timedelta(days=offset_days)
    return (start, start + timedelta(hours=length_hours))


def titles(doc):
    return [a.get_text(strip=True) for a in doc.select(".event-card__title a")]


# --- the upcoming list ----------------------------------------------------------


def test_visitor_sees_upcoming_trainings_soonest_first_without_past_ones(client, schedule):
    add(schedule, [day(20)], title="Anyaman lanjutan")
    add(schedule, [day(3), day(4)], title="Menjahit dasar")
    add(schedule, [day(-10)], title="Kue lapis")
    doc = html(client.get("/jadwal-pelatihan/"))
    assert titles(doc) == ["Menjahit dasar", "Anyaman lanjutan"]
    assert doc.html["lang"] == "id"
    assert doc.select_one(".result-count").get_text(strip=True) == "2 pelatihan ditemukan."


def test_list_is_ordered_by_next_session_not_first_one(client, schedule):
    # A long course that began last week comes before one that starts tomorrow afternoon
    # only while its next session is sooner.
    add(schedule, [day(-7), day(2)], title="Kursus panjang")
    add(schedule, [day(1)], title="Kursus besok")
    assert titles(html(client.get("/jadwal-pelatihan/"))) == ["Kursus besok", "Kursus panjang"]


def test_training_running_now_is_listed_as_under_way(client, schedule):
    add(schedule, [(NOW - timedelta(hours=1), NOW + timedelta(hours=3)), day(1)], title="Sedang jalan")
    card = html(client.get("/jadwal-pelatihan/")).select_one(".event-card")
    assert "Sedang berlangsung" in card.select_one(".badges").get_text()


def test_english_schedule_lists_english_trainings_only(client, schedule):
    sewing = add(schedule, [day(3)], title="Menjahit dasar")
    add(schedule, [day(4)], title="Belum diterjemahkan")
    translate_event(sewing, english_for(sewing, **{sewing.title: "Basic sewing"}))
    doc = html(client.get("/en/training-schedule/"))
    assert doc.html["lang"] == "en"
    assert titles(doc) == ["Basic sewing"]
    card = doc.select_one(".event-card")
    assert "Village Hall, Pahandut" in card.get_text()  # the venue in English
    assert [li.get_text() for li in card.select(".tag-list li")] == ["Sewing"]
    assert card.select_one("a")["href"] == "/en/training-schedule/en-menjahit-dasar/"


def test_card_shows_cost_places_and_sessions(client, schedule):
    add(schedule, [day(3), day(4), day(5)], title="Kue lapis", cost=75000, quota=20, places_taken=6)
    card = html(client.get("/jadwal-pelatihan/")).select_one(".event-card")
    text = card.get_text(" ", strip=True)
    assert "Rp 75.000" in text
    assert "Sisa 14 dari 20 tempat" in text
    assert "(3 sesi)" in text


FILTER_CASES = [
    ("bidang=anyaman", ["Anyaman purun"]),
    ("bidang=menjahit", ["Menjahit dasar", "Menjahit daring"]),
    ("bulan=2026-12", ["Menjahit daring", "Anyaman purun"]),
    ("mode=daring", ["Pindah daring", "Menjahit daring"]),
    ("mode=tatap-muka", ["Menjahit dasar", "Anyaman purun"]),
    ("kecamatan=jekan-raya", ["Anyaman purun"]),
    ("kecamatan=pahandut", ["Menjahit dasar"]),
    ("ada_tempat=1", ["Menjahit dasar", "Anyaman purun"]),
    ("bidang=menjahit&ada_tempat=1", ["Menjahit dasar"]),
    ("bidang=menjahit&bulan=2026-12&mode=daring", ["Menjahit daring"]),
]


def test_filters_narrow_the_list_and_combine(client, schedule):
    taxonomy = schedule.taxonomy
    add(schedule, [day(3)], title="Menjahit dasar", venue=taxonomy.hall)
    add(
        schedule,
        [day(20)],
        title="Menjahit daring",
        mode=Mode.ONLINE,
        venue=None,
        online_url="https://meet.example.org/a",
        places_taken=16,
    )
    add(
        schedule,
        [day(25)],
        title="Anyaman purun",
        venue=taxonomy.workshop,
        skill_areas=[taxonomy.weaving],
    )
    add(
        schedule,
        [day(5)],
        title="Pindah daring",
        skill_areas=[taxonomy.it],
        venue=taxonomy.hall,
        status=Status.MOVED_ONLINE,
        online_url="https://meet.example.org/b",
        places_taken=16,
    )
    # One schedule, every filter: building the pages is what takes the time.
    for query, expected in FILTER_CASES:
        assert titles(html(client.get("/jadwal-pelatihan/?" + query))) == expected, query


def test_skill_area_filter_uses_the_same_slug_in_english(client, schedule):
    weaving = add(schedule, [day(3)], title="Anyaman purun", skill_areas=[schedule.taxonomy.weaving])
    sewing = add(schedule, [day(4)], title="Menjahit dasar")
    translate_event(weaving, english_for(weaving, **{weaving.title: "Purun weaving"}))
    translate_event(sewing, english_for(sewing, **{sewing.title: "Basic sewing"}))
    doc = html(client.get("/en/training-schedule/?bidang=anyaman"))
    assert titles(doc) == ["Purun weaving"]
    options = {o["value"]: o.get_text() for o in doc.select("#id_bidang option")}
    assert options["anyaman"] == "Weaving"


def test_cancelled_trainings_stay_listed_but_not_under_places_left(client, schedule):
    add(schedule, [day(3)], title="Dibatalkan", status=Status.CANCELLED, status_notice="Instruktur sakit.")
    doc = html(client.get("/jadwal-pelatihan/"))
    assert titles(doc) == ["Dibatalkan"]
    assert "Dibatalkan" in doc.select_one(".event-card .badges").get_text()
    assert titles(html(client.get("/jadwal-pelatihan/?ada_tempat=1"))) == []


def test_filters_are_kept_across_pages(client, schedule, monkeypatch):
    monkeypatch.setattr(EventIndexPage, "events_per_page", 2)
    for number in range(5):
        add(schedule, [day(number + 1)], title=f"Menjahit {number}", slug=f"menjahit-{number}")
    add(schedule, [day(2, hour=13)], title="Anyaman", skill_areas=[schedule.taxonomy.weaving])
    first = html(client.get("/jadwal-pelatihan/?bidang=menjahit&ada_tempat=1"))
    assert titles(first) == ["Menjahit 0", "Menjahit 1"]
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert "bidang=menjahit" in next_link and "ada_tempat=1" in next_link and "page=2" in next_link
    second = html(client.get("/jadwal-pelatihan/" + next_link))
    assert titles(second) == ["Menjahit 2", "Menjahit 3"]
    assert "Halaman 2 dari 3" in second.select_one(".pagination").get_text()
    assert second.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    # Past the end, or not a number: the last page, or the first, never an error.
    assert titles(html(client.get("/jadwal-pelatihan/?bidang=menjahit&page=7"))) == ["Menjahit 4"]
    assert titles(html(client.get("/jadwal-pelatihan/?bidang=menjahit&page=99999999999999999999"))) == ["Menjahit 4"]
    assert titles(html(client.get("/jadwal-pelatihan/?bidang=menjahit&page=dua"))) == ["Menjahit 0", "Menjahit 1"]
    assert titles(html(client.get("/jadwal-pelatihan/?bidang=tidak-ada&mode=daring&page=3"))) == []


BAD_QUERIES = [
    "bidang=tidak-ada",
    "bulan=2026-13",
    "bulan=1999-01",
    "bulan=abc",
    "mode=terbang",
    "kecamatan=jakarta",
    "ada_tempat=mungkin",
    "page=abc",
    "page=-1",
    "page=99999999999999999999",
    "bidang=%3Cscript%3Ealert(1)%3C/script%3E",
    "bidang=" + "x" * 5000,
]


def test_unknown_filter_values_give_a_clear_page_not_an_error(client, schedule):
    add(schedule, [day(3)], title="Menjahit dasar")
    for query in BAD_QUERIES:
        for url in ("/jadwal-pelatihan/?", "/jadwal-pelatihan/arsip/?", "/jadwal-pelatihan/kalender/2026/11/?"):
            response = client.get(url + query)
            assert response.status_code == 200, url + query
            # Nothing from the query string turns into a script; structured data is the only kind there is.
            scripts = re.findall(rb"<script[^>]*>", response.content)
            assert all(tag == b'<script type="application/ld+json">' for tag in scripts), url + query
            assert b"<script>alert" not in response.content, url + query
        assert titles(html(client.get("/jadwal-pelatihan/?" + query))) == ["Menjahit dasar"], query


def test_unknown_filter_is_named_as_ignored(client, schedule):
    add(schedule, [day(3)], title="Menjahit dasar")
    doc = html(client.get("/jadwal-pelatihan/?bidang=tidak-ada&mode=daring"))
    assert "Beberapa filter tidak dikenali" in doc.select_one(".event-filters .notice").get_text()
    assert doc.select_one(".event-filters")["open"] == ""
    assert titles(doc) == []  # the filter that was understood (online) still applies


def test_empty_schedule_says_so(client, schedule):
    doc = html(client.get("/en/training-schedule/"))
    assert "No trainings are scheduled right now" in doc.find(id="main").get_text()


# --- month calendar -------------------------------------------------------------


def test_month_view_puts_sessions_on_their_days(client, schedule):
    add(schedule, [(wib(2026, 11, 20, 8), wib(2026, 11, 20, 12)), (wib(2026, 11, 23, 8), wib(2026, 11, 23, 12))])
    add(schedule, [(wib(2026, 11, 20, 13), wib(2026, 11, 20, 16))], title="Kue lapis")
    add(schedule, [(wib(2026, 12, 2, 8), wib(2026, 12, 2, 12))], title="Bulan depan")
    doc = html(client.get("/jadwal-pelatihan/kalender/2026/11/"))
    table = doc.select_one("table.month-calendar")
    day20 = table.find("a", href="#day-2026-11-20")
    assert day20.select_one(".day-number").get_text() == "20"
    assert day20.select_one(".day-count").get_text(" ", strip=True) == "2 sesi pelatihan"
    assert table.find("a", href="#day-2026-11-23")
    assert not table.find("a", href="#day-2026-12-02")
    agenda = doc.select_one(".month-agenda")
    assert agenda.find(id="day-2026-11-20").get_text() == "Jumat, 20 November 2026"
    items = agenda.find(id="day-2026-11-20").find_next("ul").select("li")
    assert [li.select_one(".agenda-list__time").get_text() for li in items] == ["08.00–12.00 WIB", "13.00–16.00 WIB"]
    assert "Bulan depan" not in agenda.get_text()


def test_month_calendar_is_an_accessible_table(client, schedule):
    doc = html(client.get("/jadwal-pelatihan/kalender/2026/11/"))
    table = doc.select_one("table.month-calendar")
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 7
    assert [th.abbr["title"] for th in headers][:2] == ["Senin", "Selasa"]  # Indonesian weeks start on Monday
    assert doc.find(id=table["aria-labelledby"]).get_text() == "November 2026"
    assert table.find("td", attrs={"aria-current": "date"}).get_text(strip=True) == "15"
    english = html(client.get("/en/training-schedule/calendar/2026/11/")).select_one("table.month-calendar")
    assert english.select("thead th")[0].abbr["title"] == "Sunday"


def test_month_view_leads_to_the_nearest_months_with_trainings_and_no_further(client, schedule):
    # Empty months are not linked: neither visitors nor crawlers walk through them.
    doc = html(client.get("/jadwal-pelatihan/kalender/2027/01/"))
    assert doc.select(".month-nav a") == []
    assert doc.find("link", rel="canonical")["href"] == "http://localhost/jadwal-pelatihan/kalender/2027/1/"

    add(schedule, [(wib(2026, 10, 5, 8), wib(2026, 10, 5, 12))], title="Oktober", slug="oktober")
    add(schedule, [(wib(2027, 3, 1, 8), wib(2027, 3, 1, 12))], title="Maret", slug="maret")
    doc = html(client.get("/jadwal-pelatihan/kalender/2027/01/"))
    nav = doc.select_one(".month-nav")
    assert nav.find("a", rel="prev")["href"] == "/jadwal-pelatihan/kalender/2026/10/"
    assert nav.find("a", rel="prev").get_text() == "Sebelumnya: Oktober 2026"
    assert nav.find("a", rel="next")["href"] == "/jadwal-pelatihan/kalender/2027/3/"
    english = html(client.get("/en/training-schedule/calendar/2027/01/"))
    assert english.select(".month-nav a") == []  # the English schedule has no trainings yet
    last = html(client.get(nav.find("a", rel="next")["href"])).select_one(".month-nav")
    assert last.find("a", rel="next") is None
    assert last.find("a", rel="prev")["href"] == "/jadwal-pelatihan/kalender/2026/10/"


def test_month_view_keeps_its_filters_in_month_links(client, schedule):
    add(
        schedule,
        [(wib(2026, 11, 20, 8), wib(2026, 11, 20, 12))],
        title="Anyaman",
        skill_areas=[schedule.taxonomy.weaving],
    )
    add(schedule, [(wib(2026, 11, 21, 8), wib(2026, 11, 21, 12))], title="Menjahit")
    add(
        schedule,
        [(wib(2027, 2, 1, 8), wib(2027, 2, 1, 12))],
        title="Anyaman lanjutan",
        skill_areas=[schedule.taxonomy.weaving],
    )
    add(schedule, [(wib(2026, 12, 1, 8), wib(2026, 12, 1, 12))], title="Menjahit Desember")
    doc = html(client.get("/jadwal-pelatihan/kalender/2026/11/?bidang=anyaman"))
    # The next month with a weaving training, past December's sewing one.
    assert doc.select_one(".month-nav a[rel=next]")["href"] == "/jadwal-pelatihan/kalender/2027/2/?bidang=anyaman"
    assert [a.get_text() for a in doc.select(".agenda-list a")] == ["Anyaman"]
    assert doc.select_one(".month-nav a[rel=next]")["href"].endswith("?bidang=anyaman")


def test_calendar_link_goes_to_this_month(client, schedule):
    response = client.get("/jadwal-pelatihan/kalender/")
    assert response.status_code == 302
    assert response["Location"] == "/jadwal-pelatihan/kalender/2026/11/"


@pytest.mark.parametrize(
    "path",
    [
        "kalender/2026/13/",
        "kalender/2026/0/",
        "kalender/1999/12/",
        "kalender/2032/01/",
        "kalender/99999999999999999999/01/",
        "kalender/2026/abc/",
        "kalender/-2026/01/",
        "kalender/2026/",
    ],
)
def test_impossible_or_far_away_months_are_404(client, schedule, path):
    response = client.get("/jadwal-pelatihan/" + path)
    assert response.status_code == 404
    assert html(response).h1.get_text() == "Halaman tidak ditemukan"


def test_far_but_allowed_month_has_no_link_beyond_the_edge(client, schedule):
    add(schedule, [(wib(2026, 12, 1, 8), wib(2026, 12, 1, 12))], title="Desember")
    doc = html(client.get("/jadwal-pelatihan/kalender/2031/12/"))
    assert doc.select_one(".month-nav a[rel=next]") is None
    assert doc.select_one(".month-nav a[rel=prev]")["href"] == "/jadwal-pelatihan/kalender/2026/12/"
    assert "Tidak ada pelatihan pada bulan ini." in doc.select_one(".month-agenda").get_text()
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"


# --- archive ------------------------------------------------------------------------


def test_archive_lists_finished_trainings_latest_first(client, schedule):
    add(schedule, [day(-40)], title="Lama sekali")
    add(schedule, [day(-5)], title="Baru selesai")
    add(schedule, [day(-2), day(2)], title="Masih jalan")
    add(schedule, [day(3)], title="Akan datang")
    doc = html(client.get("/jadwal-pelatihan/arsip/"))
    assert titles(doc) == ["Baru selesai", "Lama sekali"]
    assert "Selesai" in doc.select_one(".event-card .badges").get_text()
    assert "Sisa" not in doc.select_one(".event-card").get_text()
    filtered = html(client.get("/jadwal-pelatihan/arsip/?bidang=anyaman"))
    assert titles(filtered) == []


def test_training_moves_from_upcoming_to_archive_when_its_last_session_ends(client, schedule):
    add(schedule, [(NOW - timedelta(hours=3), NOW + timedelta(minutes=30))], title="Hampir selesai")
    assert titles(html(client.get("/jadwal-pelatihan/"))) == ["Hampir selesai"]
    with time_machine.travel(NOW + timedelta(minutes=31), tick=False):
        assert titles(html(client.get("/jadwal-pelatihan/"))) == []
        assert titles(html(client.get("/jadwal-pelatihan/arsip/"))) == ["Hampir selesai"]


# --- the event page -----------------------------------------------------------------


def test_event_page_shows_what_a_participant_needs(client, schedule):
    taxonomy = schedule.taxonomy
    add(
        schedule,
        [(wib(2026, 11, 23, 8), wib(2026, 11, 23, 12)), (wib(2026, 11, 24, 8), wib(2026, 11, 24, 12))],
        title="Menjahit dasar",
        partners=[taxonomy.ngo],
        audience="Ibu rumah tangga.",
        min_age=18,
        max_age=45,
        min_education="smp",
        documents="KTP-el dan pas foto.",
        includes_certificate=True,
        includes_meals=True,
        quota=16,
        places_taken=5,
        registration_closes=wib(2026, 11, 20, 16),
    )
    doc = html(client.get("/jadwal-pelatihan/menjahit-dasar/"))
    facts = doc.select_one(".event-facts-box").get_text(" ", strip=True)
    for expected in (
        "23 November 2026 – 24 November 2026",
        "Aula Kelurahan",
        "Jl. Jawa No. 12, Pahandut, Palangka Raya",
        "Gratis",
        "sertifikat, makan",
        "11 dari 16 tempat",
        "sampai 20 November 2026, pukul 16.00 WIB",
        "Ibu rumah tangga.",
        "18 sampai 45 tahun",
        "SMP",
        "KTP-el dan pas foto.",
        "Balai Latihan Kerja",
        "Bersama Yayasan Perempuan",
    ):
        assert expected in facts, expected
    assert doc.find("a", string="Buka di peta")["href"] == taxonomy.hall.map_url
    assert doc.select_one(".event-facts-box a[href='/jadwal-pelatihan/?bidang=menjahit']").get_text() == "Menjahit"
    rows = doc.select("table.schedule tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Senin, 23 November 2026", "Selasa, 24 November 2026"]
    assert [row.select("td")[0].get_text() for row in rows] == ["08.00–12.00", "08.00–12.00"]
    assert "Satu anak tangga" in doc.get_text()


def test_english_event_page_shows_english_snippets_and_formats(client, schedule):
    taxonomy = schedule.taxonomy
    event = add(
        schedule,
        [(wib(2026, 11, 23, 13), wib(2026, 11, 23, 16))],
        title="Menjahit dasar",
        partners=[taxonomy.ngo],
        skill_areas=[taxonomy.sewing, taxonomy.weaving],
        cost=150000,
    )
    translate_event(event, english_for(event, **{event.title: "Basic sewing"}))
    doc = html(client.get("/en/training-schedule/en-menjahit-dasar/"))
    facts = doc.select_one(".event-facts-box").get_text(" ", strip=True)
    for expected in (
        "Monday, November 23, 2026, 13:00–16:00 WIB",
        "Village Hall",
        "Vocational Training Centre",
        "With Women's Foundation",
        "IDR 150,000",  # one money format site-wide (stories.outcomes)
    ):
        assert expected in facts, expected
    assert [a.get_text() for a in doc.select(".event-facts-box dd a[href*=bidang]")] == ["Weaving", "Sewing"]
    assert "One step at the entrance." in doc.get_text()


OPENS = "not-yet-open"


@pytest.mark.parametrize(
    ("fields", "sessions", "state"),
    [
        (
            {"registration_opens": NOW + timedelta(days=1), "registration_closes": NOW + timedelta(days=5)},
            [day(10)],
            "not-yet-open",
        ),
        (
            {"registration_opens": NOW - timedelta(days=5), "registration_closes": NOW + timedelta(days=9)},
            [day(10)],
            "open",
        ),
        (
            {"registration_opens": NOW - timedelta(days=5), "registration_closes": NOW + timedelta(days=2)},
            [day(10)],
            "closing-soon",
        ),
        ({"registration_closes": NOW + timedelta(days=9), "places_taken": 16}, [day(10)], "full"),
        ({"registration_closes": NOW - timedelta(hours=1)}, [day(10)], "closed"),
        ({"status": Status.CANCELLED, "status_notice": "Ditunda sampai tahun depan."}, [day(10)], "cancelled"),
        ({"registration_closes": NOW - timedelta(days=3)}, [day(-2)], "closed"),
    ],
)
def test_registration_call_to_action_follows_the_state(client, schedule, fields, sessions, state):
    event = add(schedule, sessions, title="Menjahit dasar", **fields)
    assert event.registration_state() == state
    doc = html(client.get("/jadwal-pelatihan/menjahit-dasar/"))
    aside = doc.select_one("aside.registration")
    assert f"registration--{state}" in aside["class"]
    with translation.override("id"):
        assert aside.h2.get_text() == str(RegistrationState(state).label)
    button = aside.find("a", class_="button--primary")
    whatsapp = aside.find("a", string="Daftar lewat WhatsApp")
    if state in ("open", "closing-soon"):
        assert button["href"] == "/jadwal-pelatihan/menjahit-dasar/daftar/"
        assert whatsapp["href"].startswith("https://wa.me/6281234567890?text=")
        assert "mendaftar+pelatihan" in whatsapp["href"]
    elif state == "full":
        # A full training still takes people onto its waiting list.
        assert button["href"] == "/jadwal-pelatihan/menjahit-dasar/daftar/"
        assert whatsapp is None
    else:
        assert button is None
        assert whatsapp is None


def test_registration_state_labels_are_translated(client, schedule):
    add(schedule, [day(10)], title="Menjahit dasar", registration_closes=NOW + timedelta(days=2))
    assert html(client.get("/jadwal-pelatihan/menjahit-dasar/")).select_one("aside h2").get_text() == (
        "Pendaftaran segera ditutup"
    )


def test_cancelled_training_page_says_so_and_offers_no_calendar_links(client, schedule):
    add(schedule, [day(10)], title="Servis motor", status=Status.CANCELLED, status_notice="Bengkel sedang direnovasi.")
    doc = html(client.get("/jadwal-pelatihan/servis-motor/"))
    notice = doc.select_one(".event-notice")
    assert notice.h2.get_text() == "Dibatalkan"
    assert "Bengkel sedang direnovasi." in notice.get_text()
    assert "tidak jadi dilaksanakan" in doc.select_one("aside.registration").get_text()
    assert not doc.select("table.schedule a")
    assert "Sisa tempat" not in doc.get_text()


def test_rescheduled_training_shows_its_previous_date(client, schedule):
    add(
        schedule,
        [day(30)],
        title="Komputer kantor",
        status=Status.RESCHEDULED,
        previous_start=wib(2026, 11, 17, 8),
        status_notice="Laboratorium dipakai ujian.",
    )
    notice = html(client.get("/jadwal-pelatihan/komputer-kantor/")).select_one(".event-notice")
    assert notice.h2.get_text() == "Diundur ke tanggal baru"
    assert "Semula dijadwalkan mulai Selasa, 17 November 2026 pukul 08.00 WIB." in notice.get_text()


def test_training_moved_online_shows_the_online_link_not_the_hall(client, schedule):
    add(
        schedule,
        [day(5)],
        title="Ikan asap",
        status=Status.MOVED_ONLINE,
        online_url="https://meet.example.org/ikan",
    )
    doc = html(client.get("/jadwal-pelatihan/ikan-asap/"))
    where = doc.find("dt", string="Di mana").find_next("dd")
    assert "Daring" in where.get_text()
    assert where.a["href"] == "https://meet.example.org/ikan"
    assert "Aula Kelurahan" not in where.get_text()


def test_ongoing_session_is_marked_in_the_schedule(client, schedule):
    add(schedule, [day(-1), (NOW - timedelta(hours=1), NOW + timedelta(hours=2)), day(1)], title="Berjalan")
    doc = html(client.get("/jadwal-pelatihan/berjalan/"))
    rows = doc.select("table.schedule tbody tr")
    assert "is-past" in rows[0]["class"]
    assert rows[1]["aria-current"] == "true"
    assert "Sedang berlangsung" in doc.select_one(".event__header .badges").get_text()


def test_places_left_is_computed_in_the_database_once(schedule):
    event = add(schedule, [day(5)], quota=20, places_taken=7)
    listed = TrainingEvent.objects.with_places_left().get(pk=event.pk)
    assert listed.places_left == event.places_left == 13
    # More taken than the quota (an import, a manual fix) never shows a negative number.
    TrainingEvent.objects.filter(pk=event.pk).update(places_taken=25)
    assert TrainingEvent.objects.with_places_left().get(pk=event.pk).places_left == 0


# --- translation ------------------------------------------------------------------------


def test_sessions_are_copied_to_the_translation(schedule):
    event = add(schedule, [day(3), day(4)], quota=12)
    english = translate_event(event, english_for(event))
    source_rows = [(s.start, s.end, s.key) for s in event.sorted_sessions]
    assert [(s.start, s.end, s.key) for s in english.sorted_sessions] == source_rows
    assert english.quota == 12
    assert english.live


def test_schedule_changes_reach_the_translation_when_synced(schedule):
    event = add(schedule, [day(3), day(4)], quota=12, title="Menjahit dasar")
    english = translate_event(event, english_for(event, **{event.title: "Basic sewing"}))
    kept_key = event.sorted_sessions[0].key

    # The editor moves the second day, adds a third, raises the quota and publishes...
    event = TrainingEvent.objects.get(pk=event.pk)
    second = event.sorted_sessions[1]
    second.start, second.end = day(6)
    event.sessions = [event.sorted_sessions[0], second, EventSession(start=day(7)[0], end=day(7)[1])]
    event.quota = 20
    event.save_revision().publish()
    # ...then uses wagtail-localize's "Sync translated pages".
    source, _created = TranslationSource.update_or_create_from_instance(event)
    translation = Translation.objects.get(source=source, target_locale=english.locale)
    translation.save_target(user=editor(), publish=False)
    english = TrainingEvent.objects.get(pk=english.pk)
    english.get_latest_revision().publish()

    english = TrainingEvent.objects.get(pk=english.pk)
    assert [(s.start, s.end) for s in english.sorted_sessions] == [day(3), day(6), day(7)]
    assert english.sorted_sessions[0].key == kept_key
    assert english.quota == 20
    assert english.title == "Basic sewing"  # translated text is not overwritten by the sync


def test_translation_of_event_goes_through_the_admin(admin_client, schedule):
    event = add(schedule, [day(3)])
    en = Locale.objects.get(language_code="en")
    response = admin_client.post(f"/admin/localize/submit/page/{event.pk}/", {"locales": [en.pk]})
    assert response.status_code == 302
    draft = event.get_translation(en)
    assert [(s.start, s.end) for s in draft.sorted_sessions] == [day(3)]
    assert draft.venue_id == event.venue_id  # synchronized; rendered in English through its translation


# --- time zone ----------------------------------------------------------------------


def test_session_at_23_30_wib_on_the_last_day_of_a_month_stays_in_that_month(client, schedule):
    late = (wib(2026, 11, 30, 23, 30), wib(2026, 11, 30, 23, 59))
    early = (wib(2026, 12, 1, 0, 30), wib(2026, 12, 1, 2, 0))  # still 30 November in UTC
    add(schedule, [late], title="Sesi malam")
    add(schedule, [early], title="Sesi dini hari")
    # Whatever time zone happens to be active, the calendar thinks in WIB.
    with timezone.override("Pacific/Auckland"):
        november = html(client.get("/jadwal-pelatihan/kalender/2026/11/"))
        december = html(client.get("/jadwal-pelatihan/kalender/2026/12/"))
    nov_agenda = november.select_one(".month-agenda")
    assert nov_agenda.find(id="day-2026-11-30").get_text() == "Senin, 30 November 2026"
    assert [a.get_text() for a in nov_agenda.select("a")] == ["Sesi malam"]
    assert nov_agenda.select_one(".agenda-list__time").get_text() == "23.30–23.59 WIB"
    assert november.select_one("table.month-calendar").find("a", href="#day-2026-11-30")
    dec_agenda = december.select_one(".month-agenda")
    assert [a.get_text() for a in dec_agenda.select("a")] == ["Sesi dini hari"]
    assert dec_agenda.find(id="day-2026-12-01")
    page = html(client.get("/jadwal-pelatihan/sesi-malam/"))
    row = page.select_one("table.schedule tbody tr")
    assert row.th.get_text(strip=True) == "Senin, 30 November 2026"
    assert row.td.get_text() == "23.30–23.59"
    assert titles(html(client.get("/jadwal-pelatihan/?bulan=2026-11"))) == ["Sesi malam"]
    assert titles(html(client.get("/jadwal-pelatihan/?bulan=2026-12"))) == ["Sesi dini hari"]


def test_today_follows_wib_not_utc(client, schedule):
    add(schedule, [(wib(2026, 11, 30, 22), wib(2026, 12, 1, 0, 30))], title="Sudah lewat")
    add(schedule, [(wib(2026, 12, 1, 8), wib(2026, 12, 1, 12))], title="Pagi ini")
    # 18:00 UTC on 30 November is already 01:00 on 1 December in Palangka Raya.
    with time_machine.travel("2026-11-30 18:00:00+00:00", tick=False):
        assert client.get("/jadwal-pelatihan/kalender/")["Location"] == "/jadwal-pelatihan/kalender/2026/12/"
        month = html(client.get("/jadwal-pelatihan/kalender/2026/12/"))
        assert month.find("td", attrs={"aria-current": "date"}).get_text(strip=True).startswith("1")
        upcoming = html(client.get("/jadwal-pelatihan/"))
        assert titles(upcoming) == ["Pagi ini"]
        assert upcoming.select_one("#id_bulan option:nth-of-type(2)")["value"] == "2026-12"
        assert titles(html(client.get("/jadwal-pelatihan/arsip/"))) == ["Sudah lewat"]


# --- home page ------------------------------------------------------------------------


def test_home_page_lists_the_next_trainings_and_links_to_the_schedule(client, schedule):
    add(schedule, [day(9)], title="Keempat")
    add(schedule, [day(1)], title="Pertama")
    add(schedule, [day(3)], title="Kedua")
    add(schedule, [day(5)], title="Ketiga")
    add(schedule, [day(2)], title="Batal", status=Status.CANCELLED, status_notice="Batal.")
    add(schedule, [day(-3)], title="Lewat")
    doc = html(client.get("/"))
    section = doc.find(id="upcoming-trainings-heading").parent
    assert section.h2.get_text() == "Pelatihan mendatang"
    # "Pertama" starts tomorrow but its registration closed today (a day before the start): trainings
    # one can still register for come first (issue 19), so it falls out of the three.
    assert titles(section) == ["Kedua", "Ketiga", "Keempat"]
    assert section.find("a", class_="button")["href"] == "/jadwal-pelatihan/"


def test_the_homes_trainings_are_kept_no_longer_than_a_cached_home_page_keeps_them(
    client, schedule, settings, django_assert_max_num_queries, rf
):
    """The list is cached (home.page_cache.cached_live): a place taken reorders it at once, the clock within
    PAGE_CACHE_LIVE_SECONDS, and a warm list costs the home page no query."""
    from events.models import Registration, RegistrationStatus
    from events.wagtail_hooks import _home_context

    settings.PAGE_CACHE_LIVE_SECONDS = 120
    last_place = add(schedule, [day(2)], title="Satu tempat", quota=1)
    add(schedule, [day(3)], title="Banyak tempat")
    opens_later = day(1)
    add(
        schedule,
        [opens_later],
        title="Buka nanti",
        registration_opens=NOW + timedelta(hours=1),
        registration_closes=opens_later[0] - timedelta(hours=1),
    )

    def listed():
        return titles(html(client.get("/")).find(id="upcoming-trainings-heading").parent)

    assert listed() == ["Satu tempat", "Banyak tempat", "Buka nanti"]
    request = rf.get("/")
    schedule.home.get_url(request)
    with django_assert_max_num_queries(0):
        _home_context(schedule.home, request)
    # The last place taken: that training is full (waiting list) and falls behind the open one at once.
    Registration.objects.create(
        event=last_place, full_name="A", whatsapp="081234567001", status=RegistrationStatus.CONFIRMED
    )
    assert listed() == ["Banyak tempat", "Satu tempat", "Buka nanti"]
    # Registration opens for "Buka nanti" in an hour: a list kept from half a minute before still has it
    # last, and one kept longer than PAGE_CACHE_LIVE_SECONDS is never shown.
    opens = NOW + timedelta(hours=1)
    with time_machine.travel(opens - timedelta(seconds=30), tick=False):
        assert listed() == ["Banyak tempat", "Satu tempat", "Buka nanti"]
    with time_machine.travel(opens + timedelta(seconds=1), tick=False):
        assert listed() == ["Banyak tempat", "Satu tempat", "Buka nanti"]
    with time_machine.travel(opens + timedelta(seconds=91), tick=False):
        assert listed() == ["Buka nanti", "Banyak tempat", "Satu tempat"]


def test_the_schedule_and_its_month_are_kept_no_longer_than_a_cached_page_keeps_them(client, schedule, settings):
    """The unfiltered upcoming list and month are cached (cached_live): a place taken and a training published
    show at once, a training that has ended leaves within PAGE_CACHE_LIVE_SECONDS, and filtered views and a
    chosen day are built each time."""
    from events.models import Registration, RegistrationStatus

    settings.PAGE_CACHE_LIVE_SECONDS = 120
    add(schedule, [(NOW - timedelta(hours=1), NOW + timedelta(hours=1))], title="Hampir selesai")
    last_place = add(schedule, [day(2)], title="Satu tempat", quota=1)
    month = f"/jadwal-pelatihan/kalender/{NOW.year}/{NOW.month}/"

    def listed():
        return titles(html(client.get("/jadwal-pelatihan/")))

    def in_month(query=""):
        return [a.get_text(strip=True) for a in html(client.get(month + query)).select(".agenda-list a")]

    assert listed() == ["Hampir selesai", "Satu tempat"]
    assert "Sisa 1 dari 1 tempat" in html(client.get("/jadwal-pelatihan/")).get_text(" ", strip=True)
    Registration.objects.create(
        event=last_place, full_name="A", whatsapp="081234567001", status=RegistrationStatus.CONFIRMED
    )
    assert "Penuh" in html(client.get("/jadwal-pelatihan/")).get_text(" ", strip=True)
    add(schedule, [day(3)], title="Baru terbit")
    assert listed() == ["Hampir selesai", "Satu tempat", "Baru terbit"]
    assert "Baru terbit" in in_month()
    ends = NOW + timedelta(hours=1)
    with time_machine.travel(ends - timedelta(seconds=30), tick=False):
        assert "Hampir selesai" in listed()
    with time_machine.travel(ends + timedelta(seconds=91), tick=False):
        assert "Hampir selesai" not in listed()
    # Built each time: a filter, a page past the kept ones, a chosen day.
    assert in_month("?mode=tatap-muka") == in_month()
    assert "Baru terbit" in in_month(f"?hari={day(3)[0].date().isoformat()}")


def test_a_storys_trainings_follow_the_clock_within_the_live_period(client, schedule, site_tree):
    """A story's "join a training like this" list is cached like the home's: a registration that closed
    says so at once, and the training leaves the list within PAGE_CACHE_LIVE_SECONDS."""
    from tests.stories_helpers import make_index, story

    add(schedule, [day(5)], title="Menjahit lanjutan", registration_closes=NOW + timedelta(hours=2))
    index, _english = make_index(site_tree)
    page = story(index, "Usaha jahit", areas=[schedule.taxonomy.sewing])

    def trainings():
        section = html(client.get(page.url)).select_one(".story-trainings")
        return section.h2.get_text(strip=True), section.get_text(" ", strip=True)

    closes = NOW + timedelta(hours=2)
    with time_machine.travel(closes - timedelta(seconds=30), tick=False):
        heading, text = trainings()
        assert "Menjahit lanjutan" in text and "Pendaftaran segera ditutup" in text
    with time_machine.travel(closes + timedelta(seconds=1), tick=False):
        heading, text = trainings()  # still listed from the kept list, but its state is worked out now
        assert "Menjahit lanjutan" in text and "Pendaftaran ditutup" in text
    with time_machine.travel(closes + timedelta(seconds=91), tick=False):
        heading, text = trainings()
        assert "Menjahit lanjutan" not in text and heading == "Kabari saya"


def test_english_home_page_lists_english_trainings(client, schedule):
    event = add(schedule, [day(1)], title="Pertama")
    translate_event(event, english_for(event, **{event.title: "First"}))
    section = html(client.get("/en/")).find(id="upcoming-trainings-heading").parent
    assert titles(section) == ["First"]
    assert section.find("a", class_="button")["href"] == "/en/training-schedule/"


def test_hero_button_leads_to_the_schedule_in_the_pages_language(client, schedule, site_tree):
    english_home = site_tree["en_home"]
    for home in (schedule.home, english_home):
        home.hero_cta_page, home.hero_cta_label = schedule.index, "Jadwal"
        home.save_revision().publish()
    assert html(client.get("/")).select_one(".hero a.button")["href"] == "/jadwal-pelatihan/"
    assert html(client.get("/en/")).select_one(".hero a.button")["href"] == "/en/training-schedule/"
    schedule.en_index.unpublish()
    # No live English schedule: the button still leads somewhere, to the Indonesian one.
    assert html(client.get("/en/")).select_one(".hero a.button")["href"] == "/jadwal-pelatihan/"


def test_home_page_hides_the_section_without_upcoming_trainings(client, schedule):
    add(schedule, [day(-3)], title="Lewat")
    assert html(client.get("/")).find(id="upcoming-trainings-heading") is None


def test_home_section_costs_at_most_two_queries(schedule, django_assert_max_num_queries, rf):
    from django.template.loader import render_to_string

    from events.listings import schedule_page, upcoming_for_home

    for number in range(5):
        add(schedule, [day(number + 1)], title=f"Pelatihan {number}", partners=[schedule.taxonomy.ngo])
    request = rf.get("/")
    schedule.index.get_url(request)  # site root paths are cached on the request by the page frame already
    with django_assert_max_num_queries(2):
        events = upcoming_for_home(schedule.home.locale_id, timezone.now())
        index = schedule_page(schedule.home.locale_id)
        rendered = render_to_string(
            "events/includes/home_upcoming.html",
            {"upcoming_trainings": events, "training_schedule": index, "request": request},
        )
    assert rendered.count('<li class="event-card') == 3
    english = Locale.objects.get(language_code="en")
    with django_assert_max_num_queries(1):
        assert upcoming_for_home(english.pk, timezone.now()) == []


# --- validation at model level (also outside the admin) --------------------------------


def test_moved_online_without_a_link_is_refused(schedule):
    from django.core.exceptions import ValidationError

    event = add(schedule, [day(3)])
    event.status = Status.MOVED_ONLINE
    event.status_notice = "Pindah."
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "online_url" in error.value.message_dict


def test_session_check_constraint_refuses_end_before_start_in_the_database(schedule):
    from django.db import IntegrityError, transaction

    event = add(schedule, [day(3)])
    with pytest.raises(IntegrityError), transaction.atomic():
        EventSession.objects.create(event=event, start=day(5)[1], end=day(5)[0])


def test_kecamatan_choices_come_from_the_shared_taxonomy():
    assert [value for value, _label in Kecamatan.choices][:2] == ["pahandut", "sabangau"]


def test_a_course_on_working_days_skips_the_weekend():
    from datetime import date, time

    from events.sessions import weekday_sessions

    sessions = weekday_sessions(date(2026, 11, 20), 3, time(8), time(12))  # from a Friday
    assert sessions == [
        (wib(2026, 11, 20, 8), wib(2026, 11, 20, 12)),
        (wib(2026, 11, 23, 8), wib(2026, 11, 23, 12)),
        (wib(2026, 11, 24, 8), wib(2026, 11, 24, 12)),
    ]


def test_places_left_reads_right_in_english_for_one_and_for_many(schedule):
    from django.template.loader import render_to_string

    event = add(schedule, [day(10)], title="Satu tempat", quota=15, places_taken=14)
    event = TrainingEvent.objects.with_places_left().get(pk=event.pk)
    with translation.override("en"):
        assert "1 place left of 15" in render_to_string("events/includes/event_card.html", {"event": event})
        event.places_left_annotated = 3
        event.__dict__.pop("places_left", None)
        assert "3 places left of 15" in render_to_string("events/includes/event_card.html", {"event": event})
    with translation.override("id"):
        assert "Sisa 3 dari 15 tempat" in render_to_string("events/includes/event_card.html", {"event": event})


def test_wib_is_utc_plus_seven_all_through_the_calendars_years():
    """The month calendar computes days in SQL as UTC + 7 hours (home.timezones.WibDate) on SQLite."""
    from datetime import datetime

    from events.views import FIRST_YEAR, YEARS_AHEAD
    from home.timezones import WIB, WibDate

    assert timedelta(hours=7) == WibDate.OFFSET
    for year in range(FIRST_YEAR, timezone.now().year + YEARS_AHEAD + 2):
        for month in (1, 7):
            assert datetime(year, month, 1, tzinfo=WIB).utcoffset() == WibDate.OFFSET, year
