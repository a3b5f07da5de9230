"""Coordinators take attendance from the list and from scanned codes; walk-ins; nobody else reaches any of it."""

from datetime import timedelta

import pytest

from events.attendance import check_in_token, check_in_url
from events.models import ActivityAction, Attendance, Registration, RegistrationStatus

from .attendance_support import COORDINATORS, five_day_training, user
from .events_support import NOW, html, wib

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(site_tree, locales, frozen):
    return five_day_training(site_tree, locales)


@pytest.fixture
def coordinator(client):
    client.force_login(user("koordinator", group=COORDINATORS))
    return client


def check_in_path(session):
    return f"/admin/kehadiran/sesi/{session.pk}/"


def scan_path(registration):
    return f"/admin/kehadiran/kode/{check_in_token(registration)}/"


def today(training):
    return training.sessions[2]  # Sunday 15 November, 08:00–12:00; NOW is 09:00


# --- the check-in list ---------------------------------------------------------------------


def test_coordinator_ticks_present_and_absent_and_comes_back_to_the_same_person(coordinator, training):
    session, siti = today(training), training.people[1]
    response = coordinator.post(check_in_path(session), {"registration": siti.pk, "present": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{check_in_path(session)}#p-{siti.pk}"
    tick = Attendance.objects.get(registration=siti, session=session)
    assert tick.present and tick.marked_by == "koordinator" and tick.marked_at == NOW

    coordinator.post(check_in_path(session), {"registration": siti.pk, "present": "0"})
    assert Attendance.objects.filter(registration=siti, session=session).count() == 1  # last write wins
    assert not Attendance.objects.get(registration=siti, session=session).present

    page = html(coordinator.get(check_in_path(session)))
    row = page.select_one(f"#p-{siti.pk}")
    assert "Peserta 01" in row.text
    assert row.select_one(".check-in__button--absent")["aria-pressed"] == "true"
    assert row.select_one(".check-in__button--present")["aria-pressed"] == "false"
    assert len(page.select(".check-in__person")) == 3


def test_the_background_post_of_the_script_gets_json(coordinator, training):
    session, siti = today(training), training.people[0]
    response = coordinator.post(
        check_in_path(session), {"registration": siti.pk, "present": "1"}, headers={"X-Requested-With": "check-in"}
    )
    assert response.status_code == 200
    assert response.json() == {"registration": siti.pk, "present": True}


def test_the_check_in_page_is_in_the_admin_language(client, training):
    account = user("koordinator-en", group=COORDINATORS)
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(account).__class__.objects.filter(user=account).update(preferred_language="en")
    client.force_login(account)
    page = html(client.get(check_in_path(today(training))))
    assert page.select_one(".check-in__button--present").text.startswith("Present")
    account.wagtail_userprofile.preferred_language = "id"
    account.wagtail_userprofile.save()
    page = html(client.get(check_in_path(today(training))))
    assert page.select_one(".check-in__button--present").text.startswith("Hadir")


@pytest.mark.parametrize("people", [3, 40])
def test_the_check_in_page_makes_the_same_queries_whatever_the_number_of_people(
    coordinator, site_tree, locales, frozen, people, django_assert_max_num_queries
):
    training = five_day_training(site_tree, locales, people=people, quota=50)
    session = today(training)
    coordinator.get(check_in_path(session))  # warms the admin's own caches (menu, profile)
    with django_assert_max_num_queries(16):
        response = coordinator.get(check_in_path(session))
    assert len(html(response).select(".check-in__person")) == people


@pytest.mark.parametrize(
    ("status", "message"),
    [(RegistrationStatus.CANCELLED, "dibatalkan"), (RegistrationStatus.WAITLISTED, "daftar tunggu")],
)
def test_a_cancelled_or_waiting_registration_cannot_be_ticked(coordinator, training, status, message):
    siti = training.people[0]
    Registration.objects.filter(pk=siti.pk).update(status=status)
    response = coordinator.post(check_in_path(today(training)), {"registration": siti.pk, "present": "1"}, follow=True)
    assert message in response.content.decode().lower()
    assert not Attendance.objects.exists()


def test_a_session_of_another_training_refuses_the_tick(coordinator, training, site_tree, locales):
    from .events_support import make_event

    other = make_event(
        training.index, training.taxonomy, [(wib(2026, 11, 15, 13), wib(2026, 11, 15, 16))], title="Lain", slug="lain"
    )
    other_session = other.sessions.get()
    response = coordinator.post(
        check_in_path(other_session), {"registration": training.people[0].pk, "present": "1"}, follow=True
    )
    assert "pelatihan lain" in response.content.decode()
    assert not Attendance.objects.exists()


def test_after_the_last_session_the_register_is_closed(coordinator, training, time_machine):
    time_machine.move_to(wib(2026, 11, 17, 12, 1))
    response = coordinator.post(
        check_in_path(training.sessions[-1]), {"registration": training.people[0].pk, "present": "1"}, follow=True
    )
    assert "sudah selesai" in response.content.decode()
    assert not Attendance.objects.exists()
    assert not html(coordinator.get(check_in_path(training.sessions[-1]))).select("form.check-in__form")


@pytest.mark.parametrize("data", [{}, {"registration": "x", "present": "1"}, {"registration": "1", "present": "2"}])
def test_a_check_in_that_makes_no_sense_is_a_400(coordinator, training, data):
    assert coordinator.post(check_in_path(today(training)), data).status_code == 400
    assert not Attendance.objects.exists()


# --- walk-ins ------------------------------------------------------------------------------


def test_a_walk_in_gets_a_confirmed_place_counted_against_the_quota_and_is_present(coordinator, training):
    response = coordinator.post(
        check_in_path(today(training)), {"action": "walk_in", "full_name": "Dayang Sumbi", "whatsapp": "0812 9999 0001"}
    )
    walk_in = Registration.objects.get(full_name="Dayang Sumbi")
    assert response["Location"].endswith(f"#p-{walk_in.pk}")
    assert walk_in.status == RegistrationStatus.CONFIRMED and walk_in.walk_in
    assert walk_in.activities.filter(action=ActivityAction.WALK_IN, actor="koordinator").exists()
    assert Attendance.objects.get(registration=walk_in, session=today(training)).present
    training.event.refresh_from_db()
    assert training.event.places_left == 16 - 4


def test_a_walk_in_is_refused_when_the_training_is_full(coordinator, site_tree, locales, frozen):
    training = five_day_training(site_tree, locales, people=2, quota=2)
    response = coordinator.post(
        check_in_path(today(training)),
        {"action": "walk_in", "full_name": "Dayang Sumbi", "whatsapp": "0812 9999 0001"},
        follow=True,
    )
    assert "penuh" in response.content.decode()
    assert not Registration.objects.filter(full_name="Dayang Sumbi").exists()


# --- a scanned code -------------------------------------------------------------------------


def test_a_scanned_code_marks_the_person_present_in_the_session_running_now(coordinator, training):
    siti = training.people[0]
    assert check_in_url(siti) == "http://127.0.0.1:8000" + scan_path(siti) or check_in_url(siti).endswith(
        scan_path(siti)
    )
    response = coordinator.get(scan_path(siti))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert Attendance.objects.get(registration=siti, session=today(training)).present
    assert "Peserta 00" in response.content.decode()


def test_scanning_twice_says_already_present_and_changes_nothing(coordinator, training, time_machine):
    siti = training.people[0]
    coordinator.get(scan_path(siti))
    first = Attendance.objects.get(registration=siti)
    time_machine.move_to(NOW + timedelta(minutes=5))
    response = coordinator.get(scan_path(siti))
    assert "Sudah tercatat hadir" in response.content.decode()
    assert Attendance.objects.get(registration=siti).marked_at == first.marked_at


def test_two_sessions_the_same_day_ask_which_one(coordinator, site_tree, locales, frozen):
    from .events_support import Taxonomy, make_event, make_schedule

    index, _en = make_schedule(site_tree, locales)
    event = make_event(
        index,
        Taxonomy(*locales),
        [(wib(2026, 11, 15, 6), wib(2026, 11, 15, 8)), (wib(2026, 11, 15, 13), wib(2026, 11, 15, 16))],
        title="Dua sesi",
        slug="dua-sesi",
    )
    siti = Registration.objects.create(
        event=event, status=RegistrationStatus.CONFIRMED, full_name="Siti", whatsapp="+62812", language="id"
    )
    page = html(coordinator.get(scan_path(siti)))
    choices = page.select("input[name=session]")
    assert len(choices) == 2 and not Attendance.objects.exists()
    afternoon = event.sessions.order_by("start").last()
    coordinator.post(scan_path(siti), {"session": afternoon.pk})
    assert Attendance.objects.get(registration=siti).session == afternoon


def test_a_scanned_code_on_a_day_without_a_session_changes_nothing(coordinator, training, time_machine):
    time_machine.move_to(wib(2026, 11, 12, 9))
    response = coordinator.get(scan_path(training.people[0]))
    assert response.status_code == 409
    assert not Attendance.objects.exists()


def test_a_scanned_code_of_a_cancelled_registration_changes_nothing(coordinator, training):
    siti = training.people[0]
    Registration.objects.filter(pk=siti.pk).update(status=RegistrationStatus.CANCELLED)
    response = coordinator.get(scan_path(siti))
    assert response.status_code == 409
    assert "dibatalkan" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_scanned_code_after_the_training_ended_changes_nothing(coordinator, training, time_machine):
    time_machine.move_to(wib(2026, 11, 18, 9))
    response = coordinator.get(scan_path(training.people[0]))
    assert response.status_code == 409
    assert "sudah selesai" in response.content.decode()


@pytest.mark.parametrize("token", ["garbage", "ABCDEFGH-xyz", "ABCDEFGH"])
def test_a_tampered_code_is_a_400_with_a_translated_message(coordinator, training, token):
    response = coordinator.get(f"/admin/kehadiran/kode/{token}/")
    assert response.status_code == 400
    assert "tidak sah" in response.content.decode()


def test_a_code_with_another_reference_and_the_old_signature_is_refused(coordinator, training):
    token = check_in_token(training.people[0])
    forged = training.people[1].reference + "-" + token.split("-", 1)[1]
    assert coordinator.get(f"/admin/kehadiran/kode/{forged}/").status_code == 400
    assert not Attendance.objects.exists()


# --- who may see any of it --------------------------------------------------------------------


def attendance_urls(training):
    return [
        "/admin/kehadiran/",
        "/admin/kehadiran/angka/",
        check_in_path(today(training)),
        scan_path(training.people[0]),
        f"/admin/kehadiran/pelatihan/{training.event.pk}/",
        f"/admin/kehadiran/pelatihan/{training.event.pk}/daftar-hadir/",
        f"/admin/kehadiran/pelatihan/{training.event.pk}/daftar-hadir/?export=csv",
    ]


@pytest.mark.parametrize("group", ["Moderator", "Penulis", "Penerjemah"])
def test_editors_are_refused_without_a_word_about_anyone(client, training, group):
    client.force_login(user("editor-" + group.lower(), group=group))
    for url in attendance_urls(training):
        # Wagtail answers a refused admin view with a redirect to the dashboard and "no permission".
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url
        assert "Peserta" not in client.get(url, follow=True).content.decode()
    refused = client.post(check_in_path(today(training)), {"registration": training.people[0].pk, "present": "1"})
    assert refused.status_code in (302, 403)
    assert not Attendance.objects.exists()
    assert "/admin/kehadiran/" not in client.get("/admin/").content.decode()


def test_the_public_is_sent_to_the_login_page(client, training):
    for url in attendance_urls(training):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
    assert not Attendance.objects.exists()


def test_superusers_and_coordinators_see_the_menu_item(client, coordinator, training):
    assert "/admin/kehadiran/" in coordinator.get("/admin/").content.decode()
    client.force_login(user("root", superuser=True))
    assert client.get(scan_path(training.people[0])).status_code == 200


# --- the participant's own pages show the code ---------------------------------------------------


def test_the_manage_page_and_the_confirmation_page_show_the_check_in_code(client, training):
    from events.notifications import manage_token

    siti = training.people[0]
    event = training.event
    for name in ("manage", "registered"):
        path = event.url + event.reverse_subpage(name, kwargs={"token": manage_token(siti)})
        response = client.get(path)
        assert response.status_code == 200, path
        page = html(response)
        assert page.select_one(".check-in-code svg") is not None, path
