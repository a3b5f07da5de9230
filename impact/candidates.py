"""Story candidates: respondents who agreed to be asked for a success story, for the editors who write stories.

Personal data (name, WhatsApp number): only editors who may change the Indonesian
success stories see the list (writers, moderators, superusers); translators and
coordinators do not.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale

from events.models import SurveyAnswer, TrainingEvent
from stories.models import StoryIndexPage, SuccessStory

LIMIT = 200


def can_see_candidates(user):
    if not user.is_active or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    index = StoryIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return index is not None and index.permissions_for_user(user).can_edit()


def candidates():
    """Answers with story consent whose person is still known, newest first, with whether a story links to them."""
    return (
        SurveyAnswer.objects.filter(story_consent_at__isnull=False, registration__isnull=False)
        .select_related("registration")
        .annotate(has_story=Exists(SuccessStory.objects.filter(survey_answer=OuterRef("pk"))))
        .order_by("-story_consent_at", "-pk")
    )


def candidates_view(request):
    if not can_see_candidates(request.user):
        raise PermissionDenied
    rows = list(candidates()[:LIMIT])
    locale = Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()
    keys = dict(
        TrainingEvent.objects.filter(pk__in={row.event_id for row in rows}).values_list("pk", "translation_key")
    )
    titles = dict(
        TrainingEvent.objects.filter(translation_key__in=set(keys.values()))
        .order_by("locale_id")
        .values_list("translation_key", "title")
    )
    local = dict(
        TrainingEvent.objects.filter(translation_key__in=set(keys.values()), locale=locale).values_list(
            "translation_key", "title"
        )
    )
    for row in rows:
        key = keys.get(row.event_id)
        row.training_title = local.get(key) or titles.get(key, "")
    return TemplateResponse(request, "impact/admin/story_candidates.html", {"candidates": rows, "limit": LIMIT})
