"""The story candidates list: who agreed to be asked for a story, for the editors who write stories only."""

import pytest

from events.models import SurveyAnswer
from home.roles import COORDINATOR, MODERATOR, TRANSLATOR, WRITER
from stories.models import SuccessStory
from tests.editors_support import member

pytestmark = pytest.mark.django_db

URL = "/admin/kandidat-kisah/"


@pytest.mark.parametrize("role", [WRITER, MODERATOR])
def test_editors_who_write_stories_see_candidates_with_their_whatsapp_number(client, demo, role):
    answer = SurveyAnswer.objects.filter(story_consent_at__isnull=False, registration__isnull=False).first()
    client.force_login(member(role))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert answer.registration.full_name in html
    assert answer.registration.whatsapp in html
    assert URL.encode() in client.get("/admin/").content  # in the menu


@pytest.mark.parametrize("role", [TRANSLATOR, COORDINATOR])
def test_other_roles_do_not_see_candidates(client, demo, role):
    client.force_login(member(role))
    assert client.get(URL).status_code in (302, 403)
    assert URL.encode() not in client.get("/admin/").content


def test_strangers_are_sent_to_the_login_page(client, demo):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_candidates_list_says_which_already_have_a_story_and_leaves_out_deleted_people(client, demo):
    answers = list(SurveyAnswer.objects.filter(story_consent_at__isnull=False, registration__isnull=False)[:2])
    linked, erased = answers
    story = SuccessStory.objects.filter(locale__language_code="id").first()
    story.survey_answer = linked
    story.save_revision().publish()
    erased_number = erased.registration.whatsapp
    SurveyAnswer.objects.filter(pk=erased.pk).update(registration=None, story_consent_at=None)
    client.force_login(member(WRITER))
    html = client.get(URL).content.decode()
    assert "Sudah ada kisah" in html or "Has a story" in html
    assert linked.registration.whatsapp in html
    assert erased_number not in html


def test_a_story_links_only_to_answers_with_story_consent(demo):
    field = SuccessStory._meta.get_field("survey_answer")
    choices = field.get_limit_choices_to()
    without = SurveyAnswer.objects.filter(story_consent_at__isnull=True).first()
    assert not SurveyAnswer.objects.filter(**choices, pk=without.pk).exists()
    assert SurveyAnswer.objects.filter(**choices).exists()


def test_story_editor_offers_the_candidates_answers_by_name(client, demo):
    answer = SurveyAnswer.objects.filter(story_consent_at__isnull=False, registration__isnull=False).first()
    without = SurveyAnswer.objects.filter(story_consent_at__isnull=True, registration__isnull=False).first()
    story = SuccessStory.objects.filter(locale__language_code="id").first()
    client.force_login(member(MODERATOR))
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="survey_answer"' in html
    assert f'value="{answer.pk}"' in html and answer.registration.full_name in html
    assert f'<option value="{without.pk}"' not in html
