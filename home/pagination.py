"""Pages of a listing: one query for a page of rows and their total, and the links of `includes/pagination.html`."""

from math import ceil

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

# Capped before int(): a huge number must neither cost time nor overflow the database's OFFSET.
MAX_PAGE = 10**6


def page_number(raw):
    """A page number from the URL: not a plain number means the first page, a number past the end the last."""
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit():
        return 1
    if len(raw) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(raw), 1), MAX_PAGE)


class _CountedPaginator(Paginator):
    def __init__(self, count, per_page):
        super().__init__([], per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


def paginate(queryset, number, per_page):
    """Page `number` of `queryset` and its total in one query (COUNT(*) OVER ()), where Paginator needs two.

    Past the end, the last page (one more query for the count, one for its rows).
    """
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(total_count=Window(Count("pk")))[offset : offset + per_page])
    if rows:
        total = rows[0].total_count
    else:
        total = queryset.count()
        last = max(1, ceil(total / per_page))
        if total and number > last:
            number = last
            offset = (number - 1) * per_page
            rows = list(queryset[offset : offset + per_page])
        else:
            number = 1
    return page_of(rows, number, total, per_page)


def page_of(rows, number, total, per_page):
    """Page `number` of a listing from its rows and total alone (a page kept in the cache)."""
    return Page(rows, number, _CountedPaginator(total, per_page))


def page_links(page, url):
    """The links `includes/pagination.html` shows; `url(number)` is the address of page `number`."""
    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
        # None stands for the gap between far-apart numbers.
        "numbers": [
            {"number": number, "url": url(number)} if isinstance(number, int) else {"number": None}
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        ],
    }
