"""The measured impact figures, against a programme whose answers are known (tests/impact_support.py).

Sewing, 3 months (6 answers, the rows of SEWING_ANSWERS):
  asked 7 (the second channel, the failed message and the reminder do not count), completers 8;
  response 6/7 = 85.7 → 86 %;
  working at registration: rows 1–5 gave it, rows 4 and 5 worked → 2/5 = 40 %;
  working now: all 6 gave it, rows 1, 2, 4, 5 → 4/6 = 66.7 → 67 %;
  income band change, rows 1–5: +2, +1, 0, +2, 0 → sorted 0 0 1 2 2 → median +1;
  helped (4 or 5): rows 1, 2, 4 → 3/6 = 50 %;  started or grew a business: rows 1, 4 → 2/6 = 33 %;
  employing others: rows 1 (2 people) and 4 (1) → 2, 3 people.
Weaving, 3 months: 3 answers < 5 → suppressed.
IT, 3 months: 5 answers, all working before and now, band 2 both times, helped 4, no business.
  Held back all the same (secondary suppression): shown, the programme minus sewing and IT
  would give weaving's three answers away. The smallest shown part goes: IT (5) before sewing (6).
Programme, 3 months (14 answers): asked 7 + 4 + 5 = 16, completers 8 + 4 + 5 = 17,
  response 14/16 = 87.5 → 88 %;
  working before: sewing 2 of 5, weaving 1 of 3, IT 5 of 5 → 8/13 = 61.5 → 62 %;
  now: 4 of 6, 2 of 3, 5 of 5 → 11/14 = 78.6 → 79 %;
  income changes +2 +1 0 +2 0 | +2 0 0 | 0 0 0 0 0 → nine 0s, 1, 2 2 2 → 13 values, the 7th: 0;
  helped: 3 + 2 + 5 = 10/14 = 71.4 → 71 %; business: 2 + 1 + 0 = 3/14 = 21.4 → 21 %;
  employing 2 (3 people).
Year 2026 (weaving + IT, 8 answers) is shown: its hidden parts hold 8 ≥ 5 answers.
"""

import pytest
from django.utils import translation

from events.models import SurveyAnswer
from impact.figures import SKILL_AREA, TRAINING, YEAR, RoundFigures, Share, compute
from tests.impact_support import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(site_tree, locales):
    return make_programme(site_tree, locales)


def _group(figures, kind, key):
    return next(group for group in figures.groups() if group.kind == kind and group.key == key)


def test_programme_figures_of_the_three_month_survey_match_the_hand_count(programme, locales):
    figures = compute(locales[0].pk).programme.round(3)
    assert not figures.suppressed
    assert (figures.completers, figures.asked, figures.answered, figures.response_rate) == (17, 16, 14, 88)
    assert (figures.working_before.count, figures.working_before.of, figures.working_before.percent) == (8, 13, 62)
    assert (figures.working_after.count, figures.working_after.of, figures.working_after.percent) == (11, 14, 79)
    assert (figures.income_pairs, figures.median_income_change) == (13, 0)
    assert (figures.helped.percent, figures.helped.of) == (71, 14)
    assert (figures.business.percent, figures.business.of) == (21, 14)
    assert (figures.employing, figures.people_employed) == (2, 3)


def test_one_training_figures_match_the_hand_count(programme, locales):
    figures = compute(locales[0].pk)
    sewing = _group(figures, TRAINING, str(programme["sewing"].translation_key)).round(3)
    assert (sewing.completers, sewing.asked, sewing.answered, sewing.response_rate) == (8, 7, 6, 86)
    assert (sewing.working_before.percent, sewing.working_before.of) == (40, 5)
    assert (sewing.working_after.percent, sewing.working_after.of) == (67, 6)
    assert (sewing.median_income_change, sewing.income_pairs) == (1, 5)
    assert (sewing.helped.percent, sewing.business.percent, sewing.employing, sewing.people_employed) == (50, 33, 2, 3)


