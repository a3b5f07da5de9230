"""Money, numbers and outcome sentences in each language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import strip_tags

from home.formats import rupiah
from stories.models import SuccessStory
from stories.outcomes import income_sentence, join_list, outcome_lines


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("id", 2_500_000, "Rp 2.500.000"),
        ("en", 2_500_000, "IDR 2,500,000"),
        ("id", 800_000, "Rp 800.000"),
        ("en", 950, "IDR 950"),
        ("id", 0, "Rp 0"),
        ("id", -200_000, "−Rp 200.000"),
        ("en", 1_250_000_000, "IDR 1,250,000,000"),
    ],
)
def test_rupiah_is_written_the_way_each_language_writes_it(language, amount, expected):
    with translation.override(language):
        assert rupiah(amount) == expected


@pytest.mark.parametrize(
    ("language", "before", "after", "expected"),
    [
        ("id", 800_000, 2_500_000, "Pendapatan naik dari Rp 800.000 menjadi Rp 2.500.000 per bulan."),
        ("en", 800_000, 2_500_000, "Income rose from IDR 800,000 to IDR 2,500,000 a month."),
        ("id", 1_000_000, 900_000, "Pendapatan berubah dari Rp 1.000.000 menjadi Rp 900.000 per bulan."),
        ("en", 1_000_000, 900_000, "Income went from IDR 1,000,000 to IDR 900,000 a month."),
        ("id", 1_000_000, 1_000_000, "Pendapatan tetap Rp 1.000.000 per bulan."),
        ("en", None, 3_200_000, "Now earns IDR 3,200,000 a month."),
        ("id", None, 3_200_000, "Kini berpenghasilan Rp 3.200.000 per bulan."),
        ("en", 500_000, None, ""),
        ("en", None, None, ""),
    ],
)
def test_income_sentence(language, before, after, expected):
    with translation.override(language):
        sentence = income_sentence(before, after)
    assert strip_tags(sentence) == expected
    if expected:
        assert sentence.count('<span class="money">') == (2 if before is not None and before != after else 1)


def test_amounts_are_kept_on_one_line_and_the_sentence_is_escaped():
    with translation.override("en"):
        sentence = str(income_sentence(1, 2))
    assert sentence == (
        'Income rose from <span class="money">IDR 1</span> to <span class="money">IDR 2</span> a month.'
    )


@pytest.mark.django_db  # a new page asks the database for its default locale
def test_outcome_lines_cover_each_recorded_fact():
    story = SuccessStory(
        income_before=500_000,
        income_after=1_800_000,
        started_business=True,
        people_employed=1,
        sells_locally=True,
        sells_beyond_region=True,
        sells_online=True,
    )
    with translation.override("id"):
        lines = [strip_tags(line) for line in outcome_lines(story)]
    assert lines == [
        "Pendapatan naik dari Rp 500.000 menjadi Rp 1.800.000 per bulan.",
        "Membuka usaha sendiri.",
        "Mempekerjakan 1 orang.",
        "Menjual produk di pasar lokal, ke luar daerah dan secara daring.",
    ]
    with translation.override("en"):
        lines = [strip_tags(line) for line in outcome_lines(story)]
    assert lines[2:] == ["Employs 1 person.", "Sells products in local markets, beyond the region and online."]


@pytest.mark.django_db  # a new page asks the database for its default locale
def test_nothing_recorded_means_no_outcome_lines():
    assert outcome_lines(SuccessStory(people_employed=0)) == []


def test_lists_join_with_the_languages_and():
    with translation.override("id"):
        assert join_list(["a", "b", "c"]) == "a, b dan c"
        assert join_list(["a"]) == "a"
    with translation.override("en"):
        assert join_list(["a", "b"]) == "a and b"


def test_template_filters_format_money_and_dates():
    template = Template(
        "{% load story_tags format_tags %}{{ amount|rupiah }}|{{ change|signed_rupiah }}|{{ day|long_date }}"
    )
    context = Context({"amount": 2_500_000, "change": 1_300_000, "day": datetime.date(2026, 8, 17)})
    with translation.override("id"):
        assert strip_tags(template.render(context)) == "Rp 2.500.000|+Rp 1.300.000|17 Agustus 2026"
    with translation.override("en"):
        assert strip_tags(template.render(context)) == "IDR 2,500,000|+IDR 1,300,000|August 17, 2026"
