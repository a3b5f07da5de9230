"""Palangka Raya keeps Western Indonesia Time (WIB, UTC+7, no daylight saving).

Everything that depends on "today" or on a calendar day asks here, so it never
depends on the server's clock zone or on which time zone happens to be active.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone

WIB = ZoneInfo("Asia/Pontianak")


def now_in_wib():
    return timezone.now().astimezone(WIB)


def today_in_wib():
    return now_in_wib().date()