def test_skill_area_and_year_groups_follow_their_trainings(programme, locales):
    figures = compute(locales[0].pk)
    assert [group.key for group in figures.years] == ["2026", "2025"]
    assert _group(figures, YEAR, "2025").round(3).answered == 6
    assert _group(figures, YEAR, "2026").round(3).answered == 8
    assert _group(figures, SKILL_AREA, "menjahit").round(3).answered == 6
    # The trainings are listed latest first.
    assert [group.key for group in figures.trainings] == [
        str(programme["computing"].translation_key),
        str(programme["weaving"].translation_key),
        str(programme["sewing"].translation_key),
    ]


def test_a_group_with_fewer_than_five_answers_shows_no_figure(programme, locales):
    figures = compute(locales[0].pk)
    for group in (
        _group(figures, TRAINING, str(programme["weaving"].translation_key)),
        _group(figures, SKILL_AREA, "anyaman"),
    ):
        weaving = group.round(3)
        assert weaving.suppressed and not weaving.secondary
        assert not hasattr(weaving, "answered") and not hasattr(weaving, "asked")
        assert weaving.threshold == 5
    assert figures.any_suppressed


def test_a_large_enough_group_is_held_back_when_it_would_give_a_small_one_away(programme, locales):
    figures = compute(locales[0].pk)
    for group in (
        _group(figures, TRAINING, str(programme["computing"].translation_key)),
        _group(figures, SKILL_AREA, "teknologi-informasi"),
    ):
        held = group.round(3)
        assert held.suppressed and held.secondary
        assert not hasattr(held, "answered")
    # What is still shown cannot be subtracted down to weaving's three answers:
    # programme 14 − sewing 6 = 8 (weaving and IT together), the same as the year 2026.
    shown = {group.key: group.round(3).answered for group in figures.groups() if not group.round(3).suppressed}
    assert shown == {"": 14, "2025": 6, "2026": 8, "menjahit": 6, str(programme["sewing"].translation_key): 6}


def test_skill_area_names_follow_the_page_language(programme, locales):
    assert _group(compute(locales[1].pk), SKILL_AREA, "menjahit").label == "Sewing"
    assert _group(compute(locales[0].pk), SKILL_AREA, "menjahit").label == "Menjahit"
    english_training = _group(compute(locales[1].pk), TRAINING, str(programme["sewing"].translation_key))
    assert english_training.label == "EN Menjahit angkatan lama"


def test_answers_of_people_who_deleted_their_data_still_count(programme, locales):
    # Erasing a person sets the answer's registration to NULL (events); the row stays as an anonymous row.
    SurveyAnswer.objects.filter(pk__in=[answer.pk for answer in programme["answers"][:3]]).update(registration=None)
    figures = compute(locales[0].pk).programme.round(3)
    assert (figures.answered, figures.asked, figures.median_income_change) == (14, 16, 0)


def test_median_income_change_is_shown_with_its_sign_in_the_page_language():
    def shown(median):
        share = Share(1, 5)
        return RoundFigures(3, 5, 5, 5, share, share, 5, median, share, share, 0, 0).income_change_display

    with translation.override("id"):
        assert (shown(0.5), shown(-1), shown(0), shown(2)) == ("+0,5", "\u22121", "0", "+2")
    with translation.override("en"):
        assert shown(-0.5) == "\u22120.5"


def test_figures_take_six_queries_whatever_the_number_of_answers(programme, locales, django_assert_num_queries):
    with django_assert_num_queries(6):
        compute(locales[0].pk)
    sewers = programme["sewers"]
    for months in (6,):
        for person in sewers:
            SurveyAnswer.objects.create(registration=person, event=person.event, round=months, work_status="bekerja")
    with django_assert_num_queries(5):  # the skill areas' names are cached now
        figures = compute(locales[0].pk)
    assert figures.programme.round(6).answered == 8  # the sewing course's eight, all in one training


def test_the_home_pages_programme_figures_are_the_same_in_three_queries(programme, locales, django_assert_num_queries):
    full = compute(locales[0].pk).programme.round(3)
    with django_assert_num_queries(3):
        alone = compute(locales[0].pk, programme_only=True).programme.round(3)
    assert alone == full
