from django import template
from django.utils import formats

from events import formats as wib
from home.seo import ld_json

register = template.Library()

register.filter("wib_date", wib.format_date)
register.filter("wib_day", wib.format_day)
register.filter("wib_short_day", wib.format_short_day)
register.filter("wib_time", wib.format_time)


@register.filter
def rupiah(value):
    """Rp 150.000 in Indonesian, Rp 150,000 in English."""
    return "Rp\u00a0" + formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.simple_tag
def json_ld(data):
    return ld_json(data) if data else ""


@register.simple_tag
def date_range(start, end):
    """One day with its hours, or the first and last day of a longer training."""
    if not start or not end:
        return ""
    start, end = wib.in_wib(start), wib.in_wib(end)
    if start.date() == end.date():
        return f"{wib.format_day(start)}, {wib.format_time(start)}–{wib.format_time(end)} WIB"
    return f"{wib.format_date(start)} – {wib.format_date(end)}"
