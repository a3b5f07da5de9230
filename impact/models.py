from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.blocks import RICH_TEXT_FEATURES
from home.models import PAGE_TEXT_FIELDS, SUMMARY_BOOST
from home.routes import LocalizedRoutesMixin


class ImpactPage(LocalizedRoutesMixin, Page):
    """ "Dampak": what the follow-up surveys measured, with how, and the same figures as open data."""

    intro = models.TextField(
        _("introduction"), max_length=500, blank=True, help_text=_("A short paragraph above the figures.")
    )
    method = RichTextField(
        _("how the figures are collected"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "In plain words: who is asked, when, what, and what the figures can and cannot say. "
            "Shown under the figures; the page adds the survey rounds and the minimum group size itself."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("method")]
    search_fields = Page.search_fields + [index.SearchField("intro", boost=SUMMARY_BOOST), index.SearchField("method")]
    translatable_fields = [*PAGE_TEXT_FIELDS, TranslatableField("intro"), TranslatableField("method")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("impact page")

    def live_figures(self):
        # The survey answers' figures (SurveyAnswer.changed_live_figures; home.page_cache).
        return ("impact",)

    route_words = {"en": {"data": "data", "csv": "csv", "json": "json"}}

    @path("")
    def figures_view(self, request):
        from .views import impact_page

        return impact_page(self, request)

    @path("data/csv/", name="data_csv")
    def data_csv_view(self, request):
        from .views import open_data

        return open_data(self, request, "csv")

    @path("data/json/", name="data_json")
    def data_json_view(self, request):
        from .views import open_data

        return open_data(self, request, "json")
