"""Outcomes as sentences a resident reads, with money and numbers in the reader's language.

Indonesian writes "Rp 2.500.000", English "IDR 2,500,000": the symbol is a
translated string and the digit grouping comes from Django's format files for
the active language.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from home.formats import number, rupiah_html


def _sentence(template, **amounts):
    """A translated sentence with HTML amounts in it; the sentence itself is escaped."""
    return mark_safe(escape(template) % {name: rupiah_html(value) for name, value in amounts.items()})


def income_sentence(before, after):
    if after is None:
        return ""
    if before is None:
        return _sentence(gettext("Now earns %(after)s a month."), after=after)
    if after > before:
        return _sentence(gettext("Income rose from %(before)s to %(after)s a month."), before=before, after=after)
    if after < before:
        return _sentence(gettext("Income went from %(before)s to %(after)s a month."), before=before, after=after)
    return _sentence(gettext("Income stayed at %(after)s a month."), after=after)


def join_list(items):
    """Items joined as "a, b and c", in the reader's language."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return pgettext("list of places", "%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def sales_places(story):
    places = []
    if story.sells_locally:
        places.append(pgettext("sold", "in local markets"))
    if story.sells_beyond_region:
        places.append(pgettext("sold", "beyond the region"))
    if story.sells_online:
        places.append(pgettext("sold", "online"))
    return places


def outcome_lines(story):
    """What changed for the participant, one short sentence per fact that was recorded."""
    lines = []
    income = income_sentence(story.income_before, story.income_after)
    if income:
        lines.append(income)
    if story.started_business:
        lines.append(gettext("Started a business of their own."))
    if story.people_employed:
        lines.append(
            ngettext("Employs %(count)s person.", "Employs %(count)s people.", story.people_employed)
            % {"count": number(story.people_employed)}
        )
    places = sales_places(story)
    if places:
        lines.append(gettext("Sells products %(places)s.") % {"places": join_list(places)})
    return lines
