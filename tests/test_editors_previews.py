"""Every page type previews through the admin (Wagtail's preview-on-edit view), on the demo content."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from tests.editors_support import form_data

PAGE_TYPES = [
    "home.homepage",
    "home.standardpage",
    "home.partnerindexpage",
    "stories.storyindexpage",
    "stories.successstory",
    "events.eventindexpage",
    "events.trainingevent",
    "campaigns.campaignindexpage",
    "campaigns.campaignpage",
]


@pytest.fixture
def admin_client_demo(demo, client):
    user = get_user_model().objects.get(username="admin")
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_editor_previews_every_page_type(admin_client_demo, page_type):
    client, user = admin_client_demo
    app_label, model = page_type.split(".")
    page = Page.objects.filter(
        content_type__app_label=app_label, content_type__model=model, locale__language_code="id", live=True
    ).first()
    assert page is not None, f"the demo has no {page_type}"

    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    # The home page shows its hero heading rather than its title.
    field = "hero_heading" if page_type == "home.homepage" else "title"
    marker = f"{getattr(page.specific, field)} (pratinjau)"
    posted = client.post(url, form_data(page, user, **{field: marker}))
    assert posted.json()["is_valid"], posted.json()
    preview = client.get(url)
    assert preview.status_code == 200
    assert marker in preview.content.decode()
    # A preview changes nothing that visitors see.
    page.refresh_from_db()
    assert getattr(page.specific, field) != marker


def test_demo_sections_are_guarded_by_review_and_open_to_their_roles(demo):
    from django.contrib.auth.models import Group
    from wagtail.models import WorkflowPage

    from home.dashboard import needs_attention
    from home.roles import TRANSLATOR, WORKFLOW_NAME, WRITER

    guarded = WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).select_related("page__locale")
    assert sorted(wp.page.specific_class.__name__ for wp in guarded) == [
        "CampaignIndexPage",
        "EventIndexPage",
        "ImpactPage",
        "StoryIndexPage",
    ]
    assert {wp.page.locale.language_code for wp in guarded} == {"id"}
    writer_pages = Group.objects.get(name=WRITER).page_permissions.values_list("page_id", flat=True)
    assert set(writer_pages) == {wp.page_id for wp in guarded}
    translator_pages = Group.objects.get(name=TRANSLATOR).page_permissions.select_related("page__locale")
    assert {p.page.locale.language_code for p in translator_pages} == {"en"}
    # Everything in the demo is translated through wagtail-localize and up to date.
    attention = needs_attention()
    assert attention.missing_translations == [] and attention.outdated_translations == []
    assert attention.missing_snippet_translations == []


def test_loading_the_demo_again_adds_no_permissions_or_workflows(demo):
    import io

    from django.core.management import call_command
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

    counts = lambda: [m.objects.count() for m in (GroupPagePermission, Workflow, WorkflowPage, WorkflowTask)]  # noqa: E731
    before = counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_translator_opens_every_page_type_in_the_translation_editor(demo, client, page_type):
    from wagtail_localize.models import Translation

    from home.roles import TRANSLATOR
    from tests.editors_support import member

    client.force_login(member(TRANSLATOR))
    app_label, model = page_type.split(".")
    english = Page.objects.filter(
        content_type__app_label=app_label, content_type__model=model, locale__language_code="en"
    ).first()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    assert 'class="js-translation-editor"' in response.content.decode()
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale=english.locale)
    po = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert po.status_code == 200 and b'msgctxt "title"' in po.content
    # The Indonesian original stays closed to the translator.
    source = translation.source.get_source_instance()
    assert source.locale.language_code == "id"
    assert client.get(reverse("wagtailadmin_pages:edit", args=[source.pk])).status_code == 302
