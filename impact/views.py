"""What the impact page's routes answer: the page, and its figures as open data."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from home.addresses import rebase

from .figures import METHOD_NOTES, impact_figures
from .opendata import LICENCE_URL, as_csv, as_json


def _links(page, request):
    from events.listings import schedule_page
    from home.cache import cached_for
    from stories.listings import story_index_url

    def schedule_url():
        schedule = schedule_page(page.locale_id)
        return schedule.get_url(request) if schedule else None

    return {
        "schedule_url": cached_for(request, ("impact-schedule-url", page.locale_id), schedule_url),
        "story_index_url": story_index_url(page.locale_id, request),
    }


def data_urls(page, request):
    base = page.get_url(request) or ""
    return {"csv": base + page.reverse_subpage("data_csv"), "json": base + page.reverse_subpage("data_json")}


def impact_page(page, request):
    programme = impact_figures(page.locale_id)
    context = {
        "figures": programme,
        "survey_rounds": get_text_list([str(months) for months in settings.SURVEY_FOLLOW_UP_MONTHS], _("and")),
        "programme_rounds": programme.programme.rounds,
        "data_urls": data_urls(page, request),
        "licence_url": LICENCE_URL,
        "method_notes": list(METHOD_NOTES.values()),
        **_links(page, request),
    }
    return page.render(request, template="impact/impact_page.html", context_overrides=context)


def open_data(page, request, data_format):
    programme = impact_figures(page.locale_id)
    source = rebase(page.get_url(request))
    if data_format == "json":
        response = HttpResponse(as_json(programme, source), content_type="application/json; charset=utf-8")
        extension = "json"
    else:
        response = HttpResponse(as_csv(programme, source), content_type="text/csv; charset=utf-8")
        extension = "csv"
    response["Content-Disposition"] = f'inline; filename="dampak-pelatihan-palangka-raya.{extension}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response
