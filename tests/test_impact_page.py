"""The impact page, its open data and the home page's impact section, on the demo content."""

import csv
import io
import json
import re

import pytest

from events.models import Registration, SurveyAnswer, TrainingEvent
from home.page_cache import bump_live
from impact.models import ImpactPage

pytestmark = pytest.mark.django_db

# The page with its figures computed afresh: the frame's queries plus the figures' fixed six.
BUDGET = 14

# Indonesian words of the page's own text that must never reach the English page.
INDONESIAN = ["Dampak", "bulan setelah", "jawaban", "Bidang keterampilan", "kisah", "Data terbuka", "Tahun"]


def _text(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/dampak/", ["bulan setelah pelatihan", "Tidak ditampilkan", "Cara angka ini dikumpulkan", "CC BY 4.0"]),
        ("/en/impact/", ["months after the training", "not shown", "How these figures are collected", "CC BY 4.0"]),
    ],
)
def test_visitor_reads_measured_figures_with_their_method_in_each_language(client, demo, url, words):
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response)
    for word in words:
        assert word.lower() in text.lower(), word
    assert 'aria-hidden="true"' in response.content.decode()  # the bars; the figures are in the text


def test_demo_shows_a_small_group_suppressed_and_one_held_back_with_it(client, demo):
    text = _text(client.get("/en/impact/"))
    assert "Fewer than 5 answers: not shown" in text  # the motorcycle course
    assert "so that a smaller group cannot be worked out from it" in text  # the rattan course, same year
    assert "Groups with fewer than 5 answers are not shown" in text


def test_english_impact_page_has_no_indonesian_left(client, demo):
    text = _text(client.get("/en/impact/"))
    for word in INDONESIAN:
        assert word not in text, word


def test_skill_areas_link_to_their_trainings_and_stories(client, demo):
    html = client.get("/en/impact/").content.decode()
    assert 'href="/en/training-schedule/?bidang=menjahit"' in html
    assert 'href="/en/success-stories/?bidang=menjahit"' in html


def test_junk_query_parameters_never_break_the_page(client, demo):
    for query in ("?bidang=%27%22<x>", "?page=abc", "?x=" + "9" * 500):
        assert client.get("/en/impact/" + query).status_code == 200


def _rows(csv_text):
    lines = [line for line in csv_text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@pytest.mark.parametrize("base", ["/dampak/data/", "/en/impact/data/"])
def test_open_data_parses_back_with_the_same_suppression_and_a_licence(client, demo, base):
    csv_response = client.get(base + "csv/")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "creativecommons.org/licenses/by/4.0" in csv_response["Link"]
    csv_text = csv_response.content.decode()
    assert "CC BY 4.0" in csv_text.splitlines()[1]
    rows = _rows(csv_text)
    programme = [row for row in rows if row["group_type"] == "programme"]
    assert {row["round_months"] for row in programme} == {"3", "6"}
    suppressed = [row for row in rows if row["suppressed"] == "1"]
    assert suppressed, "the demo's motorcycle course is below the minimum group"
    assert all(row["answered"] == "" and row["working_after_percent"] == "" for row in suppressed)

    data = json.loads(client.get(base + "json/").content)
    assert data["licence"]["name"] == "CC BY 4.0"
    assert data["minimum_answers"] == 5
    assert len(data["rows"]) == len(rows)
    first = next(row for row in data["rows"] if row["group_type"] == "programme")
    published = next(row for row in programme if row["round_months"] == str(first["round_months"]))
    assert str(first["answered"]) == published["answered"]
    assert first["answered"] >= 5 and 0 < first["response_rate_percent"] <= 100
    assert all(row["answered"] is None for row in data["rows"] if row["suppressed"])


def test_indonesian_page_does_not_answer_english_route_words(client, demo):
    assert client.get("/dampak/data/csv/").status_code == 200
    assert client.get("/en/impact/data/csv/").status_code == 200
    assert client.get("/dampak/data/xml/").status_code == 404


def _more_answers(count):
    event = TrainingEvent.objects.filter(slug="kue-basah-tradisional-angkatan-2025").first()
    people = [
        Registration(
            event=event, status="terdaftar", full_name=f"Tambahan {n}", whatsapp=f"+6289{n:05}", completed=True
        )
        for n in range(count)
    ]
    Registration.objects.bulk_create(people)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(registration=person, event=event, round=3, work_status="usaha", income_band=2, helped=5)
        for person in Registration.objects.filter(full_name__startswith="Tambahan")
    )


@pytest.mark.parametrize("url", ["/dampak/", "/en/impact/"])
def test_impact_page_query_budget_holds_whatever_the_number_of_answers(
    client, demo, url, django_assert_max_num_queries
):
    client.get(url)  # the page's frame (menus, breadcrumbs) is cached; the figures are measured afresh below
    bump_live("impact")
    with django_assert_max_num_queries(BUDGET):
        assert client.get(url).status_code == 200
    _more_answers(200)
    bump_live("impact")
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200
    assert "+200" not in response.content.decode()


def test_home_page_says_its_figures_were_measured_and_links_to_the_impact_page(client, demo):
    html = client.get("/en/").content.decode()
    assert "Measured by a follow-up survey" in html
    assert 'href="/en/impact/"' in html
    assert "not from a survey" not in html


def test_home_page_falls_back_to_the_stories_figures_labelled_as_such(client, demo):
    SurveyAnswer.objects.filter(round__gt=0).delete()
    html = client.get("/en/").content.decode()
    assert "Measured by a follow-up survey" not in html
    assert "From the success stories our editors chose, not from a survey" in html
    assert "participants told their stories" in html
    indonesian = client.get("/").content.decode()
    assert "bukan dari survei" in indonesian


def test_a_new_answer_changes_the_figures_shown(client, demo):
    before = client.get("/en/impact/").content.decode()
    _more_answers(30)  # bulk: no signal, so the cached figures stay
    assert client.get("/en/impact/").content.decode() == before
    event = TrainingEvent.objects.get(slug="kue-basah-tradisional-angkatan-2025")
    SurveyAnswer.objects.create(event=event, round=3, work_status="usaha")  # saved: SurveyAnswer names "impact"
    assert client.get("/en/impact/").content.decode() != before


def test_impact_page_is_one_per_language_under_the_home_page(demo):
    assert ImpactPage.objects.count() == 2
    home = ImpactPage.objects.get(locale__language_code="id").get_parent().specific
    assert not ImpactPage.can_create_at(home)


def test_a_story_page_labels_its_outcomes_as_one_persons_story(client, demo):
    from stories.models import SuccessStory

    story = SuccessStory.objects.live().filter(locale__language_code="en").exclude(income_after=None).first()
    html = client.get(story.url).content.decode()
    assert "One person&#x27;s story" in html or "One person's story" in html


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_stays_within_12_queries_when_the_figures_are_computed_afresh(
    client, demo, url, django_assert_max_num_queries
):
    client.get(url)
    bump_live("impact")  # an answer was saved: the measured figures are computed again
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "impact-heading" in response.content.decode()
    _more_answers(200)
    bump_live("impact")
    with django_assert_max_num_queries(12):
        client.get(url)
