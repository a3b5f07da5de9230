"""Each editors' role, driven through the real admin views: what it can and cannot reach."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page

from home.models import SkillArea
from home.roles import COORDINATOR, MODERATOR, TRANSLATOR, WRITER
from stories.models import SuccessStory
from tests.editors_support import form_data, member, sections
from tests.stories_helpers import story


@pytest.fixture
def tree(site_tree):
    area = SkillArea.objects.create(locale=site_tree["home"].locale, name="Anyaman", slug="anyaman")
    return {**site_tree, **sections(site_tree), "area": area}


def login(client, role):
    user = member(role)
    client.force_login(user)
    return user


def denied(response):
    """Wagtail answers a page the user may not reach with a redirect to the dashboard and a message (or a 403)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def page_codenames(group):
    return {
        (
            p.page.specific_class._meta.model_name if p.page.depth > 1 else "root",
            p.page.locale.language_code,
            p.permission.codename,
        )
        for p in group.page_permissions.select_related("page", "permission", "page__locale")
    }


@pytest.mark.django_db
def test_migration_makes_the_four_roles_with_their_model_permissions():
    perms = {
        name: set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))
        for name in (WRITER, MODERATOR, TRANSLATOR, COORDINATOR)
    }
    assert ("wagtailadmin", "access_admin") in perms[WRITER] & perms[MODERATOR] & perms[TRANSLATOR]
    assert ("wagtail_localize", "submit_translation") in perms[TRANSLATOR]
    assert ("wagtail_localize", "submit_translation") not in perms[WRITER]
    assert {("events", "view_registration"), ("campaigns", "view_interestsignup")} <= perms[COORDINATOR]
    assert not {p for p in perms[WRITER] | perms[MODERATOR] | perms[TRANSLATOR] if p[0] in ("events", "campaigns")}
    # Moderators may publish anywhere from the start; nobody else has page rights before the pages exist.
    moderator_pages = page_codenames(Group.objects.get(name=MODERATOR))
    assert ("root", "id", "publish_page") in moderator_pages
    assert not Group.objects.get(name=WRITER).page_permissions.exists()


def test_section_pages_give_writers_and_translators_their_reach(tree):
    writer_pages = page_codenames(Group.objects.get(name=WRITER))
    assert writer_pages == {
        (model, "id", codename)
        for model in ("storyindexpage", "eventindexpage", "campaignindexpage")
        for codename in ("add_page", "change_page")
    }
    assert page_codenames(Group.objects.get(name=TRANSLATOR)) == {
        ("homepage", "en", codename) for codename in ("add_page", "change_page", "publish_page")
    }
    for key in ("stories", "events", "campaigns"):
        assert tree[key].get_workflow().name == "Tinjauan Moderator"
    # Elsewhere Wagtail's default workflow applies, and our Moderators approve there too.
    other_tasks = tree["about"].get_workflow().tasks.specific()
    assert all(task.groups.filter(name=MODERATOR).exists() for task in other_tasks)


def test_writer_opens_the_new_story_form_with_submit_but_no_publish_button(client, tree):
    login(client, WRITER)
    url = reverse("wagtailadmin_pages:add", args=["stories", "successstory", tree["stories"].pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_writer_cannot_publish_even_by_posting_the_publish_action(client, tree):
    user = login(client, WRITER)
    draft = story(tree["stories"], "Draf penulis", publish=False, owner=user, areas=[tree["area"]])
    client.post(edit(draft), form_data(draft, user, **{"action-publish": "action-publish"}))
    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision is None


@pytest.mark.parametrize("page_key", ["home", "about"])
def test_writer_cannot_edit_pages_outside_the_sections(client, tree, page_key):
    login(client, WRITER)
    assert denied(client.get(edit(tree[page_key])))


def test_writer_and_translator_have_no_registrations_or_signups(client, tree):
    for role in (WRITER, TRANSLATOR, MODERATOR):
        login(client, role)
        for url in ("/admin/registrations/", "/admin/interest_signups/"):
            assert denied(client.get(url)), (role, url)
        client.logout()


def test_coordinator_sees_registrations_and_signups_but_edits_no_page(client, tree):
    login(client, COORDINATOR)
    assert client.get("/admin/registrations/").status_code == 200
    assert client.get("/admin/interest_signups/").status_code == 200
    assert denied(client.get(edit(tree["stories"])))


def test_moderator_publishes_directly(client, tree):
    user = login(client, MODERATOR)
    draft = story(tree["stories"], "Draf moderator", publish=False, areas=[tree["area"]])
    response = client.post(edit(draft), form_data(draft, user, **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_translator_cannot_change_indonesian_pages(client, tree):
    user = login(client, TRANSLATOR)
    published = story(tree["stories"], "Kisah terbit")
    assert denied(client.get(edit(published)))
    assert denied(client.get(edit(tree["home"])))
    response = client.post(edit(published), form_data(published, user, title="Diubah penerjemah"))
    assert denied(response)
    published.refresh_from_db()
    assert published.title == "Kisah terbit"


def test_translator_translates_a_story_in_wagtail_localize_editor(client, tree):
    login(client, TRANSLATOR)
    published = story(tree["stories"], "Kisah untuk diterjemahkan")
    en = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[published.pk]), {"locales": [en.pk]}
    )
    english = SuccessStory.objects.get(translation_key=published.translation_key, locale=en)
    assert response.status_code == 302 and response["Location"] == edit(english)
    editor = client.get(edit(english))
    assert editor.status_code == 200
    # wagtail-localize's translation editor, not Wagtail's page form.
    assert 'class="js-translation-editor"' in editor.content.decode()


def test_writer_cannot_submit_translations(client, tree):
    login(client, WRITER)
    published = story(tree["stories"], "Kisah")
    en = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[published.pk]), {"locales": [en.pk]}
    )
    assert denied(response)
    assert not Page.objects.filter(translation_key=published.translation_key, locale=en).exists()


def test_translator_translates_snippets_but_cannot_change_indonesian_ones(client, tree):
    login(client, TRANSLATOR)
    id_locale, en = Locale.objects.get(language_code="id"), Locale.objects.get(language_code="en")
    area = SkillArea.objects.create(locale=id_locale, name="Menjahit", slug="menjahit")
    edit_url = reverse("wagtailsnippets_home_skillarea:edit", args=[area.pk])
    assert denied(client.get(edit_url))
    assert denied(client.post(edit_url, {"name": "Diubah", "slug": "menjahit"}))
    area.refresh_from_db()
    assert area.name == "Menjahit"

    submit = reverse("wagtail_localize:submit_snippet_translation", args=["home", "skillarea", area.pk])
    assert client.post(submit, {"locales": [en.pk]}).status_code == 302
    english = SkillArea.objects.get(translation_key=area.translation_key, locale=en)
    assert client.get(reverse("wagtailsnippets_home_skillarea:edit", args=[english.pk])).status_code == 200


def test_writer_edits_indonesian_snippets(client, tree):
    login(client, WRITER)
    area = SkillArea.objects.create(locale=Locale.objects.get(language_code="id"), name="Menjahit", slug="menjahit")
    assert client.get(reverse("wagtailsnippets_home_skillarea:edit", args=[area.pk])).status_code == 200
