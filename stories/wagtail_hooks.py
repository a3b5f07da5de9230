from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import SuccessStory


class SuccessStoryFilterSet(PageListingViewSet.filterset_class):
    class Meta:
        model = SuccessStory
        fields = ["locale", "kecamatan", "hide_identity", "started_business"]


class SuccessStoryListingViewSet(PageListingViewSet):
    """Every story in one flat list, so editors need not open each language tree to find one."""

    model = SuccessStory
    icon = "user"
    menu_label = _("Success stories")
    menu_order = 210
    add_to_admin_menu = True
    columns = PageListingViewSet.columns + [
        Column("kecamatan", label=_("Kecamatan"), accessor="get_kecamatan_display"),
        Column("date_published", label=_("Date published"), sort_key="date_published"),
    ]
    filterset_class = SuccessStoryFilterSet


@hooks.register("register_admin_viewset")
def register_success_story_listing():
    return SuccessStoryListingViewSet("success_stories")
