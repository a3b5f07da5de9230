"""Review before publishing: a Penulis submits, a Moderator requests changes with a comment or approves.

And scheduled publishing for trainings and campaigns: go-live and expiry through
the editor's settings tab, carried out by `manage.py publish_scheduled`; an expired
or past page is unpublished, never deleted.
"""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState

from campaigns.models import CampaignPage
from events.models import EventSession, TrainingEvent
from home.models import Partner, SkillArea
from home.roles import MODERATOR, TASK_NAME, WRITER
from stories.models import SuccessStory
from tests.editors_support import form_data, member, sections


@pytest.fixture
def tree(site_tree):
    area = SkillArea.objects.create(locale=site_tree["home"].locale, name="Anyaman", slug="anyaman")
    return {**site_tree, **sections(site_tree), "area": area}


def client_for(role):
    user = member(role)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def new_story(index, user, area, **fields):
    page = SuccessStory(
        title="Kisah Ibu Wati",
        slug="kisah-ibu-wati",
        participant_name="Wati",
        kecamatan="pahandut",
        training_year=2024,
        intro="Ibu Wati belajar menganyam.",
        locale=index.locale,
    )
    return form_data(page, user, parent=index, skill_areas=[str(area.pk)], **fields)


def workflow_action(client, page, action, **data):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_writer_submits_moderator_requests_changes_then_approves(tree):
    writer, moderator = client_for(WRITER), client_for(MODERATOR)
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "successstory", tree["stories"].pk])

    response = writer.post(add_url, new_story(tree["stories"], writer.user, tree["area"], **{"action-submit": "1"}))
    assert response.status_code == 302
    page = SuccessStory.objects.get(slug="kisah-ibu-wati")
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == TASK_NAME

    # The Moderator sees it waiting, on the dashboard panel, with Approve and Request changes.
    dashboard = moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert edit(page) in dashboard and "Kisah Ibu Wati" in dashboard
    moderator_editor = moderator.get(edit(page)).content.decode()
    assert 'data-workflow-action-name="approve"' in moderator_editor
    assert 'data-workflow-action-name="reject"' in moderator_editor
    assert 'data-workflow-action-name="approve"' not in writer.get(edit(page)).content.decode()
    # The writer has nothing to approve.
    assert workflow_action(writer, page, "approve").status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress

    response = workflow_action(moderator, page, "reject", comment="Tambahkan penghasilan sesudah pelatihan.")
    assert response.status_code == 302
    page.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(workflow_state=state).comment == "Tambahkan penghasilan sesudah pelatihan."
    assert not page.live
    assert "Tambahkan penghasilan sesudah pelatihan." in writer.get(edit(page)).content.decode()

    # The writer fixes it and submits again; the Moderator approves: published.
    fixed = form_data(page, writer.user, income_before="500000", income_after="1500000", **{"action-submit": "1"})
    assert writer.post(edit(page), fixed).status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live
    assert workflow_action(moderator, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live and page.income_after == 1_500_000
    assert not page.workflow_in_progress
    assert writer.get("/kisah-sukses/kisah-ibu-wati/").status_code == 200


def _event(index, area, start):
    organizer = Partner.objects.create(locale=index.locale, name="BLK", kind="pemerintah")
    event = TrainingEvent(
        title="Anyaman dasar",
        slug="anyaman-dasar",
        summary="Belajar anyaman.",
        organizer=organizer,
        mode="daring",
        online_url="https://meet.example.org/x",
        quota=10,
        registration_opens=start - timedelta(days=20),
        registration_closes=start - timedelta(days=1),
        contact_name="Ibu Sari",
        contact_whatsapp="0812 3456 7890",
        live=False,
    )
    event.sessions = [EventSession(start=start, end=start + timedelta(hours=3))]
    event.skill_areas = [area]
    index.add_child(instance=event)
    event.save_revision()
    return event


def _campaign(index, area, start):
    campaign = CampaignPage(
        title="Ayo belajar anyaman",
        slug="ayo-belajar",
        summary="Daftar sekarang.",
        start_date=start.date(),
        end_date=start.date() + timedelta(days=30),
        live=False,
    )
    campaign.skill_areas = [area]
    index.add_child(instance=campaign)
    campaign.save_revision()
    return campaign


def wib(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("kind", ["events", "campaigns"])
def test_scheduled_go_live_and_expiry_unpublish_but_never_delete(tree, kind):
    moderator = client_for(MODERATOR)
    now = timezone.now().replace(second=0, microsecond=0)
    make = _event if kind == "events" else _campaign
    page = make(tree[kind], tree["area"], now + timedelta(days=40))
    go_live, expire = now + timedelta(days=2), now + timedelta(days=60)

    data = form_data(page, moderator.user, go_live_at=wib(go_live), expire_at=wib(expire))
    data["action-publish"] = "1"
    assert moderator.post(edit(page), data).status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None
    url = page.url

    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live

    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
        page.refresh_from_db()
        assert page.live
        assert Client().get(url).status_code == 200

    # Long after the training or campaign ended: expiry unpublishes, the page stays (archive, history).
    with time_machine.travel(expire + timedelta(days=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
        call_command("purge_registrations", "--months", "1", "--delete", stdout=io.StringIO())
        page.refresh_from_db()
        assert not page.live and page.expired
        assert Client().get(url).status_code == 404
    assert Page.objects.filter(pk=page.pk).exists()


def test_past_training_and_ended_campaign_stay_published_without_expiry(tree):
    """Nothing in the project removes past trainings or ended campaigns: they move to the archive / show as ended."""
    now = timezone.now()
    event = _event(tree["events"], tree["area"], now + timedelta(days=3))
    event.save_revision().publish()
    campaign = _campaign(tree["campaigns"], tree["area"], now)
    campaign.save_revision().publish()
    with time_machine.travel(now + timedelta(days=400)):
        call_command("publish_scheduled", stdout=io.StringIO())
        call_command("purge_registrations", "--months", "1", "--delete", stdout=io.StringIO())
        for page in (event, campaign):
            page.refresh_from_db()
            assert page.live
        assert Client().get(event.url).status_code == 200
        assert Client().get(campaign.url).status_code == 200
