"""Campaign pages: derived status in WIB, the interest sign-up, sharing, posters and QR codes, listings."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup

from campaigns.models import CampaignPage, CampaignStatus, InterestSignup
from tests.campaigns_support import TODAY, make_campaign, make_campaign_index, translate_campaign
from tests.events_support import NOW, WIB, wib

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def html(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def campaigns(site_tree, locales, clock):
    _id, en_locale = locales
    index, en_index = make_campaign_index(site_tree, locales)
    active = make_campaign(index, start=TODAY - 5 * DAY, end=TODAY + 10 * DAY, goal=4)
    en_active = translate_campaign(active, en_locale, title="Learn to sew", slug="learn-to-sew", summary="Sew & earn")
    upcoming = make_campaign(index, title="Ayo Menganyam", start=TODAY + 3 * DAY, end=TODAY + 30 * DAY)
    ended = make_campaign(index, title="Ayo Memasak", start=TODAY - 60 * DAY, end=TODAY - DAY)
    return {
        "index": index,
        "en_index": en_index,
        "active": active,
        "en_active": en_active,
        "upcoming": upcoming,
        "ended": ended,
    }


def signup_data(**overrides):
    data = {"name": "Sari Dewi", "whatsapp": "0812-3456-7890", "kecamatan": "pahandut", "consent": "on", "website": ""}
    data.update(overrides)
    return data


def signup_url(page):
    return page.url + page.reverse_subpage("signup")


# --- status --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (wib(2026, 11, 9, 23, 59), CampaignStatus.UPCOMING),
        (wib(2026, 11, 10, 0, 0), CampaignStatus.ACTIVE),
        (wib(2026, 11, 20, 23, 59), CampaignStatus.ACTIVE),
        (wib(2026, 11, 21, 0, 0), CampaignStatus.ENDED),
    ],
)
def test_status_follows_the_calendar_day_in_palangka_raya(moment, expected):
    page = CampaignPage(start_date=datetime.date(2026, 11, 10), end_date=datetime.date(2026, 11, 20))
    # The same instants in UTC fall on the previous day for the first and third case.
    with time_machine.travel(moment.astimezone(datetime.UTC), tick=False):
        assert page.status == expected
        assert page.is_active == (expected == CampaignStatus.ACTIVE)


def test_a_period_that_ends_before_it_starts_is_refused():
    from django.core.exceptions import ValidationError

    page = CampaignPage(
        title="x", slug="x", summary="x", start_date=datetime.date(2026, 11, 10), end_date=datetime.date(2026, 11, 9)
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict


# --- listings -------------------------------------------------------------------


def test_index_lists_active_then_upcoming_then_ended(client, campaigns):
    index = campaigns["index"]
    make_campaign(index, title="Ayo Bengkel", start=TODAY - 2 * DAY, end=TODAY + 2 * DAY)
    make_campaign(index, title="Ayo Lama", start=TODAY - 90 * DAY, end=TODAY - 70 * DAY)
    doc = html(client.get(index.url))
    titles = [a.get_text() for a in doc.select(".campaign-card__title a")]
    assert titles == ["Ayo Bengkel", "Ayo Menjahit", "Ayo Menganyam", "Ayo Memasak", "Ayo Lama"]
    statuses = [p["class"][1] for p in doc.select(".campaign-card .campaign-status")]
    assert (
        statuses == ["campaign-status--aktif"] * 2 + ["campaign-status--akan-datang"] + ["campaign-status--selesai"] * 2
    )


def test_home_page_shows_only_running_campaigns_in_its_language(client, campaigns, clock):
    doc = html(client.get("/"))
    section = doc.find(id="active-campaigns-heading").find_parent("section")
    assert [a.get_text() for a in section.select(".campaign-card__title a")] == ["Ayo Menjahit"]
    en = html(client.get("/en/"))
    section = en.find(id="active-campaigns-heading").find_parent("section")
    assert [a.get_text() for a in section.select(".campaign-card__title a")] == ["Learn to sew"]
    clock.move_to(datetime.datetime(2026, 12, 20, 9, tzinfo=WIB))
    assert html(client.get("/")).find(id="active-campaigns-heading") is None


# --- sign-up --------------------------------------------------------------------


def test_active_campaign_shows_the_form_and_ended_ones_do_not(client, campaigns):
    doc = html(client.get(campaigns["active"].url))
    form = doc.find("form", class_="campaign-signup__form")
    assert form["action"] == signup_url(campaigns["active"])
    assert form.find("input", attrs={"name": "whatsapp"})
    for name in ("ended", "upcoming"):
        doc = html(client.get(campaigns[name].url))
        assert doc.find("form", class_="campaign-signup__form") is None
        assert doc.find(class_="campaign-closed")


def test_sign_up_is_stored_once_and_redirects_to_thanks(client, campaigns):
    active = campaigns["active"]
    response = client.post(signup_url(active), signup_data())
    assert response.status_code == 302
    assert response["Location"] == active.url + "tertarik/terima-kasih/"
    signup = InterestSignup.objects.get()
    assert (signup.name, signup.whatsapp, signup.kecamatan) == ("Sari Dewi", "+6281234567890", "pahandut")
    assert signup.campaign_key == active.translation_key
    assert signup.language == "id"
    assert "Terima kasih" in client.get(response["Location"]).content.decode()


def test_the_same_number_again_is_told_it_is_registered_and_nothing_is_duplicated(client, campaigns):
    active, en_active = campaigns["active"], campaigns["en_active"]
    client.post(signup_url(active), signup_data())
    before = InterestSignup.objects.values_list("pk", "name", "kecamatan").get()
    # Written another way, with another name, and through the English page: the same person for this campaign.
    response = client.post(signup_url(en_active), signup_data(name="Sari D", whatsapp="+62 812 3456 7890"))
    assert response.status_code == 302
    assert response["Location"].endswith("?sudah=1")
    assert InterestSignup.objects.values_list("pk", "name", "kecamatan").get() == before
    doc = html(client.get(response["Location"]))
    assert doc.h1.get_text() == "You are already registered"
    # Another campaign is another sign-up... but not while it does not run; the same phone counts per campaign.
    other = make_campaign(campaigns["index"], title="Ayo Las", start=TODAY, end=TODAY)
    client.post(signup_url(other), signup_data())
    assert InterestSignup.objects.count() == 2


def test_skill_areas_of_interest_are_stored(client, campaigns, locales):
    from home.models import SkillArea

    sewing = SkillArea.objects.create(locale=locales[0], name="Menjahit", slug="menjahit")
    client.post(signup_url(campaigns["active"]), signup_data(skill_areas=[sewing.pk]))
    assert list(InterestSignup.objects.get().skill_areas.all()) == [sewing]


def test_counts_and_progress_toward_the_goal(client, campaigns):
    active = campaigns["active"]
    for number in ("081200000001", "081200000002", "081200000003"):
        client.post(signup_url(active), signup_data(whatsapp=number))
    active.refresh_from_db()
    assert active.signup_count == 3
    assert active.progress_percent == 75
    doc = html(client.get(active.url))
    assert "3 orang sudah mendaftarkan minat" in doc.find(class_="campaign-progress__count").get_text()
    assert "75%" in doc.find(class_="campaign-progress__goal").get_text()
    # The English page counts the same sign-ups; going past the goal shows 100%.
    for number in ("081200000004", "081200000005"):
        client.post(signup_url(campaigns["en_active"]), signup_data(whatsapp=number))
    en = html(client.get(campaigns["en_active"].url))
    assert "5 people have registered their interest" in en.find(class_="campaign-progress__count").get_text()
    assert "100%" in en.find(class_="campaign-progress__goal").get_text()
    assert CampaignPage(goal=None).progress_percent is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"whatsapp": "12345"}, "whatsapp", "Masukkan nomor ponsel Indonesia"),
        ({"whatsapp": "<script>alert(1)</script>"}, "whatsapp", "Masukkan nomor ponsel Indonesia"),
        ({"consent": ""}, "consent", "persetujuan"),
        ({"name": ""}, "name", "harus diisi"),
        ({"name": "<>!!"}, "name", "huruf"),
        ({"kecamatan": "jakarta"}, "kecamatan", "Pilih"),
        ({"skill_areas": ["999999"]}, "skill_areas", "Pilih"),
    ],
)
def test_bad_input_gets_translated_errors_and_stores_nothing(client, campaigns, overrides, field, message):
    response = client.post(signup_url(campaigns["active"]), signup_data(**overrides))
    assert response.status_code == 400
    doc = html(response)
    error = doc.find(id=f"id_{field}_error")
    assert error is not None, doc.find(class_="form-errors")
    assert message.lower() in error.get_text().lower()
    assert "<script>" not in response.content.decode().split("<main")[-1].replace("&lt;script&gt;", "")
    assert not InterestSignup.objects.exists()


def test_honeypot_is_refused_and_nothing_stored(client, campaigns):
    response = client.post(signup_url(campaigns["active"]), signup_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Formulir ini tidak dapat dikirim" in html(response).find(class_="form-errors").get_text()
    assert not InterestSignup.objects.exists()


def test_sign_ups_are_rate_limited(client, campaigns, settings):
    settings.PUBLIC_FORM_RATE = "2/m"
    url = signup_url(campaigns["active"])
    codes = [client.post(url, signup_data(whatsapp=f"08120000000{n}")).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert InterestSignup.objects.count() == 2


@pytest.mark.parametrize("which", ["ended", "upcoming"])
def test_sign_up_to_a_campaign_that_is_not_running_is_refused_with_a_message(client, campaigns, which):
    existing = InterestSignup.objects.create(
        campaign=campaigns["ended"],
        name="Lama",
        whatsapp="+6281234567890",
        kecamatan="sabangau",
        language="id",
        consented_at=NOW,
    )
    response = client.post(signup_url(campaigns[which]), signup_data(name="Baru"))
    assert response.status_code == 409
    text = html(response).find(class_="campaign-closed").get_text()
    assert ("telah berakhir" if which == "ended" else "belum dimulai") in text
    assert list(InterestSignup.objects.values_list("pk", "name")) == [(existing.pk, "Lama")]
    assert client.get(signup_url(campaigns[which])).status_code == 200


def test_signup_form_page_works_on_its_own(client, campaigns):
    doc = html(client.get(signup_url(campaigns["en_active"])))
    assert doc.find("label", attrs={"for": "id_whatsapp"}).get_text() == "WhatsApp number"
    assert doc.find("main").find("form")["method"] == "post"


# --- sharing ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["active", "en_active"])
def test_share_links_carry_the_encoded_address_and_a_message_in_the_page_language(client, campaigns, which):
    page = campaigns[which]
    doc = html(client.get(page.url))
    absolute = doc.find("input", id="share-url")["value"]
    assert absolute.endswith(page.url) and absolute.startswith("http")
    links = {a["class"][1].removeprefix("share-links__"): a["href"] for a in doc.select(".share-links a")}
    assert set(links) == {"whatsapp", "facebook", "x", "telegram"}
    for href in links.values():
        assert " " not in href and "&amp;" not in href
    whatsapp = urlsplit(links["whatsapp"])
    assert (whatsapp.scheme, whatsapp.netloc) == ("https", "wa.me")
    message = parse_qs(whatsapp.query)["text"][0]
    assert page.title in message and absolute in message
    if which == "active":
        assert "daftarkan minat Anda" in message
    else:
        # "Sew & earn": the ampersand is encoded, so it cannot end the parameter.
        assert "register your interest" in message and "Sew & earn" in message
        assert "%26" in links["whatsapp"]
    assert parse_qs(urlsplit(links["facebook"]).query)["u"] == [absolute]
    assert parse_qs(urlsplit(links["telegram"]).query)["url"] == [absolute]
    x = parse_qs(urlsplit(links["x"]).query)
    assert x["url"] == [absolute] and x["text"] == [page.title]
    assert not doc.select("script[src]")


def test_open_graph_uses_the_campaign_text_and_hero_image(client, campaigns):
    from tests.stories_helpers import image

    page = campaigns["active"]
    page.hero_image = image("Poster menjahit")
    page.save_revision().publish()
    doc = html(client.get(page.url))
    assert [m["content"] for m in doc.select('meta[property="og:title"]')] == ["Ayo Menjahit"]
    assert doc.find("meta", property="og:description")["content"] == page.summary
    assert doc.find("meta", property="og:type")["content"] == "article"
    assert len(doc.select('meta[property="og:image"]')) == 1


# --- posters and QR codes -----------------------------------------------------


def decode_qr(code):
    import io

    import zxingcpp
    from PIL import Image

    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=6, border=4)
    buffer.seek(0)
    results = zxingcpp.read_barcodes(Image.open(buffer))
    return [result.text for result in results]


@pytest.mark.parametrize("which", ["active", "en_active"])
def test_poster_prints_a_qr_code_that_leads_to_the_page_in_its_language(client, campaigns, which):
    from home.sharing import qr_code

    page = campaigns[which]
    response = client.get(page.url + "poster/")
    assert response.status_code == 200
    doc = html(response)
    absolute = doc.find("link", rel="canonical")["href"]
    assert absolute.startswith("http") and absolute.endswith(page.url)
    svg = doc.find(class_="poster__qr").find("svg")
    assert svg is not None
    # The SVG on the poster is exactly the code of the page's absolute URL, and that code decodes to it.
    expected = qr_code(absolute)
    assert expected.svg_inline(scale=8, border=2, omitsize=True).split("<path")[1][:200] in response.content.decode()
    assert decode_qr(expected) == [absolute]
    served = client.get(page.url + "qr/")
    assert served["Content-Type"] == "image/svg+xml"
    # Served on its own it is a standalone SVG document (a browser draws it rather than
    # showing an XML tree): XML declaration, the SVG namespace, a title; the same code.
    import xml.etree.ElementTree as ET

    assert served.content.startswith(b"<?xml")
    root = ET.fromstring(served.content)
    svg_ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == svg_ns + "svg"
    assert root.find(svg_ns + "title").text == page.title
    inline = ET.fromstring(expected.svg_inline(scale=8, border=2))
    assert root.find(svg_ns + "path").get("d") == inline.find("path").get("d")
    assert doc.find("h1").get_text() == page.title
    assert doc.find("html")["lang"] == ("en" if which == "en_active" else "id")


def test_the_stylesheet_prints_posters_on_a4():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "static/css/site.css").read_text()
    section = css[css.index("/* == Campaigns == */") :]
    assert "@page" in section and "A4" in section
    assert "@media print" in section and ".poster-actions" in section


def test_training_events_have_the_same_poster_with_a_qr_code(client, site_tree, locales, clock):
    from home.sharing import qr_code
    from tests.events_support import Taxonomy, make_event, make_schedule

    schedule, _en = make_schedule(site_tree, locales)
    event = make_event(schedule, Taxonomy(*locales), [(wib(2026, 11, 20, 8), wib(2026, 11, 20, 12))])
    response = client.get(event.url + "poster/")
    assert response.status_code == 200
    doc = html(response)
    absolute = doc.find("link", rel="canonical")["href"]
    assert absolute.startswith("http") and absolute.endswith(event.url)
    assert doc.find(class_="poster__qr").find("svg") is not None
    assert decode_qr(qr_code(absolute)) == [absolute]
    assert "Aula Kelurahan" in doc.find(class_="poster__audience").get_text()


def test_campaign_dates_use_each_language_s_one_date_style(client, campaigns):
    # The same layout as a training's dates (home.formats): "14 Desember 2026" / "December 14, 2026".
    from django.utils import translation

    from home.formats import format_date

    for which, language in (("active", "id"), ("en_active", "en")):
        page = campaigns[which]
        period = html(client.get(page.url)).select_one("time")
        with translation.override(language):
            assert period.get_text() == format_date(page.start_date)
    assert "," in html(client.get(campaigns["en_active"].url)).select_one("time").get_text()
