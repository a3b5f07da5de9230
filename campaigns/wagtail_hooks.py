"""Interest sign-ups in the admin: only coordinators (group "Koordinator Pelatihan") see and export them.

Access follows the model permissions: the coordinators' group gets "view" in the
campaigns data migration; editors without it get no menu item and a 403 on the
list and its CSV/XLSX export.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from home.exports import SafeExportIndexView
from home.registry import (
    DEMO_CONTENT,
    HOME_SECTIONS,
    SEARCH_RESULT_TYPES,
    SECTION_PAGES,
    DemoContent,
    HomeSection,
    SearchResultType,
)

from .models import CampaignIndexPage, CampaignPage, InterestSignup


class InterestSignupViewSet(ModelViewSet):
    model = InterestSignup
    icon = "user"
    menu_label = _("Interest sign-ups")
    menu_order = 230
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = SafeExportIndexView
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


# --- What the campaigns app hands to the shared layer (home.registry) -------------------------


@hooks.register(SECTION_PAGES)
def campaigns_section():
    return "campaigns.CampaignIndexPage"


def _home_context(page, request):
    from home.timezones import today_in_wib

    from .models import active_campaigns

    # Which campaigns run depends on today's date and the counts on sign-ups: one query, never cached.
    return {"active_campaigns": active_campaigns(page.locale_id, today_in_wib())}


@hooks.register(HOME_SECTIONS)
def active_campaigns_on_home():
    return HomeSection(
        order=10, template="campaigns/includes/home_active.html", context=_home_context, live_figures=("signups",)
    )


@hooks.register(DEMO_CONTENT)
def campaigns_demo_content():
    from . import demo

    return DemoContent(order=30, load=demo.load, name="campaigns.demo")


# --- Site search: this app's types of result (home.registry.SEARCH_RESULT_TYPES) ---


@hooks.register(SEARCH_RESULT_TYPES)
def search_campaigns():
    return SearchResultType(
        order=30, key="sosialisasi", label=_("Campaigns"), singular=_("Campaign"), models=(CampaignPage,)
    )


@hooks.register(SEARCH_RESULT_TYPES)
def search_campaign_index():
    return SearchResultType(key="halaman", models=(CampaignIndexPage,))
