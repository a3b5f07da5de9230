"""The "Needs attention" panel on the admin dashboard: computed from the database in a fixed number of queries.

- pages awaiting review (a workflow in progress);
- Indonesian pages whose English translation is missing (no live English page) or
  out of date: the Indonesian page was published after wagtail-localize last read it
  (`TranslationSource.last_updated_at`, set when a translation is created or synced
  with "Sync translated pages"), so the English page lacks the latest changes. A page
  translated without wagtail-localize is compared with its translation's last publication;
- English pages that are live but partly translated: wagtail-localize's records hold a
  segment of the source with no English translation (`home/translations.py`);
- skill areas, partners and venues with no English version (snippets keep no
  publication dates, so "out of date" applies to pages only);
- then the lists the content apps register (``home.registry.ATTENTION_LISTS``), such as
  trainings whose registration closes soon and full trainings with a waiting list.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import TranslationSource

from .registry import ATTENTION_LISTS, registered
from .translations import partly_translated_pages


@dataclass
class Attention:
    awaiting_review: list = field(default_factory=list)
    missing_translations: list = field(default_factory=list)
    outdated_translations: list = field(default_factory=list)
    partly_translated: list = field(default_factory=list)
    missing_snippet_translations: list = field(default_factory=list)
    # The content apps' lists: {AttentionList: items}.
    contributed: dict = field(default_factory=dict)

    def __getattr__(self, name):
        # A contributed list by its key, as the site-wide ones are: `attention.closing_soon`.
        for attention_list, items in self.__dict__.get("contributed", {}).items():
            if attention_list.key == name:
                return items
        raise AttributeError(name)

    @property
    def is_empty(self):
        return not any(
            (
                self.awaiting_review,
                self.missing_translations,
                self.outdated_translations,
                self.partly_translated,
                self.missing_snippet_translations,
                *self.contributed.values(),
            )
        )


def pages_awaiting_review():
    """Pages with a review in progress, oldest request first, with who asked and which task waits: one query."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField(max_length=255)),
    )
    pages = (
        Page.objects.annotate(
            review_requested_at=Subquery(states.values("created_at")[:1]),
            review_task=Subquery(states.values("current_task_state__task__name")[:1]),
        )
        .filter(Exists(states))
        .select_related("locale")
        .order_by("review_requested_at", "pk")
    )
    return list(pages)


def translation_gaps(source_locale, target_locale):
    """Live source-language pages without a live translation, and those whose translation lags behind: one query."""
    translated = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=target_locale)
    sources = TranslationSource.objects.filter(object_id=OuterRef("translation_key"), locale=source_locale)
    pages = (
        Page.objects.live()
        .filter(locale=source_locale, depth__gt=1)
        .annotate(
            has_live_translation=Exists(translated.filter(live=True)),
            translation_source_id=Subquery(sources.values("pk")[:1]),
            translation_synced_at=Subquery(sources.values("last_updated_at")[:1]),
            translated_page_id=Subquery(translated.values("pk")[:1]),
            translation_published_at=Subquery(translated.values("last_published_at")[:1]),
        )
        .order_by("path")
    )
    missing, outdated = [], []
    for page in pages:
        if not page.has_live_translation:
            missing.append(page)
        else:
            # Translated outside wagtail-localize (copied by hand): the English page's own last publication counts.
            reference = page.translation_synced_at or page.translation_published_at
            if page.last_published_at and reference and page.last_published_at > reference:
                outdated.append(page)
    return missing, outdated


def snippets_without_translation(source_locale, target_locale):
    """Skill areas, partners and venues with no English version: one query per kind."""
    from .models import Partner, SkillArea, Venue

    missing = []
    for model in (SkillArea, Partner, Venue):
        translated = model.objects.filter(translation_key=OuterRef("translation_key"), locale=target_locale)
        missing.extend(model.objects.filter(locale=source_locale).exclude(Exists(translated)).order_by("name"))
    return missing


def needs_attention(now=None):
    now = now or timezone.now()
    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    target_locale = Locale.objects.filter(language_code="en").first()
    attention = Attention()
    attention.awaiting_review = pages_awaiting_review()
    if target_locale is not None:
        attention.missing_translations, attention.outdated_translations = translation_gaps(source_locale, target_locale)
        attention.missing_snippet_translations = snippets_without_translation(source_locale, target_locale)
        attention.partly_translated = partly_translated_pages(source_locale, target_locale)
    attention.contributed = {
        attention_list: attention_list.items(source_locale, now) for attention_list in registered(ATTENTION_LISTS)
    }
    return attention


def _edit(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def attention_rows(attention):
    """What the panel shows: a title, a link to where the work is done, and a note, per item."""
    return {
        "awaiting_review": [
            {"title": page.get_admin_display_title(), "url": _edit(page.pk), "page": page}
            for page in attention.awaiting_review
        ],
        "missing_translations": [
            {
                "title": page.title,
                # Straight to the English draft when there is one; else to "Translate this page".
                "url": _edit(page.translated_page_id)
                if page.translated_page_id
                else reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
                "has_draft": bool(page.translated_page_id),
            }
            for page in attention.missing_translations
        ],
        "outdated_translations": [
            {
                "title": page.title,
                "url": reverse("wagtail_localize:update_translations", args=[page.translation_source_id])
                if page.translation_source_id
                else _edit(page.translated_page_id),
                "published_at": page.last_published_at,
                "synced_at": page.translation_synced_at,
            }
            for page in attention.outdated_translations
        ],
        # A live translation that still shows source text: its editor, where the empty segments are.
        "partly_translated": [{"title": page.title, "url": _edit(page.pk)} for page in attention.partly_translated],
        "missing_snippet_translations": [
            {
                "title": str(snippet),
                "kind": snippet._meta.verbose_name,
                "url": reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[snippet._meta.app_label, snippet._meta.model_name, snippet.pk],
                ),
            }
            for snippet in attention.missing_snippet_translations
        ],
    }


class NeedsAttentionPanel(Component):
    name = "needs_attention"
    order = 50
    template_name = "home/admin/needs_attention_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        attention = needs_attention()
        return {
            "attention": attention,
            "rows": attention_rows(attention),
            "contributed": [
                (attention_list, attention_list.rows(items, self.request))
                for attention_list, items in attention.contributed.items()
                if items
            ],
            "guide_url": reverse("editor_guide"),
        }
