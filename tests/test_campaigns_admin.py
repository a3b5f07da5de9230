"""Only training coordinators see and export interest sign-ups in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from campaigns.models import InterestSignup
from tests.campaigns_support import TODAY, make_campaign, make_campaign_index
from tests.events_support import NOW

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/interest_signups/"


def staff(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "password", is_staff=True)
    user.groups.add(*groups)
    return user


@pytest.fixture
def signups(site_tree, locales):
    index, _en = make_campaign_index(site_tree, locales)
    campaign = make_campaign(index, start=TODAY, end=TODAY)
    for number, name in enumerate(["Sari Dewi", "Budi Santoso"]):
        InterestSignup.objects.create(
            campaign=campaign,
            name=name,
            whatsapp=f"+62812000000{number}",
            kecamatan="pahandut",
            language="id",
            consented_at=NOW,
        )
    return campaign


@pytest.fixture
def editors_group():
    """An editor who may use the admin and edit pages, but is not a coordinator."""
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def test_the_coordinators_group_exists_with_its_permissions():
    group = Group.objects.get(name="Koordinator Pelatihan")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_interestsignup", "export_interestsignup", "access_admin"} <= codenames
    assert not codenames & {"add_interestsignup", "change_interestsignup", "delete_interestsignup"}


def test_coordinators_see_and_export_sign_ups(client, signups):
    client.force_login(staff("koordinator", Group.objects.get(name="Koordinator Pelatihan")))
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert "Sari Dewi" in listing.content.decode() and "Budi Santoso" in listing.content.decode()
    assert LIST_URL in client.get("/admin/").content.decode()
    export = client.get(LIST_URL + "?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Sari Dewi" in body and "+628120000000" in body and "Ayo Menjahit" in body
    assert export["Content-Disposition"].startswith("attachment")


def test_editors_without_the_group_get_no_menu_item_and_no_data(client, signups, editors_group):
    client.force_login(staff("editor", editors_group))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert LIST_URL not in dashboard.content.decode()
    for url in (LIST_URL, LIST_URL + "?export=csv", LIST_URL + "?export=xlsx"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Sari Dewi" not in response.content
        assert response.status_code == 403 or "/admin/" in response["Location"]


def test_anonymous_visitors_are_sent_to_log_in(client, signups):
    response = client.get(LIST_URL + "?export=csv")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
