"""Sessions from a simple rule, stored as rows: a BLK course runs on working days, weekends off."""

from datetime import date, datetime, time

from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule

from home.timezones import WIB


def weekday_sessions(first_day: date, days: int, start: time, end: time):
    """`days` sessions on consecutive working days (Monday to Friday) from `first_day`, as WIB (start, end) pairs."""
    dates = rrule(DAILY, dtstart=datetime.combine(first_day, time()), byweekday=(MO, TU, WE, TH, FR), count=days)
    return [
        (datetime.combine(day.date(), start, tzinfo=WIB), datetime.combine(day.date(), end, tzinfo=WIB))
        for day in dates
    ]
