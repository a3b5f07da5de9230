"""Follow-up surveys: how participants were doing when they registered, and months after (README, "Surveys").

At registration a short baseline is offered apart from the registration's consent:
work, monthly income band, and whether the person may be asked again later. Nothing
about the registration depends on it.

Everyone who completed a training and agreed is asked again SURVEY_FOLLOW_UP_MONTHS
after its last session (3 and 6 by default): a round opens on that date in WIB at
SURVEY_SEND_HOUR, stays open SURVEY_ANSWER_DAYS, and gets one reminder after
SURVEY_REMINDER_DAYS if it is still unanswered. The worker's upkeep (events.upkeep)
opens the rounds and the reminders that are due, as messages of the registrant
journey (events.notifications): recorded once per channel, sent once, retried, and
checked again when sent, so nobody is asked a round they answered, nor after they
withdrew or deleted their data.

The link in the message is signed and names one person and one round; the answer
is stored once (the unique constraint of SurveyAnswer), and a follow-up copies the
person's baseline so the before-and-after pair stays when the person is deleted.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from home.addresses import page_full_url
from home.timezones import WIB

from .models import (
    EventSession,
    MessageKind,
    MessageStatus,
    Registration,
    RegistrationMessage,
    RegistrationStatus,
    SurveyAnswer,
)

SALT = "events.survey"


# --- the signed link -------------------------------------------------------------------------


def survey_token(registration, months):
    """ "REFERENCE-MONTHS-signature": Wagtail routes only letters, digits, "_" and "-" in a path."""
    signed = signing.Signer(salt=SALT).sign(f"{registration.reference}-{months}")
    return signed.replace(":", "-", 1)


def read_token(token):
    """(reference, months) that a token names, or None when it is forged or altered.

    Whether the round is still open is not in the token but in the training's dates,
    so a reminder's link and the first one close together.
    """
    parts = (token or "").split("-", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(f"{parts[0]}-{parts[1]}:{parts[2]}")
    except signing.BadSignature:
        return None
    reference, months = value.split("-", 1)
    months = int(months)
    if months not in settings.SURVEY_FOLLOW_UP_MONTHS:
        return None
    return reference, months


def survey_url(registration, months, event):
    """The survey on the training's page in the registrant's language, on the public address."""
    token = survey_token(registration, months)
    return page_full_url(event) + event.reverse_subpage("survey", kwargs={"token": token})


# --- when a round is open ------------------------------------------------------------------


def add_months(day, months):
    """The same day `months` later (or earlier), the month's last day when it has no such day (31 May + 3 = 31 Aug,
    30 Nov + 3 = 28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def opens_at(last_end, months):
    """When a round opens: `months` after the day of the last session in WIB, at SURVEY_SEND_HOUR."""
    day = add_months(timezone.localtime(last_end, WIB).date(), months)
    return datetime.combine(day, time(settings.SURVEY_SEND_HOUR), tzinfo=WIB)


def closes_at(last_end, months):
    return opens_at(last_end, months) + timedelta(days=settings.SURVEY_ANSWER_DAYS)


def last_session_end(event_id):
    return EventSession.objects.filter(event_id=event_id).aggregate(end=Max("end"))["end"]


def is_open(last_end, months, now=None):
    now = now or timezone.now()
    return last_end is not None and opens_at(last_end, months) <= now < closes_at(last_end, months)


def _answered(months):
    return Exists(SurveyAnswer.objects.filter(registration_id=OuterRef("pk"), round=months))


def _asked(kind, months):
    return Exists(RegistrationMessage.objects.filter(registration_id=OuterRef("pk"), kind=kind, key=str(months)))


def surveyed():
    """The registrations that may be asked: completed, agreed, still there."""
    return Registration.objects.filter(
        completed=True,
        follow_up_consent_at__isnull=False,
        anonymised=False,
        status=RegistrationStatus.CONFIRMED,
    )


def still_open_for_ends_after(months, now):
    """A bound a day early: the round of `months` is still open at `now` only for trainings ending after it."""
    today = timezone.localtime(now, WIB).date()
    first = add_months(today - timedelta(days=settings.SURVEY_ANSWER_DAYS + 1), -months) - timedelta(days=1)
    return datetime.combine(first, time.min, tzinfo=WIB)


def _trainings_ending_around(months, now):
    """{training id: its last session's end} for the trainings whose round `months` may be open now."""
    # A round is open from opens_at to closes_at: the last session's day, in WIB, lies between these
    # two, with a day of margin either side for the months' unequal lengths; is_open() decides exactly.
    today = timezone.localtime(now, WIB).date()
    low = still_open_for_ends_after(months, now)
    high = datetime.combine(add_months(today, -months) + timedelta(days=1), time.max, tzinfo=WIB)
    return _last_ends(end__gte=low, end__lte=high)


def _last_ends(**filters):
    """{training id: its last session's end}, for the trainings these filters (on `event_id`, `end`) keep."""
    return dict(
        EventSession.objects.values("event_id")
        .annotate(end=Max("end"))
        .filter(**filters)
        .values_list("event_id", "end")
    )


