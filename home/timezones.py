"""Palangka Raya keeps Western Indonesia Time (WIB, UTC+7, no daylight saving).

Everything that depends on "today" or on a calendar day asks here, so it never
depends on the server's clock zone or on which time zone happens to be active.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models.functions import TruncDate
from django.utils import timezone

WIB = ZoneInfo("Asia/Pontianak")


def now_in_wib():
    return timezone.now().astimezone(WIB)


def today_in_wib():
    return now_in_wib().date()


class WibDate(TruncDate):
    """The calendar day in WIB of a datetime column, computed by the database.

    On SQLite Django's TruncDate with a time zone calls a Python function for every row, and each
    call takes the GIL: the month calendar, which needs the day three times per session, slowed with
    every session a month holds once four threads served it. Asia/Pontianak has been UTC+7 without
    daylight saving since 1988 (a test checks every year the calendar covers), so SQLite's own date()
    with a fixed offset gives the same day. PostgreSQL converts time zones natively already.
    """

    OFFSET = timedelta(hours=7)

    def __init__(self, expression, **extra):
        super().__init__(expression, tzinfo=WIB, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, '+{self.OFFSET // timedelta(hours=1)} hours')", params
