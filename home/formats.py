"""Dates, times and money as Palangka Raya reads them, in each language's own layout.

Dates and times are always in WIB.

The layouts are translated like any text, so Indonesian writes "Senin, 7 Desember
2026, 08.00" and English "Monday, December 7, 2026, 08:00".
"""

from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import pgettext, pgettext_lazy

from .timezones import WIB

DATE_FORMAT = pgettext_lazy("PHP date format: a day without its weekday", "F j, Y")
DAY_FORMAT = pgettext_lazy("PHP date format: a day with its weekday", "l, F j, Y")
SHORT_DAY_FORMAT = pgettext_lazy("PHP date format: a short day with its weekday", "D, M j")
TIME_FORMAT = pgettext_lazy("PHP time format: hours and minutes", "H:i")


def in_wib(value):
    """Aware datetimes are shown in WIB whatever time zone is active; dates pass through."""
    return value.astimezone(WIB) if getattr(value, "tzinfo", None) is not None else value


def format_date(value):
    return date_format(in_wib(value), str(DATE_FORMAT)) if value else ""


def format_day(value):
    return date_format(in_wib(value), str(DAY_FORMAT)) if value else ""


def format_short_day(value):
    return date_format(in_wib(value), str(SHORT_DAY_FORMAT)) if value else ""


def format_time(value):
    return date_format(in_wib(value), str(TIME_FORMAT)) if value else ""


def format_moment(value):
    """A day and a time with its zone: Senin, 7 Desember 2026, 08.00 WIB."""
    return f"{format_day(value)}, {format_time(value)} WIB" if value else ""


# --- Money and numbers: "Rp 2.500.000" in Indonesian, "IDR 2,500,000" in English. The symbol is
# a translated string; the digit grouping comes from Django's format files for the active language.


def number(value):
    return number_format(value, decimal_pos=0, force_grouping=True)


def rupiah(amount, sign=""):
    """An amount of Rupiah as text: "Rp 2.500.000" in Indonesian, "IDR 2,500,000" in English."""
    if amount < 0:
        sign = "\N{MINUS SIGN}"
    symbol = pgettext("currency symbol", "IDR")
    return f"{sign}{symbol} {number(abs(amount))}"


def rupiah_html(amount, sign=""):
    # Kept on one line (see .money in site.css): a symbol wrapped away from its number is hard to read.
    return format_html('<span class="money">{}</span>', rupiah(amount, sign))