def due(now=None):
    """[(registration, months)] whose round is open and who were not asked it yet."""
    now = now or timezone.now()
    found = []
    for months in settings.SURVEY_FOLLOW_UP_MONTHS:
        ends = _trainings_ending_around(months, now)
        if not ends:
            continue
        people = (
            surveyed()
            .filter(event_id__in=list(ends))
            .exclude(_asked(MessageKind.SURVEY, months))
            .exclude(_answered(months))
            .select_related("event")
        )
        found += [(person, months) for person in people if is_open(ends[person.event_id], months, now)]
    return found


def reminders_due(now=None):
    """[(registration, months)] asked at least SURVEY_REMINDER_DAYS ago, unanswered, not reminded, round open."""
    now = now or timezone.now()
    found = []
    for months in settings.SURVEY_FOLLOW_UP_MONTHS:
        asked_long_ago = RegistrationMessage.objects.filter(
            registration_id=OuterRef("pk"),
            kind=MessageKind.SURVEY,
            key=str(months),
            status=MessageStatus.SENT,
            sent_at__lte=now - timedelta(days=settings.SURVEY_REMINDER_DAYS),
        )
        people = (
            surveyed()
            .filter(Exists(asked_long_ago))
            .exclude(_asked(MessageKind.SURVEY_REMINDER, months))
            .exclude(_answered(months))
            .select_related("event")
        )
        people = list(people)
        ends = _last_ends(event_id__in={person.event_id for person in people})
        found += [(person, months) for person in people if is_open(ends.get(person.event_id), months, now)]
    return found


def sweep(now=None):
    """Open the rounds and send the reminders that are due (the worker's upkeep); how many messages were made."""
    from .notifications import create_messages, enqueue_sending

    now = now or timezone.now()
    made = []
    for kind, pairs in ((MessageKind.SURVEY, due(now)), (MessageKind.SURVEY_REMINDER, reminders_due(now))):
        for registration, months in pairs:
            with transaction.atomic():
                created = create_messages(registration, kind, key=str(months))
                enqueue_sending(created)
            made += created
    return len(made)


SURVEY_KINDS = (MessageKind.SURVEY, MessageKind.SURVEY_REMINDER)


def round_of(message):
    """The months of the round a survey message or reminder asks for (its key); None for any other message."""
    return int(message.key) if message.kind in SURVEY_KINDS and message.key.isdigit() else None


def still_asks(message, now=None):
    """Whether a survey message or reminder is still true when its time to be sent comes."""
    registration = message.registration
    months = round_of(message)
    if months is None or not surveyed().filter(pk=registration.pk).exists():
        return False
    if SurveyAnswer.objects.filter(registration=registration, round=months).exists():
        return False
    return is_open(last_session_end(registration.event_id), months, now)


# --- the answers -----------------------------------------------------------------------------


class AlreadyAnswered(Exception):
    """This person answered this round before: nothing is stored again."""


BASELINE_FIELDS = ("work_status", "income_band")
FOLLOW_UP_FIELDS = ("work_status", "income_band", "helped", "business", "employs", "sells_at")


def record_baseline(registration, data, now=None):
    """The optional baseline of a registration form's data; whether anything was given to store.

    Called in the registration's transaction. The follow-up consent is stored whatever
    the rest; answers left empty store no row.
    """
    now = now or timezone.now()
    if data.get("follow_up"):
        registration.follow_up_consent_at = now
        registration.save(update_fields=["follow_up_consent_at"])
    values = {name: data.get(name) for name in BASELINE_FIELDS}
    if values["work_status"] in (None, "") and values["income_band"] is None:
        return False
    SurveyAnswer.objects.create(
        registration=registration,
        event_id=registration.event_id,
        round=SurveyAnswer.BASELINE,
        work_status=values["work_status"] or "",
        income_band=values["income_band"],
        answered_at=now,
    )
    return True


def record_answer(registration, months, data, now=None):
    """Store one follow-up answer (a valid SurveyForm's data); raises AlreadyAnswered on a second one."""
    now = now or timezone.now()
    baseline = SurveyAnswer.objects.filter(registration=registration, round=SurveyAnswer.BASELINE).first()
    try:
        with transaction.atomic():
            answer = SurveyAnswer.objects.create(
                registration=registration,
                event_id=registration.event_id,
                round=months,
                baseline_work_status=baseline.work_status if baseline else "",
                baseline_income_band=baseline.income_band if baseline else None,
                story_consent_at=now if data.get("story") else None,
                answered_at=now,
                **{name: data[name] for name in FOLLOW_UP_FIELDS},
            )
            # The round's unsent reminder, if any, would now ask for nothing.
            RegistrationMessage.objects.filter(
                registration=registration,
                kind__in=(MessageKind.SURVEY, MessageKind.SURVEY_REMINDER),
                key=str(months),
                status=MessageStatus.PENDING,
            ).update(status=MessageStatus.SKIPPED)
    except IntegrityError:
        raise AlreadyAnswered from None
    return answer


def stop_asking(registration):
    """The person asked not to be surveyed again: no round is opened for them, pending ones are dropped."""
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(follow_up_consent_at=None)
        RegistrationMessage.objects.filter(
            registration=registration,
            kind__in=(MessageKind.SURVEY, MessageKind.SURVEY_REMINDER),
            status=MessageStatus.PENDING,
        ).update(status=MessageStatus.SKIPPED)


def forget(registration):
    """The person's data is deleted: their answers stay only as anonymous rows of their training."""
    SurveyAnswer.objects.filter(registration=registration).update(registration=None, story_consent_at=None)
