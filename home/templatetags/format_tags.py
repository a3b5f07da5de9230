"""The site's one way to show money and times in templates: `{% load format_tags %}`."""

from django import template

from home import formats

register = template.Library()

register.filter("wib_date", formats.format_date)
register.filter("wib_day", formats.format_day)
register.filter("wib_short_day", formats.format_short_day)
register.filter("wib_time", formats.format_time)


@register.filter
def rupiah(amount):
    """`{{ 2500000|rupiah }}`: "Rp 2.500.000" in Indonesian, "IDR 2,500,000" in English."""
    if amount is None or amount == "":
        return ""
    return formats.rupiah_html(int(amount))


@register.filter
def signed_rupiah(amount):
    """A change in money, with its sign: "+Rp 1.700.000" or "−Rp 200.000"."""
    if amount is None or amount == "":
        return ""
    amount = int(amount)
    return formats.rupiah_html(amount) if amount <= 0 else formats.rupiah_html(amount, sign="+")
