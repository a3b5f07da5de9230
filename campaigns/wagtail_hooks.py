"""Interest sign-ups in the admin: only coordinators (group "Koordinator Pelatihan") see and export them.

Access follows the model permissions: the coordinators' group gets "view" in the
campaigns data migration; editors without it get no menu item and a 403 on the
list and its CSV/XLSX export.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from home.registry import SEARCH_RESULT_TYPES, SearchResultType

from .models import CampaignIndexPage, CampaignPage, InterestSignup


class InterestSignupViewSet(ModelViewSet):
    model = InterestSignup
    icon = "user"
    menu_label = _("Interest sign-ups")
    menu_order = 230
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["name", "whatsapp", "kecamatan", "campaign", "created_at"]
    list_filter = ["kecamatan", "campaign"]
    search_fields = ["name", "whatsapp"]
    list_export = ["campaign", "name", "whatsapp", "kecamatan", "skill_area_names", "language", "created_at"]
    export_headings = {"skill_area_names": _("skill areas of interest")}
    export_filename = "pendaftar-minat"
    form_fields = ["name", "whatsapp", "kecamatan", "skill_areas"]

    def get_queryset(self, request):
        return InterestSignup.objects.select_related("campaign").prefetch_related("skill_areas")


@hooks.register("register_admin_viewset")
def register_interest_signups():
    return InterestSignupViewSet("interest_signups")


# --- Site search: this app's types of result (home.registry.SEARCH_RESULT_TYPES) ---


@hooks.register(SEARCH_RESULT_TYPES)
def search_campaigns():
    return SearchResultType(
        order=30, key="sosialisasi", label=_("Campaigns"), singular=_("Campaign"), models=(CampaignPage,)
    )


@hooks.register(SEARCH_RESULT_TYPES)
def search_campaign_index():
    return SearchResultType(key="halaman", models=(CampaignIndexPage,))
