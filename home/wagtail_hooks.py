from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partner, PartnerIndexPage, SkillArea, StandardPage, Venue
from .registry import DEMO_CONTENT, SEARCH_RESULT_TYPES, DemoContent, SearchResultType
from .roles import is_source_language_editor


class SourceLanguageGuard:
    """Indonesian snippets are changed only by those who may change Indonesian pages.

    Translators (Penerjemah) need the model's change permission to edit English
    translations in wagtail-localize's editor; this keeps them off the Indonesian originals.
    """

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if instance.locale.language_code == settings.LANGUAGE_CODE and not is_source_language_editor(self.request.user):
            raise PermissionDenied
        return instance


class GuardedEditView(SourceLanguageGuard, snippet_views.EditView):
    pass


class GuardedDeleteView(SourceLanguageGuard, snippet_views.DeleteView):
    pass


class GuardedSnippetViewSet(SnippetViewSet):
    edit_view_class = GuardedEditView
    delete_view_class = GuardedDeleteView


class SkillAreaViewSet(GuardedSnippetViewSet):
    model = SkillArea
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PartnerViewSet(GuardedSnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


class VenueViewSet(GuardedSnippetViewSet):
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


@hooks.register("construct_homepage_panels")
def add_needs_attention_panel(request, panels):
    from .dashboard import NeedsAttentionPanel

    panels.insert(0, NeedsAttentionPanel(request))


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    from .editor_guide import editor_guide

    return [path("panduan/", editor_guide, name="editor_guide")]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(_("Editor guide"), reverse("editor_guide"), icon_name="help", order=10)


@hooks.register("register_image_operations")
def register_exact_fill():
    from .image_operations import ExactFillOperation

    return [("cover", ExactFillOperation)]


@hooks.register("before_serve_page")
def note_live_figures(page, request, serve_args, serve_kwargs):
    from .page_cache import note_live_figures

    note_live_figures(request, page)


@hooks.register(DEMO_CONTENT)
def home_demo_content():
    from . import demo

    return DemoContent(order=0, load=demo.load, name="home.demo")


# --- Site search: this app's types of result (home.registry.SEARCH_RESULT_TYPES) ---


@hooks.register(SEARCH_RESULT_TYPES)
def search_pages():
    # The content apps add their index pages to this type.
    return SearchResultType(
        order=40,
        key="halaman",
        label=_("Pages"),
        singular=_("Page"),
        models=(StandardPage, PartnerIndexPage),
        # A reader searching "anyaman" wants the training or the story first, not a list of them.
        rank=1,
    )
