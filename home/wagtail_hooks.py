from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partner, SkillArea, Venue


class SkillAreaViewSet(SnippetViewSet):
    model = SkillArea
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "kecamatan"]
    list_filter = ["kecamatan"]
    search_fields = ["name", "address"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (SkillAreaViewSet, PartnerViewSet, VenueViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Skill areas, partners, venues")
    menu_name = "taxonomy"


register_snippet(TaxonomyGroup)


@hooks.register("register_image_operations")
def register_exact_fill():
    from .image_operations import ExactFillOperation

    return [("cover", ExactFillOperation)]
